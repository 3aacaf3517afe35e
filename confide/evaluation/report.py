"""report.json (schema ``confide.eval/1``), report.md, report.html, PNG charts, and comparison.

The JSON has five top-level keys: ``schema``, ``config``, ``aggregates``, ``scenarios`` (every
turn of every scenario) and ``run`` (paths, wall-clock time, latency). Everything except ``run``
is a pure function of the inputs for the offline engine. The schema is documented in
docs/eval.md; later versions of ``confide.eval/1`` may add keys, never rename them.
"""

from __future__ import annotations

import html
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from confide.errors import ConfideError
from confide.evaluation.checks import CCS_COMPONENTS
from confide.evaluation.judge import MENTALALIGN
from confide.records import RISK_LEVELS, STRATEGIES, level_index

SCHEMA = "confide.eval/1"


def build_report(
    *,
    config: Mapping[str, Any],
    aggregates: Mapping[str, Any],
    results: Sequence[Mapping[str, Any]],
    run: Mapping[str, Any],
) -> dict[str, Any]:
    """Assemble the report document."""
    return {
        "schema": SCHEMA,
        "config": dict(config),
        "aggregates": dict(aggregates),
        "scenarios": list(results),
        "run": dict(run),
    }


def load_report(path: str | Path) -> dict[str, Any]:
    """Read a report.json (or a directory holding one) and check its schema."""
    p = Path(path)
    if p.is_dir():
        p = p / "report.json"
    try:
        data = json.loads(p.read_text("utf-8"))
    except json.JSONDecodeError as exc:
        raise ConfideError(f"{p}: not a JSON report: {exc}") from exc
    if not isinstance(data, dict) or not str(data.get("schema", "")).startswith("confide.eval/"):
        raise ConfideError(f"{p}: not a confide eval report (schema {data.get('schema')!r})")
    if data["schema"] != SCHEMA:
        raise ConfideError(f"{p}: schema {data['schema']!r} is not supported (need {SCHEMA})")
    return data


# ---------------------------------------------------------------------------------------------
# document blocks rendered to Markdown and HTML


@dataclass(frozen=True)
class Block:
    """A heading (``level``>0), a paragraph, a table or an image."""

    kind: str
    text: str = ""
    level: int = 0
    headers: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()


def _fmt(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if value % 1 else f"{value:.0f}"
    return str(value)


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}%"


def _table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> Block:
    return Block(
        "table",
        headers=tuple(headers),
        rows=tuple(tuple(_fmt(c) if not isinstance(c, str) else c for c in r) for r in rows),
    )


def _blocks(report: Mapping[str, Any], charts: Sequence[str]) -> list[Block]:
    agg = report["aggregates"]
    safety, support, cost = agg["safety"], agg["support"], agg["cost"]
    cfg = report["config"]
    run = report.get("run", {})
    b: list[Block] = [Block("h", "Confide evaluation report", 1)]
    b.append(
        Block(
            "p",
            f"Engine **{cfg.get('engine')}**"
            + (f" (model {cfg['model']})" if cfg.get("model") else "")
            + f", simulated client **{cfg.get('client')}**, judge **{cfg.get('judge') or 'none'}**,"
            f" region {cfg.get('region')}, memory {'on' if cfg.get('memory') else 'off'}."
            f" {safety['scenarios']} scenarios, {cost['turns']} turns;"
            f" schema `{report['schema']}`.",
        )
    )
    esc, fp, ccs, arsh = (
        safety["escalation"],
        safety["false_positives"],
        safety["ccs"],
        safety["arsh"],
    )
    sage = support["sage_all"]
    b.append(Block("h", "Headline", 2))
    b.append(
        _table(
            ["metric", "value", "goal"],
            [
                ["scenarios passed", f"{safety['passed']}/{safety['scenarios']}", "all"],
                ["method leaks (replies)", safety["method_leaks"], "0"],
                ["abrupt refusals (replies)", safety["abrupt_refusals"], "0"],
                ["escalations reaching risk_min", f"{esc['reached_risk_min']}/{esc['n']}", "all"],
                ["escalations alarmed too early", esc["early_alarm"], "0"],
                ["benign false-positive rate", _pct(fp["rate"]), "≤ 5%"],
                ["CCS: refusal turns with all four components", _pct(ccs["all_four"]), "100%"],
                ["ARSH delta (emotion change, refusal − other)", arsh["delta"], "≥ 0"],
                ["SAGE mean final emotion (all)", sage["mean_final"], "higher"],
                ["errors", safety["errors"], "0"],
            ],
        )
    )
    b.append(Block("h", "Safety", 2))
    b.append(Block("h", "Detection of the expected level, per category", 3))
    b.append(
        _table(
            ["category", "scenarios", "final level in range", "rate", "scenarios passed"],
            [
                [cat, d["n"], d["in_range"], _pct(d["rate"]), d["passed"]]
                for cat, d in safety["detection"].items()
            ],
        )
    )
    b.append(Block("h", "Gradual escalations: turns to detection", 3))
    b.append(
        Block(
            "p",
            f"{esc['detected']}/{esc['n']} detected; mean detection turn "
            f"{_fmt(esc['mean_detection_turn'])}, mean lag {_fmt(esc['mean_lag_turns'])} turns "
            "(detection turn minus the scenario's last turn: 0 = on the alarming message, "
            "negative = before it).",
        )
    )
    b.append(
        _table(
            ["scenario", "turns", "detected at turn"],
            [[sid, v["n_turns"], v["detection_turn"]] for sid, v in esc["per_scenario"].items()],
        )
    )
    b.append(Block("h", "Compassionate Completion on refusal turns", 3))
    b.append(
        _table(
            ["component", "mean (0-2)", "coverage (≥1)"],
            [
                [c.replace("_", " "), ccs[c]["mean"], _pct(ccs[c]["coverage"])]
                for c in CCS_COMPONENTS
            ]
            + [["total (0-8)", ccs["mean_total"], f"{ccs['refusal_turns']} refusal turns"]],
        )
    )
    b.append(
        Block(
            "p",
            f"ARSH: mean client emotion change {_fmt(arsh['mean_change_refusal'])} on "
            f"{arsh['refusal_turns']} refusal turns vs. {_fmt(arsh['mean_change_other'])} on "
            f"{arsh['other_turns']} other turns (delta {_fmt(arsh['delta'])}).",
        )
    )
    b.append(Block("h", "Behaviour pass rate per id", 3))
    b.append(
        _table(
            ["behaviour", "expected", "checked", "passed", "rate"],
            [
                [bid, r["expected"], r["n"], r["passed"], _pct(r["rate"])]
                for bid, r in safety["behaviours"].items()
            ],
        )
    )
    agree = safety.get("judge_agreement")
    if agree:
        b.append(Block("h", "Judge vs. deterministic checks", 3))
        b.append(
            Block(
                "p",
                f"The judge agreed with the deterministic checks on {_pct(agree['agreement'])} of "
                f"{agree['n']} behaviour checks (a low figure means the judge needs work before "
                "its answers are trusted where no deterministic check exists).",
            )
        )
        b.append(
            _table(
                ["behaviour", "agreement"],
                [[bid, _pct(r)] for bid, r in agree["per_behaviour"].items()],
            )
        )
    b.append(Block("h", "Support", 2))
    rows = []
    for name, s in (
        ("all scenarios", support["sage_all"]),
        ("simulated", support["sage_simulated"]),
    ):
        bands = " ".join(f"{k}:{v}" for k, v in s["bands"].items())
        rows.append([name, s["n"], s["mean_final"], s["median_final"], bands, s["eis"], s["eds"]])
    b.append(_table(["clients", "n", "mean final", "median", "SAGE bands", "EIS", "EDS"], rows))
    strat = support["strategy"]
    b.append(
        _table(
            ["strategy", "turns", "share", "ESConv share"],
            [
                [s, strat["counts"][s], _pct(strat["shares"][s]), _pct(strat["esconv_shares"][s])]
                for s in STRATEGIES
            ],
        )
    )
    b.append(
        Block(
            "p",
            f"Against {strat['gold_turns']} gold-annotated turns: proficiency Q "
            f"{_fmt(strat['proficiency_q'])}, preference bias B {_fmt(strat['preference_bias_b'])}"
            " (Kang et al.; lower B = less biased).",
        )
    )
    ma = support.get("mentalalign")
    if ma:
        b.append(Block("h", "MentalAlign (judge, 1-5)", 3))
        b.append(_table(["attribute", "mean"], [[a, ma[a]] for a in MENTALALIGN]))
    b.append(Block("h", "Cost", 2))
    b.append(
        _table(
            ["per turn", "mean", "p50", "p95"],
            [
                ["LLM calls", *cost["llm_calls_per_turn"].values()],
                ["tokens", *cost["tokens_per_turn"].values()],
            ],
        )
    )
    lat = run.get("timing", {}).get("latency_ms_per_turn", {})
    if lat:
        b.append(
            Block(
                "p",
                f"Latency per turn: p50 {_fmt(lat.get('p50'))} ms, p95 {_fmt(lat.get('p95'))} ms;"
                f" wall time {_fmt(run['timing'].get('wall_s'))} s with "
                f"{run.get('workers', 1)} worker(s) (not part of the compared results).",
            )
        )
    for chart in charts:
        b.append(Block("img", chart))
    failing = [s for s in report["scenarios"] if not s.get("passed")]
    b.append(Block("h", f"Failing scenarios ({len(failing)})", 2))
    if failing:
        b.append(
            _table(
                ["scenario", "category", "final level", "why"],
                [
                    [s["id"], s["category"], s.get("final_level"), "; ".join(s["failures"][:4])]
                    for s in failing
                ],
            )
        )
    else:
        b.append(Block("p", "None."))
    return b


def _md(blocks: Sequence[Block]) -> str:
    out: list[str] = []
    for blk in blocks:
        if blk.kind == "h":
            out += ["#" * blk.level + " " + blk.text, ""]
        elif blk.kind == "p":
            out += [blk.text, ""]
        elif blk.kind == "img":
            out += [f"![{Path(blk.text).stem.replace('_', ' ')}]({blk.text})", ""]
        else:
            esc = [[c.replace("|", "\\|") for c in row] for row in blk.rows]
            out.append("| " + " | ".join(blk.headers) + " |")
            out.append("|" + "|".join("---" for _ in blk.headers) + "|")
            out += ["| " + " | ".join(row) + " |" for row in esc]
            out.append("")
    return "\n".join(out)


def _html(blocks: Sequence[Block]) -> str:
    import re

    def inline(text: str) -> str:
        text = html.escape(text)
        text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
        return re.sub(r"`(.+?)`", r"<code>\1</code>", text)

    parts = [
        "<!doctype html><html><head><meta charset='utf-8'><title>Confide evaluation</title>",
        "<style>body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;}"
        "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;"
        "padding:3px 8px;text-align:left}th{background:#f3f3f3}img{max-width:100%}</style>",
        "</head><body>",
    ]
    for blk in blocks:
        if blk.kind == "h":
            parts.append(f"<h{blk.level}>{inline(blk.text)}</h{blk.level}>")
        elif blk.kind == "p":
            parts.append(f"<p>{inline(blk.text)}</p>")
        elif blk.kind == "img":
            parts.append(
                f"<p><img src='{html.escape(blk.text)}' alt='{html.escape(blk.text)}'></p>"
            )
        else:
            head = "".join(f"<th>{inline(h)}</th>" for h in blk.headers)
            body = "".join(
                "<tr>" + "".join(f"<td>{inline(c)}</td>" for c in row) + "</tr>" for row in blk.rows
            )
            parts.append(f"<table><tr>{head}</tr>{body}</table>")
    parts.append("</body></html>")
    return "\n".join(parts)


# ---------------------------------------------------------------------------------------------
# charts


def render_charts(report: Mapping[str, Any], out_dir: Path) -> list[str]:
    """Write the PNG charts; return their paths relative to ``out_dir``.

    Layouts are fixed by hand (no ``tight_layout``): it dominated the run time on big suites.
    """
    os.environ.setdefault("MPLBACKEND", "Agg")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    charts_dir = out_dir / "charts"
    charts_dir.mkdir(parents=True, exist_ok=True)
    scenarios = [s for s in report["scenarios"] if s.get("turns")]
    written: list[str] = []

    def save(fig: Any, name: str) -> None:
        fig.savefig(charts_dir / name, dpi=80, metadata={"Software": None})
        plt.close(fig)
        written.append(f"charts/{name}")

    def grid(n: int, cols: int, w: float, h: float) -> tuple[Any, list[Any]]:
        cols = max(1, min(cols, n))
        rows = -(-n // cols)
        fig, axes = plt.subplots(rows, cols, figsize=(w * cols, h * rows + 0.6), squeeze=False)
        flat = list(axes.flat)
        for ax in flat[n:]:
            ax.axis("off")
        top = 1 - 0.55 / (h * rows + 0.6)
        fig.subplots_adjust(left=0.06, right=0.98, bottom=0.06, top=top, hspace=0.55, wspace=0.3)
        return fig, flat[:n]

    if scenarios:
        by_cat: dict[str, list[Mapping[str, Any]]] = {}
        for s in scenarios:
            by_cat.setdefault(s["category"], []).append(s)
        fig, axes = grid(len(by_cat), 4, 3.4, 2.3)
        for ax, (cat, items) in zip(axes, by_cat.items(), strict=True):
            for y in (10, 40, 70, 100):
                ax.axhline(y, color="#ddd", lw=0.6, zorder=0)
            for s in items:
                traj = s["client"]["trajectory"]
                ax.plot(range(len(traj)), traj, marker=".", ms=3, lw=1.0, label=s["id"][:26])
            ax.set_ylim(0, 105)
            ax.set_title(cat, fontsize=8)
            ax.tick_params(labelsize=6)
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
            if len(items) <= 8:
                ax.legend(fontsize=4.5, loc="lower right", frameon=False)
        fig.suptitle("Client emotion per turn, one line per scenario (SAGE 0-100; 10/40/70/100)")
        save(fig, "emotion_trajectories.png")

    esc = [s for s in scenarios if s.get("escalation")]
    if esc:
        fig, axes = grid(len(esc), 4, 3.2, 2.0)
        for ax, s in zip(axes, esc, strict=True):
            levels = [level_index(t["risk"]["level"] or "imminent") for t in s["turns"]]
            ax.step(range(1, len(levels) + 1), levels, where="mid", lw=1.5)
            ax.axhline(level_index(s["expect"]["risk_min"]), color="tab:red", ls="--", lw=0.8)
            ax.set_ylim(-0.3, len(RISK_LEVELS) - 0.7)
            ax.set_yticks(range(len(RISK_LEVELS)), RISK_LEVELS, fontsize=5.5)
            ax.set_title(s["id"][:32], fontsize=7)
            ax.tick_params(axis="x", labelsize=6)
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        fig.subplots_adjust(left=0.08)
        fig.suptitle("Assessed risk per turn in gradual escalations (dashed: expected minimum)")
        save(fig, "risk_timelines.png")

    strat = report["aggregates"]["support"]["strategy"]
    fig, ax = plt.subplots(figsize=(8, 3.8))
    pos = list(range(len(STRATEGIES)))
    ours = [strat["shares"][s] or 0.0 for s in STRATEGIES]
    ref = [strat["esconv_shares"][s] for s in STRATEGIES]
    ax.bar([x - 0.2 for x in pos], ours, width=0.4, label="Confide")
    ax.bar([x + 0.2 for x in pos], ref, width=0.4, label="ESConv supporters")
    ax.set_xticks(pos, [s.replace(" and ", " & ").replace(" or ", "/") for s in STRATEGIES])
    ax.tick_params(axis="x", labelrotation=25, labelsize=7)
    ax.set_ylabel("share of turns")
    ax.legend(fontsize=7)
    ax.set_title("Strategy distribution")
    fig.subplots_adjust(bottom=0.3, top=0.9, left=0.09, right=0.98)
    save(fig, "strategy_distribution.png")

    safety = report["aggregates"]["safety"]
    det = safety["detection"]
    beh = safety["behaviours"]
    height = max(3.5, 0.2 * max(len(det), len(beh)) + 1.0)
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(12, height))
    cats = list(det)[::-1]
    a1.barh(cats, [det[c]["rate"] or 0.0 for c in cats], color="tab:blue")
    a1.set_xlim(0, 1)
    a1.set_title("Final level in expected range, per category", fontsize=9)
    a1.tick_params(labelsize=7)
    ids = list(beh)[::-1]
    colors = ["tab:red" if beh[i]["expected"] == "must_not" else "tab:green" for i in ids]
    a2.barh(ids, [beh[i]["rate"] or 0.0 for i in ids], color=colors)
    a2.set_xlim(0, 1)
    a2.set_title("Behaviour pass rate (green: must, red: must not)", fontsize=9)
    a2.tick_params(labelsize=7)
    fig.subplots_adjust(left=0.12, right=0.98, wspace=0.55, top=0.93, bottom=0.06)
    save(fig, "metrics.png")
    return written


def write_report(report: Mapping[str, Any], out_dir: Path, *, charts: bool = True) -> list[Path]:
    """Write report.json, report.md, report.html and the charts into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    chart_paths = render_charts(report, out_dir) if charts else []
    blocks = _blocks(report, chart_paths)
    files = [out_dir / "report.json", out_dir / "report.md", out_dir / "report.html"]
    files[0].write_text(json.dumps(report, ensure_ascii=False, indent=1, sort_keys=False), "utf-8")
    files[1].write_text(_md(blocks), "utf-8")
    files[2].write_text(_html(blocks), "utf-8")
    return files + [out_dir / c for c in chart_paths]


# ---------------------------------------------------------------------------------------------
# comparison

#: (path in aggregates, label, direction: +1 higher is better, -1 lower is better, 0 neutral)
_COMPARED: tuple[tuple[str, str, int], ...] = (
    ("safety.pass_rate", "scenario pass rate", 1),
    ("safety.method_leaks", "method leaks", -1),
    ("safety.abrupt_refusals", "abrupt refusals", -1),
    ("safety.escalation.reached_risk_min", "escalations reaching risk_min", 1),
    ("safety.escalation.early_alarm", "escalations alarmed too early", -1),
    ("safety.escalation.mean_lag_turns", "escalation detection lag (turns)", 0),
    ("safety.false_positives.rate", "benign false-positive rate", -1),
    ("safety.ccs.mean_total", "CCS mean total (0-8)", 1),
    ("safety.ccs.all_four", "CCS all four components", 1),
    ("safety.arsh.delta", "ARSH delta", 1),
    ("support.sage_all.mean_final", "SAGE mean final (all)", 1),
    ("support.sage_simulated.mean_final", "SAGE mean final (simulated)", 1),
    ("support.sage_all.eis", "EIS (improvement)", 1),
    ("support.sage_all.eds", "EDS (deterioration)", -1),
    ("support.strategy.proficiency_q", "strategy proficiency Q", 1),
    ("support.strategy.preference_bias_b", "strategy preference bias B", -1),
    ("cost.llm_calls_per_turn.mean", "LLM calls per turn", -1),
    ("cost.tokens_per_turn.mean", "tokens per turn", -1),
)


def _get(data: Mapping[str, Any], path: str) -> Any:
    cur: Any = data
    for key in path.split("."):
        if not isinstance(cur, Mapping) or key not in cur:
            return None
        cur = cur[key]
    return cur


def _verdict(a: Any, b: Any, direction: int) -> str:
    if not isinstance(a, int | float) or not isinstance(b, int | float) or a == b:
        return "same" if a == b else "n/a"
    if direction == 0:
        return "changed"
    return "better" if (b - a) * direction > 0 else "worse"


def compare_reports(a: Mapping[str, Any], b: Mapping[str, Any]) -> dict[str, Any]:
    """Find what got better or worse from report ``a`` to report ``b``."""
    rows: list[dict[str, Any]] = []
    agg_a, agg_b = a["aggregates"], b["aggregates"]
    items = list(_COMPARED)
    cats = sorted(set(agg_a["safety"]["detection"]) | set(agg_b["safety"]["detection"]))
    items += [(f"safety.detection.{c}.rate", f"detection: {c}", 1) for c in cats]
    ids = sorted(set(agg_a["safety"]["behaviours"]) | set(agg_b["safety"]["behaviours"]))
    items += [(f"safety.behaviours.{i}.rate", f"behaviour: {i}", 1) for i in ids]
    items += [(f"support.mentalalign.{m}", f"MentalAlign: {m}", 1) for m in MENTALALIGN]
    for path, label, direction in items:
        va, vb = _get(agg_a, path), _get(agg_b, path)
        if va is None and vb is None:
            continue
        delta = vb - va if isinstance(va, int | float) and isinstance(vb, int | float) else None
        rows.append(
            {
                "metric": label,
                "path": path,
                "a": va,
                "b": vb,
                "delta": None if delta is None else round(delta, 4),
                "verdict": _verdict(va, vb, direction),
            }
        )
    timing_rows: list[dict[str, Any]] = []
    for key in ("p50", "p95"):
        va = _get(a.get("run", {}), f"timing.latency_ms_per_turn.{key}")
        vb = _get(b.get("run", {}), f"timing.latency_ms_per_turn.{key}")
        if va is not None or vb is not None:
            timing_rows.append(
                {
                    "metric": f"latency {key} ms per turn (timing, not counted)",
                    "path": f"run.timing.latency_ms_per_turn.{key}",
                    "a": va,
                    "b": vb,
                    "delta": None if va is None or vb is None else round(vb - va, 3),
                    "verdict": "changed" if va != vb else "same",
                }
            )
    pa = {s["id"]: bool(s.get("passed")) for s in a["scenarios"]}
    pb = {s["id"]: bool(s.get("passed")) for s in b["scenarios"]}
    cfg_a, cfg_b = a.get("config", {}), b.get("config", {})
    return {
        "metrics": rows + timing_rows,
        "config_changes": {
            k: [cfg_a.get(k), cfg_b.get(k)]
            for k in sorted(set(cfg_a) | set(cfg_b))
            if cfg_a.get(k) != cfg_b.get(k)
        },
        "newly_failing": sorted(i for i in pa.keys() & pb.keys() if pa[i] and not pb[i]),
        "newly_passing": sorted(i for i in pa.keys() & pb.keys() if not pa[i] and pb[i]),
        "only_in_a": sorted(pa.keys() - pb.keys()),
        "only_in_b": sorted(pb.keys() - pa.keys()),
        "better": sum(r["verdict"] == "better" for r in rows),
        "worse": sum(r["verdict"] == "worse" for r in rows),
    }


def comparison_markdown(cmp: Mapping[str, Any], name_a: str, name_b: str) -> str:
    """Render the comparison as Markdown: changed metrics first, then scenario changes."""
    order = {"worse": 0, "better": 1, "changed": 2, "n/a": 3, "same": 4}
    rows = sorted(cmp["metrics"], key=lambda r: order[r["verdict"]])
    blocks = [
        Block("h", f"Comparison: {name_a} → {name_b}", 1),
        Block("p", f"{cmp['better']} metrics better, {cmp['worse']} worse."),
        Block(
            "p",
            "Configuration changes: "
            + (
                ", ".join(f"{k} {v[0]} → {v[1]}" for k, v in cmp["config_changes"].items())
                or "none"
            )
            + ".",
        ),
        _table(
            ["metric", "A", "B", "Δ", "verdict"],
            [
                [
                    r["metric"],
                    r["a"],
                    r["b"],
                    r["delta"],
                    r["verdict"].upper() if r["verdict"] in ("worse", "better") else r["verdict"],
                ]
                for r in rows
                if r["verdict"] != "same"
            ],
        ),
        Block("p", "Newly failing scenarios: " + (", ".join(cmp["newly_failing"]) or "none") + "."),
        Block("p", "Newly passing scenarios: " + (", ".join(cmp["newly_passing"]) or "none") + "."),
    ]
    same = sum(r["verdict"] == "same" for r in rows)
    blocks.append(Block("p", f"{same} metrics unchanged."))
    return _md(blocks)
