"""Total deadlines for model calls: a crisis reply never waits for a model.

A client timeout bounds each *read*, so an endpoint that hangs after the headers or trickles
one token every two seconds can hold a turn for minutes. Confide bounds the *whole* call
instead: every model call runs in a worker thread and the caller waits at most until the
deadline of the node that made it; on expiry the call is abandoned (a streaming call is also
told to stop reading) and :class:`confide.errors.ModelTimeoutError` is raised, which every
agent already handles by answering from its local path.

Each graph node gets its deadline from :func:`node_deadline`, measured from the start of the
turn (``turn_started``, written by the screen wrapper):

* the screen (or the conversation layer) says high/imminent: the risk model and the crisis
  acknowledgment share ``crisis_deadline_s`` (default 5 s); the emotion refinement and the
  strategy planner are not called at all, since the fixed crisis text needs neither;
* any other turn: all model calls share ``turn_deadline_s``; after it the offline engine
  answers and the reply's provenance says so (``fallback``).

The output guard runs inside the reply node (:func:`confide.safety.guard.make_guarded_node`),
so its repair calls share that node's deadline: on a crisis turn the acknowledgment and any
repair together stay within ``crisis_deadline_s``; a repair that cannot finish in time ends in
the composed safe reply, never in the draft.
"""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from confide.errors import ModelTimeoutError
from confide.records import level_index

if TYPE_CHECKING:
    from confide.config import Settings

R = TypeVar("R")

#: ``time.monotonic()`` by which the current node's model calls must have finished.
_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "confide_model_deadline", default=None
)
_HIGH = level_index("high")


class CallCancelled(Exception):
    """Raised inside a worker whose caller stopped waiting (the deadline passed)."""


def current_deadline() -> float | None:
    """The monotonic time by which model calls in this context must finish (None: unset)."""
    return _DEADLINE.get()


@contextmanager
def deadline_at(monotonic_at: float | None) -> Iterator[None]:
    """Set the model-call deadline for the block (a later, looser one never overrides)."""
    outer = _DEADLINE.get()
    if outer is not None and monotonic_at is not None:
        monotonic_at = min(outer, monotonic_at)
    token = _DEADLINE.set(monotonic_at if monotonic_at is not None else outer)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def run_with_deadline(work: Callable[[threading.Event], R], timeout_s: float, name: str) -> R:
    """Run ``work(cancel)`` in a daemon thread; return its result or raise on timeout.

    The thread runs in a copy of the caller's context, so LangChain callbacks (and with them
    LangGraph's token stream) keep working. On timeout ``cancel`` is set, so a streaming
    worker stops reading at its next chunk, and :class:`ModelTimeoutError` is raised at once;
    a blocked non-streaming worker is left to its client's own timeout (it is a daemon, so it
    never holds the process open). Any exception of ``work``, including a ``BaseException``
    such as a test fake's loud failure, is re-raised in the caller.
    """
    if timeout_s <= 0:
        raise ModelTimeoutError(f"{name}: no time left before the turn's deadline; not called")
    cancel = threading.Event()
    done = threading.Event()
    box: dict[str, Any] = {}
    ctx = contextvars.copy_context()

    def target() -> None:
        try:
            box["value"] = ctx.run(work, cancel)
        except BaseException as exc:  # handed to the caller, which re-raises it
            box["error"] = exc
        finally:
            done.set()

    thread = threading.Thread(target=target, name=f"confide-model-{name}", daemon=True)
    thread.start()
    if not done.wait(timeout_s):
        cancel.set()
        raise ModelTimeoutError(f"{name}: no complete answer within {timeout_s:.1f} s; abandoned")
    if "error" in box:
        raise box["error"]
    return box["value"]  # type: ignore[no-any-return]


def _level(record: Mapping[str, Any] | None) -> int:
    if not record:
        return 0
    try:
        return level_index(str(record.get("level", "none")))
    except (KeyError, ValueError):
        return _HIGH  # an unknown level fails closed: treat it as a crisis


def screen_says_crisis(state: Mapping[str, Any]) -> bool:
    """The local screen of this turn rated the message high or imminent."""
    return _level(state.get("screen")) >= _HIGH


def risk_says_crisis(state: Mapping[str, Any]) -> bool:
    """This turn's risk assessment (screen, model and conversation layer) is high+."""
    return _level(state.get("risk")) >= _HIGH


def node_deadline(
    node: str,
    state: Mapping[str, Any],
    settings: Settings,
    *,
    now: float,
    conversation_crisis: bool = False,
) -> float:
    """Unix time by which ``node``'s model calls must finish this turn (pure policy).

    A deadline equal to ``now`` means "do not call the model at all".
    """
    started = float(state.get("turn_started") or now)
    crisis_end = started + settings.crisis_deadline_s
    turn_end = started + settings.turn_deadline_s
    screen_crisis = screen_says_crisis(state)
    if node in ("emotion", "plan"):  # both run beside risk, before its reading is known
        return now if screen_crisis else turn_end
    if node == "risk":
        return crisis_end if screen_crisis or conversation_crisis else turn_end
    if node == "strategy":
        return now if screen_crisis or risk_says_crisis(state) else turn_end
    # the guard runs inside the reply node, under that node's deadline (the counselor only
    # runs below crisis level); "guard" stays for a guard run as a node of its own
    if node in ("compassionate_completion", "guard"):
        return crisis_end if screen_crisis or risk_says_crisis(state) else turn_end
    return turn_end
