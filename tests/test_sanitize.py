"""The sanitiser: what may reach a terminal or the store, and property-based fuzzing.

Fuzzing runs arbitrary user text and arbitrary model output through the sanitiser, the local
risk screen and the plain-mode writer: nothing may raise, the output is encodable UTF-8 and
free of control characters, and a crisis statement survives any hostile wrapping.
"""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from confide.companion import clean_message
from confide.errors import InputError
from confide.plain import _write
from confide.safety.screen import screen_text
from confide.sanitize import looks_like_json, sanitize_obj, sanitize_text

FORBIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\U000e0000-\U000e007f]"
)
CRISIS = "I have the pills in my hand and I'm going to take them all tonight"

#: Hostile pieces a model (or a pasted text) might carry.
HOSTILE = st.sampled_from(
    [
        "\x1b[2J",
        "\x1b[H",
        "\x1b]0;pwned\x07",
        "\x1b]8;;http://evil.example\x1b\\",
        "\x1bP1$qm\x1b\\",
        "\x9b31m",
        "\x00",
        "\u202e",
        "\u2066",
        "\ud83d",
        "\udc00",
        "\r",
        "\x07",
        "\U000e0041",
        "\ufeff",
    ]
)
TEXT = st.lists(st.one_of(st.text(max_size=20), HOSTILE), max_size=12).map("".join)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("\x1b[2J\x1b]0;pwned\x07I hear you.", "I hear you."),
        ("Call \x1b[31m988\x1b[0m now", "Call 988 now"),
        ("a\x00b", "ab"),
        ("reversed: \u202eenil\u202c", "reversed: enil"),
        ("I'm here \ud83d", "I'm here "),
        ("pair \ud83d\ude00", "pair \U0001f600"),
        ("line one\r\nline two\rthree", "line one\nline two\nthree"),
        ("tab\tand\nnewline", "tab\tand\nnewline"),
        ("hidden\U000e0069\U000e0067 tag", "hidden tag"),
        ("link \x1b]8;;http://x\x1b\\here\x1b]8;;\x1b\\", "link here"),
    ],
)
def test_sanitize_removes_what_acts_on_the_terminal(raw: str, clean: str) -> None:
    assert sanitize_text(raw) == clean


def test_sanitize_obj_cleans_nested_answers() -> None:
    answer = {"reply": "hi\x1b[2J", "notes": ["\u202ex", ("\ud83d",)], "n": 3}
    assert sanitize_obj(answer) == {"reply": "hi", "notes": ["x", ("",)], "n": 3}


@pytest.mark.parametrize(
    "text",
    [
        '{"reply": "I am here"}',
        '```json\n{"reply": "x"}\n```',
        '[{"a": 1}]',
        '{"reply": "cut off',
    ],
)
def test_json_documents_are_not_prose(text: str) -> None:
    assert looks_like_json(text)


@pytest.mark.parametrize(
    "text", ["[laughs] okay, that sounds hard", "{sigh} I know.", "I hear you {really}.", ""]
)
def test_prose_with_brackets_is_prose(text: str) -> None:
    assert not looks_like_json(text)


def test_user_message_with_escapes_is_cleaned_before_display_and_storage() -> None:
    assert clean_message("\x1b]0;title\x07I feel \u202ealone\x00") == "I feel alone"
    with pytest.raises(InputError):
        clean_message("\x1b[2J\x00\u202e")  # nothing readable left


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_fuzz_sanitizer_output_is_clean_idempotent_and_encodable(text: str) -> None:
    clean = sanitize_text(text)
    assert not FORBIDDEN.search(clean)
    assert "\x1b" not in clean
    assert sanitize_text(clean) == clean
    clean.encode("utf-8")  # never a UnicodeEncodeError


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_fuzz_model_output_reaches_a_strict_terminal_without_crashing(text: str) -> None:
    out = io.TextIOWrapper(io.BytesIO(), encoding="ascii", errors="strict")
    _write(out, f"confide> {text}\n")
    out.flush()
    written = out.buffer.getvalue().decode("ascii")  # type: ignore[attr-defined]
    assert "\x1b" not in written and "\x00" not in written


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_fuzz_user_text_through_the_screen_never_raises(text: str) -> None:
    try:
        message = clean_message(text)
    except InputError:
        return  # empty after cleaning: the UI says so and keeps the text
    result = screen_text(message)
    assert result["level"] in ("none", "low", "moderate", "high", "imminent")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HOSTILE, HOSTILE)
def test_fuzz_crisis_statement_wrapped_in_hostile_bytes_still_screens_imminent(
    before: str, after: str
) -> None:
    message = clean_message(f"{before}{CRISIS}{after}")
    assert screen_text(message)["level"] in ("high", "imminent")
