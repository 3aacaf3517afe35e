"""Turns per second: the embedded default versus PostgreSQL + a Chroma server, 1 and 2 workers.

Each worker is its own process running :class:`confide.Companion` (offline engine, so the
figures measure Confide and its storage, not a model endpoint) over its share of the sessions,
a few sessions at a time in threads. Workers load their models and run one warm-up turn, report
"ready", and start together on "go"; throughput is all turns over the wall time from "go" to
the last worker's end. Added latency per turn = mean turn latency on servers minus embedded,
both with one worker. The embedded default runs one worker only: a chromadb directory must not
be opened by two processes.

The servers are throwaway local ones on loopback (confide.devservers): PostgreSQL with
fsync off, so the figures are an upper bound for a durable server.

Run: .venv/bin/python benchmarks/bench_backends.py [--sessions 24] [--turns 3]
The same worker mode serves tests/backends/test_multi_worker.py (``--worker``).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MESSAGES = (
    "I've been feeling overwhelmed at work lately [{tag}]",
    "My manager keeps adding deadlines and I can't sleep [{tag}]",
    "Maybe I should talk to a friend about it [{tag}]",
    "Thanks, that helps a little [{tag}]",
)


def worker(spec: dict[str, Any]) -> None:
    """Worker mode: run the given turns, print JSON lines (ready, then the result)."""
    from confide.companion import Companion
    from confide.config import load_settings

    settings = load_settings(engine="offline")
    companions: dict[str, Companion] = {}
    for user in sorted({job["user"] for job in spec["jobs"]}):
        companions[user] = Companion(settings, user_id=user)
    warm = companions[sorted(companions)[0]]
    warm.send("warm-up turn", f"warmup-{os.getpid()}")
    print(json.dumps({"ready": True}), flush=True)
    sys.stdin.readline()  # "go"

    def run(job: dict[str, Any]) -> list[float]:
        c = companions[job["user"]]
        latencies = []
        for turn in job["turns"]:
            t0 = time.perf_counter()
            reply = c.send(
                MESSAGES[turn % len(MESSAGES)].format(tag=job["session"]), job["session"]
            )
            latencies.append(time.perf_counter() - t0)
            if not reply["reply"].strip():
                raise RuntimeError(f"empty reply in {job['session']}")
        return latencies

    start = time.time()
    with ThreadPoolExecutor(spec.get("threads", 4)) as pool:
        latencies = [x for chunk in pool.map(run, spec["jobs"]) for x in chunk]
    end = time.time()
    for c in companions.values():
        c.close()
    print(json.dumps({"start": start, "end": end, "latencies": latencies}), flush=True)


def run_workers(specs: list[dict[str, Any]], env: dict[str, str]) -> dict[str, Any]:
    """Start one process per spec, release them together, collect their results."""
    procs = [
        subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--worker", json.dumps(spec)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=env,
        )
        for spec in specs
    ]
    for proc in procs:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        if not line.strip():
            raise RuntimeError(f"worker {proc.pid} died before it was ready")
    go = time.time()
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    results = []
    for proc in procs:
        out, _ = proc.communicate(timeout=1800)
        if proc.returncode != 0:
            raise RuntimeError(f"worker {proc.pid} failed with {proc.returncode}")
        results.append(json.loads(out.strip().splitlines()[-1]))
    latencies = [x for r in results for x in r["latencies"]]
    wall = max(r["end"] for r in results) - go
    return {"turns": len(latencies), "wall_s": wall, "latencies": latencies}


def split_jobs(sessions: int, turns: list[int], workers: int, tag: str) -> list[dict[str, Any]]:
    """Sessions spread over ``workers``: session i goes to worker i % workers, 4 users."""
    specs: list[dict[str, Any]] = [{"jobs": []} for _ in range(workers)]
    for i in range(sessions):
        specs[i % workers]["jobs"].append(
            {"user": f"user{i % 4}-{tag}", "session": f"s{i:03d}-{tag}", "turns": turns}
        )
    return specs


def _summary(name: str, workers: int, res: dict[str, Any]) -> dict[str, Any]:
    lat = sorted(res["latencies"])
    return {
        "backend": name,
        "workers": workers,
        "turns": res["turns"],
        "turns_per_s": res["turns"] / res["wall_s"],
        "mean_ms": 1000 * sum(lat) / len(lat),
        "p50_ms": 1000 * lat[len(lat) // 2],
        "p95_ms": 1000 * lat[int(len(lat) * 0.95)],
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=24)
    parser.add_argument("--turns", type=int, default=3)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(json.loads(args.worker))
        return 0
    sys.path.insert(0, str(ROOT))
    from confide.devservers import chroma_server, postgres_server

    turns = list(range(args.turns))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "CONFIDE_DATA_DIR": f"{tmp}/embedded", "PYTHONPATH": str(ROOT)}
        env.pop("CONFIDE_CHECKPOINT_URL", None)
        env.pop("CONFIDE_MEMORY_URL", None)
        res = run_workers(split_jobs(args.sessions, turns, 1, "e1"), env)
        rows.append(_summary("embedded (SQLite + chromadb dir)", 1, res))
        with postgres_server() as pg, chroma_server() as ch:
            env = {
                **env,
                "CONFIDE_DATA_DIR": f"{tmp}/servers",
                "CONFIDE_CHECKPOINT_URL": pg.url,
                "CONFIDE_MEMORY_URL": ch.url,
            }
            for workers in (1, 2):
                res = run_workers(split_jobs(args.sessions, turns, workers, f"w{workers}"), env)
                rows.append(_summary("PostgreSQL + Chroma server", workers, res))
    print(f"{args.sessions} sessions x {args.turns} turns, offline engine, {os.cpu_count()} CPUs")
    print("| backend | workers | turns/s | mean ms/turn | p50 | p95 |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['backend']} | {r['workers']} | {r['turns_per_s']:.2f} | {r['mean_ms']:.0f} "
            f"| {r['p50_ms']:.0f} | {r['p95_ms']:.0f} |"
        )
    added = rows[1]["mean_ms"] - rows[0]["mean_ms"]
    print(f"added latency per turn (servers vs embedded, 1 worker): {added:+.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
