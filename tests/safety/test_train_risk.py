"""scripts/train_risk.py: how the cross-validation folds and the false-positive budgets treat
the everyday conversations (their turns and windows are near copies of each other)."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

import pytest


@pytest.fixture(scope="module")
def train(load_script: Callable[[str], ModuleType]) -> ModuleType:
    return load_script("train_risk")


def _items(train: ModuleType) -> list:  # type: ignore[type-arg]
    item = train.data.Item
    written = [
        item(text=f"w{w}-{i}", level="high", categories=(), source="written", group=f"w{w}")
        for w in range(4)
        for i in range(3)
    ]
    convs = [
        item(
            text=f"c{c}-{i}",
            level="none",
            categories=(),
            source="conversation",
            group=f"conv:e{c}",
            kind="everyday",
        )
        for c in range(3)
        for i in range(20)
    ]
    single = [
        item(text=f"e{i}", level="none", categories=(), source="everyday", group="everyday:x")
        for i in range(5)
    ]
    return written + convs + single


def test_a_conversation_writer_is_held_out_whole(train: ModuleType) -> None:
    items = _items(train)
    for k in (0, 2):
        folds = train.folds(items, k, "source")
        by_writer: dict[str, set[str]] = {}
        for it, fold in zip(items, folds, strict=True):
            if it.source == "conversation":
                by_writer.setdefault(it.group, set()).add(fold)
        assert by_writer and all(len(f) == 1 for f in by_writer.values()), by_writer


def test_no_budget_is_counted_on_conversation_windows(train: ModuleType) -> None:
    items = _items(train)
    for name in ("hard", "everyday", "none", "below"):
        population = train._population(items, name, 3)
        counted = {it.source for it, keep in zip(items, population, strict=True) if keep}
        assert "conversation" not in counted, name
        assert counted, name  # the single messages are still counted
