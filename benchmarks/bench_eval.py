"""Cost of the scripted regression suite (``confide eval --scripted-only``) in the offline engine.

Prints wall time, process CPU time and per-turn latency for the suite with two workers, with
and without long-term memory, and the time to render the report's charts. No assertions.

Run: ``.venv/bin/python benchmarks/bench_eval.py``
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from confide.evaluation.metrics import aggregate, timing_summary
from confide.evaluation.report import build_report, render_charts
from confide.evaluation.runner import EvalConfig, run_suite
from confide.evaluation.scenarios import load_scenarios

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    """Run the suite in each configuration and print one table row per configuration."""
    scenarios = [s for s in load_scenarios([ROOT / "scenarios"]) if s.mode == "scripted"]
    print(
        f"{len(scenarios)} scripted scenarios, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}"
    )
    print("| workers | memory | turns | wall s | CPU s | latency p50 ms | p95 ms |")
    print("|---|---|---|---|---|---|---|")
    last = None
    for workers, memory in ((2, True), (2, False), (1, True)):
        with tempfile.TemporaryDirectory() as tmp:
            config = EvalConfig(
                out_dir=Path(tmp), workers=workers, with_memory=memory, progress=False
            )
            wall, cpu = time.perf_counter(), time.process_time()
            suite = run_suite(scenarios, config)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        timing = timing_summary(suite.timing, suite.wall_s)["latency_ms_per_turn"]
        turns = sum(len(r["turns"]) for r in suite.results)
        print(
            f"| {workers} | {'on' if memory else 'off'} | {turns} | {wall:.1f} | {cpu:.1f} | "
            f"{timing['p50']:.0f} | {timing['p95']:.0f} |",
            flush=True,
        )
        last = suite
    assert last is not None
    report = build_report(
        config={}, aggregates=aggregate(last.results), results=last.results, run={}
    )
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        render_charts(report, Path(tmp))
        print(f"\ncharts for {len(last.results)} scenarios: {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
