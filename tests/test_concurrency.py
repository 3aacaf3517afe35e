"""Concurrency: many users in one process, one session from two processes, a locked store."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from langchain_core.messages import HumanMessage

from confide import persistence
from confide.companion import Companion
from confide.config import load_settings
from confide.errors import StorageError
from confide.locks import session_lock

SESSIONS = 50


@pytest.mark.slow
def test_fifty_users_in_threads_all_keep_memory_and_every_message(data_dir: Path) -> None:
    settings = load_settings(engine="offline")

    def one_user(n: int) -> tuple[bool, int, int]:
        companion = Companion(settings, user_id=f"user-{n}")
        try:
            companion.send(f"My sister Lena{n} moved away and I miss her", "s")
            companion.send("We used to talk every day", "s")
            has_memory = companion.services.memory is not None and companion.memory_note is None
            remembered = companion.services.memory.count(f"user-{n}") if has_memory else 0
            humans = sum(isinstance(m, HumanMessage) for m in companion.history("s"))
            return has_memory, remembered, humans
        finally:
            companion.close()

    with ThreadPoolExecutor(max_workers=10) as pool:
        results = list(pool.map(one_user, range(SESSIONS)))
    assert [r[0] for r in results] == [True] * SESSIONS  # memory never silently off
    assert all(r[1] >= 1 for r in results)  # and it really stored something for everyone
    assert [r[2] for r in results] == [2] * SESSIONS  # no message lost


WRITER = textwrap.dedent(
    """
    import sys
    from confide.companion import Companion
    from confide.config import load_settings

    tag, n = sys.argv[1], int(sys.argv[2])
    companion = Companion(load_settings(engine="offline"), user_id="ana", with_memory=False)
    for i in range(n):
        companion.send(f"message {tag}-{i} about my long week", "shared")
    companion.close()
    """
)


@pytest.mark.slow
def test_one_session_written_from_two_processes_loses_nothing(data_dir: Path) -> None:
    per_process = 8
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, tag, str(per_process)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for tag in ("a", "b")
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err.decode()[-2000:]
    companion = Companion(load_settings(engine="offline"), user_id="ana", with_memory=False)
    try:
        texts = [str(m.content) for m in companion.history("shared") if isinstance(m, HumanMessage)]
        replies = len(companion.history("shared")) - len(texts)
    finally:
        companion.close()
    expected = {f"message {t}-{i} about my long week" for t in "ab" for i in range(per_process)}
    assert set(texts) == expected and len(texts) == 2 * per_process
    assert replies == len(texts)  # every message was answered, in one linear history


def test_a_session_held_elsewhere_fails_clearly_and_keeps_the_message(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("confide.locks.DEFAULT_TIMEOUT_S", 0.2)
    companion = Companion(load_settings(engine="offline"), user_id="ana", with_memory=False)
    try:
        held = session_lock(data_dir, companion._thread("s"), 1.0)  # another writer holds it
        with held, pytest.raises(StorageError, match="another Confide"):
            list(companion.stream("I feel lost", "s"))
        assert companion.history("s") == []  # nothing half-written
        assert companion.send("I feel lost", "s")["reply"]  # and it works once free
    finally:
        companion.close()


def test_a_locked_database_gives_a_safe_reply_not_a_raw_exception(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(persistence, "BUSY_TIMEOUT_S", 0.2)
    companion = Companion(load_settings(engine="offline"), user_id="ana", with_memory=False)
    blocker = sqlite3.connect(str(companion.settings.checkpoint_path), timeout=0.1)
    try:
        blocker.execute("BEGIN EXCLUSIVE")
        events = list(
            companion.stream("I have the pills in my hand and I'm taking them all tonight", "s")
        )
        blocker.rollback()
        replies = [e for e in events if e.kind == "reply"]
        assert len(replies) == 1
        assert "988" in replies[0].text  # the crisis text, locally, even with the store locked
        assert replies[0].data.get("failsafe") is True
        assert "locked" in replies[0].data["error"]
    finally:
        blocker.close()
        companion.close()
