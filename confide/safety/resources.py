"""Crisis and support resources by region, and their locale-aware formatting.

The resources are data: ``confide/safety/content/resources.yaml`` (how to edit or verify an
entry: ``docs/content.md``), read and validated once, at import; a malformed file raises
:class:`~confide.errors.ContentError` naming the file, the region and the entry (unknown or
missing keys, a key given twice, an unknown kind, a number that is not digits, spaces,
dashes or slashes, a region without exactly one emergency entry, an alias to no region).

Every number is a fixed, reviewed string, never generated. Each entry names its ``source``
(where to check it) and says whether it was ``verified`` against that source (with the date).
The entries were written from public listings without network access and are all
``verified: false``: they MUST be checked against each service's official site before a
release, since services change numbers and hours.

Regions are ISO 3166-1 alpha-2 codes (``UK`` is accepted for ``GB``; ``EU`` is a generic
European fallback). An unknown region falls back to findahelpline.com plus the advice to call
the local emergency number (112 works in the EU and from most mobile phones elsewhere).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Final, Literal, get_args

from confide.datafiles import Keys, check_keys, read_package_file, text_value
from confide.errors import ContentError
from confide.safety.texts import resolve_locale, text

ResourceKind = Literal[
    "crisis", "emergency", "abuse", "eating_disorder", "poison", "medical", "directory"
]

#: Kinds shown for a crisis reply unless the situation calls for more.
CRISIS_KINDS: tuple[ResourceKind, ...] = ("crisis", "emergency", "directory")


@dataclass(frozen=True)
class Resource:
    """One way to reach help: a phone line, a text line, a website, or several."""

    name: str
    kind: ResourceKind
    region: str
    call: str | None = None
    #: Number to text; with ``text_keyword`` the user texts that word to the number.
    text: str | None = None
    text_keyword: str | None = None
    url: str | None = None
    #: Where to verify the entry (the service's official site, or the listing it came from).
    source: str = ""
    #: Whether a person checked the entry against ``source``, and on which day (ISO date).
    verified: bool = False
    verified_on: str | None = None

    @property
    def contacts(self) -> tuple[str, ...]:
        """The numbers and addresses of this resource (used by tests and the guard)."""
        return tuple(c for c in (self.call, self.text, self.url) if c)


_KINDS: Final = frozenset(get_args(ResourceKind))
_FILE_KEYS: Keys = (frozenset({"directory", "regions", "eu_112", "aliases"}), frozenset())
_ENTRY_KEYS: Keys = (
    frozenset({"name", "kind", "source", "verified"}),
    frozenset({"call", "text", "text_keyword", "url", "verified_on"}),
)
_DIRECTORY_KEYS: Keys = (
    frozenset({"name", "url", "source", "verified"}),
    frozenset({"verified_on"}),
)
_REGION = re.compile(r"[A-Z]{2}\Z")
_NUMBER = re.compile(r"[\d /-]+\Z")
_KEYWORD = re.compile(r"[A-Z0-9]+\Z")
_URL = re.compile(r"[a-z0-9.-]+\.[a-z]{2,}(?:/[\w./-]*)?\Z")


def _region_code(value: object, label: str, what: str) -> str:
    if not isinstance(value, str) or not _REGION.match(value):
        raise ContentError(
            f"{label}: {what}: {value!r} is not a region code (two capital letters; quote "
            "codes YAML reads as something else, such as 'NO')"
        )
    return value


def _resource(item: Any, region: str, label: str, keys: Keys = _ENTRY_KEYS) -> Resource:
    name = item.get("name") if isinstance(item, dict) else None
    what = f"{region} {name!r}"
    check_keys(item, keys, label, what, ContentError)
    kind = item.get("kind", "directory")
    if kind not in _KINDS:
        raise ContentError(f"{label}: {what}: unknown kind {kind!r} ({', '.join(sorted(_KINDS))})")
    fields: dict[str, str] = {}
    for key, pattern, hint in (
        ("call", _NUMBER, "digits, spaces, dashes or slashes; quote it"),
        ("text", _NUMBER, "digits, spaces, dashes or slashes; quote it"),
        ("text_keyword", _KEYWORD, "capital letters or digits"),
        ("url", _URL, "a host and path without https://"),
    ):
        if key in item:
            value = item[key]
            if not isinstance(value, str) or not pattern.match(value):
                raise ContentError(f"{label}: {what}: {key} {value!r} is not {hint}")
            fields[key] = value
    if "text_keyword" in fields and "text" not in fields:
        raise ContentError(f"{label}: {what}: 'text_keyword' needs the 'text' number")
    if not fields:
        raise ContentError(f"{label}: {what}: give at least one of call, text or url")
    source = text_value(item["source"], label, f"{what}: source", ContentError)
    if not source.startswith("https://"):
        raise ContentError(f"{label}: {what}: 'source' is the https:// address to check it at")
    verified = item["verified"]
    if not isinstance(verified, bool):
        raise ContentError(f"{label}: {what}: 'verified' is true or false")
    verified_on = item.get("verified_on")
    if verified:
        try:
            verified_on = datetime.date.fromisoformat(str(verified_on)).isoformat()
        except ValueError:
            raise ContentError(
                f"{label}: {what}: a verified entry gives verified_on: YYYY-MM-DD (the day it "
                "was checked against its source)"
            ) from None
    elif verified_on is not None:
        raise ContentError(f"{label}: {what}: 'verified_on' without verified: true")
    return Resource(
        name=text_value(name, label, f"{what}: name", ContentError),
        kind=kind,
        region=region,
        source=source,
        verified=verified,
        verified_on=verified_on,
        **fields,
    )


@dataclass(frozen=True)
class ResourceTable:
    """What ``resources.yaml`` holds, validated."""

    directory: Resource
    regions: dict[str, tuple[Resource, ...]]
    #: European countries without a listed line: they get the EU entry's 112
    eu_112: tuple[str, ...]
    aliases: dict[str, str]

    def all(self) -> Iterable[Resource]:
        """Every entry, the directory first (for tests and review tools)."""
        yield self.directory
        for listed in self.regions.values():
            yield from listed


def load_resources(path: Traversable | Path | None = None) -> ResourceTable:
    """Read and validate a resources file (the packaged one by default)."""
    data, label = read_package_file(
        "confide.safety", "content/resources.yaml", path, _FILE_KEYS, ContentError
    )
    directory = _resource(data["directory"], "INTL", label, _DIRECTORY_KEYS)
    if not isinstance(data["regions"], dict) or not data["regions"]:
        raise ContentError(f"{label}: 'regions' must be a mapping of region code: entries")
    regions: dict[str, tuple[Resource, ...]] = {}
    for code, items in data["regions"].items():
        code = _region_code(code, label, "region")
        if not isinstance(items, list) or not items:
            raise ContentError(f"{label}: {code}: a region lists its entries")
        listed = tuple(_resource(item, code, label) for item in items)
        names = [(r.kind, r.name) for r in listed]
        repeated = sorted({n for n in names if names.count(n) > 1})
        if repeated:
            raise ContentError(f"{label}: {code}: listed twice: {repeated}")
        if sum(r.kind == "emergency" for r in listed) != 1:
            raise ContentError(f"{label}: {code}: a region has exactly one emergency entry")
        regions[code] = listed
    if "EU" not in regions:
        raise ContentError(f"{label}: the EU fallback region is missing")
    eu_112 = data["eu_112"]
    if not isinstance(eu_112, list):
        raise ContentError(f"{label}: 'eu_112' must be a list of region codes")
    for code in eu_112:
        _region_code(code, label, "eu_112")
        if code in regions or eu_112.count(code) > 1:
            raise ContentError(f"{label}: eu_112: {code} is listed twice (or is in regions)")
    aliases = data["aliases"]
    if not isinstance(aliases, dict):
        raise ContentError(f"{label}: 'aliases' must be a mapping of spelling: region code")
    for alias, code in aliases.items():
        if not isinstance(alias, str) or not alias.isupper():
            raise ContentError(f"{label}: alias {alias!r}: an alias is upper-case text")
        if code not in regions:
            raise ContentError(f"{label}: alias {alias!r}: no region {code!r}")
    return ResourceTable(directory, regions, tuple(eu_112), dict(aliases))


RESOURCES: Final = load_resources()

_FINDAHELPLINE: Final = RESOURCES.directory
_REGIONS: Final[dict[str, tuple[Resource, ...]]] = RESOURCES.regions
_EU_EMERGENCY: Final = next(r for r in _REGIONS["EU"] if r.kind == "emergency")
#: European countries without a listed line still get 112 and the directory.
_EU_112: Final = RESOURCES.eu_112
_ALIASES: Final = RESOURCES.aliases


def normalize_region(region: str | None) -> str:
    """Canonical region code (``UK`` -> ``GB``); empty or None becomes ``""`` (unknown)."""
    code = (region or "").strip().upper().replace("_", "-")
    if "-" in code:  # accept locale-like "en-GB"
        code = code.rsplit("-", 1)[-1]
    return _ALIASES.get(code, code)


def is_known_region(region: str | None) -> bool:
    """Whether Confide has a reviewed resource list for this region."""
    code = normalize_region(region)
    return code in _REGIONS or code in _EU_112


def resources_for(
    region: str | None, kinds: Iterable[ResourceKind] | None = None
) -> list[Resource]:
    """Resources for ``region`` (crisis lines, emergency number, directory by default).

    The international directory is always last, so every list ends with a way to find a
    local line. An unknown region returns only the directory; the crisis text then names
    "your local emergency number" (see :func:`emergency_number`).
    """
    wanted = tuple(kinds) if kinds is not None else CRISIS_KINDS
    code = normalize_region(region)
    listed = _REGIONS.get(code)
    if listed is None and code in _EU_112:
        listed = (replace(_EU_EMERGENCY, region=code),)
    chosen = sorted(
        (r for r in (listed or ()) if r.kind in wanted), key=lambda r: wanted.index(r.kind)
    )
    if listed is None and "emergency" in wanted:
        # no reviewed number for this region: the formatter says "your local emergency number"
        chosen.append(Resource(name="Emergency services", kind="emergency", region=code))
    if "directory" in wanted:
        chosen.append(_FINDAHELPLINE)
    return chosen


def emergency_number(region: str | None) -> str | None:
    """Return the region's emergency number as written for users, or None when unknown."""
    for res in resources_for(region, kinds=("emergency",)):
        if res.call:
            return res.call
    return None


def emergency_phrase(region: str | None, locale: str) -> str:
    """Return the emergency number for a sentence ("911" or "your local emergency number")."""
    number = emergency_number(region)
    return number if number else text("emergency_unknown", locale)


def format_resource(res: Resource, locale: str = "en") -> str:
    """One line such as ``988 Suicide & Crisis Lifeline: call or text 988``."""
    loc = resolve_locale(locale)
    ways: list[str] = []
    if res.kind == "emergency" and not res.call:
        ways.append(text("res_call", loc).format(number=text("emergency_unknown", loc)))
    elif res.call and res.text == res.call and not res.text_keyword:
        ways.append(text("res_call_or_text", loc).format(number=res.call))
    else:
        if res.call:
            ways.append(text("res_call", loc).format(number=res.call))
        if res.text and res.text_keyword:
            ways.append(text("res_text_kw", loc).format(keyword=res.text_keyword, number=res.text))
        elif res.text:
            ways.append(text("res_text", loc).format(number=res.text))
    if res.url:
        ways.append(text("res_visit", loc).format(url=res.url))
    name = res.name
    if res.kind == "emergency":
        name = text("res_emergency_name", loc)
    elif res.kind == "directory":
        name = text("res_directory_name", loc)
    return f"{name}{text('res_sep', loc)}{text('res_or', loc).join(ways)}"


def format_resources(resources: Iterable[Resource], locale: str = "en") -> str:
    """Format a bulleted block of resources, one per line, in the user's language."""
    return "\n".join(f"• {format_resource(r, locale)}" for r in resources)
