"""One-off: turn the reviewed Python literals into data files, and prove the values are equal.

The fixed texts (``confide/safety/texts.py``, ``texts_flow.py``, ``texts_exercises.py``), the
crisis resources (``confide/safety/resources.py``) and the composer's move library
(``confide/agents/compose/library.py``) were Python literals up to commit ``d37e159``. This
script reads those files from git history, writes ``confide/safety/content/`` and
``confide/agents/compose/moves.yaml``, and ``--check`` loads the data through the new modules
and proves every value byte-identical to the old module's: every text of every locale (same
keys, same order), every exercise, every resource of every region (and the formatted resource
block of every region, kind set and locale), every move (id, text, slots, tags, order), the
bridges, stay lines, check-ins, topics and stock openers.

    python scripts/convert_content_to_yaml.py            # write the data files (overwrites them)
    python scripts/convert_content_to_yaml.py --check    # compare the loaders with the old modules

Kept for the record of how the data was made; after the conversion the data files are the
source of truth and are edited by hand (re-running the write step would discard those edits).
Resources were written without network access: each is ``verified: false``, with the listing
it came from as ``source`` (docs/content.md, "Resources").
"""

from __future__ import annotations

import argparse
import ast
import re
import subprocess
import sys
import types
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BASE = "d37e159"  # the last commit with the Python literals
CONTENT = ROOT / "confide" / "safety" / "content"
MOVES = ROOT / "confide" / "agents" / "compose" / "moves.yaml"
#: Emergency numbers had no source in the old module: the public listing they were taken from.
EMERGENCY_SOURCE = "https://en.wikipedia.org/wiki/List_of_emergency_telephone_numbers"


def old_source(path: str) -> str:
    return subprocess.run(
        ["git", "show", f"{BASE}:{path}"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout


def old_module(path: str, name: str) -> types.ModuleType:
    """Execute the file as it was at BASE (its imports resolve to the current package)."""
    module = types.ModuleType(name)
    module.__file__ = path
    sys.modules[name] = module  # dataclasses look the module up while the class is built
    exec(compile(old_source(path), path, "exec"), module.__dict__)
    return module


# --- writing -------------------------------------------------------------------------------


def scalar(value: str, style: str | None = None) -> str:
    """One YAML scalar on one line (plain when safe, quoted otherwise), proven to round-trip."""
    out = yaml.dump(
        [value],
        allow_unicode=True,
        width=float("inf"),
        default_flow_style=False,
        default_style=style,
    )
    assert out.startswith("- ") and out.endswith("\n") and out.count("\n") == 1, out
    body = out[2:-1]
    assert yaml.safe_load(f"k: {body}\n")["k"] == value, value
    return body


def flow_list(values: Iterable[str]) -> str:
    return "[" + ", ".join(scalar(v) for v in values) + "]"


def section_comments(source: str, dict_name: str) -> dict[str, str]:
    """The ``# --- section`` comments of a dict literal, keyed by the key that follows each."""
    lines = source.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{dict_name}: dict"))
    out: dict[str, str] = {}
    pending = ""
    for line in lines[start + 1 :]:
        if line.startswith("}"):
            break
        comment = re.match(r"\s*#\s*(.*?)\s*-*\s*$", line)
        if comment:
            pending = comment.group(1).strip(" -")
            continue
        key = re.match(r'\s*"([a-z0-9_]+)":', line)
        if key and pending:
            out[key.group(1)] = pending
            pending = ""
    return out


def write_locales(texts: types.ModuleType, flow: types.ModuleType) -> None:
    (CONTENT / "texts").mkdir(parents=True, exist_ok=True)
    lines = [
        "# The languages Confide has reviewed safety texts for, in the order they are listed.",
        "# Each has a file texts/<code>.yaml. Editing a text, adding a language: docs/content.md.",
        f"default: {texts.DEFAULT_LOCALE}",
        "# Bump a version whenever a text of that section changes, in any locale (it is recorded",
        "# in ReplyMeta.prompt_version; tests/safety/test_content.py pins each one's fingerprint).",
        "versions:",
        f"  texts: {scalar(texts.TEXTS_VERSION)}",
        f"  flow: {scalar(flow.FLOW_TEXTS_VERSION)}",
        "locales:",
    ]
    for code, name in texts.LANGUAGE_NAMES.items():
        lines += [f"  - code: {code}", f"    name: {scalar(name)}"]
        ranges = texts._SCRIPT_RANGES.get(code)
        if ranges:
            lines.append("    # a reply in this language needs a message in its script (code point")
            lines.append(
                "    # ranges): a message in Latin letters (pinyin, Hinglish) gets English"
            )
            pairs = ", ".join(f"[0x{lo:04X}, 0x{hi:04X}]" for lo, hi in ranges)
            lines.append(f"    script: [{pairs}]")
    (CONTENT / "locales.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    text_comments = section_comments(old_source("confide/safety/texts.py"), "_EN")
    flow_comments = section_comments(old_source("confide/safety/texts_flow.py"), "_EN")
    for code, name in texts.LANGUAGE_NAMES.items():
        lines = [
            f"# Reviewed safety texts in {name} ({code}). Changing one is a safety change: have it",
            "# reviewed, bump its section's version in ../locales.yaml, run tests/safety.",
            "# Every language has every key of en.yaml, with the same {placeholders}.",
            "#",
            "# texts: crisis replies, boundaries, check-ins, disclosure, resource formatting",
            "#   ({quote} the person's own short words, {emergency} the region's emergency number,",
            "#   {number} {keyword} {url} for resources).",
            "texts:",
        ]
        sections = (
            (texts.TEXTS[code], text_comments, []),
            (
                flow.FLOW_TEXTS[code],
                flow_comments,
                [
                    "# flow: the crisis follow-ups and the safety plan ({person} who they reached,",
                    "#   in their words turned round, {lines} the region's crisis line and",
                    "#   emergency number).",
                    "flow:",
                ],
            ),
        )
        for table, comments, header in sections:
            lines += header
            for key, value in table.items():
                if key in comments:
                    lines.append(f"  # --- {comments[key]}")
                lines.append(f"  {key}: {scalar(value)}")
        (CONTENT / "texts" / f"{code}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_exercises(ex: types.ModuleType) -> None:
    assert tuple(ex.EXERCISES) == tuple(ex.EXERCISE_ORDER)
    lines = [
        "# Reviewed texts of the short guided exercises (English only for now: in other",
        "# languages they are not offered in conversation). Rules: short, optional, easy to stop;",
        "# no breath holding, no medical advice, no promise that an exercise fixes anything; each",
        "# ends by handing the conversation back. Changing a text is a safety change: have it",
        "# reviewed, bump the version, run tests/safety. Format: docs/content.md.",
        f"version: {scalar(ex.EXERCISE_TEXTS_VERSION)}",
        "# in the order /ground lists them",
        "exercises:",
    ]
    for item in ex.EXERCISES.values():
        lines += [
            f"  - id: {item.id}",
            f"    title: {scalar(item.title)}",
            f"    minutes: {item.minutes}",
            f"    intro: {scalar(item.intro)}",
            "    steps:",
            *(f"      - {scalar(step)}" for step in item.steps),
            f"    closing: {scalar(item.closing)}",
            "    # offered in conversation (answered with yes, or /ground <id>)",
            f"    invitation: {scalar(item.invitation)}",
        ]
    lines += ["# other words a person may type after /ground", "aliases:"]
    lines += [f"  {scalar(k)}: {v}" for k, v in ex.EXERCISE_ALIASES.items()]
    lines += [
        '# the answer to "no thanks" after an invitation',
        f"declined: {scalar(ex.DECLINED)}",
        f"menu_intro: {scalar(ex.MENU_INTRO)}",
    ]
    (CONTENT / "exercises.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def resource_lines(res: Any, indent: str) -> list[str]:
    source = res.source or EMERGENCY_SOURCE
    lines = [f"{indent}- name: {scalar(res.name)}", f"{indent}  kind: {res.kind}"]
    for key in ("call", "text", "text_keyword", "url"):
        value = getattr(res, key)
        if value:
            lines.append(f"{indent}  {key}: {scalar(value)}")
    lines += [f"{indent}  source: {scalar(source)}", f"{indent}  verified: false"]
    return lines


def write_resources(res: types.ModuleType) -> None:
    d = res._FINDAHELPLINE
    lines = [
        "# Crisis and support resources by region (ISO 3166-1 alpha-2; EU is the generic European",
        "# fallback). Fixed, reviewed strings, never generated. Format and how to verify an entry:",
        "# docs/content.md (Resources).",
        "#",
        "# Every entry was written from public listings without network access, so every entry is",
        "# verified: false. Before a release, check each number against its source (the service's",
        "# official site) and set verified: true with verified_on: YYYY-MM-DD.",
        "# The international directory, always listed last.",
        "directory:",
        f"  name: {scalar(d.name)}",
        f"  url: {scalar(d.url)}",
        f"  source: {scalar(d.source)}",
        "  verified: false",
        "regions:",
    ]
    for code, listed in res._REGIONS.items():
        lines.append(f"  {scalar(code)}:")
        for item in listed:
            assert item.region == code
            lines += resource_lines(item, "    ")
    lines += [
        "# European countries without a listed line: 112 (the EU entry) and the directory.",
        f"eu_112: {flow_list(res._EU_112)}",
        "# other spellings of a region code",
        "aliases:",
        *(f"  {scalar(k)}: {scalar(v)}" for k, v in res._ALIASES.items()),
    ]
    (CONTENT / "resources.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def move_args(source: str) -> dict[str, tuple[list[str], list[str]]]:
    """id -> (needs, tags) in the order the author wrote them (the Move holds frozensets)."""
    out: dict[str, tuple[list[str], list[str]]] = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "_m":
            mid, needs, tags = (ast.literal_eval(a) for a in node.args[:3])
            out[mid] = (needs.split(), tags.split())
    return out


def write_moves(lib: types.ModuleType) -> None:
    order = move_args(old_source("confide/agents/compose/library.py"))

    def moves(items: Iterable[Any], indent: str) -> list[str]:
        lines = []
        for m in items:
            needs, tags = order[m.id]
            assert frozenset(needs) == m.needs and frozenset(tags) == m.tags, m.id
            lines.append(f"{indent}- id: {m.id}")
            if needs:
                lines.append(f"{indent}  needs: {flow_list(needs)}")
            if tags:
                lines.append(f"{indent}  tags: {flow_list(tags)}")
            lines.append(f"{indent}  text: {scalar(m.text)}")
        return lines

    lines = [
        "# The offline counselor's curated moves, per ESConv strategy. Format, slots and tags:",
        "# docs/content.md (Composer moves). House rules for every line: no diagnosis, no",
        '# lecturing, no "you should"; suggestions are options the person may decline.',
        "#",
        "# needs: slots the move fills from the person's own words: person, thing, feeling,",
        "#   event (what happened, in the second person), quote (a short clause said back).",
        "# tags: emotion families (sadness anxiety fear anger loneliness shame guilt exhaustion;",
        "#   none = any), situations (greet close thanks vent), #topics (below), and rules:",
        "#   risky (never after talk of suicide, self-harm or harming someone), fresh (every",
        "#   slot from this message), cause (thing and feeling said in one sentence), alive (not",
        "#   about someone who died), asked (answers a question about Confide), plan (they named",
        "#   a plan).",
        "strategies:",
    ]
    for strategy, items in lib.LIBRARY.items():
        lines.append(f"  {scalar(strategy)}:")
        lines += moves(items, "    ")
    lines += [
        "# short bridges that can open a reply when a move alone would feel abrupt",
        "bridges:",
        *moves(lib.BRIDGES, "  "),
        "# empathic openers added when a reply would otherwise not acknowledge what was shared",
        "empathic_bridges:",
        *moves(lib.EMPATHIC_BRIDGES, "  "),
        "# said when a reply would otherwise neither ask anything nor show it stays",
        "stay_lines:",
        *(f"  - {scalar(t)}" for t in lib.STAY_LINES),
        "# a direct, gentle safety check-in for moderate risk (fixed, reviewed wording)",
        "check_ins:",
        *(f"  - {scalar(t)}" for t in lib.CHECK_INS),
        '# topics a move can be about ("#grief"): a regular expression over the lower-case',
        "# message; a move tagged with a topic the message matches ranks first",
        "topics:",
        *(f"  {scalar(k)}: {scalar(v, style=chr(39))}" for k, v in lib.TOPICS.items()),
        "# openers that become stock phrases when repeated turn after turn (lower case)",
        f"stock_openers: {flow_list(lib.STOCK_OPENERS)}",
    ]
    MOVES.write_text("\n".join(lines) + "\n", encoding="utf-8")


# --- checking ------------------------------------------------------------------------------


def check(olds: dict[str, types.ModuleType]) -> list[str]:
    from confide.agents.compose import library
    from confide.safety import resources, texts, texts_exercises, texts_flow

    problems: list[str] = []

    def same(what: str, old: object, new: object) -> None:
        if old != new or type(old) is not type(new):
            problems.append(f"{what}: {old!r} != {new!r}")

    o = olds["texts"]
    for name in ("DEFAULT_LOCALE", "TEXTS_VERSION", "LANGUAGE_NAMES", "SUPPORTED_LOCALES"):
        same(f"texts.{name}", getattr(o, name), getattr(texts, name))
    same("texts._SCRIPT_RANGES", o._SCRIPT_RANGES, texts._SCRIPT_RANGES)
    for code in o.TEXTS:
        same(f"TEXTS[{code}] keys", list(o.TEXTS[code]), list(texts.TEXTS[code]))
        for key, value in o.TEXTS[code].items():
            same(f"TEXTS[{code}][{key}]", value.encode(), texts.TEXTS[code][key].encode())
    f = olds["flow"]
    same("FLOW_TEXTS_VERSION", f.FLOW_TEXTS_VERSION, texts_flow.FLOW_TEXTS_VERSION)
    for code in f.FLOW_TEXTS:
        same(
            f"FLOW_TEXTS[{code}] keys", list(f.FLOW_TEXTS[code]), list(texts_flow.FLOW_TEXTS[code])
        )
        for key, value in f.FLOW_TEXTS[code].items():
            new = texts_flow.FLOW_TEXTS[code][key]
            same(f"FLOW_TEXTS[{code}][{key}]", value.encode(), new.encode())

    e = olds["exercises"]
    for name in ("EXERCISE_TEXTS_VERSION", "EXERCISE_ORDER", "EXERCISE_ALIASES", "DECLINED"):
        same(f"exercises.{name}", getattr(e, name), getattr(texts_exercises, name))
    same("exercises.MENU_INTRO", e.MENU_INTRO, texts_exercises.MENU_INTRO)
    same("EXERCISES ids", list(e.EXERCISES), list(texts_exercises.EXERCISES))
    for eid, old_ex in e.EXERCISES.items():
        new_ex = texts_exercises.EXERCISES[eid]
        for field in ("id", "title", "minutes", "intro", "steps", "closing", "invitation"):
            same(f"EXERCISES[{eid}].{field}", getattr(old_ex, field), getattr(new_ex, field))

    r = olds["resources"]
    fields = ("name", "kind", "region", "call", "text", "text_keyword", "url")
    codes = [*r._REGIONS, *r._EU_112, *r._ALIASES, "ZZ", "", "en-GB", "pt-BR"]
    kind_sets: list[tuple[str, ...] | None] = [None, ("crisis", "emergency", "directory")]
    kind_sets += [(k,) for k in ("crisis", "emergency", "abuse", "eating_disorder", "poison")]
    kind_sets += [("abuse", "poison", "eating_disorder", "medical", "directory")]
    for code in codes:
        same(f"is_known_region({code})", r.is_known_region(code), resources.is_known_region(code))
        same(
            f"emergency_number({code})", r.emergency_number(code), resources.emergency_number(code)
        )
        for kinds in kind_sets:
            old_list = r.resources_for(code, kinds)
            new_list = resources.resources_for(code, kinds)
            same(f"resources_for({code}, {kinds}) length", len(old_list), len(new_list))
            for a, b in zip(old_list, new_list, strict=False):
                for field in fields:
                    same(f"{code} {a.name} {field}", getattr(a, field), getattr(b, field))
                if a.source:
                    same(f"{code} {a.name} source", a.source, b.source)
            for loc in texts.SUPPORTED_LOCALES:
                same(
                    f"format_resources({code}, {kinds}, {loc})",
                    r.format_resources(old_list, loc),
                    resources.format_resources(new_list, loc),
                )

    def moves(items: Iterable[Any]) -> list[tuple[str, bytes, frozenset[str], frozenset[str]]]:
        return [(m.id, m.text.encode(), m.needs, m.tags) for m in items]

    lib = olds["library"]
    same("LIBRARY strategies", list(lib.LIBRARY), list(library.LIBRARY))
    for strategy, items in lib.LIBRARY.items():
        same(f"LIBRARY[{strategy}]", moves(items), moves(library.LIBRARY[strategy]))
    for name in ("BRIDGES", "EMPATHIC_BRIDGES"):
        same(f"library.{name}", moves(getattr(lib, name)), moves(getattr(library, name)))
        same(f"library.{name} type", type(getattr(lib, name)), type(getattr(library, name)))
    for name in ("STAY_LINES", "CHECK_INS", "TOPICS"):
        same(f"library.{name}", getattr(lib, name), getattr(library, name))
    same("library.SOCIAL_TAGS", lib.SOCIAL_TAGS, library.SOCIAL_TAGS)
    same("library.STOCK_OPENERS", lib.STOCK_OPENERS, library.STOCK_OPENERS)
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, write nothing")
    args = parser.parse_args()
    olds = {
        "texts": old_module("confide/safety/texts.py", "_old_texts"),
        "flow": old_module("confide/safety/texts_flow.py", "_old_texts_flow"),
        "exercises": old_module("confide/safety/texts_exercises.py", "_old_texts_exercises"),
        "resources": old_module("confide/safety/resources.py", "_old_resources"),
        "library": old_module("confide/agents/compose/library.py", "_old_library"),
    }
    if not args.check:
        write_locales(olds["texts"], olds["flow"])
        write_exercises(olds["exercises"])
        write_resources(olds["resources"])
        write_moves(olds["library"])
        print(f"wrote {CONTENT.relative_to(ROOT)}/ and {MOVES.relative_to(ROOT)}")
        return 0
    problems = check(olds)
    for problem in problems:
        print(problem)
    counted = sum(len(t) for t in olds["texts"].TEXTS.values())
    counted += sum(len(t) for t in olds["flow"].FLOW_TEXTS.values())
    moves = sum(len(v) for v in olds["library"].LIBRARY.values())
    print(
        f"{'DIFFERENT' if problems else 'identical'}: {counted} locale texts, "
        f"{len(olds['exercises'].EXERCISES)} exercises, "
        f"{sum(len(v) for v in olds['resources']._REGIONS.values()) + 1} resources, "
        f"{moves} moves"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
