"""Matching a click on the map to the event it was on."""

from __future__ import annotations

from typing import Mapping

import geopandas as gpd
import numpy as np

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


def within(events: gpd.GeoDataFrame, bounds: Mapping[str, Mapping[str, float]] | None) -> gpd.GeoDataFrame:
    """The events whose drawn point lies inside a Leaflet bounds object
    ({"_southWest": {"lat", "lng"}, "_northEast": {...}}, as st_folium returns it); all of them
    when the bounds are missing or malformed."""
    try:
        south, west = float(bounds["_southWest"]["lat"]), float(bounds["_southWest"]["lng"])
        north, east = float(bounds["_northEast"]["lat"]), float(bounds["_northEast"]["lng"])
    except (TypeError, KeyError, ValueError):
        return events
    if not len(events):
        return events
    xs, ys = events.geometry.x.to_numpy(), events.geometry.y.to_numpy()
    return events[(xs >= west) & (xs <= east) & (ys >= south) & (ys <= north)]
