"""Compassionate Completion: the reply path for crisis-level risk and boundary requests.

Instead of a hard cutoff, every reply carries the four CCS components (the rubric that
measures them is the evaluation's, :mod:`confide.evaluation.ccs`): an acknowledgment specific
to what the person said, a transparent boundary (what Confide will not do and why, without
shame, plus the safe part it *can* do), a graded transition (``ccs_streak`` moves successive
turns toward support instead of repeating; the conversation is never ended) and a guided
redirection (a concrete next step offered as an invitation). Crisis replies ask directly about
safety, suggest distance from means without any detail, give the region's crisis resources
and, at imminent risk, urge emergency services now.

Every sentence comes from the reviewed texts in :mod:`confide.safety.texts`. With the LLM
engine the model may write the acknowledgment only; it is checked by the guard and replaced by
the composed acknowledgment when it fails or breaks a rule.

This module composes; it does not escalate: the graph's ``escalate`` node
(:mod:`confide.safety.escalation`) calls the host's hook before this node runs, and the
completion reply only notes what it did. The check-in below crisis level is
:mod:`confide.safety.check_in`, the guard's last-resort reply :mod:`confide.safety.safe_reply`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Final, Literal

from langchain_core.messages import HumanMessage
from langgraph.runtime import Runtime

from confide.context import Context, run_context
from confide.engine import Services, text_call
from confide.errors import ModelError
from confide.facts import calls_this_turn, reply_texts, turn_text
from confide.prompts import get_prompt
from confide.records import (
    BoundaryKind,
    ReplyMeta,
    RiskLevel,
    level_index,
    max_level,
)
from confide.safety.categories import (
    ABOUT_SOMEONE_ELSE,
    CRISIS_SELF,
    OVERDOSE_CUE,
    TABLE,
)
from confide.safety.crisis_flow import (
    CrisisFlow,
    compose_follow_up,
    follow_up_locale,
    needs_full_block,
    new_risk_now,
    read_steps,
    renew_block,
    start_flow,
)
from confide.safety.markers import has_refusal
from confide.safety.reply_checks import check_reply
from confide.safety.resources import (
    ResourceKind,
    emergency_phrase,
    format_resources,
    resources_for,
)
from confide.safety.texts import (
    LANGUAGE_NAMES,
    TEXTS_VERSION,
    reply_locale,
    resolve_locale,
    text,
)
from confide.safety.texts_flow import FLOW_TEXTS_VERSION
from confide.safety.wording import (
    QUOTE_CHARS,
    freshen,
    join_sentences,
    pick_quote,
    quote_sentence,
    user_texts,
)
from confide.state import TurnState

logger = logging.getLogger(__name__)

ACK_PROMPT_ID: Final = "completion.acknowledge"
COMPOSED_PROMPT_ID: Final = "completion.composed"
#: The follow-up after a crisis reply (crisis flow), composed from the fixed flow texts.
FOLLOW_UP_PROMPT_ID: Final = "completion.follow_up"

Focus = Literal["self", "medical", "medical_other", "others", "abuse", "psychosis", "general"]

#: Boundary kinds in the order their statements are given (the most safety-relevant first).
BOUNDARY_ORDER: Final[tuple[BoundaryKind, ...]] = (
    "method_info",
    "harmful_instructions",
    "medication_dosing",
    "diagnosis",
    "romantic",
    "pretend_therapist",
    "pretend_human",
    "prompt_injection",
)
_MAX_BOUNDARY_STATEMENTS: Final = 2
_HIGH: Final = level_index("high")


@dataclass(frozen=True)
class CompletionPlan:
    """What kind of completion reply this turn needs."""

    policy: Literal["crisis", "boundary"]
    level: RiskLevel
    focus: Focus
    kinds: tuple[BoundaryKind, ...]
    categories: tuple[str, ...]
    locale: str
    region: str

    @property
    def imminent(self) -> bool:
        """Risk is imminent: emergency services come first."""
        return self.level == "imminent"


def _focus(level: RiskLevel, categories: Iterable[str], third_party: bool) -> Focus:
    # the priority between foci is the table's crisis_focus_order (medical first)
    cats = set(categories)
    own_act = "suicide_attempt" in cats and level == "imminent"
    focus = TABLE.crisis_focus(cats)
    if focus == "medical" and not own_act and (third_party or cats & ABOUT_SOMEONE_ELSE):
        return "medical_other"  # someone else is unresponsive, seizing, poisoned...
    if own_act:
        return "medical"
    return focus or "general"


def plan_completion(
    level: str,
    categories: Iterable[str],
    boundary: Iterable[str],
    *,
    locale: str | None,
    region: str,
    third_party: bool = False,
) -> CompletionPlan:
    """Decide policy, focus and boundary kinds from the turn's risk and boundary requests."""
    lv = max_level(level)
    cats = tuple(dict.fromkeys(categories))
    requested = set(boundary)
    kinds = tuple(k for k in BOUNDARY_ORDER if k in requested)
    policy: Literal["crisis", "boundary"] = (
        "boundary" if kinds and level_index(lv) < _HIGH else "crisis"
    )
    return CompletionPlan(
        policy=policy,
        level=lv,
        focus=_focus(lv, cats, third_party),
        kinds=kinds,
        categories=cats,
        locale=resolve_locale(locale),
        region=region,
    )


def plan_from_state(state: Mapping[str, Any], region: str) -> CompletionPlan:
    """Plan from the graph state; a missing risk assessment fails closed to the screen/high."""
    risk = state.get("risk")
    screen = state.get("screen")
    if risk is not None:
        level, categories = str(risk["level"]), list(risk.get("categories") or [])
    elif screen is not None:
        level, categories = str(screen["level"]), list(screen.get("categories") or [])
    else:
        level, categories = "high", []
    boundary = list(state.get("boundary") or (screen.get("boundary") if screen else None) or [])
    locale = reply_locale(screen.get("language") if screen else None, turn_text(state))
    third_party = bool(screen.get("third_party")) if screen else False
    return plan_completion(
        level, categories, boundary, locale=locale, region=region, third_party=third_party
    )


# --- the acknowledgment ----------------------------------------------------------------------


def _ack_key(plan: CompletionPlan, *, quoted_now: bool) -> str:
    if plan.policy == "crisis" or not plan.kinds:
        if "method_info" in plan.kinds and not quoted_now:
            # a bare method question: name the weight behind it, not "that sounds painful"
            return "ack_method_info"
        return f"ack_{plan.focus}"
    return f"ack_{plan.kinds[0]}"


def compose_acknowledgment(
    plan: CompletionPlan, user_text: str, *, quote: bool = False, earlier: Sequence[str] = ()
) -> str:
    """Acknowledge the situation with the reviewed line for its category.

    Replies never quote the person back by default (issue 13: "You wrote: “...”" reads like a
    machine). With ``quote=True`` a screened quote of their words comes first; when nothing in
    this message can be quoted (a bare method question, say), a fragment of one of their
    ``earlier`` messages (most recent first) is reflected instead.
    """
    fragment = pick_quote(user_text) if quote else None
    parts = []
    if fragment:
        parts.append(quote_sentence(fragment, plan.locale))
    elif quote:
        for previous in earlier[:3]:
            older = pick_quote(previous)
            if older:
                parts.append(quote_sentence(older, plan.locale, earlier=True))
                break
    parts.append(text(_ack_key(plan, quoted_now=fragment is not None), plan.locale))
    return join_sentences(parts, plan.locale)


# --- the reply -------------------------------------------------------------------------------


def _resource_kinds(plan: CompletionPlan) -> tuple[ResourceKind, ...]:
    cats = set(plan.categories)
    kinds: list[ResourceKind]
    if plan.focus in ("medical", "medical_other"):
        kinds = ["emergency", "poison", "crisis"]
    elif plan.focus == "abuse":
        kinds = ["abuse", "emergency", "crisis"]
    else:
        kinds = ["crisis", "emergency"]
    # the categories' own lines (eating disorder, poison control): the table's crisis_resources
    kinds += [k for k in TABLE.crisis_resources(cats) if k not in kinds]
    kinds.append("directory")
    return tuple(kinds)


def _resources_block(plan: CompletionPlan, kinds: tuple[ResourceKind, ...]) -> str:
    block = format_resources(resources_for(plan.region, kinds), plan.locale)
    return f"{text('resources_intro', plan.locale)}\n{block}"


#: Distance-from-means sentence per focus (general distress gets the self-harm wording).
_MEANS: Final[dict[Focus, str]] = {
    "self": "means_self",
    "general": "means_self",
    "psychosis": "means_self",
    "others": "means_others",
    "abuse": "means_abuse",
    "medical": "means_medical",
    "medical_other": "means_medical_other",
}
#: Direct safety question per focus.
_ASK: Final[dict[Focus, str]] = {
    "self": "ask_self",
    "general": "ask_general",
    "psychosis": "ask_general",
    "others": "ask_others",
    "abuse": "ask_abuse",
    "medical": "ask_medical",
    "medical_other": "ask_medical_other",
}


def _step(streak: int) -> int:
    return max(0, min(int(streak), 2))


#: Something may already have been taken: a dosing question then needs the emergency line.
_OVERDOSE_CUE: Final = re.compile(
    r"\b(?:took|taken|have\s+taken|swallowed|ingested|overdos\w*|od'?d|too\s+(?:many|much)|"
    r"more\s+than\s+(?:prescribed|i\s+should|the\s+label|it\s+says)|whole\s+(?:bottle|pack\w*|box)|"
    r"accidentally\s+(?:took|had|double)|double\s+dosed|tomé|tome\s+demasiad|j'ai\s+pris|"
    r"habe\s+\w+\s+genommen|tomei|吃了|ले\s+ली|खा\s+ली)",
    re.IGNORECASE,
)


def overdose_cues(user_text: str, categories: Iterable[str] = ()) -> bool:
    """Whether a medication question comes with signs that too much may have been taken."""
    return bool(_OVERDOSE_CUE.search(user_text or "")) or bool(set(categories) & OVERDOSE_CUE)


def compose_completion(
    plan: CompletionPlan,
    user_text: str,
    streak: int,
    *,
    ack: str | None = None,
    quote: bool = False,
    earlier: Sequence[str] = (),
) -> str:
    """Compose the full CCS reply from the reviewed texts (``ack`` overrides the opening).

    ``earlier`` holds the person's previous messages, most recent first.
    """
    loc = plan.locale
    step = _step(streak)
    emergency = emergency_phrase(plan.region, loc)
    opening = ack or compose_acknowledgment(plan, user_text, quote=quote, earlier=earlier)
    statements = [text(f"boundary_{k}", loc) for k in plan.kinds[:_MAX_BOUNDARY_STATEMENTS]]
    paragraphs: list[str] = []
    if plan.policy == "crisis":
        urgent = ""
        urgent_now = plan.imminent or plan.focus == "medical_other"
        if urgent_now:
            key = {"medical": "urgent_medical", "medical_other": "urgent_medical_other"}.get(
                plan.focus, "urgent_general"
            )
            urgent = text(key, loc).format(emergency=emergency)
        paragraphs.append(join_sentences([opening, urgent], loc))
        asks = [text(_ASK[plan.focus], loc)]
        cats = set(plan.categories)
        if plan.focus in ("abuse", "others", "general", "psychosis") and cats & CRISIS_SELF:
            # e.g. abuse *and* suicidal thoughts: ask about both, directly
            asks.append(text("ask_self", loc))
        if "psychosis" in cats:
            # acknowledge the experience, neither confirm nor argue, suggest a check-up
            asks.append(text("reality_psychosis", loc))
        paragraphs.append(join_sentences([*asks, *statements, text(_MEANS[plan.focus], loc)], loc))
        paragraphs.append(join_sentences([text("crisis_boundary", loc)], loc))
        paragraphs.append(_resources_block(plan, _resource_kinds(plan)))
        redirect = (
            text("imminent_redirect", loc)
            if urgent_now and step == 0
            else text(f"crisis_redirect_{step}", loc)
        )
        paragraphs.append(join_sentences([text(f"crisis_transition_{step}", loc), redirect], loc))
        return "\n\n".join(p for p in paragraphs if p)

    first = plan.kinds[0]
    paragraphs.append(opening)
    extra: list[str] = []
    overdose = "medication_dosing" in plan.kinds and overdose_cues(user_text, plan.categories)
    if "medication_dosing" in plan.kinds:
        # emergency and poison control only when something may already have been taken;
        # a plain dosing question gets the label / pharmacist / prescriber instead
        extra.append(
            text("med_urgent", loc).format(emergency=emergency)
            if overdose
            else text("med_label", loc)
        )
    if "eating_disorder" in plan.categories and "method_info" not in plan.kinds:
        # a request that could feed restriction or purging: name real help for eating problems
        extra.append(text("checkin_ask_eating", loc))
    paragraphs.append(join_sentences([*statements, *extra], loc))
    if "method_info" in plan.kinds:
        paragraphs.append(_resources_block(plan, ("crisis", "emergency", "directory")))
    elif "eating_disorder" in plan.categories:
        paragraphs.append(_resources_block(plan, ("eating_disorder", "crisis", "directory")))
    elif overdose:
        poison = resources_for(plan.region, ("poison",))
        if poison:
            paragraphs.append(format_resources(poison, loc))
    paragraphs.append(
        join_sentences([text(f"transition_{step}", loc), text(f"redirect_{first}", loc)], loc)
    )
    return "\n\n".join(p for p in paragraphs if p)


# --- the LLM acknowledgment ------------------------------------------------------------------

_SENTENCE_END: Final = re.compile(r"(?<=[.!?。！？])\s+")
#: A follow-up opening must not call the person's message painful (it may be calm or safe).
_PAINFUL: Final = re.compile(
    r"\b(?:painful|so\s+hard|incredibly\s+hard|heartbreaking|devastating|doloros\w*|"
    r"douloureu\w*|schmerzhaft\w*)\b|痛苦|दर्दनाक",
    re.IGNORECASE,
)
FOLLOW_UP_SITUATION: Final = (
    "the person was in crisis a few messages ago and received crisis resources; they are now "
    "telling you how they are doing. Respond to what they actually said. If they sound calmer "
    "or safe, be glad with them; never call a calm or safe message painful or hard"
)


def _clean_model_ack(raw: str) -> str:
    cleaned = " ".join(raw.strip().strip(QUOTE_CHARS).split())
    sentences = _SENTENCE_END.split(cleaned)
    return " ".join(sentences[:2]).strip()


def _situation(plan: CompletionPlan) -> str:
    if plan.policy == "crisis":
        return f"the person may be in crisis ({plan.focus} risk, level {plan.level})"
    return "the person asked for something Confide cannot do: " + ", ".join(plan.kinds)


def model_acknowledgment(
    services: Services,
    plan: CompletionPlan,
    user_text: str,
    risk: Mapping[str, Any] | None,
    previous: str = "",
    situation: str | None = None,
) -> tuple[str | None, str]:
    """Ask the model for the acknowledgment sentence; (None, reason) when it is not usable.

    Raises ModelError when the call fails (the caller composes the acknowledgment instead).
    """
    prompt = get_prompt(ACK_PROMPT_ID)
    rendered = prompt.render(
        language=LANGUAGE_NAMES.get(plan.locale, "English"),
        situation=situation or _situation(plan),
        user_text=user_text,
        previous=previous,
    )
    raw = text_call(services, [HumanMessage(content=rendered)], name=ACK_PROMPT_ID)
    ack = _clean_model_ack(raw)
    if not ack or len(ack) > 400:
        return None, "model acknowledgment empty or too long"
    if re.search(r"\d|https?:|www\.", ack):
        return None, "model acknowledgment contained numbers or links"
    if has_refusal(ack):
        return None, "model acknowledgment contained a refusal"
    if situation is not None and _PAINFUL.search(ack):
        return None, "model follow-up acknowledgment called the message painful"
    violations = check_reply(ack, risk=risk, user_text=user_text, locale=plan.locale)
    if violations:
        return None, "model acknowledgment rejected: " + ",".join(v.code for v in violations)
    return ack, "model acknowledgment"


def answers_with_follow_up(state: Mapping[str, Any], plan: CompletionPlan) -> bool:
    """Whether this crisis-level turn gets the crisis flow's follow-up, not the full reply.

    After the first crisis reply (``crisis_flow`` is set) a crisis turn is answered by the
    follow-up unless something new calls for the full block again (a new risk, a boundary
    request, a different focus: :func:`confide.safety.crisis_flow.needs_full_block`). The
    completion node and the ``escalate`` node (a follow-up does not escalate again) share it.
    """
    flow = state.get("crisis_flow")
    if not flow or plan.policy != "crisis":
        return False
    screen = state.get("screen")
    risk = state.get("risk")
    reading = read_steps(turn_text(state), follow_up_locale(flow, plan.locale))
    return not needs_full_block(
        flow,
        screen_level=str(screen["level"]) if screen else "high",
        turn_level=str(risk["turn_level"]) if risk else "high",
        focus=plan.focus,
        reading=reading,
        boundary=plan.kinds,
        rules_level=str(screen.get("lexicon_level", screen["level"])) if screen else None,
    )


def _boundaries(plan: CompletionPlan) -> list[str]:
    """The reply's boundary statements (kept even when said earlier in the session)."""
    keys = ["crisis_boundary"] if plan.policy == "crisis" else []
    return [text(k, plan.locale) for k in [*keys, *(f"boundary_{k}" for k in plan.kinds)]]


def _audit(
    services: Services,
    ctx: Context,
    state: TurnState,
    plan: CompletionPlan,
    now: float,
    streak: int,
    *,
    escalated: bool = False,
    follow_up_steps: list[str] | None = None,
) -> None:
    """Write the turn's ``completion`` audit line (when there is an audit log).

    ``follow_up_steps`` (the crisis flow's recorded steps) marks a follow-up turn: its policy
    is ``crisis_follow_up``, it names no boundary, and the steps are written too.
    """
    if services.audit is None:
        return
    follow_up = follow_up_steps is not None
    event: dict[str, Any] = {
        "event": "completion",
        "time": now,
        "user_id": ctx.user_id,
        "session_id": ctx.session_id,
        "turn": state.get("turn", 0),
        "level": plan.level,
        "categories": list(plan.categories),
        "policy": "crisis_follow_up" if follow_up else plan.policy,
        "boundary": [] if follow_up else list(plan.kinds),
        "escalated": escalated,
        "region": ctx.region,
        "locale": plan.locale,
        "ccs_step": _step(streak),
    }
    if follow_up_steps is not None:
        event["steps"] = follow_up_steps
    event["text"] = turn_text(state)
    services.audit.record(event)


def _meta(
    services: Services,
    state: TurnState,
    plan: CompletionPlan,
    prompt: tuple[str, str],
    llm_calls: int,
    fallback: bool,
    notes: list[str],
) -> ReplyMeta:
    """The reply's meta: engine, model, policy, the ``(id, version)`` of its prompt, calls."""
    return ReplyMeta(
        engine=services.engine,
        model=services.model_name,
        policy=plan.policy,
        prompt_id=prompt[0],
        prompt_version=prompt[1],
        llm_calls=calls_this_turn(state) + llm_calls,
        fallback=fallback,
        notes=notes,
        guard=[],
    )


def make_completion_node(
    services: Services,
) -> Callable[[TurnState, Runtime[Context]], dict[str, Any]]:
    """Build the Compassionate Completion node (crisis and boundary replies)."""

    def completion(state: TurnState, runtime: Runtime[Context]) -> dict[str, Any]:
        ctx = run_context(runtime)
        now = ctx.clock()
        plan = plan_from_state(state, ctx.region)
        user_text = turn_text(state)
        streak = int(state.get("ccs_streak") or 0)
        risk = state.get("risk")
        flow = state.get("crisis_flow")
        if flow and answers_with_follow_up(state, plan):
            return follow_up_turn(services, state, ctx, plan, flow, now)
        notes: list[str] = []
        ack: str | None = None
        prompt_id, prompt_version = COMPOSED_PROMPT_ID, TEXTS_VERSION
        llm_calls, fallback = 0, False
        earlier = user_texts(state)[1:]
        if services.chat_model is not None:
            ack, llm_calls, fallback = _try_acknowledgment(
                services, plan, user_text, risk, earlier, notes, "acknowledgment"
            )
            if ack is not None:
                prompt_id = ACK_PROMPT_ID
                prompt_version = get_prompt(ACK_PROMPT_ID).version
        draft = compose_completion(plan, user_text, streak, ack=ack, earlier=earlier)
        # no sentence said earlier in the session again (resource lines, questions and the
        # boundary statements stay: every crisis or boundary reply states its boundary)
        draft = freshen(
            draft,
            reply_texts(state.get("messages")),
            plan.locale,
            keep=_boundaries(plan),
            acknowledge=True,
        )
        escalated = False
        escalation = state.get("escalation")
        if escalation is not None and escalation["turn"] == state.get("turn", 0):
            # the escalate node ran this turn (it fires the host's hook, not this node)
            escalated = escalation["escalated"]
            if escalation["note"]:
                notes.append(escalation["note"])
        _audit(services, ctx, state, plan, now, streak, escalated=escalated)
        meta = _meta(services, state, plan, (prompt_id, prompt_version), llm_calls, fallback, notes)
        update: dict[str, Any] = {"draft": draft, "reply_meta": meta, "ccs_streak": streak + 1}
        if plan.policy == "crisis" and level_index(plan.level) >= _HIGH:
            turn = int(state.get("turn") or 0)
            update["crisis_flow"] = (
                renew_block(flow, turn, plan.level, plan.focus)
                if flow
                else start_flow(turn, plan.level, plan.focus, plan.locale)
            )
        return update

    return completion


def _try_acknowledgment(
    services: Services,
    plan: CompletionPlan,
    user_text: str,
    risk: Mapping[str, Any] | None,
    earlier: Sequence[str],
    notes: list[str],
    what: str,
    situation: str | None = None,
) -> tuple[str | None, int, bool]:
    """The model's opening sentence, or None and a note saying why the text is composed.

    Returns (sentence or None, model calls made, whether it fell back). No call while the
    circuit breaker is open after a recent failure; a failed call is logged and composed.
    """
    if not services.model_available():
        notes.append(f"model unavailable; composed {what}")
        return None, 0, True
    try:
        text, note = model_acknowledgment(
            services, plan, user_text, risk, earlier[0] if earlier else "", situation=situation
        )
    except ModelError as exc:
        logger.warning("completion %s failed, composing: %s", what, exc)
        notes.append(f"model failed; composed {what}")
        return None, 1, True
    notes.append(note)
    return text, 1, False


def follow_up_turn(
    services: Services,
    state: TurnState,
    ctx: Context,
    plan: CompletionPlan,
    flow: CrisisFlow,
    now: float,
) -> dict[str, Any]:
    """Answer a crisis-level turn after the first crisis reply: the crisis flow's follow-up.

    Risk stays where the conversation layer holds it; the reply acknowledges the steps the
    person reports, keeps the resources one line away and offers the next useful thing. With
    the LLM engine the model may write the opening when the message reports no step.
    """
    user_text = turn_text(state)
    risk = state.get("risk")
    locale = follow_up_locale(flow, plan.locale)
    plan = replace(plan, locale=locale)
    reading = read_steps(user_text, locale)
    notes = ["crisis flow follow-up"]
    opening: str | None = None
    llm_calls, fallback = 0, False
    prompt_id, prompt_version = FOLLOW_UP_PROMPT_ID, FLOW_TEXTS_VERSION
    if services.chat_model is not None and not reading.anything:
        opening, llm_calls, fallback = _try_acknowledgment(
            services,
            plan,
            user_text,
            risk,
            user_texts(state)[1:],
            notes,
            "follow-up",
            situation=FOLLOW_UP_SITUATION,
        )
    follow = compose_follow_up(
        flow,
        reading,
        turn=int(state.get("turn") or 0),
        locale=plan.locale,
        region=ctx.region,
        ask_again=new_risk_now(risk, state.get("screen"), reading),
        opening=opening,
    )
    if follow.acknowledged:
        notes.append("acknowledged: " + ", ".join(follow.acknowledged))
    if follow.asked:
        notes.append("asked the direct question again")
    if follow.next:
        notes.append(f"next: {follow.next}")
    streak = int(state.get("ccs_streak") or 0)
    _audit(services, ctx, state, plan, now, streak, follow_up_steps=list(follow.flow["steps"]))
    meta = _meta(services, state, plan, (prompt_id, prompt_version), llm_calls, fallback, notes)
    return {
        # no sentence said earlier in the session again (the resources come back as a list)
        "draft": freshen(follow.text, reply_texts(state.get("messages")), plan.locale),
        "reply_meta": meta,
        "ccs_streak": streak + 1,
        "crisis_flow": follow.flow,
    }
