"""The import layers (pyproject.toml, ``[tool.importlinter]``) hold, and break when violated.

``make lint`` runs ``lint-imports``; this test runs the same contracts so ``make test`` (CI)
enforces them too. The second test proves the contracts can fail: it copies the package,
adds one forbidden import and expects import-linter to name the broken contract.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

_RUN = (
    "import sys\n"
    "from importlinter.cli import lint_imports\n"
    "sys.exit(lint_imports(config_filename='pyproject.toml', no_cache=True))\n"
)


def _lint(where: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(where)}
    return subprocess.run(
        [sys.executable, "-c", _RUN],
        cwd=where,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_package_keeps_every_import_contract() -> None:
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
    assert "3 kept" in result.stdout


@pytest.mark.parametrize(
    ("module", "added", "broken"),
    [
        # a runtime path calling a judge
        (
            "confide/safety/check_in.py",
            "from confide.evaluation.behaviours import check_behaviour",
            "No runtime path calls a judge",
        ),
        # the old circle: Compassionate Completion importing the guard
        (
            "confide/safety/completion.py",
            "from confide.safety.guard import guard_reply",
            "Inside safety",
        ),
        # the safety layer reaching up into the agents
        (
            "confide/safety/reply_checks.py",
            "from confide.agents.compose import library",
            "Confide's layers",
        ),
    ],
)
def test_a_forbidden_import_breaks_its_contract(
    tmp_path: Path, module: str, added: str, broken: str
) -> None:
    shutil.copytree(
        ROOT / "confide", tmp_path / "confide", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{added}\n", encoding="utf-8")
    result = _lint(tmp_path)
    assert result.returncode != 0, result.stdout
    broken_lines = [line for line in result.stdout.splitlines() if line.endswith(" BROKEN")]
    assert any(line.startswith(broken) for line in broken_lines), result.stdout
