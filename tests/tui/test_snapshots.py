"""SVG snapshots of the main screen, the panel and the crisis state.

The app is the real one; its companion is the in-memory fake, so the snapshots change only
when the UI changes, not when an agent's wording or a classifier's numbers improve (the real
Companion's behaviour is asserted in test_app_real.py). Fixed size, session id and texts; the
cursor does not blink and notifications are cleared before the capture.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tui_fakes import FakeCompanion
from tui_helpers import settle, type_text
from tui_snapshots import SNAPSHOT_DIR, assert_snapshot, check_snapshot

from confide.config import load_settings
from confide.tui.app import ConfideApp

SIZE = (120, 40)


def make_app(show_panel: bool) -> ConfideApp:
    return ConfideApp(
        load_settings(engine="offline", region="US"),
        companion_factory=FakeCompanion,
        session_id="20260101-120000-snap01",
        reveal_seconds=0,
        show_panel=show_panel,
    )


async def send(pilot: Any, text: str) -> None:
    await type_text(pilot, text)
    await pilot.press("enter")
    await settle(pilot)


async def test_snapshot_main_screen(update_snapshots: bool) -> None:
    app = make_app(show_panel=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await send(pilot, "My sister is visiting next week and I am dreading it")
        await type_text(pilot, "/ex")
        await assert_snapshot(pilot, "main", update=update_snapshots)


async def test_snapshot_panel(update_snapshots: bool) -> None:
    app = make_app(show_panel=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for text in ("I feel so sad today", "I failed my exam and feel worthless", "a bit better"):
            await send(pilot, text)
        await assert_snapshot(pilot, "panel", update=update_snapshots)


async def test_snapshot_crisis_state(update_snapshots: bool) -> None:
    app = make_app(show_panel=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await send(pilot, "I feel so sad today")
        await send(pilot, "I want to kill myself")
        await assert_snapshot(pilot, "crisis", update=update_snapshots)


def test_a_leaked_update_variable_does_not_make_a_snapshot_pass(
    monkeypatch: Any, tmp_path: Path
) -> None:
    """CONFIDE_UPDATE_SNAPSHOTS=1 in the environment (the old switch) changes nothing: a
    screen that differs from the stored snapshot still fails, and nothing is rewritten."""
    monkeypatch.setenv("CONFIDE_UPDATE_SNAPSHOTS", "1")
    stored = (SNAPSHOT_DIR / "main.svg").read_text(encoding="utf-8")
    (tmp_path / "main.txt").write_text("another screen\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="snapshot main differs"):
        check_snapshot("main", stored, update=False, directory=tmp_path)
    assert (tmp_path / "main.txt").read_text(encoding="utf-8") == "another screen\n"
    # and the stored snapshot matches its own SVG (the comparison can also pass)
    check_snapshot("main", stored, update=False)
