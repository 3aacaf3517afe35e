"""Strategy agent: metric targets on the labelled set and the behaviours the issue asks for."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from langgraph.runtime import Runtime

from confide.agents.strategy import BiasMemory, make_strategy_node, plan_turn
from confide.config import load_settings
from confide.context import Context
from confide.engine import Services
from confide.errors import ModelError
from confide.evaluation.bias import q_and_b
from confide.records import STAGES, STRATEGIES
from confide.testing import ScriptedChatModel

#: The repository (found upward, so the file may move within tests/).
ROOT = next(p for p in Path(__file__).resolve().parents if (p / "pyproject.toml").is_file())
RUNTIME = Runtime(context=Context())


#: The scripted 8-turn conversation of the issue's "done when" (exam stress).
EIGHT_TURNS = [
    "I've been really stressed about my exams",
    "My finals start in two weeks and I haven't finished revising half the modules. "
    "Every time I sit down I panic and end up on my phone",
    "I feel so stupid, everyone else seems to cope fine",
    "yeah I guess",
    "My parents paid for this degree and I'm scared of letting them down",
    "What should I do? I need some kind of plan",
    "Maybe I could try studying in the library instead of my room",
    "Thanks, that actually helps a lot",
]


def _eval_module() -> ModuleType:
    path = ROOT / "scripts" / "strategy_eval.py"
    spec = importlib.util.spec_from_file_location("strategy_eval", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("strategy_eval", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def evaluation() -> ModuleType:
    module = _eval_module()
    module.cache_embeddings()  # same embeddings, computed once per message for this module
    return module


def _offline() -> Services:
    return Services(settings=load_settings())


def _run(
    node: Any, turns: Sequence[str], emotions: Sequence[dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """Drive the node through a conversation, feeding its own history back like the graph."""
    messages: list[BaseMessage] = []
    history: list[str] = []
    choices = []
    for k, text in enumerate(turns):
        messages.append(HumanMessage(text))
        state: dict[str, Any] = {"messages": list(messages), "strategy_history": list(history)}
        if emotions:
            state["emotion"] = emotions[k]
        out = node(state, RUNTIME)
        choices.append(out["strategy"])
        history += out["strategy_history"]
        messages.append(AIMessage("(reply)"))
    return choices


# --- the labelled set ------------------------------------------------------------------------


def test_set_is_large_and_spread_over_all_eight_strategies(evaluation: ModuleType) -> None:
    items = evaluation.load_dataset()
    assert len(items) >= 150
    dist = Counter(it["gold"]["strategy"] for it in items)
    assert set(dist) == set(STRATEGIES)
    assert all(dist[s] >= 8 for s in STRATEGIES)
    assert {it["gold"]["stage"] for it in items} == set(STAGES)
    test = [it for it in items if it["split"] == "test"]
    assert len(test) >= 150
    assert Counter(it["gold"]["strategy"] for it in test).keys() == set(STRATEGIES)
    # the test conversations come from files no dev context comes from
    assert not {it["source"] for it in test} & {
        it["source"] for it in items if it["split"] == "dev"
    }


def test_jsonl_matches_its_hand_written_source(evaluation: ModuleType) -> None:
    rebuilt = evaluation.build_contexts()
    assert rebuilt == evaluation.load_dataset()
    assert {it["source"] for it in rebuilt} == {p.name for p, _ in evaluation.SOURCES}


def _test_split(evaluation: ModuleType) -> tuple[list[dict[str, Any]], list[str]]:
    items = [it for it in evaluation.load_dataset() if it["split"] == "test"]
    return items, [it["gold"]["strategy"] for it in items]


def test_offline_engine_meets_the_metric_targets_on_the_blind_test_split(
    evaluation: ModuleType,
) -> None:
    items, gold = _test_split(evaluation)
    q, b = q_and_b(evaluation.predict_offline(items), gold)
    # Round 2 (blind, frozen): Q 47.5, B 0.45. Issue 15 recalibrated the engine on real
    # counsellors (ESConv: the stage model's clock, the output calibration), which costs this
    # LLM-written set about 5 points of Q and pushes B just over 0.5; the ESConv targets are
    # in test_offline_engine_meets_the_targets_on_esconv. See docs/strategy-counselor.md.
    assert q >= 40.0
    assert b <= 0.6


def test_bias_control_pulls_a_biased_llm_planner_down(evaluation: ModuleType) -> None:
    items, gold = _test_split(evaluation)
    favourite = "Providing Suggestions"
    _, raw_b = q_and_b([favourite] * len(items), gold)
    preds = evaluation.predict_llm(items, favourite)
    q, b = q_and_b(preds, gold)
    assert raw_b > 2.0
    assert b <= 0.6
    assert q >= 40.0
    assert Counter(preds)[favourite] / len(preds) < 0.25


def test_learned_head_and_bias_control_each_lower_bias(evaluation: ModuleType) -> None:
    items, gold = _test_split(evaluation)
    _, b_off = q_and_b(evaluation.predict_no_control(items), gold)
    q_policy, b_policy = q_and_b(evaluation.predict_policy_only(items), gold)
    q_on, b_on = q_and_b(evaluation.predict_offline(items), gold)
    assert b_on < b_policy < b_off
    assert q_on > q_policy


@pytest.mark.slow
def test_offline_engine_meets_the_targets_on_esconv(evaluation: ModuleType) -> None:
    """Real counsellors (ESConv dev, CC BY-NC): the open engine never trained on their labels."""
    if not evaluation.ESCONV_DEV.exists():
        pytest.skip("ESConv dev split not available (../shared/data/esconv/dev.tsv)")
    items = evaluation.load_esconv()
    assert len(items) == 2985
    assert len({it["conversation"] for it in items}) >= 200
    q, b = q_and_b(evaluation.predict_offline(items), [it["gold"]["strategy"] for it in items])
    # Measured: Q 21.4, B 0.34. Published external planner (2nd-hand): Q 21.1, B 0.36.
    assert q >= 21.1
    assert b <= 0.5


def test_esconv_loader_rebuilds_whole_conversations(tmp_path: Path) -> None:
    module = _eval_module()
    line1 = "1.0 0 0 Hi, I feel low EOS 1.0 1 1 [Other] Hello"
    line2 = line1 + " EOS 1.0 1 2 [Questions] What happened?"
    line3 = "0.0 0 0 Work is bad EOS 0.0 1 1 [Reflection of feelings] That sounds hard."
    path = tmp_path / "dev.tsv"
    path.write_text("\n".join([line1, line2, line3]) + "\n", encoding="utf-8")
    items = module.load_esconv(path)
    assert [it["gold"]["strategy"] for it in items] == [
        "Others",
        "Question",
        "Reflection of Feelings",
    ]
    assert items[0]["conversation"] == items[1]["conversation"] != items[2]["conversation"]
    assert [m["role"] for m in items[1]["context"]] == ["user", "assistant"]
    assert items[1]["context"][1] == {"role": "assistant", "content": "Hello", "strategy": "Others"}


# --- behaviours ------------------------------------------------------------------------------


def test_vent_request_means_no_suggestions_all_session() -> None:
    node = make_strategy_node(_offline())
    choices = _run(
        node,
        [
            "I just need to vent, I don't want advice",
            "My manager humiliated me in the team meeting today and everyone laughed",
            "It's the third time this month and I'm so angry I can't sleep",
            "yeah",
            "I keep replaying it in my head over and over, it's been going on for weeks",
            "I honestly don't know how much longer I can take this job",
        ],
    )
    assert all(c["name"] != "Providing Suggestions" for c in choices)
    assert all(c["probs"]["Providing Suggestions"] == 0.0 for c in choices)


def test_no_suggestion_before_any_exploration() -> None:
    node = make_strategy_node(_offline())
    out = node(
        {
            "messages": [HumanMessage("What should I do about my job? I hate it")],
            "strategy_history": [],
        },
        RUNTIME,
    )
    assert out["strategy"]["name"] != "Providing Suggestions"
    assert out["strategy"]["probs"]["Providing Suggestions"] == 0.0
    # ... even when the comforting moves were used: exploration must come first
    out = node(
        {
            "messages": [HumanMessage("ok but what should I do, seriously?")],
            "strategy_history": ["Reflection of Feelings", "Affirmation and Reassurance"],
        },
        RUNTIME,
    )
    assert out["strategy"]["name"] != "Providing Suggestions"


def _flatmate_asks_what_to_do() -> list[BaseMessage]:
    """Two exploration moves, then "what should I do?": the problem is understood."""
    return [
        HumanMessage("My flatmate never pays her share of the bills on time"),
        AIMessage("What happens when the bills come in?"),
        HumanMessage(
            "I end up covering it and she pays me back weeks later, if at all. "
            "It's been like that since we moved in last year"
        ),
        AIMessage("So you keep covering her share and waiting to be paid back."),
        HumanMessage("Exactly. What should I do?"),
    ]


def test_what_should_i_do_allows_action_once_understood() -> None:
    node = make_strategy_node(_offline())
    messages = _flatmate_asks_what_to_do()
    out = node(
        {"messages": messages, "strategy_history": ["Question", "Restatement or Paraphrasing"]},
        RUNTIME,
    )
    assert out["strategy"]["name"] == "Providing Suggestions"
    assert out["strategy"]["stage"] == "Action"


def test_worsening_emotion_calls_for_comfort_before_action() -> None:
    node = make_strategy_node(_offline())
    messages = _flatmate_asks_what_to_do()
    worsening = {
        "label": "anger",
        "intensity": 0.8,
        "valence": -0.6,
        "shift": {"trend": "worsening", "summary": "anger rising"},
    }
    out = node(
        {
            "messages": messages,
            "emotion": worsening,
            "strategy_history": ["Question", "Restatement or Paraphrasing"],
        },
        RUNTIME,
    )
    assert out["strategy"]["stage"] == "Comforting"


def test_moderate_risk_brings_a_direct_check_in_question() -> None:
    node = make_strategy_node(_offline())
    out = node(
        {
            "messages": [HumanMessage("Sometimes I think everyone would be better off without me")],
            "risk": {"level": "moderate"},
            "strategy_history": ["Reflection of Feelings"],
        },
        RUNTIME,
    )
    assert out["strategy"]["name"] == "Question"
    assert "check-in" in out["strategy"]["rationale"]
    # right after the check-in question, listen to the answer instead of asking again
    out = node(
        {
            "messages": [HumanMessage("not really, I'm just so tired of everything")],
            "risk": {"level": "moderate"},
            "strategy_history": ["Question"],
        },
        RUNTIME,
    )
    assert out["strategy"]["name"] == "Reflection of Feelings"


def test_flagged_ideation_at_low_risk_also_gets_a_check_in_and_no_advice() -> None:
    node = make_strategy_node(_offline())
    risk = {"level": "low", "categories": ["suicidal_ideation_passive"]}
    out = node(
        {
            "messages": [HumanMessage("What should I do? I wish I could just disappear")],
            "risk": risk,
            "strategy_history": ["Question", "Restatement or Paraphrasing"],
        },
        RUNTIME,
    )
    assert out["strategy"]["name"] == "Question"
    assert out["strategy"]["probs"]["Providing Suggestions"] == 0.0


def test_eight_turn_conversation_progresses_and_stays_varied() -> None:
    node = make_strategy_node(_offline())
    stable = {
        "label": "anxiety",
        "intensity": 0.6,
        "valence": -0.4,
        "shift": {"trend": "stable", "summary": ""},
    }
    improving = {**stable, "shift": {"trend": "improving", "summary": ""}}
    turns = EIGHT_TURNS
    choices = _run(node, turns, [stable] * 6 + [improving] * 2)
    names = [c["name"] for c in choices]
    stages = [c["stage"] for c in choices]
    assert all(n in STRATEGIES for n in names)
    # Exploration and Comforting come before Action; Action arrives in the second half
    assert stages[0] != "Action"
    assert "Action" in stages
    first_action = stages.index("Action")
    assert first_action >= 4
    assert "Exploration" in stages[:first_action] and "Comforting" in stages[:first_action]
    assert max(Counter(names).values()) / len(names) <= 0.4
    for c in choices:
        assert sum(c["probs"].values()) == pytest.approx(1.0, abs=1e-6)
        assert set(c["probs"]) == set(STRATEGIES)
        assert c["rationale"] and "\n" not in c["rationale"]
        assert c["source"] == "policy"


def test_node_works_without_emotion_or_risk_records() -> None:
    node = make_strategy_node(_offline())
    out = node({"messages": [HumanMessage("hi")]}, RUNTIME)
    assert out["strategy"]["name"] in STRATEGIES
    assert out["strategy_history"] == [out["strategy"]["name"]]


# --- LLM planner -------------------------------------------------------------------------------


def _plan(strategy: str, probs: dict[str, float] | None = None) -> dict[str, Any]:
    return {
        "stage": "Exploration",
        "strategy": strategy,
        "probabilities": probs or {strategy: 0.8, "Others": 0.2},
        "rationale": "the model's one-line reason",
    }


def test_llm_planner_is_combined_with_the_policy() -> None:
    model = ScriptedChatModel(script=[_plan("Question")])
    services = Services(settings=load_settings(), chat_model=model)
    out = make_strategy_node(services)(
        {"messages": [HumanMessage("I had a fight with my sister")]}, RUNTIME
    )
    assert out["strategy"]["source"] == "llm+policy"
    assert out["strategy"]["name"] == "Question"
    assert len(model.calls) == 1 and model.calls[0]["schema"] == "StrategyPlan"


def test_llm_planner_cannot_suggest_before_exploration() -> None:
    model = ScriptedChatModel(
        script=[_plan("Providing Suggestions", {"Providing Suggestions": 1.0})]
    )
    services = Services(settings=load_settings(), chat_model=model)
    choice, notes, calls = plan_turn(
        services,
        {"messages": [HumanMessage("My boss yells at me. What should I do?")]},
        BiasMemory(),
    )
    assert choice["name"] != "Providing Suggestions"
    assert "exploration before suggestions" in notes
    assert calls == 1


@pytest.mark.parametrize("failure", [ModelError("unreachable"), "not json at all"])
def test_llm_planner_failure_falls_back_to_the_policy(failure: Any) -> None:
    model = ScriptedChatModel(script=[failure])
    services = Services(settings=load_settings(), chat_model=model)
    state = {"messages": [HumanMessage("I lost my job and I feel useless")]}
    out = make_strategy_node(services)(state, RUNTIME)
    offline = make_strategy_node(_offline())(state, RUNTIME)
    assert out["strategy"]["source"] == "policy"
    assert out["strategy"]["name"] == offline["strategy"]["name"]


def test_fused_mode_plans_without_a_model_call() -> None:
    model = ScriptedChatModel(script=[])  # any call would raise
    services = Services(settings=load_settings(mode="fused"), chat_model=model)
    out = make_strategy_node(services)({"messages": [HumanMessage("hello")]}, RUNTIME)
    assert out["strategy"]["name"] in STRATEGIES
    assert model.calls == []


@pytest.mark.parametrize("favourite", ["Providing Suggestions", "Affirmation and Reassurance"])
def test_biased_llm_planner_eight_turns_still_progress_and_vary(
    evaluation: ModuleType, favourite: str
) -> None:
    """An LLM that always wants the same move still yields a varied, staged conversation."""
    services = Services(settings=load_settings(), chat_model=evaluation.always_model(favourite))
    node = make_strategy_node(services)
    turns = EIGHT_TURNS
    choices = _run(node, turns)
    names = [c["name"] for c in choices]
    stages = [c["stage"] for c in choices]
    assert all(c["source"] == "llm+policy" for c in choices)
    assert max(Counter(names).values()) / len(names) <= 0.4
    assert "Action" in stages and stages.index("Action") >= 4
    assert "Exploration" in stages[: stages.index("Action")]
    assert names[0] != "Providing Suggestions"


def test_policy_calibration_constant_matches_the_current_policy(evaluation: ModuleType) -> None:
    """POLICY_MEAN must be re-measured whenever the policy's scores change."""
    from confide.agents.strategy import POLICY_MEAN, policy_scores, read_signals, softmax

    dev = [it for it in evaluation.load_dataset() if it["conversation"] <= evaluation.DEV_LAST]
    mean = dict.fromkeys(STRATEGIES, 0.0)
    for it in dev:
        st = evaluation.state_for(it)
        sig = read_signals(st["messages"], st["emotion"], st["risk"], st["strategy_history"])
        for name, p in softmax(policy_scores(sig)).items():
            mean[name] += p / len(dev)
    for name in STRATEGIES:
        assert POLICY_MEAN[name] == pytest.approx(mean[name], abs=0.002), name


def test_offline_engine_is_deterministic_turn_by_turn(evaluation: ModuleType) -> None:
    items = evaluation.load_dataset()[::4]
    assert evaluation.predict_offline(items) == evaluation.predict_offline(list(items))
    reversed_preds = evaluation.predict_offline(items[::-1])[::-1]
    assert reversed_preds == evaluation.predict_offline(items)


def test_eval_llm_strategy_report_runs_the_planner_through_the_endpoint_factory(
    evaluation: ModuleType, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`make eval-llm`'s strategy half: one planner call per context, a Q/B table per set."""
    import confide.engine as engine

    fake = evaluation.always_model("Question")
    monkeypatch.setattr(engine, "make_chat_model", lambda settings: fake)
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    evaluation.llm_report(8)
    out = capsys.readouterr().out
    assert "| Confide test split (blind) | 8 |" in out
    rows = [line.split("|")[1:-1] for line in out.splitlines() if line.startswith("| ")]
    data = [cells for cells in rows[1:] if not cells[0].startswith("-")]
    assert data
    # no planner failures: every call was answered (the column of every set reads 0)
    assert [cells[4].strip() for cells in data] == ["0"] * len(data)
