"""Placeholder: being implemented (JSONL audit log of safety events)."""

from __future__ import annotations

from pathlib import Path

from confide.config import Settings


class AuditLog:
    """Append-only JSONL log of safety events in the data dir."""

    def __init__(self, path: Path, settings: Settings) -> None:
        self.path = path
        self.settings = settings
