"""What the app needs from Confide, as a protocol: :class:`confide.companion.Companion` fits it.

The app imports no graph internals; tests may pass any object with this interface. Importing
this module stays cheap (no LangGraph, no chromadb): the companion is built in a worker.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal, Protocol

from confide.config import Settings


class SessionRow(Protocol):
    """A stored session as listed by ``Companion.sessions``."""

    @property
    def session_id(self) -> str:
        """The session's id."""

    @property
    def turns(self) -> int:
        """Number of user turns."""

    @property
    def title(self) -> str:
        """The beginning of the first message."""


class TurnEventLike(Protocol):
    """One streamed item of a turn (``confide.companion.TurnEvent``)."""

    @property
    def kind(self) -> str:
        """``token``, ``node`` or ``reply``."""

    @property
    def node(self) -> str:
        """The graph node that produced it."""

    @property
    def text(self) -> str:
        """Token text or the final reply."""

    @property
    def data(self) -> dict[str, Any]:
        """A node's update."""


class CompanionLike(Protocol):
    """The public API of :class:`confide.companion.Companion` that the app uses."""

    settings: Settings

    @property
    def engine(self) -> str:
        """``offline`` or ``llm``."""

    @property
    def safety_status(self) -> str:
        """The learned risk layer's state ("ok: ..." or "degraded: ...")."""

    @property
    def model_name(self) -> str:
        """The active model's name."""

    def new_session_id(self) -> str:
        """Make a fresh session id."""

    def pending(self, session_id: str) -> bool:
        """Tell whether a turn was interrupted and has no reply yet."""

    def stream(self, text: str | None, session_id: str) -> Iterator[TurnEventLike]:
        """Run one turn (``None`` resumes an interrupted one) and yield its events."""

    def history(self, session_id: str) -> list[Any]:
        """Return the session's messages (objects with ``type`` and ``content``)."""

    def turn_log(self, session_id: str) -> list[dict[str, Any]]:
        """Return, per completed turn, the user text, the reply and the analysis."""

    def sessions(self) -> Sequence[SessionRow]:
        """List this user's sessions, most recent first."""

    def export(self, session_id: str, fmt: Literal["markdown", "json"]) -> str:
        """Render the transcript as Markdown or JSON."""

    def has_session(self, session_id: str) -> bool:
        """Tell whether a stored session has this id."""

    def rename_session(self, session_id: str, title: str) -> str:
        """Name a session; returns the name as stored."""

    def search_sessions(self, query: str) -> Sequence[SessionRow]:
        """Sessions whose name or messages contain every word of ``query``."""

    def delete_session(self, session_id: str) -> dict[str, int]:
        """Erase one session (conversation, memories, name)."""

    def regenerate(self, session_id: str) -> Iterator[TurnEventLike]:
        """Answer the session's last message again and yield the turn's events."""

    def forget(self) -> dict[str, int]:
        """Erase everything stored for this user."""

    def end_session(self, session_id: str) -> str | None:
        """Write the session's summary to long-term memory (on /new and on exit)."""

    def safety_plan(self, session_id: str | None = None) -> Any:
        """The user's safety plan (``SafetyPlan``), with this session's suggestions added."""

    def safety_plan_text(self, session_id: str | None = None) -> str:
        """The safety plan as text, with the region's crisis lines."""

    def save_safety_plan(self, plan: Any) -> None:
        """Store the user's edited safety plan."""

    def close(self) -> None:
        """Release the stores."""


def unfinished_turn(companion: CompanionLike, session_id: str) -> bool:
    """Tell whether the session's last message still waits for its reply.

    ``Companion.pending`` reads the checkpoint's next nodes; a run that stopped right after a
    node finished (a crash, or a stopped stream) leaves no next node but a user message without
    a reply, which ``stream(None, ...)`` still completes. Both count as unfinished.
    """
    if companion.pending(session_id):
        return True
    history = companion.history(session_id)
    return bool(history) and getattr(history[-1], "type", "") == "human"


def make_companion(settings: Settings) -> CompanionLike:
    """Build the real companion (imported here, in a worker, so startup stays fast)."""
    from confide.companion import Companion

    return Companion(settings, warm_up=True)


_FALLBACK_RESOURCES = (
    "• findahelpline.com lists free, confidential crisis lines in your country\n"
    "• US: call or text 988 (988 Suicide & Crisis Lifeline)\n"
    "• UK and Ireland: call Samaritans on 116 123\n"
    "• Emergency services: 911 (US/CA), 999 (UK), 112 (EU), 000 (AU)"
)


def crisis_resources(region: str) -> str:
    """Format the crisis resources for ``region`` as a bulleted block (fixed strings)."""
    try:
        from confide.safety.resources import format_resources, resources_for
    except ImportError:  # the resources module is still being written: a reviewed minimum
        return _FALLBACK_RESOURCES
    return format_resources(resources_for(region), "en")


def stored_plan_text(settings: Settings) -> str:
    """The user's stored safety plan as text, or "" when there is none (for Ctrl+G).

    Reads the plan file directly, so "Get help now" shows it even before the companion is
    ready or while a turn is running; it never raises.
    """
    try:
        from confide.safety.safety_plan import PlanStore, format_plan

        plan = PlanStore(settings.data_dir).load(settings.user_id)
        return "" if plan.is_empty() else format_plan(plan, settings.region)
    except Exception:  # the resources must show even if the plan cannot
        return ""


def export_paths(data_dir: Path, session_id: str, user_id: str = "local") -> tuple[Path, Path]:
    """Choose where ``/export`` writes a session: Markdown and JSON in the user's exports.

    The folder is per user inside the private data dir, so ``forget`` erases it.
    """
    from confide.privacy import exports_dir

    folder = exports_dir(data_dir, user_id)
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in session_id)
    return folder / f"confide-{safe}.md", folder / f"confide-{safe}.json"


def turn_records(log: Sequence[Mapping[str, Any]], key: str) -> list[Any]:
    """Collect the ``key`` records (emotion, risk, ...) of a turn log, skipping gaps."""
    return [item[key] for item in log if item.get(key)]
