"""Placeholder: being implemented (see docs/CONTRACTS.md)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from langgraph.runtime import Runtime

from confide.context import Context
from confide.engine import Services
from confide.state import TurnState


def make_completion_node(services: Services) -> Callable[[TurnState, Runtime[Context]], dict[str, Any]]:
    """Build the node (see docs/CONTRACTS.md)."""
    raise NotImplementedError
