"""Deadlines: the per-node policy (pure) and the bounded call runner."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from langchain_core.messages import HumanMessage

from confide.config import Settings, load_settings
from confide.deadline import deadline_at, node_deadline, run_with_deadline
from confide.engine import Services, text_call
from confide.errors import ConfigError, ModelError, ModelTimeoutError
from confide.testing import FakeModelMisuse, ScriptedChatModel, ScriptExhaustedError

SETTINGS = Settings(crisis_deadline_s=5.0, turn_deadline_s=45.0)
NOW = 1_000.0


def _state(screen: str = "none", risk: str | None = None) -> dict[str, Any]:
    state: dict[str, Any] = {"turn_started": NOW, "screen": {"level": screen}}
    if risk is not None:
        state["risk"] = {"level": risk}
    return state


@pytest.mark.parametrize("level", ["high", "imminent"])
def test_crisis_by_screen_skips_emotion_and_planner_and_bounds_risk_and_ack(level: str) -> None:
    state = _state(level, level)
    assert node_deadline("emotion", state, SETTINGS, now=NOW) == NOW  # no call at all
    assert node_deadline("strategy", state, SETTINGS, now=NOW) == NOW
    for node in ("risk", "compassionate_completion", "guard"):
        assert node_deadline(node, state, SETTINGS, now=NOW) == NOW + 5.0


def test_crisis_seen_by_the_conversation_layer_gets_the_crisis_deadline() -> None:
    state = _state("low")
    assert node_deadline("risk", state, SETTINGS, now=NOW) == NOW + 45.0
    assert node_deadline("risk", state, SETTINGS, now=NOW, conversation_crisis=True) == NOW + 5.0
    after = _state("low", "high")  # the risk agent raised it: the ack gets the crisis deadline
    assert node_deadline("compassionate_completion", after, SETTINGS, now=NOW) == NOW + 5.0
    assert node_deadline("strategy", after, SETTINGS, now=NOW) == NOW


def test_other_turns_share_the_turn_deadline_counted_from_the_turn_start() -> None:
    state = _state("low", "moderate")
    for node in ("emotion", "risk", "strategy", "counselor", "guard"):
        assert node_deadline(node, state, SETTINGS, now=NOW + 30) == NOW + 45.0


def test_unknown_risk_level_fails_closed_to_the_crisis_policy() -> None:
    state = _state("bogus")
    assert node_deadline("emotion", state, SETTINGS, now=NOW) == NOW


def test_deadlines_are_configurable_by_environment_and_validated() -> None:
    env = {"CONFIDE_CRISIS_DEADLINE": "2.5", "CONFIDE_TURN_DEADLINE": "20"}
    settings = load_settings(environ=env)
    assert (settings.crisis_deadline_s, settings.turn_deadline_s) == (2.5, 20.0)
    for bad in ("0", "-1", "nan", "soon"):
        with pytest.raises(ConfigError):
            load_settings(environ={"CONFIDE_CRISIS_DEADLINE": bad})


def test_a_hung_call_is_abandoned_and_a_streaming_worker_is_told_to_stop() -> None:
    seen: list[threading.Event] = []
    release = threading.Event()

    def hang(cancel: threading.Event) -> str:
        seen.append(cancel)
        release.wait(10)
        return "too late"

    with pytest.raises(ModelTimeoutError):
        run_with_deadline(hang, 0.05, "hang")
    assert seen and seen[0].is_set()
    release.set()


def test_a_passed_deadline_means_no_call_at_all() -> None:
    model = ScriptedChatModel(script=["never sent"])
    services = Services(settings=Settings(), chat_model=model)
    with deadline_at(0.0), pytest.raises(ModelTimeoutError):  # monotonic 0 is long past
        text_call(services, [HumanMessage(content="hi")], name="t")
    assert model.calls == []
    assert services.model_available()  # nothing was called, so the breaker stays closed


def test_fake_misuse_passes_through_the_engine_loudly() -> None:
    services = Services(settings=Settings(), chat_model=ScriptedChatModel(script=[]))
    with pytest.raises(ScriptExhaustedError) as info:
        text_call(services, [HumanMessage(content="hi")], name="t")
    assert isinstance(info.value, FakeModelMisuse)
    assert not isinstance(info.value, Exception)  # no `except Exception` can swallow it


def test_assertion_error_from_a_client_is_a_bad_answer_not_a_crash() -> None:
    # the OpenAI client asserts on some malformed structured answers (json_mode/json_schema)
    services = Services(
        settings=Settings(), chat_model=ScriptedChatModel(script=[AssertionError("bad")])
    )
    with pytest.raises(ModelError):
        text_call(services, [HumanMessage(content="hi")], name="t")
