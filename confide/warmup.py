"""Warm-up: load every local model of a turn in the background while the person types.

Nothing heavy loads at import (the CLI, the app and the tests start fast); the first turn
would then pay for the risk model and its sentence encoder, the guard's reply model, MiniLM,
the emotion and strategy heads and the composer's texts. :func:`start_warm_up` runs one
throwaway offline turn in a daemon thread instead, on a graph of its own (in-memory
checkpointer, no memory store, no audit log, no chat model), so nothing of it is stored
anywhere and nothing of it reaches the person's session. A first message sent before the
warm-up ends simply waits on the same loaders (each loads once, behind its lock).

A failure of the warm-up is logged and ignored: the turn loads what it needs itself, and
the risk screen fails closed as always.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from confide.config import Settings

log = logging.getLogger(__name__)

#: The throwaway message (benign: no audit event, no crisis path).
WARM_UP_TEXT = "Hi. It has been a long week at work and I feel a bit tired."


def warm_up(settings: Settings) -> float:
    """Run one throwaway offline turn (loading every local model); return its seconds."""
    from langchain_core.messages import HumanMessage
    from langgraph.checkpoint.memory import InMemorySaver

    from confide.context import Context
    from confide.engine import Services
    from confide.graph.builder import build_graph_from_services
    from confide.memory.embedder import default_embedder

    start = time.perf_counter()
    services = Services(settings=settings)
    graph = build_graph_from_services(services, checkpointer=InMemorySaver())
    graph.invoke(
        {"messages": [HumanMessage(WARM_UP_TEXT)]},
        {"configurable": {"thread_id": "confide-warm-up"}},
        context=Context(user_id="warm-up", session_id="warm-up"),
    )
    default_embedder().embed([WARM_UP_TEXT])  # recall's and remember's encoder, if unused
    return time.perf_counter() - start


def start_warm_up(settings: Settings, then: Callable[[], object] | None = None) -> threading.Thread:
    """Start :func:`warm_up` in a daemon thread (it never holds the process open).

    ``then`` runs in the same thread afterwards (the Companion opens its own stores there).
    """

    def run() -> None:
        try:
            seconds = warm_up(settings)
            if then is not None:
                then()
        except Exception as exc:  # the turn loads what it needs itself
            log.warning("warm-up failed (the first turn loads the models): %s", exc)
        else:
            log.debug("warm-up done in %.2f s", seconds)

    thread = threading.Thread(target=run, name="confide-warm-up", daemon=True)
    thread.start()
    return thread
