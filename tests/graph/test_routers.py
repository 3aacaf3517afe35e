"""Reply routing: crisis and boundary turns go to Compassionate Completion, the rest counsel."""

from __future__ import annotations

from typing import Any

import pytest

from confide.graph.routers import route_reply


def _state(
    level: str | None, categories: tuple[str, ...] = (), boundary: tuple[str, ...] = ()
) -> dict[str, Any]:
    state: dict[str, Any] = {"boundary": list(boundary)}
    if level is not None:
        state["risk"] = {"level": level, "categories": list(categories)}
    return state


@pytest.mark.parametrize("level", ["high", "imminent"])
def test_crisis_levels_go_to_compassionate_completion_through_the_escalation_gate(
    level: str,
) -> None:
    assert route_reply(_state(level, ("suicidal_ideation_active",))) == "escalate"


def test_a_missing_risk_assessment_fails_closed() -> None:
    assert route_reply(_state(None)) == "escalate"


def test_a_boundary_request_with_crisis_risk_still_takes_the_crisis_path() -> None:
    assert route_reply(_state("imminent", ("suicide_method_or_plan",), ("method_info",))) == (
        "escalate"
    )


def test_a_boundary_request_goes_to_completion_even_without_risk() -> None:
    assert route_reply(_state("none", (), ("medication_dosing",))) == "compassionate_completion"


@pytest.mark.parametrize(
    "categories",
    [("suicidal_ideation_passive",), ("third_party_concern",), ("mania",), ("psychosis",), ()],
)
@pytest.mark.parametrize("level", ["none", "low", "moderate"])
def test_below_crisis_the_counselor_answers(level: str, categories: tuple[str, ...]) -> None:
    # the counselor answers these with the safety check-in (see tests/agents/test_counselor.py)
    assert route_reply(_state(level, categories)) == "counselor"
