"""Reading the layers of data/layers/, filtering events, and exporting what is selected.

Pure functions: the app and the tests call the same code. See DESIGN.md for the data contract.
"""

from __future__ import annotations

import io
import json
import math
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

import geopandas as gpd
import numpy as np
import pandas as pd
import pycountry
import shapely
from shapely.geometry import mapping

from geo.model import REGION, SEASON_OR_YEAR

LAYER_NAMES = ("events", "places", "mentions", "areas")
WGS84 = "EPSG:4326"

# Columns of each layer in contract order; a missing layer becomes an empty frame with these.
COLUMNS = {
    "events": [
        "id", "doc_id", "date_start", "date_end", "date_text", "time_precision", "event_type",
        "persons", "place_ids", "place_names", "country", "countries", "geo_precision", "quote",
        "quote_start", "quote_end", "spans",
    ],
    "places": [
        "id", "name", "name_lv", "type", "country", "mention_count", "first_date", "last_date",
        "source",
    ],
    "mentions": [
        "doc_id", "start", "end", "surface", "lemma", "place_id", "sentence_start",
        "sentence_end",
    ],
    "areas": ["id", "name", "name_lv", "type", "country", "source"],
    "unresolved": ["doc_id", "start", "end", "surface", "reason"],
}
DATE_COLUMNS = ("date_start", "date_end", "first_date", "last_date")
LIST_COLUMNS = ("place_ids", "place_names", "countries", "spans")
INT_COLUMNS = (
    "time_precision", "geo_precision", "quote_start", "quote_end", "persons", "mention_count",
    "start", "end", "sentence_start", "sentence_end",
)

TIME_PRECISION_LABELS = {1: "day", 2: "week or part of a month", 3: "month", 4: "season or year"}
GEO_PRECISION_LABELS = {1: "settlement or facility", 2: "parish or part of a region",
                        3: "region, municipality or country"}

# Columns of the ACLED-like CSV export, in order.
CSV_COLUMNS = [
    "event_id", "date_start", "date_end", "time_precision", "event_type", "persons", "country",
    "place", "latitude", "longitude", "geo_precision", "quote", "source",
]


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


def as_iso_date(value: Any) -> str | None:
    """An ISO date string from a string, a date or a timestamp (readers parse dates eagerly)."""
    value = plain(value)
    return value if isinstance(value, str) and value else None


def as_list(value: Any) -> list:
    """A list property from whatever the reader produced (JSON text, numpy array, list, null)."""
    if type(value) is list and all(type(item) is str for item in value):
        return list(value)  # already plain (normalise made it so): the common case, kept cheap
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return [value]
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    if isinstance(value, (np.ndarray, tuple)):
        value = list(value)
    if isinstance(value, list):
        return [plain(item) for item in value]
    return [plain(value)]


def as_int(value: Any) -> int | None:
    """An int or None from an int, a float (NaN is None) or a numeric string."""
    if value is None or value is pd.NA:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else int(number)


def plain(value: Any) -> Any:
    """A JSON-serialisable Python value from numpy/pandas scalars and containers."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, np.ndarray)):
        return [plain(v) for v in value]
    if isinstance(value, np.str_):
        return str(value)
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return None if np.isnan(value) else float(value)
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (pd.Timestamp, date)):
        return value.isoformat()[:10]
    return value


def load_documents(directories: Iterable[str | Path], errors: list[str] | None = None) -> dict[str, dict[str, Any]]:
    """Seed documents by doc_id, read as the pipeline reads them: sidecar fields plus `text`.

    A seed that cannot be read is left out, its message added to `errors` when given; the
    first directory wins.
    """
    from geo.documents import DocumentError, load_document, seed_paths

    documents: dict[str, dict[str, Any]] = {}
    for directory in map(Path, directories):
        for path in seed_paths(directory) if directory.is_dir() else []:
            try:
                document = load_document(path)
            except DocumentError as err:
                if errors is not None:
                    errors.append(str(err))
                continue
            documents.setdefault(document.doc_id, {**document.meta, "text": document.text})
    return documents


def country_name(code: str | None) -> str:
    """The English short name of an ISO 3166-1 alpha-2 code (the code itself when unknown)."""
    country = pycountry.countries.get(alpha_2=code) if isinstance(code, str) and len(code) == 2 else None
    return getattr(country, "common_name", None) or getattr(country, "name", None) or str(code or "?")


def type_label(event_type: str) -> str:
    """An event type as words: `border_crossing` → `border crossing`."""
    return str(event_type).replace("_", " ")


# --- filtering -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    """What the user chose. None for a collection means no restriction; () selects nothing."""

    date_from: date | None = None
    date_to: date | None = None
    countries: tuple[str, ...] | None = None
    event_types: tuple[str, ...] | None = None
    doc_ids: tuple[str, ...] | None = None
    max_time_precision: int = SEASON_OR_YEAR
    max_geo_precision: int = REGION


def full_filters(events: pd.DataFrame) -> Filters:
    """The filters that let every event through, spelled out (the UI's defaults and options)."""
    starts, ends = event_dates(events)
    known = pd.concat([starts, ends]).dropna()
    return Filters(
        date_from=known.min().date() if len(known) else None,
        date_to=known.max().date() if len(known) else None,
        countries=tuple(sorted({c for cs in event_countries(events) for c in cs})),
        event_types=tuple(sorted(set(events["event_type"].dropna()))) if len(events) else (),
        doc_ids=tuple(sorted(set(events["doc_id"].dropna()))) if len(events) else (),
    )


def event_dates(events: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Start and end of each event as timestamps; an open side takes the other side's value."""
    if not len(events):
        empty = pd.Series([], dtype="datetime64[ns]")
        return empty, empty
    starts = pd.to_datetime(events["date_start"], errors="coerce", format="ISO8601")
    ends = pd.to_datetime(events["date_end"], errors="coerce", format="ISO8601")
    return starts.fillna(ends), ends.fillna(starts)


def event_countries(events: pd.DataFrame) -> list[list[str]]:
    """All countries of each event (`countries`, falling back to the primary `country`)."""
    n = len(events)
    # tolist(): plain Python values at C speed (iterating an Arrow-backed column is slow)
    listed = events["countries"].tolist() if "countries" in events else [None] * n
    primary = events["country"].tolist() if "country" in events else [None] * n
    result = []
    for countries, country in zip(listed, primary):
        codes = [c for c in as_list(countries) if c]
        result.append(codes or ([country] if isinstance(country, str) and country else []))
    return result


def apply(events: gpd.GeoDataFrame, filters: Filters) -> gpd.GeoDataFrame:
    """The events that pass the filters; a period passes when it overlaps the date range."""
    if not len(events):
        return events
    keep = np.ones(len(events), dtype=bool)
    starts, ends = event_dates(events)
    undated = starts.isna().to_numpy()  # no date at all: only the date filter cannot judge it
    if filters.date_to is not None:
        keep &= undated | (starts <= pd.Timestamp(filters.date_to)).to_numpy()
    if filters.date_from is not None:
        keep &= undated | (ends >= pd.Timestamp(filters.date_from)).to_numpy()
    if filters.countries is not None:
        chosen = set(filters.countries)
        keep &= np.array([bool(chosen.intersection(cs)) for cs in event_countries(events)])
    if filters.event_types is not None:
        keep &= events["event_type"].isin(filters.event_types).to_numpy()
    if filters.doc_ids is not None:
        keep &= events["doc_id"].isin(filters.doc_ids).to_numpy()
    keep &= precision_at_most(events["time_precision"], filters.max_time_precision)
    keep &= precision_at_most(events["geo_precision"], filters.max_geo_precision)
    return sort_events(events[keep])


def precision_at_most(values: pd.Series, limit: int) -> np.ndarray:
    """Mask of precision codes no coarser than `limit` (unknown counts as the coarsest)."""
    codes = pd.to_numeric(values, errors="coerce").fillna(99).to_numpy()
    return codes <= limit


def sort_events(events: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Events in date order (start, end, id)."""
    if not len(events):
        return events
    starts, ends = event_dates(events)
    key = pd.DataFrame(
        {"s": starts.to_numpy(), "e": ends.to_numpy(), "i": events["id"].astype(str).to_numpy()}
    )
    positions = key.sort_values(["s", "e", "i"], na_position="last").index.to_numpy()
    return events.iloc[positions]


def related(layers: Mapping[str, pd.DataFrame], events: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The other layers cut down to what the given events refer to.

    places: the events' place_ids; mentions: place mentions inside the events' quotes;
    areas: the events' place ids plus the countries they involve; unresolved: their documents.
    """
    place_ids = {p for ids in events.get("place_ids", []) for p in as_list(ids)}
    countries = {c for cs in event_countries(events) for c in cs}
    places, mentions, areas = layers["places"], layers["mentions"], layers["areas"]
    unresolved = layers["unresolved"]
    return {
        "events": events,
        "places": places[places["id"].isin(place_ids)],
        "mentions": mentions[mentions_in_quotes(mentions, events)],
        "areas": areas[
            areas["id"].isin(place_ids) | ((areas["type"] == "country") & areas["country"].isin(countries))
        ],
        "unresolved": unresolved[unresolved["doc_id"].isin(set(events.get("doc_id", [])))],
    }


def mentions_in_quotes(mentions: pd.DataFrame, events: pd.DataFrame) -> np.ndarray:
    """Mask of the mentions that lie inside some event's quote span."""
    keep = np.zeros(len(mentions), dtype=bool)
    if not len(mentions) or not len(events):
        return keep
    doc = mentions["doc_id"].to_numpy()
    start = pd.to_numeric(mentions["start"]).to_numpy()
    end = pd.to_numeric(mentions["end"]).to_numpy()
    for doc_id, q0, q1 in zip(events["doc_id"], events["quote_start"], events["quote_end"]):
        if q0 is not None and q1 is not None:
            keep |= (doc == doc_id) & (start >= q0) & (end <= q1)
    return keep


# --- exports -------------------------------------------------------------------------------


def to_geojson_bytes(gdf: gpd.GeoDataFrame) -> bytes:
    """An RFC 7946 FeatureCollection: WGS84, no crs member, CCW outer rings, JSON-typed properties."""
    if gdf.crs is not None and not gdf.crs.equals(WGS84):
        gdf = gdf.to_crs(WGS84)
    columns = [c for c in gdf.columns if c != gdf.geometry.name]
    features = []
    for geometry, row in zip(gdf.geometry, gdf[columns].itertuples(index=False, name=None)):
        features.append({
            "type": "Feature",
            "properties": {column: json_value(column, value) for column, value in zip(columns, row)},
            "geometry": rfc7946_geometry(geometry),
        })
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def json_value(column: str, value: Any) -> Any:
    """A property value as JSON: the contract's int columns stay ints even in a float column."""
    return as_int(value) if column in INT_COLUMNS else plain(value)


def rfc7946_geometry(geometry: Any) -> dict | None:
    """A geometry as GeoJSON with exterior rings counter-clockwise (RFC 7946 §3.1.6)."""
    if geometry is None or geometry.is_empty:
        return None
    return mapping(shapely.orient_polygons(geometry, exterior_cw=False))


# A spreadsheet runs a cell that begins with one of these as a formula ("=HYPERLINK(...)"):
# in the CSV, text cells that do are prefixed with an apostrophe, which spreadsheets hide.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_TEXT_COLUMNS = ("event_id", "event_type", "country", "place", "quote", "source")


def events_to_csv(events: gpd.GeoDataFrame, sources: Mapping[str, str] | None = None) -> bytes:
    """Events as an ACLED-like CSV (UTF-8); `sources` maps doc_id to a source name or URL.
    Text that a spreadsheet would run as a formula is defused (FORMULA_STARTS)."""
    table = events_table(events, sources)
    for column in CSV_TEXT_COLUMNS:
        table[column] = table[column].map(defuse_formula)
    return table.to_csv(index=False).encode("utf-8")


def defuse_formula(value: Any) -> Any:
    """A text cell a spreadsheet would take for a formula, with an apostrophe before it."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def events_table(events: gpd.GeoDataFrame, sources: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The rows of the CSV export: one per event, flat columns."""
    sources = sources or {}
    rows = []
    for event, point in zip(events.itertuples(index=False), events.geometry):
        names = [getattr(event, "place_name", None)] if isinstance(getattr(event, "place_name", None), str) else []
        names = names or as_list(event.place_names)  # the primary place, where the layer names it
        rows.append({
            "event_id": event.id,
            "date_start": event.date_start,
            "date_end": event.date_end,
            "time_precision": as_int(event.time_precision),
            "event_type": event.event_type,
            "persons": as_int(event.persons),
            "country": event.country,
            "place": names[0] if names else "",
            "latitude": round(point.y, 6) if point is not None else None,
            "longitude": round(point.x, 6) if point is not None else None,
            "geo_precision": as_int(event.geo_precision),
            "quote": event.quote,
            "source": sources.get(event.doc_id, event.doc_id),
        })
    table = pd.DataFrame(rows, columns=CSV_COLUMNS)
    for column in ("time_precision", "persons", "geo_precision"):
        table[column] = table[column].astype("Int64")  # keep "12", not "12.0", beside blanks
    return table


GEOJSON_MIME = "application/geo+json"


@dataclass(frozen=True)
class ExportFile:
    """One download: its button label, file name, MIME type, and how to make its bytes (lazily)."""

    label: str
    file_name: str
    mime: str
    make: Callable[[], bytes]


def export_files(
    layers: Mapping[str, pd.DataFrame], events: gpd.GeoDataFrame, sources: Mapping[str, str] | None = None
) -> list[ExportFile]:
    """Each layer as GeoJSON, cut to the selection and whole, and the events as CSV, both ways."""
    chosen = related(layers, events)
    files = []
    for name in LAYER_NAMES:
        files.append(ExportFile(f"{name}: selection ({len(chosen[name])})", f"robeza-{name}-selection.geojson",
                                GEOJSON_MIME, partial(to_geojson_bytes, chosen[name])))
        files.append(ExportFile(f"{name}: whole layer ({len(layers[name])})", f"robeza-{name}.geojson",
                                GEOJSON_MIME, partial(to_geojson_bytes, layers[name])))
    files.append(ExportFile(f"events CSV: selection ({len(events)})", "robeza-events-selection.csv",
                            "text/csv", partial(events_to_csv, events, sources)))
    files.append(ExportFile(f"events CSV: all ({len(layers['events'])})", "robeza-events.csv",
                            "text/csv", partial(events_to_csv, layers["events"], sources)))
    return files


def plain_table(gdf: gpd.GeoDataFrame) -> pd.DataFrame:
    """A layer as a table for display: no geometry column, points as latitude/longitude."""
    table = pd.DataFrame(gdf.drop(columns=gdf.geometry.name))
    if len(gdf) and (gdf.geom_type == "Point").all():
        table["latitude"], table["longitude"] = gdf.geometry.y.round(6), gdf.geometry.x.round(6)
    return table


# --- the URL -------------------------------------------------------------------------------

QUERY_KEYS = {"from": "date_from", "to": "date_to", "country": "countries", "type": "event_types",
              "doc": "doc_ids", "tp": "max_time_precision", "gp": "max_geo_precision"}


def filters_to_query(filters: Filters, defaults: Filters | None = None) -> dict[str, str]:
    """Filters as URL query parameters; values equal to `defaults` are left out (short URLs)."""
    query: dict[str, str] = {}
    for key, field in QUERY_KEYS.items():
        value = getattr(filters, field)
        if defaults is not None and value == getattr(defaults, field):
            continue
        if value is None:
            continue
        if isinstance(value, date):
            query[key] = value.isoformat()
        elif isinstance(value, tuple):
            query[key] = ",".join(value)
        else:
            query[key] = str(value)
    return query


def filters_from_query(query: Mapping[str, Any], defaults: Filters) -> Filters:
    """Filters from URL query parameters; each invalid or unknown value is ignored, never raised."""
    changes: dict[str, Any] = {}
    for key, field in QUERY_KEYS.items():
        raw = query.get(key)
        if isinstance(raw, (list, tuple)):  # repeated keys: the last one wins, as in st.query_params
            raw = raw[-1] if raw else None
        if not isinstance(raw, str):
            continue
        value = parse_query_value(raw, getattr(defaults, field), field)
        if value is not None:
            changes[field] = value
    filters = replace(defaults, **changes)
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        filters = replace(filters, date_from=defaults.date_from, date_to=defaults.date_to)
    return filters


def parse_query_value(raw: str, default: Any, field: str) -> Any:
    """One query value checked against its default (the options); None when invalid."""
    raw = raw.strip()
    if field in ("date_from", "date_to"):
        return parse_date_within(raw, default, field)
    if field.startswith("max_"):
        limit = REGION if field == "max_geo_precision" else SEASON_OR_YEAR
        return int(raw) if raw.isdigit() and 1 <= int(raw) <= limit else None
    if raw == "":
        return ()  # an empty list in the URL: the user deselected everything
    options = set(default or ())
    chosen = tuple(dict.fromkeys(v.strip() for v in raw.split(",") if v.strip() in options))
    return chosen or None


def parse_date_within(raw: str, default: date | None, field: str) -> date | None:
    """An ISO date clamped to the events' span (the default is that span's edge)."""
    try:
        value = date.fromisoformat(raw)
    except ValueError:
        return None
    if default is None:
        return value
    return max(value, default) if field == "date_from" else min(value, default)


# --- timeline ------------------------------------------------------------------------------


def weekly_timeline(events: pd.DataFrame, measure: str = "events") -> pd.DataFrame:
    """Events (or persons) per week by primary country: columns week, country, value.

    An event counts in the week its period starts (Monday-based weeks).
    """
    columns = ["week", "country", "value"]
    if not len(events):
        return pd.DataFrame(columns=columns)
    starts, _ = event_dates(events)
    frame = pd.DataFrame({
        "week": starts.dt.to_period("W-SUN").dt.start_time,
        "country": events["country"].fillna("?").to_numpy(),
        "value": 1 if measure == "events" else events["persons"].map(as_int).fillna(0).astype(int),
    }).dropna(subset=["week"])
    grouped = frame.groupby(["week", "country"], as_index=False)["value"].sum()
    return grouped[columns].sort_values(["week", "country"]).reset_index(drop=True)


# --- matching a map click back to an event -------------------------------------------------


def match_click(
    events: gpd.GeoDataFrame,
    latlng: Mapping[str, float] | None,
    tooltip: str | None = None,
    tolerance_deg: float = 0.05,
) -> str | None:
    """The id of the clicked event: the id named in the tooltip, else the nearest event.

    A click on an area (tooltip without an event id, or far from every event) selects nothing.
    """
    if not len(events):
        return None
    ids = [str(i) for i in events["id"]]
    if tooltip and tooltip.strip():
        named = [i for i in ids if i in tooltip]
        # "doc:e12" also contains "doc:e1"; a tooltip naming no event is an area's
        return max(named, key=len) if named else None
    if not latlng or latlng.get("lat") is None or latlng.get("lng") is None:
        return None
    xs, ys = events.geometry.x.to_numpy(), events.geometry.y.to_numpy()
    distance = np.hypot(xs - float(latlng["lng"]), ys - float(latlng["lat"]))
    best = int(np.nanargmin(distance))
    return ids[best] if distance[best] <= tolerance_deg else None
