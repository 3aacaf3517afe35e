"""Sessions, listing, export, resume and erasure behave the same embedded and on servers.

"servers" = PostgreSQL (``checkpoint_url``) + a Chroma server (``memory_url``), both real and on
loopback; "embedded" = the default SQLite file and chromadb directory in the data dir.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import numpy as np
import numpy.typing as npt
import psycopg
import pytest
from langchain_core.messages import HumanMessage

from confide.backends import BackendError, redact
from confide.companion import Companion
from confide.config import Settings, load_settings
from confide.devservers import RunningServer
from confide.errors import ConfigError, MemoryStoreError
from confide.memory.store import forget_user_memories, open_memory_store


class HashEmbedder:
    """A tiny deterministic embedder: the purge test needs no model."""

    model_id, dimension = "hash", 16

    def embed(self, texts: list[str]) -> npt.NDArray[np.float32]:
        rows = [
            np.random.default_rng(int.from_bytes(t.encode()[:8].ljust(8), "little")).normal(
                size=self.dimension
            )
            for t in texts
        ]
        arr = np.asarray(rows, dtype=np.float32)
        return arr / np.linalg.norm(arr, axis=1, keepdims=True)


@pytest.fixture(params=["embedded", "servers"])
def settings(request: pytest.FixtureRequest, data_dir: Path) -> Settings:
    if request.param == "embedded":
        return load_settings(engine="offline")
    pg_url = request.getfixturevalue("pg_url")
    chroma: RunningServer = request.getfixturevalue("chroma")
    return load_settings(engine="offline", checkpoint_url=pg_url, memory_url=chroma.url)


@pytest.fixture
def users() -> tuple[str, str]:
    """Fresh user ids: the Chroma server is shared by the whole session."""
    tag = uuid.uuid4().hex[:8]
    return f"ana-{tag}", f"ben-{tag}"


_CRASH = """
import os
from confide.companion import Companion
from confide.config import load_settings
c = Companion(load_settings(engine="offline"), user_id=os.environ["CRASH_USER"])
for event in c.stream("I can't sleep because of work stress", "s3"):
    if event.kind == "node" and event.node == "counselor":
        os._exit(17)  # dies mid-turn: no cleanup, no reply yet
"""


@pytest.mark.slow
def test_sessions_listing_export_resume_and_forget(
    settings: Settings, users: tuple[str, str], data_dir: Path
) -> None:
    ana_id, ben_id = users
    ana = Companion(settings, user_id=ana_id)
    ben = Companion(settings, user_id=ben_id)
    try:
        ana.send("My sister Maria's visit next week really worries me", "s1")
        ana.send("We haven't talked in two years since the argument", "s1")
        assert ana.end_session("s1")
        out = ana.send("Maria arrived yesterday and it was tense", "s2")
        assert "Maria" in " ".join(m["text"] for m in out["recalled"])
        ben.send("My dog Rex is sick and I'm worried", "b1")

        # listing: this user's sessions only, most recent first
        assert [s.session_id for s in ana.sessions()] == ["s2", "s1"]
        assert [s.turns for s in ana.sessions()] == [1, 2]
        assert [s.session_id for s in ben.sessions()] == ["b1"]

        doc = json.loads(ana.export("s1", "json"))
        assert [t["turn"] for t in doc["turns"]] == [1, 2]
        assert doc["turns"][1]["user"] == "We haven't talked in two years since the argument"
        assert "Maria" in ana.export("s1", "markdown")

        # a process killed mid-turn: the next process resumes the turn, nothing is lost
        env = {**os.environ, "CRASH_USER": ana_id, "PYTHONPATH": str(Path.cwd())}
        if settings.checkpoint_url:
            env["CONFIDE_CHECKPOINT_URL"] = settings.checkpoint_url
        if settings.memory_url:
            env["CONFIDE_MEMORY_URL"] = settings.memory_url
        proc = subprocess.run(
            [sys.executable, "-c", _CRASH], env=env, capture_output=True, check=False
        )
        assert proc.returncode == 17, proc.stderr.decode()[-2000:]
        assert ana.pending("s3")
        ana.send("Any ideas?", "s3")
        kinds = [type(m).__name__ for m in ana.history("s3")]
        assert kinds == ["HumanMessage", "AIMessage", "HumanMessage", "AIMessage"]
        assert not ana.pending("s3")

        counts = ana.forget()
        assert counts["sessions"] == 3
        assert counts["memories"] >= 1
        assert ana.sessions() == []
        assert ana.history("s1") == []
        assert [s.session_id for s in ben.sessions()] == ["b1"]
    finally:
        ana.close()
        ben.close()

    store = open_memory_store(settings)
    assert store is not None
    assert store.count(ana_id) == 0
    assert store.count(ben_id) >= 1
    getattr(store, "close", lambda: None)()
    if settings.checkpoint_url:  # servers: the local data dir holds no database at all
        assert not settings.checkpoint_path.exists()
        assert not (data_dir / "memory").exists()
        assert not any(data_dir.rglob("*.sqlite*"))


def test_erasure_leaves_no_row_in_postgres(
    pg_url: str, chroma: RunningServer, users: tuple[str, str]
) -> None:
    ana_id, ben_id = users
    marker = f"Zorblax{uuid.uuid4().hex[:6]}"
    settings = load_settings(engine="offline", checkpoint_url=pg_url, memory_url=chroma.url)
    ana = Companion(settings, user_id=ana_id)
    ben = Companion(settings, user_id=ben_id)
    try:
        ana.send(f"My cat {marker} died last week and I miss him so much", "s1")
        ben.send("My dog Rex is sick and I'm worried", "b1")
        ana.forget()
    finally:
        ana.close()
        ben.close()
    with psycopg.connect(pg_url) as conn:
        for table in ("checkpoints", "checkpoint_blobs", "checkpoint_writes"):
            rows = conn.execute(
                f"SELECT count(*) FROM {table} WHERE thread_id LIKE %s", (f"{ana_id}::%",)
            ).fetchone()
            assert rows == (0,), table
        ben_rows = conn.execute(
            "SELECT count(*) FROM checkpoints WHERE thread_id LIKE %s", (f"{ben_id}::%",)
        ).fetchone()
        assert ben_rows is not None and ben_rows[0] > 0
        hits = conn.execute(
            "SELECT (SELECT count(*) FROM checkpoint_blobs WHERE position(%s::bytea in blob) > 0)"
            " + (SELECT count(*) FROM checkpoint_writes WHERE position(%s::bytea in blob) > 0)"
            " + (SELECT count(*) FROM checkpoints WHERE checkpoint::text LIKE %s)",
            (marker.encode(), marker.encode(), f"%{marker}%"),
        ).fetchone()
        assert hits == (0,)


def test_chroma_server_erasure_and_the_operators_purge(users: tuple[str, str]) -> None:
    """forget() deletes the records on the server; its files keep them until purged.

    The purge (scripts/chroma_purge.py: ``chroma vacuum`` + orphaned segment directories) is
    the operator's step documented in docs/deployment.md.
    """
    from confide.devservers import chroma_server
    from confide.memory.remote import RemoteMemoryStore

    ana_id, ben_id = users
    marker = f"Quibbix{uuid.uuid4().hex[:6]}"
    with chroma_server() as server:
        store = RemoteMemoryStore(server.url, HashEmbedder())
        for i in range(50):
            store.add(ana_id, f"{marker} note {i}")
        store.add(ben_id, "Rex is sick")
        assert store.forget_user(ana_id) == 50
        assert store.count(ana_id) == 0 and store.memories(ana_id) == []
        assert store.search(ana_id, marker) == []
        assert store.count(ben_id) == 1

        def on_disk() -> list[Path]:
            return [
                p
                for p in server.data_dir.rglob("*")
                if p.is_file() and marker.encode() in p.read_bytes()
            ]

        assert on_disk(), "expected: the server keeps deleted text until it is compacted"
        purge = Path(__file__).resolve().parents[2] / "scripts" / "chroma_purge.py"
        done = subprocess.run(
            [sys.executable, str(purge), "--path", str(server.data_dir), "--yes"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        # Left: nothing but, at times, fragments in the uninitialised padding of a *live*
        # collection's HNSW file (chromadb 1.5.9 writes heap garbage there; documented).
        live = _live_segment_dirs(server.data_dir)
        assert [p for p in on_disk() if p.parent.name not in live] == []
        assert "removed 1 orphaned segment" in done.stdout
        assert store.count(ben_id) == 1  # the server keeps serving the other users
        store.close()


def _live_segment_dirs(path: Path) -> set[str]:
    import sqlite3

    con = sqlite3.connect(path / "chroma.sqlite3")
    try:
        return {str(row[0]) for row in con.execute("SELECT id FROM segments")}
    finally:
        con.close()


def test_urls_are_validated_and_passwords_never_shown() -> None:
    with pytest.raises(ConfigError, match="postgresql://"):
        load_settings(checkpoint_url="mysql://db/confide")
    with pytest.raises(ConfigError, match="http://"):
        load_settings(memory_url="ftp://chroma:8000")
    local = load_settings(checkpoint_url="/srv/confide/c.sqlite", memory_url="/srv/confide/mem")
    assert local.checkpoint_path == Path("/srv/confide/c.sqlite")
    assert local.memory_path == Path("/srv/confide/mem")
    env = load_settings(
        environ={
            "CONFIDE_CHECKPOINT_URL": "postgresql://u:pw@db:5432/confide",
            "CONFIDE_MEMORY_URL": "http://chroma:8000",
        }
    )
    assert env.checkpoint_url == "postgresql://u:pw@db:5432/confide"
    assert env.memory_url == "http://chroma:8000"
    assert redact("postgresql://u:s3cret@db/confide") == "postgresql://u:***@db/confide"


def test_an_unreachable_server_is_a_clear_error(data_dir: Path) -> None:
    from confide.devservers import free_port

    port = free_port()  # nothing listens there
    settings = load_settings(
        engine="offline",
        checkpoint_url=f"postgresql://u:s3cret@127.0.0.1:{port}/confide?connect_timeout=1",
        memory_url=f"http://127.0.0.1:{port}",
    )
    with pytest.raises(BackendError) as info:
        Companion(settings)
    assert "s3cret" not in str(info.value)
    # memory is optional while chatting, but erasure must say when it did not happen
    assert open_memory_store(settings) is None
    with pytest.raises(MemoryStoreError):
        forget_user_memories(settings, "ana")


def test_two_workers_starting_together_set_up_the_schema_once(pg_url: str) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from confide.backends import close_checkpointer, list_threads, open_postgres_checkpointer

    with ThreadPoolExecutor(4) as pool:
        savers = list(pool.map(lambda _: open_postgres_checkpointer(pg_url), range(4)))
    try:
        assert all(list_threads(s) == [] for s in savers)
    finally:
        for saver in savers:
            close_checkpointer(saver)


def test_history_reads_the_same_through_another_worker(
    pg_url: str, chroma: RunningServer, users: tuple[str, str]
) -> None:
    ana_id, _ = users
    settings = load_settings(engine="offline", checkpoint_url=pg_url, memory_url=chroma.url)
    first, second = Companion(settings, user_id=ana_id), Companion(settings, user_id=ana_id)
    try:
        first.send("I feel lonely since I moved to Berlin", "s1")
        second.send("I don't know anyone here", "s1")
        humans = [m.content for m in first.history("s1") if isinstance(m, HumanMessage)]
        assert humans == ["I feel lonely since I moved to Berlin", "I don't know anyone here"]
    finally:
        first.close()
        second.close()
