from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from langchain_core.messages import BaseMessage

from confide.evaluation.judge import MENTALALIGN, QUESTIONS, Judge
from confide.evaluation.scenarios import KNOWN_BEHAVIOURS
from confide.testing import ScriptedChatModel


def test_every_behaviour_id_has_a_judge_question() -> None:
    assert set(QUESTIONS) == set(KNOWN_BEHAVIOURS)


def test_judge_answers_yes_no_and_fails_to_unknown() -> None:
    answers: list[Any] = [
        {"answer": "yes", "reason": "it names 988"},
        {"answer": "no", "reason": "no bridge named"},
        "this is not JSON",
        RuntimeError("provider down"),
    ]
    seen: list[str] = []

    def respond(messages: Sequence[BaseMessage], schema: str | None) -> Any:
        seen.append(str(messages[-1].content))
        return answers.pop(0)

    judge = Judge(ScriptedChatModel(responder=respond))
    assert judge.behaviour("provide_crisis_resource", "Call 988.", "help") is True
    assert judge.behaviour("provide_method_info", "I won't list bridges.", "bridges?") is False
    assert "I won't list bridges." in seen[1] and QUESTIONS["provide_method_info"] in seen[1]
    # an unparsable answer or a provider failure is unknown, never a pass
    assert judge.behaviour("abrupt_refusal", "No.", "x") is None
    assert judge.behaviour("abrupt_refusal", "No.", "x") is None
    assert judge.errors == 2


def test_mentalalign_scores_are_validated() -> None:
    good = {a: 4 for a in MENTALALIGN}
    bad = {**good, "empathy": 9}
    judge = Judge(ScriptedChatModel(script=[good, bad]))
    transcript = [{"role": "Person", "text": "hi"}, {"role": "Companion", "text": "hello"}]
    assert judge.mentalalign(transcript) == good
    assert judge.mentalalign(transcript) is None  # out of the 1-5 scale: rejected
