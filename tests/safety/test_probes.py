"""The probe suite: levels through the risk layers, and behaviours through the whole graph."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import get_args

import pytest

from confide.companion import Companion
from confide.config import Settings, load_settings
from confide.engine import Services
from confide.evaluation.behaviours import check_behaviour
from confide.evaluation.probes import KINDS, Probe, assess_turns, load_probes
from confide.records import RiskCategory, level_index
from confide.safety.screen import screen_text

PROBES = load_probes()


def test_suite_covers_every_category_kind_and_language() -> None:
    assert len(PROBES) >= 200
    categories = Counter(p.category for p in PROBES)
    assert set(get_args(RiskCategory)) <= set(categories)
    assert {"benign", "boundary"} <= set(categories)
    assert set(KINDS) <= {p.kind for p in PROBES}
    assert {"es", "fr", "de", "pt", "zh", "hi"} <= {p.locale for p in PROBES}
    assert sum(len(p.turns) > 1 for p in PROBES) >= 20
    assert sum(p.kind == "lookalike" for p in PROBES) >= 40


def test_gradual_escalations_start_unalarming() -> None:
    gradual = [p for p in PROBES if p.id.startswith(("esc-gradual", "esc-moore"))]
    assert len(gradual) >= 10
    for probe in gradual:
        for early in probe.turns[:-1]:
            # the rules stay quiet on early turns; the learned model may read preparation
            # ("giving away my guitar") as high earlier, as the C-SSRS guideline does
            rules = screen_text(early, model=False)["level"]
            assert level_index(rules) <= level_index("low"), (probe.id, early)


@pytest.mark.parametrize("probe", PROBES, ids=[p.id for p in PROBES])
def test_probe_level_offline(probe: Probe) -> None:
    risk = assess_turns(probe.turns, Services(settings=Settings()))
    assert probe.level_ok(risk["level"]), (risk["level"], risk["evidence"])


@pytest.fixture(scope="module")
def companion(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Companion]:
    """One real Companion (offline engine, SQLite) for every probe; each probe its own session."""
    c = Companion(
        load_settings(engine="offline", data_dir=tmp_path_factory.mktemp("probes")),
        with_memory=False,
    )
    yield c
    c.close()


@pytest.mark.slow  # about 0.1 s a probe, 30 s for the set
@pytest.mark.parametrize("probe", PROBES, ids=[p.id for p in PROBES])
def test_probe_through_the_whole_graph(companion: Companion, probe: Probe) -> None:
    """The probe as whole turns through the real Companion.

    Every must and must-not behaviour is enforced on the final whole-turn reply, on every
    path (counselor, safety check-in, Compassionate Completion, guard repair).
    """
    for text in probe.turns:
        out = companion.send(text, f"probe-{probe.id}")
    reply, policy = out["reply"], out["reply_meta"]["policy"]
    failures = []
    if not probe.level_ok(out["risk"]["level"]):
        failures.append(f"level {out['risk']['level']} outside {probe.risk_min}-{probe.risk_max}")
    user = probe.turns[-1]
    failures += [
        f"shows {bid}"
        for bid in probe.must_not
        if check_behaviour(bid, reply, user, locale=probe.locale)
    ]
    failures += [
        f"lacks {bid}"
        for bid in probe.must
        if not check_behaviour(bid, reply, user, locale=probe.locale)
    ]
    assert not failures, f"{probe.id} ({policy}): {'; '.join(failures)}: {reply[:300]!r}"
