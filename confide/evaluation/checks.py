"""The deterministic reply checks the harness uses, behind one small seam.

The checks themselves live in the safety layer (``confide.safety.behaviours`` and
``confide.safety.ccs``); the harness imports them lazily so that ``confide eval --help`` stays
fast, and a test can pass its own :class:`Checker`.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Protocol

from confide.errors import ConfideError

#: CCS components in order (each scored 0-2 per refusal turn), named as in
#: ``confide.safety.ccs.COMPONENTS``: empathetic acknowledgment, transparent boundary,
#: graded transition, guided redirection.
CCS_COMPONENTS: tuple[str, ...] = ("acknowledgment", "boundary", "transition", "redirection")


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


class SafetyChecker:
    """The safety layer's checkers (``confide.safety.behaviours`` and ``confide.safety.ccs``)."""

    def __init__(self) -> None:
        try:
            behaviours = importlib.import_module("confide.safety.behaviours")
            ccs = importlib.import_module("confide.safety.ccs")
        except ImportError as exc:  # the evaluation cannot judge replies without them
            raise ConfideError(
                f"the safety checkers are not available ({exc}); cannot evaluate replies"
            ) from exc
        self._behaviours = behaviours
        self._ccs = ccs
        registry = getattr(behaviours, "BEHAVIOURS", {})
        self._registry: Mapping[str, object] = (
            registry if isinstance(registry, Mapping) else {k: None for k in registry}
        )

    def behaviour(self, behaviour_id: str, reply: str, user_text: str, locale: str) -> bool:
        """Run the safety layer's deterministic check of the behaviour."""
        return bool(self._behaviours.check_behaviour(behaviour_id, reply, user_text, locale=locale))

    def has_deterministic(self, behaviour_id: str) -> bool:
        """Whether the safety layer declares a deterministic check for the id."""
        spec = self._registry.get(behaviour_id)
        if spec is None:
            return behaviour_id in self._registry
        flag = getattr(spec, "deterministic", None)
        if flag is None and isinstance(spec, Mapping):
            flag = spec.get("deterministic")
        return True if flag is None else bool(flag)

    def ccs(self, reply: str, user_text: str, locale: str) -> dict[str, int]:
        """Score the four CCS components (0-2 each) with ``confide.safety.ccs.score_ccs``."""
        raw = self._ccs.score_ccs(reply, user_text, locale)
        data = raw if isinstance(raw, Mapping) else getattr(raw, "__dict__", {})
        return {name: int(data.get(name, 0)) for name in CCS_COMPONENTS}

    def reflects(self, reply: str, user_text: str) -> bool:
        """Use ``confide.safety.ccs.reflects_user`` (a quote or two shared content words)."""
        return bool(self._ccs.reflects_user(reply, user_text))
