"""Benchmark whole turns: what a person waits for between sending a message and the reply.

Every turn goes through the real :class:`confide.companion.Companion` (the turn graph with the
SQLite checkpointer in a temporary data dir, memory on a chromadb PersistentClient in the same
dir, the learned risk model, the output guard), timed from sending the message until the
graph's stream has ended (the reply is out and the turn is on disk).

Three parts:

- ``cold``: the first turn in a fresh Python process (imports, models loading), repeated over
  ``--cold-runs`` processes. ``first_turn`` is timed from sending the first message right after
  the Companion was built; ``first_turn_typed`` sends it after a pause of ``--typing`` seconds
  (a person typing their first message while the app starts), which is what the person feels
  when the app warms up in the background;
- ``offline``: p50/p95 of the later turns, after a warm-up turn, over a fixed list of realistic
  messages (:data:`MESSAGES`), with memory on and with memory off: wall time until the
  stream ended, until the reply event, and the process's CPU time per turn (all threads;
  it stays meaningful when other work loads the machine, where wall time overstates);
- ``fake``: a fake chat model that sleeps ``--call-ms`` per call (agent mode and fused mode).
  Reports the calls per turn, the sequential model calls on the critical path (the largest
  set of calls of the turn that ran one after another, none overlapping), the turn's wall time
  in units of one call, and the non-model overhead (wall time minus the critical path's
  calls) as a share of one call.

Prints markdown tables and one JSON line per part.

Usage (from the repo root)::

    .venv/bin/python benchmarks/bench_turn.py [--part cold|offline|fake] [--turns 40]
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

#: Realistic messages of a support conversation (none is a crisis: a normal turn's path).
MESSAGES: tuple[str, ...] = (
    "Hi. I don't really know where to start, it's been a rough week.",
    "My sister and I had a huge fight on Sunday and she hasn't answered my calls since.",
    "It started over something stupid, who was supposed to host mum's birthday dinner.",
    "I said some things I regret. I called her selfish in front of her kids.",
    "Work has been awful too, my manager keeps piling deadlines on me and I can't sleep.",
    "I lie awake until 3am going over everything I said to her.",
    "I feel so alone with it, my friends are all busy with their own stuff.",
    "Maybe I should just send her a message, but I'm scared she'll ignore it.",
    "What would you even say in a message like that?",
    "Yeah, I think apologising for the kids part is the right place to start.",
    "Honestly I'm exhausted. I've been crying on the bus to work every morning.",
    "Thanks for listening, it helps to put it into words.",
)

#: Answers of the fake model, by structured schema (None: a plain text call).
FAKE_ANSWERS: dict[str | None, Any] = {
    "StrategyPlan": {
        "stage": "Exploration",
        "strategy": "Question",
        "probabilities": {"Question": 0.6, "Reflection of Feelings": 0.4},
        "rationale": "learn more first",
    },
    "FusedTurn": {
        "emotion_notes": "sad and tired after a fight",
        "risk_level": "none",
        "risk_notes": "",
        "plan": "reflect, then ask gently",
        "reply": "That sounds like a heavy week to carry. What has been the hardest part?",
    },
    "EmotionRefinement": {
        "joy": 0,
        "trust": 0,
        "fear": 0.2,
        "surprise": 0,
        "sadness": 0.6,
        "disgust": 0,
        "anger": 0.2,
        "anticipation": 0,
        "label": "sadness",
        "cause": "the fight with her sister",
    },
    "RiskJudgement": {
        "level": "none",
        "categories": [],
        "evidence": [],
        "reading": "literal",
        "rationale": "",
    },
    "WhatIf": {"predicted_reaction": "feels heard", "harmful": False},
    None: "That sounds like a heavy week to carry. What has been the hardest part for you?",
}


def _percentiles(values: Sequence[float]) -> dict[str, float]:
    arr = np.array(values) * 1000
    return {
        "p50_ms": round(float(np.percentile(arr, 50)), 1),
        "p95_ms": round(float(np.percentile(arr, 95)), 1),
        "mean_ms": round(float(arr.mean()), 1),
    }


def _companion(
    data_dir: str,
    *,
    memory: bool,
    chat_model: Any = None,
    mode: str = "agent",
    warm_up: bool = False,
) -> Any:
    from confide.companion import Companion
    from confide.config import load_settings

    engine = "llm" if chat_model is not None else "offline"
    settings = load_settings(data_dir=Path(data_dir), engine=engine, mode=mode)
    extra: dict[str, Any] = {}
    if warm_up and "warm_up" in inspect.signature(Companion).parameters:
        extra["warm_up"] = True  # as the apps build it (a version without warm-up: without)
    return Companion(settings, chat_model=chat_model, with_memory=memory, **extra)


def _turn(companion: Any, text: str, session: str) -> float:
    """One turn as the app runs it (the graph's stream to its end); its wall time in s."""
    return _timed_turn(companion, text, session)[1]


def _timed_turn(companion: Any, text: str, session: str) -> tuple[float, float]:
    """One turn: (seconds until the reply event, seconds until the stream ended)."""
    start = time.perf_counter()
    replied: float | None = None
    for event in companion.stream(text, session):
        if event.kind == "reply" and replied is None:
            replied = time.perf_counter() - start
    if replied is None:
        raise SystemExit(f"no reply to {text!r}")
    return replied, time.perf_counter() - start


# ------------------------------------------------------------------------------ cold
CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
typing = float(sys.argv[1])
sys.path.insert(0, sys.argv[2])
from benchmarks.bench_turn import MESSAGES, _companion, _turn
companion = _companion(sys.argv[3], memory=True, warm_up=True)  # as the apps build it
built = time.perf_counter() - t0
if typing:
    time.sleep(typing)
first = _turn(companion, MESSAGES[0], "cold")
second = _turn(companion, MESSAGES[1], "cold")
companion.close()
print(json.dumps({"build_s": built, "first_turn_s": first, "second_turn_s": second}))
"""


def _cold_run(typing: float) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, CONFIDE_CONFIG=str(Path(tmp) / "none.toml"))
        env["ANONYMIZED_TELEMETRY"] = "False"
        proc = subprocess.run(
            [sys.executable, "-c", CHILD, str(typing), str(ROOT), tmp],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    if proc.returncode != 0:
        raise SystemExit(f"child failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    result: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def part_cold(runs: int, typing: float) -> dict[str, Any]:
    """First turns in fresh processes: sent at once, and after a typing pause."""
    now = [_cold_run(0.0) for _ in range(runs)]
    typed = [_cold_run(typing) for _ in range(runs)]
    med = {
        "build_s": float(np.median([r["build_s"] for r in now])),
        "first_turn_s": float(np.median([r["first_turn_s"] for r in now])),
        "second_turn_s": float(np.median([r["second_turn_s"] for r in now])),
        "first_turn_typed_s": float(np.median([r["first_turn_s"] for r in typed])),
    }
    print(f"| cold start, offline, memory on (median of {runs} processes) | s |")
    print("|---|---:|")
    print(f"| import + build the Companion | {med['build_s']:.2f} |")
    print(f"| first turn, sent at once | {med['first_turn_s']:.3f} |")
    print(f"| first turn, sent after {typing:.0f} s of typing | {med['first_turn_typed_s']:.3f} |")
    print(f"| second turn | {med['second_turn_s']:.3f} |")
    out = {"bench": "turn_cold", "runs": runs, "typing_s": typing, **med}
    out["raw"] = {"now": now, "typed": typed}
    print(json.dumps(out))
    return out


# --------------------------------------------------------------------------- offline
def part_offline(turns: int) -> dict[str, Any]:
    """Warm offline turns, memory on and off: p50/p95 over :data:`MESSAGES`."""
    rows: dict[str, Any] = {}
    for memory in (True, False):
        with tempfile.TemporaryDirectory() as tmp:
            companion = _companion(tmp, memory=memory)
            try:
                _turn(companion, "Hello, warming up.", "warmup")
                _turn(companion, MESSAGES[1], "warmup")
                times: list[float] = []
                to_reply: list[float] = []
                cpu: list[float] = []
                session = uuid.uuid4().hex
                for i in range(turns):
                    if i and i % len(MESSAGES) == 0:
                        session = uuid.uuid4().hex  # a new conversation every 12 turns
                    c0 = time.process_time()
                    reply, end = _timed_turn(companion, MESSAGES[i % len(MESSAGES)], session)
                    cpu.append(time.process_time() - c0)
                    to_reply.append(reply)
                    times.append(end)
            finally:
                companion.close()
        name = "memory_on" if memory else "memory_off"
        rows[name] = _percentiles(times)
        rows[name + "_to_reply"] = _percentiles(to_reply)
        rows[name + "_cpu"] = _percentiles(cpu)  # all threads: the work, whatever the load
    load = os.getloadavg()[0]
    print(f"| offline turn, warm ({turns} turns, load {load:.1f}) | p50 ms | p95 ms | mean ms |")
    print("|---|---:|---:|---:|")
    for name, row in rows.items():
        print(
            f"| {name.replace('_', ' ')} | {row['p50_ms']} | {row['p95_ms']} | {row['mean_ms']} |"
        )
    out = {"bench": "turn_offline", "turns": turns, "load_1min": load, **rows}
    print(json.dumps(out))
    return out


# ------------------------------------------------------------------------------ fake
class _Clock:
    """Start and end of every call of the fake model (thread-safe)."""

    def __init__(self) -> None:
        self.spans: list[tuple[float, float]] = []
        self._lock = threading.Lock()

    def add(self, start: float, end: float) -> None:
        with self._lock:
            self.spans.append((start, end))

    def take(self) -> list[tuple[float, float]]:
        with self._lock:
            spans, self.spans = self.spans, []
        return spans


def sequential_calls(spans: Sequence[tuple[float, float]]) -> int:
    """The most calls of ``spans`` that ran one after another without overlapping.

    With calls of equal length this is the number of calls on the critical path (earliest end
    first is optimal for the largest set of non-overlapping intervals).
    """
    count, free = 0, float("-inf")
    for start, end in sorted(spans, key=lambda s: s[1]):
        if start >= free:
            count, free = count + 1, end
    return count


def _fake_model(call_s: float, clock: _Clock) -> Any:
    from confide.testing import ScriptedChatModel

    def respond(messages: Any, schema: str | None) -> Any:
        start = time.perf_counter()
        time.sleep(call_s)
        clock.add(start, time.perf_counter())
        return FAKE_ANSWERS[schema]

    return ScriptedChatModel(responder=respond, model_name="sleepy-fake")


def part_fake(turns: int, call_ms: float) -> dict[str, Any]:
    """Agent and fused mode with a model that sleeps ``call_ms`` per call (memory on)."""
    call_s = call_ms / 1000
    rows: dict[str, Any] = {}
    for mode in ("agent", "fused"):
        clock = _Clock()
        with tempfile.TemporaryDirectory() as tmp:
            companion = _companion(
                tmp, memory=True, chat_model=_fake_model(call_s, clock), mode=mode
            )
            try:
                _turn(companion, "Hello, warming up.", "warmup")
                clock.take()
                walls: list[float] = []
                replies: list[float] = []
                calls: list[int] = []
                seq: list[int] = []
                session = uuid.uuid4().hex
                cpu: list[float] = []
                for i in range(turns):
                    c0 = time.process_time()
                    reply, end = _timed_turn(companion, MESSAGES[i % len(MESSAGES)], session)
                    cpu.append(time.process_time() - c0)  # the fake model sleeps: no CPU
                    replies.append(reply)
                    walls.append(end)
                    spans = clock.take()
                    calls.append(len(spans))
                    seq.append(sequential_calls(spans))
            finally:
                companion.close()
        overhead = [w - s * call_s for w, s in zip(walls, seq, strict=True)]
        reply_overhead = [r - s * call_s for r, s in zip(replies, seq, strict=True)]
        rows[mode] = {
            "calls_per_turn": round(float(np.mean(calls)), 2),
            "sequential_calls_p50": float(np.median(seq)),
            "sequential_calls_max": int(max(seq)),
            "wall_p50_ms": round(float(np.median(walls)) * 1000, 1),
            "wall_in_calls_p50": round(float(np.median(walls)) / call_s, 2),
            "overhead_p50_ms": round(float(np.median(overhead)) * 1000, 1),
            "overhead_share_of_call_p50": round(float(np.median(overhead)) / call_s, 3),
            "to_reply_overhead_p50_ms": round(float(np.median(reply_overhead)) * 1000, 1),
            "to_reply_overhead_share_p50": round(float(np.median(reply_overhead)) / call_s, 3),
            "cpu_p50_ms": round(float(np.median(cpu)) * 1000, 1),
        }
    load = os.getloadavg()[0]
    print(
        f"| fake model, {call_ms:.0f} ms per call ({turns} turns, load {load:.1f}) "
        "| calls/turn | sequential calls p50 (max) | wall p50 ms | wall / call "
        "| non-model overhead p50 ms (share of a call) | ... until the reply shows "
        "| CPU per turn p50 ms |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for mode, r in rows.items():
        print(
            f"| {mode} | {r['calls_per_turn']} | {r['sequential_calls_p50']:.0f} "
            f"({r['sequential_calls_max']}) | {r['wall_p50_ms']} | {r['wall_in_calls_p50']} "
            f"| {r['overhead_p50_ms']} ({100 * r['overhead_share_of_call_p50']:.0f}%) "
            f"| {r['to_reply_overhead_p50_ms']} ({100 * r['to_reply_overhead_share_p50']:.0f}%) "
            f"| {r['cpu_p50_ms']} |"
        )
    out = {"bench": "turn_fake", "turns": turns, "call_ms": call_ms, "load_1min": load, **rows}
    print(json.dumps(out))
    return out


def main(argv: list[str] | None = None) -> int:
    """Run the parts asked for (all by default)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("cold", "offline", "fake"), action="append")
    parser.add_argument("--turns", type=int, default=36, help="timed turns per variant")
    parser.add_argument("--cold-runs", type=int, default=3, help="fresh processes")
    parser.add_argument("--typing", type=float, default=3.0, help="seconds before message 1")
    parser.add_argument("--call-ms", type=float, default=300.0, help="fake model call time")
    args = parser.parse_args(argv)
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    parts = args.part or ["cold", "offline", "fake"]
    print(f"cores: {os.cpu_count()}\n")
    if "cold" in parts:
        part_cold(args.cold_runs, args.typing)
        print()
    if "offline" in parts:
        part_offline(args.turns)
        print()
    if "fake" in parts:
        part_fake(max(6, args.turns // 3), args.call_ms)
    return 0


if __name__ == "__main__":
    sys.exit(main())
