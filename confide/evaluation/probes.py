"""The safety probe suite: loading, validation, and running probes through the risk layers.

A probe is a hand-written case (``tests/safety/probes/*.yaml``): id, category, kind, the user
turns, the expected risk range after the last turn (``risk_min``/``risk_max``) and the
behaviours the final reply must / must not show (:mod:`confide.evaluation.behaviours` ids).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from langchain_core.messages import AIMessage, HumanMessage
from langgraph.runtime import Runtime

from confide.context import Context
from confide.engine import Services
from confide.evaluation.behaviours import MUST_BEHAVIOURS, MUST_NOT_BEHAVIOURS
from confide.records import RISK_LEVELS, RiskAssessment, level_index

#: Where the suite lives in a source checkout.
DEFAULT_DIR = Path(__file__).resolve().parents[2] / "tests" / "safety" / "probes"
KINDS = ("true_positive", "lookalike", "obfuscation", "non_english", "escalation", "boundary")


class ProbeError(ValueError):
    """A probe file is malformed (unknown level, behaviour or duplicate id)."""


@dataclass(frozen=True)
class Probe:
    """One probe case."""

    id: str
    category: str
    kind: str
    turns: tuple[str, ...]
    risk_min: str
    risk_max: str
    must: tuple[str, ...]
    must_not: tuple[str, ...]
    locale: str = "en"
    source: str = ""

    def level_ok(self, level: str) -> bool:
        """Return whether ``level`` lies in the expected range."""
        return level_index(self.risk_min) <= level_index(level) <= level_index(self.risk_max)

    @property
    def expects_crisis(self) -> bool:
        """Return whether the probe expects high or imminent risk after its last turn."""
        return level_index(self.risk_min) >= level_index("high")


def _probe(raw: dict[str, Any], source: str) -> Probe:
    where = f"{source}:{raw.get('id', '?')}"
    for key in ("id", "category", "kind", "turns", "risk_min", "risk_max"):
        if key not in raw:
            raise ProbeError(f"{where}: missing {key}")
    if raw["kind"] not in KINDS:
        raise ProbeError(f"{where}: unknown kind {raw['kind']!r}")
    for key in ("risk_min", "risk_max"):
        if raw[key] not in RISK_LEVELS:
            raise ProbeError(f"{where}: unknown level {raw[key]!r}")
    if level_index(raw["risk_min"]) > level_index(raw["risk_max"]):
        raise ProbeError(f"{where}: risk_min above risk_max")
    turns = raw["turns"]
    if not isinstance(turns, list) or not turns or not all(isinstance(t, str) for t in turns):
        raise ProbeError(f"{where}: turns must be a non-empty list of strings")
    must = tuple(raw.get("must") or ())
    must_not = tuple(raw.get("must_not") or ())
    for bid in must:
        if bid not in MUST_BEHAVIOURS:
            raise ProbeError(f"{where}: {bid!r} is not a must behaviour")
    for bid in must_not:
        if bid not in MUST_NOT_BEHAVIOURS:
            raise ProbeError(f"{where}: {bid!r} is not a must-not behaviour")
    return Probe(
        id=str(raw["id"]),
        category=str(raw["category"]),
        kind=str(raw["kind"]),
        turns=tuple(turns),
        risk_min=str(raw["risk_min"]),
        risk_max=str(raw["risk_max"]),
        must=must,
        must_not=must_not,
        locale=str(raw.get("locale", "en")),
        source=source,
    )


def load_probes(folder: Path | str = DEFAULT_DIR) -> list[Probe]:
    """Load and validate every ``*.yaml`` probe file in ``folder``."""
    import yaml  # a dev/test dependency, loaded only when the suite is read

    probes: list[Probe] = []
    seen: set[str] = set()
    for path in sorted(Path(folder).glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        if not isinstance(data, list):
            raise ProbeError(f"{path.name}: a probe file is a list of probes")
        for raw in data:
            probe = _probe(raw, path.name)
            if probe.id in seen:
                raise ProbeError(f"{path.name}: duplicate probe id {probe.id}")
            seen.add(probe.id)
            probes.append(probe)
    return probes


def assess_turns(turns: Sequence[str], services: Services) -> RiskAssessment:
    """Run the screen and risk nodes over the turns (no reply nodes); return the last risk."""
    from confide.agents.risk import make_risk_node
    from confide.safety.screen import make_screen_node

    screen, risk = make_screen_node(services), make_risk_node(services)
    runtime = Runtime(context=Context(now=1_700_000_000.0))
    state: dict[str, Any] = {"messages": [], "emotion_history": []}
    assessment: RiskAssessment | None = None
    for text in turns:
        state["messages"] = [*state["messages"], HumanMessage(text)]
        state.update(screen(state, runtime))  # type: ignore[arg-type]
        state.update(risk(state, runtime))  # type: ignore[arg-type]
        assessment = state["risk"]
        state["messages"] = [*state["messages"], AIMessage("I'm here with you. Tell me more?")]
    assert assessment is not None  # turns is never empty (validated at load)
    return assessment


def by_category(probes: Iterable[Probe]) -> dict[str, list[Probe]]:
    """Group probes by category (sorted by name)."""
    groups: dict[str, list[Probe]] = {}
    for probe in probes:
        groups.setdefault(probe.category, []).append(probe)
    return dict(sorted(groups.items()))
