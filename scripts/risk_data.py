"""Every labelled text the learned risk model trains or is measured on, in one shape.

An :class:`Item` is one text (a single message, or the user turns of a short conversation
joined oldest first) with a risk level, categories, a source, a group (the unit held out
together: a writer, a data source, a held-out set) and a language.

Sources, in order of trust (see docs/safety-risk.md for licences):

- ``psysuicide``: PsySUICIDE valid split (real Chinese counselling and social-media messages,
  MIT), 11 labels mapped to the scale below.
- ``cssrs``: C-SSRS-labelled Reddit users (English, CC BY 4.0; text altered by concept names, so
  it counts at half weight), one item per user, posts joined and cut to 2,000 characters.
- ``written``: ``benchmarks/data/risk_corpus/*.jsonl``, written by separate helper sessions from
  the C-SSRS guideline alone, 16 languages and Hinglish, every level and category, hard
  look-alikes; the group is the writer.
- ``project``: the probe suite (single and multi-turn, level = ``risk_min``) and the retired
  held-out sets 6-17 (high vs benign look-alikes).
- ``everyday``: user messages of the written support conversations (none).
- ``conversation``: everyday support conversations with no risk by design, as the runtime reads
  them: each turn alone and each window of up to three turns joined (``benchmarks/data/
  everyday_corpus/*.jsonl``, per-turn labels none/low, written by separate helper sessions from
  a guideline of ordinary hard times with danger-looking ordinary words; and the two listening
  sets, none). Without them the multi-turn items were nearly all escalations, and three long
  turns of ordinary stress read high (issue 12's conversation-level false alarms).
- ``goemotions``: a fixed sample of GoEmotions train comments (none; Apache-2.0).

Nothing here is shipped: the package reads only the trained weights.
"""

from __future__ import annotations

import ast
import csv
import json
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
CORPUS = ROOT / "benchmarks" / "data" / "risk_corpus"
PROBES = ROOT / "tests" / "safety" / "probes"
STRATEGY = ROOT / "benchmarks" / "data" / "strategy_contexts.jsonl"
EVERYDAY_CORPUS = ROOT / "benchmarks" / "data" / "everyday_corpus"
LISTENING = (
    ROOT / "benchmarks" / "data" / "listening" / "conversations.jsonl",
    ROOT / "benchmarks" / "data" / "listening2" / "conversations.jsonl",
)
#: User turns read together at run time (confide.agents.risk.WINDOW_TURNS).
WINDOW_TURNS = 3
PSYSUICIDE = SHARED / "risk" / "psysuicide_valid.json"
CSSRS = SHARED / "risk" / "cssrs_reddit_train.csv"
GOEMOTIONS = SHARED / "goemotions" / "train.tsv"
XSTEST = SHARED / "xstest" / "xstest_prompts.csv"

LEVELS = ("none", "low", "moderate", "high", "imminent")
#: How turns of a conversation are joined into one text (oldest first).
TURN_JOIN = "\n"

#: PsySUICIDE label -> (level, categories). Passive ideation in these messages is mostly
#: "想死" (I want to die), which Confide's scale puts at moderate, as it does in English.
PSY_MAP: dict[str, tuple[str, tuple[str, ...]]] = {
    "自杀未遂": ("high", ("suicide_attempt",)),
    "自杀准备行为": ("high", ("suicide_method_or_plan",)),
    "自杀计划": ("high", ("suicide_method_or_plan",)),
    "主动自杀意图": ("moderate", ("suicidal_ideation_active",)),
    "被动自杀意图": ("moderate", ("suicidal_ideation_passive",)),
    "自伤行为": ("high", ("self_harm_behaviour",)),
    "自伤意图": ("moderate", ("self_harm_ideation",)),
    "关于自杀的探索": ("low", ("suicide_curiosity",)),
    "用户攻击行为": ("moderate", ("harm_to_others",)),
    "他人攻击行为": ("moderate", ("abuse_toward_user",)),
    "与自杀/自伤/攻击行为无关": ("none", ()),
}
#: Weight of a PsySUICIDE message: the only real, human-labelled Chinese data, 1,480 messages
#: beside ~8,000 written ones. At weight 1 the shared linear head under-fits it (its ideation
#: reached moderate in 13% out of fold); 5 lifts an in-distribution split's ideation-vs-unrelated
#: AUC of the linear view from 0.916 to 0.944 (/tmp experiment of 3 Dec, README's risk section).
PSY_WEIGHT = 5.0
#: C-SSRS Reddit user label -> level.
CSSRS_MAP = {
    "Supportive": "none",
    "Indicator": "low",
    "Ideation": "moderate",
    "Behavior": "high",
    "Attempt": "high",
}


@dataclass
class Item:
    """One labelled text."""

    text: str
    level: str
    categories: tuple[str, ...]
    source: str
    group: str
    lang: str = "en"
    kind: str = ""
    turns: int = 1
    weight: float = 1.0
    obfuscated: bool = False
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def level_index(self) -> int:
        """The level as 0..4."""
        return LEVELS.index(self.level)


def written(directory: Path = CORPUS) -> list[Item]:
    """The written corpus (one group per writer file)."""
    out: list[Item] = []
    for path in sorted(directory.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            d = json.loads(line)
            turns = [str(t) for t in d["turns"]]
            out.append(
                Item(
                    text=TURN_JOIN.join(turns),
                    level=str(d["level"]),
                    categories=tuple(d.get("categories") or ()),
                    source="written",
                    group=path.stem,
                    lang=str(d.get("lang", "en")),
                    kind=str(d.get("kind", "")),
                    turns=len(turns),
                    obfuscated=bool(d.get("obfuscated")),
                    extra={"id": str(d.get("id", ""))},
                )
            )
    return out


def psysuicide() -> list[Item]:
    """PsySUICIDE's valid split; the group is the data source."""
    if not PSYSUICIDE.is_file():
        return []
    out = []
    for d in json.loads(PSYSUICIDE.read_text(encoding="utf-8")):
        level = "none"
        cats: list[str] = []
        for label in d["labels"]:
            lv, cs = PSY_MAP[label]
            if LEVELS.index(lv) > LEVELS.index(level):
                level = lv
            cats.extend(cs)
        out.append(
            Item(
                text=str(d["text"]),
                level=level,
                categories=tuple(dict.fromkeys(cats)),
                source="psysuicide",
                group=f"psysuicide:{d['data_source']}",
                lang="zh",
                weight=PSY_WEIGHT,
                extra={"labels": ",".join(d["labels"])},
            )
        )
    return out


def cssrs() -> list[Item]:
    """C-SSRS Reddit users (half weight: altered text)."""
    if not CSSRS.is_file():
        return []
    csv.field_size_limit(10**8)
    out = []
    with CSSRS.open(encoding="utf-8", newline="") as handle:
        for k, row in enumerate(csv.DictReader(handle)):
            try:
                posts = ast.literal_eval(row["Post"])
            except (ValueError, SyntaxError):
                posts = [row["Post"]]
            text = " ".join(str(p) for p in posts)[:2000]
            out.append(
                Item(
                    text=text,
                    level=CSSRS_MAP[row["Label"]],
                    categories=(),
                    source="cssrs",
                    group=f"cssrs:{k % 5}",
                    weight=0.5,
                )
            )
    return out


def _probe_level(probe: dict[str, object]) -> str:
    return str(probe.get("risk_min", "none"))


def project() -> list[Item]:
    """The probe suite and the retired held-out sets (all written with or for the lexicon)."""
    out: list[Item] = []
    for path in sorted(PROBES.glob("*.yaml")):
        for probe in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            turns = [str(t) for t in probe.get("turns") or []]
            if not turns:
                continue
            category = str(probe.get("category", ""))
            level = _probe_level(probe)
            out.append(
                Item(
                    text=TURN_JOIN.join(turns),
                    level=level,
                    categories=(category,) if level != "none" and category else (),
                    source="project",
                    group=f"probes:{path.stem}",
                    turns=len(turns),
                )
            )
    sys.path.insert(0, str(ROOT / "scripts"))
    import safety_heldout as held

    for name, (positives, negatives) in held.SETS.items():
        out.extend(
            Item(text=t, level="high", categories=(), source="project", group=f"heldout:{name}")
            for t in positives
        )
        out.extend(
            Item(text=t, level="none", categories=(), source="project", group=f"heldout:{name}")
            for t in negatives
        )
    return out


def everyday() -> list[Item]:
    """User messages of the written support conversations (none)."""
    out: list[Item] = []
    seen: set[str] = set()
    for line in STRATEGY.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        users = [m["content"] for m in item["context"] if m["role"] == "user"]
        if not users or item.get("risk") != "none" or users[-1] in seen:
            continue
        seen.add(users[-1])
        out.append(
            Item(
                text=users[-1],
                level="none",
                categories=(),
                source="everyday",
                group=f"everyday:{item['source']}",
            )
        )
    return out


def conversation_windows(
    conv: dict[str, object], group: str, source: str = "conversation"
) -> list[Item]:
    """Each turn of one conversation alone and with up to two turns before it, as run time reads
    them; the label of a window is its last turn's ("levels", else none)."""
    turns = [str(t) for t in conv["turns"]]  # type: ignore[attr-defined]
    levels = [str(v) for v in conv.get("levels") or ["none"] * len(turns)]  # type: ignore[attr-defined]
    out: list[Item] = []
    for i, turn in enumerate(turns):
        level = levels[i] if i < len(levels) and levels[i] in LEVELS else "none"
        texts = [turn]
        if i > 0:
            texts.append(TURN_JOIN.join(turns[max(0, i - WINDOW_TURNS + 1) : i + 1]))
        for text in texts:
            out.append(
                Item(
                    text=text,
                    level=level,
                    categories=(),
                    source=source,
                    group=group,
                    lang=str(conv.get("lang", "en")),  # type: ignore[attr-defined]
                    kind="everyday",
                    turns=text.count(TURN_JOIN) + 1,
                    extra={"id": str(conv.get("id", ""))},  # type: ignore[attr-defined]
                )
            )
    return out


def conversations(
    directory: Path = EVERYDAY_CORPUS, listening: tuple[Path, ...] = LISTENING
) -> list[Item]:
    """Everyday conversations read turn by turn and window by window (group: the writer)."""
    out: list[Item] = []
    paths = [(p, f"conv:{p.stem}") for p in sorted(directory.glob("*.jsonl"))]
    paths += [(p, f"conv:{p.parent.name}") for p in listening if p.is_file()]
    for path, group in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.extend(conversation_windows(json.loads(line), group))
    return out


def goemotions(n: int = 4000, path: Path = GOEMOTIONS) -> list[Item]:
    """A fixed sample of GoEmotions comments (none)."""
    if not path.is_file():
        return []
    rows = path.read_text(encoding="utf-8").splitlines()
    rng = random.Random(0)
    return [
        Item(
            text=r.split("\t")[0],
            level="none",
            categories=(),
            source="goemotions",
            group=f"goemotions:{k % 5}",
        )
        for k, r in enumerate(rng.sample(rows, min(n, len(rows))))
    ]


def xstest_safe() -> list[Item]:
    """XSTest's 250 safe prompts (measurement only: never trained on)."""
    if not XSTEST.is_file():
        return []
    with XSTEST.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["label"] == "safe"]
    return [
        Item(text=r["prompt"], level="none", categories=(), source="xstest", group=r["type"])
        for r in rows
    ]


def training_items() -> list[Item]:
    """Everything the shipped model trains on."""
    return [
        *written(),
        *psysuicide(),
        *cssrs(),
        *project(),
        *everyday(),
        *conversations(),
        *goemotions(),
    ]
