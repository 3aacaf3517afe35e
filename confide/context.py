"""The run context: per-run identity and settings, passed by LangGraph as ``Runtime[Context]``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Context:
    """Who is talking and where; never stored in the checkpointed state.

    ``user_id`` scopes every memory read and write: one user's memories never reach another.
    """

    user_id: str = "local"
    session_id: str = "default"
    region: str = "US"
    #: Wall-clock override for tests and evaluation replays (unix seconds); None = now.
    now: float | None = None
