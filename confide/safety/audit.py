"""The safety audit log: append-only JSONL of safety events in the data dir.

Each line is one event: time, user and session, level, categories and the policy applied (plus
a few structured fields such as boundary kinds, guard codes and whether the host was alerted).
No message text is stored unless the user opted in (``Settings.audit_include_text``); evidence
quotes count as text. Writing never raises into the reply path: a failure is logged as a
warning and the reply continues. ``erase_user`` rewrites the file without one user's events
(atomic replace) for the right to erasure.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

from confide.config import Settings

logger = logging.getLogger(__name__)

#: Fields kept from an event (anything else is dropped, so text cannot slip in by accident).
STRUCTURED_FIELDS: Final[tuple[str, ...]] = (
    "event",
    "time",
    "user_id",
    "session_id",
    "turn",
    "level",
    "turn_level",
    "conversation_level",
    "categories",
    "policy",
    "boundary",
    "guard",
    "escalated",
    "region",
    "locale",
    "engine",
    "ccs_step",
    "sources",
    "fallback",
)
#: Fields that contain the person's words: stored only with ``audit_include_text``.
TEXT_FIELDS: Final[tuple[str, ...]] = ("text", "evidence")


class AuditLog:
    """Append-only JSONL log of safety events in the data dir."""

    def __init__(self, path: Path, settings: Settings) -> None:
        self.path = path
        self.settings = settings
        self._lock = threading.Lock()

    def _sanitize(self, event: Mapping[str, Any]) -> dict[str, Any]:
        allowed = STRUCTURED_FIELDS + (TEXT_FIELDS if self.settings.audit_include_text else ())
        record = {key: event[key] for key in allowed if key in event}
        record.setdefault("time", time.time())
        record.setdefault("event", "safety")
        return record

    def record(self, event: Mapping[str, Any]) -> bool:
        """Append one event; return False (and log a warning) when it could not be written."""
        try:
            line = json.dumps(self._sanitize(event), ensure_ascii=False, default=str)
        except (TypeError, ValueError) as exc:
            logger.warning("audit event not serialisable, not recorded: %s", exc)
            return False
        try:
            with self._lock:
                self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                # 0600 whatever the umask: the log says who was at risk and when
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
                with os.fdopen(fd, "a", encoding="utf-8") as handle:
                    handle.write(line + "\n")
                    handle.flush()
        except OSError as exc:
            logger.warning("audit log %s not writable, event not recorded: %s", self.path, exc)
            return False
        return True

    def _read(self) -> list[dict[str, Any]]:
        if not self.path.exists():
            return []
        events: list[dict[str, Any]] = []
        with self.path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    item = json.loads(line)
                except json.JSONDecodeError:
                    logger.warning("audit log %s: skipping malformed line %d", self.path, number)
                    continue
                if isinstance(item, dict):
                    events.append(item)
        return events

    def events(self, user_id: str | None = None) -> list[dict[str, Any]]:
        """All recorded events in order, or only ``user_id``'s."""
        with self._lock:
            events = self._read()
        if user_id is None:
            return events
        return [e for e in events if e.get("user_id") == user_id]

    def erase_user(self, user_id: str) -> int:
        """Remove every event of ``user_id`` (atomic rewrite); return how many were removed."""
        with self._lock:
            if not self.path.exists():
                return 0
            lines = self.path.read_text(encoding="utf-8").splitlines()
            kept: list[str] = []
            removed = 0
            for line in lines:
                try:
                    item = json.loads(line) if line.strip() else None
                except json.JSONDecodeError:
                    kept.append(line)  # unreadable lines are kept, not silently destroyed
                    continue
                if isinstance(item, dict) and item.get("user_id") == user_id:
                    removed += 1
                elif line.strip():
                    kept.append(line)
            if removed == 0:
                return 0
            fd, tmp = tempfile.mkstemp(prefix=".audit-", suffix=".jsonl", dir=self.path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    handle.write("".join(f"{line}\n" for line in kept))
                    handle.flush()
                    os.fsync(handle.fileno())
                os.replace(tmp, self.path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
            return removed
