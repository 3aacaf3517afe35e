"""Train the output guard's learned check (P(unsafe reply)) shipped in confide/safety/model_data/.

    .venv/bin/python scripts/train_guard.py --cv      # out-of-fold figures and the threshold
                                                      # (each written set held out whole)
    .venv/bin/python scripts/train_guard.py --write   # train on everything, write the weights

Data: ``benchmarks/data/guard_corpus/*.jsonl`` (replies written by separate helper sessions
from the reply guideline: unsafe ones with a kind first sentence and the harm later, numbers
in words, obfuscation, up to 16 languages; safe hard negatives; ``rb1``-``rb3`` are the spent
blind sets), Confide's own offline replies
(``confide_replies.jsonl``, from ``scripts/gen_confide_replies.py``) and every reviewed text in
``confide/safety/content/texts/`` with its placeholders filled (all safe: the guard must never block
them). Same features as the risk model (sentence encoder + hashed n-grams).

The cross-validation holds out one written set at a time (a new writer, as a blind set is) and
reads each reply as runtime does (the reply and each of its sentences, the highest score
wins). The threshold is the highest one that lets at most ``UNSAFE_MISS_BUDGET`` of the held-out
unsafe replies through; the printout shows the trade-off with safe replies passed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_risk as tr  # noqa: E402

from confide.safety import riskmodel as rm  # noqa: E402
from confide.safety.texts import TEXTS  # noqa: E402

CORPUS = ROOT / "benchmarks" / "data" / "guard_corpus"
CATEGORIES = (
    "method_detail",
    "dosing",
    "lethality",
    "pro_suicide",
    "harm_to_others",
    "eating_disorder_harm",
    "delusion_or_romance",
)
HEADS = ("unsafe", *CATEGORIES)
THRESHOLD_FILE = ROOT / "benchmarks" / "results" / "guard_threshold.json"
FILL = {
    "quote": "I can't do this anymore",
    "emergency": "911",
    "number": "988",
    "keyword": "HOME",
    "url": "findahelpline.com",
    "name": "Samaritans",
}


class _Fill(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return FILL.get(key, "")


def _all_tables() -> dict[str, dict[str, str]]:
    """Every reviewed text table by locale: safety texts, crisis-flow texts, exercises."""
    from confide.safety.texts_exercises import DECLINED, EXERCISES, MENU_INTRO
    from confide.safety.texts_flow import FLOW_TEXTS

    tables: dict[str, dict[str, str]] = {k: dict(v) for k, v in TEXTS.items()}
    for locale, table in FLOW_TEXTS.items():
        tables.setdefault(locale, {}).update({f"flow_{k}": v for k, v in table.items()})
    extra = tables.setdefault("en", {})
    extra["exercise_menu"] = MENU_INTRO
    for k, text in enumerate(DECLINED if isinstance(DECLINED, tuple) else (DECLINED,)):
        extra[f"exercise_declined_{k}"] = str(text)
    for ex in EXERCISES.values():
        extra[f"exercise_{ex.id}"] = "\n".join([ex.intro, *ex.steps, ex.closing])
        extra[f"exercise_{ex.id}_invitation"] = ex.invitation
    return tables


def reviewed_texts() -> list[dict[str, Any]]:
    """Every reviewed text (safety, crisis flow, exercises), placeholders filled (safe)."""
    out = []
    for locale, table in _all_tables().items():
        for key, value in table.items():
            try:
                text = value.format_map(_Fill())
            except (ValueError, IndexError):
                text = value
            out.append(
                {
                    "id": f"texts-{locale}-{key}",
                    "lang": locale,
                    "reply": text,
                    "label": "safe",
                    "categories": [],
                    "group": "texts",
                }
            )
    return out


def items() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                d["group"] = path.stem
                out.append(d)
    out.extend(reviewed_texts())
    # the guard reads replies sentence by sentence too: every sentence of a safe reply is a
    # safe example (a fragment like "you can reach someone right now:" must not look unsafe)
    fragments = []
    for d in out:
        if d["label"] != "safe":
            continue
        for k, sentence in enumerate(rm._sentences(str(d["reply"]))):
            if sentence != d["reply"] and len(sentence) >= 12:
                fragments.append({**d, "id": f"{d['id']}#s{k}", "reply": sentence})
    return out + fragments


def matrix(rows: list[dict[str, Any]]) -> tuple[np.ndarray, sparse.csr_matrix, np.ndarray]:
    texts = [str(r["reply"]) for r in rows]
    emb = tr.embed_all(texts)
    grams = tr.ngram_matrix(texts)
    y = np.zeros((len(rows), len(HEADS)), dtype=np.int8)
    for i, r in enumerate(rows):
        y[i, 0] = int(r["label"] == "unsafe")
        for c in r.get("categories") or []:
            if c in CATEGORIES:
                y[i, HEADS.index(c)] = 1
    return emb, grams, y


#: Groups that are not written reply sets (spread over the folds by reply id).
OWN_GROUPS = ("texts", "confide_replies")
#: Share of written unsafe replies the learned check may miss out of fold (the issue asks for
#: none; the rules and the repair path are the second line). The threshold is the highest one
#: that keeps the misses within this budget.
UNSAFE_MISS_BUDGET = 0.01
#: The shipped check's threshold never goes below this: lower (the full model alone at 0.43)
#: the check started blocking Confide's own composed replies (crisis replies quoting the
#: person, follow-ups, exercises; tests/safety/test_completion.py, test_crisis_flow.py and
#: test_exercises.py fail), which pass at the shipped mix and threshold. The fallback
#: (n-grams only, used when the encoder fails) keeps the budget's threshold: in that degraded
#: mode a blocked composed reply is replaced by the fixed safe reply, which is still safe.
MIN_THRESHOLD = 0.50
#: The shipped check averages the full model's and the n-gram model's probabilities ("mean");
#: out of fold it passes more safe replies than the full model alone at the same recall.
SHIPPED = "mean"
OOF_FILE = ROOT / ".cache" / "guard_oof.npz"


def folds(rows: list[dict[str, Any]]) -> np.ndarray:
    """One fold per written reply set (a set is one writer), held out whole.

    Each set was written by a separate helper session, often as the same replies in 16
    languages, so a fold split by reply id would put a reply's translations on both sides.
    Holding a whole set out measures a writer the model has not seen, which is what a blind
    set measures. Confide's own texts and replies are dealt over the folds by reply id.
    """
    sets = sorted({str(r["group"]) for r in rows if r["group"] not in OWN_GROUPS})
    out = []
    for r in rows:
        if r["group"] in OWN_GROUPS:
            out.append(hash_id(str(r["id"]).split("#")[0]) % len(sets))
        else:
            out.append(sets.index(str(r["group"])))
    return np.array(out)


def hash_id(s: str) -> int:
    import hashlib

    return int(hashlib.sha1(s.encode()).hexdigest(), 16)


def reply_parts(rows: list[dict[str, Any]]) -> tuple[list[int], list[list[str]]]:
    """The whole replies (row indices) and what runtime reads of each: the reply and its
    sentences (``ReplyModel.unsafe`` takes the maximum over them)."""
    whole = [i for i, r in enumerate(rows) if "#" not in str(r["id"])]
    parts = []
    for i in whole:
        reply = str(rows[i]["reply"])
        parts.append([reply, *(s for s in rm._sentences(reply) if s != reply)])
    return whole, parts


def threshold_for(p: np.ndarray, unsafe: np.ndarray) -> float:
    """The highest threshold that misses at most UNSAFE_MISS_BUDGET of the unsafe replies."""
    scores = np.sort(p[unsafe])
    k = int(np.floor(UNSAFE_MISS_BUDGET * len(scores)))
    return float(min(max(scores[k] - 1e-6, 0.2), 0.95))


def cross_validate(rows: list[dict[str, Any]]) -> dict[str, Any]:
    emb, grams, y = matrix(rows)
    mask = np.ones(y.shape, dtype=bool)
    w = np.ones(len(rows))
    fold = folds(rows)
    whole, parts = reply_parts(rows)
    flat = sorted({t for ps in parts for t in ps})
    at = {t: k for k, t in enumerate(flat)}
    p_emb, p_grams = tr.embed_all(flat), tr.ngram_matrix(flat)
    views = {"full": (tr.design(emb, grams), tr.design(p_emb, p_grams)), "ngram": (grams, p_grams)}
    oof = {name: np.zeros(len(whole)) for name in views}
    whole_fold = fold[whole]
    for f in sorted(set(fold.tolist())):
        train = fold != f
        for name, (x, xp) in views.items():
            c = tr.C_FULL if name == "full" else tr.C_NGRAM
            coef, bias = tr.fit_heads(x[train], y[train], mask[train], w[train], c)
            for j in np.flatnonzero(whole_fold == f):
                rows_j = [at[t] for t in parts[j]]
                # a reply is unsafe when the unsafe head or any category head says so, on the
                # reply or on any of its sentences (as at runtime)
                oof[name][j] = float(tr.sigmoid(xp[rows_j] @ coef + bias).max())
            print(f"fold {f} {name} done", flush=True)
    unsafe = np.array([rows[i]["label"] == "unsafe" for i in whole])
    group = np.array([str(rows[i]["group"]) for i in whole])
    OOF_FILE.parent.mkdir(exist_ok=True)
    np.savez(OOF_FILE, unsafe=unsafe, group=group, **oof)
    return report_from(oof, unsafe, group)


def report_from(
    oof: dict[str, np.ndarray], unsafe: np.ndarray, group: np.ndarray
) -> dict[str, Any]:
    """Thresholds and figures from out-of-fold reply scores (``--cv``, or ``--from-oof``)."""
    report: dict[str, Any] = {"folds": "one per written set, held out whole"}
    oof = {**oof, "mean": (oof["full"] + oof["ngram"]) / 2}
    written = ~np.isin(group, OWN_GROUPS)
    for name, p in oof.items():
        threshold = threshold_for(p[written], unsafe[written])
        if name == SHIPPED:
            threshold = max(threshold, MIN_THRESHOLD)
        block = p >= threshold
        entry: dict[str, Any] = {
            "threshold": threshold,
            "unsafe_caught": f"{int(block[unsafe].sum())}/{int(unsafe.sum())}",
            "written_safe_passed": f"{int((~block[written & ~unsafe]).sum())}/"
            f"{int((written & ~unsafe).sum())}",
            "texts_passed": f"{int((~block[group == 'texts']).sum())}/"
            f"{int((group == 'texts').sum())}",
            "confide_replies_passed": f"{int((~block[group == 'confide_replies']).sum())}/"
            f"{int((group == 'confide_replies').sum())}",
        }
        for g in sorted(set(group[written].tolist())):
            sel = group == g
            entry[f"held_out_{g}"] = (
                f"unsafe caught {int(block[sel & unsafe].sum())}/{int((sel & unsafe).sum())}, "
                f"safe passed {int((~block[sel & ~unsafe]).sum())}/{int((sel & ~unsafe).sum())}"
            )
        # the trade-off, for choosing the budget: written replies at fixed thresholds
        entry["curve"] = {
            f"{t:.2f}": f"unsafe caught {int((p[written & unsafe] >= t).sum())}, "
            f"safe passed {int((p[written & ~unsafe] < t).sum())}"
            for t in (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95)
        }
        report[name] = entry
    return report


def train_final(rows: list[dict[str, Any]], report: dict[str, Any]) -> None:
    emb, grams, y = matrix(rows)
    mask = np.ones(y.shape, dtype=bool)
    w = np.ones(len(rows))
    cf, bf = tr.fit_heads(tr.design(emb, grams), y, mask, w, tr.C_FULL)
    cn, bn = tr.fit_heads(grams, y, mask, w, tr.C_NGRAM)
    d = emb.shape[1]
    weights = rm.DATA_DIR / rm.GUARD_MODEL_FILE
    rm.DATA_DIR.mkdir(exist_ok=True)
    np.savez_compressed(
        weights,
        full_bias=bf.astype(np.float32),
        full_dense=cf[:d].astype(np.float16),
        full_sparse=cf[d:].astype(np.float16),
        ngram_bias=bn.astype(np.float32),
        ngram_sparse=cn.astype(np.float16),
    )
    meta = {
        "format": 1,
        "feature_version": rm.FEATURE_VERSION,
        "bits": rm.BITS,
        "heads": list(HEADS),
        "dense_scale": tr.DENSE_SCALE,
        "threshold": report[SHIPPED]["threshold"],
        "fallback_threshold": report["ngram"]["threshold"],
        "mix": SHIPPED,
        "trained_on": {"replies": len(rows)},
        "licences": {"guard_corpus": "Apache-2.0 (written for Confide)"},
        "script": "scripts/train_guard.py",
        "weights_sha256": rm.file_sha256(weights),
    }
    (rm.DATA_DIR / rm.GUARD_META_FILE).write_text(
        json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    print(f"wrote {weights} ({weights.stat().st_size // 1024} KB)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cv", action="store_true")
    parser.add_argument("--write", action="store_true")
    parser.add_argument(
        "--from-oof", action="store_true", help="redo the report from the last --cv's scores"
    )
    args = parser.parse_args(argv)
    rows = items()
    if args.from_oof:
        with np.load(OOF_FILE) as z:
            oof = {name: z[name] for name in ("full", "ngram")}
            report = report_from(oof, z["unsafe"], z["group"])
        THRESHOLD_FILE.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
        print(json.dumps(report, indent=1))
    if args.cv:
        report = cross_validate(rows)
        THRESHOLD_FILE.parent.mkdir(exist_ok=True)
        THRESHOLD_FILE.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
        print(json.dumps(report, indent=1))
    if args.write:
        train_final(rows, json.loads(THRESHOLD_FILE.read_text(encoding="utf-8")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
