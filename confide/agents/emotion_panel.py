"""What the insight panel may show: no positive emotion and no "improving" for distress.

The classifier reads "some days I wish I could just disappear" as hope and a crisis message
as calm now and then; shown as is, the panel contradicts the person. This guard runs on the
emotion record after the classifier (the vector and its valence series stay untouched, so the
classifier's own metrics and the trend arithmetic are unchanged):

* a message **carries distress** when the local risk screen flagged it (level low or above,
  or any risk category, unless the screen read it as figurative or about someone else), when
  it names a distress feeling or situation (:data:`DISTRESS_CUES`, the counseling cue lexicon
  of :mod:`confide.agents.emotion_space`), or when the classifier's valence is at most
  :data:`NEGATIVE_VALENCE`;
* then a positive label (:data:`POSITIVE_LABELS`) is replaced by the nearest distress label
  (a cued one first), positive secondary labels are dropped, and an "improving" trend is
  shown as "stable" (the valence number is the classifier's and is left as it is);
* with risk at moderate or above in this message, "neutral" is not shown either;
* a message with no distress of its own after a conversation at moderate risk or above (a
  bare "yeah") shows "neutral" instead of a positive label, unless its words back a positive
  reading ("I feel a bit calmer", "thanks").

The emotion node runs beside the risk node, so it sees only the screen and the previous turn's
risk. Once this turn's risk is known, :func:`settle_record` (run by the strategy node, the first
node that sees both) guards the record again against it: while the turn's risk (the message's
own reading or the conversation's) is at low or above, or names a risk category, the panel
shows no positive label, no positive secondary label and no "improving" trend. A calmer or
safe statement then reads "neutral", never a distress label: the words are not painful, the
conversation is what is still at risk. The TUI shows the record only after this step.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final

from confide.agents.emotion_space import (
    DISTRESS_LABELS,
    LABEL_PROTOTYPES,
    cue_labels,
    distance,
    make_vector,
)
from confide.records import EmotionRecord, level_index
from confide.safety.categories import IDEATION

#: Labels the panel never shows for a message that carries distress.
POSITIVE_LABELS: Final = frozenset(
    {"relief", "calm", "hope", "gratitude", "love", "joy", "excitement", "trust", "optimism"}
)
#: At or below this classifier valence a message counts as distressed on its own.
NEGATIVE_VALENCE: Final = -0.25
#: Situations that are distress even without a feeling word (the cue lexicon covers feelings).
DISTRESS_CUES: Final = re.compile(
    r"\b(can'?t (sleep|eat|stop crying|breathe|cope|do this|take (it|this))|insomnia"
    r"|cry(ing)?\b|cried|broke up|break ?up|dumped|left me|moved out|divorc\w+|fired|laid off"
    r"|disappear|not (be )?here anymore|end it|kill myself|hurt myself|want to die"
    r"|wish i (was|were) dead|hate myself|my fault|falling apart|breaking down|nightmares?"
    r"|panic\w*|miss (her|him"
    r"|them)|lonely|alone|scared|afraid|terrified|hopeless|worthless|exhausted|depressed"
    r"|miserable|heartbroken|devastated|awful|terrible)\b",
    re.I,
)

_NEGATED: Final = re.compile(r"\b(not|never|no longer|no more)\b|n't\b")


#: Words that back a positive reading ("I feel a bit calmer", "thanks"): kept even at risk.
_POSITIVE_WORDS: Final = re.compile(
    r"\b(calm\w*|better|relie\w+|safe|thank\w*|grateful|good|happy|glad|hope\w*|okay|ok|fine"
    r"|great|love\w*|excited|proud|lighter)\b",
    re.I,
)


def carries_distress(
    text: str,
    screen: Mapping[str, Any] | None,
    valence: float = 0.0,
    prior_risk: Mapping[str, Any] | None = None,
) -> tuple[bool, str]:
    """Whether the message carries distress, and why.

    Reasons: "risk screen" (this message flagged), "words" (a distress cue), "valence" (the
    classifier reads it negative), "conversation risk" (the conversation was at moderate risk
    or above before this message, and nothing in this message backs a positive reading: a
    bare "yeah" after a crisis is not calm, "I feel a bit calmer" is).
    """
    screen = screen or {}
    flagged = level_index(str(screen.get("level", "none"))) >= level_index("low") or bool(
        screen.get("categories")
    )
    if flagged and not (screen.get("figurative") or screen.get("third_party")):
        return True, "risk screen"
    low = text.lower().replace("\u2019", "'")
    if cue_labels(low) & DISTRESS_LABELS or any(
        not _NEGATED.search(" ".join(low[: m.start()].split()[-3:]))
        for m in DISTRESS_CUES.finditer(low)
    ):
        return True, "words"
    if valence <= NEGATIVE_VALENCE:
        return True, "valence"
    prior = prior_risk or {}
    level = str(prior.get("conversation_level") or prior.get("level") or "none")
    if level_index(level) >= level_index("moderate") and not _POSITIVE_WORDS.search(low):
        return True, "conversation risk"
    return False, ""


#: Labels only given when the words name them (too close to the origin, or too specific).
_CUE_ONLY: Final = frozenset({"numbness", "disgust"})


def _distress_label(record: Mapping[str, Any], text: str, screen: Mapping[str, Any]) -> str:
    cued = sorted(cue_labels(text.lower()) & DISTRESS_LABELS)
    if not cued and set(screen.get("categories") or ()) & IDEATION:
        return "hopelessness"
    vector = make_vector(record.get("vector") or {})
    pool = cued or sorted(DISTRESS_LABELS - _CUE_ONLY)
    return min(pool, key=lambda label: distance(vector, LABEL_PROTOTYPES[label]))


def _shown(
    record: EmotionRecord, label: str, changed: list[str], *, guarded: str, note: str
) -> EmotionRecord:
    """``record`` with ``label``, no positive secondary label and no "improving" trend.

    ``shift["guarded"]`` is set to ``guarded`` (the TUI shows no "lighter" arrow either);
    when anything changed (``changed`` plus what is dropped here), the summary names the new
    label and ends with ``[panel: <note>: <changes>]``.
    """
    secondary = [
        s for s in (record.get("secondary") or []) if s not in POSITIVE_LABELS and s != label
    ]
    if secondary != list(record.get("secondary") or []):
        changed.append("positive secondary labels dropped")
    shift = dict(record.get("shift") or {})
    if shift.get("trend") == "improving":
        shift["trend"] = "stable"
        changed.append("trend shown as stable")
    shift["guarded"] = guarded
    if changed:
        summary = str(shift.get("summary", ""))
        summary = summary.replace(f"{record.get('label', '')} (valence", f"{label} (valence", 1)
        summary = summary.replace("trend improving", "trend stable")
        summary += f" [panel: {note}: {'; '.join(changed)}]"
        shift["summary"] = summary
    shown: EmotionRecord = {
        **record,
        "label": label,
        "secondary": secondary,
        "shift": shift,  # type: ignore[typeddict-item]
    }
    return shown


def guard_record(
    record: EmotionRecord,
    text: str,
    screen: Mapping[str, Any] | None,
    prior_risk: Mapping[str, Any] | None = None,
) -> EmotionRecord:
    """Return the record as the panel may show it (unchanged when there is no distress).

    With distress, ``shift["guarded"]`` says why (and the TUI draws no "lighter" arrow).
    ``prior_risk`` is the risk record of the previous turn (this turn's risk is assessed in
    parallel with the emotion).
    """
    distressed, why = carries_distress(text, screen, float(record.get("valence", 0.0)), prior_risk)
    if not distressed:
        return record
    risky = level_index(str((screen or {}).get("level", "none"))) >= level_index("moderate")
    label = str(record.get("label") or "neutral")
    changed: list[str] = []
    if why == "conversation risk" and label in POSITIVE_LABELS:
        label = "neutral"  # nothing in the words says how they feel: no guess either way
        changed.append(f"label {record.get('label', '')} -> {label}")
    elif label in POSITIVE_LABELS or (risky and label == "neutral"):
        label = _distress_label(record, text, screen or {})
        changed.append(f"label {record.get('label', '')} -> {label}")
    why_tag = f"distress ({why})"
    return _shown(record, label, changed, guarded=why_tag, note=why_tag)


def _at_risk(risk: Mapping[str, Any] | None) -> str:
    """The turn's risk level when it is at low or above or names a category, else ""."""
    if not risk:
        return ""
    level = str(risk.get("level") or "none")
    if level_index(level) >= level_index("low") or risk.get("categories"):
        return level
    return ""


def settle_record(
    record: EmotionRecord,
    text: str,
    screen: Mapping[str, Any] | None,
    risk: Mapping[str, Any] | None,
) -> EmotionRecord:
    """Return the record as the panel may show it once this turn's ``risk`` is known.

    The message's own distress (screen, words, valence) is read again as in
    :func:`guard_record`; then, while the turn carries risk (level low or above, or a risk
    category), a positive label becomes "neutral" (the words may be calm; the conversation is
    not), positive secondary labels are dropped and "improving" is shown as "stable". With
    risk at moderate or above in this very message (``turn_level``), "neutral" is not shown
    either, unless the words back a positive reading.
    """
    guarded = guard_record(record, text, screen)
    level = _at_risk(risk)
    if not level:
        return guarded
    own = str((risk or {}).get("turn_level") or "none")
    label = str(guarded.get("label") or "neutral")
    changed: list[str] = []
    if label in POSITIVE_LABELS:
        label = "neutral"
    if (
        label == "neutral"
        and level_index(own) >= level_index("moderate")
        and not _POSITIVE_WORDS.search(text)
    ):
        label = _distress_label(guarded, text, screen or {})
    if label != str(guarded.get("label") or "neutral"):
        changed.append(f"label {guarded.get('label', '')} -> {label}")
    return _shown(guarded, label, changed, guarded=f"risk {level}", note=f"risk {level} this turn")


def settle_panel(state: Mapping[str, Any]) -> EmotionRecord | None:
    """:func:`settle_record` on a turn's state (emotion, newest message, screen, risk)."""
    record = state.get("emotion")
    if not record:
        return None
    messages = list(state.get("messages") or [])
    text = next(
        (_plain(m.content) for m in reversed(messages) if getattr(m, "type", "") == "human"), ""
    )
    settled: EmotionRecord = settle_record(record, text, state.get("screen"), state.get("risk"))
    return settled


def _plain(content: Any) -> str:
    if isinstance(content, str):
        return content
    return " ".join(p.get("text", "") if isinstance(p, dict) else str(p) for p in content)
