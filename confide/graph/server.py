"""Entry points for LangGraph Server (``langgraph.json``, ``langgraph.postgres.json``).

:func:`make_graph` builds the graph once per process, in a worker thread: settings, the chat
model and the memory store (a chromadb directory or a Chroma server, ``CONFIDE_MEMORY_URL``)
are opened with blocking file and network calls, which must not run inside the server's event
loop. The server brings its own checkpointer: in-memory under ``langgraph dev``, its
PostgreSQL (``DATABASE_URI``) under ``langgraph up``, or Confide's :func:`postgres_checkpointer`
on ``CONFIDE_CHECKPOINT_URL`` when ``langgraph.postgres.json`` names it.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph.state import CompiledStateGraph

from confide.config import Settings, is_server_url, load_settings
from confide.errors import ConfigError

if TYPE_CHECKING:
    from confide.memory.store import MemoryStore

_graph: CompiledStateGraph[Any, Any, Any, Any] | None = None
_memory: MemoryStore | None = None
_build_lock = threading.Lock()


def build_server_graph() -> CompiledStateGraph[Any, Any, Any, Any]:
    """The process's one graph, built on first call (blocking; thread-safe)."""
    global _graph, _memory
    with _build_lock:
        if _graph is None:
            from confide.engine import make_chat_model
            from confide.graph.builder import build_graph
            from confide.memory.store import open_memory_store

            settings = load_settings()
            model = make_chat_model(settings) if settings.resolved_engine == "llm" else None
            _memory = open_memory_store(settings)
            _graph = build_graph(model, memory=_memory, settings=settings)
        return _graph


async def make_graph() -> CompiledStateGraph[Any, Any, Any, Any]:
    """The graph factory ``langgraph.json`` names: built once, off the event loop."""
    if _graph is not None:
        return _graph
    return await asyncio.to_thread(build_server_graph)


def reset_server_graph() -> None:
    """Forget the cached graph (tests; a process that changed its settings)."""
    global _graph, _memory
    with _build_lock:
        close = getattr(_memory, "close", None)  # a Chroma server client's connections
        if close is not None:
            close()
        _graph, _memory = None, None


def _load_for_postgres() -> Settings:
    import langgraph.checkpoint.postgres.aio  # noqa: F401
    import psycopg_pool  # noqa: F401

    import confide.backends  # noqa: F401

    return load_settings()


@asynccontextmanager
async def postgres_checkpointer() -> AsyncIterator[BaseCheckpointSaver[Any]]:
    """``AsyncPostgresSaver`` on ``CONFIDE_CHECKPOINT_URL``, for ``"checkpointer": {"path"}``.

    The same tables as :func:`confide.backends.open_postgres_checkpointer`, so LangGraph Server
    instances and Confide workers can share one database.
    """
    # importing and reading the config file touch the disk: both happen off the event loop
    settings = await asyncio.to_thread(_load_for_postgres)
    from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
    from psycopg.rows import dict_row
    from psycopg_pool import AsyncConnectionPool

    from confide.backends import POOL_MAX_SIZE, SETUP_LOCK_KEY, SETUP_TIMEOUT_S

    url = settings.checkpoint_url
    if not url or not is_server_url(url):
        raise ConfigError("postgres_checkpointer needs CONFIDE_CHECKPOINT_URL=postgresql://...")
    pool: AsyncConnectionPool[Any] = AsyncConnectionPool(
        conninfo=url,
        min_size=1,
        max_size=max(2, POOL_MAX_SIZE),
        kwargs={"autocommit": True, "prepare_threshold": 0, "row_factory": dict_row},
        open=False,
        name="confide-server-checkpoints",
    )
    await pool.open(wait=True, timeout=10)
    try:
        saver = AsyncPostgresSaver(pool)
        async with pool.connection() as conn:
            deadline = time.monotonic() + SETUP_TIMEOUT_S
            while True:
                cur = await conn.execute("SELECT pg_try_advisory_lock(%s) AS ok", (SETUP_LOCK_KEY,))
                row = await cur.fetchone()
                if row and row["ok"]:
                    break
                if time.monotonic() > deadline:
                    raise TimeoutError("another worker has been migrating the schema too long")
                await asyncio.sleep(0.05)
            try:
                await saver.setup()
            finally:
                await conn.execute("SELECT pg_advisory_unlock(%s)", (SETUP_LOCK_KEY,))
        yield saver
    finally:
        await pool.close()
