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

    @property
    def warnings(self) -> list[str]:
        """Documents that were read but give nothing to map: they name no place at all."""
        return [f"{p.doc.doc_id}: {no_places_problem(p.doc)}" for p in self.parses if not p.places]


LANGUAGE_NAMES = {"lv": "Latvian", "en": "English"}


def no_places_problem(doc: documents.Document) -> str:
    """What to tell the user about a document in which no place was found."""
    language = LANGUAGE_NAMES.get(doc.lang, doc.lang)
    return f"no places found in this {language} text, so nothing of it can go on the map (is the language right?)"


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
