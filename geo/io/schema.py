"""The one schema of the layers: their columns, types, and coercion of read values."""

from __future__ import annotations

import json
import math
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

LAYER_NAMES = ("events", "places", "mentions", "areas")
WGS84 = "EPSG:4326"

# Columns of each layer in contract order (README, "The data contract"): the build writes
# exactly these, and a layer read without some of them gets them, empty.
COLUMNS = {
    "events": [
        "id", "doc_id", "date_start", "date_end", "date_text", "time_precision", "event_type",
        "persons", "place_ids", "place_names", "place_name", "country", "countries", "geo_precision",
        "quote", "quote_start", "quote_end", "spans", "date_relation", "date_from_context",
        "place_from_context", "area_id", "doc_title",
    ],
    "places": [
        "id", "name", "name_lv", "type", "country", "geo_precision", "mention_count", "first_date",
        "last_date", "source",
    ],
    "mentions": [
        "doc_id", "start", "end", "surface", "lemma", "place_id", "role", "resolution",
        "sentence_start", "sentence_end",
    ],
    "areas": ["id", "name", "name_lv", "type", "country", "source", "licence"],
    "unresolved": ["doc_id", "start", "end", "surface", "kind", "reason"],
}
DATE_COLUMNS = ("date_start", "date_end", "first_date", "last_date")
LIST_COLUMNS = ("place_ids", "place_names", "countries", "spans")
INT_COLUMNS = (
    "time_precision", "geo_precision", "quote_start", "quote_end", "persons", "mention_count",
    "start", "end", "sentence_start", "sentence_end",
)


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


def encode_lists(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of a layer with its list and dict values as JSON text, as GeoParquet keeps them
    (as_list, applied by the reader's normalise, decodes them)."""
    copy = frame.copy()
    for column in copy.columns:
        if column != "geometry" and copy[column].map(lambda v: isinstance(v, (list, dict))).any():
            copy[column] = copy[column].map(lambda v: json.dumps(v, ensure_ascii=False))
    return copy


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
