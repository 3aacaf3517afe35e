"""Crisis and support resources by region, and their locale-aware formatting.

Every number here is a fixed, reviewed string, never generated. They were written from
well-known public listings and MUST be re-verified against each service's official site
(``source`` field) before a release: services change numbers and hours.

Regions are ISO 3166-1 alpha-2 codes (``UK`` is accepted for ``GB``; ``EU`` is a generic
European fallback). An unknown region falls back to findahelpline.com plus the advice to call
the local emergency number (112 works in the EU and from most mobile phones elsewhere).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

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
    #: Where to verify the entry before shipping.
    source: str = ""

    @property
    def contacts(self) -> tuple[str, ...]:
        """The numbers and addresses of this resource (used by tests and the guard)."""
        return tuple(c for c in (self.call, self.text, self.url) if c)


_FINDAHELPLINE = Resource(
    name="Find A Helpline",
    kind="directory",
    region="INTL",
    url="findahelpline.com",
    source="https://findahelpline.com",
)


def _emergency(region: str, number: str) -> Resource:
    return Resource(name="Emergency services", kind="emergency", region=region, call=number)


_REGIONS: dict[str, tuple[Resource, ...]] = {
    "US": (
        Resource(
            "988 Suicide & Crisis Lifeline",
            "crisis",
            "US",
            call="988",
            text="988",
            source="https://988lifeline.org",
        ),
        Resource(
            "Crisis Text Line",
            "crisis",
            "US",
            text="741741",
            text_keyword="HOME",
            source="https://www.crisistextline.org",
        ),
        _emergency("US", "911"),
        Resource(
            "National Domestic Violence Hotline",
            "abuse",
            "US",
            call="1-800-799-7233",
            text="88788",
            text_keyword="START",
            source="https://www.thehotline.org",
        ),
        Resource(
            "Poison Control",
            "poison",
            "US",
            call="1-800-222-1222",
            url="poisonhelp.hrsa.gov",
            source="https://poisonhelp.hrsa.gov",
        ),
        Resource(
            "ANAD (eating disorders support)",
            "eating_disorder",
            "US",
            url="anad.org",
            source="https://anad.org",
        ),
    ),
    "CA": (
        Resource(
            "9-8-8 Suicide Crisis Helpline",
            "crisis",
            "CA",
            call="988",
            text="988",
            source="https://988.ca",
        ),
        _emergency("CA", "911"),
    ),
    "GB": (
        Resource(
            "Samaritans",
            "crisis",
            "GB",
            call="116 123",
            url="samaritans.org",
            source="https://www.samaritans.org",
        ),
        Resource(
            "Shout",
            "crisis",
            "GB",
            text="85258",
            text_keyword="SHOUT",
            source="https://giveusashout.org",
        ),
        _emergency("GB", "999"),
        Resource(
            "National Domestic Abuse Helpline (Refuge)",
            "abuse",
            "GB",
            call="0808 2000 247",
            source="https://www.nationaldahelpline.org.uk",
        ),
        Resource(
            "Beat (eating disorders)",
            "eating_disorder",
            "GB",
            call="0808 801 0677",
            url="beateatingdisorders.org.uk",
            source="https://www.beateatingdisorders.org.uk",
        ),
        Resource(
            "NHS 111 (urgent medical advice)",
            "poison",
            "GB",
            call="111",
            source="https://111.nhs.uk",
        ),
    ),
    "IE": (
        Resource(
            "Samaritans",
            "crisis",
            "IE",
            call="116 123",
            url="samaritans.org",
            source="https://www.samaritans.org/ireland",
        ),
        Resource(
            "50808",
            "crisis",
            "IE",
            text="50808",
            text_keyword="HELLO",
            source="https://text50808.ie",
        ),
        Resource(
            "Emergency services",
            "emergency",
            "IE",
            call="112 / 999",
            source="https://www.gov.ie",
        ),
        Resource(
            "Women's Aid 24hr National Freephone Helpline",
            "abuse",
            "IE",
            call="1800 341 900",
            source="https://www.womensaid.ie",
        ),
    ),
    "AU": (
        Resource(
            "Lifeline",
            "crisis",
            "AU",
            call="13 11 14",
            source="https://www.lifeline.org.au",
        ),
        _emergency("AU", "000"),
        Resource(
            "1800RESPECT",
            "abuse",
            "AU",
            call="1800 737 732",
            source="https://www.1800respect.org.au",
        ),
        Resource(
            "Butterfly Foundation (eating disorders)",
            "eating_disorder",
            "AU",
            call="1800 33 4673",
            source="https://butterfly.org.au",
        ),
        Resource(
            "Poisons Information Centre",
            "poison",
            "AU",
            call="13 11 26",
            source="https://www.healthdirect.gov.au",
        ),
    ),
    "NZ": (
        Resource(
            "Need to talk? 1737",
            "crisis",
            "NZ",
            call="1737",
            text="1737",
            source="https://1737.org.nz",
        ),
        _emergency("NZ", "111"),
    ),
    "DE": (
        Resource(
            "TelefonSeelsorge",
            "crisis",
            "DE",
            call="0800 111 0 111",
            url="telefonseelsorge.de",
            source="https://www.telefonseelsorge.de",
        ),
        _emergency("DE", "112"),
        Resource(
            "Hilfetelefon Gewalt gegen Frauen",
            "abuse",
            "DE",
            call="116 016",
            source="https://www.hilfetelefon.de",
        ),
    ),
    "AT": (
        Resource(
            "TelefonSeelsorge",
            "crisis",
            "AT",
            call="142",
            source="https://www.telefonseelsorge.at",
        ),
        _emergency("AT", "112"),
    ),
    "CH": (
        Resource(
            "Die Dargebotene Hand",
            "crisis",
            "CH",
            call="143",
            source="https://www.143.ch",
        ),
        _emergency("CH", "144 / 112"),
    ),
    "FR": (
        Resource(
            "3114 (numéro national de prévention du suicide)",
            "crisis",
            "FR",
            call="3114",
            source="https://3114.fr",
        ),
        _emergency("FR", "15 / 112"),
        Resource(
            "Violences Femmes Info",
            "abuse",
            "FR",
            call="3919",
            source="https://arretonslesviolences.gouv.fr",
        ),
    ),
    "BE": (
        Resource(
            "Zelfmoordlijn (NL)",
            "crisis",
            "BE",
            call="1813",
            source="https://www.zelfmoord1813.be",
        ),
        _emergency("BE", "112"),
    ),
    "NL": (
        Resource(
            "113 Zelfmoordpreventie",
            "crisis",
            "NL",
            call="113 / 0800-0113",
            url="113.nl",
            source="https://www.113.nl",
        ),
        _emergency("NL", "112"),
    ),
    "ES": (
        Resource(
            "Línea 024 (atención a la conducta suicida)",
            "crisis",
            "ES",
            call="024",
            source="https://www.sanidad.gob.es",
        ),
        _emergency("ES", "112"),
        Resource(
            "016 (violencia de género)",
            "abuse",
            "ES",
            call="016",
            source="https://violenciagenero.igualdad.gob.es",
        ),
    ),
    "PT": (
        Resource(
            "SNS 24 (aconselhamento psicológico)",
            "crisis",
            "PT",
            call="808 24 24 24",
            source="https://www.sns24.gov.pt",
        ),
        _emergency("PT", "112"),
    ),
    "BR": (
        Resource(
            "CVV (Centro de Valorização da Vida)",
            "crisis",
            "BR",
            call="188",
            url="cvv.org.br",
            source="https://cvv.org.br",
        ),
        _emergency("BR", "192"),
    ),
    "MX": (
        Resource(
            "Línea de la Vida",
            "crisis",
            "MX",
            call="800 911 2000",
            source="https://www.gob.mx/salud/conadic",
        ),
        _emergency("MX", "911"),
    ),
    "IN": (
        Resource(
            "Tele-MANAS",
            "crisis",
            "IN",
            call="14416",
            source="https://telemanas.mohfw.gov.in",
        ),
        _emergency("IN", "112"),
    ),
    "CN": (_emergency("CN", "120"),),
    "JP": (_emergency("JP", "119"),),
    "EU": (_emergency("EU", "112"),),
}

#: European countries without a listed line still get 112 and the directory.
_EU_112 = (
    "BG",
    "CY",
    "CZ",
    "DK",
    "EE",
    "FI",
    "GR",
    "HR",
    "HU",
    "IT",
    "LT",
    "LU",
    "LV",
    "MT",
    "PL",
    "RO",
    "SE",
    "SI",
    "SK",
    "NO",
    "IS",
)

_ALIASES = {"UK": "GB", "EN": "GB", "USA": "US"}


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
        listed = (_emergency(code, "112"),)
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
