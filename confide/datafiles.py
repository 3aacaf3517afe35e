"""Reading Confide's reviewed data files (YAML shipped inside the package), strictly.

The safety rules (``confide/safety/rules/``), the fixed texts, the exercises, the crisis
resources (``confide/safety/content/``) and the composer's moves
(``confide/agents/compose/moves.yaml``) are data a reviewer edits without reading Python. Their
loaders share these helpers: a safe YAML loader that also rejects a key given twice, and shape
checks that fail loudly with the file and the entry in the message (an unknown key is an
error, never silently ignored). Each loader passes its own error class (a ``ConfigError``).
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml

#: Keys of an entry: (required, optional).
Keys = tuple[frozenset[str], frozenset[str]]

#: An id: lower case letters, digits and underscores, starting with a letter.
ID_FORMAT: tuple[re.Pattern[str], str] = (
    re.compile(r"[a-z][a-z0-9_]*\Z"),
    "lower case letters, digits and _",
)
_PLACEHOLDER_NAME = re.compile(r"[a-z][a-z0-9_]*\Z")
_FRAGMENT_NAME = re.compile(r"[A-Z][A-Z0-9_]*\Z")
_REFERENCE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
#: Keys of a named regex fragment: (required, optional).
FRAGMENT_KEYS: Keys = (frozenset({"name", "pattern"}), frozenset({"note"}))


class StrictLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The safe loader (libyaml when present) that also rejects a key given twice."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        """Build a mapping, refusing a key that appears twice in it."""
        seen: set[object] = set()
        for key_node, _value in node.value:
            # a scalar key by its resolved tag and text (cheaper than building it twice)
            key = (
                (key_node.tag, key_node.value)
                if isinstance(key_node, yaml.ScalarNode)
                else self.construct_object(key_node, deep=deep)
            )
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key {key_node.value!r} given twice", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]


def read_yaml(path: Traversable | Path, label: str, error: type[Exception]) -> dict[str, Any]:
    """Read one YAML file whose top level is a mapping; ``error`` names ``label`` otherwise."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=StrictLoader)
    except yaml.YAMLError as exc:
        raise error(f"{label}: not valid YAML: {exc}") from exc
    except OSError as exc:
        raise error(f"{label}: cannot be read: {exc}") from exc
    if not isinstance(data, dict):
        raise error(f"{label}: expected a mapping at the top")
    return data


def read_package_file(
    package: str,
    relative: str,
    path: Traversable | Path | None,
    keys: Keys,
    error: type[Exception],
) -> tuple[dict[str, Any], str]:
    """Read ``relative`` inside ``package`` (or the file at ``path``), check its top-level keys.

    Returns the data and the label that names the file in error messages.
    """
    if path is None:
        source: Traversable | Path = resources.files(package).joinpath(*relative.split("/"))
        label = f"{package.replace('.', '/')}/{relative}"
    else:
        source, label = path, str(path)
    data = check_keys(read_yaml(source, label, error), keys, label, "top level", error)
    return data, label


def check_keys(
    item: object, keys: Keys, label: str, what: str, error: type[Exception]
) -> dict[str, Any]:
    """Return ``item`` if it is a mapping with every required key and no unknown one."""
    if not isinstance(item, dict):
        raise error(f"{label}: {what}: expected a mapping, got {item!r}")
    unknown = sorted(set(item) - keys[0] - keys[1], key=str)
    if unknown:
        raise error(f"{label}: {what}: unknown key(s) {', '.join(map(repr, unknown))}")
    missing = sorted(keys[0] - set(item))
    if missing:
        raise error(f"{label}: {what}: missing key(s) {', '.join(map(repr, missing))}")
    return item


def text_value(value: object, label: str, what: str, error: type[Exception]) -> str:
    """A non-empty text, returned exactly as written (no stripping: texts are byte-exact)."""
    if not isinstance(value, str) or not value.strip():
        raise error(f"{label}: {what}: expected a non-empty text, got {value!r}")
    return value


def text_list(value: object, label: str, what: str, error: type[Exception]) -> tuple[str, ...]:
    """A non-empty list of distinct non-empty texts."""
    if not isinstance(value, list) or not value:
        raise error(f"{label}: {what}: expected a non-empty list of texts")
    out = tuple(text_value(v, label, f"{what}[{i}]", error) for i, v in enumerate(value))
    repeated = sorted({t for t in out if out.count(t) > 1})
    if repeated:
        raise error(f"{label}: {what}: repeated text(s) {', '.join(map(repr, repeated))}")
    return out


def placeholders(template: str, label: str, what: str, error: type[Exception]) -> frozenset[str]:
    """The ``{name}`` placeholders of a ``str.format`` template, which must be plain names.

    Braces that do not form a placeholder, ``{}`` or ``{0}``, conversions and format specs
    are refused: a reviewed text fills named slots only.
    """
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise error(f"{label}: {what}: bad braces in the text ({exc})") from exc
    names: set[str] = set()
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if not _PLACEHOLDER_NAME.match(name) or spec or conversion:
            raise error(f"{label}: {what}: placeholders are {{name}} only, got {{{name}}}")
        names.add(name)
    return frozenset(names)


def entry_id(
    item: object,
    keys: Keys,
    seen: set[str],
    where: tuple[str, str],
    id_key: str,
    id_format: tuple[re.Pattern[str], str],
    error: type[Exception],
) -> tuple[str, str]:
    """Check one entry of a list: its keys, then its id (well formed, not seen before).

    ``where`` is (file label, kind of entry); ``id_format`` is the id's pattern and how to
    describe it. Returns the id and how messages name the entry ("exercise 'urge'").
    """
    label, kind = where
    value = item.get(id_key) if isinstance(item, dict) else None
    what = f"{kind} {value!r}"
    check_keys(item, keys, label, what, error)
    if not isinstance(value, str) or not id_format[0].match(value):
        raise error(f"{label}: {what}: bad {id_key} ({id_format[1]})")
    if value in seen:
        raise error(f"{label}: {what}: duplicate {id_key}")
    seen.add(value)
    return value, what


def expand(
    template: str, fragments: Mapping[str, str], label: str, what: str, error: type[Exception]
) -> str:
    """Replace every ``{NAME}`` of a regex template by its fragment; an unknown name fails."""

    def one(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in fragments:
            raise error(f"{label}: {what}: unknown fragment {{{name}}}")
        return fragments[name]

    return _REFERENCE.sub(one, template)


def fragment_table(items: object, label: str, error: type[Exception]) -> dict[str, str]:
    """Named regex fragments (``name``, ``pattern``, ``note``) in file order, expanded.

    Each fragment may use the ones defined before it; names are upper case.
    """
    if not isinstance(items, list):
        raise error(f"{label}: 'fragments' must be a list")
    table: dict[str, str] = {}
    for item in items:
        what = f"fragment {item.get('name') if isinstance(item, dict) else item!r}"
        check_keys(item, FRAGMENT_KEYS, label, what, error)
        name = item["name"]
        if not isinstance(name, str) or not _FRAGMENT_NAME.match(name):
            raise error(f"{label}: {what}: a fragment name is upper case (A-Z, 0-9, _)")
        if name in table:
            raise error(f"{label}: {what}: duplicate fragment name")
        if not isinstance(item["pattern"], str):
            raise error(f"{label}: {what}: 'pattern' must be a text")
        table[name] = expand(item["pattern"], table, label, what, error)
    return table


def pattern_text(
    raw: object, fragments: Mapping[str, str], label: str, what: str, error: type[Exception]
) -> str:
    """A regex written as a text or a list of alternatives, expanded and checked to compile."""
    if isinstance(raw, list) and raw and all(isinstance(p, str) and p for p in raw):
        template = "|".join(raw)
    elif isinstance(raw, str) and raw:
        template = raw
    else:
        raise error(f"{label}: {what}: 'pattern' must be a text or a list of texts")
    pattern = expand(template, fragments, label, what, error)
    try:
        re.compile(pattern)
    except re.error as exc:
        raise error(f"{label}: {what}: the pattern does not compile: {exc}") from exc
    return pattern
