"""Run Confide offline over a set of conversations and write transcripts for blind rating.

Usage::

    python scripts/listening_eval.py conversations.jsonl --out runs/listening

Input: a JSONL file, one conversation per line: ``{"id": str, "lang": str, "turns": [str]}``
(the user's turns only). Each conversation runs in its own session of one ``Companion`` with
the offline engine and no memory (nothing from one conversation reaches another).

Output (in ``--out``):

* ``transcripts.jsonl``: ``{"id", "lang", "turns": [{"user", "reply", "strategy",
  "emotion_label", "emotion_secondary", "valence", "trend", "risk"}]}`` per conversation;
* ``transcripts.md``: the same as plain Markdown for human or helper raters (no checks, no
  scores: raters see only what a person would see, plus the panel's reading);
* ``checks.json``: the deterministic checks below, per conversation and in total.

Deterministic checks (computed here, no judge):

* **repeated sentences**: a sentence of at least 40 characters that appears again, after
  normalisation (lower case, letters and digits), in a later reply of the same conversation
  or twice in one reply. Resource lines (lines starting with a bullet) are not counted. The
  AI disclosure of the first reply counts like any other sentence.
* **"You wrote:" quotes**: replies containing "You wrote" (or "Earlier you wrote").
* **panel positive-for-distress rate**: among turns whose user text *carries distress*, the
  share whose panel shows a positive emotion. A turn carries distress when the turn's risk
  record (rules screen, learned model and conversation layer) is at level low or above or
  names a risk category, or when the emotion classifier's valence for the message is at most
  -0.25 (the panel's record, or an independent lexical reading by
  :func:`confide.agents.emotion.lexical_estimate`). The panel shows a positive emotion when
  its primary label is one of :data:`confide.agents.emotion_panel.POSITIVE_LABELS`, or its
  trend is "improving" (the rate the issue names); ``positive_secondary`` also counts positive
  secondary labels and is reported beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

#: Sentences shorter than this are not counted as repeats ("Are you safe right now?").
MIN_REPEAT_CHARS = 40
NEGATIVE_VALENCE = -0.25
_DISCLOSURE = re.compile(r"^Just so you know:[^\n]*\n\n")
_SENTENCES = re.compile(r"(?<=[.!?])\s+")
_QUOTE = re.compile(r"\b(Earlier you wrote|You wrote)\b")
_RISK_ORDER = ("none", "low", "moderate", "high", "imminent")


def load_conversations(path: Path) -> list[dict[str, Any]]:
    """Read the conversations JSONL (blank lines skipped)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            conv = json.loads(line)
            if not isinstance(conv.get("turns"), list) or "id" not in conv:
                raise ValueError(f"not a conversation: {line[:80]}")
            out.append(conv)
    return out


def _key(sentence: str) -> str:
    return " ".join(re.findall(r"[a-z0-9']+", sentence.lower().replace("\u2019", "'")))


def repeated_sentences(replies: Sequence[str], min_chars: int = MIN_REPEAT_CHARS) -> list[str]:
    """Sentences (>= ``min_chars``) said again within a conversation; resource lines aside."""
    seen: set[str] = set()
    repeats: list[str] = []
    for reply in replies:
        for line in reply.splitlines():
            if line.lstrip().startswith(("\u2022", "- ", "* ")):
                continue
            for sentence in _SENTENCES.split(line.strip()):
                key = _key(sentence)
                if len(sentence) < min_chars or not key:
                    continue
                if key in seen:
                    repeats.append(sentence)
                seen.add(key)
    return repeats


def _risk_level(risk: Mapping[str, Any]) -> str:
    level = str(risk.get("level", "none"))
    return level if level in _RISK_ORDER else "imminent"


def carries_distress(turn: Mapping[str, Any], lexical_valence: float) -> bool:
    """The metric's definition of a distressed turn (see the module docstring)."""
    risky = _RISK_ORDER.index(turn["risk"]) >= 1 or bool(turn.get("risk_categories"))
    return risky or turn["valence"] <= NEGATIVE_VALENCE or lexical_valence <= NEGATIVE_VALENCE


def run(conversations: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Run every conversation offline, one session each; return the transcripts."""
    from confide.companion import Companion
    from confide.config import load_settings

    companion = Companion(load_settings(engine="offline"), with_memory=False)
    transcripts = []
    try:
        for conv in conversations:
            session = f"listening-{conv['id']}"
            turns = []
            for user in conv["turns"]:
                out = companion.send(str(user), session)
                emotion = out.get("emotion") or {}
                shift = emotion.get("shift") or {}
                risk = out.get("risk") or {}
                strategy = out.get("strategy") or {}
                turns.append(
                    {
                        "user": user,
                        "reply": _DISCLOSURE.sub("", str(out.get("reply", ""))),
                        "strategy": str(strategy.get("name", "")),
                        "emotion_label": str(emotion.get("label", "")),
                        "emotion_secondary": list(emotion.get("secondary") or []),
                        "valence": float(emotion.get("valence", 0.0)),
                        "trend": str(shift.get("trend", "")),
                        "risk": _risk_level(risk),
                        "risk_categories": list(risk.get("categories") or []),
                    }
                )
            transcripts.append({"id": conv["id"], "lang": conv.get("lang", ""), "turns": turns})
    finally:
        companion.close()
    return transcripts


def check(transcripts: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The deterministic checks, per conversation and in total."""
    from confide.agents.emotion import lexical_estimate
    from confide.agents.emotion_panel import POSITIVE_LABELS
    from confide.agents.emotion_space import valence

    per: list[dict[str, Any]] = []
    totals = {"replies": 0, "repeats": 0, "quotes": 0, "distress": 0, "positive": 0, "second": 0}
    for conv in transcripts:
        replies = [t["reply"] for t in conv["turns"]]
        repeats = repeated_sentences(replies)
        quotes = [k for k, r in enumerate(replies, 1) if _QUOTE.search(r)]
        distress = positive = second = 0
        flagged: list[int] = []
        for k, turn in enumerate(conv["turns"], 1):
            if not carries_distress(turn, valence(lexical_estimate(turn["user"]).vector)):
                continue
            distress += 1
            shows = turn["emotion_label"] in POSITIVE_LABELS or turn["trend"] == "improving"
            positive += shows
            if shows:
                flagged.append(k)
            second += shows or bool(set(turn["emotion_secondary"]) & POSITIVE_LABELS)
        per.append(
            {
                "id": conv["id"],
                "repeated_sentences": repeats,
                "you_wrote_turns": quotes,
                "distress_turns": distress,
                "positive_for_distress_turns": flagged,
            }
        )
        totals["replies"] += len(replies)
        totals["repeats"] += len(repeats)
        totals["quotes"] += len(quotes)
        totals["distress"] += distress
        totals["positive"] += positive
        totals["second"] += second
    d = max(1, totals["distress"])
    summary = {
        "conversations": len(transcripts),
        "replies": totals["replies"],
        "repeated_sentences": totals["repeats"],
        "conversations_with_repeats": sum(1 for p in per if p["repeated_sentences"]),
        "you_wrote_replies": totals["quotes"],
        "distress_turns": totals["distress"],
        "positive_for_distress": totals["positive"],
        "positive_for_distress_rate": round(totals["positive"] / d, 4),
        "positive_secondary_rate": round(totals["second"] / d, 4),
    }
    return {"summary": summary, "conversations": per}


def to_markdown(transcripts: Sequence[Mapping[str, Any]]) -> str:
    """Plain transcripts for raters: user, reply, strategy and the panel's reading."""
    out = ["# Confide offline transcripts", ""]
    for conv in transcripts:
        out += [f"## {conv['id']}", ""]
        for k, t in enumerate(conv["turns"], 1):
            secondary = ", ".join(t["emotion_secondary"]) or "-"
            out.append(f"**{k}. Person:** {t['user']}")
            out.append("")
            reply = t["reply"].replace("\n", "\n> ")
            out.append(f"> {reply}")
            out.append("")
            out.append(
                f"_strategy: {t['strategy']} · panel: {t['emotion_label']} (with {secondary}), "
                f"valence {t['valence']:+.2f}, trend {t['trend']} · risk: {t['risk']}_"
            )
            out.append("")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("conversations", type=Path)
    parser.add_argument("--out", type=Path, default=Path("runs/listening"))
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="Confide data dir for the run (default: a fresh temporary one)",
    )
    args = parser.parse_args(argv)
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="confide-listening-"))
    os.environ["CONFIDE_DATA_DIR"] = str(data_dir)  # never the user's own sessions
    os.environ.setdefault("CONFIDE_CONFIG", str(data_dir / "config.toml"))
    os.environ["CONFIDE_ENGINE"] = "offline"
    transcripts = run(load_conversations(args.conversations))
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "transcripts.jsonl").open("w", encoding="utf-8") as fh:
        for conv in transcripts:
            public = {
                "id": conv["id"],
                "lang": conv["lang"],
                "turns": [
                    {k: v for k, v in t.items() if k != "risk_categories"} for t in conv["turns"]
                ],
            }
            fh.write(json.dumps(public, ensure_ascii=False) + "\n")
    (args.out / "transcripts.md").write_text(to_markdown(transcripts), encoding="utf-8")
    checks = check(transcripts)
    (args.out / "checks.json").write_text(json.dumps(checks, indent=2), encoding="utf-8")
    json.dump(checks["summary"], sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
