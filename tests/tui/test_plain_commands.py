"""Issue 13 item 5 through the real CLI entry point: every slash command works in --plain,
unknown ones never reach the counselor, and bad --engine/--session are one-line errors."""

from __future__ import annotations

import io
import sys

import pytest
from fake_models_server import models_server

from confide.cli import main


def run_plain(
    lines: list[str],
    *args: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(lines) + "\n"))
    code = main(["chat", "--plain", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_engine_llm_without_an_endpoint_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_plain([], "--engine", "llm", monkeypatch=monkeypatch, capsys=capsys)
    assert code == 2 and out == ""
    assert err.startswith("confide: error: --engine llm needs an endpoint") and err.count("\n") == 1


def test_an_unknown_session_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_plain(
        ["hello"],
        "--engine",
        "offline",
        "--session",
        "nope-123",
        monkeypatch=monkeypatch,
        capsys=capsys,
    )
    assert code == 2 and "confide>" not in out
    assert "no saved session 'nope-123'" in err and "Traceback" not in err


def test_every_command_works_in_plain_mode(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        "/help",
        "/engine",
        "/frobnicate",
        "/export",
        "/ground",
        "/ground breathing",
        "",
        "",
        "",
        "",
        "",
        "I can't sleep since my girlfriend moved out",
        "/rename sleepless",
        "/sessions",
        "",
        "/search girlfriend",
        "",
        "/regenerate",
        "/copy",
        "/export",
        "/theme light",
        "/model",
        "",
        "/delete",
        "n",
        "/quit",
    ]
    code, out, err = run_plain(lines, "--engine", "offline", monkeypatch=monkeypatch, capsys=capsys)
    assert code == 0, err
    for name in ("/model", "/regenerate", "/ground", "/rename", "/delete", "/search", "/copy"):
        assert f"  {name}" in out  # /help lists it
    assert "[engine: offline · model: offline]" in out
    assert "[unknown command /frobnicate; /help lists the commands]" in out
    assert "[nothing to export yet" in out
    assert "/ground breathing" in out and "Paced breathing (about 2 minutes)" in out
    assert "4. If counting feels uncomfortable" in out and "How are you feeling now?" in out
    # exactly two replies: the message and its regeneration; no command reached the counselor
    assert out.count("confide> ") == 2
    assert "is now called “sleepless”" in out
    assert out.count("sleepless") >= 3  # renamed, then listed by /sessions and /search
    assert "[/copy needs a terminal; the last reply follows]" in out
    assert "[exported 1 turn to" in out
    assert "will use the light theme" in out
    assert "0. offline engine" in out and "[model unchanged]" in out
    assert "[nothing deleted]" in out


def test_plain_model_lists_the_endpoint_and_switches(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with models_server(["alpha", "beta"]) as url:
        monkeypatch.setenv("OPENAI_BASE_URL", url)
        code, out, err = run_plain(
            ["/model", "2", "/engine", "/model offline", "/engine", "/quit"],
            "--model",
            "alpha",
            monkeypatch=monkeypatch,
            capsys=capsys,
        )
    assert code == 0, err
    assert "  1. alpha\n  2. beta" in out
    assert "[now answering: the model beta]" in out
    assert "[engine: llm · model: beta]" in out and f"[endpoint: {url}" in out
    assert "[now answering: the offline engine]" in out
    assert out.count("confide> ") == 0
