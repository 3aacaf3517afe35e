"""``langgraph dev`` on loopback, driven over HTTP (issue 14, item 2).

The real LangGraph Server (langgraph-cli[inmem] 0.4.40 / langgraph-api 0.16.7, the
``langgraph-dev`` extra that ``make test`` installs) is started once for the module on a free
127.0.0.1 port, without ``--allow-blocking``, with the graph that ``langgraph.json`` names and a
private data dir. The graph's model is :class:`confide.faultserver.FaultServer`, a real
OpenAI-compatible endpoint on loopback. Checked:

- a thread runs through ``POST /threads/{id}/runs/wait`` and a reply comes back;
- memory works: a second thread of the same user, run with ``POST /threads/{id}/runs/stream``,
  recalls what the first one said (the memory store opened inside the server, off its event loop);
- a streamed run against an endpoint that answers with a lethal dose carries none of that text in
  any stream mode the server offers, while a safe answer does stream through (the control);
- the server log has no "Blocking call" error, and the server made no connection beyond
  loopback: analytics, version check, LangSmith tracing and the browser are off, the
  environment names no LangSmith key, and every HTTP client in the server is pointed at a
  loopback proxy that counts connections (it must count none).

Locally the tests skip when ``langgraph`` is not installed next to this Python (``make test``
installs it); under ``CI=true`` they fail instead.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from confide.devservers import free_port
from confide.faultserver import FaultServer

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 40.0
REQUEST_TIMEOUT_S = 30.0
#: Every stream mode LangGraph Server accepts, in one streamed run.
STREAM_MODES = [
    "values",
    "updates",
    "messages-tuple",
    "custom",
    "events",
    "debug",
    "tasks",
    "checkpoints",
]

SAFE = "That sounds really heavy, and I'm glad you told me. What feels hardest right now?"
UNSAFE = (
    "I hear how much pain you are in. Fifty tablets of paracetamol is a lethal dose for an adult."
)
UNSAFE_MARKERS = ("Fifty tablets of paracetamol", "lethal dose for an adult", "paracetamol")
FIRST = "My sister Maria visits next week and it really worries me"
SECOND = "I keep thinking about my sister Maria visiting"
EVERYDAY = "I had a rough day at work and I feel really tired"

pytestmark = pytest.mark.slow

# loopback only: never through a proxy from the environment
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def langgraph_bin() -> Path | None:
    """The ``langgraph`` CLI installed next to this Python (the test venv's), or None.

    Not PATH: a ``langgraph`` from another environment would serve another copy of Confide.
    """
    beside = Path(sys.executable).parent / "langgraph"
    return beside if beside.is_file() else None


class ConnectionCounter:
    """A loopback listener used as the server's HTTP(S) proxy: counts and drops connections."""

    def __init__(self) -> None:
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(16)
        self._sock.settimeout(0.2)
        self.port = int(self._sock.getsockname()[1])
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self._sock.close()


@dataclass
class DevServer:
    """A running ``langgraph dev``: its URL, its log file, its model endpoint."""

    url: str
    log: Path
    data_dir: Path
    model: FaultServer
    proxy: ConnectionCounter

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")

    def request(self, method: str, path: str, body: Any = None) -> bytes:
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(
            self.url + path,
            data=data,
            method=method,
            headers={"Content-Type": "application/json"},
        )
        with _DIRECT.open(req, timeout=REQUEST_TIMEOUT_S) as resp:
            return bytes(resp.read())

    def json(self, method: str, path: str, body: Any = None) -> Any:
        return json.loads(self.request(method, path, body))

    def new_thread(self) -> str:
        return str(self.json("POST", "/threads", {})["thread_id"])

    def assert_healthy(self) -> None:
        log = self.log_text()
        assert "Blocking call" not in log, "a blocking call in the server's event loop:\n" + log
        assert "BlockingError" not in log, log
        assert self.proxy.connections == 0, "the server tried to reach beyond loopback"


def _server_config(tmp: Path) -> Path:
    """``langgraph.json`` with its paths made absolute, so the server can run in ``tmp``.

    ``langgraph dev`` keeps its own state in ``.langgraph_api`` under the working directory; a
    temporary one keeps the checkout clean. The ``env`` file is left out: a developer's ``.env``
    must not change what the test sees.
    """
    doc = json.loads((ROOT / "langgraph.json").read_text())
    doc["dependencies"] = [str((ROOT / dep).resolve()) for dep in doc.get("dependencies", [])]
    graphs = {}
    for name, spec in doc["graphs"].items():
        path, attr = spec.split(":")
        graphs[name] = f"{(ROOT / path).resolve()}:{attr}"
    doc["graphs"] = graphs
    doc.pop("env", None)
    out = tmp / "langgraph.json"
    out.write_text(json.dumps(doc))
    return out


def _server_env(data_dir: Path, model: FaultServer, proxy: ConnectionCounter) -> dict[str, str]:
    # no LangSmith / LangChain / LangGraph setting from the host (an API key there would start
    # the server's metadata loop and enable tracing)
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("LANGSMITH_", "LANGCHAIN_", "LANGGRAPH_", "LANGSERVE_"))
        and k.lower() not in ("http_proxy", "https_proxy", "all_proxy", "no_proxy")
    }
    proxy_url = f"http://127.0.0.1:{proxy.port}"
    env.update(
        {
            "LANGGRAPH_CLI_NO_ANALYTICS": "1",  # the CLI's usage ping
            "LANGGRAPH_NO_VERSION_CHECK": "true",  # langgraph-api's PyPI version check
            "LANGSMITH_TRACING": "false",
            "LANGCHAIN_TRACING_V2": "false",
            "ANONYMIZED_TELEMETRY": "False",  # chromadb
            "HTTP_PROXY": proxy_url,
            "HTTPS_PROXY": proxy_url,
            "ALL_PROXY": proxy_url,
            "http_proxy": proxy_url,
            "https_proxy": proxy_url,
            "all_proxy": proxy_url,
            "NO_PROXY": "127.0.0.1,localhost",
            "no_proxy": "127.0.0.1,localhost",
            "PYTHONUNBUFFERED": "1",
            "CONFIDE_DATA_DIR": str(data_dir),
            "CONFIDE_ENGINE": "llm",
            "OPENAI_BASE_URL": model.base_url,
            "OPENAI_API_KEY": "not-a-key",
            "CONFIDE_MODEL": "fault",
            "CONFIDE_MODE": "agent",
            "CONFIDE_STRUCTURED_METHOD": "json_schema",
            "CONFIDE_TURN_DEADLINE": "20",
            "CONFIDE_CRISIS_DEADLINE": "10",
        }
    )
    return env


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def dev_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevServer]:
    binary = langgraph_bin()
    if binary is None:
        reason = "langgraph-cli[inmem] is not installed in this venv (make test installs it)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI must run the langgraph dev tests: {reason}")
        pytest.skip(reason)
    tmp = tmp_path_factory.mktemp("langgraph-dev")
    config = _server_config(tmp)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = tmp / "server.log"
    with FaultServer(hang_s=15.0) as model:
        proxy = ConnectionCounter()
        server = DevServer(url, log, tmp / "confide-data", model, proxy)
        with log.open("wb") as out:
            proc = subprocess.Popen(
                [
                    str(binary),
                    "dev",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(port),
                    "--no-browser",
                    "--no-reload",
                    "--config",
                    str(config),
                ],
                cwd=tmp,
                env=_server_env(server.data_dir, model, proxy),
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            deadline = time.monotonic() + START_TIMEOUT_S
            while True:
                if proc.poll() is not None:
                    pytest.fail("langgraph dev exited:\n" + server.log_text())
                try:
                    if json.loads(server.request("GET", "/ok")).get("ok"):
                        break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    pytest.fail("langgraph dev did not answer in time:\n" + server.log_text())
                time.sleep(0.2)
            yield server
        finally:
            _stop(proc)
            proxy.close()


def _run_body(text: str, user: str, session: str, **extra: Any) -> dict[str, Any]:
    return {
        "assistant_id": "confide",
        "input": {"messages": [{"role": "user", "content": text}]},
        "context": {"user_id": user, "session_id": session},
        **extra,
    }


def _sse(raw: bytes) -> list[tuple[str, Any]]:
    """The (event, data) pairs of a server-sent event stream."""
    events: list[tuple[str, Any]] = []
    for block in raw.decode().replace("\r\n", "\n").split("\n\n"):
        name, data = "message", []
        for line in block.split("\n"):
            if line.startswith("event:"):
                name = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].strip())
        if data:
            joined = "\n".join(data)
            try:
                events.append((name, json.loads(joined)))
            except ValueError:
                events.append((name, joined))
    return events


def _last_ai(values: dict[str, Any]) -> str:
    ais = [m for m in values.get("messages", []) if m.get("type") == "ai"]
    assert ais, f"no reply in {values!r}"
    return str(ais[-1]["content"])


def test_a_thread_runs_through_runs_wait_and_a_streamed_run_recalls_it(
    dev_server: DevServer,
) -> None:
    model = dev_server.model
    model.mode, model.reply, model.fill = "ok", SAFE, "fine"
    user = f"ana-{uuid.uuid4().hex[:8]}"

    first = dev_server.new_thread()
    out = dev_server.json("POST", f"/threads/{first}/runs/wait", _run_body(FIRST, user, "s1"))
    reply = _last_ai(out)
    assert "What feels hardest right now?" in reply
    assert out["reply_meta"]["engine"] == "llm"
    # the thread is the server's: its state holds the turn
    state = dev_server.json("GET", f"/threads/{first}/state")
    assert [m["type"] for m in state["values"]["messages"]] == ["human", "ai"]

    # a new thread of the same user, streamed: the memory of the first thread is recalled
    second = dev_server.new_thread()
    raw = dev_server.request(
        "POST",
        f"/threads/{second}/runs/stream",
        _run_body(SECOND, user, "s2", stream_mode=STREAM_MODES),
    )
    events = _sse(raw)
    kinds = {name.split("|")[0] for name, _ in events}
    assert {"values", "updates", "custom", "events"} <= kinds, kinds
    assert "error" not in kinds, [e for e in events if e[0] == "error"]
    values = [data for name, data in events if name == "values"][-1]
    assert "What feels hardest right now?" in _last_ai(values)
    recalled = json.dumps(values.get("recalled"))
    assert "Maria" in recalled, f"memory was not recalled: {values.get('recalled')!r}"
    # the reply streamed as guarded sentences on `custom` before the run ended
    deltas = [d for name, d in events if name == "custom" and isinstance(d, dict)]
    assert "".join(d.get("text", "") for d in deltas).strip() == SAFE
    assert (dev_server.data_dir / "memory").is_dir()  # the private data dir, not the host's
    dev_server.assert_healthy()


def test_a_streamed_run_never_carries_the_unsafe_endpoints_text(dev_server: DevServer) -> None:
    model = dev_server.model
    model.mode, model.reply, model.fill = "ok", UNSAFE, "fine"
    user = f"ben-{uuid.uuid4().hex[:8]}"
    thread = dev_server.new_thread()
    before = model.requests
    raw = dev_server.request(
        "POST",
        f"/threads/{thread}/runs/stream",
        _run_body(EVERYDAY, user, "s1", stream_mode=STREAM_MODES, stream_subgraphs=True),
    )
    assert model.requests > before, "the run did not call the endpoint"
    text = raw.decode()
    events = _sse(raw)
    assert "error" not in {name for name, _ in events}, text[-2000:]
    for marker in UNSAFE_MARKERS:
        assert marker not in text, f"{marker!r} was streamed to the client"
    values = [data for name, data in events if name.startswith("values")][-1]
    assert _last_ai(values).strip(), "the turn still got a reply"
    assert values["reply_meta"]["policy"] == "guard_repair"
    # nor does the thread's stored state or history carry it
    stored = dev_server.request("POST", f"/threads/{thread}/history", {"limit": 50}).decode()
    for marker in UNSAFE_MARKERS:
        assert marker not in stored, f"{marker!r} is in the thread's history"
    dev_server.assert_healthy()
