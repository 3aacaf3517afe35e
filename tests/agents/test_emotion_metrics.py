"""The shipped emotion head still reaches its measured quality on a fixed dev sample.

Recomputes the Ekman macro-F1 (the GoEmotions authors' 7-way grouping, multi-label, per-label
F1 averaged) on a fixed sample of 1,000 dev rows with the shipped thresholds, independently of
the training script's metric code. Skipped when the dataset is not next to the repository.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from confide.agents.emotion import EmotionClassifier, load_head
from confide.agents.emotion_space import (
    EKMAN_LABELS,
    GOEMOTIONS_LABELS,
    GOEMOTIONS_TO_EKMAN,
)

#: The repository (found upward, so the file may move within tests/).
ROOT = next(p for p in Path(__file__).resolve().parents if (p / "pyproject.toml").is_file())
DEV = ROOT / ".." / "shared" / "data" / "goemotions" / "dev.tsv"
SAMPLE = 1000
SEED = 2020
#: Measured (head goemotions_head_v2, wavg-3linear+char-l2x3e2): full dev split Ekman 0.609, 28
#: labels 0.511; this fixed sample 0.658 and 0.527 (v1: 0.644 and 0.485). The floors sit just
#: below the sample's numbers, far above chance (~0.2 Ekman) or what a broken mapping, stale
#: thresholds or a train/inference feature mismatch (e.g. the character n-grams) would give.
EKMAN_FLOOR = 0.645
GOEMOTIONS28_FLOOR = 0.51


def _sample() -> tuple[list[str], np.ndarray]:
    lines = DEV.read_text(encoding="utf-8").splitlines()
    idx = np.sort(np.random.default_rng(SEED).choice(len(lines), SAMPLE, replace=False))
    texts, y = [], np.zeros((SAMPLE, len(GOEMOTIONS_LABELS)), dtype=bool)
    for row, i in enumerate(idx):
        text, ids, _ = lines[i].split("\t")
        texts.append(text)
        y[row, [int(x) for x in ids.split(",")]] = True
    return texts, y


def _macro_f1(y: np.ndarray, pred: np.ndarray) -> float:
    scores = []
    for j in range(y.shape[1]):
        tp = int((pred[:, j] & y[:, j]).sum())
        fp = int((pred[:, j] & ~y[:, j]).sum())
        fn = int((~pred[:, j] & y[:, j]).sum())
        scores.append(2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0)
    return float(np.mean(scores))


def _decide(p: np.ndarray, thr: np.ndarray) -> np.ndarray:
    pred = p >= thr
    empty = ~pred.any(axis=1)
    pred[np.where(empty)[0], p[empty].argmax(axis=1)] = True
    return pred


@pytest.mark.slow
@pytest.mark.skipif(not DEV.is_file(), reason="GoEmotions dev split not available")
def test_dev_sample_macro_f1_reaches_the_measured_level() -> None:
    texts, y28 = _sample()
    head = load_head()
    probs, ek = EmotionClassifier().predict_full(texts)
    group = np.array(
        [[GOEMOTIONS_TO_EKMAN[g] == e for e in EKMAN_LABELS] for g in GOEMOTIONS_LABELS]
    )
    y7 = (y28.astype(int) @ group.astype(int)) > 0
    f1_ekman = _macro_f1(y7, _decide(ek, head.ekman_thresholds))
    f1_28 = _macro_f1(y28, _decide(probs, head.thresholds))
    assert f1_ekman >= EKMAN_FLOOR, f1_ekman
    assert f1_28 >= GOEMOTIONS28_FLOOR, f1_28
