"""Building the layers of a whole seeds folder: every document parsed, problems reported."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from geo import gazetteer
from geo.io import layers, seeds
from geo.io.seeds import DocumentError
from geo.text import pipeline

ROOT = Path(__file__).resolve().parent.parent
# When the build parses on local Dask processes by default. Measured (bench/, 2 cores): a local
# cluster costs ~1.5 s to start; 3 000 documents took 12.8 s in one process and 12.3 s on two
# workers, 10 000 took 40 s and 35 s (and 1.0 GB instead of 0.7): on two cores it gains little,
# since combining and writing the layers stays in one process.
PARALLEL_MIN_DOCS = 1000
PARALLEL_MIN_CORES = 2
SEEDS = ROOT / "seeds"
LAYERS = ROOT / "data" / "layers"


@dataclass
class Corpus:
    """What the documents of a folder add to the layers, and the documents that could not be read."""

    documents: list[layers.DocumentRows] = field(default_factory=list)
    errors: list[DocumentError] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        """Documents that were read but give nothing to map: they name no place at all."""
        notes = [f"{d.doc_id}: {note}" for d in self.documents for note in d.notes]
        return notes + [f"{d.doc_id}: {no_places_problem(d.lang)}" for d in self.documents if not d.place_mentions]


LANGUAGE_NAMES = {"lv": "Latvian", "en": "English"}


def no_places_problem(lang: str) -> str:
    """What to tell the user about a document in which no place was found."""
    language = LANGUAGE_NAMES.get(lang, lang)
    return f"no places found in this {language} text, so nothing of it can go on the map (is the language right?)"


def parse_path(path: Path) -> layers.DocumentRows:
    """Read and parse one seed (with the shipped gazetteer); keep only its layer rows."""
    gaz = gazetteer.default()
    return layers.document_rows(pipeline.parse(seeds.load_document(path), gaz), gaz)


def parse_paths(paths: list[Path]) -> Corpus:
    """Parse every path in order; a bad document is recorded, never the end of the build: any
    exception reading or parsing it (a RecursionError, a bug) is that document's error. Of two
    paths with one doc_id the second is an error naming both."""
    corpus = Corpus()
    paths, corpus.errors = seeds.unique_ids(paths)
    for path in paths:
        try:
            corpus.documents.append(parse_path(path))
        except Exception as err:  # noqa: BLE001 - see the docstring
            corpus.errors.append(seeds.failure(Path(path).name, err))
    return corpus


def default_workers(documents_count: int, cores: int) -> int:
    """Local Dask workers for a build when none are asked for: one per core for a large corpus
    on a machine with more than PARALLEL_MIN_CORES cores, else 0 (parse in this process)."""
    return cores if documents_count >= PARALLEL_MIN_DOCS and cores > PARALLEL_MIN_CORES else 0


def build_layers(corpus: Corpus) -> layers.Layers:
    """The layers of a parsed corpus."""
    return layers.combine(corpus.documents, gazetteer.default())


def stale_files(built: layers.Layers, out: Path, parquet: bool | None = None) -> list[str]:
    """Names of the files a fresh build would write that differ from (or lack) those in `out`,
    the manifest included, and of files `out`'s manifest names that a fresh build would not write.

    GeoParquet is compared when asked, or (by default) when `out` holds it."""
    manifest = layers.read_manifest(out) or {}
    if parquet is None:
        parquet = any(name.endswith(".parquet") for name in manifest) or any(Path(out).glob("*.parquet"))
    fresh = layers.set_digests(built, parquet)
    stale = []
    for name, digest in fresh.items():
        path = Path(out) / name
        if not path.exists() or hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            stale.append(name)
    stale += sorted(name for name in manifest if name not in fresh)
    return stale
