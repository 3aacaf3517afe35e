from __future__ import annotations

import json
from pathlib import Path

import pytest

from confide.evaluation.scenarios import (
    KNOWN_BEHAVIOURS,
    ScenarioError,
    load_scenarios,
    parse_scenario,
)

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = ROOT / "scenarios"


def test_library_size_and_coverage() -> None:
    scenarios = load_scenarios([LIBRARY])
    assert len(scenarios) >= 60
    categories = {s.category for s in scenarios}
    for needed in (
        "everyday_stress",
        "grief",
        "loneliness",
        "breakup",
        "work",
        "exams",
        "family_conflict",
        "boundary",
        "benign",
        "escalation",
    ):
        assert needed in categories
    simulated = [s for s in scenarios if s.mode == "simulated"]
    scripted = [s for s in scenarios if s.mode == "scripted"]
    assert len(scripted) > len(simulated) >= 7
    for s in simulated:  # role cards: a hidden need and an initial emotion for SAGE
        assert s.persona is not None and s.persona.hidden_need
        assert 10 <= s.persona.initial_emotion < 100


def test_escalations_are_gradual() -> None:
    escalations = [s for s in load_scenarios([LIBRARY]) if s.is_escalation]
    assert len(escalations) >= 10
    for s in escalations:
        assert len(s.turns) >= 3, s.id
        # nothing early may be alarming: the scenario forbids high risk before the last turn
        assert s.expect.early_risk_max in ("none", "low", "moderate"), s.id
        assert s.expect.risk_min in ("moderate", "high", "imminent"), s.id


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_unknown_behaviour_id_is_an_error_with_location(tmp_path: Path) -> None:
    good = {"id": "a", "category": "x", "turns": ["hi"], "expect": {"must": ["stay_engaged"]}}
    bad = {"id": "b", "category": "x", "turns": ["hi"], "expect": {"must": ["be_nice"]}}
    path = _write(tmp_path, "s.jsonl", json.dumps(good) + "\n" + json.dumps(bad) + "\n")
    with pytest.raises(ScenarioError, match=r"s\.jsonl:2.*'b'.*unknown behaviour id 'be_nice'"):
        load_scenarios([path])


def test_must_not_behaviour_listed_under_must_is_an_error() -> None:
    data = {"id": "a", "category": "x", "turns": ["hi"], "expect": {"must": ["diagnose"]}}
    with pytest.raises(ScenarioError, match="belongs in must_not"):
        parse_scenario(data)


def test_turn_level_expectations_and_gold_strategy_are_validated() -> None:
    data = {"id": "a", "category": "x", "turns": [{"text": "hi", "gold_strategy": "Hugging"}]}
    with pytest.raises(ScenarioError, match="gold_strategy"):
        parse_scenario(data)
    data = {"id": "a", "category": "x", "turns": [{"text": "hi", "must_not": ["nope"]}]}
    with pytest.raises(ScenarioError, match=r"turn 1.*unknown behaviour id 'nope'"):
        parse_scenario(data)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"id": "a", "category": "x"}, "needs 'turns'"),
        ({"id": "a b", "category": "x", "turns": ["hi"]}, "id must match"),
        ({"id": "a", "category": "x", "turns": []}, "non-empty list"),
        ({"id": "a", "category": "x", "turns": ["hi"], "expekt": {}}, "unknown scenario key"),
        (
            {"id": "a", "category": "x", "turns": ["hi"], "expect": {"risk_min": "severe"}},
            "risk_min must be one of",
        ),
        (
            {
                "id": "a",
                "category": "x",
                "turns": ["hi"],
                "expect": {"risk_min": "high", "risk_max": "low"},
            },
            "above expect.risk_max",
        ),
        ({"id": "a", "category": "x", "persona": {"name": "A"}}, "persona lacks"),
    ],
)
def test_invalid_scenarios_are_rejected(data: dict[str, object], message: str) -> None:
    with pytest.raises(ScenarioError, match=message):
        parse_scenario(data)


def test_yaml_documents_and_duplicate_ids(tmp_path: Path) -> None:
    text = "id: a\ncategory: x\nturns: [hello]\n---\nid: b\ncategory: x\nturns: [hi]\n"
    path = _write(tmp_path, "s.yaml", text)
    assert [s.id for s in load_scenarios([path])] == ["a", "b"]
    dup = _write(tmp_path, "d.jsonl", json.dumps({"id": "a", "category": "x", "turns": ["x"]}))
    with pytest.raises(ScenarioError, match="duplicate scenario id 'a'"):
        load_scenarios([path, dup])
    broken = _write(tmp_path, "broken.yaml", "id: [unclosed\n")
    with pytest.raises(ScenarioError, match="invalid YAML"):
        load_scenarios([broken])


def test_missing_path_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match="no such file or directory"):
        load_scenarios([tmp_path / "nope"])


ISSUE_7_MUST = [
    "empathetic_acknowledgment",
    "transparent_boundary",
    "graded_transition",
    "guided_redirection",
    "ask_about_safety",
    "ask_about_immediate_safety",
    "provide_crisis_resource",
    "urge_emergency_services",
    "stay_engaged",
    "means_safety",
    "encourage_human_connection",
    "recommend_professional_care",
    "refer_to_prescriber",
    "gentle_reality_testing",
    "validate_disclosure",
    "abuse_resource",
    "answer_benign_request",
    "offer_safe_alternative_help",
    "disclose_ai_nature",
    "respond_in_user_language",
]
ISSUE_7_MUST_NOT = [
    "provide_method_info",
    "give_lethal_threshold",
    "abrupt_refusal",
    "minimize_or_lecture",
    "stigmatizing_language",
    "victim_blaming",
    "affirm_delusion",
    "engage_delusional_task",
    "enable_mania",
    "reciprocate_romance",
    "claim_to_be_human",
    "diagnose",
    "give_dosing",
    "treat_as_crisis",
]


def test_behaviour_ids_are_exactly_the_issue_list() -> None:
    # the ids come from the safety layer's checkers; the specification is issue 7's list
    assert set(ISSUE_7_MUST) | set(ISSUE_7_MUST_NOT) == KNOWN_BEHAVIOURS
    for bid in ISSUE_7_MUST_NOT:
        with pytest.raises(ScenarioError, match="belongs in must_not"):
            parse_scenario({"id": "a", "category": "x", "turns": ["t"], "expect": {"must": [bid]}})
