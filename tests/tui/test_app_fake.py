"""The app against an in-memory companion: UI behaviour that needs precise control."""

from __future__ import annotations

from typing import Any

from conftest import settle, type_text
from fakes import FakeCompanion

from confide.config import load_settings
from confide.tui.app import ConfideApp
from confide.tui.widgets import AssistantMessage, UserMessage


def make_app(**kwargs: Any) -> tuple[ConfideApp, dict[str, FakeCompanion]]:
    made: dict[str, FakeCompanion] = {}
    opts = {k: kwargs.pop(k) for k in ("tokens", "fail", "gate") if k in kwargs}

    def factory(settings: Any) -> FakeCompanion:
        made["c"] = FakeCompanion(settings, **opts)
        return made["c"]

    app = ConfideApp(
        load_settings(engine="offline"), companion_factory=factory, reveal_seconds=0, **kwargs
    )
    return app, made


async def test_send_shows_reply_and_panel() -> None:
    app, _ = make_app(show_panel=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_text(pilot, "I feel so sad today")
        await pilot.press("enter")
        await settle(pilot)
        users = list(app.query(UserMessage))
        replies = list(app.query(AssistantMessage))
        assert [u.text for u in users] == ["I feel so sad today"]
        assert "You said: I feel so sad today" in replies[-1].text
        assert app.composer.text == ""
        assert app.panel.trajectory[-1]["label"] == "sadness"
