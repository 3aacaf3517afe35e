"""``confide analyze``: per-user-turn emotion, risk and strategy for existing transcripts.

Output schema ``confide.analyze/1`` (stable: later versions add fields, never rename):
one JSON object per user turn::

    {"turn": int,
     "emotion": {"label": str, "vector": {8 Plutchik keys: 0..1}, "valence": -1..1,
                 "arousal": 0..1, "shift": str, "trend": str, "ekman": str},
     "risk": {"level": "none|low|moderate|high|imminent", "categories": [str],
              "evidence": [str]},
     "strategy": {"stage": str, "name": str}}

With ``--batch`` the input is JSON Lines of ``{"id": str, "messages": [...]}`` and the output
one line per transcript: ``{"id": str, "turns": [...], "skipped": {"system": int}}``; a line
that cannot be analysed yields ``{"id": str, "error": str}`` and the run goes on.

``system`` (and ``developer``/``tool``) messages of ordinary OpenAI-format logs are skipped and
counted (``skipped``); long messages are screened whole, in overlapping windows.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator
from typing import Any

from langchain_core.messages import AIMessage, AnyMessage, HumanMessage
from langchain_core.runnables import RunnableConfig

from confide.context import Context
from confide.engine import Services
from confide.errors import InputError
from confide.sanitize import sanitize_text
from confide.state import InputState

SCHEMA_VERSION = "confide.analyze/1"
#: Roles that carry no conversation turn: skipped and counted, never an error.
SKIPPED_ROLES = ("system", "developer", "tool", "function")
#: Longest message accepted (the screen reads all of it, in windows).
MAX_MESSAGE_CHARS = 1_000_000


def loads(text: str) -> Any:
    """``json.loads`` whose failures (bad syntax, absurd nesting) are InputError."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg} (line {exc.lineno})") from exc
    except RecursionError as exc:
        raise InputError("the JSON is nested too deeply to be a transcript") from exc


def parse_transcript(raw: str) -> list[dict[str, str]]:
    """Parse a JSON list or JSONL of ``{"role", "content"}`` objects, validating each."""
    text = raw.strip()
    if not text:
        raise InputError("the transcript is empty")
    try:
        data = loads(text)
        items = data if isinstance(data, list) else [data]
    except InputError as whole:
        if "nested too deeply" in str(whole):
            raise
        items = []
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                items.append(loads(line))
            except InputError as exc:
                raise InputError(f"line {n}: {exc}") from exc
    return validate_messages(items)


def skipped_roles(items: Any) -> dict[str, int]:
    """Count the messages :func:`validate_messages` skips, by role (for the output note)."""
    counts: dict[str, int] = {}
    if isinstance(items, list):
        for item in items:
            role = item.get("role") if isinstance(item, dict) else None
            if role in SKIPPED_ROLES:
                counts[str(role)] = counts.get(str(role), 0) + 1
    return counts


def validate_messages(items: Iterable[Any]) -> list[dict[str, str]]:
    """Check roles and contents; raise InputError naming the first bad item.

    ``system``/``developer``/``tool`` messages are skipped (see :func:`skipped_roles`);
    contents are sanitised (control characters, escapes, lone surrogates removed).
    """
    if not isinstance(items, list | tuple):
        raise InputError("messages must be a list of {role, content} objects")
    out: list[dict[str, str]] = []
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise InputError(f"message {n} is not an object")
        role, content = item.get("role"), item.get("content")
        if role in SKIPPED_ROLES:
            continue
        if role not in ("user", "assistant"):
            raise InputError(f"message {n}: role must be 'user' or 'assistant', got {role!r}")
        if not isinstance(content, str):
            raise InputError(f"message {n}: content must be a string")
        if len(content) > MAX_MESSAGE_CHARS:
            raise InputError(f"message {n} is longer than {MAX_MESSAGE_CHARS:,} characters")
        out.append({"role": role, "content": sanitize_text(content)})
    if not any(m["role"] == "user" for m in out):
        raise InputError("the transcript has no user message")
    return out


def _turn_payloads(messages: list[dict[str, str]]) -> Iterator[list[AnyMessage]]:
    """Group the transcript into turn inputs: preceding assistant messages + the user message."""
    pending: list[AnyMessage] = []
    for m in messages:
        if m["role"] == "assistant":
            pending.append(AIMessage(content=m["content"]))
        else:
            content = m["content"].strip() or "(empty message)"
            yield [*pending, HumanMessage(content=content)]
            pending = []


def _record(values: dict[str, Any]) -> dict[str, Any]:
    emotion, risk, strategy = values["emotion"], values["risk"], values["strategy"]
    return {
        "turn": values["turn"],
        "emotion": {
            "label": emotion["label"],
            "vector": {k: round(float(v), 4) for k, v in emotion["vector"].items()},
            "valence": round(float(emotion["valence"]), 4),
            "arousal": round(float(emotion["arousal"]), 4),
            "shift": emotion["shift"]["summary"],
            "trend": emotion["shift"]["trend"],
            "ekman": emotion["ekman"],
        },
        "risk": {
            "level": risk["level"],
            "categories": list(risk["categories"]),
            "evidence": list(risk["evidence"]),
        },
        "strategy": {"stage": strategy["stage"], "name": strategy["name"]},
    }


class Analyzer:
    """Runs the analysis agents over transcripts; one instance serves many transcripts."""

    def __init__(self, services: Services) -> None:
        from confide.graph.builder import build_analysis_graph

        self.graph = build_analysis_graph(services)

    def analyze(self, messages: list[dict[str, str]]) -> list[dict[str, Any]]:
        """One record per user turn of a validated transcript."""
        thread = uuid.uuid4().hex
        config: RunnableConfig = {"configurable": {"thread_id": thread}}
        context = Context(user_id="analyze", session_id=thread)
        out: list[dict[str, Any]] = []
        for payload in _turn_payloads(messages):
            values = self.graph.invoke(InputState(messages=list(payload)), config, context=context)
            state = self.graph.get_state(config).values
            out.append(_record({**state, **values}))
        checkpointer = self.graph.checkpointer
        if checkpointer is not None and not isinstance(checkpointer, bool):
            checkpointer.delete_thread(thread)  # batch runs must not grow without bound
        return out
