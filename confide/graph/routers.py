"""Pure routing functions of the turn graph."""

from __future__ import annotations

from typing import Literal

from confide.records import level_index
from confide.state import TurnState

#: Risk at or above this level goes to Compassionate Completion instead of the counselor.
CRISIS_THRESHOLD = level_index("high")


def route_reply(state: TurnState) -> Literal["counselor", "compassionate_completion"]:
    """Crisis-level risk or a boundary request goes to Compassionate Completion.

    Below crisis the counselor answers; a turn whose risk carries a category (ideation,
    abuse, third-party concern, psychosis, mania...) gets the safety check-in there
    (:func:`confide.safety.completion.compose_check_in`), with no boundary statement.

    A missing risk assessment is a broken invariant (risk always runs before this router);
    it routes to the safe path rather than guessing that all is well.
    """
    risk = state.get("risk")
    if risk is None:
        return "compassionate_completion"
    if level_index(risk["level"]) >= CRISIS_THRESHOLD:
        return "compassionate_completion"
    if state.get("boundary"):
        return "compassionate_completion"
    return "counselor"
