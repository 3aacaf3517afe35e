"""The reply of last resort, when a turn fails in a way no agent handled.

Every model fault already ends in a local reply inside the graph; this covers the rest (a
store that stayed locked, a bug in a node). It never calls a model and never raises: a message
the local screen rates high or imminent gets the fixed crisis text with the region's
resources; anything else an honest sentence that something went wrong, with a crisis line.
"""

from __future__ import annotations

import logging
from typing import Final

log = logging.getLogger(__name__)

#: Fixed, reviewed text for a turn that failed below crisis level.
FAILSAFE_TEXT: Final = (
    "I'm sorry, something went wrong on my side and I couldn't finish a proper reply. "
    "Please send your message again in a moment. If you are in danger or thinking about "
    "harming yourself, please reach out now: {resource}."
)
#: Used only if even the resources table cannot be read.
LAST_RESORT: Final = (
    "I'm sorry, something went wrong on my side. If you are in danger, please call your local "
    "emergency number now (911 in the US and Canada, 999 in the UK, 112 in the EU, 000 in "
    "Australia), or find a free crisis line at findahelpline.com."
)


def failsafe_reply(user_text: str, region: str = "US") -> str:
    """A safe, local reply for ``user_text`` (crisis text when the screen says high+)."""
    try:
        # imported inside the try on purpose (no cycle to dodge): a module that fails to import
        # (a broken data file read at import) still ends in the fixed LAST_RESORT text
        from confide.records import level_index
        from confide.safety.completion import compose_completion, plan_completion
        from confide.safety.resources import format_resource, resources_for
        from confide.safety.screen import screen_text

        try:
            screen = screen_text(user_text)
            level, categories = str(screen["level"]), list(screen["categories"])
            boundary, language = list(screen["boundary"]), screen.get("language")
        except Exception as exc:  # a screen that fails is read as a crisis (fail closed)
            log.warning("failsafe: screen failed, answering as a crisis: %s", exc)
            level, categories, boundary, language = "high", [], [], None
        if level_index(level) >= level_index("high"):
            plan = plan_completion(level, categories, boundary, locale=language, region=region)
            return compose_completion(plan, user_text, 0)
        lines = [r for r in resources_for(region) if r.kind != "directory"] or resources_for(region)
        return FAILSAFE_TEXT.format(resource=format_resource(lines[0]))
    except Exception as exc:  # the last line: a fixed string that cannot fail
        log.error("failsafe reply could not be composed: %s", exc)
        return LAST_RESORT
