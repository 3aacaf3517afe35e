"""The run context: per-run identity and settings, passed by LangGraph as ``Runtime[Context]``."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from langgraph.runtime import Runtime


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

    def clock(self) -> float:
        """The run's time: ``now`` when set, else the wall clock (unix seconds)."""
        return self.now if self.now is not None else time.time()


def run_context(runtime: Runtime[Context]) -> Context:
    """The run's context, or the defaults when the run was given none."""
    return runtime.context if runtime.context is not None else Context()
