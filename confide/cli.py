"""The ``confide`` command line. Heavy imports happen inside commands; errors are one line."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from confide import __version__
from confide.errors import ConfideError, ConfigError


def _settings(args: argparse.Namespace) -> Any:
    from confide.config import load_settings

    settings = load_settings(
        engine=getattr(args, "engine", None),
        model=getattr(args, "model", None),
        region=getattr(args, "region", None),
        base_url=getattr(args, "base_url", None),
        mode=getattr(args, "mode", None),
    )
    if settings.engine == "llm" and not settings.llm_configured:
        raise ConfigError(
            "--engine llm needs an endpoint: pass --base-url (or set OPENAI_BASE_URL, e.g. "
            "http://127.0.0.1:11434/v1 for Ollama) and/or OPENAI_API_KEY; "
            "or use --engine offline"
        )
    return settings


def _add_engine_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--engine", choices=["auto", "offline", "llm"], help="default: auto")
    p.add_argument("--model", help="model name for the LLM engine (CONFIDE_MODEL)")
    p.add_argument("--base-url", help="OpenAI-compatible endpoint (OPENAI_BASE_URL)")
    p.add_argument("--region", help="region for crisis resources, e.g. US, UK, IE, DE, AU")
    p.add_argument("--mode", choices=["agent", "fused"], help="LLM engine mode")


def cmd_chat(args: argparse.Namespace) -> int:
    """Start the terminal app, or a plain line-mode chat with --plain."""
    settings = _settings(args)
    if args.plain:
        from confide.plain import run_plain

        return run_plain(settings, session_id=args.session)
    from confide.tui.app import run_app

    return run_app(settings, session_id=args.session)


def cmd_analyze(args: argparse.Namespace) -> int:
    """Analyze transcripts and print JSON per user turn (or per transcript with --batch)."""
    from confide.analyze import (
        Analyzer,
        loads,
        parse_transcript,
        skipped_roles,
        validate_messages,
    )
    from confide.engine import Services, make_chat_model

    settings = _settings(args)
    raw = _read_input(args.file)
    model = make_chat_model(settings) if settings.resolved_engine == "llm" else None
    analyzer = Analyzer(Services(settings=settings, chat_model=model))
    out = sys.stdout
    if not args.batch:
        messages = parse_transcript(raw)
        try:
            skipped = skipped_roles(json.loads(raw))
        except (ValueError, RecursionError):
            skipped = {}  # JSONL input: counted per line below
        if not skipped:
            skipped = skipped_roles([_maybe_json(line) for line in raw.splitlines()])
        for record in analyzer.analyze(messages):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        for role, count in skipped.items():
            print(f"confide: note: skipped {count} {role} message(s)", file=sys.stderr)
        return 0
    failures = 0
    for n, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        tid = str(n)
        try:
            item = loads(line)
            if not isinstance(item, dict) or "messages" not in item:
                raise ConfideError("expected an object with 'id' and 'messages'")
            tid = str(item.get("id", n))
            turns = analyzer.analyze(validate_messages(item["messages"]))
            doc = {"id": tid, "turns": turns, "skipped": skipped_roles(item["messages"])}
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
        except Exception as exc:  # one bad line yields an error line; the run goes on
            failures += 1
            message = str(exc) if isinstance(exc, ConfideError) else f"{type(exc).__name__}"
            out.write(json.dumps({"id": tid, "error": message}, ensure_ascii=False) + "\n")
    return 1 if failures else 0


def _maybe_json(line: str) -> Any:
    try:
        return json.loads(line)
    except (ValueError, RecursionError):
        return None


def _read_input(name: str) -> str:
    data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    return data.decode("utf-8", errors="replace")


def cmd_forget(args: argparse.Namespace) -> int:
    """Erase all of a user's data (conversations, memories, audit entries, exports)."""
    from confide.companion import Companion

    settings = _settings(args)
    user = args.user or settings.user_id
    if not args.yes:
        if not sys.stdin.isatty():
            raise ConfideError("refusing to erase without confirmation: pass --yes")
        answer = input(f"Erase ALL Confide data of user {user!r}? Type 'erase' to confirm: ")
        if answer.strip() != "erase":
            print("Nothing erased.")
            return 1
    companion = Companion(settings, user_id=user)
    try:
        counts = companion.forget()
    finally:
        companion.close()
    plan = ", the safety plan" if counts.get("safety_plans") else ""
    print(
        f"Erased {counts['sessions']} sessions, {counts['memories']} memories{plan}, "
        f"{counts['audit_events']} audit entries and {counts.get('exports', 0)} exports "
        f"of user {user!r}."
    )
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    """Run simulated-client evaluation scenarios (see ``confide eval --help``)."""
    from confide.evaluation.cli import run_eval

    return run_eval(args)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for tests and docs)."""
    parser = argparse.ArgumentParser(
        prog="confide",
        description="Confide: an emotional-support companion with a real safety layer. "
        "An AI support companion, not therapy and not a clinician.",
    )
    parser.add_argument("--version", action="version", version=f"confide {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    chat = sub.add_parser("chat", help="talk to Confide in the terminal")
    chat.add_argument("--plain", action="store_true", help="line mode instead of the full app")
    chat.add_argument("--session", help="resume this session id")
    _add_engine_options(chat)
    chat.set_defaults(func=cmd_chat)

    analyze = sub.add_parser("analyze", help="emotion, risk and strategy per user turn")
    analyze.add_argument("file", help="transcript file (JSON list or JSONL), or - for stdin")
    analyze.add_argument("--batch", action="store_true", help="JSONL of {id, messages}")
    _add_engine_options(analyze)
    analyze.set_defaults(func=cmd_analyze)

    forget = sub.add_parser("forget", help="erase all data of a user")
    forget.add_argument("--user", help="user id (default: the configured user)")
    forget.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    forget.set_defaults(func=cmd_forget)

    from confide.evaluation.cli import add_eval_arguments

    ev = sub.add_parser("eval", help="run simulated-client evaluation scenarios")
    add_eval_arguments(ev)
    ev.set_defaults(func=cmd_eval)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: library errors become one clear line on stderr, never a traceback."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except ConfideError as exc:
        print(f"confide: error: {exc}", file=sys.stderr)
        return 2
    except FileNotFoundError as exc:
        print(f"confide: error: file not found: {exc.filename}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("confide: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # last line of defence at the CLI boundary: no tracebacks
        print(f"confide: unexpected error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
