"""Several workers, one state: 2 worker processes, 50 concurrent sessions, one PostgreSQL and
one Chroma server. Every session's first turn runs on one worker and its second on the other.
"""

from __future__ import annotations

import importlib.util
import os
import uuid
from pathlib import Path

import pytest
from langchain_core.messages import AIMessage, HumanMessage

from confide.companion import Companion
from confide.config import load_settings
from confide.devservers import RunningServer

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location(
    "bench_backends", ROOT / "benchmarks" / "bench_backends.py"
)
assert _spec and _spec.loader
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)

SESSIONS = 50


@pytest.mark.slow
def test_two_workers_fifty_sessions_lose_nothing_and_never_mix(
    pg_url: str, chroma: RunningServer, data_dir: Path
) -> None:
    tag = uuid.uuid4().hex[:6]
    env = {
        **os.environ,
        "CONFIDE_CHECKPOINT_URL": pg_url,
        "CONFIDE_MEMORY_URL": chroma.url,
        "PYTHONPATH": str(ROOT),
    }
    # turn 0: session i on worker i % 2; turn 1: on the other worker
    first = bench.split_jobs(SESSIONS, [0], 2, tag)
    second = bench.split_jobs(SESSIONS, [1], 2, tag)[::-1]
    for specs in (first, second):
        for spec in specs:
            spec["threads"] = 5
        assert bench.run_workers(specs, env)["turns"] == SESSIONS

    settings = load_settings(engine="offline", checkpoint_url=pg_url, memory_url=chroma.url)
    users = sorted({job["user"] for spec in first for job in spec["jobs"]})
    seen = 0
    for user in users:
        c = Companion(settings, user_id=user)
        try:
            mine = sorted(
                job["session"] for spec in first for job in spec["jobs"] if job["user"] == user
            )
            listed = sorted(
                s.session_id for s in c.sessions() if not s.session_id.startswith("warmup")
            )
            assert listed == mine  # no session of another user, none missing
            for session in mine:
                msgs = c.history(session)
                assert [type(m) for m in msgs] == [HumanMessage, AIMessage, HumanMessage, AIMessage]
                humans = [str(m.content) for m in msgs if isinstance(m, HumanMessage)]
                expected = [bench.MESSAGES[t].format(tag=session) for t in (0, 1)]
                assert humans == expected  # 0 lost, in order, 0 cross-talk
                assert not c.pending(session)
                seen += 1
        finally:
            c.close()
    assert seen == SESSIONS
