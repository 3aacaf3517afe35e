"""Erasure: one call deletes everything Confide stored for a user on this machine."""

from __future__ import annotations

from confide.config import Settings, load_settings


def erase_user_data(user_id: str, settings: Settings | None = None) -> dict[str, int]:
    """Delete the user's conversations (checkpoints), memories and audit entries.

    Returns counts of what was erased. Other users' data is untouched.
    """
    from confide.companion import Companion

    companion = Companion(settings or load_settings(), user_id=user_id)
    try:
        return companion.forget()
    finally:
        companion.close()
