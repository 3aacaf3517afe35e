"""Layer 1: the local, model-free risk screen run on every user message.

:func:`screen_text` scores the plain text (NFKC, case folded) and the fully normalised text
(homoglyphs, leetspeak, spaced letters and algospeak undone) against the multilingual
lexicon and keeps the higher result, so an obfuscation can only raise the level. Negation
("I'm not suicidal"), figurative and technical uses ("this exam is killing me", "kill the
process") and hyperbole ("lol") are discounted per clause; talk about someone else is routed to
``third_party_concern``. It never raises: odd input (empty, huge, binary) yields a result.
"""

from __future__ import annotations

import bisect
import re
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from langchain_core.messages import HumanMessage
from langgraph.runtime import Runtime

from confide.context import Context
from confide.engine import Services
from confide.facts import ScreenDigest
from confide.facts import last_user_text as last_user_text  # re-exported (lives in facts)
from confide.facts import message_text as message_text  # re-exported (lives in facts)
from confide.records import (
    RISK_LEVELS,
    RiskLevel,
    ScreenResult,
    level_index,
    max_level,
)
from confide.safety import riskmodel
from confide.safety.categories import DEATH_WISH, INTENT, OWN_RISK, THIRD_PARTY_READING
from confide.safety.language import detect_language, turn_language
from confide.safety.lexicon import Compiled, compiled
from confide.safety.normalize import basic, normalize_basic
from confide.state import TurnState

#: Longest text scored in one pass; a longer text is scored in overlapping windows of this
#: size and the results merged, so no part of it (the middle included) goes unscreened.
MAX_CHARS = 20_000
#: Overlap between windows: a statement shorter than this is always whole in some window.
_OVERLAP = 2_000

_CLAUSE_BREAK = re.compile(
    r"[.!?;\n。！？]+|\s(?:but|though|although|however|pero|mais|aber|mas|lekin|par)\s|,\s*(?:but|and)\s"
)
_LATIN_MARK = re.compile(r"(?<=[a-z])[\u0300-\u036f]+")
_TOKEN = re.compile(r"\S+")
_THIRD_REPORTER = re.compile(
    r"\b(?:my\s+(?:best\s+)?(?:friend|sister|brother|son|daughter|mom|mum|mother|dad|father|partner|"
    r"wife|husband|boyfriend|girlfriend|roommate|classmate|coworker|cousin|kid|student|patient|"
    r"client)|a\s+friend|(?:he|she|they))\s+(?:\w+\s+){0,2}(?:said|says|told\s+me|texted|wrote|"
    r"keeps?\s+saying|posted)\b"
)
_QUOTED = re.compile(r"(?:^|(?<=[\s(:]))['\"“«„「](.+?)['\"”»“」](?=[\s.,!?;:)]|$)")
_MEDIA = re.compile(
    r"\b(?:song|lyrics?|sings?|sang|singing|poem|poet|verse|book|novel|chapter|quote|quoting|"
    r"line|film|movie|show|episode|character|title|album|track|play|scene|meme|canción|chanson|lied)\b"
)


@dataclass
class _Score:
    """One view's score (raw or normalised)."""

    level: RiskLevel = "none"
    categories: dict[str, RiskLevel] = field(default_factory=dict)
    evidence: list[str] = field(default_factory=list)
    third_party: bool = False
    figurative: bool = False
    method_seeking: bool = False
    boundary: list[str] = field(default_factory=list)

    def add(self, category: str, level: RiskLevel, evidence: str) -> None:
        self.categories[category] = max_level(self.categories.get(category, "none"), level)
        self.level = max_level(self.level, level)
        if evidence not in self.evidence and len(self.evidence) < 12:
            self.evidence.append(evidence)


def _deaccent(text: str) -> str:
    """Drop accents on Latin letters only (Devanagari vowel signs are kept)."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _LATIN_MARK.sub("", decomposed))


def _windows(text: str) -> list[str]:
    """Split a long text into overlapping windows of at most ``MAX_CHARS`` (one if short)."""
    if len(text) <= MAX_CHARS:
        return [text]
    step = MAX_CHARS - _OVERLAP
    return [text[i : i + MAX_CHARS] for i in range(0, len(text) - _OVERLAP, step)]


def _merge_windows(results: list[ScreenResult], text: str) -> ScreenResult:
    """Merge window screens: the highest level wins; categories and evidence are pooled."""
    top = max(results, key=lambda r: level_index(r["level"]))
    categories: list[str] = list(top["categories"])
    for result in results:
        categories += [c for c in result["categories"] if c not in categories]
    evidence = list(dict.fromkeys(e for r in results for e in r["evidence"]))[:12]
    boundary = list(dict.fromkeys(b for r in results for b in r["boundary"]))
    return ScreenResult(
        level=top["level"],
        categories=categories,
        evidence=evidence,
        normalized_text=top["normalized_text"],
        third_party=top["third_party"],
        figurative=top["figurative"],
        method_seeking=any(r["method_seeking"] for r in results),
        boundary=boundary,
        language=guess_language(text),
    )


def _clause_bounds(text: str) -> list[int]:
    return [0, *(m.end() for m in _CLAUSE_BREAK.finditer(text)), len(text) + 1]


def _clause(text: str, bounds: list[int], pos: int) -> tuple[int, int]:
    i = bisect.bisect_right(bounds, pos) - 1
    start = bounds[max(i, 0)]
    end = bounds[i + 1] if i + 1 < len(bounds) else len(text)
    return start, min(end, len(text))


def _negated(lex: Compiled, text: str, clause_start: int, start: int, matched: str) -> bool:
    """Tell whether a negation cue in the three words before the match (or in it) governs it."""
    span = text[max(clause_start, start - 40) : start]
    _head, comma, tail = span.rpartition(",")
    if comma and not tail.strip().startswith(("ever", "never", "nunca", "jamais", "nie")):
        span = tail  # a comma ends a negation's scope ("I'm not okay, I'm going to ...")
    before = _TOKEN.findall(span)[-3:]
    window = " ".join(before) + " " + matched
    if not lex.negation.search(window):
        return False
    return not lex.negation_exceptions.search(window)


def _score(view: str, lex: Compiled, *, laughing: bool = False) -> _Score:
    """Score one view with the rules.

    ``laughing``: the unsqueezed short message carries a hyperbole marker ("kkkk", "www" and
    "ㅋㅋㅋ" lose their repeats in the normalised view).
    """
    out = _Score()
    if not view.strip():
        return out
    seen: dict[str, bool] = {}

    def gate_open(gate: tuple[str, ...] | None) -> bool:
        if gate is None:
            return True
        for lit in gate:
            hit = seen.get(lit)
            if hit is None:
                hit = seen[lit] = lit in view
            if hit:
                return True
        return False

    bounds = _clause_bounds(view)
    short = len(view) < 240
    hyperbole_anywhere = laughing or (short and bool(lex.hyperbole.search(view)))
    means_named = bool(lex.means.search(view))
    quoted = [m.span(1) for m in _QUOTED.finditer(view)] if _MEDIA.search(view) else []
    has_cjk = bool(_CJK.search(view))
    for rule, pattern, gate in lex.risk:
        if (rule.lang == "zh" and not has_cjk) or not gate_open(gate):
            continue
        for m in pattern.finditer(view):
            cs, ce = _clause(view, bounds, m.start())
            clause = view[cs:ce]
            matched = m.group(0).strip()
            if "n" not in rule.flags and _negated(lex, view, cs, m.start(), matched):
                out.evidence.append(f"negated {rule.name}: {matched[:60]!r}")
                continue
            level: RiskLevel = rule.level
            category = rule.category
            if "x" in rule.flags and lex.context_exempt.search(clause):
                out.figurative = True
                out.evidence.append(f"figurative {rule.name}: {matched[:60]!r}")
                continue
            if (
                "h" in rule.flags
                and (hyperbole_anywhere or lex.hyperbole.search(clause))
                and not means_named
            ):  # "lol" never cancels means at hand ("pills ready lol")
                out.figurative = True
                level = "low"
            if quoted and any(a <= m.start() < b for a, b in quoted):
                out.figurative = True  # a quoted song line, book title or film line: not risk talk
                out.evidence.append(f"quoted {rule.name}: {matched[:60]!r}")
                continue
            if category in OWN_RISK and _THIRD_REPORTER.search(view[cs : m.start()]):
                category = "third_party_concern"  # reported speech: "she said 'I want to die'"
                level = max_level("low", min_level(level, "moderate"))
            if category == "third_party_concern" or rule.name.startswith("tp_"):
                out.third_party = True
            out.add(category, level, f"{rule.name}: {matched[:80]!r}")
            if "b" in rule.flags and "harmful_instructions" not in out.boundary:
                out.boundary.append("harmful_instructions")
            break  # one match per rule is enough
    if lex.figurative.search(view):
        out.figurative = True
    # boundaries and method seeking
    method = next(
        (hit for p, gate in lex.method if gate_open(gate) and (hit := p.search(view))), None
    )
    distressed = bool(method) and (
        any(
            c in OWN_RISK and level_index(lv) >= level_index("low")
            for c, lv in out.categories.items()
        )
        or any(
            name in ("distress", "hopelessness") and gate_open(gate) and p.search(view)
            for name, p, gate in lex.flags
        )
    )
    if method:
        out.method_seeking = True
        out.boundary.append("method_info")
        out.add("suicide_method_or_plan", "moderate", f"method question: {method.group(0)[:80]!r}")
    for kind, pattern, gate in lex.boundary:
        hit = pattern.search(view) if gate_open(gate) else None
        if hit and kind not in out.boundary:
            out.boundary.append(kind)
            out.evidence.append(f"boundary {kind}: {hit.group(0)[:60]!r}")
    if out.boundary and lex.wrappers.search(view):
        out.evidence.append("boundary request wrapped (role-play, fiction, class or translation)")
    # a method question with distress in the same message is high (Moore et al.)
    if method and distressed:
        out.add("suicide_method_or_plan", "high", "method question after distress")
    # active ideation with a near time frame ("I want to die tonight") -> high
    if out.categories.get("suicidal_ideation_active") == "moderate" and lex.timeframe.search(view):
        out.add("suicidal_ideation_active", "high", "active ideation with a near time frame")
    # own risk talk with means at hand ("I want to die and I have the pills here") -> high
    own_top = max(
        (lv for c, lv in out.categories.items() if c in OWN_RISK),
        key=level_index,
        default="none",
    )
    if level_index(own_top) >= level_index("moderate") and means_named:
        out.add("suicide_method_or_plan", "high", "risk talk with means at hand")
    # warning signs inside one message: preparation or ideation together with resolve
    # ("gave my dog away ... I won't need any of it", "said goodbye to everyone, this is the end")
    wish_to_die = any(c in DEATH_WISH for c in out.categories)
    resolve = lex.flag("resolve")
    if (
        gate_open(resolve[1])
        and resolve[0].search(view)
        and (
            wish_to_die
            or any(
                gate_open(lex.flag(name)[1]) and lex.flag(name)[0].search(view)
                for name in ("goodbye", "giving_away", "stockpiling")
            )
        )
    ):
        out.add("suicide_method_or_plan", "high", "resolve with preparation or ideation")
    # a preparatory act with a wish to be dead in the same message ("wrote my will ... they'd
    # be better off without me") is high (C-SSRS preparatory behaviour)
    if wish_to_die and any(
        gate_open(lex.flag(name)[1]) and lex.flag(name)[0].search(view)
        for name in ("goodbye", "giving_away")
    ):
        out.add("suicide_method_or_plan", "high", "preparation with a wish to be dead")
    # a wish to be dead with means at hand ("no reason to live, the pills are on the nightstand")
    # (not "intent": it does not lift to imminent; "my meds for anxiety" is a prescription)
    if wish_to_die and any(
        not view[m.end() : m.end() + 6].startswith((" for ", " from "))
        for m in lex.means.finditer(view)
    ):
        out.add("suicidal_ideation_active", "high", "ideation with means at hand")
    # intent + time frame or means at hand -> imminent
    if (
        out.level == "high"
        and any(c in INTENT and lv == "high" for c, lv in out.categories.items())
        and (lex.timeframe.search(view) or means_named)
    ):
        top = next(c for c, lv in out.categories.items() if c in INTENT and lv == "high")
        out.add(top, "imminent", "intent with a time frame or means at hand")
    return out


def _clauses(text: str) -> list[str]:
    bounds = _clause_bounds(text)
    return [text[bounds[i] : bounds[i + 1]].strip() for i in range(len(bounds) - 1)]


def _changed_clauses(plain: str, norm: str) -> str:
    """Return the clauses of ``plain`` that do not occur unchanged in ``norm``."""
    kept = set(_clauses(norm))
    return "\n".join(c for c in _clauses(plain) if c and c not in kept)


def min_level(a: str, b: str) -> RiskLevel:
    """Return the less severe of two levels."""
    return RISK_LEVELS[min(level_index(a), level_index(b))]


_CJK = re.compile(r"[\u4e00-\u9fff]")


def guess_language(text: str) -> str:
    """Guess the language of one message alone (ISO 639-1 or ``hi-Latn``; "en" when unsure).

    The turn's language, which also reads earlier messages when this one cannot tell, is
    :func:`confide.safety.language.turn_language` (set by the screen node).
    """
    return detect_language(text)


def screen_text(text: str, *, model: bool = True) -> ScreenResult:
    """Screen one message: the reviewed rules and the learned model; the higher risk wins.

    The rules score the plain and the de-obfuscated text (the higher wins); the learned model
    (:mod:`confide.safety.riskmodel`) scores both views too. ``model=False`` runs the rules
    alone (for cheap re-reads of text already screened).
    """
    if not isinstance(text, str):
        text = str(text)
    lexical = _screen_rules(text)
    if not model:
        return lexical
    return _with_model(text, lexical)


#: Short messages whose only risk words are negated keep the model at low at most.
NEGATION_CAP_CHARS = 120


def _with_model(text: str, lexical: ScreenResult) -> ScreenResult:
    """Add the learned model's reading to the rules' result (it may only raise the level)."""
    lexical["lexicon_level"] = lexical["level"]
    learned = riskmodel.load_model()
    if learned is None:
        lexical["model_level"] = "none"
        lexical["degraded"] = "learned risk model unavailable: rules only"
        return lexical
    prepared = basic(text)
    norm = normalize_basic(prepared)
    scores = learned.score(prepared, views=[norm] if norm != prepared else [])
    lexical["model_level"] = scores.level
    lexical["model"] = scores.to_dict()
    lexical["degraded"] = "" if scores.encoder else "sentence encoder unavailable: n-gram model"
    model_level = scores.level
    negated = any(e.startswith("negated ") for e in lexical["evidence"])
    if negated and lexical["level"] == "none" and len(text) <= NEGATION_CAP_CHARS:
        # a short message whose only risk words the rules found negated ("I would never kill
        # myself"): a bag of n-grams cannot read the negation, so the model may not alarm
        model_level = min_level(model_level, "low")
    if level_index(model_level) <= level_index(lexical["level"]):
        return lexical
    # the model raises the level: name what it saw (its categories, or its best guess above
    # low; a low reading names only categories it is sure of, so a guess never turns a low
    # reading into a suicide check-in)
    cats = list(scores.flagged)
    if not cats and model_level != "low":
        cats = [max(scores.categories, key=lambda c: scores.categories[c])]
    lexical["level"] = model_level
    merged = [*lexical["categories"], *(c for c in cats if c not in lexical["categories"])]
    lexical["categories"] = merged
    p = scores.ordinal
    lexical["evidence"] = [
        *lexical["evidence"][:11],
        f"learned model: {model_level} (p>=moderate {p['ge_moderate']:.2f}, "
        f"p>=high {p['ge_high']:.2f}, p>=imminent {p['ge_imminent']:.2f})",
    ]
    own = any(c in OWN_RISK for c in cats)
    if own and lexical["third_party"]:
        lexical["third_party"] = False
    if lexical["figurative"] and level_index(scores.level) >= level_index("moderate"):
        lexical["figurative"] = False
    return lexical


def _screen_rules(text: str) -> ScreenResult:
    """The reviewed rules alone (plain and normalised views, the higher wins).

    A long text is screened in overlapping windows (the highest level wins), so nothing in
    the middle of a huge message goes unread.
    """
    windows = _windows(text)
    if len(windows) > 1:
        return _merge_windows([_screen_rules(w) for w in windows], text)
    lex = compiled()
    prepared = basic(text)
    plain = _deaccent(prepared)
    norm = _deaccent(normalize_basic(prepared))
    laughing = len(plain) < 240 and bool(lex.hyperbole.search(plain))
    b = _score(norm, lex, laughing=laughing)
    # the plain text is scored where normalisation changed it (clause by clause), so an
    # over-eager normalisation can never hide what the plain text says
    a = _score(_changed_clauses(plain, norm), lex, laughing=laughing) if norm != plain else b
    top, other = (b, a) if level_index(b.level) > level_index(a.level) else (a, b)
    categories = dict(top.categories)
    for cat, lv in other.categories.items():
        categories[cat] = max_level(categories.get(cat, "none"), lv)
    ordered = sorted(categories, key=lambda c: -level_index(categories[c]))
    evidence = list(dict.fromkeys([*top.evidence, *other.evidence]))[:12]
    boundary = list(dict.fromkeys([*top.boundary, *other.boundary]))
    only_third = bool(categories) and all(c in THIRD_PARTY_READING for c in categories)
    return ScreenResult(
        level=top.level,
        categories=ordered,
        evidence=evidence,
        normalized_text=norm[:4000],
        third_party=(top.third_party or other.third_party) and only_third,
        figurative=(top.figurative or other.figurative) and level_index(top.level) <= 1,
        method_seeking=top.method_seeking or other.method_seeking,
        boundary=boundary,
        language=guess_language(text),
    )


def _earlier_user_texts(state: TurnState) -> list[str]:
    """The user's messages before the newest one, oldest first (the last 8)."""
    texts = [message_text(m) for m in state.get("messages") or [] if isinstance(m, HumanMessage)]
    return texts[:-1][-8:]


def _now(runtime: Runtime[Context] | None) -> float:
    context = getattr(runtime, "context", None) if runtime is not None else None
    now = getattr(context, "now", None)
    return float(now) if isinstance(now, int | float) else time.time()


def warning_flags(normalized_text: str) -> list[str]:
    """Warning signs (goodbye, giving_away, stockpiling, hopelessness, distress...) in a view.

    ``normalized_text`` is a screen's ``normalized_text`` of the message.
    """
    lex = compiled()
    return [name for name, pattern, _gate in lex.flags if pattern.search(normalized_text)]


def screen_digest(text: str, result: ScreenResult | None = None) -> ScreenDigest:
    """What later turns' conversation layer needs of this message's screen.

    ``result`` is :func:`screen_text` of ``text`` (with or without the model), when known.
    """
    if result is None or "normalized_text" not in result:
        result = _screen_rules(text) if text else None
    if result is None:
        return ScreenDigest(rules_level="none", flags=[])
    level = str(result.get("lexicon_level", result["level"]))
    return ScreenDigest(rules_level=level, flags=warning_flags(result["normalized_text"]))


def make_screen_node(services: Services) -> Callable[[TurnState, Runtime[Context]], dict[str, Any]]:
    """Build the screen node: count the turn, stamp times, screen the new user message.

    It records the user's text once (``user_text``) for every later node, and a digest of
    this message's screen (``screens``) so later turns never screen it again.
    """

    def screen(state: TurnState, runtime: Runtime[Context]) -> dict[str, Any]:
        now = _now(runtime)
        last = next(
            (m for m in reversed(state.get("messages") or []) if isinstance(m, HumanMessage)),
            None,
        )
        text = message_text(last) if last is not None else ""
        result = screen_text(text)
        # one language per turn: this message's, or the conversation's when it cannot tell
        result["language"] = turn_language(text, _earlier_user_texts(state))
        update: dict[str, Any] = {
            "turn": int(state.get("turn") or 0) + 1,
            "user_text": text,
            "screen": result,
            "last_turn_at": now,
            "boundary": list(result["boundary"]),
        }
        if last is not None and last.id:
            update["screens"] = {last.id: screen_digest(text, result)}
        if not state.get("session_started_at"):
            update["session_started_at"] = now
        return update

    return screen
