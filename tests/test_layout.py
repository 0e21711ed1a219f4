"""The architecture the folder names promise: text, I/O and view apart; no Streamlit in geo/."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

GEO = Path(__file__).resolve().parent.parent / "geo"


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports (absolute names; relative imports resolved to geo.*)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def files_of(package: str) -> list[Path]:
    """The Python files of a package under geo/."""
    return sorted((GEO / package).rglob("*.py")) if package else sorted(GEO.rglob("*.py"))


@pytest.mark.parametrize("path", files_of(""), ids=lambda p: str(p.relative_to(GEO)))
def test_nothing_in_geo_imports_streamlit(path):
    assert not {m for m in imported_modules(path) if m.split(".")[0] in ("streamlit", "streamlit_folium", "ui")}


@pytest.mark.parametrize("path", files_of("text"), ids=lambda p: str(p.relative_to(GEO)))
def test_text_imports_neither_io_nor_view(path):
    assert not {m for m in imported_modules(path) if m.startswith(("geo.io", "geo.view"))}


@pytest.mark.parametrize("path", files_of("view"), ids=lambda p: str(p.relative_to(GEO)))
def test_view_reads_frames_not_text_internals(path):
    # the view gets typed frames from geo.io; parsing a user's document goes through the
    # pipeline's one entry point, never into recognisers or date grammar
    allowed = {"geo.text.pipeline", "geo.text", "geo.text.pipeline.Parse"}
    assert not {m for m in imported_modules(path) if m.startswith("geo.text") and m not in allowed}


def test_the_three_layers_exist_as_packages():
    for package in ("text", "text/places", "io", "view"):
        assert (GEO / package / "__init__.py").exists(), package
