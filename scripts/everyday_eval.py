"""False alarms on everyday conversations: turns with no danger that the pipeline scores high.

Usage::

    python scripts/everyday_eval.py benchmarks/data/everyday_blind/*.jsonl
    python scripts/everyday_eval.py benchmarks/data/everyday_blind/*.jsonl --out report.json

Input: JSONL conversations ``{"id", "lang", "turns": [str], "levels": [str]}`` written with no
danger by design (per-turn labels none or low). Each conversation runs in its own session of
one offline ``Companion`` without memory (:func:`listening_eval.run`), so the conversation layer
sees the earlier turns exactly as in the app.

Reported: turns whose risk record reaches ``moderate`` (the companion asks a safety check-in)
and ``high`` (the crisis reply), in total, per language and for the conversations marked
``hard`` (danger-looking ordinary words), with Wilson 95% intervals; conversations with at
least one such turn. No texts are printed (the blind sets stay unread).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import tempfile
from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import listening_eval

ORDER = ("none", "low", "moderate", "high", "imminent")


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """Wilson score interval of k successes in n trials."""
    if n == 0:
        return (0.0, 1.0)
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return (max(0.0, c - h), min(1.0, c + h))


def tally(
    conversations: Sequence[Mapping[str, Any]], transcripts: Sequence[Mapping[str, Any]]
) -> dict[str, Any]:
    """Counts of turns at or above moderate / high, overall and by language and hardness."""
    rows: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    flagged_convs = {"moderate": 0, "high": 0}
    by_id = {str(t["id"]): t for t in transcripts}
    for conv in conversations:
        turns = by_id[str(conv["id"])]["turns"]
        keys = ["all", f"lang:{conv.get('lang', '?')}", "hard" if conv.get("hard") else "plain"]
        hit = {"moderate": False, "high": False}
        for turn in turns:
            rank = ORDER.index(turn["risk"])
            for key in keys:
                rows[key]["turns"] += 1
                rows[key]["moderate"] += rank >= 2
                rows[key]["high"] += rank >= 3
            hit["moderate"] |= rank >= 2
            hit["high"] |= rank >= 3
        for level, value in hit.items():
            flagged_convs[level] += value
    table = {}
    for key, row in sorted(rows.items(), key=lambda kv: (kv[0] != "all", kv[0])):
        n = row["turns"]
        table[key] = {
            "turns": n,
            "at_or_above_moderate": row["moderate"],
            "moderate_rate_ci95": [round(x, 3) for x in wilson(row["moderate"], n)],
            "at_or_above_high": row["high"],
            "high_rate_ci95": [round(x, 3) for x in wilson(row["high"], n)],
        }
    return {
        "conversations": len(conversations),
        "conversations_with_a_turn_at_or_above_moderate": flagged_convs["moderate"],
        "conversations_with_a_turn_at_or_above_high": flagged_convs["high"],
        "turns": table,
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", type=Path, nargs="+")
    parser.add_argument("--out", type=Path, default=None, help="write the report as JSON")
    args = parser.parse_args(argv)
    data_dir = Path(tempfile.mkdtemp(prefix="confide-everyday-"))
    os.environ["CONFIDE_DATA_DIR"] = str(data_dir)  # never the user's own sessions
    os.environ["CONFIDE_CONFIG"] = str(data_dir / "config.toml")
    os.environ["CONFIDE_ENGINE"] = "offline"
    conversations = [c for f in args.files for c in listening_eval.load_conversations(f)]
    report = tally(conversations, listening_eval.run(conversations))
    report["files"] = [str(f) for f in args.files]
    text = json.dumps(report, indent=1)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")
    all_row = report["turns"]["all"]
    print(
        f"{report['conversations']} conversations, {all_row['turns']} turns: "
        f"at or above moderate {all_row['at_or_above_moderate']} "
        f"{all_row['moderate_rate_ci95']}, at or above high {all_row['at_or_above_high']} "
        f"{all_row['high_rate_ci95']}; conversations with a moderate turn "
        f"{report['conversations_with_a_turn_at_or_above_moderate']}, with a high turn "
        f"{report['conversations_with_a_turn_at_or_above_high']}"
    )
    for key, row in report["turns"].items():
        if key != "all":
            print(
                f"  {key:14s} turns {row['turns']:4d}  >=moderate {row['at_or_above_moderate']:3d}"
                f"  >=high {row['at_or_above_high']:3d}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
