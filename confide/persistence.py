"""Embedded persistence: the LangGraph SQLite checkpointer in the user's data dir."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from langgraph.checkpoint.sqlite import SqliteSaver

from confide.errors import StorageError

#: How long a write waits for another connection's write lock before failing clearly.
BUSY_TIMEOUT_S = 30.0


def open_checkpointer(path: Path) -> SqliteSaver:
    """Open (creating if needed) the SQLite checkpointer at ``path``.

    WAL mode keeps earlier turns intact if the process dies mid-turn: every node's update is a
    committed checkpoint, so a crashed turn resumes from the last completed step. Commits are
    synced at WAL checkpoints (``synchronous=NORMAL``), the setting SQLite recommends for WAL.
    """
    from confide.privacy import secure_dir, secure_tree

    secure_dir(path.parent)
    # Default (deferred) transactions: SqliteSaver commits each put/put_writes as one
    # transaction, so a crash never leaves half of a node's writes on disk. The busy timeout
    # makes SQLite retry while another connection (thread or process) holds the write lock,
    # instead of failing at once with "database is locked".
    try:
        conn = sqlite3.connect(str(path), check_same_thread=False, timeout=BUSY_TIMEOUT_S)
        conn.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
        _retry_locked(lambda: conn.execute("PRAGMA journal_mode=WAL"))
        # In WAL mode NORMAL syncs at checkpoints, not at every commit: a process crash loses
        # nothing committed (the WAL is in the OS's cache), and a power loss can drop at most
        # the last commits, never corrupt the store. It saves an fsync per node update.
        conn.execute("PRAGMA synchronous=NORMAL")
        saver = SqliteSaver(conn)
        _retry_locked(saver.setup)
    except sqlite3.Error as exc:
        raise StorageError(f"could not open the conversation store {path}: {exc}") from exc
    secure_tree(path.parent)
    return saver


def _retry_locked(op: Callable[[], object], attempts: int = 5) -> None:
    """Run ``op``, retrying a few times while SQLite reports the database locked or busy."""
    for attempt in range(attempts):
        try:
            op()
            return
        except sqlite3.OperationalError as exc:
            message = str(exc).lower()
            if ("locked" not in message and "busy" not in message) or attempt == attempts - 1:
                raise
            time.sleep(0.05 * (2**attempt))


def list_threads(saver: SqliteSaver) -> list[str]:
    """Every thread id stored in the checkpointer, most recently written first."""
    cur = saver.conn.execute(
        "SELECT thread_id, MAX(rowid) AS last FROM checkpoints GROUP BY thread_id "
        "ORDER BY last DESC"
    )
    return [str(row[0]) for row in cur.fetchall()]


def delete_threads(saver: SqliteSaver, thread_ids: list[str]) -> None:
    """Delete the given threads' checkpoints and pending writes, then reclaim the space."""
    for thread_id in thread_ids:
        saver.delete_thread(thread_id)
    # VACUUM rewrites the file without the freed pages; the WAL checkpoint then truncates the
    # write-ahead log, which would otherwise still hold copies of the deleted pages.
    saver.conn.execute("VACUUM")
    saver.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
