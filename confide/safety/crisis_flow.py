"""The crisis flow: what happens after the crisis reply, turn by turn.

The first crisis reply (Compassionate Completion at high or imminent risk) gives the full
block: the direct question, distance from means, the boundary and the region's resources.
What follows must not replay it. This module keeps a small state, :class:`CrisisFlow`, of the
safety steps the person reports (means put away, someone contacted, someone present,
emergency services called, safe for now), reads those steps from their messages in every
locale the crisis texts exist in and in Dutch, Turkish, Italian, Russian, Arabic, Japanese,
Korean and Hinglish (whose replies fall back to English), and composes the follow-up from
fixed, reviewed texts (:mod:`confide.safety.texts_flow`):

- each newly reported step is acknowledged once, specifically ("I'm so glad your brother is
  there with you now"); a calmer or safe statement is met with gladness, never "painful";
- the resources stay one line away (a compact line) instead of the whole block;
- the direct question is asked again only when something new calls for it (new risk words,
  an unsure answer, a step taken back);
- one next useful thing per turn, in order: distance from means, someone to reach, someone to
  come over, staying with them, the next hour, a safety plan (an invitation), sleep.

Risk itself is not lowered here: the conversation layer (:mod:`confide.agents.risk`) decays it
at its own pace, and a new high or imminent disclosure (or a step taken back) gets the full
crisis reply again at once (:func:`needs_full_block`).

**Returning to the conversation.** The conversation layer counts the turns since the last full
crisis reply that bring no new risk signal (:func:`track_turn`, run by the risk node on every
turn of a session with a flow). Once the person has reported a concrete safety step
(:data:`RETURN_STEPS`: means put away, someone contacted or present, emergency services) and
:data:`RETURN_QUIET_TURNS` turns in a row carried no new signal, the flow has *returned*: the
level that governs the reply is held at :data:`RETURN_LEVEL` (the conversation level itself
stays where it is and decays at its own pace), so the counselor answers what the person says,
and the flow still acknowledges any further step. "I'm fine" or "I'm safe" alone is not a
concrete step. Any new signal (new risk words, a method-flavoured question, a step taken back,
a warning sign) ends the return at once: the count starts over and the governing level is the
conversation's again.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Final, Literal, NotRequired

from typing_extensions import TypedDict  # pydantic (Studio, Server) needs it below 3.12

from confide.datafiles import Keys, check_keys, fragment_table, pattern_text, read_package_file
from confide.errors import ContentError
from confide.records import RiskLevel, level_index
from confide.safety.categories import OWN_RISK
from confide.safety.language import HINGLISH, detect_language
from confide.safety.resources import format_resource, resources_for
from confide.safety.texts import resolve_locale
from confide.safety.texts_flow import flow_text

Step = Literal["means_away", "contacted", "present", "emergency", "safe"]
#: The safety steps, in the order they are acknowledged.
STEPS: Final[tuple[Step, ...]] = ("means_away", "emergency", "contacted", "present", "safe")
Setback = Literal["intent", "unsafe", "alone"]
NextStep = Literal["means", "connect", "come_over", "stay", "hour", "plan", "sleep", "open"]

_HIGH: Final = level_index("high")
_MODERATE: Final = level_index("moderate")
#: Safety steps that are actions (not statements): one of them must be reported before the
#: flow returns to the conversation. "I'm safe" alone is not enough.
RETURN_STEPS: Final[frozenset[str]] = frozenset({"means_away", "contacted", "present", "emergency"})
#: Consecutive turns with no new risk signal (this one included) before the flow returns.
RETURN_QUIET_TURNS: Final = 2
#: The highest level that governs the reply once the flow has returned (the counselor's path;
#: :data:`confide.graph.routers.CRISIS_THRESHOLD` is high). The conversation level is not capped.
RETURN_LEVEL: Final[RiskLevel] = "moderate"
#: Crisis foci whose flow suggests distance from means (the person's own risk).
_MEANS_FOCI: Final = frozenset({"self", "general", "psychosis"})


class CrisisFlow(TypedDict):
    """The session's crisis flow state, set after the first full crisis reply."""

    #: Turn of the first full crisis reply.
    started_turn: int
    #: Last turn that got the full crisis block, its risk level and its focus.
    block_turn: int
    block_level: RiskLevel
    focus: str
    #: Last turn the direct safety question was asked.
    asked_turn: int
    #: Safety steps the person reported (Step values), in the order they were first reported.
    steps: list[str]
    #: Who they reached, in their words with the possessive turned ("your brother"), or "".
    person: str
    #: Next-step invitations already made (NextStep values): each is made once.
    offered: list[str]
    #: Locale of the crisis reply (follow-ups keep it unless the person switches language).
    locale: str
    #: Consecutive turns since the last full crisis reply with no new risk signal (the
    #: conversation layer counts them, :func:`track_turn`). Absent in flows saved before it.
    quiet_turns: NotRequired[int]
    #: Turn at which the flow returned to the conversation (:func:`track_turn`), 0 while not.
    returned_turn: NotRequired[int]


def start_flow(turn: int, level: RiskLevel, focus: str, locale: str) -> CrisisFlow:
    """Return the flow state right after a full crisis reply."""
    return CrisisFlow(
        started_turn=turn,
        block_turn=turn,
        block_level=level,
        focus=focus,
        asked_turn=turn,
        steps=[],
        person="",
        offered=[],
        locale=locale,
        quiet_turns=0,
        returned_turn=0,
    )


# --- reading what the person says ------------------------------------------------------------


def fold(text: str) -> str:
    """Case-fold and strip Latin accents, one character for one (spans map onto the original).

    Other scripts keep their marks: a Devanagari vowel sign is part of the word.
    """
    out = []
    for ch in text:
        low = ch.lower()
        low = low if len(low) == 1 else ch
        if ord(low) < 0x250:
            base = unicodedata.normalize("NFKD", low)[0]
            low = base if base.isascii() or len(base) == 1 else low
        out.append("'" if low in "’‘`´" else low)
    return "".join(out)


@dataclass(frozen=True)
class _Lang:
    """Step readers for one language (patterns run on :func:`fold`-ed text)."""

    means: re.Pattern[str]
    contacted: re.Pattern[str]
    present: re.Pattern[str]
    emergency: re.Pattern[str]
    safe: re.Pattern[str]
    calmer: re.Pattern[str]
    setback_intent: re.Pattern[str]
    setback_unsafe: re.Pattern[str]
    alone: re.Pattern[str]
    negation: re.Pattern[str]
    #: Going to rest or sleep.
    rest: re.Pattern[str]
    #: (my -> your) possessive swaps for {person}; empty: the generic text is used instead.
    swaps: tuple[tuple[str, str], ...] = ()


#: The readers every language has (all but ``swaps``).
_READERS: Final = tuple(f.name for f in fields(_Lang) if f.name != "swaps")
_FILE_KEYS: Final[Keys] = (frozenset({"fragments", "languages"}), frozenset())
_LANG_KEYS: Final[Keys] = (frozenset(_READERS), frozenset({"swaps"}))


def _swaps(value: object, label: str, what: str) -> tuple[tuple[str, str], ...]:
    pairs = value if isinstance(value, list) else None
    if pairs is None or not all(
        isinstance(p, list) and len(p) == 2 and all(isinstance(w, str) and w for w in p)
        for p in pairs
    ):
        raise ContentError(f"{label}: {what}: 'swaps' must be a list of [mine, yours] text pairs")
    return tuple((mine, yours) for mine, yours in pairs)


def _lang(item: object, fragments: Mapping[str, str], label: str, what: str) -> _Lang:
    entry = check_keys(item, _LANG_KEYS, label, what, ContentError)
    readers = {
        name: re.compile(
            pattern_text(entry[name], fragments, label, f"{what}: {name}", ContentError)
        )
        for name in _READERS
    }
    return _Lang(**readers, swaps=_swaps(entry.get("swaps", []), label, what))


def load_step_readers(path: Traversable | Path | None = None) -> dict[str, _Lang]:
    """Read and validate a step readers file (the packaged one by default), by language."""
    data, label = read_package_file(
        "confide.safety", "content/crisis_steps.yaml", path, _FILE_KEYS, ContentError
    )
    fragments = fragment_table(data["fragments"], label, ContentError)
    languages = data["languages"]
    if not isinstance(languages, dict) or not languages:
        raise ContentError(f"{label}: 'languages' must be a mapping of language code: readers")
    return {
        str(code): _lang(item, fragments, label, f"language {code!r}")
        for code, item in languages.items()
    }


#: Step readers by language: every locale the crisis texts exist in, and languages they do not
#: exist in (the reply falls back to English), so that a post-crisis conversation in them can
#: still record steps and return (``content/crisis_steps.yaml``).
_LANGS: Final[dict[str, _Lang]] = load_step_readers()


@dataclass(frozen=True)
class StepReading:
    """What one message says about the safety steps."""

    steps: tuple[Step, ...] = ()
    #: Who they reached or who is with them ("your brother"), when it can be said back.
    person: str = ""
    #: The same person in their own words ("my brother"), for the safety plan.
    who: str = ""
    #: Their own words for each step that was read (the clause), for the safety plan.
    clauses: Mapping[str, str] = field(default_factory=dict)
    calmer: bool = False
    setback: Setback | None = None
    #: They are going to rest or sleep.
    rest: bool = False

    @property
    def anything(self) -> bool:
        """Whether the message reported a step, calm, rest or a setback."""
        return bool(self.steps or self.calmer or self.setback or self.rest)


_CLAUSE: Final = re.compile(
    r"[.!?;\n。！？；।，、]+|,\s+(?:and\s+|but\s+)?|\s+(?:and|but|then|y|pero|et|mais|und|aber|"
    r"e|mas|और)\s+|还"
)


def _clause_at(original: str, start: int, end: int) -> str:
    """The clause of ``original`` around ``start:end`` (their own words)."""
    bounds = [0, *(m.end() for m in _CLAUSE.finditer(original)), len(original)]
    lo = max(b for b in bounds if b <= start)
    cut = [m.start() for m in _CLAUSE.finditer(original) if m.start() >= end]
    hi = cut[0] if cut else len(original)
    return original[lo:hi].strip(" ,.;:!?\"'“”")


def _who(match: re.Match[str], original: str) -> str:
    """The person named in a step, in the person's own words ("my brother"), or ""."""
    for name in ("person", "person2"):
        if name in match.re.groupindex and match.group(name):
            return original[match.start(name) : match.end(name)]
    return ""


def _person(match: re.Match[str], original: str, lang: _Lang) -> str:
    raw = _who(match, original)
    if not raw or not lang.swaps:
        return ""
    low = raw.lower()
    for mine, yours in lang.swaps:
        if low.startswith(mine):
            return yours + raw[len(mine) :]
    if lang is _LANGS["zh"] and raw not in ("他", "她"):
        return "你" + raw  # a bare kin word: 哥哥 -> 你哥哥
    return ""


def _negated(view: str, start: int, lang: _Lang) -> bool:
    window = view[max(0, start - 14) : start]
    return bool(lang.negation.search(window))


def _reader_codes(locale: str | None, text: str) -> list[str]:
    """The readers for a message: its conversation's language, its own, then English."""
    given = (locale or "").strip().replace("_", "-")
    base = given if given == HINGLISH else given.lower().split("-", 1)[0]
    codes = [base, detect_language(text), "en"]
    return [c for c in dict.fromkeys(codes) if c in _LANGS]


def read_steps(text: str, locale: str | None = "en") -> StepReading:
    """Read the safety steps, calm and setbacks in one message.

    ``locale`` is the conversation's language (any code with readers, ``hi-Latn`` for
    romanized Hindi, or a reply locale); the message's own language (detected) and English are
    always read too: people often mix languages, and a step must not be missed.
    """
    original = text or ""
    view = fold(original)
    codes = _reader_codes(locale, original)
    # the person is said back only in the reply's language (or English): a Spanish "tu
    # hermano" must not land in an English sentence
    sayable = {"en", resolve_locale(locale)}
    steps: list[Step] = []
    clauses: dict[str, str] = {}
    person = ""
    who = ""
    calmer = False
    rest = False
    setback: Setback | None = None
    for code in codes:
        lang = _LANGS[code]
        for step, pattern in (
            ("means_away", lang.means),
            ("emergency", lang.emergency),
            ("contacted", lang.contacted),
            ("present", lang.present),
            ("safe", lang.safe),
        ):
            match = pattern.search(view)
            if match is None or (step != "safe" and _negated(view, match.start(), lang)):
                continue
            if step == "safe" and (
                lang.setback_unsafe.search(view) or _negated(view, match.start(), lang)
            ):
                continue
            if step not in steps:
                steps.append(step)  # type: ignore[arg-type]
                clauses[step] = _clause_at(original, match.start(), match.end())
            if step in ("contacted", "present") and not person and code in sayable:
                person = _person(match, original, lang)
            if step in ("contacted", "present") and not who:
                who = _who(match, original)
        if not calmer:
            found = lang.calmer.search(view)
            calmer = found is not None and not _negated(view, found.start(), lang)
        if not rest:
            found = lang.rest.search(view)
            rest = found is not None and not _negated(view, found.start(), lang)
        if setback is None:
            if lang.setback_intent.search(view):
                setback = "intent"
            elif lang.setback_unsafe.search(view):
                setback = "unsafe"
            elif lang.alone.search(view):
                setback = "alone"
    if setback in ("intent", "unsafe"):
        steps = [s for s in steps if s != "safe"]
    ordered = tuple(s for s in STEPS if s in steps)
    return StepReading(
        steps=ordered,
        person=person,
        who=who,
        clauses=clauses,
        calmer=calmer,
        setback=setback,
        rest=rest,
    )


def setback_level(
    flow: Mapping[str, Any] | None, text: str, locale: str | None = "en"
) -> tuple[RiskLevel, str] | None:
    """After a crisis reply, a step taken back raises risk: (level, evidence) or None.

    "I'm going to take them now" is imminent; "I got them back" or "I'm not safe" is high.
    Without a crisis flow in the session this reads nothing (the screen governs).
    """
    if not flow:
        return None
    reading = read_steps(text, locale)
    if reading.setback == "intent":
        return "imminent", "crisis flow: stated intent to act after the crisis reply"
    if reading.setback == "unsafe":
        return "high", "crisis flow: a safety step taken back or not safe after the crisis reply"
    return None


# --- deciding and composing -----------------------------------------------------------------


def needs_full_block(
    flow: Mapping[str, Any] | None,
    *,
    screen_level: str,
    turn_level: str,
    focus: str,
    reading: StepReading,
    boundary: Iterable[str] = (),
    rules_level: str | None = None,
) -> bool:
    """Whether this crisis-level turn gets the full crisis reply rather than a follow-up.

    ``rules_level`` is the reviewed rules' reading of the message alone: a message that reports
    a safety step ("I put the pills in the car") names the means, which the learned model can
    read as risk; only the rules' high reading counts as a new disclosure then.

    Always for the first crisis reply; again when risk rises: a new high or imminent
    disclosure in this message, a step taken back, a new kind of crisis (another focus) or a
    boundary request (a method question after the crisis still gets its boundary statement).
    Once a concrete safety step (:data:`RETURN_STEPS`) is on record, a high reading of the
    learned model alone (rules below high, no conversation-layer reading above the screen's)
    is asked about again in the follow-up instead: the level is not lowered.
    """
    if not flow:
        return True
    if list(boundary):
        return True
    reported_step = bool(reading.steps) and not reading.setback
    rules_below = level_index(rules_level or screen_level) < _HIGH
    # once a concrete step is on record, a high reading of the learned model alone (the rules
    # read less, the conversation layer raised nothing) is met with the direct question again
    # in the follow-up (new_risk_now), not with the whole block quoting "I made some tea"
    handled = bool(set(flow.get("steps") or []) & RETURN_STEPS) and not reading.setback
    model_only = handled and rules_below and level_index(turn_level) <= level_index(screen_level)
    if level_index(screen_level) >= _HIGH and not ((reported_step or model_only) and rules_below):
        return True
    if level_index(turn_level) >= _HIGH and not reading.steps and not model_only:
        return True  # the model or the conversation read a new disclosure in this message
    if reading.setback in ("intent", "unsafe"):
        return True
    # a reported step names the means ("the pills are in the car"), which can shift the
    # categories; it is not a new kind of crisis
    return focus != flow.get("focus") and not reported_step


def renew_block(flow: CrisisFlow, turn: int, level: RiskLevel, focus: str) -> CrisisFlow:
    """The flow after a repeated full crisis reply: steps taken back start over, asked now."""
    updated = CrisisFlow(**flow)
    updated["block_turn"] = turn
    updated["block_level"] = level
    updated["focus"] = focus
    updated["asked_turn"] = turn
    updated["steps"] = [s for s in flow["steps"] if s == "contacted"]
    updated["offered"] = []
    updated["quiet_turns"] = 0
    updated["returned_turn"] = 0
    return updated


def track_turn(flow: CrisisFlow, reading: StepReading, *, turn: int, quiet: bool) -> CrisisFlow:
    """The flow after the conversation layer read one more turn (see the module docstring).

    ``quiet``: the turn brings no new risk signal. A quiet turn adds to the count; any other
    ends a return and starts the count over. The flow returns once a concrete step
    (:data:`RETURN_STEPS`, earlier or in this message) is on record and the count reaches
    :data:`RETURN_QUIET_TURNS`.
    """
    updated = CrisisFlow(**flow)
    if not quiet or reading.setback is not None:
        updated["quiet_turns"] = 0
        updated["returned_turn"] = 0
        return updated
    quiet_turns = int(flow.get("quiet_turns") or 0) + 1
    updated["quiet_turns"] = quiet_turns
    steps = set(flow["steps"]) | set(reading.steps)
    if not flow.get("returned_turn") and steps & RETURN_STEPS and quiet_turns >= RETURN_QUIET_TURNS:
        updated["returned_turn"] = turn
    return updated


def has_returned(flow: Mapping[str, Any] | None) -> bool:
    """Whether the flow has returned to the conversation (:func:`track_turn`)."""
    return bool(flow and flow.get("returned_turn"))


def follow_up_locale(flow: Mapping[str, Any], detected: str) -> str:
    """The follow-up's language: the turn's reply locale, the same for every text of the reply.

    The turn's language is decided once, by the screen, from the message and, when the
    message alone cannot tell ("ok", "gracias", kanji only), the earlier messages of the
    conversation (:func:`confide.safety.language.turn_language`); ``detected`` is that turn's
    reply locale (:func:`confide.safety.texts.reply_locale`). The follow-up never switches to
    the crisis reply's stored locale on its own: that would mix two languages in one reply.
    A language without reviewed texts has already fallen back to English.
    """
    return resolve_locale(detected or str(flow.get("locale") or ""))


def absorb(flow: CrisisFlow, reading: StepReading) -> CrisisFlow:
    """The flow with this message's steps recorded (no reply composed from it)."""
    updated = CrisisFlow(**flow)
    steps = list(flow["steps"])
    steps += [s for s in reading.steps if s not in steps]
    if reading.setback == "alone":
        steps = [s for s in steps if s != "present"]
    updated["steps"] = steps
    updated["person"] = reading.person or flow["person"]
    return updated


def new_risk_now(
    risk: Mapping[str, Any] | None,
    screen: Mapping[str, Any] | None,
    reading: StepReading | None = None,
) -> bool:
    """Whether this message itself brings risk (a reason to ask the direct question again).

    A message that reports a safety step is read by the reviewed rules alone (it names the
    means it put away, which the learned model can mistake for risk talk).
    """
    if screen is not None and reading is not None and reading.steps and not reading.setback:
        rules = str(screen.get("lexicon_level", screen.get("level", "none")))
        return level_index(rules) >= _MODERATE
    if screen is not None:
        if level_index(str(screen.get("level", "none"))) >= _MODERATE:
            return True
        own = set(screen.get("categories") or []) & OWN_RISK
        if own and not screen.get("third_party"):
            return True
    turn_level = str(risk.get("turn_level", "none")) if risk is not None else "none"
    return level_index(turn_level) >= _MODERATE


def compact_resources(region: str, locale: str) -> str:
    """The region's first crisis line and emergency number in one line (never the block)."""
    chosen = resources_for(region, ("crisis", "emergency"))
    crisis = [r for r in chosen if r.kind == "crisis"][:1]
    emergency = [r for r in chosen if r.kind == "emergency"][:1]
    picked = crisis + emergency
    if not crisis:
        picked = [*resources_for(region, ("directory",)), *emergency]
    lines = "; ".join(format_resource(r, locale) for r in picked)
    return flow_text("flow_resources_line", locale).format(lines=lines)


def next_step(flow: Mapping[str, Any], reading: StepReading) -> NextStep:
    """The next useful thing to offer (each once, in order), given the steps done so far."""
    steps = set(flow.get("steps") or [])
    offered = set(flow.get("offered") or [])
    connected = bool(steps & {"contacted", "present", "emergency"})
    order: list[tuple[NextStep, bool]] = [
        ("means", "means_away" not in steps and flow.get("focus") in _MEANS_FOCI),
        ("connect", not connected),
        ("come_over", "contacted" in steps and not steps & {"present", "emergency"}),
        ("stay", "present" in steps),
        ("hour", "safe" not in steps),
        ("plan", True),
        ("sleep", True),
    ]
    for name, applies in order:
        if applies and name not in offered:
            return name
    return "open"


def flow_exhausted(flow: Mapping[str, Any], reading: StepReading) -> bool:
    """Whether the flow has nothing new to say: no news in the message, every offer made."""
    return not reading.anything and next_step(flow, reading) == "open"


def _join(parts: Iterable[str], locale: str) -> str:
    sep = "" if locale == "zh" else " "
    return sep.join(p for p in parts if p)


@dataclass(frozen=True)
class FollowUp:
    """A composed follow-up and the flow state after it."""

    text: str
    flow: CrisisFlow
    acknowledged: tuple[str, ...]
    asked: bool
    next: NextStep | None


def acknowledgment_keys(flow: Mapping[str, Any], reading: StepReading) -> list[str]:
    """The fixed acknowledgment keys for the steps newly reported in this message."""
    done = set(flow.get("steps") or [])
    keys: list[str] = []
    person = reading.person or str(flow.get("person") or "")
    for step in reading.steps:
        if step in done:
            continue
        if step == "means_away":
            keys.append("flow_ack_means")
        elif step == "emergency":
            keys.append("flow_ack_emergency")
        elif step == "contacted":
            keys.append("flow_ack_contacted_person" if person else "flow_ack_contacted")
        elif step == "present":
            keys.append("flow_ack_present_person" if person else "flow_ack_present")
        elif step == "safe":
            keys.append("flow_ack_safe")
    if reading.calmer and "flow_ack_safe" not in keys:
        keys.append("flow_ack_calmer")
    if reading.rest and "sleep" not in (flow.get("offered") or []):
        keys.append("flow_ack_rest")
    return keys


def compose_follow_up(
    flow: CrisisFlow,
    reading: StepReading,
    *,
    turn: int,
    locale: str,
    region: str,
    ask_again: bool,
    opening: str | None = None,
) -> FollowUp:
    """Compose the follow-up after a crisis reply from the fixed texts; advance the flow.

    ``opening`` (a checked model acknowledgment, LLM engine) is used only when the message
    reported no step: the steps themselves are always acknowledged with the fixed texts.
    """
    loc = resolve_locale(locale)
    person = reading.person or flow["person"]
    ack_keys = acknowledgment_keys(flow, reading)
    acks = [flow_text(k, loc).format(person=person) for k in ack_keys]
    if not acks and ask_again:
        acks = [flow_text("flow_ack_risk", loc)]
    elif not acks and opening:
        acks = [opening]
    elif not acks and "open" not in flow["offered"]:
        acks = [flow_text("flow_ack_none", loc)]
    steps = list(flow["steps"])
    for step in reading.steps:
        if step not in steps:
            steps.append(step)
    if reading.setback == "alone":
        steps = [s for s in steps if s != "present"]
        ask_again = True
    updated = CrisisFlow(**flow)
    updated["steps"] = steps
    updated["person"] = person
    updated["locale"] = loc
    if reading.rest and "sleep" not in flow["offered"]:
        updated["offered"] = [*flow["offered"], "sleep"]  # they chose rest: not suggested again
    paragraphs = [_join(acks, loc)]
    chosen: NextStep | None = None
    if ask_again:
        paragraphs.append(flow_text("flow_ask_again", loc))
        updated["asked_turn"] = turn
    else:
        chosen = next_step(updated, reading)
        if chosen == "open" and "open" in updated["offered"]:
            closing = [flow_text("flow_presence", loc)]  # said once; after that, presence only
        else:
            closing = [flow_text(f"flow_next_{chosen}", loc)]
            if chosen in ("sleep", "open"):
                closing.append(flow_text("flow_presence", loc))
            updated["offered"] = [*updated["offered"], chosen]
        paragraphs.append(_join(closing, loc))
    paragraphs.append(compact_resources(region, loc))
    return FollowUp(
        text="\n\n".join(p for p in paragraphs if p),
        flow=updated,
        acknowledged=tuple(ack_keys),
        asked=ask_again,
        next=chosen,
    )


def user_texts(messages: Sequence[Any]) -> list[str]:
    """The person's messages, oldest first (LangChain messages of type ``human``)."""
    out = []
    for message in messages:
        if getattr(message, "type", "") != "human":
            continue
        content = message.content
        out.append(
            content
            if isinstance(content, str)
            else " ".join(p.get("text", "") if isinstance(p, dict) else str(p) for p in content)
        )
    return out
