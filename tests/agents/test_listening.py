"""Issue 13 item 4: listening that is right before it is varied (offline, the real graph).

Each test is one failure named in the issue: the user's messages go through ``Companion``
offline, and the test states what the reply (or the insight panel's record) must and must not
contain. These are the named cases only; the blind listening set is rated elsewhere.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from confide.agents.compose import compose, extract, sentence_keys
from confide.agents.emotion_panel import POSITIVE_LABELS, carries_distress, guard_record
from confide.companion import Companion
from confide.config import load_settings

DISCLOSURE = re.compile(r"^Just so you know:.*?\n\n", re.S)


@pytest.fixture
def companion() -> Companion:
    return Companion(load_settings(engine="offline"), user_id="listener", with_memory=False)


def _talk(companion: Companion, turns: list[str]) -> list[dict[str, Any]]:
    session = companion.new_session_id()
    outs = []
    for text in turns:
        out = companion.send(text, session)
        out["reply"] = DISCLOSURE.sub("", out["reply"])  # the AI disclosure is not a reply line
        outs.append(out)
    return outs


def _repeated(replies: list[str], min_chars: int = 40) -> list[str]:
    seen: set[str] = set()
    repeats = []
    for reply in replies:
        for line in reply.split("\n"):
            if line.lstrip().startswith("\u2022"):
                continue  # resource lines may come back
            for sentence in re.split(r"(?<=[.!?])\s+", line.strip()):
                key = " ".join(sentence_keys(sentence))
                if len(sentence) < min_chars or not key:
                    continue
                if key in seen:
                    repeats.append(sentence)
                seen.add(key)
    return repeats


# --- pronouns and who did what ------------------------------------------------------------


def test_she_moved_out_is_never_you_moved_out(companion: Companion) -> None:
    outs = _talk(companion, ["my girlfriend moved out last week", "i can't sleep since she left"])
    for out in outs:
        assert "you moved out" not in out["reply"].lower()
    # the event is said back with its real subject
    assert "your girlfriend moved out" in outs[0]["reply"]


def test_first_person_is_reflected_as_second_person() -> None:
    said = extract("my boss blamed me for the mistake in front of everyone")
    assert said.person == "your boss"
    assert said.quote.startswith("your boss blamed you")
    assert extract("my girlfriend moved out last week").event == "your girlfriend moved out"
    assert extract("she broke up with me").event == "she broke up with you"
    assert extract("I got fired today").event == "you got fired"
    # nobody clear did it: no event at all rather than a wrong subject
    assert extract("the guy who moved out was rude").event == ""


def test_a_paraphrase_never_flips_who_did_what(companion: Companion) -> None:
    outs = _talk(
        companion,
        ["my boss blamed me for the mistake in front of everyone", "i feel so humiliated"],
    )
    for out in outs:
        low = out["reply"].lower()
        assert "you blamed" not in low and "blamed your boss" not in low
        assert "my boss" not in low  # the companion speaks to them, not as them


# --- no invented cause ----------------------------------------------------------------------


def test_no_old_topic_thanked_for_in_a_relationship_turn(companion: Companion) -> None:
    outs = _talk(
        companion,
        [
            "work has been a lot lately",
            "my girlfriend and I keep fighting",
            "i keep thinking it was all my fault, i ruined everything with her",
        ],
    )
    for out in outs[1:]:
        low = out["reply"].lower()
        assert "about work" not in low
        assert not re.search(r"\bwork (has|is|keeps)\b", low)


def test_no_work_cause_unless_they_said_work(companion: Companion) -> None:
    outs = _talk(
        companion,
        [
            "i got through another shift at work, whatever",
            "my relationship is over and i feel hopeless",
        ],
    )
    assert "work has left you" not in outs[-1]["reply"].lower()
    # a link only where they made one, in one sentence
    comp = compose(
        "Reflection of Feelings",
        ["I'm stressed about work. I feel hopeless about my relationship."],
        emotion_label="sadness",
    )
    assert "has left you feeling" not in comp.text
    assert "work has" not in comp.text.lower()


def test_work_the_verb_is_not_a_topic() -> None:
    assert extract("I tried everything and nothing seems to work").thing == ""
    assert extract("I work at a cafe").thing == ""
    assert extract("things at work are awful").thing == "work"


# --- no quoting back, no repetition ----------------------------------------------------------


def test_no_you_wrote_quotes_in_ordinary_turns(companion: Companion) -> None:
    outs = _talk(
        companion,
        [
            "my girlfriend moved out last week",
            "i just feel hopeless about it all",
            "some days I wish I could just disappear",
        ],
    )
    for out in outs:
        assert "You wrote" not in out["reply"]
        assert "Earlier you wrote" not in out["reply"]


def test_no_sentence_repeated_in_a_session(companion: Companion) -> None:
    turns = [
        "hi",
        "my girlfriend moved out last week",
        "i can't sleep since she left",
        "i keep thinking it was all my fault",
        "i just feel hopeless about it all",
        "some days I wish I could just disappear",
        "i don't know",
        "yeah",
        "i miss her so much",
        "i don't know what to do anymore",
        "it's just a lot",
        "thanks for listening",
    ]
    outs = _talk(companion, turns)
    replies = [o["reply"] for o in outs]
    # The direct safety question is the one exception: while the conversation stays at
    # moderate risk the safety check-in asks it every turn (the crisis flow's policy), and once
    # its four reviewed wordings are used it is asked again rather than dropped (safety first).
    safety_q = re.compile(r"suicid|harm|hurting yourself|unsafe", re.I)
    assert [s for s in _repeated(replies) if not safety_q.search(s)] == []
    assert [s for s in _repeated(replies, min_chars=12) if not s.endswith("?")] == []


def test_the_composer_skips_a_sentence_said_by_another_move() -> None:
    earlier = "I'm here, and there's no rush."
    comp = compose("Others", ["ok"], said=[earlier])
    assert earlier not in comp.text


# --- the insight panel ---------------------------------------------------------------------


def _panel(out: dict[str, Any]) -> tuple[str, list[str], str]:
    emotion = out["emotion"]
    return emotion["label"], list(emotion["secondary"]), emotion["shift"]["trend"]


def test_panel_no_calm_or_relief_for_insomnia_after_a_breakup(companion: Companion) -> None:
    outs = _talk(
        companion,
        ["my girlfriend broke up with me last week", "i can't sleep since she left"],
    )
    for out in outs:
        label, secondary, trend = _panel(out)
        assert label not in POSITIVE_LABELS
        assert not set(secondary) & POSITIVE_LABELS
        assert trend != "improving"


def test_panel_no_hope_or_improving_for_wishing_to_disappear(companion: Companion) -> None:
    outs = _talk(
        companion,
        ["i just feel hopeless about it all", "some days I wish I could just disappear"],
    )
    label, secondary, trend = _panel(outs[-1])
    assert label != "hope" and label not in POSITIVE_LABELS
    assert not set(secondary) & POSITIVE_LABELS
    assert trend != "improving"


def test_panel_not_neutral_calm_improving_at_imminent_risk(companion: Companion) -> None:
    outs = _talk(
        companion,
        [
            "i'm so tired of everything",
            "I want to kill myself tonight. I have the pills right here",
        ],
    )
    out = outs[-1]
    assert out["risk"]["level"] in ("high", "imminent")
    label, secondary, trend = _panel(out)
    assert label not in POSITIVE_LABELS and label != "neutral"
    assert "calm" not in secondary
    assert trend != "improving"


def test_panel_guard_leaves_good_news_alone() -> None:
    record: Any = {
        "label": "relief",
        "secondary": ["gratitude"],
        "valence": 0.6,
        "vector": {"joy": 0.6, "trust": 0.4},
        "shift": {"trend": "improving", "summary": "relief (valence +0.60): trend improving"},
    }
    assert guard_record(record, "I passed my exam, what a relief", {}) is record
    assert carries_distress("he is here now. I feel a bit calmer", {}) == (False, "")
