"""Per-turn facts, computed once and shared by the nodes of a turn.

- **The user's text.** The ``screen`` node reads the newest user message once and records it
  in the state (``TurnState.user_text``); every later node reads it with :func:`turn_text`.
- **Sentence vectors of that text.** Emotion, recall, strategy and remember all need the
  MiniLM vector of the same message. :class:`TurnFacts` computes it once per turn (the first
  node to ask computes it, a node asking at the same time waits for that result instead of
  computing it again) and hands the same vector to every node. The facts are held
  process-locally by :class:`FactsCache` (in :class:`confide.engine.Services`), keyed by
  thread and turn, and never enter the state: a 384-float vector in every checkpoint of every
  turn would cost disk forever for a value that is cheap to recompute. A turn resumed in
  another process (or after the cache dropped it) simply computes the vector again, so no
  result depends on the cache: the vector is a pure function of the text.
- **Screen results of earlier turns** are small and needed across turns, so they are state:
  ``TurnState.screens`` (see :func:`screen_digest`).
- **LLM calls of the turn** are counted in a reducer channel, ``TurnState.llm_calls``
  (see :func:`count_calls` and :func:`calls_this_turn`).

A failing encoder never breaks a turn: :meth:`TurnFacts.vector` raises what the encoder
raised, each caller degrades as it did before (the emotion node to its lexical cues, the
strategy head without the embedding, recall to no memories), and the risk screen does not use
it at all.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol, TypeVar, cast, runtime_checkable

import numpy as np
import numpy.typing as npt
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from typing_extensions import TypedDict  # pydantic (Studio, LangGraph Server) needs it below 3.12

T = TypeVar("T")

#: How many turns' facts a process keeps (a few per live session is plenty).
FACTS_TURNS = 64
#: Model ids of encoders that lowercase and split on whitespace before anything else (MiniLM's
#: BERT tokenizer): for them, texts that differ only in case or spacing get the same vector.
_UNCASED = frozenset({"all-MiniLM-L6-v2-onnx-int8"})


def message_text(message: BaseMessage | Any) -> str:
    """Return the plain text of a message (string or list-of-parts content)."""
    content = getattr(message, "content", message)
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(
            str(part.get("text", "")) if isinstance(part, dict) else str(part) for part in content
        )
    return str(content or "")


def reply_texts(messages: Sequence[BaseMessage] | None) -> list[str]:
    """The assistant's replies among ``messages``, oldest first, as plain text."""
    return [message_text(m) for m in messages or () if isinstance(m, AIMessage)]


M = TypeVar("M", bound=BaseMessage)


def transcript(
    messages: Sequence[M],
    limit: int,
    *,
    user: str = "Person",
    text: Callable[[M], str] | None = None,
) -> str:
    """The last ``limit`` messages as ``Role: text`` lines, for a prompt.

    The user's messages are headed ``user``, every other message ``Companion``; ``text`` reads
    a message (default: its plain text, stripped).
    """
    lines = []
    for m in list(messages)[-limit:]:
        role = user if isinstance(m, HumanMessage) else "Companion"
        said = text(m) if text is not None else message_text(m).strip()
        lines.append(f"{role}: {said}")
    return "\n".join(lines)


def last_user_text(state: Mapping[str, Any]) -> str:
    """Return the newest user message of the state's messages (empty when there is none)."""
    for message in reversed(state.get("messages") or []):
        if isinstance(message, HumanMessage):
            return message_text(message)
    return ""


def turn_text(state: Mapping[str, Any]) -> str:
    """The user's text of this turn, as the ``screen`` node recorded it.

    A state without the record (a node called on its own, an old checkpoint) reads it from
    the messages, which gives the same text.
    """
    text = state.get("user_text")
    return text if isinstance(text, str) else last_user_text(state)


@runtime_checkable
class Encoder(Protocol):
    """A sentence encoder: an id, a dimension and unit vectors.

    The memory store's embedder (``confide.memory.store.TextEmbedder``) is one.
    """

    @property
    def model_id(self) -> str:
        """Identifier of the encoder's model (recorded in every memory collection built with it)."""
        ...

    @property
    def dimension(self) -> int:
        """Length of each vector."""
        ...

    def embed(self, texts: list[str]) -> npt.NDArray[np.float32]:
        """Embed ``texts`` into an (n, dimension) array of unit vectors."""
        ...


def _key(encoder: Any, text: str) -> tuple[str, str]:
    model_id = getattr(encoder, "model_id", None) or f"{type(encoder).__name__}@{id(encoder)}"
    if model_id in _UNCASED:
        return model_id, " ".join(text.lower().split())
    return model_id, text


class TurnFacts:
    """One turn's computed facts: the user's text and the sentence vectors of texts of it.

    Thread-safe; the nodes of a turn run in parallel threads and share one instance.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._vectors: dict[tuple[str, str], npt.NDArray[np.float32]] = {}
        self._locks: dict[tuple[str, str], threading.Lock] = {}
        self._values: dict[str, object] = {}
        self._value_locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()
        #: How many vectors were computed (not served from the facts): for tests and benchmarks.
        self.computed = 0

    def once(self, key: str, compute: Callable[[], T]) -> T:
        """The value of ``compute()`` for ``key``, computed at most once per turn.

        A node asking while another computes it waits for that result. ``compute`` should
        not raise (an exception is not remembered: the next caller computes again).
        """
        with self._lock:
            if key in self._values:
                return cast(T, self._values[key])
            lock = self._value_locks.setdefault(key, threading.Lock())
        with lock:
            with self._lock:
                if key in self._values:
                    return cast(T, self._values[key])
            value = compute()
            with self._lock:
                self._values[key] = value
            return value

    def known(self, key: str) -> bool:
        """Whether ``key`` was computed for this turn already."""
        with self._lock:
            return key in self._values

    def vector(self, encoder: Any, text: str | None = None) -> npt.NDArray[np.float32]:
        """The encoder's vector of ``text`` (default: the turn's text), computed once per turn.

        ``encoder`` is an :class:`Encoder` (MiniLM, the memory store's embedder). Raises
        whatever the encoder raises (callers degrade as they would without the facts); a
        failure is not remembered, so the next node tries again.
        """
        text = self.text if text is None else text
        key = _key(encoder, text)
        with self._lock:
            found = self._vectors.get(key)
            if found is not None:
                return found
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:  # one computation per text: a node asking meanwhile waits for it
            with self._lock:
                found = self._vectors.get(key)
            if found is None:
                found = np.array(encoder.embed([text])[0], dtype=np.float32)
                found.setflags(write=False)
                with self._lock:
                    self._vectors[key] = found
                    self.computed += 1
            return found


class FactsCache:
    """Process-local :class:`TurnFacts` per (thread, turn), the newest :data:`FACTS_TURNS`."""

    def __init__(self, size: int = FACTS_TURNS) -> None:
        self._size = size
        self._facts: OrderedDict[tuple[str, int, float], TurnFacts] = OrderedDict()
        self._lock = threading.Lock()

    def for_state(self, state: Mapping[str, Any]) -> TurnFacts:
        """The facts of the turn run ``state`` belongs to (thread, turn, start; and text).

        The start (``turn_started``, stamped with the screen) tells a re-run of the same turn
        (regenerate) from the first run, so nothing computed for one serves the other.
        """
        text = turn_text(state)
        started = state.get("turn_started")
        key = (
            _thread_id(),
            int(state.get("turn") or 0),
            float(started) if isinstance(started, int | float) else 0.0,
        )
        with self._lock:
            facts = self._facts.get(key)
            if facts is None or facts.text != text:
                facts = TurnFacts(text)
                self._facts[key] = facts
            self._facts.move_to_end(key)
            while len(self._facts) > self._size:
                self._facts.popitem(last=False)
            return facts


def _thread_id() -> str:
    """The running graph's thread id ('' outside a graph run)."""
    try:
        from langgraph.config import get_config

        configurable = get_config().get("configurable") or {}
    except RuntimeError:  # not inside a runnable
        return ""
    return str(configurable.get("thread_id", ""))


# --------------------------------------------------------------------- earlier screens
class ScreenDigest(TypedDict):
    """What the conversation layer needs of an earlier message's screen (kept in state)."""

    #: The reviewed rules' level of the message (``screen_text(text, model=False)``).
    rules_level: str
    #: Warning signs found in it (:func:`confide.agents.risk.turn_flags`).
    flags: list[str]


#: How many messages' digests the state keeps (the conversation layer reads the last four).
SCREENS_KEPT = 8


def keep_screens(
    current: Mapping[str, ScreenDigest] | None, update: Mapping[str, ScreenDigest] | None
) -> dict[str, ScreenDigest]:
    """Reducer of ``TurnState.screens``: merge by message id, keep the newest few."""
    merged = {**(current or {}), **(update or {})}
    if len(merged) > SCREENS_KEPT:
        merged = dict(list(merged.items())[-SCREENS_KEPT:])
    return merged


# --------------------------------------------------------------------------- LLM calls
class TurnCalls(TypedDict):
    """LLM calls made in one turn (``turn``): the channel ``TurnState.llm_calls``."""

    turn: int
    calls: int


def count_calls(current: TurnCalls | None, update: TurnCalls | None) -> TurnCalls:
    """Reducer of ``TurnState.llm_calls``: add within a turn, start again at a new turn."""
    if not update:
        return current or TurnCalls(turn=0, calls=0)
    if not current or current.get("turn") != update["turn"]:  # LangGraph starts it at {}
        return TurnCalls(turn=update["turn"], calls=update["calls"])
    return TurnCalls(turn=current["turn"], calls=current["calls"] + update["calls"])


def calls_this_turn(state: Mapping[str, Any]) -> int:
    """LLM calls the turn's earlier nodes made (0 when the channel is of an older turn)."""
    counted = state.get("llm_calls")
    if not isinstance(counted, Mapping):
        return 0
    return int(counted.get("calls", 0)) if counted.get("turn") == state.get("turn") else 0


def user_message_ids(messages: Sequence[BaseMessage]) -> list[str | None]:
    """The ids of the user messages, in order (None for a message without an id)."""
    return [m.id for m in messages if isinstance(m, HumanMessage)]
