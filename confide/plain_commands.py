"""Slash commands of ``confide chat --plain``: the same commands as the app, as lines of text.

Every command of :data:`confide.tui.commands.COMMANDS` works here; an unknown one gets a
one-line error and never reaches the counselor. Commands that need the full screen in the app
(the model picker, the session list) become numbered lists answered on the next line.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TextIO

from confide.companion import Companion
from confide.config import Settings
from confide.endpoint import Endpoint
from confide.errors import ConfideError
from confide.tui import commands
from confide.tui.backend import SessionRow


@dataclass
class PlainChat:
    """The line-mode chat's state that commands read and change."""

    settings: Settings
    companion: Companion
    session: str
    src: TextIO
    out: TextIO
    #: A local Ollama found at startup (offered by /model).
    detected: Endpoint | None = None
    #: Builds a companion for new settings (``/model``); tests pass a fake.
    factory: Callable[[Settings], Companion] = field(default=Companion)

    def say(self, text: str) -> None:
        """Write one block of output."""
        self.out.write(text.rstrip("\n") + "\n")

    def ask(self, prompt: str) -> str:
        """Ask for one line (EOF counts as an empty answer)."""
        self.out.write(prompt)
        self.out.flush()
        return self.src.readline().strip()


HELP_KEYS = "To send a message that starts with a slash, type two: //like this."


def run_command(chat: PlainChat, text: str) -> bool:
    """Run one slash command; False when the chat should end (``/quit``)."""
    typed, args = commands.parse(text)
    name = commands.resolve(typed)
    if name is None:
        chat.say(f"[unknown command {typed}; /help lists the commands]")
        return True
    try:
        return _dispatch(chat, name, args)
    except ConfideError as exc:
        chat.say(f"[{name}: {exc}]")
        return True


def _dispatch(chat: PlainChat, name: str, args: str) -> bool:
    companion, session = chat.companion, chat.session
    if name == "/quit":
        return False
    if name == "/help":
        width = max(len(c.name) for c in commands.COMMANDS)
        lines = [f"  {c.name:<{width}}  {c.help}" for c in commands.COMMANDS]
        chat.say("Commands:\n" + "\n".join(lines) + "\n" + HELP_KEYS)
    elif name == "/new":
        companion.end_session(session)
        chat.session = companion.new_session_id()
        chat.say(f"[new session {chat.session}]")
    elif name == "/engine":
        _engine(chat)
    elif name == "/model":
        _model(chat, args)
    elif name in ("/sessions", "/search"):
        _sessions(chat, args)
    elif name == "/rename":
        title = args or chat.ask("name for this session> ")
        stored = companion.rename_session(session, title)
        chat.say(f"[session {session} is now called “{stored}”]")
    elif name == "/delete":
        _delete(chat, args or session)
    elif name == "/regenerate":
        reply = ""
        for event in companion.regenerate(session):
            if event.kind == "reply":
                reply = event.text
        chat.say(f"confide> {reply}")
    elif name == "/copy":
        _copy(chat)
    elif name == "/export":
        _export(chat)
    elif name == "/ground":
        _ground(chat, args)
    elif name == "/resources":
        from confide.safety.resources import format_resources, resources_for

        chat.say(format_resources(resources_for(chat.settings.region)))
        if not companion.safety_plan().is_empty():
            chat.say("\n" + companion.safety_plan_text())
    elif name == "/plan":
        from confide.plain import edit_plan

        if args.lower() == "edit":
            edit_plan(companion, session, chat.src, chat.out)
        else:
            chat.say(companion.safety_plan_text(session))
    elif name == "/forget":
        answer = chat.ask("Erase ALL your Confide data? Type 'erase' to confirm: ")
        if answer != "erase":
            chat.say("[nothing erased]")
        else:
            counts = companion.forget()
            chat.session = companion.new_session_id()
            chat.say(
                f"[erased {counts['sessions']} sessions, {counts['memories']} memories and "
                f"{counts['audit_events']} audit entries; new session {chat.session}]"
            )
    elif name == "/theme":
        _theme(chat, args)
    return True


def _engine(chat: PlainChat) -> None:
    companion, settings = chat.companion, chat.settings
    chat.say(f"[engine: {companion.engine} · model: {companion.model_name}]")
    if companion.engine == "llm":
        chat.say(f"[endpoint: {settings.base_url or 'OpenAI default'} · mode: {settings.mode}]")
    else:
        chat.say(
            "[to use a language model: set OPENAI_BASE_URL (Ollama, vLLM, LM Studio, llama.cpp) "
            "and CONFIDE_MODEL, or /model]"
        )
    chat.say(f"[region: {settings.region} · data: {settings.data_dir}]")


def _model(chat: PlainChat, args: str) -> None:
    """List the endpoint's models as a numbered list; switch to the one chosen."""
    from confide.tui.model_picker import ModelChoice, describe_current, find_endpoint

    settings = chat.settings
    endpoint: Endpoint | None
    if chat.detected is not None and not settings.llm_configured:
        endpoint, error = chat.detected, ""
    else:
        endpoint, error = find_endpoint(settings, None)
    names = list(endpoint.models) if endpoint else []
    current = describe_current(chat.companion.engine, chat.companion.model_name)
    answer = args
    if not answer:
        lines = [f"Now answering: {current}.", "  0. offline engine (on this machine)"]
        lines += [f"  {n}. {name}" for n, name in enumerate(names, 1)]
        if error:
            lines.append(f"(the endpoint's models could not be listed: {error})")
        elif endpoint is None:
            lines.append("(no endpoint configured and no local Ollama found: only offline)")
        chat.say("\n".join(lines))
        answer = chat.ask("model number or name (Enter keeps the current one)> ")
    if not answer:
        chat.say("[model unchanged]")
        return
    if answer in ("0", "offline"):
        choice = ModelChoice("offline")
    else:
        pick = names[int(answer) - 1] if answer.isdigit() and 0 < int(answer) <= len(names) else ""
        pick = pick or (answer if answer in names else "")
        if not pick or endpoint is None:
            chat.say(f"[no model {answer!r}; /model lists them]")
            return
        base = None if endpoint.base_url == "OpenAI" else endpoint.base_url
        choice = ModelChoice("llm", pick, base)
    new_settings = choice.settings_for(settings)
    fresh = chat.factory(new_settings)
    chat.companion.close()
    chat.companion, chat.settings = fresh, new_settings
    chat.say(f"[now answering: {describe_current(fresh.engine, fresh.model_name)}]")


def _sessions(chat: PlainChat, query: str) -> None:
    companion = chat.companion
    rows: Sequence[SessionRow] = companion.search_sessions(query) if query else companion.sessions()
    if not rows:
        chat.say(f"[no session mentions {query!r}]" if query else "[no saved sessions yet]")
        return
    lines = []
    for n, row in enumerate(rows, 1):
        here = "  (this session)" if row.session_id == chat.session else ""
        lines.append(f"  {n}. {row.session_id}  {row.turns} turns  {row.title}{here}")
    chat.say("\n".join(lines))
    answer = chat.ask("number to resume (Enter stays here)> ")
    if answer.isdigit() and 0 < int(answer) <= len(rows):
        chat.session = rows[int(answer) - 1].session_id
        chat.say(f"[session {chat.session}]")
        for message in companion.history(chat.session)[-4:]:
            who = "you" if message.type == "human" else "confide"
            chat.say(f"{who}> {message.content}")


def _delete(chat: PlainChat, session_id: str) -> None:
    companion = chat.companion
    if not companion.has_session(session_id):
        chat.say(f"[no saved session {session_id!r}; nothing deleted]")
        return
    answer = chat.ask(f"Delete session {session_id} and what Confide remembered from it? [y/N] ")
    if answer.lower() not in ("y", "yes"):
        chat.say("[nothing deleted]")
        return
    companion.delete_session(session_id)
    if session_id == chat.session:
        chat.session = companion.new_session_id()
        chat.say(f"[deleted; new session {chat.session}]")
    else:
        chat.say(f"[deleted session {session_id}]")


def _copy(chat: PlainChat) -> None:
    """Copy the last reply with the terminal's clipboard escape (OSC 52), as the app does."""
    replies = [m for m in chat.companion.history(chat.session) if m.type == "ai"]
    if not replies:
        chat.say("[there is no reply to copy yet]")
        return
    text = str(replies[-1].content)
    if not chat.out.isatty():
        chat.say("[/copy needs a terminal; the last reply follows]\n" + text)
        return
    encoded = base64.b64encode(text.encode("utf-8")).decode("ascii")
    chat.out.write(f"\x1b]52;c;{encoded}\a")
    chat.say(f"[copied the last reply ({len(text)} characters)]")


def _export(chat: PlainChat) -> None:
    from confide.tui.backend import export_paths

    companion, session = chat.companion, chat.session
    doc = companion.export(session, "json")
    turns = len(json.loads(doc).get("turns", []))
    if not turns:
        chat.say("[nothing to export yet: this session has no completed turns]")
        return
    md_path, json_path = export_paths(chat.settings.data_dir, session)
    md_path.parent.mkdir(parents=True, exist_ok=True)
    md_path.write_text(companion.export(session, "markdown"), encoding="utf-8")
    json_path.write_text(doc, encoding="utf-8")
    chat.say(f"[exported {turns} turn{'s' if turns != 1 else ''} to {md_path} and {json_path}]")


def _ground(chat: PlainChat, name: str) -> None:
    """A guided exercise, one step per Enter ('q' stops)."""
    from confide.safety.exercises import exercise_menu, get_exercise

    exercise = get_exercise(name) if name else None
    if exercise is None:
        chat.say(exercise_menu() if not name else f"[no exercise {name!r}]\n{exercise_menu()}")
        return
    chat.say(f"{exercise.title} (about {exercise.minutes} minutes)\n\n{exercise.intro}")
    for n, step in enumerate(exercise.steps, 1):
        if chat.ask("[Enter: next step · q: stop] ").lower() == "q":
            chat.say("[stopped; you can come back to it any time with /ground]")
            return
        chat.say(f"{n}. {step}")
    chat.ask("[Enter: finish] ")
    chat.say(exercise.closing)


def _theme(chat: PlainChat, args: str) -> None:
    from confide.tui.preferences import remembered_theme, save_preference

    current = remembered_theme(chat.settings.data_dir, chat.settings.theme)
    wanted = args.lower() or ("light" if current == "dark" else "dark")
    if wanted not in ("light", "dark"):
        chat.say("[/theme light or /theme dark]")
        return
    save_preference(chat.settings.data_dir, "theme", wanted)
    chat.say(f"[the full app (confide chat) will use the {wanted} theme; line mode has none]")
