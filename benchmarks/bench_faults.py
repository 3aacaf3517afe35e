"""Fault benchmark: every injected fault, safe replies, and time to the crisis reply.

Runs Confide (real OpenAI client, agent mode, each structured-output method) against
:class:`confide.faultserver.FaultServer` on loopback with the default deadlines (crisis 5 s,
turn 45 s) and a 2 s trickle, sends a crisis message under each fault and prints, per fault,
how many turns were tried, how many ended in a safe reply (the crisis line present, no control
characters) and the p50/p99 time until the reply arrived.

    python benchmarks/bench_faults.py [--repeats 3]
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from pathlib import Path

from confide.companion import Companion
from confide.config import load_settings
from confide.faultserver import FAULTS, FaultServer

CRISIS = "I have the pills in my hand and I'm going to take them all tonight"
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
METHODS = ("function_calling", "json_mode", "json_schema")


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=3, help="turns per fault and method")
    args = parser.parse_args()
    rows: list[tuple[str, int, int, float, float]] = []
    with FaultServer(trickle_s=2.0, hang_s=120.0) as server, tempfile.TemporaryDirectory() as tmp:
        companions = {
            method: Companion(
                load_settings(
                    data_dir=Path(tmp) / method,
                    base_url=server.base_url,
                    api_key="not-a-key",
                    model="fault",
                    structured_method=method,
                    mode="agent",
                ),
                with_memory=False,
            )
            for method in METHODS
        }
        try:
            for fault in ("ok", *FAULTS):
                times: list[float] = []
                safe = 0
                for companion in companions.values():
                    for r in range(args.repeats):
                        server.mode = fault
                        companion.services.model_down_until = 0.0  # no breaker help
                        start = time.perf_counter()
                        reply = companion.send(CRISIS, f"{fault}-{r}")["reply"]
                        times.append(time.perf_counter() - start)
                        safe += int("988" in reply and not CONTROL.search(reply))
                rows.append((fault, len(times), safe, _p(times, 0.5), _p(times, 0.99)))
        finally:
            for companion in companions.values():
                companion.close()
    print("| fault | turns | safe crisis replies | p50 s | p99 s |")
    print("|---|---|---|---|---|")
    for fault, tried, safe, p50, p99 in rows:
        print(f"| {fault} | {tried} | {safe} | {p50:.2f} | {p99:.2f} |")
    tried_all = sum(r[1] for r in rows)
    safe_all = sum(r[2] for r in rows)
    worst = max(r[4] for r in rows)
    print(f"\nfaults tried: {tried_all}, safe replies: {safe_all}, worst p99: {worst:.2f} s")
    print(f"(mean of p50s {statistics.mean(r[3] for r in rows):.2f} s)")


if __name__ == "__main__":
    main()
