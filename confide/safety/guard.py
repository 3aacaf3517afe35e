"""The output guard: every outgoing reply is checked, repaired if needed, and disclosed as AI.

The checks are :func:`confide.safety.reply_checks.check_reply`. :func:`guard_reply` repairs a
violating draft with at most :data:`MAX_REGENERATIONS` model rewrites (LLM engine), then falls
back to the last-resort safe reply (:func:`confide.safety.safe_reply.compose_safe_reply`),
built from the reviewed texts. It never loops without bound and never lets an empty reply
through.

The guard runs inside the graph, on the way out, in each reply node
(:func:`make_guarded_node` wraps the counselor and Compassionate Completion): a draft is a
local value of that node and never enters the graph's state, so no stream mode, event or
checkpoint can carry it. While the counselor's reply streams, the streaming rail
(:class:`confide.safety.streaming.ReplyPreview`) applies the same checks sentence by sentence.
If the guard itself fails, the fixed safe reply goes out, never the draft.
"""

from __future__ import annotations

import logging
import operator
from collections.abc import Callable, Mapping
from typing import Any, Final, cast, get_args, get_type_hints

from langchain_core.messages import AIMessage, HumanMessage
from langgraph.runtime import Runtime

from confide.context import Context, run_context
from confide.engine import Services, text_call
from confide.errors import ModelError
from confide.facts import turn_text
from confide.prompts import get_prompt
from confide.records import ReplyMeta
from confide.safety.disclosure import apply_disclosure, disclosure_reason
from confide.safety.failsafe import failsafe_reply
from confide.safety.reply_checks import Violation, check_reply
from confide.safety.safe_reply import compose_safe_reply
from confide.safety.texts import LANGUAGE_NAMES, reply_locale
from confide.state import TurnState

logger = logging.getLogger(__name__)

#: At most this many model rewrites of a violating draft, then a composed reply.
MAX_REGENERATIONS: Final = 2

REPAIR_PROMPT_ID: Final = "guard.repair"


def _last_user_text(state: TurnState) -> str:
    return turn_text(state)  # recorded once by the screen node


def _default_meta(services: Services) -> ReplyMeta:
    return ReplyMeta(
        engine=services.engine,
        model=services.model_name,
        policy="fallback",
        prompt_id="",
        prompt_version="",
        llm_calls=0,
        fallback=False,
        notes=[],
        guard=[],
    )


def _regenerate(
    services: Services,
    draft: str,
    violations: list[Violation],
    *,
    user_text: str,
    locale: str,
    check: Callable[[str], list[Violation]],
) -> tuple[str | None, list[str], int, bool]:
    """Rewrite with the guard's feedback, at most MAX_REGENERATIONS times.

    Returns (clean reply or None, codes seen in rewrites, calls made, model failed).
    """
    prompt = get_prompt(REPAIR_PROMPT_ID)
    seen: list[str] = []
    calls = 0
    candidate = draft
    feedback = violations
    for _ in range(MAX_REGENERATIONS):
        rendered = prompt.render(
            language=LANGUAGE_NAMES.get(locale, "English"),
            user_text=user_text,
            draft=candidate,
            problems=[v.feedback for v in feedback],
        )
        calls += 1
        try:
            candidate = text_call(services, [HumanMessage(content=rendered)], name="guard.repair")
        except ModelError as exc:
            logger.warning("guard repair failed, composing a safe reply: %s", exc)
            return None, seen, calls, True
        feedback = check(candidate)
        if not feedback:
            return candidate, seen, calls, False
        seen.extend(v.code for v in feedback)
    return None, seen, calls, False


def guard_reply(
    services: Services,
    state: Mapping[str, Any],
    draft: str,
    reply_meta: Mapping[str, Any] | None,
    ctx: Context,
) -> dict[str, Any]:
    """Check a draft, repair it (bounded), disclose AI nature; return the turn's reply update.

    ``state`` is the turn's state with the drafting node's update applied. Returns
    ``messages: [AIMessage(final)]``, the completed ``reply_meta`` and, when it disclosed,
    ``last_disclosure_at``. Raises only on a bug (see :func:`make_guarded_node`).
    """
    turn_state = cast(TurnState, state)
    now = ctx.clock()
    meta = _default_meta(services)
    meta.update(cast(ReplyMeta, dict(reply_meta or {})))  # a partial meta gets every field
    screen = state.get("screen")
    risk = state.get("risk")
    user_text = _last_user_text(turn_state)
    locale = reply_locale(screen.get("language") if screen else None, user_text)

    def check(candidate: str) -> list[Violation]:
        return check_reply(
            candidate, risk=risk, user_text=user_text, locale=locale, region=ctx.region
        )

    violations = check(draft)
    codes = [v.code for v in violations]
    notes = list(meta["notes"])
    final = draft
    if violations:
        repaired: str | None = None
        if services.chat_model is not None and not services.model_available():
            meta["fallback"] = True
            notes.append("guard: model unavailable")
        elif services.chat_model is not None and draft.strip():
            repaired, more, calls, failed = _regenerate(
                services, draft, violations, user_text=user_text, locale=locale, check=check
            )
            codes.extend(more)
            meta["llm_calls"] = meta["llm_calls"] + calls
            if failed:
                meta["fallback"] = True
                notes.append("guard: repair model failed")
        if repaired is not None:
            final = repaired
            notes.append("guard: repaired by regeneration")
        else:
            final = compose_safe_reply(
                turn_state, user_text=user_text, locale=locale, region=ctx.region, check=check
            )
            notes.append("guard: composed safe reply")
        meta["policy"] = "guard_repair"
        _audit(services, ctx, state, now, sorted(set(codes)), "guard_repair")
    reason = disclosure_reason(turn_state, user_text=user_text, now=now)
    if reason is not None:
        final = apply_disclosure(final, reason, locale)
        notes.append(f"disclosure: {reason}")
    meta["notes"] = notes
    meta["guard"] = list(dict.fromkeys(codes))
    update: dict[str, Any] = {
        "messages": [
            AIMessage(
                content=final,
                response_metadata={"confide_at": now, "confide_disclosure": reason},
            )
        ],
        "reply_meta": meta,
    }
    if reason is not None:
        update["last_disclosure_at"] = now
    return update


def _audit(
    services: Services,
    ctx: Context,
    state: Mapping[str, Any],
    now: float,
    codes: list[str],
    policy: str,
) -> None:
    if services.audit is None:
        return
    risk = state.get("risk")
    services.audit.record(
        {
            "event": "guard",
            "time": now,
            "user_id": ctx.user_id,
            "session_id": ctx.session_id,
            "turn": state.get("turn", 0),
            "level": risk["level"] if risk else "unknown",
            "categories": list(risk["categories"]) if risk else [],
            "policy": policy,
            "guard": codes,
        }
    )


def make_guard_node(services: Services) -> Callable[[TurnState, Runtime[Context]], dict[str, Any]]:
    """The guard alone, over a state that holds a ``draft`` (for tests).

    The turn graph does not use it as a node: the guard runs inside each reply node
    (:func:`make_guarded_node`), so the draft never enters the graph's state.
    """

    def guard(state: TurnState, runtime: Runtime[Context]) -> dict[str, Any]:
        ctx = run_context(runtime)
        view = cast(Mapping[str, Any], state)
        return guard_reply(
            services, view, str(view.get("draft") or ""), view.get("reply_meta"), ctx
        )

    return guard


#: State keys whose reducer appends (``operator.add``): a node's update extends them.
_APPENDED: Final = frozenset(
    key
    for key, hint in get_type_hints(TurnState, include_extras=True).items()
    if len(get_args(hint)) > 1 and get_args(hint)[1] is operator.add
)


def applied(state: Mapping[str, Any], update: Mapping[str, Any]) -> dict[str, Any]:
    """The state as it reads once ``update`` is applied (appending keys are extended)."""
    view = dict(state)
    for key, value in update.items():
        if key in _APPENDED:
            view[key] = [*(state.get(key) or []), *value]
        else:
            view[key] = value
    return view


def make_guarded_node(
    services: Services,
    drafting: Callable[[TurnState, Runtime[Context]], dict[str, Any]],
) -> Callable[[TurnState, Runtime[Context]], dict[str, Any]]:
    """A reply node: ``drafting`` writes a draft, the guard turns it into the turn's reply.

    The draft stays a local value of this node: it is never written to the graph's state,
    so no stream mode (``values``, ``updates``, ``checkpoints``, ``tasks``, ``debug``), no
    ``astream_events`` event and no checkpoint ever holds it. What the node returns is the
    drafting node's update without ``draft``, plus the guard's: the final ``AIMessage`` in
    ``messages`` and the completed ``reply_meta``.

    Fail closed: if the guard itself raises, the reply is Compassionate Completion's safe
    reply made of fixed, reviewed texts only (then the fixed failsafe text), never the draft.
    """

    def reply(state: TurnState, runtime: Runtime[Context]) -> dict[str, Any]:
        ctx = run_context(runtime)
        update = dict(drafting(state, runtime))
        draft = str(update.pop("draft", "") or "")
        view = applied(state, update)
        try:
            out = guard_reply(services, view, draft, update.get("reply_meta"), ctx)
        except Exception as exc:  # a bug in the guard must not let the draft out
            logger.exception("the guard failed; the safe reply goes out instead of the draft")
            out = _failed_guard_reply(services, view, update.get("reply_meta"), ctx, exc)
        return {**update, **out}

    reply.__name__ = getattr(drafting, "__name__", "reply")
    return reply


def _failed_guard_reply(
    services: Services,
    state: Mapping[str, Any],
    reply_meta: Mapping[str, Any] | None,
    ctx: Context,
    error: Exception,
) -> dict[str, Any]:
    """The reply when the guard raised: the fixed safe reply, the draft thrown away."""
    now = ctx.clock()
    user_text = _last_user_text(cast(TurnState, state))
    try:
        screen = state.get("screen")
        locale = reply_locale(screen.get("language") if screen else None, user_text)
        # every candidate counts as unchecked: the unquoted, fixed texts are what goes out
        final = compose_safe_reply(
            cast(TurnState, state),
            user_text=user_text,
            locale=locale,
            region=ctx.region,
            check=lambda _reply: [Violation("unchecked")],
        )
    except Exception:  # even composing failed: the fixed failsafe text (it never raises)
        logger.exception("composing the safe reply failed too; sending the failsafe text")
        final = failsafe_reply(user_text, ctx.region)
    meta = _default_meta(services)
    meta.update(cast(ReplyMeta, dict(reply_meta or {})))
    meta["policy"] = "guard_failed"
    meta["fallback"] = True
    meta["notes"] = [
        *meta["notes"],
        f"guard failed ({type(error).__name__}); the draft was discarded, safe reply composed",
    ]
    meta["guard"] = ["guard_error"]
    try:
        _audit(services, ctx, state, now, ["guard_error"], "guard_failed")
    except Exception:  # the audit is best-effort here: the reply must still go out
        logger.exception("auditing the failed guard failed")
    return {
        "messages": [
            AIMessage(content=final, response_metadata={"confide_at": now, "guard_failed": True})
        ],
        "reply_meta": meta,
    }
