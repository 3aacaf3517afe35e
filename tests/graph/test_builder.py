"""The turn graph's wiring: ``NODES`` is exactly what the builder compiles, escalate included."""

from __future__ import annotations

from dataclasses import replace

from langchain_core.language_models.fake_chat_models import FakeListChatModel
from langgraph.checkpoint.memory import InMemorySaver

from confide.config import load_settings
from confide.graph import server
from confide.graph.builder import NODES, build_graph
from confide.records import REPLY_NODES


def _nodes(graph: object) -> set[str]:
    return {name for name in graph.nodes if not name.startswith("__")}  # type: ignore[attr-defined]


OFFLINE_NODES = set(NODES) - {"plan"}  # the plan node exists only in agent mode with a model


def test_nodes_are_the_compiled_graphs_nodes() -> None:
    graph = build_graph(checkpointer=InMemorySaver())
    assert _nodes(graph) == OFFLINE_NODES
    assert len(NODES) == len(set(NODES))
    assert "escalate" in NODES and set(REPLY_NODES) <= set(NODES)


def test_agent_mode_with_a_model_adds_the_plan_node() -> None:
    settings = replace(load_settings(), mode="agent")
    graph = build_graph(
        FakeListChatModel(responses=["unused"]), checkpointer=InMemorySaver(), settings=settings
    )
    assert _nodes(graph) == set(NODES)
    fused = replace(load_settings(), mode="fused")
    graph = build_graph(
        FakeListChatModel(responses=["unused"]), checkpointer=InMemorySaver(), settings=fused
    )
    assert _nodes(graph) == OFFLINE_NODES


def test_the_server_graph_has_the_same_nodes() -> None:
    assert _nodes(server.build_server_graph()) == OFFLINE_NODES


def test_escalate_sits_between_the_router_and_compassionate_completion() -> None:
    graph = build_graph(checkpointer=InMemorySaver()).get_graph()
    edges = {(e.source, e.target) for e in graph.edges}
    assert ("strategy", "escalate") in edges
    assert ("escalate", "compassionate_completion") in edges
    assert ("escalate", "counselor") not in edges
