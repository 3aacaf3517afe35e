"""What the app remembers between runs (the theme), in ``preferences.json`` in the data dir.

The config file stays the person's own: the app never rewrites it. A remembered choice wins
over the config file's ``theme`` because it is the more recent choice. Reading and writing
never raise: losing a preference must not stop the app.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

FILE_NAME = "preferences.json"


def load_preferences(data_dir: Path) -> dict[str, Any]:
    """The stored preferences, or ``{}`` when there are none or they cannot be read."""
    try:
        data = json.loads((data_dir / FILE_NAME).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("preferences unreadable (%s); using the defaults", exc)
        return {}
    return data if isinstance(data, dict) else {}


def save_preference(data_dir: Path, key: str, value: Any) -> bool:
    """Store one preference (atomically); False when it could not be written."""
    data = load_preferences(data_dir)
    data[key] = value
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=data_dir, prefix=".prefs-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=1)
        os.replace(tmp, data_dir / FILE_NAME)
    except OSError as exc:
        log.warning("could not save the preference %s: %s", key, exc)
        return False
    return True


def remembered_theme(data_dir: Path, default: str) -> str:
    """The theme chosen last time (``dark`` or ``light``), else ``default``."""
    theme = load_preferences(data_dir).get("theme")
    return theme if theme in ("dark", "light") else default
