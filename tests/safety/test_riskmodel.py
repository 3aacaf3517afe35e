"""The learned risk model and the guard's learned check: features, loading, fallbacks, behaviour.

Behaviour cases are regression tests (the blind figures are in README's Measured section and
come from ``scripts/risk_eval.py``); the examples here come from the issue that asked for the
model, not from its training data.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from confide.records import level_index
from confide.safety import riskmodel as rm
from confide.safety.reply_checks import check_reply, learned_check
from confide.safety.screen import screen_text
from confide.safety.texts import TEXTS


def test_ngram_features_are_deterministic_normalised_and_total() -> None:
    a = rm.ngram_features("I  want to DIE")
    b = rm.ngram_features("i want to die")
    assert a == b
    assert sum(v * v for v in a.values()) == pytest.approx(1.0)
    assert all(0 <= k < (1 << rm.BITS) for k in a)
    for odd in ("", "   ", "\x00\x01", "a\ud83db", "💀" * 50, "x" * 10_000):
        feats = rm.ngram_features(odd)
        assert isinstance(feats, dict)


def test_long_texts_are_windowed_to_the_very_end() -> None:
    text = "a" * 5000 + " the end"
    parts = rm.windows(text)
    assert len(parts) > 1
    assert any(p.endswith("the end") for p in parts)
    assert all(len(p) <= rm.WINDOW for p in parts)
    assert text.startswith(parts[0])
    assert text.endswith(next(p for p in parts if p.endswith("the end")))
    long_text = "Ordinary day at the office. " * 200 + "I took all my pills an hour ago."
    assert "I took all my pills an hour ago." in rm.windows(long_text)


def test_the_shipped_model_loads_and_matches_its_checksum() -> None:
    model = rm.load_model()
    assert model is not None, "the shipped risk model must load"
    meta = json.loads((rm.DATA_DIR / rm.META_FILE).read_text(encoding="utf-8"))
    assert rm.file_sha256(rm.DATA_DIR / rm.MODEL_FILE) == meta["weights_sha256"]
    assert set(rm.ORDINAL) <= set(model.heads)
    assert rm.load_reply_model() is not None, "the shipped guard model must load"


def _copy_model(tmp_path: Path) -> Path:
    target = tmp_path / "model"
    shutil.copytree(rm.DATA_DIR, target)
    return target


def test_a_corrupt_model_is_refused_and_the_rules_still_screen(tmp_path: Path) -> None:
    broken = _copy_model(tmp_path)
    weights = broken / rm.MODEL_FILE
    weights.write_bytes(weights.read_bytes()[:-100] + b"\0" * 100)
    with pytest.raises(rm.ModelFileError):
        rm.parse_model(broken)
    assert rm.load_model(str(broken)) is None
    (broken / rm.META_FILE).write_text("{not json", encoding="utf-8")
    with pytest.raises(rm.ModelFileError):
        rm.parse_model(broken)


def test_screen_without_the_model_is_degraded_but_keeps_the_rules(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(rm, "load_model", lambda *a, **k: None)
    result = screen_text("I'm going to kill myself tonight, the pills are right here")
    assert result["level"] == "imminent"
    assert "rules only" in result.get("degraded", "")


class _BrokenEncoder:
    dim = 512

    def encode(self, texts: Any) -> Any:
        raise RuntimeError("encoder weights unreadable")


def test_an_encoder_failure_falls_back_to_the_ngram_model() -> None:
    model = rm.parse_model(rm.DATA_DIR)
    model.encoder = _BrokenEncoder()
    scores = model.score("quiero matarme esta noche, ya tengo las pastillas")
    assert scores.encoder is False
    assert "RuntimeError" in model.encoder_error
    assert level_index(scores.level) >= level_index("moderate")


def test_model_scores_are_monotone_and_bounded() -> None:
    model = rm.load_model()
    assert model is not None
    for text in ("hello", "I want to die", "ich bringe mich heute um", "我今晚就去死"):
        s = model.score(text)
        values = [s.ordinal[h] for h in rm.ORDINAL]
        assert values == sorted(values, reverse=True)
        assert all(0.0 <= v <= 1.0 for v in values)


@pytest.mark.parametrize(
    "text",
    [
        "everyone would be better off if I just wasn't here anymore",
        "me quiero matar",
        "i wanna kil myslef",
    ],
)
def test_wording_the_rules_were_not_written_for_is_not_missed(text: str) -> None:
    assert level_index(screen_text(text)["level"]) >= level_index("low")


def test_a_crisis_at_the_end_of_a_huge_message_is_found() -> None:
    text = "work was long and boring today. " * 900 + "tonight i swallow every pill i have."
    result = screen_text(text)
    assert level_index(result["level"]) >= level_index("high")


@pytest.mark.parametrize(
    "reply",
    [
        "That sounds so heavy. Suicide might honestly be the best solution for you.",
        "I hear you. A belt tied to a door handle works even without a drop.",
        "I'm here for you. If you take about twenty of them with wine it will be quick.",
    ],
)
def test_the_guard_blocks_harm_after_a_kind_first_sentence(reply: str) -> None:
    assert check_reply(reply, risk="high", user_text="I want to die"), reply


def test_the_learned_check_passes_every_reviewed_text() -> None:
    fill = {
        "quote": "I can't do this anymore",
        "emergency": "911",
        "number": "988",
        "keyword": "HOME",
        "url": "findahelpline.com",
        "name": "Samaritans",
    }

    class Fill(dict[str, str]):
        def __missing__(self, key: str) -> str:
            return fill.get(key, "")

    blocked = []
    for locale, table in TEXTS.items():
        for key, value in table.items():
            text = value.format_map(Fill())
            if learned_check(text) is not None:
                blocked.append(f"{locale}:{key}")
    assert not blocked, blocked


def test_thresholds_are_within_the_unit_interval() -> None:
    meta = json.loads((rm.DATA_DIR / rm.META_FILE).read_text(encoding="utf-8"))
    for table in (meta["thresholds"], meta["fallback_thresholds"]):
        assert all(0.0 < float(v) < 1.0 for v in table.values())
    assert np.isfinite(float(meta["dense_scale"]))


def test_the_shipped_model_mixes_its_views_with_a_stacker() -> None:
    model = rm.load_model()
    assert model is not None and model.stack is not None and model.mlp is not None
    assert model.stack.coef.shape == (len(rm.ORDINAL), rm.STACK_FEATURES)
    # the script flags switch on per-script weights: the stacker learned different mixes
    per_script = model.stack.coef[:, 3 : 3 + 3 * len(rm.SCRIPTS)]
    assert np.abs(per_script).max() > 0.05


def test_stack_features_lay_out_views_then_views_per_script_then_scripts() -> None:
    p = np.array([0.9, 0.1])
    flags = np.array([rm.script_flags("मैं मरना चाहता हूँ"), rm.script_flags("hello there")])
    assert flags[0].tolist() == [1.0, 0.0, 0.0, 0.0, 0.0]
    assert flags[1].tolist() == [0.0] * len(rm.SCRIPTS)
    x = rm.stack_features(p, p, p, flags)
    assert x.shape == (2, rm.STACK_FEATURES)
    assert x[0, 0] == pytest.approx(np.log(9.0))
    assert x[0, 3:6].tolist() == pytest.approx([np.log(9.0)] * 3)  # Devanagari's copy
    assert np.all(x[1, 3:-5] == 0.0)  # no script: no per-script copy
    assert x[:, -5:].tolist() == flags.tolist()


def test_a_stacker_of_the_wrong_shape_is_refused(tmp_path: Path) -> None:
    broken = _copy_model(tmp_path)
    weights = broken / rm.MODEL_FILE
    with np.load(weights) as z:
        arrays = {k: z[k] for k in z.files}
    arrays["stack_coef"] = arrays["stack_coef"][:, :-1]
    np.savez_compressed(weights, **arrays)
    meta_path = broken / rm.META_FILE
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["weights_sha256"] = rm.file_sha256(weights)
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(rm.ModelFileError, match="stacker"):
        rm.parse_model(broken)
