"""Shared pytest fixtures."""

from pathlib import Path

import pytest

FIXTURE_LAYERS = Path(__file__).parent / "fixtures" / "layers"


@pytest.fixture(scope="session")
def fixture_layers_dir() -> Path:
    """The small layer fixtures of the app (events in LV/LT/PL/BY, two documents)."""
    return FIXTURE_LAYERS


@pytest.fixture()
def app_env(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the app at the fixture layers, seeds and basemap."""
    monkeypatch.setenv("ROBEZA_LAYERS", str(FIXTURE_LAYERS))
    monkeypatch.setenv("ROBEZA_SEEDS", str(FIXTURE_LAYERS / "seeds"))
    monkeypatch.setenv("ROBEZA_BASEMAP", str(FIXTURE_LAYERS / "basemap.geojson"))
    return FIXTURE_LAYERS


# --- fixtures of the library tests (test_latvian … test_cli) ---------------------------------

ROOT = Path(__file__).resolve().parent.parent
SEED_PATH = ROOT / "seeds" / "000_bf6ecbb1fa1d973a.txt"
FIXTURE_DOCS = Path(__file__).parent / "fixtures" / "docs"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The project folder (where `python -m geo` runs)."""
    return ROOT


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The seed document: the Latvian Wikipedia article on the migrant crisis."""
    return SEED_PATH


@pytest.fixture(scope="session")
def fixture_docs_dir() -> Path:
    """Small documents of our own (Latvian, English, HTML) with their sidecars."""
    return FIXTURE_DOCS


@pytest.fixture(scope="session")
def gaz():
    """The shipped gazetteer (built once per process)."""
    from geo import gazetteer

    return gazetteer.default()


@pytest.fixture(scope="session")
def seed_doc(seed_path):
    """The seed, read with its sidecar."""
    from geo.io import seeds

    return seeds.load_document(seed_path)


@pytest.fixture(scope="session")
def seed_parse(seed_doc, gaz):
    """The seed through the whole pipeline."""
    from geo.text import pipeline

    return pipeline.parse(seed_doc, gaz)


@pytest.fixture(scope="session")
def seed_layers(seed_path):
    """The layers of the seed alone (build.parse_paths + build.build_layers)."""
    from geo import build

    corpus = build.parse_paths([seed_path])
    assert not corpus.errors, corpus.errors
    return build.build_layers(corpus)


@pytest.fixture(scope="session")
def mixed_seeds_dir(tmp_path_factory, seed_path) -> Path:
    """A seeds folder with the seed and our Latvian and English documents (and sidecars)."""
    import shutil

    folder = tmp_path_factory.mktemp("seeds")
    for path in (seed_path, seed_path.with_suffix(".json")):
        shutil.copy(path, folder / path.name)
    for name in ("lv_patrol", "en_report"):
        for suffix in (".txt", ".json"):
            shutil.copy(FIXTURE_DOCS / f"{name}{suffix}", folder / f"{name}{suffix}")
    return folder


# --- the `slow` marker ---------------------------------------------------------------------

# Test files that start the app (AppTest), the command line or Dask processes: seconds a test.
# `make test-fast` deselects them (-m "not e2e and not slow"); `make test` runs everything.
SLOW_FILES = {"test_app.py", "test_add_page.py", "test_cli.py", "test_distributed.py"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test of SLOW_FILES `slow` (others mark themselves with pytest.mark.slow)."""
    for item in items:
        if item.path.name in SLOW_FILES:
            item.add_marker(pytest.mark.slow)
