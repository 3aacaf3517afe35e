"""The high-level public API: one user's companion with sessions, streaming and erasure.

The terminal app, the CLI's plain mode and embedding apps use this class; it only uses the
public graph API (:func:`confide.build_graph`, the graph's stream), never graph internals.
"""

from __future__ import annotations

import json
import logging
import shutil
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, cast

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from langchain_core.runnables import RunnableConfig

from confide.backends import delete_threads, list_threads, open_checkpointer
from confide.config import Settings, load_settings
from confide.context import Context
from confide.engine import EscalationHook, Services, make_chat_model
from confide.errors import InputError
from confide.graph.builder import NODES, build_graph_from_services
from confide.locks import session_lock
from confide.privacy import (
    exports_dir,
    secure_dir,
    secure_tree,
    thread_prefix,
    validate_user_id,
)
from confide.records import REPLY_NODES
from confide.safety.audit import AuditLog
from confide.safety.failsafe import failsafe_reply
from confide.safety.streaming import PREVIEW_EVENT
from confide.sanitize import sanitize_text
from confide.state import InputState

if TYPE_CHECKING:
    from confide.safety.safety_plan import PlanStore, SafetyPlan
    from confide.sessions import SessionMatch

log = logging.getLogger(__name__)

#: Longest accepted message; longer input gets a clear error and stays in the input box.
MAX_MESSAGE_CHARS = 20_000


def clean_message(text: str) -> str:
    """Validate one user message: sanitised (:mod:`confide.sanitize`), non-empty, bounded."""
    if not isinstance(text, str):
        raise InputError("a message must be text")
    cleaned = sanitize_text(text).strip()
    if not cleaned:
        raise InputError("the message is empty")
    if len(cleaned) > MAX_MESSAGE_CHARS:
        raise InputError(
            f"the message is {len(cleaned):,} characters; the limit is {MAX_MESSAGE_CHARS:,}. "
            "Please send it in parts."
        )
    return cleaned


@dataclass(frozen=True)
class TurnEvent:
    """One item of a streamed turn.

    kind: ``token`` (a guarded piece of the reply being written: the graph's own streaming
    guard released it), ``node`` (an agent finished; ``data`` holds its update), ``reply``
    (the final, guarded reply: replaces any streamed tokens).
    """

    kind: Literal["token", "node", "reply"]
    node: str = ""
    text: str = ""
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SessionInfo:
    """A stored session of the current user."""

    session_id: str
    turns: int
    title: str


#: Longest a turn waits for the background warm-up to finish loading the models (seconds).
WARM_UP_WAIT_S = 30.0


class Companion:
    """One user's Confide: settings, persistence, memory and the turn graph, together.

    ``on_escalation`` is the host's hook for crisis turns: the graph's ``escalate`` node calls
    it with a safety event without message text (see :mod:`confide.safety.escalation`).
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        chat_model: BaseChatModel | None = None,
        user_id: str | None = None,
        with_memory: bool = True,
        on_escalation: EscalationHook | None = None,
        warm_up: bool = False,
    ) -> None:
        """Open the stores and build the graph.

        ``warm_up`` starts loading every local model in a background thread at once
        (:mod:`confide.warmup`), so the person's first message does not wait for them; the
        apps pass it, tools and tests need not.
        """
        self.settings = settings or load_settings()
        built = threading.Event()
        self._warm_thread: threading.Thread | None = None
        if warm_up:
            from confide.warmup import start_warm_up

            self._warm_thread = start_warm_up(self.settings, then=lambda: self._warm_stores(built))
        self.user_id = validate_user_id(user_id or self.settings.user_id)
        secure_dir(self.settings.data_dir)  # 0700 before anything is written into it
        model = chat_model
        self.model_error: str | None = None
        #: Set when long-term memory could not open: the UI tells the person once.
        self.memory_note: str | None = None
        if model is None and self.settings.resolved_engine == "llm":
            model = make_chat_model(self.settings)
        # SQLite in the data dir, or PostgreSQL for a postgresql:// checkpoint_url
        self.checkpointer = open_checkpointer(self.settings)
        memory = None
        if with_memory:
            from confide.memory.store import open_memory_store

            memory = open_memory_store(self.settings)
            if memory is None:
                self.memory_note = (
                    "Long-term memory could not be opened, so this session will not be "
                    "remembered later; the conversation itself is still saved."
                )
        secure_tree(self.settings.data_dir)
        self.services = Services(
            settings=self.settings,
            chat_model=model,
            memory=memory,
            audit=AuditLog(self.settings.audit_path, self.settings),
            on_escalation=on_escalation,
        )
        self.graph = build_graph_from_services(self.services, checkpointer=self.checkpointer)
        built.set()

    def _warm_stores(self, built: threading.Event) -> None:
        """Read-only first touches of this user's stores (after the models warmed up)."""
        from confide.warmup import WARM_UP_TEXT

        if not built.wait(120):
            return
        self.graph.get_state(self._config("confide-warm-up"))
        if self.services.memory is not None:
            self.services.memory.candidates(self.user_id, WARM_UP_TEXT, n=1)

    # identity ---------------------------------------------------------------------------
    @property
    def engine(self) -> str:
        """``offline`` or ``llm``."""
        return self.services.engine

    @property
    def model_name(self) -> str:
        """The active model's name (``offline`` for the offline engine)."""
        return self.services.model_name

    def _thread(self, session_id: str) -> str:
        # Threads are namespaced by the escaped user id, so one user's sessions never surface
        # for another (``alice`` cannot match ``alice::work``'s threads).
        return thread_prefix(self.user_id) + session_id

    def _config(self, session_id: str) -> RunnableConfig:
        return {"configurable": {"thread_id": self._thread(session_id)}}

    def _context(self, session_id: str) -> Context:
        return Context(user_id=self.user_id, session_id=session_id, region=self.settings.region)

    @staticmethod
    def new_session_id() -> str:
        """A fresh, sortable session id."""
        return time.strftime("%Y%m%d-%H%M%S") + "-" + uuid.uuid4().hex[:6]

    # turns ------------------------------------------------------------------------------
    def pending(self, session_id: str) -> bool:
        """True when a turn was interrupted (crash) and has not produced its reply yet."""
        snapshot = self.graph.get_state(self._config(session_id))
        # ``next`` omits tasks whose writes were saved before the crash; they still pend.
        return bool(snapshot.next or snapshot.tasks)

    def stream(self, text: str | None, session_id: str) -> Iterator[TurnEvent]:
        """Run one turn and yield its events; ``text=None`` resumes an interrupted turn.

        The session is locked for the turn (one writer per session across threads and
        processes), and whatever fails inside the turn, a reply event still comes: the
        fixed crisis text if the message screens high, otherwise an honest error reply.
        """
        message = clean_message(text) if text is not None else None
        warming = self._warm_thread
        if warming is not None and warming.is_alive():
            # it is loading what this turn needs: wait for it rather than load it twice
            warming.join(WARM_UP_WAIT_S)
        with session_lock(self.settings.data_dir, self._thread(session_id)):
            try:
                yield from self._stream(message, session_id)
            finally:
                secure_tree(self.settings.data_dir)

    def _stream(self, text: str | None, session_id: str) -> Iterator[TurnEvent]:
        if text is None:
            # Resuming: a run killed right after a node saved its writes resumes only that
            # step, so keep resuming (bounded) until the turn has produced its reply.
            for _ in range(len(NODES)):
                if not self.pending(session_id):
                    break
                yield from self._safe_run(None, session_id, self._pending_text(session_id))
            return
        if self.pending(session_id):
            # finish the interrupted turn first so no message is ever dropped
            yield from self._stream(None, session_id)
        yield from self._safe_run(
            InputState(messages=[HumanMessage(content=text)]), session_id, text
        )

    def _pending_text(self, session_id: str) -> str:
        try:
            msgs = self.history(session_id)
        except Exception:  # reading back failed: the failsafe then answers as a crisis
            return ""
        last = next((m for m in reversed(msgs) if isinstance(m, HumanMessage)), None)
        return str(last.content) if last is not None else ""

    def _safe_run(
        self, payload: InputState | None, session_id: str, message: str
    ) -> Iterator[TurnEvent]:
        """Run the turn; on any failure, end it with the failsafe reply (never no reply)."""
        replied = False
        try:
            for event in self._run(payload, session_id, message):
                replied = replied or event.kind == "reply"
                yield event
        except Exception as exc:  # the turn failed: the person still gets a safe reply
            log.exception("turn failed; answering with the failsafe reply")
            if not replied:
                yield TurnEvent(
                    kind="reply",
                    node="failsafe",
                    text=failsafe_reply(message, self.settings.region),
                    data={"failsafe": True, "error": f"{type(exc).__name__}: {exc}"[:300]},
                )

    def _run(
        self, payload: InputState | None, session_id: str, message: str
    ) -> Iterator[TurnEvent]:
        """The graph's own streams, as events: no rail of its own here.

        Tokens come from the ``custom`` stream, where the graph writes only sentences its
        guard released (:class:`confide.safety.streaming.ReplyPreview`); the reply is the guarded
        ``AIMessage`` a reply node returns. Any other host of the graph sees the same.
        """
        config = self._config(session_id)
        for part in self.graph.stream(
            payload,
            config,
            context=self._context(session_id),
            stream_mode=["custom", "updates"],
            # every step is on disk before the next starts: a crash loses no finished step
            durability="sync",
        ):
            mode, chunk = cast(tuple[str, Any], part)
            if mode == "custom":
                if isinstance(chunk, dict) and chunk.get("type") == PREVIEW_EVENT:
                    text = sanitize_text(str(chunk.get("text", "")))
                    if text:
                        yield TurnEvent(kind="token", node=str(chunk.get("node", "")), text=text)
            elif mode == "updates":
                for node, update in chunk.items():
                    if not isinstance(update, dict) or node.startswith("__"):
                        continue  # LangGraph's own entries (e.g. __metadata__ on resume)
                    yield TurnEvent(kind="node", node=node, data=update)
                    if node in REPLY_NODES:
                        final = [m for m in update.get("messages", []) if isinstance(m, AIMessage)]
                        if final:
                            text = sanitize_text(str(final[-1].content))
                            yield TurnEvent(kind="reply", node=node, text=text)

    @property
    def safety_status(self) -> str:
        """The learned risk layer's state ("ok: ..." or "degraded: ..."), for ``/engine``."""
        from confide.safety.riskmodel import status

        return status()

    def send(self, text: str, session_id: str) -> dict[str, Any]:
        """Run one turn to completion; returns ``{"reply": str, **analysis}``."""
        reply = ""
        for event in self.stream(text, session_id):
            if event.kind == "reply":
                reply = event.text
        return {"reply": reply, **self.last_analysis(session_id)}

    # reading back -------------------------------------------------------------------------
    def last_analysis(self, session_id: str) -> dict[str, Any]:
        """The latest turn's emotion, risk, strategy, recalled memories and reply provenance."""
        values = self.graph.get_state(self._config(session_id)).values
        keys = ("turn", "emotion", "risk", "strategy", "recalled", "reply_meta")
        return {k: values[k] for k in keys if k in values}

    def history(self, session_id: str) -> list[BaseMessage]:
        """The session's messages, oldest first."""
        values = self.graph.get_state(self._config(session_id)).values
        return list(values.get("messages", []))

    def turn_log(self, session_id: str) -> list[dict[str, Any]]:
        """Per completed turn: user text, reply and the analysis (from checkpoint history)."""
        turns: dict[int, dict[str, Any]] = {}
        for snap in self.graph.get_state_history(self._config(session_id)):
            values = snap.values
            if snap.next or "turn" not in values or values["turn"] in turns:
                continue
            msgs = values.get("messages", [])
            if not msgs or not isinstance(msgs[-1], AIMessage):
                continue
            user = next((m for m in reversed(msgs) if isinstance(m, HumanMessage)), None)
            turns[values["turn"]] = {
                "turn": values["turn"],
                "user": str(user.content) if user else "",
                "reply": str(msgs[-1].content),
                **{
                    k: values[k]
                    for k in ("emotion", "risk", "strategy", "recalled", "reply_meta")
                    if k in values
                },
            }
        return [turns[k] for k in sorted(turns)]

    def sessions(self) -> list[SessionInfo]:
        """This user's sessions, most recent first."""
        from confide.sessions import TitleStore

        prefix = thread_prefix(self.user_id)
        names = TitleStore(self.settings.data_dir).titles(self.user_id)
        out: list[SessionInfo] = []
        for thread in list_threads(self.checkpointer):
            if not thread.startswith(prefix):
                continue
            session_id = thread[len(prefix) :]
            msgs = self.history(session_id)
            first = next((str(m.content) for m in msgs if isinstance(m, HumanMessage)), "")
            turns = sum(isinstance(m, HumanMessage) for m in msgs)
            out.append(SessionInfo(session_id, turns, names.get(session_id) or first[:60]))
        return out

    # managing sessions (logic in confide.sessions) ---------------------------------------
    def has_session(self, session_id: str) -> bool:
        """Tell whether this user has a stored session with this id."""
        return self._thread(session_id) in list_threads(self.checkpointer)

    def rename_session(self, session_id: str, title: str) -> str:
        """Name a session (shown in the session list); returns the name as stored."""
        from confide.sessions import TitleStore, clean_title

        return TitleStore(self.settings.data_dir).set(self.user_id, session_id, clean_title(title))

    def search_sessions(self, query: str) -> list[SessionMatch]:
        """This user's sessions whose name or messages contain every word of ``query``."""
        from confide.sessions import match_session

        found = []
        for row in self.sessions():
            hit = match_session(row.session_id, row.title, self.history(row.session_id), query)
            if hit is not None:
                found.append(hit)
        return found

    def delete_session(self, session_id: str) -> dict[str, int]:
        """Erase one session: its conversation, its memories and its name."""
        from confide.errors import SessionNotFoundError
        from confide.sessions import TitleStore

        if not self.has_session(session_id):
            raise SessionNotFoundError(f"no session {session_id!r}")
        delete_threads(self.checkpointer, [self._thread(session_id)])
        memories = 0
        store = self.services.memory
        if store is not None:
            ids = [m.id for m in store.memories(self.user_id) if m.session_id == session_id]
            if ids:
                store.delete(self.user_id, ids)
            memories = len(ids)
        TitleStore(self.settings.data_dir).drop(self.user_id, [session_id])
        return {"sessions": 1, "memories": memories}

    def regenerate(self, session_id: str) -> Iterator[TurnEvent]:
        """Answer the session's last message again (the earlier reply is replaced)."""
        from confide.sessions import rewind_last_turn

        text, since = rewind_last_turn(self.graph, self._config(session_id))
        store = self.services.memory
        if store is not None:  # what the replaced turn remembered must not be recalled
            stale = [
                m.id
                for m in store.memories(self.user_id)
                if m.session_id == session_id and m.created_at >= since
            ]
            if stale:
                store.delete(self.user_id, stale)
        yield from self.stream(text, session_id)

    def export(self, session_id: str, fmt: Literal["markdown", "json"]) -> str:
        """The transcript as Markdown, or JSON with the per-turn analysis (and the safety plan)."""
        from confide.safety.safety_plan import format_plan_markdown

        log_ = self.turn_log(session_id)
        plan = self.plans.load(self.user_id)
        if fmt == "json":
            doc: dict[str, Any] = {
                "schema": "confide.transcript/1",
                "session_id": session_id,
                "engine": self.engine,
                "turns": log_,
            }
            if not plan.is_empty():
                doc["safety_plan"] = plan.to_dict()
            return json.dumps(doc, ensure_ascii=False, indent=2, default=str)
        lines = [f"# Confide session {session_id}", ""]
        for item in log_:
            lines += [f"**You:** {item['user']}", "", f"**Confide:** {item['reply']}", ""]
        if not plan.is_empty():
            locale = self._plan_locale(session_id)
            lines += [format_plan_markdown(plan, self.settings.region, locale), ""]
        return "\n".join(lines)

    # safety plan ------------------------------------------------------------------------
    @property
    def plans(self) -> PlanStore:
        """This data dir's safety plans (one per user)."""
        from confide.safety.safety_plan import PlanStore

        return PlanStore(self.settings.data_dir)

    def _plan_locale(self, session_id: str | None) -> str:
        if session_id is None:
            return "en"
        values = self.graph.get_state(self._config(session_id)).values
        flow = values.get("crisis_flow") or {}
        screen = values.get("screen") or {}
        return str(flow.get("locale") or screen.get("language") or "en")

    def safety_plan(self, session_id: str | None = None) -> SafetyPlan:
        """The user's safety plan, with suggestions from this session's messages added.

        Suggestions (marked as from the conversation) are saved with the plan, so the plan
        keeps what the person did even after the session is gone; they can edit them away.
        """
        from confide.safety.safety_plan import merge_suggestions, suggestions

        plan = self.plans.load(self.user_id)
        if session_id is not None:
            texts = [
                str(m.content) for m in self.history(session_id) if isinstance(m, HumanMessage)
            ]
            if merge_suggestions(plan, suggestions(texts, self._plan_locale(session_id))):
                self.plans.save(self.user_id, plan)
        return plan

    def safety_plan_text(self, session_id: str | None = None) -> str:
        """The safety plan as text, in the session's language, with the region's lines."""
        from confide.safety.safety_plan import format_plan

        plan = self.safety_plan(session_id)
        return format_plan(plan, self.settings.region, self._plan_locale(session_id))

    def save_safety_plan(self, plan: SafetyPlan) -> None:
        """Store the user's edited safety plan (file readable by its owner only)."""
        self.plans.save(self.user_id, plan)

    def end_session(self, session_id: str) -> str | None:
        """Write the session's summary to memory (call on /new, on exit or when idle).

        Returns the summary, or None when there is nothing to summarise or no memory store.
        """
        store = self.services.memory
        if store is None:
            return None
        from confide.memory.remember import summarize_session

        values = self.graph.get_state(self._config(session_id)).values
        try:
            return summarize_session(
                store,
                self.user_id,
                session_id,
                values.get("messages", []),
                values.get("emotion_history", []),
            )
        except Exception as exc:  # memory is best-effort: a failed summary never loses a chat
            log.warning("session summary failed: %s", exc)
            return None

    # privacy ----------------------------------------------------------------------------
    def forget(self) -> dict[str, int]:
        """Erase everything this user has stored: conversations, memories, audit, exports."""
        prefix = thread_prefix(self.user_id)
        threads = [t for t in list_threads(self.checkpointer) if t.startswith(prefix)]
        exports = self._erase_exports([t[len(prefix) :] for t in threads])
        delete_threads(self.checkpointer, threads)
        if self.services.memory is not None:
            memories = int(self.services.memory.forget_user(self.user_id) or 0)
        else:
            from confide.memory.store import forget_user_memories

            # the store failed to open for chatting: erasure must not silently do nothing
            memories = forget_user_memories(self.settings, self.user_id)
        audit = self.services.audit.erase_user(self.user_id) if self.services.audit else 0
        plans = self.plans.erase(self.user_id)
        from confide.sessions import TitleStore

        TitleStore(self.settings.data_dir).drop(self.user_id)
        return {
            "sessions": len(threads),
            "memories": memories,
            "audit_events": int(audit),
            "safety_plans": plans,
            "exports": exports,
        }

    def _erase_exports(self, session_ids: list[str]) -> int:
        """Delete this user's exports (and older per-session ones of their sessions)."""
        count = 0
        folder = exports_dir(self.settings.data_dir, self.user_id)
        if folder.exists():
            count += sum(1 for p in folder.rglob("*") if p.is_file())
            shutil.rmtree(folder)
        legacy = self.settings.data_dir / "exports"
        for session_id in session_ids:  # exports written before they were kept per user
            safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in session_id)
            for suffix in (".md", ".json"):
                path = legacy / f"confide-{safe}{suffix}"
                if path.is_file():
                    path.unlink()
                    count += 1
        return count

    def close(self) -> None:
        """Close the checkpointer's database connection (or connection pool)."""
        try:
            self.checkpointer.conn.close()  # type: ignore[attr-defined]
        except Exception as exc:  # closing twice or after a crash is harmless; log it
            log.debug("closing checkpointer: %s", exc)
        close_memory = getattr(self.services.memory, "close", None)  # a Chroma server's client
        if close_memory is not None:
            close_memory()


def erase_user_data(user_id: str, settings: Settings | None = None) -> dict[str, int]:
    """Delete the user's conversations, memories, audit entries and exports.

    Returns counts of what was erased. Other users' data is untouched.
    """
    companion = Companion(settings or load_settings(), user_id=user_id)
    try:
        return companion.forget()
    finally:
        companion.close()
