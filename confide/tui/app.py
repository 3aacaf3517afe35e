"""The Confide terminal app: a chat that shows what Confide understands, with help one key away.

The app talks to Confide only through the public :class:`confide.companion.Companion` API (see
:class:`confide.tui.backend.CompanionLike`). Turns run in a thread worker because
``Companion.stream`` is synchronous; their events come back as messages, so the UI stays
responsive while a reply is produced. Every error is caught at this boundary: the person is
told, their text goes back into the input box, and the app keeps running.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from enum import Enum
from pathlib import Path
from typing import Any, ClassVar, Final, TypeVar

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Click
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Footer, Static, TextArea
from textual.worker import Worker, get_current_worker

from confide.config import Settings
from confide.endpoint import OLLAMA_BASE_URL, Endpoint, detect_ollama, should_detect
from confide.errors import InputError
from confide.records import REPLY_NODES
from confide.tui import commands
from confide.tui.backend import (
    CompanionLike,
    SessionRow,
    TurnEventLike,
    crisis_resources,
    export_paths,
    make_companion,
    stored_plan_text,
    turn_records,
    unfinished_turn,
)
from confide.tui.model_picker import (
    ModelChoice,
    ModelPickerScreen,
    describe_current,
    find_endpoint,
)
from confide.tui.preferences import remembered_theme, save_preference
from confide.tui.screens import (
    ConfirmScreen,
    ExerciseScreen,
    PlanEditScreen,
    PlanScreen,
    PromptScreen,
    ResourcesScreen,
    SessionAction,
    SessionsScreen,
)
from confide.tui.widgets import (
    AssistantMessage,
    CommandHint,
    Composer,
    CrisisBanner,
    InsightPanel,
    SystemNote,
    Transcript,
    UserMessage,
    reply_markdown,
    risk_is_crisis,
)

log = logging.getLogger(__name__)
T = TypeVar("T")


class _Failed(Enum):
    """What :meth:`ConfideApp._call_or_report` returns when the call failed (and was reported)."""

    FAILED = "failed"


_FAILED: Final = _Failed.FAILED

DISCLOSURE = (
    "**Confide is an AI support companion, not a therapist, not a clinician and not a human.** "
    "It listens, reflects and helps you think things through, and it can be wrong. "
    "If you are in danger or might act on thoughts of ending your life, press **Ctrl+G** for "
    "crisis lines in your region ({region}) or call your local emergency number."
)
OFFLINE_NOTE = (
    "**Offline engine.** No language model is configured, so everything runs on this machine: "
    "Confide estimates your emotions and risk locally, picks a support strategy and composes "
    "its replies from a curated library of counselor moves, grounded in your own words. "
    "The safety checks run in full. It cannot reason about your situation or give advice the "
    "way a language model can. `/engine` shows how to connect one."
)
LLM_NOTE = "**Language model:** `{model}`. The safety checks run on every message and reply."

HELP_TEXT = """\
**Commands** (type `/` and press Tab or → to complete)

| command | what it does |
|---|---|
{rows}

**Keys**

| key | what it does |
|---|---|
| Enter | send the message |
| Ctrl+J | new line in the message |
| ↑ / ↓ | earlier messages you sent (on the first / last line) |
| Esc | stop the reply being written |
| Ctrl+G | get help now: crisis lines for your region, and your safety plan |
| Ctrl+O (or F2) | show or hide the insight panel |
| Ctrl+N | new session |
| Ctrl+L | choose the model (or the offline engine) |
| Ctrl+R | answer your last message again |
| Shift+Tab | move into the conversation; Tab / Shift+Tab go from message to message |
| c | copy the focused message |
| Ctrl+T | light or dark theme (remembered) |
| Ctrl+Q | quit (sessions are saved) |

To send a message that starts with a slash, type two: `//like this`."""

THEMES = {"dark": "textual-dark", "light": "textual-light"}


def new_session_id() -> str:
    """Make a fresh, sortable session id (same shape as ``Companion.new_session_id``)."""
    return time.strftime("%Y%m%d-%H%M%S") + "-" + uuid.uuid4().hex[:6]


OLLAMA_NOTE = (
    "**A local Ollama is running** at `{url}` with {models}. Confide stays on the offline "
    "engine until you choose: `/model` or **Ctrl+L** lists the models (the offline engine is "
    "always one of the choices)."
)


class OllamaFound(Message):
    """A local Ollama answered at startup (nothing else was configured)."""

    def __init__(self, endpoint: Endpoint) -> None:
        super().__init__()
        self.endpoint = endpoint


class CompanionReady(Message):
    """The companion was built in the background (or failed to build)."""

    def __init__(self, companion: CompanionLike | None, error: BaseException | None) -> None:
        super().__init__()
        self.companion = companion
        self.error = error


class TurnUpdate(Message):
    """One event of a running turn; ``phase`` is ``resume`` for an interrupted earlier turn."""

    def __init__(self, turn_id: int, phase: str, event: TurnEventLike) -> None:
        super().__init__()
        self.turn_id = turn_id
        self.phase = phase
        self.event = event


class TurnDone(Message):
    """A turn's worker finished: normally, stopped, or with an error."""

    def __init__(
        self, turn_id: int, *, error: BaseException | None, cancelled: bool, pending: bool
    ) -> None:
        super().__init__()
        self.turn_id = turn_id
        self.error = error
        self.cancelled = cancelled
        self.pending = pending


class _Turn:
    """UI bookkeeping of the turn in flight."""

    def __init__(self, turn_id: int, text: str, user: UserMessage | None, session_id: str):
        self.turn_id = turn_id
        self.text = text
        self.user = user
        self.session_id = session_id
        self.bubble: AssistantMessage | None = None
        self.phase = ""
        self.strategy: Mapping[str, Any] = {}
        self.meta: Mapping[str, Any] = {}
        self.recalled: list[Mapping[str, Any]] = []
        #: The emotion node's record, shown once the turn's risk is known (the strategy
        #: update carries it settled: confide.agents.emotion_panel.settle_record).
        self.emotion: Mapping[str, Any] | None = None
        self.replied = False
        #: The turn answers a message already saved in the session (no new message sent).
        self.resume_only = False
        #: The turn answers the last message again (``Companion.regenerate``).
        self.regenerate = False


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def reply_meta_line(strategy: Mapping[str, Any], meta: Mapping[str, Any]) -> str:
    """Describe a reply in one dim line: strategy, stage, anything unusual about it."""
    parts: list[str] = []
    if strategy.get("name"):
        parts.append(f"{strategy['name']} · {strategy.get('stage', '')}".strip(" ·"))
    policy = str(meta.get("policy", ""))
    if policy == "crisis":
        parts.append("crisis support")
    elif policy == "boundary":
        parts.append("boundary")
    if meta.get("guard"):
        parts.append("repaired by the safety guard")
    if meta.get("fallback"):
        parts.append("offline fallback (model unreachable)")
    return "  ·  ".join(parts)


class ConfideApp(App[int], inherit_bindings=False):
    """Chat with Confide; see what it understood; reach crisis help with one key.

    Textual's default app bindings are not inherited so that the footer lists "Get help now"
    first and Quit last.
    """

    CSS_PATH = str(Path(__file__).with_name("confide.tcss"))
    TITLE = "Confide"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+g", "get_help", "Get help now", priority=True),
        Binding("escape", "stop", "Stop reply", priority=False),
        Binding("ctrl+o", "toggle_panel", "Panel"),
        Binding("f2", "toggle_panel", "Panel", show=False),
        Binding("ctrl+n", "new_session", "New session"),
        Binding("ctrl+l", "pick_model", "Model"),
        Binding("ctrl+r", "regenerate", "Regenerate"),
        Binding("ctrl+t", "toggle_theme", "Theme"),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    busy: reactive[bool] = reactive(False, bindings=True)

    def __init__(
        self,
        settings: Settings,
        *,
        session_id: str | None = None,
        companion_factory: Callable[[Settings], CompanionLike] | None = None,
        reveal_seconds: float = 0.5,
        show_panel: bool | None = None,
        ollama_url: str | None = OLLAMA_BASE_URL,
        confirm_session: bool = False,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.session_id = session_id or new_session_id()
        self._resume_on_ready = session_id is not None
        #: Ask before starting when ``session_id`` names no stored session (``--session``).
        self._confirm_session = confirm_session
        self._factory = companion_factory or make_companion
        self.reveal_seconds = reveal_seconds
        self._show_panel = show_panel
        self.companion: CompanionLike | None = None
        self.startup_error: BaseException | None = None
        self._lock = threading.Lock()
        self._turn_seq = 0
        self._turn: _Turn | None = None
        self._queued: tuple[str, UserMessage | None] | None = None
        #: (session, text, bubble) of a message saved in the session that got no reply.
        self._unanswered: tuple[str, str, UserMessage | None] | None = None
        self.crisis = False
        #: Where to look for a local Ollama when nothing is configured (None: never look).
        self.ollama_url = ollama_url
        #: The local Ollama found at startup, offered by the model picker.
        self.detected: Endpoint | None = None
        theme = remembered_theme(settings.data_dir, settings.theme)
        self.theme = THEMES.get(theme, "textual-dark")

    # layout -------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        """Top bar, banner, transcript, status, input and hints; the panel on the right."""
        with Horizontal(id="main"):
            with Vertical(id="chat"):
                with Horizontal(id="topbar"):
                    yield Static(self._topbar_text(), id="topbar-title")
                    yield Static(Text(" Ctrl+G  Get help now "), id="help-now")
                yield CrisisBanner(id="crisis")
                yield Transcript(id="transcript")
                yield Static("", id="status")
                yield Composer(id="composer")
                yield CommandHint(id="hint")
            yield InsightPanel(id="panel")
        yield Footer()

    def _topbar_text(self) -> Text:
        out = Text(no_wrap=True, overflow="ellipsis")
        out.append("Confide", style="bold")
        out.append(" · ")
        if self.companion is not None:
            engine = self.companion.engine
            out.append("offline engine" if engine == "offline" else self.companion.model_name)
        else:
            out.append("starting…", style="dim italic")
        out.append(f" · session {self.session_id}", style="dim")
        return out

    def _refresh_topbar(self) -> None:
        self.query_one("#topbar-title", Static).update(self._topbar_text())

    @property
    def transcript(self) -> Transcript:
        """The conversation column."""
        return self.query_one(Transcript)

    @property
    def composer(self) -> Composer:
        """The input box."""
        return self.query_one(Composer)

    @property
    def panel(self) -> InsightPanel:
        """The insight panel."""
        return self.query_one(InsightPanel)

    def _status(self, text: str) -> None:
        self.query_one("#status", Static).update(Text(text, style="italic"))

    # startup ----------------------------------------------------------------------------
    def on_mount(self) -> None:
        """Show the disclosure and focus the input at once; build Confide in the background."""
        show = self._show_panel if self._show_panel is not None else self.size.width >= 110
        self.panel.display = show
        self.panel.session_id = self.session_id
        self.query_one(CrisisBanner).display = False
        self.query_one(CommandHint).display = False
        self._start_session_notes(engine=self.settings.resolved_engine)
        self.composer.focus()
        self._status("Starting Confide…")
        # after the first frame: the builder's imports would otherwise delay the first paint
        self.call_after_refresh(self._build_companion)
        if self.ollama_url and should_detect(self.settings.engine, self.settings.llm_configured):
            self._detect_ollama(self.ollama_url)

    @work(thread=True, group="detect", exit_on_error=False)
    def _detect_ollama(self, url: str) -> None:
        found = detect_ollama(url)
        if found is not None:
            self.post_message(OllamaFound(found))

    def on_ollama_found(self, message: OllamaFound) -> None:
        """Say that a local Ollama is there and how to use it; stay offline until asked."""
        self.detected = message.endpoint
        names = list(message.endpoint.models)
        shown = ", ".join(f"`{n}`" for n in names[:4]) + (" …" if len(names) > 4 else "")
        count = _count(len(names), "model")
        models = f"{count} ({shown})" if names else "no models pulled yet"
        self._note(OLLAMA_NOTE.format(url=message.endpoint.base_url, models=models), kind="engine")

    @work(thread=True, group="startup", exit_on_error=False)
    def _build_companion(self) -> None:
        try:
            companion = self._factory(self.settings)
        except Exception as exc:  # UI boundary: report, keep the app (and the input) alive
            log.exception("could not start the companion")
            self.post_message(CompanionReady(None, exc))
            return
        self.post_message(CompanionReady(companion, None))

    async def on_companion_ready(self, message: CompanionReady) -> None:
        """Confide is ready: resume the session if asked, then send what was typed meanwhile."""
        self._status("")
        if message.companion is None:
            self.startup_error = message.error
            self._note(
                f"Confide could not start: {message.error}. Your messages stay in the input "
                "box. Ctrl+G still shows crisis resources.",
                kind="warning",
            )
            self.notify(f"Confide could not start: {message.error}", severity="error")
            if self._queued is not None:
                text, bubble = self._queued
                self._queued = None
                if bubble is not None:
                    await bubble.remove()
                self._restore_input(text)
            return
        self.companion = message.companion
        memory_note = getattr(self.companion, "memory_note", None)
        if memory_note:  # told once, at start: never run silently without memory
            self._note(str(memory_note), kind="warning")
            self.notify(str(memory_note), severity="warning")
        self._refresh_topbar()
        if self.companion.engine != self.settings.resolved_engine:
            self._engine_note(self.companion.engine)
        if self._resume_on_ready:
            self._resume_on_ready = False
            self._load_session(self.session_id, check=self._confirm_session)
            return
        self._send_queued()

    def _send_queued(self) -> None:
        if self._queued is not None:
            text, bubble = self._queued
            self._queued = None
            self._start_turn(text, bubble)

    def _start_session_notes(self, engine: str) -> None:
        self._note(DISCLOSURE.format(region=self.settings.region), kind="disclosure")
        self._engine_note(engine)

    def _engine_note(self, engine: str) -> None:
        if engine == "offline":
            self._note(OFFLINE_NOTE, kind="engine")
        else:
            model = self.companion.model_name if self.companion else self.settings.model
            self._note(LLM_NOTE.format(model=model), kind="engine")

    def _note(self, markdown: str, kind: str = "info") -> SystemNote:
        note = SystemNote(markdown, kind=kind)
        self.transcript.mount(note)
        return note

    # input ------------------------------------------------------------------------------
    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        """Show matching slash commands under the input."""
        if isinstance(event.text_area, Composer):
            self.query_one(CommandHint).show_for(event.text_area.text)

    async def on_composer_submitted(self, event: Composer.Submitted) -> None:
        """Enter: run a command, or send the message (never losing it)."""
        text = event.text
        if commands.is_command(text):
            self.composer.remember(text.strip())
            self.composer.text = ""
            await self.run_command(text)
            return
        if self.busy:
            self.notify(
                "Confide is still replying. Esc stops the reply; your text stays here.",
                severity="warning",
            )
            return
        text = commands.unescape(text)
        self.composer.remember(text)
        self.composer.text = ""
        unanswered = self._unanswered
        if (
            unanswered is not None
            and unanswered[0] == self.session_id
            and unanswered[1].strip() == text.strip()
        ):
            # the same message is already saved in the session: answer it, do not send it twice
            self._unanswered = None
            self._start_turn(text, unanswered[2], resume_only=True)
            return
        bubble: UserMessage | None = None
        if text.strip():
            bubble = UserMessage(text)
            await self.transcript.mount(bubble)
        if self.companion is None:
            if self.startup_error is not None:
                if bubble is not None:
                    await bubble.remove()
                self._restore_input(text)
                self.notify(f"Confide could not start: {self.startup_error}", severity="error")
                return
            self._queued = (text, bubble)
            self._status("Starting Confide… your message will be sent in a moment.")
            return
        self._start_turn(text, bubble)

    def _restore_input(self, text: str) -> None:
        """Put a message back into the input box, ahead of anything typed since."""
        current = self.composer.text
        self.composer.text = text if not current.strip() else f"{text}\n{current}"
        self.composer.move_cursor(self.composer.document.end)
        self.composer.focus()

    # turns ------------------------------------------------------------------------------
    def _start_turn(
        self,
        text: str,
        bubble: UserMessage | None,
        *,
        resume_only: bool = False,
        regenerate: bool = False,
    ) -> None:
        self._turn_seq += 1
        self._turn = _Turn(self._turn_seq, text, bubble, self.session_id)
        self._turn.resume_only = resume_only or regenerate
        self._turn.regenerate = regenerate
        self.busy = True
        self._status("Confide is replying…  Esc stops")
        self._turn_worker(
            self._turn_seq, None if resume_only else text, self.session_id, regenerate
        )

    @work(thread=True, group="turn", exit_on_error=False)
    def _turn_worker(
        self, turn_id: int, text: str | None, session_id: str, regenerate: bool = False
    ) -> None:
        worker = get_current_worker()
        companion = self.companion
        if companion is None:
            return
        error: BaseException | None = None
        cancelled = False
        pending = False
        with self._lock:
            try:
                was_pending = unfinished_turn(companion, session_id)
                if regenerate:
                    # an unfinished last turn is simply finished; a finished one is redone
                    events = (
                        companion.stream(None, session_id)
                        if was_pending
                        else companion.regenerate(session_id)
                    )
                    cancelled = self._pump(worker, turn_id, "turn", events)
                    text, was_pending = None, False
                elif text is not None and was_pending:
                    # an interrupted earlier turn is answered first, in its own bubble
                    cancelled = self._pump(
                        worker, turn_id, "resume", companion.stream(None, session_id)
                    )
                if not cancelled and (text is not None or was_pending):
                    events = companion.stream(text, session_id)
                    cancelled = self._pump(worker, turn_id, "turn", events)
            except Exception as exc:  # UI boundary: the app reports it and restores the text
                if not isinstance(exc, InputError):
                    log.exception("turn failed")
                error = exc
            try:
                pending = unfinished_turn(companion, session_id)
            except Exception as exc:  # reading the state back failed: assume nothing saved
                log.warning("could not read the session state: %s", exc)
        self.post_message(TurnDone(turn_id, error=error, cancelled=cancelled, pending=pending))

    def _pump(
        self, worker: Worker[None], turn_id: int, phase: str, events: Iterator[TurnEventLike]
    ) -> bool:
        """Forward a turn's events to the UI; True when the person stopped it."""
        try:
            for event in events:
                self.post_message(TurnUpdate(turn_id, phase, event))
                if worker.is_cancelled:
                    return True
        finally:
            close = getattr(events, "close", None)
            if callable(close):
                close()
        return worker.is_cancelled

    async def on_turn_update(self, message: TurnUpdate) -> None:
        """Stream tokens into the reply, feed the panel, show the final guarded reply."""
        turn = self._turn
        if turn is None or message.turn_id != turn.turn_id:
            return  # a stopped turn's late events
        event = message.event
        if event.kind == "node":
            self._on_node(turn, event.node, event.data)
            return
        bubble = await self._bubble_for(turn, message.phase)
        if event.kind == "token":
            await bubble.add_token(event.text)
        elif event.kind == "reply":
            await bubble.set_final(event.text, self.reveal_seconds)
            bubble.set_meta(reply_meta_line(turn.strategy, turn.meta))
            if message.phase == "turn":
                turn.replied = True

    async def _bubble_for(self, turn: _Turn, phase: str) -> AssistantMessage:
        if turn.bubble is not None and turn.phase == phase and not turn.bubble.final:
            return turn.bubble
        bubble = AssistantMessage()
        placed = turn.user is not None and turn.user.parent is not None
        if phase == "resume" and placed:
            # an interrupted earlier turn: its reply goes above the new message
            await self.transcript.mount(bubble, before=turn.user)
        elif turn.resume_only and placed:
            # answering a saved message: the reply goes right below it
            await self.transcript.mount(bubble, after=turn.user)
        else:
            await self.transcript.mount(bubble)
        turn.bubble, turn.phase = bubble, phase
        return bubble

    def _on_node(self, turn: _Turn, node: str, data: Mapping[str, Any]) -> None:
        try:
            self._show_node(turn, node, data)
        except Exception as exc:  # UI boundary: an odd record must not end the conversation
            log.exception("showing the %s update failed", node)
            self.notify(f"Could not show the {node} analysis: {exc}", severity="warning")
            if node == "risk":  # fail closed: when in doubt about risk, show the resources
                self.show_crisis()

    def _show_node(self, turn: _Turn, node: str, data: Mapping[str, Any]) -> None:
        panel = self.panel
        if node == "emotion" and data.get("emotion"):
            # not shown yet: the emotion node runs beside the risk node, and the panel never
            # shows a positive emotion for a turn at risk (settled in the strategy update)
            turn.emotion = data["emotion"]
        elif node == "risk" and data.get("risk"):
            panel.show_risk(data["risk"])
            if risk_is_crisis(data["risk"]):
                self.show_crisis()
        elif node == "strategy" and data.get("strategy"):
            turn.strategy = data["strategy"]
            panel.show_strategy(data["strategy"])
            record = data.get("emotion") or turn.emotion
            if record:
                panel.show_emotion(record)
                turn.emotion = None
        elif node == "recall":
            turn.recalled = list(data.get("recalled") or [])
            panel.show_recall(turn.recalled)
        elif node in REPLY_NODES and data.get("reply_meta"):
            meta = turn.meta = data["reply_meta"]
            panel.show_recall(turn.recalled, self._provenance(meta))
            if turn.bubble is not None:
                turn.bubble.set_meta(reply_meta_line(turn.strategy, meta))
            if meta.get("fallback"):
                self.notify(
                    "The language model could not be reached; the offline engine answered "
                    "this time.",
                    severity="warning",
                )

    @staticmethod
    def _provenance(meta: Mapping[str, Any]) -> str:
        engine = str(meta.get("engine", ""))
        model = str(meta.get("model", ""))
        policy = str(meta.get("policy", ""))
        who = "offline engine" if engine == "offline" else f"{engine} ({model})"
        return f"reply by the {who}, policy: {policy}"

    async def on_turn_done(self, message: TurnDone) -> None:
        """Finish the turn's UI: stopped, failed (text restored) or done."""
        turn = self._turn
        if turn is None or message.turn_id != turn.turn_id:
            if message.cancelled and message.pending:
                self.notify(
                    "Your stopped message is saved; Confide will answer it before your next one."
                )
            return
        self._turn = None
        self.busy = False
        self._status("")
        error = message.error
        if turn.regenerate and error is not None:
            # the store is the truth after a failed regeneration: show the session from it
            self.notify(
                f"Could not answer again: {error}",
                severity="warning" if isinstance(error, InputError) else "error",
            )
            await self._switch_to(self.session_id)
            self._load_session(self.session_id)
            return
        if isinstance(error, InputError):
            if turn.user is not None:
                await turn.user.remove()
            self._restore_input(turn.text)
            self.notify(str(error), title="Not sent", severity="warning")
            return
        if error is not None:
            if turn.bubble is not None and not turn.bubble.final:
                await turn.bubble.stop("Confide could not finish this reply.")
            if message.pending:
                self._unanswered = (turn.session_id, turn.text, turn.user)
            elif turn.user is not None and not turn.replied:
                await turn.user.remove()
            if not turn.replied:
                self._restore_input(turn.text)
            self.notify(
                f"Something went wrong ({type(error).__name__}: {error}). "
                "Your message is back in the input box: press Enter to try again.",
                title="Confide",
                severity="error",
                timeout=10,
            )
            return
        if not turn.replied and turn.bubble is not None and not turn.bubble.final:
            await turn.bubble.stop("No reply was produced.")
        self._send_queued()  # a message typed while an interrupted turn was being finished

    def action_stop(self) -> None:
        """Esc: stop the reply being written, or finish revealing it."""
        for bubble in self.query(AssistantMessage):
            if bubble.revealing:
                bubble.finish_reveal()
        turn = self._turn
        if turn is None:
            return
        for worker in self.workers:
            if worker.group == "turn" and not worker.is_finished:
                worker.cancel()
        self._turn = None
        self.busy = False
        self._status("")
        if turn.bubble is not None and not turn.bubble.final:
            self.call_next(turn.bubble.stop, "Stopped.")
        else:
            self._note("*Stopped.*", kind="info")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Esc appears in the footer only while a reply is being written."""
        if action == "stop":
            return self.busy or any(b.revealing for b in self.query(AssistantMessage))
        return True

    # crisis -----------------------------------------------------------------------------
    def show_crisis(self) -> None:
        """High or imminent risk: banner and panel show the resources; the chat stays open."""
        resources = crisis_resources(self.settings.region)
        self.crisis = True
        self.query_one(CrisisBanner).show_resources(resources)
        self.panel.show_resources(resources)

    def action_get_help(self) -> None:
        """Ctrl+G: crisis resources for the person's region, over the open chat."""
        if isinstance(self.screen, ResourcesScreen):
            return
        self.push_screen(
            ResourcesScreen(
                self.settings.region,
                crisis_resources(self.settings.region),
                stored_plan_text(self.settings),
            )
        )

    def on_click(self, event: Click) -> None:
        """Open the resources when the top bar's 'Get help now' label is clicked."""
        if event.widget is not None and event.widget.id == "help-now":
            self.action_get_help()

    # panel and theme --------------------------------------------------------------------
    def action_toggle_panel(self) -> None:
        """Show or hide the insight panel."""
        self.panel.display = not self.panel.display

    def action_toggle_theme(self) -> None:
        """Switch between the light and the dark theme, and remember it for the next run."""
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"
        name = "light" if self.theme == "textual-light" else "dark"
        if not save_preference(self.settings.data_dir, "theme", name):
            self.notify("The theme could not be saved for the next run.", severity="warning")

    # copy, regenerate, model ------------------------------------------------------------
    def action_copy_message(self) -> None:
        """Copy the focused message, or else Confide's last reply, to the clipboard."""
        focused = self.focused
        target: UserMessage | AssistantMessage | None = None
        if isinstance(focused, (UserMessage, AssistantMessage)):
            target = focused
        else:
            replies = [b for b in self.query(AssistantMessage) if b.final and b.text]
            target = replies[-1] if replies else None
        if target is None or not target.text.strip():
            self.notify("There is no message to copy yet.")
            return
        self.copy_to_clipboard(target.text)
        who = "your message" if isinstance(target, UserMessage) else "Confide's reply"
        self.notify(f"Copied {who} ({_count(len(target.text), 'character')}).")

    def action_regenerate(self) -> None:
        """Ctrl+R: answer the last message again; the earlier reply is replaced."""
        if self._need_companion("answering again") is None:
            return
        replies = list(self.query(AssistantMessage))
        users = list(self.query(UserMessage))
        if not replies or not users or not replies[-1].final:
            self.notify("There is no reply to answer again yet.")
            return
        last, user = replies[-1], users[-1]
        self.call_next(self._regenerate, last, user)

    async def _regenerate(self, last: AssistantMessage, user: UserMessage) -> None:
        await last.remove()
        self._start_turn(user.text, user, regenerate=True)

    def action_pick_model(self) -> None:
        """Ctrl+L: choose the model of the endpoint, or the offline engine."""
        self._pick_model()

    @work(group="command", exclusive=True, exit_on_error=False)
    async def _pick_model(self) -> None:
        if self._need_companion("choosing a model") is None:
            return
        self._status("Asking the endpoint for its models…")
        settings, detected = self.settings, self.detected
        if detected is not None and not settings.llm_configured:
            endpoint: Endpoint | None = detected
            error = ""
        else:
            probe = self.ollama_url if should_detect("auto", settings.llm_configured) else None
            endpoint, error = await asyncio.to_thread(find_endpoint, settings, probe)
        self._status("")
        companion = self.companion
        engine = companion.engine if companion else settings.resolved_engine
        model = companion.model_name if companion else settings.model

        def chosen(choice: ModelChoice | None) -> None:
            if choice is None:
                return
            if choice.engine == engine and (engine == "offline" or choice.model == model):
                self.notify(f"Already answering with {describe_current(engine, model)}.")
                return
            self._switch_model(choice)

        self.push_screen(ModelPickerScreen(endpoint, error, engine, model), chosen)

    @work(group="command", exclusive=True, exit_on_error=False)
    async def _switch_model(self, choice: ModelChoice) -> None:
        """Rebuild Confide with the chosen model; the session and its history stay."""
        if self.busy:
            self.notify("Wait for the reply (or press Esc) before changing the model.")
            return
        settings = choice.settings_for(self.settings)
        self._status("Switching the model…")
        try:
            fresh = await asyncio.to_thread(self._factory, settings)
        except Exception as exc:  # UI boundary: keep the current companion
            log.exception("switching the model failed")
            self._status("")
            self.notify(f"Could not switch the model: {exc}", severity="error")
            return
        old = self.companion
        self.companion, self.settings = fresh, settings
        if old is not None:
            await self._call(old.close)
        self._status("")
        self._refresh_topbar()
        self._engine_note(fresh.engine)
        self.notify(f"Now answering with {describe_current(fresh.engine, fresh.model_name)}.")

    # sessions ---------------------------------------------------------------------------
    async def action_new_session(self) -> None:
        """Start a fresh session (the current one stays saved)."""
        if self.busy:
            self.notify("Wait for the reply (or press Esc) before starting a new session.")
            return
        companion, previous = self.companion, self.session_id
        if companion is not None:
            # the finished session's summary lets a later session recall it
            await self._call(lambda: companion.end_session(previous))
        await self._switch_to(companion.new_session_id() if companion else new_session_id())
        self.notify("New session started.")

    async def _switch_to(self, session_id: str) -> None:
        self.session_id = session_id
        self._unanswered = None
        self.crisis = False
        await self.transcript.remove_children()
        self.panel.reset()
        self.panel.session_id = session_id
        self.query_one(CrisisBanner).display = False
        self._refresh_topbar()
        engine = self.companion.engine if self.companion else self.settings.resolved_engine
        self._start_session_notes(engine)

    async def _call(self, fn: Callable[[], T]) -> T:
        """Run a blocking companion call in a thread, one companion call at a time."""

        def locked() -> T:
            with self._lock:
                return fn()

        return await asyncio.to_thread(locked)

    async def _call_or_report(self, fn: Callable[[], T], failed: str, say: str) -> T | _Failed:
        """:meth:`_call`; a failure is reported and :data:`_FAILED` returned (the caller stops).

        The failure is logged as ``failed`` and told as ``say: <error>`` (UI boundary).
        """
        try:
            return await self._call(fn)
        except Exception as exc:  # UI boundary
            log.exception(failed)
            self.notify(f"{say}: {exc}", severity="error")
            return _FAILED

    def _need_companion(self, what: str) -> CompanionLike | None:
        if self.companion is None:
            self.notify(f"Confide is still starting; try {what} again in a moment.")
        elif self.busy:
            self.notify(f"Wait for the reply (or press Esc) before {what}.")
            return None
        return self.companion

    @work(group="load", exclusive=True, exit_on_error=False)
    async def _load_session(self, session_id: str, check: bool = False) -> None:
        companion = self.companion
        if companion is None:
            return
        try:
            history, turn_log, pending, exists = await self._call(
                lambda: (
                    companion.history(session_id),
                    companion.turn_log(session_id),
                    unfinished_turn(companion, session_id),
                    not check or companion.has_session(session_id),
                )
            )
        except Exception as exc:  # UI boundary
            log.exception("loading session failed")
            self.notify(f"Could not load session {session_id}: {exc}", severity="error")
            self._send_queued()
            return
        if session_id != self.session_id:
            return
        if not exists:
            self._unknown_session(session_id)
            return
        try:
            last_user = await self._render_history(history, turn_log)
        except Exception as exc:  # UI boundary: a transcript that cannot be shown
            log.exception("showing session %s failed", session_id)
            self.notify(f"Could not show session {session_id}: {exc}", severity="error")
            last_user = None
        if history:
            self.transcript.call_after_refresh(self.transcript.scroll_end, animate=False)
        if pending:
            text = last_user.text if last_user is not None else ""
            self._start_turn(text, last_user, resume_only=True)
            self.notify("Finishing the reply that was interrupted last time.")
            return
        self._send_queued()

    def _unknown_session(self, session_id: str) -> None:
        """``--session`` named no stored session: ask what to do (a new session is the default)."""

        async def answered(show_list: bool | None) -> None:
            if show_list:
                self._sessions()
            self._send_queued()

        self.push_screen(
            ConfirmScreen(
                f"No session {session_id!r}",
                "There is no saved session with this id (a typo?). You can start a new "
                "session with this id, or look through your saved sessions.",
                "Show my sessions",
                cancel_label="Start a new session",
                confirm_variant="default",
            ),
            answered,
        )
        self.notify(f"No saved session {session_id!r}.", severity="warning")

    async def _render_history(
        self, history: list[Any], turn_log: list[dict[str, Any]]
    ) -> UserMessage | None:
        """Show a stored session; return its last user message's widget."""
        # a message typed while the session loaded stays below the history
        anchor = self._queued[1] if self._queued is not None else None
        before = anchor if anchor is not None and anchor.parent is not None else None
        last_user: UserMessage | None = None
        replies = iter(turn_log)
        widgets: list[Any] = []
        for msg in history:
            kind = getattr(msg, "type", "")
            content = msg.content if isinstance(msg.content, str) else str(msg.content)
            if kind == "human":
                last_user = UserMessage(content)
                widgets.append(last_user)
                self.composer.remember(content)
            elif kind == "ai":
                bubble = AssistantMessage()
                bubble.final = True
                bubble.text = content
                info = next(replies, {})
                widgets.append((bubble, content, info))
        for item in widgets:
            if isinstance(item, tuple):
                bubble, content, info = item
                await self.transcript.mount(bubble, before=before)
                await bubble.body.update(reply_markdown(content))
                bubble.set_meta(
                    reply_meta_line(info.get("strategy") or {}, info.get("reply_meta") or {})
                )
            else:
                await self.transcript.mount(item, before=before)
        if history:
            await self.transcript.mount(
                SystemNote(f"Resumed session `{self.session_id}`.", kind="info"), before=before
            )
        self.panel.set_trajectory(turn_records(turn_log, "emotion"))
        if turn_log:
            last = turn_log[-1]
            if last.get("risk"):
                self.panel.show_risk(last["risk"])
            if last.get("strategy"):
                self.panel.show_strategy(last["strategy"])
            self.panel.show_recall(
                list(last.get("recalled") or []),
                self._provenance(last["reply_meta"]) if last.get("reply_meta") else "",
            )
            if any(risk_is_crisis(r) for r in turn_records(turn_log, "risk")[-3:]):
                self.show_crisis()
        return last_user

    @work(group="command", exclusive=True, exit_on_error=False)
    async def _sessions(self, query: str = "") -> None:
        """The session list: search, resume, rename (r) or delete (d)."""
        companion = self._need_companion("listing sessions")
        if companion is None:
            return
        rows = await self._call_or_report(
            companion.sessions, "listing sessions failed", "Could not list sessions"
        )
        if rows is _FAILED:
            return

        async def search(words: str) -> Sequence[SessionRow]:
            return await self._call(lambda: companion.search_sessions(words))

        async def chosen(action: SessionAction | None) -> None:
            if action is None:
                return
            if action.kind == "rename":
                self._rename(action.session_id, "", action.title, reopen=True)
            elif action.kind == "delete":
                self._delete(action.session_id, reopen=True)
            elif action.session_id != self.session_id and not self.busy:
                await self._switch_to(action.session_id)
                self._load_session(action.session_id)

        self.push_screen(SessionsScreen(rows, self.session_id, search=search, query=query), chosen)

    def _rename(
        self, session_id: str, title: str, current: str = "", *, reopen: bool = False
    ) -> None:
        """Name a session: at once with ``/rename a name``, else ask for the name."""
        if title.strip():
            self._do_rename(session_id, title, reopen)
            return

        def named(value: str | None) -> None:
            if value is not None and value.strip():
                self._do_rename(session_id, value, reopen)
            elif reopen:
                self._sessions()

        self.push_screen(
            PromptScreen(f"Name the session {session_id}", current, "e.g. the talk about work"),
            named,
        )

    @work(group="command", exclusive=True, exit_on_error=False)
    async def _do_rename(self, session_id: str, title: str, reopen: bool) -> None:
        companion = self._need_companion("renaming a session")
        if companion is None:
            return
        stored = await self._call_or_report(
            lambda: companion.rename_session(session_id, title),
            "renaming failed",
            "Could not rename the session",
        )
        if stored is _FAILED:
            return
        self.notify(f"Session {session_id} is now called “{stored}”.")
        if reopen:
            self._sessions()

    def _delete(self, session_id: str, *, reopen: bool = False) -> None:
        """Delete one session after a confirmation (the safe answer has the focus)."""
        if self._need_companion("deleting a session") is None:
            return
        this = " (the one open now)" if session_id == self.session_id else ""

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self._do_delete(session_id, reopen)
            else:
                self.notify("Nothing was deleted.")
                if reopen:
                    self._sessions()

        self.push_screen(
            ConfirmScreen(
                "Delete this session?",
                f"This deletes session {session_id}{this}: its messages and what Confide "
                "remembered from it. Your other sessions and your safety plan stay. It cannot "
                "be undone.",
                "Delete the session",
            ),
            answered,
        )

    @work(group="command", exclusive=True, exit_on_error=False)
    async def _do_delete(self, session_id: str, reopen: bool) -> None:
        companion = self.companion
        if companion is None:
            return
        try:
            existed = await self._call(lambda: companion.has_session(session_id))
            if existed:
                await self._call(lambda: companion.delete_session(session_id))
        except Exception as exc:  # UI boundary
            log.exception("deleting a session failed")
            self.notify(f"Could not delete the session: {exc}", severity="error")
            return
        if not existed:
            self.notify("This session has no saved messages yet; nothing was deleted.")
            return
        if session_id == self.session_id:
            await self._switch_to(companion.new_session_id())
        self.notify(f"Deleted session {session_id}.", title="Deleted")
        if reopen:
            self._sessions()

    @work(group="command", exclusive=True, exit_on_error=False)
    async def _plan(self, edit: bool = False) -> None:
        """``/plan``: show the safety plan (with this session's suggestions); ``/plan edit``."""
        companion = self._need_companion("opening your safety plan")
        if companion is None:
            return
        session_id = self.session_id
        text = await self._call_or_report(
            lambda: companion.safety_plan_text(session_id),
            "safety plan failed",
            "Could not open the safety plan",
        )
        if text is _FAILED:
            return

        def shown(wants_edit: bool | None) -> None:
            if wants_edit:
                self._plan(edit=True)

        if not edit:
            self.push_screen(PlanScreen(text), shown)
            return
        from confide.safety.safety_plan import PLAN_STEPS
        from confide.safety.texts_flow import flow_text

        plan = await self._call(lambda: companion.safety_plan(session_id))
        steps = [
            (
                step,
                flow_text(f"plan_step_{step}"),
                flow_text(f"plan_ask_{step}"),
                [item.text for item in plan.steps.get(step, [])],
            )
            for step in PLAN_STEPS
        ]

        async def edited(result: dict[str, list[str]] | None) -> None:
            if result is None:
                self.notify("The safety plan was not changed.")
                return
            for step, lines in result.items():
                kept = {i.text: i for i in plan.steps.get(step, [])}
                plan.replace(step, lines)
                # items the person kept as they were keep their origin
                plan.steps[step] = [kept.get(i.text, i) for i in plan.steps[step]]
            saved = await self._call_or_report(
                lambda: companion.save_safety_plan(plan),
                "saving the safety plan failed",
                "Could not save the safety plan",
            )
            if saved is _FAILED:
                return
            self.notify("Your safety plan is saved. Ctrl+G shows it with the crisis lines.")

        self.push_screen(PlanEditScreen(steps), edited)

    @work(group="command", exclusive=True, exit_on_error=False)
    async def _export(self) -> None:
        companion = self._need_companion("exporting")
        if companion is None:
            return
        session_id = self.session_id
        user_id = str(getattr(companion, "user_id", self.settings.user_id))
        md_path, json_path = export_paths(self.settings.data_dir, session_id, user_id)

        def write() -> int:
            from confide.privacy import write_private

            markdown = companion.export(session_id, "markdown")
            doc = companion.export(session_id, "json")
            turns = len(json.loads(doc).get("turns", []))
            if turns:
                write_private(md_path, markdown)
                write_private(json_path, doc)
            return turns

        turns = await self._call_or_report(write, "export failed", "Export failed")
        if turns is _FAILED:
            return
        if not turns:
            self.notify("Nothing to export yet: this session has no completed turns.")
            return
        self._note(
            f"Exported {turns} turn{'s' if turns != 1 else ''} of this session:\n\n"
            f"- Markdown: `{md_path}`\n- JSON with the per-turn analysis: `{json_path}`"
        )
        self.notify(f"Exported to {md_path.parent}", title="Export")

    def _forget(self) -> None:
        if self._need_companion("erasing your data") is None:
            return

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self._do_forget()
            else:
                self.notify("Nothing was erased.")

        self.push_screen(
            ConfirmScreen(
                "Erase all your data?",
                "This deletes every conversation, every memory, your safety audit entries "
                "and your exports stored by Confide on this machine. It cannot be undone.",
                "Erase everything",
            ),
            answered,
        )

    @work(group="command", exclusive=True, exit_on_error=False)
    async def _do_forget(self) -> None:
        companion = self.companion
        if companion is None:
            return
        counts = await self._call_or_report(companion.forget, "forget failed", "Erasing failed")
        if counts is _FAILED:
            return
        self.composer.sent.clear()
        await self._switch_to(companion.new_session_id())
        summary = (
            f"Erased {_count(counts.get('sessions', 0), 'session')}, "
            f"{_count(counts.get('memories', 0), 'memory', 'memories')}, "
            f"{_count(counts.get('audit_events', 0), 'audit entry', 'audit entries')} and "
            f"{_count(counts.get('exports', 0), 'export file')}."
        )
        self._note(summary)
        self.notify(summary, title="Erased")

    # commands ---------------------------------------------------------------------------
    async def run_command(self, text: str) -> None:
        """Run a slash command typed into the input."""
        typed, args = commands.parse(text)
        # an unambiguous prefix runs: /ses -> /sessions; aliases too: /retry -> /regenerate
        name = commands.resolve(typed) or typed
        if name == "/help":
            rows = "\n".join(f"| `{c.name}` | {c.help} |" for c in commands.COMMANDS)
            self._note(HELP_TEXT.format(rows=rows))
        elif name == "/resources":
            self.action_get_help()
        elif name == "/engine":
            self._note(self._engine_text())
        elif name == "/new":
            await self.action_new_session()
        elif name in ("/sessions", "/search"):
            self._sessions(args)
        elif name == "/rename":
            self._rename(self.session_id, args)
        elif name == "/delete":
            self._delete(self.session_id)
        elif name == "/regenerate":
            self.action_regenerate()
        elif name == "/copy":
            self.action_copy_message()
        elif name == "/model":
            self.action_pick_model()
        elif name == "/ground":
            self._ground(args)
        elif name == "/export":
            self._export()
        elif name == "/plan":
            self._plan(edit=args.strip().lower() == "edit")
        elif name == "/forget":
            self._forget()
        elif name == "/theme":
            self.action_toggle_theme()
        elif name == "/quit":
            self.exit(0)
        else:
            self._restore_input(text)
            self.notify(f"Unknown command {typed}. /help lists the commands.", severity="warning")

    def _ground(self, name: str = "") -> None:
        """``/ground [name]``: a guided exercise, step by step, over the open chat."""
        from confide.safety.exercises import get_exercise

        exercise = get_exercise(name) if name.strip() else None
        if name.strip() and exercise is None:
            self.notify(
                f"No exercise called {name.strip()!r}: breathing, grounding, urge or sleep.",
                severity="warning",
            )
        if isinstance(self.screen, ExerciseScreen):
            return

        def finished(done: str | None) -> None:
            if done:
                self._note(f"*You finished the {done} exercise. How are you feeling now?*")

        self.push_screen(ExerciseScreen(exercise), finished)

    def _engine_text(self) -> str:
        s = self.settings
        if self.companion is None:
            return f"Confide is still starting (engine setting: `{s.engine}`)."
        engine = self.companion.engine
        lines = [f"**Engine:** `{engine}` · **model:** `{self.companion.model_name}`"]
        if engine == "llm":
            lines.append(f"Endpoint: `{s.base_url or 'OpenAI default'}` · mode: `{s.mode}`")
        else:
            lines.append(
                "To use a language model, set `OPENAI_BASE_URL` (any OpenAI-compatible "
                "server: Ollama, vLLM, LM Studio, llama.cpp) and/or `OPENAI_API_KEY`, and "
                "`CONFIDE_MODEL`; or put `base_url` and `model` in the config file."
            )
        lines.append(f"Region for crisis resources: `{s.region}` · data: `{s.data_dir}`")
        lines.append(f"Risk screen: reviewed rules + learned model, {self.companion.safety_status}")
        return "\n\n".join(lines)

    # shutdown ---------------------------------------------------------------------------
    @property
    def turn_in_progress(self) -> bool:
        """True while a worker thread is inside the companion (a turn or a command)."""
        return self._lock.locked()

    def close_companion(self, timeout: float = 5.0) -> None:
        """Release the stores (after the app has exited); never blocks for long."""
        if self.companion is None:
            return
        if not self._lock.acquire(timeout=timeout):
            log.warning("a turn is still running; the stores close when the process exits")
            return
        try:
            try:
                self.companion.end_session(self.session_id)
            finally:
                self.companion.close()
        finally:
            self._lock.release()


def run_app(settings: Settings, session_id: str | None = None) -> int:
    """Run the terminal app (``confide chat``); returns the process exit code."""
    app = ConfideApp(settings, session_id=session_id, confirm_session=session_id is not None)
    try:
        result = app.run()
        if app.turn_in_progress:
            print("confide: stopping the reply in progress before exiting…", file=sys.stderr)
    finally:
        try:
            app.close_companion()
        except Exception as exc:  # closing after a crash is best effort; never a traceback
            log.debug("closing the companion: %s", exc)
    if result is not None:
        return int(result)
    return int(app.return_code or 0)
