"""Entry point for LangGraph Server (``langgraph.json``): the server brings its own checkpointer."""

from __future__ import annotations

from typing import Any

from langgraph.graph.state import CompiledStateGraph

from confide.config import load_settings
from confide.engine import make_chat_model
from confide.graph.builder import build_graph


def make_graph() -> CompiledStateGraph[Any, Any, Any, Any]:
    """Build the graph from the environment/config file; memory in the local data dir."""
    from confide.memory.store import open_memory_store

    settings = load_settings()
    model = make_chat_model(settings) if settings.resolved_engine == "llm" else None
    return build_graph(model, memory=open_memory_store(settings), settings=settings)
