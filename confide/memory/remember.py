"""What Confide remembers: salient disclosures, session summaries, and continuity notes.

- The ``remember`` node writes the user's message when it is salient (people, events, feelings,
  goals, coping that helped; chit-chat is skipped) with the turn's emotion vector and salience.
  Safety-relevant messages (risk moderate or above) are always kept, as kind ``safety``, so a
  later session knows the history. The node never raises.
- :func:`summarize_session` writes one extractive summary per session (on /new, exit or idle).
  Crisis sentences are left out of summaries (they are kept as ``safety`` memories instead).
- :func:`continuity_note` gives one line such as "Last time you mentioned that your sister's
  visit was worrying you." only when an earlier session is clearly relevant, and never from a
  ``safety`` memory, so it cannot surprise or expose the user.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from langchain_core.messages import BaseMessage
from langgraph.runtime import Runtime

from confide.context import Context, run_context
from confide.engine import Services
from confide.facts import turn_text
from confide.memory.recall import is_user_message, message_text
from confide.memory.retrieval import RetrievalConfig, emotion_vector
from confide.memory.store import MAX_TEXT_CHARS, MemoryStore
from confide.records import PLUTCHIK, EmotionRecord, level_index
from confide.state import TurnState

log = logging.getLogger(__name__)

#: A disclosure is remembered when its salience reaches this.
STORE_THRESHOLD = 0.4
#: Cosine similarity an earlier memory needs before a continuity note mentions it.
CONTINUITY_MIN_SIMILARITY = 0.42
_SAFETY_LEVEL = level_index("moderate")

_WORD = re.compile(r"[a-z']+")
_LEXICON: dict[str, tuple[float, re.Pattern[str]]] = {
    "person": (
        0.25,
        re.compile(
            r"\b(mom|mum|mother|dad|father|parents?|sister|brother|siblings?|son|daughter|kids?|"
            r"child(ren)?|wife|husband|partner|boyfriend|girlfriend|fianc[eé]e?|ex|friends?|"
            r"boss|manager|cowork(er|ers)|colleagues?|teacher|grand(ma|pa|mother|father)|"
            r"aunt|uncle|cousin|roommate|neighbou?r|therapist|doctor|dog|cat|family)\b"
        ),
    ),
    "event": (
        0.2,
        re.compile(
            r"\b(interview|exam|test|job|work|fired|laid off|promotion|funeral|died|death|"
            r"passed away|breakup|broke up|divorce|wedding|birthday|moved|moving|hospital|"
            r"diagnos\w*|surgery|pregnan\w*|baby|graduat\w*|school|college|university|"
            r"argument|fight|visit\w*|trip|holiday|christmas|thanksgiving|deadline|court|"
            r"accident|lost|miscarriage|anniversary|program|course|degree|apply|application)\b"
        ),
    ),
    "feeling": (
        0.25,
        re.compile(
            r"\b(feel\w*|felt|sad|down|depress\w*|lonely|alone|anxious|anxiety|worr\w*|"
            r"scared|afraid|fear\w*|panic\w*|angry|furious|mad|upset|hurt|ashamed|shame|"
            r"guilt\w*|hopeless|overwhelm\w*|stress\w*|exhausted|numb|empty|grief|grieving|"
            r"miss(ing)?|cry\w*|cried|happy|glad|relieved|proud|excited|calm\w*|nervous|"
            r"frustrat\w*|jealous|heartbroken|devastated)\b"
        ),
    ),
    "goal": (
        0.2,
        re.compile(
            r"\b(want to|going to|plan(ning)? to|trying to|hope to|goal|i will|i'll|"
            r"decided to|need to|would like to|wish i)\b"
        ),
    ),
    "coping": (
        0.25,
        re.compile(
            r"\b(helped|helps|helping|made me feel better|calmed me|worked for me|"
            r"breathing|meditat\w*|journal\w*|walk(ed|ing)?|run(ning)?|exercise|yoga|music|"
            r"talked to|called my|therapy|sleep(ing)? better)\b"
        ),
    ),
}
_FIRST_PERSON = re.compile(r"\b(i|i'm|i've|i'd|me|my|myself|mine)\b")
_CHITCHAT = re.compile(
    r"^(hi|hey|hello|yo|thanks?( you)?|thank you|ok(ay)?|k|cool|nice|lol|haha|yes|yeah|yep|"
    r"no|nope|sure|bye|good ?(night|morning)|how are you|what'?s up|hmm+|i see|got it)[.!?\s]*$"
)
#: Sentences left out of summaries and continuity notes (they live as ``safety`` memories).
_CRISIS = re.compile(
    r"\b(kill(ing)? myself|suicid\w*|end(ing)? (my|it all)|self[- ]harm|cut(ting)? myself|"
    r"overdos\w*|don'?t want to (live|be alive|be here)|want to die|hurt(ing)? myself)\b"
)
_SENTENCE = re.compile(r"(?<!\bDr\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bMrs\.)(?<!\bSt\.)(?<=[.!?])\s+|\n+")
#: Sentences addressed to the assistant as instructions: never worth remembering.
_INSTRUCTION = re.compile(
    r"\b(ignore|disregard|forget|override|bypass)\s+(all\s+)?(of\s+)?(your|previous|prior|"
    r"the above|above|system|safety|any)\s+(\w+\s+)?(rules?|instructions?|guidelines?|prompts?|"
    r"polic(y|ies)|programming|restrictions?)\b|^\s*(system|assistant|developer)\s*:|"
    r"\byou are now\b|\bfrom now on,? (you|act|pretend|respond|answer|say)\b|"
    r"\b(jailbreak|developer mode|dan mode)\b|\bpretend (to be|you are)\b",
    re.IGNORECASE,
)


def strip_instructions(text: str) -> str:
    """Drop sentences that instruct the assistant; memories keep what the user shared."""
    pieces = _SENTENCE.split(re.sub(r"\b(SYSTEM|System|ASSISTANT|Developer)\s*:", r"\n\1:", text))
    kept = [p.strip() for p in pieces if p and p.strip() and not _INSTRUCTION.search(p)]
    return " ".join(kept)


def salience(text: str, intensity: float = 0.0) -> float:
    """How worth remembering a user message is (0-1), by simple transparent rules."""
    norm = " ".join(text.lower().split())
    if not norm or _CHITCHAT.match(norm):
        return 0.0
    words = _WORD.findall(norm.replace("’", "'"))
    score = sum(weight for weight, pattern in _LEXICON.values() if pattern.search(norm))
    if _FIRST_PERSON.search(norm):
        score += 0.1
    if len(words) >= 6:
        score += 0.1
    if len(words) >= 15:
        score += 0.05
    score += 0.2 * min(1.0, max(0.0, intensity))
    if len(words) < 4:
        score = min(score, 0.3)  # too short to be a memory worth keeping
    return round(min(1.0, score), 3)


def _memory_id(user_id: str, session_id: str, key: str) -> str:
    digest = hashlib.sha256(f"{user_id}\x00{session_id}\x00{key}".encode()).hexdigest()
    return digest[:32]


def make_remember_node(
    services: Services,
) -> Callable[[TurnState, Runtime[Context]], dict[str, Any]]:
    """Build the remember node (writes salient disclosures; returns ``{}``; never raises)."""

    def remember(state: TurnState, runtime: Runtime[Context]) -> dict[str, Any]:
        store = services.memory
        if store is None:
            return {}
        try:
            said = turn_text(state).strip()
            text = strip_instructions(said)
            if not text:
                return {}
            emotion = state.get("emotion")
            vector = emotion_vector(emotion.get("vector") if emotion else None)
            intensity = float(emotion.get("intensity", max(vector.values()))) if emotion else 0.0
            risk = state.get("risk")
            # an unknown level counts as the highest (fail closed): the message is kept
            safety = risk is not None and level_index(risk.get("level", "")) >= _SAFETY_LEVEL
            score = salience(text, intensity)
            if not safety and score < STORE_THRESHOLD:
                return {}
            ctx = run_context(runtime)
            turn = int(state.get("turn") or 0)
            kind = "safety" if safety else "disclosure"
            store.add(
                ctx.user_id,
                text,
                kind=kind,
                session_id=ctx.session_id,
                created_at=ctx.clock(),
                salience=max(score, 0.8) if safety else score,
                emotion=vector,
                # one memory per turn: a replayed turn overwrites instead of duplicating
                memory_id=_memory_id(ctx.user_id, ctx.session_id, f"turn:{turn}:{said}"),
                # the turn's vector of the same text (recall's query) when it has one
                embedding=services.facts.for_state(state).vector(
                    store.embedder, text[:MAX_TEXT_CHARS]
                ),
            )
        except Exception as exc:  # memory is optional: the reply never depends on it
            log.warning("remember failed, memory not written: %s", type(exc).__name__)
        return {}

    return remember


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text) if s and s.strip()]


def _arc(emotions: Sequence[EmotionRecord]) -> str:
    labels = [e.get("label", "") for e in emotions if e.get("label")]
    if not labels:
        return ""
    start, end = labels[0], labels[-1]
    if start == end:
        return f"Mostly felt {start}."
    return f"Felt {start} at the start and {end} by the end."


def summarize_session(
    store: MemoryStore,
    user_id: str,
    session_id: str,
    messages: Sequence[BaseMessage | Mapping[str, Any]],
    emotions: Sequence[EmotionRecord] = (),
    *,
    now: float | None = None,
    max_sentences: int = 3,
) -> str | None:
    """Write (or overwrite) the session's extractive summary; returns it, or None if no content.

    Picks the user's most salient sentences in their original order, adds the emotional arc,
    and stores it as kind ``summary`` with the session's mean emotion. Idempotent per session.
    """
    scored: list[tuple[float, int, str]] = []
    order = 0
    for message in messages:
        if not is_user_message(message):
            continue
        for sentence in _sentences(message_text(message)):
            order += 1
            if _CRISIS.search(sentence.lower()) or _INSTRUCTION.search(sentence):
                continue
            score = salience(sentence)
            if score >= STORE_THRESHOLD:
                scored.append((score, order, sentence))
    if not scored:
        return None
    best = sorted(sorted(scored, key=lambda t: -t[0])[:max_sentences], key=lambda t: t[1])
    arc = _arc(emotions)
    summary = " ".join([s for _, _, s in best] + ([arc] if arc else []))
    vectors = [emotion_vector(e.get("vector")) for e in emotions]
    mean = {k: sum(v[k] for v in vectors) / len(vectors) for k in PLUTCHIK} if vectors else None
    store.add(
        user_id,
        summary,
        kind="summary",
        session_id=session_id,
        created_at=time.time() if now is None else now,
        salience=max(score for score, _, _ in best),
        emotion=mean,
        memory_id=_memory_id(user_id, session_id, "summary"),
    )
    return summary


_SWAP = {
    "i": "you",
    "me": "you",
    "my": "your",
    "mine": "yours",
    "myself": "yourself",
    "i'm": "you're",
    "i've": "you've",
    "i'll": "you'll",
    "i'd": "you'd",
    "am": "are",
    "was": "were",
}
_SWAP_RE = re.compile(r"\b(i'm|i've|i'll|i'd|i|me|my|mine|myself|am|was)\b", re.IGNORECASE)


def second_person(sentence: str) -> str:
    """Turn the user's first-person sentence into second person ("my sister" -> "your sister")."""
    text = sentence.replace("’", "'")
    out: list[str] = []
    last = 0
    prev_word = ""
    for match in _SWAP_RE.finditer(text):
        word = match.group(0).lower()
        before = text[last : match.start()]
        words_before = _WORD.findall(before.lower())
        if words_before:
            prev_word = words_before[-1]
        if word in ("am", "was") and prev_word != "i":
            out.append(before + match.group(0))
        else:
            out.append(before + _SWAP[word])
        prev_word = word
        last = match.end()
    out.append(text[last:])
    return "".join(out)


def continuity_note(
    store: MemoryStore | None,
    user_id: str,
    query_text: str,
    *,
    session_id: str | None = None,
    emotion: Mapping[str, float] | None = None,
    now: float | None = None,
) -> str | None:
    """One line recalling an earlier session when it is clearly relevant, else None.

    Uses disclosures and summaries only (never ``safety`` memories) from other sessions,
    picks the sentence closest to ``query_text``, and phrases it in the second person. The
    note is data about the user: callers quote it, never follow it. Never raises.
    """
    if store is None or not query_text.strip():
        return None
    try:
        config = RetrievalConfig(
            strategy="semantic", min_similarity=CONTINUITY_MIN_SIMILARITY, pool=10
        )
        found = store.search(
            user_id,
            query_text,
            emotion=emotion,
            k=1,
            config=config,
            now=now,
            kinds=("disclosure", "summary"),
            exclude_session=session_id,
        )
        if not found:
            return None
        query_words = set(_WORD.findall(query_text.lower()))
        candidates = [
            s
            for s in _sentences(found[0]["text"])
            if not _CRISIS.search(s.lower())
            and not _INSTRUCTION.search(s)
            and not s.startswith(("Felt ", "Mostly felt "))
        ]
        if not candidates:
            return None
        best = max(candidates, key=lambda s: len(query_words & set(_WORD.findall(s.lower()))))
        phrase = second_person(best).strip().rstrip(".!?").strip()
        phrase = " ".join(phrase.split())
        if len(phrase) > 160:
            phrase = phrase[:159].rsplit(" ", 1)[0] + "…"
        if not phrase:
            return None
        if phrase.split(" ", 1)[0] in ("You", "Your", "You're", "You've", "You'll", "You'd"):
            phrase = phrase[0].lower() + phrase[1:]
        return f"Last time you mentioned that {phrase}."
    except Exception as exc:  # a note is optional; a failure means no note
        log.warning("continuity note unavailable: %s", type(exc).__name__)
        return None
