"""docs/ARCHITECTURE.md names only paths and Python names that exist."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "ARCHITECTURE.md"
_TICKED = re.compile(r"`([^`\s]+)`")
_LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def _ticked() -> list[str]:
    return sorted(set(_TICKED.findall(DOC.read_text(encoding="utf-8"))))


PATHS = [t for t in _ticked() if "/" in t and not t.startswith(("http", "-"))]
NAMES = [t for t in _ticked() if t.startswith("confide.") and "/" not in t]


def test_the_doc_cites_paths_and_names() -> None:
    assert len(PATHS) >= 20
    assert len(NAMES) >= 20


@pytest.mark.parametrize("path", PATHS)
def test_a_cited_path_exists(path: str) -> None:
    assert (ROOT / path.rstrip("/")).exists(), path


@pytest.mark.parametrize("name", NAMES)
def test_a_cited_python_name_exists(name: str) -> None:
    parts = name.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj: object = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for attr in parts[cut:]:
            assert hasattr(obj, attr), f"{name}: no {attr!r}"
            obj = getattr(obj, attr)
        return
    pytest.fail(f"{name}: no such module")


def test_relative_links_resolve() -> None:
    links = [u for u in _LINK.findall(DOC.read_text(encoding="utf-8")) if "://" not in u]
    assert links
    for link in links:
        assert (DOC.parent / link).exists(), link


def test_the_readme_links_it() -> None:
    assert "(docs/ARCHITECTURE.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
