"""Where each event is drawn, and which events share that spot (a stack).

An event known only to a region, municipality, border section or country (geo_precision 3)
is drawn as that area, not as a point at its centroid; every other event is a point. Events
drawn at the same area, or at the same point (to about a metre), form one stack: one marker
on the map whose tooltip says how many and which, and whose click lists them all.
"""

from __future__ import annotations

from typing import Any, Iterable

import pandas as pd

from geo.io.schema import as_int, as_list
from geo.model import REGION

POSITION_DECIMALS = 5  # about a metre: events at one place share a marker
NOT_AN_AREA = ("union",)  # "the EU" is context, never where an event happened


def drawn_area(event: Any, area_ids: set[str]) -> str | None:
    """The id of the area an event is drawn as, or None when it is drawn as a point.

    Only region-level events (geo_precision 3) are; the event's `area_id` when it has one
    that is drawn, else the first of its place_ids that is an area."""
    if (as_int(_get(event, "geo_precision")) or REGION) < REGION:
        return None
    own = _get(event, "area_id")
    if isinstance(own, str) and own in area_ids:
        return own
    return next((p for p in as_list(_get(event, "place_ids")) if p in area_ids), None)


def _get(event: Any, name: str) -> Any:
    """A field of a row given as a mapping or a namedtuple."""
    return event.get(name) if hasattr(event, "get") else getattr(event, name, None)


def usable_areas(areas: pd.DataFrame | None) -> set[str]:
    """Ids of the areas an event may be drawn as (all but NOT_AN_AREA types)."""
    if areas is None or not len(areas):
        return set()
    return set(areas.loc[~areas["type"].isin(NOT_AN_AREA), "id"].astype(str))


def stack_keys(events: pd.DataFrame, area_ids: Iterable[str]) -> pd.Series:
    """Per event, where it is drawn: "area:<id>" or "pt:<lat>,<lon>" (rounded)."""
    area_ids = set(area_ids)
    n = len(events)
    if not n:
        return pd.Series([], dtype=object, index=events.index)
    lat = events.geometry.y.round(POSITION_DECIMALS).to_numpy()
    lon = events.geometry.x.round(POSITION_DECIMALS).to_numpy()
    # plain lists of the three columns a place depends on (a row dict of every column was slow)
    coarse = (pd.to_numeric(events["geo_precision"], errors="coerce").fillna(REGION) >= REGION).to_numpy()
    own = events["area_id"].tolist() if "area_id" in events else [None] * n
    place_ids = events["place_ids"].tolist() if "place_ids" in events else [None] * n
    keys = []
    for i in range(n):
        area = drawn_area({"geo_precision": REGION, "area_id": own[i], "place_ids": place_ids[i]}, area_ids) \
            if coarse[i] and area_ids else None
        keys.append(f"area:{area}" if area else f"pt:{lat[i]:.{POSITION_DECIMALS}f},{lon[i]:.{POSITION_DECIMALS}f}")
    return pd.Series(keys, index=events.index, dtype=object)


def stack_of(events: pd.DataFrame, event_id: str, area_ids: Iterable[str]) -> list[str]:
    """The ids of the events drawn where `event_id` is (itself included), in the events' order;
    [] when it is not among them."""
    if not len(events):
        return []
    keys = stack_keys(events, area_ids)
    ids = events["id"].astype(str)
    match = keys[ids == str(event_id)]
    if not len(match):
        return []
    return list(ids[keys == match.iloc[0]])


def area_key(key: str) -> str | None:
    """The area id of a stack key, None for a point."""
    return key[5:] if key.startswith("area:") else None
