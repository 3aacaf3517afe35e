"""Grounding and coping exercises: when to invite one, which one, and the guided text.

Offline and rule-based on purpose: an invitation is a fixed text from
:mod:`confide.safety.texts_exercises`, added to the counselor's reply when distress is high and
risk is not (no crisis, no check-in, no crisis flow, no medical emergency). It is an
invitation, never an instruction: at most :data:`MAX_OFFERS` per session, never the same one
twice, never on two turns in a row. A short "yes" to it is answered with the exercise itself;
``/ground`` shows any exercise on demand in the app and in ``--plain``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, Final

from confide.records import level_index
from confide.safety.categories import NO_EXERCISE_OFFER
from confide.safety.texts_exercises import (
    EXERCISE_ALIASES,
    EXERCISE_ORDER,
    EXERCISES,
    MENU_INTRO,
    ExerciseText,
)

MAX_OFFERS: Final = 2
#: used_lines markers: an invitation made, and an exercise given.
OFFER_MARK: Final = "exercise-offer:"
GIVEN_MARK: Final = "exercise:"

#: Replies that must not carry an invitation (a safety question is waiting for its answer).
_SAFETY_LINES: Final = ("checkin:", "affirmed-follow-up", "crisis-flow:")

_CUES: Final[tuple[tuple[str, re.Pattern[str]], ...]] = (
    (
        "sleep",
        re.compile(
            r"\b(can'?t|cannot|couldn'?t|unable to) (get to |fall )?sleep|\binsomnia\b|"
            r"\blie awake\b|\blying awake\b|\bawake all night\b|\bno sleep\b",
            re.I,
        ),
    ),
    ("urge", re.compile(r"\b(urges?|craving|cravings|tempted to|itching to)\b", re.I)),
    (
        "breathing",
        re.compile(
            r"\bpanic|\banxious\b|\banxiety\b|\bcan'?t breathe\b|\bheart (is )?(racing|"
            r"pounding)\b|\bhyperventilat|\bshaking\b",
            re.I,
        ),
    ),
    (
        "grounding",
        re.compile(
            r"\boverwhelm|\btoo much\b|\bspiral|\bunreal\b|\bnumb\b|\bdissociat|\bflashback|"
            r"\bcan'?t think( straight)?\b|\bfalling apart\b",
            re.I,
        ),
    ),
)
_YES: Final = re.compile(
    r"^\s*(yes|yeah|yep|yup|ok|okay|sure|please|alright|all right|let'?s (try|do) (it|that)|"
    r"i'?d like that|go ahead|why not)\b[\s,.!]*(please|let'?s|thanks|thank you|try it|ok)?"
    r"[\s.!]*$",
    re.I,
)
_NO_WORDS: Final = re.compile(r"\b(no|not|don'?t|nah|later|maybe)\b", re.I)
_DECLINE: Final = re.compile(
    r"^\s*(no|nah|nope|not now|not really|no thanks?|no thank you|maybe later|later|"
    r"i'?d rather (not|just talk)|i don'?t want to)\b[\s,.!]*(thanks?|thank you)?[\s.!]*$",
    re.I,
)


def get_exercise(name: str) -> ExerciseText | None:
    """The exercise called ``name`` (an id or a word like "breathe", "54321"), or None."""
    key = name.strip().lower()
    key = EXERCISE_ALIASES.get(key, key)
    return EXERCISES.get(key)


def format_exercise(exercise: ExerciseText) -> str:
    """The whole exercise as one text: intro, numbered steps, closing."""
    steps = "\n".join(f"{n}. {step}" for n, step in enumerate(exercise.steps, 1))
    head = f"{exercise.title} (about {exercise.minutes} minutes)"
    return f"{head}\n\n{exercise.intro}\n\n{steps}\n\n{exercise.closing}"


def exercise_menu() -> str:
    """The list shown by ``/ground`` without a name."""
    lines = [MENU_INTRO]
    for key in EXERCISE_ORDER:
        ex = EXERCISES[key]
        lines.append(f"  /ground {key:<10} {ex.title}, about {ex.minutes} minutes")
    return "\n".join(lines)


def cue_exercise(text: str) -> str | None:
    """The exercise the person's own words point to (sleep, urges, panic, overwhelm)."""
    for key, pattern in _CUES:
        if pattern.search(text):
            return key
    return None


def high_distress(emotion: Mapping[str, Any] | None, text: str) -> bool:
    """Distress is high: strongly negative emotion, or the person names panic, urges, ..."""
    if cue_exercise(text):
        return True
    if not emotion:
        return False
    valence = float(emotion.get("valence", 0.0))
    intensity = float(emotion.get("intensity", 0.0))
    arousal = float(emotion.get("arousal", 0.0))
    return valence <= -0.5 or (valence <= -0.35 and max(intensity, arousal) >= 0.45)


def _risk_allows(risk: Mapping[str, Any] | None) -> bool:
    if not risk:
        return True
    worst = max(
        level_index(str(risk.get("level", "none"))),
        level_index(str(risk.get("conversation_level", "none"))),
    )
    cats = {str(c) for c in risk.get("categories", []) or []}
    return worst < level_index("high") and not (cats & NO_EXERCISE_OFFER)


def choose(emotion: Mapping[str, Any] | None, text: str, used: Sequence[str]) -> str | None:
    """The exercise to invite to (not offered before in the session), or None."""
    offered = {u[len(OFFER_MARK) :] for u in used if u.startswith(OFFER_MARK)}
    cue = cue_exercise(text)
    label = str((emotion or {}).get("label", ""))
    default = "breathing" if label in ("anxiety", "fear", "panic", "nervousness") else "grounding"
    for key in (cue, default, "grounding", "breathing"):
        if key and key not in offered:
            return key
    return None


def invitation_for(state: Mapping[str, Any], update: Mapping[str, Any]) -> tuple[str, str] | None:
    """The exercise id and invitation to add to this turn's reply, or None.

    ``state`` is the turn's state before the counselor; ``update`` the counselor's update.
    """
    if state.get("crisis_flow"):
        return None  # after a crisis the flow leads, step by step
    lines = [str(u) for u in update.get("used_lines", [])]
    if any(u.startswith(_SAFETY_LINES) for u in lines):
        return None
    screen = state.get("screen") or {}
    if str(screen.get("language") or "en") != "en":
        return None
    if not _risk_allows(state.get("risk")):
        return None
    used = [str(u) for u in state.get("used_lines", [])]
    offers = [u for u in used if u.startswith(OFFER_MARK)]
    if len(offers) >= MAX_OFFERS or (used and used[-1].startswith((OFFER_MARK, GIVEN_MARK))):
        return None
    text = _last_user_text(state)
    if not high_distress(state.get("emotion"), text):
        return None
    key = choose(state.get("emotion"), text, used)
    if key is None:
        return None
    return key, EXERCISES[key].invitation


def accepted_exercise(state: Mapping[str, Any]) -> ExerciseText | None:
    """The exercise the person just said yes to (the previous reply invited to it), or None."""
    if not _risk_allows(state.get("risk")):
        return None
    text = _last_user_text(state)
    if not text or len(text.split()) > 8 or not _YES.match(text) or _NO_WORDS.search(text):
        return None
    previous = _previous_reply(state)
    for exercise in EXERCISES.values():
        if exercise.invitation in previous:
            return exercise
    return None


def declined_exercise(state: Mapping[str, Any]) -> bool:
    """The person just said no to the exercise the previous reply invited to."""
    text = _last_user_text(state)
    if not text or len(text.split()) > 8 or not _DECLINE.match(text):
        return False
    previous = _previous_reply(state)
    return any(exercise.invitation in previous for exercise in EXERCISES.values())


def _content(message: Any) -> str:
    content = getattr(message, "content", "")
    return content if isinstance(content, str) else str(content)


def _last_user_text(state: Mapping[str, Any]) -> str:
    for message in reversed(state.get("messages") or []):
        if getattr(message, "type", "") == "human":
            return _content(message)
    return ""


def _previous_reply(state: Mapping[str, Any]) -> str:
    messages = list(state.get("messages") or [])
    for message in reversed(messages[:-1]):
        if getattr(message, "type", "") == "ai":
            return _content(message)
    return ""


def with_exercise(state: Mapping[str, Any], update: dict[str, Any]) -> dict[str, Any]:
    """Add an exercise invitation to the counselor's update when one is called for."""
    offer = invitation_for(state, update)
    if offer is None:
        return update
    key, invitation = offer
    out = dict(update)
    out["draft"] = f"{update.get('draft', '').rstrip()}\n\n{invitation}"
    out["used_lines"] = [*update.get("used_lines", []), OFFER_MARK + key]
    meta = dict(update.get("reply_meta") or {})
    if meta:
        meta["notes"] = [*meta.get("notes", []), f"invited to the {key} exercise"]
        out["reply_meta"] = meta
    return out
