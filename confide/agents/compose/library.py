"""The curated library of counselor moves, per ESConv strategy.

The moves are data: ``confide/agents/compose/moves.yaml`` (format, slots and tags:
``docs/content.md``), read and validated once, at import; a malformed file raises
:class:`~confide.errors.ContentError` naming the file and the move (unknown or missing keys,
a key given twice, a duplicate id, a strategy that is not an ESConv strategy, an unknown slot
or tag, a ``{slot}`` in the text that ``needs`` does not list, a topic that does not compile).

Each move is one or two sentences with slots filled from the user's own words: ``{person}``
(someone they mentioned), ``{thing}`` (what they named), ``{feeling}`` (the feeling they
expressed), ``{event}`` (what happened, in the second person) and ``{quote}`` (a short clause
of theirs said back). ``needs`` lists the slots a move requires; ``tags`` restricts a move to
some emotion families (empty = any) or, for "Others", to a social situation. Moves tagged
``risky`` (praise of a plan or decision, "whatever you decide", goodbyes, "that makes sense")
are dangerous after talk of suicide, self-harm or harming someone: the composer never picks
them when the turn carries any risk category.

House rules for every line: no diagnosis, no lecturing, no "you should", suggestions are
offered as options the person is free to decline, and no stock opener is leaned on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Final

from confide.datafiles import (
    ID_FORMAT,
    Keys,
    entry_id,
    placeholders,
    read_package_file,
    text_list,
    text_value,
)
from confide.errors import ContentError
from confide.records import STRATEGIES
from confide.safety.reply_checks import register_reviewed_texts


@dataclass(frozen=True)
class Move:
    """One counselor move: an id, the slots it needs, where it fits, and its text."""

    id: str
    text: str
    needs: frozenset[str] = frozenset()
    #: emotion families, situations, "#topic"s, "@cue"s (what the move presupposes, which the
    #: person must have said), "risky", and two grounding rules: "fresh" (every slot must come
    #: from this message, never from earlier turns) and "cause" (the thing and the feeling must
    #: have been said in one sentence: no "work has left you hopeless" unless they linked the
    #: two themselves)
    tags: frozenset[str] = frozenset()


#: The slots a move may fill from the person's words.
SLOTS: Final = frozenset({"person", "thing", "feeling", "event", "quote"})

#: Situation tags: a move tagged with some is used only when every one of them is the moment's
#: (a greeting is never answered with a goodbye, plan praise needs a plan). ``start``: a first
#: message that shares nothing yet; ``advice``: they ask what to do; ``normal``: they ask
#: whether what they feel or do is normal or strange; ``plan``: they name a plan or a step;
#: ``pause``: they would rather not say more.
SOCIAL_TAGS = frozenset(
    {"greet", "close", "thanks", "vent", "start", "advice", "normal", "plan", "pause"}
)

#: Tags that are rules, not emotion families (the composer reads each by name).
RULE_TAGS: Final = frozenset({"plan", "asked", "alive", "risky", "fresh", "cause"})

#: Where a cue's pattern is looked for: this message, the whole session, the session's
#: sentences about the move's {person} (the whole session when it names nobody), or the
#: {event} slot's text.
CUE_SCOPES: Final = frozenset({"turn", "session", "person", "event"})


@dataclass(frozen=True)
class Cue:
    """What a move presupposes, and where the person must have said it ("@alone")."""

    name: str
    scope: str
    pattern: re.Pattern[str]
    #: the move is used only when the pattern is *not* found ("how long?" after "for a year")
    absent: bool = False


#: The emotion families a move may be restricted to (the extractor's and the emotion agent's).
EMOTION_FAMILIES: Final = frozenset(
    {"sadness", "anxiety", "fear", "anger", "loneliness", "shame", "guilt", "exhaustion"}
)

_FILE_KEYS: Keys = (
    frozenset(
        {"strategies", "bridges", "empathic_bridges", "stay_lines", "check_ins", "topics"}
        | {"stock_openers", "cues"}
    ),
    frozenset(),
)
_CUE_KEYS = frozenset({"scope", "pattern", "absent"})
_CUE_NAME = re.compile(r"@[a-z][a-z0-9_]*\Z")
_MOVE_KEYS: Keys = (frozenset({"id", "text"}), frozenset({"needs", "tags"}))
_TOPIC = re.compile(r"#[a-z][a-z0-9_]*\Z")


@dataclass(frozen=True)
class MoveLibrary:
    """What ``moves.yaml`` holds, validated."""

    library: dict[str, list[Move]]
    bridges: list[Move]
    empathic_bridges: list[Move]
    stay_lines: list[str]
    check_ins: list[str]
    topics: dict[str, str]
    stock_openers: tuple[str, ...]
    cues: dict[str, Cue]


def _words(item: dict[str, Any], key: str, label: str, what: str) -> frozenset[str]:
    value = item.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ContentError(f"{label}: {what}: {key!r} must be a list of names")
    if len(set(value)) != len(value):
        raise ContentError(f"{label}: {what}: {key!r} repeats a name")
    return frozenset(value)


def _moves(
    items: object, section: str, tags_known: frozenset[str], seen: set[str], label: str
) -> list[Move]:
    if not isinstance(items, list) or not items:
        raise ContentError(f"{label}: {section}: expected a non-empty list of moves")
    out = []
    where = (label, f"{section} move")
    for item in items:
        mid, what = entry_id(item, _MOVE_KEYS, seen, where, "id", ID_FORMAT, ContentError)
        text = text_value(item["text"], label, what, ContentError)
        needs = _words(item, "needs", label, what)
        tags = _words(item, "tags", label, what)
        if needs - SLOTS:
            raise ContentError(
                f"{label}: {what}: unknown slot(s) {', '.join(sorted(needs - SLOTS))} "
                f"(slots: {', '.join(sorted(SLOTS))})"
            )
        if tags - tags_known:
            raise ContentError(
                f"{label}: {what}: unknown tag(s) {', '.join(sorted(tags - tags_known))}"
            )
        used = placeholders(text, label, what, ContentError)
        if used - needs:
            raise ContentError(
                f"{label}: {what}: the text fills {{{', '.join(sorted(used - needs))}}}, which "
                "'needs' does not list"
            )
        out.append(Move(mid, text, needs, tags))
    return out


def load_moves(path: Traversable | Path | None = None) -> MoveLibrary:
    """Read and validate a moves file (the packaged one by default)."""
    data, label = read_package_file(
        "confide.agents.compose", "moves.yaml", path, _FILE_KEYS, ContentError
    )
    topics = data["topics"]
    if not isinstance(topics, dict) or not topics:
        raise ContentError(f"{label}: 'topics' must be a mapping of '#topic': pattern")
    for name, pattern in topics.items():
        if not isinstance(name, str) or not _TOPIC.match(name):
            raise ContentError(f"{label}: topic {name!r}: a topic is '#name' (quoted)")
        try:
            re.compile(text_value(pattern, label, f"topic {name}", ContentError))
        except re.error as exc:
            raise ContentError(
                f"{label}: topic {name}: the pattern does not compile: {exc}"
            ) from exc
    cues = _cues(data["cues"], label)
    tags_known = SOCIAL_TAGS | RULE_TAGS | EMOTION_FAMILIES | frozenset(topics) | frozenset(cues)

    strategies = data["strategies"]
    if not isinstance(strategies, dict) or set(strategies) != set(STRATEGIES):
        given = sorted(map(str, strategies)) if isinstance(strategies, dict) else strategies
        raise ContentError(
            f"{label}: 'strategies' must hold exactly the ESConv strategies "
            f"{', '.join(STRATEGIES)} (got {given})"
        )
    seen: set[str] = set()
    library = {
        name: _moves(items, name, tags_known, seen, label) for name, items in strategies.items()
    }
    openers = text_list(data["stock_openers"], label, "stock_openers", ContentError)
    if any(o != o.lower() for o in openers):
        raise ContentError(f"{label}: stock_openers are written in lower case")
    return MoveLibrary(
        library=library,
        bridges=_moves(data["bridges"], "bridges", tags_known, seen, label),
        empathic_bridges=_moves(
            data["empathic_bridges"], "empathic_bridges", tags_known, seen, label
        ),
        stay_lines=list(text_list(data["stay_lines"], label, "stay_lines", ContentError)),
        check_ins=list(text_list(data["check_ins"], label, "check_ins", ContentError)),
        topics=dict(topics),
        stock_openers=openers,
        cues=cues,
    )


def _cues(items: object, label: str) -> dict[str, Cue]:
    if not isinstance(items, dict) or not items:
        raise ContentError(f"{label}: 'cues' must be a mapping of '@cue': {{scope, pattern}}")
    out: dict[str, Cue] = {}
    for name, spec in items.items():
        if not isinstance(name, str) or not _CUE_NAME.match(name):
            raise ContentError(f"{label}: cue {name!r}: a cue is '@name' (quoted)")
        if not isinstance(spec, dict) or not {"scope", "pattern"} <= set(spec):
            raise ContentError(f"{label}: cue {name}: needs 'scope' and 'pattern'")
        if set(spec) - _CUE_KEYS:
            raise ContentError(
                f"{label}: cue {name}: unknown key(s) {', '.join(sorted(set(spec) - _CUE_KEYS))}"
            )
        scope = spec["scope"]
        if scope not in CUE_SCOPES:
            scopes = ", ".join(sorted(CUE_SCOPES))
            raise ContentError(f"{label}: cue {name}: scope {scope!r} is not one of {scopes}")
        absent = spec.get("absent", False)
        if not isinstance(absent, bool):
            raise ContentError(f"{label}: cue {name}: 'absent' is true or false")
        try:
            pattern = re.compile(text_value(spec["pattern"], label, f"cue {name}", ContentError))
        except re.error as exc:
            raise ContentError(f"{label}: cue {name}: the pattern does not compile: {exc}") from exc
        out[name] = Cue(name, str(scope), pattern, absent)
    return out


MOVES: Final = load_moves()

#: The library, keyed by the exact ESConv strategy names.
LIBRARY: dict[str, list[Move]] = MOVES.library

#: Short bridges that can open a reply when a move alone would feel abrupt (never stock openers).
BRIDGES: list[Move] = MOVES.bridges

#: Empathic openers added when a reply would otherwise not acknowledge what was shared.
EMPATHIC_BRIDGES: list[Move] = MOVES.empathic_bridges

#: Said when a reply would otherwise neither ask anything nor show it stays in the conversation.
STAY_LINES: list[str] = MOVES.stay_lines

#: A direct, gentle safety check-in for moderate risk (fixed, reviewed wording).
CHECK_INS: list[str] = MOVES.check_ins

#: Topics a move can be about ("#grief"); a move with a matching topic ranks first.
TOPICS: dict[str, str] = MOVES.topics

#: Openers that become stock phrases when repeated turn after turn.
STOCK_OPENERS = MOVES.stock_openers

#: What moves presuppose ("@alone": they said they have been holding it alone), by name.
CUES: dict[str, Cue] = MOVES.cues


def _reviewed_texts() -> list[str]:
    """Every move, bridge, stay line and check-in: reviewed wording for the guard.

    Slots hold the person's words, which stay in the part the learned check reads.
    """
    moves = (*LIBRARY.values(), BRIDGES, EMPATHIC_BRIDGES)
    return [m.text for group in moves for m in group] + [*STAY_LINES, *CHECK_INS]


register_reviewed_texts(_reviewed_texts)
