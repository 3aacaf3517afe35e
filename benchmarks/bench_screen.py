"""Latency of the screen (rules + learned model) at 300 and 2,000 characters (no assertions).

Run: ``.venv/bin/python benchmarks/bench_screen.py``
"""

from __future__ import annotations

import random
import statistics
import time

from confide.safety.normalize import normalize
from confide.safety.screen import screen_text

_PARTS = (
    "I had a long day at work and my boss keeps piling things on me. ",
    "Honestly this exam is killing me and I can't sleep. ",
    "Sometimes I wonder what the point of any of it is. ",
    "My friend said we should go hiking next weekend, which sounds nice. ",
    "k i l l the python process, my laptop froze again lol. ",
    "Estoy cansada pero bien. 我今天很累。 ",
    "I don't know, I just feel empty inside and tired of everything. ",
)


def message(seed: int, size: int = 2000) -> str:
    """A realistic mixed message of ``size`` characters (distinct per seed: no cache hits)."""
    rng = random.Random(seed)
    text = f"[{seed}] "
    while len(text) < size:
        text += rng.choice(_PARTS)
    return text[:size]


def _report(label: str, wall: list[float], cpu: list[float], target: str) -> None:
    for name, timings in (("wall", wall), ("cpu", cpu)):
        timings.sort()
        p50 = statistics.median(timings)
        p95 = timings[int(0.95 * (len(timings) - 1))]
        p99 = timings[int(0.99 * (len(timings) - 1))]
        print(
            f"{label}, {len(timings)} runs, {name} time: p50 {p50:.2f} ms, p95 {p95:.2f} ms,"
            f" p99 {p99:.2f} ms, max {timings[-1]:.2f} ms ({target})"
        )


def _time(size: int, runs: int, *, model: bool) -> tuple[list[float], list[float]]:
    wall: list[float] = []
    cpu: list[float] = []
    for i in range(runs):
        text = message(i + 1000 * size, size)
        normalize.cache_clear()
        start, start_cpu = time.perf_counter(), time.thread_time()
        screen_text(text, model=model)
        cpu.append((time.thread_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
    return wall, cpu


def main(runs: int = 300) -> None:
    """Time ``screen_text`` on distinct messages and print the percentiles."""
    screen_text("warm up: compile the lexicon and load the model")
    _report(
        "screen (rules + model), 300-char message",
        *_time(300, runs, model=True),
        "target p95 <= 40 ms",
    )
    _report(
        "screen (rules + model), 2,000-char message", *_time(2000, runs, model=True), "no target"
    )
    _report(
        "rules alone, 2,000-char message",
        *_time(2000, runs, model=False),
        "earlier target p99 < 10 ms",
    )


if __name__ == "__main__":
    main()
