"""Throwaway PostgreSQL and Chroma servers on loopback, for tests and benchmarks.

Each server lives in its own temporary directory on a free 127.0.0.1 port and is stopped (and
its directory removed) on exit. PostgreSQL refuses to run as root, so when this process is root
``initdb`` and ``pg_ctl`` run as the ``postgres`` user (``runuser``).
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# loopback only: never through a proxy from the environment
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class ServerUnavailableError(RuntimeError):
    """The binaries for a server are not installed (tests skip on this, and only on this)."""


def free_port() -> int:
    """A TCP port that is free on 127.0.0.1 right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def postgres_bin(name: str) -> str | None:
    """Path of a PostgreSQL server binary: on PATH, else Debian's /usr/lib/postgresql/<v>/bin."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    return candidates[0] if candidates else None


def chroma_bin() -> str | None:
    """Path of the ``chroma`` CLI shipped with chromadb (next to this Python first)."""
    beside = Path(sys.executable).parent / "chroma"
    if beside.is_file():
        return str(beside)
    return shutil.which("chroma")


def _as_postgres_user() -> list[str]:
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam("postgres")
    except KeyError as exc:
        raise ServerUnavailableError("running as root and there is no 'postgres' user") from exc
    runuser = shutil.which("runuser")
    if runuser is None:
        raise ServerUnavailableError("running as root and 'runuser' is missing")
    return [runuser, "-u", "postgres", "--"]


@dataclass(frozen=True)
class RunningServer:
    """A server that is up: its URL and its data directory."""

    url: str
    data_dir: Path


@contextlib.contextmanager
def postgres_server(timeout_s: float = 30.0) -> Iterator[RunningServer]:
    """Run ``initdb`` + ``pg_ctl start`` on a free loopback port; yields ``postgresql://`` URL."""
    initdb, pg_ctl = postgres_bin("initdb"), postgres_bin("pg_ctl")
    if initdb is None or pg_ctl is None:
        raise ServerUnavailableError("initdb/pg_ctl not found (apt-get install postgresql)")
    prefix = _as_postgres_user()
    root = Path(tempfile.mkdtemp(prefix="confide-pg-"))
    data, sock = root / "data", root / "sock"
    sock.mkdir()
    if prefix:
        entry = pwd.getpwnam("postgres")
        for path in (root, sock):
            os.chown(path, entry.pw_uid, entry.pw_gid)
    port = free_port()
    log = root / "server.log"
    log.touch()
    if prefix:
        os.chown(log, pwd.getpwnam("postgres").pw_uid, pwd.getpwnam("postgres").pw_gid)
    run = dict(check=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=timeout_s)
    try:
        init_args = ["-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8"]
        subprocess.run(
            [*prefix, initdb, *init_args, "--no-sync", "--locale=C"],
            **run,  # type: ignore[call-overload]
        )
        options = f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off"
        subprocess.run(
            [*prefix, pg_ctl, "-D", str(data), "-o", options, "-l", str(log), "-w", "start"],
            **run,  # type: ignore[call-overload]
        )
    except subprocess.CalledProcessError as exc:
        output = exc.output.decode(errors="replace") if exc.output else ""
        tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        shutil.rmtree(root, ignore_errors=True)
        raise RuntimeError(f"PostgreSQL did not start: {output}\n{tail}") from exc
    try:
        yield RunningServer(f"postgresql://postgres@127.0.0.1:{port}/postgres", data)
    finally:
        subprocess.run(
            [*prefix, pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=timeout_s,
            check=False,
        )
        shutil.rmtree(root, ignore_errors=True)


@contextlib.contextmanager
def chroma_server(timeout_s: float = 60.0) -> Iterator[RunningServer]:
    """Run ``chroma run`` on a free loopback port; yields its ``http://`` URL once it answers."""
    binary = chroma_bin()
    if binary is None:
        raise ServerUnavailableError("the 'chroma' CLI (ships with chromadb) was not found")
    root = Path(tempfile.mkdtemp(prefix="confide-chroma-"))
    port = free_port()
    log = (root / "server.log").open("wb")
    proc = subprocess.Popen(
        [binary, "run", "--path", str(root / "data"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            if proc.poll() is not None:
                raise RuntimeError(
                    "chroma server exited: " + (root / "server.log").read_text(errors="replace")
                )
            try:
                with _DIRECT.open(f"{url}/api/v2/heartbeat", timeout=1) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("chroma server did not answer in time")
            time.sleep(0.1)
        yield RunningServer(url, root / "data")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
        shutil.rmtree(root, ignore_errors=True)
