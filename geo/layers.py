"""GeoDataFrames of the data contract, and writing them as RFC 7946 GeoJSON (and GeoParquet).

Every builder returns a GeoDataFrame in EPSG:4326. Writing is deterministic: the same
parses give byte-identical files, so ``python -m geo build --check`` can compare.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import Point

from geo.events import Event
from geo.gazetteer import AREAS_GEOJSON, Gazetteer, Place
from geo.pipeline import Parse

CRS = "EPSG:4326"
LAYER_FILES = ("events.geojson", "places.geojson", "mentions.geojson", "areas.geojson")
UNRESOLVED_FILE = "unresolved.json"
EVENT_COLUMNS = ["id", "doc_id", "date_start", "date_end", "date_text", "time_precision", "event_type",
                 "persons", "place_ids", "place_names", "place_name", "country", "countries", "geo_precision",
                 "quote", "quote_start", "quote_end", "spans", "date_relation", "date_from_context",
                 "place_from_context", "doc_title"]
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
        "place_from_context": event.place_from_context, "doc_title": doc.title,
    }


def events_frame(parses: list[Parse]) -> gpd.GeoDataFrame:
    """One Point per event, at its most specific located place."""
    rows, points = [], []
    for parse in parses:
        for event in parse.events:
            rows.append(event_row(event, parse.doc))
            points.append(_point(event.position))
    return _frame(rows, EVENT_COLUMNS, points)


def _all_places(parses: list[Parse], gazetteer: Gazetteer) -> dict[str, Place]:
    """Gazetteer places plus every GeoNames fallback of the parses."""
    known = dict(gazetteer.places)
    for parse in parses:
        known.update({p.id: p for p in parse.extra_places})
    return known


def mentions_frame(parses: list[Parse], gazetteer: Gazetteer) -> gpd.GeoDataFrame:
    """One Point per resolved place mention, with the sentence it stands in."""
    known = _all_places(parses, gazetteer)
    rows, points = [], []
    for parse in parses:
        bounds = [(s.start, s.end) for s in parse.sentences]
        for m in parse.places:
            place = known.get(m.place_id or "")
            if place is None or place.lat is None:
                continue  # reported in unresolved.json
            s_start, s_end = next(((s, e) for s, e in bounds if s <= m.start < e), (m.start, m.end))
            rows.append({"doc_id": parse.doc.doc_id, "start": m.start, "end": m.end, "surface": m.surface,
                         "lemma": m.lemma, "place_id": m.place_id, "role": m.role,
                         "sentence_start": s_start, "sentence_end": s_end})
            points.append(_point(place))
    return _frame(rows, MENTION_COLUMNS, points)


def places_frame(parses: list[Parse], gazetteer: Gazetteer, events: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """One Point per place mentioned at least once, with its count and the dates of its events."""
    known = _all_places(parses, gazetteer)
    counts: dict[str, int] = {}
    for parse in parses:
        for m in parse.places:
            if m.place_id in known and known[m.place_id].lat is not None:
                counts[m.place_id] = counts.get(m.place_id, 0) + 1
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
    parses = sorted(parses, key=lambda p: p.doc.doc_id)
    events = events_frame(parses)
    places = places_frame(parses, gazetteer, events)
    unresolved = [u for p in parses for u in p.unresolved]
    return Layers(events, places, mentions_frame(parses, gazetteer), areas_frame(set(places["id"]), areas_path), unresolved)


def to_geojson(frame: gpd.GeoDataFrame) -> str:
    """RFC 7946 FeatureCollection text, one feature per line, deterministic."""
    features = frame.to_geo_dict(drop_id=True)["features"] if len(frame) else []
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    body = ",\n".join(lines)
    return '{"type":"FeatureCollection","features":[\n' + body + ("\n" if lines else "") + "]}\n"


def render(layers: Layers) -> dict[str, str]:
    """File name → content of every layer file."""
    frames = dict(zip(LAYER_FILES, (layers.events, layers.places, layers.mentions, layers.areas)))
    files = {name: to_geojson(frame) for name, frame in frames.items()}
    files[UNRESOLVED_FILE] = json.dumps(layers.unresolved, ensure_ascii=False, indent=1) + "\n"
    return files


def write(layers: Layers, out: Path, parquet: bool = False) -> list[Path]:
    """Write every layer into `out` (and GeoParquet copies when asked); the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in render(layers).items():
        path = out / name
        path.write_text(content, encoding="utf-8")
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
