from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from langchain_core.messages import BaseMessage

from confide.evaluation.client import LLMClient, band, clamp_change
from confide.evaluation.scenarios import Persona
from confide.testing import ScriptedChatModel

PERSONA = Persona(
    name="Sam",
    age=30,
    occupation="baker",
    problem="Lost a friend after an argument.",
    background="Sam and Jo argued about money.",
    speaking_style="short",
    hidden_need="to hear it can be repaired",
    initial_emotion=40,
)


def test_sage_bands_and_clamp() -> None:
    assert [band(x) for x in (100, 99, 70, 69, 40, 39, 10, 9, 0)] == [
        "S",
        "A",
        "A",
        "B",
        "B",
        "C",
        "C",
        "F",
        "F",
    ]
    assert clamp_change(25) == 10
    assert clamp_change(-40) == -10
    assert clamp_change(3) == 3


def _responder(changes: list[int]) -> Any:
    def respond(messages: Sequence[BaseMessage], schema: str | None) -> Any:
        if schema == "ClientOpening":
            return {"message": "hi, I had a fight with my friend"}
        assert schema == "ClientReaction"
        # the role card and the hidden need reach the client model; the companion's reply too
        system = str(messages[0].content)
        assert "to hear it can be repaired" in system
        assert "Companion:" in str(messages[-1].content)
        return {"reasoning": "ok", "emotion_change": changes.pop(0), "message": "more"}

    return respond


def test_llm_client_clamps_changes_and_ends_satisfied() -> None:
    model = ScriptedChatModel(responder=_responder([25, 30, 8, 2, 10, 10, 10]))
    client = LLMClient(PERSONA, model, max_turns=10)
    assert client.first_message() == "hi, I had a fight with my friend"
    steps = [client.respond("That sounds painful. What happened?", "hi")]
    while steps[-1].message is not None:
        steps.append(client.respond("It sounds like you miss Jo.", steps[-1].message))
    assert [s.change for s in steps] == [10, 10, 8, 2, 10, 10, 10]
    assert [s.emotion for s in steps] == [50, 60, 68, 70, 80, 90, 100]
    assert client.ended == "satisfied"
    assert band(client.emotion) == "S"


def test_llm_client_leaves_below_ten() -> None:
    model = ScriptedChatModel(responder=_responder([-10, -10, -10, -10]))
    client = LLMClient(PERSONA, model, max_turns=10)
    client.first_message()
    emotions = []
    message: str | None = "hi"
    while message is not None:
        step = client.respond("Calm down.", message)
        emotions.append(step.emotion)
        message = step.message
    assert emotions == [30, 20, 10, 0]
    assert client.ended == "left"
    assert band(client.emotion) == "F"


def test_llm_client_stops_at_max_turns() -> None:
    model = ScriptedChatModel(responder=_responder([1, 1, 1]))
    client = LLMClient(PERSONA, model, max_turns=3)
    client.first_message()
    messages = [client.respond("ok", "x").message for _ in range(3)]
    assert messages == ["more", "more", None]
    assert client.ended == "max_turns"
