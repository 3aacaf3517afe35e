"""Prompt templates: one file per prompt in this folder, with an id and a version.

A file ``<id>.md`` starts with a front-matter block::

    ---
    id: counselor.reply
    version: 3
    ---
    template text in Jinja2 ...

Rendering uses ``StrictUndefined``: a missing variable fails loudly instead of rendering
an empty string. Every rendered prompt carries its id and version, so a reply can record
which prompt produced it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import jinja2

_ENV = jinja2.Environment(
    undefined=jinja2.StrictUndefined,
    autoescape=False,  # prompts are plain text for a model, not HTML
    keep_trailing_newline=False,
    trim_blocks=True,
    lstrip_blocks=True,
)


@dataclass(frozen=True)
class Prompt:
    """A loaded prompt template."""

    id: str
    version: str
    text: str

    def render(self, **variables: Any) -> str:
        """Render with Jinja2; a missing variable raises ``jinja2.UndefinedError``."""
        return _template(self.text).render(**variables).strip()


@cache
def _template(text: str) -> jinja2.Template:
    """The compiled template of ``text`` (compiling takes longer than rendering: once only)."""
    return _ENV.from_string(text)


def _parse(name: str, raw: str) -> Prompt:
    if not raw.startswith("---\n"):
        raise ValueError(f"prompt {name} has no front matter")
    _, header, body = raw.split("---\n", 2)
    meta: dict[str, str] = {}
    for line in header.strip().splitlines():
        key, _, value = line.partition(":")
        meta[key.strip()] = value.strip()
    if "id" not in meta or "version" not in meta:
        raise ValueError(f"prompt {name} lacks id or version")
    return Prompt(id=meta["id"], version=meta["version"], text=body.strip())


@cache
def get_prompt(prompt_id: str) -> Prompt:
    """Load the prompt whose front matter has ``id: prompt_id`` (file ``<prompt_id>.md``)."""
    folder = resources.files("confide.prompts")
    path = folder / f"{prompt_id}.md"
    if not path.is_file():
        raise KeyError(f"no prompt named {prompt_id!r}")
    prompt = _parse(prompt_id, path.read_text(encoding="utf-8"))
    if prompt.id != prompt_id:
        raise ValueError(f"prompt file {prompt_id}.md declares id {prompt.id!r}")
    return prompt


def all_prompts() -> list[Prompt]:
    """Every prompt shipped with Confide (for listing and tests)."""
    folder = resources.files("confide.prompts")
    return [
        get_prompt(entry.name[:-3])
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".md")
    ]
