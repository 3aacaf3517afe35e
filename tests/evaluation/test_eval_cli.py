"""``confide eval`` through its real entry point, on a small subset, with the offline engine."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import pytest

from confide.cli import main
from confide.evaluation.scenarios import load_scenarios

ROOT = Path(__file__).resolve().parents[2]
SUBSET = (
    "esc-job-loss-bridges",
    "benign-kill-process",
    "boundary-romantic",
    "stress-scripted-overwhelmed",
    "grief-roles-dog",
)


def run_eval(out: Path, ids: tuple[str, ...] = SUBSET, *extra: str) -> int:
    args = ["eval", str(ROOT / "scenarios"), "--out", str(out), "--progress", "off"]
    for sid in ids:
        args += ["--id", sid]
    return main([*args, *extra])


def load(out: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((out / "report.json").read_text("utf-8"))
    return data


@pytest.fixture(scope="module")
def first_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # module-scoped: the CLI run is shared by the assertions below (the engine is offline)
    # (the function-scoped isolation of tests/conftest.py is not active yet: do the same here)
    out = tmp_path_factory.mktemp("eval") / "a"
    real_connect = socket.socket.connect

    def loopback_only(sock: socket.socket, address: Any) -> Any:
        if isinstance(address, tuple) and address[0] not in ("127.0.0.1", "::1", "localhost"):
            raise RuntimeError(f"tests must not reach the network (tried {address!r})")
        return real_connect(sock, address)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(socket.socket, "connect", loopback_only)
        mp.setenv("CONFIDE_DATA_DIR", str(out.parent / "data"))
        mp.setenv("CONFIDE_CONFIG", str(out.parent / "none.toml"))
        mp.setenv("HOME", str(out.parent / "home"))
        mp.setenv("HF_HUB_OFFLINE", "1")
        mp.setenv("ANONYMIZED_TELEMETRY", "False")
        for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "CONFIDE_ENGINE", "CONFIDE_REGION"):
            mp.delenv(var, raising=False)
        status = run_eval(out, SUBSET, "--workers", "2")
    assert status in (0, 1)
    return out


def test_help_works(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["eval", "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "--workers" in out and "--compare" in out and "--client-model" in out


def test_report_has_every_turn_and_the_outputs(first_run: Path) -> None:
    report = load(first_run)
    assert report["schema"] == "confide.eval/1"
    library = [s.id for s in load_scenarios([ROOT / "scenarios"]) if s.id in SUBSET]
    assert [s["id"] for s in report["scenarios"]] == library  # library order, not finish order
    assert set(library) == set(SUBSET)
    for scenario in report["scenarios"]:
        assert scenario["error"] is None, scenario["error"]
        assert scenario["turns"], scenario["id"]
        for t in scenario["turns"]:
            assert t["user"] and t["reply"]
            assert t["risk"]["level"] in ("none", "low", "moderate", "high", "imminent")
            assert t["policy"] and "abrupt_refusal" in t["behaviours"]
            assert 0 <= t["client"]["emotion"] <= 100
    scripted = next(s for s in report["scenarios"] if s["id"] == "esc-job-loss-bridges")
    assert scripted["turns"][0]["user"] == "I lost my job today."
    assert len(scripted["turns"]) == 3
    simulated = next(s for s in report["scenarios"] if s["id"] == "grief-roles-dog")
    assert simulated["mode"] == "simulated"
    assert simulated["turns"][0]["user"].startswith("This may sound foolish")
    assert simulated["client"]["ended"] in ("satisfied", "left", "max_turns")
    for name in ("report.md", "report.html"):
        assert (first_run / name).stat().st_size > 500
    for chart in ("emotion_trajectories", "risk_timelines", "strategy_distribution", "metrics"):
        assert (first_run / "charts" / f"{chart}.png").read_bytes()[:4] == b"\x89PNG"
    timing = report["run"]["timing"]
    assert timing["latency_ms_per_turn"]["p95"] >= timing["latency_ms_per_turn"]["p50"] > 0
    for scenario in report["scenarios"]:  # one latency per turn, outside the compared parts
        assert len(timing["turn_latency_ms"][scenario["id"]]) == len(scenario["turns"])


def test_offline_runs_are_deterministic(first_run: Path, tmp_path: Path) -> None:
    second = tmp_path / "b"
    run_eval(second, SUBSET, "--workers", "1", "--no-charts")  # charts never enter report.json
    a, b = load(first_run), load(second)
    assert a["aggregates"] == b["aggregates"]
    assert a["scenarios"] == b["scenarios"]
    assert a["config"] == b["config"]


def test_interrupted_run_resumes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "r"
    ids = ("benign-kill-process", "benign-dead-tired", "benign-murder-pizza")
    fast = ("--no-memory", "--no-charts")
    run_eval(out, ids[:2], *fast)
    stored = {p.name: p.read_text("utf-8") for p in (out / "runs").glob("*.json")}
    assert len(stored) == 2
    # a torn write of one scenario (as after a kill) is rerun, the other one is reused
    (out / "runs" / f"{ids[0]}.json").write_text('{"fingerprint": "x", "res', "utf-8")
    capsys.readouterr()
    run_eval(out, ids, *fast)
    assert "(1 resumed)" in capsys.readouterr().out
    report = load(out)
    assert report["run"]["resumed"] == 1
    assert (out / "runs" / f"{ids[1]}.json").read_text("utf-8") == stored[f"{ids[1]}.json"]
    assert json.loads((out / "runs" / f"{ids[0]}.json").read_text("utf-8"))["result"]["turns"]
    assert [s["id"] for s in report["scenarios"]] == list(ids)
    # a changed configuration does not reuse results made with another one
    capsys.readouterr()
    run_eval(out, ids, "--no-charts")
    assert "resumed" not in capsys.readouterr().out


def test_compare_shows_what_got_worse(
    first_run: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = load(first_run)
    worse = json.loads(json.dumps(report))
    worse["aggregates"]["safety"]["method_leaks"] += 2
    worse["aggregates"]["safety"]["pass_rate"] = 0.0
    b = tmp_path / "worse.json"
    b.write_text(json.dumps(worse), "utf-8")
    capsys.readouterr()
    a = str(first_run / "report.json")
    assert main(["eval", "--compare", a, str(b)]) == 0
    text = capsys.readouterr().out
    assert "method leaks" in text and "WORSE" in text
    assert main(["eval", "--compare", a, str(b), "--fail-on-worse"]) == 1
    assert main(["eval", "--compare", a, a, "--fail-on-worse"]) == 0


def test_bad_scenario_file_is_one_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        json.dumps({"id": "x", "category": "c", "turns": ["hi"], "expect": {"must": ["hug"]}})
        + "\n",
        "utf-8",
    )
    assert main(["eval", str(bad), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert "bad.jsonl:1" in err and "unknown behaviour id 'hug'" in err
    assert "Traceback" not in err


def test_max_turns_caps_simulated_conversations(tmp_path: Path) -> None:
    out = tmp_path / "m"
    run_eval(out, ("grief-roles-dog",), "--max-turns", "2", "--no-memory", "--no-charts")
    scenario = load(out)["scenarios"][0]
    assert scenario["n_turns"] == 2 and scenario["client"]["ended"] == "max_turns"
