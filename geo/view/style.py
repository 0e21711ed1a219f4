"""The one style table of the map: colours by event type, marker sizes, escaping."""

from __future__ import annotations

import math
from html import escape
from typing import Any, Mapping

from geo.io.schema import as_int
from geo.model import MONTH, REGION, USER_PREFIX

TYPE_COLOURS = {
    "detention": "#d62728",
    "border_crossing": "#ff7f0e",
    "pushback": "#bcbd22",
    "death": "#393b79",
    "emergency": "#9467bd",
    "deployment": "#8c564b",
    "accusation": "#e377c2",
    "legal_action": "#1f77b4",
    "arrest": "#17becf",
    "statement": "#2ca02c",
    "other": "#7f7f7f",
}
USER_OUTLINE = "#111111"
# With several documents on the map, each document's events get an outline of their own
# (the fill stays the event type's colour); the legend names them.
DOCUMENT_OUTLINES = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666")


def event_style(event: Mapping[str, Any], outline: str | None = None) -> dict[str, Any]:
    """Colour by type, size by persons; hollow when only the month/season or region is known;
    `outline`: the colour of its document's outline, when several documents are shown."""
    colour = TYPE_COLOURS.get(event.get("event_type"), TYPE_COLOURS["other"])
    time_coarse = (as_int(event.get("time_precision")) or MONTH) >= MONTH
    geo_coarse = (as_int(event.get("geo_precision")) or REGION) >= REGION
    style = {
        "radius": marker_radius(as_int(event.get("persons"))),
        "color": colour,
        "fill": True,
        "fillColor": colour,
        # a hollow marker keeps a faint fill: Leaflet only takes clicks on filled paths
        "fillOpacity": 0.06 if time_coarse or geo_coarse else 0.75,
        "weight": 2.5 if time_coarse or geo_coarse else 1.5,
    }
    if geo_coarse:
        style["dashArray"] = "4 3"
    if outline:
        style["color"], style["weight"] = outline, 3.0
    if str(event.get("doc_id", "")).startswith(USER_PREFIX):
        style["color"], style["weight"] = USER_OUTLINE, 3.5  # the user's own documents stand out
    return style


def marker_radius(persons: int | None) -> float:
    """Radius in pixels: 6 when unknown, growing with log10 of the number of persons."""
    if not persons or persons < 1:
        return 6.0
    return round(min(6.0 + 3.0 * math.log10(persons + 1), 20.0), 1)


def esc(value: Any) -> str:
    """HTML-escaped text of a value; None is empty."""
    return "" if value is None else escape(str(value))
