"""The real app with the real Companion in the offline engine, driven by Pilot."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tui_helpers import settle, type_text

from confide.config import load_settings
from confide.tui.app import ConfideApp
from confide.tui.backend import export_paths
from confide.tui.screens import (
    ConfirmScreen,
    PlanEditScreen,
    PlanScreen,
    ResourcesScreen,
    SessionsScreen,
)
from confide.tui.widgets import AssistantMessage, CrisisBanner, SystemNote, UserMessage

SIZE = (120, 40)


def make_app(**kwargs: Any) -> ConfideApp:
    kwargs.setdefault("reveal_seconds", 0)
    kwargs.setdefault("show_panel", False)
    return ConfideApp(load_settings(engine="offline"), **kwargs)


async def send(pilot: Any, text: str) -> None:
    await type_text(pilot, text)
    await pilot.press("enter")
    await settle(pilot, timeout=60)


def notes_text(app: ConfideApp) -> str:
    return "\n".join(n.source for n in app.query(SystemNote))


async def test_a_turn_streams_into_the_transcript_and_the_panel() -> None:
    app = make_app(show_panel=True, session_id="test-session")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, timeout=60)
        assert app.companion is not None and app.companion.engine == "offline"
        assert "not a therapist" in notes_text(app)
        assert "Offline engine" in notes_text(app)
        await send(pilot, "I failed my exam again and I feel worthless")
        reply = app.query(AssistantMessage).last()
        assert reply.final and len(reply.text) > 20
        assert reply.body.source == reply.text
        trajectory = app.panel.trajectory
        assert len(trajectory) == 1 and trajectory[0]["valence"] < 0
        strategy = str(app.panel.query_one("#panel-strategy").render())
        assert any(stage in strategy for stage in ("Exploration", "Comforting", "Action"))
        assert "NONE" in str(app.panel.query_one("#panel-risk").render()) or "LOW" in str(
            app.panel.query_one("#panel-risk").render()
        )
        assert not app.query_one(CrisisBanner).display
        await send(pilot, "I studied for weeks and it still was not enough")
        assert len(app.panel.trajectory) == 2


async def test_high_risk_message_shows_the_crisis_banner_and_the_chat_stays_open() -> None:
    app = make_app(show_panel=True, session_id="crisis-session")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, timeout=60)
        await send(pilot, "I have a plan to end my life tonight")
        banner = app.query_one(CrisisBanner)
        assert banner.display
        assert "988" in str(banner.render())
        assert app.panel.has_class("crisis")
        risk = str(app.panel.query_one("#panel-risk").render())
        assert "HIGH" in risk or "IMMINENT" in risk
        reply = app.query(AssistantMessage).last().text
        assert "988" in reply
        await pilot.press("ctrl+g")
        assert isinstance(app.screen, ResourcesScreen)
        await pilot.press("escape")
        await send(pilot, "ok. I will call them")
        assert len(app.query(AssistantMessage)) == 2
        assert app.query(AssistantMessage).last().final


async def test_main_screen_snapshot_and_commands() -> None:
    app = make_app(session_id="main-session")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, timeout=60)
        await send(pilot, "My sister is visiting next week and I am dreading it")
        assert app.query(AssistantMessage).last().final
        await send(pilot, "/engine")
        assert "**Engine:** `offline`" in notes_text(app)
        await send(pilot, "/help")
        for name in ("/new", "/sessions", "/export", "/resources", "/forget", "/engine"):
            assert f"`{name}`" in notes_text(app)
        await send(pilot, "/resources")
        assert isinstance(app.screen, ResourcesScreen)
        await pilot.press("escape")
        assert len(app.query(UserMessage)) == 1  # commands are not sent as messages


async def test_resume_a_session_then_export_it(data_dir: Path) -> None:
    first = make_app(session_id="resume-me")
    async with first.run_test(size=SIZE) as pilot:
        await settle(pilot, timeout=60)
        await send(pilot, "I feel lonely since I moved to a new city")
        await send(pilot, "I don't know anyone here")
        replies = [b.text for b in first.query(AssistantMessage)]
    first.close_companion()

    second = make_app(session_id="resume-me", show_panel=True)
    async with second.run_test(size=SIZE) as pilot:
        await settle(pilot, timeout=60)
        assert [u.text for u in second.query(UserMessage)] == [
            "I feel lonely since I moved to a new city",
            "I don't know anyone here",
        ]
        assert [b.text for b in second.query(AssistantMessage)] == replies
        assert len(second.panel.trajectory) == 2
        assert second.composer.sent[-1] == "I don't know anyone here"  # history survives
        await send(pilot, "/export")
        md, js = export_paths(data_dir, "resume-me", "local")
        assert md.parent.parent == data_dir / "exports"  # per user, inside the private data dir
        assert str(md) in notes_text(second)
        assert md.stat().st_mode & 0o777 == 0o600
        assert "I feel lonely since I moved" in md.read_text()
        doc = json.loads(js.read_text())
        assert len(doc["turns"]) == 2
        for turn in doc["turns"]:
            assert {"emotion", "risk", "strategy"} <= set(turn)
    second.close_companion()


async def test_sessions_list_resumes_an_earlier_session() -> None:
    app = make_app(session_id="20260101-090000-aaaaaa")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, timeout=60)
        await send(pilot, "first session message about work stress")
        await send(pilot, "/new")
        assert app.session_id != "20260101-090000-aaaaaa"
        assert not app.query(UserMessage)
        await send(pilot, "second session message")
        await send(pilot, "/sessions")
        assert isinstance(app.screen, SessionsScreen)
        ids = [row.session_id for row in app.screen.rows]
        assert "20260101-090000-aaaaaa" in ids and app.session_id in ids
        # the list is most recent first: go down to the first session and resume it
        await pilot.press("down", "enter")
        await settle(pilot, timeout=60)
        assert app.session_id == "20260101-090000-aaaaaa"
        assert [u.text for u in app.query(UserMessage)] == [
            "first session message about work stress"
        ]


async def test_forget_asks_first_and_then_erases_everything() -> None:
    app = make_app(session_id="forget-me")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, timeout=60)
        await send(pilot, "my name is Sam and I work nights")
        companion = app.companion
        assert companion is not None
        await send(pilot, "/forget")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")  # the focused button is Cancel
        await settle(pilot)
        assert [s.session_id for s in companion.sessions()] == ["forget-me"]
        await send(pilot, "/forget")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.click("#confirm")
        await settle(pilot, timeout=60)
        assert list(companion.sessions()) == []
        assert not app.query(UserMessage)
        assert app.session_id != "forget-me"
        assert "Erased 1 session," in notes_text(app)


def llm_factory(answer: str | Exception) -> Any:
    """A real Companion in the LLM engine over a scripted model (structured calls fail)."""
    from confide.companion import Companion
    from confide.testing import ScriptedChatModel

    def responder(messages: Any, schema: str | None) -> str | Exception:
        if schema is not None:
            return ConnectionError("no structured answers in this test")
        return answer

    def factory(settings: Any) -> Companion:
        companion = Companion(settings, chat_model=ScriptedChatModel(responder=responder))
        companion.services.breaker_seconds = 0  # each agent tries the model on its own
        return companion

    return factory


async def test_llm_engine_reply_streams_token_by_token() -> None:
    reply = "That sounds like a really heavy week. What has been weighing on you the most?"
    app = make_app(companion_factory=llm_factory(reply), session_id="llm-session")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, timeout=60)
        assert "Language model" in notes_text(app)
        await send(pilot, "work has been a lot this week")
        bubble = app.query(AssistantMessage).last()
        assert bubble.streamed_tokens >= 2  # the draft arrived in pieces before the final reply
        assert companion_last_reply(app) == bubble.text
        assert "weighing on you" in bubble.text


async def test_unreachable_model_answers_offline_and_says_so() -> None:
    notes: list[str] = []
    app = make_app(companion_factory=llm_factory(ConnectionError("refused")))
    original = app.notify
    app.notify = lambda message, **kw: (notes.append(message), original(message, **kw))[1]  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, timeout=60)
        await send(pilot, "I had a rough day at school")
        bubble = app.query(AssistantMessage).last()
        assert bubble.final and len(bubble.text) > 20
        assert any("offline engine answered" in n for n in notes)
        assert "offline fallback" in str(bubble.query_one(".meta").render())
        assert app.composer.text == ""


def companion_last_reply(app: ConfideApp) -> str:
    assert app.companion is not None
    messages = app.companion.history(app.session_id)
    return str(messages[-1].content)


async def test_resuming_finishes_a_turn_interrupted_by_a_crash() -> None:
    from confide.companion import Companion

    crashed = Companion(load_settings(engine="offline"))
    events = crashed.stream("I lost my job today and I am scared", "crashed")
    for event in events:
        if event.kind == "node" and event.node == "screen":
            break  # the process "dies" after the first node
    events.close()  # type: ignore[attr-defined]
    # the user's message is saved without a reply (Companion.pending() may not see it: the
    # checkpoint has no next node when the run stopped right after one finished)
    assert crashed.history("crashed")[-1].type == "human"
    crashed.close()

    app = make_app(session_id="crashed")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, timeout=60)
        assert [u.text for u in app.query(UserMessage)] == ["I lost my job today and I am scared"]
        reply = app.query(AssistantMessage).last()
        assert reply.final and len(reply.text) > 20
        assert app.companion is not None and not app.companion.pending("crashed")
        assert [m.type for m in app.companion.history("crashed")] == ["human", "ai"]
        assert companion_last_reply(app) == reply.text


async def test_escape_stops_a_real_turn_and_the_message_is_answered_before_the_next() -> None:
    import threading

    from confide.companion import Companion
    from confide.testing import ScriptedChatModel

    gate = threading.Event()
    entered = threading.Event()

    def responder(messages: Any, schema: str | None) -> str | Exception:
        if schema is not None:
            return ConnectionError("no structured answers in this test")
        if not gate.is_set():
            entered.set()
            gate.wait(10)  # the model is "slow": the person presses Esc meanwhile
        return "That sounds like a lot to carry. What feels heaviest right now?"

    def factory(settings: Any) -> Companion:
        companion = Companion(settings, chat_model=ScriptedChatModel(responder=responder))
        companion.services.breaker_seconds = 0
        return companion

    app = make_app(companion_factory=factory, session_id="stop-me")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, timeout=60)
        await type_text(pilot, "my week was awful")
        await pilot.press("enter")
        for _ in range(500):
            if entered.is_set():
                break
            await pilot.pause(0.02)
        assert entered.is_set() and app.busy
        await pilot.press("escape")
        assert not app.busy  # the UI is free at once, while the model call is still running
        gate.set()
        await settle(pilot, timeout=60)
        await send(pilot, "and today too")
        texts = [
            (type(w).__name__, w.text)
            for w in app.transcript.children
            if isinstance(w, UserMessage | AssistantMessage)
        ]
        assert texts[0] == ("UserMessage", "my week was awful")
        # the stopped message is answered first, in its place, then the new one
        assert texts[-3][0] == "AssistantMessage" and "heaviest" in texts[-3][1]
        assert texts[-2] == ("UserMessage", "and today too")
        assert texts[-1][0] == "AssistantMessage" and texts[-1][1]
        assert app.companion is not None
        kinds = [m.type for m in app.companion.history("stop-me")]
        assert kinds == ["human", "ai", "human", "ai"]


async def test_plan_after_a_crisis_is_filled_from_the_conversation_editable_and_on_ctrl_g() -> None:
    from textual.widgets import Static, TextArea

    app = make_app(session_id="plan-session")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, timeout=60)
        await send(pilot, "I want to kill myself tonight. I have the pills right here")
        await send(pilot, "ok. I put the pills in the car and texted my brother")
        reply = app.query(AssistantMessage).last().text
        assert "your brother" in reply and "• 988" not in reply
        await type_text(pilot, "/plan")
        await pilot.press("enter")
        await settle(pilot, timeout=30)
        assert isinstance(app.screen, PlanScreen)
        shown = str(app.screen.query_one("#plan-text", Static).render())
        for number in range(1, 7):
            assert f"{number}. " in shown
        assert "My brother (from our conversation)" in shown
        assert "Put the pills in the car" in shown
        await pilot.press("e")  # edit from the plan screen
        await settle(pilot, timeout=30)
        assert isinstance(app.screen, PlanEditScreen)
        coping = app.screen.query_one("#plan-coping", TextArea)
        coping.text = "music\na hot shower"
        await pilot.press("ctrl+s")
        await settle(pilot, timeout=30)
        assert not isinstance(app.screen, PlanEditScreen)
        await pilot.press("ctrl+g")
        assert isinstance(app.screen, ResourcesScreen)
        plan_text = str(app.screen.query_one("#resources-plan", Static).render())
        assert "A hot shower" in plan_text and "My brother" in plan_text
        assert "988" in str(app.screen.query_one("#resources-text", Static).render())
        await pilot.press("escape")
        assert not isinstance(app.screen, ResourcesScreen)
