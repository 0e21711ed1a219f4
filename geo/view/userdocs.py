"""Documents a user adds in the app: parse them, turn them into layers, merge with the loaded ones.

Nothing here writes to the repository except `save_to_seeds`, which the user asks for.
"""

from __future__ import annotations

import fcntl
import json
import multiprocessing
import os
import re
import tempfile
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, Iterator

import geopandas as gpd
import pandas as pd

from geo import gazetteer
from geo.io import layers, schema, seeds
from geo.model import Document
from geo.text import pipeline

LAYER_NAMES = schema.LAYER_NAMES


def from_upload(data: bytes, filename: str, title: str = "", lang: str | None = None,
                published: date | None = None) -> Document:
    """A Document from an uploaded file (txt, md or html); raises DocumentError with the reason."""
    if not filename.lower().endswith(seeds.TEXT_SUFFIXES):
        raise seeds.DocumentError(filename, f"unsupported file type (use {', '.join(seeds.TEXT_SUFFIXES)})")
    return seeds.document_from_upload(data, filename, _meta(title or filename, lang, published))


def from_text(text: str, title: str = "", lang: str | None = None, published: date | None = None) -> Document:
    """A Document from pasted text; raises DocumentError with the reason."""
    data = text.encode("utf-8")
    return seeds.make_document(seeds.decode(data, title or "pasted text"),
                                   _meta(title or "Pasted text", lang, published), name=title or "pasted text")


def _meta(title: str, lang: str | None, published: date | None = None) -> dict[str, Any]:
    """Sidecar metadata of a user document; `published` gives a year to dates without one."""
    meta: dict[str, Any] = {"title": title, "source": "added in the app"}
    if lang:
        meta["language"] = lang
    if published:
        meta["published"] = published.isoformat()
    return meta


# A text at least this long is parsed in a child process: parsing is pure Python and holds the
# GIL, so a 1 MB upload parsed in the server's process would slow every other session's reruns
# for the seconds it takes; in its own process it takes another core instead.
SUBPROCESS_MIN_CHARS = 50_000
_POOL: ProcessPoolExecutor | None = None
_POOL_LOCK = threading.Lock()


def _pool() -> ProcessPoolExecutor:
    """The one child process of the server that parses long user texts (started on first use,
    by spawning: forking a threaded server is unsafe)."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        return _POOL


def _parse_here(doc: Document) -> pipeline.Parse:
    """The pipeline with the shipped gazetteer (in this process)."""
    return pipeline.parse(doc, gazetteer.default())


def parse(doc: Document, subprocess_min_chars: int = SUBPROCESS_MIN_CHARS) -> pipeline.Parse:
    """Run the pipeline on a user document with the shipped gazetteer — a long text in the
    parsing child process (SUBPROCESS_MIN_CHARS); any failure is that document's DocumentError
    (the session and the other documents carry on)."""
    global _POOL
    try:
        if len(doc.text) >= subprocess_min_chars:
            return _pool().submit(_parse_here, doc).result()
        return _parse_here(doc)
    except BrokenProcessPool as err:
        with _POOL_LOCK:
            _POOL = None  # the child died (killed, out of memory): the next long text starts another
        raise seeds.failure(doc.title, err) from None
    except Exception as err:  # noqa: BLE001
        raise seeds.failure(doc.title, err) from None


def to_layers(parses: list[pipeline.Parse]) -> dict[str, pd.DataFrame]:
    """The layers of user documents, in the shape `layers.load_layers` gives."""
    built = layers.build(parses, gazetteer.default())
    frames = dict(zip(LAYER_NAMES, (built.events, built.places, built.mentions, built.areas)))
    out: dict[str, pd.DataFrame] = {name: layers.normalise(frame, name) for name, frame in frames.items()}
    out["unresolved"] = layers.unresolved_frame(built.unresolved)
    return out


def merge(base: dict[str, pd.DataFrame], extra: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Loaded layers plus a user's: rows appended; a place or area seen in both kept once."""
    merged = {}
    for name in (*LAYER_NAMES, "unresolved"):
        parts = [frame for frame in (base.get(name), extra.get(name)) if frame is not None and len(frame)]
        if not parts:
            merged[name] = base.get(name) if base.get(name) is not None else extra.get(name)
            continue
        frame = pd.concat(parts, ignore_index=True)
        if name == "places":
            frame = layers.merge_places(parts)
        elif name == "areas":
            frame = frame.drop_duplicates("id").reset_index(drop=True)
        merged[name] = gpd.GeoDataFrame(frame, geometry="geometry", crs=schema.WGS84) if "geometry" in frame else frame
    return merged


def seed_name(title: str) -> str:
    """A file-system-safe seed name from a title."""
    slug = re.sub(r"[^\w]+", "-", title.lower(), flags=re.UNICODE).strip("-")[:60]
    return slug or "document"


class SeedExists(FileExistsError):
    """A seed of that name (any text suffix, or its sidecar) is already in the folder."""


def save_to_seeds(doc: Document, folder: Path) -> Path:
    """Write a user document into the seeds folder as NAME.txt + NAME.json; never overwrites.

    The name is refused when any text of that name (.txt, .md, .html, .htm) or its sidecar
    exists, or when the same text is already saved under another name. Under a lock on the
    folder (saves in other threads and processes wait), both files are written in full under
    temporary names, then linked into place exclusively (O_EXCL semantics: link fails if the
    name exists), the sidecar first: a reader never finds the text without its sidecar, and a
    failure leaves neither file behind."""
    folder = Path(folder)
    name = seed_name(doc.title)
    meta = {k: v for k, v in doc.meta.items() if k in seeds.SIDECAR_FIELDS}
    sidecar_text = json.dumps(meta, ensure_ascii=False, indent=2) + "\n"
    with _folder_lock(folder):
        taken = [folder / f"{name}{suffix}" for suffix in (*seeds.TEXT_SUFFIXES, ".json")]
        existing = [p.name for p in taken if p.exists()]
        if existing:
            raise SeedExists(f"{existing[0]} already exists in seeds/; choose another title")
        same = _same_text(doc.text, folder)
        if same is not None:
            raise SeedExists(f"this text is already saved in seeds/ as {same}; nothing was written")
        text_path, sidecar = folder / f"{name}.txt", folder / f"{name}.json"
        made: list[Path] = []
        try:
            for final, content in ((sidecar, sidecar_text), (text_path, doc.text)):
                tmp = _temporary(folder, content)
                try:
                    os.link(tmp, final)  # fails with FileExistsError when the name is taken
                    made.append(final)
                finally:
                    tmp.unlink()
        except BaseException:
            for path in made:
                path.unlink(missing_ok=True)
            raise
    return text_path


def _temporary(folder: Path, content: str) -> Path:
    """A new file in `folder` (a name no seed reader picks up) holding `content`, flushed."""
    fd, name = tempfile.mkstemp(prefix=".save-", suffix=".tmp", dir=folder)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
        fh.write(content)
        fh.flush()
        os.fsync(fh.fileno())
    return Path(name)


def _same_text(text: str, folder: Path) -> str | None:
    """The name of a seed in `folder` whose text is `text` exactly, else None."""
    data = text.encode("utf-8")
    for path in folder.iterdir():
        if path.suffix == ".txt" and path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
            return path.name
    return None


@contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    """An exclusive lock on a seeds folder (a lock file in it), held while a save decides and writes."""
    fd = os.open(folder / ".save.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def add(added: dict[str, dict[str, Any]], doc: Document, layers: dict[str, pd.DataFrame]) -> None:
    """Add a processed document to the session's documents; the same text added again (under
    another title too) is refused, naming the first, instead of silently replacing it."""
    if doc.doc_id in added:
        raise seeds.DocumentError(doc.title, f"this text is already added, as “{added[doc.doc_id]['doc'].title}”; "
                                             "remove that one first to add it again")
    added[doc.doc_id] = {"doc": doc, "layers": layers}
