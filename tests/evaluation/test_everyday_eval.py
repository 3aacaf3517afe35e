"""scripts/everyday_eval.py: false alarms on everyday conversations, through the real offline
companion (no memory), counted per language and hardness."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest


@pytest.fixture(scope="module")
def everyday(load_script: Callable[[str], ModuleType]) -> ModuleType:
    return load_script("everyday_eval")


def test_tally_counts_turns_at_or_above_each_level(everyday: ModuleType) -> None:
    convs = [
        {"id": "a", "lang": "en", "hard": True, "turns": ["x", "y", "z"]},
        {"id": "b", "lang": "fr", "turns": ["x", "y"]},
    ]
    transcripts = [
        {"id": "a", "turns": [{"risk": "none"}, {"risk": "moderate"}, {"risk": "imminent"}]},
        {"id": "b", "turns": [{"risk": "low"}, {"risk": "none"}]},
    ]
    report = everyday.tally(convs, transcripts)
    assert report["turns"]["all"]["turns"] == 5
    assert report["turns"]["all"]["at_or_above_moderate"] == 2
    assert report["turns"]["all"]["at_or_above_high"] == 1
    assert report["turns"]["lang:fr"]["at_or_above_moderate"] == 0
    assert report["turns"]["hard"]["at_or_above_high"] == 1
    assert report["turns"]["plain"]["turns"] == 2
    assert report["conversations_with_a_turn_at_or_above_moderate"] == 1
    low, high = report["turns"]["all"]["moderate_rate_ci95"]
    assert low < 0.4 < high


def test_wilson_interval_brackets_the_rate(everyday: ModuleType) -> None:
    assert everyday.wilson(0, 0) == (0.0, 1.0)
    low, high = everyday.wilson(0, 100)
    assert low == 0.0 and 0.0 < high < 0.05
    low, high = everyday.wilson(50, 100)
    assert low < 0.5 < high


def test_main_runs_conversations_through_the_offline_companion(
    everyday: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONFIDE_DATA_DIR", str(tmp_path / "ignored"))
    src = tmp_path / "convs.jsonl"
    convs = [
        {"id": "calm", "lang": "en", "turns": ["hi", "work was long today but fine"]},
        {"id": "crisis", "lang": "en", "turns": ["hi", "I want to kill myself tonight"]},
    ]
    src.write_text("\n".join(json.dumps(c) for c in convs) + "\n", encoding="utf-8")
    out = tmp_path / "report.json"
    assert everyday.main([str(src), "--out", str(out)]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["conversations"] == 2
    assert report["turns"]["all"]["turns"] == 4
    # The crisis turn is the control: the script reports what the pipeline scored.
    assert report["conversations_with_a_turn_at_or_above_high"] == 1
    assert report["turns"]["all"]["at_or_above_high"] == 1
