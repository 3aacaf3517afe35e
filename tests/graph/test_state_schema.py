"""LangGraph Server and Studio build a JSON schema of the state with pydantic."""

from __future__ import annotations

from pydantic import TypeAdapter

from confide.state import InputState, OutputState, TurnState


def test_pydantic_builds_the_state_schemas() -> None:
    # on Python < 3.12 pydantic refuses a typing.TypedDict anywhere inside the state
    for schema in (TurnState, InputState, OutputState):
        built = TypeAdapter(schema).json_schema()
        assert built["type"] == "object"
    assert "crisis_flow" in TypeAdapter(TurnState).json_schema()["properties"]
