"""One writer per session: a file lock per thread, across threads and processes.

Two processes that run a turn of the same session both read the latest checkpoint and both
write a child of it; the later write wins and the other message is silently gone. Holding an
exclusive ``flock`` on a per-thread lock file for the whole turn serialises them instead. The
lock is per open file description, so two threads of one process serialise too. If the lock
cannot be taken within the timeout, :class:`confide.errors.StorageError` says so clearly;
nothing is written and the message stays with the caller.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from confide.errors import StorageError

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows: in-process serialisation only
    fcntl = None  # type: ignore[assignment]

_LOCAL: dict[str, threading.Lock] = {}
_LOCAL_GUARD = threading.Lock()
#: How long a turn waits for another writer of the same session before giving up.
DEFAULT_TIMEOUT_S = 120.0


def lock_path(data_dir: Path, thread_id: str) -> Path:
    """The lock file of one thread (named by a hash: the id itself is never on disk)."""
    digest = hashlib.sha256(thread_id.encode("utf-8")).hexdigest()[:32]
    return data_dir / "locks" / f"{digest}.lock"


@contextmanager
def session_lock(data_dir: Path, thread_id: str, timeout_s: float | None = None) -> Iterator[None]:
    """Hold the session's exclusive lock for the block, waiting at most ``timeout_s``."""
    from confide.privacy import secure_dir

    timeout_s = DEFAULT_TIMEOUT_S if timeout_s is None else timeout_s
    path = lock_path(data_dir, thread_id)
    if fcntl is None:  # pragma: no cover
        with _LOCAL_GUARD:
            lock = _LOCAL.setdefault(str(path), threading.Lock())
        if not lock.acquire(timeout=timeout_s):
            raise StorageError("this session is busy in another window; try again")
        try:
            yield
        finally:
            lock.release()
        return
    secure_dir(path.parent)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        end = time.monotonic() + timeout_s
        delay = 0.005
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= end:
                    raise StorageError(
                        "this session is being written by another Confide window or process; "
                        "nothing was saved from this attempt, please send the message again"
                    ) from None
                time.sleep(delay)
                delay = min(0.1, delay * 2)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
