"""The ``escalate`` node: the host's hook fires once per crisis turn, never from completion."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from langchain_core.messages import HumanMessage
from langgraph.runtime import Runtime
from safety_records import risk_at, screen_at

from confide.config import load_settings
from confide.context import Context
from confide.engine import Services
from confide.safety.audit import AuditLog
from confide.safety.completion import make_completion_node
from confide.safety.crisis_flow import start_flow
from confide.safety.escalation import make_escalate_node

OVERDOSE = "I took all my pills 10 minutes ago"
ROPE = "I have the rope ready tonight"


def make_state(
    text: str,
    level: str,
    categories: tuple[str, ...] = (),
    boundary: tuple[str, ...] = (),
    turn: int = 1,
) -> dict[str, Any]:
    screen = screen_at(level, categories, normalized_text=text.lower(), boundary=boundary)
    risk = risk_at(level, categories)
    return {
        "messages": [HumanMessage(content=text)],
        "turn": turn,
        "screen": screen,
        "risk": risk,
        "boundary": list(boundary),
        "ccs_streak": 0,
    }


def _runtime(region: str = "US") -> Runtime[Context]:
    return Runtime(context=Context(region=region, now=1_000_000.0, user_id="ana", session_id="s"))


def escalate_then_complete(
    state: dict[str, Any], services: Services
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The escalate node, then the completion node over the state it leaves (as in the graph)."""
    escalated = make_escalate_node(services)(state, _runtime())  # type: ignore[arg-type]
    after = {**state, **escalated}
    return escalated, make_completion_node(services)(after, _runtime())  # type: ignore[arg-type]


def test_the_hook_fires_once_at_high_risk_without_message_text() -> None:
    events: list[dict[str, Any]] = []
    services = Services(settings=load_settings(), on_escalation=events.append)
    escalated, out = escalate_then_complete(
        make_state(ROPE, "imminent", ("suicide_method_or_plan",)), services
    )
    assert len(events) == 1
    assert events[0] == {
        "event": "escalation",
        "time": 1_000_000.0,
        "user_id": "ana",
        "session_id": "s",
        "turn": 1,
        "level": "imminent",
        "categories": ["suicide_method_or_plan"],
        "policy": "crisis",
        "region": "US",
    }
    assert ROPE not in json.dumps(events[0])
    assert escalated["escalation"] == {"turn": 1, "escalated": True, "note": "escalated to host"}
    assert "escalated to host" in out["reply_meta"]["notes"]


def test_the_completion_node_alone_never_calls_the_hook() -> None:
    events: list[dict[str, Any]] = []
    services = Services(settings=load_settings(), on_escalation=events.append)
    node = make_completion_node(services)
    out = node(make_state(ROPE, "imminent", ("suicide_method_or_plan",)), _runtime())  # type: ignore[arg-type]
    assert events == []
    assert "988" in out["draft"]
    assert "escalated to host" not in out["reply_meta"]["notes"]


def test_the_hook_does_not_fire_below_high_risk() -> None:
    events: list[dict[str, Any]] = []
    services = Services(settings=load_settings(), on_escalation=events.append)
    escalated, _ = escalate_then_complete(
        make_state("be my girlfriend", "none", (), ("romantic",)), services
    )
    assert events == []
    assert escalated["escalation"]["escalated"] is False


def test_a_failing_hook_never_breaks_the_reply() -> None:
    def broken(event: dict[str, Any]) -> None:
        raise RuntimeError("pager service down")

    services = Services(settings=load_settings(), on_escalation=broken)
    escalated, out = escalate_then_complete(
        make_state(OVERDOSE, "imminent", ("medical_emergency",)), services
    )
    assert escalated["escalation"]["escalated"] is False
    assert "911" in out["draft"]
    assert "escalation hook failed: RuntimeError" in out["reply_meta"]["notes"]


def test_a_crisis_flow_follow_up_does_not_escalate_again() -> None:
    events: list[dict[str, Any]] = []
    services = Services(settings=load_settings(), on_escalation=events.append)
    # the conversation layer holds risk at high; this message itself carries none
    state = make_state("ok, I called the line like you said", "none", turn=2)
    state["risk"] = {
        **state["risk"],
        "level": "high",
        "conversation_level": "high",
        "categories": ["suicidal_ideation_active"],
    }
    state["crisis_flow"] = start_flow(1, "high", "self", "en")
    escalated, out = escalate_then_complete(state, services)
    assert "crisis flow follow-up" in out["reply_meta"]["notes"]
    assert events == []
    assert escalated["escalation"]["escalated"] is False


def test_a_record_from_an_earlier_turn_is_not_read_as_this_turns(data_dir: Path) -> None:
    settings = load_settings()
    audit = AuditLog(settings.audit_path, settings)
    services = Services(settings=settings, audit=audit)
    state = make_state(OVERDOSE, "imminent", ("medical_emergency",), turn=3)
    state["escalation"] = {"turn": 2, "escalated": True, "note": "escalated to host"}
    out = make_completion_node(services)(state, _runtime())  # type: ignore[arg-type]
    assert "escalated to host" not in out["reply_meta"]["notes"]
    assert audit.events()[0]["escalated"] is False


def test_the_escalation_is_audited_once_with_the_hooks_payload(data_dir: Path) -> None:
    settings = load_settings()
    audit = AuditLog(settings.audit_path, settings)
    events: list[dict[str, Any]] = []
    services = Services(settings=settings, audit=audit, on_escalation=events.append)
    escalate_then_complete(make_state(OVERDOSE, "imminent", ("medical_emergency",)), services)
    logged = audit.events()
    assert [e["event"] for e in logged] == ["escalation", "completion"]
    assert logged[0] == {**events[0], "escalated": True}
    assert logged[1]["escalated"] is True
    assert OVERDOSE not in settings.audit_path.read_text(encoding="utf-8")


def test_through_the_graph_each_escalating_turn_fires_the_hook_exactly_once() -> None:
    from langgraph.checkpoint.memory import InMemorySaver

    from confide.graph.builder import build_graph

    events: list[dict[str, Any]] = []
    graph = build_graph(checkpointer=InMemorySaver(), on_escalation=events.append)
    config: Any = {"configurable": {"thread_id": "t"}}
    ctx = Context(region="US", now=1_000_000.0)
    counts, escalated_notes = [], []
    for text in (OVERDOSE, "thanks, what a day", "I called 911, they are coming"):
        out = graph.invoke({"messages": [HumanMessage(content=text)]}, config, context=ctx)
        counts.append(len(events))
        escalated_notes.append(out["reply_meta"]["notes"].count("escalated to host"))
    # the first two turns are full crisis replies (escalated); the third is the crisis flow's
    # follow-up to the steps taken, which does not page the host again
    assert counts == [1, 2, 2]
    assert escalated_notes == [1, 1, 0]
    assert [e["turn"] for e in events] == [1, 2]
