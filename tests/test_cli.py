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


def _analyze(
    stdin: str, *args: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode())))
    code = main(["analyze", "-", "--engine", "offline", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_analyze_the_readme_example(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _analyze(
        '[{"role":"user","content":"I failed my exam again and I feel worthless"}]',
        monkeypatch=monkeypatch,
        capsys=capsys,
    )
    assert code == 0
    (record,) = [json.loads(line) for line in out.splitlines()]
    assert record["turn"] == 1
    assert record["emotion"]["valence"] < 0
    assert record["emotion"]["label"] in {
        "sadness",
        "hopelessness",
        "shame",
        "grief",
        "guilt",
        "disappointment",
        "loneliness",
        "numbness",
    }
    assert set(record["emotion"]["vector"]) == {
        "joy",
        "trust",
        "fear",
        "surprise",
        "sadness",
        "disgust",
        "anger",
        "anticipation",
    }
    assert record["risk"]["level"] in ("none", "low", "moderate", "high", "imminent")
    assert record["strategy"]["stage"] in ("Exploration", "Comforting", "Action")
    assert isinstance(record["emotion"]["shift"], str)


def test_analyze_multi_turn_jsonl_tracks_shift(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        {"role": "user", "content": "Today was great, I got the job!"},
        {"role": "assistant", "content": "Congratulations!"},
        {"role": "user", "content": "But now my partner left me and I feel awful and alone."},
    ]
    code, out, _ = _analyze(
        "\n".join(json.dumps(x) for x in lines), monkeypatch=monkeypatch, capsys=capsys
    )
    assert code == 0
    first, second = (json.loads(line) for line in out.splitlines())
    assert second["turn"] == 2
    assert second["emotion"]["valence"] < first["emotion"]["valence"]


def test_analyze_batch_keeps_going_after_a_bad_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
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


@pytest.mark.parametrize(
    "stdin", ["", "{oops", '[{"role":"user"}]', '[{"role":"assistant","content":"hi"}]']
)
def test_bad_transcripts_are_one_line_errors(
    stdin: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
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


def test_forget_needs_confirmation_without_a_tty(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code = main(["forget"])
    assert code == 2
    assert "--yes" in capsys.readouterr().err


CRISIS = "I have the pills in my hand and I'm going to take them all tonight."


@pytest.mark.parametrize("where", ["end", "middle"])
def test_analyze_screens_the_whole_of_a_long_message(
    where: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    filler = "Today I went to the shops and bought some bread and milk. " * 700  # ~41,000 chars
    half = len(filler) // 2
    text = filler + CRISIS if where == "end" else filler[:half] + CRISIS + filler[half:]
    code, out, _ = _analyze(
        json.dumps([{"role": "user", "content": text}]), monkeypatch=monkeypatch, capsys=capsys
    )
    assert code == 0
    assert json.loads(out)["risk"]["level"] in ("high", "imminent")


def test_analyze_deeply_nested_json_is_a_clean_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _analyze("[" * 100_000 + "]" * 100_000, monkeypatch=monkeypatch, capsys=capsys)
    assert code == 2 and out == ""
    assert err.startswith("confide: error:") and "nested" in err and "Traceback" not in err


def test_analyze_accepts_a_lone_surrogate(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin = '[{"role": "user", "content": "I feel so alone \\ud83d tonight"}]'
    code, out, _ = _analyze(stdin, monkeypatch=monkeypatch, capsys=capsys)
    assert code == 0
    assert json.loads(out)["turn"] == 1


def test_analyze_skips_system_messages_and_says_so(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    transcript = [
        {"role": "system", "content": "You are a helpful assistant."},
        {"role": "user", "content": "I'm so anxious about tomorrow"},
    ]
    code, out, err = _analyze(json.dumps(transcript), monkeypatch=monkeypatch, capsys=capsys)
    assert code == 0 and len(out.splitlines()) == 1
    assert "skipped 1 system message" in err
    batch = json.dumps({"id": "s", "messages": transcript})
    code, out, _ = _analyze(batch, "--batch", monkeypatch=monkeypatch, capsys=capsys)
    assert json.loads(out)["skipped"] == {"system": 1}


def test_analyze_batch_bad_shapes_yield_error_lines_and_the_run_goes_on(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    good = json.dumps({"id": "ok", "messages": [{"role": "user", "content": "I'm so anxious"}]})
    batch = "\n".join(['{"messages": 5}', '{"id": "n", "messages": null}', "[" * 50_000, good])
    code, out, _ = _analyze(batch, "--batch", monkeypatch=monkeypatch, capsys=capsys)
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert [("error" in r) for r in rows] == [True, True, True, False]
    assert rows[-1]["id"] == "ok" and len(rows[-1]["turns"]) == 1
