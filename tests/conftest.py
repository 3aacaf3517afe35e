"""Test isolation: no network, a private data dir and environment per test (and per run)."""

from __future__ import annotations

import importlib
import ipaddress
import os
import shutil
import socket
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
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


#: Prefixes of the variables that configure Confide or its model provider. Every test starts
#: without any of them (a value left in the developer's shell, such as CONFIDE_REGION or
#: CONFIDE_UPDATE_SNAPSHOTS, must not change what a test sees); a test that needs one sets it.
ISOLATED_PREFIXES = ("CONFIDE_", "OPENAI_")
#: Variables that configure the test run itself, not Confide, and are kept.
RUN_VARS = frozenset({"CONFIDE_LLAMA_THREADS"})  # threads of the llama.cpp test server

_saved_env: dict[str, str] = {}
_RUN_ROOT = pytest.StashKey[Path]()


def _isolated(name: str) -> bool:
    return name.startswith(ISOLATED_PREFIXES) and name not in RUN_VARS


def _private_env(root: Path) -> dict[str, str]:
    """The variables every test (and every module- or session-scoped fixture) runs with."""
    return {
        "CONFIDE_DATA_DIR": str(root / "confide-data"),
        "CONFIDE_CONFIG": str(root / "config.toml"),
        "HOME": str(root / "home"),
        "XDG_DATA_HOME": str(root / "xdg-data"),
        "XDG_CONFIG_HOME": str(root / "xdg-config"),
        "ANONYMIZED_TELEMETRY": "False",
        "HF_HUB_OFFLINE": "1",
    }


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-snapshots",
        action="store_true",
        help="rewrite the TUI snapshots (tests/tui/snapshots) instead of comparing; the "
        "snapshot tests are then skipped, not passed",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Isolate the whole run before collection: module-level code and module- or
    session-scoped fixtures run before the per-test fixture below, and must not see the
    developer's settings, config file or data dir either."""
    root = Path(tempfile.mkdtemp(prefix="confide-tests-"))
    _saved_env.update(os.environ)
    for name in list(os.environ):
        if _isolated(name):
            del os.environ[name]
    os.environ.update(_private_env(root))
    config.stash[_RUN_ROOT] = root


def pytest_unconfigure(config: pytest.Config) -> None:
    root = config.stash.get(_RUN_ROOT, None)
    if root is not None:
        os.environ.clear()
        os.environ.update(_saved_env)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Each test: its own data dir, config path and HOME; no CONFIDE_* or OPENAI_* variable
    from the host or from an earlier test (a test sets the ones it needs)."""
    for name in list(os.environ):
        if _isolated(name):
            monkeypatch.delenv(name)
    for name, value in _private_env(tmp_path).items():
        monkeypatch.setenv(name, value)
    yield tmp_path / "confide-data"


@pytest.fixture
def update_snapshots(request: pytest.FixtureRequest) -> bool:
    """Whether the run was asked to rewrite the TUI snapshots (``--update-snapshots``)."""
    return bool(request.config.getoption("--update-snapshots"))


@pytest.fixture
def data_dir(_isolated_env: Path) -> Path:
    """The test's private Confide data dir."""
    return _isolated_env


@pytest.fixture
def companion(data_dir: Path) -> Iterator[Any]:
    """An offline companion without memory in the test's data dir, closed after the test.

    A module that needs another companion defines its own ``companion`` fixture.
    """
    from confide.companion import Companion  # here: the conftest itself stays cheap to import
    from confide.config import Settings

    made = Companion(Settings(data_dir=data_dir, engine="offline"), with_memory=False)
    try:
        yield made
    finally:
        made.close()


SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


@pytest.fixture(scope="session")
def load_script() -> Callable[[str], ModuleType]:
    """Import a module of ``scripts/`` by name (the folder joins ``sys.path``: scripts import
    each other, e.g. ``train_risk`` imports ``risk_data``)."""

    def load(name: str) -> ModuleType:
        if str(SCRIPTS) not in sys.path:
            sys.path.insert(0, str(SCRIPTS))
        return importlib.import_module(name)

    return load
