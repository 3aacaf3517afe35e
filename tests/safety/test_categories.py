"""The risk-category table (confide/safety/content/categories.yaml) and its loader."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import pytest
import yaml

from confide.errors import ContentError
from confide.records import RiskCategory
from confide.safety import categories
from confide.safety.categories import FLAGS, TABLE, load_table

TABLE_FILE = Path(categories.__file__).parent / "content" / "categories.yaml"

_OWN = {
    "suicidal_ideation_passive",
    "suicidal_ideation_active",
    "suicide_method_or_plan",
    "suicide_attempt",
    "self_harm_ideation",
    "self_harm_behaviour",
    "hopelessness",
}
_SIX = _OWN - {"hopelessness"}

#: The sets the call sites declared before the table (main at 45b68b7), written out once: the
#: table's derived sets must equal them (the proof that moving them changed no behaviour).
OLD_SETS: dict[str, frozenset[str]] = {
    # records.OWN_RISK_CATEGORIES (screen, risk, guard, crisis_flow, completion._CHECK_IN_SELF)
    "OWN_RISK": frozenset(_OWN),
    # counselor._IDEATION, strategy.IDEATION_CATEGORIES, emotion_panel._DEATH_CATEGORIES,
    # risk.earlier_own_risk (OWN_RISK_CATEGORIES minus hopelessness)
    "IDEATION": frozenset(_SIX),
    # completion._IDEATION
    "CHECK_IN_CRISIS_LINE": frozenset(
        {
            "suicidal_ideation_passive",
            "suicidal_ideation_active",
            "self_harm_ideation",
            "self_harm_behaviour",
        }
    ),
    # guard: the inline "risky" set
    "SUICIDE_FRAMING": frozenset(
        {
            "suicidal_ideation_passive",
            "suicidal_ideation_active",
            "suicide_method_or_plan",
            "suicide_attempt",
            "hopelessness",
        }
    ),
    # guard._PLAN_PRAISE_CATEGORIES
    "PLAN_PRAISE_UNSAFE": frozenset(_OWN | {"harm_to_others", "mania", "eating_disorder"}),
    # guard: the inline delusion-context set
    "DELUSION_CONTEXT": frozenset({"psychosis", "mania"}),
    # screen._INTENT
    "INTENT": frozenset({"suicide_method_or_plan", "harm_to_others", "self_harm_behaviour"}),
    # screen: the inline "ideation" tuple (resolve, means at hand)
    "DEATH_WISH": frozenset({"suicidal_ideation_passive", "suicidal_ideation_active"}),
    # risk.PERSISTENT
    "PERSISTENT": frozenset(
        {
            "psychosis",
            "mania",
            "eating_disorder",
            "abuse_toward_user",
            "substance_crisis",
            "harm_to_others",
            "self_harm_behaviour",
            "suicidal_ideation_active",
            "suicide_method_or_plan",
        }
    ),
    # risk.explicit_floor: every category but these two
    "SETS_FLOOR": frozenset(get_args(RiskCategory)) - {"third_party_concern", "suicide_curiosity"},
    # risk.assess_turn: `own` left out third_party_concern only
    "ABOUT_SOMEONE_ELSE": frozenset({"third_party_concern"}),
    # screen._screen_rules: only_third
    "THIRD_PARTY_READING": frozenset({"third_party_concern", "medical_emergency"}),
    # completion._OVERDOSE_CATEGORIES
    "OVERDOSE_CUE": frozenset(
        {"medical_emergency", "suicide_attempt", "substance_crisis", "suicide_method_or_plan"}
    ),
    # exercises._NO_OFFER_CATEGORIES was {"medical_emergency", "harm_to_others", "abuse"}:
    # "abuse" is no category (a bug), abuse_toward_user was meant
    "NO_EXERCISE_OFFER": frozenset({"medical_emergency", "harm_to_others", "abuse_toward_user"}),
    # completion.CHECK_IN_CATEGORIES (the union of _CHECK_IN_ORDER)
    "CHECK_IN_CATEGORIES": frozenset(get_args(RiskCategory)) - {"suicide_curiosity"},
    # completion._SELF_CATEGORIES (crisis focus "self")
    "CRISIS_SELF": frozenset(_OWN | {"suicide_curiosity"}),
}

#: completion._CHECK_IN_ORDER before the table: (members, focus) in priority order.
OLD_CHECK_IN_ORDER: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset({"abuse_toward_user"}), "abuse"),
    (frozenset({"psychosis"}), "psychosis"),
    (frozenset({"third_party_concern"}), "third_party"),
    (frozenset(_OWN), "self"),
    (frozenset({"harm_to_others"}), "others"),
    (frozenset({"mania"}), "mania"),
    (frozenset({"eating_disorder"}), "eating"),
    (frozenset({"substance_crisis"}), "substance"),
    (frozenset({"medical_emergency"}), "medical"),
)


@pytest.mark.parametrize("name", sorted(OLD_SETS))
def test_derived_set_equals_the_old_declaration(name: str) -> None:
    assert getattr(categories, name) == OLD_SETS[name]


def test_every_category_has_exactly_one_row_in_schema_order() -> None:
    assert tuple(row.id for row in TABLE.rows) == get_args(RiskCategory)
    assert all(row.meaning.strip() for row in TABLE.rows)


def test_check_in_foci_follow_the_old_priority_order() -> None:
    for members, focus in OLD_CHECK_IN_ORDER:
        for category in members:
            assert TABLE.check_in_foci([category]) == (focus,)
    everything = get_args(RiskCategory)
    assert TABLE.check_in_foci(everything) == tuple(f for _, f in OLD_CHECK_IN_ORDER)
    assert TABLE.check_in_foci(["suicide_curiosity"]) == ()


def test_crisis_focus_follows_the_old_priority_order() -> None:
    assert TABLE.crisis_focus(["psychosis", "hopelessness"]) == "self"
    assert TABLE.crisis_focus(["harm_to_others", "suicide_curiosity"]) == "others"
    assert TABLE.crisis_focus(["abuse_toward_user", "harm_to_others"]) == "abuse"
    assert TABLE.crisis_focus(["medical_emergency", "abuse_toward_user"]) == "medical"
    assert TABLE.crisis_focus(["psychosis"]) == "psychosis"
    assert TABLE.crisis_focus(["mania", "third_party_concern"]) is None


def test_resource_kinds_per_category() -> None:
    assert TABLE.crisis_resources(["substance_crisis", "eating_disorder"]) == (
        "eating_disorder",
        "poison",
    )
    assert TABLE.check_in_resources(["eating_disorder", "abuse_toward_user"]) == (
        "abuse",
        "eating_disorder",
    )
    assert TABLE.check_in_resources(["substance_crisis"]) == ()


def test_unknown_column_name_is_refused() -> None:
    with pytest.raises(KeyError):
        TABLE.having("own")


# --- the loader refuses bad tables ------------------------------------------------------------


def _write(tmp_path: Path, data: dict[str, object]) -> Path:
    path = tmp_path / "categories.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def _good() -> dict[str, object]:
    data = yaml.safe_load(TABLE_FILE.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_the_packaged_table_reloads_from_a_path(tmp_path: Path) -> None:
    assert load_table(_write(tmp_path, _good())) == TABLE


def _rows(data: dict[str, object]) -> dict[str, dict[str, object]]:
    rows = data["categories"]
    assert isinstance(rows, dict)
    return rows


def _missing_row(data: dict[str, object]) -> None:
    del _rows(data)["mania"]


def _unknown_row(data: dict[str, object]) -> None:
    _rows(data)["despair"] = dict(_rows(data)["hopelessness"])


def _unknown_key(data: dict[str, object]) -> None:
    _rows(data)["mania"]["ask_directly"] = True


def _missing_column(data: dict[str, object]) -> None:
    del _rows(data)["mania"]["persistent"]


def _not_a_bool(data: dict[str, object]) -> None:
    _rows(data)["mania"]["persistent"] = "yes"


def _unknown_focus(data: dict[str, object]) -> None:
    _rows(data)["mania"]["check_in"] = "hypomania"


def _unknown_crisis_focus(data: dict[str, object]) -> None:
    _rows(data)["mania"]["crisis_focus"] = "general"


def _unknown_resource(data: dict[str, object]) -> None:
    _rows(data)["mania"]["crisis_resources"] = ["hotline"]


def _repeated_resource(data: dict[str, object]) -> None:
    _rows(data)["eating_disorder"]["crisis_resources"] = ["eating_disorder", "eating_disorder"]


def _empty_meaning(data: dict[str, object]) -> None:
    _rows(data)["mania"]["meaning"] = " "


def _order_incomplete(data: dict[str, object]) -> None:
    data["check_in_order"] = ["self", "abuse"]


def _order_repeated(data: dict[str, object]) -> None:
    data["crisis_focus_order"] = ["self", "self", "medical", "abuse", "others"]


def _unknown_top_key(data: dict[str, object]) -> None:
    data["version"] = 2


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (_missing_row, "missing row"),
        (_unknown_row, "unknown category"),
        (_unknown_key, "unknown key"),
        (_missing_column, "missing key"),
        (_not_a_bool, "expected true or false"),
        (_unknown_focus, "check_in: expected one of"),
        (_unknown_crisis_focus, "crisis_focus: expected one of"),
        (_unknown_resource, "resource kinds"),
        (_repeated_resource, "given twice"),
        (_empty_meaning, "non-empty text"),
        (_order_incomplete, "check_in_order"),
        (_order_repeated, "crisis_focus_order"),
        (_unknown_top_key, "unknown key"),
    ],
)
def test_the_loader_refuses_a_bad_table(tmp_path: Path, spoil: object, message: str) -> None:
    data = _good()
    assert callable(spoil)
    spoil(data)
    with pytest.raises(ContentError, match=message):
        load_table(_write(tmp_path, data))


def test_a_row_given_twice_is_refused(tmp_path: Path) -> None:
    text = TABLE_FILE.read_text(encoding="utf-8")
    start = text.index("  mania:\n")
    end = text.index("\n\n", start)
    path = tmp_path / "categories.yaml"
    path.write_text(text + "\n" + text[start:end] + "\n", encoding="utf-8")
    with pytest.raises(ContentError, match="given twice"):
        load_table(path)


def test_every_true_false_column_is_checked_against_an_old_set() -> None:
    for column in FLAGS:
        assert categories.TABLE.having(column) == OLD_SETS[column.upper()]
