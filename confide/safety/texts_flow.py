"""Fixed, reviewed texts of the crisis flow (after the crisis reply) and of the safety plan.

They are the ``flow:`` section of each language file under ``confide/safety/content/texts/``
(read and validated with the ``texts:`` section by :mod:`confide.safety.texts`; how to edit
them: ``docs/content.md``) and follow the same rules: constants, never generated; no method,
dose, place or timing; never calling a calm or safe statement painful; every locale of
:data:`confide.safety.texts.SUPPORTED_LOCALES` defines every key with the same placeholders
(the loader enforces it). Placeholders: ``{person}`` (who the person reached, in their own
words with the possessive turned round: "my brother" -> "your brother"), ``{lines}`` (the
region's crisis line and emergency number, compact).

Changing a text is a safety change: have it reviewed, and re-run tests/safety.
"""

from __future__ import annotations

from typing import Final

from confide.safety.texts import CONTENT, DEFAULT_LOCALE, resolve_locale

#: Bump when any text here changes (recorded in ReplyMeta.prompt_version of follow-ups).
FLOW_TEXTS_VERSION: Final = CONTENT.versions["flow"]

#: locale -> key -> text. Every locale defines every key of English.
FLOW_TEXTS: Final[dict[str, dict[str, str]]] = CONTENT.tables["flow"]

_EN: Final = FLOW_TEXTS[DEFAULT_LOCALE]


def flow_text(key: str, locale: str | None = DEFAULT_LOCALE) -> str:
    """Return the fixed flow or plan text ``key`` in ``locale`` (English when it lacks it).

    An unknown key raises KeyError: a typo in a safety text must fail loudly.
    """
    table = FLOW_TEXTS.get(resolve_locale(locale), _EN)
    return table[key] if key in table else _EN[key]
