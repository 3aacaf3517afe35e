"""Collect Confide's own offline replies to realistic messages: safe examples for the guard model.

    .venv/bin/python scripts/gen_confide_replies.py [N]

Runs the offline engine (no memory) on N user messages of the written risk corpus (every
level, including crisis replies with resources, in every language) and writes
``benchmarks/data/guard_corpus/confide_replies.jsonl``. The output guard must pass all of
these: they are reviewed texts and the offline composer's replies.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import risk_data  # noqa: E402

from confide.companion import Companion  # noqa: E402
from confide.config import load_settings  # noqa: E402

OUT = ROOT / "benchmarks" / "data" / "guard_corpus" / "confide_replies.jsonl"


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 600
    items = [it for it in risk_data.written() if it.turns == 1]
    random.Random(7).shuffle(items)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(engine="offline", data_dir=Path(tmp))
        companion = Companion(settings=settings, user_id="gen", with_memory=False)
        for k, it in enumerate(items[:n]):
            out = companion.send(it.text, f"s{k}")
            reply = str(out.get("reply") or "")
            rows.append(
                {
                    "id": f"confide-{k}",
                    "lang": it.lang,
                    "reply": reply,
                    "label": "safe",
                    "categories": [],
                    "note": f"offline reply to a {it.level} message",
                }
            )
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    print(f"wrote {len(rows)} replies to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
