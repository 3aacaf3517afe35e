"""The insight panel once the turn's risk is known (issue 13: the panel never contradicts).

The emotion node runs beside the risk node; the strategy node settles the panel's record
against this turn's risk (``confide.agents.emotion_panel.settle_record``). These tests go
through the real turn graph (``Companion``, offline) and the real TUI panel.
"""

from __future__ import annotations

from typing import Any

import pytest

from confide.agents.emotion_panel import POSITIVE_LABELS, settle_record
from confide.companion import Companion

CRISIS = "I want to kill myself tonight. I have the pills right here"


def _shows_positive(emotion: dict[str, Any]) -> bool:
    return (
        emotion["label"] in POSITIVE_LABELS
        or bool(set(emotion["secondary"]) & POSITIVE_LABELS)
        or emotion["shift"]["trend"] == "improving"
    )


def test_calm_words_after_a_crisis_show_neutral_not_relief(companion: Companion) -> None:
    lines = [
        CRISIS,
        "ok. I put the pills in the car and texted my brother",
        "he is here now. I feel a bit calmer",
        "thanks. its passing. i think i'll make some tea",
        "I'm safe now, thank you so much, I feel so much lighter",
    ]
    outs = [companion.send(line, "calm-after") for line in lines]
    for out in outs:
        assert out["risk"]["level"] != "none"
        assert not _shows_positive(out["emotion"]), out["emotion"]
    # the calm words are not called distress either: the conversation is what is at risk
    assert outs[-1]["emotion"]["label"] == "neutral"
    assert "[panel: risk" in outs[-1]["emotion"]["shift"]["summary"]
    # the turn log (what a resumed TUI shows) carries the same settled records
    logged = companion.turn_log("calm-after")
    assert [t["emotion"]["label"] for t in logged] == [o["emotion"]["label"] for o in outs]


def test_good_news_without_risk_still_shows_a_positive_emotion(companion: Companion) -> None:
    out = companion.send("I passed my exam today, what a relief, I'm so happy", "good-news")
    assert out["risk"]["level"] == "none" and not out["risk"]["categories"]
    assert out["emotion"]["label"] in POSITIVE_LABELS


def _record(label: str, secondary: list[str], trend: str) -> Any:
    return {
        "turn": 3,
        "label": label,
        "secondary": secondary,
        "valence": 0.5,
        "vector": {"joy": 0.5, "trust": 0.4},
        "shift": {"trend": trend, "summary": f"{label} (valence +0.50): x; trend {trend}"},
    }


@pytest.mark.parametrize("level", ["low", "moderate", "high", "imminent"])
def test_settle_record_never_positive_at_risk(level: str) -> None:
    risk = {"level": level, "turn_level": "none", "categories": []}
    settled = settle_record(_record("relief", ["gratitude", "calm"], "improving"), "ok", {}, risk)
    assert settled["label"] == "neutral"
    assert settled["secondary"] == []
    assert settled["shift"]["trend"] == "stable"
    assert "trend stable" in settled["shift"]["summary"]


def test_settle_record_distress_label_when_this_message_is_at_risk() -> None:
    risk = {"level": "high", "turn_level": "high", "categories": ["suicidal_ideation_active"]}
    settled = settle_record(_record("hope", [], "improving"), "i can't go on", {}, risk)
    assert settled["label"] not in POSITIVE_LABELS and settled["label"] != "neutral"


def test_settle_record_leaves_a_turn_without_risk_alone() -> None:
    record = _record("relief", ["gratitude"], "improving")
    risk = {"level": "none", "turn_level": "none", "categories": []}
    assert settle_record(record, "I passed my exam, what a relief", {}, risk) == record
