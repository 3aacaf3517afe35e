"""README examples are executed so they cannot drift."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)


def test_python_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    (example,) = [b for b in _blocks("python") if "build_graph" in b]
    exec(compile(example, "README.md", "exec"), {})
    out = capsys.readouterr().out.strip().splitlines()
    assert out[0].strip()  # the reply
    label, level, strategy = out[-1].split(" ", 2)
    assert level in ("none", "low", "moderate", "high", "imminent")
    from confide.records import STRATEGIES

    assert label and strategy in STRATEGIES


@pytest.mark.slow
def test_analyze_example_in_readme_runs() -> None:
    (line,) = [ln for b in _blocks("bash") for ln in b.splitlines() if "| confide analyze -" in ln]
    payload = line.split("echo '", 1)[1].split("' |", 1)[0]
    proc = subprocess.run(
        [sys.executable, "-m", "confide.cli", "analyze", "-", "--engine", "offline"],
        input=payload,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert '"valence": -' in proc.stdout


def test_readme_names_the_two_commands_and_the_disclaimer() -> None:
    text = README.read_text(encoding="utf-8")
    assert "make chat" in text and "make test" in text
    assert "not therapy" in text and "not a human" in text
