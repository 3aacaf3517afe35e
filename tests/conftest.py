"""Test isolation: no network, a private data dir and environment per test."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _is_loopback(address: Any) -> bool:
    if isinstance(address, (str, bytes)):  # AF_UNIX path
        return True
    if not (isinstance(address, tuple) and address):
        return False
    host = address[0]
    if host in ("localhost", "", None):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class NetworkBlockedError(RuntimeError):
    """A test tried to reach a non-loopback address."""


def _guard_connect(self: socket.socket, address: Any) -> Any:
    if not _is_loopback(address):
        raise NetworkBlockedError(f"tests must not reach the network (tried {address!r})")
    return _real_connect(self, address)


def _guard_connect_ex(self: socket.socket, address: Any) -> Any:
    if not _is_loopback(address):
        raise NetworkBlockedError(f"tests must not reach the network (tried {address!r})")
    return _real_connect_ex(self, address)


@pytest.fixture(autouse=True)
def _block_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _guard_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", _guard_connect_ex)


_ENV_VARS = (
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "CONFIDE_MODEL",
    "CONFIDE_ENGINE",
    "CONFIDE_REGION",
    "CONFIDE_MODE",
    "CONFIDE_STRUCTURED_METHOD",
    "CONFIDE_USER",
    "CONFIDE_THEME",
)


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Each test: its own data dir, config path and HOME; no provider keys from the host."""
    for var in _ENV_VARS:
        monkeypatch.delenv(var, raising=False)
    data = tmp_path / "confide-data"
    monkeypatch.setenv("CONFIDE_DATA_DIR", str(data))
    monkeypatch.setenv("CONFIDE_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("ANONYMIZED_TELEMETRY", "False")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    yield data


@pytest.fixture
def data_dir(_isolated_env: Path) -> Path:
    """The test's private Confide data dir."""
    return _isolated_env
