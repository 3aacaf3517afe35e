"""The Layer-1 screen's risk and boundary patterns, loaded from reviewed data files.

The patterns live in YAML under ``confide/safety/rules/`` (format, modifiers and how to add a
rule: ``docs/safety-risk.md``, "The lexicon"). This module reads them once, on first use,
validates them (unknown keys, duplicate ids, unknown fragments, categories, levels, languages or
modifiers fail loudly with the file and the id) and compiles them for ``screen.py``.

Patterns match lower-case text whose Latin accents were removed (``"está"`` -> ``"esta"``;
Devanagari and Chinese are kept as they are). Levels follow the C-SSRS screener triage:
wish to be dead -> low; active thoughts -> moderate; thoughts of a method -> moderate;
intent or a plan -> high; a plan with means and a time frame, or an act under way -> imminent.

``Rule.flags`` keeps the screen's one-letter spelling of the modifiers (``n``: not negatable,
``h``: hyperbole lowers, ``x``: figurative exempt, ``m``: method seeking, ``p``: means at
hand, ``b``: harmful-instructions boundary); the data files spell them out (:data:`MODIFIERS`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from re import _constants as _sre  # type: ignore[attr-defined]
from re import _parser as _sre_parse  # type: ignore[attr-defined]
from typing import Any, get_args

from confide.datafiles import check_keys, fragment_table, pattern_text, read_yaml
from confide.errors import RulesError
from confide.records import RISK_LEVELS, BoundaryKind, RiskCategory, RiskLevel

#: Languages the lexicon covers (ISO 639-1); a rule's ``lang`` must be one of them.
LANGUAGES: tuple[str, ...] = (
    *("en", "es", "fr", "de", "pt", "zh", "hi"),
    *("ja", "ko", "nl", "tr", "it", "ar", "pl", "ru"),
)

#: The modifiers a risk rule may carry, and what each one does in the screen.
MODIFIERS: dict[str, str] = {
    "negatable": "a negation cue in the three words before the match (or in it) cancels it "
    '("I don\'t want to die"); leave it out when the pattern holds its own negation',
    "hyperbole_lowers": "a hyperbole marker (lol, jk, a laughing emoji) lowers the match to low",
    "figurative_exempt": "a game, fiction, sport, technology or cooking word in the same clause "
    "makes the match figurative (no risk)",
    "method_seeking": "the rule describes seeking method, dose, height or lethality "
    "information (recorded for review; the method questions in boundaries.yaml set the boundary)",
    "means_at_hand": "the rule describes preparation or means at hand (recorded for review; the "
    "means_at_hand and timeframe cues in modifiers.yaml lift the level)",
    "harmful_instructions_boundary": "a match also raises the harmful_instructions boundary",
}
#: The screen's one-letter spelling of each modifier (``n`` is the absence of ``negatable``).
_LETTER: dict[str, str] = {
    "hyperbole_lowers": "h",
    "figurative_exempt": "x",
    "method_seeking": "m",
    "means_at_hand": "p",
    "harmful_instructions_boundary": "b",
}
#: Cues the screen reads by name (modifiers.yaml) and conversation flags the risk agent reads.
CUE_IDS: tuple[str, ...] = (
    "negation",
    "negation_exceptions",
    "hyperbole",
    "context_exempt",
    "timeframe",
    "means_at_hand",
)
FLAG_IDS: frozenset[str] = frozenset(
    {
        "goodbye",
        "giving_away",
        "resolve",
        "means_access",
        "rumination",
        "stockpiling",
        "hopelessness",
        "distress",
    }
)
_CATEGORIES = frozenset(get_args(RiskCategory))
_LEVELS = frozenset(RISK_LEVELS) - {"none"}
_BOUNDARY_KINDS = frozenset(get_args(BoundaryKind)) - {"method_info"}
_ID = re.compile(r"[a-z][a-z0-9_]*\Z")

#: Keys of each kind of entry: (required, optional).
_RISK_KEYS: tuple[frozenset[str], frozenset[str]] = (
    frozenset(
        {"id", "category", "level", "lang", "modifiers", "pattern", "examples", "non_examples"}
        | {"rationale"}
    ),
    frozenset(),
)
_ENTRY_KEYS = (frozenset({"id", "pattern", "rationale"}), frozenset({"examples", "non_examples"}))
_BOUNDARY_KEYS = (_ENTRY_KEYS[0] | {"kind"}, _ENTRY_KEYS[1])
#: Top-level keys of each file (risk files are every ``risk/*.yaml``).
_FILE_KEYS: dict[str, frozenset[str]] = {
    "fragments.yaml": frozenset({"fragments"}),
    "modifiers.yaml": frozenset({"cues", "figurative"}),
    "conversation.yaml": frozenset({"flags", "method_flavour", "question"}),
    "boundaries.yaml": frozenset({"method_questions", "boundaries", "wrappers"}),
    "risk": frozenset({"description", "rules"}),
}


@dataclass(frozen=True)
class Rule:
    """One risk pattern: what it means (category, level) and how it may be discounted."""

    name: str
    category: str
    level: RiskLevel
    pattern: str
    lang: str
    flags: str = ""
    modifiers: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    non_examples: tuple[str, ...] = ()
    rationale: str = ""
    source: str = field(default="", compare=False)  # the file it came from

    @property
    def id(self) -> str:
        """The rule's unique id (the same as ``name``, which the screen's evidence shows)."""
        return self.name


@dataclass(frozen=True)
class BoundaryRule:
    """One boundary-request pattern (a BoundaryKind value)."""

    name: str
    kind: str
    pattern: str
    lang: str
    method: bool = False


@dataclass(frozen=True)
class Entry:
    """Any other reviewed pattern: a cue, a figurative look-alike, a flag or a boundary."""

    id: str
    pattern: str
    examples: tuple[str, ...] = ()
    non_examples: tuple[str, ...] = ()
    rationale: str = ""
    source: str = field(default="", compare=False)  # the file it came from
    kind: str = ""


@dataclass(frozen=True)
class RuleSet:
    """Everything in the rules directory, validated and with fragments expanded."""

    fragments: Mapping[str, str]
    risk: tuple[Rule, ...]
    cues: Mapping[str, Entry]
    figurative: tuple[Entry, ...]
    flags: tuple[Entry, ...]
    method: tuple[Entry, ...]
    boundary: tuple[Entry, ...]
    wrappers: Entry
    method_flavour: tuple[Entry, ...]
    question: tuple[Entry, ...]

    @property
    def method_questions(self) -> tuple[str, ...]:
        """The method-question patterns, in order."""
        return tuple(e.pattern for e in self.method)

    @property
    def boundaries(self) -> tuple[tuple[str, str], ...]:
        """(kind, pattern) of each boundary request, in order."""
        return tuple((e.kind, e.pattern) for e in self.boundary)

    def entries(self) -> Iterator[tuple[str, Rule | Entry]]:
        """Every pattern with its section name (for tests and review tools)."""
        yield from (("risk", r) for r in self.risk)
        yield from (("cue", e) for e in self.cues.values())
        yield from (("figurative", e) for e in self.figurative)
        yield from (("flag", e) for e in self.flags)
        yield from (("method_flavour", e) for e in self.method_flavour)
        yield from (("question", e) for e in self.question)
        yield from (("method", e) for e in self.method)
        yield from (("boundary", e) for e in self.boundary)
        yield "wrappers", self.wrappers


# --- reading and validating ---------------------------------------------------------------


def _read(path: Traversable, label: str) -> dict[str, Any]:
    return read_yaml(path, label, RulesError)


def _check_keys(
    item: object, keys: tuple[frozenset[str], frozenset[str]], label: str, what: str
) -> dict[str, Any]:
    return check_keys(item, keys, label, what, RulesError)


def _texts(item: dict[str, Any], key: str, label: str, what: str) -> tuple[str, ...]:
    value = item.get(key, [])
    if not isinstance(value, list) or not all(isinstance(t, str) and t.strip() for t in value):
        raise RulesError(f"{label}: {what}: {key!r} must be a list of non-empty texts")
    return tuple(value)


def _one_line(item: dict[str, Any], key: str, label: str, what: str) -> str:
    value = item[key]
    if not isinstance(value, str) or not value.strip() or "\n" in value.strip():
        raise RulesError(f"{label}: {what}: {key!r} must be one non-empty line")
    return value.strip()


def _pattern(item: dict[str, Any], fragments: Mapping[str, str], label: str, what: str) -> str:
    """The entry's pattern (a string, or a list of alternatives), expanded and compiled once."""
    return pattern_text(item["pattern"], fragments, label, what, RulesError)


def _entry_id(item: dict[str, Any], seen: set[str], label: str, section: str) -> str:
    entry_id = item.get("id")
    if not isinstance(entry_id, str) or not _ID.match(entry_id):
        raise RulesError(f"{label}: {section}: bad id {entry_id!r} (lower case, digits, _)")
    if entry_id in seen:
        raise RulesError(f"{label}: {section} {entry_id!r}: duplicate id")
    seen.add(entry_id)
    return entry_id


def _entries(
    items: object,
    fragments: Mapping[str, str],
    label: str,
    section: str,
    keys: tuple[frozenset[str], frozenset[str]] = _ENTRY_KEYS,
) -> tuple[Entry, ...]:
    if not isinstance(items, list):
        raise RulesError(f"{label}: {section!r} must be a list")
    seen: set[str] = set()
    out = []
    for item in items:
        entry_id = _entry_id(item if isinstance(item, dict) else {}, seen, label, section)
        what = f"{section} {entry_id!r}"
        _check_keys(item, keys, label, what)
        kind = item.get("kind", "")
        if "kind" in keys[0] and kind not in _BOUNDARY_KINDS:
            raise RulesError(f"{label}: {what}: unknown boundary kind {kind!r}")
        out.append(
            Entry(
                id=entry_id,
                pattern=_pattern(item, fragments, label, what),
                examples=_texts(item, "examples", label, what),
                non_examples=_texts(item, "non_examples", label, what),
                rationale=_one_line(item, "rationale", label, what),
                source=label,
                kind=kind,
            )
        )
    return tuple(out)


def _risk_rules(
    data: dict[str, Any], fragments: Mapping[str, str], label: str, seen: set[str]
) -> list[Rule]:
    items = data.get("rules")
    if not isinstance(items, list):
        raise RulesError(f"{label}: 'rules' must be a list")
    out = []
    for item in items:
        rule_id = _entry_id(item if isinstance(item, dict) else {}, seen, label, "rule")
        what = f"rule {rule_id!r}"
        _check_keys(item, _RISK_KEYS, label, what)
        if item["category"] not in _CATEGORIES:
            raise RulesError(f"{label}: {what}: unknown category {item['category']!r}")
        if item["level"] not in _LEVELS:
            raise RulesError(f"{label}: {what}: unknown level {item['level']!r}")
        if item["lang"] not in LANGUAGES:
            raise RulesError(f"{label}: {what}: unknown language {item['lang']!r}")
        modifiers = item["modifiers"]
        if not isinstance(modifiers, list) or len(set(modifiers)) != len(modifiers):
            raise RulesError(f"{label}: {what}: 'modifiers' must be a list without repeats")
        for modifier in modifiers:
            if modifier not in MODIFIERS:
                raise RulesError(f"{label}: {what}: unknown modifier {modifier!r}")
        flags = ("" if "negatable" in modifiers else "n") + "".join(
            letter for name, letter in _LETTER.items() if name in modifiers
        )
        out.append(
            Rule(
                name=rule_id,
                category=item["category"],
                level=item["level"],
                pattern=_pattern(item, fragments, label, what),
                lang=item["lang"],
                flags=flags,
                modifiers=tuple(modifiers),
                examples=_texts(item, "examples", label, what),
                non_examples=_texts(item, "non_examples", label, what),
                rationale=_one_line(item, "rationale", label, what),
                source=label,
            )
        )
    return out


def _top(data: dict[str, Any], name: str, label: str) -> dict[str, Any]:
    unknown = sorted(set(data) - _FILE_KEYS[name])
    if unknown:
        raise RulesError(f"{label}: unknown top-level key(s) {', '.join(map(repr, unknown))}")
    return data


def load_rules(root: Traversable | Path | None = None) -> RuleSet:
    """Read and validate a rules directory (the packaged one by default)."""
    base: Traversable = (
        root if root is not None else resources.files("confide.safety").joinpath("rules")
    )
    label_root = "confide/safety/rules" if root is None else str(root)
    names = {p.name for p in base.iterdir() if p.name.endswith((".yaml", ".yml"))}
    stray = sorted(names - set(_FILE_KEYS))
    if stray:
        raise RulesError(f"{label_root}: unknown rules file(s) {', '.join(stray)}")

    def load(name: str) -> tuple[dict[str, Any], str]:
        label = f"{label_root}/{name}"
        return _top(_read(base.joinpath(name), label), name, label), label

    data, label = load("fragments.yaml")
    fragments = fragment_table(data.get("fragments"), label, RulesError)

    risk: list[Rule] = []
    seen: set[str] = set()
    risk_dir = base.joinpath("risk")
    for path in sorted(risk_dir.iterdir(), key=lambda p: p.name):
        if not path.name.endswith((".yaml", ".yml")):
            continue
        label = f"{label_root}/risk/{path.name}"
        data = _top(_read(path, label), "risk", label)
        risk.extend(_risk_rules(data, fragments, label, seen))
    if not risk:
        raise RulesError(f"{label_root}/risk: no risk rules")

    data, label = load("modifiers.yaml")
    cues = _entries(data.get("cues"), fragments, label, "cue")
    if [c.id for c in cues] != list(CUE_IDS):
        raise RulesError(f"{label}: 'cues' must be exactly {', '.join(CUE_IDS)}, in this order")
    figurative = _entries(data.get("figurative"), fragments, label, "figurative")

    data, label = load("conversation.yaml")
    flags = _entries(data.get("flags"), fragments, label, "flag")
    if {f.id for f in flags} != FLAG_IDS:
        raise RulesError(f"{label}: 'flags' must be exactly {', '.join(sorted(FLAG_IDS))}")
    method_flavour = _entries(data.get("method_flavour"), fragments, label, "method flavour")
    question = _entries(data.get("question"), fragments, label, "question")
    for section, found in (("method_flavour", method_flavour), ("question", question)):
        if not found:
            raise RulesError(f"{label}: {section!r} must hold at least one entry")
        try:
            re.compile(any_of(e.pattern for e in found))
        except re.error as exc:
            raise RulesError(
                f"{label}: {section!r}: the entries do not compile together: {exc}"
            ) from exc

    data, label = load("boundaries.yaml")
    method = _entries(data.get("method_questions"), fragments, label, "method question")
    boundary = _entries(data.get("boundaries"), fragments, label, "boundary", _BOUNDARY_KEYS)
    wrappers = _entries(data.get("wrappers"), fragments, label, "wrappers")
    if len(wrappers) != 1:
        raise RulesError(f"{label}: 'wrappers' must hold exactly one entry")

    return RuleSet(
        fragments=fragments,
        risk=tuple(risk),
        cues={c.id: c for c in cues},
        figurative=figurative,
        flags=flags,
        method=method,
        boundary=boundary,
        wrappers=wrappers[0],
        method_flavour=method_flavour,
        question=question,
    )


def any_of(patterns: Iterable[str]) -> str:
    """One pattern that matches where any of ``patterns`` does."""
    return "|".join(f"(?:{p})" for p in patterns)


@lru_cache(maxsize=1)
def _ruleset() -> RuleSet:
    return load_rules()


def _fragments() -> Mapping[str, str]:
    return _ruleset().fragments


# The module's data attributes, resolved on first access (``__getattr__`` below) so that
# importing this module reads no file.
RISK_RULES: tuple[Rule, ...]
FIGURATIVE: tuple[str, ...]
CONTEXT_EXEMPT: str
HYPERBOLE: str
NEGATION: str
NEGATION_EXCEPTIONS: str
TIMEFRAME: str
MEANS_AT_HAND: str
FLAGS: tuple[tuple[str, str], ...]
WRAPPERS: str

_CUE_ATTRS = {
    "CONTEXT_EXEMPT": "context_exempt",
    "HYPERBOLE": "hyperbole",
    "NEGATION": "negation",
    "NEGATION_EXCEPTIONS": "negation_exceptions",
    "TIMEFRAME": "timeframe",
    "MEANS_AT_HAND": "means_at_hand",
}


def __getattr__(name: str) -> Any:
    if name == "RISK_RULES":
        return _ruleset().risk
    if name == "FIGURATIVE":
        return tuple(e.pattern for e in _ruleset().figurative)
    if name in _CUE_ATTRS:
        return _ruleset().cues[_CUE_ATTRS[name]].pattern
    if name == "FLAGS":
        return tuple((e.id, e.pattern) for e in _ruleset().flags)
    if name == "WRAPPERS":
        return _ruleset().wrappers.pattern
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# --- substring gates -----------------------------------------------------------------------

Gate = tuple[str, ...] | None


def _required(items: Any) -> set[str] | None:
    """Literal strings of which every match must contain at least one (None: no guarantee)."""
    candidates: list[set[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            candidates.append({"".join(run)})
            run.clear()

    for op, arg in items:
        if op is _sre.LITERAL:
            run.append(chr(arg))
            continue
        flush()
        found: set[str] | None = None
        if op is _sre.SUBPATTERN:
            found = _required(arg[-1])
        elif op is _sre.BRANCH:
            union: set[str] = set()
            for alternative in arg[1]:
                sub = _required(alternative)
                if sub is None:
                    union = set()
                    break
                union |= sub
            found = union or None
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and arg[0] >= 1:
            found = _required(arg[2])
        if found:
            candidates.append(found)
    flush()
    good = [c for c in candidates if min(len(x) for x in c) >= 2]
    if not good:
        return None
    return max(good, key=lambda c: (min(len(x) for x in c), -len(c)))


def gate_of(pattern: str) -> Gate:
    """Return a cheap substring gate for ``pattern``: skip the regex when no literal occurs."""
    try:
        required = _required(_sre_parse.parse(pattern, re.MULTILINE))
    except (re.error, TypeError, ValueError, IndexError):  # no gate is always safe
        return None
    return tuple(sorted(required)) if required else None


def gate_open(gate: Gate, text: str) -> bool:
    """Whether the text may match (True when there is no gate)."""
    return gate is None or any(lit in text for lit in gate)


@dataclass(frozen=True)
class Compiled:
    """The lexicon compiled once: risk rules, look-alikes, boundaries and modifiers."""

    risk: tuple[tuple[Rule, re.Pattern[str], Gate], ...]
    figurative: re.Pattern[str]
    context_exempt: re.Pattern[str]
    hyperbole: re.Pattern[str]
    negation: re.Pattern[str]
    negation_exceptions: re.Pattern[str]
    timeframe: re.Pattern[str]
    means: re.Pattern[str]
    method: tuple[tuple[re.Pattern[str], Gate], ...]
    boundary: tuple[tuple[str, re.Pattern[str], Gate], ...]
    wrappers: re.Pattern[str]
    flags: tuple[tuple[str, re.Pattern[str], Gate], ...]
    #: Layer 3: a question touching a method (read on the normalised text) ...
    method_flavour: re.Pattern[str]
    #: ... and what makes a message a question (read case folded, accents kept).
    question: re.Pattern[str]

    def flag(self, name: str) -> tuple[re.Pattern[str], Gate]:
        """Return one Layer-3 flag's pattern and gate by name."""
        for flag_name, pattern, gate in self.flags:
            if flag_name == name:
                return pattern, gate
        raise KeyError(name)


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.MULTILINE)


@lru_cache(maxsize=1)
def compiled() -> Compiled:
    """Load the rules and compile every pattern once (first screen call), then reuse."""
    rules = _ruleset()
    cues = rules.cues
    return Compiled(
        risk=tuple((rule, _c(rule.pattern), gate_of(rule.pattern)) for rule in rules.risk),
        figurative=_c("|".join(f"(?:{e.pattern})" for e in rules.figurative)),
        context_exempt=_c(cues["context_exempt"].pattern),
        hyperbole=_c(cues["hyperbole"].pattern),
        negation=_c(cues["negation"].pattern),
        negation_exceptions=_c(cues["negation_exceptions"].pattern),
        timeframe=_c(cues["timeframe"].pattern),
        means=_c(cues["means_at_hand"].pattern),
        method=tuple((_c(p), gate_of(p)) for p in rules.method_questions),
        boundary=tuple((kind, _c(p), gate_of(p)) for kind, p in rules.boundaries),
        wrappers=_c(rules.wrappers.pattern),
        flags=tuple((e.id, _c(e.pattern), gate_of(e.pattern)) for e in rules.flags),
        # one line's start is the message's start here (no MULTILINE)
        method_flavour=re.compile(any_of(e.pattern for e in rules.method_flavour)),
        question=re.compile(any_of(e.pattern for e in rules.question)),
    )
