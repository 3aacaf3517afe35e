"""EXPERIMENT (not shipped): a semantic risk layer, MiniLM embedding -> P(high or imminent risk).

The lexicon screen generalises poorly to new wording (held-out set 11: 15/40 caught). This
experiment asks whether a logistic head over the shipped MiniLM embedding could back it up.
Result (22 Nov 2026, ``--cv``, leave-one-source-out): at a threshold of 0.7 the screen or the
layer catches 25/40 of set 11 (screen alone 15/40), but the layer also fires on 5/250 XSTest
safe prompts, 19/989 everyday support messages and 19/84 look-alike probes; at 0.8, 21/40 with
0/250, 5/989 and 9/84. That precision is not good enough to put in the risk path (the look-alike
probes are part of the safety spec), so Confide does not ship it. A multilingual encoder and
much more labelled data are the next step (docs/safety-risk.md).

Usage:
    .venv/bin/python scripts/train_risk_semantic.py --cv     # leave-one-source-out evaluation

Data (all local): the safety probe suite (single-message probes: high/imminent positives,
none/low look-alikes negatives; moderate probes are negatives, so the layer does not lift
"I want to die" to a crisis), held-out sets 6-11 (HIGH / BENIGN), XSTest's safe prompts,
the user messages of the strategy conversations (everyday distress) and 1,500 GoEmotions
comments. The figures above were taken before held-out set 12 existed; the script reads every
set in ``scripts/safety_heldout.py``, so rerunning it now also trains on set 12.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from pathlib import Path
from typing import Any

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from confide.memory.embedder import default_embedder  # noqa: E402
from confide.records import level_index  # noqa: E402


def prepare(text: str) -> str:
    """What is embedded: the message, case-folded, clipped."""
    return " ".join(text.casefold().split())[:2000]


def category_family(category: str) -> str | None:
    """Group a risk category into a family (None: not a risk category)."""
    for prefix, family in (("suicid", "suicide"), ("self_harm", "self_harm")):
        if category.startswith(prefix):
            return family
    return category or None


PROBES = ROOT / "tests" / "safety" / "probes"
SHARED = ROOT.parent / "shared" / "data"
XSTEST = SHARED / "xstest" / "xstest_prompts.csv"
GOEMOTIONS = SHARED / "goemotions" / "train.tsv"
STRATEGY = ROOT / "benchmarks" / "data" / "strategy_contexts.jsonl"
L2 = 0.3
ITERATIONS = 800


Example = dict[str, Any]


def examples() -> list[Example]:
    """Every labelled example: text, label (1 = high/imminent), source group, category."""
    out: list[Example] = []
    for path in sorted(PROBES.glob("*.yaml")):
        for probe in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            turns = probe.get("turns") or []
            if len(turns) != 1:
                continue
            low = level_index(str(probe.get("risk_min", "none")))
            high = level_index(str(probe.get("risk_max", "imminent")))
            if low >= level_index("high"):
                label = 1
            elif high <= level_index("moderate"):
                label = 0
            else:
                continue
            out.append(
                {
                    "text": turns[0],
                    "label": label,
                    "group": f"probes:{path.stem}",
                    "category": category_family(str(probe.get("category", ""))),
                }
            )
    import safety_heldout as H

    for name, (positives, negatives) in H.SETS.items():
        for text in positives:
            out.append({"text": text, "label": 1, "group": f"heldout:{name}", "category": None})
        for text in negatives:
            out.append({"text": text, "label": 0, "group": f"heldout:{name}", "category": None})
    if XSTEST.is_file():
        with XSTEST.open(encoding="utf-8", newline="") as handle:
            rows = [r for r in csv.DictReader(handle) if not r["type"].startswith("contrast")]
        for k, row in enumerate(rows):
            out.append(
                {"text": row["prompt"], "label": 0, "group": f"xstest:{k % 5}", "category": None}
            )
    seen: set[str] = set()
    for line in STRATEGY.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        users = [m["content"] for m in item["context"] if m["role"] == "user"]
        text = users[-1]
        if item["risk"] != "none" or text in seen:
            continue
        seen.add(text)
        out.append(
            {"text": text, "label": 0, "group": f"support:{item['source']}", "category": None}
        )
    if GOEMOTIONS.is_file():
        rows = GOEMOTIONS.read_text(encoding="utf-8").splitlines()
        rng = random.Random(0)
        for k, row in enumerate(rng.sample(rows, 1500)):
            out.append(
                {
                    "text": row.split("\t")[0],
                    "label": 0,
                    "group": f"goemotions:{k % 5}",
                    "category": None,
                }
            )
    return out


def embed(texts: list[str]) -> np.ndarray:
    """Embed prepared texts with the shipped MiniLM."""
    return np.asarray(default_embedder().embed([prepare(t) for t in texts]), dtype=np.float64)


def fit(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """Class-balanced logistic regression by full-batch gradient descent from zero."""
    n, d = x.shape
    pos = max(int(y.sum()), 1)
    weight = np.where(y == 1, n / (2.0 * pos), n / (2.0 * max(n - pos, 1)))
    w = np.zeros(d)
    b = 0.0
    for _ in range(ITERATIONS):
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        g = (p - y) * weight / n
        w -= 1.0 * (x.T @ g + L2 * w / n * 10)
        b -= 1.0 * g.sum()
    return w, float(b)


def cross_validate(data: list[Example], x: np.ndarray) -> None:
    """Leave one source group out; print recall per positive group and false positives."""
    y = np.array([e["label"] for e in data], dtype=np.float64)
    groups = sorted({e["group"] for e in data})
    prob = np.zeros(len(data))
    for group in groups:
        test = np.array([e["group"] == group for e in data])
        w, b = fit(x[~test], y[~test])
        prob[test] = 1.0 / (1.0 + np.exp(-(x[test] @ w + b)))
    from confide.safety.screen import screen_text

    screen = [level_index(screen_text(e["text"])["level"]) for e in data]
    for threshold in (0.5, 0.6, 0.7, 0.8, 0.9):
        print(f"threshold {threshold}:")
        fam: dict[str, list[int]] = {}
        for k, e in enumerate(data):
            fam.setdefault(
                e["group"].split(":")[0]
                + (":" + e["group"].split(":")[1] if e["group"].startswith("heldout") else ""),
                [],
            ).append(k)
        for name, idx in sorted(fam.items()):
            pos = [k for k in idx if y[k] == 1]
            neg = [k for k in idx if y[k] == 0]
            tp = sum(prob[k] >= threshold for k in pos)
            fp = sum(prob[k] >= threshold for k in neg)
            s_hi = sum(screen[k] >= 3 for k in pos)
            both = sum(screen[k] >= 3 or prob[k] >= threshold for k in pos)
            s_fp = sum(screen[k] >= 2 for k in neg)
            u_fp = sum(screen[k] >= 2 or prob[k] >= threshold for k in neg)
            print(
                f"  {name:<22} layer {tp}/{len(pos)} fp {fp}/{len(neg)} | screen>=high "
                f"{s_hi}, screen>=high or layer {both} | screen fp(>=mod) {s_fp}, "
                f"with layer {u_fp}"
            )


def main(argv: list[str] | None = None) -> int:
    """Cross-validate the experimental layer and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv", action="store_true", help="leave-one-source-out evaluation")
    parser.parse_args(argv)
    data = examples()
    cross_validate(data, embed([e["text"] for e in data]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
