"""Helpers for driving the real app with Pilot (imported by the tests of this folder)."""

from __future__ import annotations

import asyncio
import time

from textual.pilot import Pilot

from confide.tui.app import ConfideApp
from confide.tui.widgets import AssistantMessage


async def settle(pilot: Pilot[int], timeout: float = 20.0) -> None:
    """Wait until Confide is ready, no turn or command runs and every reply is revealed."""
    app = pilot.app
    assert isinstance(app, ConfideApp)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        await pilot.pause()
        ready = app.companion is not None or app.startup_error is not None
        working = any(not w.is_finished for w in app.workers)
        revealing = any(b.revealing for b in app.query(AssistantMessage))
        if ready and not app.busy and not working and not revealing:
            await pilot.pause()
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the app did not settle in time")


async def type_text(pilot: Pilot[int], text: str) -> None:
    """Put text into the input box as if typed (one key per character would be slow)."""
    app = pilot.app
    assert isinstance(app, ConfideApp)
    app.composer.insert(text)
    await pilot.pause()
