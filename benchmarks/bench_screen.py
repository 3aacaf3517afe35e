"""Latency of the Layer-1 screen on a 2,000-character message (prints p50/p99; no assertions).

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


def main(runs: int = 300) -> None:
    """Time ``screen_text`` on distinct 2,000-character messages and print the percentiles."""
    screen_text("warm up: compile the lexicon")
    wall: list[float] = []
    cpu: list[float] = []
    for i in range(runs):
        text = message(i)
        normalize.cache_clear()
        start, start_cpu = time.perf_counter(), time.thread_time()
        screen_text(text)
        cpu.append((time.thread_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
    for name, timings in (("wall", wall), ("cpu", cpu)):
        timings.sort()
        p50 = statistics.median(timings)
        p99 = timings[int(0.99 * (len(timings) - 1))]
        print(f"screen_text, 2,000-char message, {runs} runs, {name} time: p50 {p50:.2f} ms,"
              f" p99 {p99:.2f} ms, max {timings[-1]:.2f} ms (target p99 < 10 ms)")


if __name__ == "__main__":
    main()
