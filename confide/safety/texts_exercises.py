"""Fixed, reviewed texts of the short guided exercises (grounding and coping), offline.

The texts are data: ``confide/safety/content/exercises.yaml`` (how to edit it:
``docs/content.md``), read and validated once, at import; a malformed file raises
:class:`~confide.errors.ContentError` naming the file and the exercise (unknown or missing
keys, a key given twice, a duplicate id, an alias to no exercise, a non-positive duration).

They follow the rules of :mod:`confide.safety.texts`: constants, never generated; short,
optional and easy to stop; no breath holding, no medical or medication advice, no promise
that an exercise fixes anything; each ends by handing the conversation back to the person.
Sources of the techniques: paced breathing with a longer out-breath; the 5-4-3-2-1 senses
grounding; urge surfing (Marlatt's relapse-prevention work, as used in DBT distress
tolerance); a wind-down routine from CBT for insomnia (sleep hygiene, a worry list, relaxing
the body).

English only for now: in other languages the exercises are not offered in conversation
(``/ground`` still shows them), so a conversation never switches language mid-way.

Changing a text is a safety change: have it reviewed, and re-run tests/safety.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Final

from confide.datafiles import (
    ID_FORMAT,
    Keys,
    entry_id,
    read_package_file,
    text_list,
    text_value,
)
from confide.errors import ContentError

_FILE_KEYS: Keys = (
    frozenset({"version", "exercises", "aliases", "declined", "menu_intro"}),
    frozenset(),
)
_EXERCISE_KEYS: Keys = (
    frozenset({"id", "title", "minutes", "intro", "steps", "closing", "invitation"}),
    frozenset(),
)


@dataclass(frozen=True)
class ExerciseText:
    """One exercise: what it is called, how it starts, its steps and how it ends."""

    id: str
    title: str
    minutes: int
    intro: str
    steps: tuple[str, ...]
    closing: str
    #: The invitation offered in conversation (answered with yes, or /ground <id>).
    invitation: str


@dataclass(frozen=True)
class ExerciseContent:
    """What ``exercises.yaml`` holds, validated."""

    version: str
    exercises: dict[str, ExerciseText]
    aliases: dict[str, str]
    declined: str
    menu_intro: str


def _exercise(item: Any, seen: set[str], label: str) -> ExerciseText:
    where = (label, "exercise")
    eid, what = entry_id(item, _EXERCISE_KEYS, seen, where, "id", ID_FORMAT, ContentError)
    minutes = item["minutes"]
    if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes < 1:
        raise ContentError(f"{label}: {what}: 'minutes' must be a whole number of minutes")
    return ExerciseText(
        id=eid,
        title=text_value(item["title"], label, f"{what}: title", ContentError),
        minutes=minutes,
        intro=text_value(item["intro"], label, f"{what}: intro", ContentError),
        steps=text_list(item["steps"], label, f"{what}: steps", ContentError),
        closing=text_value(item["closing"], label, f"{what}: closing", ContentError),
        invitation=text_value(item["invitation"], label, f"{what}: invitation", ContentError),
    )


def load_exercises(path: Traversable | Path | None = None) -> ExerciseContent:
    """Read and validate an exercises file (the packaged one by default)."""
    data, label = read_package_file(
        "confide.safety", "content/exercises.yaml", path, _FILE_KEYS, ContentError
    )
    version = data["version"]
    if not isinstance(version, str) or not version.strip():
        raise ContentError(f"{label}: 'version' is a text, such as '1'")
    items = data["exercises"]
    if not isinstance(items, list) or not items:
        raise ContentError(f"{label}: 'exercises' must be a non-empty list")
    seen: set[str] = set()
    exercises = {ex.id: ex for ex in (_exercise(item, seen, label) for item in items)}
    aliases = data["aliases"]
    if not isinstance(aliases, dict):
        raise ContentError(f"{label}: 'aliases' must be a mapping of word: exercise id")
    for word, target in aliases.items():
        if not isinstance(word, str) or not word.strip():
            raise ContentError(f"{label}: alias {word!r}: a word is a text (quote numbers)")
        if target not in exercises:
            raise ContentError(f"{label}: alias {word!r}: no exercise {target!r}")
        if word in exercises:
            raise ContentError(f"{label}: alias {word!r}: already an exercise id")
    return ExerciseContent(
        version=version,
        exercises=exercises,
        aliases=dict(aliases),
        declined=text_value(data["declined"], label, "declined", ContentError),
        menu_intro=text_value(data["menu_intro"], label, "menu_intro", ContentError),
    )


_CONTENT: Final = load_exercises()

#: Bump when any text here changes (recorded in ReplyMeta.prompt_version).
EXERCISE_TEXTS_VERSION: Final = _CONTENT.version

EXERCISES: Final[dict[str, ExerciseText]] = _CONTENT.exercises

#: Order of ``/ground`` without an argument (the file's order).
EXERCISE_ORDER: Final[tuple[str, ...]] = tuple(EXERCISES)

#: Words a person may type to pick an exercise (``/ground <word>``).
EXERCISE_ALIASES: Final[dict[str, str]] = _CONTENT.aliases

#: The answer to "no thanks" after an invitation: fine either way, nothing pressed.
DECLINED: Final = _CONTENT.declined

MENU_INTRO: Final = _CONTENT.menu_intro
