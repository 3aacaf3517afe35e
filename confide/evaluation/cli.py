"""``confide eval``: run scenarios against simulated clients, write the report, or compare two.

Heavy imports (the graph, matplotlib, tqdm) happen inside :func:`run_eval`, so ``--help`` stays
fast.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from confide.errors import ConfideError

EXAMPLES = """\
examples:
  confide eval scenarios/ --out out/                       offline engine, rule-based clients
  confide eval scenarios/ --scripted-only --workers 2      the regression suite
  confide eval scenarios/support.yaml --engine llm --client-model gpt-4o-mini \\
      --judge-model gpt-4o --out out-llm/                  LLM engine, LLM role-play client
  confide eval scenarios/ --target openai:http://127.0.0.1:8080/v1/smollm2 --out out-bare/
                                                           another chatbot as the system under test
  confide eval scenarios/ --target baseline:cutoff --out out-cutoff/
                                                           a deliberately bad control
  confide eval --compare out/report.json out-llm/report.json
exit status: 0 all scenarios passed, 1 some failed (or --compare found a regression with
--fail-on-worse), 2 bad input.
"""


def add_eval_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the ``confide eval`` options on ``parser``."""
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.description = (
        "Run Confide's turn graph against scripted or simulated clients (ESC-Eval/SAGE role "
        "cards) and write report.json (schema confide.eval/1), report.md, report.html and PNG "
        "charts. Offline-engine runs need no model and are deterministic."
    )
    parser.epilog = EXAMPLES
    parser.add_argument(
        "scenarios", nargs="*", help="scenario files (.jsonl, .yaml) or directories"
    )
    parser.add_argument(
        "--engine", choices=["offline", "llm"], default="offline", help="default: offline"
    )
    parser.add_argument(
        "--target",
        default="confide",
        metavar="SPEC",
        help="system under test: confide (default), openai:<base_url>/<model> (any "
        "OpenAI-compatible endpoint; key from CONFIDE_TARGET_API_KEY), baseline:cutoff or "
        "baseline:canned (deliberately bad controls)",
    )
    parser.add_argument(
        "--target-system",
        metavar="FILE",
        help="with an openai: target: a file whose text is sent as its system prompt",
    )
    parser.add_argument("--model", help="Confide's model for the LLM engine (CONFIDE_MODEL)")
    parser.add_argument("--base-url", help="OpenAI-compatible endpoint (OPENAI_BASE_URL)")
    parser.add_argument("--region", default=None, help="crisis-resource region (default US)")
    parser.add_argument(
        "--client-model",
        help="model that plays the role cards (default: the deterministic rule-based client)",
    )
    parser.add_argument(
        "--judge-model", help="model for yes/no behaviour questions and MentalAlign (optional)"
    )
    parser.add_argument(
        "--judge-agreement",
        action="store_true",
        help="also ask the judge where a deterministic check answered; report their agreement",
    )
    parser.add_argument("--workers", type=int, default=1, help="scenarios run concurrently")
    parser.add_argument(
        "--out", help="output directory (default: out/); with --compare, also write compare.md"
    )
    parser.add_argument("--fresh", action="store_true", help="ignore stored results; rerun all")
    parser.add_argument("--no-memory", action="store_true", help="run without long-term memory")
    parser.add_argument("--no-charts", action="store_true", help="skip the PNG charts")
    parser.add_argument(
        "--scripted-only", action="store_true", help="only scenarios with scripted turns"
    )
    parser.add_argument("--category", action="append", help="only this category (repeatable)")
    parser.add_argument("--id", action="append", dest="ids", help="only this scenario id")
    parser.add_argument("--limit", type=int, help="at most this many scenarios")
    parser.add_argument(
        "--max-turns", type=int, help="cap simulated conversations at N turns (slow local models)"
    )
    parser.add_argument(
        "--progress", choices=["auto", "on", "off"], default="auto", help="progress bar"
    )
    parser.add_argument(
        "--compare", nargs=2, metavar=("A.json", "B.json"), help="compare two reports"
    )
    parser.add_argument(
        "--fail-on-worse",
        action="store_true",
        help="with --compare: exit 1 when a metric got worse or a scenario newly fails",
    )


def _model_factory(settings: Any, name: str) -> Any:
    from confide.engine import make_chat_model

    model_settings = replace(settings, model=name)
    return lambda: make_chat_model(model_settings)


def _compare(args: argparse.Namespace) -> int:
    from confide.evaluation.report import compare_reports, comparison_markdown, load_report

    a_path, b_path = args.compare
    cmp = compare_reports(load_report(a_path), load_report(b_path))
    text = comparison_markdown(cmp, a_path, b_path)
    sys.stdout.write(text + "\n")
    if args.out:
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        (out / "compare.md").write_text(text, "utf-8")
    if args.fail_on_worse and (cmp["worse"] or cmp["newly_failing"]):
        return 1
    return 0


def run_eval(args: argparse.Namespace) -> int:
    """Run ``confide eval`` for parsed ``args``; returns the exit status."""
    if args.compare:
        if args.scenarios:
            raise ConfideError("--compare takes two reports and no scenarios")
        return _compare(args)
    if not args.scenarios:
        raise ConfideError("name scenario files or directories (e.g. confide eval scenarios/)")
    if args.judge_agreement and not args.judge_model:
        raise ConfideError("--judge-agreement needs --judge-model")
    if args.workers < 1:
        raise ConfideError("--workers must be at least 1")

    from confide.config import load_settings
    from confide.evaluation.metrics import aggregate, timing_summary
    from confide.evaluation.report import build_report, write_report
    from confide.evaluation.runner import EvalConfig, run_suite
    from confide.evaluation.scenarios import load_scenarios
    from confide.evaluation.targets import parse_target

    system_prompt = None
    if args.target_system:
        try:
            system_prompt = Path(args.target_system).read_text("utf-8")
        except OSError as exc:
            raise ConfideError(f"--target-system: {exc}") from exc
    target = parse_target(args.target, system_prompt=system_prompt)

    scenarios = load_scenarios(args.scenarios)
    if args.scripted_only:
        scenarios = [s for s in scenarios if s.mode == "scripted"]
    if args.category:
        scenarios = [s for s in scenarios if s.category in set(args.category)]
    if args.ids:
        wanted = set(args.ids)
        unknown = wanted - {s.id for s in scenarios}
        if unknown:
            raise ConfideError(f"no such scenario id: {', '.join(sorted(unknown))}")
        scenarios = [s for s in scenarios if s.id in wanted]
    if args.max_turns is not None:
        if args.max_turns < 1:
            raise ConfideError("--max-turns must be at least 1")
        scenarios = [
            s if s.mode == "scripted" else replace(s, max_turns=min(s.max_turns, args.max_turns))
            for s in scenarios
        ]
    if args.limit is not None:
        scenarios = scenarios[: max(0, args.limit)]
    if not scenarios:
        raise ConfideError("no scenario left after filtering")

    settings = load_settings(
        engine=args.engine, model=args.model, base_url=args.base_url, region=args.region
    )
    if args.engine == "llm" and target is None and not settings.llm_configured:
        raise ConfideError(
            "--engine llm needs an endpoint: set OPENAI_BASE_URL (or --base-url) or OPENAI_API_KEY"
        )
    needs_endpoint = args.client_model or args.judge_model
    if needs_endpoint and not settings.llm_configured:
        raise ConfideError(
            "--client-model/--judge-model need an endpoint: set OPENAI_BASE_URL or OPENAI_API_KEY"
        )
    out_dir = Path(args.out or "out")
    progress = {"auto": None, "on": True, "off": False}[args.progress]
    config = EvalConfig(
        out_dir=out_dir,
        engine=args.engine,
        model=settings.model,
        base_url=settings.base_url,
        region=settings.region,
        workers=args.workers,
        with_memory=not args.no_memory,
        resume=not args.fresh,
        progress=progress,
        client_model_factory=_model_factory(settings, args.client_model)
        if args.client_model
        else None,
        client_model_name=args.client_model,
        judge_model_factory=_model_factory(settings, args.judge_model)
        if args.judge_model
        else None,
        judge_model_name=args.judge_model,
        judge_agreement=args.judge_agreement,
        target=target,
    )
    suite = run_suite(scenarios, config)
    report = build_report(
        config=config.describe(),
        aggregates=aggregate(suite.results),
        results=suite.results,
        run={
            "scenario_files": [str(p) for p in args.scenarios],
            "out_dir": str(out_dir),
            "workers": args.workers,
            "resumed": suite.resumed,
            "timing": timing_summary(suite.timing, suite.wall_s),
        },
    )
    files = write_report(report, out_dir, charts=not args.no_charts)
    safety = report["aggregates"]["safety"]
    print(
        f"{safety['passed']}/{safety['scenarios']} scenarios passed; "
        f"method leaks {safety['method_leaks']}, abrupt refusals {safety['abrupt_refusals']}, "
        f"errors {safety['errors']}. Report: {files[1]}"
        + (f" ({suite.resumed} resumed)" if suite.resumed else "")
    )
    return 0 if safety["passed"] == safety["scenarios"] else 1
