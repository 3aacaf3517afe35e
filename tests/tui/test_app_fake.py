"""The app against an in-memory companion: UI behaviour that needs precise control
(stopping a reply mid-stream, failures, startup races). The real Companion is driven in
test_app_real.py."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from tui_fakes import FakeCompanion
from tui_helpers import settle, type_text

from confide.config import load_settings
from confide.tui.app import ConfideApp
from confide.tui.screens import ResourcesScreen
from confide.tui.widgets import AssistantMessage, CrisisBanner, UserMessage


def make_app(
    factory_opts: dict[str, Any] | None = None, **kwargs: Any
) -> tuple[ConfideApp, dict[str, FakeCompanion], list[str]]:
    made: dict[str, FakeCompanion] = {}

    def factory(settings: Any) -> FakeCompanion:
        made["c"] = FakeCompanion(settings, **(factory_opts or {}))
        return made["c"]

    kwargs.setdefault("reveal_seconds", 0)
    app = ConfideApp(load_settings(engine="offline"), companion_factory=factory, **kwargs)
    notes: list[str] = []
    original = app.notify

    def record(message: str, **kw: Any) -> None:
        notes.append(message)
        original(message, **kw)

    app.notify = record  # type: ignore[method-assign]
    return app, made, notes


async def send(pilot: Any, text: str) -> None:
    await type_text(pilot, text)
    await pilot.press("enter")
    await settle(pilot)


async def test_send_shows_reply_and_panel() -> None:
    app, _, _ = make_app(show_panel=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await send(pilot, "I feel so sad today")
        users = list(app.query(UserMessage))
        replies = list(app.query(AssistantMessage))
        assert [u.text for u in users] == ["I feel so sad today"]
        assert "You said: I feel so sad today" in replies[-1].text
        assert app.composer.text == ""
        assert app.panel.trajectory[-1]["label"] == "sadness"


async def test_streamed_tokens_are_replaced_by_the_final_reply() -> None:
    app, _, _ = make_app({"tokens": True})
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await send(pilot, "hello there")
        bubble = app.query(AssistantMessage).last()
        assert bubble.final
        # the tokens carried a trailing space; the final reply replaced them exactly
        assert (
            bubble.text
            == "It sounds like a lot is on your mind. You said: hello there. Tell me more?"
        )


async def test_escape_shows_a_revealing_reply_at_once() -> None:
    app, _, _ = make_app(reveal_seconds=30)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle_turn(pilot)
        await type_text(pilot, "one two three four five six")
        await pilot.press("enter")
        for _ in range(200):
            await pilot.pause(0.02)
            bubbles = app.query(AssistantMessage)
            if bubbles and bubbles.last().revealing:
                break
        bubble = app.query(AssistantMessage).last()
        assert bubble.revealing and bubble.body.source != bubble.text
        await pilot.press("escape")
        await pilot.pause()
        assert not bubble.revealing
        assert "one two three four five six" in bubble.body.source


async def settle_turn(pilot: Any) -> None:
    for _ in range(500):
        await pilot.pause(0.02)
        if pilot.app.companion is not None:
            return


async def test_progressive_reveal_ends_with_the_whole_reply() -> None:
    app, _, _ = make_app(reveal_seconds=0.3)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await send(pilot, "one two three four")
        bubble = app.query(AssistantMessage).last()
        assert not bubble.revealing
        assert bubble.body.source == bubble.text
        assert "one two three four" in bubble.body.source


async def test_multiline_input_and_history() -> None:
    app, _, _ = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_text(pilot, "first line")
        await pilot.press("ctrl+j")
        await type_text(pilot, "second line")
        assert app.composer.text == "first line\nsecond line"
        await pilot.press("enter")
        await settle(pilot)
        assert app.query(UserMessage).last().text == "first line\nsecond line"
        await send(pilot, "another message")
        await type_text(pilot, "draft")
        await pilot.press("up")
        assert app.composer.text == "another message"
        await pilot.press("up")
        assert app.composer.text == "first line\nsecond line"
        await pilot.press("down")  # cursor is on the last line of the recalled message
        assert app.composer.text == "another message"
        await pilot.press("down")
        assert app.composer.text == "draft"


async def test_slash_completion_and_unknown_command() -> None:
    app, _, notes = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_text(pilot, "/ex")
        assert app.composer.suggestion == "port"
        await pilot.press("tab")
        assert app.composer.text == "/export"
        app.composer.text = ""
        await send(pilot, "/nonsense")
        assert any("Unknown command /nonsense" in n for n in notes)
        assert app.composer.text == "/nonsense"  # kept for correction
        assert not app.query(UserMessage)


async def test_escaped_slash_is_sent_as_a_message() -> None:
    app, _, _ = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await send(pilot, "//shrug is how I feel")
        assert app.query(UserMessage).last().text == "/shrug is how I feel"


async def test_empty_and_too_long_messages_show_the_error_and_keep_the_text() -> None:
    app, _, notes = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await send(pilot, "   ")
        assert "the message is empty" in notes
        assert not app.query(UserMessage)
        long_text = "x" * 20_001
        app.composer.text = long_text
        await pilot.press("enter")
        await settle(pilot)
        assert "the message is too long" in notes
        assert app.composer.text == long_text
        assert not app.query(UserMessage)


async def test_a_failing_turn_restores_the_text_and_a_retry_does_not_duplicate() -> None:
    app, made, notes = make_app({"fail": RuntimeError("disk on fire")})
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await send(pilot, "please keep this message")
        assert any("disk on fire" in n for n in notes)
        assert app.composer.text == "please keep this message"
        assert len(app.query(UserMessage)) == 1  # saved in the session, shown once
        made["c"].fail = None
        await pilot.press("enter")
        await settle(pilot)
        assert [u.text for u in app.query(UserMessage)] == ["please keep this message"]
        assert "please keep this message" in app.query(AssistantMessage).last().text
        assert made["c"].turn_log(app.session_id)[0]["user"] == "please keep this message"
        assert len(made["c"].turn_log(app.session_id)) == 1


async def test_escape_stops_a_streaming_reply_and_the_message_is_answered_later() -> None:
    gate = threading.Event()
    app, made, _ = make_app({"tokens": True, "gate": gate})
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_text(pilot, "a message to stop")
        await pilot.press("enter")
        for _ in range(100):
            await pilot.pause(0.02)
            if app.query(AssistantMessage) and app.query(AssistantMessage).last().text:
                break
        assert app.busy
        await pilot.press("escape")
        assert not app.busy
        gate.set()
        await settle(pilot)
        stopped = app.query(AssistantMessage).last()
        assert "Stopped." in stopped.body.source
        assert made["c"].pending(app.session_id)
        # the next message first gets the stopped one answered, in order
        await send(pilot, "next message")
        items = [
            ("user", w.text) if isinstance(w, UserMessage) else ("ai", w.text)
            for w in app.transcript.children
            if isinstance(w, UserMessage | AssistantMessage)
        ]
        assert items[0] == ("user", "a message to stop")
        assert items[-3][0] == "ai" and "a message to stop" in items[-3][1]
        assert items[-2] == ("user", "next message")
        assert "next message" in items[-1][1]


async def test_high_risk_shows_banner_and_resources_and_chat_stays_open() -> None:
    app, _, _ = make_app(show_panel=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        banner = app.query_one(CrisisBanner)
        assert not banner.display
        await send(pilot, "I want to kill myself")
        assert banner.display
        assert "988" in str(banner.render())
        assert app.panel.has_class("crisis")
        assert not app.composer.disabled and app.composer.has_focus
        meta = str(app.query(AssistantMessage).last().query_one(".meta").render())
        assert "crisis support" in meta and "Reflection of Feelings" in meta
        await pilot.press("ctrl+g")
        assert isinstance(app.screen, ResourcesScreen)
        assert "988" in app.screen.resources
        await pilot.press("escape")
        assert not isinstance(app.screen, ResourcesScreen)
        await send(pilot, "thank you")
        assert "thank you" in app.query(AssistantMessage).last().text


async def test_message_typed_during_startup_is_sent_when_ready() -> None:
    release = threading.Event()
    made: dict[str, FakeCompanion] = {}

    def slow_factory(settings: Any) -> FakeCompanion:
        release.wait(5)
        made["c"] = FakeCompanion(settings)
        return made["c"]

    app = ConfideApp(
        load_settings(engine="offline"), companion_factory=slow_factory, reveal_seconds=0
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.composer.has_focus  # usable before Confide is ready
        await type_text(pilot, "typed early")
        await pilot.press("enter")
        await pilot.pause()
        assert app.companion is None
        release.set()
        await settle(pilot)
        assert "typed early" in app.query(AssistantMessage).last().text


async def test_startup_failure_keeps_the_app_and_the_text() -> None:
    def broken(settings: Any) -> FakeCompanion:
        raise OSError("cannot open the data dir")

    app = ConfideApp(load_settings(engine="offline"), companion_factory=broken)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_text(pilot, "hello?")
        await pilot.press("enter")
        await settle(pilot)
        assert app.composer.text == "hello?"
        assert app.is_running
        await pilot.press("ctrl+g")
        assert isinstance(app.screen, ResourcesScreen)


async def test_resume_finishes_an_interrupted_turn_then_sends_what_was_typed() -> None:
    release = threading.Event()

    def factory(settings: Any) -> FakeCompanion:
        release.wait(5)
        c = FakeCompanion(settings)
        c._pending["old-session"] = "I never got an answer"
        return c

    app = ConfideApp(
        load_settings(engine="offline"),
        companion_factory=factory,
        session_id="old-session",
        reveal_seconds=0,
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await type_text(pilot, "typed while it started")
        await pilot.press("enter")
        release.set()
        await settle(pilot)
        items = [
            (type(w).__name__, w.text)
            for w in app.transcript.children
            if isinstance(w, UserMessage | AssistantMessage)
        ]
        assert [kind for kind, _ in items] == [
            "UserMessage",
            "AssistantMessage",
            "UserMessage",
            "AssistantMessage",
        ]
        assert items[0][1] == "I never got an answer"
        assert "I never got an answer" in items[1][1]
        assert items[2][1] == "typed while it started"
        assert "typed while it started" in items[3][1]


@pytest.mark.parametrize("theme", ["light", "dark"])
async def test_theme_comes_from_settings_and_toggles(theme: str) -> None:
    app = ConfideApp(load_settings(engine="offline", theme=theme), companion_factory=FakeCompanion)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.theme == f"textual-{theme}"
        await pilot.press("ctrl+t")
        assert app.theme == ("textual-dark" if theme == "light" else "textual-light")


async def test_a_malformed_analysis_record_does_not_end_the_conversation() -> None:
    app, _, notes = make_app({"broken_risk": True})
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await send(pilot, "hello")
        assert any("Could not show the risk analysis" in n for n in notes)
        assert app.query_one(CrisisBanner).display  # in doubt about risk: resources shown
        assert "You said: hello" in app.query(AssistantMessage).last().text
        assert app.is_running


async def test_new_session_and_exit_write_the_session_summary() -> None:
    app, made, _ = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        first = app.session_id
        await send(pilot, "My sister is visiting and I'm nervous")
        await app.action_new_session()
        await settle(pilot)
        assert made["c"].ended == [first]
        second = app.session_id
        assert second != first
    app.close_companion()
    assert made["c"].ended == [first, second]
    assert made["c"].closed


async def test_a_failing_companion_call_is_told_and_the_app_stays() -> None:
    app, made, notes = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)

        def broken(*args: Any) -> Any:
            raise OSError("disk gone")

        made["c"].sessions = broken  # type: ignore[method-assign]
        made["c"].export = broken  # type: ignore[method-assign]
        app._sessions()
        await settle(pilot)
        app._export()
        await settle(pilot)
        assert "Could not list sessions: disk gone" in notes
        assert "Export failed: disk gone" in notes
        assert app.is_running
