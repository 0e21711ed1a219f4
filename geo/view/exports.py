"""Exports of what is selected: GeoJSON (RFC 7946), an ACLED-like CSV, plain tables."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import partial
from typing import Any, Callable, Mapping

import geopandas as gpd
import pandas as pd

from geo.io.layers import geojson_chunks
from geo.io.schema import LAYER_NAMES, as_int, as_list, plain
from geo.io.seeds import strip_bidi
from geo.view.filters import related
from geo.view.labels import GEO_PRECISION_LABELS, TIME_PRECISION_LABELS, country_name, type_label

# Columns of the ACLED-like CSV export, in order.
CSV_COLUMNS = [
    "event_id", "date_start", "date_end", "time_precision", "event_type", "persons", "country",
    "place", "latitude", "longitude", "geo_precision", "quote", "source",
]


# --- exports -------------------------------------------------------------------------------


def to_geojson_bytes(gdf: gpd.GeoDataFrame) -> bytes:
    """An RFC 7946 FeatureCollection: WGS84, no crs member, CCW outer rings, JSON-typed
    properties, one feature per line — the layer files' own writer (geo.io.layers)."""
    return "".join(geojson_chunks(gdf)).encode("utf-8")


# A spreadsheet runs a cell that begins with one of these as a formula ("=HYPERLINK(...)"):
# in the CSV, text cells that do are prefixed with an apostrophe, which spreadsheets hide.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_TEXT_COLUMNS = ("event_id", "event_type", "country", "place", "quote", "source")


UTF8_BOM = b"\xef\xbb\xbf"  # lets Excel read the CSV as UTF-8 ("Piedrujā", not "PiedrujÄ")


def events_to_csv(events: gpd.GeoDataFrame, sources: Mapping[str, str] | None = None, bom: bool = False) -> bytes:
    """Events as an ACLED-like CSV (UTF-8, with a byte-order mark for Excel when `bom`);
    `sources` maps doc_id to a source name or URL. Text that a spreadsheet would run as a
    formula is defused (FORMULA_STARTS)."""
    table = events_table(events, sources)
    for column in CSV_TEXT_COLUMNS:
        table[column] = table[column].map(defuse_formula)
    return (UTF8_BOM if bom else b"") + table.to_csv(index=False).encode("utf-8")


def unresolved_to_json(unresolved: pd.DataFrame) -> bytes:
    """The unresolved mentions as the layer's JSON (a list of records)."""
    records = [{column: plain(value) for column, value in row.items()} for row in unresolved.to_dict("records")]
    return json.dumps(records, ensure_ascii=False, indent=1).encode("utf-8")


def defuse_formula(value: Any) -> Any:
    """A text cell a spreadsheet would take for a formula, with an apostrophe before it (and
    without Unicode bidi controls, which could make it display as something else)."""
    if not isinstance(value, str):
        return value
    value = strip_bidi(value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


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
    layers: Mapping[str, pd.DataFrame], events: gpd.GeoDataFrame, sources: Mapping[str, str] | None = None,
    bom: bool = False,
) -> list[ExportFile]:
    """Each layer as GeoJSON, cut to the selection and whole, the events as CSV both ways
    (`bom`: with a UTF-8 byte-order mark, for Excel), and the unresolved mentions as JSON."""
    chosen = related(layers, events)
    files = []
    for name in LAYER_NAMES:
        files.append(ExportFile(f"{name}: selection ({len(chosen[name])})", f"robeza-{name}-selection.geojson",
                                GEOJSON_MIME, partial(to_geojson_bytes, chosen[name])))
        files.append(ExportFile(f"{name}: whole layer ({len(layers[name])})", f"robeza-{name}.geojson",
                                GEOJSON_MIME, partial(to_geojson_bytes, layers[name])))
    files.append(ExportFile(f"events CSV: selection ({len(events)})", "robeza-events-selection.csv",
                            "text/csv", partial(events_to_csv, events, sources, bom)))
    files.append(ExportFile(f"events CSV: all ({len(layers['events'])})", "robeza-events.csv",
                            "text/csv", partial(events_to_csv, layers["events"], sources, bom)))
    unresolved = layers.get("unresolved")
    if unresolved is not None:
        files.append(ExportFile(f"unresolved: selection ({len(chosen['unresolved'])})",
                                "robeza-unresolved-selection.json", "application/json",
                                partial(unresolved_to_json, chosen["unresolved"])))
        files.append(ExportFile(f"unresolved: whole layer ({len(unresolved)})", "robeza-unresolved.json",
                                "application/json", partial(unresolved_to_json, unresolved)))
    return files


def readable_events(table: pd.DataFrame) -> pd.DataFrame:
    """The events table (events_table) for reading: codes as words, the id last."""
    words = table.assign(
        time_precision=table["time_precision"].map(lambda v: TIME_PRECISION_LABELS.get(as_int(v), "?")),
        geo_precision=table["geo_precision"].map(lambda v: GEO_PRECISION_LABELS.get(as_int(v), "?")),
        event_type=table["event_type"].map(type_label),
        country=table["country"].map(country_name),
    )
    words = words.rename(columns={"date_start": "from", "date_end": "to", "time_precision": "date known to the",
                                  "event_type": "type", "geo_precision": "place known to the",
                                  "event_id": "id"})
    return words[[c for c in words.columns if c != "id"] + ["id"]]


def plain_table(gdf: gpd.GeoDataFrame) -> pd.DataFrame:
    """A layer as a table for display: no geometry column, points as latitude/longitude."""
    table = pd.DataFrame(gdf.drop(columns=gdf.geometry.name))
    if len(gdf) and (gdf.geom_type == "Point").all():
        table["latitude"], table["longitude"] = gdf.geometry.y.round(6), gdf.geometry.x.round(6)
    return table
