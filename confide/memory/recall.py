"""The ``recall`` node: memories from earlier sessions that matter for this turn.

Runs in parallel with the emotion node, so this turn's tracked emotion is not known yet: the
current state is a quick estimate of the new message by the offline emotion classifier, else the
previous turn's tracked emotion (``emotion_history[-1]``), else unknown (neutral), in which case
ranking falls back to meaning alone. Only memories whose meaning clears a
relevance gate come back, so nothing unrelated surfaces. Any failure returns ``recalled: []``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from langchain_core.messages import AnyMessage, BaseMessage, HumanMessage
from langgraph.runtime import Runtime

from confide.context import Context
from confide.engine import Services
from confide.facts import turn_text
from confide.memory.retrieval import NEUTRAL, dedupe
from confide.memory.store import quote_memory
from confide.records import RecalledMemory
from confide.state import TurnState

log = logging.getLogger(__name__)

#: Cosine similarity (MiniLM) a memory's meaning must reach to be recalled at all.
MIN_SIMILARITY = 0.35
#: How many memories a turn may bring back.
RECALL_K = 3


def message_text(message: BaseMessage | Mapping[str, Any]) -> str:
    """Plain text of a LangChain message or a ``{"role", "content"}`` dict."""
    content = message.get("content", "") if isinstance(message, Mapping) else message.content
    if isinstance(content, str):
        return content
    parts = [p.get("text", "") if isinstance(p, dict) else str(p) for p in content]
    return " ".join(parts)


def is_user_message(message: BaseMessage | Mapping[str, Any]) -> bool:
    """Tell whether a message is the user's (HumanMessage, or role user/human)."""
    if isinstance(message, Mapping):
        return str(message.get("role", "")) in ("user", "human")
    return isinstance(message, HumanMessage) or message.type == "human"


def latest_user_text(messages: Sequence[AnyMessage]) -> str:
    """Return the text of the newest user message ('' if none)."""
    for message in reversed(messages):
        if is_user_message(message):
            return message_text(message)
    return ""


def quick_estimate(text: str, vector_of: Any = None) -> dict[str, float] | None:
    """Estimate the message's Plutchik vector with the offline classifier (None if unavailable).

    ``vector_of``: the turn's shared sentence vectors (:meth:`confide.facts.TurnFacts.vector`).
    """
    try:
        from confide.agents.emotion import default_classifier

        return dict(default_classifier().estimate(text, vector_of).vector)
    except Exception as exc:  # optional: the previous turn's emotion stands in
        log.debug("quick emotion estimate unavailable: %s", type(exc).__name__)
        return None


def current_emotion(state: TurnState, text: str = "", vector_of: Any = None) -> dict[str, float]:
    """Return the best emotion estimate available while the emotion node runs in parallel."""
    if text.strip():
        estimate = quick_estimate(text, vector_of)
        if estimate is not None:
            return estimate
    history = state.get("emotion_history") or []
    if history:
        return dict(history[-1].get("vector") or NEUTRAL)
    return dict(NEUTRAL)


def render_memories(recalled: Sequence[RecalledMemory]) -> str:
    """Memories as a quoted data block for a prompt: one escaped line each, never instructions."""
    lines = []
    for memory in recalled:
        day = time.strftime("%Y-%m-%d", time.gmtime(memory["created_at"]))
        lines.append(f"- ({day}, {memory['kind']}) the user said: {quote_memory(memory['text'])}")
    return "\n".join(lines)


def make_recall_node(services: Services) -> Callable[[TurnState, Runtime[Context]], dict[str, Any]]:
    """Build the recall node (reads messages, emotion_history; returns ``recalled``)."""

    def recall(state: TurnState, runtime: Runtime[Context]) -> dict[str, Any]:
        store = services.memory
        if store is None:
            return {"recalled": []}
        query = turn_text(state)
        if not query.strip():
            return {"recalled": []}
        ctx = runtime.context or Context()
        gate = max(store.config.min_similarity, MIN_SIMILARITY)
        config = replace(store.config, min_similarity=gate)
        facts = services.facts.for_state(state)
        try:
            semantic = config.strategy == "semantic"
            recalled = store.search(
                ctx.user_id,
                query,
                # meaning-only ranking needs no emotion: skip the classifier's work
                emotion=None if semantic else current_emotion(state, query, facts.vector),
                # the message's vector is the turn's (shared with emotion, strategy, remember)
                query_embedding=facts.vector(store.embedder, query),
                k=RECALL_K * 2,  # room to drop near-duplicates
                config=config,
                now=ctx.now,
                # this session is already in the messages
                exclude_session=ctx.session_id,
                session_started_at=state.get("session_started_at"),
            )
        except Exception as exc:  # memory is optional: the turn goes on without it
            log.warning("recall failed, continuing without memories: %s", type(exc).__name__)
            return {"recalled": []}
        return {"recalled": dedupe(recalled)[:RECALL_K]}

    return recall
