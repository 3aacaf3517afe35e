"""``confide chat --plain``: a line-mode chat for terminals without a full-screen UI."""

from __future__ import annotations

import logging
import sys
from collections.abc import Mapping
from typing import Any, TextIO

from confide.companion import Companion
from confide.config import Settings
from confide.endpoint import OLLAMA_BASE_URL, detect_ollama, should_detect
from confide.errors import InputError, SessionNotFoundError
from confide.plain_commands import PlainChat, run_command
from confide.safety.failsafe import failsafe_reply
from confide.sanitize import sanitize_text
from confide.tui.commands import is_command, unescape

log = logging.getLogger(__name__)

BANNER = (
    "Confide is an AI support companion. It is not a therapist, not a clinician and not a "
    "human.\nIf you are in danger right now, call your local emergency number.\n"
    "Commands: /new, /resources, /plan (your safety plan; /plan edit to change it), /ground, "
    "/quit; /help lists them all\n"
)
OFFLINE_NOTE = (
    "Running the offline engine (no model configured): replies are composed locally from a "
    "curated library of counselor moves; the safety checks run in full.\n"
)


FALLBACK_NOTE = (
    "[the language model did not answer in time or failed; the offline engine answered this turn]\n"
)


def _write(out: TextIO, text: str) -> None:
    """Write sanitised text; characters the terminal cannot encode are replaced, not fatal."""
    clean = sanitize_text(text)
    try:
        out.write(clean)
    except UnicodeEncodeError:
        encoding = getattr(out, "encoding", None) or "ascii"
        out.write(clean.encode(encoding, errors="replace").decode(encoding, errors="replace"))


def _reply_lines(result: Mapping[str, Any]) -> str:
    meta = result.get("reply_meta") or {}
    note = FALLBACK_NOTE if meta.get("fallback") else ""  # tell the truth about who answered
    return f"confide> {result.get('reply', '')}\n{note}"


def run_plain(
    settings: Settings,
    session_id: str | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    ollama_url: str | None = OLLAMA_BASE_URL,
) -> int:
    """Read lines, print replies, until EOF or /quit. Errors never end the chat.

    Every reply and every echoed text is sanitised before it reaches the terminal; a turn
    that fails in any way still prints a safe reply (the crisis text when the message
    screens high).
    """
    src, out = stdin or sys.stdin, stdout or sys.stdout
    # a person typing: load the models meanwhile (piped input sends at once: no need)
    companion = Companion(settings, warm_up=_is_tty(src))
    if session_id is not None and not companion.has_session(session_id):
        companion.close()
        raise SessionNotFoundError(
            f"no saved session {session_id!r}; start `confide chat --plain` and type /sessions "
            "to list them"
        )
    session = session_id or companion.new_session_id()
    _write(out, BANNER + (OFFLINE_NOTE if companion.engine == "offline" else ""))
    if companion.memory_note:
        _write(out, f"[{companion.memory_note}]\n")
    detected = None
    if ollama_url and should_detect(settings.engine, settings.llm_configured):
        detected = detect_ollama(ollama_url)
        if detected is not None:
            _write(
                out,
                f"[a local Ollama is running at {detected.base_url} with "
                f"{len(detected.models)} models; staying offline: /model lists them]\n",
            )
    chat = PlainChat(settings, companion, session, src, out, detected)
    _write(out, f"[session {session}]\n")
    try:
        if companion.pending(session):
            for event in companion.stream(None, session):
                if event.kind == "reply":
                    _write(out, f"confide> {event.text}\n")
        while True:
            out.write("you> ")
            out.flush()
            line = src.readline()
            if not line:
                break
            text = line.rstrip("\n")
            if text.strip() in ("/quit", "/exit"):
                break
            if text.strip() == "/new":
                session = companion.new_session_id()
                _write(out, f"[new session {session}]\n")
                continue
            if text.strip() == "/resources":
                from confide.safety.resources import format_resources, resources_for

                _write(out, format_resources(resources_for(settings.region)) + "\n")
                plan = companion.safety_plan()
                if not plan.is_empty():
                    _write(out, "\n" + companion.safety_plan_text() + "\n")
                continue
            if text.strip().split(maxsplit=1)[:1] == ["/plan"]:
                if text.split()[1:] == ["edit"]:
                    edit_plan(companion, session, src, out)
                else:
                    _write(out, companion.safety_plan_text(session) + "\n")
                continue
            if is_command(text):  # every other command; unknown ones never reach the counselor
                chat.companion, chat.session = companion, session
                keep_going = run_command(chat, text)
                companion, session = chat.companion, chat.session
                if not keep_going:
                    break
                continue
            text = unescape(text)
            try:
                _write(out, _reply_lines(companion.send(text, session)))
            except InputError as exc:
                _write(out, f"[{exc}]\n")
            except Exception as exc:  # the boundary: a failed turn still gets a safe reply
                log.exception("plain chat turn failed")
                _write(out, f"confide> {failsafe_reply(text, settings.region)}\n")
                _write(out, f"[something went wrong: {exc}]\n")
    finally:
        companion.close()
    return 0


def edit_plan(companion: Companion, session: str, src: TextIO, out: TextIO) -> None:
    """``/plan edit``: go through the six steps; keep, add to, or clear each one."""
    from confide.safety.safety_plan import PLAN_STEPS
    from confide.safety.texts_flow import flow_text

    plan = companion.safety_plan(session)
    _write(
        out,
        "Your safety plan, step by step. For each step: press Enter to keep it, type items "
        "separated by ';' to add them, or '-' to clear the step. '/done' stops early.\n",
    )
    for step in PLAN_STEPS:
        _write(out, f"\n{flow_text(f'plan_step_{step}')}\n")
        for item in plan.steps.get(step, []):
            _write(out, f"   • {item.text}\n")
        _write(out, f"{flow_text(f'plan_ask_{step}')}\nplan> ")
        out.flush()
        line = src.readline()
        if not line or line.strip() == "/done":
            break
        answer = line.strip()
        if answer == "-":
            plan.replace(step, [])
        elif answer:
            for entry in answer.split(";"):
                plan.add(step, entry)
    companion.save_safety_plan(plan)
    _write(out, "\n[safety plan saved]\n" + companion.safety_plan_text(session) + "\n")


def _is_tty(stream: object) -> bool:
    """Whether ``stream`` is an interactive terminal (False for pipes, files and fakes)."""
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty()) if callable(isatty) else False
    except (OSError, ValueError):  # a closed stream
        return False
