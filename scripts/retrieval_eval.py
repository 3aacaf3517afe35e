"""Recall@5 of every retrieval strategy on the labelled set (benchmarks/data/retrieval_set.jsonl).

Loads every memory into a real chromadb store (offline MiniLM embeddings) in a temporary dir,
fetches each query's candidates by meaning once, then ranks them with every strategy (the pure
functions of confide.memory.retrieval) and prints a markdown table: recall@5 overall and per tag
(mood: same words, different mood; topic; coping), plus MRR of the first expected memory.

Emotion vectors: ``--emotions labels`` (default) uses the set's hand-labelled vectors;
``--emotions classifier`` re-estimates every memory and query with Confide's offline emotion
classifier from its text alone; ``--emotions mixed`` estimates the memories with the classifier
(as the app stores them) and keeps the queries' labelled state (the mood known from the
conversation).

Run: .venv/bin/python scripts/retrieval_eval.py [--emotions labels|classifier] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from confide.memory.remember import salience
from confide.memory.retrieval import Candidate, RetrievalConfig, rank
from confide.memory.store import MemoryStore

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / "data" / "retrieval_set.jsonl"
NOW = 1_795_000_000.0
K = 5
RECENCY = {"recency_weight": 0.1, "recency_half_life_days": 30.0}

STRATEGIES: list[tuple[str, RetrievalConfig]] = [
    ("semantic", RetrievalConfig(strategy="semantic")),
    ("semantic + recency", RetrievalConfig(strategy="semantic", **RECENCY)),  # type: ignore[arg-type]
    ("combination α=0.9", RetrievalConfig(strategy="combination", alpha=0.9)),
    ("combination α=0.8", RetrievalConfig(strategy="combination", alpha=0.8)),
    ("combination α=0.7", RetrievalConfig(strategy="combination", alpha=0.7)),
    ("combination α=0.5", RetrievalConfig(strategy="combination", alpha=0.5)),
    ("combination α=0.3", RetrievalConfig(strategy="combination", alpha=0.3)),
    (
        "combination α=0.5 (min-max)",
        RetrievalConfig(strategy="combination", alpha=0.5, normalise="minmax"),
    ),
    ("combination α=0.9 + recency", RetrievalConfig(strategy="combination", alpha=0.9, **RECENCY)),  # type: ignore[arg-type]
    ("combination α=0.7 + recency", RetrievalConfig(strategy="combination", alpha=0.7, **RECENCY)),  # type: ignore[arg-type]
    ("combination α=0.5 + recency", RetrievalConfig(strategy="combination", alpha=0.5, **RECENCY)),  # type: ignore[arg-type]
    ("sequential top-8", RetrievalConfig(strategy="sequential", first_stage=8)),
    ("sequential top-10", RetrievalConfig(strategy="sequential", first_stage=10)),
    ("sequential top-15", RetrievalConfig(strategy="sequential", first_stage=15)),
    (
        "sequential top-10 + recency",
        RetrievalConfig(strategy="sequential", first_stage=10, **RECENCY),
    ),  # type: ignore[arg-type]
    (
        "sequential top-10 + salience",
        RetrievalConfig(strategy="sequential", first_stage=10, salience_weight=0.1),
    ),
]


def load() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]
    return [r for r in rows if r["type"] == "memory"], [r for r in rows if r["type"] == "query"]


def classify(texts: list[str]) -> list[dict[str, float]]:
    from confide.agents.emotion import default_classifier

    clf = default_classifier()
    return [dict(clf.estimate(t).vector) for t in texts]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--emotions", choices=("labels", "classifier", "mixed"), default="labels")
    parser.add_argument(
        "--one-user",
        action="store_true",
        help="put all 100 memories under one user (harder: 4x the distractors)",
    )
    parser.add_argument("--json", type=Path, help="also write the results as JSON")
    args = parser.parse_args()

    memories, queries = load()
    if args.one_user:
        for row in memories + queries:
            row["user"] = "everyone"
    if args.emotions in ("classifier", "mixed"):
        for row, vec in zip(memories, classify([m["text"] for m in memories]), strict=True):
            row["emotion"] = vec
    if args.emotions == "classifier":
        for row, vec in zip(queries, classify([q["text"] for q in queries]), strict=True):
            row["emotion"] = vec

    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        store = MemoryStore(Path(tmp) / "memory")
        by_user: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for m in memories:
            by_user[m["user"]].append(m)
        for user, rows in by_user.items():
            store.add_many(
                user,
                [m["text"] for m in rows],
                kinds=[m["kind"] for m in rows],
                session_ids=[m["session"] for m in rows],
                created_ats=[NOW - m["days_ago"] * 86400.0 for m in rows],
                saliences=[salience(m["text"]) for m in rows],
                emotions=[m["emotion"] for m in rows],
                ids=[m["id"] for m in rows],
            )
        pools: dict[str, list[Candidate]] = {
            q["id"]: store.candidates(q["user"], q["text"], n=40) for q in queries
        }
    setup_s = time.perf_counter() - started

    results: list[dict[str, Any]] = []
    for name, config in STRATEGIES:
        per_tag: dict[str, list[float]] = defaultdict(list)
        recalls, recalls3, rranks = [], [], []
        for q in queries:
            got = [m["id"] for m in rank(pools[q["id"]], q["emotion"], config, now=NOW, k=K)]
            expected = set(q["expected"])
            recall = len(expected & set(got)) / len(expected)
            recalls3.append(len(expected & set(got[:3])) / len(expected))
            full = [
                m["id"]
                for m in rank(pools[q["id"]], q["emotion"], config, now=NOW, k=len(pools[q["id"]]))
            ]
            first = min((full.index(e) for e in expected if e in full), default=None)
            rranks.append(0.0 if first is None else 1.0 / (first + 1))
            recalls.append(recall)
            for tag in q["tags"]:
                per_tag[tag].append(recall)
        results.append(
            {
                "strategy": name,
                "recall@5": sum(recalls) / len(recalls),
                "mrr": sum(rranks) / len(rranks),
                "recall@3": sum(recalls3) / len(recalls3),
                **{f"recall@5[{t}]": sum(v) / len(v) for t, v in sorted(per_tag.items())},
            }
        )

    tags = sorted({t for q in queries for t in q["tags"]})
    counts = {t: sum(t in q["tags"] for q in queries) for t in tags}
    per_user = "all in one user" if args.one_user else "25 per user"
    print(
        f"{len(memories)} memories ({per_user}), {len(queries)} queries,"
        f" emotions={args.emotions}, k={K}, pool=40 by meaning (setup {setup_s:.1f}s)\n"
    )
    header = ["strategy", "recall@5", *[f"{t} (n={counts[t]})" for t in tags], "recall@3", "MRR"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    best = max(r["recall@5"] for r in results)
    for r in results:
        cells = [
            r["strategy"],
            f"{r['recall@5']:.3f}" + (" ←" if r["recall@5"] == best else ""),
            *[f"{r[f'recall@5[{t}]']:.3f}" for t in tags],
            f"{r['recall@3']:.3f}",
            f"{r['mrr']:.3f}",
        ]
        print("| " + " | ".join(cells) + " |")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
