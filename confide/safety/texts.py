"""Fixed, reviewed safety-critical texts: crisis replies, boundaries, redirections, disclosure.

The texts are data: one file per language under ``confide/safety/content/texts/`` (the
``texts:`` section here; the ``flow:`` section is :mod:`confide.safety.texts_flow`), and the
languages, their order and the section versions in ``content/locales.yaml``. How to edit a
text or add a language: ``docs/content.md``. This module reads them once, at import, and
refuses a malformed file loudly (:class:`~confide.errors.ContentError`, naming the file,
language and key): unknown keys, a key given twice, a language missing a key of the default
language or holding one it lacks, different ``{placeholders}`` than the default language's,
a file for an undeclared language or no file for a declared one.

The strings are constants, never generated. They follow safe-messaging guidance: no
method, dose, height, location, lethality or timing; suicide is never framed as a solution or
as inevitable; the person is asked directly about safety and invited to keep talking.

Placeholders: ``{quote}`` (a short, screened quote of the user's own words), ``{emergency}``
(the region's emergency number or "your local emergency number"), ``{number}``, ``{keyword}``,
``{url}`` (resource formatting).

Changing a text is a safety change: have it reviewed, and re-run tests/safety.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Final

from confide.datafiles import Keys, check_keys, entry_id, placeholders, read_yaml, text_value
from confide.errors import ContentError

#: The sections of a language file: ``texts`` (this module) and ``flow`` (texts_flow).
SECTIONS: Final = ("texts", "flow")

_LOCALES_KEYS: Keys = (frozenset({"default", "versions", "locales"}), frozenset())
_LOCALE_KEYS: Keys = (frozenset({"code", "name"}), frozenset({"script"}))
_CODE = (re.compile(r"[a-z]{2,3}\Z"), "an ISO 639-1 code in lower case")
_KEY = re.compile(r"[a-z][a-z0-9_]*\Z")


@dataclass(frozen=True)
class LocaleTexts:
    """Every language's reviewed texts, validated: what ``content/`` holds."""

    default: str
    #: section -> version (recorded in ReplyMeta.prompt_version)
    versions: dict[str, str]
    #: code -> English name of the language, in the listed order
    names: dict[str, str]
    #: code -> code-point ranges a message must use for a reply in that language
    scripts: dict[str, tuple[tuple[int, int], ...]]
    #: section -> code -> key -> text
    tables: dict[str, dict[str, dict[str, str]]]


def _script(value: object, label: str, what: str) -> tuple[tuple[int, int], ...]:
    ok = isinstance(value, list) and value
    ranges: list[tuple[int, int]] = []
    for pair in value if isinstance(value, list) else ():
        if not (
            isinstance(pair, list)
            and len(pair) == 2
            and all(isinstance(n, int) and not isinstance(n, bool) for n in pair)
            and 0 <= pair[0] <= pair[1] <= 0x10FFFF
        ):
            ok = False
            break
        ranges.append((pair[0], pair[1]))
    if not ok:
        raise ContentError(f"{label}: {what}: 'script' must be a list of [first, last] code points")
    return tuple(ranges)


def _table(data: Any, label: str, section: str) -> dict[str, str]:
    if not isinstance(data, dict) or not data:
        raise ContentError(f"{label}: {section!r} must be a mapping of key: text")
    for key in data:
        if not isinstance(key, str) or not _KEY.match(key):
            raise ContentError(f"{label}: {section}: bad key {key!r} (lower case, digits, _)")
    return {
        key: text_value(value, label, f"{section}.{key}", ContentError)
        for key, value in data.items()
    }


def load_texts(root: Traversable | Path | None = None) -> LocaleTexts:
    """Read and validate a content directory (the packaged one by default)."""
    base: Traversable = (
        root if root is not None else resources.files("confide.safety").joinpath("content")
    )
    label_root = "confide/safety/content" if root is None else str(root)
    label = f"{label_root}/locales.yaml"
    top = check_keys(
        read_yaml(base.joinpath("locales.yaml"), label, ContentError),
        _LOCALES_KEYS,
        label,
        "top level",
        ContentError,
    )
    versions = top["versions"]
    if not isinstance(versions, dict) or set(versions) != set(SECTIONS):
        raise ContentError(f"{label}: 'versions' must give exactly {', '.join(SECTIONS)}")
    for section, version in versions.items():
        if not isinstance(version, str) or not version.strip():
            raise ContentError(f"{label}: versions.{section}: a version is a text, such as '3'")
    if not isinstance(top["locales"], list) or not top["locales"]:
        raise ContentError(f"{label}: 'locales' must be a non-empty list")
    names: dict[str, str] = {}
    scripts: dict[str, tuple[tuple[int, int], ...]] = {}
    seen: set[str] = set()
    for item in top["locales"]:
        where = (label, "locale")
        code, what = entry_id(item, _LOCALE_KEYS, seen, where, "code", _CODE, ContentError)
        names[code] = text_value(item["name"], label, f"{what}: name", ContentError)
        if "script" in item:
            scripts[code] = _script(item["script"], label, what)
    default = top["default"]
    if default not in names:
        raise ContentError(f"{label}: default {default!r} is not a listed locale")

    texts_dir = base.joinpath("texts")
    files = {p.name for p in texts_dir.iterdir() if p.name.endswith((".yaml", ".yml"))}
    stray = sorted(files - {f"{code}.yaml" for code in names})
    if stray:
        raise ContentError(
            f"{label_root}/texts: file(s) {', '.join(stray)} for a language not listed in "
            "locales.yaml"
        )
    tables: dict[str, dict[str, dict[str, str]]] = {section: {} for section in SECTIONS}
    for code in [default, *(c for c in names if c != default)]:
        file_label = f"{label_root}/texts/{code}.yaml"
        if f"{code}.yaml" not in files:
            raise ContentError(f"{file_label}: missing (the language is listed in locales.yaml)")
        data = check_keys(
            read_yaml(texts_dir.joinpath(f"{code}.yaml"), file_label, ContentError),
            (frozenset(SECTIONS), frozenset()),
            file_label,
            "top level",
            ContentError,
        )
        for section in SECTIONS:
            table = _table(data[section], file_label, section)
            reference = tables[section].get(default)
            if reference is not None:
                _same_keys_and_slots(table, reference, file_label, section, default)
            else:
                for key, value in table.items():
                    placeholders(value, file_label, f"{section}.{key}", ContentError)
            tables[section][code] = table
    # the listed order, as before (the default first is only the reading order)
    tables = {s: {code: tables[s][code] for code in names} for s in SECTIONS}
    return LocaleTexts(default, dict(versions), names, scripts, tables)


def _same_keys_and_slots(
    table: dict[str, str], reference: dict[str, str], label: str, section: str, default: str
) -> None:
    missing = [key for key in reference if key not in table]
    if missing:
        raise ContentError(
            f"{label}: {section}: missing key(s) {', '.join(missing)} (every language has "
            f"every key of {default}.yaml)"
        )
    extra = [key for key in table if key not in reference]
    if extra:
        raise ContentError(
            f"{label}: {section}: key(s) {', '.join(extra)} not in {default}.yaml (add them "
            "there first)"
        )
    for key, value in table.items():
        what = f"{section}.{key}"
        mine = placeholders(value, label, what, ContentError)
        theirs = placeholders(reference[key], label, what, ContentError)
        if mine != theirs:
            raise ContentError(
                f"{label}: {what}: placeholders {{{', '.join(sorted(mine))}}} differ from "
                f"{default}.yaml's {{{', '.join(sorted(theirs))}}}"
            )


#: Everything the content directory holds (texts_flow reads its section from here).
CONTENT: Final = load_texts()

DEFAULT_LOCALE: Final = CONTENT.default

#: Bump when any safety text changes (recorded in ReplyMeta.prompt_version).
TEXTS_VERSION: Final = CONTENT.versions["texts"]

#: Languages Confide has reviewed safety texts for (ISO 639-1).
LANGUAGE_NAMES: Final[dict[str, str]] = CONTENT.names

SUPPORTED_LOCALES: Final[tuple[str, ...]] = tuple(LANGUAGE_NAMES)

#: locale -> key -> text. Every locale defines every key of English.
TEXTS: Final[dict[str, dict[str, str]]] = CONTENT.tables["texts"]

_EN: Final = TEXTS[DEFAULT_LOCALE]


def resolve_locale(locale: str | None) -> str:
    """Map a language tag to a supported locale ("pt-BR" -> "pt"); unknown -> English."""
    base = (locale or "").strip().lower().replace("_", "-").split("-", 1)[0]
    return base if base in TEXTS else DEFAULT_LOCALE


#: Scripts a reply locale needs: a message in another script (Hinglish typed in Latin letters,
#: pinyin) is answered in English rather than in a script the person did not use.
_SCRIPT_RANGES: Final[dict[str, tuple[tuple[int, int], ...]]] = CONTENT.scripts


#: Romanized Hindi ("Hinglish"): its own texts when they exist, else English (never Devanagari).
HINGLISH: Final = "hi-Latn"


def reply_locale(language: str | None, user_text: str = "") -> str:
    """Choose the locale of a safety reply from the turn's language and the message's script.

    A language without reviewed texts falls back to English, never to a neighbour
    (Japanese is not answered in Chinese, Dutch not in Spanish); romanized Hindi gets the
    ``hi-Latn`` texts if there are any, else English.
    """
    tag = (language or "").strip().replace("_", "-")
    if tag.lower() == HINGLISH.lower():
        return HINGLISH if HINGLISH in TEXTS else DEFAULT_LOCALE
    locale = resolve_locale(tag)
    ranges = _SCRIPT_RANGES.get(locale)
    if ranges and user_text.strip():
        in_script = any(lo <= ord(ch) <= hi for ch in user_text for lo, hi in ranges)
        if not in_script:
            return DEFAULT_LOCALE
    return locale


def text(key: str, locale: str | None = DEFAULT_LOCALE) -> str:
    """Return the fixed text ``key`` in ``locale`` (English when that locale lacks it).

    An unknown key raises KeyError: a typo in a safety text must fail loudly, not go silent.
    """
    table = TEXTS[resolve_locale(locale)]
    if key in table:
        return table[key]
    return _EN[key]
