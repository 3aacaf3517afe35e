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
    return [
        head_features(sig, [float(v) for v in vec]) for sig, vec in zip(sigs, vectors, strict=True)
    ]


def train(
    items: Sequence[dict[str, Any]], rows: Sequence[Sequence[float]] | None = None
) -> StrategyHead:
    """Train the head on ``items`` with the shipped settings."""
    sources = sorted({it["source"] for it in items})
    meta = {
        "trained_on": sources,
        "contexts": len(items),
        "l2": L2,
        "iterations": ITERATIONS,
        "class_balanced": True,
        "source_sha256": {
            name: hashlib.sha256((E.DATA / name).read_bytes()).hexdigest()[:16] for name in sources
        },
        "script": "scripts/train_strategy.py",
    }
    if rows is None:
        rows = features_of(items)
    return train_head(
        rows,
        [it["gold"]["strategy"] for it in items],
        HEAD_FEATURES,
        l2=L2,
        iterations=ITERATIONS,
        meta=meta,
    )


def predict_with(
    head: StrategyHead | None,
    items: Sequence[dict[str, Any]],
    rows: Sequence[Sequence[float]],
    weight: float = HEAD_WEIGHT,
) -> list[str]:
    """Offline decisions with ``head`` pooled at ``weight`` (None: the policy alone)."""
    out: list[str] = []
    for it, row in zip(items, rows, strict=True):
        sig = signals_of(it)
        if check_in_due(sig):
            out.append(choose(sig)[0]["name"])
            continue
        proposal, exponent = pooled_proposal(sig, head, weight, embedding=row[-EMBEDDING_DIM:])
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
        print(
            f"{label:<16} pooled Q {q:.1f} B {b:.2f}   B per held-out file: " + " ".join(per_file)
        )


#: The opt-in ESConv head: its licence, and the pooling weights tried by cross-validation.
ESCONV_LICENCE = "CC BY-NC 4.0"
ESCONV_WEIGHTS = (0.7, 0.85, 1.0)
ESCONV_L2 = (0.1,)
ESCONV_STRENGTHS = (0.5, 1.0)


def esconv_rows(items: Sequence[dict[str, Any]]) -> tuple[list[Any], list[list[float]]]:
    """Signals and head features of every ESConv context."""
    sigs, embs = E.esconv_inputs(items)
    print(f"ESConv dev: {len(items)} contexts embedded", flush=True)
    return sigs, [head_features(sig, e) for sig, e in zip(sigs, embs, strict=True)]


def esconv_probs(
    head: StrategyHead, sigs: Sequence[Any], rows: Sequence[Sequence[float]], weight: float
) -> Any:
    """The bias control's output with ``head`` pooled at ``weight`` (before calibration)."""
    proposals = [
        pooled_proposal(sig, head, weight, embedding=row[-EMBEDDING_DIM:])
        for sig, row in zip(sigs, rows, strict=True)
    ]
    return E.controlled(sigs, proposals)


def train_esconv(
    items: Sequence[dict[str, Any]], rows: Sequence[Sequence[float]], l2: float
) -> StrategyHead:
    """Fit the ESConv head (class-balanced) on ``items``."""
    return train_head(
        rows, [it["gold"]["strategy"] for it in items], HEAD_FEATURES, l2=l2, iterations=ITERATIONS
    )


def esconv_cv(
    items: list[dict[str, Any]], sigs: Sequence[Any], rows: Sequence[Sequence[float]]
) -> tuple[float, float, float]:
    """5-fold CV by conversation with an inner 4-fold CV (by conversation) on the training
    folds that chooses L2, pooling weight and calibration strength (best pooled inner Q with
    B <= 0.36); the calibration is fitted label-free on the training folds. Returns the setting
    the same 4-fold selection picks on all of dev (for the shipped head)."""
    from collections import Counter

    gold = [it["gold"]["strategy"] for it in items]
    folds = E.conversation_folds(items)
    preds = [""] * len(items)
    chosen: list[tuple[float, float, float]] = []

    def fit_predict(
        train: list[int], held: list[int], l2: float, weights: Sequence[float]
    ) -> dict[float, tuple[Any, dict[str, float]]]:
        head = train_esconv([items[j] for j in train], [rows[j] for j in train], l2)
        out = {}
        for w in weights:
            cal = E.fit_calibration(
                esconv_probs(head, [sigs[j] for j in train], [rows[j] for j in train], w)
            )
            out[w] = (esconv_probs(head, [sigs[j] for j in held], [rows[j] for j in held], w), cal)
        return out

    def select(train: list[int], seed: int) -> tuple[float, tuple[float, float, float]]:
        """The setting with the best pooled Q (B <= 0.36) over a 4-fold CV on ``train``."""
        sub = [items[j] for j in train]
        inner_folds = [
            [train[k] for k in fold] for fold in E.conversation_folds(sub, k=4, seed=seed)
        ]
        inner_preds: dict[tuple[float, float, float], dict[int, str]] = {}
        for inner_held in inner_folds:
            held_set = set(inner_held)
            inner_train = [j for j in train if j not in held_set]
            for l2 in ESCONV_L2:
                for w, (probs, cal) in fit_predict(
                    inner_train, inner_held, l2, ESCONV_WEIGHTS
                ).items():
                    for strength in ESCONV_STRENGTHS:
                        picks = E.calibrated_picks(probs, cal, strength)
                        inner_preds.setdefault((l2, w, strength), {}).update(
                            zip(inner_held, picks, strict=True)
                        )
        best: tuple[float, tuple[float, float, float]] | None = None
        for setting, by_index in inner_preds.items():
            q, b = q_and_b([by_index[j] for j in train], [gold[j] for j in train])
            if b <= 0.36 and (best is None or q > best[0]):
                best = (q, setting)
        return best or (float("nan"), (ESCONV_L2[-1], ESCONV_WEIGHTS[0], ESCONV_STRENGTHS[-1]))

    for f, held in enumerate(folds):
        train = [j for g, fold in enumerate(folds) if g != f for j in fold]
        inner_q, setting = select(train, f + 1)
        l2, w, strength = setting
        chosen.append(setting)
        probs, cal = fit_predict(train, held, l2, (w,))[w]
        picks = E.calibrated_picks(probs, cal, strength)
        for j, pick in zip(held, picks, strict=True):
            preds[j] = pick
        q, b = q_and_b(picks, [gold[j] for j in held])
        print(
            f"  fold {f}: L2 {l2}, head weight {w}, calibration strength {strength} "
            f"(inner CV Q {inner_q:.1f}); held-out Q {q:.1f} "
            f"B {b:.2f}",
            flush=True,
        )
    q, b = q_and_b(preds, gold)
    print(f"ESConv head, CV pooled over the held-out folds: Q {q:.1f} B {b:.2f}")
    (q_lo, q_hi), (b_lo, b_hi) = E.bootstrap(preds, items)
    print(f"95% bootstrap over conversations: Q {q_lo:.1f}-{q_hi:.1f}, B {b_lo:.2f}-{b_hi:.2f}")
    print(E.per_class(preds, gold))
    print("settings chosen per fold:", Counter(chosen).most_common())
    final_q, final = select(list(range(len(items))), 0)
    print(
        f"setting for the shipped head (4-fold CV on all of dev, Q {final_q:.1f}): "
        f"L2 {final[0]}, head weight {final[1]}, calibration strength {final[2]}"
    )
    return final


ESCONV_LICENCE_TEXT = """This directory holds Confide's opt-in strategy head trained on ESConv.

ESConv: Liu et al., "Towards Emotional Support Dialog Systems", ACL 2021
(thu-coai/Emotional-Support-Conversation), dev split, licensed under the Creative Commons
Attribution-NonCommercial 4.0 International licence (CC BY-NC 4.0,
https://creativecommons.org/licenses/by-nc/4.0/legalcode).

The model in head.json was trained on that data and is distributed under the same
CC BY-NC 4.0 licence: non-commercial use only, with attribution. It is NOT covered by
Confide's Apache-2.0 licence, and the default install does not use it. Select it with
strategy_head = "esconv" (config file) or CONFIDE_STRATEGY_HEAD=esconv.
Changes: a softmax-regression head fitted to the strategy labels (scripts/train_strategy.py
--esconv); no text of the dataset is included.
"""


def write_esconv_head(
    items: list[dict[str, Any]],
    sigs: Sequence[Any],
    rows: Sequence[Sequence[float]],
    l2: float,
    weight: float,
    strength: float,
) -> None:
    """Train on all of ESConv dev and write the head with its licence next to it."""
    from confide.agents.strategy_head import esconv_head_path

    head = train_esconv(items, rows, l2)
    cal = E.fit_calibration(esconv_probs(head, sigs, rows, weight))
    meta = {
        "licence": ESCONV_LICENCE,
        "licence_url": "https://creativecommons.org/licenses/by-nc/4.0/",
        "trained_on": "ESConv devWithStrategy_short.tsv (thu-coai/Emotional-Support-Conversation)",
        "source_sha256": hashlib.sha256(E.ESCONV_DEV.read_bytes()).hexdigest()[:16],
        "contexts": len(items),
        "l2": l2,
        "iterations": ITERATIONS,
        "class_balanced": True,
        "head_weight": weight,
        "calibration": cal,
        "calibration_strength": strength,
        "script": "scripts/train_strategy.py --esconv",
    }
    head = StrategyHead(head.feature_names, head.mean, head.scale, head.weights, head.bias, meta)
    path = esconv_head_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(head.to_json(), encoding="utf-8")
    (path.parent / "NOTICE").write_text(ESCONV_LICENCE_TEXT, encoding="utf-8")
    licence = E.ESCONV_DEV.parent / "LICENSE"
    if licence.exists():
        (path.parent / "LICENSE").write_text(licence.read_text(encoding="utf-8"), encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)} ({ESCONV_LICENCE}), L2 {l2}, head weight {weight}")


def main(argv: list[str] | None = None) -> int:
    """Train and write the head, or cross-validate, or check the shipped file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv", action="store_true", help="cross-validate on dev only")
    parser.add_argument(
        "--check", action="store_true", help="retrain and fail if the shipped head differs"
    )
    parser.add_argument(
        "--esconv",
        action="store_true",
        help="the opt-in ESConv head (CC BY-NC 4.0): CV, then train and write",
    )
    args = parser.parse_args(argv)
    if args.esconv:
        esconv = E.load_esconv()
        sigs, rows = esconv_rows(esconv)
        l2, weight, strength = esconv_cv(esconv, sigs, rows)
        if not args.cv:
            write_esconv_head(esconv, sigs, rows, l2, weight, strength)
        return 0
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
    print(
        f"wrote {head_path().relative_to(ROOT)}: {len(HEAD_FEATURES)} features, "
        f"{len(items)} dev contexts from {', '.join(head.meta['trained_on'])}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
