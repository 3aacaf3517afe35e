"""Shared wording of the composed safety replies: the person's words, quoted safely.

Compassionate Completion, the safety check-in and the guard's last-resort reply all open by
reflecting a short fragment of what the person said (:func:`pick_quote`, never a method,
dose, link or instruction) and join reviewed sentences the way each language does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final, Protocol

from langchain_core.messages import HumanMessage

from confide.safety.reply_checks import method_or_dose_detail, unquotable_detail
from confide.safety.texts import text

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
#: Quote marks and emphasis stripped from a quoted fragment (and from a model's sentence).
QUOTE_CHARS: Final = "“”\"«»„「」'`*_"


def pick_quote(user_text: str) -> str | None:
    """Pick a short, safe fragment of the person's own words to reflect back (or None).

    Fragments with numbers, method words, links or instruction-like text are never quoted: a
    reflection must not repeat a detail that the guard would block.
    """
    best: tuple[int, int, str] | None = None
    for index, raw in enumerate(_CLAUSE_SPLIT.split(user_text or "")):
        clause = " ".join(raw.strip(QUOTE_CHARS + " \t").split()).rstrip(".,;:。；")
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


def join_sentences(parts: Iterable[str], locale: str) -> str:
    """Join sentences with a space (no space in Chinese)."""
    sep = "" if locale == "zh" else " "
    return sep.join(p for p in parts if p)


def quote_sentence(fragment: str, locale: str, *, earlier: bool = False) -> str:
    """The reviewed sentence that reflects ``fragment`` back (``earlier``: an older message)."""
    sentence = text("quote_intro_earlier" if earlier else "quote_intro", locale).format(
        quote=fragment
    )
    # “Are you there?”. -> “Are you there?”
    return re.sub(r"([?!…？！][”»“」]?)[.。।]$", r"\1", sentence)


def user_texts(state: Mapping[str, Any]) -> list[str]:
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


class Freshener(Protocol):
    """Rewrites a fixed safety text so no sentence said earlier in the session comes again."""

    def __call__(
        self,
        text: str,
        said: Sequence[str],
        locale: str = "en",
        keep: Sequence[str] = (),
        *,
        acknowledge: bool = False,
    ) -> str:
        """The text without repeats (resource lines, questions and ``keep`` stay)."""
        ...


_FRESHENERS: list[Freshener] = []


def register_freshener(freshener: Freshener) -> None:
    """Declare the session's no-repeat rule for the fixed safety texts.

    The offline composer owns it (:func:`confide.agents.compose.composer.freshen`: it knows
    every reviewed alternative wording) and registers it when imported, so this layer never
    imports the layers above it. The newest registration wins.
    """
    _FRESHENERS.append(freshener)


def freshen(
    text: str,
    said: Sequence[str],
    locale: str = "en",
    keep: Sequence[str] = (),
    *,
    acknowledge: bool = False,
) -> str:
    """``text`` with no sentence of ``said`` repeated (unchanged when nothing registered).

    Any failure of the registered rule leaves the reviewed text as it is: a repeat is better
    than a missing safety reply.
    """
    if not _FRESHENERS:
        return text
    try:
        return _FRESHENERS[-1](text, said, locale, keep, acknowledge=acknowledge)
    except Exception:
        return text
