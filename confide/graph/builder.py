"""Assembles the turn graph. Only wiring lives here; every node is its own module.

screen -> (emotion | risk | recall | plan) -> strategy
    strategy -> counselor (remember beside it)
    strategy -> escalate -> compassionate_completion -> remember
    strategy -> compassionate_completion -> remember

``plan`` exists only in agent mode with a model (the planner's call overlaps the emotion and
risk calls). ``escalate`` (:func:`confide.safety.escalation.make_escalate_node`) fires the host's
``on_escalation`` hook on crisis turns; ``interrupt_on_crisis=True`` pauses before it.

The two reply nodes draft and guard in one step (:func:`confide.safety.guard.make_guarded_node`):
the draft is a local value of the node, the guard turns it into the turn's ``AIMessage``, and
only that leaves the node. No channel of the graph ever holds unguarded text, so no stream
mode (``values``, ``updates``, ``messages``, ``custom``, ``checkpoints``, ``tasks``,
``debug``) and no ``astream_events`` event carries any; model calls run without the stream
handlers (:mod:`confide.engine`), and a streamed reply reaches the ``custom`` stream sentence
by sentence, guarded (:class:`confide.safety.streaming.ReplyPreview`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Protocol

from langchain_core.language_models import BaseChatModel
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph
from langgraph.runtime import Runtime

from confide.agents.counselor import make_counselor_node
from confide.agents.emotion import make_emotion_node
from confide.agents.risk import make_risk_node
from confide.agents.strategy import make_plan_node, make_strategy_node, plans_early
from confide.config import Settings, load_settings
from confide.context import Context
from confide.engine import EscalationHook, Services, counting_calls
from confide.facts import TurnCalls
from confide.graph.budget import node_budget
from confide.graph.routers import route_reply
from confide.memory.recall import make_recall_node
from confide.memory.remember import make_remember_node
from confide.memory.store import MemoryStore
from confide.safety.audit import AuditLog
from confide.safety.completion import make_completion_node
from confide.safety.escalation import make_escalate_node
from confide.safety.guard import make_guarded_node
from confide.safety.screen import make_screen_node
from confide.state import InputState, OutputState, TurnState


class Node(Protocol):
    """A turn-graph node as LangGraph calls it: state plus the keyword ``runtime``."""

    def __call__(self, state: TurnState, *, runtime: Runtime[Context]) -> dict[str, Any]:
        """Run the node on the state; return a partial update."""
        ...


def _node(
    fn: Callable[[TurnState, Runtime[Context]], dict[str, Any]],
    services: Services | None = None,
    name: str = "",
) -> Node:
    """Adapt a node factory's function to LangGraph's keyword-``runtime`` protocol.

    With ``services``, the node's model calls run under its total deadline
    (:func:`confide.graph.budget.node_budget`): a crisis turn never waits on a model. Every
    model call the node makes is added to the turn's ``llm_calls`` channel.
    """

    def node(state: TurnState, *, runtime: Runtime[Context]) -> dict[str, Any]:
        with counting_calls() as calls:
            if services is None:
                update = fn(state, runtime)
            else:
                with node_budget(name, state, services):
                    update = fn(state, runtime)
        if calls[0]:
            turn = int(state.get("turn") or 0)
            update = {**update, "llm_calls": TurnCalls(turn=turn, calls=calls[0])}
        return update

    node.__name__ = getattr(fn, "__name__", "node")
    return node


def _screen(fn: Callable[[TurnState, Runtime[Context]], dict[str, Any]]) -> Node:
    """The screen node, stamping the turn's start (every model deadline counts from it)."""

    def screen(state: TurnState, *, runtime: Runtime[Context]) -> dict[str, Any]:
        started = time.time()
        return {**fn(state, runtime), "turn_started": started}

    return screen


#: The turn graph's nodes in the order they are added; the builder adds exactly these
#: (``tests/graph`` compares them with the compiled graph's nodes).
NODES: tuple[str, ...] = (
    "screen",
    "emotion",
    "risk",
    "recall",
    "plan",
    "strategy",
    "counselor",
    "escalate",
    "compassionate_completion",
    "remember",
)


def build_graph(
    chat_model: BaseChatModel | None = None,
    *,
    checkpointer: BaseCheckpointSaver[Any] | None = None,
    memory: MemoryStore | None = None,
    settings: Settings | None = None,
    on_escalation: EscalationHook | None = None,
    interrupt_on_crisis: bool = False,
    audit: AuditLog | None = None,
) -> CompiledStateGraph[TurnState, Context, InputState, OutputState]:
    """Build and compile Confide's turn graph.

    Args:
        chat_model: any LangChain chat model for the LLM engine; ``None`` runs the offline
            engine (local classifiers and the composed counselor).
        checkpointer: where sessions persist (use :func:`confide.persistence.open_checkpointer`
            for the embedded SQLite default); ``None`` for LangGraph Server, which brings its own.
        memory: the emotion-aware memory store; ``None`` runs without long-term memory.
        settings: resolved settings (default: :func:`confide.config.load_settings`).
        on_escalation: called with a safety event when risk reaches high or imminent, so a
            host app can bring in a human.
        interrupt_on_crisis: pause the graph (LangGraph interrupt) before a crisis reply (risk
            high or imminent; not before boundary-only replies).
        audit: safety audit log (default: JSONL in the data dir).

    Invoke with ``context=Context(user_id=..., session_id=...)`` and a ``thread_id``.
    """
    settings = settings or load_settings()
    services = Services(
        settings=settings,
        chat_model=chat_model,
        memory=memory,
        audit=audit if audit is not None else AuditLog(settings.audit_path, settings),
        on_escalation=on_escalation,
    )
    return build_graph_from_services(
        services, checkpointer=checkpointer, interrupt_on_crisis=interrupt_on_crisis
    )


_AFTER_STRATEGY = ("counselor", "escalate", "compassionate_completion", "remember")


def _reply_and_remember(state: TurnState) -> str | list[str]:
    """:func:`route_reply`; on a counselor turn ``remember`` runs beside the reply node.

    ``remember`` needs the message, emotion and risk, not the reply, so on a normal turn it
    writes while the counselor drafts (off the reply's critical path). A crisis or boundary
    turn keeps it after Compassionate Completion, so a host that pauses before ``escalate``
    (``interrupt_on_crisis``) sees only ``escalate`` next.
    """
    route = route_reply(state)
    return [route, "remember"] if route == "counselor" else route


def build_graph_from_services(
    services: Services,
    *,
    checkpointer: BaseCheckpointSaver[Any] | None = None,
    interrupt_on_crisis: bool = False,
) -> CompiledStateGraph[TurnState, Context, InputState, OutputState]:
    """Wire the nodes around an existing :class:`Services` (used by the app and evaluation)."""
    graph = StateGraph(
        TurnState, context_schema=Context, input_schema=InputState, output_schema=OutputState
    )
    # the LLM planner's call overlaps the emotion and risk calls (agent mode only: offline and
    # in fused mode there is no planner call, and the graph has no plan node to schedule)
    early = plans_early(services)
    # the reply nodes draft and guard in one step: the draft never enters the state
    counselor = make_guarded_node(services, make_counselor_node(services))
    completion = make_guarded_node(services, make_completion_node(services))
    nodes: dict[str, Node] = {
        "screen": _screen(make_screen_node(services)),
        "emotion": _node(make_emotion_node(services), services, "emotion"),
        "risk": _node(make_risk_node(services), services, "risk"),
        "recall": _node(make_recall_node(services)),
        **({"plan": _node(make_plan_node(services), services, "plan")} if early else {}),
        "strategy": _node(make_strategy_node(services), services, "strategy"),
        "counselor": _node(counselor, services, "counselor"),
        # fires the host's on_escalation hook; interrupt_on_crisis pauses before it
        "escalate": _node(make_escalate_node(services)),
        "compassionate_completion": _node(completion, services, "compassionate_completion"),
        "remember": _node(make_remember_node(services)),
    }
    expected = NODES if early else tuple(n for n in NODES if n != "plan")
    if tuple(nodes) != expected:  # pragma: no cover - a wiring edit that forgot NODES
        raise AssertionError(f"NODES {expected} differ from the wired nodes {tuple(nodes)}")
    for name, node in nodes.items():
        graph.add_node(name, node)

    graph.add_edge(START, "screen")
    analysis = ["emotion", "risk", "recall", *(["plan"] if early else [])]
    for parallel in analysis:
        graph.add_edge("screen", parallel)
    graph.add_edge(analysis, "strategy")
    graph.add_conditional_edges("strategy", _reply_and_remember, list(_AFTER_STRATEGY))
    graph.add_edge("escalate", "compassionate_completion")
    graph.add_edge("counselor", END)
    graph.add_edge("compassionate_completion", "remember")
    graph.add_edge("remember", END)
    compiled = graph.compile(
        checkpointer=checkpointer,
        interrupt_before=["escalate"] if interrupt_on_crisis else None,
        name="confide",
    )
    return compiled


def build_analysis_graph(
    services: Services,
) -> CompiledStateGraph[TurnState, Context, InputState, OutputState]:
    """The analysis agents only (no recall, no reply): used by ``confide analyze``.

    screen -> (emotion | risk) -> strategy. Uses an in-memory checkpointer so each transcript
    is one thread whose turns accumulate like a live session.
    """
    from langgraph.checkpoint.memory import InMemorySaver

    graph = StateGraph(
        TurnState, context_schema=Context, input_schema=InputState, output_schema=OutputState
    )
    graph.add_node("screen", _screen(make_screen_node(services)))
    graph.add_node("emotion", _node(make_emotion_node(services), services, "emotion"))
    graph.add_node("risk", _node(make_risk_node(services), services, "risk"))
    graph.add_node("strategy", _node(make_strategy_node(services), services, "strategy"))
    graph.add_edge(START, "screen")
    graph.add_edge("screen", "emotion")
    graph.add_edge("screen", "risk")
    graph.add_edge(["emotion", "risk"], "strategy")
    graph.add_edge("strategy", END)
    return graph.compile(checkpointer=InMemorySaver(), name="confide-analysis")
