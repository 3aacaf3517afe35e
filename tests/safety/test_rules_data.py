"""The reviewed rules data: every example matches its pattern, no non-example does, and the
loader refuses malformed files loudly (file and id in the message)."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest

from confide.errors import RulesError
from confide.safety import lexicon
from confide.safety.lexicon import Entry, Rule, load_rules
from confide.safety.normalize import basic
from confide.safety.screen import _deaccent

RULES = load_rules()
ENTRIES = list(RULES.entries())


def _prepared(text: str) -> str:
    """The text as the screen's plain view sees it (case folded, Latin accents removed)."""
    return _deaccent(basic(text))


@pytest.mark.parametrize("entry", [e for _s, e in ENTRIES], ids=[f"{s}:{e.id}" for s, e in ENTRIES])
def test_examples_match_and_non_examples_do_not(entry: Rule | Entry) -> None:
    pattern = re.compile(entry.pattern, re.MULTILINE)
    assert entry.examples, f"{entry.source}: {entry.id} has no example"
    assert entry.non_examples, f"{entry.source}: {entry.id} has no non-example"
    for text in entry.examples:
        assert pattern.search(_prepared(text)), f"{entry.source}: {entry.id} misses {text!r}"
    for text in entry.non_examples:
        assert not pattern.search(_prepared(text)), f"{entry.source}: {entry.id} hits {text!r}"


def test_the_module_api_reads_the_data() -> None:
    assert RULES.risk == lexicon.RISK_RULES
    assert len(lexicon.RISK_RULES) == 363
    assert RULES.cues["negation"].pattern == lexicon.NEGATION
    assert [name for name, _p in lexicon.FLAGS] == [f.id for f in RULES.flags]
    assert len({rule.id for rule in lexicon.RISK_RULES}) == len(lexicon.RISK_RULES)
    compiled = lexicon.compiled()
    assert [rule for rule, _p, _g in compiled.risk] == list(RULES.risk)


def test_modifiers_become_the_screen_letters() -> None:
    by_id = {rule.id: rule for rule in RULES.risk}
    assert by_id["wish_dead"].modifiers == ("negatable", "hyperbole_lowers")
    assert by_id["wish_dead"].flags == "h"  # negatable: no "n"
    assert "n" in by_id["wish_not_exist"].flags  # holds its own negation
    assert all(set(rule.flags) <= set("nhxmpb") for rule in RULES.risk)


def test_the_rules_ship_inside_the_package() -> None:
    base = resources.files("confide.safety").joinpath("rules")
    assert base.joinpath("fragments.yaml").is_file()
    assert any(p.name.endswith(".yaml") for p in base.joinpath("risk").iterdir())


# --- the loader refuses malformed data ----------------------------------------------------


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_copy_loads_like_the_package(rules_copy: Path) -> None:
    assert load_rules(rules_copy).risk == RULES.risk


def test_unknown_key_is_refused(rules_copy: Path) -> None:
    _edit(
        rules_copy / "risk" / "12_es.yaml",
        "  - id: es_passive\n",
        "  - id: es_passive\n    sevrity: 3\n",
    )
    with pytest.raises(
        RulesError, match=r"12_es\.yaml: rule 'es_passive': unknown key\(s\) 'sevrity'"
    ):
        load_rules(rules_copy)


def test_duplicate_id_is_refused(rules_copy: Path) -> None:
    _edit(rules_copy / "risk" / "13_fr.yaml", "  - id: fr_passive\n", "  - id: wish_dead\n")
    with pytest.raises(RulesError, match=r"13_fr\.yaml: rule 'wish_dead': duplicate id"):
        load_rules(rules_copy)


def test_unknown_fragment_is_refused(rules_copy: Path) -> None:
    path = rules_copy / "risk" / "01_en_suicide.yaml"
    _edit(path, r"pattern: '\bwish\s+(?:i\s+)?", r"pattern: '{WISHES}\bwish\s+(?:i\s+)?")
    with pytest.raises(
        RulesError, match=r"01_en_suicide\.yaml: rule 'wish_dead': unknown fragment \{WISHES\}"
    ):
        load_rules(rules_copy)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("category: suicidal_ideation_passive", "category: sadness", "unknown category 'sadness'"),
        ("level: low", "level: severe", "unknown level 'severe'"),
        ("lang: en", "lang: xx", "unknown language 'xx'"),
        ("[negatable, hyperbole_lowers]", "[negateable]", "unknown modifier 'negateable'"),
        ("    level: low\n", "    level: low\n    level: high\n", "given twice"),
    ],
)
def test_unknown_values_are_refused(rules_copy: Path, old: str, new: str, message: str) -> None:
    _edit(rules_copy / "risk" / "01_en_suicide.yaml", old, new)
    with pytest.raises(RulesError, match=re.escape(message)):
        load_rules(rules_copy)


def test_a_pattern_that_does_not_compile_is_refused(rules_copy: Path) -> None:
    path = rules_copy / "risk" / "01_en_suicide.yaml"
    _edit(path, r"pattern: '\bwish\s+(?:i\s+)?", r"pattern: '(?:\bwish\s+(?:i\s+)?")
    with pytest.raises(
        RulesError, match=r"01_en_suicide\.yaml: rule 'wish_dead': the pattern does not"
    ):
        load_rules(rules_copy)


def test_a_stray_file_is_refused(rules_copy: Path) -> None:
    (rules_copy / "es.yaml").write_text("rules: []\n", encoding="utf-8")
    with pytest.raises(RulesError, match="unknown rules file"):
        load_rules(rules_copy)


def test_a_rationale_of_several_lines_is_refused(rules_copy: Path) -> None:
    path = rules_copy / "risk" / "01_en_suicide.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(
        r"(?m)^    rationale: .*$", "    rationale: |\n      one\n      two", text, count=1
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RulesError, match="'wish_dead': 'rationale' must be one non-empty line"):
        load_rules(rules_copy)
