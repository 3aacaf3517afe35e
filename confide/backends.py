"""Where conversations live, chosen by configuration alone.

``checkpoint_url`` (``CONFIDE_CHECKPOINT_URL``) is a SQLite file (the embedded default,
``data_dir/conversations.sqlite``) or a ``postgresql://`` URL: then LangGraph's
``PostgresSaver`` runs on a psycopg connection pool and nothing is written to the local data
dir's database. Listing and erasing threads work the same on both; :mod:`confide.companion`
only calls the functions here. Memories are chosen the same way, by ``memory_url``
(:func:`confide.memory.store.open_memory_store`).

The PostgreSQL backend needs the ``server`` extra (``pip install 'confide[server]'``).
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from langgraph.checkpoint.base import BaseCheckpointSaver

from confide.config import Settings, is_server_url
from confide.errors import ConfideError, ConfigError

if TYPE_CHECKING:
    from langgraph.checkpoint.postgres import PostgresSaver

log = logging.getLogger(__name__)

#: Connections per worker process; LangGraph uses one per checkpoint read or write.
POOL_MAX_SIZE = 8
#: How long a worker waits for another one to finish creating or migrating the tables.
SETUP_TIMEOUT_S = 60.0
#: Key of the advisory lock that serialises schema migrations between workers starting at once.
SETUP_LOCK_KEY = 0x636F6E66  # "conf"


class BackendError(ConfideError):
    """A storage server could not be reached or refused an operation."""


def redact(url: str) -> str:
    """The URL without its password, for logs and error messages."""
    return re.sub(r"(://[^:/@]*):[^@/]*@", r"\1:***@", url)


def open_checkpointer(settings: Settings) -> BaseCheckpointSaver[Any]:
    """Open the configured checkpointer: SQLite by default, PostgreSQL for a URL."""
    url = settings.checkpoint_url
    if url and is_server_url(url):
        return open_postgres_checkpointer(url)
    from confide.persistence import open_checkpointer as open_sqlite

    return open_sqlite(settings.checkpoint_path)


def open_postgres_checkpointer(url: str, *, max_size: int = POOL_MAX_SIZE) -> PostgresSaver:
    """``PostgresSaver`` on a connection pool; creates or migrates its tables once.

    Connections are in autocommit mode with prepared statements off, as ``PostgresSaver``
    requires (it manages its own transactions and must work behind PgBouncer).
    """
    try:
        import psycopg
        from langgraph.checkpoint.postgres import PostgresSaver
        from psycopg.rows import dict_row
        from psycopg_pool import ConnectionPool
    except ImportError as exc:
        raise ConfigError(
            "a postgresql:// checkpoint_url needs the server extra: pip install 'confide[server]'"
        ) from exc
    try:
        # one direct connection first: fails fast, with the server's own reason (the pool would
        # retry until its timeout and report only that it timed out)
        psycopg.connect(url, autocommit=True, connect_timeout=10).close()
    except psycopg.Error as exc:
        raise BackendError(f"cannot use PostgreSQL at {redact(url)}: {exc}") from exc
    pool: ConnectionPool[Any] = ConnectionPool(
        conninfo=url,
        min_size=1,
        max_size=max(2, max_size),  # setup holds one connection for the lock, uses another
        kwargs={"autocommit": True, "prepare_threshold": 0, "row_factory": dict_row},
        open=False,
        name="confide-checkpoints",
    )
    try:
        pool.open(wait=True, timeout=10)
        saver = PostgresSaver(pool)
        # Two workers starting together would both run the migrations; the advisory lock makes
        # the second wait and then find them done.
        # It polls with pg_try_advisory_lock: a session blocked in pg_advisory_lock would hold
        # a snapshot that the migrations' CREATE INDEX CONCURRENTLY waits for (a deadlock).
        with pool.connection() as conn:
            deadline = time.monotonic() + SETUP_TIMEOUT_S
            while True:
                row = conn.execute(
                    "SELECT pg_try_advisory_lock(%s) AS ok", (SETUP_LOCK_KEY,)
                ).fetchone()
                if row and row["ok"]:
                    break
                if time.monotonic() > deadline:
                    raise TimeoutError("another worker has been migrating the schema for too long")
                time.sleep(0.05)
            try:
                saver.setup()
            finally:
                conn.execute("SELECT pg_advisory_unlock(%s)", (SETUP_LOCK_KEY,))
    except Exception as exc:
        pool.close()
        raise BackendError(f"cannot use PostgreSQL at {redact(url)}: {exc}") from exc
    return saver


def _is_postgres(saver: BaseCheckpointSaver[Any]) -> bool:
    return type(saver).__module__.startswith("langgraph.checkpoint.postgres")


def list_threads(saver: BaseCheckpointSaver[Any]) -> list[str]:
    """Every thread id stored in the checkpointer, most recently written first."""
    if not _is_postgres(saver):
        from confide.persistence import list_threads as list_sqlite

        return list_sqlite(saver)  # type: ignore[arg-type]
    # checkpoint ids are time-ordered UUIDv6 strings, so the largest is the latest write.
    with _pg_cursor(saver) as cur:
        cur.execute(
            "SELECT thread_id FROM checkpoints GROUP BY thread_id ORDER BY MAX(checkpoint_id) DESC"
        )
        return [str(row["thread_id"]) for row in cur.fetchall()]


def delete_threads(saver: BaseCheckpointSaver[Any], thread_ids: list[str]) -> None:
    """Delete the threads' checkpoints, blobs and writes, then reclaim the space.

    On PostgreSQL the rows are deleted in one transaction per thread, then a plain ``VACUUM``
    marks their space free. What it cannot reach (old row images in pages until overwritten,
    the write-ahead log until recycled, backups, replicas) is the operator's part: see
    docs/deployment.md, "Erasure on servers".
    """
    if not _is_postgres(saver):
        from confide.persistence import delete_threads as delete_sqlite

        delete_sqlite(saver, thread_ids)  # type: ignore[arg-type]
        return
    for thread_id in thread_ids:
        saver.delete_thread(thread_id)
    if thread_ids:
        with _pg_cursor(saver) as cur:
            for table in ("checkpoint_writes", "checkpoint_blobs", "checkpoints"):
                cur.execute(f"VACUUM {table}")


def close_checkpointer(saver: BaseCheckpointSaver[Any]) -> None:
    """Close the SQLite connection or the PostgreSQL pool (idempotent)."""
    conn = getattr(saver, "conn", None)
    close = getattr(conn, "close", None)
    if close is not None:
        close()


@contextmanager
def _pg_cursor(saver: BaseCheckpointSaver[Any]) -> Iterator[Any]:
    """A dict-row cursor on the saver's connection (one borrowed from its pool)."""
    from psycopg.rows import dict_row
    from psycopg_pool import ConnectionPool

    conn = saver.conn  # type: ignore[attr-defined]
    if isinstance(conn, ConnectionPool):
        with conn.connection() as borrowed, borrowed.cursor(row_factory=dict_row) as cur:
            yield cur
    else:
        with conn.cursor(row_factory=dict_row) as cur:
            yield cur
