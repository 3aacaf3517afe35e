"""Structural SVG snapshots: the screen's text grid is compared, the SVG is kept for people.

``pytest-textual-snapshot`` pins ``syrupy==4.8.0``, which requires ``pytest<9`` and would
downgrade the project's pytest, so the comparison is done here: Textual's own SVG export is
parsed back into the grid of characters the terminal shows, and that grid must match the stored
``.txt`` exactly. Set ``CONFIDE_UPDATE_SNAPSHOTS=1`` to (re)write the stored files after an
intended change, then review the SVG diff.
"""

from __future__ import annotations

import difflib
import html
import os
import re
import tempfile
from collections import defaultdict
from itertools import pairwise
from pathlib import Path

from textual.pilot import Pilot

SNAPSHOT_DIR = Path(__file__).parent / "snapshots"
_TEXT = re.compile(
    r'<text class="[^"]*" x="([\d.]+)" y="([\d.]+)" textLength="([\d.]+)"[^>]*>(.*?)</text>'
)


def svg_to_text(svg: str) -> str:
    """Rebuild the terminal's character grid from a Textual SVG screenshot."""
    rows: dict[float, list[tuple[float, str]]] = defaultdict(list)
    cell = 0.0
    for x, y, length, raw in _TEXT.findall(svg):
        content = html.unescape(raw).replace("\xa0", " ")
        if content and not cell and float(length) > 0:
            cell = float(length) / len(content)
        rows[float(y)].append((float(x), content))
    ys = sorted(rows)
    if not ys:
        return ""
    # rows that hold no text at all are absent from the SVG: place rows by their y position
    pitch = min((b - a for a, b in pairwise(ys)), default=1.0)
    grid: dict[int, str] = {}
    for y in ys:
        line: list[str] = []
        for x, content in sorted(rows[y]):
            col = round(x / cell) if cell else 0
            if len(line) < col:
                line.extend(" " * (col - len(line)))
            line[col : col + len(content)] = list(content)
        grid[round((y - ys[0]) / pitch)] = "".join(line).rstrip()
    return "\n".join(grid.get(i, "") for i in range(max(grid) + 1)) + "\n"


async def assert_snapshot(pilot: Pilot[int], name: str) -> None:
    """Compare the screen with ``snapshots/<name>.txt`` (and keep ``<name>.svg`` beside it)."""
    app = pilot.app
    if hasattr(app, "composer"):
        app.composer.cursor_blink = False
    app.clear_notifications()
    # let layout changes (the command hint, the anchored scroll) reach the screen first
    for _ in range(3):
        await pilot.wait_for_scheduled_animations()
        await pilot.pause(0.05)
    svg = app.export_screenshot(title="Confide")
    text = svg_to_text(svg)
    txt_path = SNAPSHOT_DIR / f"{name}.txt"
    if os.environ.get("CONFIDE_UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT_DIR.mkdir(parents=True, exist_ok=True)
        txt_path.write_text(text, encoding="utf-8")
        (SNAPSHOT_DIR / f"{name}.svg").write_text(svg, encoding="utf-8")
        return
    assert txt_path.is_file(), f"no snapshot {txt_path}; run with CONFIDE_UPDATE_SNAPSHOTS=1"
    expected = txt_path.read_text(encoding="utf-8")
    if text != expected:
        diff = "\n".join(
            difflib.unified_diff(
                expected.splitlines(), text.splitlines(), "expected", "actual", lineterm=""
            )
        )
        actual = Path(tempfile.gettempdir()) / f"confide-snapshot-{name}.svg"
        actual.write_text(svg, encoding="utf-8")
        raise AssertionError(f"snapshot {name} differs (actual SVG: {actual}):\n{diff}")
