"""Strategy proficiency Q and preference bias B (Kang et al., ACL 2024).

* Q: macro-F1 (in %) of predicted vs. gold strategy over the eight ESConv labels.
* B: fit a Bradley-Terry model on the 8x8 confusion matrix, where predicting strategy i when
  the gold strategy is j counts as a win of i over j; B is the standard deviation of the eight
  preferences p_i (normalised so that they sum to 8). An unbiased planner has B near 0; one that
  always answers the same strategy has B near sqrt(7) = 2.65.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from confide.records import STRATEGIES

Matrix = list[list[float]]


def confusion_matrix(
    predicted: Sequence[str], gold: Sequence[str], labels: Sequence[str] = STRATEGIES
) -> Matrix:
    """Count W[i][j]: how often label i was predicted when label j was gold."""
    if len(predicted) != len(gold):
        raise ValueError("predicted and gold differ in length")
    index = {label: k for k, label in enumerate(labels)}
    matrix: Matrix = [[0.0] * len(labels) for _ in labels]
    for p, g in zip(predicted, gold, strict=True):
        if p not in index or g not in index:
            raise ValueError(f"unknown label: {p if p not in index else g!r}")
        matrix[index[p]][index[g]] += 1.0
    return matrix


def macro_f1(
    predicted: Sequence[str], gold: Sequence[str], labels: Sequence[str] = STRATEGIES
) -> float:
    """Proficiency Q: the macro-F1 over ``labels``, in percent.

    A label with no support and no prediction scores F1 = 0 (scikit-learn's default).
    """
    w = confusion_matrix(predicted, gold, labels)
    scores = []
    for k in range(len(labels)):
        tp = w[k][k]
        pred_k = sum(w[k])
        gold_k = sum(row[k] for row in w)
        precision = tp / pred_k if pred_k else 0.0
        recall = tp / gold_k if gold_k else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores.append(f1)
    return 100.0 * sum(scores) / len(scores)


def bradley_terry(matrix: Matrix, iterations: int = 20, pseudo: float = 0.0) -> list[float]:
    """Preferences p_i from win counts W[i][j], as in Kang et al.'s released metric.

    Each sweep updates p_i in place (later labels see the new values):
    p_i <- sum_j W_ij p_j / (p_i + p_j)  /  sum_j W_ji / (p_i + p_j); after a sweep p is divided
    by the geometric mean of its positive entries; after the last sweep it is scaled so that
    sum p = n. The diagonal (correct predictions) is ignored. Two guards keep degenerate
    matrices finite where the reference divides by zero: a pair with p_i + p_j = 0 is skipped,
    and a label that wins but never loses gets one pseudo-loss per 10^6 (p_i becomes very large).
    ``pseudo`` > 0 adds that many wins to every off-diagonal cell first (a smoothing prior that
    keeps small evaluation sets, where one label may be undefeated, well defined).
    """
    n = len(matrix)
    if pseudo > 0:
        matrix = [
            [v + (pseudo if i != j else 0.0) for j, v in enumerate(row)]
            for i, row in enumerate(matrix)
        ]
    p = [1.0] * n
    for _ in range(iterations):
        for i in range(n):
            num = 0.0
            den = 0.0
            for j in range(n):
                pair = p[i] + p[j]
                if j == i or pair <= 0:
                    continue
                num += matrix[i][j] * p[j] / pair
                den += matrix[j][i] / pair
            if den > 0:
                p[i] = num / den
            elif num > 0:
                p[i] = num / 1e-6
        positive = [v for v in p if v > 0]
        if positive:
            geo = math.exp(sum(math.log(v) for v in positive) / len(positive))
            p = [v / geo for v in p]
    total = sum(p)
    return [n * v / total for v in p] if total > 0 else [1.0] * n


def preference_bias(matrix: Matrix, iterations: int = 20, pseudo: float = 0.0) -> float:
    """Bias B: the (population) standard deviation of the Bradley-Terry preferences."""
    p = bradley_terry(matrix, iterations, pseudo)
    mean = sum(p) / len(p)
    return math.sqrt(sum((v - mean) ** 2 for v in p) / len(p))


#: Smoothing used for reported B on small sets: 0.1 win per off-diagonal cell (5.6 in all).
REPORT_PSEUDO = 0.1


def q_and_b(
    predicted: Sequence[str], gold: Sequence[str], pseudo: float = REPORT_PSEUDO
) -> tuple[float, float]:
    """Compute both metrics over the eight ESConv strategies: (Q in %, B).

    B is smoothed with ``pseudo`` wins per off-diagonal cell (pass 0 for the raw reference
    formula, which diverges when some strategy is never mispredicted).
    """
    return macro_f1(predicted, gold), preference_bias(confusion_matrix(predicted, gold), 20, pseudo)
