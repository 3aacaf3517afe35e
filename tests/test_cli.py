"""The CLI through its real entry point."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from confide import __version__
from confide.cli import main


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert __version__ in capsys.readouterr().out


def _analyze(stdin: str, *args: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode())))
    code = main(["analyze", "-", "--engine", "offline", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_analyze_the_readme_example(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _analyze(
        '[{"role":"user","content":"I failed my exam again and I feel worthless"}]',
        monkeypatch=monkeypatch,
        capsys=capsys,
    )
    assert code == 0
    (record,) = [json.loads(line) for line in out.splitlines()]
    assert record["turn"] == 1
    assert record["emotion"]["valence"] < 0
    assert record["emotion"]["label"] in {"sadness", "hopelessness", "shame", "grief", "guilt", "disappointment", "loneliness", "numbness"}
    assert set(record["emotion"]["vector"]) == {"joy", "trust", "fear", "surprise", "sadness", "disgust", "anger", "anticipation"}
    assert record["risk"]["level"] in ("none", "low", "moderate", "high", "imminent")
    assert record["strategy"]["stage"] in ("Exploration", "Comforting", "Action")
    assert isinstance(record["emotion"]["shift"], str)


def test_analyze_multi_turn_jsonl_tracks_shift(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    lines = [
        {"role": "user", "content": "Today was great, I got the job!"},
        {"role": "assistant", "content": "Congratulations!"},
        {"role": "user", "content": "But now my partner left me and I feel awful and alone."},
    ]
    code, out, _ = _analyze("\n".join(json.dumps(x) for x in lines), monkeypatch=monkeypatch, capsys=capsys)
    assert code == 0
    first, second = (json.loads(line) for line in out.splitlines())
    assert second["turn"] == 2
    assert second["emotion"]["valence"] < first["emotion"]["valence"]


def test_analyze_batch_keeps_going_after_a_bad_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    batch = "\n".join(
        [
            json.dumps({"id": "a", "messages": [{"role": "user", "content": "I'm so anxious"}]}),
            "{not json",
            json.dumps({"id": "c", "messages": [{"role": "robot", "content": "x"}]}),
        ]
    )
    code, out, _ = _analyze(batch, "--batch", monkeypatch=monkeypatch, capsys=capsys)
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert rows[0]["id"] == "a" and len(rows[0]["turns"]) == 1
    assert "error" in rows[1] and "error" in rows[2]


@pytest.mark.parametrize("stdin", ["", "{oops", '[{"role":"user"}]', '[{"role":"assistant","content":"hi"}]'])
def test_bad_transcripts_are_one_line_errors(stdin: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _analyze(stdin, monkeypatch=monkeypatch, capsys=capsys)
    assert code == 2
    assert out == ""
    assert err.startswith("confide: error:") and err.count("\n") == 1
    assert "Traceback" not in err


def test_console_script_runs_without_a_traceback_on_a_missing_file(tmp_path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "confide.cli", "analyze", str(tmp_path / "nope.json")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert "file not found" in proc.stderr and "Traceback" not in proc.stderr


def test_forget_needs_confirmation_without_a_tty(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code = main(["forget"])
    assert code == 2
    assert "--yes" in capsys.readouterr().err
