"""GeoDataFrames of the data contract, and writing them as RFC 7946 GeoJSON (and GeoParquet).

Every builder returns a GeoDataFrame in EPSG:4326. Writing is deterministic: the same
parses give byte-identical files, so ``python -m geo build --check`` can compare.
"""

from __future__ import annotations

import bisect
import ctypes
import fcntl
import hashlib
import io
import json
import os
import shutil
import tempfile
import time
from collections import ChainMap
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import Point, mapping

from geo.gazetteer import AREAS_GEOJSON, Gazetteer, Place
from geo.io.schema import (
    COLUMNS,
    DATE_COLUMNS,
    INT_COLUMNS,
    LAYER_NAMES,
    LIST_COLUMNS,
    WGS84,
    as_int,
    as_iso_date,
    as_list,
    encode_lists,
    plain,
)
from geo.io.seeds import strip_bidi
from geo.text.events import Event
from geo.text.pipeline import Parse

LAYER_FILES = ("events.geojson", "places.geojson", "mentions.geojson", "areas.geojson")
UNRESOLVED_FILE = "unresolved.json"
MANIFEST_FILE = "manifest.json"  # every file of the set with its SHA-256; written last
MANIFEST_FORMAT = 1
# the contract's columns, owned by geo.io.schema (named here for the builders below)
EVENT_COLUMNS, PLACE_COLUMNS = COLUMNS["events"], COLUMNS["places"]
MENTION_COLUMNS, AREA_COLUMNS = COLUMNS["mentions"], COLUMNS["areas"]


@dataclass(frozen=True)
class Layers:
    """The four GeoJSON layers and the unresolved list."""

    events: gpd.GeoDataFrame
    places: gpd.GeoDataFrame
    mentions: gpd.GeoDataFrame
    areas: gpd.GeoDataFrame
    unresolved: list[dict[str, Any]]


def _frame(rows: list[dict[str, Any]], columns: list[str], geometry: list) -> gpd.GeoDataFrame:
    """A GeoDataFrame whose columns keep Python values (ints stay ints next to nulls)."""
    data = {c: pd.Series([r[c] for r in rows], dtype=object) for c in columns}
    return gpd.GeoDataFrame(data, geometry=gpd.GeoSeries(geometry, crs=WGS84), crs=WGS84)


def _point(place: Place) -> Point:
    """The place's position, lon/lat."""
    return Point(round(place.lon, 6), round(place.lat, 6))


def event_row(event: Event, doc: Any) -> dict[str, Any]:
    """The properties of one event, as in the data contract."""
    pos = event.position
    return {
        "id": event.id, "doc_id": event.doc_id,
        "date_start": event.date_start.isoformat() if event.date_start else None,
        "date_end": event.date_end.isoformat() if event.date_end else None,
        "date_text": event.date_text, "time_precision": event.time_precision,
        "event_type": event.event_type, "persons": event.persons,
        "place_ids": [p.id for p in event.places], "place_names": [p.name for p in event.places],
        "place_name": pos.name, "country": pos.country, "countries": list(event.countries),
        "geo_precision": pos.geo_precision,
        "quote": doc.text[event.quote_start:event.quote_end],
        "quote_start": event.quote_start, "quote_end": event.quote_end,
        "spans": [s.row() for s in event.spans],
        "date_relation": event.date_relation, "date_from_context": event.date_from_context,
        "place_from_context": event.place_from_context, "area_id": event.area_id, "doc_title": doc.title,
    }


@dataclass(frozen=True)
class DocumentRows:
    """What one document adds to the layers, without the parse it came from: a build of
    thousands of documents keeps only these (and a Dask worker sends only these back)."""

    doc_id: str
    lang: str
    place_mentions: int  # every place mention, resolved or not
    events: tuple[dict[str, Any], ...]
    event_points: tuple[Point, ...]
    mentions: tuple[dict[str, Any], ...]  # resolved mentions only
    mention_points: tuple[Point, ...]
    extra_places: tuple[Place, ...]  # found in GeoNames, not the gazetteer
    unresolved: tuple[dict[str, Any], ...]
    notes: tuple[str, ...] = ()  # what reading changed (control characters removed, …)


def document_rows(parse: Parse, gazetteer: Gazetteer) -> DocumentRows:
    """The rows of the event and mention layers of one parsed document."""
    known = ChainMap({p.id: p for p in parse.extra_places}, gazetteer.places)
    events = [event_row(e, parse.doc) for e in parse.events]
    bounds = sorted((s.start, s.end) for s in parse.sentences)
    starts = [start for start, _ in bounds]
    mentions, points = [], []
    for m in parse.places:
        place = known.get(m.place_id or "")
        if place is None or place.lat is None:
            continue  # reported in unresolved.json
        s_start, s_end = sentence_of(m.start, bounds, starts) or (m.start, m.end)
        mentions.append({"doc_id": parse.doc.doc_id, "start": m.start, "end": m.end, "surface": m.surface,
                         "lemma": m.lemma, "place_id": m.place_id, "role": m.role,
                         "resolution": m.resolution, "sentence_start": s_start, "sentence_end": s_end})
        points.append(_point(place))
    return DocumentRows(parse.doc.doc_id, parse.doc.lang, len(parse.places), tuple(events),
                        tuple(_point(e.position) for e in parse.events), tuple(mentions), tuple(points),
                        tuple(parse.extra_places), tuple(parse.unresolved),
                        tuple(parse.doc.meta.get("notes") or ()))


def sentence_of(offset: int, bounds: list[tuple[int, int]], starts: list[int]) -> tuple[int, int] | None:
    """The (start, end) of the sentence holding `offset`, None when it falls between sentences:
    a binary search over the sorted, disjoint sentence spans (`starts` are their starts), so a
    document's mentions cost n log n, not mentions × sentences."""
    i = bisect.bisect_right(starts, offset) - 1
    if i >= 0 and bounds[i][0] <= offset < bounds[i][1]:
        return bounds[i]
    return None


def places_frame(docs: list[DocumentRows], gazetteer: Gazetteer, events: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """One Point per place mentioned at least once, with its count and the dates of its events."""
    # the table is read only for the places mentioned (it unpickles each place on first use)
    known = ChainMap({p.id: p for doc in docs for p in doc.extra_places}, gazetteer.places)
    counts: dict[str, int] = {}
    for doc in docs:
        for m in doc.mentions:
            counts[m["place_id"]] = counts.get(m["place_id"], 0) + 1
    places = {}
    for place_id in counts:
        place = known[place_id]
        places[place_id] = ({"id": place.id, "name": place.name, "name_lv": place.name_lv, "type": place.type,
                             "country": place.country, "geo_precision": place.geo_precision,
                             "source": place.source}, _point(place))
    dated = zip(events.get("place_ids", []), events.get("date_start", []), events.get("date_end", []))
    return _places(places, counts, dated)


def merge_places(frames: list[gpd.GeoDataFrame]) -> gpd.GeoDataFrame:
    """The places layers of disjoint sets of documents as one: each place once (its first row),
    its mention counts added, its dates the widest span of its rows'."""
    counts: dict[str, int] = {}
    places: dict[str, tuple[dict[str, Any], Any]] = {}
    dated = []
    for frame in frames:
        rows = frame.drop(columns=frame.geometry.name).to_dict("records")
        for row, point in zip(rows, frame.geometry):
            counts[row["id"]] = counts.get(row["id"], 0) + (as_int(row["mention_count"]) or 0)
            places.setdefault(row["id"], (row, point))
            dated.append(((row["id"],), row["first_date"], row["last_date"]))
    return _places(places, counts, dated)


def _places(places: dict[str, tuple[dict[str, Any], Any]], counts: dict[str, int],
            dated: Iterable[tuple[Iterable[str], str | None, str | None]]) -> gpd.GeoDataFrame:
    """The places layer: per counted place (by id), its properties and point, its mention count
    and the first start and last end of the (place ids, start, end) spans that name it."""
    spans: dict[str, tuple[str, str]] = {}  # place id → (first start, last end)
    for ids, start, end in dated:
        if not start or not end:
            continue  # an undated event says nothing of when its places were named
        for place_id in ids:
            first, last = spans.get(place_id, (start, end))
            spans[place_id] = (min(first, start), max(last, end))
    rows, points = [], []
    for place_id in sorted(counts):
        properties, point = places[place_id]
        first, last = spans.get(place_id, (None, None))
        rows.append({**properties, "mention_count": counts[place_id], "first_date": first, "last_date": last})
        points.append(point)
    return _frame(rows, PLACE_COLUMNS, points)


def areas_frame(place_ids: set[str], path: Path = AREAS_GEOJSON) -> gpd.GeoDataFrame:
    """The polygons and lines of the named areas, oriented by the right-hand rule."""
    areas = gpd.read_file(path) if path.exists() else gpd.GeoDataFrame({c: [] for c in AREA_COLUMNS}, geometry=[], crs=WGS84)
    areas = areas[areas["id"].isin(place_ids)].sort_values("id").reset_index(drop=True)
    geometry = shapely.orient_polygons(areas.geometry.values, exterior_cw=False)
    return gpd.GeoDataFrame(areas[AREA_COLUMNS].astype(object), geometry=gpd.GeoSeries(geometry, crs=WGS84), crs=WGS84)


def build(parses: list[Parse], gazetteer: Gazetteer, areas_path: Path = AREAS_GEOJSON) -> Layers:
    """All layers of a set of parsed documents."""
    return combine([document_rows(p, gazetteer) for p in parses], gazetteer, areas_path)


def combine(docs: list[DocumentRows], gazetteer: Gazetteer, areas_path: Path = AREAS_GEOJSON) -> Layers:
    """All layers of a set of documents' rows, in document-id order (deterministic)."""
    docs = sorted(docs, key=lambda d: d.doc_id)
    events = _frame([r for d in docs for r in d.events], EVENT_COLUMNS, [p for d in docs for p in d.event_points])
    mentions = _frame([r for d in docs for r in d.mentions], MENTION_COLUMNS,
                      [p for d in docs for p in d.mention_points])
    places = places_frame(docs, gazetteer, events)
    unresolved = [u for d in docs for u in d.unresolved]
    return Layers(events, places, mentions, areas_frame(set(places["id"]), areas_path), unresolved)


def geojson_chunks(frame: gpd.GeoDataFrame) -> Iterator[str]:
    """RFC 7946 FeatureCollection text, one feature per line, deterministic — a feature at a
    time, so a layer of a hundred thousand events is never all in memory as dicts and text.

    The one GeoJSON writer (the build's layers and the app's exports): WGS84 with no crs member,
    exterior rings counter-clockwise, properties as JSON values (the contract's int columns
    ints even in a float column; text without Unicode bidi controls)."""
    if frame.crs is not None and not frame.crs.equals(WGS84):
        frame = frame.to_crs(WGS84)
    columns = [c for c in frame.columns if c != frame.geometry.name]
    yield '{"type":"FeatureCollection","features":[\n'
    separator = ""
    for geometry, row in zip(frame.geometry, frame[columns].itertuples(index=False, name=None)):
        feature = {"type": "Feature",
                   "properties": {column: json_value(column, value) for column, value in zip(columns, row)},
                   "geometry": rfc7946_geometry(geometry)}
        yield separator + json.dumps(feature, ensure_ascii=False, separators=(",", ":"))
        separator = ",\n"
    yield ("\n" if separator else "") + "]}\n"


def json_value(column: str, value: Any) -> Any:
    """A property value as JSON: the contract's int columns stay ints even in a float column;
    text without Unicode bidi controls (layers built from older reads may still hold them)."""
    if column in INT_COLUMNS:
        return as_int(value)
    value = plain(value)
    if isinstance(value, str):
        return strip_bidi(value)
    if isinstance(value, list):
        return [strip_bidi(v) if isinstance(v, str) else v for v in value]
    return value


def rfc7946_geometry(geometry: Any) -> dict | None:
    """A geometry as GeoJSON with exterior rings counter-clockwise (RFC 7946 §3.1.6)."""
    if geometry is None or geometry.is_empty:
        return None
    if geometry.geom_type == "Point":
        return mapping(geometry)
    return mapping(shapely.orient_polygons(geometry, exterior_cw=False))


def to_geojson(frame: gpd.GeoDataFrame) -> str:
    """RFC 7946 FeatureCollection text of a layer (see geojson_chunks)."""
    return "".join(geojson_chunks(frame))


def file_chunks(layers: Layers) -> Iterator[tuple[str, Iterator[str]]]:
    """(file name, its text in chunks) of every layer file."""
    frames = zip(LAYER_FILES, (layers.events, layers.places, layers.mentions, layers.areas))
    for name, frame in frames:
        yield name, geojson_chunks(frame)
    yield UNRESOLVED_FILE, iter([json.dumps(layers.unresolved, ensure_ascii=False, indent=1) + "\n"])


def render(layers: Layers) -> dict[str, str]:
    """File name → content of every layer file."""
    return {name: "".join(chunks) for name, chunks in file_chunks(layers)}


def digests(layers: Layers) -> dict[str, str]:
    """File name → SHA-256 of the content of every layer file, computed chunk by chunk."""
    out = {}
    for name, chunks in file_chunks(layers):
        digest = hashlib.sha256()
        for chunk in chunks:
            digest.update(chunk.encode("utf-8"))
        out[name] = digest.hexdigest()
    return out


def write(layers: Layers, out: Path, parquet: bool = False) -> list[Path]:
    """Write the layer set into `out` as a whole (see write_set), holding the build lock of `out`."""
    with build_lock(out):
        return write_set(layers, out, parquet)


class BuildLocked(RuntimeError):
    """Another build is writing the same layer folder."""


def lock_path(out: Path) -> Path:
    """The lock file of a layer folder: beside it, so it survives the folder being swapped."""
    out = Path(out).absolute()
    return out.parent / f".{out.name}.lock"


@contextmanager
def build_lock(out: Path) -> Iterator[None]:
    """Hold the one-build-per-folder lock of `out`; BuildLocked when another process holds it.

    An advisory ``flock`` on a file beside `out`: the kernel releases it when the holder exits,
    however it exits, so a killed build never leaves a stale lock behind."""
    path = lock_path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "another process"
            raise BuildLocked(f"another build (pid {holder}) is writing {Path(out).name}/; "
                              "wait for it to finish, then build again") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        yield
    finally:
        os.close(fd)  # releases the lock


def _write_file(path: Path, chunks: Iterable[str | bytes]) -> str:
    """Write chunks to a new file (flushed to disk); its SHA-256."""
    digest = hashlib.sha256()
    with path.open("wb") as fh:
        for chunk in chunks:
            data = chunk.encode("utf-8") if isinstance(chunk, str) else chunk  # "\n" as written, on any OS
            digest.update(data)
            fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    return digest.hexdigest()


def set_chunks(layers: Layers, parquet: bool = False) -> Iterator[tuple[str, Iterable[str | bytes]]]:
    """(file name, content in chunks) of every file of a layer set but the manifest."""
    yield from file_chunks(layers)
    if parquet:
        for name, data in parquet_files(layers):
            yield name, (data,)


def manifest_text(files: dict[str, str]) -> str:
    """The manifest of a layer set: every file it holds with its SHA-256 (deterministic)."""
    return json.dumps({"format": MANIFEST_FORMAT, "files": dict(sorted(files.items()))}, indent=1) + "\n"


def set_digests(layers: Layers, parquet: bool = False) -> dict[str, str]:
    """File name → SHA-256 of every file a build writes, the manifest included."""
    files = {}
    for name, chunks in set_chunks(layers, parquet):
        digest = hashlib.sha256()
        for chunk in chunks:
            digest.update(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
        files[name] = digest.hexdigest()
    return {**files, MANIFEST_FILE: hashlib.sha256(manifest_text(files).encode("utf-8")).hexdigest()}


def write_set(layers: Layers, out: Path, parquet: bool = False) -> list[Path]:
    """Write every layer file (GeoParquet copies when asked) and the manifest into a new folder
    beside `out`, then put it in the place of `out` in one step; the paths written.

    A reader sees the old set or the new one, never a mix and never a partial file: a build
    killed before the swap leaves `out` as it was (and a ``.NAME.tmp-*`` folder to ignore). Files
    in `out` that no build writes are carried over. The caller holds `build_lock(out)`."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    try:
        files = {name: _write_file(tmp / name, chunks) for name, chunks in set_chunks(layers, parquet)}
        _write_file(tmp / MANIFEST_FILE, [manifest_text(files)])
        if out.is_dir():
            for entry in out.iterdir():
                if not _built_name(entry.name):
                    (shutil.copytree if entry.is_dir() else shutil.copy2)(entry, tmp / entry.name)
        _sync_dir(tmp)
        _swap(tmp, out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)  # after the swap it holds the old set
    return [out / name for name in (*files, MANIFEST_FILE)]


def _built_name(name: str) -> bool:
    """Whether a file name is one a build writes (replaced with the set, never carried over)."""
    return name in (*LAYER_FILES, UNRESOLVED_FILE, MANIFEST_FILE) or name.endswith(".parquet")


def _sync_dir(path: Path) -> None:
    """Flush a folder's entries to disk."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    errno = ctypes.get_errno()
    if errno in (38, 22, 95):  # ENOSYS, EINVAL, EOPNOTSUPP: the kernel or file system cannot
        return False
    raise OSError(errno, os.strerror(errno), str(b))


def _swap(new: Path, out: Path) -> None:
    """Put folder `new` in the place of `out`; afterwards `new` holds the old set (if any).

    With renameat2 the swap is one step. Without it, `out` is renamed aside and `new` renamed in:
    two steps, between which `out` is briefly missing (a reader retries, see load_layers)."""
    if not out.exists():
        os.rename(new, out)
        return
    if _exchange(new, out):
        _sync_dir(out.parent)
        return
    aside = new.with_name(new.name + "-old")
    os.rename(out, aside)
    os.rename(new, out)
    os.rename(aside, new)


def parquet_files(layers: Layers) -> Iterator[tuple[str, bytes]]:
    """GeoParquet copies of the point layers, for large corpora (lists stored as JSON text)."""
    for name, frame in (("events", layers.events), ("places", layers.places), ("mentions", layers.mentions)):
        buffer = io.BytesIO()
        encode_lists(frame).to_parquet(buffer, index=False)
        yield f"{name}.parquet", buffer.getvalue()


def write_parquet(layers: Layers, out: Path) -> list[Path]:
    """GeoParquet copies of the point layers written into `out` (not as a set: see write)."""
    written = []
    for name, data in parquet_files(layers):
        path = Path(out) / name
        path.write_bytes(data)
        written.append(path)
    return written


# --- reading -------------------------------------------------------------------------------

READ_ATTEMPTS = 5


class LayersChanged(Exception):
    """The layer folder was swapped while it was being read (read it again)."""


def load_layers(path: str | Path) -> dict[str, pd.DataFrame]:
    """All layers of a directory: GeoDataFrames for the four layers, a DataFrame for unresolved.

    A folder with a manifest (every build writes one) is read as the set the manifest names:
    GeoParquet where the set has it, else GeoJSON; each file checked against its digest, all
    through one handle on the folder, so a build swapping in a new set meanwhile gives the old
    set or (read again) the new one, never a mix. A folder without one is read as before."""
    path = Path(path)
    for attempt in range(READ_ATTEMPTS):
        try:
            return _load_set(path, last=attempt == READ_ATTEMPTS - 1)
        except LayersChanged:
            if attempt == READ_ATTEMPTS - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def read_manifest(path: Path) -> dict[str, str] | None:
    """File name → SHA-256 of the set in `path`, None when it has no manifest."""
    try:
        data = json.loads((Path(path) / MANIFEST_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    return dict(data["files"])


def _load_set(path: Path, last: bool = True) -> dict[str, pd.DataFrame]:
    """One attempt at reading the set in `path` (see load_layers); a missing folder is an empty
    set, unless a build may be between the two renames of a swap and this is not the last try."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    except FileNotFoundError:
        if not last and path.parent.exists() and any(path.parent.glob(f".{path.name}.tmp-*")):
            raise LayersChanged(str(path)) from None
        fd = None
    if fd is None:
        return _empty_set()
    try:
        def read(name: str) -> bytes | None:
            try:
                with open(name, "rb", opener=lambda p, flags: os.open(p, flags, dir_fd=fd)) as fh:
                    return fh.read()
            except FileNotFoundError:
                return None

        raw = read(MANIFEST_FILE)
        if raw is None:
            return _legacy_set(path)
        manifest = json.loads(raw.decode("utf-8"))["files"]

        def checked(name: str) -> bytes | None:
            if name not in manifest:
                return None
            data = read(name)
            if data is None or hashlib.sha256(data).hexdigest() != manifest[name]:
                raise LayersChanged(name)
            return data

        out: dict[str, pd.DataFrame] = {}
        for name in LAYER_NAMES:
            parquet, geojson = checked(f"{name}.parquet"), None
            if parquet is not None:
                out[name] = normalise(gpd.read_parquet(io.BytesIO(parquet)), name)
            elif (geojson := checked(f"{name}.geojson")) is not None:
                out[name] = read_geojson_bytes(geojson, name)
            else:
                out[name] = empty_layer(name)
        unresolved = checked(UNRESOLVED_FILE)
        out["unresolved"] = unresolved_frame(json.loads(unresolved.decode("utf-8")) if unresolved else [])
        return out
    finally:
        os.close(fd)


def _empty_set() -> dict[str, pd.DataFrame]:
    """The layers of a folder that does not exist: all empty."""
    return {**{name: empty_layer(name) for name in LAYER_NAMES}, "unresolved": unresolved_frame([])}


def _legacy_set(path: Path) -> dict[str, pd.DataFrame]:
    """The layers of a folder written before manifests (or by hand)."""
    layers: dict[str, pd.DataFrame] = {name: read_layer(path, name) for name in LAYER_NAMES}
    layers["unresolved"] = read_unresolved(path / UNRESOLVED_FILE)
    return layers


def read_layer(directory: Path, name: str) -> gpd.GeoDataFrame:
    """One layer, from GeoParquet when present, else GeoJSON, else empty (a folder without a
    manifest; load_layers reads one with a manifest as the manifest says)."""
    parquet, geojson = directory / f"{name}.parquet", directory / f"{name}.geojson"
    if parquet.exists():
        gdf = gpd.read_parquet(parquet)
    elif geojson.exists():
        gdf = gpd.read_file(geojson)
    else:
        return empty_layer(name)
    return normalise(gdf, name)


def read_geojson_bytes(data: bytes, name: str = "events") -> gpd.GeoDataFrame:
    """A GeoJSON export read back with geopandas, with the contract's types restored."""
    return normalise(gpd.read_file(io.BytesIO(data)), name)


def read_unresolved(path: Path) -> pd.DataFrame:
    """unresolved.json as a DataFrame (a list of records, or {"unresolved": [...]})."""
    if not path.exists():
        return unresolved_frame([])
    return unresolved_frame(json.loads(path.read_text(encoding="utf-8")))


def unresolved_frame(records: Any) -> pd.DataFrame:
    """unresolved.json's content as a DataFrame with the contract's columns."""
    if isinstance(records, dict):
        records = records.get("unresolved", [])
    frame = pd.DataFrame.from_records(records)
    for column in COLUMNS["unresolved"]:
        if column not in frame:
            frame[column] = None
    for column in ("start", "end"):
        frame[column] = pd.Series([as_int(v) for v in frame[column]], index=frame.index, dtype=object)
    return frame


def empty_layer(name: str) -> gpd.GeoDataFrame:
    """An empty layer with the contract's columns."""
    return gpd.GeoDataFrame(
        {column: pd.Series(dtype=object) for column in COLUMNS[name]},
        geometry=gpd.GeoSeries([], crs=WGS84),
        crs=WGS84,
    )


def normalise(gdf: gpd.GeoDataFrame, name: str) -> gpd.GeoDataFrame:
    """Restore the contract's Python types that GeoJSON/Parquet readers lose (lists, nullable ints)."""
    gdf = gdf.to_crs(WGS84) if gdf.crs is not None else gdf.set_crs(WGS84)
    contract = COLUMNS.get(name, [])
    for column in contract:
        if column not in gdf:
            gdf[column] = None
    geometry = gdf.geometry.name
    order = [*contract, *(c for c in gdf.columns if c not in contract and c != geometry), geometry]
    if list(gdf.columns) != order:  # the contract's order, whatever the file had; geometry last
        gdf = gdf[order]
    for columns, convert in ((LIST_COLUMNS, as_list), (INT_COLUMNS, as_int), (DATE_COLUMNS, as_iso_date)):
        for column in columns:
            if column in gdf:
                # built as object Series: pandas' own map() would turn ints beside None into floats
                gdf[column] = pd.Series([convert(v) for v in gdf[column]], index=gdf.index, dtype=object)
    return gdf
