"""What each risk category means for the reply: one reviewed table, read by every module.

The table is ``confide/safety/content/categories.yaml`` (one row per
:data:`confide.records.RiskCategory`; its comments say which module reads which column). It
is read and validated once, at import: a missing or repeated category, an unknown key, a
missing column, or an unknown check-in focus, crisis focus or resource kind raises
:class:`~confide.errors.ContentError` naming the file and the row.

The module-level sets below are the table's boolean columns; the functions answer the
questions that need a column and an order (check-in foci, crisis focus, resource kinds).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Final, Literal, cast, get_args

from confide.datafiles import Keys, check_keys, read_package_file, text_value
from confide.errors import ContentError
from confide.records import RiskCategory
from confide.safety.resources import ResourceKind

#: The counselor-path safety check-in's foci (which acknowledgment and question it uses).
CheckInFocus = Literal[
    "self",
    "third_party",
    "abuse",
    "others",
    "psychosis",
    "mania",
    "eating",
    "substance",
    "medical",
]
#: The crisis foci a category can give (completion adds "medical_other" and "general").
CrisisFocus = Literal["self", "medical", "abuse", "others", "psychosis"]

#: The table's true/false columns, in the order the file gives them.
FLAGS: Final[tuple[str, ...]] = (
    "own_risk",
    "ideation",
    "check_in_crisis_line",
    "suicide_framing",
    "plan_praise_unsafe",
    "delusion_context",
    "intent",
    "death_wish",
    "persistent",
    "sets_floor",
    "about_someone_else",
    "third_party_reading",
    "overdose_cue",
    "no_exercise_offer",
)
_ROW_KEYS: Keys = (
    frozenset(
        {"meaning", "check_in", "crisis_focus", "crisis_resources", "check_in_resources", *FLAGS}
    ),
    frozenset(),
)
_FILE_KEYS: Keys = (frozenset({"check_in_order", "crisis_focus_order", "categories"}), frozenset())
_CATEGORIES: Final[tuple[str, ...]] = get_args(RiskCategory)
_CHECK_IN_FOCI: Final = frozenset(get_args(CheckInFocus))
_CRISIS_FOCI: Final = frozenset(get_args(CrisisFocus))
_RESOURCE_KINDS: Final = frozenset(get_args(ResourceKind))


@dataclass(frozen=True)
class CategoryRow:
    """One category's row of the table."""

    id: str
    meaning: str
    flags: frozenset[str]  # the true/false columns that are true
    check_in: CheckInFocus | None
    crisis_focus: CrisisFocus | None
    crisis_resources: tuple[ResourceKind, ...]
    check_in_resources: tuple[ResourceKind, ...]


@dataclass(frozen=True)
class CategoryTable:
    """The whole table, its rows in :data:`~confide.records.RiskCategory` order."""

    rows: tuple[CategoryRow, ...]
    check_in_order: tuple[CheckInFocus, ...]
    crisis_focus_order: tuple[CrisisFocus, ...]

    def having(self, column: str) -> frozenset[str]:
        """The categories whose true/false ``column`` is true."""
        if column not in FLAGS:
            raise KeyError(column)
        return frozenset(row.id for row in self.rows if column in row.flags)

    def check_in_foci(self, categories: Iterable[str]) -> tuple[CheckInFocus, ...]:
        """The check-in foci of these categories, most important first (empty = none)."""
        present = {row.check_in for row in self.rows if row.id in set(categories)}
        return tuple(focus for focus in self.check_in_order if focus in present)

    def crisis_focus(self, categories: Iterable[str]) -> CrisisFocus | None:
        """The most important crisis focus of these categories (None: the general one)."""
        present = {row.crisis_focus for row in self.rows if row.id in set(categories)}
        return next((focus for focus in self.crisis_focus_order if focus in present), None)

    def crisis_resources(self, categories: Iterable[str]) -> tuple[ResourceKind, ...]:
        """Resource kinds a crisis reply adds for these categories, in table order."""
        cats = set(categories)
        kinds = (k for row in self.rows if row.id in cats for k in row.crisis_resources)
        return tuple(dict.fromkeys(kinds))

    def check_in_resources(self, categories: Iterable[str]) -> tuple[ResourceKind, ...]:
        """Resource kinds a check-in adds for these categories, in table order."""
        cats = set(categories)
        kinds = (k for row in self.rows if row.id in cats for k in row.check_in_resources)
        return tuple(dict.fromkeys(kinds))


def _choice(value: object, known: frozenset[str], label: str, what: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or value not in known:
        raise ContentError(
            f"{label}: {what}: expected one of {sorted(known)} or null, got {value!r}"
        )
    return value


def _kinds(value: object, label: str, what: str) -> tuple[ResourceKind, ...]:
    if not isinstance(value, list) or any(k not in _RESOURCE_KINDS for k in value):
        raise ContentError(
            f"{label}: {what}: expected a list of resource kinds {sorted(_RESOURCE_KINDS)}, "
            f"got {value!r}"
        )
    if len(set(value)) != len(value):
        raise ContentError(f"{label}: {what}: a resource kind given twice")
    return tuple(cast(list[ResourceKind], value))


def _order(value: object, known: frozenset[str], label: str, what: str) -> tuple[str, ...]:
    if not isinstance(value, list) or sorted(map(str, value)) != sorted(known):
        raise ContentError(f"{label}: {what}: expected each of {sorted(known)} exactly once")
    return tuple(value)


def _row(category: str, item: object, label: str) -> CategoryRow:
    what = f"category {category!r}"
    data: dict[str, Any] = check_keys(item, _ROW_KEYS, label, what, ContentError)
    flags = set()
    for column in FLAGS:
        value = data[column]
        if not isinstance(value, bool):
            raise ContentError(f"{label}: {what}: {column}: expected true or false, got {value!r}")
        if value:
            flags.add(column)
    return CategoryRow(
        id=category,
        meaning=text_value(data["meaning"], label, f"{what}: meaning", ContentError),
        flags=frozenset(flags),
        check_in=cast(
            CheckInFocus | None,
            _choice(data["check_in"], _CHECK_IN_FOCI, label, f"{what}: check_in"),
        ),
        crisis_focus=cast(
            CrisisFocus | None,
            _choice(data["crisis_focus"], _CRISIS_FOCI, label, f"{what}: crisis_focus"),
        ),
        crisis_resources=_kinds(data["crisis_resources"], label, f"{what}: crisis_resources"),
        check_in_resources=_kinds(data["check_in_resources"], label, f"{what}: check_in_resources"),
    )


def load_table(path: Traversable | Path | None = None) -> CategoryTable:
    """Read and validate the table (the packaged file, or the one at ``path``)."""
    data, label = read_package_file(
        "confide.safety", "content/categories.yaml", path, _FILE_KEYS, ContentError
    )
    rows_data = data["categories"]
    if not isinstance(rows_data, dict):
        raise ContentError(f"{label}: categories: expected a mapping of category -> row")
    unknown = sorted(set(map(str, rows_data)) - set(_CATEGORIES))
    if unknown:
        raise ContentError(f"{label}: categories: unknown category(ies) {unknown}")
    missing = [c for c in _CATEGORIES if c not in rows_data]
    if missing:
        raise ContentError(f"{label}: categories: missing row(s) for {missing}")
    rows = tuple(_row(c, rows_data[c], label) for c in _CATEGORIES)
    return CategoryTable(
        rows=rows,
        check_in_order=cast(
            tuple[CheckInFocus, ...],
            _order(data["check_in_order"], _CHECK_IN_FOCI, label, "check_in_order"),
        ),
        crisis_focus_order=cast(
            tuple[CrisisFocus, ...],
            _order(data["crisis_focus_order"], _CRISIS_FOCI, label, "crisis_focus_order"),
        ),
    )


TABLE: Final = load_table()

#: The person's own risk of suicide or self-harm (not someone else's, not a medical event).
OWN_RISK: Final = TABLE.having("own_risk")
#: Thoughts or acts of suicide or self-harm (not hopelessness alone).
IDEATION: Final = TABLE.having("ideation")
#: A check-in always carries a crisis line for these, whatever the level.
CHECK_IN_CRISIS_LINE: Final = TABLE.having("check_in_crisis_line")
#: The guard's at-risk framing checks apply for these even below moderate.
SUICIDE_FRAMING: Final = TABLE.having("suicide_framing")
#: Praising a plan or decision is unsafe framing.
PLAN_PRAISE_UNSAFE: Final = TABLE.having("plan_praise_unsafe")
#: The guard checks the reply for agreeing with a delusion.
DELUSION_CONTEXT: Final = TABLE.having("delusion_context")
#: A high match with a time frame or means at hand is imminent.
INTENT: Final = TABLE.having("intent")
#: A wish to be dead: resolve or means at hand lift it to high.
DEATH_WISH: Final = TABLE.having("death_wish")
#: Kept as a warning sign at moderate or above (the conversation level decays slowly).
PERSISTENT: Final = TABLE.having("persistent")
#: An explicit first-person statement: the risk model may not argue the level below the screen.
SETS_FLOOR: Final = TABLE.having("sets_floor")
#: About another person: does not raise the person's own conversation level.
ABOUT_SOMEONE_ELSE: Final = TABLE.having("about_someone_else")
#: May be about someone else: the screen keeps a third-party reading if all are of these.
THIRD_PARTY_READING: Final = TABLE.having("third_party_reading")
#: With a medication question: something may already have been taken.
OVERDOSE_CUE: Final = TABLE.having("overdose_cue")
#: No grounding exercise is offered on a turn that carries one of these.
NO_EXERCISE_OFFER: Final = TABLE.having("no_exercise_offer")
#: Every category that gets a safety check-in below crisis level.
CHECK_IN_CATEGORIES: Final = frozenset(row.id for row in TABLE.rows if row.check_in)
#: Categories whose crisis focus is the person themself ("self").
CRISIS_SELF: Final = frozenset(row.id for row in TABLE.rows if row.crisis_focus == "self")
