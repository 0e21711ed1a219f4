"""Filters to and from the URL's query string, parsed defensively."""

from __future__ import annotations

import re
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


LIST_FIELDS = ("countries", "event_types", "doc_ids")


def filters_from_query(query: Mapping[str, Any], defaults: Filters) -> Filters:
    """Filters from URL query parameters; each invalid or unknown value is ignored, never raised."""
    return read_query(query, defaults)[0]


def read_query(query: Mapping[str, Any], defaults: Filters) -> tuple[Filters, list[str]]:
    """Filters from URL query parameters, and the values ignored ("tp=²"), for the page to say.

    A value may be a string or the list of a repeated key's values (``st.query_params.get_all``),
    applied as the URL shows them: a list filter takes every value in order
    (``country=LV&country=LT`` is both), a single-valued one the last (an earlier one is reported
    ignored). Nothing here raises on what a URL can hold."""
    changes: dict[str, Any] = {}
    ignored: list[str] = []
    for key, field in QUERY_KEYS.items():
        raw = query.get(key)
        values = [v for v in (raw if isinstance(raw, (list, tuple)) else [raw]) if isinstance(v, str)]
        if not values:
            continue
        if field in LIST_FIELDS:
            value, bad = parse_list(values, getattr(defaults, field))
            ignored += [f"{key}={v}" for v in bad]
        else:
            ignored += [f"{key}={v}" for v in values[:-1]]
            value = parse_query_value(values[-1], getattr(defaults, field), field)
            if value is None:
                ignored.append(f"{key}={values[-1]}")
        if value is not None:
            changes[field] = value
    filters = replace(defaults, **changes)
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        ignored += [f"{k}={filters_to_query(filters)[k]}" for k in ("from", "to")]
        filters = replace(filters, date_from=defaults.date_from, date_to=defaults.date_to)
    return filters, ignored


def parse_list(values: list[str], options: Any) -> tuple[tuple[str, ...] | None, list[str]]:
    """The chosen options of a list filter from one or more comma-separated values, in order,
    and the items that are no option; () for an empty value (the user deselected everything)."""
    known = set(options or ())
    items = [item.strip() for value in values for item in value.split(",")]
    chosen = tuple(dict.fromkeys(item for item in items if item in known))
    bad = [item for item in items if item and item not in known]
    if not chosen and all(not item for item in items):
        return (), bad
    return chosen or None, bad


def parse_query_value(raw: str, default: Any, field: str) -> Any:
    """One query value checked against its default (the options); None when invalid."""
    raw = raw.strip()
    if field in ("date_from", "date_to"):
        return parse_date_within(raw, default, field)
    if field.startswith("max_"):
        limit = REGION if field == "max_geo_precision" else SEASON_OR_YEAR
        # ASCII digits only: "²".isdigit() is True, but int("²") raises
        return int(raw) if re.fullmatch(r"[0-9]{1,2}", raw) and 1 <= int(raw) <= limit else None
    if raw == "":
        return ()  # an empty list in the URL: the user deselected everything
    return parse_list([raw], default)[0]


def parse_date_within(raw: str, default: date | None, field: str) -> date | None:
    """An ISO date clamped to the events' span (the default is that span's edge)."""
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", raw):
        return None  # fromisoformat also takes "20210805" and other forms no link of ours holds
    try:
        value = date.fromisoformat(raw)
    except ValueError:
        return None
    if default is None:
        return value
    return max(value, default) if field == "date_from" else min(value, default)
