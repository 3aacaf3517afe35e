"""The background warm-up loads the local models and stores nothing anywhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from confide.config import load_settings
from confide.warmup import start_warm_up, warm_up

pytestmark = pytest.mark.slow  # a cold process loads every local model here (10-20 s)


def test_warm_up_runs_a_throwaway_turn_and_writes_nothing(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path / "data", engine="offline")
    seconds = warm_up(settings)
    assert seconds > 0
    assert not (tmp_path / "data").exists()  # no conversation, memory or audit written


def test_the_companion_warms_up_in_the_background_and_answers(tmp_path: Path) -> None:
    from confide.companion import Companion

    done: list[bool] = []
    thread = start_warm_up(load_settings(data_dir=tmp_path / "w", engine="offline"))
    companion = Companion(load_settings(data_dir=tmp_path / "c", engine="offline"), warm_up=True)
    try:
        out = companion.send("I had a long day and I'm tired.", "s1")
        done.append(bool(out["reply"]))
    finally:
        companion.close()
    thread.join(60)
    assert done == [True] and not thread.is_alive()
    assert not (tmp_path / "w").exists()
