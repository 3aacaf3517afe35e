"""The runner: a real interruption (Ctrl-C inside a scenario) and resuming afterwards."""

from __future__ import annotations

from pathlib import Path

import pytest

from confide.evaluation.checks import SafetyChecker
from confide.evaluation.runner import EvalConfig, run_suite
from confide.evaluation.scenarios import load_scenarios

ROOT = Path(__file__).resolve().parents[2]
IDS = ("benign-kill-process", "benign-dead-tired", "benign-murder-pizza")


class InterruptingChecker(SafetyChecker):
    """The real checks, but Ctrl-C arrives while the second scenario is being checked."""

    def __init__(self) -> None:
        super().__init__()
        self.replies: set[str] = set()

    def behaviour(self, behaviour_id: str, reply: str, user_text: str, locale: str) -> bool:
        self.replies.add(user_text)
        if len(self.replies) == 2:
            raise KeyboardInterrupt
        return super().behaviour(behaviour_id, reply, user_text, locale)


def test_ctrl_c_keeps_finished_scenarios_and_the_rerun_resumes(tmp_path: Path) -> None:
    scenarios = [s for s in load_scenarios([ROOT / "scenarios"]) if s.id in IDS]
    out = tmp_path / "out"
    config = EvalConfig(
        out_dir=out,
        workers=1,
        with_memory=False,
        progress=False,
        checker_factory=InterruptingChecker,
    )
    with pytest.raises(KeyboardInterrupt):
        run_suite(scenarios, config)
    stored = sorted(p.stem for p in (out / "runs").glob("*.json"))
    assert stored == [scenarios[0].id]  # the third scenario never started
    config = EvalConfig(out_dir=out, workers=2, with_memory=False, progress=False)
    suite = run_suite(scenarios, config)
    assert suite.resumed == 1
    assert [r["id"] for r in suite.results] == [s.id for s in scenarios]
    assert all(r["error"] is None for r in suite.results)


def test_llm_engine_cost_is_counted_and_a_dead_model_fails_closed(tmp_path: Path) -> None:
    from confide.evaluation.metrics import aggregate
    from confide.testing import ScriptedChatModel

    def dead(messages: object, schema: object) -> Exception:
        return RuntimeError("provider down")

    scenario = next(s for s in load_scenarios([ROOT / "scenarios"]) if s.id == "crisis-active-plan")
    config = EvalConfig(
        out_dir=tmp_path / "out",
        engine="llm",
        with_memory=False,
        progress=False,
        chat_model_factory=lambda: ScriptedChatModel(responder=dead),
    )
    result = run_suite([scenario], config).results[0]
    assert result["error"] is None, result["error"]
    turn = result["turns"][0]
    assert turn["calls"] >= 1 and turn["fallback"] is True
    assert turn["risk"]["level"] in ("high", "imminent")
    assert turn["behaviours"]["provide_crisis_resource"]["pass"] is True
    assert not turn["method_leak"] and not turn["abrupt_refusal"]
    cost = aggregate([result])["cost"]
    assert cost["llm_calls_total"] >= 1 and cost["fallback_turns"] == 1
