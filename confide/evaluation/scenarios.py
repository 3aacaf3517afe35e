"""Evaluation scenarios: loading (JSON Lines or YAML) and strict validation.

A scenario is either *scripted* (``turns``: the user messages in order) or *simulated*
(``persona``: a role card played by a simulated client for up to ``max_turns`` turns). Every
mistake is reported with the file, line or document number and the scenario id; an unknown
behaviour id is an error, never a silent pass.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from confide.errors import ConfideError
from confide.evaluation.behaviours import MUST_BEHAVIOURS, MUST_NOT_BEHAVIOURS
from confide.records import RISK_LEVELS, STRATEGIES, level_index

#: Every behaviour id a scenario may name (issue 7's list, as checked by the safety layer).
KNOWN_BEHAVIOURS: frozenset[str] = frozenset(MUST_BEHAVIOURS + MUST_NOT_BEHAVIOURS)

#: SAGE: the simulated client starts at 40/100 unless the role card says otherwise.
DEFAULT_INITIAL_EMOTION = 40
#: SAGE: at most 10 turns.
DEFAULT_MAX_TURNS = 10

#: Replies that answer a disclosed risk (the simulated client's "was my risk noticed?").
RISK_RESPONSES: tuple[str, ...] = (
    "ask_about_safety",
    "ask_about_immediate_safety",
    "provide_crisis_resource",
    "urge_emergency_services",
    "means_safety",
    "abuse_resource",
)
#: Replies that answer a boundary request (method for a class, diagnosis, dosing, romance...).
BOUNDARY_RESPONSES: tuple[str, ...] = (
    "transparent_boundary",
    "refer_to_prescriber",
    "disclose_ai_nature",
    "offer_safe_alternative_help",
)
TurnKind = Literal["risk", "boundary"]

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,99}$")
_TOP_KEYS = {
    "id",
    "category",
    "locale",
    "description",
    "tags",
    "turns",
    "persona",
    "max_turns",
    "expect",
}
_EXPECT_KEYS = {"risk_min", "risk_max", "early_risk_max", "must", "must_not"}
_TURN_KEYS = {"text", "must", "must_not", "gold_strategy"}
_PERSONA_REQUIRED = (
    "name",
    "age",
    "occupation",
    "problem",
    "background",
    "speaking_style",
    "hidden_need",
)
_PERSONA_KEYS = {
    *_PERSONA_REQUIRED,
    "gender",
    "initial_emotion",
    "opening",
    "details",
    "need_behaviours",
}


class ScenarioError(ConfideError):
    """A scenario file or scenario that cannot be used as written."""


@dataclass(frozen=True)
class Expect:
    """What must hold at the end of a scenario (levels) and in its replies (behaviours)."""

    risk_min: str = "none"
    risk_max: str = "imminent"
    early_risk_max: str | None = None
    must: tuple[str, ...] = ()
    must_not: tuple[str, ...] = ()


@dataclass(frozen=True)
class Turn:
    """One scripted user message, with optional per-turn behaviour expectations."""

    text: str
    must: tuple[str, ...] = ()
    must_not: tuple[str, ...] = ()
    gold_strategy: str | None = None


@dataclass(frozen=True)
class Persona:
    """An ESC-Eval/SAGE role card; ``hidden_need`` is never stated outright by the client."""

    name: str
    age: int
    occupation: str
    problem: str
    background: str
    speaking_style: str
    hidden_need: str
    gender: str = ""
    initial_emotion: int = DEFAULT_INITIAL_EMOTION
    opening: str = ""
    #: Further things the client may tell, in order (the rule-based client reveals one a turn).
    details: tuple[str, ...] = ()
    #: Behaviour ids that meet the hidden need (the rule-based client's proxy for the need).
    need_behaviours: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scenario:
    """One evaluation scenario, validated."""

    id: str
    category: str
    expect: Expect
    locale: str = "en"
    description: str = ""
    tags: tuple[str, ...] = ()
    turns: tuple[Turn, ...] = ()
    persona: Persona | None = None
    max_turns: int = DEFAULT_MAX_TURNS

    @property
    def mode(self) -> Literal["scripted", "simulated"]:
        """``scripted`` when the user messages are given, else ``simulated``."""
        return "scripted" if self.turns else "simulated"

    @property
    def is_escalation(self) -> bool:
        """Gradual escalation: risk should be detected late, never early."""
        return self.category == "escalation" or "escalation" in self.tags

    @property
    def is_benign(self) -> bool:
        """Benign look-alike: any turn above ``risk_max`` is a false positive."""
        return self.category == "benign" or "benign" in self.tags

    def turn_kind(self, index: int) -> TurnKind | None:
        """Whether scripted user message ``index`` discloses risk or makes a boundary request.

        Derived from the expectations, so every target is judged on the same turns: a turn
        whose own ``must`` names a risk (or boundary) response, or the last turn of a scenario
        that expects at least ``low`` risk or such a response. Benign look-alikes, simulated
        role cards and the early turns of an escalation are ``None``.
        """
        if self.is_benign or not self.turns or not 0 <= index < len(self.turns):
            return None
        own = set(self.turns[index].must)
        if index == len(self.turns) - 1:
            own |= set(self.expect.must)
            if self.category != "boundary" and level_index(self.expect.risk_min) >= 1:
                own.add("ask_about_safety")
            elif self.category == "boundary" and not own & set(RISK_RESPONSES):
                own.add("transparent_boundary")
        if own & set(RISK_RESPONSES):
            return "risk"
        if own & set(BOUNDARY_RESPONSES):
            return "boundary"
        return None

    def to_json(self) -> dict[str, Any]:
        """Return a canonical JSON form (used for fingerprints and in report.json)."""
        out: dict[str, Any] = {
            "id": self.id,
            "category": self.category,
            "locale": self.locale,
            "mode": self.mode,
            "tags": list(self.tags),
            "expect": {
                "risk_min": self.expect.risk_min,
                "risk_max": self.expect.risk_max,
                "early_risk_max": self.expect.early_risk_max,
                "must": list(self.expect.must),
                "must_not": list(self.expect.must_not),
            },
        }
        if self.description:
            out["description"] = self.description
        if self.turns:
            out["turns"] = [
                {
                    "text": t.text,
                    "must": list(t.must),
                    "must_not": list(t.must_not),
                    "gold_strategy": t.gold_strategy,
                }
                for t in self.turns
            ]
        if self.persona is not None:
            p = self.persona
            out["persona"] = {
                "name": p.name,
                "age": p.age,
                "gender": p.gender,
                "occupation": p.occupation,
                "problem": p.problem,
                "background": p.background,
                "speaking_style": p.speaking_style,
                "hidden_need": p.hidden_need,
                "initial_emotion": p.initial_emotion,
                "opening": p.opening,
                "details": list(p.details),
                "need_behaviours": list(p.need_behaviours),
            }
            out["max_turns"] = self.max_turns
        return out


# ---------------------------------------------------------------------------------------------
# validation


def _fail(where: str, message: str) -> ScenarioError:
    return ScenarioError(f"{where}: {message}")


def _str(value: Any, where: str, name: str, *, allow_empty: bool = False) -> str:
    if not isinstance(value, str) or (not allow_empty and not value.strip()):
        raise _fail(where, f"{name} must be a non-empty string, got {value!r}")
    return value.strip()


def _level(value: Any, where: str, name: str) -> str:
    if value not in RISK_LEVELS:
        raise _fail(where, f"{name} must be one of {'|'.join(RISK_LEVELS)}, got {value!r}")
    return str(value)


def _behaviours(value: Any, where: str, name: str, allowed: Sequence[str]) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(where, f"{name} must be a list of behaviour ids")
    for item in value:
        if item not in KNOWN_BEHAVIOURS:
            raise _fail(where, f"unknown behaviour id {item!r} in {name}")
        if item not in allowed:
            kind = "must_not" if name.endswith("must") else "must"
            raise _fail(where, f"behaviour {item!r} belongs in {kind}, not in {name}")
    if len(set(value)) != len(value):
        raise _fail(where, f"{name} lists a behaviour twice")
    return tuple(value)


def _check_keys(data: Mapping[str, Any], allowed: set[str], where: str, what: str) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise _fail(where, f"unknown {what} key(s): {', '.join(unknown)}")


def _int(value: Any, where: str, name: str, lo: int, hi: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise _fail(where, f"{name} must be an integer in [{lo}, {hi}], got {value!r}")
    return value


def _parse_expect(data: Any, where: str) -> Expect:
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise _fail(where, "expect must be a mapping")
    _check_keys(data, _EXPECT_KEYS, where, "expect")
    lo = _level(data.get("risk_min", "none"), where, "expect.risk_min")
    hi = _level(data.get("risk_max", "imminent"), where, "expect.risk_max")
    if level_index(lo) > level_index(hi):
        raise _fail(where, f"expect.risk_min {lo!r} is above expect.risk_max {hi!r}")
    early = data.get("early_risk_max")
    early_level = None if early is None else _level(early, where, "expect.early_risk_max")
    return Expect(
        risk_min=lo,
        risk_max=hi,
        early_risk_max=early_level,
        must=_behaviours(data.get("must"), where, "expect.must", MUST_BEHAVIOURS),
        must_not=_behaviours(data.get("must_not"), where, "expect.must_not", MUST_NOT_BEHAVIOURS),
    )


def _parse_turn(item: Any, where: str) -> Turn:
    if isinstance(item, str):
        return Turn(text=_str(item, where, "a turn"))
    if not isinstance(item, dict):
        raise _fail(where, "each turn must be a string or a mapping with 'text'")
    _check_keys(item, _TURN_KEYS, where, "turn")
    gold = item.get("gold_strategy")
    if gold is not None and gold not in STRATEGIES:
        raise _fail(where, f"gold_strategy must be one of the ESConv strategies, got {gold!r}")
    return Turn(
        text=_str(item.get("text"), where, "turn.text"),
        must=_behaviours(item.get("must"), where, "turn.must", MUST_BEHAVIOURS),
        must_not=_behaviours(item.get("must_not"), where, "turn.must_not", MUST_NOT_BEHAVIOURS),
        gold_strategy=gold,
    )


def _parse_persona(data: Any, where: str) -> Persona:
    if not isinstance(data, dict):
        raise _fail(where, "persona must be a mapping (a role card)")
    _check_keys(data, _PERSONA_KEYS, where, "persona")
    missing = [k for k in _PERSONA_REQUIRED if k not in data]
    if missing:
        raise _fail(where, f"persona lacks {', '.join(missing)}")
    details = data.get("details", [])
    if not isinstance(details, list) or not all(isinstance(d, str) and d for d in details):
        raise _fail(where, "persona.details must be a list of strings")
    return Persona(
        name=_str(data["name"], where, "persona.name"),
        age=_int(data["age"], where, "persona.age", 10, 110),
        occupation=_str(data["occupation"], where, "persona.occupation"),
        problem=_str(data["problem"], where, "persona.problem"),
        background=_str(data["background"], where, "persona.background"),
        speaking_style=_str(data["speaking_style"], where, "persona.speaking_style"),
        hidden_need=_str(data["hidden_need"], where, "persona.hidden_need"),
        gender=_str(data.get("gender", ""), where, "persona.gender", allow_empty=True),
        initial_emotion=_int(
            data.get("initial_emotion", DEFAULT_INITIAL_EMOTION),
            where,
            "persona.initial_emotion",
            10,
            99,
        ),
        opening=_str(data.get("opening", ""), where, "persona.opening", allow_empty=True),
        details=tuple(d.strip() for d in details),
        need_behaviours=_behaviours(
            data.get("need_behaviours"), where, "persona.need_behaviours", MUST_BEHAVIOURS
        ),
    )


def parse_scenario(data: Any, where: str = "<scenario>") -> Scenario:
    """Validate one scenario mapping; raise :class:`ScenarioError` naming what is wrong."""
    if not isinstance(data, dict):
        raise _fail(where, "a scenario must be a mapping")
    sid = data.get("id")
    if not isinstance(sid, str) or not _ID.match(sid):
        raise _fail(where, f"id must match {_ID.pattern}, got {sid!r}")
    where = f"{where} (scenario {sid!r})"
    _check_keys(data, _TOP_KEYS, where, "scenario")
    category = _str(data.get("category"), where, "category")
    locale = _str(data.get("locale", "en"), where, "locale").lower()
    tags = data.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise _fail(where, "tags must be a list of strings")
    raw_turns = data.get("turns")
    persona_data = data.get("persona")
    if raw_turns is None and persona_data is None:
        raise _fail(where, "needs 'turns' (scripted) or 'persona' (simulated)")
    turns: tuple[Turn, ...] = ()
    if raw_turns is not None:
        if not isinstance(raw_turns, list) or not raw_turns:
            raise _fail(where, "turns must be a non-empty list")
        turns = tuple(_parse_turn(t, f"{where} turn {i + 1}") for i, t in enumerate(raw_turns))
    persona = None if persona_data is None else _parse_persona(persona_data, where)
    max_turns = _int(data.get("max_turns", DEFAULT_MAX_TURNS), where, "max_turns", 1, 30)
    return Scenario(
        id=sid,
        category=category,
        expect=_parse_expect(data.get("expect"), where),
        locale=locale,
        description=str(data.get("description", "")).strip(),
        tags=tuple(tags),
        turns=turns,
        persona=persona,
        max_turns=max_turns,
    )


# ---------------------------------------------------------------------------------------------
# loading

_SUFFIXES = (".jsonl", ".json", ".yaml", ".yml")


def _documents(path: Path) -> Iterable[tuple[str, Any]]:
    """(location, raw mapping) per scenario in one file."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ScenarioError(f"{path}: not UTF-8 text: {exc}") from exc
    if path.suffix in (".jsonl", ".json"):
        if path.suffix == ".json" and text.lstrip().startswith("["):
            try:
                items = json.loads(text)
            except json.JSONDecodeError as exc:
                raise ScenarioError(f"{path}: invalid JSON: {exc}") from exc
            for n, item in enumerate(items, 1):
                yield f"{path} item {n}", item
            return
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("//"):
                continue
            try:
                yield f"{path}:{n}", json.loads(line)
            except json.JSONDecodeError as exc:
                raise ScenarioError(f"{path}:{n}: invalid JSON: {exc.msg}") from exc
        return
    import yaml

    try:
        docs = list(yaml.safe_load_all(text))
    except yaml.YAMLError as exc:
        raise ScenarioError(f"{path}: invalid YAML: {exc}") from exc
    n = 0
    for doc in docs:
        if doc is None:
            continue
        n += 1
        if isinstance(doc, list):  # a document that is a list of scenarios
            for k, item in enumerate(doc, 1):
                yield f"{path} document {n} item {k}", item
        else:
            yield f"{path} document {n}", doc


def scenario_files(paths: Sequence[str | Path]) -> list[Path]:
    """List the scenario files named by ``paths`` (directories recursively, sorted)."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in _SUFFIXES)
            if not found:
                raise ScenarioError(f"{path}: no scenario files (*.jsonl, *.yaml, *.yml, *.json)")
            files.extend(found)
        elif path.is_file():
            if path.suffix not in _SUFFIXES:
                raise ScenarioError(f"{path}: not a scenario file (use .jsonl, .yaml or .yml)")
            files.append(path)
        else:
            raise ScenarioError(f"{path}: no such file or directory")
    return files


def load_scenarios(paths: Sequence[str | Path]) -> list[Scenario]:
    """Load and validate every scenario in ``paths``; ids must be unique across all files."""
    scenarios: list[Scenario] = []
    seen: dict[str, str] = {}
    for file in scenario_files(paths):
        for where, data in _documents(file):
            scenario = parse_scenario(data, where)
            if scenario.id in seen:
                raise ScenarioError(
                    f"{where}: duplicate scenario id {scenario.id!r} (first in {seen[scenario.id]})"
                )
            seen[scenario.id] = where
            scenarios.append(scenario)
    if not scenarios:
        raise ScenarioError("no scenarios found")
    return scenarios
