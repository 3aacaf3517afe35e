"""Typed records that flow between agents, state, the CLI and the evaluation harness.

They are plain ``TypedDict`` s (JSON-ready, checkpoint-safe, no custom classes to deserialize).
The field names here are the stable public schema of ``confide analyze`` and ``report.json``:
later versions may add fields, never rename them.
"""

from __future__ import annotations

from typing import Any, Literal, NotRequired, get_args

from typing_extensions import TypedDict  # pydantic (Studio, LangGraph Server) needs it below 3.12

#: Plutchik's eight basic emotions, in the wheel's canonical order.
PLUTCHIK: tuple[str, ...] = (
    "joy",
    "trust",
    "fear",
    "surprise",
    "sadness",
    "disgust",
    "anger",
    "anticipation",
)

RiskLevel = Literal["none", "low", "moderate", "high", "imminent"]
#: Ordered risk scale (index = severity).
RISK_LEVELS: tuple[RiskLevel, ...] = get_args(RiskLevel)

Stage = Literal["Exploration", "Comforting", "Action"]
STAGES: tuple[Stage, ...] = get_args(Stage)

#: ESConv's eight support strategies, spelled exactly as in the dataset.
StrategyName = Literal[
    "Question",
    "Restatement or Paraphrasing",
    "Reflection of Feelings",
    "Self-disclosure",
    "Affirmation and Reassurance",
    "Providing Suggestions",
    "Information",
    "Others",
]
#: The eight strategies, in ESConv's order.
STRATEGIES: tuple[StrategyName, ...] = get_args(StrategyName)

#: Risk categories (multi-label). See README "Risk scale" for the definitions.
RiskCategory = Literal[
    "suicidal_ideation_passive",
    "suicidal_ideation_active",
    "suicide_method_or_plan",
    "suicide_attempt",
    "self_harm_ideation",
    "self_harm_behaviour",
    "harm_to_others",
    "abuse_toward_user",
    "medical_emergency",
    "psychosis",
    "mania",
    "eating_disorder",
    "substance_crisis",
    "suicide_curiosity",
    "third_party_concern",
    "hopelessness",
]

#: What each category means for the reply (own risk, check-in focus, persistent, resources...)
#: is one reviewed table: ``confide/safety/content/categories.yaml``, read by
#: ``confide.safety.categories``.

Trend = Literal["improving", "worsening", "stable", "volatile"]

Policy = Literal[
    "counselor",
    "crisis",
    "boundary",
    "guard_repair",
    #: the guard itself raised: the draft was discarded and the fixed safe reply sent
    "guard_failed",
    "fallback",
]

#: The turn graph's reply nodes: each drafts and guards in one step, and its update carries
#: the turn's final ``AIMessage`` (there is no separate guard node).
REPLY_NODES: tuple[str, ...] = ("counselor", "compassionate_completion")

BoundaryKind = Literal[
    "method_info",
    "diagnosis",
    "medication_dosing",
    "harmful_instructions",
    "romantic",
    "pretend_human",
    "pretend_therapist",
    "prompt_injection",
]


class EmotionShift(TypedDict):
    """How the emotion moved: against the previous turn, the session start, and a trend."""

    delta_prev: dict[str, float]  # per Plutchik key, current minus previous turn
    delta_start: dict[str, float]  # per Plutchik key, current minus the session's first turn
    valence_delta_prev: float
    valence_delta_start: float
    trend: Trend  # over a sliding window of recent turns
    summary: str  # one human-readable line, e.g. "sadness rising since last turn (worsening)"
    cause: NotRequired[str]  # LLM engine: what triggered the change
    guarded: NotRequired[str]  # why the panel shows no positive reading (emotion_panel)


class EmotionRecord(TypedDict):
    """The tracked emotion of one user turn."""

    turn: int
    vector: dict[str, float]  # 8 Plutchik keys, each 0..1
    label: str  # counseling vocabulary label (sadness, anxiety, loneliness, ...)
    secondary: list[str]  # up to two secondary labels
    valence: float  # -1..1
    arousal: float  # 0..1
    intensity: float  # 0..1, the vector's peak
    ekman: str  # anger|disgust|fear|joy|sadness|surprise|neutral (GoEmotions-comparable)
    shift: EmotionShift
    source: str  # "classifier", "classifier+llm", "fallback"


class ScreenResult(TypedDict):
    """Layer 1: the local, model-free risk screen of one message."""

    level: RiskLevel
    categories: list[str]
    evidence: list[str]  # short quotes/patterns that fired
    normalized_text: str
    third_party: bool  # the risk talk is about someone else
    figurative: bool  # a figurative/technical reading was recognised
    method_seeking: bool  # the message asks for method/height/dose/lethality/location
    boundary: list[str]  # boundary requests found (BoundaryKind values)
    language: str  # ISO 639-1 guess ("en", "es", ...)
    lexicon_level: NotRequired[RiskLevel]  # the reviewed rules alone
    model_level: NotRequired[RiskLevel]  # the learned risk model alone ("none" when absent)
    model: NotRequired[dict[str, Any]]  # the learned model's summary (ordinal probabilities)
    degraded: NotRequired[str]  # why the learned layer did not run in full ("" when it did)


class RiskAssessment(TypedDict):
    """The assessed risk after a turn: the screen, the model (if any) and the conversation."""

    level: RiskLevel  # the level that governs the reply
    turn_level: RiskLevel  # this message alone
    conversation_level: RiskLevel  # accumulated across turns
    categories: list[str]
    evidence: list[str]
    sources: list[str]  # e.g. ["screen", "model", "conversation"]
    notes: NotRequired[str]


class ConversationRisk(TypedDict):
    """Layer 3 running state: accumulated concern across the session."""

    score: float  # decaying accumulator, 0..5 on the level scale
    peak: RiskLevel
    peak_turn: int
    distress_turns: int  # turns with distress cues so far
    flags: list[str]  # e.g. "goodbye", "giving_away", "stockpiling", "hopelessness"


class StrategyChoice(TypedDict):
    """The planner's decision for this turn."""

    stage: Stage
    name: StrategyName
    probs: dict[str, float]  # over all eight strategies, sums to 1
    rationale: str
    source: str  # "policy" or "llm+policy"


class RecalledMemory(TypedDict):
    """A memory surfaced for this turn, with why it came back."""

    id: str
    text: str
    kind: str  # disclosure | summary | safety
    session_id: str
    created_at: float  # unix time
    emotion: dict[str, float]  # Plutchik vector when it was written
    salience: float
    score: float  # retrieval score (higher is better)
    d_sem: float
    d_emo: float


class Escalation(TypedDict):
    """What the ``escalate`` node did on a crisis turn (read by Compassionate Completion)."""

    #: the turn it ran in (a record from an earlier turn is stale and ignored)
    turn: int
    #: the host's hook was called and returned
    escalated: bool
    #: for ``reply_meta.notes``: "escalated to host", "escalation hook failed: ...", or ""
    note: str


class ReplyMeta(TypedDict):
    """Provenance of the reply: which engine, prompt and policy produced it."""

    engine: str  # "offline" | "llm"
    model: str
    policy: Policy
    prompt_id: str
    prompt_version: str
    llm_calls: int
    fallback: bool  # True when the LLM failed and the offline path answered
    notes: list[str]
    guard: list[str]  # guard violations found (and repaired)


def level_index(level: str) -> int:
    """Severity index of a risk level (unknown levels count as the highest: fail closed)."""
    try:
        return RISK_LEVELS.index(level)
    except ValueError:
        return len(RISK_LEVELS) - 1


def max_level(*levels: str) -> RiskLevel:
    """The most severe of the given levels."""
    return RISK_LEVELS[max((level_index(lv) for lv in levels), default=0)]
