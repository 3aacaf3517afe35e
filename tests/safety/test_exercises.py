"""Grounding and coping exercises (issue 13 item 3): offered as invitations when distress is
high and risk is not, given on "yes", never pushed, never in a crisis; fixed texts that pass
the guard."""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.messages import AIMessage, HumanMessage

from confide.companion import Companion
from confide.config import load_settings
from confide.safety.exercises import (
    OFFER_MARK,
    exercise_menu,
    format_exercise,
    get_exercise,
    invitation_for,
)
from confide.safety.reply_checks import check_reply
from confide.safety.texts_exercises import DECLINED, EXERCISE_ORDER, EXERCISES

INVITES = tuple(e.invitation for e in EXERCISES.values())


def invited(reply: str) -> str | None:
    return next((e.id for e in EXERCISES.values() if e.invitation in reply), None)


@pytest.fixture(scope="module")
def companion(tmp_path_factory: pytest.TempPathFactory) -> Any:
    c = Companion(load_settings(engine="offline", data_dir=tmp_path_factory.mktemp("ex")))
    yield c
    c.close()


def test_every_exercise_text_passes_the_guard() -> None:
    for exercise in EXERCISES.values():
        for text in (format_exercise(exercise), exercise.invitation):
            problems = [v.code for v in check_reply(text, risk=None, user_text="yes")]
            assert problems == [], (exercise.id, problems)
    assert [v.code for v in check_reply(DECLINED, risk=None, user_text="no thanks")] == []


def test_ground_names_and_menu() -> None:
    assert get_exercise("breathe") is EXERCISES["breathing"]
    assert get_exercise("5-4-3-2-1") is EXERCISES["grounding"]
    assert get_exercise("surfing") is EXERCISES["urge"]
    assert get_exercise("bed") is EXERCISES["sleep"]
    assert get_exercise("yoga") is None
    menu = exercise_menu()
    assert all(f"/ground {k}" in menu for k in EXERCISE_ORDER)


def test_high_anxiety_gets_a_breathing_invitation_and_yes_gets_the_exercise(
    companion: Companion,
) -> None:
    s = companion.new_session_id()
    first = companion.send("hi, it's been a rough week", s)["reply"]
    assert invited(first) is None  # no distress named yet
    reply = companion.send(
        "I've been so anxious all week, I can't stop worrying about everything", s
    )["reply"]
    assert invited(reply) == "breathing"
    assert reply.index(EXERCISES["breathing"].invitation) > 0  # after the counselor's reply
    given = companion.send("yes", s)["reply"]
    assert given.startswith("Paced breathing")
    assert all(step in given for step in EXERCISES["breathing"].steps)
    after = companion.send("I'm still so anxious, I can't stop worrying", s)["reply"]
    assert "Paced breathing" not in after and invited(after) != "breathing"


def test_sleep_words_get_the_wind_down_and_no_thanks_is_respected(companion: Companion) -> None:
    s = companion.new_session_id()
    companion.send("hey", s)
    reply = companion.send("I can't sleep, I lie awake every night since the breakup", s)["reply"]
    assert invited(reply) == "sleep"
    answer = companion.send("no thanks", s)["reply"]
    assert answer == DECLINED
    assert "Sleep wind-down" not in answer


def test_a_crisis_gets_no_exercise_invitation(companion: Companion) -> None:
    s = companion.new_session_id()
    companion.send("hi", s)
    reply = companion.send("I want to kill myself tonight. I have the pills right here", s)["reply"]
    assert invited(reply) is None
    follow = companion.send("I'm panicking so much, everything is too much", s)["reply"]
    assert invited(follow) is None  # the crisis flow leads after a crisis


def test_a_medical_emergency_gets_no_breathing_exercise(companion: Companion) -> None:
    s = companion.new_session_id()
    companion.send("hi", s)
    reply = companion.send("I'm panicking, my heart is racing and I can't breathe", s)["reply"]
    assert invited(reply) is None


def _state(text: str, **extra: Any) -> dict[str, Any]:
    state: dict[str, Any] = {
        "messages": [HumanMessage("hi"), AIMessage("Hello."), HumanMessage(text)],
        "emotion": {"label": "anxiety", "valence": -0.6, "intensity": 0.7, "arousal": 0.6},
        "risk": {"level": "none", "conversation_level": "none", "categories": []},
        "screen": {"language": "en"},
        "used_lines": [],
    }
    state.update(extra)
    return state


def test_invitation_rules() -> None:
    update = {"draft": "I'm here.", "used_lines": ["ack:1"]}
    assert invitation_for(_state("I'm so anxious"), update) is not None
    # not while a safety question waits for its answer, nor in a crisis flow
    assert invitation_for(_state("I'm so anxious"), {"used_lines": ["checkin:si"]}) is None
    assert invitation_for(_state("I'm so anxious", crisis_flow={"steps": []}), update) is None
    # not at high risk, not in another language, not twice in a row, at most two a session
    high = {"level": "high", "conversation_level": "high", "categories": []}
    assert invitation_for(_state("I'm so anxious", risk=high), update) is None
    assert invitation_for(_state("I'm so anxious", screen={"language": "es"}), update) is None
    last = {"used_lines": ["x", OFFER_MARK + "grounding"]}
    assert invitation_for(_state("I'm so anxious", **last), update) is None
    two = {"used_lines": [OFFER_MARK + "grounding", "y", OFFER_MARK + "breathing", "z"]}
    assert invitation_for(_state("I'm so anxious", **two), update) is None
    # low distress: nothing
    calm = {"label": "calm", "valence": 0.3, "intensity": 0.2, "arousal": 0.1}
    assert invitation_for(_state("it was fine", emotion=calm), update) is None
    # urges are named: urge surfing
    offer = invitation_for(_state("the urge to drink is so strong tonight"), update)
    assert offer is not None and offer[0] == "urge"
