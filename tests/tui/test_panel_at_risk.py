"""The TUI's insight panel after a crisis: what a person sees (real app, offline engine)."""

from __future__ import annotations

from typing import Any

from tui_helpers import settle, type_text

from confide.agents.emotion_panel import POSITIVE_LABELS
from confide.config import load_settings
from confide.tui.app import ConfideApp

SIZE = (120, 40)


async def _send(pilot: Any, text: str) -> None:
    await type_text(pilot, text)
    await pilot.press("enter")
    await settle(pilot, timeout=60)


async def test_panel_shows_no_positive_emotion_or_improving_at_risk() -> None:
    app = ConfideApp(
        load_settings(engine="offline"), reveal_seconds=0, show_panel=True, session_id="p"
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, timeout=60)
        await _send(pilot, "I want to kill myself tonight. I have the pills right here")
        await _send(pilot, "ok. I put the pills in the car and texted my brother")
        await _send(pilot, "thanks. he is here now, I feel so much calmer and lighter")
        shown = str(app.panel.query_one("#panel-emotion").render())
        head = shown.split("\n", 1)[0]  # "<label> with <secondary>  <arrow> <word>"
        words = set(head.replace(",", " ").split())
        assert not words & POSITIVE_LABELS, shown
        assert "improving" not in shown and "lighter" not in shown
        assert len(app.panel.trajectory) == 3
        assert app.panel.trajectory[-1]["label"] == head.split()[0]
