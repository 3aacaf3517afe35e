"""Benchmark the strategy node (offline engine): latency per turn, CPU and wall, p50/p95.

Plans every context of the labelled strategy set (``benchmarks/data/strategy_contexts.jsonl``)
through the real node path (``plan_turn``: signals, MiniLM embedding of the last message,
learned head, policy, bias control), once warm. Prints a markdown table and a JSON line.

Usage (from the repo root)::

    .venv/bin/python benchmarks/bench_strategy.py [--n 400]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import strategy_eval as E  # noqa: E402

from confide.agents.strategy import BiasMemory, plan_turn  # noqa: E402
from confide.config import load_settings  # noqa: E402
from confide.engine import Services  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Time ``plan_turn`` on real contexts and print p50/p95 in milliseconds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=400, help="contexts to plan")
    args = parser.parse_args(argv)
    items = E.load_dataset()[: args.n]
    services = Services(settings=load_settings())
    memory = BiasMemory()
    plan_turn(services, E.state_for(items[0]), memory)  # load the embedder and the head
    wall: list[float] = []
    cpu: list[float] = []
    for it in items:
        state = E.state_for(it)
        w0, c0 = time.perf_counter(), time.process_time()
        plan_turn(services, state, memory)
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
    row = {}
    for name, values in (("wall", wall), ("cpu", cpu)):
        arr = np.array(values) * 1000
        row[f"{name}_p50_ms"] = round(float(np.percentile(arr, 50)), 2)
        row[f"{name}_p95_ms"] = round(float(np.percentile(arr, 95)), 2)
    print("| strategy node, offline | n | p50 ms | p95 ms |")
    print("|---|---:|---:|---:|")
    print(f"| wall | {len(items)} | {row['wall_p50_ms']} | {row['wall_p95_ms']} |")
    print(f"| CPU | {len(items)} | {row['cpu_p50_ms']} | {row['cpu_p95_ms']} |")
    print(json.dumps({"bench": "strategy", "n": len(items), **row}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
