"""Text normalisation for the risk screen: undo the obfuscations that defeat naive filters.

Every function is pure. :func:`normalize` chains them in the order that matters: NFKC first
(full-width letters, ligatures), then invisible characters, homoglyphs, spaced letters,
leetspeak and finally algospeak. The screen scores both the raw and the normalised text and
keeps the higher risk, so normalisation may over-correct without hiding anything.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Characters that render as nothing (zero-width, joiners, BOM, soft hyphen, bidi marks).
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\U000e0000-\U000e007f]"
)

#: Cyrillic and Greek letters that look like Latin ones (lower case after casefold).
_HOMOGLYPHS: dict[str, str] = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "ԁ": "d",
    "ɡ": "g", "һ": "h", "ӏ": "l", "ԛ": "q", "ԝ": "w", "ь": "b", "п": "n", "г": "r", "л": "n",
    "и": "u", "д": "d", "з": "3", "ч": "4",
    # Greek
    "α": "a", "β": "b", "γ": "y", "δ": "d", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v",
    "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w", "ϲ": "c",
    "μ": "u", "σ": "o", "ς": "s",
    # Latin lookalikes and symbols
    "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "ſ": "s", "ɑ": "a", "ɩ": "i", "ʟ": "l",
}  # fmt: skip

_HOMOGLYPH_TABLE = str.maketrans(_HOMOGLYPHS)
_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_LATIN = re.compile(r"[a-z]")
_FOLDABLE = set(_HOMOGLYPHS)

#: Leetspeak substitutions, applied only inside tokens that also contain letters.
_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g",
     "@": "a", "$": "s", "!": "i", "|": "l", "€": "e", "£": "l", "+": "t"}
)  # fmt: skip
_LEET_CHARS = frozenset("01345789@$!|€£+")
#: Numbers with a unit (25m, 50mg, 3am) are facts, not leetspeak: never rewrite them.
_NUMBER_WITH_UNIT = re.compile(r"^\d+(?:[.,]\d+)?[a-z]{0,4}$")
_TOKEN = re.compile(r"\S+")
#: Tokens holding a leetspeak character (the only ones :func:`undo_leetspeak` may rewrite).
_LEET_TOKEN = re.compile(r"(?<!\S)[^\s01345789@$!|€£+]*[01345789@$!|€£+]\S*")

#: Runs of three or more single characters separated by spaces or punctuation: "k i l l".
_SPACED = re.compile(r"(?<![^\W_])(?:[^\W_][ ._\-*~/\\]{1,3}){2,}[^\W_](?![^\W_])")

#: Words the spaced-letter joiner may split a run into ("k i l l m y s e l f" -> "kill myself").
_VOCAB = frozenset(
    """
    i me my myself you your yourself he she it we they him her them his self selves want wanna
    to die dead death kill killing killed end ending ended life live living alive unalive
    suicide suicidal suicidio myself am im i'm gonna going will would should could cant can not
    no never hurt hurting harm cut cutting cuts burn overdose od pills pill take took taken
    jump jumping bridge hang hanging rope noose gun shoot shot poison bleach knife blade
    razor wrists wrist starve starving purge purging hate everyone everything nothing
    anymore more all it do done over plan tonight today now right goodbye bye sorry help
    please how many much lethal dose fatal way ways quick painless sleep wake up forever
    better off without worthless hopeless pointless alone go gone leave leaving the a an of
    for in on and or is be been being was were tired life's sh self-harm
    """.split()  # noqa: SIM905
)
_MAX_SEGMENT_RUN = 60
_STRETCH = re.compile(r"([a-z])\1{2,}")

#: Algospeak: community code words for suicide, self-harm and eating disorders.
_ALGOSPEAK: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), replacement)
    for pattern, replacement in (
        (r"\bun[\s\-]?alive(?:d|ing)?\s+(?:my\s*self|myself|me)\b", "kill myself"),
        (r"\bun[\s\-]?alive(?:d|ing)?\s+(?:your\s*self|yourself)\b", "kill yourself"),
        (r"\bun[\s\-]?aliv(?:e|ing)\b", "kill"),
        (r"\bun[\s\-]?alived\b", "killed"),
        (r"\bself[\s\-]?(?:delete|deleting|unalive|terminate|destruct)\b", "kill myself"),
        (r"\bdelete\s+my\s*self\b", "kill myself"),
        (r"\bsewer[\s\-]*slide\b", "suicide"),
        (r"\bsewer[\s\-]*slid(?:e|ing)\b", "suicide"),
        (
            r"\bsooicide\b|\bsuey?cide\b|\bs\*+icide\b|\bsu\*+cide\b|\bs\W?u\W?i\W?c\W?i\W?d\W?e\b",
            "suicide",
        ),
        (r"\bsui\b(?=\s+(?:thoughts?|attempts?|ideation|notes?|plans?|idea|watch)\b)", "suicide"),
        (r"\b(?:commit|committing|attempt(?:ed)?)\s+sui\b", "commit suicide"),
        # "5 kms" is kilometres, not "kill myself"
        (r"(?<![\d.,]\s)(?<![\d.,])\bkms\b", "kill myself"),
        (r"\bkys\b", "kill yourself"),
        (r"\bctb\b", "commit suicide"),
        (r"\bgo\s+(?:to\s+)?sleep\s+forever\b|\bnap\s+forever\b", "die"),
        (r"\btoaster\s+bath\b", "suicide by electrocution"),
        (r"\byeet\s+my\s*self\s+off\b", "jump off"),
        (r"\bs/h\b|\bself[\s\-]?h(?:a|@)rm(?:ing)?\b", "self harm"),
        (
            r"\bcat\s+scratch(?:es)?\b(?=.{0,40}\b(?:arm|wrist|thigh|leg|hide|sleeves?)\b)",
            "self harm cuts",
        ),
        (r"\bbarcode\s+(?:arms?|wrists?|thighs?)\b", "self harm cuts"),
        (
            r"\b(?:thinspo|thinspiration|meanspo|bonespo|pro[\s\-]?ana|pro[\s\-]?mia)\b",
            "pro-anorexia",
        ),
        (r"\bd[e3]+a+d\b", "dead"),
        (r"\bded\b", "dead"),
        (r"\bgrippy\s+sock\s+(?:vacation|jail|hotel)\b", "psychiatric hospital"),
        (r"\bseggs\b", "sex"),
    )
)


def strip_invisible(text: str) -> str:
    """Remove zero-width, bidi, variation-selector and control chars (keep newlines, tabs)."""
    text = _INVISIBLE.sub("", text)
    if text.isascii():
        return _ASCII_CONTROL.sub("", text)
    return _NON_PRINTABLE_ASCII.sub(_drop_if_invisible, text)


_NON_PRINTABLE_ASCII = re.compile(r"[^\x20-\x7e\n\t]")


@lru_cache(maxsize=4096)
def _invisible_char(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn")


def _drop_if_invisible(match: re.Match[str]) -> str:
    ch = match.group(0)
    return "" if _invisible_char(ch) else ch


def fold_homoglyphs(text: str) -> str:
    """Fold Cyrillic/Greek lookalikes to Latin inside words that mix them with Latin letters.

    A word written entirely in Cyrillic or Greek is left alone (it is real Russian or Greek)
    unless every one of its letters is a lookalike and the message is mostly Latin.
    """
    if text.isascii() or _FOLDABLE.isdisjoint(text):
        return text
    latin_letters = len(_LATIN.findall(text))
    letters = sum(ch.isalpha() for ch in text) or 1
    mostly_latin = latin_letters / letters >= 0.5

    def fold(match: re.Match[str]) -> str:
        word = match.group(0)
        if not any(ch in _FOLDABLE for ch in word):
            return word
        if _LATIN.search(word) or (
            mostly_latin and all(ch in _FOLDABLE or not ch.isalpha() for ch in word)
        ):
            return word.translate(_HOMOGLYPH_TABLE)
        return word

    return re.sub(r"\S+", fold, text)


def undo_leetspeak(text: str) -> str:
    """Rewrite leetspeak ("k1ll mys3lf", "$uic1d3") inside tokens that also hold letters."""

    def fix(match: re.Match[str]) -> str:
        token = match.group(0)
        core = token.strip(".,;:?\"'()[]{}")
        if not core or _NUMBER_WITH_UNIT.match(core):
            return token
        if not any(ch.isalpha() for ch in core) or not any(ch in _LEET_CHARS for ch in core):
            return token
        if sum(ch.isalpha() for ch in core) < 1:
            return token
        # keep trailing sentence punctuation ("die!!" is emphasis, not "diei")
        stripped = core.rstrip("!")
        tail = core[len(stripped) :]
        head = token[: token.index(core)]
        rest = token[token.index(core) + len(core) :]
        return head + stripped.translate(_LEET) + tail + rest

    return _LEET_TOKEN.sub(fix, text)


def _segment(run: str) -> str | None:
    """Split a joined run into vocabulary words (dynamic programming), or None."""
    n = len(run)
    if n > _MAX_SEGMENT_RUN:
        return None
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for end in range(1, n + 1):
        for start in range(max(0, end - 12), end):
            prev = best[start]
            word = run[start:end]
            if prev is not None and word in _VOCAB:
                candidate = [*prev, word]
                current = best[end]
                if current is None or len(candidate) < len(current):
                    best[end] = candidate
    result = best[n]
    return " ".join(result) if result else None


def join_spaced_letters(text: str) -> str:
    """Join letter-by-letter spellings ("k i l l  m y s e l f" -> "kill myself")."""

    def join(match: re.Match[str]) -> str:
        run = re.sub(r"[ ._\-*~/\\]", "", match.group(0))
        segmented = _segment(run.lower())
        return f" {segmented or run} "

    return _SPACED.sub(join, text)


@lru_cache(maxsize=1)
def _algospeak_gated() -> tuple[tuple[re.Pattern[str], str, tuple[str, ...] | None], ...]:
    from confide.safety.lexicon import gate_of  # lazy: the lexicon is only needed here

    return tuple((p, r, gate_of(p.pattern.lower())) for p, r in _ALGOSPEAK)


def expand_algospeak(text: str) -> str:
    """Replace algospeak ("unalive", "sewer slide", "kms", "ctb") by the plain words."""
    for pattern, replacement, gate in _algospeak_gated():
        if gate is None or any(lit in text for lit in gate):
            text = pattern.sub(replacement, text)
    return text


def collapse_repeats(text: str) -> str:
    """Shorten letter stretching ("diiiie" -> "die", "killlll" -> "kill", "pleeease")."""
    return _STRETCH.sub(lambda m: m.group(1) * (2 if m.group(1) in "lsft" else 1), text)


def basic(text: str) -> str:
    """NFKC, invisible characters removed, case folded, whitespace squeezed."""
    text = unicodedata.normalize("NFKC", text)
    text = strip_invisible(text)
    text = text.casefold()
    text = text.replace("’", "'").replace("‘", "'").replace("`", "'")
    return re.sub(r"[ \t\r\f\v]+", " ", text).strip()


@lru_cache(maxsize=2048)
def normalize(text: str) -> str:
    """Undo every obfuscation the screen knows; the result is lower case."""
    return normalize_basic(basic(text))


def normalize_basic(text: str) -> str:
    """:func:`normalize` for a text that :func:`basic` already prepared."""
    text = fold_homoglyphs(text)
    text = join_spaced_letters(text)
    text = undo_leetspeak(text)
    text = collapse_repeats(text)
    text = expand_algospeak(text)
    return re.sub(r"[ \t]+", " ", text).strip()
