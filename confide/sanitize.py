"""Make text safe to show in a terminal and to store: one pure function, no I/O.

Model output and user text can carry bytes that act on the terminal rather than being read:
ANSI/OSC escape sequences (clear the screen, change the window title, write hyperlinks),
C0/C1 control characters, NUL, bidirectional overrides and isolates (which reverse how a
crisis line reads), invisible Unicode tag characters, and unpaired UTF-16 surrogates (which
cannot be encoded and crash a UTF-8 terminal or the checkpoint serialiser).

:func:`sanitize_text` removes all of them and keeps newlines and tabs. It is idempotent
(``sanitize_text(sanitize_text(x)) == sanitize_text(x)``) and never raises on a ``str``.
:func:`looks_like_json` tells a model "reply" that is really a JSON document, which must not
be shown to the person as if it were words.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any, Final

__all__ = ["looks_like_json", "sanitize_obj", "sanitize_text"]

#: A surrogate pair written as two code points (e.g. from a UTF-16 source): join it.
_PAIR: Final = re.compile("([\ud800-\udbff])([\udc00-\udfff])")
_SURROGATE: Final = re.compile("[\ud800-\udfff]")
#: Escape sequences, 7-bit and 8-bit forms: CSI (colours, cursor, clear), OSC (title,
#: hyperlinks) terminated by BEL or ST, DCS/SOS/PM/APC strings, and two-byte escapes.
_ESCAPES: Final = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)"
    r"|(?:\x1b[PX^_]|[\x90\x98\x9e\x9f])[^\x1b\x9c]*(?:\x1b\\|\x9c)"
    r"|\x1b[ -/]*[0-~]"
)
_NEWLINES: Final = re.compile("\r\n?|[\u2028\u2029\x85]")
#: C0 except tab and newline, DEL, C1; bidi embeddings/overrides (U+202A-E) and isolates
#: (U+2066-9); Unicode tag characters (invisible text); the BOM and non-characters.
_REMOVE: Final = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff\U000e0000-\U000e007f]"
)
_FENCE: Final = re.compile(r"^```[a-zA-Z]*\s*(.*?)\s*```$", re.DOTALL)
_JSON_START: Final = re.compile(r'^\s*(?:\{\s*"[^"\n]{1,80}"\s*:|\[\s*[{\["])')


def _join_pair(match: re.Match[str]) -> str:
    high, low = ord(match.group(1)), ord(match.group(2))
    return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))


def sanitize_text(text: str) -> str:
    """Remove everything that is not plain readable text; keep newlines and tabs.

    Order matters for idempotence: surrogates first, then whole escape sequences, then the
    remaining control characters (so a broken sequence leaves only harmless printable text).
    """
    if not isinstance(text, str):
        text = str(text)
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("", _PAIR.sub(_join_pair, text))
    text = _ESCAPES.sub("", text)
    text = _NEWLINES.sub("\n", text)
    return _REMOVE.sub("", text)


def sanitize_obj(value: Any) -> Any:
    """Sanitise every string inside nested dicts, lists and tuples (keys included)."""
    if isinstance(value, str):
        return sanitize_text(value)
    if isinstance(value, Mapping):
        return {sanitize_obj(k): sanitize_obj(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(sanitize_obj(v) for v in value)
    return value


def looks_like_json(text: str) -> bool:
    """True when ``text`` is a JSON object or array (or the start of one), not prose.

    A model that answers a prose prompt with ``{"reply": ...}`` or a fenced JSON block has
    misunderstood the task; showing that to a person in distress is a failure, so callers
    treat it as an unusable answer and fall back.
    """
    stripped = text.strip()
    fenced = _FENCE.match(stripped)
    if fenced:
        stripped = fenced.group(1).strip()
    if not stripped or stripped[0] not in "{[":
        return False
    try:
        parsed = json.loads(stripped)
    except (ValueError, RecursionError):
        return bool(_JSON_START.match(stripped))
    return isinstance(parsed, (dict, list))
