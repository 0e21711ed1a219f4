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
# (the fill stays the event type's colour); the legend names them. Dark shades that no event
# type uses, so an outline is never read as a type.
DOCUMENT_OUTLINES = ("#00441b", "#08306b", "#67000d", "#3f007d", "#7f2704", "#252525", "#004d4d", "#4d004b")
# Countries (the timeline's bars) get a palette of their own, never the event types' colours.
COUNTRY_COLOURS = {"LV": "#7a0019", "LT": "#c9a227", "PL": "#5b6c8f", "BY": "#3d7a3d", "RU": "#6b4e9b",
                   "EE": "#2b8cbe", "DE": "#8c6d31", "IQ": "#b8860b", "UA": "#4a7fb0"}
COUNTRY_FALLBACK = ("#5f5f5f", "#8c8c8c", "#a0522d", "#556b2f", "#483d8b", "#708090")

# The numbers of the markers' look, in one place: event_style (Python) uses them and the
# position markers' JavaScript receives them as JSON (cluster.POSITION_MARKER_JS).
MARKER = {
    "radius_min": 6.0,  # pixels, one event with no stated persons
    "radius_step": 3.0,  # pixels per tenfold persons (and events, for a stack)
    "radius_max": 20.0,
    "fill_opacity": 0.75,
    "hollow_fill_opacity": 0.06,  # a hollow marker keeps a faint fill: Leaflet only takes clicks on filled paths
    "weight": 1.5,
    "hollow_weight": 2.5,
    "outline_weight": 3.0,
    "user_weight": 3.5,
    "dash": "4 3",
    "user_colour": USER_OUTLINE,
    "area_fill_opacity": 0.10,  # an event drawn as its area
    "area_weight": 2.0,
}


def country_colour(code: str | None, order: int = 0) -> str:
    """The timeline colour of a country (a fixed one for the region's countries)."""
    return COUNTRY_COLOURS.get(str(code)) or COUNTRY_FALLBACK[order % len(COUNTRY_FALLBACK)]


def event_style(event: Mapping[str, Any], outline: str | None = None) -> dict[str, Any]:
    """Colour by type, size by persons; hollow when only the month/season or region is known;
    `outline`: the colour of its document's outline, when several documents are shown."""
    colour = TYPE_COLOURS.get(event.get("event_type"), TYPE_COLOURS["other"])
    time_coarse = (as_int(event.get("time_precision")) or MONTH) >= MONTH
    geo_coarse = (as_int(event.get("geo_precision")) or REGION) >= REGION
    style = {
        "radius": marker_radius(as_int(event.get("persons")), int(event.get("stack_size") or 1)),
        "color": colour,
        "fill": True,
        "fillColor": colour,
        "fillOpacity": MARKER["hollow_fill_opacity"] if time_coarse or geo_coarse else MARKER["fill_opacity"],
        "weight": MARKER["hollow_weight"] if time_coarse or geo_coarse else MARKER["weight"],
    }
    if geo_coarse:
        style["dashArray"] = MARKER["dash"]
    if outline:
        style["color"], style["weight"] = outline, MARKER["outline_weight"]
    if str(event.get("doc_id", "")).startswith(USER_PREFIX):
        style["color"], style["weight"] = USER_OUTLINE, MARKER["user_weight"]  # the user's own documents stand out
    return style


def area_style(event: Mapping[str, Any], outline: str | None = None) -> dict[str, Any]:
    """An event drawn as its area: the type's colour, dashed, a faint fill (to take clicks)."""
    style = event_style(event, outline)
    style.pop("radius", None)
    style.update({"fillOpacity": MARKER["area_fill_opacity"], "dashArray": MARKER["dash"],
                  "weight": max(style["weight"], MARKER["area_weight"])})
    return style


def marker_radius(persons: int | None, events: int = 1) -> float:
    """Radius in pixels: 6 for one event without persons, growing with log10 of the persons
    (plus the events, for a stack of several)."""
    total = (persons if persons and persons > 0 else 0) + (events if events > 1 else 0)
    if total < 1:
        return MARKER["radius_min"]
    return round(min(MARKER["radius_min"] + MARKER["radius_step"] * math.log10(total + 1), MARKER["radius_max"]), 1)


def esc(value: Any) -> str:
    """HTML-escaped text of a value; None is empty."""
    return "" if value is None else escape(str(value))
