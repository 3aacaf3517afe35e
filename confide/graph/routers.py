"""Pure routing functions of the turn graph."""

from __future__ import annotations

from typing import Literal

from confide.records import level_index
from confide.state import TurnState

#: Risk at or above this level goes to Compassionate Completion instead of the counselor.
CRISIS_THRESHOLD = level_index("high")


def route_reply(state: TurnState) -> Literal["counselor", "escalate", "compassionate_completion"]:
    """Route crisis turns through ``escalate``, boundary requests straight to the completion.

    Both end in Compassionate Completion. ``escalate`` is a pass-through node that exists so
    a host can pause crisis turns (and only those) for a human: ``interrupt_on_crisis``
    interrupts before it. Below crisis the counselor answers; a turn whose risk carries a
    category (ideation, abuse, third-party concern, psychosis, mania...) gets the safety
    check-in there (:func:`confide.safety.check_in.compose_check_in`), with no boundary
    statement.

    A missing risk assessment is a broken invariant (risk always runs before this router);
    it routes to the crisis path rather than guessing that all is well.
    """
    risk = state.get("risk")
    if risk is None:
        return "escalate"
    if level_index(risk["level"]) >= CRISIS_THRESHOLD:
        return "escalate"
    if state.get("boundary"):
        return "compassionate_completion"
    return "counselor"
