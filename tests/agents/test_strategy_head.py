"""The strategy planner's learned head: what it was trained on, and how it degrades."""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pytest
from langchain_core.messages import AIMessage, HumanMessage
from langgraph.runtime import Runtime

from confide.agents import strategy as strategy_mod
from confide.agents.strategy import (
    HEAD_FEATURES,
    choose,
    head_features,
    make_strategy_node,
    read_signals,
)
from confide.agents.strategy_head import HeadError, head_path, load_head, parse_head, train_head
from confide.config import load_settings
from confide.context import Context
from confide.engine import Services
from confide.records import STRATEGIES

#: The repository (found upward, so the file may move within tests/).
ROOT = next(p for p in Path(__file__).resolve().parents if (p / "pyproject.toml").is_file())
RUNTIME = Runtime(context=Context())


def _flatmate_state() -> dict[str, Any]:
    return {
        "messages": [
            HumanMessage("My flatmate never pays her share of the bills on time"),
            AIMessage("What happens when the bills come in?"),
            HumanMessage("I end up covering it and she pays me back weeks later, if at all"),
            AIMessage("So you keep covering her share and waiting to be paid back."),
            HumanMessage("Exactly. What should I do?"),
        ],
        "strategy_history": ["Question", "Restatement or Paraphrasing"],
    }


@pytest.mark.slow
def test_shipped_head_is_exactly_what_the_training_script_produces_from_dev_only(
    load_script: Callable[[str], ModuleType],
) -> None:
    train = load_script("train_strategy")
    evaluation = sys.modules["strategy_eval"]
    shipped = json.loads(head_path().read_text(encoding="utf-8"))
    dev_files = {p.name for p, split in evaluation.SOURCES if split == "dev"}
    test_files = {p.name for p, split in evaluation.SOURCES if split == "test"}
    assert test_files, "there must be a test split that the head never sees"
    assert set(shipped["meta"]["trained_on"]) == dev_files
    assert not set(shipped["meta"]["trained_on"]) & test_files
    retrained = json.loads(train.train(train.dev_items()).to_json())
    # compared numerically: another CPU or BLAS build rounds the last digit differently
    assert retrained["meta"] == shipped["meta"]
    assert retrained["labels"] == shipped["labels"]
    assert retrained["features"] == shipped["features"]
    for key in ("mean", "scale", "weights", "bias"):
        got = np.asarray(retrained[key], dtype=float)
        want = np.asarray(shipped[key], dtype=float)
        assert got.shape == want.shape, key
        np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-6, err_msg=key)


def test_head_file_matches_the_code_and_loads() -> None:
    head = load_head(HEAD_FEATURES)
    assert head is not None
    assert head.feature_names == HEAD_FEATURES
    sig = read_signals(_flatmate_state()["messages"], None, None, ["Question"])
    probs = head.probs(head_features(sig, [0.0] * strategy_mod.EMBEDDING_DIM))
    assert set(probs) == set(STRATEGIES)
    assert sum(probs.values()) == pytest.approx(1.0)


def test_a_head_for_other_features_is_refused(tmp_path: Path) -> None:
    head = train_head([[0.0, 1.0], [1.0, 0.0]], ["Question", "Others"], ["a", "b"])
    with pytest.raises(HeadError):
        parse_head(head.to_json(), HEAD_FEATURES)
    broken = tmp_path / "head.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(HeadError):
        parse_head(broken.read_text(encoding="utf-8"), HEAD_FEATURES)
    assert load_head(HEAD_FEATURES, str(broken)) is None


def test_missing_inputs_count_as_their_training_mean() -> None:
    head = load_head(HEAD_FEATURES)
    assert head is not None
    at_mean = head.probs(list(head.mean))
    missing = head.probs([math.nan] * len(HEAD_FEATURES))
    for name in STRATEGIES:
        assert missing[name] == pytest.approx(at_mean[name])


def test_planner_decides_without_the_embedder(monkeypatch: pytest.MonkeyPatch) -> None:
    """An embedder failure degrades the head's input; the turn still gets a sound plan."""

    def broken() -> Any:
        raise RuntimeError("onnxruntime session failed")

    monkeypatch.setattr("confide.memory.embedder.default_embedder", broken)
    assert strategy_mod.embed_last_message("anything") is None
    out = make_strategy_node(Services(settings=load_settings()))(_flatmate_state(), RUNTIME)
    assert out["strategy"]["name"] in STRATEGIES
    assert out["strategy"]["name"] == "Providing Suggestions"  # the request is honoured


def test_planner_decides_without_the_head_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(strategy_mod, "load_head", lambda features: None)
    sig = read_signals(
        _flatmate_state()["messages"], None, None, _flatmate_state()["strategy_history"]
    )
    choice, _ = choose(sig)
    assert choice["name"] == "Providing Suggestions"
    vent = read_signals([HumanMessage("I just need to vent, no advice please")], None, None, [])
    assert choose(vent)[0]["probs"]["Providing Suggestions"] == 0.0


# --- the opt-in ESConv head (CC BY-NC 4.0) ---------------------------------------------------


def test_esconv_head_is_a_separate_file_that_carries_its_licence() -> None:
    from confide.agents.strategy_head import esconv_head_path, head_summary

    path = esconv_head_path()
    assert path.parent != head_path().parent
    meta = json.loads(path.read_text(encoding="utf-8"))["meta"]
    assert meta["licence"] == "CC BY-NC 4.0"
    assert "ESConv" in meta["trained_on"]
    notice = (path.parent / "NOTICE").read_text(encoding="utf-8")
    assert "CC BY-NC 4.0" in notice and "non-commercial" in notice.lower()
    assert "NonCommercial" in (path.parent / "LICENSE").read_text(encoding="utf-8")
    assert load_head(HEAD_FEATURES, str(path)) is not None
    assert "CC BY-NC 4.0" in head_summary("esconv")
    assert "Apache-2.0" in head_summary("open")
    # the open head never saw ESConv
    assert "esconv" not in json.dumps(json.loads(head_path().read_text())["meta"]).lower()


def test_strategy_head_setting_selects_the_esconv_head(tmp_path: Path) -> None:
    assert load_settings(config_path=tmp_path / "none.toml", environ={}).strategy_head == "open"
    settings = load_settings(
        config_path=tmp_path / "none.toml", environ={"CONFIDE_STRATEGY_HEAD": "esconv"}
    )
    assert settings.strategy_head == "esconv"
    state = _flatmate_state()
    sig = read_signals(state["messages"], None, None, state["strategy_history"])
    open_probs = choose(sig, head_name="open")[0]["probs"]
    esconv_probs = choose(sig, head_name="esconv")[0]["probs"]
    assert open_probs != esconv_probs
    node = make_strategy_node(Services(settings=settings))
    out = node(state, RUNTIME)  # type: ignore[arg-type]
    assert out["strategy"]["probs"] == esconv_probs


def test_unknown_strategy_head_is_a_config_error(tmp_path: Path) -> None:
    from confide.errors import ConfigError

    with pytest.raises(ConfigError):
        load_settings(config_path=tmp_path / "none.toml", environ={"CONFIDE_STRATEGY_HEAD": "x"})
