"""The streaming rail: a reply being written reaches the ``custom`` stream sentence by sentence.

:class:`ReplyPreview` is the output guard on the way out while the counselor's model writes
its reply: each completed sentence is checked with :func:`confide.safety.reply_checks.check_reply`
before it is written to the graph's ``custom`` stream as a :data:`PREVIEW_EVENT`. The graph
(the counselor node writes the preview) and :class:`confide.companion.Companion` (``stream``
reads it) share this one definition.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Mapping
from typing import Any, Final

from confide.safety.reply_checks import Violation, check_reply
from confide.sanitize import sanitize_text

logger = logging.getLogger(__name__)

#: The custom-stream event that carries a guarded piece of a reply being written.
PREVIEW_EVENT: Final = "confide.reply_delta"
#: Codes a partial reply cannot be judged on (they are about the whole reply).
_WHOLE_REPLY_CODES: Final = frozenset({"bare_refusal", "empty", "missing_crisis_resource"})
_SENTENCE_END: Final = re.compile(r"[.!?\u3002\uff01\uff1f\n]\s*")


class ReplyPreview:
    """The guard on the way out while a reply is being written, sentence by sentence.

    :meth:`feed` takes the model's tokens; whenever a sentence completes, everything so far is
    sanitised and checked with :func:`check_reply` (the same checks as the final reply, less
    the ones only a whole reply can be judged on: empty, bare refusal, missing crisis line)
    and only then are the new sentences written to the graph's ``custom`` stream as
    ``{"type": "confide.reply_delta", "node": ..., "text": ...}``. On the first violation,
    or when the call is abandoned, the preview stops for good: nothing more is written, and
    the guarded final reply (in ``messages``) replaces whatever was shown.

    The preview is provisional by nature: the final reply may be trimmed, repaired or carry a
    disclosure. Hosts show the deltas while the turn runs and replace them with the final
    ``AIMessage``. Thread-safe: tokens arrive from the model call's worker thread.
    """

    def __init__(
        self,
        write: Callable[[Any], None] | None,
        *,
        node: str,
        risk: Mapping[str, Any] | None,
        user_text: str,
        locale: str = "en",
        region: str | None = None,
    ) -> None:
        self._write = write
        self.node = node
        self.risk = risk
        self.user_text = user_text
        self.locale = locale
        self.region = region
        self.raw = ""
        self.released = ""
        self.stopped = write is None
        self._lock = threading.Lock()

    def _problems(self, candidate: str) -> list[Violation]:
        return [
            v
            for v in check_reply(
                candidate,
                risk=self.risk,
                user_text=self.user_text,
                locale=self.locale,
                region=self.region,
            )
            if v.code not in _WHOLE_REPLY_CODES
        ]

    def _release(self, clean: str, cut: int) -> None:
        """Write ``clean[len(released):cut]`` if everything up to ``cut`` passes the guard."""
        if cut <= len(self.released):
            return
        candidate = clean[:cut]
        try:
            problems = self._problems(candidate)
        except Exception:  # a failing check releases nothing (fail closed)
            logger.exception("the streaming guard failed; the preview stops")
            problems = [Violation("guard_error")]
        if problems:
            self.stopped = True
            return
        delta = candidate[len(self.released) :]
        if not delta.strip():
            return  # whitespace alone waits for the next sentence, which it belongs to
        self.released = candidate
        if self._write is not None:
            self._write({"type": PREVIEW_EVENT, "node": self.node, "text": delta})

    def feed(self, token: str) -> None:
        """Take one token; write the sentences it completes if they pass the guard."""
        with self._lock:
            if self.stopped:
                return
            self.raw += token
            # sanitise the whole draft so far, not each token: an escape sequence split
            # across tokens is still recognised; if the clean text no longer extends what was
            # released (a sequence completed later), the preview stops
            clean = sanitize_text(self.raw)
            if not clean.startswith(self.released) or clean.lstrip()[:1] in ("{", "[", "`"):
                # (an answer that opens like a JSON document or code is not prose: the engine
                # rejects it once complete, so none of it is shown meanwhile)
                self.stopped = True
                return
            ends = [m.end() for m in _SENTENCE_END.finditer(clean)]
            if ends:
                self._release(clean, ends[-1])

    def finish(self) -> None:
        """The draft is complete: write its unfinished last sentence if everything passes."""
        with self._lock:
            if self.stopped:
                return
            clean = sanitize_text(self.raw)
            if clean.startswith(self.released):
                self._release(clean, len(clean))
            self.stopped = True

    def stop(self) -> None:
        """Write nothing more (the call was abandoned or the draft will not be used)."""
        with self._lock:
            self.stopped = True
