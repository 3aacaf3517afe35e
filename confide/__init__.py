"""Confide: an emotional-support companion with a real safety layer.

Confide is a support companion. It is not therapy, not a clinician and not a human.

Public API (imported lazily, so ``import confide`` stays cheap):

- :func:`build_graph`: the compiled LangGraph turn graph; pass any LangChain chat model.
- :class:`Companion`: sessions, streaming turns, export and erasure for one user.
- :class:`Context`: per-run identity (user id, session id, region).
- :func:`load_settings`, :class:`Settings`: configuration.
- :func:`open_checkpointer`: the embedded SQLite checkpointer.
- :func:`erase_user_data`: delete everything stored for a user.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Companion",
    "Context",
    "Settings",
    "__version__",
    "build_graph",
    "erase_user_data",
    "load_settings",
    "open_checkpointer",
]

if TYPE_CHECKING:
    from confide.companion import Companion, erase_user_data
    from confide.config import Settings, load_settings
    from confide.context import Context
    from confide.graph.builder import build_graph
    from confide.persistence import open_checkpointer

_LAZY = {
    "build_graph": "confide.graph.builder",
    "Companion": "confide.companion",
    "Context": "confide.context",
    "Settings": "confide.config",
    "load_settings": "confide.config",
    "open_checkpointer": "confide.persistence",
    "erase_user_data": "confide.companion",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'confide' has no attribute {name!r}")
