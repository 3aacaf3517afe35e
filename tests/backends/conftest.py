"""Real PostgreSQL and Chroma servers on loopback, started once per test session.

:func:`postgres` runs ``initdb`` + ``pg_ctl`` (as the ``postgres`` user when we are root) in a
temporary directory on a free port; :func:`chroma` runs ``chroma run``. Both are stopped at the
end. The tests skip only when the binaries are absent, and never on CI (``CI=true``), where
``.ci/run`` installs PostgreSQL from Debian packages first.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager

import pytest

from confide.devservers import (
    RunningServer,
    ServerUnavailableError,
    chroma_server,
    postgres_server,
)


def _start(
    factory: Callable[[], AbstractContextManager[RunningServer]],
) -> Iterator[RunningServer]:
    try:
        cm = factory()
        server = cm.__enter__()
    except ServerUnavailableError as exc:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI must run the server tests: {exc}")
        pytest.skip(str(exc))
    try:
        yield server
    finally:
        cm.__exit__(None, None, None)


@pytest.fixture(scope="session")
def postgres() -> Iterator[RunningServer]:
    """One PostgreSQL server for the session (about 1-2 s to start)."""
    yield from _start(postgres_server)


@pytest.fixture(scope="session")
def chroma() -> Iterator[RunningServer]:
    """One Chroma server for the session (about 2 s to start)."""
    yield from _start(chroma_server)


@pytest.fixture
def pg_url(postgres: RunningServer) -> Iterator[str]:
    """A fresh, empty database on the session's server, dropped after the test."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres.url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    yield postgres.url.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(postgres.url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE {name} WITH (FORCE)")
