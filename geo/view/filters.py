"""Filtering events: the filter state, the filter itself, and what the shown events relate to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Mapping

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.io.schema import as_list
from geo.model import REGION, SEASON_OR_YEAR

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
    # "happened": a country filter keeps events that happened there (their primary `country`);
    # "mentions": also those that only involve or mention it (`countries`)
    country_mode: str = "happened"


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
        if filters.country_mode == "mentions":
            keep &= np.array([bool(chosen.intersection(cs)) for cs in event_countries(events)], dtype=bool)
        else:
            keep &= events["country"].isin(chosen).to_numpy()
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
