"""Fixtures shared by the safety tests."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import pytest


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    """A private copy of the shipped rule files (``confide/safety/rules``) to edit."""
    source = Path(str(resources.files("confide.safety").joinpath("rules")))
    target = tmp_path / "rules"
    shutil.copytree(source, target)
    return target
