"""The test run itself: the environment is isolated, and ``make test`` runs every test.

A ``CONFIDE_*`` or ``OPENAI_*`` variable left in the developer's shell (a region, a model, an
API key, the old ``CONFIDE_UPDATE_SNAPSHOTS=1``) must not change what any test sees: not in a
test, not in module-level code run at collection, not in a module-scoped fixture.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: What tests/conftest.py sets for the run; CONFIDE_LLAMA_THREADS configures the test server.
EXPECTED = ["CONFIDE_CONFIG", "CONFIDE_DATA_DIR"]


def _confide_vars() -> list[str]:
    return sorted(
        n
        for n in os.environ
        if n.startswith(("CONFIDE_", "OPENAI_")) and n != "CONFIDE_LLAMA_THREADS"
    )


AT_COLLECTION = _confide_vars()


def test_no_host_variable_reaches_a_test(tmp_path: Path) -> None:
    assert _confide_vars() == EXPECTED
    assert os.environ["HOME"] == str(tmp_path / "home")
    assert os.environ["CONFIDE_DATA_DIR"] == str(tmp_path / "confide-data")


def test_no_host_variable_reaches_module_level_code() -> None:
    assert AT_COLLECTION == EXPECTED


def test_variables_set_in_the_shell_are_cleared_for_the_whole_run() -> None:
    env = {
        **os.environ,
        "CONFIDE_REGION": "ZZ",
        "CONFIDE_UPDATE_SNAPSHOTS": "1",
        "CONFIDE_ENGINE": "llm",
        "OPENAI_API_KEY": "sk-leaked",
        "OPENAI_BASE_URL": "http://127.0.0.1:9/v1",
    }
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            f"{Path(__file__).name}::test_no_host_variable_reaches_a_test",
            f"{Path(__file__).name}::test_no_host_variable_reaches_module_level_code",
        ],
        cwd=Path(__file__).parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 passed" in done.stdout


def test_make_test_runs_the_slow_tests() -> None:
    """``slow`` is declared, and neither ``make test`` nor pytest's defaults deselect it."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    options = config["tool"]["pytest"]["ini_options"]
    assert any(m.startswith("slow:") for m in options["markers"])
    assert "--strict-markers" in options["addopts"]
    assert not re.search(r"(^|\s)-m(\s|$)|-k\s", options["addopts"])
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"(?m)^test:.*\n((?:\t.*\n)+)", makefile)
    assert recipe is not None
    command = recipe.group(1).split("pytest", 1)
    assert len(command) == 2, recipe.group(1)
    assert not re.search(r"(^|\s)-m(\s|$)|-k\s|not slow", command[1])
