"""Crisis resources by region and their locale-aware formatting."""

from __future__ import annotations

import re
import string

import pytest

from confide.safety.resources import (
    emergency_number,
    format_resources,
    normalize_region,
    resources_for,
)
from confide.safety.texts import SUPPORTED_LOCALES, TEXTS, resolve_locale, text


def _block(region: str, locale: str = "en", kinds: tuple[str, ...] | None = None) -> str:
    return format_resources(resources_for(region, kinds), locale)  # type: ignore[arg-type]


def test_us_shows_988_call_or_text_911_and_directory() -> None:
    block = _block("US")
    assert "call or text 988" in block
    assert "call 911" in block
    assert "findahelpline.com" in block


@pytest.mark.parametrize("region", ["UK", "GB", "uk", "en-GB"])
def test_uk_shows_samaritans_and_999(region: str) -> None:
    block = _block(region)
    assert "116 123" in block
    assert "999" in block
    assert "911" not in block
    assert normalize_region(region) == "GB"


def test_ireland_shows_samaritans_and_112() -> None:
    block = _block("IE")
    assert "116 123" in block
    assert "112" in block


@pytest.mark.parametrize(
    ("region", "number"),
    [
        ("US", "911"),
        ("CA", "911"),
        ("GB", "999"),
        ("AU", "000"),
        ("DE", "112"),
        ("FR", "112"),
        ("ES", "112"),
        ("IT", "112"),
    ],
)
def test_emergency_number_per_region(region: str, number: str) -> None:
    assert number in (emergency_number(region) or "")


def test_unknown_region_falls_back_to_directory_and_local_emergency_guidance() -> None:
    assert emergency_number("ZZ") is None
    block = _block("ZZ")
    assert "findahelpline.com" in block
    assert "local emergency number (such as 112)" in block
    assert "988" not in block


def test_directory_is_always_last() -> None:
    for region in ("US", "GB", "IE", "AU", "DE", "ZZ", ""):
        listed = resources_for(region)
        assert listed[-1].url == "findahelpline.com"


def test_abuse_resources() -> None:
    us = _block("US", kinds=("abuse",))
    assert "1-800-799-7233" in us
    assert "text START to 88788" in us
    assert "0808 2000 247" in _block("GB", kinds=("abuse",))


def test_poison_control_us() -> None:
    assert "1-800-222-1222" in _block("US", kinds=("poison",))


def test_default_kinds_do_not_include_abuse_or_poison() -> None:
    block = _block("US")
    assert "1-800-799-7233" not in block
    assert "1-800-222-1222" not in block


@pytest.mark.parametrize(
    ("locale", "verb"),
    [
        ("es", "llama"),
        ("fr", "appelez"),
        ("de", "ruf"),
        ("pt", "ligue"),
        ("zh", "拨打"),
        ("hi", "कॉल"),
    ],
)
def test_formatting_is_localised(locale: str, verb: str) -> None:
    block = _block("US", locale)
    assert "988" in block and "911" in block
    assert verb in block
    assert "call or text" not in block


def test_every_locale_defines_every_key_with_the_same_placeholders() -> None:
    fields = string.Formatter()
    english = TEXTS["en"]
    for locale in SUPPORTED_LOCALES:
        table = TEXTS[locale]
        assert set(table) == set(english), locale
        for key, value in table.items():
            mine = {f for _, f, _, _ in fields.parse(value) if f}
            theirs = {f for _, f, _, _ in fields.parse(english[key]) if f}
            assert mine == theirs, (locale, key)


def test_locale_resolution_and_fallback() -> None:
    assert resolve_locale("pt-BR") == "pt"
    assert resolve_locale("xx") == "en"
    assert resolve_locale(None) == "en"
    assert text("disclose_asked", "de").startswith("Um ehrlich")
    with pytest.raises(KeyError):
        text("no_such_key", "en")


def test_numbers_are_plain_reviewed_strings() -> None:
    # every phone entry is digits, spaces, dashes or slashes only (no prose sneaking in)
    for region in ("US", "CA", "GB", "IE", "AU", "NZ", "DE", "FR", "ES", "PT", "BR", "IN"):
        for res in resources_for(region, ("crisis", "emergency", "abuse", "poison")):
            for number in (res.call, res.text):
                if number:
                    assert re.fullmatch(r"[\d /-]+", number), (region, number)
