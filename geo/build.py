"""Building the layers of a whole seeds folder: every document parsed, problems reported."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from geo import documents, gazetteer, layers, pipeline
from geo.documents import DocumentError

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
LAYERS = ROOT / "data" / "layers"


@dataclass
class Corpus:
    """The parses of a folder and the documents that could not be read."""

    parses: list[pipeline.Parse] = field(default_factory=list)
    errors: list[DocumentError] = field(default_factory=list)


def parse_path(path: Path) -> pipeline.Parse:
    """Read and parse one seed (with the shipped gazetteer)."""
    return pipeline.parse(documents.load_document(path), gazetteer.default())


def parse_paths(paths: list[Path]) -> Corpus:
    """Parse every path in order; a bad document is recorded, never the end of the build."""
    corpus = Corpus()
    for path in paths:
        try:
            corpus.parses.append(parse_path(path))
        except DocumentError as err:
            corpus.errors.append(err)
    return corpus


def build_layers(corpus: Corpus) -> layers.Layers:
    """The layers of a parsed corpus."""
    return layers.build(corpus.parses, gazetteer.default())


def stale_files(built: layers.Layers, out: Path) -> list[str]:
    """Names of layer files in `out` that differ from (or lack) a fresh build's."""
    stale = []
    for name, content in layers.render(built).items():
        path = out / name
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            stale.append(name)
    return stale
