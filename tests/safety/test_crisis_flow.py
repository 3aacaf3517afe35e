"""The crisis flow after the crisis reply, and the safety plan (issue 13).

The first test is the issue's "Done when" check, through the real entry point
(``python -m confide.cli chat --plain``, offline): a crisis message, then the steps the person
takes; what each reply must and must not contain.
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from langgraph.runtime import Runtime

from confide.config import load_settings
from confide.context import Context
from confide.engine import Services
from confide.safety.crisis_flow import (
    compact_resources,
    compose_follow_up,
    read_steps,
    setback_level,
    start_flow,
)
from confide.safety.reply_checks import check_reply
from confide.safety.resources import resources_for
from confide.safety.safety_plan import PLAN_STEPS, PlanStore, SafetyPlan, format_plan, suggestions
from confide.safety.texts import SUPPORTED_LOCALES, TEXTS
from confide.safety.texts_flow import FLOW_TEXTS
from confide.testing import ScriptedChatModel

CRISIS = "I want to kill myself tonight. I have the pills right here"
STEPS_SCRIPT = [
    "ok. I put the pills in the car and texted my brother",
    "he is here now. I feel a bit calmer",
    "I'm safe now, thank you",
]
_PAINFUL = re.compile(r"painful|sounds? (?:so |really |incredibly )?hard|so sorry", re.I)
_ASKS_SUICIDE = re.compile(r"are you thinking about suicide|thoughts of suicide", re.I)


def _run_plain(lines: list[str], env_dir: Path) -> str:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    proc = subprocess.run(
        [sys.executable, "-m", "confide.cli", "chat", "--plain", "--engine", "offline"],
        input="\n".join([*lines, "/quit"]) + "\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=240,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return proc.stdout


def _replies(stdout: str) -> list[str]:
    """Each ``confide>`` reply, up to the next prompt."""
    parts = stdout.split("confide> ")[1:]
    return [p.split("\nyou> ")[0].strip() for p in parts]


def _is_resource_line(line: str) -> bool:
    contacts = {c for r in resources_for("US") for c in r.contacts}
    return any(c in line for c in contacts)


def _sentences(reply: str) -> set[str]:
    out = set()
    for line in reply.splitlines():
        if _is_resource_line(line):
            continue
        for sentence in re.split(r"(?<=[.!?])\s+", line):
            if len(sentence.strip()) >= 40:
                out.add(sentence.strip())
    return out


@pytest.mark.slow
def test_done_when_the_crisis_flow_moves_forward_and_plan_is_filled() -> None:
    stdout = _run_plain([CRISIS, *STEPS_SCRIPT, "/plan"], Path.cwd())
    replies = _replies(stdout)
    assert len(replies) == 4, stdout
    first, *later = replies

    # the first reply carries resources and asks about safety
    assert "988" in first and "911" in first
    assert _ASKS_SUICIDE.search(first) and "safe right now" in first

    block_lines = [ln for ln in first.splitlines() if ln.startswith("•")]
    for reply in later:
        # no replay of the crisis block: no bulleted resource list, no direct question again
        assert not any(line in reply for line in block_lines), reply
        assert not _ASKS_SUICIDE.search(reply), reply
        assert "You wrote" not in reply
        # never calls calm or safe painful
        assert not _PAINFUL.search(reply), reply
        # resources stay one line away
        assert "988" in reply
    # each step is acknowledged specifically
    assert "out of reach" in later[0] and "your brother" in later[0]
    assert "your brother is there with you" in later[1] and "calmer" in later[1]
    assert "feel safe right now" in later[2]
    # no sentence of 40+ characters repeated across replies (resource lines aside)
    seen: set[str] = set()
    for reply in replies:
        sentences = _sentences(reply)
        assert not (sentences & seen), sentences & seen
        seen |= sentences

    # /plan shows the six steps, partly filled from the conversation
    plan = stdout.split("My safety plan", 1)[1]
    for number in range(1, 7):
        assert f"\n{number}. " in plan
    assert "My brother (from our conversation)" in plan
    assert "Put the pills in the car (from our conversation)" in plan
    assert "988 Suicide & Crisis Lifeline" in plan


@pytest.mark.slow
def test_a_new_disclosure_after_the_steps_gets_the_full_crisis_reply_again() -> None:
    stdout = _run_plain(
        [CRISIS, STEPS_SCRIPT[0], "he left. I got the pills back and I want to die tonight"],
        Path.cwd(),
    )
    replies = _replies(stdout)
    assert len(replies) == 3
    assert "• 988 Suicide & Crisis Lifeline" in replies[2]
    assert _ASKS_SUICIDE.search(replies[2])


@pytest.mark.slow
def test_plain_plan_edit_saves_a_private_file_that_forget_erases(
    _isolated_env: Path,
) -> None:
    stdout = _run_plain(
        [
            "/plan edit",
            "when I'm alone at night",
            "music; a hot shower",
            "",
            "my sister",
            "",
            "-",
            "/plan",
        ],
        Path.cwd(),
    )
    assert "[safety plan saved]" in stdout
    assert "• When I'm alone at night" in stdout and "• A hot shower" in stdout
    files = list((_isolated_env / "plans").glob("*.json"))
    assert len(files) == 1
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600
    data = json.loads(files[0].read_text(encoding="utf-8"))
    assert [i["text"] for i in data["steps"]["people"]] == ["My sister"]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    proc = subprocess.run(
        [sys.executable, "-m", "confide.cli", "forget", "--yes"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "the safety plan" in proc.stdout
    assert not list((_isolated_env / "plans").glob("*.json"))


# --- reading steps --------------------------------------------------------------------------

READ_CASES = {
    "en": (STEPS_SCRIPT[0], "he is here now. I feel a bit calmer", "I'm safe now, thank you"),
    "es": (
        "guardé las pastillas en el coche y le escribí a mi hermano",
        "mi hermano ya está aquí, me siento un poco mejor",
        "ya estoy a salvo, gracias",
    ),
    "fr": (
        "j'ai rangé les médicaments dans la voiture et j'ai écrit à mon frère",
        "mon frère est là. je me sens plus calme",
        "je suis en sécurité maintenant, merci",
    ),
    "de": (
        "ich habe die Tabletten ins Auto gelegt und meinem Bruder geschrieben",
        "er ist jetzt hier. ich bin etwas ruhiger",
        "ich bin jetzt in Sicherheit, danke",
    ),
    "pt": (
        "guardei os remédios no carro e mandei mensagem pro meu irmão",
        "meu irmão chegou. estou mais calmo",
        "estou seguro agora, obrigado",
    ),
    "zh": ("我把药放到车里了，还给我哥哥发了消息", "他来了，我平静了一些", "我现在安全了，谢谢"),
    "hi": (
        "मैंने गोलियाँ कार में रख दीं और मेरे भाई को मैसेज किया",
        "वह अब यहाँ है। मैं थोड़ा शांत हूँ",
        "मैं अब सुरक्षित हूँ, धन्यवाद",
    ),
}


@pytest.mark.parametrize("locale", sorted(READ_CASES))
def test_steps_are_read_in_every_locale(locale: str) -> None:
    means_and_contact, present_and_calm, safe = READ_CASES[locale]
    first = read_steps(means_and_contact, locale)
    assert first.steps == ("means_away", "contacted")
    second = read_steps(present_and_calm, locale)
    assert second.steps == ("present",) and second.calmer
    assert read_steps(safe, locale).steps == ("safe",)


@pytest.mark.parametrize(
    "text",
    [
        "I didn't put the pills away",
        "I took them out of the car",
        "I'm not safe",
        "thanks",
        "I moved to my mom's place last year",
    ],
)
def test_no_step_is_read_where_none_was_taken(text: str) -> None:
    assert read_steps(text).steps == ()


def test_a_step_taken_back_raises_risk_only_after_a_crisis_reply() -> None:
    flow = start_flow(1, "imminent", "self", "en")
    intent = setback_level(flow, "I'm going to take them now")
    assert intent is not None and intent[0] == "imminent"
    taken_back = setback_level(flow, "I got the pills back")
    assert taken_back is not None and taken_back[0] == "high"
    assert setback_level(None, "I got the pills back") is None
    assert setback_level(flow, "he is here now") is None


# --- the fixed texts ------------------------------------------------------------------------


def test_every_locale_of_the_crisis_texts_has_every_flow_text() -> None:
    assert set(FLOW_TEXTS) == set(SUPPORTED_LOCALES) == set(TEXTS)
    keys = set(FLOW_TEXTS["en"])
    for locale, table in FLOW_TEXTS.items():
        assert set(table) == keys, (locale, keys ^ set(table))
        for key, value in table.items():
            assert value.strip(), (locale, key)
            assert not re.search(r"painful|doloros|douloureu|schmerzhaft|痛苦|दर्दनाक", value)


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_follow_ups_pass_the_guard_at_high_risk_in_every_locale(locale: str) -> None:
    flow = start_flow(1, "imminent", "self", locale)
    risk = {"level": "high", "categories": ["suicidal_ideation_active"]}
    for text in READ_CASES[locale]:
        reading = read_steps(text, locale)
        follow = compose_follow_up(
            flow, reading, turn=2, locale=locale, region="US", ask_again=False
        )
        assert check_reply(follow.text, risk=risk, user_text=text, locale=locale, region="US") == []
        flow = follow.flow
    assert flow["steps"] == ["means_away", "contacted", "present", "safe"]


def test_compact_resources_name_the_crisis_line_and_emergency_number() -> None:
    line = compact_resources("US", "en")
    assert "988" in line and "911" in line and "\n" not in line
    assert "findahelpline.com" in compact_resources("ZZ", "en")


def test_next_steps_move_forward_and_are_never_repeated() -> None:
    flow = start_flow(1, "high", "self", "en")
    chosen = []
    for _ in range(8):
        follow = compose_follow_up(
            flow, read_steps("ok"), turn=2, locale="en", region="US", ask_again=False
        )
        chosen.append(follow.next)
        flow = follow.flow
    assert chosen[:6] == ["means", "connect", "hour", "plan", "sleep", "open"]
    assert chosen[6:] == ["open", "open"]


def test_llm_engine_follow_up_keeps_the_flow_and_rejects_a_painful_opening(
    _isolated_env: Path,
) -> None:
    from langchain_core.messages import AIMessage, HumanMessage

    from confide.safety.completion import make_completion_node

    model = ScriptedChatModel(script=["That sounds incredibly painful."])
    services = Services(settings=load_settings(engine="llm"), chat_model=model)
    node = make_completion_node(services)
    state: dict[str, Any] = {
        "messages": [
            HumanMessage(CRISIS),
            AIMessage("crisis reply"),
            HumanMessage("thanks for staying"),
        ],
        "turn": 2,
        "risk": {
            "level": "high",
            "turn_level": "none",
            "conversation_level": "high",
            "categories": ["suicidal_ideation_active"],
            "evidence": [],
            "sources": ["screen"],
        },
        "screen": {"level": "none", "categories": [], "language": "en", "boundary": []},
        "crisis_flow": start_flow(1, "imminent", "self", "en"),
    }
    out = node(state, Runtime(context=Context()))  # type: ignore[arg-type]
    assert "painful" not in out["draft"]
    assert "988" in out["draft"] and "•" not in out["draft"]
    assert out["reply_meta"]["llm_calls"] == 1
    assert out["crisis_flow"]["offered"] == ["means"]


# --- the plan -------------------------------------------------------------------------------


def test_plan_suggestions_come_from_what_the_person_said() -> None:
    found = suggestions(
        [
            STEPS_SCRIPT[0],
            "listening to music helps",
            "it gets worse when I'm alone at night",
            "I called 911",
        ]
    )
    assert found["people"] == ["my brother"]
    assert found["environment"] == ["I put the pills in the car"]
    assert found["coping"] == ["listening to music"]
    assert found["warning_signs"] == ["when I'm alone at night"]
    assert found["professionals"] == ["I called 911"]


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_the_plan_shows_six_steps_and_the_regions_lines_in_every_locale(locale: str) -> None:
    text = format_plan(SafetyPlan(), "GB", locale)
    for number in range(1, 7):
        assert f"\n{number}. " in text
    assert "116 123" in text  # Samaritans, the region's line, in step 5


def test_plan_store_round_trips_privately_and_survives_a_damaged_file(tmp_path: Path) -> None:
    store = PlanStore(tmp_path)
    plan = SafetyPlan()
    plan.add("people", "my sister")
    plan.add("environment", "Pills in the car", "conversation")
    path = store.save("alice", plan)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    loaded = store.load("alice")
    assert [i.text for i in loaded.steps["people"]] == ["My sister"]
    assert loaded.steps["environment"][0].source == "conversation"
    assert store.load("bob").is_empty()  # one plan per user
    path.write_text("{not json", encoding="utf-8")
    assert store.load("alice").is_empty()
    assert store.erase("alice") == 1 and store.erase("alice") == 0
    assert set(PLAN_STEPS) == set(SafetyPlan().steps)


def test_export_includes_the_plan_and_forget_erases_it(_isolated_env: Path) -> None:
    from confide.companion import Companion

    companion = Companion(load_settings(engine="offline"), with_memory=False)
    try:
        session = companion.new_session_id()
        companion.send(CRISIS, session)
        companion.send(STEPS_SCRIPT[0], session)
        plan = companion.safety_plan(session)
        assert [i.text for i in plan.steps["people"]] == ["My brother"]
        markdown = companion.export(session, "markdown")
        assert "## My safety plan" in markdown and "Put the pills in the car" in markdown
        doc = json.loads(companion.export(session, "json"))
        assert doc["safety_plan"]["steps"]["people"][0]["text"] == "My brother"
        counts = companion.forget()
        assert counts["safety_plans"] == 1
        assert companion.plans.load(companion.user_id).is_empty()
    finally:
        companion.close()


def test_a_short_reply_detected_as_english_keeps_the_conversations_language() -> None:
    from confide.companion import Companion

    companion = Companion(load_settings(engine="offline"), with_memory=False)
    try:
        session = companion.new_session_id()
        companion.send("Quiero matarme esta noche. Tengo las pastillas aquí", session)
        companion.send("guardé las pastillas en el coche y le escribí a mi hermano", session)
        reply = companion.send("ya estoy a salvo, gracias", session)["reply"]
        assert "te sientes a salvo" in reply and "•" not in reply
    finally:
        companion.close()
