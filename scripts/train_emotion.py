# ruff: noqa: E402
"""Train Confide's offline emotion head on GoEmotions, reproducibly (fixed seeds, numpy only).

Features: MiniLM sentence embeddings (confide.memory.embedder.OfflineEmbedder, 384-dim) plus,
optionally, a TF-IDF bag of unigrams and bigrams, optionally with character 3-5-grams ("wide &
deep": the bag feeds a linear branch added to the logits, the embedding feeds a linear layer or
a one-hidden-layer MLP). Output: a multi-label sigmoid, or a softmax over the 28 GoEmotions
labels plus a second softmax over the 7 Ekman groups. Ensembles average their members'
probabilities (members differ by seed). The Ekman probability can mix the Ekman softmax with
the grouped 28-label softmax.

Protocol (no test split is used):
* a fixed 8% of train is held out for early stopping, the Ekman mixing weight and the choice
  of the candidate to write (best held-out Ekman macro-F1);
* per-label thresholds (28 labels, 7 Ekman groups) are tuned on dev, and the dev macro-F1 is
  reported twice: with thresholds tuned on all of dev (optimistic) and 2-fold cross-fitted
  (thresholds tuned on one half of dev, scored on the other).

Usage (from the repo root)::

    .venv/bin/python scripts/train_emotion.py                    # train + write the head
    .venv/bin/python scripts/train_emotion.py --compare --models ens-3linear,ens-5linear
    .venv/bin/python scripts/train_emotion.py --data ../shared/data/goemotions --no-write

With ``--compare`` every candidate is trained and the one with the best held-out Ekman
macro-F1 is written (unless ``--no-write``). The default ``--model`` is the shipped one.
Trained members are cached under ``--cache-dir``/members (``--retrain`` ignores them).

Embeddings are cached under ``--cache-dir`` (default /tmp/confide_emotion_cache), keyed by the
sha256 of each TSV file, so reruns take seconds.
"""

from __future__ import annotations

import os

# one BLAS thread: on a shared 2-core machine, threaded BLAS thrashes (10x slower steps)
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse
import hashlib
import io
import json
import sys
import time
import zipfile
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from confide.agents.emotion import bow_tokens, char_ngrams, tfidf_row
from confide.agents.emotion_space import (
    EKMAN_LABELS,
    GOEMOTIONS_LABELS,
    GOEMOTIONS_TO_EKMAN,
)

F32 = npt.NDArray[np.float32]
HEAD_VERSION = "goemotions_head_v2"
OUT_DIR = ROOT / "confide" / "agents" / "emotion_data"
SEED = 13
#: Bump when the training code changes, so cached trained members are not reused.
MEMBER_CACHE_TAG = "v2"
#: Dense inputs of the head: MiniLM, the risk screen's USE v3, or both concatenated.
DENSE_INPUTS = ("minilm", "use", "minilm+use")


# ---------------------------------------------------------------- data
@dataclass
class Split:
    """One TSV split: texts and the (n, 28) multi-hot label matrix."""

    texts: list[str]
    y: F32
    sha: str


def load_split(path: Path) -> Split:
    """Read a GoEmotions TSV (text, comma-separated label ids, comment id)."""
    raw = path.read_bytes()
    texts: list[str] = []
    rows: list[list[int]] = []
    for line in raw.decode("utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        texts.append(parts[0])
        rows.append([int(x) for x in parts[1].split(",") if x.strip()])
    y = np.zeros((len(texts), len(GOEMOTIONS_LABELS)), dtype=np.float32)
    for i, ids in enumerate(rows):
        y[i, ids] = 1.0
    return Split(texts, y, hashlib.sha256(raw).hexdigest())


def ekman_matrix() -> F32:
    """(28, 7) 0/1 matrix: GoEmotions label -> Ekman group."""
    m = np.zeros((len(GOEMOTIONS_LABELS), len(EKMAN_LABELS)), dtype=np.float32)
    for i, label in enumerate(GOEMOTIONS_LABELS):
        m[i, EKMAN_LABELS.index(GOEMOTIONS_TO_EKMAN[label])] = 1.0
    return m


def embed_split(
    split: Split, name: str, cache_dir: Path, cached_only: bool = False
) -> tuple[F32, npt.NDArray[np.int64]]:
    """Embeddings for a split, cached in chunks of 2,000 texts (resumable).

    Returns the embeddings and the row indices they belong to (all rows, unless
    ``cached_only`` skips the chunks not yet in the cache).
    """
    from confide.memory.embedder import MODEL_ID, OfflineEmbedder

    folder = cache_dir / f"{name}-{split.sha[:12]}-{MODEL_ID}"
    folder.mkdir(parents=True, exist_ok=True)
    embedder = OfflineEmbedder()
    parts: list[F32] = []
    rows: list[npt.NDArray[np.int64]] = []
    chunk = 2000
    t0 = time.perf_counter()
    todo = 0
    for start in range(0, len(split.texts), chunk):
        f = folder / f"{start:06d}.npy"
        texts = split.texts[start : start + chunk]
        if not f.exists():
            if cached_only:
                continue
            order = np.argsort([len(t) for t in texts], kind="stable")
            emb = embedder.embed([texts[j] for j in order], batch_size=8)
            res = np.empty_like(emb)
            res[order] = emb
            np.save(f, res)
            todo += len(texts)
            rate = (time.perf_counter() - t0) / todo * 1000
            print(
                f"  embedded {name} {start + len(texts)}/{len(split.texts)} ({rate:.1f} ms/text)",
                flush=True,
            )
        parts.append(np.load(f).astype(np.float32))
        rows.append(np.arange(start, start + len(texts)))
    return np.concatenate(parts, axis=0), np.concatenate(rows)


def use_split(split: Split, name: str, cache_dir: Path) -> F32:
    """Multilingual USE v3 vectors (512-dim) of a split's texts, cached in chunks of 2,000.

    The encoder reads ``basic(text)`` (NFKC, case-folded, spaces squeezed), the very text the
    risk screen encodes, so at inference the emotion head reuses the screen's vector.
    """
    from confide.safety.normalize import basic
    from confide.safety.riskmodel import USEncoder

    folder = cache_dir / f"use-{name}-{split.sha[:12]}-basic"
    folder.mkdir(parents=True, exist_ok=True)
    encoder = USEncoder()
    parts: list[F32] = []
    chunk = 2000
    t0 = time.perf_counter()
    for start in range(0, len(split.texts), chunk):
        f = folder / f"{start:06d}.npy"
        if not f.exists():
            texts = [basic(t) for t in split.texts[start : start + chunk]]
            order = np.argsort([len(t) for t in texts], kind="stable")
            emb = np.concatenate(
                [
                    encoder.encode([texts[j] for j in order[s : s + 64]])
                    for s in range(0, len(order), 64)
                ]
            )
            res = np.empty_like(emb)
            res[order] = emb
            np.save(f, res)
            print(
                f"  USE {name} {start + len(texts)}/{len(split.texts)}"
                f" ({time.perf_counter() - t0:.0f}s)",
                flush=True,
            )
        parts.append(np.load(f).astype(np.float32))
    return np.concatenate(parts, axis=0)


# ---------------------------------------------------------------- bag of words
@dataclass
class Bow:
    """A TF-IDF vocabulary: term -> column, and the idf weights."""

    vocab: dict[str, int]
    idf: F32
    chars: bool = False

    @classmethod
    def fit(cls, texts: list[str], size: int, min_df: int = 3, chars: int = 0) -> Bow:
        """Keep the ``size`` most frequent word terms (and ``chars`` character n-grams)."""
        df: Counter[str] = Counter()
        cdf: Counter[str] = Counter()
        for t in texts:
            df.update(set(bow_tokens(t)))
            if chars:
                cdf.update(set(char_ngrams(t)))

        def top(counts: Counter[str], k: int) -> list[str]:
            ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
            return [w for w, c in ranked if c >= min_df][:k]

        terms = top(df, size) + (top(cdf, chars) if chars else [])
        df.update(cdf)
        n = len(texts)
        idf = np.array([np.log((1 + n) / (1 + df[w])) + 1.0 for w in terms], dtype=np.float32)
        return cls({w: i for i, w in enumerate(terms)}, idf, bool(chars))

    def encode(self, texts: list[str]) -> tuple[npt.NDArray[np.int64], F32, npt.NDArray[np.int64]]:
        """CSR-like (ids, values, row offsets) of L2-normalised log-tf * idf rows."""
        ids: list[int] = []
        vals: list[float] = []
        offsets = [0]
        for t in texts:
            row_ids, row = tfidf_row(t, self.vocab, self.idf, self.chars)
            ids.extend(row_ids)
            vals.extend(row.tolist())
            offsets.append(len(ids))
        return (
            np.array(ids, dtype=np.int64),
            np.array(vals, dtype=np.float32),
            np.array(offsets, dtype=np.int64),
        )


SparseBatch = tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], F32]


def bow_batch(enc: tuple[Any, Any, Any], rows: npt.NDArray[np.int64]) -> SparseBatch:
    """The selected CSR rows as (row index in batch, column id, value) triples."""
    ids, vals, off = enc
    starts, ends = off[rows], off[rows + 1]
    lens = ends - starts
    row_of = np.repeat(np.arange(len(rows)), lens)
    pos = np.repeat(starts - np.concatenate([[0], np.cumsum(lens)[:-1]]), lens) + np.arange(
        int(lens.sum())
    )
    return row_of, ids[pos], vals[pos]


def scatter_rows(index: npt.NDArray[np.int64], values: F32, n_rows: int) -> F32:
    """Sum the rows of ``values`` into ``n_rows`` rows at ``index`` (a fast np.add.at)."""
    width = values.shape[1]
    flat = (index[:, None] * width + np.arange(width)).ravel()
    out = np.bincount(flat, weights=values.ravel(), minlength=n_rows * width)
    return out.reshape(n_rows, width).astype(np.float32)


# ---------------------------------------------------------------- model
@dataclass
class Config:
    """One model configuration."""

    hidden: int = 0  # 0 = linear head on the embedding
    bow: int = 0  # vocabulary size of the wide branch (0 = none)
    loss: str = "sigmoid"  # or "softmax"
    epochs: int = 40
    lr: float = 3e-3
    l2: float = 1e-5
    l2_bow: float = 1e-5
    batch: int = 256
    dropout: float = 0.1
    joint: bool = True  # also learn the 7 Ekman groups as 7 extra sigmoid outputs
    seed_offset: int = 0  # ensemble members differ by initialisation/shuffling seed
    balance: float = 0.0  # class-balanced loss: example weight ~ (label frequency)^-balance
    chars: int = 0  # character 3-5-gram terms added to the TF-IDF vocabulary
    inputs: str = ""  # "" = every dense column; "minilm" / "use": that block of --dense only

    @property
    def has_ekman_outputs(self) -> bool:
        """The head outputs 28 + 7 probabilities."""
        return self.joint

    def name(self) -> str:
        """A short readable name."""
        head = f"mlp{self.hidden}" if self.hidden else "linear"
        extra = "+ekman" if self.has_ekman_outputs else ""
        seed = f" seed+{self.seed_offset}" if self.seed_offset else ""
        on = f" on {self.inputs}" if self.inputs else ""
        bow = "+bow" + str(self.bow) if self.bow else ""
        return f"{head}{bow}{extra} ({self.loss}){seed}{on}"


class Head:
    """Wide (bag of words, linear) & deep (embedding -> [MLP] -> logits) head, Adam-trained."""

    def __init__(self, cfg: Config, dim: int, n_out: int, rng: np.random.Generator) -> None:
        self.cfg = cfg
        p: dict[str, F32] = {}
        if cfg.hidden:
            p["W1"] = (rng.standard_normal((dim, cfg.hidden)) * np.sqrt(2.0 / dim)).astype(
                np.float32
            )
            p["b1"] = np.zeros(cfg.hidden, dtype=np.float32)
            p["W2"] = (rng.standard_normal((cfg.hidden, n_out)) * np.sqrt(1.0 / cfg.hidden)).astype(
                np.float32
            )
        else:
            p["W2"] = np.zeros((dim, n_out), dtype=np.float32)
        p["b2"] = np.zeros(n_out, dtype=np.float32)
        if cfg.bow:
            p["Wb"] = np.zeros((cfg.bow, n_out), dtype=np.float32)
        self.p = p
        self.class_weight: F32 | None = None  # per 28-label weights (class-balanced loss)
        self.m = {k: np.zeros_like(v) for k, v in p.items()}
        self.v = {k: np.zeros_like(v) for k, v in p.items()}
        self.t = 0

    def forward(
        self,
        x: F32,
        xb: SparseBatch | None,
        train: bool = False,
        rng: np.random.Generator | None = None,
    ) -> tuple[F32, dict[str, F32]]:
        """Logits and the cache needed for backprop."""
        cache: dict[str, F32] = {"x": x}
        h = x
        if self.cfg.hidden:
            a = x @ self.p["W1"] + self.p["b1"]
            h = np.maximum(a, 0.0)
            if train and self.cfg.dropout and rng is not None:
                mask = (rng.random(h.shape) >= self.cfg.dropout).astype(np.float32)
                h = h * mask / (1.0 - self.cfg.dropout)
                cache["mask"] = mask
            cache["a"] = a
        cache["h"] = h
        z = h @ self.p["W2"] + self.p["b2"]
        if xb is not None and self.cfg.bow:
            row_of, ids, vals = xb
            z = z + scatter_rows(row_of, vals[:, None] * self.p["Wb"][ids], len(x))
        return z.astype(np.float32), cache

    def blocks(self, width: int) -> list[slice]:
        """Output blocks normalised separately by softmax (28 labels, then 7 Ekman groups)."""
        n = len(GOEMOTIONS_LABELS)
        return [slice(0, n), slice(n, width)] if width > n else [slice(0, width)]

    def probs(self, z: F32) -> F32:
        """Sigmoid, or a softmax per output block."""
        if self.cfg.loss == "softmax":
            out = np.empty_like(z)
            for b in self.blocks(z.shape[1]):
                e = np.exp(z[:, b] - z[:, b].max(axis=1, keepdims=True))
                out[:, b] = e / e.sum(axis=1, keepdims=True)
            return out.astype(np.float32)
        return (1.0 / (1.0 + np.exp(-z))).astype(np.float32)

    def step(self, x: F32, xb: SparseBatch | None, y: F32, rng: np.random.Generator) -> float:
        """One Adam step on a minibatch; returns the loss."""
        z, c = self.forward(x, xb, train=True, rng=rng)
        p = self.probs(z)
        n = len(x)
        if self.cfg.loss == "softmax":
            target = np.empty_like(y)
            for b in self.blocks(y.shape[1]):
                target[:, b] = y[:, b] / np.clip(y[:, b].sum(axis=1, keepdims=True), 1.0, None)
            w = np.ones((n, 1), dtype=np.float32)
            if self.class_weight is not None:  # mean weight of the example's labels
                n_lab = len(self.class_weight)
                w = (
                    (y[:, :n_lab] @ self.class_weight)
                    / np.clip(y[:, :n_lab].sum(axis=1), 1.0, None)
                )[:, None].astype(np.float32)
            loss = float(-(w * target * np.log(np.clip(p, 1e-9, 1))).sum() / n)
            gz: F32 = (w * (p - target) / n).astype(np.float32)
        else:
            loss = float(
                -(
                    y * np.log(np.clip(p, 1e-9, 1)) + (1 - y) * np.log(np.clip(1 - p, 1e-9, 1))
                ).mean()
            )
            gz = ((p - y) / n).astype(np.float32)
        g: dict[str, F32] = {"W2": c["h"].T @ gz, "b2": gz.sum(axis=0)}
        if self.cfg.hidden:
            gh = gz @ self.p["W2"].T
            if "mask" in c:
                gh = gh * c["mask"] / (1.0 - self.cfg.dropout)
            ga = gh * (c["a"] > 0)
            g["W1"] = c["x"].T @ ga
            g["b1"] = ga.sum(axis=0)
        if xb is not None and self.cfg.bow:
            row_of, ids, vals = xb
            contrib = (vals[:, None] * gz[row_of]).astype(np.float32)
            g["Wb"] = scatter_rows(ids, contrib, len(self.p["Wb"]))
        self.t += 1
        b1, b2, eps = 0.9, 0.999, 1e-8
        for k, grad in g.items():
            if k in ("W1", "W2"):
                grad = grad + self.cfg.l2 * self.p[k]
            elif k == "Wb":
                grad = grad + self.cfg.l2_bow * self.p[k]
            self.m[k] = b1 * self.m[k] + (1 - b1) * grad
            self.v[k] = b2 * self.v[k] + (1 - b2) * grad * grad
            mh = self.m[k] / (1 - b1**self.t)
            vh = self.v[k] / (1 - b2**self.t)
            self.p[k] = (self.p[k] - self.cfg.lr * mh / (np.sqrt(vh) + eps)).astype(np.float32)
        return loss


def predict(head: Head, x: F32, bow_enc: Any, size: int) -> F32:
    """Probabilities for every row of ``x`` (batched)."""
    out = []
    for s in range(0, len(x), 2048):
        rows = np.arange(s, min(s + 2048, len(x)))
        xb = bow_batch(bow_enc, rows) if size else None
        z, _ = head.forward(x[rows], xb)
        out.append(head.probs(z))
    return np.concatenate(out, axis=0)


# ---------------------------------------------------------------- metrics
def f1_scores(y: F32, pred: npt.NDArray[np.bool_]) -> F32:
    """Per-label binary F1 (0 when a label has neither positives nor predictions)."""
    tp = (pred & (y > 0)).sum(axis=0).astype(np.float64)
    fp = (pred & (y == 0)).sum(axis=0)
    fn = (~pred & (y > 0)).sum(axis=0)
    denom = 2 * tp + fp + fn
    return np.where(denom > 0, 2 * tp / np.maximum(denom, 1), 0.0).astype(np.float32)


def ekman_probs(p: F32) -> F32:
    """Noisy-OR of the 28 probabilities into the 7 Ekman groups."""
    m = ekman_matrix()
    out: F32 = (1.0 - np.exp(np.log(np.clip(1.0 - p, 1e-7, 1.0)) @ m)).astype(np.float32)
    return out


GRID = np.round(np.arange(0.02, 0.96, 0.01), 2)


def tune_thresholds(y: F32, p: F32) -> F32:
    """Per-label threshold on a grid maximising that label's F1."""
    best = np.full(y.shape[1], 0.5, dtype=np.float32)
    best_f = np.full(y.shape[1], -1.0)
    for t in GRID:
        f = f1_scores(y, p >= t)
        better = f > best_f
        best[better] = t
        best_f[better] = f[better]
    return best


def decide(p: F32, thr: F32) -> npt.NDArray[np.bool_]:
    """Multi-label decision: every label over its threshold, else the argmax (never empty)."""
    pred = p >= thr
    empty = ~pred.any(axis=1)
    pred[np.where(empty)[0], p[empty].argmax(axis=1)] = True
    return pred


def split_probs(p: F32) -> tuple[F32, F32]:
    """(28-label, Ekman) probabilities: the Ekman outputs if the head has them, else noisy-OR."""
    n = len(GOEMOTIONS_LABELS)
    return p[:, :n], (p[:, n:] if p.shape[1] > n else ekman_probs(p[:, :n]))


def evaluate(y28: F32, p: F32, seed: int = SEED) -> dict[str, Any]:
    """Dev macro-F1 (28 and Ekman): thresholds tuned on all of dev, and 2-fold cross-fitted."""
    y7 = (y28 @ ekman_matrix() > 0).astype(np.float32)
    p28, p7 = split_probs(p)
    res: dict[str, Any] = {}
    for name, y, p in (("goemotions28", y28, p28), ("ekman7", y7, p7)):
        thr = tune_thresholds(y, p)
        f_full = f1_scores(y, decide(p, thr))
        idx = np.random.default_rng(seed).permutation(len(y))
        halves = (idx[: len(y) // 2], idx[len(y) // 2 :])
        cross = []
        for a, b in ((0, 1), (1, 0)):
            t_a = tune_thresholds(y[halves[a]], p[halves[a]])
            cross.append(f1_scores(y[halves[b]], decide(p[halves[b]], t_a)).mean())
        res[name] = {
            "macro_f1_dev_tuned": round(float(f_full.mean()), 4),
            "macro_f1_dev_crossfit": round(float(np.mean(cross)), 4),
            "per_label": {
                lab: round(float(f), 3)
                for lab, f in zip(
                    GOEMOTIONS_LABELS if name == "goemotions28" else EKMAN_LABELS,
                    f_full,
                    strict=True,
                )
            },
            "thresholds": thr,
        }
    return res


def mix_ekman(p: F32, mix: float) -> F32:
    """Replace the Ekman block by mix x itself + (1 - mix) x the grouped 28-label softmax."""
    n = len(GOEMOTIONS_LABELS)
    out = p.copy()
    out[:, n:] = mix * p[:, n:] + (1.0 - mix) * (p[:, :n] @ ekman_matrix())
    return out


def choose_ekman_mix(y28: F32, p: F32, quiet: bool = False) -> tuple[float, float]:
    """The Ekman mixing weight (grid 0..1) with the best macro-F1 on the held-out part of train.

    Chosen on train's held-out 8%, never on dev, so dev numbers stay honest about it.
    """
    y7 = (y28 @ ekman_matrix() > 0).astype(np.float32)
    best = (-1.0, 1.0)
    for mix in np.round(np.arange(0.0, 1.01, 0.1), 1):
        p7 = split_probs(mix_ekman(p, float(mix)))[1]
        f = float(f1_scores(y7, decide(p7, tune_thresholds(y7, p7))).mean())
        if f > best[0] + 1e-9:
            best = (f, float(mix))
    if not quiet:
        print(f"  Ekman mix {best[1]} (held-out Ekman macro-F1 {best[0]:.4f})", flush=True)
    return best[1], best[0]


# ---------------------------------------------------------------- training loop
def train(
    cfg: Config,
    xtr: F32,
    btr: Any,
    ytr: F32,
    xva: F32,
    bva: Any,
    yva: F32,
    seed: int = SEED,
    verbose: bool = True,
) -> tuple[Head, int]:
    """Train with early stopping on the held-out part of train (28-label macro-F1)."""
    rng = np.random.default_rng(seed)
    head = Head(cfg, xtr.shape[1], ytr.shape[1], rng)
    if cfg.balance:
        n = len(GOEMOTIONS_LABELS)
        freq = ytr[:, :n].mean(axis=0) + 1e-6
        cw = (freq / freq.mean()) ** -cfg.balance
        head.class_weight = (
            cw / (ytr[:, :n] @ cw / np.clip(ytr[:, :n].sum(1), 1, None)).mean()
        ).astype(np.float32)  # average example weight 1
    best: tuple[float, int, dict[str, F32]] = (-1.0, 0, {})
    patience = 0
    for epoch in range(1, cfg.epochs + 1):
        order = rng.permutation(len(xtr))
        losses = []
        for s in range(0, len(order), cfg.batch):
            rows = order[s : s + cfg.batch]
            xb = bow_batch(btr, rows) if cfg.bow else None
            losses.append(head.step(xtr[rows], xb, ytr[rows], rng))
        pva = predict(head, xva, bva, cfg.bow)
        n = len(GOEMOTIONS_LABELS)
        f = float(
            f1_scores(
                yva[:, :n], decide(pva[:, :n], tune_thresholds(yva[:, :n], pva[:, :n]))
            ).mean()
        )
        if yva.shape[1] > n:  # joint head: average with the Ekman macro-F1
            f = 0.5 * f + 0.5 * float(
                f1_scores(
                    yva[:, n:], decide(pva[:, n:], tune_thresholds(yva[:, n:], pva[:, n:]))
                ).mean()
            )
        if verbose:
            print(
                f"    epoch {epoch:2d} loss {np.mean(losses):.4f} holdout macro-F1 {f:.4f}",
                flush=True,
            )
        if f > best[0] + 1e-4:
            best = (f, epoch, {k: v.copy() for k, v in head.p.items()})
            patience = 0
        else:
            patience += 1
            if patience >= 5:
                break
    head.p = best[2]
    return head, best[1]


# ---------------------------------------------------------------- writing the head
def write_npz(path: Path, arrays: dict[str, npt.NDArray[Any]]) -> str:
    """Write a byte-reproducible .npz (fixed zip timestamps); returns its sha256."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for key in sorted(arrays):
            info = zipfile.ZipInfo(f"{key}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            arr_buf = io.BytesIO()
            np.lib.format.write_array(arr_buf, np.asarray(arrays[key]), allow_pickle=False)
            zf.writestr(info, arr_buf.getvalue())
    data = buf.getvalue()
    path.write_bytes(data)
    return hashlib.sha256(data).hexdigest()


def export(
    heads: list[Head],
    bow: Bow | None,
    metrics: dict[str, Any],
    args: argparse.Namespace,
    best_epoch: int,
    train_rows: int,
    mu: F32,
    sd: F32,
    name: str,
    weights: list[float] | None = None,
) -> None:
    """Write the head (float16 weights) and its manifest into the package."""
    from confide.memory.embedder import MODEL_ID

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    head = heads[0]
    arrays: dict[str, npt.NDArray[Any]] = {}
    if len(heads) == 1:
        arrays.update({k: v.astype(np.float16) for k, v in head.p.items()})
    else:  # an ensemble: members' probabilities are averaged at inference
        arrays["members"] = np.array(len(heads))
        for i, h in enumerate(heads):
            arrays.update({f"m{i}_{k}": v.astype(np.float16) for k, v in h.p.items()})
        if weights:  # a late fusion: members' probabilities are weighted
            arrays["member_weights"] = np.array(weights, dtype=np.float32)
    arrays["mu"] = mu.astype(np.float32)
    arrays["sd"] = sd.astype(np.float32)
    arrays["thresholds"] = metrics["goemotions28"]["thresholds"].astype(np.float32)
    arrays["ekman_thresholds"] = metrics["ekman7"]["thresholds"].astype(np.float32)
    arrays["labels"] = np.array("\n".join(GOEMOTIONS_LABELS))
    arrays["activation"] = np.array(head.cfg.loss)
    arrays["ekman_outputs"] = np.array(int(head.cfg.has_ekman_outputs))
    arrays["ekman_mix"] = np.array(float(metrics.get("ekman_mix", 1.0)), dtype=np.float32)
    arrays["version"] = np.array(args.version)
    arrays["embedder"] = np.array(MODEL_ID)
    if args.dense != "minilm":  # v1 heads have no key: the loader reads "minilm"
        arrays["dense"] = np.array(args.dense)
    if bow is not None:
        terms = sorted(bow.vocab, key=bow.vocab.__getitem__)
        arrays["vocab"] = np.array("\n".join(terms))
        arrays["idf"] = bow.idf.astype(np.float32)
        arrays["char_ngrams"] = np.array(int(bow.chars))
    path = OUT_DIR / f"{args.version}.npz"
    sha = write_npz(path, arrays)
    manifest = {
        "version": args.version,
        "file": path.name,
        "sha256": sha,
        "bytes": path.stat().st_size,
        "embedder": MODEL_ID,
        "dense": args.dense,
        "candidate": name,
        "config": [h.cfg.__dict__ for h in heads],
        "best_epoch": best_epoch,
        "train_rows": train_rows,
        "seed": args.seed,
        "data_sha256": {"train": args._train_sha, "dev": args._dev_sha},
        "ekman_mix": float(metrics.get("ekman_mix", 1.0)),
        "member_weights": weights or None,
        "dev": {
            name: {k: v for k, v in m.items() if k != "thresholds"}
            for name, m in metrics.items()
            if isinstance(m, dict)
        },
        "command": f"python scripts/train_emotion.py --model {name} --dense {args.dense}"
        f" --version {args.version}",
    }
    (OUT_DIR / f"{args.version}.json").write_text(json.dumps(manifest, indent=2) + "\n")
    print(f"wrote {path} ({path.stat().st_size} bytes, sha256 {sha})")


# ---------------------------------------------------------------- main
#: Ensembles: the members' probabilities are averaged (members share vocabulary and outputs).
ENSEMBLES: dict[str, tuple[str, ...]] = {
    "ens-linear+mlp": ("linear+bow-softmax+ekman", "mlp+bow-softmax"),
    "ens-2x(linear+mlp)": (
        "linear+bow-softmax+ekman",
        "mlp+bow-softmax",
        "linear+bow-softmax+ekman-s1",
        "mlp+bow-softmax-s1",
    ),
    "ens-3x(linear+mlp)": (
        "linear+bow-softmax+ekman",
        "mlp+bow-softmax",
        "linear+bow-softmax+ekman-s1",
        "mlp+bow-softmax-s1",
        "linear+bow-softmax+ekman-s2",
        "mlp+bow-softmax-s2",
    ),
    "wavg-5linear": (
        "linear+bow-softmax+ekman",
        "linear+bow-softmax+ekman-s1",
        "linear+bow-softmax+ekman-s2",
        "linear+bow-softmax+ekman-s3",
        "linear+bow-softmax+ekman-s4",
    ),
    "wavg-2linear+char": (
        "linear+bow+char12k-softmax+ekman",
        "linear+bow+char12k-softmax+ekman-s1",
    ),
    "ens-2linear+char": ("linear+bow+char12k-softmax+ekman", "linear+bow+char12k-softmax+ekman-s1"),
    "ens-3linear": (
        "linear+bow-softmax+ekman",
        "linear+bow-softmax+ekman-s1",
        "linear+bow-softmax+ekman-s2",
    ),
    "ens-5linear": (
        "linear+bow-softmax+ekman",
        "linear+bow-softmax+ekman-s1",
        "linear+bow-softmax+ekman-s2",
        "linear+bow-softmax+ekman-s3",
        "linear+bow-softmax+ekman-s4",
    ),
    "ens-5linear+3mlp": (
        "linear+bow-softmax+ekman",
        "linear+bow-softmax+ekman-s1",
        "linear+bow-softmax+ekman-s2",
        "linear+bow-softmax+ekman-s3",
        "linear+bow-softmax+ekman-s4",
        "mlp+bow-softmax",
        "mlp+bow-softmax-s1",
        "mlp+bow-softmax-s2",
    ),
    "wavg-3linear+char": (
        "linear+bow+char12k-softmax+ekman",
        "linear+bow+char12k-softmax+ekman-s1",
        "linear+bow+char12k-softmax+ekman-s2",
    ),
    "ens-3linear+char+2mlp": (
        "linear+bow+char12k-softmax+ekman",
        "linear+bow+char12k-softmax+ekman-s1",
        "linear+bow+char12k-softmax+ekman-s2",
        "mlp+bow+char12k-softmax+ekman",
        "mlp+bow+char12k-softmax+ekman-s1",
    ),
    "wavg-3linear+char-l2e2": (
        "linear+bow+char12k-softmax+ekman-l2e2",
        "linear+bow+char12k-softmax+ekman-l2e2-s1",
        "linear+bow+char12k-softmax+ekman-l2e2-s2",
    ),
    "wavg-3linear+char-l2x3e2": (
        "linear+bow+char12k-softmax+ekman-l2x3e2",
        "linear+bow+char12k-softmax+ekman-l2x3e2-s1",
        "linear+bow+char12k-softmax+ekman-l2x3e2-s2",
    ),
    "wavg-3linear+char-mini": (
        "linear+bow+char12k-softmax+ekman-mini",
        "linear+bow+char12k-softmax+ekman-mini-s1",
        "linear+bow+char12k-softmax+ekman-mini-s2",
    ),
    "ens-2mlp+char": ("mlp+bow+char12k-softmax+ekman", "mlp+bow+char12k-softmax+ekman-s1"),
    "ens-3linear+char": (
        "linear+bow+char12k-softmax+ekman",
        "linear+bow+char12k-softmax+ekman-s1",
        "linear+bow+char12k-softmax+ekman-s2",
    ),
}

#: Late fusions: components (a candidate or a wavg- ensemble) whose probabilities are mixed;
#: the weight of the first is chosen on the held-out part of train (never on dev).
FUSIONS: dict[str, tuple[str, ...]] = {
    "fuse-wavg3mini+dense-linear": ("wavg-3linear+char-mini", "dense-linear-softmax+ekman"),
    "fuse-wavg3mini+dense-mlp": ("wavg-3linear+char-mini", "dense-mlp-softmax+ekman"),
    "fuse-wavg3mini+dense-2mlp": (
        "wavg-3linear+char-mini",
        "dense-mlp-softmax+ekman",
        "dense-mlp-softmax+ekman-s1",
    ),
}

CANDIDATES = {
    "linear": Config(hidden=0, bow=0, joint=False),
    "linear+ekman": Config(hidden=0, bow=0),
    "linear-softmax": Config(hidden=0, bow=0, loss="softmax", joint=False),
    "linear-softmax+ekman": Config(hidden=0, bow=0, loss="softmax"),
    "linear+bow-softmax+ekman": Config(hidden=0, bow=8000, loss="softmax"),
    "mlp": Config(hidden=256, bow=0),
    "linear+bow": Config(hidden=0, bow=8000),
    "mlp+bow": Config(hidden=256, bow=8000),
    "mlp+bow-28only": Config(hidden=256, bow=8000, joint=False),
    "mlp+bow-softmax": Config(hidden=256, bow=8000, loss="softmax"),
    "mlp-softmax": Config(hidden=256, bow=0, loss="softmax"),
    "mlp512+bow": Config(hidden=512, bow=12000, dropout=0.2),
    "linear+bow16k-softmax+ekman": Config(hidden=0, bow=16000, loss="softmax", lr=5e-3),
    "linear+bow-softmax+ekman-s1": Config(hidden=0, bow=8000, loss="softmax", seed_offset=1),
    "linear+bow-softmax+ekman-s2": Config(hidden=0, bow=8000, loss="softmax", seed_offset=2),
    "mlp+bow-softmax-s1": Config(hidden=256, bow=8000, loss="softmax", seed_offset=1),
    "mlp+bow-softmax-s2": Config(hidden=256, bow=8000, loss="softmax", seed_offset=2),
    "linear+bow-softmax+ekman-s3": Config(hidden=0, bow=8000, loss="softmax", seed_offset=3),
    "linear+bow-softmax+ekman-s4": Config(hidden=0, bow=8000, loss="softmax", seed_offset=4),
    "linear+bow-softmax+ekman-bal3": Config(hidden=0, bow=8000, loss="softmax", balance=0.3),
    "linear+bow-softmax+ekman-bal5": Config(hidden=0, bow=8000, loss="softmax", balance=0.5),
    "linear+bow+char12k-softmax+ekman": Config(hidden=0, bow=8000, chars=12000, loss="softmax"),
    "linear+bow+char12k-softmax+ekman-s1": Config(
        hidden=0, bow=8000, chars=12000, loss="softmax", seed_offset=1
    ),
    "linear+bow+char12k-softmax+ekman-s2": Config(
        hidden=0, bow=8000, chars=12000, loss="softmax", seed_offset=2
    ),
    # late fusion (--dense minilm+use): the MiniLM wide & deep members, and dense-only members
    "linear+bow+char12k-softmax+ekman-mini": Config(
        hidden=0, bow=8000, chars=12000, loss="softmax", inputs="minilm"
    ),
    "linear+bow+char12k-softmax+ekman-mini-s1": Config(
        hidden=0, bow=8000, chars=12000, loss="softmax", inputs="minilm", seed_offset=1
    ),
    "linear+bow+char12k-softmax+ekman-mini-s2": Config(
        hidden=0, bow=8000, chars=12000, loss="softmax", inputs="minilm", seed_offset=2
    ),
    "linear+bow+char12k-softmax+ekman-l2e3": Config(
        hidden=0, bow=8000, chars=12000, loss="softmax", l2=1e-3
    ),
    "linear+bow+char12k-softmax+ekman-l2e2": Config(
        hidden=0, bow=8000, chars=12000, loss="softmax", l2=1e-2
    ),
    "linear+bow+char12k-softmax+ekman-l2e2-s1": Config(
        hidden=0, bow=8000, chars=12000, loss="softmax", l2=1e-2, seed_offset=1
    ),
    "linear+bow+char12k-softmax+ekman-l2e2-s2": Config(
        hidden=0, bow=8000, chars=12000, loss="softmax", l2=1e-2, seed_offset=2
    ),
    "linear+bow+char12k-softmax+ekman-l2x3e2": Config(
        hidden=0, bow=8000, chars=12000, loss="softmax", l2=3e-2
    ),
    "linear+bow+char12k-softmax+ekman-l2x3e2-s1": Config(
        hidden=0, bow=8000, chars=12000, loss="softmax", l2=3e-2, seed_offset=1
    ),
    "linear+bow+char12k-softmax+ekman-l2x3e2-s2": Config(
        hidden=0, bow=8000, chars=12000, loss="softmax", l2=3e-2, seed_offset=2
    ),
    "linear+bow+char12k-softmax+ekman-l2e1": Config(
        hidden=0, bow=8000, chars=12000, loss="softmax", l2=1e-1
    ),
    "dense-linear-softmax+ekman": Config(hidden=0, bow=0, loss="softmax"),
    "dense-mlp-softmax+ekman": Config(hidden=256, bow=0, loss="softmax", dropout=0.3),
    "dense-mlp-softmax+ekman-s1": Config(
        hidden=256, bow=0, loss="softmax", dropout=0.3, seed_offset=1
    ),
    "mlp+bow+char12k-softmax+ekman": Config(
        hidden=256, bow=8000, chars=12000, loss="softmax", dropout=0.3
    ),
    "mlp+bow+char12k-softmax+ekman-s1": Config(
        hidden=256, bow=8000, chars=12000, loss="softmax", dropout=0.3, seed_offset=1
    ),
}


def _softmax_regression(
    x: F32, y: F32, epochs: int = 8, lr: float = 2e-3, l2: float = 1e-4, seed: int = SEED
) -> tuple[F32, F32]:
    """Class-weighted softmax regression on soft multi-label targets (Adam, batches of 256)."""
    rng = np.random.default_rng(seed)
    k = y.shape[1]
    target = y / np.maximum(y.sum(1, keepdims=True), 1)
    cw = (len(y) / (k * np.maximum(y.sum(0), 1))) ** 0.5
    w = np.zeros((x.shape[1], k), np.float32)
    b = np.zeros(k, np.float32)
    mom = [np.zeros_like(w), np.zeros_like(b)]
    var = [np.zeros_like(w), np.zeros_like(b)]
    t = 0
    for _ in range(epochs):
        order = rng.permutation(len(x))
        for s in range(0, len(x), 256):
            rows = order[s : s + 256]
            z = x[rows] @ w + b
            z -= z.max(1, keepdims=True)
            p = np.exp(z)
            p /= p.sum(1, keepdims=True)
            g = (p - target[rows]) * (target[rows] * cw).sum(1)[:, None] / len(rows)
            t += 1
            for i, grad in enumerate((x[rows].T @ g + l2 * w, g.sum(0))):
                mom[i] = 0.9 * mom[i] + 0.1 * grad
                var[i] = 0.999 * var[i] + 0.001 * grad**2
                step = lr * (mom[i] / (1 - 0.9**t)) / (np.sqrt(var[i] / (1 - 0.999**t)) + 1e-8)
                if i == 0:
                    w -= step
                else:
                    b -= step
    return w, b


def probe_use(data: Path, cache: Path) -> None:
    """Issue 15 probe: the multilingual USE v3 embedding (512-dim) -> an Ekman softmax head.

    Thresholds come from 5-fold out-of-fold probabilities on train (never dev); dev is scored
    once with them. Not shipped: it scores below the MiniLM + TF-IDF head (docs/emotion.md).
    """
    from confide.safety.riskmodel import USEncoder

    m = ekman_matrix()
    encoder = USEncoder()
    feats: dict[str, F32] = {}
    ys: dict[str, F32] = {}
    for name in ("train", "dev"):
        split = load_split(data / f"{name}.tsv")
        path = cache / f"use-{name}-{split.sha[:12]}.npy"
        if not path.exists():
            parts = [
                encoder.encode(split.texts[s : s + 256]) for s in range(0, len(split.texts), 256)
            ]
            np.save(path, np.concatenate(parts))
        feats[name] = np.load(path).astype(np.float32)
        ys[name] = (split.y @ m > 0).astype(np.float32)
    mu, sd = feats["train"].mean(0), feats["train"].std(0) + 1e-6
    xtr, xdv = (feats["train"] - mu) / sd, (feats["dev"] - mu) / sd

    def probs(wb: tuple[F32, F32], x: F32) -> F32:
        z = x @ wb[0] + wb[1]
        e = np.exp(z - z.max(1, keepdims=True))
        out: F32 = e / e.sum(1, keepdims=True)
        return out

    folds = np.random.default_rng(SEED).integers(0, 5, len(xtr))
    oof = np.zeros_like(ys["train"])
    for f in range(5):
        oof[folds == f] = probs(
            _softmax_regression(xtr[folds != f], ys["train"][folds != f]), xtr[folds == f]
        )
    thr = tune_thresholds(ys["train"], oof)
    p_dev = probs(_softmax_regression(xtr, ys["train"]), xdv)
    per = f1_scores(ys["dev"], decide(p_dev, thr))
    print(
        f"USE v3 -> Ekman softmax: dev macro-F1 {per.mean():.4f} (thresholds by 5-fold CV on "
        f"train); per label {dict(zip(EKMAN_LABELS, np.round(per, 3).tolist(), strict=True))}"
    )


def main(argv: list[str] | None = None) -> int:
    """Train, evaluate on dev, and (unless --no-write) write the head into the package."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT / ".." / "shared" / "data" / "goemotions")
    ap.add_argument("--cache-dir", type=Path, default=Path("/tmp/confide_emotion_cache"))
    ap.add_argument(
        "--model",
        choices=sorted(CANDIDATES) + sorted(ENSEMBLES) + sorted(FUSIONS),
        default="wavg-3linear+char-l2x3e2",
    )
    ap.add_argument("--compare", action="store_true", help="train every candidate, print a table")
    ap.add_argument("--models", default="", help="comma-separated candidates for --compare")
    ap.add_argument("--limit", type=int, default=0, help="use only the first N train rows")
    ap.add_argument(
        "--cached-only",
        action="store_true",
        help="train only on the train rows whose embeddings are already cached",
    )
    ap.add_argument(
        "--dense",
        choices=DENSE_INPUTS,
        default="minilm",
        help="dense input: MiniLM (384), the risk screen's USE v3 (512), or both (896)",
    )
    ap.add_argument("--version", default=HEAD_VERSION, help="head version (= file name) to write")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument(
        "--retrain",
        action="store_true",
        help="ignore trained members cached under --cache-dir/members",
    )
    ap.add_argument(
        "--probe-use",
        action="store_true",
        help="issue 15 probe: USE v3 embedding -> Ekman head (not shipped)",
    )
    args = ap.parse_args(argv)
    if args.probe_use:
        args.cache_dir.mkdir(parents=True, exist_ok=True)
        probe_use(args.data, args.cache_dir)
        return 0

    train_split = load_split(args.data / "train.tsv")
    dev_split = load_split(args.data / "dev.tsv")
    args._train_sha, args._dev_sha = train_split.sha, dev_split.sha
    t0 = time.perf_counter()
    x_dev, _ = embed_split(dev_split, "dev", args.cache_dir)
    x_all, used = embed_split(train_split, "train", args.cache_dir, args.cached_only)
    if args.dense != "minilm":  # the USE vectors, alone or after MiniLM's
        u_dev = use_split(dev_split, "dev", args.cache_dir)
        u_all = use_split(train_split, "train", args.cache_dir)[used]
        if args.dense == "use":
            x_dev, x_all = u_dev, u_all
        else:
            x_dev = np.concatenate([x_dev, u_dev], axis=1)
            x_all = np.concatenate([x_all, u_all], axis=1)
    print(
        f"embeddings ({args.dense}, {x_all.shape[1]}-dim) ready in {time.perf_counter() - t0:.1f}s"
    )
    if args.limit:  # a subset of train (the cache always holds whole chunks)
        x_all, used = x_all[: args.limit], used[: args.limit]
    train_split = Split([train_split.texts[i] for i in used], train_split.y[used], train_split.sha)
    print(f"train {len(train_split.texts)} rows, dev {len(dev_split.texts)} rows")

    rng = np.random.default_rng(args.seed)
    perm = rng.permutation(len(x_all))
    n_val = int(0.08 * len(perm))
    val_idx, tr_idx = np.sort(perm[:n_val]), np.sort(perm[n_val:])
    # standardise the embedding features (statistics from the training part only)
    mu = x_all[tr_idx].mean(axis=0)
    sd = x_all[tr_idx].std(axis=0) + 1e-6
    x_all = ((x_all - mu) / sd).astype(np.float32)
    x_dev = ((x_dev - mu) / sd).astype(np.float32)
    texts_all = train_split.texts
    names = [args.model]
    if args.compare:
        names = [m for m in args.models.split(",") if m] or sorted(CANDIDATES)
    results = []
    best: (
        tuple[dict[str, Any], list[Head], Bow | None, dict[str, Any], int, str, list[float]] | None
    ) = None
    trained: dict[str, tuple[Head, Bow | None, int, F32, float, F32]] = {}
    y_val28 = train_split.y[val_idx]
    encodings: dict[str, tuple[Any, Any]] = {}

    def fit(name: str) -> tuple[Head, Bow | None, int, F32, float, F32]:
        """Train one candidate (once per run; cached on disk) and predict dev and held-out."""
        if name in trained:
            return trained[name]
        cfg = CANDIDATES[name]
        bow = Bow.fit([texts_all[i] for i in tr_idx], cfg.bow, chars=cfg.chars) if cfg.bow else None
        if bow is not None:
            cfg = replace(cfg, bow=len(bow.vocab))
        b_tr = bow.encode([texts_all[i] for i in tr_idx]) if bow else None
        b_va = bow.encode([texts_all[i] for i in val_idx]) if bow else None
        b_dev = bow.encode(dev_split.texts) if bow else None
        cfg_key = {
            k: v for k, v in cfg.__dict__.items() if not (k in ("balance", "chars") and not v)
        }
        key = hashlib.sha256(
            json.dumps(
                [MEMBER_CACHE_TAG, cfg_key, args.seed, args._train_sha, args._dev_sha, len(x_all)]
                + ([args.dense] if args.dense != "minilm" else []),
                sort_keys=True,
            ).encode()
        ).hexdigest()[:16]
        cached = args.cache_dir / "members" / f"{name}-{key}.npz"
        y_fit = train_split.y
        if cfg.has_ekman_outputs:
            y_fit = np.concatenate([y_fit, (y_fit @ ekman_matrix() > 0).astype(np.float32)], 1)
        rng = np.random.default_rng(args.seed + cfg.seed_offset)
        if cached.exists() and not args.retrain:
            head = Head(cfg, x_all.shape[1], y_fit.shape[1], rng)
            with np.load(cached) as d:
                head.p = {k[2:]: d[k] for k in d.files if k.startswith("p_")}
                best_epoch, secs = int(d["best_epoch"]), float(d["train_s"])
            print(f"== {cfg.name()} (trained weights from {cached})", flush=True)
        else:
            t1 = time.perf_counter()
            print(f"== {cfg.name()}", flush=True)
            cols = dense_columns(cfg.inputs)
            head, best_epoch = train(
                cfg,
                x_all[tr_idx][:, cols],
                b_tr,
                y_fit[tr_idx],
                x_all[val_idx][:, cols],
                b_va,
                y_fit[val_idx],
                seed=args.seed + cfg.seed_offset,
            )
            first = "W1" if cfg.hidden else "W2"  # zero rows for the dense columns not read
            full = np.zeros((x_all.shape[1], head.p[first].shape[1]), dtype=np.float32)
            full[cols] = head.p[first]
            head.p[first] = full
            secs = time.perf_counter() - t1
            cached.parent.mkdir(parents=True, exist_ok=True)
            saved: dict[str, Any] = {f"p_{k}": v for k, v in head.p.items()}
            saved.update(best_epoch=np.array(best_epoch), train_s=np.array(secs))
            np.savez(cached, **saved)
        p_dev = predict(head, x_dev, b_dev, cfg.bow)
        p_val = predict(head, x_all[val_idx], b_va, cfg.bow)
        trained[name] = (head, bow, best_epoch, p_dev, secs, p_val)
        encodings[name] = (b_va, b_dev)
        return trained[name]

    def dense_columns(inputs: str) -> slice:
        """The dense columns a member reads (``Config.inputs``) of the --dense input."""
        if not inputs or inputs == args.dense:
            return slice(0, x_all.shape[1])
        if args.dense != "minilm+use" or inputs not in ("minilm", "use"):
            raise SystemExit(f"inputs={inputs} needs --dense minilm+use")
        return slice(0, 384) if inputs == "minilm" else slice(384, x_all.shape[1])

    def weight_average(name: str, members: tuple[str, ...]) -> tuple[Head, F32, F32]:
        """One linear head whose weights are the members' mean (= averaging their logits)."""
        heads = [trained[m][0] for m in members]
        if any(h.cfg.hidden for h in heads):
            raise SystemExit(f"{name}: weight averaging needs linear members")
        avg = Head(
            replace(heads[0].cfg, seed_offset=0),
            x_all.shape[1],
            heads[0].p["W2"].shape[1],
            np.random.default_rng(args.seed),
        )
        avg.p = {k: np.mean([h.p[k] for h in heads], axis=0).astype(np.float32) for k in heads[0].p}
        b_va, b_dev = encodings[members[0]]
        return (
            avg,
            predict(avg, x_dev, b_dev, avg.cfg.bow),
            predict(avg, x_all[val_idx], b_va, avg.cfg.bow),
        )

    Component = tuple[list[Head], Bow | None, F32, F32, list[Any]]

    def component(name: str) -> Component:
        """Heads, vocabulary, dev and held-out probabilities of a candidate or an ensemble."""
        member_names = ENSEMBLES.get(name, (name,))
        fitted = [fit(m) for m in member_names]
        heads = [f[0] for f in fitted]
        bows = [f[1] for f in fitted]
        if len({tuple(b.vocab) if b else () for b in bows}) != 1:
            raise SystemExit(f"{name}: ensemble members must share the vocabulary")
        if len({(h.cfg.loss, h.cfg.has_ekman_outputs) for h in heads}) != 1:
            raise SystemExit(f"{name}: ensemble members must share loss and outputs")
        p_dev = np.mean([f[3] for f in fitted], axis=0).astype(np.float32)
        p_val = np.mean([f[5] for f in fitted], axis=0).astype(np.float32)
        if name.startswith("wavg-"):  # ship one head: the members' averaged weights
            avg_head, p_dev, p_val = weight_average(name, member_names)
            heads = [avg_head]
        return heads, bows[0], p_dev, p_val, fitted

    def fuse(name: str) -> tuple[Component, list[float]]:
        """Late fusion: w x the first component + (1 - w) x the mean of the others.

        w (grid 0..1) maximises the held-out Ekman macro-F1 (with its own Ekman mix).
        """
        parts = [component(c) for c in FUSIONS[name]]
        heads = [h for part in parts for h in part[0]]
        if len({(h.cfg.loss, h.cfg.has_ekman_outputs) for h in heads}) != 1:
            raise SystemExit(f"{name}: fused components must share loss and outputs")
        vocabs = {tuple(part[1].vocab) for part in parts if part[1] is not None}
        if len(vocabs) > 1:
            raise SystemExit(f"{name}: fused components must share the vocabulary")
        rest_dev = np.mean([part[2] for part in parts[1:]], axis=0)
        rest_val = np.mean([part[3] for part in parts[1:]], axis=0)
        best_w = (-1.0, 1.0)
        for w in np.round(np.arange(0.0, 1.01, 0.1), 1):
            p = (w * parts[0][3] + (1 - w) * rest_val).astype(np.float32)
            f = choose_ekman_mix(y_val28, p, quiet=True)[1]
            if f > best_w[0] + 1e-9:
                best_w = (f, float(w))
        w = best_w[1]
        print(f"  fusion weight {w} (held-out Ekman macro-F1 {best_w[0]:.4f})", flush=True)
        weights = [w / len(parts[0][0])] * len(parts[0][0])
        n_rest = sum(len(part[0]) for part in parts[1:])
        weights += [(1 - w) / n_rest] * n_rest if len(parts) == 2 else []
        if len(parts) > 2:  # the other components share 1 - w equally
            for part in parts[1:]:
                weights += [(1 - w) / (len(parts) - 1) / len(part[0])] * len(part[0])
        bow = next((part[1] for part in parts if part[1] is not None), None)
        fused: Component = (
            heads,
            bow,
            (w * parts[0][2] + (1 - w) * rest_dev).astype(np.float32),
            (w * parts[0][3] + (1 - w) * rest_val).astype(np.float32),
            [f for part in parts for f in part[4]],
        )
        return fused, weights

    for name in names:
        weights: list[float] = []
        if name in FUSIONS:
            (heads, bow0, p_dev, p_val, fitted), weights = fuse(name)
            member_names = FUSIONS[name]
        else:
            heads, bow0, p_dev, p_val, fitted = component(name)
            member_names = ENSEMBLES.get(name, (name,))
        mix, f_hold = (
            choose_ekman_mix(y_val28, p_val)
            if heads[0].cfg.has_ekman_outputs
            else (1.0, float("nan"))
        )
        if mix < 1.0:
            p_dev = mix_ekman(p_dev, mix)
        metrics = evaluate(dev_split.y, p_dev, seed=args.seed)
        metrics["ekman_mix"] = mix
        best_epoch = fitted[0][2]
        row = {
            "model": name if len(member_names) > 1 else heads[0].cfg.name(),
            "epoch": "/".join(str(f[2]) for f in fitted),
            "train_s": round(sum(f[4] for f in fitted), 1),
            "f1_28_dev": metrics["goemotions28"]["macro_f1_dev_tuned"],
            "f1_28_crossfit": metrics["goemotions28"]["macro_f1_dev_crossfit"],
            "f1_ekman_dev": metrics["ekman7"]["macro_f1_dev_tuned"],
            "f1_ekman_crossfit": metrics["ekman7"]["macro_f1_dev_crossfit"],
            "ekman_mix": mix,
            "f1_ekman_holdout": round(f_hold, 4),
        }
        if weights:
            row["member_weights"] = [round(x, 4) for x in weights]
        results.append(row)
        print(json.dumps(row), flush=True)
        print(json.dumps(metrics["ekman7"]["per_label"]), flush=True)
        # the candidate to write is chosen on train's held-out 8%, not on dev
        if best is None or row["f1_ekman_holdout"] > best[0]["f1_ekman_holdout"]:
            best = (row, heads, bow0, metrics, best_epoch, name, weights)
    if best is not None and not args.no_write:
        row, heads, bow, metrics, best_epoch, name, weights = best
        if args.dense != "minilm" or weights:
            # the runtime reads MiniLM only and averages members uniformly: such a head would
            # not load as trained (docs/notes/emotion_use_experiment.md)
            raise SystemExit(f"{name} with --dense {args.dense}: experiment only, use --no-write")
        print(f"writing {name} (best held-out Ekman macro-F1 {row['f1_ekman_holdout']})")
        export(heads, bow, metrics, args, best_epoch, len(tr_idx), mu, sd, name, weights)
    if args.compare:
        print(
            "\n| model | best epoch | Ekman mix | held-out Ekman macro-F1 |"
            " 28-label macro-F1 (dev-tuned / cross-fit) |"
            " Ekman macro-F1 (dev-tuned / cross-fit) |"
        )
        print("|---|---|---|---|---|---|")
        for r in results:
            print(
                f"| {r['model']} | {r['epoch']} | {r['ekman_mix']} |"
                f" {r['f1_ekman_holdout']:.3f} | {r['f1_28_dev']:.3f} /"
                f" {r['f1_28_crossfit']:.3f} | {r['f1_ekman_dev']:.3f} /"
                f" {r['f1_ekman_crossfit']:.3f} |"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
