"""Text renderings of the analysis: the valence trajectory chart and the shift arrow.

Pure functions from records to Rich ``Text`` so that they are testable without a terminal.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.text import Text

from confide.records import PLUTCHIK

#: Colours of Plutchik's wheel, mid-tones readable on both light and dark backgrounds.
EMOTION_COLOURS: dict[str, str] = {
    "joy": "#d4a900",
    "trust": "#43a047",
    "fear": "#00897b",
    "surprise": "#039be5",
    "sadness": "#3f6fd8",
    "disgust": "#8e24aa",
    "anger": "#e53935",
    "anticipation": "#f57c00",
    "neutral": "#8a8a8a",
}

#: Colours of the risk levels.
RISK_COLOURS: dict[str, str] = {
    "none": "#43a047",
    "low": "#7cb342",
    "moderate": "#f9a825",
    "high": "#e53935",
    "imminent": "bold #ffffff on #c62828",
}

#: A valence change smaller than this counts as steady.
STEADY = 0.1


def dominant(vector: Mapping[str, float] | None) -> str:
    """Name the strongest Plutchik emotion of a vector (``neutral`` when none stands out)."""
    if not vector:
        return "neutral"
    best = max(PLUTCHIK, key=lambda k: float(vector.get(k, 0.0)))
    return best if float(vector.get(best, 0.0)) >= 0.05 else "neutral"


def shift_arrow(delta: float) -> tuple[str, str]:
    """Describe a valence change with an arrow and a word: lighter, heavier or steady."""
    if delta > STEADY:
        return "↗", "lighter"
    if delta < -STEADY:
        return "↘", "heavier"
    return "→", "steady"


def _cell_up(fill: float) -> str:
    return "█" if fill >= 0.75 else "▄" if fill >= 0.25 else " "


def _cell_down(fill: float) -> str:
    return "█" if fill >= 0.75 else "▀" if fill >= 0.25 else " "


def valence_chart(
    records: Sequence[Mapping[str, Any]], width: int = 32, half_rows: int = 3
) -> Text:
    """Draw valence per turn as bars around a zero axis, coloured by the dominant emotion.

    ``records`` are EmotionRecords (``valence``, ``vector``, ``turn``). Turns that do not fit
    into ``width`` columns scroll off to the left; the x-axis names the first and last turn.
    """
    label_w = 3
    step = 2 if (width - label_w) >= 2 else 1
    capacity = max(1, (width - label_w) // step)
    shown = list(records)[-capacity:]
    out = Text(no_wrap=True, overflow="crop")
    if not shown:
        out.append("no turns yet", style="dim italic")
        return out
    values = [max(-1.0, min(1.0, float(r.get("valence", 0.0)))) for r in shown]
    colours = [EMOTION_COLOURS[dominant(r.get("vector"))] for r in shown]

    def row(label: str, cells: list[str], axis: bool = False) -> None:
        out.append(label.rjust(label_w - 1) + ("┼" if axis else "│"), style="dim")
        for i, cell in enumerate(cells):
            filler = "─" if axis else " "
            if axis and cell == filler:
                out.append(cell + (filler if step == 2 else ""), style="dim")
            else:
                out.append(cell, style=colours[i])
                if step == 2:
                    out.append(filler, style="dim" if axis else "")
        out.append("\n")

    for i in range(half_rows):
        top = half_rows - 1 - i
        cells = [_cell_up(max(0.0, v) * half_rows - top) for v in values]
        row("+1" if i == 0 else "", cells)
    axis_cells = ["●" if abs(v) * half_rows < 0.25 else "─" for v in values]
    row("0", axis_cells, axis=True)
    for j in range(half_rows):
        cells = [_cell_down(max(0.0, -v) * half_rows - j) for v in values]
        row("-1" if j == half_rows - 1 else "", cells)
    first = int(shown[0].get("turn", 1))
    last = int(shown[-1].get("turn", len(shown)))
    axis_text = f"turn {first}"
    tail = "" if first == last else f"{last}"
    span = label_w + len(shown) * step
    gap = max(1, span - label_w - len(axis_text) - len(tail))
    out.append(" " * label_w + axis_text + (" " * gap + tail if tail else ""), style="dim")
    return out


def legend(records: Sequence[Mapping[str, Any]]) -> Text:
    """List the dominant emotions of the chart, each with its colour swatch."""
    seen: list[str] = []
    for r in records:
        name = dominant(r.get("vector"))
        if name not in seen:
            seen.append(name)
    out = Text()
    for i, name in enumerate(seen):
        if i:
            out.append("  ")
        out.append("■ ", style=EMOTION_COLOURS[name])
        out.append(name)
    return out
