"""Devanagari read in Hinglish spelling: the risk model's n-grams share Hindi across scripts."""

from __future__ import annotations

import pytest

from confide.safety import riskmodel as rm
from confide.safety.romanize import has_devanagari, romanize


@pytest.mark.parametrize(
    ("hindi", "hinglish"),
    [
        ("मैं मरना चाहता हूँ", "main marna chahta hun"),
        ("जीने का मन नहीं करता", "jine ka man nahin karta"),
        ("खुद को खत्म कर दूंगा", "khud ko khatm kar dunga"),
        ("आज रात", "aaj rat"),
        ("फाँसी", "phansi"),
        ("ज़हर", "zahr"),
    ],
)
def test_hinglish_spelling_drops_the_vowels_hinglish_writers_drop(
    hindi: str, hinglish: str
) -> None:
    assert romanize(hindi) == hinglish


def test_other_scripts_pass_through_unchanged() -> None:
    mixed = "yaar मरना hai, 死にたい, I'm fine"
    assert romanize(mixed) == "yaar marna hai, 死にたい, I'm fine"
    assert not has_devanagari("main marna chahta hoon")
    assert has_devanagari("मरना")
    assert romanize("") == ""


def test_hindi_in_either_script_shares_ngram_features() -> None:
    devanagari = set(rm.ngram_features("मैं मरना चाहता हूँ"))
    latin = set(rm.ngram_features("main marna chahta hun"))
    unrelated = set(rm.ngram_features("aaj mausam accha hai"))
    shared = len(devanagari & latin) / len(latin)
    assert shared > 0.9  # the Hinglish spelling is part of the Devanagari text's features
    assert len(unrelated & latin) / len(latin) < 0.3
