"""One emotion representation for Confide: Plutchik's 8-dim space and the labels placed in it.

Everything that talks about emotion (the tracker, the memory, the evaluation) uses the same
currency: a vector with the eight Plutchik keys of :data:`confide.records.PLUTCHIK`, each an
intensity in [0, 1]. On top of it:

* a **counseling vocabulary** (sadness, grief, loneliness, hopelessness, anxiety, ...), each
  label with a prototype vector (its place in the space); a vector's label is the nearest
  prototype (Euclidean distance, so intensity matters: grief sits further out than sadness),
  optionally nudged by lexical cues that the 8 dimensions cannot express on their own
  (loneliness, numbness, guilt vs shame);
* **valence** in [-1, 1] and **arousal** in [0, 1], derived from the vector;
* the **GoEmotions-27 -> Plutchik** mapping (each GoEmotions label is a point in the space) and
  the **Ekman** grouping used by the GoEmotions authors.

Pure Python (no numpy needed); nothing heavy happens at import time.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Final

from confide.records import PLUTCHIK

Vector = dict[str, float]

#: The 28 GoEmotions labels in the order of the dataset's ``labels.txt`` (index = label id).
GOEMOTIONS_LABELS: Final[tuple[str, ...]] = (
    "admiration",
    "amusement",
    "anger",
    "annoyance",
    "approval",
    "caring",
    "confusion",
    "curiosity",
    "desire",
    "disappointment",
    "disapproval",
    "disgust",
    "embarrassment",
    "excitement",
    "fear",
    "gratitude",
    "grief",
    "joy",
    "love",
    "nervousness",
    "optimism",
    "pride",
    "realization",
    "relief",
    "remorse",
    "sadness",
    "surprise",
    "neutral",
)

#: Ekman's six basic emotions plus neutral, as in the GoEmotions paper.
EKMAN_LABELS: Final[tuple[str, ...]] = (
    "anger",
    "disgust",
    "fear",
    "joy",
    "sadness",
    "surprise",
    "neutral",
)

#: The GoEmotions authors' Ekman grouping (see the dataset README).
GOEMOTIONS_TO_EKMAN: Final[dict[str, str]] = {
    "anger": "anger",
    "annoyance": "anger",
    "disapproval": "anger",
    "disgust": "disgust",
    "fear": "fear",
    "nervousness": "fear",
    "joy": "joy",
    "amusement": "joy",
    "approval": "joy",
    "excitement": "joy",
    "gratitude": "joy",
    "love": "joy",
    "optimism": "joy",
    "relief": "joy",
    "pride": "joy",
    "admiration": "joy",
    "desire": "joy",
    "caring": "joy",
    "sadness": "sadness",
    "disappointment": "sadness",
    "embarrassment": "sadness",
    "grief": "sadness",
    "remorse": "sadness",
    "surprise": "surprise",
    "realization": "surprise",
    "confusion": "surprise",
    "curiosity": "surprise",
    "neutral": "neutral",
}

#: Each GoEmotions label as a point in Plutchik space (unlisted keys are 0). Dyads follow
#: Plutchik's wheel where it has one (love = joy + trust, remorse = sadness + disgust,
#: shame-like embarrassment = fear + disgust, optimism = anticipation + joy, disappointment =
#: surprise + sadness, curiosity = trust + surprise); neutral is the origin.
GOEMOTIONS_TO_PLUTCHIK: Final[dict[str, dict[str, float]]] = {
    "admiration": {"trust": 0.8, "joy": 0.4},
    "amusement": {"joy": 0.8, "surprise": 0.2},
    "anger": {"anger": 1.0},
    "annoyance": {"anger": 0.6, "disgust": 0.2},
    "approval": {"trust": 0.6, "joy": 0.3},
    "caring": {"trust": 0.6, "joy": 0.3, "anticipation": 0.1},
    "confusion": {"surprise": 0.6, "fear": 0.2, "anticipation": 0.1},
    "curiosity": {"anticipation": 0.6, "surprise": 0.3, "trust": 0.2},
    "desire": {"anticipation": 0.7, "joy": 0.3},
    "disappointment": {"sadness": 0.6, "surprise": 0.3},
    "disapproval": {"disgust": 0.5, "anger": 0.4},
    "disgust": {"disgust": 1.0},
    "embarrassment": {"fear": 0.4, "disgust": 0.4, "sadness": 0.4},
    "excitement": {"joy": 0.6, "anticipation": 0.6, "surprise": 0.2},
    "fear": {"fear": 1.0},
    "gratitude": {"joy": 0.6, "trust": 0.6},
    "grief": {"sadness": 1.0, "fear": 0.25, "surprise": 0.1},
    "joy": {"joy": 1.0},
    "love": {"joy": 0.7, "trust": 0.7},
    "nervousness": {"fear": 0.7, "anticipation": 0.4},
    "optimism": {"anticipation": 0.7, "joy": 0.5},
    "pride": {"joy": 0.7, "trust": 0.2, "anticipation": 0.2},
    "realization": {"surprise": 0.6, "anticipation": 0.2},
    "relief": {"joy": 0.6, "trust": 0.4},
    "remorse": {"sadness": 0.7, "disgust": 0.4, "fear": 0.2},
    "sadness": {"sadness": 1.0},
    "surprise": {"surprise": 1.0},
    "neutral": {},
}

#: The counseling vocabulary: each label's prototype vector (its place in Plutchik space).
#: Prototypes are spaced so that intensity and mixture both matter (grief is further out than
#: sadness; anxiety mixes fear with anticipation; shame mixes fear and disgust, Plutchik's dyad).
LABEL_PROTOTYPES: Final[dict[str, dict[str, float]]] = {
    "sadness": {"sadness": 0.75},
    "grief": {"sadness": 1.0, "fear": 0.25, "surprise": 0.1},
    "loneliness": {"sadness": 0.55, "fear": 0.3},
    "hopelessness": {"sadness": 0.85, "fear": 0.35, "disgust": 0.2},
    "disappointment": {"sadness": 0.5, "surprise": 0.35},
    "anxiety": {"fear": 0.6, "anticipation": 0.45},
    "fear": {"fear": 0.95, "surprise": 0.15},
    "overwhelm": {"fear": 0.5, "sadness": 0.4, "surprise": 0.35},
    "anger": {"anger": 0.95},
    "frustration": {"anger": 0.5, "disgust": 0.2, "sadness": 0.2},
    "disgust": {"disgust": 0.9},
    "shame": {"disgust": 0.5, "fear": 0.45, "sadness": 0.35},
    "guilt": {"sadness": 0.6, "disgust": 0.35, "fear": 0.25},
    "numbness": {"sadness": 0.2},
    "confusion": {"surprise": 0.55, "fear": 0.2, "anticipation": 0.15},
    "surprise": {"surprise": 0.9},
    "relief": {"joy": 0.55, "trust": 0.4},
    "calm": {"trust": 0.45, "joy": 0.25},
    "hope": {"anticipation": 0.65, "joy": 0.45},
    "gratitude": {"joy": 0.6, "trust": 0.6},
    "love": {"joy": 0.75, "trust": 0.75},
    "joy": {"joy": 0.9},
    "excitement": {"joy": 0.6, "anticipation": 0.6, "surprise": 0.2},
    "neutral": {},
}

#: Labels whose family is "sad" (used by tests, strategy and risk to reason about distress).
SADNESS_FAMILY: Final[frozenset[str]] = frozenset(
    {
        "sadness",
        "grief",
        "loneliness",
        "hopelessness",
        "disappointment",
        "shame",
        "guilt",
        "numbness",
    }
)
#: Labels that read as distress (negative valence by construction).
DISTRESS_LABELS: Final[frozenset[str]] = SADNESS_FAMILY | frozenset(
    {"anxiety", "fear", "overwhelm", "anger", "frustration", "disgust"}
)

#: Lexical cues for labels the 8 dimensions cannot separate on their own. A cue lowers that
#: label's distance (a prior, not an override): the vector still has to be in the right region.
LABEL_CUES: Final[dict[str, tuple[str, ...]]] = {
    "loneliness": (
        r"\blone(ly|liness|some)\b",
        r"\ball alone\b",
        r"\bfeel(ing)? (so |completely |totally |very |really )?alone\b",
        r"\bno ?one (to talk|cares|understands)",
        r"\bisolat(ed|ion)\b",
        r"\bno friends\b",
        r"\bnobody\b",
        r"\bleft out\b",
    ),
    "hopelessness": (
        r"\bhopeless\b",
        r"\bpointless\b",
        r"\bno (point|future|way out|hope)\b",
        r"\bnever (gets?|going to get) better\b",
        r"\bgive up\b",
        r"\bgiving up\b",
        r"\bwhat'?s the point\b",
        r"\bnothing (will |is )?(ever )?(change|going to)",
        r"\bcan'?t go on\b",
        r"\bno reason to\b",
    ),
    "shame": (
        r"\bashamed\b",
        r"\bshame(ful)?\b",
        r"\bworthless\b",
        r"\bpathetic\b",
        r"\bhumiliat",
        r"\bembarrass",
        r"\bi'?m (such )?a (failure|loser|disappointment)\b",
        r"\bdisgusted with myself\b",
        r"\bhate myself\b",
        r"\bnot good enough\b",
    ),
    "guilt": (
        r"\bguilt(y)?\b",
        r"\bmy fault\b",
        r"\bi shouldn'?t have\b",
        r"\bregret\b",
        r"\bi blame myself\b",
        r"\bsorry for what i\b",
        r"\bfeel (so |really )?(terrible|awful|bad) about (it|what i|how i|that)\b",
    ),
    "grief": (
        r"\bgrie(f|ving|ve)\b",
        r"\bpassed away\b",
        r"\bdied\b",
        r"\bfuneral\b",
        r"\bmourn",
        r"\blost my (mom|mother|dad|father|wife|husband|son|daughter|friend|brother|sister"
        r"|grandma|grandpa|dog|cat|baby)\b",
    ),
    "anxiety": (
        r"\banxi(ous|ety)\b",
        r"\bworr(y|ied|ying)\b",
        r"\bpanic",
        r"\bnervous\b",
        r"\bon edge\b",
        r"\bcan'?t stop thinking\b",
        r"\bovertink",
        r"\bdread",
    ),
    "overwhelm": (r"\boverwhelm", r"\btoo much\b", r"\bcan'?t cope\b", r"\bdrowning\b"),
    "numbness": (
        r"\bnumb\b",
        r"\bempty\b",
        r"\bfeel nothing\b",
        r"\bdon'?t feel anything\b",
        r"\bhollow\b",
        r"\bon autopilot\b",
        r"\bdon'?t know what i feel\b",
        r"\beverything (is|feels) (just )?(grey|gray|flat|pointless and grey)\b",
    ),
    "frustration": (r"\bfrustrat", r"\bfed up\b", r"\bsick of\b", r"\bstuck\b"),
    "anger": (
        r"\bfurious\b",
        r"\blivid\b",
        r"\brage\b",
        r"\bpissed\b",
        r"\bso angry\b",
        r"\benraged\b",
    ),
    "relief": (r"\brelie(f|ved)\b", r"\bweight off\b"),
    "calm": (r"\bcalm(er)?\b", r"\bat peace\b", r"\brelax(ed)?\b", r"\bsettled\b"),
    "hope": (r"\bhop(e|eful|ing)\b", r"\blooking forward\b", r"\boptimis"),
}
_COMPILED_CUES: Final[dict[str, tuple[re.Pattern[str], ...]]] = {
    label: tuple(re.compile(p) for p in pats) for label, pats in LABEL_CUES.items()
}
_NEGATION = re.compile(r"\b(not|never|no longer|hardly|without)\b|n't\b|\bnot really\b")
_NEGATED_HOPE = re.compile(r"\b(no|lost|without|losing|don'?t have( any)?) hope\b")
#: Intensity modifiers (VADER-style boosters and dampeners) that scale the classifier's vector.
_BOOSTERS: Final[re.Pattern[str]] = re.compile(
    r"\b(very|so|really|extremely|completely|totally|utterly|incredibly|absolutely|deeply"
    r"|terribly|awfully|horribly|so much|too much|the worst|at all)\b|!!"
)
_DAMPENERS: Final[re.Pattern[str]] = re.compile(
    r"\b(a (little )?bit|a little|slightly|kind of|kinda|sort of|somewhat|a tad|mildly"
    r"|i guess|not (too|that|very)|a touch)\b"
)
#: Base intensity of a fully confident classifier prediction (before modifiers).
INTENSITY_BASE: Final[float] = 0.85
#: Vector components below this are classifier noise and are set to 0.
VECTOR_FLOOR: Final[float] = 0.1
#: Labels too close to the origin to be told from a weak vector: only assigned when cued.
CUE_ONLY: Final[frozenset[str]] = frozenset({"numbness"})
#: How much a lexical cue lowers a label's distance (in Plutchik units).
CUE_BONUS: Final[float] = 0.3
#: Below this peak intensity a vector is "neutral".
NEUTRAL_INTENSITY: Final[float] = 0.12

#: Contribution of each dimension to positive/negative valence (surprise is ambivalent).
_VALENCE_WEIGHTS: Final[dict[str, float]] = {
    "joy": 1.0,
    "trust": 0.6,
    "anticipation": 0.3,
    "surprise": 0.0,
    "sadness": -1.0,
    "fear": -0.85,
    "anger": -0.9,
    "disgust": -0.9,
}
#: Activation of each dimension (Russell's circumplex: anger/fear high, sadness/trust low).
_AROUSAL_WEIGHTS: Final[dict[str, float]] = {
    "joy": 0.6,
    "trust": 0.3,
    "fear": 0.9,
    "surprise": 0.85,
    "sadness": 0.3,
    "disgust": 0.55,
    "anger": 0.9,
    "anticipation": 0.6,
}


def zero_vector() -> Vector:
    """Return a vector with every Plutchik key at 0 (the neutral origin)."""
    return {key: 0.0 for key in PLUTCHIK}


def make_vector(values: Mapping[str, float] | None = None) -> Vector:
    """Complete partial values into a Plutchik vector clipped to [0, 1] (missing keys 0)."""
    vec = zero_vector()
    for key, value in (values or {}).items():
        if key in vec:
            vec[key] = _clip01(float(value))
    return vec


def _clip01(value: float) -> float:
    if not math.isfinite(value):
        return 0.0
    return min(1.0, max(0.0, value))


def goemotions_to_plutchik(probs: Mapping[str, float] | Sequence[float]) -> Vector:
    """Map GoEmotions-28 probabilities to a Plutchik vector.

    Each label pulls the vector towards its point with weight = its probability; the result is
    the probability-weighted sum of the points, divided by max(1, total probability mass) so
    that several co-occurring labels average rather than saturate.
    """
    if not isinstance(probs, Mapping):
        probs = dict(zip(GOEMOTIONS_LABELS, (float(p) for p in probs), strict=False))
    acc = zero_vector()
    mass = 0.0
    for label, p in probs.items():
        point = GOEMOTIONS_TO_PLUTCHIK.get(label)
        if point is None or not math.isfinite(p) or p <= 0:
            continue
        mass += p
        for key, w in point.items():
            acc[key] += p * w
    scale = max(1.0, mass)
    return {key: _clip01(value / scale) for key, value in acc.items()}


def goemotions_to_ekman(probs: Mapping[str, float] | Sequence[float]) -> dict[str, float]:
    """Group GoEmotions-28 probabilities into the 7 Ekman groups (noisy-OR per group)."""
    if not isinstance(probs, Mapping):
        probs = dict(zip(GOEMOTIONS_LABELS, (float(p) for p in probs), strict=False))
    keep = {label: 1.0 for label in EKMAN_LABELS}
    for label, p in probs.items():
        group = GOEMOTIONS_TO_EKMAN.get(label)
        if group is not None and math.isfinite(p):
            keep[group] *= 1.0 - _clip01(p)
    return {label: 1.0 - keep[label] for label in EKMAN_LABELS}


def valence(vector: Mapping[str, float]) -> float:
    """Valence in [-1, 1]: weighted positive minus negative mass, over max(1, total mass)."""
    signed = sum(_VALENCE_WEIGHTS[k] * _clip01(vector.get(k, 0.0)) for k in PLUTCHIK)
    mass = sum(abs(_VALENCE_WEIGHTS[k]) * _clip01(vector.get(k, 0.0)) for k in PLUTCHIK)
    return max(-1.0, min(1.0, signed / max(1.0, mass)))


def arousal(vector: Mapping[str, float]) -> float:
    """Arousal in [0, 1]: the vector's peak times the mass-weighted activation of its keys."""
    values = {k: _clip01(vector.get(k, 0.0)) for k in PLUTCHIK}
    mass = sum(values.values())
    if mass <= 0:
        return 0.0
    activation = sum(_AROUSAL_WEIGHTS[k] * v for k, v in values.items()) / mass
    return _clip01(max(values.values()) * activation)


def intensity(vector: Mapping[str, float]) -> float:
    """Return the vector's peak (0 = neutral, 1 = the strongest emotion)."""
    return max((_clip01(vector.get(k, 0.0)) for k in PLUTCHIK), default=0.0)


def distance(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Euclidean distance between two Plutchik vectors."""
    return math.sqrt(sum((a.get(k, 0.0) - b.get(k, 0.0)) ** 2 for k in PLUTCHIK))


def _negated(low: str, start: int) -> bool:
    """Tell whether a negation ("not", "never", "n't") is in the three words before ``start``."""
    before = " ".join(low[max(0, start - 40) : start].split()[-3:])
    return bool(_NEGATION.search(before))


def cue_labels(text: str) -> set[str]:
    """Counseling labels whose lexical cues appear in ``text``, unless negated ("not lonely")."""
    low = text.lower()
    found = {
        label
        for label, pats in _COMPILED_CUES.items()
        if any(not _negated(low, m.start()) for p in pats for m in p.finditer(low))
    }
    if _NEGATED_HOPE.search(low):
        found.discard("hope")
        found.add("hopelessness")
    return found


def intensity_scale(text: str) -> float:
    """Scale from intensity modifiers: boosters raise (x1.2 each, max 2), dampeners lower."""
    low = text.lower()
    boosts = min(2, len(_BOOSTERS.findall(low)))
    damps = min(2, len(_DAMPENERS.findall(low)))
    return float(min(1.4, max(0.5, (1.2**boosts) * (0.7**damps))))


def scale_vector(vector: Mapping[str, float], factor: float, floor: float = 0.0) -> Vector:
    """Multiply a vector by ``factor`` (clipped to [0, 1]); components under ``floor`` -> 0."""
    out = make_vector({k: factor * v for k, v in vector.items()})
    return {k: (v if v >= floor else 0.0) for k, v in out.items()}


def cue_vector(labels: Iterable[str]) -> Vector:
    """Take the element-wise maximum of the prototypes of ``labels`` (a lexical prior)."""
    vec = zero_vector()
    for label in labels:
        for key, value in LABEL_PROTOTYPES.get(label, {}).items():
            vec[key] = max(vec[key], value)
    return vec


def nearest_labels(
    vector: Mapping[str, float], cues: Iterable[str] = (), k: int = 3
) -> list[tuple[str, float]]:
    """Counseling labels ranked by (cue-adjusted) distance to ``vector``: [(label, score)].

    A vector whose peak is below :data:`NEUTRAL_INTENSITY` is "neutral" first. Cue labels get
    their distance lowered by :data:`CUE_BONUS`, only when their valence agrees with the vector
    (a cue cannot turn a clearly joyful vector into grief).
    """
    cue_set = set(cues)
    vec = make_vector(vector)
    if intensity(vec) < NEUTRAL_INTENSITY and not cue_set:
        return [("neutral", 0.0)]
    v_val = valence(vec)
    scored: list[tuple[str, float]] = []
    for label, proto in LABEL_PROTOTYPES.items():
        if label in CUE_ONLY and label not in cue_set:
            continue
        d = distance(vec, proto)
        if label in cue_set:
            p_val = valence(proto)
            if p_val * v_val >= 0 or abs(v_val) < 0.35:
                d -= CUE_BONUS
        scored.append((label, d))
    scored.sort(key=lambda item: item[1])
    return scored[:k]


def assign_labels(
    vector: Mapping[str, float], text: str = "", max_secondary: int = 2
) -> tuple[str, list[str]]:
    """Assign the primary counseling label and up to ``max_secondary`` secondary labels.

    Secondary labels are the next nearest ones that are not "neutral" and lie within 1.5x the
    primary's distance plus a small margin (a far-away label is not a plausible secondary).
    """
    ranked = nearest_labels(vector, cue_labels(text) if text else (), k=max_secondary + 3)
    primary, best = ranked[0]
    secondary: list[str] = []
    limit = max(best, 0.0) * 1.5 + 0.15
    for label, score in ranked[1:]:
        if len(secondary) >= max_secondary:
            break
        if label != "neutral" and label != primary and score <= limit:
            secondary.append(label)
    return primary, secondary
