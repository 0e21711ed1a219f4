"""GeoDataFrames of the data contract, and writing them as RFC 7946 GeoJSON (and GeoParquet).

Every builder returns a GeoDataFrame in EPSG:4326. Writing is deterministic: the same
parses give byte-identical files, so ``python -m geo build --check`` can compare.
"""

from __future__ import annotations

from collections import ChainMap

import hashlib
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import Point

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
)
from geo.text.events import Event
from geo.text.pipeline import Parse

CRS = "EPSG:4326"
LAYER_FILES = ("events.geojson", "places.geojson", "mentions.geojson", "areas.geojson")
UNRESOLVED_FILE = "unresolved.json"
EVENT_COLUMNS = ["id", "doc_id", "date_start", "date_end", "date_text", "time_precision", "event_type",
                 "persons", "place_ids", "place_names", "place_name", "country", "countries", "geo_precision",
                 "quote", "quote_start", "quote_end", "spans", "date_relation", "date_from_context",
                 "place_from_context", "area_id", "doc_title"]
PLACE_COLUMNS = ["id", "name", "name_lv", "type", "country", "geo_precision", "mention_count",
                 "first_date", "last_date", "source"]
MENTION_COLUMNS = ["doc_id", "start", "end", "surface", "lemma", "place_id", "role",
                   "sentence_start", "sentence_end"]
AREA_COLUMNS = ["id", "name", "name_lv", "type", "country", "source", "licence"]


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
    return gpd.GeoDataFrame(data, geometry=gpd.GeoSeries(geometry, crs=CRS), crs=CRS)


def _point(place: Place) -> Point:
    """The place's position, lon/lat."""
    return Point(round(place.lon, 6), round(place.lat, 6))


def event_row(event: Event, doc: Any) -> dict[str, Any]:
    """The properties of one event, as in the data contract."""
    pos = event.position
    return {
        "id": event.id, "doc_id": event.doc_id,
        "date_start": event.date_start.isoformat(), "date_end": event.date_end.isoformat(),
        "date_text": event.date_text, "time_precision": event.time_precision,
        "event_type": event.event_type, "persons": event.persons,
        "place_ids": [p.id for p in event.places], "place_names": [p.name for p in event.places],
        "place_name": pos.name, "country": pos.country, "countries": list(event.countries),
        "geo_precision": pos.geo_precision,
        "quote": doc.text[event.quote_start:event.quote_end],
        "quote_start": event.quote_start, "quote_end": event.quote_end,
        "spans": [dict(s) for s in event.spans],
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


def document_rows(parse: Parse, gazetteer: Gazetteer) -> DocumentRows:
    """The rows of the event and mention layers of one parsed document."""
    known = ChainMap({p.id: p for p in parse.extra_places}, gazetteer.places)
    events = [event_row(e, parse.doc) for e in parse.events]
    bounds = [(s.start, s.end) for s in parse.sentences]
    mentions, points = [], []
    for m in parse.places:
        place = known.get(m.place_id or "")
        if place is None or place.lat is None:
            continue  # reported in unresolved.json
        s_start, s_end = next(((s, e) for s, e in bounds if s <= m.start < e), (m.start, m.end))
        mentions.append({"doc_id": parse.doc.doc_id, "start": m.start, "end": m.end, "surface": m.surface,
                         "lemma": m.lemma, "place_id": m.place_id, "role": m.role,
                         "resolution": m.resolution, "sentence_start": s_start, "sentence_end": s_end})
        # (`resolution` reaches mentions.geojson once it joins MENTION_COLUMNS with a rebuild of data/layers)
        points.append(_point(place))
    return DocumentRows(parse.doc.doc_id, parse.doc.lang, len(parse.places), tuple(events),
                        tuple(_point(e.position) for e in parse.events), tuple(mentions), tuple(points),
                        tuple(parse.extra_places), tuple(parse.unresolved))


def places_frame(docs: list[DocumentRows], gazetteer: Gazetteer, events: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """One Point per place mentioned at least once, with its count and the dates of its events."""
    known = dict(gazetteer.places)
    for doc in docs:
        known.update({p.id: p for p in doc.extra_places})
    counts: dict[str, int] = {}
    for doc in docs:
        for m in doc.mentions:
            counts[m["place_id"]] = counts.get(m["place_id"], 0) + 1
    spans: dict[str, tuple[str, str]] = {}  # place id → (first date_start, last date_end) of its events
    for ids, start, end in zip(events.get("place_ids", []), events.get("date_start", []), events.get("date_end", [])):
        for place_id in ids:
            first, last = spans.get(place_id, (start, end))
            spans[place_id] = (min(first, start), max(last, end))
    rows, points = [], []
    for place_id in sorted(counts):
        place = known[place_id]
        first, last = spans.get(place_id, (None, None))
        rows.append({"id": place.id, "name": place.name, "name_lv": place.name_lv, "type": place.type,
                     "country": place.country, "geo_precision": place.geo_precision,
                     "mention_count": counts[place_id],
                     "first_date": first, "last_date": last,
                     "source": place.source})
        points.append(_point(place))
    return _frame(rows, PLACE_COLUMNS, points)


def areas_frame(place_ids: set[str], path: Path = AREAS_GEOJSON) -> gpd.GeoDataFrame:
    """The polygons and lines of the named areas, oriented by the right-hand rule."""
    areas = gpd.read_file(path) if path.exists() else gpd.GeoDataFrame({c: [] for c in AREA_COLUMNS}, geometry=[], crs=CRS)
    areas = areas[areas["id"].isin(place_ids)].sort_values("id").reset_index(drop=True)
    geometry = shapely.orient_polygons(areas.geometry.values, exterior_cw=False)
    return gpd.GeoDataFrame(areas[AREA_COLUMNS].astype(object), geometry=gpd.GeoSeries(geometry, crs=CRS), crs=CRS)


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
    time, so a layer of a hundred thousand events is never all in memory as dicts and text."""
    yield '{"type":"FeatureCollection","features":[\n'
    separator = ""
    for feature in frame.iterfeatures(drop_id=True) if len(frame) else ():
        yield separator + json.dumps(feature, ensure_ascii=False, separators=(",", ":"))
        separator = ",\n"
    yield ("\n" if separator else "") + "]}\n"


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
    """Write every layer into `out` (and GeoParquet copies when asked); the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, chunks in file_chunks(layers):
        path = out / name
        with path.open("w", encoding="utf-8", newline="") as fh:  # "\n" as written, on any OS
            fh.writelines(chunks)
        written.append(path)
    if parquet:
        written += write_parquet(layers, out)
    return written


def write_parquet(layers: Layers, out: Path) -> list[Path]:
    """GeoParquet copies of the point layers, for large corpora (lists stored as JSON text)."""
    written = []
    for name, frame in (("events", layers.events), ("places", layers.places), ("mentions", layers.mentions)):
        copy = frame.copy()
        for column in copy.columns:
            if column != "geometry" and copy[column].map(lambda v: isinstance(v, (list, dict))).any():
                copy[column] = copy[column].map(lambda v: json.dumps(v, ensure_ascii=False))
        path = out / f"{name}.parquet"
        copy.to_parquet(path, index=False)
        written.append(path)
    return written


# --- reading ------------------------------------------------------------------

# --- reading -------------------------------------------------------------------------------


def load_layers(path: str | Path) -> dict[str, pd.DataFrame]:
    """All layers of a directory: GeoDataFrames for the four layers, a DataFrame for unresolved."""
    path = Path(path)
    layers: dict[str, pd.DataFrame] = {name: read_layer(path, name) for name in LAYER_NAMES}
    layers["unresolved"] = read_unresolved(path / "unresolved.json")
    return layers


def read_layer(directory: Path, name: str) -> gpd.GeoDataFrame:
    """One layer, from GeoParquet when present, else GeoJSON, else empty."""
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
        return pd.DataFrame(columns=COLUMNS["unresolved"])
    records = json.loads(path.read_text(encoding="utf-8"))
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
    for column in COLUMNS.get(name, []):
        if column not in gdf:
            gdf[column] = None
    for columns, convert in ((LIST_COLUMNS, as_list), (INT_COLUMNS, as_int), (DATE_COLUMNS, as_iso_date)):
        for column in columns:
            if column in gdf:
                # built as object Series: pandas' own map() would turn ints beside None into floats
                gdf[column] = pd.Series([convert(v) for v in gdf[column]], index=gdf.index, dtype=object)
    return gdf
