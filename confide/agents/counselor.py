"""Counselor agent: writes this turn's reply, following the chosen strategy and stage.

Engines and modes:

* **offline**: the composer (:mod:`confide.agents.compose`) builds 1-4 sentences from a curated
  move library, grounded in the user's own words, never repeating a line in a session.
* **LLM, agent mode**: one text call (prompt ``counselor.reply``). Its tokens never reach a
  stream of the graph as they are: they pass through the guard sentence by sentence
  (:class:`confide.safety.streaming.ReplyPreview`) and only guarded sentences are written to the
  ``custom`` stream. The node returns a draft, which the guard turns into the reply inside the
  same graph node (:func:`confide.safety.guard.make_guarded_node`).
* **LLM, fused mode**: one structured call (prompt ``counselor.fused``) that returns emotion
  notes, risk notes, a plan and the reply. Its risk notes may only raise concern.

At moderate risk or above, a bounded what-if check (prompt ``counselor.whatif``) predicts how the
person might react to the draft; the draft is revised at most twice, then a composed safe reply
is used. Such drafts are not streamed: nobody should read a reply before it passed the check.
Any model failure falls back to the offline composer with ``fallback=True``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from langgraph.runtime import Runtime
from pydantic import BaseModel, Field

from confide.agents.compose import Composition, compose, freshen, opener, safety_reply
from confide.agents.emotion_panel import carries_distress
from confide.context import Context
from confide.engine import Services, structured_call, text_call
from confide.errors import ModelError, ParseError
from confide.facts import calls_this_turn, reply_texts, transcript, turn_text
from confide.prompts import get_prompt
from confide.records import ReplyMeta, level_index, max_level
from confide.safety.categories import IDEATION
from confide.safety.check_in import CheckInPlan, compose_check_in, ensure_check_in, plan_check_in
from confide.safety.crisis_flow import (
    CrisisFlow,
    absorb,
    compact_resources,
    compose_follow_up,
    flow_exhausted,
    follow_up_locale,
    has_returned,
    new_risk_now,
    read_steps,
)
from confide.safety.exercises import (
    GIVEN_MARK,
    accepted_exercise,
    declined_exercise,
    format_exercise,
    with_exercise,
)
from confide.safety.reply_checks import check_reply, guarded_note
from confide.safety.streaming import ReplyPreview
from confide.safety.texts import TEXTS_VERSION, reply_locale
from confide.safety.texts_exercises import DECLINED, EXERCISE_TEXTS_VERSION
from confide.safety.texts_flow import FLOW_TEXTS_VERSION, flow_text
from confide.sanitize import looks_like_json
from confide.state import TurnState

REPLY_PROMPT = "counselor.reply"
FUSED_PROMPT = "counselor.fused"
WHATIF_PROMPT = "counselor.whatif"
#: Offline replies record this id (the composer's library) as their "prompt".
OFFLINE_PROMPT_ID = "offline.compose"
OFFLINE_PROMPT_VERSION = "1"
#: Safety check-ins (risk categories below crisis) record this id and the texts' version.
CHECK_IN_PROMPT_ID = "safety.check_in"
#: Revisions allowed after a failed what-if check before the composed safe reply is used.
MAX_REVISIONS = 2
MAX_SENTENCES = 4

STRATEGY_HINTS: dict[str, str] = {
    "Question": "ask one open question that helps them say more",
    "Restatement or Paraphrasing": "say back briefly and concretely what they shared",
    "Reflection of Feelings": "name and validate the feeling they expressed",
    "Self-disclosure": "share a short, honest perspective of yours as an AI, without claiming "
    "human experiences",
    "Affirmation and Reassurance": "affirm their strengths, effort or worth",
    "Providing Suggestions": "offer one optional idea they are free to decline",
    "Information": "give brief factual context that helps",
    "Others": "a warm social move (greeting, thanks, closing)",
}
_STOCK = re.compile(r"^\s*(it sounds like|i hear you[,.]?|i'm sorry to hear that[,.]?)\s*", re.I)
_LANG_NAMES = {
    "en": "English",
    "es": "Spanish",
    "fr": "French",
    "de": "German",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
}


class FusedTurn(BaseModel):
    """Fused mode: the whole analysis and the reply in one structured answer."""

    emotion_notes: str = Field(default="", description="main emotion, trigger, change")
    risk_level: str = Field(default="none", description="none|low|moderate|high|imminent")
    risk_notes: str = Field(default="", description="evidence for the risk level")
    plan: str = Field(default="", description="how the strategy is applied")
    reply: str = Field(description="the reply to the person")


class WhatIf(BaseModel):
    """The what-if check's prediction of how the person would react to a draft."""

    predicted_reaction: str = ""
    harmful: bool
    advice: str = ""


@dataclass
class _Turn:
    """Everything one counselor turn needs, read once from state."""

    messages: list[BaseMessage]
    user_texts: list[str]
    strategy: str
    stage: str
    emotion_label: str
    emotion_summary: str
    risk_level: str
    language: str
    used_lines: list[str]
    previous_reply: str
    recalled: list[Mapping[str, Any]]
    turn: int
    risk: Mapping[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    check_in: CheckInPlan | None = None
    #: Where guarded sentences of a streamed draft go (None: nothing is streamed).
    preview: ReplyPreview | None = None


def _text(message: BaseMessage) -> str:
    content = message.content
    if isinstance(content, str):
        return content
    return " ".join(str(p.get("text", "")) if isinstance(p, dict) else str(p) for p in content)


def _read(state: Mapping[str, Any]) -> _Turn:
    messages = list(state.get("messages") or [])
    strategy = state.get("strategy") or {}
    emotion = state.get("emotion") or {}
    shift = emotion.get("shift") or {}
    risk = state.get("risk") or {}
    screen = state.get("screen") or {}
    previous = [m for m in messages if isinstance(m, AIMessage)]
    return _Turn(
        messages=messages,
        user_texts=[_text(m) for m in messages if isinstance(m, HumanMessage)],
        strategy=str(strategy.get("name", "Reflection of Feelings")),
        stage=str(strategy.get("stage", "Comforting")),
        emotion_label=str(emotion.get("label", "")),
        emotion_summary=str(shift.get("summary", "")) if isinstance(shift, Mapping) else "",
        risk_level=_check_in_level(risk),
        language=str(screen.get("language", "en") or "en"),
        used_lines=list(state.get("used_lines") or []),
        previous_reply=_text(previous[-1]) if previous else "",
        recalled=list(state.get("recalled") or []),
        turn=int(state.get("turn", len(messages)) or 0),
        risk=risk,
    )


#: A reply that asked the safety question (ours, or a model's in its own words).
_CHECK_IN_ASKED = re.compile(
    r"(suicid\w*|ending your life|kill(ing)? yourself|hurting yourself|harming yourself"
    r"|unsafe with yourself|harm yourself)[^?]{0,80}\?",
    re.I,
)
_AFFIRM = re.compile(
    r"^\s*(yes|yeah|yep|yup|ya|sometimes|i guess|maybe|kind of|sort of|a bit|a little|i do"
    r"|often|every day|all the time|i think so|honestly,? yes|probably|lately|more than i)\b",
    re.I,
)
#: Fixed, reviewed follow-up when the person says yes to the check-in question.
AFFIRMED_FOLLOW_UP = (
    "Thank you for telling me; I know that isn't easy to say, and I'm glad you did. "
    "Are you safe right now, and is there someone who could be with you tonight? "
    "If you might act on these thoughts, please reach out now: {resource}."
)


def affirmed_check_in(previous_reply: str, user_text: str) -> bool:
    """The person answered yes to the safety check-in question of the previous reply."""
    return bool(
        previous_reply and _CHECK_IN_ASKED.search(previous_reply) and _AFFIRM.match(user_text)
    )


def _affirmed_reply(region: str) -> str:
    from confide.safety.resources import format_resource, resources_for

    lines = [r for r in resources_for(region) if r.kind != "directory"] or resources_for(region)
    return AFFIRMED_FOLLOW_UP.format(resource=format_resource(lines[0]))


def _check_in_level(risk: Mapping[str, Any]) -> str:
    """The level the reply is written for: low with flagged ideation counts as moderate."""
    level = str(risk.get("level", "none"))
    # flagged thoughts of death or self-harm get the check-in even when the level is low
    if level == "low" and set(risk.get("categories") or ()) & IDEATION:
        return "moderate"
    return level


def _meta(
    services: Services,
    *,
    engine: str,
    prompt_id: str,
    prompt_version: str,
    calls: int,
    fallback: bool,
    notes: list[str],
) -> ReplyMeta:
    return ReplyMeta(
        engine=engine,
        model=services.model_name if engine == "llm" else "offline",
        policy="counselor",
        prompt_id=prompt_id,
        prompt_version=prompt_version,
        llm_calls=calls,
        fallback=fallback,
        notes=notes,
        guard=[],
    )


#: Offline drafts the guard would refuse are recomposed (other moves) at most this many times.
_RECOMPOSE = 3


def _offline(turn: _Turn) -> Composition:
    """The composer's reply, re-picked when the guard's checks would refuse the draft.

    A refused draft would be replaced by the guard's generic safe reply, which fits no moment
    and, said twice, repeats itself; another move that passes is always better.
    """
    # ask the check-in question every other turn at most: re-asking each turn feels robotic
    level = "low" if _CHECK_IN_ASKED.search(turn.previous_reply) else turn.risk_level
    used = list(turn.used_lines)
    user_text = turn.user_texts[-1] if turn.user_texts else ""
    refused: list[str] = []
    for _ in range(_RECOMPOSE + 1):
        comp = compose(
            turn.strategy,
            turn.user_texts,
            emotion_label=turn.emotion_label,
            risk_level=level,
            used_lines=used,
            previous_reply=turn.previous_reply,
            recalled=turn.recalled,
            turn=turn.turn,
            said=_said(turn),
        )
        codes = [v.code for v in check_reply(comp.text, risk=turn.risk, user_text=user_text)]
        if not codes:
            break
        refused.append(f"{'+'.join(comp.used)} ({', '.join(codes)})")
        used += comp.used  # not offered again this turn
    if refused:
        comp.notes.append("recomposed a draft the guard would refuse: " + "; ".join(refused))
    return comp


def _shown_strategy(state: Mapping[str, Any], comp: Composition) -> dict[str, Any]:
    """The strategy record, renamed when the composer wrote the reply in another strategy.

    The panel and the transcript show the strategy the text is actually written in (a plan is
    recognised as Affirmation, a goodbye answered as Others); the rationale says why.
    """
    planned = state.get("strategy")
    if not planned or not comp.strategy or comp.strategy == planned.get("name"):
        return {}
    from confide.agents.strategy import STAGE_OF

    why = next((n for n in comp.notes if "called for" in n or "exhausted" in n), "")
    record = dict(planned)
    record["name"] = comp.strategy
    record["stage"] = STAGE_OF.get(comp.strategy) or planned.get("stage")
    record["rationale"] = (
        f"{planned.get('rationale', '')}; planned {planned.get('name')}, written as "
        f"{comp.strategy}" + (f" ({why})" if why else "")
    ).lstrip("; ")
    return {"strategy": record}


def _said(turn: _Turn) -> list[str]:
    """The session's earlier replies (no sentence of theirs is composed again)."""
    return reply_texts(turn.messages)


def _trim(text: str, previous_reply: str) -> tuple[str, list[str]]:
    """Keep a model reply to at most four sentences and off a repeated stock opener."""
    notes: list[str] = []
    clean = text.strip().strip('"').strip()
    if previous_reply and _STOCK.match(clean) and _STOCK.match(previous_reply):
        rest = _STOCK.sub("", clean, count=1).lstrip(" ,")
        if len(rest.split()) >= 3:
            clean = rest[:1].upper() + rest[1:]
            notes.append("removed a repeated stock opener")
    sentences = re.split(r"(?<=[.!?])\s+", clean)
    if len(sentences) > MAX_SENTENCES:
        clean = " ".join(sentences[:MAX_SENTENCES])
        notes.append("trimmed to four sentences")
    return clean, notes


def _memories(turn: _Turn) -> list[str]:
    quoted = []
    for m in turn.recalled[:3]:
        if m.get("kind") == "safety":
            continue
        text = re.sub(r"[\r\n\"`]", " ", str(m.get("text", ""))).strip()
        if text:
            quoted.append(text[:200])
    return quoted


def _render_vars(turn: _Turn) -> dict[str, Any]:
    return {
        "stage": turn.stage,
        "strategy": turn.strategy,
        "strategy_hint": STRATEGY_HINTS.get(turn.strategy, ""),
        "emotion_label": turn.emotion_label or "not known",
        "emotion_summary": turn.emotion_summary,
        "risk_level": turn.risk_level,
        "language": _LANG_NAMES.get(turn.language, turn.language),
        "sentences": "1-4",
        "previous_opener": opener(turn.previous_reply) if turn.previous_reply else "",
        "memories": _memories(turn),
    }


def _conversation(turn: _Turn, limit: int = 16) -> list[BaseMessage]:
    convo: list[BaseMessage] = []
    for m in turn.messages[-limit:]:
        if isinstance(m, HumanMessage):
            convo.append(HumanMessage(content=_text(m)))
        elif isinstance(m, AIMessage):
            convo.append(AIMessage(content=_text(m)))
    return convo


class _Counter:
    """LLM calls made by this node in this turn (and composed lines used, if any)."""

    def __init__(self) -> None:
        self.calls = 0
        self.used: list[str] = []


def _reply_call(
    services: Services,
    turn: _Turn,
    counter: _Counter,
    *,
    stream: bool,
    revision_note: str = "",
    previous_draft: str = "",
) -> str:
    prompt = get_prompt(REPLY_PROMPT)
    system = prompt.render(
        **_render_vars(turn), revision_note=revision_note, previous_draft=previous_draft
    )
    counter.calls += 1
    preview = turn.preview if stream else None
    try:
        text = text_call(
            services,
            [SystemMessage(content=system), *_conversation(turn)],
            name=REPLY_PROMPT,
            on_token=preview.feed if preview is not None else None,
        )
    except BaseException:
        if preview is not None:
            preview.stop()  # an abandoned call shows nothing more; the final reply replaces it
        raise
    if preview is not None:
        preview.finish()
    return text


def _what_if(services: Services, turn: _Turn, draft: str, counter: _Counter) -> WhatIf:
    prompt = get_prompt(WHATIF_PROMPT)
    text = prompt.render(
        risk_level=turn.risk_level, transcript=transcript(turn.messages, 8), draft=draft
    )
    counter.calls += 1
    return structured_call(
        services,
        WhatIf,
        [SystemMessage(content=text), HumanMessage(content="Check the draft.")],
        name=WHATIF_PROMPT,
    )


def _checked(
    services: Services,
    turn: _Turn,
    draft: str,
    counter: _Counter,
    revise: Callable[[str, str], str],
) -> tuple[str, bool, list[str]]:
    """Run the bounded what-if loop; return (reply, used_safe_fallback, notes).

    A check that cannot be parsed counts as harmful (fail closed).
    """
    notes: list[str] = []
    for attempt in range(MAX_REVISIONS + 1):
        try:
            verdict = _what_if(services, turn, draft, counter)
            harmful, reaction = verdict.harmful, verdict.predicted_reaction or verdict.advice
        except ModelError as exc:
            if type(exc) is ModelError:
                raise  # the model is unavailable: the caller answers offline
            harmful, reaction = True, "the check could not be read"
        if not harmful:
            if attempt:
                notes.append(f"what-if: revised {attempt} time(s)")
            return draft, False, notes
        if attempt == MAX_REVISIONS:
            break
        draft = revise(reaction[:300], draft)
    notes.append("what-if: still risky after two revisions; composed safe reply used")
    return _safe_reply(turn, counter), True, notes


def _safe_reply(turn: _Turn, counter: _Counter) -> str:
    """The composed safe reply: the safety check-in when a risk category is flagged."""
    if turn.check_in is not None:
        counter.used.append(f"checkin:{turn.check_in.foci[0]}")
        return compose_check_in(
            turn.check_in,
            turn.user_texts[-1] if turn.user_texts else "",
            previous_reply=turn.previous_reply,
        )
    safe = safety_reply(turn.user_texts, turn.used_lines, turn.previous_reply, _said(turn))
    counter.used += safe.used
    return safe.text


def _agent_mode(services: Services, turn: _Turn, counter: _Counter) -> tuple[str, list[str]]:
    risky = level_index(turn.risk_level) >= level_index("moderate")
    # a check-in turn is not streamed either: the fixed question is appended after the draft
    draft = _reply_call(services, turn, counter, stream=not risky and turn.check_in is None)
    draft, notes = _trim(draft, turn.previous_reply)
    if not risky:
        return draft, notes

    def revise(reaction: str, previous: str) -> str:
        text = _reply_call(
            services, turn, counter, stream=False, revision_note=reaction, previous_draft=previous
        )
        return _trim(text, turn.previous_reply)[0]

    reply, _safe, more = _checked(services, turn, draft, counter, revise)
    return reply, notes + more


def _fused_call(
    services: Services, turn: _Turn, counter: _Counter, revision: str = "", previous: str = ""
) -> FusedTurn:
    prompt = get_prompt(FUSED_PROMPT)
    system = prompt.render(**_render_vars(turn))
    messages: list[BaseMessage] = [SystemMessage(content=system), *_conversation(turn)]
    if revision:
        messages.append(
            SystemMessage(
                content=f'Your previous reply was: "{previous}". A check predicted: {revision}. '
                "Answer again with a better reply."
            )
        )
    counter.calls += 1
    result = structured_call(services, FusedTurn, messages, name=FUSED_PROMPT)
    if not result.reply.strip() or looks_like_json(result.reply):
        # an empty reply or a JSON document in the reply field is never shown: answer offline
        raise ParseError(f"{FUSED_PROMPT}: the reply field is empty or not prose")
    return result


def _fused_mode(services: Services, turn: _Turn, counter: _Counter) -> tuple[str, list[str]]:
    result = _fused_call(services, turn, counter)
    notes = []
    # the model's notes enter the state (and every stream): they pass the guard's checks
    if result.emotion_notes:
        notes.append(f"emotion: {guarded_note(result.emotion_notes.strip()[:160])}")
    # The model's risk notes may only raise concern, never lower the local assessment.
    model_level = result.risk_level.strip().lower()
    effective = max_level(turn.risk_level, model_level)
    if effective != turn.risk_level:
        notes.append(
            f"fused risk notes raised concern to {effective}: "
            + guarded_note(result.risk_notes[:160])
        )
    if level_index(effective) >= level_index("high"):
        # Crisis-level concern found by the model after routing: answer with the safe reply.
        return _safe_reply(turn, counter), [
            *notes,
            "model raised risk to crisis level: composed safe reply",
        ]
    draft, trim_notes = _trim(result.reply, turn.previous_reply)
    notes += trim_notes
    if level_index(effective) < level_index("moderate"):
        return draft, notes
    raised = _Turn(**{**turn.__dict__, "risk_level": effective, "notes": []})

    def revise(reaction: str, previous: str) -> str:
        again = _fused_call(services, raised, counter, reaction, previous)
        return _trim(again.reply, turn.previous_reply)[0]

    reply, _safe, more = _checked(services, raised, draft, counter, revise)
    return reply, notes + more


def upstream_calls(state: Mapping[str, Any]) -> int:
    """Model calls this turn's earlier nodes made: the turn's ``llm_calls`` channel.

    Every node's calls are counted as they are made (:func:`confide.engine.counting_calls`),
    failed and abandoned calls included, so nothing is guessed from the records they left.
    """
    return calls_this_turn(state)


#: Said once per session when the offline engine meets a language it cannot write.
OFFLINE_LANGUAGE_NOTE = (
    "(Offline, I can only reply in English; with a language model configured, I can answer "
    "in your language.)"
)


def _language_note(turn: _Turn, comp: Composition) -> None:
    """Be honest that the offline composer writes English only (once per session)."""
    if turn.language not in ("en", "") and "lang-note" not in turn.used_lines:
        comp.text = f"{comp.text} {OFFLINE_LANGUAGE_NOTE}"
        comp.used.append("lang-note")
        comp.notes.append(f"offline engine replied in English to a '{turn.language}' message")


#: Follow-ups of the crisis flow on the counselor path record this id.
FOLLOW_UP_PROMPT_ID = "counselor.crisis_follow_up"


def counsel(
    services: Services,
    state: Mapping[str, Any],
    region: str = "US",
    *,
    preview: ReplyPreview | None = None,
) -> dict[str, Any]:
    """Write this turn's reply (the node's body, usable without a graph runtime).

    After a crisis reply earlier in the session (a crisis flow in the state), the flow
    continues here once risk has decayed below crisis level: offline, while the conversation
    is still at moderate risk or this message brings new risk, the flow's follow-up answers
    (steps acknowledged, the next useful thing, resources one line away); otherwise the
    counselor answers without asking the direct question again unless something new calls
    for it. The flow state is updated with any steps the person reports.

    ``preview`` receives a streamed draft's tokens (it releases guarded sentences only).
    """
    flow: CrisisFlow | None = state.get("crisis_flow")
    if not flow:
        return _counsel(services, state, region, preview=preview)
    risk = state.get("risk") or {}
    screen = state.get("screen") or {}
    texts = [_text(m) for m in state.get("messages") or [] if isinstance(m, HumanMessage)]
    user_text = texts[-1] if texts else ""
    locale = follow_up_locale(flow, reply_locale(screen.get("language"), user_text))
    reading = read_steps(user_text, locale)
    ask = new_risk_now(risk, screen, reading)
    elevated = level_index(str(risk.get("conversation_level", "none"))) >= level_index("moderate")
    # once the flow has returned (steps taken, quiet turns: crisis_flow.track_turn), the flow
    # answers only what it is for (a step, calm, rest); everything else gets the counselor
    returned = has_returned(flow) and not ask
    flow_turn = elevated and not flow_exhausted(flow, reading)
    flow_turn = flow_turn and (not returned or reading.anything)
    if services.chat_model is None and (ask or flow_turn):
        follow = compose_follow_up(
            flow,
            reading,
            turn=int(state.get("turn") or 0),
            locale=locale,
            region=region,
            ask_again=ask,
        )
        notes = ["crisis flow follow-up (counselor path)"]
        if follow.acknowledged:
            notes.append("acknowledged: " + ", ".join(follow.acknowledged))
        if follow.asked:
            notes.append("asked the direct question again")
        meta = _meta(
            services,
            engine="offline",
            prompt_id=FOLLOW_UP_PROMPT_ID,
            prompt_version=FLOW_TEXTS_VERSION,
            calls=upstream_calls(state),
            fallback=False,
            notes=notes,
        )
        said = reply_texts(state.get("messages"))
        return {
            "draft": freshen(follow.text, said, locale),
            "reply_meta": meta,
            "used_lines": [f"crisis-flow:{follow.next or 'ask'}"],
            "ccs_streak": 0,
            "crisis_flow": follow.flow,
        }
    update = _counsel(services, state, region, ask_again=ask, preview=preview)
    update["crisis_flow"] = absorb(flow, reading)
    if not ask and not carries_distress(user_text, screen)[0]:
        # after a crisis, a message with no distress of its own (often calmer, or safe) is
        # never called painful: such a sentence of the reply is left out
        update["draft"] = drop_painful(update["draft"])
    if returned:
        # back in the conversation: the resources were in the follow-up just before and stay
        # one key away (/resources, Ctrl+G); the safety plan is offered once
        if "plan" not in update["crisis_flow"]["offered"]:
            update["draft"] = f"{update['draft']}\n\n{flow_text('flow_next_plan', locale)}"
            update["crisis_flow"]["offered"] = [*update["crisis_flow"]["offered"], "plan"]
    elif elevated:
        line = compact_resources(region, locale)
        if line not in update["draft"]:
            said = reply_texts(state.get("messages"))
            update["draft"] = f"{update['draft']}\n\n{freshen(line, said, locale)}"
    return update


#: A sentence that calls the person's message painful or hard (the English of the composer).
_PAINFUL_SENTENCE = re.compile(
    r"[^.!?\n\s][^.!?\n]*\b(?:painful|heartbreaking|devastating|so\s+hard|really\s+hard|"
    r"incredibly\s+hard|a\s+hard\s+place\s+to\s+be)\b[^.!?\n]*[.!?]\s*",
    re.I,
)


def drop_painful(draft: str) -> str:
    """``draft`` without its sentences that call the message painful (kept if nothing is left)."""
    kept = _PAINFUL_SENTENCE.sub("", draft)
    kept = re.sub(r"[ \t]{2,}", " ", kept).strip()
    return kept if len(kept) >= 20 else draft


def _counsel(
    services: Services,
    state: Mapping[str, Any],
    region: str,
    *,
    ask_again: bool = True,
    preview: ReplyPreview | None = None,
) -> dict[str, Any]:
    """The counselor's reply; ``ask_again=False`` (crisis flow, nothing new) skips the check-in."""
    turn = _read(state)
    turn.preview = preview
    planner_calls = upstream_calls(state)
    if not ask_again:
        turn.risk_level = "low"  # the direct question was asked and answered: no check-in
    if (
        ask_again
        and turn.user_texts
        and affirmed_check_in(turn.previous_reply, turn.user_texts[-1])
    ):
        # A "yes" to "are you thinking of ending your life?" is never answered by a template
        # or a model: a fixed follow-up asks about safety now and names a crisis line.
        meta = _meta(
            services,
            engine=services.engine,
            prompt_id="counselor.affirmed_check_in",
            prompt_version="1",
            calls=planner_calls,
            fallback=False,
            notes=["the person affirmed the safety check-in: fixed follow-up"],
        )
        return {
            "draft": _affirmed_reply(region),
            "reply_meta": meta,
            "used_lines": ["affirmed-follow-up"],
            "ccs_streak": 0,
        }
    check_in = plan_check_in(state, region) if ask_again else None
    turn.check_in = check_in
    if services.chat_model is None:
        if check_in is not None:
            return _check_in_turn(services, turn, check_in, calls=0, fallback=False, notes=[])
        return _offline_turn(services, state, turn, calls=0, fallback=False)
    counter = _Counter()
    fused = services.settings.mode == "fused"
    prompt = get_prompt(FUSED_PROMPT if fused else REPLY_PROMPT)
    try:
        if fused:
            reply, notes = _fused_mode(services, turn, counter)
        else:
            reply, notes = _agent_mode(services, turn, counter)
    except ModelError as exc:
        calls = counter.calls + planner_calls
        failed = ["model unavailable; answered offline", guarded_note(str(exc)[:200])]
        if check_in is not None:
            return _check_in_turn(
                services, turn, check_in, calls=calls, fallback=True, notes=failed
            )
        return _offline_turn(services, state, turn, calls=calls, fallback=True, notes=failed)
    if check_in is not None:
        reply, added = ensure_check_in(reply, check_in)
        notes += added
    meta = _meta(
        services,
        engine="llm",
        prompt_id=prompt.id,
        prompt_version=prompt.version,
        calls=counter.calls + planner_calls,
        fallback=False,
        notes=[f"mode: {'fused' if fused else 'agent'}", *notes],
    )
    return {"draft": reply, "reply_meta": meta, "used_lines": counter.used, "ccs_streak": 0}


def _offline_turn(
    services: Services,
    state: Mapping[str, Any],
    turn: _Turn,
    *,
    calls: int,
    fallback: bool,
    notes: Sequence[str] = (),
) -> dict[str, Any]:
    """The composed (offline) reply as the turn's update; ``notes`` go before the composer's."""
    comp = _offline(turn)
    _language_note(turn, comp)
    meta = _meta(
        services,
        engine="offline",
        prompt_id=OFFLINE_PROMPT_ID,
        prompt_version=OFFLINE_PROMPT_VERSION,
        calls=calls,
        fallback=fallback,
        notes=[*notes, *comp.notes],
    )
    return {
        "draft": comp.text,
        "reply_meta": meta,
        "used_lines": comp.used,
        "ccs_streak": 0,
        **_shown_strategy(state, comp),
    }


def _check_in_turn(
    services: Services,
    turn: _Turn,
    plan: CheckInPlan,
    *,
    calls: int,
    fallback: bool,
    notes: list[str],
) -> dict[str, Any]:
    """Answer a turn that carries a risk category with the composed safety check-in.

    Offline, the person's words are not quoted back ("You wrote: ..." reads like a machine in
    an ordinary turn) and no sentence said earlier in the session is said again, except the
    direct safety question and the resource lines (safety first).
    """
    draft = compose_check_in(
        plan,
        turn.user_texts[-1] if turn.user_texts else "",
        previous_reply=turn.previous_reply,
        quote=False,
    )
    draft = freshen(draft, _said(turn), plan.locale)
    meta = _meta(
        services,
        engine="offline",
        prompt_id=CHECK_IN_PROMPT_ID,
        prompt_version=TEXTS_VERSION,
        calls=calls,
        fallback=fallback,
        notes=[*notes, f"safety check-in ({', '.join(plan.foci)}, {plan.level})"],
    )
    return {
        "draft": draft,
        "reply_meta": meta,
        "used_lines": [f"checkin:{plan.foci[0]}"],
        "ccs_streak": 0,
    }


def make_counselor_node(
    services: Services,
) -> Callable[[TurnState, Runtime[Context]], dict[str, Any]]:
    """Build the counselor node: this turn's draft, offline or with the chat model.

    The draft is returned under ``draft``; in the turn graph the node is wrapped by
    :func:`confide.safety.guard.make_guarded_node`, so the draft is guarded before anything
    leaves the node. A streamed draft writes guarded sentences to ``runtime.stream_writer``.
    """

    def counselor(state: TurnState, runtime: Runtime[Context]) -> dict[str, Any]:
        context = getattr(runtime, "context", None)
        region = getattr(context, "region", None) or "US"
        accepted = exercise_turn(services, state)
        if accepted is not None:
            return accepted
        update = counsel(services, state, region, preview=_preview(state, runtime, region))
        return with_exercise(state, update)

    return counselor


def _preview(state: TurnState, runtime: Runtime[Context], region: str) -> ReplyPreview | None:
    """The guarded sentence stream for this turn's draft (None when nobody listens)."""
    write = getattr(runtime, "stream_writer", None)
    if write is None:
        return None
    user_text = turn_text(state)
    screen = state.get("screen")
    return ReplyPreview(
        write,
        node="counselor",
        risk=state.get("risk"),
        user_text=user_text,
        locale=reply_locale(screen.get("language") if screen else None, user_text),
        region=region,
    )


def exercise_turn(services: Services, state: Mapping[str, Any]) -> dict[str, Any] | None:
    """A "yes" to an exercise invitation is answered with the exercise itself (fixed text)."""
    exercise = accepted_exercise(state)
    if exercise is None:
        if not declined_exercise(state):
            return None
        meta = _meta(
            services,
            engine="offline",
            prompt_id="exercise.declined",
            prompt_version=EXERCISE_TEXTS_VERSION,
            calls=upstream_calls(state),
            fallback=False,
            notes=["the person declined the exercise invitation"],
        )
        return {
            "draft": DECLINED,
            "reply_meta": meta,
            "used_lines": [GIVEN_MARK + "declined"],
            "ccs_streak": 0,
        }
    meta = _meta(
        services,
        engine="offline",
        prompt_id=f"exercise.{exercise.id}",
        prompt_version=EXERCISE_TEXTS_VERSION,
        calls=upstream_calls(state),
        fallback=False,
        notes=[f"guided {exercise.id} exercise (accepted invitation)"],
    )
    return {
        "draft": format_exercise(exercise),
        "reply_meta": meta,
        "used_lines": [GIVEN_MARK + exercise.id],
        "ccs_streak": 0,
    }


def previous_openers(messages: Sequence[BaseMessage]) -> list[str]:
    """List the openers of the assistant's replies so far (for tests and evaluation)."""
    return [opener(_text(m)) for m in messages if isinstance(m, AIMessage)]
