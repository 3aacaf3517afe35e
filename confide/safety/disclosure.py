"""AI-nature disclosure: when Confide must say that it is an AI, and the fixed words it uses.

Rule (after 2025 companion-bot laws): disclose at the start of a session, whenever the person
asks whether they are talking to a human or an AI, after a long absence, and at least every
three hours of a session. The guard prepends the fixed text and records the time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Final, Literal

from langchain_core.messages import AIMessage

from confide.safety.texts import text
from confide.state import TurnState

DisclosureReason = Literal["start", "asked", "absence", "interval"]

#: Re-disclose after this long since the last disclosure (seconds).
DISCLOSURE_INTERVAL_S: Final = 3 * 3600.0
#: A gap longer than this since the previous turn counts as a new start (seconds).
ABSENCE_S: Final = 6 * 3600.0

_ASKS: Final = re.compile(
    r"\b(?:are|r)\s+(?:you|u)\s+(?:even\s+|actually\s+|really\s+|just\s+|like\s+|"
    r"secretly\s+)?(?:a\s+|an\s+)?(?:real|human|person|bot|robot|ai|machine|chatbot|computer|"
    r"program|alive|a\s+real\s+person)\b|\byou(?:'re|\s+are)\s+(?:just\s+|only\s+|not\s+)?"
    r"(?:a\s+|an\s+)?(?:bot|robot|ai|machine|chatbot|human|real\s+person)\b|"
    r"\bam\s+i\s+(?:talking|speaking|"
    r"chatting)\s+(?:to|with)\s+(?:a\s+|an\s+)?(?:real|human|person|bot|robot|ai|machine)\b|"
    r"\bis\s+this\s+(?:a\s+)?(?:bot|robot|ai|real\s+person|human)\b|\bwho\s+am\s+i\s+talking\s+to|"
    r"¿?\s*eres\s+(?:un\s+|una\s+)?(?:humano|humana|persona|real|bot|robot|ia)\b|"
    r"\bes[-\s]tu\s+(?:un\s+|une\s+)?(?:humain|humaine|robot|ia|réel|réelle|vraie?\s+personne)|"
    r"\bbist\s+du\s+(?:ein\s+|eine\s+)?(?:mensch|echt|bot|roboter|ki)\b|"
    r"\bvocê\s+é\s+(?:um\s+|uma\s+)?(?:humano|humana|pessoa|real|robô|ia)\b|"
    r"你是(?:真人|人类|机器人|AI|人工智能)|你是不是(?:真人|机器人|AI)|"
    r"क्या\s+(?:तुम|आप)\s+(?:इंसान|असली|रोबोट|AI)",
    re.IGNORECASE,
)

_STATES_AI: Final = re.compile(
    r"\b(?:i'm|i\s+am)\s+(?:confide,\s+)?an?\s+ai\b|\bsoy\s+(?:confide,\s+)?una\s+ia\b|"
    r"\bje\s+suis\s+(?:confide,\s+)?une\s+ia\b|\bich\s+bin\s+(?:confide,\s+)?eine\s+ki\b|"
    r"\bsou\s+(?:o\s+confide,\s+)?uma\s+ia\b|我是(?:Confide，)?(?:一个)?(?:提供情感支持的)?AI|"
    r"मैं\s+[^।]{0,40}AI\s+हूँ",
    re.IGNORECASE,
)


def asks_about_nature(user_text: str) -> bool:
    """Whether the person asks if they are talking to a human, a bot or an AI."""
    return bool(_ASKS.search(user_text))


def states_ai_nature(reply: str) -> bool:
    """Whether a reply already says plainly that Confide is an AI."""
    return bool(_STATES_AI.search(reply))


def previous_turn_time(messages: Sequence[Any]) -> float | None:
    """When Confide last replied in this thread (the guard stamps every reply it emits)."""
    for message in reversed(messages):
        if isinstance(message, AIMessage):
            stamp = message.response_metadata.get("confide_at")
            if isinstance(stamp, int | float):
                return float(stamp)
    return None


def disclosure_reason(state: TurnState, *, user_text: str, now: float) -> DisclosureReason | None:
    """Why Confide must disclose its AI nature in this reply, or None."""
    if asks_about_nature(user_text) or "pretend_human" in (state.get("boundary") or []):
        return "asked"
    last = state.get("last_disclosure_at")
    if last is None or state.get("turn", 1) <= 1:
        return "start"
    candidates = [previous_turn_time(state.get("messages") or [])]
    candidates.append(state.get("last_turn_at"))
    # a stamp within the last second is this turn's own (the screen sets last_turn_at = now)
    previous = [t for t in candidates if t is not None and t < now - 1.0]
    if previous and now - max(previous) > ABSENCE_S:
        return "absence"
    if now - last >= DISCLOSURE_INTERVAL_S:
        return "interval"
    return None


def disclosure_text(reason: DisclosureReason, locale: str) -> str:
    """Return the fixed disclosure sentence for this reason, in the user's language."""
    key = {"start": "disclose_start", "asked": "disclose_asked"}.get(reason, "disclose_reminder")
    return text(key, locale)


def apply_disclosure(reply: str, reason: DisclosureReason, locale: str) -> str:
    """Prepend the disclosure (at session start always; otherwise unless the reply says it)."""
    if reason != "start" and states_ai_nature(reply):
        return reply
    return f"{disclosure_text(reason, locale)}\n\n{reply}"
