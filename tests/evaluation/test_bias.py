"""Q (macro-F1) and B (Bradley-Terry preference bias) on small hand-computed cases."""

from __future__ import annotations

import math

import pytest

from confide.evaluation.bias import (
    bradley_terry,
    confusion_matrix,
    macro_f1,
    preference_bias,
    q_and_b,
)
from confide.records import STRATEGIES

Q, RP, RF, SD, AR, PS, INF, OT = STRATEGIES


def _empty() -> list[list[float]]:
    return [[0.0] * 8 for _ in range(8)]


def test_perfect_predictions_score_q_100_and_no_bias() -> None:
    gold = list(STRATEGIES) * 2
    q, b = q_and_b(gold, gold, pseudo=0)
    assert q == pytest.approx(100.0)
    assert b == pytest.approx(0.0)


def test_confusion_matrix_counts_prediction_rows_against_gold_columns() -> None:
    w = confusion_matrix([Q, Q, PS], [Q, RF, RF])
    assert w[0][0] == 1 and w[0][2] == 1 and w[5][2] == 1
    assert sum(map(sum, w)) == 3


def test_macro_f1_hand_computed() -> None:
    # gold: Q Q RF RF ; pred: Q RF RF RF
    # Q: P=1, R=1/2 -> F1=2/3 ; RF: P=2/3, R=1 -> F1=0.8 ; six other labels F1=0
    q = macro_f1([Q, RF, RF, RF], [Q, Q, RF, RF])
    assert q == pytest.approx(100 * (2 / 3 + 0.8) / 8)


def test_bradley_terry_two_to_one_wins() -> None:
    # Question predicted twice when gold was Restatement, Restatement once when gold was Question:
    # BT fixed point p_Q = 2 p_RP, the six idle labels keep weight 1 -> p ~ [2,1,1,...]*8/9.
    w = _empty()
    w[0][1] = 2
    w[1][0] = 1
    p = bradley_terry(w)
    assert p[0] == pytest.approx(16 / 9, rel=1e-6)
    assert p[1] == pytest.approx(8 / 9, rel=1e-6)
    assert sum(p) == pytest.approx(8.0)
    expected_b = math.sqrt(((7 / 9) ** 2 + 7 * (1 / 9) ** 2) / 8)
    assert preference_bias(w) == pytest.approx(expected_b, rel=1e-6)


def test_symmetric_confusions_carry_no_bias() -> None:
    w = _empty()
    w[2][4] = w[4][2] = 3
    w[5][6] = w[6][5] = 1
    assert preference_bias(w) == pytest.approx(0.0, abs=1e-9)


def test_always_the_same_strategy_is_maximally_biased() -> None:
    gold = [s for s in STRATEGIES for _ in range(5)]
    q, b = q_and_b([PS] * len(gold), gold, pseudo=0)
    assert b == pytest.approx(math.sqrt(7), rel=1e-6)
    # smoothing keeps it well defined and still far above an unbiased planner
    assert q_and_b([PS] * len(gold), gold)[1] > 2.0
    # only Providing Suggestions has F1 > 0: P = 5/40, R = 1
    assert q == pytest.approx(100 * (2 * (1 / 8) / (1 / 8 + 1)) / 8)


def test_unknown_label_is_rejected() -> None:
    with pytest.raises(ValueError):
        confusion_matrix(["Advice"], [Q])


def test_smoothing_keeps_an_undefeated_label_finite_and_on_top() -> None:
    # Providing Suggestions is never mispredicted but is over-predicted twice: the raw MLE has
    # no finite solution; with smoothing it is the most preferred strategy and B stays moderate.
    pred = [PS, PS, PS, Q, RF]
    gold = [PS, Q, RF, Q, RF]
    w = confusion_matrix(pred, gold)
    p = bradley_terry(w, pseudo=0.1)
    assert max(range(8), key=lambda k: p[k]) == STRATEGIES.index(PS)
    assert all(math.isfinite(v) for v in bradley_terry(w))
    assert 0.3 < preference_bias(w, pseudo=0.1) < 2.0
