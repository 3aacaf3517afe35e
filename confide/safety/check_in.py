"""The safety check-in: the counselor's reply when a risk category is present below crisis level.

A turn below high risk that carries a risk category (hopelessness, self-harm thoughts, abuse,
voices...) keeps the counselor's reply but gets a check-in: a specific acknowledgment, the
direct question of its focus, at moderate risk (or on any suicidal thought) the region's
lines as an invitation, and presence. With the offline engine the whole check-in is composed
(:func:`compose_check_in`); on a model-written reply :func:`ensure_check_in` appends the
fixed question and lines the draft lacks. Both are runtime code: they never call an
evaluation judge; the probe suite's judges check their output independently.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from confide.facts import turn_text
from confide.records import RiskLevel, level_index, max_level
from confide.safety.categories import CHECK_IN_CRISIS_LINE, TABLE, CheckInFocus
from confide.safety.reply_checks import names_resource
from confide.safety.resources import (
    ResourceKind,
    emergency_phrase,
    format_resources,
    resources_for,
)
from confide.safety.texts import reply_locale, text
from confide.safety.wording import join_sentences, pick_quote, quote_sentence

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
    #: the screen read the words as a figure of speech ("gonna kill myself if this meeting
    #: runs late lol") and the risk stayed low: a lighter acknowledgment and a softer, still
    #: direct question ("you may mean it as a figure of speech ... any thoughts of suicide?")
    figurative: bool = False

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
    locale = reply_locale(screen.get("language") if screen else None, turn_text(state))
    ideation = bool(categories & CHECK_IN_CRISIS_LINE)
    figurative = (
        bool(screen and screen.get("figurative"))
        and level_index(level) <= level_index("low")
        and foci[0] == "self"
    )
    return CheckInPlan(
        foci=foci,
        level=level,
        locale=locale,
        region=region,
        ideation=ideation,
        figurative=figurative,
    )


def _check_in_ack(plan: CheckInPlan) -> str:
    """The acknowledgment's text key: never "incredibly painful" for a figure of speech."""
    if plan.figurative and plan.foci[0] == "self":
        return "ack_figurative"
    return _CHECK_IN_ACK[plan.foci[0]]


def check_in_question(plan: CheckInPlan) -> str:
    """The fixed, direct question(s) for the plan's foci (at most two, the safety one first)."""
    loc = plan.locale
    emergency = emergency_phrase(plan.region, loc)
    keys = [_CHECK_IN_ASK[plan.foci[0]]]
    if plan.figurative and plan.foci[0] == "self":
        keys = ["ask_figurative"]
    if plan.foci[0] == "psychosis" and "self" in plan.foci:
        keys = ["ask_self"]  # "are you safe" is part of it: no second safety question
    elif "self" in plan.foci and plan.foci[0] != "self":
        keys.append("ask_self")  # e.g. abuse or voices *and* suicidal thoughts: ask both
    asks = [text(k, loc).format(emergency=emergency) for k in keys]
    if plan.foci[0] == "psychosis":
        asks.append(text("reality_psychosis", loc))  # neither confirm nor argue
    return join_sentences(asks, loc)


def check_in_resources(plan: CheckInPlan) -> str:
    """The region's lines for the foci, introduced as an invitation (moderate risk only)."""
    if not plan.offers_resource:
        return ""
    kinds = _resource_kinds(plan)
    intro = (
        "checkin_resources_third_party"
        if plan.foci[0] == "third_party"
        else "checkin_resources_intro"
    )
    block = format_resources(resources_for(plan.region, kinds), plan.locale)
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
    opening = [quote_sentence(fragment, loc)] if fragment else []
    question = check_in_question(plan)
    repeated = bool(previous_reply) and question in previous_reply
    paragraphs = [
        join_sentences([*opening, text(_check_in_ack(plan), loc)], loc),
        question,
        check_in_resources(plan),
        text("crisis_transition_1" if repeated else "crisis_transition_0", loc),
    ]
    return "\n\n".join(p for p in paragraphs if p)


#: A question about the person's own safety or suicidal thoughts, in any supported language
#: (read only in sentences that end with a question mark).
_SAFETY_QUESTION: Final = re.compile(
    r"\b(?:safe|safety|suicid\w*|kill(?:ing)?\s+yourself|end(?:ing)?\s+your\s+life|"
    r"(?:hurt|harm)(?:ing)?\s+yourself|self[-\s]?harm\w*|a\s+salvo|segur[oa]s?|"
    r"hacerte\s+daño|quitarte\s+la\s+vida|en\s+sécurité|vous\s+faire\s+du\s+mal|sicher|"
    r"suizid\w*|dir\s+etwas\s+anzutun|em\s+segurança|se\s+machucar|tirar\s+a\s+própria\s+vida)\b"
    r"|安全|自杀|伤害自己|结束生命|सुरक्षित|आत्महत्या",
    re.IGNORECASE,
)
_QUESTION_SENTENCE: Final = re.compile(r"[^.!?。！？\n]*[?？]")


def asks_about_safety(draft: str) -> bool:
    """Whether the draft already asks the person about their safety or suicidal thoughts.

    A runtime check of the counselor's model-written reply (a question sentence naming
    safety, suicide or self-harm); the evaluation's ``ask_about_safety`` judge is separate.
    """
    return any(_SAFETY_QUESTION.search(q) for q in _QUESTION_SENTENCE.findall(draft))


def _resource_kinds(plan: CheckInPlan) -> tuple[ResourceKind, ...]:
    # the lines of the categories behind the foci (abuse, eating): the table's check_in_resources
    behind = (row.id for row in TABLE.rows if row.check_in in plan.foci)
    return (*TABLE.check_in_resources(behind), "crisis", "directory")


def ensure_check_in(draft: str, plan: CheckInPlan) -> tuple[str, list[str]]:
    """Append the fixed check-in question (and, at moderate risk, a line) a draft lacks.

    Used on model-written counselor replies: the model may phrase the acknowledgment its own
    way, but the direct question and the resource are never left to chance. The question is
    kept out only when the draft holds it verbatim or, for the person's own ideation, asks
    about their safety itself (:func:`asks_about_safety`); the lines only when the draft
    already gives one of the lines the check-in would offer in the person's region.
    """
    notes: list[str] = []
    parts = [draft.strip()]
    question = check_in_question(plan)
    if question not in draft and not (plan.foci[0] == "self" and asks_about_safety(draft)):
        parts.append(question)
        notes.append("check-in question appended")
    if plan.offers_resource and not names_resource(draft, plan.region, _resource_kinds(plan)):
        parts.append(check_in_resources(plan))
        notes.append("check-in resource appended")
    return "\n\n".join(p for p in parts if p), notes
