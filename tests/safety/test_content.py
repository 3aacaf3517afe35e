"""The reviewed content files: texts per language, exercises, resources, composer moves.

They ship inside the package, every language has every key with the same placeholders, a text
cannot change without its section's version, and every loader refuses a malformed file
loudly, naming the file and the entry (and the module that reads it fails at import).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import shutil
import string
import subprocess
import sys
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from confide.agents.compose import library
from confide.agents.compose.extract import FAMILY
from confide.agents.compose.library import load_moves
from confide.errors import ContentError
from confide.safety import resources as safety_resources
from confide.safety import texts, texts_exercises, texts_flow
from confide.safety.resources import load_resources
from confide.safety.texts import SUPPORTED_LOCALES, load_texts
from confide.safety.texts_exercises import load_exercises

ROOT = Path(__file__).resolve().parents[2]
CONTENT = resources.files("confide.safety").joinpath("content")
MOVES = resources.files("confide.agents.compose").joinpath("moves.yaml")

#: sha256 of each versioned section, per version. A text that changes without a new version
#: fails here: bump the version in the data file, and add the new fingerprint below (the
#: message prints it). The first entries were computed from the Python literals the data
#: files replaced (commit d37e159), so they also prove the conversion byte-identical.
FINGERPRINTS = {
    ("texts", "3"): "d123350b244a84adbf70c50c00be8c504c921c47d68fbc29f23b2e1348e104e0",
    ("texts", "4"): "e362c282af1cc91c7210ebb4f4b6a51f202a7ba71d364c913fc620d64c3d5315",
    # 5: ack_figurative, ask_figurative (a check-in for a figure of speech), 4 Dec 2026
    ("texts", "5"): "4bab65c6b62154a7770e0ee6046d1673588e79b1b4e2779876f5fd3b77002235",
    ("flow", "1"): "16f7bceba9347e30431422587967273b80c2f658b85e46f3823fc798233a34fc",
    ("exercises", "1"): "cb2b5756b27108ef516dbe5b3dc80a1a37a30d5c017f591637028b5fdd50cbce",
}


def _fingerprint(value: object) -> str:
    return hashlib.sha256(
        json.dumps(value, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()


def _sections() -> dict[str, tuple[str, object]]:
    ex = texts_exercises
    return {
        "texts": (texts.TEXTS_VERSION, texts.TEXTS),
        "flow": (texts_flow.FLOW_TEXTS_VERSION, texts_flow.FLOW_TEXTS),
        "exercises": (
            ex.EXERCISE_TEXTS_VERSION,
            {
                "exercises": [dataclasses.asdict(e) for e in ex.EXERCISES.values()],
                "aliases": ex.EXERCISE_ALIASES,
                "declined": ex.DECLINED,
                "menu_intro": ex.MENU_INTRO,
            },
        ),
    }


@pytest.mark.parametrize("section", ["texts", "flow", "exercises"])
def test_a_text_does_not_change_without_its_version(section: str) -> None:
    version, value = _sections()[section]
    found = _fingerprint(value)
    assert FINGERPRINTS.get((section, version)) == found, (
        f"the {section} texts changed: bump their version (now {version!r}) and add "
        f"({section!r}, <new version>): {found!r} to FINGERPRINTS after review"
    )


# --- what ships, and what the modules expose ----------------------------------------------


def test_the_content_ships_inside_the_package() -> None:
    assert CONTENT.joinpath("locales.yaml").is_file()
    for locale in SUPPORTED_LOCALES:
        assert CONTENT.joinpath("texts", f"{locale}.yaml").is_file(), locale
    assert CONTENT.joinpath("exercises.yaml").is_file()
    assert CONTENT.joinpath("resources.yaml").is_file()
    assert CONTENT.joinpath("crisis_steps.yaml").is_file()
    assert MOVES.is_file()
    # the files sit in the package directory itself (no data_files outside it)
    package = Path(str(resources.files("confide")))
    assert Path(str(MOVES)).is_relative_to(package)
    assert Path(str(CONTENT)).is_relative_to(package)


def test_the_wheel_config_ships_every_file_of_the_package() -> None:
    """Hatchling's wheel takes the whole ``confide`` package (YAML included) and excludes
    nothing: no only-include, exclude or artifacts rule that could drop a data file."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wheel = config["tool"]["hatch"]["build"]["targets"]["wheel"]
    assert wheel["packages"] == ["confide"]
    assert not set(wheel) & {"only-include", "exclude", "sources", "force-include"}
    assert "exclude" not in config["tool"]["hatch"]["build"]
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8")  # hatchling honours it
    assert not re.search(r"(?m)^[^#]*\.ya?ml", ignored)


def test_the_modules_read_the_data() -> None:
    assert load_texts().tables["texts"] == texts.TEXTS
    assert load_texts().tables["flow"] == texts_flow.FLOW_TEXTS
    assert load_exercises().exercises == texts_exercises.EXERCISES
    assert list(library.LIBRARY) == list(load_moves().library)
    assert load_resources() == safety_resources.RESOURCES
    assert texts.SUPPORTED_LOCALES == ("en", "es", "fr", "de", "pt", "zh", "hi")
    assert texts_exercises.EXERCISE_ORDER == ("breathing", "grounding", "urge", "sleep")
    assert sum(len(moves) for moves in library.LIBRARY.values()) == 168
    assert set(library.CUES) == set(load_moves().cues)


@pytest.mark.parametrize("section", ["texts", "flow"])
@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_every_locale_has_every_key_with_the_same_placeholders(section: str, locale: str) -> None:
    tables = load_texts().tables[section]
    english, table = tables["en"], tables[locale]
    assert set(table) == set(english)
    fields = string.Formatter()
    for key, value in table.items():
        mine = {f for _, f, _, _ in fields.parse(value) if f}
        theirs = {f for _, f, _, _ in fields.parse(english[key]) if f}
        assert mine == theirs, (locale, key)


def test_every_resource_names_a_source_and_whether_it_was_verified() -> None:
    entries = list(safety_resources.RESOURCES.all())
    assert len(entries) >= 50
    for res in entries:
        assert res.source.startswith("https://"), res
        assert isinstance(res.verified, bool)
        assert (res.verified_on is not None) == res.verified, res
    # written without network access: nothing claims a check that was not made
    assert not any(res.verified for res in entries)


def test_the_move_tags_are_the_composers_vocabulary() -> None:
    from confide.agents.compose.composer import _LABEL_FAMILY

    assert set(FAMILY.values()) | set(_LABEL_FAMILY.values()) == library.EMOTION_FAMILIES
    used = {tag for moves in library.LIBRARY.values() for m in moves for tag in m.tags}
    assert {t for t in used if t.startswith("#")} <= set(library.TOPICS)


# --- the loaders refuse malformed files ---------------------------------------------------


@pytest.fixture
def content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(Path(str(CONTENT)), target)
    return target


@pytest.fixture
def moves_file(tmp_path: Path) -> Path:
    target = tmp_path / "moves.yaml"
    shutil.copy(Path(str(MOVES)), target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_copy_loads_like_the_package(content: Path, moves_file: Path) -> None:
    assert load_texts(content) == load_texts()
    assert load_exercises(content / "exercises.yaml") == load_exercises()
    assert load_resources(content / "resources.yaml") == load_resources()
    assert load_moves(moves_file) == load_moves()


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "texts/es.yaml",
            "  ack_self: ",
            "  ack_slef: ",
            "texts/es.yaml: texts: missing key(s) ack_self",
        ),
        (
            "texts/fr.yaml",
            "texts:\n",
            "texts:\n  ack_extra: Bonjour.\n",
            "texts/fr.yaml: texts: key(s) ack_extra not in en.yaml",
        ),
        (
            "texts/de.yaml",
            "geschrieben: „{quote}“",
            "geschrieben: „{zitat}“",
            "texts/de.yaml: texts.quote_intro: placeholders {zitat} differ from en.yaml's {quote}",
        ),
        (
            "texts/pt.yaml",
            "procurado {person}.",
            "procurado {}.",
            "texts/pt.yaml: flow.flow_ack_contacted_person: placeholders are {name} only",
        ),
        (
            "texts/zh.yaml",
            "flow:\n",
            "flow:\n  flow_presence: 我在这里。\n",
            "key 'flow_presence' given twice",
        ),
        (
            "texts/hi.yaml",
            "flow:\n",
            "flows:\n",
            "texts/hi.yaml: top level: unknown key(s) 'flows'",
        ),
        (
            "texts/en.yaml",
            "  res_or: ' or '\n",
            "  res_or: ''\n",
            "texts.res_or: expected a non-empty",
        ),
        ("locales.yaml", "  flow: '1'\n", "", "'versions' must give exactly texts, flow"),
        ("locales.yaml", "  - code: hi\n", "  - code: es\n", "locale 'es': duplicate code"),
        ("locales.yaml", "default: en", "default: xx", "default 'xx' is not a listed locale"),
        ("locales.yaml", "[[0x0900, 0x097F]]", "[0x0900]", "'script' must be a list of"),
        (
            "locales.yaml",
            "    name: Hindi\n",
            "    name: Hindi\n    nmae: x\n",
            "unknown key(s) 'nmae'",
        ),
    ],
)
def test_a_malformed_texts_directory_is_refused(
    content: Path, file: str, old: str, new: str, message: str
) -> None:
    _edit(content / file, old, new)
    with pytest.raises(ContentError, match=re.escape(message)):
        load_texts(content)


def test_a_language_file_must_match_the_list(content: Path) -> None:
    shutil.copy(content / "texts" / "es.yaml", content / "texts" / "it.yaml")
    with pytest.raises(ContentError, match=r"it\.yaml for a language not listed"):
        load_texts(content)
    (content / "texts" / "it.yaml").unlink()
    (content / "texts" / "pt.yaml").unlink()
    with pytest.raises(ContentError, match=r"texts/pt\.yaml: missing"):
        load_texts(content)


def test_adding_a_language_is_a_file_and_a_line(content: Path) -> None:
    italian = (content / "texts" / "es.yaml").read_text(encoding="utf-8")
    (content / "texts" / "it.yaml").write_text(italian, encoding="utf-8")
    _edit(
        content / "locales.yaml",
        "  - code: hi\n",
        "  - code: it\n    name: Italian\n  - code: hi\n",
    )
    loaded = load_texts(content)
    assert list(loaded.names) == ["en", "es", "fr", "de", "pt", "zh", "it", "hi"]
    assert loaded.tables["flow"]["it"] == loaded.tables["flow"]["es"]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("  - id: urge\n", "  - id: grounding\n", "exercise 'grounding': duplicate id"),
        ("    minutes: 2\n", "    minutes: two\n", "'minutes' must be a whole number"),
        ("  bed: sleep\n", "  bed: slumber\n", "alias 'bed': no exercise 'slumber'"),
        ("  '54321': grounding\n", "  54321: grounding\n", "alias 54321: a word is a text"),
        ("    steps:\n", "    stepz: []\n    steps:\n", "unknown key(s) 'stepz'"),
        ("version: '1'\n", "version: 1\n", "'version' is a text"),
    ],
)
def test_a_malformed_exercises_file_is_refused(
    content: Path, old: str, new: str, message: str
) -> None:
    _edit(content / "exercises.yaml", old, new)
    with pytest.raises(ContentError, match=re.escape(message)):
        load_exercises(content / "exercises.yaml")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "      kind: crisis\n",
            "      kind: hotline\n",
            "US '988 Suicide & Crisis Lifeline': unknown kind 'hotline'",
        ),
        (
            "      call: '911'\n",
            "      call: 911\n",
            "US 'Emergency services': call 911 is not digits",
        ),
        ("      call: '000'\n", "      call: '000 (free)'\n", "call '000 (free)' is not digits"),
        ("SK, 'NO', IS]", "SK, NO, IS]", "False is not a region code"),
        ("      source: https://988lifeline.org\n", "", "missing key(s) 'source'"),
        (
            "      source: https://988lifeline.org\n",
            "      source: 988lifeline.org\n",
            "'source' is the https://",
        ),
        (
            "      source: https://988lifeline.org\n      verified: false\n",
            "      source: https://988lifeline.org\n      verified: true\n",
            "a verified entry gives verified_on: YYYY-MM-DD",
        ),
        (
            "      source: https://988lifeline.org\n      verified: false\n",
            "      source: https://988lifeline.org\n      verified: false\n      verified_on: 2026-01-05\n",
            "'verified_on' without verified: true",
        ),
        (
            "      text_keyword: HOME\n",
            "      text_keyword: home\n",
            "text_keyword 'home' is not capital",
        ),
        ("  USA: US\n", "  USA: XX\n", "alias 'USA': no region 'XX'"),
        (
            "      kind: emergency\n      call: '000'\n",
            "      kind: crisis\n      call: '000'\n",
            "AU: a region has exactly one emergency entry",
        ),
        (
            "  NZ:\n",
            "  NZ:\n    - name: x\n      kind: crisis\n      call: '1'\n      source: https://x.org\n"
            "      verified: false\n      hours: 24/7\n",
            "NZ 'x': unknown key(s) 'hours'",
        ),
    ],
)
def test_a_malformed_resources_file_is_refused(
    content: Path, old: str, new: str, message: str
) -> None:
    _edit(content / "resources.yaml", old, new)
    with pytest.raises(ContentError, match=re.escape(message)):
        load_resources(content / "resources.yaml")


def test_a_verified_entry_records_the_day(content: Path) -> None:
    _edit(
        content / "resources.yaml",
        "      source: https://988lifeline.org\n      verified: false\n",
        "      source: https://988lifeline.org\n      verified: true\n      verified_on: 2026-01-05\n",
    )
    first = load_resources(content / "resources.yaml").regions["US"][0]
    assert (first.verified, first.verified_on) == (True, "2026-01-05")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("    - id: q02\n", "    - id: q01\n", "Question move 'q01': duplicate id"),
        (
            "      tags: [fresh]\n",
            "      tags: [frsh]\n",
            "Question move 'q02': unknown tag(s) frsh",
        ),
        ("      tags: ['@today']\n", "      tags: ['@todya']\n", "unknown tag(s) @todya"),
        ("  '@today': {scope: turn,", "  '@today': {scope: week,", "cue @today: scope 'week'"),
        ("  '@today': {scope: turn,", "  '@today': {where: turn,", "needs 'scope' and 'pattern'"),
        ("  '@today': {scope: turn,", "  today: {scope: turn,", "a cue is '@name'"),
        (
            "  '@today': {scope: turn, pattern: '(?i)\\b(",
            "  '@today': {scope: turn, pattern: '(?i)\\b((",
            "cue @today: the pattern does not compile",
        ),
        ("      needs: [person]\n", "      needs: [persona]\n", "unknown slot(s) persona"),
        (
            "      needs: [person]\n",
            "      needs: [thing]\n",
            "Question move 'q01': the text fills {person}, which 'needs' does not list",
        ),
        ("  Question:\n", "  Questions:\n", "'strategies' must hold exactly the ESConv strategies"),
        ("  '#help': '\\b(", "  '#help': '\\b((", "topic #help: the pattern does not compile"),
        ("stock_openers: [it sounds like", "stock_openers: [It sounds like", "lower case"),
        ("  - id: b03\n", "  - id: q03\n", "bridges move 'q03': duplicate id"),
        ("    - id: q03\n", "    - id: q03\n      mood: calm\n", "unknown key(s) 'mood'"),
    ],
)
def test_a_malformed_moves_file_is_refused(
    moves_file: Path, old: str, new: str, message: str
) -> None:
    _edit(moves_file, old, new)
    with pytest.raises(ContentError, match=re.escape(message)):
        load_moves(moves_file)


def test_a_malformed_file_fails_the_import_loudly(content: Path) -> None:
    """The module that reads a file refuses to import when the file is wrong (no fallback)."""
    _edit(content / "texts" / "es.yaml", "  ack_self: ", "  ack_slef: ")
    code = (
        "import importlib.resources as r, pathlib\n"
        "files = r.files\n"
        f"r.files = lambda pkg: pathlib.Path({str(content.parent)!r}) if pkg == 'confide.safety'"
        " else files(pkg)\n"
        "import confide.safety.texts\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert done.returncode != 0
    assert "confide.errors.ContentError" in done.stderr
    assert "texts/es.yaml: texts: missing key(s) ack_self" in done.stderr
