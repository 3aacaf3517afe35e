"""A small learned head for strategy selection: class-balanced softmax regression.

The hand-written policy in :mod:`confide.agents.strategy` reads signals from the conversation
(a request for advice, a feeling named, a question about the companion, the session's strategy
history...) and scores the eight ESConv strategies with weights chosen by hand. Hand-set weights
leave a preference of their own in the planner's mistakes. This head learns how much each
signal (and the policy's own scores, and the stage prior) should weigh, from labelled
conversations, with **class-balanced** weights: every strategy counts the same in training, so
no strategy is favoured because it is frequent. That balance is what lowers preference bias B.

The head is trained by ``scripts/train_strategy.py`` on the *dev* split of the labelled strategy
set only and shipped as JSON (``strategy_data/head.json``, a few kilobytes). Inference is a dot
product; numpy is only needed to train. The planner still applies the session over-use penalty
and the hard gates (no suggestions before exploration, when venting or in distress) after it.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from confide.records import STRATEGIES

log = logging.getLogger(__name__)

HEAD_FILE = "head.json"
HEAD_FORMAT = 1


class HeadError(ValueError):
    """The shipped head file is missing, corrupt, or does not match the code's features."""


@dataclass(frozen=True)
class StrategyHead:
    """Softmax regression over standardised features: ``softmax(((x - mean) / scale) W + b)``.

    A non-finite input (NaN) is treated as missing: it contributes as its training mean would.
    """

    feature_names: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[tuple[float, ...], ...]  # one row of 8 per feature
    bias: tuple[float, ...]
    meta: dict[str, Any]

    def probs(self, x: Sequence[float]) -> dict[str, float]:
        """Distribution over the eight strategies for one feature vector."""
        if len(x) != len(self.feature_names):
            raise HeadError(f"expected {len(self.feature_names)} features, got {len(x)}")
        z = list(self.bias)
        for value, mu, sd, row in zip(x, self.mean, self.scale, self.weights, strict=True):
            if not math.isfinite(value):
                continue  # a missing input counts as its training mean
            v = (value - mu) / sd
            if v:
                for k in range(len(z)):
                    z[k] += v * row[k]
        top = max(z)
        e = [math.exp(v - top) for v in z]
        total = sum(e)
        return {name: e[k] / total for k, name in enumerate(STRATEGIES)}

    def to_json(self) -> str:
        """Serialise (7 significant digits: the file stays small and diffs stay readable)."""
        return (
            json.dumps(
                {
                    "format": HEAD_FORMAT,
                    "labels": list(STRATEGIES),
                    "features": list(self.feature_names),
                    "mean": [_sig(v) for v in self.mean],
                    "scale": [_sig(v) for v in self.scale],
                    "weights": [[_sig(v) for v in row] for row in self.weights],
                    "bias": [_sig(v) for v in self.bias],
                    "meta": self.meta,
                },
                indent=1,
            )
            + "\n"
        )


def _sig(value: float) -> float:
    return float(f"{value:.7g}")


def parse_head(text: str, expected_features: Sequence[str]) -> StrategyHead:
    """Read a head from JSON and check it fits the labels and the code's feature list."""
    try:
        raw = json.loads(text)
        if raw.get("format") != HEAD_FORMAT or list(raw["labels"]) != list(STRATEGIES):
            raise HeadError("head format or labels differ from this version of Confide")
        names = tuple(str(n) for n in raw["features"])
        if names != tuple(expected_features):
            raise HeadError("head features differ from the code's features: retrain it")
        head = StrategyHead(
            feature_names=names,
            mean=tuple(float(v) for v in raw["mean"]),
            scale=tuple(float(v) for v in raw["scale"]),
            weights=tuple(tuple(float(v) for v in row) for row in raw["weights"]),
            bias=tuple(float(v) for v in raw["bias"]),
            meta=dict(raw.get("meta") or {}),
        )
    except HeadError:
        raise
    except (ValueError, KeyError, TypeError) as exc:
        raise HeadError(f"unreadable strategy head: {exc}") from exc
    n = len(names)
    if (
        not (len(head.mean) == len(head.scale) == len(head.weights) == n)
        or any(len(row) != len(STRATEGIES) for row in head.weights)
        or len(head.bias) != len(STRATEGIES)
    ):
        raise HeadError("strategy head has inconsistent shapes")
    values = [*head.mean, *head.scale, *head.bias, *(v for row in head.weights for v in row)]
    if not all(math.isfinite(v) for v in values) or min(head.scale) <= 0:
        raise HeadError("strategy head has non-finite weights or a non-positive scale")
    return head


def head_path() -> Path:
    """Where the shipped head lives inside the package."""
    return Path(str(resources.files("confide.agents") / "strategy_data" / HEAD_FILE))


#: The opt-in head trained on ESConv (CC BY-NC 4.0): its own directory, licence and notice.
ESCONV_DIR = "esconv"


def esconv_head_path() -> Path:
    """Where the opt-in ESConv head lives (``strategy_data/esconv/head.json``)."""
    return Path(str(resources.files("confide.agents") / "strategy_data" / ESCONV_DIR / HEAD_FILE))


@lru_cache(maxsize=4)
def load_head(expected_features: tuple[str, ...], path: str | None = None) -> StrategyHead | None:
    """Load the shipped head; None (the hand-written policy decides alone) if it is unusable."""
    target = Path(path) if path else head_path()
    try:
        return parse_head(target.read_text(encoding="utf-8"), expected_features)
    except (OSError, HeadError) as exc:
        log.warning("strategy head unavailable, the policy decides alone: %s", exc)
        return None


def train_head(
    rows: Sequence[Sequence[float]],
    labels: Sequence[str],
    feature_names: Sequence[str],
    l2: float = 0.01,
    iterations: int = 600,
    learning_rate: float = 0.1,
    meta: dict[str, Any] | None = None,
) -> StrategyHead:
    """Fit the head by full-batch gradient descent from zero (deterministic, no sampling).

    Each example is weighted by ``n / (8 * count(its label))`` so every strategy carries the same
    total weight.
    """
    import numpy as np

    x = np.asarray(rows, dtype=np.float64)
    y = np.asarray([STRATEGIES.index(label) for label in labels], dtype=np.int64)
    n, d = x.shape
    k = len(STRATEGIES)
    counts = np.bincount(y, minlength=k)
    class_weight = n / (k * np.maximum(counts, 1))
    sample_weight = class_weight[y]
    onehot = np.eye(k)[y]
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale = np.where(scale > 1e-6, scale, 1.0)  # a (near-)constant input is left unscaled
    xs = (x - mean) / scale
    w = np.zeros((d, k))
    b = np.zeros(k)
    for _ in range(iterations):
        z = xs @ w + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        g = (p - onehot) * sample_weight[:, None] / n
        w -= learning_rate * (xs.T @ g + l2 * w)
        b -= learning_rate * g.sum(axis=0)
    return StrategyHead(
        feature_names=tuple(feature_names),
        mean=tuple(float(v) for v in mean),
        scale=tuple(float(v) for v in scale),
        weights=tuple(tuple(float(v) for v in row) for row in w),
        bias=tuple(float(v) for v in b),
        meta=dict(meta or {}),
    )


def head_summary(head_name: str) -> str:
    """A one-line account of the offline strategy head for ``/engine`` and ``confide doctor``.

    The opt-in ESConv head says its licence (CC BY-NC 4.0: non-commercial use only).
    """
    if head_name == "esconv":
        path = esconv_head_path()
        try:
            meta = json.loads(path.read_text(encoding="utf-8")).get("meta") or {}
        except (OSError, ValueError):
            return "strategy head: esconv requested but its file is missing; the open head decides"
        licence = str(meta.get("licence", "CC BY-NC 4.0"))
        return (
            f"strategy head: esconv (trained on ESConv; licence {licence}, non-commercial use "
            "only; see strategy_data/esconv/NOTICE)"
        )
    return "strategy head: open (Apache-2.0, trained on Confide's own labelled conversations)"
