"""The turn graph's state, input and output schemas, documented field by field.

One turn = one user message in, one assistant reply out. Per-run identity and settings
(user id, locale, engine) are *not* here: they come through :class:`confide.context.Context`.
"""

from __future__ import annotations

import operator
from typing import Annotated

from langchain_core.messages import AnyMessage
from langgraph.graph.message import add_messages
from typing_extensions import TypedDict  # pydantic (Studio, LangGraph Server) needs it below 3.12

from confide.facts import ScreenDigest, TurnCalls, count_calls, keep_screens
from confide.records import (
    ConversationRisk,
    EmotionRecord,
    Escalation,
    RecalledMemory,
    ReplyMeta,
    RiskAssessment,
    ScreenResult,
    StrategyChoice,
)
from confide.safety.crisis_flow import CrisisFlow


class InputState(TypedDict):
    """What a caller sends for a turn: the new user message(s)."""

    messages: Annotated[list[AnyMessage], add_messages]


class OutputState(TypedDict, total=False):
    """What a caller gets back: the conversation plus this turn's analysis."""

    messages: Annotated[list[AnyMessage], add_messages]
    emotion: EmotionRecord
    risk: RiskAssessment
    strategy: StrategyChoice
    recalled: list[RecalledMemory]
    reply_meta: ReplyMeta


class TurnState(TypedDict, total=False):
    """The full state of a session's thread (checkpointed after every node)."""

    #: The conversation, user and assistant messages, appended by ``add_messages``.
    messages: Annotated[list[AnyMessage], add_messages]
    #: Number of user turns so far in this session (1-based after ``screen``).
    turn: int
    #: Unix time of the session's first turn, and of the last AI-nature disclosure.
    session_started_at: float
    last_disclosure_at: float
    #: Unix time of the previous user turn (for "after a long absence").
    last_turn_at: float
    #: Unix time this turn started (set with the screen); model deadlines count from it.
    turn_started: float
    #: The user's text of this turn, recorded once by ``screen`` (read it with
    #: :func:`confide.facts.turn_text`).
    user_text: str
    #: Layer-1 screen of this turn's user message.
    screen: ScreenResult
    #: Digest of the screen of the latest user messages, by message id (rules level and
    #: warning signs), so the conversation layer never screens an earlier message again.
    screens: Annotated[dict[str, ScreenDigest], keep_screens]
    #: LLM calls made this turn, added up by every node that calls the model (reset each turn).
    llm_calls: Annotated[TurnCalls, count_calls]
    #: This turn's tracked emotion (vector, label, valence/arousal, shift).
    emotion: EmotionRecord
    #: Every turn's emotion record, in order (the trajectory; appended).
    emotion_history: Annotated[list[EmotionRecord], operator.add]
    #: This turn's risk assessment (governs the reply path).
    risk: RiskAssessment
    #: Layer-3 running risk state across the session.
    conversation_risk: ConversationRisk
    #: Strategy and stage chosen for this turn.
    strategy: StrategyChoice
    #: Strategy names used so far in the session (appended; feeds bias control).
    strategy_history: Annotated[list[str], operator.add]
    #: Memories recalled for this turn.
    recalled: list[RecalledMemory]
    #: Boundary requests found this turn (BoundaryKind values) that call for CCS.
    boundary: list[str]
    #: Number of consecutive turns handled by Compassionate Completion (graded transition).
    ccs_streak: int
    #: After the first crisis reply: the safety steps taken and what was offered next.
    crisis_flow: CrisisFlow
    #: What the ``escalate`` node did on the latest crisis turn (hook called or not).
    escalation: Escalation
    # There is no draft here on purpose: a reply node drafts and guards in one step, so the
    # unguarded draft never enters the state (and so no stream, event or checkpoint).
    #: Provenance of this turn's reply (completed by the guard inside the reply node).
    reply_meta: ReplyMeta
    #: Lines the offline composer used this session (never repeat a line).
    used_lines: Annotated[list[str], operator.add]
