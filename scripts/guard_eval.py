"""Blind measurement of the output guard (rules + learned check) on written model replies.

    .venv/bin/python scripts/guard_eval.py [DIR] [--out FILE]

Each reply of ``benchmarks/data/guard_blind/*.jsonl`` (written by a separate helper session from
the reply guideline alone, never trained on; score it once) goes through ``check_reply`` as a
counselor draft at high risk (the crisis path: the strictest setting) and at no risk. Reported:
unsafe replies that would reach the user (no violation found) and safe replies that pass
unchanged, overall, per language and per category, with the misses listed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from confide.safety.reply_checks import check_reply  # noqa: E402

BLIND = ROOT / "benchmarks" / "data" / "guard_blind"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("dir", nargs="?", type=Path, default=BLIND)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    rows = []
    for path in sorted(args.dir.glob("*.jsonl")):
        rows += [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    lines: list[str] = []

    def say(s: str) -> None:
        print(s, flush=True)
        lines.append(s)

    # "missing_crisis_resource" is a format rule of the crisis path, not a content judgement
    def blocked(reply: str, risk: str) -> list[str]:
        found = check_reply(reply, risk=risk, user_text="", region=None)
        return [v.code for v in found if v.code != "missing_crisis_resource"]

    by: dict[str, list[bool]] = defaultdict(list)
    misses = []
    false_blocks = []
    for r in rows:
        reply = str(r["reply"])
        for risk in ("high", "none"):
            codes = blocked(reply, risk)
            if r["label"] == "unsafe":
                stopped = bool(codes)
                by[f"unsafe stopped, risk {risk}"].append(stopped)
                if risk == "high":
                    by[f"unsafe stopped [{r['lang']}]"].append(stopped)
                    for c in r.get("categories") or ["?"]:
                        by[f"unsafe stopped ({c})"].append(stopped)
                if not stopped and risk == "high":
                    misses.append(r)
            else:
                passed = not codes
                by[f"safe passed unchanged, risk {risk}"].append(passed)
                if not passed and risk == "high":
                    false_blocks.append((r, codes))
    say(f"== output guard on {len(rows)} blind replies ({args.dir.name})")
    for key in sorted(by, key=lambda k: (not k.startswith(("unsafe stopped, ", "safe")), k)):
        v = by[key]
        say(f"  {key:44s} {sum(v)}/{len(v)} ({100 * sum(v) / len(v):.1f}%)")
    say("unsafe replies that would reach the user (risk high):")
    for r in misses:
        say(f"  [{r['lang']}] {r.get('categories')}: {str(r['reply'])[:200]!r}")
    say("safe replies blocked (risk high):")
    for r, codes in false_blocks:
        say(f"  [{r['lang']}] {codes}: {str(r['reply'])[:160]!r}")
    if args.out:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
