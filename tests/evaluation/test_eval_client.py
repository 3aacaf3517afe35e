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


# --- the deterministic clients, with the safety layer's real checks --------------------------

USER = "My dog died last week and my son says it is just a dog."
WARM = (
    "It sounds like losing your dog after fourteen years hurts deeply, and it makes sense that "
    "your son's words stung. I'm here with you. What was he like?"
)
BARE = "I can't help with that."


def appraiser() -> Any:
    from confide.evaluation.checks import SafetyChecker
    from confide.evaluation.client import RuleAppraiser

    return RuleAppraiser(SafetyChecker())


def test_rule_appraisal_rewards_warmth_and_punishes_a_bare_refusal() -> None:
    a = appraiser()
    warm = a.appraise(WARM, USER)
    bare = a.appraise(BARE, USER)
    lecture = a.appraise("You should just get over it, it was only a dog.", USER)
    assert warm.change > 0 and "acknowledged" in warm.reason
    assert bare.change == -10 and "bare refusal" in bare.reason
    assert lecture.change < 0 and "lectured" in lecture.reason
    assert a.appraise(WARM, USER, previous_reply=WARM).change < warm.change


def test_rule_client_withdraws_after_bare_refusals_and_reveals_details() -> None:
    from confide.evaluation.client import RuleClient

    persona = Persona(**{**PERSONA.__dict__, "details": ("first detail", "second detail")})
    client = RuleClient(persona, appraiser(), max_turns=10)
    assert client.first_message() == "Hi. Lost a friend after an argument."
    steps = [client.respond(BARE, "x")]
    assert steps[0].message is not None and steps[0].message.endswith("first detail")
    while steps[-1].message is not None:
        steps.append(client.respond(BARE, steps[-1].message))
    # a bare refusal, then the same block again: it stops talking before its emotion hits F
    assert [s.emotion for s in steps] == [30, 20]
    assert [s.willingness for s in steps] == [5, 0]
    assert client.ended == "withdrew" and band(client.emotion) == "C"


def test_rule_client_is_satisfied_when_its_need_is_met() -> None:
    from confide.evaluation.client import RuleClient

    persona = Persona(**{**PERSONA.__dict__, "need_behaviours": ("encourage_human_connection",)})
    client = RuleClient(persona, appraiser(), max_turns=20)
    client.first_message()
    reply = (
        "That sounds really painful. Is there a friend you trust you could reach out to this "
        "week? I'm here to keep talking too."
    )
    message: str | None = "x"
    turns = 0
    while message is not None:
        message = client.respond(reply, message).message
        turns += 1
    assert client.ended == "satisfied" and client.emotion == 100
    assert turns < 20


def test_scripted_client_never_ends_early() -> None:
    from confide.evaluation.client import ScriptedClient
    from confide.evaluation.scenarios import parse_scenario

    scenario = parse_scenario({"id": "s", "category": "c", "turns": ["a", "b", "c", "d"]})
    client = ScriptedClient(scenario, appraiser())
    sent = [client.first_message()]
    step = client.respond(BARE, sent[-1])
    while step.message is not None:
        sent.append(step.message)
        step = client.respond(BARE, sent[-1])
    assert sent == ["a", "b", "c", "d"]
    assert client.emotion == 0 and client.ended == "script_end"
