"""The offline composer: a reply from the move library, grounded in the user's own words.

It picks one move for the chosen strategy that (1) has not been used this session, (2) can be
filled from what the person actually said (this turn first, then earlier turns), (3) fits the
tracked emotion, and (4) does not open the way the previous reply opened. A short bridge is
added only when the move itself names nothing of theirs; a gentle, direct safety check-in is
added at moderate risk; a recalled memory is mentioned only when it shares words with this
message, and is quoted as data.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from confide.agents.compose.extract import (
    CONCERN,
    Details,
    deceased,
    extract,
    extract_session,
    find_feeling,
    pronoun_agrees,
)
from confide.agents.compose.library import (
    BRIDGES,
    CHECK_INS,
    CUES,
    EMPATHIC_BRIDGES,
    LIBRARY,
    RULE_TAGS,
    SOCIAL_TAGS,
    STAY_LINES,
    STOCK_OPENERS,
    TOPICS,
    Move,
)
from confide.records import level_index
from confide.safety.markers import acknowledges, stays_open
from confide.safety.reply_checks import register_reviewed_texts
from confide.safety.wording import register_freshener

_SLOT = re.compile(r"\{(\w+)\}")
_STOP = {
    "that",
    "this",
    "with",
    "have",
    "about",
    "just",
    "really",
    "been",
    "what",
    "when",
    "they",
    "them",
    "from",
    "like",
    "feel",
    "feeling",
    "there",
    "would",
    "could",
    "should",
    "because",
    "your",
    "still",
    "know",
    "want",
    "even",
    "much",
    "more",
    "some",
    "into",
    "then",
    "than",
    "were",
    "will",
    "it's",
    "i'm",
    "don't",
    "didn't",
    "things",
    "thing",
    "going",
    "being",
}
_GREET = re.compile(r"^\s*(hi|hello|hey|good (morning|evening|afternoon)|hiya)\b", re.I)
_CLOSE = re.compile(
    r"\b(bye|good ?night|talk (to you )?later|see you|have a good|i should go)\b", re.I
)
_THANKS = re.compile(r"\b(thank(s| you)|appreciate (it|you|this|that))\b", re.I)
#: A step or plan of theirs: "I think I'll text my brother", "maybe I could try the gym".
_ACTION = (
    r"(try|call|text|message|write|talk|speak|go|join|email|ask|look|book|see"
    r"|tell(?! (?:she|he|they|it|that|you|from|when|if|how)\b)|start|sign"
    r"|bring|plant|eat|sleep|rest|visit|check|apply|make|do|get|take|put|find|read|search"
    r"|reach|contact|phone|mute|block|say|be honest|have|keep|spend|stop|quit|leave|plan|give"
    r"|mention|raise|bring it up|cook|walk|ring|drop|pop|head|sort|go back|let|stay)"
)
_ADV = r"(?:actually |just |really |probably |definitely |finally |still |at least )?"
_PLAN = re.compile(
    rf"\b(i think i('?ll| will| could| should| might| can) {_ADV}{_ACTION}"
    rf"|maybe i('?ll| could| should| will| can| might) {_ADV}{_ACTION}"
    rf"|i'?m (going|planning|gonna) to {_ADV}{_ACTION}|gonna {_ACTION}|i (will|could|might) try"
    r"|i'?m (going|heading|popping) (round|over|back|home|out)|we'?ll (go|have|try|talk|see|do)"
    r"|i'?ll try|i decided|i'?ve (decided|started|booked|signed up)|i signed up|i booked"
    rf"|i'?ll {_ADV}{_ACTION}|is an option|worth a try|could work|a good idea|good shout"
    rf"|i (could|might|can) {_ADV}{_ACTION})\b",
    re.I,
)
#: Not a plan: what they fear would happen ("if I say something I'll look petty").
_NOT_PLAN = re.compile(
    r"(?i)\b(if|afraid|scared|worried|feel like|or else|otherwise|before|until|saying|said|says"
    r"|told me|tells me|not)\b[^.!?]*$"
)
_ASKED = re.compile(
    r"\b(have you ever|has (this|that) (ever )?happened to you|do you ever"
    r"|are you (real|human|a person)|can you relate|do you (get|understand))\b",
    re.I,
)
#: They ask what to do.
_ADVICE = re.compile(
    r"\b(should i\b(?! have)|what (should|do|can) i (do|say)|how (do|can|should) i|where do i"
    r" (start|begin)|any (tips|advice|ideas|suggestions)|what would you do|do you think i should"
    r"|is there a way to|how to (start|begin|deal|cope|stop)|what do i do|tips for"
    r"|i (just )?(don'?t|dont) know how\W*$)",
    re.I,
)
#: They ask whether what they feel or do is normal.
_NORMAL = re.compile(
    r"\b(is (that|it|this) (normal|strange|weird|bad|wrong|silly|stupid|crazy|odd)"
    r"|am i (being )?(weird|crazy|overreacting|dramatic|silly|stupid|strange|wrong)"
    r"|i'?m (just |probably )?(being )?(dramatic|silly|oversensitive|overreacting|stupid)"
    r"|is it (ok|okay) (to|that|if))\b",
    re.I,
)
#: They ask for room: "I don't really want to say more".
_PAUSE = re.compile(
    r"\b((don'?t|dont) (really )?(want|feel like|wanna) (to )?(say|talk|go into|get into|explain)"
    r"|rather not (say|talk|go into)|not ready to (say|talk)|can we (leave|drop) it)\b",
    re.I,
)
#: "I don't know how to start" on a first message.
_START = re.compile(r"\b(how|where) to (start|begin)\b|\bnot sure (how|where) to\b", re.I)
_SOCIAL = SOCIAL_TAGS
_RULE_TAGS = RULE_TAGS
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+|\n+")


def sentence_keys(text: str) -> list[str]:
    """The sentences of a text, normalised (lower case, letters and digits only) for comparison.

    Used to keep a session free of repeated sentences: a reply's sentences are compared with
    every sentence said before in the session, whichever move or safety text produced them.
    """
    keys = []
    for sentence in _SENTENCE_SPLIT.split(text):
        key = " ".join(re.findall(r"[a-z0-9']+", sentence.lower().replace("\u2019", "'")))
        if key:
            keys.append(key)
    return keys


def said_in(replies: Sequence[str]) -> frozenset[str]:
    """Every sentence (normalised) of the session's previous replies."""
    return frozenset(key for reply in replies for key in sentence_keys(reply))


_VENT = re.compile(
    r"\b(just (need|want) to (vent|rant|talk)|need to (vent|rant)|let me vent|want to vent"
    r"|can i (just )?(talk|vent|rant)( to you)?( for a (bit|minute|while))?\b"
    r"|rant about)\b",
    re.I,
)


@dataclass
class Composition:
    """A composed reply and what it used."""

    text: str
    used: list[str] = field(default_factory=list)
    move_id: str = ""
    notes: list[str] = field(default_factory=list)
    #: the strategy the text is written in (the planner's, unless the moment or the library
    #: called for another; empty when no strategy was asked for)
    strategy: str = ""


def _fill(move: Move, slots: Mapping[str, str]) -> str:
    text = _SLOT.sub(lambda m: slots.get(m.group(1), ""), move.text)
    return _capitalise_sentences(text)


def _capitalise_sentences(text: str) -> str:
    parts = re.split(r"(?<=[.!?])\s+", text.strip())
    return " ".join(p[:1].upper() + p[1:] for p in parts if p)


def opener(text: str) -> str:
    """Return the first three words of a reply, lower-cased (to avoid repeating openers)."""
    return " ".join(re.findall(r"[a-z']+", text.lower())[:3])


def _starts_stock(text: str) -> bool:
    low = text.lower().lstrip()
    return any(low.startswith(s) for s in STOCK_OPENERS)


def _has_plan(text: str) -> bool:
    for match in _PLAN.finditer(text):
        sentence = re.split(r"[.!?]\s+", text[: match.start()])[-1]
        if not _NOT_PLAN.search(sentence):
            return True
    return False


#: Moments the last message names outright, whatever its length.
_SAID: Final = {
    "asked": _ASKED,
    "advice": _ADVICE,
    "normal": _NORMAL,
    "pause": _PAUSE,
    "close": _CLOSE,
    "thanks": _THANKS,
}


def situations(user_texts: Sequence[str], current: Details | None = None) -> frozenset[str]:
    """What the moment is: the person greets, thanks, says goodbye, names a plan, asks...

    Several can hold at once ("thanks, I think I'll text my brother. goodnight").
    """
    last = user_texts[-1] if user_texts else ""
    found = {moment for moment, pattern in _SAID.items() if pattern.search(last)}
    if _has_plan(last):
        found.add("plan")
    if _VENT.search(last) and len(last.split()) <= 14:
        found.add("vent")
    if _GREET.search(last) and len(last.split()) <= 10 and not shares_anything(last, current):
        found.add("greet")
    asking = found & {"advice", "asked", "normal", "vent"}
    if len(user_texts) <= 1 and (
        _START.search(last) or not (asking or shares_anything(last, current))
    ):
        found.add("start")
        found.discard("advice")  # "I don't know how to start" asks for room, not for advice
    return frozenset(found)


def shares_anything(text: str, details: Details | None = None) -> bool:
    """Whether a message says anything about what is going on.

    A feeling, someone, an event or a concern counts; "hi" and "I don't know how to start" not.
    """
    said = details or extract_session([text])[0]
    return bool(
        said.feeling
        or said.event
        or said.thing
        or said.person
        or said.pet
        or said.family
        or deceased([text])
        or CONCERN.search(text)
        or len(text.split()) > 8
    )


def realised_strategy(strategy: str, moment: frozenset[str], at_risk: bool) -> str:
    """The strategy the reply is written in: the planner's, unless the moment asks for another.

    A goodbye is answered with a goodbye, a plan with recognition of it, a request for ideas
    with an idea, "is that strange?" with an answer, a first "I don't know how to start" with
    an open invitation. After any risk the planner's strategy stands (no plan praise).
    """
    if at_risk:
        return strategy
    if "close" in moment or ("plan" in moment and "thanks" in moment):
        return "Others"
    if "plan" in moment:
        return "Affirmation and Reassurance"
    if "advice" in moment:
        return "Providing Suggestions"
    if "normal" in moment:
        return (
            strategy
            if strategy in ("Information", "Affirmation and Reassurance")
            else ("Information")
        )
    if "asked" in moment:
        return "Self-disclosure"
    if moment & {"greet", "thanks", "vent", "pause"}:
        return "Others"
    if "start" in moment and strategy not in ("Others", "Question"):
        return "Question"
    return strategy


def _slots_for(
    current: Details, session: Details, pointing_back: bool | None = False
) -> tuple[dict[str, str], set[str]]:
    """Slot values (this turn first) and which of them come from this turn.

    A pronoun that points back ("should I call her?") makes the session's person current; a
    pronoun that cannot be them (``pointing_back`` False: "she" after "my parents") means
    this message is about someone else, and the session's person is left out.
    """
    slots: dict[str, str] = {}
    fresh: set[str] = set()
    for name in ("person", "thing", "feeling", "event", "quote", "pet"):
        now = getattr(current, name)
        if now:
            slots[name] = now
            fresh.add(name)
        elif name in ("person", "thing", "pet") and getattr(session, name):
            if name == "thing" and (current.person or current.event or current.pet):
                continue  # they moved on to someone or something else: no old topic as cause
            if name == "person" and pointing_back is False:
                continue  # "she" is not "your parents": someone else they did not name
            slots[name] = getattr(session, name)  # still the topic: earlier mentions count
            if name == "person" and pointing_back:
                fresh.add(name)
    event = current.event or session.event
    thing = slots.get("thing", "")
    if current.linked:
        slots["linked"] = current.linked
        fresh.add("linked")
    if thing and event and thing.removeprefix("your ") in event:
        # "you lost your job": moves about keeping going with "your job" would be wrong
        del slots["thing"]
        fresh.discard("thing")
    return slots, fresh


def _rank(key: str) -> int:
    return int(hashlib.sha256(key.encode()).hexdigest()[:8], 16)


def _choose_move(
    moves: Sequence[Move],
    slots: Mapping[str, str],
    fresh: set[str],
    family: str,
    moment: frozenset[str],
    used: set[str],
    prev_opener: str,
    prev_stock: bool,
    seed: str,
    current_topics: frozenset[str] = frozenset(),
    gone: frozenset[str] = frozenset(),
    at_risk: bool = False,
    said: frozenset[str] = frozenset(),
    said_by_them: Sequence[str] = (),
) -> Move | None:
    best: tuple[float, int] | None = None
    chosen: Move | None = None
    for move in moves:
        if move.id in used or not move.needs <= set(slots):
            continue
        if "fresh" in move.tags and not move.needs <= fresh:
            continue  # "thank you for telling me about work" needs work in *this* message
        if "cause" in move.tags and "linked" not in fresh:
            continue  # a link between a topic and a feeling only when they made it
        if at_risk and "risky" in move.tags:
            continue  # no praise of a plan, no "whatever you decide" after talk of dying
        if move.id.startswith("p") and "person" in move.needs and "person" not in fresh:
            continue  # advice about someone they are not talking about now would be off-topic
        if "alive" in move.tags and slots.get("person", "").lower() in gone:
            continue  # no "how are things with your grandma lately" after she died
        if {"person", "quote"} <= move.needs and slots["person"].lower() in slots["quote"].lower():
            continue  # "this is about your mom: your mom says ..." reads like a machine
        social = move.tags & _SOCIAL
        if not social <= moment:
            continue  # a goodbye needs a goodbye, plan praise a plan
        if "asked" in move.tags and "asked" not in moment:
            continue  # "I won't pretend I've been there" answers a question nobody asked
        if not cues_hold(move, slots, said_by_them):
            continue  # it presupposes something they did not say
        topics = {t for t in move.tags if t.startswith("#")}
        cues = {t for t in move.tags if t.startswith("@")}
        feelings = move.tags - _SOCIAL - topics - cues - _RULE_TAGS
        if topics and not topics & current_topics and not (feelings and family in feelings):
            continue  # about a topic they are not talking about
        if feelings and not topics and family not in feelings:
            continue  # an emotion they did not name ("that anger makes sense" needs anger)
        text = _fill(move, slots)
        if opener(text) == prev_opener or (prev_stock and _starts_stock(text)):
            continue
        if any(key in said for key in sentence_keys(text)):
            continue  # never the same sentence twice in a session, whatever move said it
        score = 3.0 * len(move.needs & fresh) + 1.0 * len(move.needs - fresh)
        score += 1.0 if "event" in move.needs & fresh else 0.0  # what happened, said back
        score += 1.5 if family and family in move.tags else 0.0
        # "is that normal?" is best answered about their topic when a move knows it
        situational = (social | (move.tags & {"asked"})) & moment
        score += sum(2.0 if tag == "normal" else 4.0 for tag in situational)
        if topics & current_topics:
            score += 2.0 if topics & current_topics == {"#relationship"} else 3.5
        key = (score, _rank(seed + move.id))
        if best is None or key > best:
            best, chosen = key, move
    return chosen


def _person_texts(person: str, texts: Sequence[str]) -> list[str]:
    """Their messages about ``person``.

    A message with only "he"/"she" in it counts when the last person they named was this one.
    """
    if not person:
        return list(texts)
    word = person.lower().removeprefix("your ")
    out = []
    last_named = ""
    for text in texts:
        low = text.lower()
        named_now = extract(text).person.lower().removeprefix("your ")
        named = re.search(rf"\b{re.escape(word)}\b", low)
        pointed = (
            not named_now
            and last_named == word
            and re.search(r"\b(he|she|him|her|they|them)\b", low)
        )
        if named or pointed:
            out.append(text)
        last_named = named_now or last_named
    return out


def cues_hold(move: Move, slots: Mapping[str, str], texts: Sequence[str]) -> bool:
    """Whether everything the move presupposes ("@alone", "@bond"...) was said by them."""
    for tag in move.tags:
        if not tag.startswith("@"):
            continue
        cue = CUES[tag]
        if cue.scope == "turn":
            where = texts[-1:] if texts else []
        elif cue.scope == "person":
            where = _person_texts(slots.get("person", ""), texts)
        elif cue.scope == "event":
            where = [slots.get("event", "")]
        else:
            where = list(texts)
        found = any(cue.pattern.search(t.replace("\u2019", "'")) for t in where)
        if found == cue.absent:
            return False
    return True


#: Where to borrow a move when the strategy's library has nothing left that fits.
_BORROW = ("Reflection of Feelings", "Question", "Others")


def _topics(text: str) -> frozenset[str]:
    """The topics ("#work") of their sentences that carry a concern or ask something.

    "mornings are ok because work keeps me busy" is not about work as a problem.
    """
    # a decision or a wish for help is a topic wherever it is said
    found: set[str] = {
        t for t in ("#decision", "#help") if t in TOPICS and re.search(TOPICS[t], text, re.I)
    }
    for sentence in re.split(r"(?<=[.!?;])\s+|\n+", text):
        if not (CONCERN.search(sentence) or find_feeling(sentence) or "?" in sentence):
            continue
        found |= {t for t, rx in TOPICS.items() if re.search(rx, sentence, re.I)}
    return frozenset(found)


def _relevant_memory(
    recalled: Sequence[Mapping[str, Any]], last_user: str, used: set[str]
) -> Mapping[str, Any] | None:
    words = {w for w in re.findall(r"[a-z']{4,}", last_user.lower()) if w not in _STOP}
    for memory in recalled:
        if f"mem:{memory.get('id')}" in used or memory.get("kind") == "safety":
            continue
        mem_words = {
            w
            for w in re.findall(r"[a-z']{4,}", str(memory.get("text", "")).lower())
            if w not in _STOP
        }
        if len(words & mem_words) >= 1 and float(memory.get("score", 0.0)) >= 0.3:
            return memory
    return None


def _quote_memory(text: str) -> str:
    """Quote a memory as data: no newlines, no markup, at most 14 words."""
    clean = re.sub(r"[\r\n\t\"<>`{}\[\]]", " ", text)
    words = clean.split()
    snippet = " ".join(words[:14]) + ("..." if len(words) > 14 else "")
    return second_person_snippet(snippet)


def second_person_snippet(text: str) -> str:
    """Say a memory (stored in the user's words) back in the second person."""
    from confide.agents.compose.extract import second_person

    return second_person(text)


def compose(
    strategy: str,
    user_texts: Sequence[str],
    *,
    emotion_label: str = "",
    risk_level: str = "none",
    used_lines: Sequence[str] = (),
    previous_reply: str = "",
    recalled: Sequence[Mapping[str, Any]] = (),
    turn: int = 0,
    risk_categories: Sequence[str] = (),
    said: Sequence[str] = (),
) -> Composition:
    """Compose one reply (1-4 sentences) for ``strategy`` from the user's own words.

    With any ``risk_categories`` (or moderate risk) the moves tagged ``risky`` are never used.
    ``said`` holds the session's earlier replies: no sentence of theirs is said again.
    """
    said_keys = said_in(said)
    current, session = extract_session(list(user_texts))
    last_user = user_texts[-1] if user_texts else ""
    slots, fresh = _slots_for(current, session, pronoun_agrees(last_user, session.person))
    gone = deceased(user_texts)
    # only a feeling they named in this message picks emotion-specific moves: the classifier's
    # label ("frustration" for someone in shock) is not theirs to be told
    family = current.family
    moment = situations(user_texts, current)
    used = set(used_lines)
    prev_opener = opener(previous_reply) if previous_reply else ""
    prev_stock = _starts_stock(previous_reply) if previous_reply else False
    seed = f"{turn}:{last_user}"
    checking_in = level_index(risk_level) >= level_index("moderate")
    at_risk = checking_in or bool(risk_categories)
    planned = strategy
    notes: list[str] = []
    if checking_in and strategy in ("Question", "Others", "Providing Suggestions", "Information"):
        strategy = "Reflection of Feelings"  # the check-in is the question; no advice on top
        notes.append("check-in carries the question; move switched to a reflection")
    else:
        strategy = realised_strategy(strategy, moment, at_risk)
        if strategy != planned:
            notes.append(f"the moment ({', '.join(sorted(moment))}) called for {strategy}")
    topics = _topics(last_user)
    texts = list(user_texts)
    move = None
    tried = [strategy, *([planned] if planned != strategy else [])]
    for name in [*tried, *(f for f in _BORROW if f not in tried)]:
        move = _choose_move(
            LIBRARY.get(name) or LIBRARY["Others"],
            slots,
            fresh,
            family,
            moment,
            used,
            prev_opener,
            prev_stock,
            seed,
            topics,
            frozenset(gone),
            at_risk,
            said_keys,
            texts,
        )
        if move is not None:
            if name not in tried[:1]:
                notes.append(f"library for {strategy} exhausted here; used {name}")
            strategy = name
            break
    sentences: list[str] = []
    ids: list[str] = []

    def _bridge(pool: Sequence[Move], *, at_risk: bool = False) -> Move | None:
        """A bridging sentence from ``pool`` (any strategy family, any moment)."""
        return _choose_move(
            pool,
            slots,
            fresh,
            "",
            frozenset(),
            used,
            prev_opener,
            prev_stock,
            seed,
            at_risk=at_risk,
            said=said_keys,
            said_by_them=texts,
        )

    if move is not None:
        body = _fill(move, slots)
        ids.append(move.id)
        grounded = bool(move.needs & fresh)
        said_now = {k for k in ("person", "thing", "feeling") if getattr(current, k)}
        if strategy == "Question" and "feeling" in said_now and "feeling" not in move.needs:
            # reflect the feeling before asking: a question alone can feel like an interview
            grounded, said_now = False, {"feeling"}
        if (
            not grounded
            and strategy != "Others"
            and said_now
            and not moment & {"asked", "plan", "start"}
        ):
            bridge = _bridge(
                [b for b in BRIDGES if b.needs and b.needs <= said_now], at_risk=at_risk
            )
            if bridge is not None:
                sentences.append(_fill(bridge, slots))
                ids.append(bridge.id)
        sentences.append(body)
    else:
        sentences.append(_unsaid(_FALLBACKS, said_keys))
    social = bool(moment & {"greet", "thanks", "close", "vent", "pause"}) or strategy == "Others"
    distress = bool(family) or emotion_label.lower() not in _NOT_DISTRESS
    # an acknowledgment for what they shared ("I'm sorry it's been like this" only when it
    # weighs on them: that bridge carries a cue), not for a greeting or "I don't know"
    shared = shares_anything(last_user, current) or bool(current.quote or gone)
    if (
        not social
        and shared
        and not moment & {"plan", "asked", "start", "normal"}
        and distress
        and not acknowledges(" ".join(sentences), last_user)
    ):
        # what they shared is acknowledged before anything else (a question alone interrogates)
        empathic = _bridge(EMPATHIC_BRIDGES)
        if empathic is not None:
            sentences.insert(0, _fill(empathic, slots))
            ids.append(empathic.id)
    if not social and not checking_in and not stays_open(" ".join(sentences)):
        # no question and no sign of staying: say plainly that the conversation stays open
        stay = next(
            (
                k
                for k in range(len(STAY_LINES))
                if f"stay{k}" not in used and sentence_keys(STAY_LINES[k])[0] not in said_keys
            ),
            None,
        )
        if stay is not None:  # never the same line twice in a session
            sentences.append(STAY_LINES[stay])
            ids.append(f"stay{stay}")
    if checking_in:
        sentences.append(_check_in(used, ids, said_keys))
    elif strategy in ("Question", "Restatement or Paraphrasing", "Reflection of Feelings") and (
        len(sentences) < 3
    ):
        memory = _relevant_memory(recalled, last_user, used)
        if memory is not None:
            sentences.append(
                f"You mentioned before: \u201c{_quote_memory(str(memory.get('text', '')))}\u201d. "
                "Is that part of this too?"
            )
            ids.append(f"mem:{memory.get('id')}")
            notes.append("used a recalled memory")
    return Composition(
        text=" ".join(sentences),
        used=ids,
        move_id=ids[0] if ids else "",
        notes=notes,
        strategy=strategy,
    )


def safety_reply(
    user_texts: Sequence[str],
    used_lines: Sequence[str] = (),
    previous_reply: str = "",
    said: Sequence[str] = (),
) -> Composition:
    """Compose a safe reply for risky turns: a reflection plus a direct, gentle check-in."""
    base = compose(
        "Reflection of Feelings",
        user_texts,
        risk_level="moderate",
        used_lines=used_lines,
        previous_reply=previous_reply,
        said=said,
    )
    return base


def _check_in(used: set[str], ids: list[str], said: frozenset[str] = frozenset()) -> str:
    for k, line in enumerate(CHECK_INS):
        key = f"checkin{k}"
        if key not in used and not set(sentence_keys(line)) & said:
            ids.append(key)
            return line
    # every wording was used: safety first, the question is asked again in its first form
    ids.append("checkin0")
    return CHECK_INS[0]


#: Said when no move fits; the first one not yet said this session is used.
_FALLBACKS = (
    "I'm here and listening.",
    "I'm listening; take your time.",
    "Go on, I'm with you.",
    "I'm still with you.",
)


def _unsaid(lines: Sequence[str], said: frozenset[str]) -> str:
    return next((x for x in lines if sentence_keys(x)[0] not in said), lines[-1])


#: Emotion labels that are not distress: no "I'm sorry it's been like this" for good news.
#: ("neutral" is not here: "this exam is killing me" often reads neutral to the classifier.)
#: ("hope" and "surprise" are not here either: "I just want things to change" reads as hope.)
_NOT_DISTRESS = frozenset(
    {"joy", "trust", "love", "optimism", "pride", "relief", "gratitude", "excitement", "calm"}
)

_LABEL_FAMILY = {
    "sadness": "sadness",
    "depression": "sadness",
    "grief": "sadness",
    "pain": "sadness",
    "disappointment": "sadness",
    "anxiety": "anxiety",
    "nervousness": "anxiety",
    "fear": "fear",
    "anger": "anger",
    "frustration": "anger",
    "disgust": "anger",
    "jealousy": "anger",
    "loneliness": "loneliness",
    "shame": "shame",
    "guilt": "guilt",
    "exhaustion": "exhaustion",
    "stress": "anxiety",
    "overwhelm": "anxiety",
    "hopelessness": "sadness",
    "numbness": "sadness",
    "confusion": "anxiety",
    "hopeless": "sadness",
}


def _family_of_label(label: str) -> str:
    return _LABEL_FAMILY.get(label.lower().strip(), "")


#: Reviewed acknowledgments used when a safety text's own acknowledgment was already said this
#: session (English only; used on turns that carry a risk category, so distress is present).
ACK_ALTERNATIVES: tuple[str, ...] = (
    "Thank you for staying with this conversation and telling me more.",
    "What you're carrying sounds really heavy right now.",
    "I'm glad you're still talking with me about this.",
    "I'm taking what you just said seriously.",
)


_SAFETY_QUESTION = re.compile(r"suicid|harm|hurt|ending your life", re.I)


#: Reviewed short intros for a resource list whose usual intro was already said (English).
RESOURCE_INTROS: tuple[str, ...] = (
    "The same lines are still there whenever you want them:",
    "In case you need a person tonight, these are one message away:",
    "These stay here for you:",
)


def _fresh_resources(paragraph: str, before: frozenset[str], locale: str) -> str:
    lines = paragraph.split("\n")
    intro = lines[0]
    if intro.lstrip().startswith("\u2022"):
        return paragraph
    if not set(sentence_keys(intro)) & before:
        return paragraph
    alt = (
        [a for a in RESOURCE_INTROS if sentence_keys(a)[0] not in before] if locale == "en" else []
    )
    # all intros used (or none reviewed in this language): the list itself is what matters,
    # it comes without one
    return "\n".join(([alt[0]] if alt else []) + lines[1:])


def _other_wording(sentence: str, before: frozenset[str], locale: str) -> str:
    """The direct safety question already asked, in another reviewed wording not said yet.

    English has four check-in wordings; every language has the crisis texts' two forms of
    the question (``ask_self``, ``ask_general``). None left: the question is asked again.
    """
    keys = set(sentence_keys(sentence))
    if locale == "en":
        if not _SAFETY_QUESTION.search(sentence):
            return sentence
        candidates = list(CHECK_INS)
    else:
        from confide.safety.texts import text

        forms = [text("ask_self", locale), text("ask_general", locale)]
        if not any(keys & set(sentence_keys(f)) for f in forms):
            return sentence
        candidates = [q for f in forms for q in _SENTENCE_SPLIT.split(f) if q.endswith(("?", "？"))]
    other = [
        q
        for q in candidates
        if not set(sentence_keys(q)) & before
        and not set(sentence_keys(q)) & keys
        and opener(q) != opener(sentence)
    ]
    return other[0] if other else sentence


@functools.cache
def _resource_texts(locale: str) -> tuple[str, ...]:
    """Every resource of every region as it is written in ``locale``, longest first."""
    from confide.safety.resources import RESOURCES, format_resource

    found = {format_resource(r, locale) for rs in RESOURCES.regions.values() for r in rs}
    return tuple(sorted(found, key=len, reverse=True))


def names_resource(sentence: str, locale: str = "en") -> bool:
    """Whether a sentence gives a help line ("...any time: 988 Suicide & Crisis Lifeline...")."""
    return any(res in sentence for res in _resource_texts(locale))


def _acknowledgments(locale: str) -> list[str]:
    """Reviewed acknowledgments that fit any safety reply, in ``locale``."""
    from confide.safety.texts import text

    general = [text("ack_general", locale), text("ack_support", locale)]
    return [*(ACK_ALTERNATIVES if locale == "en" else ()), *general]


def _fresh_resource_line(sentence: str, before: frozenset[str], locale: str) -> str:
    """A help line said before, with another reviewed intro (English) or none: same lines."""
    first = min(sentence.find(r) for r in _resource_texts(locale) if r in sentence)
    lines = sentence[first:]
    for intro in (*(RESOURCE_INTROS if locale == "en" else ()), ""):
        candidate = f"{intro} {lines}".strip()
        if not set(sentence_keys(candidate)) & before:
            return candidate
    return sentence  # every form said: the lines matter more than the wording


def freshen(
    text: str,
    said: Sequence[str],
    locale: str = "en",
    keep: Sequence[str] = (),
    *,
    acknowledge: bool = False,
) -> str:
    """Keep a fixed safety text from repeating sentences already said this session.

    Resource lines stay, bulleted or in one sentence (help stays one line away; a sentence of
    them said before gets another reviewed intro, or none, while one is left). A direct
    question already asked is asked in another reviewed wording when one is left, else again
    (safety first). Other repeated sentences are dropped; the opening acknowledgment is
    replaced by a reviewed one not said yet, or (``acknowledge``: a crisis or boundary reply
    must acknowledge) said again when none is left. The
    sentences of ``keep`` (a boundary statement: every boundary or crisis reply states its
    boundary) stay even when said before.
    """
    before = said_in(said) - said_in(keep)
    if not before:
        return text
    out: list[str] = []
    for index, paragraph in enumerate(text.split("\n\n")):
        if any(line.lstrip().startswith(("\u2022", "- ", "* ")) for line in paragraph.splitlines()):
            out.append(_fresh_resources(paragraph, before, locale))
            continue
        kept: list[str] = []
        for k, sentence in enumerate(_SENTENCE_SPLIT.split(paragraph.strip())):
            keys = set(sentence_keys(sentence))
            if not keys & before:
                kept.append(sentence)
            elif sentence.rstrip().endswith(("?", "？")):
                kept.append(_other_wording(sentence, before, locale))
            elif names_resource(sentence, locale):
                kept.append(_fresh_resource_line(sentence, before, locale))  # never dropped
            elif index == 0 and k == 0:
                # the acknowledgment opens the reply: another reviewed one while one is left
                alt = [a for a in _acknowledgments(locale) if not set(sentence_keys(a)) & before]
                if alt or acknowledge:
                    kept.append(alt[0] if alt else sentence)
        if kept:
            out.append(" ".join(kept))
    return "\n\n".join(out) if out else text


# the crisis and boundary replies (safety layer) keep the same no-repeat rule
register_freshener(freshen)
register_reviewed_texts(lambda: [*ACK_ALTERNATIVES, *RESOURCE_INTROS])
