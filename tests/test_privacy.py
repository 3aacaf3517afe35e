"""Privacy on disk: private modes whatever the umask, erasure of everything, safe user ids."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from confide.cli import main
from confide.companion import Companion
from confide.config import load_settings
from confide.errors import ConfigError
from confide.privacy import escape_user_id, write_private
from confide.tui.backend import export_paths

CRISIS = "I have the pills in my hand and I'm going to take them all tonight"


@pytest.fixture
def loose_umask() -> Iterator[None]:
    old = os.umask(0o022)  # the usual default: new files world-readable
    try:
        yield
    finally:
        os.umask(old)


def _export(companion: Companion, session_id: str) -> tuple[Path, Path]:
    """Write an export exactly as the TUI's /export does."""
    md, js = export_paths(companion.settings.data_dir, session_id, companion.user_id)
    write_private(md, companion.export(session_id, "markdown"))
    write_private(js, companion.export(session_id, "json"))
    return md, js


def _modes(root: Path) -> dict[str, int]:
    return {
        str(p.relative_to(root)): stat.S_IMODE(p.stat().st_mode)
        for p in [root, *root.rglob("*")]
        if not p.is_symlink()
    }


def test_data_dir_is_0700_and_every_file_0600_whatever_the_umask(
    data_dir: Path, loose_umask: None
) -> None:
    settings = load_settings(engine="offline", audit_include_text=True)
    companion = Companion(settings, user_id="ana")
    try:
        companion.send(CRISIS, "s1")  # writes checkpoints, memories and an audit event
        companion.end_session("s1")
        _export(companion, "s1")
    finally:
        companion.close()
    modes = _modes(data_dir)
    assert {"conversations.sqlite", "audit.jsonl"} <= set(modes)
    assert any(name.startswith("memory") for name in modes)
    assert any(name.startswith("exports") for name in modes)
    for name, mode in modes.items():
        path = data_dir / name if name != "." else data_dir
        expected = 0o700 if path.is_dir() else 0o600
        assert mode == expected, f"{name}: {oct(mode)}"


def test_forget_erases_conversations_memories_audit_and_exports_byte_for_byte(
    data_dir: Path,
) -> None:
    settings = load_settings(engine="offline", audit_include_text=True)
    marker = "Quibbleton-5523"
    ana = Companion(settings, user_id="ana")
    ben = Companion(settings, user_id="ben")
    try:
        ana.send(f"My friend {marker} stopped talking to me and I feel so alone", "s1")
        ana.send(f"{marker} was my only friend. {CRISIS}", "s1")  # audit event with text
        ana.end_session("s1")
        md, js = _export(ana, "s1")
        legacy = data_dir / "exports" / "confide-s1.md"  # written by an older version
        legacy.write_text(f"# old export {marker}", encoding="utf-8")
        ben.send("My dog is sick and I'm worried", "b1")
        ben_md, _ = _export(ben, "b1")
        counts = ana.forget()
    finally:
        ana.close()
        ben.close()
    assert counts["sessions"] == 1 and counts["exports"] == 3
    assert counts["memories"] >= 1 and counts["audit_events"] >= 1
    assert not md.exists() and not js.exists() and not legacy.exists()
    assert ben_md.exists()  # another user's export is untouched
    needles = [marker.encode("utf-8"), marker.encode("utf-16-le"), marker.lower().encode()]
    leftovers = [
        p for p in data_dir.rglob("*") if p.is_file() and any(n in p.read_bytes() for n in needles)
    ]
    # Known chromadb 1.5.9 limitation (docs/deployment.md): the HNSW index of ANOTHER user's
    # live collection (data_level0.bin) is written with uninitialised padding that can hold
    # freed bytes of the erased text. Every other file, the erased user's collection included,
    # must be clean; the exception is named, not silently allowed.
    unexplained = [str(p) for p in leftovers if p.name != "data_level0.bin"]
    assert unexplained == []


def test_the_cli_forget_reports_exports(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    companion = Companion(load_settings(engine="offline"), user_id="local", with_memory=False)
    try:
        companion.send("I feel lonely", "s1")
        _export(companion, "s1")
    finally:
        companion.close()
    monkeypatch.setenv("CONFIDE_ENGINE", "offline")
    assert main(["forget", "--yes"]) == 0
    assert "2 exports" in capsys.readouterr().out


def test_a_user_id_with_the_separator_is_invisible_to_its_prefix(data_dir: Path) -> None:
    settings = load_settings(engine="offline")
    work = Companion(settings, user_id="alice::work", with_memory=False)
    alice = Companion(settings, user_id="alice", with_memory=False)
    try:
        work.send("My manager humiliated me in front of everyone", "s")
        assert alice.sessions() == []
        assert alice.history("work::s") == []  # the old key "alice::work::s" is not reachable
        assert alice.forget()["sessions"] == 0
        assert [s.session_id for s in work.sessions()] == ["s"]
        assert len(work.history("s")) == 2
    finally:
        work.close()
        alice.close()


@pytest.mark.parametrize("bad", ["   ", "a\x00b", "x\x1b[2J", "\ud83d"])
def test_unusable_user_ids_are_refused(data_dir: Path, bad: str) -> None:
    with pytest.raises(ConfigError):
        Companion(load_settings(engine="offline"), user_id=bad, with_memory=False)


def test_escaping_keeps_ordinary_ids_unchanged() -> None:
    assert escape_user_id("local") == "local"
    assert escape_user_id("ana@example.org") == "ana@example.org"
    assert ":" not in escape_user_id("a::b%3A")
    assert escape_user_id("a:b") != escape_user_id("a%3Ab")
