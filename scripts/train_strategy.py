"""Train the strategy planner's learned head on the DEV split of the labelled strategy set.

Usage:
    .venv/bin/python scripts/train_strategy.py          # train; writes strategy_data/head.json
    .venv/bin/python scripts/train_strategy.py --cv     # leave-one-file-out CV on dev
    .venv/bin/python scripts/train_strategy.py --check  # retrain and compare with the shipped file

Only the dev files of ``scripts/strategy_eval.py``'s SOURCES are read for training. The test
files (written blind by separate sessions) are never used here; ``strategy_eval.py`` scores them.
The settings (class-balanced, L2 0.1, 600 full-batch steps, the MiniLM embedding of the last
message and the stage prior as inputs, pooled with the policy at HEAD_WEIGHT, gates and over-use
penalty after) were chosen by leave-one-file-out cross-validation on dev (``--cv``): each source
file is one writer, so each fold asks how the planner does on a writer it has never seen.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import strategy_eval as E  # noqa: E402

from confide.agents.strategy import (  # noqa: E402
    EMBEDDING_DIM,
    HEAD_FEATURES,
    HEAD_WEIGHT,
    bias_control,
    check_in_due,
    choose,
    head_features,
    pooled_proposal,
    read_signals,
)
from confide.agents.strategy_head import StrategyHead, head_path, train_head  # noqa: E402
from confide.evaluation.bias import q_and_b  # noqa: E402
from confide.records import STRATEGIES  # noqa: E402

L2 = 0.1
ITERATIONS = 600


def dev_items() -> list[dict[str, Any]]:
    """The dev contexts, parsed from the dev source files (never the test files)."""
    return [it for it in E.build_contexts() if it["split"] == "dev"]


def signals_of(item: dict[str, Any]) -> Any:
    """The planner's signals for one evaluation context."""
    st = E.state_for(item)
    return read_signals(st["messages"], st["emotion"], st["risk"], st["strategy_history"])


def features_of(items: Sequence[dict[str, Any]]) -> list[list[float]]:
    """Head features for each context (the MiniLM embeddings computed in one batch)."""
    from confide.memory.embedder import default_embedder

    sigs = [signals_of(it) for it in items]
    vectors = default_embedder().embed([sig.last_text[:4000] for sig in sigs])
    return [head_features(sig, [float(v) for v in vec])
            for sig, vec in zip(sigs, vectors, strict=True)]


def train(items: Sequence[dict[str, Any]],
          rows: Sequence[Sequence[float]] | None = None) -> StrategyHead:
    """Train the head on ``items`` with the shipped settings."""
    sources = sorted({it["source"] for it in items})
    meta = {
        "trained_on": sources,
        "contexts": len(items),
        "l2": L2,
        "iterations": ITERATIONS,
        "class_balanced": True,
        "source_sha256": {
            name: hashlib.sha256((E.DATA / name).read_bytes()).hexdigest()[:16]
            for name in sources
        },
        "script": "scripts/train_strategy.py",
    }
    if rows is None:
        rows = features_of(items)
    return train_head(rows, [it["gold"]["strategy"] for it in items], HEAD_FEATURES,
                      l2=L2, iterations=ITERATIONS, meta=meta)


def predict_with(head: StrategyHead | None, items: Sequence[dict[str, Any]],
                 rows: Sequence[Sequence[float]], weight: float = HEAD_WEIGHT) -> list[str]:
    """Offline decisions with ``head`` pooled at ``weight`` (None: the policy alone)."""
    out: list[str] = []
    for it, row in zip(items, rows, strict=True):
        sig = signals_of(it)
        if check_in_due(sig):
            out.append(choose(sig)[0]["name"])
            continue
        proposal, exponent = pooled_proposal(sig, head, weight,
                                             embedding=row[-EMBEDDING_DIM:])
        probs, _ = bias_control(proposal, sig, exponent)
        out.append(max(STRATEGIES, key=lambda k: probs[k]))
    return out


def cross_validate(items: list[dict[str, Any]]) -> None:
    """Leave-one-file-out cross-validation of the pooling weight; Q/B over pooled predictions."""
    gold = [it["gold"]["strategy"] for it in items]
    rows = features_of(items)
    files = sorted({it["source"] for it in items})
    print(f"dev: {len(items)} contexts from {len(files)} files; each file held out in turn")
    weights = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
    preds: dict[float, list[str]] = {w: [""] * len(items) for w in weights}
    for name in files:
        train_idx = [j for j, it in enumerate(items) if it["source"] != name]
        test_idx = [j for j, it in enumerate(items) if it["source"] == name]
        head = train([items[j] for j in train_idx], [rows[j] for j in train_idx])
        held = [items[j] for j in test_idx]
        held_rows = [rows[j] for j in test_idx]
        for w in weights:
            for j, p in zip(test_idx, predict_with(head, held, held_rows, w), strict=True):
                preds[w][j] = p
    for w in weights:
        q, b = q_and_b(preds[w], gold)
        label = "policy alone" if w == 0 else f"head weight {w:.1f}"
        per_file = []
        for name in files:
            idx = [j for j, it in enumerate(items) if it["source"] == name]
            _fq, fb = q_and_b([preds[w][j] for j in idx], [gold[j] for j in idx])
            per_file.append(f"{fb:.2f}")
        print(f"{label:<16} pooled Q {q:.1f} B {b:.2f}   B per held-out file: "
              + " ".join(per_file))


def main(argv: list[str] | None = None) -> int:
    """Train and write the head, or cross-validate, or check the shipped file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv", action="store_true", help="cross-validate on dev only")
    parser.add_argument("--check", action="store_true",
                        help="retrain and fail if the shipped head differs")
    args = parser.parse_args(argv)
    items = dev_items()
    if args.cv:
        cross_validate(items)
        return 0
    head = train(items)
    text = head.to_json()
    if args.check:
        same = head_path().read_text(encoding="utf-8") == text
        print("shipped head matches a retrain" if same else "shipped head DIFFERS from a retrain")
        return 0 if same else 1
    head_path().parent.mkdir(parents=True, exist_ok=True)
    head_path().write_text(text, encoding="utf-8")
    print(f"wrote {head_path().relative_to(ROOT)}: {len(HEAD_FEATURES)} features, "
          f"{len(items)} dev contexts from {', '.join(head.meta['trained_on'])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
