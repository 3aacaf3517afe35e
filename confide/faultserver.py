"""A real OpenAI-compatible HTTP server on loopback that misbehaves on purpose.

Used by the fault-injection tests and ``benchmarks/bench_faults.py``: the real client
(``langchain_openai.ChatOpenAI`` through :func:`confide.engine.make_chat_model`) talks to it
over a real socket, so the test covers the whole HTTP path rather than a mock that can stop
matching when a client library changes. Standard library only; never listens beyond
127.0.0.1.

Every fault in :data:`FAULTS` answers ``POST /v1/chat/completions`` (streaming or not, for
every structured-output method) in one broken way; ``ok`` answers correctly (a synthesised
object fitting the request's JSON schema, or a short prose reply).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Final

#: Every fault mode, in the order the benchmark reports them.
FAULTS: Final[tuple[str, ...]] = (
    "http_500",
    "http_429",
    "hang",
    "hang_after_headers",
    "trickle",
    "malformed_body",
    "schema_violation",
    "empty_answer",
    "lone_surrogate",
    "escape_sequences",
    "json_as_reply",
    "cut_stream",
    "garbage_stream",
)
#: Prose the ``ok`` mode answers with.
OK_REPLY: Final = "That sounds really heavy, and I'm glad you told me. What feels hardest now?"
#: Hostile prose: screen clear, title change, NUL, a right-to-left override, a bell.
HOSTILE_REPLY: Final = (
    "\x1b[2J\x1b]0;pwned\x07I hear you.\x00 \u202eenil siht daer\u202c Call \x1b[31m0000\x1b[0m."
)


def _synthesise(
    schema: Mapping[str, Any], defs: Mapping[str, Any] | None = None, text: str = "fine"
) -> Any:
    """A minimal value that fits ``schema`` (enough for Confide's own schemas).

    Free-text strings (no enum, no default) are ``text``; string arrays hold it once.
    """
    defs = defs if defs is not None else schema.get("$defs", {})
    if "$ref" in schema:
        return _synthesise(defs.get(str(schema["$ref"]).rsplit("/", 1)[-1], {}), defs, text)
    for key in ("anyOf", "oneOf", "allOf"):
        if schema.get(key):
            return _synthesise(schema[key][0], defs, text)
    if "enum" in schema:
        return schema["enum"][0]
    if "default" in schema and not (text != "fine" and schema.get("type") == "string"):
        return schema["default"]
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        props = schema.get("properties", {})
        return {name: _synthesise(sub, defs, text) for name, sub in props.items()}
    if kind == "array" and text != "fine":
        items = schema.get("items") or {}
        return [text] if items.get("type") == "string" else []
    return {
        "string": text,
        "boolean": False,
        "integer": 0,
        "number": 0.0,
        "array": [],
        "null": None,
    }.get(str(kind), "fine")


def _request_schema(body: Mapping[str, Any]) -> tuple[str | None, Mapping[str, Any] | None]:
    """(tool name, JSON schema) the request asks for, or (None, None) for prose."""
    tools = body.get("tools") or []
    if tools:
        fn = tools[0].get("function", {})
        return str(fn.get("name", "answer")), fn.get("parameters", {})
    fmt = body.get("response_format") or {}
    if fmt.get("type") == "json_schema":
        return None, fmt.get("json_schema", {}).get("schema", {})
    if fmt.get("type") == "json_object":
        return None, {}
    return None, None


class FaultServer:
    """The server; set :attr:`mode` to a fault (or ``ok``) between requests.

    ``trickle_s`` is the pause between trickled tokens and ``hang_s`` how long a hang lasts
    at most (it also ends when the server stops). ``requests`` counts answered requests.
    ``reply`` is the prose every text call gets in the ``ok`` mode, ``fill`` the text of every
    free-text field of a structured answer (set both to test what an unsafe model's words
    can reach).
    """

    def __init__(
        self,
        mode: str = "ok",
        *,
        trickle_s: float = 0.5,
        hang_s: float = 30.0,
        reply: str = OK_REPLY,
        fill: str = "fine",
    ) -> None:
        self.mode = mode
        self.reply = reply
        self.fill = fill
        self.trickle_s = trickle_s
        self.hang_s = hang_s
        self.requests = 0
        self._count_lock = threading.Lock()
        self.stopping = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                """Stay quiet: tests read results, not access logs."""

            def do_GET(self) -> None:
                """``/v1/models`` so health checks pass."""
                self._json(200, {"object": "list", "data": [{"id": "fault", "object": "model"}]})

            def do_POST(self) -> None:
                """Answer a chat completion in the server's current mode."""
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                with server._count_lock:
                    server.requests += 1
                server.answer(self, body)

            def _json(self, status: int, doc: Any) -> None:
                data = json.dumps(doc).encode()
                _json_head(self, len(data), status)
                self.wfile.write(data)

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request: Any, client_address: Any) -> None:
                """A client that gave up (the deadline) is expected, not an error."""

        self._handler = Handler
        self.httpd = Server(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        """The OpenAI-compatible base URL (``http://127.0.0.1:<port>/v1``)."""
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def start(self) -> FaultServer:
        """Start serving in a daemon thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and end every hung or trickling answer."""
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> FaultServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # answers ------------------------------------------------------------------------------
    def _content(self, body: Mapping[str, Any]) -> tuple[str, list[dict[str, Any]]]:
        """(content, tool_calls) of a correct answer, with the mode's content fault applied."""
        tool, schema = _request_schema(body)
        mode = self.mode
        if schema is None:
            text = {
                "empty_answer": "",
                "lone_surrogate": "I'm here \ud83d",
                "escape_sequences": HOSTILE_REPLY,
                "json_as_reply": json.dumps({"reply": "I am a JSON document"}),
            }.get(mode, self.reply)
            return text, []
        value: Any = _synthesise(schema, text=self.fill) if schema else {"answer": self.fill}
        if mode == "schema_violation":
            value = {"level": "catastrophic", "unexpected": [1, 2, 3]}
        elif mode == "empty_answer":
            value = None
        elif mode in ("lone_surrogate", "escape_sequences") and isinstance(value, dict):
            bad = "x \ud83d" if mode == "lone_surrogate" else HOSTILE_REPLY
            value = {k: (bad if isinstance(v, str) else v) for k, v in value.items()}
        args = "" if value is None else json.dumps(value)
        if tool is not None:
            call = {
                "id": "call_1",
                "type": "function",
                "function": {"name": tool, "arguments": args},
            }
            return "", [call]
        return args, []

    def answer(self, handler: BaseHTTPRequestHandler, body: Mapping[str, Any]) -> None:
        """Write the response for one request in the current mode."""
        mode = self.mode
        h: Any = handler
        if mode in ("http_500", "http_429"):
            status = 500 if mode == "http_500" else 429
            h._json(status, {"error": {"message": f"injected {status}", "type": "server_error"}})
            return
        if mode == "hang":
            self.stopping.wait(self.hang_s)
            return
        if mode == "malformed_body":
            data = b'{"id": "x", "choices": [{"message": {"content": "I am'
            _json_head(handler, len(data))
            handler.wfile.write(data)
            return
        content, tool_calls = self._content(body)
        if body.get("stream"):
            self._stream(handler, content, tool_calls)
            return
        if mode == "hang_after_headers":
            _json_head(handler, 100000)  # more than ever comes
            handler.wfile.write(b'{"id": ')
            handler.wfile.flush()
            self.stopping.wait(self.hang_s)
            return
        if mode == "trickle":
            self._trickle_json(handler, content, tool_calls)
            return
        message: dict[str, Any] = {"role": "assistant", "content": content or None}
        if tool_calls:
            message["tool_calls"] = tool_calls
        if not tool_calls and content == "" and mode == "empty_answer":
            message["content"] = ""
        doc = {
            **_completion(
                {"message": message, "finish_reason": "tool_calls" if tool_calls else "stop"}
            ),
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }
        if mode == "cut_stream":  # a non-streamed answer cut mid-body
            data = json.dumps(doc).encode()
            _json_head(handler, len(data))
            handler.wfile.write(data[: len(data) // 2])
            handler.wfile.flush()
            handler.close_connection = True
            return
        h._json(200, doc)

    def _trickle_json(
        self, handler: BaseHTTPRequestHandler, content: str, tool_calls: list[dict[str, Any]]
    ) -> None:
        """A correct JSON body, sent one byte per ``trickle_s`` (every read succeeds)."""
        message: dict[str, Any] = {"role": "assistant", "content": content}
        if tool_calls:
            message["tool_calls"] = tool_calls
        doc = _completion({"message": message, "finish_reason": "stop"})
        data = json.dumps(doc).encode()
        _json_head(handler, len(data))
        try:
            for i in range(len(data)):
                if self.stopping.wait(self.trickle_s):
                    return
                handler.wfile.write(data[i : i + 1])
                handler.wfile.flush()
        except OSError:
            return  # the client gave up

    def _stream(
        self, handler: BaseHTTPRequestHandler, content: str, tool_calls: list[dict[str, Any]]
    ) -> None:
        """Server-sent events, broken according to the mode."""
        mode = self.mode
        handler.send_response(200)
        handler.send_header("Content-Type", "text/event-stream")
        handler.send_header("Cache-Control", "no-cache")
        handler.close_connection = True
        handler.end_headers()

        def event(delta: dict[str, Any], finish: str | None = None) -> bytes:
            doc = _completion({"delta": delta, "finish_reason": finish}, chunk=True)
            return b"data: " + json.dumps(doc).encode() + b"\n\n"

        try:
            if mode == "hang_after_headers":
                handler.wfile.flush()
                self.stopping.wait(self.hang_s)
                return
            if mode == "garbage_stream":
                handler.wfile.write(b"data: {not json at all\n\n")
                handler.wfile.write(b"data: [DONE]\n\n")
                return
            deltas: list[dict[str, Any]]
            if tool_calls:
                call = tool_calls[0]
                args = call["function"]["arguments"]
                head = {
                    "index": 0,
                    "id": call["id"],
                    "type": "function",
                    "function": {"name": call["function"]["name"], "arguments": ""},
                }
                handler.wfile.write(event({"role": "assistant", "tool_calls": [head]}))
                pieces = [args[i : i + 8] for i in range(0, len(args), 8)]
                deltas = [
                    {"tool_calls": [{"index": 0, "function": {"arguments": piece}}]}
                    for piece in pieces
                ]
            else:
                handler.wfile.write(event({"role": "assistant", "content": ""}))
                words = content.split(" ") if content else []
                deltas = [{"content": w if i == 0 else " " + w} for i, w in enumerate(words)]
            for i, delta in enumerate(deltas):
                if mode == "cut_stream" and i >= max(1, len(deltas) // 2):
                    handler.wfile.flush()
                    return  # connection closes: no finish_reason, no [DONE]
                if mode == "trickle" and self.stopping.wait(self.trickle_s):
                    return
                handler.wfile.write(event(delta))
                handler.wfile.flush()
            if mode == "cut_stream":
                return
            handler.wfile.write(event({}, "tool_calls" if tool_calls else "stop"))
            handler.wfile.write(b"data: [DONE]\n\n")
            handler.wfile.flush()
        except OSError:
            return  # the client gave up (deadline): nothing left to do


def _completion(choice: dict[str, Any], *, chunk: bool = False) -> dict[str, Any]:
    """An OpenAI chat completion (or, ``chunk``, a stream chunk) holding the one ``choice``."""
    return {
        "id": "chatcmpl-fault",
        "object": "chat.completion.chunk" if chunk else "chat.completion",
        "created": int(time.time()),
        "model": "fault",
        "choices": [{"index": 0, **choice}],
    }


def _json_head(handler: BaseHTTPRequestHandler, length: int, status: int = 200) -> None:
    """Send the status and the headers of a JSON body of ``length`` bytes."""
    handler.send_response(status)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(length))
    handler.end_headers()
