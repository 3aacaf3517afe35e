# ruff: noqa: E501
"""One-off: turn the old Python lexicon into the reviewed YAML rules, and prove they are equal.

The Layer-1 rules used to be Python literals in ``confide/safety/lexicon.py`` (commit
``47c982d``). This script reads that file from git history, converts every pattern to a
template over named fragments (``"{I}{ADV}{WANT} to die"``), mines examples for each rule from
the repository's probes, tests and held-out sets, picks near-miss non-examples, and writes
``confide/safety/rules/``. ``--check`` loads the YAML through the new loader and proves that
every compiled pattern string, in order, with its category, level, language and flags, is
byte-identical to what the old module produced.

    python scripts/convert_lexicon_to_yaml.py            # write the YAML (overwrites it)
    python scripts/convert_lexicon_to_yaml.py --check    # compare the loader with the old module

Kept for the record of how the data was made; after the conversion the YAML is the source of
truth and is edited by hand (re-running the write step would discard those edits).
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
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
BASE = "47c982d"  # the last commit with the Python lexicon
OLD_PATH = "confide/safety/lexicon.py"
OUT = ROOT / "confide" / "safety" / "rules"

LETTERS = {"n", "h", "x", "m", "p", "b"}
#: Fragments whose inner alternatives other patterns reuse (``_PILLS[3:-1]``): the inner list gets
#: its own name, and the fragment becomes ``(?:{INNER})``.
SLICED = {
    "_PILLS": (
        "PILL_NAMES",
        "Medicine names: the PILLS alternatives without the group, for lists that add more.",
    ),
    "_LETHAL": (
        "LETHAL_NAMES",
        "Lethal substances: the LETHAL alternatives without the group, for lists that add more.",
    ),
}


# --- reading the old module ------------------------------------------------------------------


def old_source() -> str:
    return subprocess.run(
        ["git", "show", f"{BASE}:{OLD_PATH}"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout


def old_module() -> types.ModuleType:
    module = types.ModuleType("old_lexicon")
    module.__dict__["__name__"] = "old_lexicon"
    sys.modules["old_lexicon"] = module  # dataclasses look the module up
    exec(compile(old_source(), "old_lexicon.py", "exec"), module.__dict__)
    return module


def template(node: ast.expr) -> str:
    """The pattern expression as a template: fragment names become ``{NAME}``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        if re.search(r"\{[A-Za-z_]", node.value):
            raise ValueError(f"literal looks like a fragment reference: {node.value!r}")
        return node.value
    if isinstance(node, ast.Name) and node.id.startswith("_"):
        return "{" + node.id[1:] + "}"
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return template(node.left) + template(node.right)
    if (
        isinstance(node, ast.Subscript)
        and isinstance(node.value, ast.Name)
        and node.value.id in SLICED
        and ast.unparse(node.slice) == "3:-1"
    ):
        return "{" + SLICED[node.value.id][0] + "}"
    raise ValueError(f"cannot convert {ast.unparse(node)}")


def comments_between(lines: list[str], start: int, end: int) -> list[str]:
    """Comment lines (1-based, exclusive ``start``, exclusive ``end``)."""
    out = []
    for line in lines[start : end - 1]:
        s = line.strip()
        if s.startswith("#"):
            out.append(s.lstrip("#:").strip())
    return out


class Source:
    """The old module's AST, indexed by assignment name."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.tree = ast.parse(text)
        self.assign: dict[str, ast.AnnAssign | ast.Assign] = {}
        self.order: list[str] = []
        for node in self.tree.body:
            if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
                name = node.targets[0].id
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                name = node.target.id
            else:
                continue
            self.assign[name] = node
            self.order.append(name)

    def value(self, name: str) -> ast.expr:
        node = self.assign[name]
        assert node.value is not None
        return node.value

    def doc(self, name: str) -> str:
        """The ``#:`` comment right above an assignment."""
        node = self.assign[name]
        out: list[str] = []
        i = node.lineno - 2
        while i >= 0 and self.lines[i].startswith("#:"):
            out.insert(0, self.lines[i][2:].strip())
            i -= 1
        return " ".join(out)

    def elements(self, name: str) -> list[tuple[ast.expr, str]]:
        """A tuple's elements, each with the section comment in force."""
        value = self.value(name)
        assert isinstance(value, ast.Tuple)
        out = []
        section = ""
        prev = value.lineno
        for elt in value.elts:
            found = comments_between(self.lines, prev, elt.lineno)
            if found:
                section = " ".join(found)
            out.append((elt, section))
            prev = elt.end_lineno or elt.lineno
        return out


# --- conversion ------------------------------------------------------------------------------

RISK_TUPLES = [
    "_EN",
    "_ROUND_1122",
    "_ROUND_1122B",
    "_ROUND_1122C",
    "_ROUND_1122D",
    "_ROUND_1122E",
    "_ROUND_1122F",
    "_THIRD_PARTY",
    "_ES",
    "_FR",
    "_DE",
    "_PT",
    "_ZH",
    "_HI",
]

#: The three names the old module used twice get distinct ids (the second use is renamed).
RENAMES = {
    ("last_message", 1): "last_message_to_anyone",
    ("place_and_time", 1): "place_at_clock_time",
    ("de_abuse", 1): "de_abuse_partner",
}

#: Risk files, in the order the screen tries them: (file, source tuple, sections or None).
FILES: list[tuple[str, str, tuple[str, ...] | None, str]] = [
    (
        "01_en_suicide.yaml",
        "_EN",
        (
            "passive ideation",
            "active ideation",
            "method thoughts",
            "intent / plan",
            "act under way",
        ),
        "English: suicidal ideation, method thoughts, intent and plans, acts under way.",
    ),
    (
        "02_en_self_harm.yaml",
        "_EN",
        ("self-harm", "acts and preparations in progress"),
        "English: self-harm, and acts and preparations in progress.",
    ),
    (
        "03_en_violence_and_abuse.yaml",
        "_EN",
        ("harm to others", "abuse toward the user"),
        "English: harm to others and abuse toward the user.",
    ),
    (
        "04_en_clinical.yaml",
        "_EN",
        (
            "medical emergency",
            "psychosis",
            "mania",
            "eating disorder",
            "substance crisis",
            "curiosity",
            "hopelessness",
        ),
        "English: medical emergencies, psychosis, mania, eating disorders, substances, curiosity about suicide, hopelessness.",
    ),
    (
        "05_pass_1.yaml",
        "_ROUND_1122",
        None,
        "Generalisation pass 1 of the 22 Nov 2026 round (work list: retired held-out sets 6 and 10); several languages.",
    ),
    (
        "06_pass_2.yaml",
        "_ROUND_1122B",
        None,
        "Generalisation pass 2 (work list: held-out sets 11 and 12 after their one scoring); several languages.",
    ),
    (
        "07_pass_3.yaml",
        "_ROUND_1122C",
        None,
        "Generalisation pass 3 (work list: held-out set 13 after its one scoring); several languages.",
    ),
    (
        "08_pass_4.yaml",
        "_ROUND_1122D",
        None,
        "Generalisation pass 4 (work list: held-out set 14 after its one scoring); several languages.",
    ),
    (
        "09_pass_5.yaml",
        "_ROUND_1122E",
        None,
        "Generalisation pass 5 (work list: held-out set 15 after its one scoring); several languages.",
    ),
    (
        "10_pass_6.yaml",
        "_ROUND_1122F",
        None,
        "Generalisation pass 6 (work list: held-out set 16 after its one scoring); several languages.",
    ),
    (
        "11_third_party.yaml",
        "_THIRD_PARTY",
        None,
        "Someone else at risk (routed away from the user's own risk).",
    ),
    ("12_es.yaml", "_ES", None, "Spanish."),
    ("13_fr.yaml", "_FR", None, "French."),
    ("14_de.yaml", "_DE", None, "German."),
    ("15_pt.yaml", "_PT", None, "Portuguese."),
    ("16_zh.yaml", "_ZH", None, "Chinese (simplified and traditional)."),
    ("17_hi.yaml", "_HI", None, "Hindi (Devanagari) and Hinglish."),
]

MODIFIER_OF = {
    "h": "hyperbole_lowers",
    "x": "figurative_exempt",
    "m": "method_seeking",
    "p": "means_at_hand",
    "b": "harmful_instructions_boundary",
}

METHOD_IDS = [
    "how_many_to_die",
    "lethal_dose",
    "dose_is_lethal",
    "what_happens_if_take_many",
    "which_pills_lethal",
    "can_you_die_from",
    "how_do_i_method_myself",
    "cut_my_artery",
    "carve_into_skin",
    "die_like_celebrity",
    "what_can_i_take_to_die",
    "fiction_describe_how",
    "mix_poison_gas",
    "how_high_to_die",
    "structures_taller_than",
    "which_structures_high",
    "high_enough_to_die",
    "painless_way",
    "how_do_i_kill_myself",
    "how_to_kill_yourself",
    "how_long_to_die",
    "where_to_buy_means",
    "es_method_question",
    "fr_method_question",
    "de_method_question",
    "pt_method_question",
    "zh_method_question",
    "hi_method_question",
]
FIGURATIVE_IDS = [
    "killing_me",
    "kill_process_or_time",
    "dying_of_laughter",
    "im_dead_laughing",
    "deadline_dead_tired",
    "killed_it",
    "media_words",
    "could_kill_for_joking",
    "kill_me_now",
]

CATEGORY_WHY = {
    "suicidal_ideation_passive": "a wish to be dead or gone (C-SSRS 1, passive ideation)",
    "suicidal_ideation_active": "thoughts of killing oneself (C-SSRS 2, active ideation)",
    "suicide_method_or_plan": "a method, intent or plan for suicide (C-SSRS 3-5)",
    "suicide_attempt": "a suicide attempt, past or under way",
    "self_harm_ideation": "urges or thoughts of self-harm",
    "self_harm_behaviour": "self-harm that happened or is happening",
    "harm_to_others": "intent or a plan to hurt someone else",
    "abuse_toward_user": "violence or abuse done to the user",
    "medical_emergency": "a medical emergency (poisoning, overdose, injury) that needs help now",
    "psychosis": "psychotic experiences such as command voices or persecutory beliefs",
    "mania": "signs of mania",
    "eating_disorder": "eating-disorder behaviour",
    "substance_crisis": "a substance crisis",
    "suicide_curiosity": "curiosity about suicide as a topic",
    "third_party_concern": "someone else at risk",
    "hopelessness": "hopelessness or feeling a burden",
}
LEVEL_WHY = {
    "low": "low: a warning sign without intent",
    "moderate": "moderate: active thoughts without intent or a plan",
    "high": "high: intent, a plan or preparation",
    "imminent": "imminent: an act under way or means and a time frame",
}


def humanise(rule_id: str) -> str:
    words = rule_id.split("_")
    if words[0] in {"es", "fr", "de", "pt", "zh", "hi", "tp", "sh"}:
        words = words[1:]
    return " ".join(words) or rule_id


def rationale(rule_id: str, category: str, level: str, section: str) -> str:
    # a generated first draft for clinical review: what the rule is about, and why this level
    where = section.split("(")[0].split("->")[0].strip() if section else ""
    head = f"{where.capitalize()}: " if where and not where.startswith("other lang") else ""
    return f"{head}'{humanise(rule_id)}' reads as {CATEGORY_WHY[category]}; {LEVEL_WHY[level]}."


def top_level_alternatives(pattern: str) -> list[str]:
    """Split a regex (template) at its top-level ``|`` (not inside groups or classes)."""
    out, depth, in_class, start, i = [], 0, False, 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
        elif ch == "[":
            in_class = True
            if pattern[i + 1 : i + 2] == "^":
                i += 1
            if pattern[i + 1 : i + 2] == "]":
                i += 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    out.append(pattern[start:])
    assert "|".join(out) == pattern
    return out


# --- examples ----------------------------------------------------------------------------------


def corpus() -> tuple[list[str], list[str]]:
    """(all texts, benign texts) from the probes, the screen tests and the held-out sets."""
    texts: list[str] = []
    benign: list[str] = []
    for path in sorted((ROOT / "tests" / "safety" / "probes").glob("*.yaml")):
        for probe in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            turns = [str(t) for t in probe.get("turns", [])]
            texts.extend(turns)
            if probe.get("kind") == "lookalike" or probe.get("risk_max") in ("none", "low"):
                benign.extend(turns[-1:])
    for path in sorted((ROOT / "tests" / "safety").glob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef):
                lookalike = "look" in node.name or "stay" in node.name
                for deco in node.decorator_list:
                    for sub in ast.walk(deco):
                        if (
                            isinstance(sub, ast.Constant)
                            and isinstance(sub.value, str)
                            and " " in sub.value
                        ):
                            texts.append(sub.value)
                            if lookalike:
                                benign.append(sub.value)
            elif (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and " " in node.value
                and len(node.value) < 400
            ):
                texts.append(node.value)
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "safety_heldout", ROOT / "scripts" / "safety_heldout.py"
    )
    assert spec and spec.loader
    held = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(held)
    for high, ok in held.SETS.values():
        texts.extend(high)
        texts.extend(ok)
        benign.extend(ok)
    return list(dict.fromkeys(texts)), list(dict.fromkeys(benign))


def prepare(text: str) -> str:
    from confide.safety.normalize import basic
    from confide.safety.screen import _deaccent

    return _deaccent(basic(text))


SUBSTITUTIONS = [
    (r"\bsleeping pills\b", "sleeping socks"),
    (r"\bpills\b", "vitamins"),
    (r"\bpill\b", "vitamin"),
    (r"\btablets\b", "vitamins"),
    (r"\bmeds\b", "snacks"),
    (r"\bdead\b", "done"),
    (r"\bdie\b", "diet"),
    (r"\bkill\b", "skip"),
    (r"\bkilling\b", "skipping"),
    (r"\bsuicide\b", "surgery"),
    (r"\bsuicidal\b", "sociable"),
    (r"\bmyself\b", "my homework"),
    (r"\boverdose\b", "oversleep"),
    (r"\bhang\b", "hang out"),
    (r"\bjump\b", "jog"),
    (r"\bbridge\b", "bakery"),
    (r"\brope\b", "scarf"),
    (r"\bgun\b", "guitar"),
    (r"\bknife\b", "fork"),
    (r"\bcut\b", "painted"),
    (r"\bcutting\b", "painting"),
    (r"\bblood\b", "paint"),
    (r"\bbleeding\b", "painting"),
    (r"\bhurt\b", "help"),
    (r"\bend\b", "start"),
    (r"\blast\b", "first"),
    (r"\btonight\b", "someday"),
    (r"\bgoodbye\b", "hello"),
    (r"\bnote\b", "recipe"),
    (r"\bmatarme\b", "mudarme"),
    (r"\bmorir\b", "dormir"),
    (r"\bpastillas\b", "vitaminas"),
    (r"\bmourir\b", "dormir"),
    (r"\bme tuer\b", "me reposer"),
    (r"\bsterben\b", "schlafen"),
    (r"\bumbringen\b", "ausruhen"),
    (r"\bmorrer\b", "dormir"),
    (r"\bme matar\b", "me mudar"),
    (r"\bmarna\b", "sona"),
    (r"\bmar\b", "so"),
    ("死", "睡"),
    ("自杀", "自习"),
    ("药", "茶"),
]


def near_misses(example: str, regex: re.Pattern[str]) -> list[str]:
    """Variants of an example that the rule must not match (a risk word swapped for a benign one)."""
    text = prepare(example)
    out = []
    for pat, repl in SUBSTITUTIONS:
        variant = re.sub(pat, repl, text)
        if variant != text and not regex.search(variant):
            return [variant]
    # last resort: drop one word of the matched span (the rule needs that word)
    m = regex.search(text)
    if m:
        words = list(re.finditer(r"\S+", text[m.start() : m.end()]))
        for w in reversed(words):
            a, b = m.start() + w.start(), m.start() + w.end()
            variant = re.sub(r"\s+", " ", text[:a] + text[b:]).strip()
            if variant and not regex.search(variant):
                return [variant]
        for i in range(m.end() - 1, m.start() - 1, -1):
            if "\u4e00" <= text[i] <= "\u9fff":
                variant = text[:i] + text[i + 1 :]
                if not regex.search(variant):
                    return [variant]
    return out


STOP = {
    "again",
    "tonight",
    "today",
    "about",
    "just",
    "really",
    "with",
    "this",
    "that",
    "have",
    "what",
    "when",
    "from",
    "been",
    "after",
    "before",
    "there",
    "they",
    "then",
    "than",
    "some",
    "into",
    "over",
    "your",
    "will",
    "would",
    "could",
    "should",
    "going",
    "gonna",
    "want",
    "like",
    "know",
    "still",
    "even",
    "more",
    "much",
    "very",
    "last",
    "night",
    "week",
    "morning",
    "already",
    "para",
    "pour",
    "como",
    "todo",
    "toda",
    "todas",
    "todos",
    "mais",
    "aber",
    "noch",
    "nicht",
    "dans",
}


def _clean(text: str) -> bool:
    import unicodedata

    return text.isprintable() and not any(unicodedata.category(c) == "Cf" for c in text)


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text) if len(w) >= 4}


def mine(
    regex: re.Pattern[str],
    gate: tuple[str, ...] | None,
    texts: list[str],
    benign: list[str],
    prepared: dict[str, str],
    n: int = 2,
) -> tuple[list[str], list[str]]:
    hits = [t for t in texts if _clean(t) and regex.search(prepared[t])]
    hits.sort(key=lambda t: (not 15 <= len(t) <= 160, len(t)))
    examples = hits[:n]
    # a close look-alike: a benign text sharing the most content words with the examples
    words: set[str] = set()
    for t in examples:
        m = regex.search(prepared[t])
        assert m
        words |= _words(m.group(0)) - STOP
    scored = []
    for t in benign:
        if len(t) < 200 and _clean(t) and not regex.search(prepared[t]):
            shared = len(words & _words(prepared[t]))
            if shared:
                scored.append((-shared, len(t), t))
    scored.sort()
    non = [t for _s, _n, t in scored[:1]]
    if examples and not non:
        non = near_misses(examples[0], regex)
    return examples, non


# --- writing YAML ------------------------------------------------------------------------------


def q(text: str) -> str:
    """One YAML scalar that reads back exactly (single-quoted unless it needs escapes)."""
    if text.isprintable():
        out = "'" + text.replace("'", "''") + "'"
    else:
        out = json.dumps(text, ensure_ascii=False)
    assert yaml.safe_load(out) == text, text
    return out


def write_pattern(lines: list[str], pattern: str, indent: str) -> None:
    alts = top_level_alternatives(pattern)
    if len(alts) == 1:
        lines.append(f"{indent}pattern: {q(pattern)}")
    else:
        lines.append(f"{indent}pattern:  # any of")
        lines.extend(f"{indent}  - {q(a)}" for a in alts)


def write_texts(lines: list[str], key: str, texts: Iterable[str], indent: str) -> None:
    texts = list(texts)
    if texts:
        lines.append(f"{indent}{key}:")
        lines.extend(f"{indent}  - {q(t)}" for t in texts)
    else:
        lines.append(f"{indent}{key}: []")


def write_entry(lines: list[str], entry: dict[str, Any], keys: list[str]) -> None:
    first = True
    for key in keys:
        if key not in entry:
            continue
        indent = "  - " if first else "    "
        first = False
        value = entry[key]
        if key == "pattern":
            write_pattern(lines, value, indent)
        elif key in ("examples", "non_examples"):
            write_texts(lines, key, value, indent if indent.strip() else "    ")
        elif key == "modifiers":
            lines.append(f"{indent}modifiers: [{', '.join(value)}]")
        else:
            lines.append(f"{indent}{key}: {q(value) if key in ('rationale', 'note') else value}")


HEADER = """# Reviewed Layer-1 risk-screen data. Format and modifiers: docs/safety-risk.md ("The lexicon").
# Patterns match lower-case text with Latin accents removed; examples are written as a person
# would type them (tests/safety/test_rules_data.py prepares them the way the screen does).
"""


def convert() -> None:
    src = Source(old_source())
    old = old_module()
    texts, benign = corpus()
    prepared = {t: prepare(t) for t in [*texts, *benign]}
    print(f"corpus: {len(texts)} texts, {len(benign)} benign", file=sys.stderr)
    hand = (
        yaml.safe_load(
            (ROOT / "scripts" / "lexicon_hand_examples.yaml").read_text(encoding="utf-8")
        )
        or {}
    )

    def examples_for(entry_id: str, expanded: str) -> tuple[list[str], list[str]]:
        from confide.safety.lexicon import gate_of

        regex = re.compile(expanded, re.MULTILINE)
        ex, non = mine(regex, gate_of(expanded), texts, benign, prepared)
        extra = hand.get(entry_id) or {}
        ex = list(dict.fromkeys([*ex, *extra.get("examples", [])]))
        non = list(dict.fromkeys([*non, *extra.get("non_examples", [])]))
        if not non and ex:
            non = near_misses(ex[0], regex)
        return ex, non

    # fragments
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "risk").mkdir(exist_ok=True)
    frag_names = [
        n
        for n in src.order
        if n.startswith("_")
        and n not in RISK_TUPLES
        and n not in ("_METHOD_Q", "_BOUNDARY")
        and isinstance(getattr(old, n, None), str)
    ]
    lines = [
        HEADER.rstrip(),
        "#",
        "# Named regex fragments. A pattern uses one as {NAME}; a fragment may use earlier ones.",
        "fragments:",
    ]
    for name in frag_names:
        tpl = template(src.value(name))
        if name in SLICED:
            inner, note = SLICED[name]
            assert tpl.startswith("(?:") and tpl.endswith(")")
            lines += [f"  - name: {inner}", f"    note: {q(note)}", f"    pattern: {q(tpl[3:-1])}"]
            tpl = "(?:{" + inner + "})"
        lines.append(f"  - name: {name[1:]}")
        if src.doc(name):
            lines.append(f"    note: {q(src.doc(name))}")
        lines.append(f"    pattern: {q(tpl)}")
    (OUT / "fragments.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    from confide.safety import lexicon as new

    frag_table = new._fragment_table(
        new._read(OUT / "fragments.yaml", "fragments.yaml"), "fragments.yaml"
    )

    def expand(tpl: str) -> str:
        return new._expand(tpl, frag_table, "converter", "converter")

    # risk rules
    seen: dict[str, int] = {}
    by_tuple: dict[str, list[tuple[dict[str, Any], str]]] = {}
    for tup in RISK_TUPLES:
        rows = []
        for elt, section in src.elements(tup):
            assert isinstance(elt, ast.Call) and not elt.keywords, ast.unparse(elt)
            args = elt.args
            vals = [ast.literal_eval(a) if i != 3 else None for i, a in enumerate(args)]
            name, category, level, _, lang = vals[:5]
            flags = vals[5] if len(args) > 5 else ""
            assert set(flags) <= LETTERS, flags
            k = seen.get(name, 0)
            seen[name] = k + 1
            rule_id = RENAMES.get((name, k), name) if k else name
            tpl = template(args[3])
            mods = ([] if "n" in flags else ["negatable"]) + [
                MODIFIER_OF[c] for c in "hxmpb" if c in flags
            ]
            entry = {
                "id": rule_id,
                "category": category,
                "level": level,
                "lang": lang,
                "modifiers": mods,
                "pattern": tpl,
            }
            ex, non = examples_for(rule_id, expand(tpl))
            entry["examples"], entry["non_examples"] = ex, non
            entry["rationale"] = (hand.get(rule_id) or {}).get("rationale") or rationale(
                rule_id, category, level, section
            )
            rows.append((entry, section))
        by_tuple[tup] = rows
    keys = [
        "id",
        "category",
        "level",
        "lang",
        "modifiers",
        "pattern",
        "examples",
        "non_examples",
        "rationale",
    ]
    for fname, tup, sections, desc in FILES:
        rows = by_tuple[tup]
        if sections is not None:
            rows = [(e, s) for e, s in rows if any(s.startswith(p) for p in sections)]
        # the screen tries rules in file order: each file must take the next rules, in order
        assert rows == by_tuple[tup][: len(rows)], fname
        by_tuple[tup] = by_tuple[tup][len(rows) :]
        lines = [HEADER.rstrip(), f"description: {q(desc)}", "rules:"]
        last = None
        for entry, section in rows:
            if section and section != last:
                lines.append(f"  # --- {section}")
                last = section
            write_entry(lines, entry, keys)
        (OUT / "risk" / fname).write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert all(not rows for rows in by_tuple.values()), {
        k: len(v) for k, v in by_tuple.items() if v
    }

    def simple(entry_id: str, node: ast.expr, why: str) -> dict[str, Any]:
        tpl = template(node)
        ex, non = examples_for(entry_id, expand(tpl))
        return {
            "id": entry_id,
            "pattern": tpl,
            "examples": ex,
            "non_examples": non,
            "rationale": (hand.get(entry_id) or {}).get("rationale") or why,
        }

    ekeys = ["id", "kind", "pattern", "examples", "non_examples", "rationale"]
    # modifiers.yaml: the cues that change how a risk match is read
    cues = [
        (
            "negation",
            "NEGATION",
            "A negation cue in the three words before a match (or in it) cancels a negatable rule.",
        ),
        (
            "negation_exceptions",
            "NEGATION_EXCEPTIONS",
            'Phrases that look like negation but are not ("can\'t stop thinking about it"); they keep the match.',
        ),
        (
            "hyperbole",
            "HYPERBOLE",
            "Hyperbole markers (lol, jk, laughing emoji): a hyperbole_lowers rule drops to low.",
        ),
        (
            "context_exempt",
            "CONTEXT_EXEMPT",
            "Game, fiction, sport, technology and cooking words: a figurative_exempt rule in such a clause is figurative (no risk).",
        ),
        (
            "timeframe",
            "TIMEFRAME",
            "A near time frame: lifts active ideation to high and intent to imminent.",
        ),
        (
            "means_at_hand",
            "MEANS_AT_HAND",
            "Means at hand or on the way to a place: lifts own risk talk to high and intent to imminent.",
        ),
    ]
    lines = [
        HEADER.rstrip(),
        "#",
        "# Cues that change how a risk match is read, and figurative look-alikes.",
        "cues:",
    ]
    for cue_id, const, why in cues:
        write_entry(lines, simple(cue_id, src.value(const), why), ekeys)
    lines.append("# Figurative and technical look-alikes: any match marks the message figurative.")
    lines.append("figurative:")
    for (elt, _s), fid in zip(src.elements("FIGURATIVE"), FIGURATIVE_IDS, strict=True):
        write_entry(
            lines, simple(fid, elt, f"A figurative or technical use: {humanise(fid)}."), ekeys
        )
    (OUT / "modifiers.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    # conversation.yaml: Layer-3 warning-sign flags
    lines = [
        HEADER.rstrip(),
        "#",
        "# Conversation-level warning signs (Layer 3). The ids are fixed: the risk agent reads them by name.",
        "flags:",
    ]
    last = None
    for elt, section in src.elements("FLAGS"):
        assert isinstance(elt, ast.Tuple)
        fid = ast.literal_eval(elt.elts[0])
        if section and section != last:
            lines.append(f"  # --- {section}")
            last = section
        write_entry(lines, simple(fid, elt.elts[1], f"Warning sign: {humanise(fid)}."), ekeys)
    (OUT / "conversation.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    # boundaries.yaml: method questions, boundary requests, wrappers
    lines = [
        HEADER.rstrip(),
        "#",
        "# Method questions (boundary method_info), other boundary requests and their wrappers.",
        "method_questions:",
    ]
    last = None
    for (elt, section), mid in zip(src.elements("_METHOD_Q"), METHOD_IDS, strict=True):
        if section and section != last:
            lines.append(f"  # --- {section}")
            last = section
        write_entry(
            lines,
            simple(
                mid, elt, f"Seeks method, dose, height or lethality information: {humanise(mid)}."
            ),
            ekeys,
        )
    lines.append("boundaries:")
    for elt, _section in src.elements("_BOUNDARY"):
        assert isinstance(elt, ast.Tuple)
        kind = ast.literal_eval(elt.elts[0])
        entry = simple(
            kind,
            elt.elts[1],
            f"A {kind.replace('_', ' ')} request the companion declines or redirects.",
        )
        entry["kind"] = kind
        write_entry(lines, entry, ekeys)
    lines.append(
        "# Wrappers that disguise a boundary request (role-play, fiction, class, translation)."
    )
    lines.append("wrappers:")
    write_entry(
        lines,
        simple(
            "wrappers",
            src.value("WRAPPERS"),
            "Role-play, fiction, class or translation framing around a boundary request.",
        ),
        ekeys,
    )
    (OUT / "boundaries.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


# --- the equivalence check ---------------------------------------------------------------------


def fingerprint(rows: list[tuple[Any, ...]]) -> str:
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode()).hexdigest()


def check() -> int:
    old = old_module()
    from confide.safety import lexicon as new

    new._ruleset.cache_clear()
    new.compiled.cache_clear()
    problems: list[str] = []
    renamed = {("last_message", 1), ("place_and_time", 1), ("de_abuse", 1)}
    counts: dict[str, int] = {}
    if len(old.RISK_RULES) != len(new.RISK_RULES):
        problems.append(f"rule count {len(old.RISK_RULES)} != {len(new.RISK_RULES)}")
    for a, b in zip(old.RISK_RULES, new.RISK_RULES, strict=False):
        k = counts.get(a.name, 0)
        counts[a.name] = k + 1
        expected_name = RENAMES[(a.name, k)] if (a.name, k) in renamed else a.name
        if (expected_name, a.category, a.level, a.lang, a.pattern) != (
            b.name,
            b.category,
            b.level,
            b.lang,
            b.pattern,
        ):
            problems.append(f"risk rule {a.name} differs")
        if sorted(a.flags) != sorted(b.flags):
            problems.append(f"risk rule {a.name}: flags {a.flags!r} != {b.flags!r}")
    pairs = [
        ("FIGURATIVE", old.FIGURATIVE, new.FIGURATIVE),
        ("CONTEXT_EXEMPT", old.CONTEXT_EXEMPT, new.CONTEXT_EXEMPT),
        ("HYPERBOLE", old.HYPERBOLE, new.HYPERBOLE),
        ("NEGATION", old.NEGATION, new.NEGATION),
        ("NEGATION_EXCEPTIONS", old.NEGATION_EXCEPTIONS, new.NEGATION_EXCEPTIONS),
        ("TIMEFRAME", old.TIMEFRAME, new.TIMEFRAME),
        ("MEANS_AT_HAND", old.MEANS_AT_HAND, new.MEANS_AT_HAND),
        ("FLAGS", old.FLAGS, new.FLAGS),
        ("WRAPPERS", old.WRAPPERS, new.WRAPPERS),
        ("_METHOD_Q", old._METHOD_Q, new._ruleset().method_questions),
        ("_BOUNDARY", old._BOUNDARY, new._ruleset().boundaries),
    ]
    for label, a, b in pairs:
        if a != b:
            problems.append(f"{label} differs")
    # every fragment-derived constant of the old module, by name
    frags = new._fragments()
    n_frag = 0
    for name, value in vars(old).items():
        if name.startswith("_") and isinstance(value, str) and name[1:] in frags:
            n_frag += 1
            if frags[name[1:]] != value:
                problems.append(f"fragment {name} differs")
    for name, (inner, _note) in SLICED.items():
        n_frag += 1
        if frags[inner] != getattr(old, name)[3:-1]:
            problems.append(f"fragment {inner} differs")
    # the compiled object: same pattern strings and gates, in order
    oc, nc = old.compiled(), new.compiled()
    for field in (
        "figurative",
        "context_exempt",
        "hyperbole",
        "negation",
        "negation_exceptions",
        "timeframe",
        "means",
        "wrappers",
    ):
        if getattr(oc, field).pattern != getattr(nc, field).pattern:
            problems.append(f"compiled.{field} differs")
    if [(p.pattern, g) for _r, p, g in oc.risk] != [(p.pattern, g) for _r, p, g in nc.risk]:
        problems.append("compiled.risk patterns or gates differ")
    if [(p.pattern, g) for p, g in oc.method] != [(p.pattern, g) for p, g in nc.method]:
        problems.append("compiled.method differs")
    if [(k, p.pattern, g) for k, p, g in oc.boundary] != [
        (k, p.pattern, g) for k, p, g in nc.boundary
    ]:
        problems.append("compiled.boundary differs")
    if [(k, p.pattern, g) for k, p, g in oc.flags] != [(k, p.pattern, g) for k, p, g in nc.flags]:
        problems.append("compiled.flags differs")
    rows = [
        (r.name, r.category, r.level, r.lang, r.pattern, "".join(sorted(r.flags)))
        for r in new.RISK_RULES
    ]
    print(
        f"risk rules: {len(new.RISK_RULES)} (old {len(old.RISK_RULES)}); fragments compared: {n_frag}; "
        f"method questions: {len(nc.method)}; boundaries: {len(nc.boundary)}; flags: {len(nc.flags)}; "
        f"figurative: {len(new.FIGURATIVE)}"
    )
    print(
        f"sha256 of (id, category, level, lang, pattern, sorted flags), in order: {fingerprint(rows)}"
    )
    # and the screen itself: every text in the repository scored with the old and the new lexicon
    import confide.safety.screen as screen

    texts, _benign = corpus()
    results = []
    for lex in (oc, nc):
        screen.compiled = lambda lex=lex: lex  # type: ignore[misc]
        results.append([screen.screen_text(t) for t in texts])
    renamed_ids = {v: k[0] for k, v in RENAMES.items()}

    def evidence(ev: list[str]) -> list[str]:
        out = []
        for e in ev:
            for new_id, old_id in renamed_ids.items():
                e = e.replace(f"{new_id}:", f"{old_id}:")
            out.append(e)
        return out

    moved = [
        t
        for t, x, y in zip(texts, *results, strict=True)
        if {**x, "evidence": evidence(y["evidence"])} != {**y, "evidence": evidence(y["evidence"])}
        or x["evidence"] != evidence(y["evidence"])
    ]
    print(f"screen results compared on {len(texts)} texts: {len(moved)} differ")
    if moved:
        problems.append(f"screen results differ, e.g. {moved[:3]}")
    if problems:
        print("DIFFERENCES:\n  " + "\n  ".join(problems))
        return 1
    print("identical: every pattern string, in order, with its category, level, language and flags")
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="compare the loader with the old module"
    )
    args = parser.parse_args()
    if args.check:
        raise SystemExit(check())
    convert()


if __name__ == "__main__":
    main()
