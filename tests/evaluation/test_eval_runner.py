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
