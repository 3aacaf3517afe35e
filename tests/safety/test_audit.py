"""The JSONL safety audit log: structured events, no text by default, erasure, never raises."""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from pathlib import Path

import pytest

from confide.config import load_settings
from confide.safety.audit import AuditLog


def _event(user: str = "ana", **extra: object) -> dict[str, object]:
    event: dict[str, object] = {
        "event": "completion",
        "time": 1.0,
        "user_id": user,
        "session_id": "s1",
        "level": "high",
        "categories": ["suicidal_ideation_active"],
        "policy": "crisis",
        "text": "I want to end it all tonight",
        "evidence": ["end it all"],
    }
    event.update(extra)
    return event


def test_events_are_appended_as_json_lines_without_text_by_default(data_dir: Path) -> None:
    settings = load_settings()
    log = AuditLog(settings.audit_path, settings)
    assert log.record(_event())
    assert log.record(_event(policy="boundary", level="none"))
    raw = settings.audit_path.read_text(encoding="utf-8")
    lines = [json.loads(line) for line in raw.splitlines()]
    assert [e["policy"] for e in lines] == ["crisis", "boundary"]
    assert lines[0]["categories"] == ["suicidal_ideation_active"]
    assert lines[0]["session_id"] == "s1"
    assert "end it all" not in raw
    assert "text" not in lines[0] and "evidence" not in lines[0]


def test_text_is_kept_only_when_the_user_opted_in(data_dir: Path) -> None:
    settings = replace(load_settings(), audit_include_text=True)
    log = AuditLog(settings.audit_path, settings)
    log.record(_event())
    (event,) = log.events()
    assert event["text"] == "I want to end it all tonight"
    assert event["evidence"] == ["end it all"]


def test_unknown_fields_are_dropped(data_dir: Path) -> None:
    settings = load_settings()
    log = AuditLog(settings.audit_path, settings)
    log.record(_event(message="the whole conversation", draft="a reply"))
    (event,) = log.events()
    assert "message" not in event and "draft" not in event


def test_events_filter_by_user_and_erase_user_rewrites_atomically(data_dir: Path) -> None:
    settings = load_settings()
    log = AuditLog(settings.audit_path, settings)
    for user in ("ana", "ben", "ana", "cy"):
        log.record(_event(user))
    assert len(log.events("ana")) == 2
    assert log.erase_user("ana") == 2
    assert log.events("ana") == []
    assert [e["user_id"] for e in log.events()] == ["ben", "cy"]
    assert log.erase_user("nobody") == 0
    leftovers = [p.name for p in settings.audit_path.parent.iterdir() if p.name.startswith(".")]
    assert leftovers == []
    # the log stays appendable after a rewrite
    log.record(_event("dee"))
    assert [e["user_id"] for e in log.events()] == ["ben", "cy", "dee"]


def test_erase_on_a_missing_file_is_zero(data_dir: Path) -> None:
    settings = load_settings()
    assert AuditLog(settings.audit_path, settings).erase_user("ana") == 0
    assert AuditLog(settings.audit_path, settings).events() == []


def test_a_write_failure_warns_and_never_raises(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = load_settings()
    blocked = tmp_path / "audit-is-a-directory"
    blocked.mkdir()
    log = AuditLog(blocked, settings)
    with caplog.at_level(logging.WARNING, logger="confide.safety.audit"):
        assert log.record(_event()) is False
    assert "not writable" in caplog.text


def test_unserialisable_event_is_not_fatal(
    data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = load_settings()
    log = AuditLog(settings.audit_path, settings)
    with caplog.at_level(logging.WARNING, logger="confide.safety.audit"):
        assert log.record({"event": "x", "categories": [float("nan")], "time": 1.0}) is True
        assert log.record({"event": "x", "level": object(), "time": 1.0}) is True  # str() default
    assert len(log.events()) == 2


def test_malformed_lines_are_skipped_and_kept(
    data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = load_settings()
    log = AuditLog(settings.audit_path, settings)
    log.record(_event("ana"))
    with settings.audit_path.open("a", encoding="utf-8") as handle:
        handle.write("{not json\n")
    log.record(_event("ben"))
    with caplog.at_level(logging.WARNING, logger="confide.safety.audit"):
        assert [e["user_id"] for e in log.events()] == ["ana", "ben"]
    assert "malformed" in caplog.text
    assert log.erase_user("ana") == 1
    assert "{not json" in settings.audit_path.read_text(encoding="utf-8")
