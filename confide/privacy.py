"""Privacy on disk: a private data dir, private files, safe user ids, and erasure.

* The data dir is ``0700`` and every file in it ``0600`` whatever the umask
  (:func:`secure_dir`, :func:`secure_tree`, :func:`write_private`): another account on the
  machine can read neither the conversations, nor the memories, nor the audit log.
* User ids are validated (:func:`validate_user_id`) and escaped where they prefix a thread id
  (:func:`thread_prefix`), so that user ``alice`` can never see, read or erase the threads of
  ``alice::work``.

Erasure (:func:`confide.companion.erase_user_data`, ``Companion.forget``) deletes everything
Confide stored for a user on this machine: conversations (checkpoints), memories, audit
entries and exports.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from confide.errors import ConfigError

DIR_MODE = 0o700
FILE_MODE = 0o600
#: Longest accepted user id.
MAX_USER_ID = 200


def validate_user_id(user_id: object) -> str:
    """Return ``user_id`` if usable: a non-empty string without control characters."""
    if not isinstance(user_id, str) or not user_id.strip():
        raise ConfigError("a user id must be a non-empty string")
    if len(user_id) > MAX_USER_ID:
        raise ConfigError(f"a user id must be at most {MAX_USER_ID} characters")
    if any(
        ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F or 0xD800 <= ord(ch) <= 0xDFFF for ch in user_id
    ):
        raise ConfigError("a user id must not contain control characters")
    return user_id


def escape_user_id(user_id: str) -> str:
    """Escape ``%`` and ``:`` so an escaped id never contains the ``::`` thread separator.

    Ids without either character are unchanged, so existing sessions stay visible.
    """
    return validate_user_id(user_id).replace("%", "%25").replace(":", "%3A")


def thread_prefix(user_id: str) -> str:
    """The prefix of every thread id of ``user_id`` (``<escaped id>::``)."""
    return f"{escape_user_id(user_id)}::"


def user_dir_name(user_id: str) -> str:
    """A file-name-safe folder name for ``user_id``: readable part plus a hash of the id."""
    readable = "".join(
        ch if ch.isascii() and (ch.isalnum() or ch in "-_") else "_" for ch in user_id
    )
    digest = hashlib.sha256(user_id.encode("utf-8")).hexdigest()[:16]
    return f"{readable[:40]}-{digest}"


def exports_dir(data_dir: Path, user_id: str) -> Path:
    """Where the exports of ``user_id`` are written (inside the private data dir)."""
    return data_dir / "exports" / user_dir_name(validate_user_id(user_id))


def _chmod(path: Path, mode: int) -> None:
    try:
        if stat.S_IMODE(path.lstat().st_mode) != mode and not path.is_symlink():
            path.chmod(mode)
    except FileNotFoundError:
        pass  # removed meanwhile (e.g. a SQLite -shm file)


def secure_dir(path: Path) -> Path:
    """Create ``path`` if needed and make it ``0700``; folders created on the way are too.

    Existing ancestors are left alone (the data dir's parent is the user's, not ours).
    """
    missing: list[Path] = []
    probe = path
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for folder in reversed(missing):
        folder.mkdir(exist_ok=True, mode=DIR_MODE)
        _chmod(folder, DIR_MODE)
    _chmod(path, DIR_MODE)
    return path


def secure_tree(root: Path) -> None:
    """Make ``root`` and every folder below it ``0700`` and every file ``0600``.

    Stores (SQLite, chromadb) create their files with the process umask; this runs after
    they open and after each turn. The data dir itself is ``0700`` first, so a file is never
    reachable by another account even in the moment before its mode is tightened.
    """
    if not root.exists():
        return
    _chmod(root, DIR_MODE)
    for folder, dirs, files in os.walk(root):
        base = Path(folder)
        for name in dirs:
            _chmod(base / name, DIR_MODE)
        for name in files:
            _chmod(base / name, FILE_MODE)


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` as a ``0600`` file (folders ``0700``), whatever the umask."""
    secure_dir(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    _chmod(path, FILE_MODE)
