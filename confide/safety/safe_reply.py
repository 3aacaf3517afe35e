"""The guard's last-resort reply: composed from reviewed texts only, verified by the guard's checks.

When a draft breaks a rule and no model rewrite fixes it (or the guard itself fails), the
output guard sends :func:`compose_safe_reply`: Compassionate Completion at crisis level or on
a boundary request, the safety check-in when a risk category is present below crisis, and a
kind supportive reply otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from confide.records import level_index
from confide.safety.check_in import compose_check_in, plan_check_in
from confide.safety.completion import compose_completion, plan_from_state
from confide.safety.reply_checks import Violation
from confide.safety.resources import format_resources, resources_for
from confide.safety.texts import resolve_locale, text
from confide.safety.wording import join_sentences, pick_quote, quote_sentence, user_texts
from confide.state import TurnState

_HIGH = level_index("high")


def compose_support_reply(
    user_text: str, locale: str, *, quote: bool = False, resources_region: str | None = None
) -> str:
    """Compose a kind, neutral reply for when a counselor draft had to be replaced.

    Nothing of the person's is quoted back unless ``quote=True``.
    With ``resources_region`` (moderate risk) the region's crisis lines are offered too.
    """
    loc = resolve_locale(locale)
    fragment = pick_quote(user_text) if quote else None
    opening = [quote_sentence(fragment, loc)] if fragment else []
    paragraphs = [
        join_sentences([*opening, text("ack_support", loc)], loc),
        join_sentences([text("support_body", loc), text("support_question", loc)], loc),
    ]
    if resources_region is not None:
        block = format_resources(
            resources_for(resources_region, ("crisis", "emergency", "directory")), loc
        )
        paragraphs.insert(1, f"{text('resources_intro', loc)}\n{block}")
    return "\n\n".join(paragraphs)


def compose_safe_reply(
    state: TurnState,
    *,
    user_text: str,
    locale: str,
    region: str,
    check: Callable[[str], list[Violation]],
) -> str:
    """Compose the guard's last-resort reply for this turn, verified by ``check``.

    Crisis-level risk or a boundary request gets the full completion reply; a risk category
    below crisis the safety check-in; anything else a kind supportive reply. Nothing of the
    person's is quoted back: the fixed texts alone are reviewed to pass, so ``check`` (kept
    for the guard's call) has no variant to choose between.
    """
    plan = plan_from_state(state, region)
    plan = replace(plan, locale=resolve_locale(locale), region=region)
    needs_completion = (
        level_index(plan.level) >= _HIGH or bool(plan.kinds) or (state.get("risk") is None)
    )
    streak = max(0, int(state.get("ccs_streak") or 0) - 1)
    check_in = plan_check_in(state, region)
    if check_in is not None:
        check_in = replace(check_in, locale=plan.locale, region=region)
    if needs_completion:
        return compose_completion(plan, user_text, streak, earlier=user_texts(state)[1:])
    if check_in is not None:
        return compose_check_in(check_in, user_text)
    moderate = level_index(plan.level) >= level_index("moderate")
    return compose_support_reply(
        user_text, plan.locale, resources_region=region if moderate else None
    )
