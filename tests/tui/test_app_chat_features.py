"""Issue 13 item 5, through Pilot: model picker, Ollama detection, copy, regenerate, session
search/rename/delete, the remembered theme, an unknown --session, and /ground."""

from __future__ import annotations

from typing import Any

import pytest
from fake_models_server import closed_port_url, models_server
from textual.widgets import Input, OptionList
from tui_fakes import FakeCompanion
from tui_helpers import settle, type_text

from confide.config import Settings, load_settings
from confide.tui.app import ConfideApp
from confide.tui.model_picker import ModelPickerScreen
from confide.tui.screens import ConfirmScreen, ExerciseScreen, PromptScreen, SessionsScreen
from confide.tui.widgets import AssistantMessage, SystemNote, UserMessage

SIZE = (120, 40)


def make_app(settings: Settings | None = None, **kwargs: Any) -> tuple[ConfideApp, list[Settings]]:
    built: list[Settings] = []

    def factory(s: Settings) -> FakeCompanion:
        built.append(s)
        return FakeCompanion(s)

    kwargs.setdefault("reveal_seconds", 0)
    kwargs.setdefault("show_panel", False)
    kwargs.setdefault("ollama_url", None)
    app = ConfideApp(
        settings or load_settings(engine="offline"), companion_factory=factory, **kwargs
    )
    return app, built


async def send(pilot: Any, text: str) -> None:
    await type_text(pilot, text)
    await pilot.press("enter")
    await settle(pilot)


async def command(pilot: Any, text: str) -> None:
    await type_text(pilot, text)
    await pilot.press("enter")
    await pilot.pause()
    await settle(pilot)


def notes(app: ConfideApp) -> str:
    return "\n".join(n.source for n in app.query(SystemNote))


async def test_model_picker_lists_the_endpoint_models_and_switches() -> None:
    with models_server(["llama3.2:3b", "qwen2.5:7b"]) as url:
        app, built = make_app(load_settings(base_url=url, model="llama3.2:3b"))
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert app.companion is not None and app.companion.model_name == "llama3.2:3b"
            await pilot.press("ctrl+l")
            await settle(pilot)
            assert isinstance(app.screen, ModelPickerScreen)
            options = app.screen.query_one(OptionList)
            labels = [
                str(options.get_option_at_index(i).prompt) for i in range(options.option_count)
            ]
            assert labels[0].startswith("Offline engine")
            assert any("llama3.2:3b" in x and "(now)" in x for x in labels)
            assert any("qwen2.5:7b" in x for x in labels)
            assert "2 models from" in str(app.screen.query_one("#model-source").render())
            options.highlighted = 2
            await pilot.press("enter")
            await settle(pilot)
            assert built[-1].engine == "llm" and built[-1].model == "qwen2.5:7b"
            assert built[-1].base_url == url
            assert app.companion.model_name == "qwen2.5:7b"
            assert "qwen2.5:7b" in str(app.query_one("#topbar-title").render())
            # back to offline through /model
            await command(pilot, "/model")
            assert isinstance(app.screen, ModelPickerScreen)
            app.screen.query_one(OptionList).highlighted = 0
            await pilot.press("enter")
            await settle(pilot)
            assert app.companion.engine == "offline" and built[-1].engine == "offline"


async def test_model_picker_reports_an_unreachable_endpoint_and_offers_offline() -> None:
    app, _ = make_app(load_settings(base_url=closed_port_url(), model="m"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert isinstance(app.screen, ModelPickerScreen)
        assert "could not be listed" in str(app.screen.query_one("#model-source").render())
        assert app.screen.query_one(OptionList).option_count == 1
        await pilot.press("escape")
        assert app.companion is not None and app.companion.engine == "llm"


async def test_a_local_ollama_is_detected_announced_and_offline_stays() -> None:
    with models_server(["llama3.2:1b"]) as url:
        app, built = make_app(load_settings(), ollama_url=url)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.pause(0.2)
            assert "A local Ollama is running" in notes(app) and "llama3.2:1b" in notes(app)
            assert app.companion is not None and app.companion.engine == "offline"
            await pilot.press("ctrl+l")
            await settle(pilot)
            assert isinstance(app.screen, ModelPickerScreen)
            assert "a local Ollama at" in str(app.screen.query_one("#model-source").render())
            app.screen.query_one(OptionList).highlighted = 1
            await pilot.press("enter")
            await settle(pilot)
            assert built[-1].engine == "llm" and built[-1].base_url == url
            assert built[-1].model == "llama3.2:1b"


async def test_no_ollama_no_note() -> None:
    app, _ = make_app(load_settings(), ollama_url=closed_port_url())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.pause(0.2)
        assert "Ollama" not in notes(app)


async def test_copy_the_focused_message_and_the_last_reply() -> None:
    app, _ = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await send(pilot, "I feel so sad today")
        await command(pilot, "/copy")
        reply = app.query(AssistantMessage).last()
        assert app.clipboard == reply.text
        app.query(UserMessage).last().focus()
        await pilot.press("c")
        assert app.clipboard == "I feel so sad today"


async def test_regenerate_replaces_the_last_reply() -> None:
    app, _ = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert not list(app.query(AssistantMessage))
        await send(pilot, "hello there")
        await send(pilot, "my exam is tomorrow")
        await pilot.press("ctrl+r")
        await settle(pilot)
        replies = list(app.query(AssistantMessage))
        assert len(replies) == 2 and replies[-1].text.endswith("(again 1)")
        assert [u.text for u in app.query(UserMessage)] == ["hello there", "my exam is tomorrow"]
        await command(pilot, "/retry")
        assert app.query(AssistantMessage).last().text.endswith("(again 2)")
        assert len(list(app.query(AssistantMessage))) == 2


@pytest.mark.slow
async def test_sessions_search_rename_and_delete() -> None:
    app, _ = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await send(pilot, "my sister is visiting")
        first = app.session_id
        await pilot.press("ctrl+n")
        await settle(pilot)
        await send(pilot, "work was awful today")
        await command(pilot, "/rename the work talk")
        companion = app.companion
        assert isinstance(companion, FakeCompanion)
        assert companion.titles[app.session_id] == "the work talk"
        # search from the list
        await command(pilot, "/sessions")
        screen = app.screen
        assert isinstance(screen, SessionsScreen)
        assert screen.query_one(OptionList).option_count == 2
        screen.query_one(Input).value = "sister"
        await settle(pilot)
        assert [r.session_id for r in screen.shown] == [first]
        # rename the highlighted one with r
        screen.query_one(OptionList).focus()
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, PromptScreen)
        app.screen.query_one(Input).value = "about my sister"
        await pilot.press("enter")
        await settle(pilot)
        assert companion.titles[first] == "about my sister"
        # the list comes back; d deletes after a confirmation
        assert isinstance(app.screen, SessionsScreen)
        app.screen.query_one(Input).value = "sister"
        await settle(pilot)
        app.screen.query_one(OptionList).focus()
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.click("#confirm")
        await settle(pilot)
        assert not companion.has_session(first)
        assert companion.has_session(app.session_id)
        await pilot.press("escape")
        # /search opens the list already filtered; /delete asks for the current session
        await command(pilot, "/search awful")
        assert isinstance(app.screen, SessionsScreen)
        await settle(pilot)
        assert [r.title for r in app.screen.shown] == ["the work talk"]
        await pilot.press("escape")
        current = app.session_id
        await command(pilot, "/delete")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.click("#confirm")
        await settle(pilot)
        assert not companion.has_session(current) and app.session_id != current
        assert not list(app.query(UserMessage))


async def test_theme_is_remembered_across_runs() -> None:
    settings = load_settings(engine="offline", theme="dark")
    app, _ = make_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        await pilot.press("ctrl+t")
        assert app.theme == "textual-light"
    again, _ = make_app(settings)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.theme == "textual-light"
        await command(pilot, "/theme")
    third, _ = make_app(settings)
    assert third.theme == "textual-dark"


async def test_an_unknown_session_id_asks() -> None:
    app, _ = make_app(session_id="2026-typo", confirm_session=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "2026-typo" in app.screen.title_text
        await pilot.click("#cancel")  # "Start a new session"
        await settle(pilot)
        await send(pilot, "hello")
        assert app.companion is not None and app.companion.has_session("2026-typo")


async def test_unknown_commands_never_reach_the_counselor() -> None:
    app, _ = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await command(pilot, "/frobnicate now")
        assert not list(app.query(UserMessage))
        assert app.composer.text == "/frobnicate now"


async def test_ground_guides_an_exercise_step_by_step() -> None:
    app, _ = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await command(pilot, "/ground breathe")
        screen = app.screen
        assert isinstance(screen, ExerciseScreen) and screen.exercise is not None
        assert screen.exercise.id == "breathing"
        text = lambda: str(screen.query_one("#exercise-text").render())  # noqa: E731
        assert "count to four" not in text()
        await pilot.press("enter")
        assert "count to four" in text()
        for _ in range(len(screen.exercise.steps)):
            await pilot.press("space")
        assert "How are you feeling now?" in text()
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, ExerciseScreen)
        assert "finished the breathing exercise" in notes(app)
        # without a name: choose from the list
        await command(pilot, "/ground")
        assert isinstance(app.screen, ExerciseScreen) and app.screen.exercise is None
        await pilot.press("down", "enter")
        assert app.screen.exercise is not None and app.screen.exercise.id == "grounding"
