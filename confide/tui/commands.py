"""Slash commands of the chat app: their names, help lines, parsing and completion."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SlashCommand:
    """One slash command as shown in completion and in /help."""

    name: str
    help: str


COMMANDS: tuple[SlashCommand, ...] = (
    SlashCommand("/new", "start a new session"),
    SlashCommand("/sessions", "list, search, rename or delete sessions (/sessions words)"),
    SlashCommand("/search", "find sessions by their name or words in them (/search words)"),
    SlashCommand("/rename", "name this session (/rename a name)"),
    SlashCommand("/delete", "delete this session (asks first)"),
    SlashCommand("/regenerate", "answer your last message again"),
    SlashCommand("/copy", "copy the focused message (or the last reply)"),
    SlashCommand("/export", "save this session as Markdown and JSON (with the analysis)"),
    SlashCommand("/ground", "a short guided exercise: breathing, 5-4-3-2-1, urges, sleep"),
    SlashCommand("/resources", "crisis and support resources for your region"),
    SlashCommand("/plan", "your personal safety plan (/plan edit to change it)"),
    SlashCommand("/model", "choose the model (or the offline engine)"),
    SlashCommand("/engine", "which engine and model are answering"),
    SlashCommand("/theme", "switch between the light and the dark theme"),
    SlashCommand("/forget", "erase all your conversations, memories and audit entries"),
    SlashCommand("/help", "commands and key bindings"),
    SlashCommand("/quit", "leave Confide (your sessions are saved)"),
)

#: Other names that run a command (not completed, not listed).
ALIASES: dict[str, str] = {"/exit": "/quit", "/retry": "/regenerate", "/grounding": "/ground"}

COMMAND_NAMES: tuple[str, ...] = tuple(c.name for c in COMMANDS)


def is_command(text: str) -> bool:
    """Tell whether the input is a slash command rather than a message.

    A message may start with a slash ("/s he said..."): only a single token that looks like a
    command name, optionally with arguments, counts. ``//text`` sends ``/text`` as a message.
    """
    stripped = text.strip()
    if not stripped.startswith("/") or stripped.startswith("//"):
        return False
    head = stripped.split(maxsplit=1)[0]
    return head[1:].isalpha() and "\n" not in stripped


def parse(text: str) -> tuple[str, str]:
    """Split ``/name args`` into the lower-cased name and the argument string."""
    stripped = text.strip()
    head, _, rest = stripped.partition(" ")
    return head.lower(), rest.strip()


def matches(prefix: str) -> list[SlashCommand]:
    """Find the commands whose name starts with ``prefix`` (none for other text)."""
    if not prefix.startswith("/") or " " in prefix or "\n" in prefix:
        return []
    low = prefix.lower()
    return [c for c in COMMANDS if c.name.startswith(low)]


def completion(prefix: str) -> str:
    """Return the text that completes ``prefix`` to the first matching command, or ''."""
    found = matches(prefix)
    if not found or found[0].name == prefix.lower():
        return ""
    return found[0].name[len(prefix) :]


def unescape(text: str) -> str:
    """Turn a message typed as ``//text`` into ``/text``."""
    stripped = text.lstrip()
    return stripped[1:] if stripped.startswith("//") else text


def resolve(name: str) -> str | None:
    """The command a typed name runs: exact, alias, or an unambiguous prefix (else None)."""
    low = name.lower()
    if low in COMMAND_NAMES:
        return low
    if low in ALIASES:
        return ALIASES[low]
    found = matches(low)
    return found[0].name if len(found) == 1 else None
