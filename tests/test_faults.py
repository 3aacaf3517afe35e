"""Fault injection against a real OpenAI-compatible HTTP server on loopback.

:class:`confide.faultserver.FaultServer` answers every request in one broken way (HTTP
errors, hangs, trickles, malformed bodies, schema violations, empty answers, lone surrogates,
escape sequences, JSON instead of prose, cut and garbled streams). Confide talks to it with
its real client (``make_chat_model``), in every structured-output method and both modes,
through ``Companion``, the graph, ``--plain`` and the TUI. Whatever the fault:

* a crisis message gets the fixed crisis text with the region's resources;
* any other message gets a readable reply, free of control characters, never a JSON document;
* nothing raises.

Deadlines are shortened (crisis 0.6 s, turn 1.2 s) so that hangs end quickly; no test
asserts a duration (the benchmark ``benchmarks/bench_faults.py`` measures them).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from langchain_core.messages import AIMessage, HumanMessage

from confide.companion import Companion
from confide.config import Mode, Settings, StructuredMethod, load_settings
from confide.context import Context
from confide.engine import make_chat_model
from confide.faultserver import FAULTS, FaultServer
from confide.graph.builder import build_graph
from confide.plain import run_plain

CRISIS = "I have the pills in my hand and I'm going to take them all tonight"
EVERYDAY = "I had a rough day at work and I feel really tired"
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
#: Text that only the misbehaving server produces: it must never reach the person.
MODEL_MARKERS = ("pwned", "I am a JSON document", '{"')
#: Faults that leave no usable answer for any kind of call (others break only some calls).
BREAKS_EVERY_CALL = frozenset(
    {
        "http_500",
        "http_429",
        "hang",
        "hang_after_headers",
        "trickle",
        "malformed_body",
        "empty_answer",
        "cut_stream",
    }
)
METHODS: tuple[StructuredMethod, ...] = ("function_calling", "json_mode", "json_schema")
MODES: tuple[Mode, ...] = ("agent", "fused")


@pytest.fixture(scope="module")
def server() -> Iterator[FaultServer]:
    with FaultServer(trickle_s=0.2, hang_s=15.0) as srv:
        yield srv


def _settings(
    server: FaultServer,
    data_dir: Path,
    method: StructuredMethod,
    mode: Mode,
    deadlines: tuple[float, float] = (0.6, 1.2),
) -> Settings:
    return load_settings(
        data_dir=data_dir,
        base_url=server.base_url,
        api_key="not-a-key",
        model="fault",
        structured_method=method,
        mode=mode,
        crisis_deadline_s=deadlines[0],
        turn_deadline_s=deadlines[1],
    )


def _assert_crisis_reply(reply: str, fault: str) -> None:
    assert "988" in reply, f"{fault}: no crisis line in {reply!r}"
    _assert_clean(reply, fault)


def _assert_clean(reply: str, fault: str) -> None:
    assert reply.strip(), f"{fault}: empty reply"
    assert not CONTROL.search(reply), f"{fault}: control characters in {reply!r}"
    for marker in MODEL_MARKERS:
        assert marker not in reply, f"{fault}: {marker!r} reached the person: {reply!r}"
    reply.encode("utf-8")


def _turn(companion: Companion, server: FaultServer, fault: str, text: str) -> dict[str, Any]:
    server.mode = fault
    companion.services.model_down_until = 0.0  # every fault meets a closed breaker
    return companion.send(text, f"{fault}-{abs(hash(text)) % 10_000}")


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("method", METHODS)
def test_every_fault_still_gives_the_crisis_text(
    server: FaultServer, data_dir: Path, method: StructuredMethod, mode: Mode
) -> None:
    companion = Companion(_settings(server, data_dir, method, mode), with_memory=False)
    assert companion.engine == "llm"
    try:
        for fault in FAULTS:
            result = _turn(companion, server, fault, CRISIS)
            _assert_crisis_reply(result["reply"], fault)
            assert result["risk"]["level"] in ("high", "imminent")
    finally:
        companion.close()


@pytest.mark.slow
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("method", METHODS)
def test_every_fault_still_gives_a_clean_reply_to_an_everyday_message(
    server: FaultServer, data_dir: Path, method: StructuredMethod, mode: Mode
) -> None:
    companion = Companion(_settings(server, data_dir, method, mode), with_memory=False)
    try:
        for fault in FAULTS:
            result = _turn(companion, server, fault, EVERYDAY)
            _assert_clean(result["reply"], fault)
            if fault in BREAKS_EVERY_CALL:
                # the model gave nothing usable: the offline engine answered and says so
                assert result["reply_meta"]["fallback"] is True, fault
    finally:
        companion.close()


def test_the_real_model_path_works_when_the_server_behaves(
    server: FaultServer, data_dir: Path
) -> None:
    settings = _settings(server, data_dir, "json_schema", "agent", deadlines=(20.0, 60.0))
    companion = Companion(settings, with_memory=False)
    try:
        result = _turn(companion, server, "ok", EVERYDAY)
    finally:
        companion.close()
    assert result["reply_meta"]["engine"] == "llm", result["reply_meta"]["notes"]
    assert result["reply_meta"]["fallback"] is False
    assert "heavy" in result["reply"]  # the server's own prose reached the person


def test_hostile_model_text_is_sanitised_before_it_is_shown(
    server: FaultServer, data_dir: Path
) -> None:
    companion = Companion(
        _settings(server, data_dir, "function_calling", "agent"), with_memory=False
    )
    try:
        events = []
        server.mode = "escape_sequences"
        events = list(companion.stream(EVERYDAY, "hostile"))
        history = companion.history("hostile")
    finally:
        companion.close()
    shown = "".join(e.text for e in events if e.kind in ("token", "reply"))
    assert "\x1b" not in shown and "\x00" not in shown and "\u202e" not in shown
    stored = str(history[-1].content)
    assert not CONTROL.search(stored)


def test_the_graph_itself_answers_a_crisis_under_a_hung_endpoint(
    server: FaultServer, data_dir: Path
) -> None:
    from langgraph.checkpoint.memory import InMemorySaver

    settings = _settings(server, data_dir, "function_calling", "agent")
    graph = build_graph(make_chat_model(settings), checkpointer=InMemorySaver(), settings=settings)
    server.mode = "hang"
    out = graph.invoke(
        {"messages": [HumanMessage(content=CRISIS)]},
        {"configurable": {"thread_id": "g"}},
        context=Context(user_id="u", session_id="g"),
    )
    reply = out["messages"][-1]
    assert isinstance(reply, AIMessage)
    _assert_crisis_reply(str(reply.content), "hang")
    assert out["reply_meta"]["fallback"] is True  # the acknowledgment was composed locally


@pytest.mark.parametrize("fault", ["lone_surrogate", "escape_sequences", "hang", "json_as_reply"])
def test_plain_mode_prints_a_safe_reply_on_a_strict_terminal(
    server: FaultServer, data_dir: Path, fault: str
) -> None:
    settings = _settings(server, data_dir, "json_mode", "agent")
    server.mode = fault
    out = io.TextIOWrapper(io.BytesIO(), encoding="ascii", errors="strict")
    code = run_plain(settings, stdin=io.StringIO(f"{EVERYDAY}\n{CRISIS}\n"), stdout=out)
    out.flush()
    text = out.buffer.getvalue().decode("ascii")  # type: ignore[attr-defined]
    assert code == 0
    replies = text.split("confide> ")[1:]
    assert len(replies) == 2
    assert "988" in replies[1]  # the crisis message got the crisis line
    assert "\x1b" not in text and "pwned" not in text


def test_confide_chat_plain_entry_point_survives_a_lone_surrogate(
    server: FaultServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from confide.cli import main

    server.mode = "lone_surrogate"
    monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
    monkeypatch.setenv("CONFIDE_MODEL", "fault")
    monkeypatch.setenv("CONFIDE_STRUCTURED_METHOD", "json_schema")
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{EVERYDAY}\n"))
    assert main(["chat", "--plain"]) == 0
    out = capsys.readouterr().out
    assert "confide> " in out and "\ud83d" not in out
