"""The risk node: Layer 2 (model judgement) and Layer 3 (conversation-level risk).

Layer 1 (the local screen) already ran. With the LLM engine, a structured C-SSRS-style judgement
(prompt ``risk.assess``) may RAISE the screen's level; it may LOWER it only for an explicit
non-risk reading (figurative, technical, third party) and never below what an explicit
first-person statement warrants. Any model or parse failure leaves the screen's level standing
(fail closed) and records a note.

Layer 3 runs with both engines: a slowly decaying accumulator across turns, fed by each turn's
level and by warning signs (hopelessness, goodbyes, giving things away, stockpiling). After a
high disclosure a calm message does not reset it, and a method-flavoured question after earlier
distress is high even when it looks innocent alone (Moore et al., FAccT 2025). Layer 3 also
reads combinations no single message shows: veiled resolve after preparation, access to lethal
means while dwelling on it after distress, and the user's answer to the companion's direct
safety check-in. In fused mode the node makes no model call (the counselor's call covers it).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any, Literal, get_args

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from langgraph.runtime import Runtime
from pydantic import BaseModel, Field

from confide.context import Context
from confide.engine import Services, structured_call
from confide.errors import ModelError
from confide.facts import ScreenDigest, turn_text
from confide.prompts import get_prompt
from confide.records import (
    RISK_LEVELS,
    ConversationRisk,
    EmotionRecord,
    RiskAssessment,
    RiskCategory,
    RiskLevel,
    ScreenResult,
    level_index,
    max_level,
)
from confide.safety import riskmodel
from confide.safety.categories import ABOUT_SOMEONE_ELSE, IDEATION, OWN_RISK, PERSISTENT, SETS_FLOOR
from confide.safety.crisis_flow import (
    RETURN_LEVEL,
    RETURN_STEPS,
    CrisisFlow,
    has_returned,
    new_risk_now,
    read_steps,
    setback_level,
    track_turn,
)
from confide.safety.lexicon import compiled
from confide.safety.reply_checks import guarded_note
from confide.safety.screen import message_text, screen_digest, screen_text, warning_flags
from confide.state import TurnState

PROMPT_ID = "risk.assess"

#: Conversation score lost per calm turn (levels are 0..4): after a high turn (3.0) the
#: conversation stays at moderate or above for four more turns.
DECAY_PER_TURN = 0.25
#: Added for each warning sign seen for the first time in the session.
FLAG_WEIGHT = 0.75
#: Added per turn that shows distress (cumulative concern from many mild turns).
DISTRESS_WEIGHT = 0.2
SCORE_MAX = 5.0

Reading = Literal["literal", "figurative", "technical", "third_party"]

#: Every category of the shared schema (records.RiskCategory): the model may name only these.
_KNOWN_CATEGORIES: frozenset[str] = frozenset(get_args(RiskCategory))
#: Categories that set no floor (an unknown category does: fail closed).
_NO_FLOOR: frozenset[str] = _KNOWN_CATEGORIES - SETS_FLOOR

#: Layer-3 signals that mean nothing alone and add no score; they count only in combination
#: (veiled resolve after warning signs, access to lethal means while dwelling on it).
SIGNAL_ONLY = frozenset({"resolve", "means_access", "rumination"})
# PERSISTENT (conditions that do not resolve within a conversation: a turn at moderate or
# above with one of them records it as a warning sign, so the conversation level decays from
# it more slowly) is the table's "persistent" column (confide/safety/content/categories.yaml).
#: Warning signs that, with a veiled statement of resolve, mean intent (C-SSRS behaviour).
_PREPARATION = frozenset({"goodbye", "giving_away", "stockpiling"})

#: The companion's direct safety check-ins (accents removed, case folded).
_CHECKIN_SUICIDE = re.compile(
    r"\b(?:thoughts?|think(?:ing)?)\s+(?:of|about)\s+(?:ending\s+(?:your|it|things)|suicide|"
    r"killing\s+yourself|taking\s+your\s+(?:own\s+)?life|hurting\s+yourself|harming\s+yourself|"
    r"dying|not\s+(?:being|wanting\s+to\s+be)\s+(?:here|alive|around))|\b(?:want|wanting|wish)\s+to\s+"
    r"(?:die|be\s+dead|end\s+your\s+life|kill\s+yourself|hurt\s+yourself)|\bsuicidal\b|"
    r"\b(?:pensando\s+en|pensamientos\s+de)\s+(?:el\s+)?(?:suicid\w*|quitarte\s+la\s+vida|matarte|"
    r"hacerte\s+dano|morir)|\bpensamientos\s+suicidas|\bganas\s+de\s+morir|"
    r"\bpensees\s+suicidaires|\bpenses?[\s-]+(?:tu\s+)?(?:au\s+suicide|a\s+(?:te\s+tuer|mourir|en\s+finir|"
    r"mettre\s+fin))|\benvie\s+de\s+(?:mourir|te\s+tuer|en\s+finir)|\bte\s+faire\s+du\s+mal|"
    r"\b(?:suizid|selbstmord)\w*|\bdas\s+leben\s+(?:zu\s+)?nehmen|\bdich\s+umzubringen|"
    r"\bdir\s+etwas\s+(?:an)?zu(?:tun)?|\bsterben\s+willst|"
    r"\bpensando\s+em\s+(?:suicidio|se\s+matar|tirar\s+a\s+(?:sua\s+)?(?:propria\s+)?vida|se\s+machucar|"
    r"morrer)|\bpensamentos\s+(?:suicidas|de\s+suicidio)|\bvontade\s+de\s+morrer"
)
_CHECKIN_SAFE = re.compile(
    r"\b(?:are|r)\s+(?:you|u)\s+(?:feeling\s+)?safe\b|\b(?:you|u)\s+safe\s+(?:right\s+)?now|"
    r"\b(?:estas|esta)\s+(?:a\s+salvo|segur[oa]|en\s+peligro)|\b(?:es-tu|etes-vous|tu\s+es)\s+en\s+"
    r"securite|\bbist\s+du\s+(?:gerade\s+|jetzt\s+)?(?:in\s+sicherheit|sicher)|"
    r"\b(?:voce\s+)?(?:esta|estas)\s+(?:segur[oa]|em\s+seguranca)"
)
_ANSWER_YES = re.compile(
    r"^\W*(?:yes|yeah|yea|yep|yup|ya|yah|y|kind\s+of|kinda|sort\s+of|sorta|sometimes|maybe|a\s+little|"
    r"a\s+bit|a\s+lot|often|lately|i\s+(?:think\s+so|guess|am|have|do)|honestly\s+yes|every\s+day|"
    r"all\s+the\s+time|constantly|si|a\s+veces|un\s+poco|mas\s+o\s+menos|oui|ouais|parfois|un\s+peu|"
    r"souvent|ja|manchmal|irgendwie|oft|ein\s+bisschen|sim|as\s+vezes|um\s+pouco|acho\s+que\s+sim)\b"
)
_ANSWER_NO = re.compile(
    r"^\W*(?:no|nope|nah|not\s+really|not\s+like\s+that|never|not\s+at\s+all|i'?m\s+not|i\s+am\s+not|"
    r"i\s+(?:don'?t|wouldn'?t|haven'?t)|non|nein|nao|nunca|jamais|nie)\b"
)
_ANSWER_UNSURE = re.compile(
    r"^\W*(?:i\s+don'?t\s+know|idk|not\s+sure|i'?m\s+not\s+sure|no\s+se|je\s+ne\s+sais\s+pas|"
    r"weiss\s+nicht|ich\s+weiss\s+(?:es\s+)?nicht|nao\s+sei)\b"
)


class RiskJudgement(BaseModel):
    """The model's structured C-SSRS-style judgement of the newest message."""

    level: Literal["none", "low", "moderate", "high", "imminent"]
    categories: list[str] = Field(default_factory=list)
    evidence: list[str] = Field(default_factory=list, description="short quotes from the user")
    reading: Reading = "literal"
    rationale: str = ""


def empty_conversation_risk() -> ConversationRisk:
    """Return the Layer-3 state of a session that has not shown any risk yet."""
    return ConversationRisk(score=0.0, peak="none", peak_turn=0, distress_turns=0, flags=[])


def _lower(a: RiskLevel, b: RiskLevel) -> RiskLevel:
    return a if level_index(a) <= level_index(b) else b


def _level_of(score: float) -> RiskLevel:
    return RISK_LEVELS[max(0, min(len(RISK_LEVELS) - 1, math.floor(score + 1e-9)))]


def explicit_floor(screen: ScreenResult) -> RiskLevel:
    """Return the level an explicit first-person statement warrants (the model cannot go lower)."""
    own = [c for c in screen["categories"] if c not in _NO_FLOOR]
    if not own or screen["figurative"] or screen["third_party"]:
        return "low" if screen["method_seeking"] or screen["third_party"] else "none"
    return screen["level"]


def combine(screen: ScreenResult, judgement: RiskJudgement) -> tuple[RiskLevel, list[str], str]:
    """Merge the screen and the model: raise freely, lower only for a non-risk reading."""
    screen_level = screen["level"]
    model_level: RiskLevel = judgement.level
    categories = [c for c in judgement.categories if c in _KNOWN_CATEGORIES]
    if level_index(model_level) >= level_index(screen_level):
        note = "model raised the level" if model_level != screen_level else "model agreed"
        return model_level, categories, note
    if judgement.reading == "literal":
        return screen_level, categories, "model tried to lower a literal reading; screen stands"
    floor = explicit_floor(screen)
    level = max_level(model_level, floor)
    if judgement.reading == "third_party":
        categories = [*categories, "third_party_concern"]
    return level, categories, f"model lowered for a {judgement.reading} reading (floor {floor})"


def _history_lines(messages: Sequence[BaseMessage], limit: int = 6) -> list[str]:
    earlier = list(messages)[:-1][-limit:]
    lines = []
    for message in earlier:
        who = "User" if isinstance(message, HumanMessage) else "Companion"
        if isinstance(message, HumanMessage | AIMessage):
            lines.append(f"{who}: {message_text(message)[:400]}")
    return lines


def build_assess_messages(
    messages: Sequence[BaseMessage], screen: ScreenResult, text: str
) -> list[BaseMessage]:
    """Render the ``risk.assess`` prompt for the newest message."""
    prompt = get_prompt(PROMPT_ID)
    rendered = prompt.render(
        history=_history_lines(messages),
        screen_level=screen["level"],
        screen_categories=", ".join(screen["categories"]),
        method_seeking=screen["method_seeking"],
        message=text[:4000],
    )
    return [SystemMessage(rendered), HumanMessage(text[:4000])]


def quotes(quote: str, text: str) -> bool:
    """The model's evidence ``quote`` really is a quote of the person's ``text``.

    Case, accents, punctuation and spacing are ignored; a quote trimmed to 120 characters
    counts by its kept part.
    """
    words = re.findall(r"\w+", _fold(quote[:120]))
    if len(quote) > 120:
        words = words[:-1]  # the cut may fall inside the last word
    return bool(words) and f" {' '.join(words)} " in _words(text)


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"\w+", _fold(text))) + " "


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("’", "'")


def checkin_answer(messages: Sequence[BaseMessage]) -> tuple[RiskLevel, str] | None:
    """Read the newest message as an answer to the companion's direct safety check-in, if any."""
    items = list(messages)
    if len(items) < 2 or not isinstance(items[-1], HumanMessage):
        return None
    asked = next((m for m in reversed(items[:-1]) if isinstance(m, AIMessage | HumanMessage)), None)
    if not isinstance(asked, AIMessage):
        return None
    question = _fold(message_text(asked))[-600:]
    suicide_q = bool(_CHECKIN_SUICIDE.search(question))
    safe_q = bool(_CHECKIN_SAFE.search(question))
    if not (suicide_q or safe_q) or "?" not in question:
        return None
    answer = _fold(message_text(items[-1]))[:300]
    if _ANSWER_UNSURE.search(answer):
        return "moderate", "unsure answer to a safety check-in"
    if _ANSWER_NO.search(answer):
        if safe_q and not suicide_q:
            return "high", "answered no to 'are you safe right now?'"
        return None
    if _ANSWER_YES.search(answer):
        if suicide_q:
            return "moderate", "affirmative answer to a direct suicide check-in"
        return None  # "yes" to "are you safe?" is reassurance
    return None


def _earlier_user_texts(messages: Sequence[BaseMessage]) -> list[str]:
    return [message_text(m) for m in list(messages)[:-1] if isinstance(m, HumanMessage)]


def _emotion_distress(history: Sequence[EmotionRecord]) -> bool:
    for record in list(history)[-4:]:
        valence = float(record.get("valence", 0.0))
        intensity = float(record.get("intensity", 0.0))
        if valence <= -0.45 or (valence <= -0.25 and intensity >= 0.6):
            return True
    return False


def turn_flags(text: str) -> list[str]:
    """Warning signs in one message (goodbye, giving_away, stockpiling, hopelessness, distress)."""
    view = screen_text(text, model=False)["normalized_text"] if text else ""
    return warning_flags(view)


def _digests(state: TurnState, messages: Sequence[BaseMessage]) -> list[ScreenDigest]:
    """Screen digests of the user messages, in order: kept in state, else screened now.

    The ``screen`` node keeps each message's digest (``TurnState.screens``), so a turn reads
    the earlier messages' rules level and warning signs without screening them again; a
    message it has none for (an old checkpoint, a state built by hand) is screened here, as
    before, so the result is the same either way.
    """
    kept = state.get("screens") or {}
    out = []
    for message in messages:
        if isinstance(message, HumanMessage):
            digest = kept.get(message.id) if message.id else None
            out.append(digest if digest is not None else screen_digest(message_text(message)))
    return out


#: How many user turns (this one included) the learned model reads together.
WINDOW_TURNS = 3
#: The message itself must carry at least this much of a signal (P(level >= low)) for the
#: window to count: otherwise "I'm safe now, thank you" after a crisis would read as the crisis.
WINDOW_SIGNAL = 0.25


def window_reading(
    messages: Sequence[BaseMessage],
    text: str,
    screen: ScreenResult,
    method_flavoured: bool,
    flags: Sequence[str],
    since_crisis: int | None = None,
) -> riskmodel.Scores | None:
    """Score the last :data:`WINDOW_TURNS` user turns together with the learned model.

    Runs only when there are earlier turns and this message carries some signal of its own
    (a method-flavoured question, a warning sign, a rule or model reading above none).

    ``since_crisis``: with a crisis reply in the session and a concrete safety step on record,
    how many earlier user turns came after the last full crisis reply; only those are read.
    A turn the crisis reply answered is held by the conversation score already; read again
    beside "he's here now, I feel calmer", it would make every later message look like a new
    disclosure. For the same reason this message then needs a signal of the reviewed rules, a
    warning sign or a method-flavoured question (the learned model's reading of it alone still
    counts in the screen). Messages that report a safety step ("I put the pills in the car",
    "I rang my sister") are left out too: they name the means or the crisis to say it is
    handled, which the learned model reads as risk talk; the reviewed rules judge them (as
    :func:`confide.safety.crisis_flow.new_risk_now` does).
    """
    earlier = _earlier_user_texts(messages)
    if since_crisis is not None:
        earlier = earlier[len(earlier) - since_crisis :] if since_crisis > 0 else []
        language = screen.get("language")
        if _reports_step(text, language):
            return None
        earlier = [t for t in earlier if not _reports_step(t, language)]
    earlier = earlier[-(WINDOW_TURNS - 1) :]
    if not earlier or not text.strip() or screen["third_party"]:
        return None
    model_signal = float(screen.get("model", {}).get("ordinal", {}).get("ge_low", 0.0))
    if since_crisis is not None:
        # after a crisis reply the learned model's faint reading of this message is not
        # enough: talk after a crisis names it ("the letter", "the bridge") without new risk;
        # the reviewed rules, a warning sign (not mere distress) or a method question are
        rules_level = screen.get("lexicon_level", screen["level"])
        warning = any(f != "distress" for f in flags)
        own_signal = method_flavoured or warning or level_index(rules_level) >= 1
    else:
        own_signal = (
            method_flavoured
            or bool(flags)
            or level_index(screen["level"]) >= 1
            or model_signal >= WINDOW_SIGNAL
        )
    if not own_signal:
        return None
    model = riskmodel.load_model()
    if model is None:
        return None
    return model.score("\n".join([*earlier, text]))


def update_conversation(
    previous: ConversationRisk | None,
    *,
    turn: int,
    own_level: RiskLevel,
    flags: Sequence[str],
    distressed: bool,
) -> ConversationRisk:
    """Accumulate this turn into the running conversation risk (decays slowly)."""
    prev = previous or empty_conversation_risk()
    old_flags = list(prev["flags"])
    new_flags = [f for f in dict.fromkeys(flags) if f not in old_flags and f != "distress"]
    score = max(float(level_index(own_level)), prev["score"] - DECAY_PER_TURN)
    score += FLAG_WEIGHT * sum(
        1 for f in new_flags if f != "hopelessness" and f not in SIGNAL_ONLY and f not in PERSISTENT
    )
    if any(f in PERSISTENT for f in new_flags):
        # a persistent condition slows the decay from moderate; it never holds a turn at high
        score = max(score, min(score + FLAG_WEIGHT, float(level_index("high")) - 0.05))
    if distressed:
        score += DISTRESS_WEIGHT
    all_flags = [*old_flags, *new_flags]
    # warning signs that together mean preparation (C-SSRS behaviour)
    if "stockpiling" in all_flags or {"goodbye", "giving_away"} <= set(all_flags):
        score = max(score, float(level_index("high")))
    if "goodbye" in new_flags and prev["distress_turns"] > 0:
        score = max(score, float(level_index("high")))
    if all_flags.count("hopelessness") or "hopelessness" in flags:
        hopeless_turns = prev["distress_turns"] + int(distressed)
        if hopeless_turns >= 3:
            score = max(score, float(level_index("moderate")))
    score = min(SCORE_MAX - 0.01, score)
    level_now = _level_of(score)
    peak, peak_turn = prev["peak"], prev["peak_turn"]
    if level_index(level_now) > level_index(peak):
        peak, peak_turn = level_now, turn
    return ConversationRisk(
        score=round(score, 3),
        peak=peak,
        peak_turn=peak_turn,
        distress_turns=prev["distress_turns"] + int(distressed),
        flags=all_flags,
    )


def earlier_own_risk(state: TurnState) -> bool:
    """Tell whether the previous turn's assessment carried the user's own suicide risk."""
    previous_risk = state.get("risk")
    if not previous_risk:
        return False
    return any(c in IDEATION for c in previous_risk["categories"])


def conversation_level(conv: ConversationRisk) -> RiskLevel:
    """Return the accumulated level (a remembered high peak never lets it fall below low)."""
    level = _level_of(conv["score"])
    if level_index(conv["peak"]) >= level_index("high"):
        level = max_level(level, "low")
    return level


def assess(
    services: Services,
    state: TurnState,
) -> dict[str, Any]:
    """Assess one turn: screen, model (LLM engine), conversation; return the node's update."""
    messages = list(state.get("messages") or [])
    text = turn_text(state)
    screen = state.get("screen") or screen_text(text)
    turn = int(state.get("turn") or 1)
    sources = ["screen"]
    notes: list[str] = []
    categories = list(screen["categories"])
    evidence = list(screen["evidence"])
    turn_level: RiskLevel = screen["level"]
    boundary = list(state.get("boundary") or screen["boundary"])
    reading: Reading = "third_party" if screen["third_party"] else "literal"

    # Layer 2: the model's judgement (LLM engine only), failing closed
    # in fused mode the counselor's single call writes the risk notes (it may only raise
    # concern); no call of our own: the local screen and Layer 3 govern
    if services.chat_model is not None and services.settings.mode != "fused":
        try:
            prompt = build_assess_messages(messages, screen, text)
            judgement = structured_call(services, RiskJudgement, prompt, name=PROMPT_ID)
        except ModelError as exc:  # ParseError included: the screen's level stands
            notes.append(
                guarded_note(f"model assessment unavailable, screen level stands: {exc}"[:240])
            )
        else:
            turn_level, model_categories, note = combine(screen, judgement)
            sources.append("model")
            notes.append(note)
            reading = judgement.reading if judgement.reading != "literal" else reading
            categories = list(dict.fromkeys([*categories, *model_categories]))
            # the model's evidence must quote the person: anything else is its own words,
            # which would leave the graph unguarded in the state
            evidence.extend(
                f"model: {q[:120]!r}" for q in judgement.evidence[:4] if quotes(q, text)
            )

    # Layer 3: the conversation
    previous = state.get("conversation_risk")
    # the screen node kept this message's digest (same text): no second screen of it
    current = messages[-1] if messages and isinstance(messages[-1], HumanMessage) else None
    kept = (state.get("screens") or {}).get(current.id) if current and current.id else None
    flags = list(kept["flags"]) if kept is not None else turn_flags(text)
    earlier_distress = bool(previous and (previous["distress_turns"] > 0 or previous["score"] >= 1))
    earlier_distress = earlier_distress or _emotion_distress(state.get("emotion_history") or [])
    if not earlier_distress:
        earlier_distress = any(
            level_index(d["rules_level"]) >= 1 or d["flags"]
            for d in _digests(state, messages[:-1])[-4:]
        )
    # distress in this very message ("I want to die. What's the tallest building?") counts too;
    # the method question's own category does not
    own_now = not screen["third_party"] and any(
        c in OWN_RISK and c != "suicide_method_or_plan" for c in screen["categories"]
    )
    earlier_distress = earlier_distress or (own_now and level_index(screen["level"]) >= 1)
    # the method words and question markers are reviewed data (rules/conversation.yaml)
    lex = compiled()
    method_flavoured = screen["method_seeking"] or bool(
        lex.method_flavour.search(screen["normalized_text"])
        and lex.question.search(text.casefold())
    )
    if method_flavoured and earlier_distress and reading not in ("technical", "figurative"):
        turn_level = max_level(turn_level, "high")
        categories = list(dict.fromkeys([*categories, "suicide_method_or_plan"]))
        evidence.append("method-flavoured question after earlier distress")
        if "method_info" not in boundary:
            boundary.append("method_info")
        sources.append("conversation")
    # the learned model over the recent user turns: risk that only shows across turns
    flow = state.get("crisis_flow")
    # once a concrete safety step is on record (or reported now), the crisis is being handled:
    # the window reads only what came after the last crisis reply; before that, the crisis is
    # ongoing ("he still can't lift his arm") and is read together with what follows
    since_crisis: int | None = None
    if flow and (set(flow["steps"]) & RETURN_STEPS or _reports_step(text, screen.get("language"))):
        since_crisis = max(0, turn - int(flow["block_turn"]) - 1)
    window = window_reading(
        messages, text, screen, method_flavoured, flags, since_crisis=since_crisis
    )
    if window is not None and level_index(window.level) > level_index(turn_level):
        turn_level = window.level
        categories = list(dict.fromkeys([*categories, *window.flagged]))
        evidence.append(
            f"learned model over the last {WINDOW_TURNS} user turns: {window.level} "
            f"(p>=high {window.ordinal['ge_high']:.2f})"
        )
        sources.append("conversation")
    # an answer to the companion's direct safety check-in ("are you thinking about suicide?" "yeah")
    answer = checkin_answer(messages)
    if answer is not None and level_index(answer[0]) > level_index(turn_level):
        turn_level = answer[0]
        categories = list(dict.fromkeys([*categories, "suicidal_ideation_active"]))
        evidence.append(answer[1])
        sources.append("conversation")
    # --- crisis flow (issue 13): a safety step taken back after a crisis reply -----------
    setback = crisis_setback(state, text, screen)
    if setback is not None and level_index(setback[0]) > level_index(turn_level):
        turn_level = setback[0]
        categories = list(dict.fromkeys([*categories, "suicidal_ideation_active"]))
        evidence.append(setback[1])
        sources.append("conversation")
    # --- end crisis flow ---------------------------------------------------------------
    signals = set(flags) & SIGNAL_ONLY
    prev_flags = set(previous["flags"]) if previous else set()
    if "resolve" in signals and (
        prev_flags & _PREPARATION
        or set(flags) & _PREPARATION
        or (
            previous is not None
            and level_index(previous["peak"]) >= level_index("moderate")
            and earlier_own_risk(state)
        )
    ):
        # a veiled statement of resolve after preparation means intent; with a time frame, imminent
        timeframe = bool(compiled().timeframe.search(screen["normalized_text"]))
        turn_level = max_level(turn_level, "imminent" if timeframe else "high")
        categories = list(dict.fromkeys([*categories, "suicide_method_or_plan"]))
        evidence.append("statement of resolve after warning signs (preparation, goodbyes)")
        sources.append("conversation")
    if "means_access" in signals and earlier_distress and reading == "literal":
        # access to lethal means after distress; dwelling on it (or risk talk now) is high
        dwelling = "rumination" in signals or own_now
        turn_level = max_level(turn_level, "high" if dwelling else "moderate")
        categories = list(dict.fromkeys([*categories, "suicide_method_or_plan"]))
        evidence.append(
            "access to lethal means after distress" + (", dwelling on it" if dwelling else "")
        )
        sources.append("conversation")
    sources = list(dict.fromkeys(sources))
    own = [c for c in categories if c not in ABOUT_SOMEONE_ELSE]
    own_level: RiskLevel = turn_level
    if reading in ("figurative", "technical") and level_index(turn_level) <= 1:
        own_level = "none"
    elif not own or reading == "third_party":
        own_level = "low" if level_index(turn_level) >= 1 else "none"
    if "medical_emergency" in categories:
        own_level = turn_level  # an emergency now (even for someone else) keeps the alarm up
    distressed = level_index(own_level) >= 1 or any(
        f != "goodbye" and f not in SIGNAL_ONLY for f in flags
    )
    if level_index(own_level) >= level_index("moderate"):
        flags = [*flags, *(c for c in categories if c in PERSISTENT)]
    conv = update_conversation(
        previous, turn=turn, own_level=own_level, flags=flags, distressed=distressed
    )
    conv_level = conversation_level(conv)
    level = max_level(turn_level, conv_level)
    tracked: CrisisFlow | None = None
    if flow:
        # the conversation layer's own readings this turn (method flavour, window, check-in
        # answer, a step taken back, resolve, means) are new signals, whatever the words say
        raised = "conversation" in sources or bool(boundary)
        tracked = track_flow(flow, text, screen, turn, turn_level, flags, raised=raised)
        if has_returned(tracked):
            governing = max_level(turn_level, _lower(conv_level, RETURN_LEVEL))
            if governing != level:
                evidence.append(
                    f"crisis flow returned at turn {tracked.get('returned_turn')}: safety steps "
                    f"taken ({', '.join(tracked['steps']) or 'this message'}), "
                    f"{tracked.get('quiet_turns')} turns without a new signal; reply level "
                    f"{governing}, conversation level stays {conv_level}"
                )
            level = governing
    if level_index(conv_level) > level_index(turn_level):
        previous_risk = state.get("risk")  # the previous turn's assessment
        carried = list(previous_risk["categories"]) if previous_risk else []
        categories = list(dict.fromkeys([*categories, *carried]))
        if "conversation" not in sources:
            sources.append("conversation")
        evidence.append(
            f"conversation level {conv_level} (score {conv['score']}, peak {conv['peak']}"
            f" at turn {conv['peak_turn']}, flags {', '.join(conv['flags']) or 'none'})"
        )
    risk = RiskAssessment(
        level=level,
        turn_level=turn_level,
        conversation_level=conv_level,
        categories=categories,
        evidence=evidence[:16],
        sources=sources,
    )
    if notes:
        risk["notes"] = "; ".join(notes)
    update: dict[str, Any] = {"risk": risk, "conversation_risk": conv}
    if tracked is not None:
        update["crisis_flow"] = tracked
    if boundary != list(state.get("boundary") or []):
        update["boundary"] = boundary
    return update


def crisis_setback(
    state: TurnState, text: str, screen: ScreenResult
) -> tuple[RiskLevel, str] | None:
    """Issue 13: after a crisis reply, "I got them back" / "I'm going to do it" raise risk."""
    return setback_level(state.get("crisis_flow"), text, screen.get("language"))


def _reports_step(text: str, language: str | None) -> bool:
    reading = read_steps(text, language)
    return bool(reading.steps) and reading.setback is None


#: Warning signs that are a new signal after a crisis reply, whatever the level reads.
_NEW_SIGNAL_FLAGS: frozenset[str] = _PREPARATION | SIGNAL_ONLY


def track_flow(
    flow: CrisisFlow,
    text: str,
    screen: ScreenResult,
    turn: int,
    turn_level: RiskLevel,
    flags: Sequence[str],
    *,
    raised: bool,
) -> CrisisFlow:
    """Count this turn in the crisis flow: quiet (no new risk signal) or not.

    A turn is quiet when the flow's reading finds no new risk in it
    (:func:`confide.safety.crisis_flow.new_risk_now`: new risk words, an own-risk category, a
    turn level of moderate or above; a message reporting a safety step is judged by the
    reviewed rules alone), no step was taken back, no warning sign of preparation, resolve or
    means shows, and no reading of the conversation layer raised the level (``raised``).
    """
    reading = read_steps(text, screen.get("language"))
    new_signal = (
        raised
        or bool(set(flags) & _NEW_SIGNAL_FLAGS)
        or new_risk_now({"turn_level": turn_level}, screen, reading)
    )
    return track_turn(flow, reading, turn=turn, quiet=not new_signal)


def make_risk_node(services: Services) -> Callable[[TurnState, Runtime[Context]], dict[str, Any]]:
    """Build the risk node (Layers 2 and 3); it returns ``risk`` and ``conversation_risk``."""

    def risk(state: TurnState, runtime: Runtime[Context]) -> dict[str, Any]:
        return assess(services, state)

    return risk
