"""Benchmark the per-turn emotion estimate (offline engine): latency p50/p95 and memory.

Measures the whole ``emotion`` node (clean text, MiniLM embedding, head, Plutchik mapping,
labels, shift against the history) on user messages of realistic length: 300 GoEmotions dev
comments, a set of longer support-style messages and 300 messages of 300 characters (dev
comments joined, then cut). Prints a markdown table and a JSON line.

Usage (from the repo root)::

    .venv/bin/python benchmarks/bench_emotion.py [--n 300] [--data ../shared/data/goemotions]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LONG_MESSAGES = [
    "I failed my exam again and I feel worthless. Everyone else seems to manage and I keep "
    "messing up no matter how much I study. My parents are going to be so disappointed.",
    "My sister is visiting next week and honestly I'm dreading it. Last time we ended up "
    "shouting at each other and I spent days feeling guilty about the things I said.",
    "I finally talked to my manager about the workload and she actually listened. I feel "
    "lighter than I have in weeks, like maybe things can get better after all.",
    "I don't really know why I'm writing this. I just feel empty, like I'm going through the "
    "motions every day and nothing touches me anymore. I used to love painting.",
    "It's been three months since my dad passed away and people expect me to be over it. "
    "I still pick up the phone to call him sometimes. I miss him so much it hurts.",
] * 20


def rss_mb() -> float:
    """Current resident set size in MB (Linux /proc), or the peak when unavailable."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentiles(values: list[float]) -> dict[str, float]:
    """p50/p95/mean in milliseconds."""
    arr = np.array(values) * 1000
    return {
        "p50_ms": round(float(np.percentile(arr, 50)), 2),
        "p95_ms": round(float(np.percentile(arr, 95)), 2),
        "mean_ms": round(float(arr.mean()), 2),
    }


def messages_of(texts: list[str], chars: int, n: int) -> list[str]:
    """``n`` messages of about ``chars`` characters: consecutive texts joined, then cut."""
    out: list[str] = []
    pool = iter(texts * 10)
    while len(out) < n:
        msg = ""
        while len(msg) < chars:
            msg = f"{msg} {next(pool)}".strip()
        out.append(msg[:chars].rstrip())
    return out


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT / ".." / "shared" / "data" / "goemotions")
    ap.add_argument("--n", type=int, default=300, help="dev comments to time")
    ap.add_argument("--head", type=Path, default=None, help="another head file (not verified)")
    args = ap.parse_args(argv)

    rss0 = rss_mb()
    from langchain_core.messages import HumanMessage
    from langgraph.runtime import Runtime

    from confide.agents.emotion import EmotionClassifier, make_emotion_node
    from confide.config import load_settings
    from confide.context import Context
    from confide.engine import Services

    rss_import = rss_mb()
    clf = EmotionClassifier(head_file=args.head, verify=args.head is None)
    t0 = time.perf_counter()
    clf.predict("warm up")
    load_s = time.perf_counter() - t0
    rss_loaded = rss_mb()
    node = make_emotion_node(Services(settings=load_settings(engine="offline")), classifier=clf)
    runtime = Runtime(context=Context())

    dev_path = args.data / "dev.tsv"
    short = [line.split("\t")[0] for line in dev_path.read_text(encoding="utf-8").splitlines()]
    sized = messages_of(short, 300, args.n)
    short = short[: args.n]
    results: dict[str, Any] = {}
    for name, texts in (
        ("goemotions dev comments", short),
        ("support messages", LONG_MESSAGES),
        ("300-char messages", sized),
    ):
        history: list[Any] = []
        times, cpu = [], []
        for i, text in enumerate(texts, start=1):
            state: Any = {
                "messages": [HumanMessage(content=text)],
                "turn": i,
                "emotion_history": history[-20:],
            }
            clf.clear_cache()  # repeated messages must not hit the classifier's cache
            t, c = time.perf_counter(), time.process_time()
            update = node(state, runtime)
            times.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
            history.append(update["emotion"])
        mean_chars = float(np.mean([len(t) for t in texts]))
        cpu_p = percentiles(cpu)
        results[name] = {
            "n": len(texts),
            "mean_chars": round(mean_chars),
            **percentiles(times),
            "cpu_p50_ms": cpu_p["p50_ms"],
            "cpu_p95_ms": cpu_p["p95_ms"],
        }
    rss_end = rss_mb()
    load = os.getloadavg()
    print(
        f"head {clf.version}; load average during the run: {load[0]:.1f} (1 min),"
        f" {load[1]:.1f} (5 min), {os.cpu_count()} cores"
    )
    print("| messages | n | mean chars | wall p50 ms | wall p95 ms | CPU p50 ms | CPU p95 ms |")
    print("|---|---|---|---|---|---|---|")
    for name, r in results.items():
        print(
            f"| {name} | {r['n']} | {r['mean_chars']} | {r['p50_ms']} | {r['p95_ms']} |"
            f" {r['cpu_p50_ms']} | {r['cpu_p95_ms']} |"
        )
    mem = {
        "rss_start_mb": round(rss0, 1),
        "rss_after_import_mb": round(rss_import, 1),
        "rss_after_load_mb": round(rss_loaded, 1),
        "rss_end_mb": round(rss_end, 1),
        "first_call_load_s": round(load_s, 2),
    }
    print(f"\nmemory: {mem}")
    print(json.dumps({"head": clf.version, "latency": results, "memory": mem, "loadavg": load}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
