"""Startup of the terminal app: process start to a usable input box (target < 1.5 s).

Each run is a fresh Python process (cold imports, as a person starting ``confide chat``) in a
fresh data dir. The child runs the real app headless with the real Companion (offline engine)
and reports, measured from just before the parent spawned it:

- ``input_ready``: the first frame is painted and the input box has the focus (the person can
  type; a message sent now is queued and goes out once Confide is ready);
- ``input_ready_cpu``: the CPU time the process had used by then (user + system), which
  stays meaningful when other work loads the machine (wall time then overstates startup);
- ``companion_ready``: the Companion (checkpointer, memory store, graph) finished building in
  its worker thread, so a message is answered right away.

Prints a markdown table (median, min, max over the runs) and a JSON line.

Usage (from the repo root)::

    .venv/bin/python benchmarks/bench_tui_startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 1.5

CHILD = r"""
import json, sys, time
t0 = float(sys.argv[1])
from confide.config import load_settings
from confide.tui.app import CompanionReady, ConfideApp

marks = {}

class TimedApp(ConfideApp):
    def on_mount(self) -> None:
        super().on_mount()
        self.call_after_refresh(self._painted)

    def _painted(self) -> None:
        if self.composer.has_focus:
            marks["input_ready"] = time.time() - t0
            marks["input_ready_cpu"] = time.process_time()

    async def on_companion_ready(self, message: CompanionReady) -> None:
        await super().on_companion_ready(message)
        marks["companion_ready"] = time.time() - t0
        marks["engine"] = self.companion.engine if self.companion else "failed"
        self.exit(0)

app = TimedApp(load_settings(engine="offline"))
app.run(headless=True, size=(120, 40))
if app.companion is not None:
    app.companion.close()
print(json.dumps(marks))
"""


def one_run() -> dict[str, float]:
    """Start the app in a fresh process and data dir; return its timings in seconds."""
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, CONFIDE_DATA_DIR=tmp, CONFIDE_CONFIG=str(Path(tmp) / "none.toml"))
        env["ANONYMIZED_TELEMETRY"] = "False"
        t0 = time.time()
        proc = subprocess.run(
            [sys.executable, "-c", CHILD, repr(t0)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    if proc.returncode != 0:
        raise SystemExit(f"child failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    result: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    runs = [one_run() for _ in range(args.runs)]
    rows = []
    for key in ("input_ready", "input_ready_cpu", "companion_ready"):
        values = [float(r[key]) for r in runs if key in r]
        if not values:
            continue
        rows.append((key, statistics.median(values), min(values), max(values)))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"runs: {args.runs}, cores: {os.cpu_count()}, load average (1 min): {load:.1f}\n")
    print("| stage | median s | min s | max s |")
    print("|---|---|---|---|")
    for key, med, lo, hi in rows:
        print(f"| {key} | {med:.2f} | {lo:.2f} | {hi:.2f} |")
    ready = next((r[1] for r in rows if r[0] == "input_ready"), float("nan"))
    verdict = "meets" if ready < TARGET_S else "misses"
    print(f"\ninput box usable after {ready:.2f} s (median): {verdict} the {TARGET_S} s target")
    print(json.dumps({"bench": "tui_startup", "runs": runs, "load_1min": load}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
