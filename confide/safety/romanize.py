"""Devanagari to Hinglish-style Latin spelling, for the risk model's character n-grams.

People who write Hindi to a chat app use both scripts: "मैं मरना चाहता हूँ" and "main marna
chahta hoon" say the same thing. The sentence encoder has no Hindi, so the risk model leans on
character n-grams there, and those only share evidence across the two scripts if Devanagari is
also seen spelled the way Hinglish writers spell it. Scholarly transliteration (ISO 15919,
ITRANS) and ``anyascii`` keep or drop every inherent vowel ("marana", "mrna"); Hinglish writers
drop it at the end of a word and between a vowel and a consonant-vowel pair ("marna", "karta",
"chahta"). This module does exactly that and nothing more: it is a feature view, not a
transliterator for people to read.
"""

from __future__ import annotations

import re
from typing import Final

#: Consonants (with their inherent vowel removed) in the spelling Hinglish writers use.
_CONSONANTS: Final = {
    "क": "k", "ख": "kh", "ग": "g", "घ": "gh", "ङ": "n",
    "च": "ch", "छ": "chh", "ज": "j", "झ": "jh", "ञ": "n",
    "ट": "t", "ठ": "th", "ड": "d", "ढ": "dh", "ण": "n",
    "त": "t", "थ": "th", "द": "d", "ध": "dh", "न": "n",
    "प": "p", "फ": "ph", "ब": "b", "भ": "bh", "म": "m",
    "य": "y", "र": "r", "ल": "l", "व": "v", "श": "sh",
    "ष": "sh", "स": "s", "ह": "h", "ळ": "l",
    "क़": "q", "ख़": "kh", "ग़": "g", "ज़": "z", "ड़": "d", "ढ़": "rh", "फ़": "f", "य़": "y",
}  # fmt: skip
#: Independent vowels (word-initial or after another vowel).
_VOWELS: Final = {
    "अ": "a", "आ": "aa", "इ": "i", "ई": "ee", "उ": "u", "ऊ": "oo", "ऋ": "ri",
    "ए": "e", "ऐ": "ai", "ओ": "o", "औ": "au", "ऍ": "e", "ऑ": "o",
}  # fmt: skip
#: Vowel signs (they replace a consonant's inherent vowel).
_SIGNS: Final = {
    "\u093e": "a", "\u093f": "i", "\u0940": "i", "\u0941": "u", "\u0942": "u", "\u0943": "ri",
    "\u0947": "e", "\u0948": "ai", "\u094b": "o", "\u094c": "au", "\u0945": "e", "\u0949": "o",
}  # fmt: skip
_VIRAMA: Final = "\u094d"
_NUKTA: Final = "\u093c"
#: Anusvara and candrabindu are spoken as a nasal: Hinglish writes "n" ("nahin", "hoon").
_NASALS: Final = {"\u0902": "n", "\u0901": "n", "\u0903": "h"}
_DIGITS: Final = {chr(0x0966 + d): str(d) for d in range(10)}
_DEVANAGARI: Final = re.compile(r"[\u0900-\u097f]")
_WORD: Final = re.compile(r"[\u0900-\u097f]+")


def has_devanagari(text: str) -> bool:
    """Whether ``text`` contains any Devanagari character."""
    return _DEVANAGARI.search(text) is not None


def _word(word: str) -> str:
    """Romanize one Devanagari word, dropping the inherent vowels Hinglish writers drop."""
    # tokens: ("C", spelling) for a consonant, ("V", spelling) for a vowel sound,
    # ("A", "a") for an inherent vowel that may be dropped, ("N", spelling) for a nasal
    tokens: list[tuple[str, str]] = []
    i = 0
    while i < len(word):
        ch = word[i]
        if i + 1 < len(word) and word[i + 1] == _NUKTA and ch + _NUKTA in _CONSONANTS:
            ch, i = ch + _NUKTA, i + 1
        if ch in _CONSONANTS:
            tokens.append(("C", _CONSONANTS[ch]))
            nxt = word[i + 1] if i + 1 < len(word) else ""
            if nxt in _SIGNS:
                tokens.append(("V", _SIGNS[nxt]))
                i += 1
            elif nxt == _VIRAMA:
                i += 1
            else:
                tokens.append(("A", "a"))
        elif ch in _VOWELS:
            tokens.append(("V", _VOWELS[ch]))
        elif ch in _NASALS:
            tokens.append(("N", _NASALS[ch]))
        elif ch in _DIGITS:
            tokens.append(("V", _DIGITS[ch]))
        i += 1
    out = []
    for k, (kind, text) in enumerate(tokens):
        if kind == "A":
            after = [t for t, _ in tokens[k + 1 :]]
            final = not any(t in ("C", "V", "A") for t in after)
            # schwa deletion: a vowel, this consonant, then a consonant and a vowel
            before_vowel = k >= 2 and tokens[k - 2][0] in ("V", "A")
            next_cv = len(after) >= 2 and after[0] == "C" and after[1] in ("V", "A")
            if (final and k > 1) or (before_vowel and next_cv):
                continue
        out.append(text)
    return "".join(out)


def romanize(text: str) -> str:
    """``text`` with every Devanagari word spelled as Hinglish writers would spell it."""
    return _WORD.sub(lambda m: _word(m.group(0)), text).replace("\u0964", ".")
