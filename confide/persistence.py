"""Embedded persistence: the LangGraph SQLite checkpointer in the user's data dir."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from langgraph.checkpoint.sqlite import SqliteSaver


def open_checkpointer(path: Path) -> SqliteSaver:
    """Open (creating if needed) the SQLite checkpointer at ``path``.

    WAL mode keeps earlier turns intact if the process dies mid-turn: every node's update is a
    committed checkpoint, so a crashed turn resumes from the last completed step.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    # Default (deferred) transactions: SqliteSaver commits each put/put_writes as one
    # transaction, so a crash never leaves half of a node's writes on disk.
    conn = sqlite3.connect(str(path), check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    saver = SqliteSaver(conn)
    saver.setup()
    return saver


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
