"""Filters to and from the URL's query string, parsed defensively."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any, Mapping

from geo.model import REGION, SEASON_OR_YEAR
from geo.view.filters import Filters

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
