"""Placeholder: being implemented (emotion-aware memory on chromadb)."""

from __future__ import annotations


class MemoryStore:
    """Emotion-aware long-term memory, scoped per user id."""
