"""Per-turn facts (issue 16, item 3): computed once per turn and passed on.

- the user message is embedded once per turn by MiniLM (emotion, recall, strategy and remember
  share the vector), and a failing embedder breaks no risk detection;
- the screen of earlier messages is kept in state, and the conversation layer reads it
  instead of screening them again, with the same results over the scenario conversations;
- LLM calls are counted in a reducer channel, per turn.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from langchain_core.messages import AIMessage, HumanMessage
from langgraph.checkpoint.memory import InMemorySaver

from confide.agents import risk as risk_mod
from confide.config import load_settings
from confide.context import Context
from confide.engine import Services
from confide.facts import (
    TurnCalls,
    TurnFacts,
    calls_this_turn,
    count_calls,
    keep_screens,
    transcript,
)
from confide.graph import builder
from confide.memory.embedder import OfflineEmbedder, default_embedder
from confide.memory.store import MemoryStore

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"


def _conversations() -> list[tuple[str, list[str]]]:
    out = []
    for path in sorted(SCENARIOS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                out.append((str(item["id"]), [str(t) for t in item["turns"]]))
    return out


@pytest.mark.slow  # every scenario turn through the analysis graph, twice per risk node
def test_conversation_risk_from_kept_screens_equals_screening_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every scenario turn: the risk node's result from the kept screens is the result of
    screening the earlier messages again (the old way), and no earlier message is screened."""
    conversations = _conversations()
    assert len(conversations) >= 100  # every scenario file is read
    screened_again: list[int] = []
    real_digest = risk_mod.screen_digest

    def counting_digest(text: str, result: Any = None) -> Any:
        screened_again.append(1)
        return real_digest(text, result)

    monkeypatch.setattr(risk_mod, "screen_digest", counting_digest)
    compared = {"turns": 0, "rescreened": 0}
    real_make = builder.make_risk_node

    def make_checked_risk_node(services: Services) -> Any:
        node = real_make(services)

        def risk(state: Any, runtime: Any) -> dict[str, Any]:
            screened_again.clear()
            kept = node(state, runtime)
            assert not screened_again, "an earlier message was screened again"
            old_way = {k: v for k, v in state.items() if k != "screens"}
            again = node(old_way, runtime)
            compared["turns"] += 1
            compared["rescreened"] += int(bool(screened_again))
            assert kept == again, (state["messages"][-1].content, kept, again)
            return kept

        return risk

    monkeypatch.setattr(builder, "make_risk_node", make_checked_risk_node)
    services = Services(settings=load_settings(engine="offline"))
    graph = builder.build_analysis_graph(services)
    for cid, turns in conversations:
        config = {"configurable": {"thread_id": cid}}
        for text in turns:
            graph.invoke({"messages": [HumanMessage(text)]}, config, context=Context())
    assert compared["turns"] >= 300
    # the old way did screen earlier messages on many turns: the comparison exercised it
    assert compared["rescreened"] >= 50


def test_kept_screens_stay_few_and_merge_by_message() -> None:
    digests = {f"m{i}": {"rules_level": "none", "flags": []} for i in range(7)}
    merged = keep_screens(digests, {"m7": {"rules_level": "low", "flags": ["distress"]}})  # type: ignore[dict-item]
    assert list(merged)[-1] == "m7" and len(merged) == 8
    merged = keep_screens(merged, {"m8": {"rules_level": "none", "flags": []}})
    assert "m0" not in merged and len(merged) == 8


def test_llm_calls_add_up_within_a_turn_and_restart_with_the_next() -> None:
    first = count_calls({}, TurnCalls(turn=3, calls=1))  # type: ignore[arg-type]
    assert first == {"turn": 3, "calls": 1}
    both = count_calls(first, TurnCalls(turn=3, calls=2))
    assert both == {"turn": 3, "calls": 3}
    assert count_calls(both, TurnCalls(turn=4, calls=1)) == {"turn": 4, "calls": 1}
    assert calls_this_turn({"turn": 3, "llm_calls": both}) == 3
    assert calls_this_turn({"turn": 4, "llm_calls": both}) == 0  # last turn's calls


class _CountingEmbedder(OfflineEmbedder):
    """The real MiniLM, counting the texts it embeds."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []

    def embed(self, texts: list[str], batch_size: int = 32) -> Any:
        self.texts.extend(texts)
        return super().embed(texts, batch_size)


def test_each_message_is_embedded_once_per_turn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Emotion, recall, strategy and remember share one MiniLM vector of the message."""
    from confide.agents import emotion as emotion_mod
    from confide.memory import embedder as embedder_mod

    counting = _CountingEmbedder()
    monkeypatch.setattr(embedder_mod, "default_embedder", lambda: counting)
    emotion_mod.default_classifier.cache_clear()
    try:
        memory = MemoryStore(tmp_path / "memory", counting)
        settings = load_settings(data_dir=tmp_path, engine="offline")
        services = Services(settings=settings, memory=memory)
        graph = builder.build_graph_from_services(services, checkpointer=InMemorySaver())
        config = {"configurable": {"thread_id": "t"}}
        said = [
            "My sister and I had a huge fight on Sunday and she hasn't answered my calls.",
            "I lie awake until 3am going over everything I said to her.",
            "I feel so alone with it, my friends are all busy with their own things.",
        ]
        for text in said:
            counting.texts.clear()
            out = graph.invoke({"messages": [HumanMessage(text)]}, config, context=Context())
            assert out["emotion"]["source"] == "classifier"  # the classifier, not the fallback
            assert counting.texts == [text], counting.texts
        # the remembered message was stored with the shared vector: recall finds it by meaning
        stored = memory.candidates("local", said[0], n=3)
        assert any(c.text == said[0] and c.d_sem < 1e-4 for c in stored)
    finally:
        emotion_mod.default_classifier.cache_clear()


def test_shared_vectors_equal_the_embedders_own() -> None:
    """A text the tokenizer reads the same way (case, spacing) gets the very same vector."""
    facts = TurnFacts("I miss my Dad.\n\nHe  died in May")
    embedder = default_embedder()
    own = embedder.embed(["i miss my dad. he died in may"])[0]
    assert np.allclose(facts.vector(embedder), own, atol=1e-6)
    assert np.allclose(facts.vector(embedder, "i miss my dad. he died in may"), own, atol=1e-6)
    assert facts.computed == 1


def test_a_failing_embedder_breaks_no_risk_detection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from confide.agents import emotion as emotion_mod

    def broken(self: OfflineEmbedder, texts: list[str], batch_size: int = 32) -> Any:
        raise RuntimeError("onnxruntime failed")

    monkeypatch.setattr(OfflineEmbedder, "embed", broken)
    emotion_mod.default_classifier.cache_clear()
    try:
        memory = MemoryStore(tmp_path / "memory")
        services = Services(settings=load_settings(data_dir=tmp_path), memory=memory)
        graph = builder.build_graph_from_services(services, checkpointer=InMemorySaver())
        out = graph.invoke(
            {"messages": [HumanMessage("I want to kill myself tonight, I have the pills here")]},
            {"configurable": {"thread_id": "t"}},
            context=Context(),
        )
    finally:
        emotion_mod.default_classifier.cache_clear()
    assert out["risk"]["level"] in ("high", "imminent")
    assert out["reply_meta"]["policy"] != "counselor"
    assert out["emotion"]["source"] == "fallback"
    assert out["recalled"] == []


def test_agent_mode_asks_planner_emotion_and_risk_at_once_and_the_planner_once() -> None:
    """The planner's call overlaps the emotion and risk calls (two calls in a row per turn).

    The three calls meet at a barrier: the turn only goes on if all three are in flight
    together, so this checks the overlap without timing anything.
    """
    from benchmarks.bench_turn import FAKE_ANSWERS
    from confide.testing import ScriptedChatModel

    barrier = threading.Barrier(3, timeout=20)
    met: list[str] = []

    def respond(messages: Any, schema: str | None) -> Any:
        if schema in ("EmotionRefinement", "RiskJudgement", "StrategyPlan"):
            barrier.wait()  # BrokenBarrierError (a loud failure) unless all three are in flight
            met.append(str(schema))
        return FAKE_ANSWERS[schema]

    model = ScriptedChatModel(responder=respond)
    graph = builder.build_graph(
        model, checkpointer=InMemorySaver(), settings=load_settings(mode="agent")
    )
    out = graph.invoke(
        {"messages": [HumanMessage("My sister hasn't answered my calls since our fight.")]},
        {"configurable": {"thread_id": "t"}},
        context=Context(),
    )
    assert sorted(met) == ["EmotionRefinement", "RiskJudgement", "StrategyPlan"]
    schemas = [c["schema"] for c in model.calls]
    assert schemas.count("StrategyPlan") == 1  # the strategy node used the plan node's answer
    assert out["strategy"]["source"] == "llm+policy"
    assert out["reply_meta"]["llm_calls"] == len(model.calls) == 4


def test_transcript_keeps_the_last_messages_as_role_lines() -> None:
    messages = [
        HumanMessage(content="first"),
        AIMessage(content=[{"type": "text", "text": " a reply "}, "more"]),
        HumanMessage(content="  last  "),
    ]
    assert transcript(messages, 2) == "Companion: a reply  more\nPerson: last"
    shout = transcript(messages, 6, user="User", text=lambda m: str(m.type).upper())
    assert shout == "User: HUMAN\nCompanion: AI\nUser: HUMAN"
