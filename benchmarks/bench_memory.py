"""Memory retrieval latency (p50/p95) and memory use at 1k, 10k and 100k memories for one user.

Embedding 100k texts with MiniLM on this machine would take far too long, so the scale test
inserts precomputed vectors through the store's ``embeddings=`` path: 384-dim unit vectors
drawn around 2,000 random "topics" (a topic vector plus Gaussian noise, renormalised), with a
random Plutchik vector per memory. Queries are fresh perturbations of the same topics. The
store, the chromadb HNSW index, the metadata and the ranking are the real ones.

Each scale runs in its own process (a clean RSS figure). Reported per scale: insert time, the
chromadb query alone (40 candidates), a full ``search`` (40 candidates + emotion-aware ranking,
combination strategy, k=5), the end-to-end time including MiniLM embedding of the query text,
peak RSS and the size on disk.

Run: .venv/bin/python benchmarks/bench_memory.py [--scales 1000 10000 100000] [--queries 200]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

DIM = 384
PLUTCHIK = ("joy", "trust", "fear", "surprise", "sadness", "disgust", "anger", "anticipation")


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _unit(x: np.ndarray) -> np.ndarray:
    return (x / np.linalg.norm(x, axis=-1, keepdims=True)).astype(np.float32)


def _dir_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def run_scale(n: int, n_queries: int) -> dict[str, float]:
    from confide.memory.retrieval import RetrievalConfig
    from confide.memory.store import MemoryStore

    rng = np.random.default_rng(n)
    topics = _unit(rng.normal(size=(2000, DIM)))
    base_rss = _rss_mb()
    with tempfile.TemporaryDirectory() as tmp:
        store = MemoryStore(Path(tmp) / "memory")
        t0 = time.perf_counter()
        chunk = 10_000
        for start in range(0, n, chunk):
            m = min(chunk, n - start)
            which = rng.integers(0, len(topics), size=m)
            vecs = _unit(topics[which] + 0.35 * rng.normal(size=(m, DIM)) / np.sqrt(DIM) * 4)
            emos = rng.random((m, len(PLUTCHIK))) ** 2
            store.add_many(
                "bench-user",
                [f"synthetic memory {start + i} about topic {which[i]}" for i in range(m)],
                kinds=["disclosure"] * m,
                session_ids=[f"s{(start + i) // 50}" for i in range(m)],
                created_ats=[1.7e9 + (start + i) * 60.0 for i in range(m)],
                saliences=rng.random(m).tolist(),
                emotions=[dict(zip(PLUTCHIK, row.tolist(), strict=True)) for row in emos],
                ids=[f"m{start + i}" for i in range(m)],
                embeddings=vecs,
            )
        insert_s = time.perf_counter() - t0
        config = RetrievalConfig(strategy="combination", alpha=0.9, pool=40)
        queries = _unit(
            topics[rng.integers(0, len(topics), size=n_queries)]
            + 0.35 * rng.normal(size=(n_queries, DIM)) / np.sqrt(DIM) * 4
        )
        q_emos = [
            dict(zip(PLUTCHIK, (rng.random(8) ** 2).tolist(), strict=True))
            for _ in range(n_queries)
        ]
        for q in queries[:5]:  # warm up
            store.candidates("bench-user", query_embedding=q, n=40)
        raw, full = [], []
        for q, emo in zip(queries, q_emos, strict=True):
            t = time.perf_counter()
            store.candidates("bench-user", query_embedding=q, n=40)
            raw.append(time.perf_counter() - t)
            t = time.perf_counter()
            found = store.search(
                "bench-user", "", emotion=emo, k=5, config=config, query_embedding=q
            )
            full.append(time.perf_counter() - t)
            assert len(found) == 5
        texts = [
            f"I keep thinking about what happened with my sister, case {i}"
            for i in range(min(50, n_queries))
        ]
        store.search("bench-user", "warm up the embedder", k=5, config=config)
        e2e = []
        for text in texts:
            t = time.perf_counter()
            store.search("bench-user", text, emotion=q_emos[0], k=5, config=config)
            e2e.append(time.perf_counter() - t)
        disk = _dir_mb(Path(tmp) / "memory")
    ms = lambda xs, p: float(np.percentile(np.array(xs) * 1000, p))  # noqa: E731
    return {
        "n": n,
        "insert_s": insert_s,
        "query_p50_ms": ms(raw, 50),
        "query_p95_ms": ms(raw, 95),
        "search_p50_ms": ms(full, 50),
        "search_p95_ms": ms(full, 95),
        "e2e_p50_ms": ms(e2e, 50),
        "e2e_p95_ms": ms(e2e, 95),
        "rss_mb": _rss_mb(),
        "peak_rss_mb": _peak_mb(),
        "base_rss_mb": base_rss,
        "disk_mb": disk,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_scale(args.child, args.queries)))
        return
    rows = []
    for n in args.scales:
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(n), "--queries", str(args.queries)],
            check=True,
            capture_output=True,
            text=True,
        )
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(f"done {n}", file=sys.stderr)
    load = Path("/proc/loadavg").read_text().split()[:3]
    print(f"load average at the end: {' '.join(load)} ({len(os.sched_getaffinity(0))} cores)\n")
    print(
        "| memories | insert | chroma query p50 / p95 | search p50 / p95 |"
        " search + embed p50 / p95 | RSS before insert | peak RSS | on disk |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['n']:,} | {r['insert_s']:.1f} s"
            f" | {r['query_p50_ms']:.1f} / {r['query_p95_ms']:.1f} ms"
            f" | {r['search_p50_ms']:.1f} / {r['search_p95_ms']:.1f} ms"
            f" | {r['e2e_p50_ms']:.1f} / {r['e2e_p95_ms']:.1f} ms"
            f" | {r['base_rss_mb']:.0f} MB | {r['peak_rss_mb']:.0f} MB | {r['disk_mb']:.0f} MB |"
        )


if __name__ == "__main__":
    main()
