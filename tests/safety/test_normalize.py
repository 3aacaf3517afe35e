"""Normalisation undoes the obfuscations that defeat naive keyword filters."""

from __future__ import annotations

import pytest

from confide.safety.normalize import (
    basic,
    collapse_repeats,
    expand_algospeak,
    fold_homoglyphs,
    join_spaced_letters,
    normalize,
    strip_invisible,
    undo_leetspeak,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("k i l l  m y s e l f", "kill myself"),
        ("I want to k1ll mys3lf", "i want to kill myself"),
        ("ｋｉｌｌ ｍｙｓｅｌｆ", "kill myself"),  # full-width (NFKC)
        ("ki\u200bll my\u200dself", "kill myself"),  # zero-width
        ("k\u0456ll my\u0455elf", "kill myself"),  # Cyrillic і and ѕ
        ("su1c1de", "suicide"),
        ("I want to d!e", "i want to die"),
        ("s.u.i.c.i.d.e", "suicide"),
        ("diiiiie", "die"),
        ("i wanna unalive myself", "i wanna kill myself"),
        ("thinking about sewer slide", "thinking about suicide"),
        ("kms", "kill myself"),
        ("kys", "kill yourself"),
        ("ctb tonight", "commit suicide tonight"),
        ("sui thoughts again", "suicide thoughts again"),
    ],
)
def test_obfuscations_are_undone(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    "text",
    [
        "I took 50mg at 3am",  # numbers with units are facts, not leetspeak
        "I ran 5 kms today",  # kilometres
        "I need to catch the bus to work",
        "sui generis",
        "я хочу спать",  # real Russian stays Russian
        "我今天很开心",
    ],
)
def test_ordinary_text_keeps_its_meaning(text: str) -> None:
    out = normalize(text)
    assert "kill" not in out and "suicide" not in out
    assert out == basic(text)


def test_pieces_are_pure_and_composable() -> None:
    assert strip_invisible("a\u200bb\x00c\n") == "abc\n"
    assert fold_homoglyphs("p\u0430in") == "pain"  # Cyrillic а in a Latin word
    assert fold_homoglyphs("\u043f\u0440\u0438\u0432\u0435\u0442") == "привет"
    assert join_spaced_letters("i want to d i e") == "i want to  die "
    assert undo_leetspeak("h3ll0 w0rld 25m") == "hello world 25m"
    assert collapse_repeats("pleeease") == "please"
    assert expand_algospeak("self-harming again") == "self harm again"


@pytest.mark.parametrize(
    "text",
    ["", " ", "\x00\x01\x02", "\ud800", "a" * 50_000, "🙂" * 500, "k " * 5_000, "\ufeff\u202e"],
)
def test_never_raises_on_odd_input(text: str) -> None:
    assert isinstance(normalize(text), str)
