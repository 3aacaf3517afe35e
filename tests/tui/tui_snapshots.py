"""Structural SVG snapshots: the screen's text grid is compared, the SVG is kept for people.

``pytest-textual-snapshot`` pins ``syrupy==4.8.0``, which requires ``pytest<9`` and would
downgrade the project's pytest, so the comparison is done here: Textual's own SVG export is
parsed back into the grid of characters the terminal shows, and that grid must match the stored
``.txt`` exactly. Run ``pytest tests/tui/test_snapshots.py --update-snapshots`` to (re)write the
stored files after an intended change, then review the SVG diff. Rewriting is asked for on the
command line only, never by an environment variable (one left in a shell would make every
snapshot test pass without comparing anything), and a rewritten snapshot is reported as
skipped, not as passed.
"""

from __future__ import annotations

import difflib
import html
import re
import tempfile
from collections import defaultdict
from itertools import pairwise
from pathlib import Path

import pytest
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


async def assert_snapshot(pilot: Pilot[int], name: str, *, update: bool) -> None:
    """Compare the screen with ``snapshots/<name>.txt`` (and keep ``<name>.svg`` beside it).

    ``update`` comes from ``--update-snapshots`` (the ``update_snapshots`` fixture).
    """
    app = pilot.app
    if hasattr(app, "composer"):
        app.composer.cursor_blink = False
    app.clear_notifications()
    # let layout changes (the command hint, the anchored scroll) reach the screen first
    for _ in range(3):
        await pilot.wait_for_scheduled_animations()
        await pilot.pause(0.05)
    check_snapshot(name, app.export_screenshot(title="Confide"), update=update)


def check_snapshot(name: str, svg: str, *, update: bool, directory: Path = SNAPSHOT_DIR) -> None:
    """Fail unless the SVG's text grid equals the stored one; with ``update``, rewrite and skip."""
    text = svg_to_text(svg)
    txt_path = directory / f"{name}.txt"
    if update:
        directory.mkdir(parents=True, exist_ok=True)
        txt_path.write_text(text, encoding="utf-8")
        (directory / f"{name}.svg").write_text(svg, encoding="utf-8")
        pytest.skip(f"snapshot {name} rewritten (--update-snapshots): review the SVG diff")
    assert txt_path.is_file(), f"no snapshot {txt_path}; run with --update-snapshots"
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
