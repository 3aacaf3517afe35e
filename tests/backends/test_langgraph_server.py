"""The LangGraph Server entry points, driven the way the server drives them.

These tests call the entry points the same way the server does (an async graph factory, an
async checkpointer context manager, async runs) with BlockBuster active, the library
``langgraph dev`` uses to reject blocking calls in the event loop. The real ``langgraph dev``
is started in ``tests/graph/test_langgraph_dev.py``.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from blockbuster import blockbuster_ctx
from langchain_core.messages import AIMessage, HumanMessage
from langgraph.checkpoint.memory import InMemorySaver

from confide.context import Context
from confide.devservers import RunningServer
from confide.graph import server
from confide.memory.store import open_memory_store

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _fresh_graph() -> Iterator[None]:
    server.reset_server_graph()
    yield
    server.reset_server_graph()


def _turn(text: str) -> dict[str, Any]:
    return {"messages": [HumanMessage(content=text)]}


def _config(thread: str) -> dict[str, Any]:
    return {"configurable": {"thread_id": thread}}


async def test_the_graph_is_built_once_off_the_event_loop_with_memory(
    chroma: RunningServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONFIDE_ENGINE", "offline")
    monkeypatch.setenv("CONFIDE_MEMORY_URL", chroma.url)
    user = f"ana-{uuid.uuid4().hex[:8]}"
    with blockbuster_ctx():
        first = await server.make_graph()
        again = await server.make_graph()
        assert first is again
        graph = first.copy(update={"checkpointer": InMemorySaver()})
        context = Context(user_id=user, session_id="s1")
        out = await graph.ainvoke(
            _turn("My sister Maria's visit next week really worries me"),
            _config("t1"),
            context=context,
        )
    assert isinstance(out["messages"][-1], AIMessage)
    store = open_memory_store(server.load_settings())
    assert store is not None
    try:
        assert store.count(user) >= 1  # the remember node wrote to the Chroma server
    finally:
        getattr(store, "close", lambda: None)()


def test_input_and_output_schemas_build_for_studio() -> None:
    graph = server.build_server_graph()
    assert set(graph.get_input_jsonschema()["properties"]) == {"messages"}
    assert {"messages", "risk", "reply_meta"} <= set(graph.get_output_jsonschema()["properties"])


def test_langgraph_json_files_name_real_entry_points() -> None:
    for name in ("langgraph.json", "langgraph.postgres.json"):
        doc = json.loads((ROOT / name).read_text())
        path, attr = doc["graphs"]["confide"].split(":")
        assert (ROOT / path).is_file() and hasattr(server, attr)
    pg = json.loads((ROOT / "langgraph.postgres.json").read_text())
    assert pg["checkpointer"]["path"].endswith(":postgres_checkpointer")


async def test_the_postgres_checkpointer_persists_threads_across_instances(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONFIDE_ENGINE", "offline")
    monkeypatch.setenv("CONFIDE_CHECKPOINT_URL", pg_url)
    context = Context(user_id="ana", session_id="s1")
    with blockbuster_ctx():
        base = await server.make_graph()
        async with server.postgres_checkpointer() as saver:
            graph = base.copy(update={"checkpointer": saver})
            modes = []
            async for mode, _chunk in graph.astream(
                _turn("I feel lonely since I moved to Berlin"),
                _config("t1"),
                context=context,
                stream_mode=["values", "updates", "messages"],
            ):
                modes.append(mode)
            assert {"values", "updates"} <= set(modes)
        # a second server instance (a new pool) continues the same thread
        async with server.postgres_checkpointer() as saver:
            graph = base.copy(update={"checkpointer": saver})
            await graph.ainvoke(_turn("I don't know anyone here"), _config("t1"), context=context)
            state = await graph.aget_state(_config("t1"))
    humans = [m.content for m in state.values["messages"] if isinstance(m, HumanMessage)]
    assert humans == ["I feel lonely since I moved to Berlin", "I don't know anyone here"]
