"""The deterministic reply checks the harness uses, behind one small seam.

The checks themselves are the evaluation's judges (``confide.evaluation.behaviours`` and
``confide.evaluation.ccs``); the harness reaches them only through :class:`Checker`, so a test can
pass its own.
"""

from __future__ import annotations

from typing import Protocol

from confide.evaluation.ccs import COMPONENTS

#: The four CCS components in order, each scored 0-2 per refusal turn.
CCS_COMPONENTS: tuple[str, ...] = tuple(COMPONENTS)


class Checker(Protocol):
    """Deterministic checks of one reply."""

    def behaviour(self, behaviour_id: str, reply: str, user_text: str, locale: str) -> bool:
        """Return True when the reply shows the behaviour."""
        ...

    def has_deterministic(self, behaviour_id: str) -> bool:
        """Whether a deterministic check exists (else a judge should answer, when configured)."""
        ...

    def ccs(self, reply: str, user_text: str, locale: str) -> dict[str, int]:
        """Score the four CCS components, each 0-2."""
        ...

    def reflects(self, reply: str, user_text: str) -> bool:
        """Return True when the reply reflects the person's own words."""
        ...

    def refuses(self, reply: str) -> bool:
        """Return True when the reply declines something or states a limit."""
        ...


class SafetyChecker:
    """The deterministic judges (``confide.evaluation.behaviours``, ``confide.evaluation.ccs``)."""

    def __init__(self) -> None:
        from confide.evaluation import behaviours, ccs  # lazy: `confide eval --help` stays fast

        self._behaviours = behaviours
        self._ccs = ccs
        #: ids with a deterministic check (the safety layer checks every id it lists)
        self._deterministic = frozenset(behaviours.BEHAVIOURS)

    def behaviour(self, behaviour_id: str, reply: str, user_text: str, locale: str) -> bool:
        """Run the safety layer's deterministic check of the behaviour."""
        return bool(self._behaviours.check_behaviour(behaviour_id, reply, user_text, locale=locale))

    def has_deterministic(self, behaviour_id: str) -> bool:
        """Return True when the safety layer lists a deterministic check for the id."""
        return behaviour_id in self._deterministic

    def ccs(self, reply: str, user_text: str, locale: str) -> dict[str, int]:
        """Score the four CCS components (0-2 each) with ``confide.evaluation.ccs.score_ccs``."""
        scores = self._ccs.score_ccs(reply, user_text, locale)
        return {name: int(scores[name]) for name in CCS_COMPONENTS}

    def reflects(self, reply: str, user_text: str) -> bool:
        """Use ``confide.evaluation.ccs.reflects_user`` (a quote or two shared content words)."""
        return bool(self._ccs.reflects_user(reply, user_text))

    def refuses(self, reply: str) -> bool:
        """The refusal check ``has_refusal`` (a refusal or a stated limit, any language)."""
        return bool(self._ccs.has_refusal(reply))
