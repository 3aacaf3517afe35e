"""Each graph node's model-call budget: the deadline policy of :mod:`confide.deadline`, applied.

:func:`node_budget` wraps a node of the turn graph (see :mod:`confide.graph.builder`) so its
model calls finish by :func:`confide.deadline.node_deadline`. Before the risk node calls a
model, the risk agent's local layers are asked whether the conversation already reached
crisis level (:func:`conversation_says_crisis`), which gives the turn the crisis deadline.
It lives with the graph because it runs an agent; :mod:`confide.deadline` itself stays below
the agents (the engine uses it).
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from confide.agents.risk import assess
from confide.deadline import deadline_at, node_deadline, risk_says_crisis, screen_says_crisis
from confide.engine import Services


def conversation_says_crisis(services: Services, state: Mapping[str, Any]) -> bool:
    """The risk agent's local layers alone (no model) already reach high or imminent.

    Runs the risk assessment without the chat model (pure and fast) so that a crisis seen
    by the conversation layer (goodbyes after distress, a "yes" to the check-in question...)
    gets the crisis deadline before the model is asked anything.
    """
    local = assess(replace(services, chat_model=None), state)  # type: ignore[arg-type]
    return risk_says_crisis(local)


@contextmanager
def node_budget(node: str, state: Mapping[str, Any], services: Services) -> Iterator[None]:
    """Run a graph node with its model-call deadline set (see :func:`node_deadline`)."""
    if services.chat_model is None:
        yield  # the offline engine makes no model calls
        return
    conversation_crisis = False
    if (
        node == "risk"
        and services.settings.mode != "fused"
        and not screen_says_crisis(state)
        and services.model_available()
    ):
        conversation_crisis = conversation_says_crisis(services, state)
    now = time.time()
    at = node_deadline(
        node, state, services.settings, now=now, conversation_crisis=conversation_crisis
    )
    with deadline_at(time.monotonic() + (at - now)):
        yield
