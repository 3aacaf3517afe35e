"""Managing one user's sessions: names, search, deleting one session, answering again.

:class:`confide.companion.Companion` exposes these as methods; the logic lives here so the
companion stays a thin facade. Names are kept in ``session_titles.json`` in the data dir (the
conversation itself stays in the checkpointer); a session without a name is titled by the
beginning of its first message.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from langchain_core.runnables import RunnableConfig

from confide.errors import InputError

log = logging.getLogger(__name__)

#: Longest session name; longer names are cut (the list shows one line per session).
MAX_TITLE_CHARS = 80
SNIPPET_CHARS = 70


class TitleStore:
    """Session names per user, in one small JSON file readable by its owner only."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / "session_titles.json"

    def _read(self) -> dict[str, dict[str, str]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:  # a damaged file loses names, never sessions
            log.warning("session names unreadable (%s); starting afresh", exc)
            return {}
        if not isinstance(data, dict):
            return {}
        return {
            str(user): {str(k): str(v) for k, v in titles.items()}
            for user, titles in data.items()
            if isinstance(titles, dict)
        }

    def _write(self, data: dict[str, dict[str, str]]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".titles-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False, indent=1)
            os.chmod(tmp, 0o600)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def titles(self, user_id: str) -> dict[str, str]:
        """This user's session names by session id."""
        return self._read().get(user_id, {})

    def set(self, user_id: str, session_id: str, title: str) -> str:
        """Name a session (an empty name removes it); returns the name stored."""
        clean = " ".join(title.split())[:MAX_TITLE_CHARS]
        data = self._read()
        user = data.setdefault(user_id, {})
        if clean:
            user[session_id] = clean
        else:
            user.pop(session_id, None)
        self._write(data)
        return clean

    def drop(self, user_id: str, session_ids: Iterable[str] | None = None) -> None:
        """Forget names: of the given sessions, or every name of the user (``None``)."""
        data = self._read()
        if user_id not in data:
            return
        if session_ids is None:
            del data[user_id]
        else:
            for sid in session_ids:
                data[user_id].pop(sid, None)
        self._write(data)


def clean_title(title: str) -> str:
    """Validate a new session name: one line, not empty, bounded."""
    clean = " ".join(title.split())
    if not clean:
        raise InputError("give the session a name, e.g. /rename the talk about work")
    return clean[:MAX_TITLE_CHARS]


@dataclass(frozen=True)
class SessionMatch:
    """A session found by a search, with the line where the words occur."""

    session_id: str
    turns: int
    title: str
    snippet: str


def _text(message: BaseMessage) -> str:
    content = message.content
    return content if isinstance(content, str) else str(content)


def snippet(text: str, start: int, length: int, width: int = SNIPPET_CHARS) -> str:
    """A one-line excerpt of ``text`` around ``text[start:start+length]``."""
    flat = " ".join(text.split())
    lead = max(0, min(start - width // 3, len(flat) - width))
    cut = flat[lead : lead + width]
    return ("…" if lead else "") + cut + ("…" if lead + width < len(flat) else "")


def match_session(
    session_id: str, title: str, messages: Sequence[BaseMessage], query: str
) -> SessionMatch | None:
    """The session as a search result when every word of ``query`` is in its name or text."""
    words = query.lower().split()
    if not words:
        return None
    texts = [_text(m) for m in messages if isinstance(m, (HumanMessage, AIMessage))]
    haystack = "\n".join([title, *texts]).lower()
    if not all(w in haystack for w in words):
        return None
    turns = sum(isinstance(m, HumanMessage) for m in messages)
    found = ""
    for text in [title, *texts]:
        at = " ".join(text.split()).lower().find(words[0])
        if at >= 0:
            found = snippet(text, at, len(words[0]))
            break
    return SessionMatch(session_id, turns, title, found)


# answering the last message again --------------------------------------------------------
def last_user_text(messages: Sequence[BaseMessage]) -> str | None:
    """The last message the person sent, when a reply follows it (else None)."""
    if not messages or not isinstance(messages[-1], AIMessage):
        return None
    user = next((m for m in reversed(messages) if isinstance(m, HumanMessage)), None)
    return _text(user) if user is not None else None


def rewind_last_turn(graph: Any, config: RunnableConfig) -> tuple[str, float]:
    """Put the thread back to just before its last turn.

    Returns that turn's user message and the Unix time the previous turn ended (0.0 for the
    first turn): memories written since then belong to the reply being replaced.

    The graph forks from the checkpoint that ended the previous turn (LangGraph keeps the old
    branch; ``turn_log`` reads the newest). The lines the offline composer used in the reply
    being replaced are marked used on the fork, so the new reply is worded differently.
    Raises :class:`InputError` when there is no finished reply to replace.
    """
    state = graph.get_state(config)
    if state.next or state.tasks:
        raise InputError("the last reply is still unfinished; it will be completed first")
    messages: list[BaseMessage] = list(state.values.get("messages", []))
    text = last_user_text(messages)
    if text is None:
        raise InputError("there is no reply to regenerate in this session yet")
    cut = max(i for i, m in enumerate(messages) if isinstance(m, HumanMessage))
    keep = [m.id for m in messages[:cut]]
    # exercise invitations are decisions, not wording: the new reply may make them again
    used_now: list[str] = [
        u for u in state.values.get("used_lines", []) if not str(u).startswith("exercise")
    ]
    previous = None
    for snap in graph.get_state_history(config):
        msgs = snap.values.get("messages", [])
        if not snap.next and [m.id for m in msgs] == keep and keep:
            previous = snap
            break
    if previous is None:
        # the first turn: nothing to fork from; the session starts again from empty
        graph.checkpointer.delete_thread(config["configurable"]["thread_id"])
        if used_now:
            graph.update_state(config, {"used_lines": used_now}, as_node="remember")
        return text, 0.0
    before = list(previous.values.get("used_lines", []))
    fresh = [u for u in used_now if u not in before]
    graph.update_state(previous.config, {"used_lines": fresh}, as_node="remember")
    try:
        since = datetime.fromisoformat(str(previous.created_at)).timestamp()
    except ValueError:
        since = 0.0
    return text, since
