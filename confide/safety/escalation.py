"""Escalation: the ``escalate`` node tells the host that a turn reached crisis level.

Crisis turns (risk high or imminent, or a missing assessment) take ``escalate`` on their way
to Compassionate Completion (:func:`confide.graph.routers.route_reply`). The node calls the
host's ``on_escalation`` hook once with a safety event that holds no message text, records
the same event in the audit log, and writes :class:`confide.records.Escalation` so the
completion node can note it in ``reply_meta`` and in its own audit line.

A follow-up turn of the crisis flow (:func:`confide.safety.completion.answers_with_follow_up`)
does not escalate again, and a hook that raises never breaks the reply: the failure is logged
and noted. With ``interrupt_on_crisis=True`` the graph pauses *before* this node, so the hook
fires when the host resumes the turn (after the pause), exactly once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from langgraph.runtime import Runtime

from confide.context import Context, run_context
from confide.engine import Services
from confide.records import Escalation, level_index
from confide.safety.completion import answers_with_follow_up, plan_from_state
from confide.state import TurnState

logger = logging.getLogger(__name__)

_HIGH = level_index("high")


def make_escalate_node(
    services: Services,
) -> Callable[[TurnState, Runtime[Context]], dict[str, Any]]:
    """Build the ``escalate`` node: fire the host's hook on a crisis turn, audit it once."""

    def escalate(state: TurnState, runtime: Runtime[Context]) -> dict[str, Any]:
        ctx = run_context(runtime)
        turn = int(state.get("turn") or 0)
        record = Escalation(turn=turn, escalated=False, note="")
        hook = services.on_escalation
        plan = plan_from_state(state, ctx.region)
        if hook is None or level_index(plan.level) < _HIGH or answers_with_follow_up(state, plan):
            return {"escalation": record}
        event: dict[str, Any] = {
            "event": "escalation",
            "time": ctx.clock(),
            "user_id": ctx.user_id,
            "session_id": ctx.session_id,
            "turn": state.get("turn", 0),
            "level": plan.level,
            "categories": list(plan.categories),
            "policy": plan.policy,
            "region": ctx.region,
        }
        try:
            hook(dict(event))  # a copy: the host may keep or change it
        except Exception as exc:  # a host's broken callback must not take the crisis reply down
            logger.warning("escalation hook failed: %r", exc)
            record = Escalation(
                turn=turn, escalated=False, note=f"escalation hook failed: {type(exc).__name__}"
            )
        else:
            record = Escalation(turn=turn, escalated=True, note="escalated to host")
        if services.audit is not None:
            services.audit.record({**event, "escalated": record["escalated"]})
        return {"escalation": record}

    return escalate
