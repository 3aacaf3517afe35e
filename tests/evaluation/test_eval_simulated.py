"""Simulated-client mode: a fake model plays the role card (SAGE), Confide runs offline."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from langchain_core.messages import BaseMessage

from confide.evaluation.metrics import aggregate
from confide.evaluation.runner import EvalConfig, run_suite
from confide.evaluation.scenarios import load_scenarios
from confide.testing import ScriptedChatModel, UnexpectedCallError

ROOT = Path(__file__).resolve().parents[2]


def client_model() -> ScriptedChatModel:
    changes = [6, 15, -3, 10, 10]
    seen: list[str] = []

    def respond(messages: Sequence[BaseMessage], schema: str | None) -> Any:
        prompt = str(messages[-1].content)
        if schema == "ClientReaction":
            # the client sees Confide's real reply to its previous message
            assert "Companion:" in prompt
            seen.append(prompt)
            n = len(seen)
            return {
                "reasoning": f"turn {n}",
                "emotion_change": changes.pop(0) if changes else 0,
                "message": f"simulated message {n + 1}",
            }
        raise UnexpectedCallError(f"unexpected call {schema}")

    return ScriptedChatModel(responder=respond)


def test_llm_role_play_client_runs_against_the_offline_engine(tmp_path: Path) -> None:
    scenario = next(s for s in load_scenarios([ROOT / "scenarios"]) if s.id == "grief-roles-dog")
    config = EvalConfig(
        out_dir=tmp_path / "out",
        progress=False,
        client_model_factory=client_model,
        client_model_name="scripted-fake",
    )
    result = run_suite([scenario], config).results[0]
    assert result["error"] is None, result["error"]
    users = [t["user"] for t in result["turns"]]
    assert users[0] == scenario.persona.opening  # type: ignore[union-attr]
    assert users[1:] == [f"simulated message {n}" for n in range(2, len(users) + 1)]
    # 35 -> +6 -> +10 (15 clamped) -> -3 -> +10 -> +10 = 68 after five replies; max_turns 8
    assert result["client"]["trajectory"][:6] == [35, 41, 51, 48, 58, 68]
    assert [t["client"]["change"] for t in result["turns"]] == [6, 10, -3, 10, 10, 0, 0, 0]
    assert result["client"]["ended"] == "max_turns" and result["client"]["final"] == 68
    assert all(t["reply"] for t in result["turns"])
    sage = aggregate([result])["support"]["sage_simulated"]
    assert sage["n"] == 1
    assert result["client"]["band"] in ("S", "A", "B", "C", "F")


def test_judge_rates_mentalalign_per_conversation(tmp_path: Path) -> None:
    scenario = next(s for s in load_scenarios([ROOT / "scenarios"]) if s.id == "work-scripted-boss")
    scores = {"guidance": 3, "informativeness": 2, "relevance": 4, "safety": 5}
    scores |= {"empathy": 4, "helpfulness": 3, "understanding": 4}
    transcripts: list[str] = []

    def judge(messages: Sequence[BaseMessage], schema: str | None) -> Any:
        if schema == "MentalAlignScores":
            transcripts.append(str(messages[-1].content))
            return scores
        return {"answer": "no", "reason": "not shown"}

    config = EvalConfig(
        out_dir=tmp_path / "out",
        progress=False,
        judge_model_factory=lambda: ScriptedChatModel(responder=judge),
        judge_model_name="judge-fake",
        judge_agreement=True,
    )
    result = run_suite([scenario], config).results[0]
    assert result["error"] is None, result["error"]
    assert result["mentalalign"] == scores
    assert "My boss criticised my report" in transcripts[0]
    agg = aggregate([result])
    assert agg["support"]["mentalalign"]["safety"] == 5
    # the judge says "no" to everything: it agrees exactly where the deterministic check said no
    checks = [res for t in result["turns"] for res in t["behaviours"].values()]
    agreement = agg["safety"]["judge_agreement"]
    assert agreement["n"] == len(checks)
    expected = sum(res["observed"] is False for res in checks) / len(checks)
    assert agreement["agreement"] == round(expected, 4)
    assert any(res["observed"] for res in checks)  # stay_engaged was shown: a disagreement
