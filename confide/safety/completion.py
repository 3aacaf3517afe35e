"""Compassionate Completion: the reply path for crisis-level risk and boundary requests.

Instead of a hard cutoff, every reply carries the four CCS components (see
:mod:`confide.safety.ccs`): an acknowledgment specific to what the person said, a transparent
boundary (what Confide will not do and why, without shame, plus the safe part it *can* do), a
graded transition (``ccs_streak`` moves successive turns toward support instead of repeating;
the conversation is never ended) and a guided redirection (a concrete next step offered as an
invitation). Crisis replies ask directly about safety, suggest distance from means without any
detail, give the region's crisis resources and, at imminent risk, urge emergency services now.

Every sentence comes from the reviewed texts in :mod:`confide.safety.texts`. With the LLM
engine the model may write the acknowledgment only; it is checked by the guard and replaced by
the composed acknowledgment when it fails or breaks a rule.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal

from langchain_core.messages import AIMessage, HumanMessage
from langgraph.runtime import Runtime

from confide.agents.compose.composer import freshen
from confide.context import Context
from confide.engine import Services, text_call
from confide.errors import ModelError
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
    CHECK_IN_CRISIS_LINE,
    CRISIS_SELF,
    OVERDOSE_CUE,
    TABLE,
    CheckInFocus,
)
from confide.safety.ccs import has_refusal
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
from confide.safety.guard import Violation, check_reply, method_or_dose_detail, unquotable_detail
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
    locale = reply_locale(screen.get("language") if screen else None, _last_user_text(state))
    third_party = bool(screen.get("third_party")) if screen else False
    return plan_completion(
        level, categories, boundary, locale=locale, region=region, third_party=third_party
    )


# --- the acknowledgment ----------------------------------------------------------------------

#: Never quoted: links, instruction-like or sexual text.
_UNQUOTABLE: Final = re.compile(
    r"https?:|www\.|\b(?:ignore|instructions?|system|prompt|pretend|role-?play|jailbreak|"
    r"developer|sexy|sex\w*|nude\w*)\b",
    re.IGNORECASE,
)
#: Quoted only as a statement of what happened, never as a question, and only when the guard
#: finds no method or dose detail in it ("I took all my pills" yes; "how many pills..." no).
_METHODISH: Final = re.compile(
    r"\d|\b(?:pills?|tablets?|overdos\w*|doses?|dosage|mg|rope|noose|bridges?|jump\w*|guns?|"
    r"firearm|knife|knives|blades?|razor|cut\w*|bleach|poison\w*|height|tall\w*|high|lethal|"
    r"fatal|roof\w*|train|hang\w*|drown\w*|pastillas|puente|pont|brücke|ponte|tabletten|"
    r"comprimidos|comprimés|painless|die|dying|kill\w*|suicid\w*|end\s+(?:it|my\s+life))\b|"
    r"药|桥|跳|刀|死|गोलियाँ|पुल",
    re.IGNORECASE,
)
_QUESTION: Final = re.compile(
    r"[?？]|^\s*(?:how|what|which|where|when|is|are|can|could|would|will|do|does|cu[aá]nt\w*|"
    r"c[oó]mo|qu[eé]|combien|comment|quel\w*|wie|welche\w*|quanto\w*|qual)\b",
    re.IGNORECASE,
)
_FEELING: Final = re.compile(
    r"\b(?:feel\w*|felt|alone|lonely|tired|exhausted|hopeless|worthless|empty|scared|afraid|"
    r"anxious|sad|hurt\w*|pain|can't|cannot|anymore|nobody|no\s+one|hate|lost|broken|miss|"
    r"siento|sol[oa]|cansad[oa]|miedo|triste|sens|seule?|fatigué|peur|fühle|allein|müde|angst|"
    r"traurig|sinto|sozinh[oa]|medo)\b|感觉|孤独|累|害怕|难过|绝望|अकेल|थक|डर|उदास",
    re.IGNORECASE,
)
_CLAUSE_SPLIT: Final = re.compile(r"(?<=[.!?;。！？；\n])\s*|\s+[-–—]\s+")
_CJK: Final = re.compile(r"[\u4e00-\u9fff]")
_QUOTE_CHARS: Final = "“”\"«»„「」'`*_"


def pick_quote(user_text: str) -> str | None:
    """Pick a short, safe fragment of the person's own words to reflect back (or None).

    Fragments with numbers, method words, links or instruction-like text are never quoted: a
    reflection must not repeat a detail that the guard would block.
    """
    best: tuple[int, int, str] | None = None
    for index, raw in enumerate(_CLAUSE_SPLIT.split(user_text or "")):
        clause = " ".join(raw.strip(_QUOTE_CHARS + " \t").split()).rstrip(".,;:。；")
        if not clause or _UNQUOTABLE.search(clause):
            continue
        if _METHODISH.search(clause) and (
            _QUESTION.search(clause) or method_or_dose_detail(clause) is not None
        ):
            continue
        if unquotable_detail(clause) is not None:
            continue
        if _CJK.search(clause):
            if not 2 <= len(clause) <= 30:
                continue
        else:
            words = clause.split()
            if len(words) < 2:
                continue
            if len(words) > 14:
                clause = " ".join(words[:12]) + "…"
        # feelings first, then statements (a question is the request, not the person)
        score = 2 * bool(_FEELING.search(clause)) + (not _QUESTION.search(clause))
        if best is None or score > best[0]:
            best = (score, index, clause)
    return best[2] if best else None


def _join(parts: Iterable[str], locale: str) -> str:
    sep = "" if locale == "zh" else " "
    return sep.join(p for p in parts if p)


def _quote_sentence(fragment: str, locale: str, *, earlier: bool = False) -> str:
    sentence = text("quote_intro_earlier" if earlier else "quote_intro", locale).format(
        quote=fragment
    )
    # “Are you there?”. -> “Are you there?”
    return re.sub(r"([?!…？！][”»“」]?)[.。।]$", r"\1", sentence)


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
        parts.append(_quote_sentence(fragment, plan.locale))
    elif quote:
        for previous in earlier[:3]:
            older = pick_quote(previous)
            if older:
                parts.append(_quote_sentence(older, plan.locale, earlier=True))
                break
    parts.append(text(_ack_key(plan, quoted_now=fragment is not None), plan.locale))
    return _join(parts, plan.locale)


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
        paragraphs.append(_join([opening, urgent], loc))
        asks = [text(_ASK[plan.focus], loc)]
        cats = set(plan.categories)
        if plan.focus in ("abuse", "others", "general", "psychosis") and cats & CRISIS_SELF:
            # e.g. abuse *and* suicidal thoughts: ask about both, directly
            asks.append(text("ask_self", loc))
        if "psychosis" in cats:
            # acknowledge the experience, neither confirm nor argue, suggest a check-up
            asks.append(text("reality_psychosis", loc))
        paragraphs.append(_join([*asks, *statements, text(_MEANS[plan.focus], loc)], loc))
        paragraphs.append(_join([text("crisis_boundary", loc)], loc))
        paragraphs.append(_resources_block(plan, _resource_kinds(plan)))
        redirect = (
            text("imminent_redirect", loc)
            if urgent_now and step == 0
            else text(f"crisis_redirect_{step}", loc)
        )
        paragraphs.append(_join([text(f"crisis_transition_{step}", loc), redirect], loc))
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
    paragraphs.append(_join([*statements, *extra], loc))
    if "method_info" in plan.kinds:
        paragraphs.append(_resources_block(plan, ("crisis", "emergency", "directory")))
    elif "eating_disorder" in plan.categories:
        paragraphs.append(_resources_block(plan, ("eating_disorder", "crisis", "directory")))
    elif overdose:
        poison = resources_for(plan.region, ("poison",))
        if poison:
            paragraphs.append(format_resources(poison, loc))
    paragraphs.append(_join([text(f"transition_{step}", loc), text(f"redirect_{first}", loc)], loc))
    return "\n\n".join(p for p in paragraphs if p)


def compose_support_reply(
    user_text: str, locale: str, *, quote: bool = False, resources_region: str | None = None
) -> str:
    """Compose a kind, neutral reply for when a counselor draft had to be replaced.

    Nothing of the person's is quoted back unless ``quote=True``.
    With ``resources_region`` (moderate risk) the region's crisis lines are offered too.
    """
    loc = resolve_locale(locale)
    fragment = pick_quote(user_text) if quote else None
    opening = [_quote_sentence(fragment, loc)] if fragment else []
    paragraphs = [
        _join([*opening, text("ack_support", loc)], loc),
        _join([text("support_body", loc), text("support_question", loc)], loc),
    ]
    if resources_region is not None:
        block = format_resources(
            resources_for(resources_region, ("crisis", "emergency", "directory")), loc
        )
        paragraphs.insert(1, f"{text('resources_intro', loc)}\n{block}")
    return "\n\n".join(paragraphs)


def compose_safe_reply(
    state: TurnState,
    *,
    user_text: str,
    locale: str,
    region: str,
    check: Callable[[str], list[Violation]],
) -> str:
    """Compose the guard's last-resort reply for this turn, verified by ``check``.

    Crisis-level risk or a boundary request gets the full completion reply; a risk category
    below crisis the safety check-in; anything else a kind supportive reply. Nothing of the
    person's is quoted back: the fixed texts alone are reviewed to pass, so ``check`` (kept
    for the guard's call) has no variant to choose between.
    """
    plan = plan_from_state(state, region)
    plan = CompletionPlan(
        policy=plan.policy,
        level=plan.level,
        focus=plan.focus,
        kinds=plan.kinds,
        categories=plan.categories,
        locale=resolve_locale(locale),
        region=region,
    )
    needs_completion = (
        level_index(plan.level) >= _HIGH or bool(plan.kinds) or (state.get("risk") is None)
    )
    streak = max(0, int(state.get("ccs_streak") or 0) - 1)
    check_in = plan_check_in(state, region)
    if check_in is not None:
        check_in = CheckInPlan(
            check_in.foci, check_in.level, plan.locale, region, ideation=check_in.ideation
        )
    if needs_completion:
        return compose_completion(plan, user_text, streak, earlier=_user_texts(state)[1:])
    if check_in is not None:
        return compose_check_in(check_in, user_text)
    moderate = level_index(plan.level) >= level_index("moderate")
    return compose_support_reply(
        user_text, plan.locale, resources_region=region if moderate else None
    )


# --- the safety check-in (counselor path, risk below crisis) --------------------------------

# Category -> check-in focus (CheckInFocus) and the priority between foci (the first present
# gives the acknowledgment) are the table's check_in column and check_in_order
# (confide/safety/content/categories.yaml); CHECK_IN_CATEGORIES, every category that gets a
# check-in below crisis level (curiosity alone does not), comes from it too.
_CHECK_IN_ACK: Final[dict[CheckInFocus, str]] = {
    "self": "ack_self",
    "third_party": "checkin_ack_third_party",
    "abuse": "ack_abuse",
    "others": "ack_others",
    "psychosis": "ack_psychosis",
    "mania": "checkin_ack_mania",
    "eating": "checkin_ack_eating",
    "substance": "checkin_ack_substance",
    "medical": "checkin_ack_medical",
}
_CHECK_IN_ASK: Final[dict[CheckInFocus, str]] = {
    "self": "ask_self",
    "third_party": "checkin_ask_third_party",
    "abuse": "ask_abuse",
    "others": "ask_others",
    "psychosis": "checkin_ask_psychosis",
    "mania": "checkin_ask_mania",
    "eating": "checkin_ask_eating",
    "substance": "checkin_ask_substance",
    "medical": "checkin_ask_medical",
}


def check_in_foci(categories: Iterable[str]) -> tuple[CheckInFocus, ...]:
    """The check-in foci for these risk categories, most important first (empty = none).

    Third-party concern never adds the question about the person's own suicidal thoughts:
    that is asked only when their own ideation is flagged.
    """
    return TABLE.check_in_foci(categories)


@dataclass(frozen=True)
class CheckInPlan:
    """A safety check-in for a counselor-path turn that carries a risk category."""

    foci: tuple[CheckInFocus, ...]
    level: RiskLevel
    locale: str
    region: str
    #: explicit thoughts of suicide or self-harm (not hopelessness alone)
    ideation: bool = False

    @property
    def offers_resource(self) -> bool:
        """Offer a line as an invitation: at moderate risk, or on any suicidal thoughts.

        Safe-messaging guidance: always include a crisis resource when suicide or self-harm
        comes up; hopelessness alone ("I feel worthless") at low risk gets no crisis line.
        """
        return level_index(self.level) >= level_index("moderate") or self.ideation


def plan_check_in(state: Mapping[str, Any], region: str) -> CheckInPlan | None:
    """Plan a check-in from the graph state; None when no check-in category is present."""
    risk = state.get("risk")
    if risk is None:
        return None
    level = max_level(str(risk["level"]))
    categories = set(risk.get("categories") or [])
    if level_index(level) < level_index("moderate"):
        categories.discard("harm_to_others")  # "I could kill my boss lol" at low: no alarm
    foci = check_in_foci(categories)
    if not foci:
        return None
    screen = state.get("screen")
    locale = reply_locale(screen.get("language") if screen else None, _last_user_text(state))
    ideation = bool(categories & CHECK_IN_CRISIS_LINE)
    return CheckInPlan(foci=foci, level=level, locale=locale, region=region, ideation=ideation)


def check_in_question(plan: CheckInPlan) -> str:
    """The fixed, direct question(s) for the plan's foci (at most two, the safety one first)."""
    loc = plan.locale
    emergency = emergency_phrase(plan.region, loc)
    keys = [_CHECK_IN_ASK[plan.foci[0]]]
    if plan.foci[0] == "psychosis" and "self" in plan.foci:
        keys = ["ask_self"]  # "are you safe" is part of it: no second safety question
    elif "self" in plan.foci and plan.foci[0] != "self":
        keys.append("ask_self")  # e.g. abuse or voices *and* suicidal thoughts: ask both
    asks = [text(k, loc).format(emergency=emergency) for k in keys]
    if plan.foci[0] == "psychosis":
        asks.append(text("reality_psychosis", loc))  # neither confirm nor argue
    return _join(asks, loc)


def check_in_resources(plan: CheckInPlan) -> str:
    """The region's lines for the foci, introduced as an invitation (moderate risk only)."""
    if not plan.offers_resource:
        return ""
    # the lines of the categories behind the foci (abuse, eating): the table's check_in_resources
    behind = (row.id for row in TABLE.rows if row.check_in in plan.foci)
    kinds: list[ResourceKind] = list(TABLE.check_in_resources(behind))
    kinds += ["crisis", "directory"]
    intro = (
        "checkin_resources_third_party"
        if plan.foci[0] == "third_party"
        else "checkin_resources_intro"
    )
    block = format_resources(resources_for(plan.region, tuple(kinds)), plan.locale)
    return f"{text(intro, plan.locale)}\n{block}"


def compose_check_in(
    plan: CheckInPlan, user_text: str, *, previous_reply: str = "", quote: bool = False
) -> str:
    """Compose the safety check-in: specific acknowledgment, direct question, line, presence.

    Every sentence is a reviewed text in the plan's locale (``quote=True`` puts a screened
    quote of the person's words first; no reply does by default). A question already asked in
    the previous reply is asked again (safety first) but the closing line moves on instead of
    repeating.
    """
    loc = plan.locale
    fragment = pick_quote(user_text) if quote else None
    opening = [_quote_sentence(fragment, loc)] if fragment else []
    question = check_in_question(plan)
    repeated = bool(previous_reply) and question in previous_reply
    paragraphs = [
        _join([*opening, text(_CHECK_IN_ACK[plan.foci[0]], loc)], loc),
        question,
        check_in_resources(plan),
        text("crisis_transition_1" if repeated else "crisis_transition_0", loc),
    ]
    return "\n\n".join(p for p in paragraphs if p)


def ensure_check_in(draft: str, plan: CheckInPlan) -> tuple[str, list[str]]:
    """Append the fixed check-in question (and, at moderate risk, a line) a draft lacks.

    Used on model-written counselor replies: the model may phrase the acknowledgment its own
    way, but the direct question and the resource are never left to chance.
    """
    from confide.safety.behaviours import check_behaviour

    notes: list[str] = []
    parts = [draft.strip()]
    question = check_in_question(plan)
    asked_self = check_behaviour("ask_about_safety", draft, "", locale=plan.locale)
    if question not in draft and not (plan.foci[0] == "self" and asked_self):
        parts.append(question)
        notes.append("check-in question appended")
    if plan.offers_resource and not (
        check_behaviour("provide_crisis_resource", draft, "", locale=plan.locale)
        or check_behaviour("abuse_resource", draft, "", locale=plan.locale)
    ):
        parts.append(check_in_resources(plan))
        notes.append("check-in resource appended")
    return "\n\n".join(p for p in parts if p), notes


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
    cleaned = " ".join(raw.strip().strip(_QUOTE_CHARS).split())
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


def _user_texts(state: Mapping[str, Any]) -> list[str]:
    """Return the person's messages in this thread, most recent first."""
    texts = []
    for message in reversed(state.get("messages") or []):
        if isinstance(message, HumanMessage):
            content = message.content
            texts.append(
                content
                if isinstance(content, str)
                else " ".join(
                    part.get("text", "") if isinstance(part, dict) else str(part)
                    for part in content
                )
            )
    return texts


def _boundaries(plan: CompletionPlan) -> list[str]:
    """The reply's boundary statements (kept even when said earlier in the session)."""
    keys = ["crisis_boundary"] if plan.policy == "crisis" else []
    return [text(k, plan.locale) for k in [*keys, *(f"boundary_{k}" for k in plan.kinds)]]


def _replies(state: Mapping[str, Any]) -> list[str]:
    """The session's earlier replies, oldest first."""
    return [
        m.content if isinstance(m.content, str) else " ".join(map(str, m.content))
        for m in state.get("messages") or []
        if isinstance(m, AIMessage)
    ]


def _last_user_text(state: Mapping[str, Any]) -> str:
    texts = _user_texts(state)
    return texts[0] if texts else ""


def make_completion_node(
    services: Services,
) -> Callable[[TurnState, Runtime[Context]], dict[str, Any]]:
    """Build the Compassionate Completion node (crisis and boundary replies)."""

    def completion(state: TurnState, runtime: Runtime[Context]) -> dict[str, Any]:
        ctx = runtime.context if runtime.context is not None else Context()
        now = ctx.now if ctx.now is not None else time.time()
        plan = plan_from_state(state, ctx.region)
        user_text = _last_user_text(state)
        streak = int(state.get("ccs_streak") or 0)
        risk = state.get("risk")
        flow = state.get("crisis_flow")
        if flow and plan.policy == "crisis":
            screen = state.get("screen")
            reading = read_steps(user_text, follow_up_locale(flow, plan.locale))
            if not needs_full_block(
                flow,
                screen_level=str(screen["level"]) if screen else "high",
                turn_level=str(risk["turn_level"]) if risk else "high",
                focus=plan.focus,
                reading=reading,
                boundary=plan.kinds,
                rules_level=str(screen.get("lexicon_level", screen["level"])) if screen else None,
            ):
                return follow_up_turn(services, state, ctx, plan, flow, now)
        notes: list[str] = []
        ack: str | None = None
        prompt_id, prompt_version = COMPOSED_PROMPT_ID, TEXTS_VERSION
        llm_calls, fallback = 0, False
        earlier = _user_texts(state)[1:]
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
            draft, _replies(state), plan.locale, keep=_boundaries(plan), acknowledge=True
        )
        escalated = False
        if level_index(plan.level) >= _HIGH:
            escalated = _escalate(services, ctx, state, plan, now, notes)
        if services.audit is not None:
            services.audit.record(
                {
                    "event": "completion",
                    "time": now,
                    "user_id": ctx.user_id,
                    "session_id": ctx.session_id,
                    "turn": state.get("turn", 0),
                    "level": plan.level,
                    "categories": list(plan.categories),
                    "policy": plan.policy,
                    "boundary": list(plan.kinds),
                    "escalated": escalated,
                    "region": ctx.region,
                    "locale": plan.locale,
                    "ccs_step": _step(streak),
                    "text": user_text,
                }
            )
        meta = ReplyMeta(
            engine=services.engine,
            model=services.model_name,
            policy=plan.policy,
            prompt_id=prompt_id,
            prompt_version=prompt_version,
            llm_calls=llm_calls,
            fallback=fallback,
            notes=notes,
            guard=[],
        )
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
    user_text = _last_user_text(state)
    risk = state.get("risk")
    locale = follow_up_locale(flow, plan.locale)
    plan = CompletionPlan(
        policy=plan.policy,
        level=plan.level,
        focus=plan.focus,
        kinds=plan.kinds,
        categories=plan.categories,
        locale=locale,
        region=plan.region,
    )
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
            _user_texts(state)[1:],
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
    if services.audit is not None:
        services.audit.record(
            {
                "event": "completion",
                "time": now,
                "user_id": ctx.user_id,
                "session_id": ctx.session_id,
                "turn": state.get("turn", 0),
                "level": plan.level,
                "categories": list(plan.categories),
                "policy": "crisis_follow_up",
                "boundary": [],
                "escalated": False,
                "region": ctx.region,
                "locale": plan.locale,
                "ccs_step": _step(streak),
                "steps": list(follow.flow["steps"]),
                "text": user_text,
            }
        )
    meta = ReplyMeta(
        engine=services.engine,
        model=services.model_name,
        policy=plan.policy,
        prompt_id=prompt_id,
        prompt_version=prompt_version,
        llm_calls=llm_calls,
        fallback=fallback,
        notes=notes,
        guard=[],
    )
    return {
        # no sentence said earlier in the session again (the resources come back as a list)
        "draft": freshen(follow.text, _replies(state), plan.locale),
        "reply_meta": meta,
        "ccs_streak": streak + 1,
        "crisis_flow": follow.flow,
    }


def _escalate(
    services: Services,
    ctx: Context,
    state: Mapping[str, Any],
    plan: CompletionPlan,
    now: float,
    notes: list[str],
) -> bool:
    """Tell the host app (callback) that risk reached high/imminent; never break the reply."""
    hook = services.on_escalation
    if hook is None:
        return False
    event = {
        "event": "escalation",
        "time": now,
        "user_id": ctx.user_id,
        "session_id": ctx.session_id,
        "turn": state.get("turn", 0),
        "level": plan.level,
        "categories": list(plan.categories),
        "policy": plan.policy,
        "region": ctx.region,
    }
    try:
        hook(event)
    except Exception as exc:  # a host's broken callback must not take the crisis reply down
        logger.warning("escalation hook failed: %r", exc)
        notes.append(f"escalation hook failed: {type(exc).__name__}")
        return False
    notes.append("escalated to host")
    return True
