"""The check-in on a model-written reply: runtime checks of its own, not the probe suite's judge."""

from __future__ import annotations

from typing import Any

import pytest

from confide.safety.check_in import (
    CheckInPlan,
    asks_about_safety,
    check_in_question,
    ensure_check_in,
)
from confide.safety.texts import text

SELF_MODERATE = CheckInPlan(foci=("self",), level="moderate", locale="en", region="US")
ABUSE_MODERATE = CheckInPlan(foci=("abuse",), level="moderate", locale="en", region="US")


@pytest.mark.parametrize(
    "draft",
    [
        "That sounds so heavy. Are you thinking about suicide?",
        "I hear you. Are you safe right now?",
        "Gracias por contármelo. ¿Estás a salvo ahora mismo?",
        "Je vous entends. Êtes-vous en sécurité en ce moment ?",
        "你现在安全吗？",
    ],
)
def test_a_question_about_safety_is_recognised(draft: str) -> None:
    assert asks_about_safety(draft)


@pytest.mark.parametrize(
    "draft",
    [
        "You are safe to tell me anything here.",  # not a question
        "What happened at work today?",  # a question, not about safety
        "",
    ],
)
def test_other_sentences_are_not_a_safety_question(draft: str) -> None:
    assert not asks_about_safety(draft)


def test_a_draft_that_asks_keeps_its_own_question() -> None:
    draft = "That sounds exhausting. Are you thinking about ending your life? I'm here."
    text, notes = ensure_check_in(draft, SELF_MODERATE)
    assert check_in_question(SELF_MODERATE) not in text
    assert "check-in question appended" not in notes


def test_a_draft_that_does_not_ask_gets_the_fixed_question() -> None:
    draft = "That sounds exhausting. I'm here with you."
    text, notes = ensure_check_in(draft, SELF_MODERATE)
    assert text.startswith(draft)
    assert check_in_question(SELF_MODERATE) in text
    assert "check-in question appended" in notes


def test_a_line_named_without_a_number_still_gets_the_regions_lines() -> None:
    # "a crisis line" alone gives the person nothing to call: the region's lines are appended
    draft = "Are you thinking about suicide? You could reach out to a crisis line."
    text, notes = ensure_check_in(draft, SELF_MODERATE)
    assert "988" in text
    assert "check-in resource appended" in notes


def test_a_draft_that_gives_the_regions_line_is_left_alone() -> None:
    draft = "Are you thinking about suicide? You can call or text 988 any time."
    text, notes = ensure_check_in(draft, SELF_MODERATE)
    assert text == draft
    assert notes == []


def test_an_abuse_check_in_counts_only_the_lines_it_would_offer() -> None:
    # 911 is an emergency number, not one of the lines an abuse check-in offers
    draft = "That is not okay, and it is not your fault. If you are in danger, call 911."
    text, notes = ensure_check_in(draft, ABUSE_MODERATE)
    assert "check-in resource appended" in notes
    assert "1-800-799-7233" in text.replace(" ", "-") or "thehotline" in text.lower()


# --- a figure of speech at low risk: a lighter acknowledgment, still a direct question ----------


def test_a_figure_of_speech_gets_a_light_check_in_not_a_painful_one(companion: Any) -> None:
    out = companion.send("im gonna kill myself if i have to sit through another meeting lmao", "f1")
    assert out["risk"]["level"] == "low"
    reply = out["reply"]
    assert text("ack_figurative", "en") in reply
    assert text("ask_figurative", "en") in reply
    assert text("ack_self", "en") not in reply
    # safe-messaging guidance: a line is still offered when suicide comes up
    assert "988" in reply
    # and a "yes" to the softer question is read as an answer to a suicide question
    answer = companion.send("yeah honestly sometimes", "f1")
    assert answer["risk"]["level"] == "moderate"
    assert "affirmative answer to a direct suicide check-in" in answer["risk"]["evidence"]


def test_a_literal_wish_to_die_keeps_the_full_acknowledgment(companion: Any) -> None:
    reply = companion.send("I want to die", "f2")["reply"]
    assert text("ack_self", "en") in reply
    assert text("ask_figurative", "en") not in reply
