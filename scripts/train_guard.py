"""Train the output guard's learned check (P(unsafe reply)) shipped in confide/safety/model_data/.

    .venv/bin/python scripts/train_guard.py --cv      # out-of-fold figures and the threshold
    .venv/bin/python scripts/train_guard.py --write   # train on everything, write the weights

Data: ``benchmarks/data/guard_corpus/*.jsonl`` (replies written by a separate helper session
from the reply guideline: unsafe ones with a kind first sentence and the harm later, numbers
in words, obfuscation, 12 languages; safe hard negatives), Confide's own offline replies
(``confide_replies.jsonl``, from ``scripts/gen_confide_replies.py``) and every reviewed text in
``confide/safety/content/texts/`` with its placeholders filled (all safe: the guard must never block
them). Same features as the risk model (sentence encoder + hashed n-grams).
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
#: Out-of-fold share of safe replies the guard may block (the issue's target: >= 95% pass).
SAFE_BLOCK_BUDGET = 0.02
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
            out.append({"id": f"texts-{locale}-{key}", "lang": locale, "reply": text,
                        "label": "safe", "categories": [], "group": "texts"})
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


def folds(rows: list[dict[str, Any]], k: int = 5) -> np.ndarray:
    """Folds by reply id (a reply and its sentences stay in one fold)."""
    return np.array([hash_id(str(r["id"]).split("#")[0]) % k for r in rows])


def hash_id(s: str) -> int:
    import hashlib

    return int(hashlib.sha1(s.encode()).hexdigest(), 16)


def cross_validate(rows: list[dict[str, Any]]) -> dict[str, Any]:
    emb, grams, y = matrix(rows)
    mask = np.ones(y.shape, dtype=bool)
    w = np.ones(len(rows))
    fold = folds(rows)
    oof = {"full": np.zeros(len(rows)), "ngram": np.zeros(len(rows))}
    x_full = tr.design(emb, grams)
    for f in sorted(set(fold.tolist())):
        test = fold == f
        for name, x in (("full", x_full), ("ngram", grams)):
            coef, bias = tr.fit_heads(x[~test], y[~test], mask[~test], w[~test], tr.C_FULL)
            # a reply is unsafe when the unsafe head or any category head says so
            oof[name][test] = tr.sigmoid(x[test] @ coef + bias).max(axis=1)
    report: dict[str, Any] = {}
    safe = y[:, 0] == 0
    texts = [i for i, r in enumerate(rows) if r["group"] == "texts"]
    # the hard safe replies: written ones (not Confide's own texts), whole replies only
    written_safe = np.array(
        [
            r["label"] == "safe"
            and r["group"] not in ("texts", "confide_replies")
            and "#" not in str(r["id"])
            for r in rows
        ]
    )
    for name, p in oof.items():
        threshold = float(np.quantile(p[safe], 1.0 - SAFE_BLOCK_BUDGET))
        threshold = min(max(threshold, 0.2), 0.95)
        caught = p[~safe] >= threshold
        report[name] = {
            "threshold": threshold,
            "unsafe_caught": f"{int(caught.sum())}/{int((~safe).sum())}",
            "safe_passed": f"{int((p[safe] < threshold).sum())}/{int(safe.sum())}",
            "texts_passed": f"{sum(1 for i in texts if p[i] < threshold)}/{len(texts)}",
            "written_safe_passed": f"{int((p[written_safe] < threshold).sum())}/"
            f"{int(written_safe.sum())}",
        }
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
        "threshold": report["full"]["threshold"],
        "fallback_threshold": report["ngram"]["threshold"],
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
    args = parser.parse_args(argv)
    rows = items()
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
