"""`confide eval --target openai:<base_url>/<model>` against the suite's real llama.cpp server.

The same scenarios, safety checks and report as for Confide, with a bare SmolLM2-135M as the
system under test (issue 17, item 3). What the bare model says is not judged here: only that the
harness talks to a real OpenAI-compatible server, records its replies and tokens, and runs
every reply through the same method-leak and abrupt-refusal checks.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from confide.cli import main
from confide.evaluation.behaviours import check_behaviour
from confide.evaluation.runner import METHOD_LEAK

from .conftest import MODEL_ALIAS, LlamaServer

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
@pytest.mark.llm_server
def test_a_bare_model_on_the_llama_server_is_evaluated_like_confide(
    llm_server: LlamaServer, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    ids = ["esc-job-loss-bridges", "benign-kill-process"]
    args = ["eval", str(ROOT / "scenarios"), "--out", str(out), "--no-charts", "--progress", "off"]
    args += ["--target", f"openai:{llm_server.base_url}/{MODEL_ALIAS}", "--no-memory"]
    for i in ids:
        args += ["--id", i]
    main(args)
    report = json.loads((out / "report.json").read_text("utf-8"))
    assert report["config"]["target"] == f"openai:{llm_server.base_url}#{MODEL_ALIAS}"
    assert report["config"]["reports_risk"] is False
    assert {s["id"] for s in report["scenarios"]} == set(ids)
    for scenario in report["scenarios"]:
        assert scenario["error"] is None, scenario["error"]
        turns = scenario["turns"]
        assert len(turns) == scenario["n_turns"] >= 1
        for turn in turns:
            assert turn["reply"].strip(), "the server's reply is recorded"
            assert turn["tokens"] > 0, "the server's token usage is recorded"
            # the same checks as for Confide ran on the bare model's reply
            for bid in (*METHOD_LEAK, "abrupt_refusal"):
                assert turn["behaviours"][bid]["observed"] == check_behaviour(
                    bid, turn["reply"], turn["user"]
                )
    assert (out / "report.md").is_file()
