"""Retrieval strategies for emotion-aware memory, as pure functions over candidate lists.

A store fetches candidates by meaning (``d_sem``, cosine distance of text embeddings); these
functions score and order them. Strategies (after Emotional RAG, with its known weaknesses
fixed: both distances on one [0, 1] scale, a tunable weight, recency and salience terms):

- ``semantic``: order by meaning only.
- ``combination``: ``alpha * d_sem + (1 - alpha) * d_emo``, both normalised to [0, 1].
- ``sequential``: the top ``first_stage`` by meaning, re-ranked by emotional similarity
  (cosine of Plutchik vectors) to the user's current state.

Every strategy may add ``recency_weight * recency + salience_weight * salience`` to its score.
When the current emotion is unknown (neutral), the emotion term is dropped: emotion never
makes an irrelevant memory come back.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from confide.records import PLUTCHIK, RecalledMemory

StrategyKind = Literal["semantic", "combination", "sequential"]
STRATEGY_KINDS: tuple[StrategyKind, ...] = ("semantic", "combination", "sequential")

#: The vector used when no emotion estimate exists (all zeros: "unknown", not "calm").
NEUTRAL: dict[str, float] = {key: 0.0 for key in PLUTCHIK}

_DAY = 86400.0


@dataclass(frozen=True)
class Candidate:
    """One memory fetched by meaning, before emotion-aware scoring."""

    id: str
    text: str
    kind: str
    session_id: str
    created_at: float
    emotion: dict[str, float]
    salience: float
    d_sem: float  # cosine distance of text embeddings, 0..2


@dataclass(frozen=True)
class RetrievalConfig:
    """How memories are ranked; every knob is configurable and measured in the README."""

    strategy: StrategyKind = "semantic"  # best recall@5 with classifier vectors (see docs)
    alpha: float = 0.9  # combination: weight of meaning against emotion (best measured)
    first_stage: int = 10  # sequential: how many by meaning go to the emotional re-rank
    pool: int = 30  # candidates fetched from the store by meaning
    normalise: Literal["range", "minmax"] = "range"
    recency_weight: float = 0.0
    recency_half_life_days: float = 30.0
    salience_weight: float = 0.0
    #: Relevance gate on meaning alone (cosine similarity); nothing unrelated surfaces.
    min_similarity: float = 0.0

    def with_strategy(self, strategy: str) -> RetrievalConfig:
        """Return a copy using ``strategy`` (``"combination:0.5"`` also sets alpha)."""
        name, alpha = parse_strategy(strategy)
        return replace(self, strategy=name, alpha=self.alpha if alpha is None else alpha)


def parse_strategy(spec: str) -> tuple[StrategyKind, float | None]:
    """Parse ``"semantic"``, ``"sequential"``, ``"combination"`` or ``"combination:0.5"``."""
    name, _, arg = spec.strip().partition(":")
    for kind in STRATEGY_KINDS:
        if name == kind:
            break
    else:
        allowed = "|".join(STRATEGY_KINDS)
        raise ValueError(f"retrieval strategy must be one of {allowed}, got {spec!r}")
    alpha: float | None = None
    if arg:
        try:
            alpha = float(arg)
        except ValueError as exc:
            raise ValueError(f"bad alpha in retrieval strategy {spec!r}") from exc
        if not 0.0 <= alpha <= 1.0:
            raise ValueError(f"alpha must be within [0, 1], got {alpha}")
    return kind, alpha


def emotion_vector(values: Mapping[str, float] | None) -> dict[str, float]:
    """Return a full 8-key Plutchik vector, clipped to [0, 1]; missing keys are 0."""
    values = values or {}
    return {key: min(1.0, max(0.0, float(values.get(key, 0.0)))) for key in PLUTCHIK}


def is_neutral(vector: Mapping[str, float] | None, eps: float = 1e-6) -> bool:
    """Tell whether the vector carries no emotion (unknown state)."""
    return not vector or all(abs(float(vector.get(k, 0.0))) < eps for k in PLUTCHIK)


def emotion_distance(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine distance of two Plutchik vectors, in [0, 1] (vectors are non-negative).

    If either vector is neutral the distance is 0.5: unknown, neither close nor far.
    """
    va = [max(0.0, float(a.get(k, 0.0))) for k in PLUTCHIK]
    vb = [max(0.0, float(b.get(k, 0.0))) for k in PLUTCHIK]
    na = math.sqrt(sum(x * x for x in va))
    nb = math.sqrt(sum(x * x for x in vb))
    if na < 1e-9 or nb < 1e-9:
        return 0.5
    cos = sum(x * y for x, y in zip(va, vb, strict=True)) / (na * nb)
    return min(1.0, max(0.0, 1.0 - cos))


def recency(created_at: float, now: float, half_life_days: float) -> float:
    """Exponential recency in [0, 1]: 1 now, 0.5 after one half-life."""
    if half_life_days <= 0:
        return 0.0
    age_days = max(0.0, now - created_at) / _DAY
    return float(0.5 ** (age_days / half_life_days))


def _normalise(values: Sequence[float], mode: str, full_range: float) -> list[float]:
    if mode == "minmax":
        lo, hi = min(values, default=0.0), max(values, default=0.0)
        if hi - lo < 1e-9:
            return [0.0 for _ in values]
        return [(v - lo) / (hi - lo) for v in values]
    return [min(1.0, max(0.0, v / full_range)) for v in values]


def rank(
    candidates: Sequence[Candidate],
    query_emotion: Mapping[str, float] | None,
    config: RetrievalConfig,
    *,
    now: float,
    k: int,
) -> list[RecalledMemory]:
    """Score and order ``candidates`` for the current emotion; return the best ``k``.

    ``score`` is higher for better memories; ``d_sem`` (0..2) and ``d_emo`` (0..1) are the raw
    distances, reported so a caller can see why a memory came back.
    """
    gate = config.min_similarity
    pool = [c for c in candidates if 1.0 - c.d_sem >= gate] if gate > 0 else list(candidates)
    if not pool or k <= 0:
        return []
    use_emotion = not is_neutral(query_emotion)
    qe = emotion_vector(query_emotion)
    d_emo = [emotion_distance(qe, c.emotion) if use_emotion else 0.5 for c in pool]
    sem_n = _normalise([c.d_sem for c in pool], config.normalise, 2.0)
    emo_n = _normalise(d_emo, config.normalise, 1.0)

    strategy = config.strategy
    if strategy == "sequential" and use_emotion:
        by_meaning = sorted(range(len(pool)), key=lambda i: (pool[i].d_sem, pool[i].id))
        keep = set(by_meaning[: config.first_stage])
        base = [1.0 - emo_n[i] if i in keep else -math.inf for i in range(len(pool))]
    elif strategy == "combination" and use_emotion:
        a = config.alpha
        base = [1.0 - (a * sem_n[i] + (1.0 - a) * emo_n[i]) for i in range(len(pool))]
    else:  # semantic, or emotion unknown
        base = [1.0 - sem_n[i] for i in range(len(pool))]

    scored: list[tuple[float, float, str, int]] = []
    for i, cand in enumerate(pool):
        score = base[i]
        if config.recency_weight:
            score += config.recency_weight * recency(
                cand.created_at, now, config.recency_half_life_days
            )
        if config.salience_weight:
            score += config.salience_weight * min(1.0, max(0.0, cand.salience))
        # ties break by meaning, then id, so results are deterministic
        scored.append((score, -cand.d_sem, cand.id, i))
    scored.sort(key=lambda t: (-t[0], -t[1], t[2]))

    out: list[RecalledMemory] = []
    for score, _, _, i in scored[:k]:
        if score == -math.inf:
            break
        cand = pool[i]
        out.append(
            RecalledMemory(
                id=cand.id,
                text=cand.text,
                kind=cand.kind,
                session_id=cand.session_id,
                created_at=cand.created_at,
                emotion=dict(cand.emotion),
                salience=cand.salience,
                score=round(float(score), 6),
                d_sem=round(float(cand.d_sem), 6),
                d_emo=round(float(d_emo[i]), 6),
            )
        )
    return out


_NON_WORD = re.compile(r"[^a-z0-9]+")


def _words(text: str) -> str:
    return " ".join(_NON_WORD.sub(" ", text.lower()).split())


def dedupe(memories: Sequence[RecalledMemory], overlap: float = 0.8) -> list[RecalledMemory]:
    """Drop near-duplicates (a summary repeating a disclosure), keeping the better-ranked one."""
    kept: list[RecalledMemory] = []
    seen: list[tuple[str, set[str]]] = []
    for memory in memories:
        text = _words(memory["text"])
        words = set(text.split())
        duplicate = False
        for other_text, other_words in seen:
            if text in other_text or other_text in text:
                duplicate = True
            elif words and other_words:
                small = min(len(words), len(other_words))
                duplicate = len(words & other_words) / small >= overlap
            if duplicate:
                break
        if not duplicate:
            kept.append(memory)
            seen.append((text, words))
    return kept
