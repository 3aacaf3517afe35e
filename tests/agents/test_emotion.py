"""Behaviour of the emotion agent: classifier, Plutchik space, shift tracking and the node."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from langchain_core.messages import AIMessage, HumanMessage
from langgraph.runtime import Runtime

from confide.agents import emotion as emo
from confide.agents.emotion_space import (
    CUE_ONLY,
    DISTRESS_LABELS,
    EKMAN_LABELS,
    GOEMOTIONS_LABELS,
    GOEMOTIONS_TO_PLUTCHIK,
    LABEL_PROTOTYPES,
    SADNESS_FAMILY,
    arousal,
    assign_labels,
    cue_labels,
    goemotions_to_plutchik,
    make_vector,
    valence,
)
from confide.config import load_settings
from confide.context import Context
from confide.engine import Services
from confide.errors import ConfideError
from confide.records import PLUTCHIK
from confide.state import TurnState
from confide.testing import ScriptedChatModel

RUNTIME = Runtime(context=Context())


@pytest.fixture(scope="module")
def classifier() -> emo.EmotionClassifier:
    """One real classifier (shipped head + offline embedder) shared by the module."""
    return emo.EmotionClassifier()


def _services(chat_model: Any = None) -> Services:
    return Services(settings=load_settings(), chat_model=chat_model)


def _run(node: Any, texts: list[str]) -> list[dict[str, Any]]:
    """Feed user turns one by one, carrying emotion_history like the graph's reducer does."""
    state: dict[str, Any] = {"messages": [], "emotion_history": []}
    records = []
    for i, text in enumerate(texts, start=1):
        state["messages"] = [*state["messages"], HumanMessage(content=text)]
        state["turn"] = i
        update = node(state, RUNTIME)
        records.append(update["emotion"])
        state["emotion_history"] = state["emotion_history"] + update["emotion_history"]
        state["messages"] = [*state["messages"], AIMessage(content="I hear you.")]
    return records


# --------------------------------------------------------------------------- the classifier
def test_failed_exam_is_negative_and_sadness_family(classifier: emo.EmotionClassifier) -> None:
    est = classifier.estimate("I failed my exam again and I feel worthless")
    assert est.label in SADNESS_FAMILY
    assert valence(est.vector) < -0.2
    assert est.ekman == "sadness"


def test_joyful_message_has_positive_valence(classifier: emo.EmotionClassifier) -> None:
    est = classifier.estimate("I got the job!! I'm so happy and excited, thank you so much!")
    assert valence(est.vector) > 0.3
    assert est.label not in DISTRESS_LABELS
    assert est.ekman == "joy"


@pytest.mark.parametrize(
    ("text", "ekman"),
    [
        ("This is disgusting, I can't believe they serve this gross stuff.", "disgust"),
        ("I'm terrified of going to the hospital tomorrow.", "fear"),
        ("I am so angry at him, he lied to me again!", "anger"),
        ("Wait, what? I had no idea that was even possible.", "surprise"),
    ],
)
def test_ekman_label_of_clear_messages(
    classifier: emo.EmotionClassifier, text: str, ekman: str
) -> None:
    assert classifier.estimate(text).ekman == ekman


def test_predict_gives_probabilities_over_28_labels(classifier: emo.EmotionClassifier) -> None:
    probs = classifier.predict("thank you so much, that really helped")
    assert list(probs) == list(GOEMOTIONS_LABELS)
    assert all(0.0 <= p <= 1.0 for p in probs.values())
    assert max(probs, key=probs.__getitem__) == "gratitude"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t ",
        "I feel sad. " * 100_000,
        "\x00\x01\x02\xff binary \x7f garbage \ufffd\ufffd",
        "今日は本当に悲しい。 je suis triste. I feel sad. Мне грустно.",
        "🙂🙂🙂😭😭",
    ],
)
def test_any_text_gives_a_valid_record(classifier: emo.EmotionClassifier, text: str) -> None:
    node = emo.make_emotion_node(_services(), classifier=classifier)
    update = node({"messages": [HumanMessage(content=text)], "turn": 1}, RUNTIME)
    rec = update["emotion"]
    assert set(rec["vector"]) == set(PLUTCHIK)
    assert all(0.0 <= v <= 1.0 for v in rec["vector"].values())
    assert -1.0 <= rec["valence"] <= 1.0 and 0.0 <= rec["arousal"] <= 1.0
    assert rec["ekman"] in EKMAN_LABELS
    assert rec["label"] in LABEL_PROTOTYPES
    assert update["emotion_history"] == [rec]
    json.dumps(rec)  # JSON-ready


def test_empty_message_is_neutral(classifier: emo.EmotionClassifier) -> None:
    node = emo.make_emotion_node(_services(), classifier=classifier)
    rec = node({"messages": [HumanMessage(content="")], "turn": 1}, RUNTIME)["emotion"]
    assert rec["label"] == "neutral" and rec["ekman"] == "neutral" and rec["intensity"] == 0.0


def test_bytes_and_huge_text_are_cleaned() -> None:
    assert emo.clean_text(b"caf\xc3\xa9 \x00\x01 ok") == "café ok"
    assert len(emo.clean_text("x" * 10_000_000)) <= emo.MAX_CHARS + 5
    assert emo.clean_text(None) == ""


# --------------------------------------------------------------------------- shipped weights
def test_shipped_head_matches_recorded_hash_and_version() -> None:
    path = emo.head_path()
    manifest = emo.head_manifest()
    assert manifest["version"] == emo.HEAD_VERSION
    assert manifest["file"] == path.name
    assert emo.file_sha256(path) == manifest["sha256"] == emo.HEAD_SHA256
    head = emo.load_head()
    assert head.version == emo.HEAD_VERSION
    assert head.thresholds.shape == (28,) and head.ekman_thresholds.shape == (7,)
    assert (path.parent / "NOTICE").read_text().count("Demszky") >= 1


def test_tampered_head_is_refused(tmp_path: Any) -> None:
    bad = tmp_path / "head.npz"
    bad.write_bytes(emo.head_path().read_bytes() + b"\0")
    with pytest.raises(ConfideError, match="sha256"):
        emo.load_head(bad)


def test_unloadable_head_falls_back_to_lexical_cues(tmp_path: Any) -> None:
    bad = tmp_path / "head.npz"
    bad.write_bytes(b"not a head")
    node = emo.make_emotion_node(_services(), classifier=emo.EmotionClassifier(head_file=bad))
    rec = node(
        {"messages": [HumanMessage(content="I feel so lonely and hopeless")], "turn": 1}, RUNTIME
    )["emotion"]
    assert rec["source"] == "fallback"
    assert rec["label"] in SADNESS_FAMILY and rec["valence"] < 0


# --------------------------------------------------------------------------- Plutchik space
def test_every_label_prototype_is_its_own_nearest_label() -> None:
    for label, proto in LABEL_PROTOTYPES.items():
        text = "I feel numb" if label in CUE_ONLY else ""  # cue-only labels need their cue
        assert assign_labels(make_vector(proto), text)[0] == label, label


def test_valence_and_arousal_follow_the_circumplex() -> None:
    sad = make_vector({"sadness": 0.9})
    angry = make_vector({"anger": 0.9})
    calm = make_vector(LABEL_PROTOTYPES["calm"])
    assert valence(sad) < -0.5 and valence(angry) < -0.5 and valence(calm) > 0.5
    assert arousal(angry) > arousal(sad) and arousal(angry) > arousal(calm)
    assert valence(make_vector()) == 0.0 and arousal(make_vector()) == 0.0
    assert abs(valence(make_vector({"joy": 0.6, "sadness": 0.6}))) < 0.05


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("I feel so lonely these days", "loneliness", None),
        ("I'm not lonely at all, I have good friends", None, "loneliness"),
        ("I have no hope left", "hopelessness", "hope"),
        ("I hope the interview goes well", "hope", "hopelessness"),
        ("it wasn't my fault", None, "guilt"),
        ("I keep thinking it was all my fault", "guilt", None),
        ("I yelled at my kids today and I feel terrible about it", "guilt", None),
        ("I don't know what I feel anymore, everything is just grey", "numbness", None),
    ],
)
def test_lexical_cues_respect_negation(text: str, present: str | None, absent: str | None) -> None:
    cues = cue_labels(text)
    assert present is None or present in cues
    assert absent is None or absent not in cues


def test_explicit_feeling_outweighs_a_discourse_marker(classifier: emo.EmotionClassifier) -> None:
    est = classifier.estimate("Yeah. I just feel so alone with it.")
    assert est.label == "loneliness"
    assert valence(est.vector) < -0.3


def test_intensity_modifiers_scale_the_estimate(classifier: emo.EmotionClassifier) -> None:
    mild = classifier.estimate("I'm a bit sad today, kind of down")
    strong = classifier.estimate("I'm so incredibly sad today, completely down")
    assert valence(strong.vector) < valence(mild.vector) < 0


def test_goemotions_mapping_covers_all_labels_and_neutral_is_origin() -> None:
    assert set(GOEMOTIONS_TO_PLUTCHIK) == set(GOEMOTIONS_LABELS)
    assert max(goemotions_to_plutchik({"neutral": 1.0}).values()) == 0.0
    grief = goemotions_to_plutchik({"grief": 0.9})
    assert max(grief, key=grief.__getitem__) == "sadness"


# --------------------------------------------------------------------------- shift tracking
def _rec(vec: dict[str, float]) -> dict[str, Any]:
    v = make_vector(vec)
    return {"vector": v, "valence": valence(v), "label": assign_labels(v)[0]}


def test_shift_deltas_against_previous_turn_and_start() -> None:
    history = [_rec({"joy": 0.8}), _rec({"sadness": 0.3})]
    shift = emo.compute_shift(make_vector({"sadness": 0.9}), "sadness", history)
    assert shift["delta_prev"]["sadness"] == pytest.approx(0.6)
    assert shift["delta_start"]["joy"] == pytest.approx(-0.8)
    assert shift["valence_delta_prev"] < -0.5 and shift["valence_delta_start"] < -1.5
    assert "sadness rising" in shift["summary"] and "sharp drop" in shift["summary"]


@pytest.mark.parametrize(
    ("valences", "trend"),
    [
        ([0.6, 0.3, 0.0, -0.3, -0.6], "worsening"),
        ([-0.7, -0.5, -0.2, 0.1], "improving"),
        ([-0.3, -0.32, -0.28, -0.3], "stable"),
        ([0.6, -0.6, 0.5, -0.5, 0.4], "volatile"),
        ([0.3, -0.7, -1.0, 0.1, 0.5], "improving"),  # a V: the current leg counts
        ([-0.2, 0.5, 0.6, -0.3], "worsening"),  # an inverted V
        ([0.0], "stable"),
    ],
)
def test_trend_classification(valences: list[float], trend: str) -> None:
    assert emo.classify_trend(valences) == trend


def test_worsening_conversation_is_tracked_as_worsening(classifier: emo.EmotionClassifier) -> None:
    node = emo.make_emotion_node(_services(), classifier=classifier)
    records = _run(
        node,
        [
            "Today was a really good day, I'm happy with how things went.",
            "It's ok I guess, a bit tired.",
            "Actually I'm pretty sad, my friend stopped talking to me.",
            "I feel completely alone and hopeless, nothing is ever going to get better.",
        ],
    )
    last = records[-1]
    assert last["shift"]["trend"] == "worsening"
    assert last["shift"]["valence_delta_prev"] < 0
    assert last["shift"]["valence_delta_start"] < -0.5
    assert last["label"] in SADNESS_FAMILY
    assert records[0]["shift"]["summary"].endswith("first turn of the session")
    assert [r["turn"] for r in records] == [1, 2, 3, 4]


def test_node_does_not_mutate_state(classifier: emo.EmotionClassifier) -> None:
    node = emo.make_emotion_node(_services(), classifier=classifier)
    state: TurnState = {
        "messages": [HumanMessage(content="I'm scared")],
        "turn": 1,
        "emotion_history": [],
    }
    before = copy.deepcopy(state)
    node(state, RUNTIME)
    assert state == before


# --------------------------------------------------------------------------- LLM refinement
def _answer(**values: Any) -> dict[str, Any]:
    base = {k: 0.0 for k in PLUTCHIK}
    base.update(values)
    return base


@pytest.mark.parametrize(
    "failure",
    [RuntimeError("provider down"), "this is not json at all", {"sadness": 7, "label": "x"}],
)
def test_model_failure_keeps_classifier_estimate(
    classifier: emo.EmotionClassifier, failure: Any
) -> None:
    text = "I failed my exam again and I feel worthless"
    offline = emo.make_emotion_node(_services(), classifier=classifier)
    expected = offline({"messages": [HumanMessage(content=text)], "turn": 1}, RUNTIME)["emotion"]
    model = ScriptedChatModel(script=[failure])
    node = emo.make_emotion_node(_services(model), classifier=classifier)
    rec = node({"messages": [HumanMessage(content=text)], "turn": 1}, RUNTIME)["emotion"]
    assert len(model.calls) == 1
    assert rec["source"] == "classifier"
    assert rec["vector"] == expected["vector"] and rec["label"] == expected["label"]
    assert "cause" not in rec["shift"]


def test_model_refines_the_estimate_and_names_the_cause(
    classifier: emo.EmotionClassifier,
) -> None:
    model = ScriptedChatModel(
        script=[
            _answer(joy=0.7, trust=0.4, label="joy", cause=""),
            _answer(
                sadness=0.9,
                fear=0.3,
                label="grief",
                cause="Remembering the dog's death after talking about the walk.",
            ),
        ]
    )
    node = emo.make_emotion_node(_services(model), classifier=classifier)
    offline = emo.make_emotion_node(_services(), classifier=classifier)
    texts = ["We went for a lovely walk this morning.", "It reminded me of my old dog who died."]
    records = _run(node, texts)
    plain = _run(offline, texts)
    assert [r["source"] for r in records] == ["classifier+llm", "classifier+llm"]
    assert "cause" not in records[0]["shift"]
    assert records[1]["shift"]["cause"].startswith("Remembering the dog")
    # combined = the average of the classifier's and the model's vectors
    assert records[1]["vector"]["sadness"] == pytest.approx(
        (plain[1]["vector"]["sadness"] + 0.9) / 2, abs=1e-3
    )
    assert records[1]["valence"] < 0 and records[1]["shift"]["valence_delta_prev"] < 0
    assert records[1]["label"] in SADNESS_FAMILY
    assert all(call["schema"] == "EmotionRefinement" for call in model.calls)


def test_fused_mode_makes_no_model_call(classifier: emo.EmotionClassifier) -> None:
    """In fused mode the counselor's call covers emotion: the node only runs the classifier."""
    model = ScriptedChatModel(script=[_answer(joy=0.9, label="joy", cause="")])
    services = Services(settings=load_settings(mode="fused"), chat_model=model)
    node = emo.make_emotion_node(services, classifier=classifier)
    offline = emo.make_emotion_node(_services(), classifier=classifier)
    texts = ["I failed my exam again and I feel worthless", "And now my friend won't call back."]
    records = _run(node, texts)
    plain = _run(offline, texts)
    assert model.calls == []
    assert [r["source"] for r in records] == ["classifier", "classifier"]
    assert [r["vector"] for r in records] == [r["vector"] for r in plain]
    assert records[0]["label"] in SADNESS_FAMILY and records[0]["valence"] < -0.2
    assert "cause" not in records[1]["shift"]
