"""Strategy agent: picks this turn's stage and ESConv strategy, with preference-bias control.

LLMs over-use a few support strategies and neglect exploration (Kang et al., ACL 2024), and the
cure that works is an external planner. This module is that planner. Two engines feed it:

* the **offline policy**: a scored policy over the eight strategies, read from the conversation
  (what the person said and asked for), the emotion shift, the risk level and the session's
  strategy history;
* the **LLM planner**: a structured call whose probabilities are combined with the offline
  policy, which acts as a prior.

Both then pass through the same **bias control** (:func:`bias_control`): a stage prior
(Exploration -> Comforting -> Action, flexible and recurring), an over-use penalty on the
session's strategy distribution, exploration before suggestions, and "no suggestions when the
person asked to vent". A moderate risk level turns the turn into a direct, gentle check-in.
"""

from __future__ import annotations

import logging
import math
import re
import threading
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage
from langgraph.runtime import Runtime
from pydantic import BaseModel, Field

from confide.agents.emotion_panel import settle_panel
from confide.agents.strategy_head import StrategyHead, esconv_head_path, load_head
from confide.context import Context
from confide.engine import Services, structured_call
from confide.errors import ModelError
from confide.facts import TurnFacts, transcript, turn_text
from confide.prompts import get_prompt
from confide.records import STRATEGIES, Stage, StrategyChoice, StrategyName, level_index
from confide.safety.categories import IDEATION
from confide.safety.reply_checks import WITHHELD_NOTE, guarded_note
from confide.state import TurnState

log = logging.getLogger(__name__)

PROMPT_ID = "strategy.plan"

#: Share of each strategy among supporter turns in ESConv (the target distribution).
ESCONV_SHARE: dict[str, float] = {
    "Question": 0.207,
    "Restatement or Paraphrasing": 0.059,
    "Reflection of Feelings": 0.078,
    "Self-disclosure": 0.093,
    "Affirmation and Reassurance": 0.154,
    "Providing Suggestions": 0.161,
    "Information": 0.066,
    "Others": 0.183,
}

#: How much the ESConv base rates weigh in the policy (1 = full prior; lower = flatter, which
#: keeps a frequent strategy from winning every turn where no cue fires).
PRIOR_WEIGHT = 0.7
#: Log-score taken off Affirmation and Self-disclosure when nothing in the message calls for them.
NO_CUE_PENALTY = 0.3
#: Self-disclosure without a cue (a question about the companion, a shared memory, isolation)
#: pulls the focus away from the person, so it is held back harder.
SD_NO_CUE_PENALTY = 0.6

#: Strength and length (in exchanges) of the stage model's drift from Exploration toward Action
#: and closing moves (:func:`position_prior`). 5-fold cross-validation by conversation on
#: ESConv dev prefers 2.25 (scripts/strategy_eval.py --esconv-cv); 0.75 keeps Confide's own
#: short conversations from being over-explored.
POSITION_STRENGTH = 0.75
POSITION_TURNS = 12
#: A move used twice in a row is held back by this factor the third time.
REPEAT_PENALTY = 0.5
#: How hard the session's over-used strategies are pushed down (see :func:`bias_control`).
OVERUSE_EXPONENT = 1.0

#: Usual stage of each strategy (ESConv / Hill). "Others" follows the conversation's stage.
STAGE_OF: dict[str, Stage | None] = {
    "Question": "Exploration",
    "Restatement or Paraphrasing": "Exploration",
    "Reflection of Feelings": "Comforting",
    "Self-disclosure": "Comforting",
    "Affirmation and Reassurance": "Comforting",
    "Providing Suggestions": "Action",
    "Information": "Action",
    "Others": None,
}

EXPLORATION_MOVES = ("Question", "Restatement or Paraphrasing")

#: Moves that are nearly always appropriate, so their neglect in a session is corrected.
UNDER_USE_BOOSTED = (
    "Restatement or Paraphrasing",
    "Reflection of Feelings",
)

_VENT = re.compile(
    r"\b(just (need|want|wanted|needed) to (vent|rant|talk|get (this|it) off)|just listen"
    r"|(don'?t|do not) (want|need) (any )?(advice|solutions|suggestions|to be fixed)"
    r"|not looking for (advice|solutions|suggestions)|no advice|please don'?t (fix|advise)"
    r"|let me vent|need to vent|want to vent)\b"
)
_ADVICE = re.compile(
    r"\b(what (should|can|could|do) i do|what would you (do|suggest|recommend)"
    r"|any (advice|ideas|tips|suggestions)|(give|need|want) (me )?(some )?(advice|ideas|tips)"
    r"|how (do|can|could|should) i\b|should i\b|help me (figure|decide|work out|deal)"
    r"|what are my options|where do i (even )?start|how to (deal|cope|handle|stop|get))"
)
_INFO = re.compile(
    r"\b(is (it|this|that) (normal|common|usual|a thing|typical)|is there (a|any) (way|name|test)"
    r"|are there (any )?\w+|what (even )?(is|are) (a |an |the )?\w+|why do (i|people|we)"
    r"|how long (does|will|do|until)|how (much|often) .{0,30}(normal|common)"
    r"|how (do|does) (people|anyone|other people|others)|do other people|does everyone"
    r"|does (it|this|that) (mean|get better|go away)|am i the only one"
    r"|can (stress|anxiety|grief|lack of sleep|burnout|trauma)\b)"
)
_VALIDATION = re.compile(
    r"\b(am i (overreacting|being (too )?\w+|wrong|crazy|selfish|a bad)|is it (bad|wrong|selfish)"
    r" (that|to|of me)|did i do the right thing|was i wrong|do you think i'?m (being|too)"
    r"|is it my fault|should i feel (bad|guilty))\b"
)
_LOSS = re.compile(
    r"\b(died|passed away|passed|funeral|broke up|dumped|left me|miscarriage|divorc\w*"
    r"|lost my|cheated|diagnosed|fired|laid off|failed)\b"
)
_ASKS_AI = re.compile(
    r"\b(have you ever|has (this|that|anything like this) (ever )?happened to you"
    r"|do you ever|what would you do|did you ever|were you ever|how do you (feel|cope|deal)"
    r"|you (probably )?don'?t (get|understand)|can you relate)\b"
)
_GREETING = re.compile(r"^\s*(hi|hello|hey|good (morning|evening|afternoon)|yo|hiya)\b")
_CLOSING = re.compile(
    r"\b(thank(s| you)|appreciate (it|you|this|that)|bye|good ?night|talk (to you )?later"
    r"|that'?s all|i should (go|get going)|see you|have a good|cheers|nice to talk)\b"
)
_SELF_BLAME = re.compile(
    r"\b(my fault|i'?m (so )?(stupid|useless|worthless|a failure|pathetic|an idiot|a mess)"
    r"|i (hate|blame) myself|i'?m not good enough|i always mess|i ruin|i'?m a burden"
    r"|i feel (like a )?(failure|worthless|useless)|i'?m (such )?a (loser|disappointment)"
    r"|i don'?t matter|nobody cares about me|i feel (so )?stupid|i'?m (so )?lazy)\b"
)
_PLAN = re.compile(
    r"\b(i think i('?ll| will| could| should| might)|maybe i (could|should|will|can)"
    r"|i'?m (going|planning) to|i (will|could|might) try|i'?ll try|i tried|i decided"
    r"|i'?ve (started|decided|been trying)|i signed up|i talked to|i told (him|her|them|my)"
    r"|i'?ll (start|call|write|email|look|book|show|ask|talk|visit|tell|go|do)"
    r"|i (could|might) (ask|try|call|write|talk|go))\b"
)
_POSITIVE = re.compile(
    r"\b(feel(ing)? (a (bit|little) )?(better|lighter|calmer|relieved|hopeful)|that helps"
    r"|that'?s (helpful|a good idea|true|fair)|good idea|makes sense|you'?re right"
    r"|i (like|love) that|it worked|went (well|better|ok|okay))\b"
)
_RESIST = re.compile(
    r"\b(i('?ve)? (already )?tried (that|everything)|won'?t work|doesn'?t work|didn'?t (work|help)"
    r"|i can'?t (do that|just)|easier said than done|that'?s not (it|the point))\b"
)
_FEELING = re.compile(
    r"\b(sad|down|depressed|anxious|anxiety|worried|scared|afraid|terrified|angry|furious|mad"
    r"|frustrated|hurt|lonely|alone|ashamed|guilty|embarrassed|overwhelmed|stressed|exhausted"
    r"|hopeless|helpless|empty|numb|heartbroken|devastated|jealous|nervous|panic|miserable"
    r"|upset|crushed|lost|stuck|tired|drained|betrayed|rejected|worthless|useless)\b"
)
_ISOLATION = re.compile(
    r"\b(no ?one (understands|cares|gets it|listens)|nobody (understands|cares|gets it)"
    r"|all alone|on my own|no friends|feel (so )?alone|feel (so )?lonely)\b"
)
_HOPELESS = re.compile(
    r"\b(no point|what'?s the point|pointless|nothing matters|hopeless|can'?t see a way out"
    r"|give up on everything)\b"
)
_PERSONAL = re.compile(
    r"\b(used to|i miss|miss (the|my|our|him|her|them)|i know i should|back (home|then)"
    r"|when i was (a kid|little|young)|we always|she always|he always|i always loved)\b"
)
_SHORT_ANSWER = re.compile(
    r"^\s*(yes|yeah|yep|no|nope|maybe|not really|i guess|idk|sort of|kind of|it is|it was"
    r"|\w+ is an understatement|exactly|true|i don'?t know|dunno|not sure)\b"
)


@dataclass(frozen=True)
class Signals:
    """What the planner reads from the conversation and the other agents' records."""

    user_turns: int
    last_text: str
    last_words: int
    total_user_words: int
    vent: bool
    asks_advice: bool
    asked_advice_ever: bool
    asks_info: bool
    asks_ai: bool
    greeting: bool
    closing: bool
    self_blame: bool
    plan_talk: bool
    positive: bool
    resistance: bool
    feelings: int
    isolation: bool
    short_answer: bool
    validation: bool
    loss: bool
    personal: bool
    advice_pending: bool
    trend: str
    intensity: float
    valence: float
    risk_level: str
    risk_categories: tuple[str, ...]
    history: tuple[str, ...]

    @property
    def explored(self) -> int:
        """Exploration moves (questions, paraphrases) already used this session."""
        return sum(1 for s in self.history if s in EXPLORATION_MOVES)

    @property
    def ideation(self) -> bool:
        """Thoughts of death or self-harm were flagged, even at a low level: ask directly."""
        return level_index(self.risk_level) >= level_index("low") and bool(
            set(self.risk_categories) & IDEATION
        )

    @property
    def distress(self) -> bool:
        """Hopelessness or ideation: stay with the person; advice now would feel dismissive."""
        return (
            self.ideation
            or "hopelessness" in self.risk_categories
            or bool(_HOPELESS.search(self.last_text))
        )

    @property
    def understood(self) -> bool:
        """Whether the problem has been explored enough to move toward action."""
        if self.explored >= 2:
            return True
        if self.explored >= 1 and (self.total_user_words >= 45 or self.user_turns >= 3):
            return True
        return self.user_turns >= 5 and self.explored >= 1


def _text_of(message: BaseMessage) -> str:
    content = message.content
    if isinstance(content, str):
        return content
    return " ".join(
        str(part.get("text", "")) if isinstance(part, dict) else str(part) for part in content
    )


def _user_texts(messages: Sequence[BaseMessage]) -> list[str]:
    return [_text_of(m) for m in messages if isinstance(m, HumanMessage)]


def _advice_pending(asked: Sequence[bool], history: Sequence[str]) -> bool:
    """They asked what to do in one of their last three messages and no suggestion came since.

    Requires the last move to have been exploratory (a clarifying question or a paraphrase).
    """
    if len(asked) < 2 or not history or history[-1] not in EXPLORATION_MOVES:
        return False
    recent = list(asked[-4:-1])
    if not any(recent):
        return False
    turns_since = len(recent) - max(i for i, a in enumerate(recent) if a)
    return "Providing Suggestions" not in list(history)[-turns_since:]


def read_signals(
    messages: Sequence[BaseMessage],
    emotion: Mapping[str, Any] | None,
    risk: Mapping[str, Any] | None,
    history: Sequence[str],
) -> Signals:
    """Read the planner's inputs from state pieces (emotion and risk may be absent)."""
    users = _user_texts(messages)
    last = (users[-1] if users else "").lower().replace("’", "'")
    earlier_vent = [bool(_VENT.search(u.lower().replace("’", "'"))) for u in users]
    earlier_advice = [bool(_ADVICE.search(u.lower().replace("’", "'"))) for u in users]
    vent = False
    for v, a in zip(earlier_vent, earlier_advice, strict=True):  # the latest request wins
        if v:
            vent = True
        elif a:
            vent = False
    shift = (emotion or {}).get("shift") or {}
    trend = str(shift.get("trend", "stable")) if isinstance(shift, Mapping) else "stable"
    words = len(last.split())
    return Signals(
        user_turns=len(users),
        last_text=last,
        last_words=words,
        total_user_words=sum(len(u.split()) for u in users),
        vent=vent,
        asks_advice=bool(_ADVICE.search(last)) and not earlier_vent[-1] if users else False,
        asked_advice_ever=any(earlier_advice),
        asks_info=bool(_INFO.search(last))
        and ("?" in last or bool(re.match(r"(how|what|why|is|are|does|do|can)\b", last))),
        asks_ai=bool(_ASKS_AI.search(last)),
        greeting=bool(_GREETING.search(last)) and words <= 6,
        closing=(bool(_CLOSING.search(last)) and not _FEELING.search(last))
        or (bool(re.search(r"\b(bye|good ?night|talk later)\b", last))),
        self_blame=bool(_SELF_BLAME.search(last)),
        plan_talk=bool(_PLAN.search(last)),
        positive=bool(_POSITIVE.search(last)),
        resistance=bool(_RESIST.search(last)),
        feelings=len(_FEELING.findall(last)),
        isolation=bool(_ISOLATION.search(last)),
        validation=bool(_VALIDATION.search(last)),
        loss=bool(_LOSS.search(last)),
        personal=bool(_PERSONAL.search(last)),
        advice_pending=_advice_pending(earlier_advice, history) and not vent,
        short_answer=bool(_SHORT_ANSWER.search(last)) and words <= 8,
        trend=trend,
        intensity=float((emotion or {}).get("intensity", 0.5) or 0.0),
        valence=float((emotion or {}).get("valence", -0.3) or 0.0),
        risk_level=str((risk or {}).get("level", "none")),
        risk_categories=tuple(str(c) for c in (risk or {}).get("categories") or ()),
        history=tuple(history),
    )


def policy_scores(sig: Signals) -> dict[str, float]:
    """Offline policy: a log-score per strategy from the conversation's signals."""
    s: dict[str, float] = {name: PRIOR_WEIGHT * math.log(ESCONV_SHARE[name]) for name in STRATEGIES}
    first = sig.user_turns <= 1
    und = sig.understood
    asking = "?" in sig.last_text
    answered = bool(sig.history) and sig.history[-1] == "Question"
    # Exploration: ask early and after closed answers; paraphrase a detailed answer.
    if not und:
        s["Question"] += 0.9
    if sig.short_answer and not sig.feelings:
        s["Question"] += 1.0
    if sig.resistance:
        s["Question"] += 0.6
        s["Reflection of Feelings"] += 0.6
    if answered and sig.last_words >= 14 and not asking:
        s["Restatement or Paraphrasing"] += 1.5
    elif sig.last_words >= 12 and not asking and not sig.feelings and sig.explored:
        s["Restatement or Paraphrasing"] += 0.9  # new facts, no feeling named: say them back
    # Comforting: feelings named or shown, losses, worsening mood, self-blame, validation asked.
    if sig.feelings:
        s["Reflection of Feelings"] += 0.5 + 0.3 * min(sig.feelings, 3)
    if sig.loss and not asking:
        s["Reflection of Feelings"] += 0.7
    if _HOPELESS.search(sig.last_text):
        s["Reflection of Feelings"] += 1.2  # stay with hopelessness; the risk layer checks in
    if first and not sig.greeting and not asking and (sig.feelings or sig.loss):
        s["Reflection of Feelings"] += 1.6
    if sig.trend == "worsening":
        s["Reflection of Feelings"] += 0.9
        s["Affirmation and Reassurance"] += 0.2
    if sig.self_blame:
        s["Affirmation and Reassurance"] += 1.6
    if sig.validation:
        s["Affirmation and Reassurance"] += 1.8
    if sig.plan_talk:
        s["Affirmation and Reassurance"] += 1.3
    if sig.positive:
        s["Affirmation and Reassurance"] += 0.8
        s["Others"] += 0.4
    if not (sig.self_blame or sig.validation or sig.plan_talk or sig.positive):
        s["Affirmation and Reassurance"] -= NO_CUE_PENALTY  # unearned reassurance sounds hollow
    if not (sig.asks_ai or sig.personal or sig.isolation):
        s["Self-disclosure"] -= SD_NO_CUE_PENALTY  # unprompted sharing pulls focus from them
    if sig.asks_ai:
        s["Self-disclosure"] += 2.4
    if sig.personal and not asking:
        s["Self-disclosure"] += 1.0
    if sig.isolation:
        s["Self-disclosure"] += 0.8
        s["Reflection of Feelings"] += 0.5
    if sig.vent:
        s["Reflection of Feelings"] += 0.6
    # Action: when asked, and once the problem is understood.
    if sig.asks_advice:
        s["Providing Suggestions"] += 2.2 if und else 0.3
        if not und:
            s["Question"] += 0.9
    elif sig.advice_pending:
        s["Providing Suggestions"] += 2.0  # they asked, we clarified, now we can suggest
    elif sig.user_turns >= 6 and "Providing Suggestions" not in sig.history:
        s["Providing Suggestions"] += 0.4
    if sig.asks_info and not sig.validation:
        s["Information"] += 2.4
    # Social moves: greetings, a bare request to vent, thanks and goodbyes.
    if sig.greeting:
        s["Others"] += 1.8 if first else 0.6
    if sig.vent and first and sig.last_words <= 12:
        s["Others"] += 2.5
    if sig.closing:
        s["Others"] += 2.2
    social = sig.greeting or sig.closing or sig.positive or (sig.vent and first)
    if not social:
        s["Others"] -= 1.5  # "Others" is for social moves, not a default
    return s


def stage_prior(sig: Signals) -> dict[str, float]:
    """Stage prior: Exploration first, then Comforting, then Action, and stages recur."""
    und = sig.understood
    exploration = 1.0 if not und else 0.4
    if sig.last_words >= 25 or sig.short_answer or sig.resistance:
        exploration += 0.3  # new material or a closed answer: explore again
    comforting = 0.5 + 0.3 * sig.intensity + (0.4 if sig.trend == "worsening" else 0.0)
    comforting += 0.3 if (sig.self_blame or sig.validation) else 0.0
    if sig.vent:
        comforting += 0.4
    if not und:
        action = 0.08
    else:
        asked = sig.asks_advice or sig.advice_pending
        action = 0.25 + (0.7 if asked else 0.0) + (0.15 if sig.user_turns >= 5 else 0.0)
        action += 0.2 if sig.trend == "improving" else 0.0
        action -= 0.2 if sig.trend == "worsening" else 0.0  # comfort before action
    if sig.vent:
        action = min(action, 0.1)
    if sig.asks_info:
        action += 0.4
    weights = {"Exploration": exploration, "Comforting": comforting, "Action": max(action, 0.02)}
    total = sum(weights.values())
    return {k: v / total for k, v in weights.items()}


def _normalise(weights: Mapping[str, float]) -> dict[str, float]:
    total = sum(max(v, 0.0) for v in weights.values())
    if total <= 0:
        return {name: 1.0 / len(STRATEGIES) for name in STRATEGIES}
    return {name: max(weights.get(name, 0.0), 0.0) / total for name in STRATEGIES}


def softmax(scores: Mapping[str, float]) -> dict[str, float]:
    """Probabilities from log-scores over the eight strategies."""
    top = max(scores.values())
    return _normalise({k: math.exp(v - top) for k, v in scores.items()})


def position_prior(sig: Signals) -> dict[str, float]:
    """The stage model's clock: Exploration early, Action and closing moves later.

    Hill's stages recur, but their mix drifts over a session: in ESConv, questions are half of
    the supporter's moves in the first three exchanges and a tenth after twelve, while
    suggestions and social closing moves grow. The drift is a log-linear ramp over
    :data:`POSITION_TURNS` exchanges with strength :data:`POSITION_STRENGTH`.
    """
    phase = min(sig.user_turns / POSITION_TURNS, 1.0)
    ramp = POSITION_STRENGTH * (2.0 * phase - 1.0)
    out: dict[str, float] = {}
    for name in STRATEGIES:
        stage = STAGE_OF[name]
        if stage == "Exploration":
            out[name] = math.exp(-ramp)
        elif stage == "Action" or name == "Others":
            out[name] = math.exp(ramp)
        else:
            out[name] = 1.0
    return out


def bias_control(
    probs: Mapping[str, float],
    sig: Signals,
    stage_exponent: float = 1.0,
    calibration: Mapping[str, float] | None = None,
) -> tuple[dict[str, float], list[str]]:
    """Apply the shared preference-bias control: stage model, over-use penalty, hard gates.

    The stage prior enters raised to ``stage_exponent``: 1 for the hand-written policy alone,
    less when part of the proposal comes from the learned head, which takes the stage prior as
    an input already. ``calibration`` (one factor per strategy) is the engine's output
    calibration (:data:`OUTPUT_CALIBRATION`), applied before the result is normalised.
    Returns the controlled distribution and short notes of which rules acted.
    """
    notes: list[str] = []
    stages = stage_prior(sig)
    position = position_prior(sig)
    out: dict[str, float] = {}
    for name in STRATEGIES:
        stage = STAGE_OF[name]
        weight = stages[stage] if stage else 1.0 / 3.0
        out[name] = probs.get(name, 0.0) * (3.0 * weight) ** stage_exponent * position[name]
    # Over-use: compare the session's distribution (smoothed toward ESConv) with the target.
    hist = list(sig.history)
    if hist:
        counts = Counter(hist)
        n = len(hist)
        for name in STRATEGIES:
            smoothed = (counts[name] + 4.0 * ESCONV_SHARE[name]) / (n + 4.0)
            ceiling = max(1.5 * ESCONV_SHARE[name], 0.2)
            if smoothed > ceiling:
                out[name] *= (smoothed / ceiling) ** -OVERUSE_EXPONENT
            elif n >= 3 and name in UNDER_USE_BOOSTED and counts[name] == 0:
                out[name] *= 1.3  # neglected listening moves come back
        # Counsellors do repeat a move once (ESConv: a suggestion follows a suggestion in a
        # quarter of turns); a third time in a row is held back.
        last = hist[-1]
        if len(hist) >= 2 and hist[-2] == last:
            out[last] *= REPEAT_PENALTY
            notes.append(f"over-use penalty on {last}")
    # Exploration before suggestions: no advice until the problem was explored.
    if sig.explored == 0:
        if out["Providing Suggestions"] > 0:
            notes.append("exploration before suggestions")
        out["Providing Suggestions"] = 0.0
        if not sig.asks_info:
            out["Information"] *= 0.3
    # Worsening emotion: comfort before action (unless we just comforted them).
    if sig.trend == "worsening" and not (
        sig.history and STAGE_OF.get(sig.history[-1]) == "Comforting"
    ):
        if out["Providing Suggestions"] > 0 or out["Information"] > 0:
            notes.append("emotion worsening: comfort before action")
        out["Providing Suggestions"] *= 0.2
        out["Information"] *= 0.4
        for name in ("Reflection of Feelings", "Affirmation and Reassurance"):
            out[name] *= WORSENING_COMFORT
        out["Question"] *= 0.5  # more questions now feel like an interview, not support
    # "What should I do?" once the problem is understood: the request is honoured (unless they
    # are worse than before or in distress: comfort first, see above and below).
    elif (
        (sig.asks_advice or sig.advice_pending)
        and sig.understood
        and not sig.vent
        and out["Providing Suggestions"] > 0
    ):
        out["Providing Suggestions"] *= ADVICE_HONOURED
        notes.append("advice asked and the problem is understood: suggestions allowed")
    # Hopelessness or thoughts of death: stay with them, no advice, no small talk.
    if sig.distress:
        if out["Providing Suggestions"] > 0:
            notes.append("distress: no suggestions")
        out["Providing Suggestions"] = 0.0
        out["Information"] *= 0.2
        out["Others"] *= 0.3
        out["Reflection of Feelings"] *= 1.5
    # "I just need to vent": no suggestions.
    if sig.vent:
        out["Providing Suggestions"] = 0.0
        out["Information"] *= 0.3
        notes.append("vent requested: no suggestions")
    if calibration is not None:
        out = {name: out[name] * calibration.get(name, 1.0) for name in STRATEGIES}
    return _normalise(out), notes


def _stage_for(name: str, sig: Signals) -> Stage:
    stage = STAGE_OF[name]
    if stage is not None:
        return stage
    prior = stage_prior(sig)
    best = max(prior, key=lambda k: prior[k])
    if best == "Exploration":
        return "Exploration"
    return "Action" if best == "Action" else "Comforting"


def _rationale(name: str, sig: Signals) -> str:
    reasons = {
        "Question": "ask an open question to understand the situation better",
        "Restatement or Paraphrasing": "paraphrase what they shared so they feel understood",
        "Reflection of Feelings": "name and validate the feeling they expressed",
        "Self-disclosure": "share a brief, honest perspective so they feel less alone",
        "Affirmation and Reassurance": "affirm their strengths and effort",
        "Providing Suggestions": "offer one gentle, optional idea now that the problem is clear",
        "Information": "give useful, factual context they asked for",
        "Others": "a social move that keeps the conversation warm",
    }
    extra = []
    if sig.trend == "worsening":
        extra.append("emotion worsening")
    if sig.vent:
        extra.append("they asked to vent")
    if sig.asks_advice:
        extra.append("they asked what to do")
    if sig.self_blame:
        extra.append("self-blame")
    tail = f" ({', '.join(extra)})" if extra else ""
    return reasons[name] + tail


_BOOL_FEATURES: tuple[tuple[str, Callable[[Signals], bool]], ...] = (
    ("vent", lambda g: g.vent),
    ("asks_advice", lambda g: g.asks_advice),
    ("asked_advice_ever", lambda g: g.asked_advice_ever),
    ("asks_info", lambda g: g.asks_info),
    ("asks_ai", lambda g: g.asks_ai),
    ("greeting", lambda g: g.greeting),
    ("closing", lambda g: g.closing),
    ("self_blame", lambda g: g.self_blame),
    ("plan_talk", lambda g: g.plan_talk),
    ("positive", lambda g: g.positive),
    ("resistance", lambda g: g.resistance),
    ("isolation", lambda g: g.isolation),
    ("short_answer", lambda g: g.short_answer),
    ("validation", lambda g: g.validation),
    ("loss", lambda g: g.loss),
    ("personal", lambda g: g.personal),
    ("advice_pending", lambda g: g.advice_pending),
    ("understood", lambda g: g.understood),
    ("distress", lambda g: g.distress),
    ("first_turn", lambda g: g.user_turns <= 1),
    ("asking", lambda g: "?" in g.last_text),
    ("answered_question", lambda g: g.history[-1:] == ("Question",)),
    ("worsening", lambda g: g.trend == "worsening"),
    ("improving", lambda g: g.trend == "improving"),
)
#: Size of the MiniLM sentence embedding of the person's last message (a head input).
EMBEDDING_DIM = 384

#: The learned head's inputs, in order: the policy's signals, the session's strategy history,
#: the calibrated policy's log-probabilities and the stage prior (log weight of each stage).
HEAD_FEATURES: tuple[str, ...] = (
    *(name for name, _ in _BOOL_FEATURES),
    "feelings",
    "last_words",
    "user_turns",
    "explored",
    *(f"last:{s}" for s in STRATEGIES),
    *(f"share:{s}" for s in STRATEGIES),
    *(f"policy:{s}" for s in STRATEGIES),
    *(f"stage:{s}" for s in STRATEGIES),
    *(f"emb:{k}" for k in range(EMBEDDING_DIM)),
)


def embed_last_message(text: str, facts: TurnFacts | None = None) -> list[float] | None:
    """The MiniLM embedding of the person's last message, or None if the embedder fails.

    With ``facts`` the turn's shared vector is used (emotion and recall embed the same
    message). The strategy is not a safety path: without the embedding the head treats those
    inputs as missing (their training mean) and still decides from the other signals.
    """
    try:
        from confide.memory.embedder import default_embedder

        if facts is not None:
            return [float(v) for v in facts.vector(default_embedder(), text[:4000])]
        return [float(v) for v in default_embedder().embed([text[:4000]])[0]]
    except Exception as exc:  # onnxruntime, tokenizer or asset failures all degrade the same way
        log.warning("strategy head: embedding unavailable (%s); deciding without it", exc)
        return None


def head_features(
    sig: Signals,
    embedding: Sequence[float] | None = None,
    policy: Mapping[str, float] | None = None,
) -> list[float]:
    """The learned head's feature vector for one turn (see :data:`HEAD_FEATURES`).

    ``embedding`` is :func:`embed_last_message` of ``sig.last_text``; missing values are NaN.
    ``policy`` is :func:`calibrated_policy` of ``sig`` when the caller already has it.
    """
    prior = calibrated_policy(sig) if policy is None else policy
    stages = stage_prior(sig)
    n = max(len(sig.history), 1)
    out = [1.0 if test(sig) else 0.0 for _, test in _BOOL_FEATURES]
    out += [
        min(sig.feelings, 3) / 3.0,
        min(sig.last_words, 60) / 60.0,
        min(sig.user_turns, 10) / 10.0,
        min(sig.explored, 4) / 4.0,
    ]
    out += [1.0 if sig.history[-1:] == (s,) else 0.0 for s in STRATEGIES]
    out += [sig.history.count(s) / n for s in STRATEGIES]
    out += [math.log(max(prior[s], 1e-6)) for s in STRATEGIES]
    out += [math.log(stages[stage] if (stage := STAGE_OF[s]) else 1.0 / 3.0) for s in STRATEGIES]
    if embedding is not None and len(embedding) == EMBEDDING_DIM:
        out += [float(v) for v in embedding]
    else:
        out += [math.nan] * EMBEDDING_DIM
    return out


#: Comforting moves' boost when the emotion worsens and the last move was not comforting.
WORSENING_COMFORT = 2.5
#: Suggestions' boost when they asked what to do and the problem has been explored.
ADVICE_HONOURED = 3.0
#: Weight of the learned head when pooled with the hand-written policy and its stage prior
#: (geometric pooling: head^w * (policy * stage prior)^(1 - w)). Chosen by cross-validation on
#: the dev split together with the behaviour tests (scripts/train_strategy.py --cv).
HEAD_WEIGHT = 0.7


def pooled_proposal(
    sig: Signals,
    head: StrategyHead | None,
    weight: float = HEAD_WEIGHT,
    embedding: Sequence[float] | None = None,
) -> tuple[dict[str, float], float]:
    """Pool the learned head with the calibrated policy; returns it and the stage-prior exponent.

    Without a head the calibrated policy proposes alone and the stage prior applies in full.
    """
    policy = calibrated_policy(sig)
    if head is None or weight <= 0:
        return policy, 1.0
    learned = head.probs(head_features(sig, embedding, policy))
    pooled: dict[str, float] = {
        k: math.exp(
            weight * math.log(max(learned[k], 1e-9))
            + (1.0 - weight) * math.log(max(policy[k], 1e-9))
        )
        for k in STRATEGIES
    }
    return _normalise(pooled), 1.0 - weight


def offline_proposal(
    sig: Signals, head_name: str = "open", facts: TurnFacts | None = None
) -> tuple[dict[str, float], float, dict[str, float]]:
    """The offline engine's proposal, its stage exponent and its output calibration.

    ``head_name`` is the ``strategy_head`` setting: "open" (the Apache-2.0 head, default) or
    "esconv" (the opt-in head trained on ESConv, CC BY-NC 4.0). If the head file is unusable,
    the calibrated hand-written policy proposes alone with the open calibration.
    """
    if head_name == "esconv":
        esconv = load_head(HEAD_FEATURES, str(esconv_head_path()))
        if esconv is not None:
            weight = float(esconv.meta.get("head_weight", HEAD_WEIGHT))
            strength = float(esconv.meta.get("calibration_strength", 1.0))
            calibration = {
                k: float(v) ** strength for k, v in esconv.meta.get("calibration", {}).items()
            }
            proposal, exponent = pooled_proposal(
                sig, esconv, weight, embedding=embed_last_message(sig.last_text, facts)
            )
            return proposal, exponent, calibration
    calibration = {k: v**CALIBRATION_STRENGTH for k, v in OUTPUT_CALIBRATION.items()}
    head = load_head(HEAD_FEATURES)
    if head is None:
        return (*pooled_proposal(sig, None), calibration)
    embedding = embed_last_message(sig.last_text, facts)
    proposal, exponent = pooled_proposal(sig, head, embedding=embedding)
    return proposal, exponent, calibration


def check_in_due(sig: Signals) -> bool:
    """Moderate risk, or flagged thoughts of death or self-harm: the turn is a check-in."""
    return level_index(sig.risk_level) >= level_index("moderate") or sig.ideation


def choose(
    sig: Signals,
    llm_probs: Mapping[str, float] | None = None,
    memory: BiasMemory | None = None,
    head_name: str = "open",
    facts: TurnFacts | None = None,
) -> tuple[StrategyChoice, list[str]]:
    """Decide this turn's strategy from the signals (and an LLM proposal, if any).

    ``memory`` carries the running calibration of both engines across turns (the node keeps
    one); without it, the decision depends on this turn alone. ``head_name`` picks the offline
    head (the ``strategy_head`` setting); ``facts`` shares the turn's sentence vector.
    """
    prior, stage_exponent, calibration = offline_proposal(sig, head_name, facts)
    if memory is not None and llm_probs is not None:
        llm_probs = memory.llm(llm_probs)
    if llm_probs is not None:
        combined = combine_with_prior(prior, llm_probs)
        source = "llm+policy"
    else:
        combined = prior
        source = "policy"
    probs, notes = bias_control(combined, sig, stage_exponent, calibration)
    if check_in_due(sig):
        # A direct, gentle safety check-in (asking about suicidal thoughts does not raise risk).
        name: StrategyName = "Question"
        if sig.history[-1:] == ("Question",):
            name = "Reflection of Feelings"  # they were just asked: listen to the answer
        stage: Stage = "Comforting" if sig.trend == "worsening" else "Exploration"
        if name == "Reflection of Feelings":
            stage = "Comforting"
        probs = _normalise({k: (0.6 if k == name else 0.4 * v) for k, v in probs.items()})
        why = "moderate risk" if sig.risk_level != "low" else "thoughts of death or self-harm"
        rationale = f"{why}: a direct, gentle safety check-in comes first"
        notes.append(f"{why}: safety check-in")
    else:
        name = max(STRATEGIES, key=lambda k: probs[k])
        stage = _stage_for(name, sig)
        rationale = _rationale(name, sig)
    choice = StrategyChoice(
        stage=stage,
        name=name,
        probs={k: round(v, 4) for k, v in probs.items()},
        rationale=rationale,
        source=source,
    )
    # rounding can leave the sum a hair away from 1: put the remainder on the chosen strategy
    drift = 1.0 - sum(choice["probs"].values())
    choice["probs"][name] = round(choice["probs"][name] + drift, 6)
    return choice, notes


#: How strongly an LLM proposal moves the policy prior (log-linear pooling weight).
LLM_WEIGHT = 0.6
#: Share of uniform mass mixed into the LLM's distribution (models are over-confident).
LLM_SMOOTHING = 0.4


def combine_with_prior(prior: Mapping[str, float], llm: Mapping[str, float]) -> dict[str, float]:
    """Log-linear pooling of the policy prior and the (tempered) LLM distribution."""
    llm_n = _normalise(llm)
    uniform = 1.0 / len(STRATEGIES)
    pooled: dict[str, float] = {
        name: math.exp(
            math.log(max(prior.get(name, 0.0), 1e-9))
            + LLM_WEIGHT * math.log((1 - LLM_SMOOTHING) * llm_n[name] + LLM_SMOOTHING * uniform)
        )
        for name in STRATEGIES
    }
    return _normalise(pooled)


class ProposalCalibrator:
    """Calibration of an engine's proposals against its own running preference.

    A preference-biased planner proposes its favourite strategy whatever the context. Dividing
    each proposal by the planner's running mean proposal (raised to ``strength``) removes that
    constant preference and keeps what varies with the context, in the spirit of contextual
    calibration (Zhao et al. 2021). The target is uniform because preference bias B asks that
    no strategy be preferred over another, not that frequencies match a corpus. The mean starts
    uniform with the weight of ``prior_weight`` calls and is shared across sessions: it
    describes the planner, not a person.
    """

    def __init__(
        self, prior_weight: float = 4.0, horizon: int = 200, strength: float = 1.0
    ) -> None:
        self._mean = dict.fromkeys(STRATEGIES, 1.0 / len(STRATEGIES))
        self._strength = strength
        self._weight = prior_weight
        self._horizon = horizon
        self._lock = threading.Lock()

    def __call__(self, proposal: Mapping[str, float]) -> dict[str, float]:
        """Calibrate one proposal, then fold it into the running mean."""
        with self._lock:
            calibrated = _normalise(
                {
                    k: proposal.get(k, 0.0) / max(self._mean[k], 1e-6) ** self._strength
                    for k in STRATEGIES
                }
            )
            w = min(self._weight, float(self._horizon))
            self._mean = {
                k: (w * self._mean[k] + proposal.get(k, 0.0)) / (w + 1.0) for k in STRATEGIES
            }
            self._weight = w + 1.0
        return calibrated


@dataclass
class BiasMemory:
    """The bias control's memory across turns: the running calibration of the LLM planner.

    A preference-biased model's favourite says little about the context, so its proposals are
    divided by its running mean at full strength. The offline policy's calibration is static
    (:data:`POLICY_MEAN`), which keeps the offline engine deterministic turn by turn.
    """

    llm: ProposalCalibrator = field(default_factory=lambda: ProposalCalibrator(prior_weight=1.0))


#: The offline policy's mean proposal, measured once on the dev conversations (c01-c16) of
#: benchmarks/data/strategy_contexts.jsonl; no gold labels are used. Dividing by it (at
#: strength :data:`POLICY_CALIBRATION`) stops the policy's own favourites from winning every
#: turn where no cue fires.
POLICY_MEAN: dict[str, float] = {
    "Question": 0.227,
    "Restatement or Paraphrasing": 0.089,
    "Reflection of Feelings": 0.134,
    "Self-disclosure": 0.054,
    "Affirmation and Reassurance": 0.14,
    "Providing Suggestions": 0.174,
    "Information": 0.084,
    "Others": 0.097,
}
POLICY_CALIBRATION = 0.5

#: The open offline engine's output calibration: one factor per strategy that brings the rate
#: at which the engine picks each strategy to ESConv's published shares (:data:`ESCONV_SHARE`).
#: Fitted without gold labels (only the engine's own picks on ESConv dev's contexts are
#: counted; ``scripts/strategy_eval.py --fit-calibration``), so no ESConv label trains the
#: default. It removes the planner's leftover preference for a few strategies (bias B).
OUTPUT_CALIBRATION: dict[str, float] = {
    "Question": 2.021,
    "Restatement or Paraphrasing": 0.623,
    "Reflection of Feelings": 1.16,
    "Self-disclosure": 1.662,
    "Affirmation and Reassurance": 1.077,
    "Providing Suggestions": 0.642,
    "Information": 0.52,
    "Others": 1.146,
}
#: The calibration enters raised to this power. At full strength ESConv's B falls to 0.06 but
#: Confide's own (LLM-written) test conversations, which use fewer questions and
#: self-disclosures, lose 9 points of Q; at half strength ESConv keeps B 0.34 (see
#: docs/strategy-counselor.md, "ESConv").
CALIBRATION_STRENGTH = 0.5


def calibrated_policy(sig: Signals) -> dict[str, float]:
    """Return the offline policy's distribution, calibrated against its own mean proposal."""
    raw = softmax(policy_scores(sig))
    return _normalise({k: raw[k] / POLICY_MEAN[k] ** POLICY_CALIBRATION for k in STRATEGIES})


class StrategyPlan(BaseModel):
    """What the LLM planner answers: a stage, a strategy and probabilities over all eight."""

    stage: str = Field(description="Exploration, Comforting or Action")
    strategy: str = Field(description="one of the eight strategy names, spelled exactly")
    probabilities: dict[str, float] = Field(
        default_factory=dict, description="probability of each of the eight strategies"
    )
    rationale: str = Field(default="", description="one short line")


def canonical_strategy(label: str) -> StrategyName | None:
    """Map a model's spelling of a strategy onto the exact ESConv name."""
    key = re.sub(r"[^a-z]", "", label.lower())
    if not key:
        return None
    for exact in STRATEGIES:
        if re.sub(r"[^a-z]", "", exact.lower()) == key:
            return exact
    prefixes: dict[str, StrategyName] = {
        "question": "Question",
        "restat": "Restatement or Paraphrasing",
        "paraphras": "Restatement or Paraphrasing",
        "reflect": "Reflection of Feelings",
        "selfdisc": "Self-disclosure",
        "disclos": "Self-disclosure",
        "affirm": "Affirmation and Reassurance",
        "reassur": "Affirmation and Reassurance",
        "suggest": "Providing Suggestions",
        "providing": "Providing Suggestions",
        "advice": "Providing Suggestions",
        "inform": "Information",
        "other": "Others",
    }
    for prefix, found in prefixes.items():
        if key.startswith(prefix):
            return found
    return None


def plan_distribution(plan: StrategyPlan) -> dict[str, float]:
    """Turn the LLM plan into a distribution over the eight names (the chosen one gets a floor)."""
    probs: dict[str, float] = dict.fromkeys(STRATEGIES, 0.0)
    for label, value in plan.probabilities.items():
        name = canonical_strategy(label)
        if name is not None and isinstance(value, (int, float)) and math.isfinite(value):
            probs[name] += max(float(value), 0.0)
    chosen = canonical_strategy(plan.strategy)
    total = sum(probs.values())
    if total <= 0:
        if chosen is None:
            raise ModelError("strategy plan names no known strategy")
        return {k: (0.7 if k == chosen else 0.3 / 7) for k in STRATEGIES}
    probs = {k: v / total for k, v in probs.items()}
    if chosen is not None:
        probs[chosen] = max(probs[chosen], 0.5)
    return _normalise(probs)


def build_plan_messages(
    messages: Sequence[BaseMessage], sig: Signals, emotion: Mapping[str, Any] | None
) -> list[BaseMessage]:
    """Render the planner prompt (the conversation is data, never instructions)."""
    prompt = get_prompt(PROMPT_ID)
    shift = (emotion or {}).get("shift") or {}
    system = prompt.render(
        strategies=list(STRATEGIES),
        emotion_label=str((emotion or {}).get("label", "unknown")),
        emotion_summary=str(shift.get("summary", "")) if isinstance(shift, Mapping) else "",
        trend=sig.trend,
        risk_level=sig.risk_level,
        history=list(sig.history[-8:]),
        vent=sig.vent,
        asks_advice=sig.asks_advice,
    )
    return [
        SystemMessage(content=system),
        HumanMessage(content="Conversation so far:\n" + transcript(messages, 12)),
    ]


#: Key of the planner's answer in the turn's facts (:meth:`confide.facts.TurnFacts.once`).
PLAN_FACT = "strategy.plan"


@dataclass(frozen=True)
class PlannerAnswer:
    """The LLM planner's answer for a turn, or why there is none (never raises)."""

    probs: dict[str, float] | None  # None: the call or its answer failed
    strategy: str = ""
    #: The model's own words: process-local, they reach the state only through the guard.
    rationale: str = ""
    error: str = ""


def ask_planner(
    services: Services,
    messages: Sequence[BaseMessage],
    sig: Signals,
    emotion: Mapping[str, Any] | None,
) -> PlannerAnswer:
    """One structured call to the planner; a failure is an answer without ``probs``."""
    try:
        plan = structured_call(
            services, StrategyPlan, build_plan_messages(messages, sig, emotion), name=PROMPT_ID
        )
        return PlannerAnswer(plan_distribution(plan), plan.strategy, plan.rationale)
    except ModelError as exc:  # ParseError included: the offline policy decides
        return PlannerAnswer(None, error=str(exc))


def plans_early(services: Services) -> bool:
    """Whether this engine asks the planner (the LLM engine in agent mode)."""
    return services.chat_model is not None and services.settings.mode != "fused"


def preliminary_signals(state: Mapping[str, Any], facts: TurnFacts) -> tuple[Signals, Any]:
    """The planner's inputs before emotion and risk are done (the ``plan`` node's view).

    Emotion: the offline classifier's record of the message (the model's refinement is not in
    yet); risk: the screen's reading. Only the planner's proposal is made from these; the
    strategy node decides with this turn's final emotion and risk (a check-in, the stage and
    the bias control all use the final signals).
    """
    from confide.agents.emotion import _classify, build_record, default_classifier

    history = list(state.get("emotion_history") or [])
    turn = int(state.get("turn") or len(history) + 1)
    estimate, source = _classify(default_classifier(), turn_text(state), facts.vector)
    emotion = build_record(turn, estimate, history, source)
    screen = state.get("screen") or {}
    risk = {"level": screen.get("level", "none"), "categories": screen.get("categories", [])}
    messages = list(state.get("messages") or [])
    sig = read_signals(messages, emotion, risk, state.get("strategy_history") or [])
    return sig, emotion


def make_plan_node(services: Services) -> Callable[[TurnState, Runtime[Context]], dict[str, Any]]:
    """Build the ``plan`` node: ask the LLM planner as soon as the message is screened.

    It runs beside emotion, risk and recall, so the planner's call overlaps theirs instead of
    waiting for them (agent mode: two model calls in a row on a normal turn, not three). The
    answer stays in the turn's facts, process-local; the strategy node uses it (or asks
    itself when the facts lost it). Offline and in fused mode it does nothing.
    """

    def plan(state: TurnState, runtime: Runtime[Context]) -> dict[str, Any]:
        if not plans_early(services):
            return {}
        facts = services.facts.for_state(state)
        sig, emotion = preliminary_signals(state, facts)
        messages = list(state.get("messages") or [])
        facts.once(PLAN_FACT, lambda: ask_planner(services, messages, sig, emotion))
        return {}

    return plan


def plan_turn(
    services: Services,
    state: Mapping[str, Any],
    memory: BiasMemory | None = None,
    facts: TurnFacts | None = None,
) -> tuple[StrategyChoice, list[str], int]:
    """Plan one turn from a state mapping; returns the choice, notes and LLM calls made.

    ``facts`` are the turn's shared facts (the graph's); the planner's answer is taken from
    them when the ``plan`` node asked already. Without them, everything is computed here.
    """
    messages = list(state.get("messages") or [])
    emotion = state.get("emotion")
    sig = read_signals(messages, emotion, state.get("risk"), state.get("strategy_history") or [])
    head_name = services.settings.strategy_head
    facts = facts if facts is not None else TurnFacts(turn_text(state))
    if not plans_early(services):
        # fused mode plans inside the counselor's single call: the policy decides here
        choice, notes = choose(sig, None, memory, head_name, facts)
        return choice, notes, 0
    calls = 0 if facts.known(PLAN_FACT) else 1
    answer = facts.once(PLAN_FACT, lambda: ask_planner(services, messages, sig, emotion))
    if answer.probs is None:
        choice, notes = choose(sig, None, memory, head_name, facts)
        note = guarded_note(f"planner unavailable, policy decided: {answer.error}"[:200])
        return choice, [*notes, note], calls
    choice, notes = choose(sig, answer.probs, memory, head_name, facts)
    if answer.rationale.strip() and choice["name"] == canonical_strategy(answer.strategy):
        # the model's words enter the state (and every stream): they pass the guard's checks
        rationale = guarded_note(answer.rationale.strip().splitlines()[0][:200])
        if rationale != WITHHELD_NOTE:  # otherwise the policy's own rationale stays
            choice["rationale"] = rationale
    return choice, notes, calls


def make_strategy_node(
    services: Services,
) -> Callable[[TurnState, Runtime[Context]], dict[str, Any]]:
    """Build the strategy node: stage + strategy for this turn, through the bias control."""
    memory = BiasMemory()

    def strategy(state: TurnState, runtime: Runtime[Context]) -> dict[str, Any]:
        # the first node that sees this turn's emotion and risk: the panel's record is
        # settled against the risk here (never a positive emotion for a turn at risk)
        emotion = state.get("emotion")
        settled = settle_panel(state)
        if settled is not None and settled != emotion:
            state = {**state, "emotion": settled}
        facts = services.facts.for_state(state)  # shared vector; the plan node's answer
        choice, _notes, _calls = plan_turn(services, state, memory, facts)
        update: dict[str, Any] = {"strategy": choice, "strategy_history": [choice["name"]]}
        if settled is not None and settled != emotion:
            update["emotion"] = settled
        return update

    return strategy
