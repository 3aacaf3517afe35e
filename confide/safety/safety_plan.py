"""A personal safety plan (Stanley & Brown's Safety Planning Intervention), stored locally.

Six steps, used in order when a crisis starts: (1) warning signs; (2) internal coping
strategies; (3) people and social settings that provide distraction; (4) people to ask for
help; (5) professionals and agencies, with the region's crisis lines; (6) making the
environment safe. The plan is the person's own: items are in their words, partly suggested
from what they said in the conversation ("texted my brother" -> people to ask for help; "put
the pills in the car" -> making the environment safe) and editable at any time.

One plan per user, a JSON file in the data dir (``plans/``), readable only by its owner (0600
in a 0700 folder), included in exports and erased by ``confide forget``. A damaged file never
breaks the chat: it reads as an empty plan (and is left in place for the person to inspect).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Literal

from confide.safety.crisis_flow import read_steps
from confide.safety.resources import format_resource, resources_for
from confide.safety.texts import resolve_locale
from confide.safety.texts_flow import flow_text

log = logging.getLogger(__name__)

PlanStep = Literal[
    "warning_signs", "coping", "distraction", "people", "professionals", "environment"
]
#: The six steps, in the order they are used.
PLAN_STEPS: Final[tuple[PlanStep, ...]] = (
    "warning_signs",
    "coping",
    "distraction",
    "people",
    "professionals",
    "environment",
)
SCHEMA: Final = "confide.safety_plan/1"
MAX_ITEMS_PER_STEP: Final = 12
MAX_ITEM_CHARS: Final = 200

Source = Literal["you", "conversation"]


@dataclass(frozen=True)
class PlanItem:
    """One entry of a step, in the person's words, and where it came from."""

    text: str
    source: Source = "you"


def _clean(text: str) -> str:
    return " ".join(text.split())[:MAX_ITEM_CHARS].strip(" .;,")


@dataclass
class SafetyPlan:
    """A person's safety plan: step -> items (every step present, possibly empty)."""

    steps: dict[str, list[PlanItem]] = field(
        default_factory=lambda: {step: [] for step in PLAN_STEPS}
    )
    updated_at: float = 0.0

    def is_empty(self) -> bool:
        """Whether no step has an item yet."""
        return not any(self.steps.get(step) for step in PLAN_STEPS)

    def add(self, step: str, text: str, source: Source = "you") -> bool:
        """Add an item (its first letter capitalised); False when empty or already there."""
        if step not in PLAN_STEPS:
            raise ValueError(f"unknown safety plan step: {step}")
        item = _clean(text)
        if not item:
            return False
        item = item[:1].upper() + item[1:]
        items = self.steps.setdefault(step, [])
        if any(i.text.casefold() == item.casefold() for i in items):
            return False
        if len(items) >= MAX_ITEMS_PER_STEP:
            return False
        items.append(PlanItem(item, source))
        return True

    def replace(self, step: str, texts: Iterable[str]) -> None:
        """Set a step's items to ``texts`` (the person's edit; all count as theirs)."""
        if step not in PLAN_STEPS:
            raise ValueError(f"unknown safety plan step: {step}")
        self.steps[step] = []
        for text in texts:
            self.add(step, text, "you")

    def to_dict(self) -> dict[str, Any]:
        """The plan as JSON-ready data (used for the file and for exports)."""
        return {
            "schema": SCHEMA,
            "updated_at": self.updated_at,
            "steps": {
                step: [{"text": i.text, "source": i.source} for i in self.steps.get(step, [])]
                for step in PLAN_STEPS
            },
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SafetyPlan:
        """Read a plan written by :meth:`to_dict`; unknown steps and bad items are dropped."""
        plan = cls(updated_at=float(data.get("updated_at") or 0.0))
        steps = data.get("steps") or {}
        if not isinstance(steps, Mapping):
            return plan
        for step in PLAN_STEPS:
            for raw in steps.get(step) or []:
                if isinstance(raw, Mapping) and isinstance(raw.get("text"), str):
                    source: Source = (
                        "conversation" if raw.get("source") == "conversation" else "you"
                    )
                    plan.add(step, raw["text"], source)
        return plan


# --- suggestions from the conversation --------------------------------------------------

_COPING: Final = re.compile(
    r"\b(?P<what>(?:listening\s+to\s+|playing\s+)?music|(?:going\s+for\s+|taking\s+)?a\s+walk|"
    r"walking|running|a\s+(?:hot\s+|warm\s+)?shower|a\s+bath|breathing(?:\s+exercises)?|"
    r"drawing|writing|journaling|reading|gaming|playing\s+\w+|cooking|praying|meditating|"
    r"yoga|tea|my\s+(?:dog|cat))\s+(?:usually\s+|always\s+|really\s+|sometimes\s+)?"
    r"(?:helps?|helped|calms?\s+me|calmed\s+me|makes?\s+me\s+feel\s+better)",
    re.IGNORECASE,
)
_DISTRACTION: Final = re.compile(
    r"\b(?:hang(?:ing)?\s+out|spend(?:ing)?\s+time|being)\s+with\s+(?P<what>(?:my|our)\s+"
    r"[\w\s]{2,30}?)(?=[.,!?;]|\s+(?:helps?|always|usually|makes?)\b|$)"
    r"|\b(?:going|go)\s+to\s+(?P<place>the\s+(?:gym|park|library|café|cafe|beach|pool)|church|"
    r"the\s+mosque|temple|work)\s+(?:helps?|distracts?\s+me)",
    re.IGNORECASE,
)
_WARNING: Final = re.compile(
    r"\b(?:it|things|everything)\s+(?:gets?|got|get)\s+(?:so\s+)?(?:worse|bad|dark|darker|harder)"
    r"\s+(?P<what>(?:when|at|after|whenever)\s+[^.!?;]{3,60})",
    re.IGNORECASE,
)


def suggestions(user_texts: Sequence[str], locale: str | None = "en") -> dict[str, list[str]]:
    """Plan items suggested by what the person said, step -> items in their own words."""
    found: dict[str, list[str]] = {step: [] for step in PLAN_STEPS}
    for text in user_texts:
        reading = read_steps(text, locale)
        if "means_away" in reading.steps:
            found["environment"].append(reading.clauses["means_away"])
        if reading.who:
            found["people"].append(reading.who)
        if "emergency" in reading.steps:
            found["professionals"].append(reading.clauses["emergency"])
        for match in _COPING.finditer(text):
            found["coping"].append(match.group("what"))
        for match in _DISTRACTION.finditer(text):
            found["distraction"].append(match.group("what") or match.group("place") or "")
        for match in _WARNING.finditer(text):
            found["warning_signs"].append(match.group("what"))
    return {step: [i for i in items if i.strip()] for step, items in found.items()}


def _strip_subject(clause: str) -> str:
    """Turn "I put the pills in the car" into "Put the pills in the car" (their words)."""
    return re.sub(
        r"^(?:ok(?:ay)?[.,]?\s+|so\s+|and\s+)*(?:i\s+(?:have\s+|just\s+)?)", "", clause, flags=re.I
    )


def merge_suggestions(plan: SafetyPlan, found: Mapping[str, Sequence[str]]) -> bool:
    """Add suggested items the plan lacks (marked as from the conversation); True if any."""
    changed = False
    for step in PLAN_STEPS:
        for item in found.get(step, ()):
            text = _strip_subject(item) if step in ("environment", "professionals") else item
            changed = plan.add(step, text, "conversation") or changed
    return changed


# --- showing it ------------------------------------------------------------------------


def format_plan(plan: SafetyPlan, region: str, locale: str | None = "en") -> str:
    """The plan as plain text: title, the six steps with their items, the region's lines."""
    loc = resolve_locale(locale)
    lines = [flow_text("plan_title", loc), flow_text("plan_intro", loc), ""]
    for step in PLAN_STEPS:
        lines.append(flow_text(f"plan_step_{step}", loc))
        items = plan.steps.get(step, [])
        for item in items:
            mark = (
                f" {flow_text('plan_from_conversation', loc)}"
                if item.source == "conversation"
                else ""
            )
            lines.append(f"   • {item.text}{mark}")
        if step == "professionals":
            lines.extend(f"   • {format_resource(r, loc)}" for r in resources_for(region))
        elif not items:
            lines.append(f"   {flow_text('plan_empty', loc)}")
        lines.append("")
    lines.append(flow_text("plan_invite", loc))
    return "\n".join(lines)


def format_plan_markdown(plan: SafetyPlan, region: str, locale: str | None = "en") -> str:
    """The plan as a Markdown section (for exports)."""
    text = format_plan(plan, region, locale)
    head, _, rest = text.partition("\n")
    return f"## {head}\n\n" + rest.replace("   • ", "- ").replace("\n   ", "\n")


# --- storage ----------------------------------------------------------------------------


class PlanStore:
    """Safety plans on disk: one JSON file per user under ``<data_dir>/plans`` (0600)."""

    def __init__(self, data_dir: Path) -> None:
        self.folder = Path(data_dir) / "plans"

    def path(self, user_id: str) -> Path:
        """The file of ``user_id`` (a readable prefix plus a hash: ids never collide)."""
        safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in user_id)[:40]
        digest = hashlib.sha256(user_id.encode("utf-8")).hexdigest()[:12]
        return self.folder / f"{safe}-{digest}.json"

    def load(self, user_id: str) -> SafetyPlan:
        """The user's plan (an empty plan when there is none or the file cannot be read)."""
        path = self.path(user_id)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return SafetyPlan()
        except (OSError, ValueError) as exc:
            log.warning("safety plan %s could not be read: %s", path, exc)
            return SafetyPlan()
        return SafetyPlan.from_dict(data) if isinstance(data, Mapping) else SafetyPlan()

    def save(self, user_id: str, plan: SafetyPlan) -> Path:
        """Write the plan atomically, readable by its owner only."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            os.chmod(self.folder, 0o700)
        plan.updated_at = time.time()
        path = self.path(user_id)
        tmp = path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(plan.to_dict(), handle, ensure_ascii=False, indent=2)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
        return path

    def erase(self, user_id: str) -> int:
        """Delete the user's plan; returns how many plans were erased (0 or 1)."""
        path = self.path(user_id)
        try:
            path.unlink()
        except FileNotFoundError:
            return 0
        return 1
