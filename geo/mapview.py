"""The folium map of the events: basemap, areas, events, legend — each layer built on its own.

No streamlit here: `build_map` returns a `folium.Map` that the app hands to st_folium and the
tests render to HTML. Every text put into the map's HTML is escaped first.
"""

from __future__ import annotations

import math
from html import escape
from typing import Any, Mapping

import folium
import geopandas as gpd
import pandas as pd
import shapely
from branca.element import MacroElement
from folium.plugins import FastMarkerCluster
from folium.template import Template

from geo.model import MONTH, REGION
from geo.selection import as_int, as_list

LEAFLET_JS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"
LEAFLET_CSS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css"
# Above this many events one GeoJson layer gets slow in the browser: cluster them instead.
CLUSTER_THRESHOLD = 2000
# Fallback frame when there is nothing to fit: north-east Poland to Latvia, with Belarus.
REGION_BOUNDS = ((51.0, 20.0), (58.2, 32.9))
MIN_FRAME_DEG = 1.0  # one event alone is framed with its surroundings, not at street level

TYPE_COLOURS = {
    "detention": "#d62728",
    "border_crossing": "#ff7f0e",
    "emergency": "#9467bd",
    "deployment": "#8c564b",
    "accusation": "#e377c2",
    "legal_action": "#1f77b4",
    "arrest": "#17becf",
    "statement": "#2ca02c",
    "other": "#7f7f7f",
}
# Area types → (layer name, style, shown on opening).
AREA_LAYERS = {
    "country": ("Countries", {"color": "#555", "weight": 1.2, "fillOpacity": 0.0}, True),
    "region": ("Regions (Grodno, Kaliningrad)", {"color": "#b35806", "weight": 1.5, "dashArray": "6 4", "fillColor": "#fdb863", "fillOpacity": 0.12}, True),
    "municipality": ("Latvian emergency area, 2021", {"color": "#7b3294", "weight": 1.2, "fillColor": "#c2a5cf", "fillOpacity": 0.25}, True),
    "corridor": ("Suwałki corridor", {"color": "#e7298a", "weight": 5, "opacity": 0.8}, True),
    "border": ("Borders with Belarus", {"color": "#111", "weight": 3, "dashArray": "2 5"}, True),
    "union": ("European Union", {"color": "#003399", "weight": 1, "fillOpacity": 0.03}, False),
}
AREA_TYPE_ALIASES = {"state_city": "municipality"}  # Daugavpils city is part of the 2021 area
# What the map ever shows of a far area (Russia, the EU, Iraq): Europe to the Middle East.
DISPLAY_BOX = (-10.0, 28.0, 50.0, 72.0)
COARSE_TOLERANCE, FINE_TOLERANCE = 0.02, 0.002  # degrees: countries vs municipalities and borders


# Events of documents added in the app get this outline (their fill keeps the type colour).
USER_PREFIX = "user-"
USER_OUTLINE = "#111111"

def build_map(
    layers: Mapping[str, pd.DataFrame],
    events: gpd.GeoDataFrame,
    basemap: gpd.GeoDataFrame | None = None,
    offline: bool = False,
) -> folium.Map:
    """The whole map for the given (already filtered) events."""
    m = folium.Map(tiles=None, control_scale=True)
    # circle markers and GeoJSON need Leaflet alone: no jQuery, Bootstrap or icon fonts to fetch
    m.default_js, m.default_css = [("leaflet", LEAFLET_JS)], [("leaflet_css", LEAFLET_CSS)]
    folium.map.CustomPane("basemap", z_index=250).add_to(m)
    folium.map.CustomPane("events", z_index=450, pointer_events=True).add_to(m)
    add_tiles(m, show=not offline)
    add_basemap(m, basemap, show=offline)
    add_areas(m, layers["areas"])
    add_imprecise_areas(m, events, layers["areas"])
    add_events(m, events)
    Legend().add_to(m)
    folium.LayerControl(collapsed=True).add_to(m)
    m.fit_bounds(frame_bounds(events))
    return m


def add_tiles(m: folium.Map, show: bool) -> None:
    """OpenStreetMap tiles, the online base layer."""
    folium.TileLayer("OpenStreetMap", name="OpenStreetMap", show=show).add_to(m)


def add_basemap(m: folium.Map, basemap: gpd.GeoDataFrame | None, show: bool) -> None:
    """Country outlines from data/boundaries/basemap.geojson: a base layer that needs no server."""
    if basemap is None or not len(basemap):
        return
    frame = for_display(basemap[["name", basemap.geometry.name]].assign(name=basemap["name"].map(esc)))
    folium.GeoJson(
        frame,
        name="Offline basemap",
        overlay=False,
        show=show,
        pane="basemap",
        style_function=lambda _: {"color": "#8a8a8a", "weight": 1, "fillColor": "#f3f0e8", "fillOpacity": 1},
        tooltip=folium.GeoJsonTooltip(fields=["name"], labels=False),
    ).add_to(m)


def add_areas(m: folium.Map, areas: gpd.GeoDataFrame) -> None:
    """One overlay per kind of area the text names, styled by its type."""
    if not len(areas):
        return
    areas = for_display(areas)
    kinds = areas["type"].map(lambda t: AREA_TYPE_ALIASES.get(t, t))
    for kind, group in areas.groupby(kinds, sort=False):
        name, style, show = AREA_LAYERS.get(kind, (f"Other areas ({kind})", {"color": "#333", "weight": 1, "fillOpacity": 0.05}, True))
        frame = group[["id", group.geometry.name]].assign(tooltip_html=group.apply(area_tooltip, axis=1))
        folium.GeoJson(
            frame,
            name=name,
            show=show,
            style_function=lambda _, style=style: style,
            tooltip=folium.GeoJsonTooltip(fields=["tooltip_html"], labels=False),
        ).add_to(m)


def area_tooltip(area: pd.Series) -> str:
    """Escaped tooltip of an area: its English and Latvian names."""
    name_lv = area.get("name_lv")
    extra = f"<br><i>{esc(name_lv)}</i>" if isinstance(name_lv, str) and name_lv != area.get("name") else ""
    return f"<b>{esc(area.get('name'))}</b>{extra}"


def add_imprecise_areas(m: folium.Map, events: gpd.GeoDataFrame, areas: gpd.GeoDataFrame) -> None:
    """Outline the areas to which region-level events are known, instead of pretending a point."""
    coarse = events[events["geo_precision"].map(as_int).fillna(REGION) >= REGION] if len(events) else events
    ids = {p for place_ids in coarse.get("place_ids", []) for p in as_list(place_ids)}
    outlined = areas[areas["id"].isin(ids) & (areas["type"] != "union")] if len(areas) else areas
    if not len(outlined):
        return
    frame = for_display(outlined)[["id", outlined.geometry.name]].assign(tooltip_html=outlined.apply(
        lambda a: f"{esc(a['name'])}: events known only to this area", axis=1))
    folium.GeoJson(
        frame,
        name="Areas of region-level events",
        style_function=lambda _: {"color": "#222", "weight": 2.5, "dashArray": "8 6", "fill": False},
        tooltip=folium.GeoJsonTooltip(fields=["tooltip_html"], labels=False),
    ).add_to(m)


def for_display(shapes: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Shapes cut to the display box and simplified, so the browser gets kilobytes, not megabytes."""
    coarse = shapes["type"].isin(["country", "union"]) if "type" in shapes else pd.Series(True, index=shapes.index)
    clipped = shapes.geometry.clip_by_rect(*DISPLAY_BOX)
    simple = [
        shapely.set_precision(shape.simplify(COARSE_TOLERANCE if big else FINE_TOLERANCE), 1e-4)
        for shape, big in zip(clipped, coarse)
    ]
    shown = shapes.set_geometry(gpd.GeoSeries(simple, index=shapes.index, crs=shapes.crs))
    return shown[~shown.geometry.is_empty]


def add_events(m: folium.Map, events: gpd.GeoDataFrame) -> None:
    """The events: one GeoJson layer of circle markers, or a fast cluster above the threshold."""
    if not len(events):
        folium.FeatureGroup(name="Events").add_to(m)  # the layer control stays the same
        return
    frame = map_frame(events)
    if len(frame) > CLUSTER_THRESHOLD:
        cluster_layer(frame).add_to(m)
        return
    folium.GeoJson(
        frame,
        name="Events",
        marker=folium.CircleMarker(radius=6),
        # the pane goes with the style: folium copies it into each marker's options, while
        # GeoJSON's own pane option skips markers made by pointToLayer
        style_function=lambda feature: {**feature["properties"]["style"], "pane": "events"},
        highlight_function=lambda _: {"weight": 4},
        tooltip=folium.GeoJsonTooltip(fields=["tooltip_html"], labels=False, sticky=False),
    ).add_to(m)


def map_frame(events: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """What the browser needs per event: id, escaped tooltip, style (never the raw quote)."""
    records = events.to_dict("records")
    return gpd.GeoDataFrame(
        {
            "id": [str(e["id"]) for e in records],
            "tooltip_html": [event_tooltip(e) for e in records],
            "style": [event_style(e) for e in records],
        },
        geometry=list(events.geometry),
        crs=events.crs,
    )


def cluster_layer(frame: gpd.GeoDataFrame) -> FastMarkerCluster:
    """Many events as a marker cluster drawn in the browser from plain rows."""
    rows = [
        [p.y, p.x, s["radius"], s["color"], s["fillOpacity"], s.get("dashArray", ""), tip]
        for p, s, tip in zip(frame.geometry, frame["style"], frame["tooltip_html"])
    ]
    # a function expression: FastMarkerCluster writes it as "var callback = <this>;" itself
    callback = """function (row) {
            var marker = L.circleMarker(new L.LatLng(row[0], row[1]), {
                radius: row[2], color: row[3], fillColor: row[3], fillOpacity: row[4],
                weight: 2, dashArray: row[5] || null, pane: "events"});
            marker.bindTooltip(row[6]);  // escaped in Python
            return marker;
        }"""
    return FastMarkerCluster(rows, callback=callback, name="Events (clustered)")


def event_style(event: Mapping[str, Any]) -> dict[str, Any]:
    """Colour by type, size by persons; hollow when only the month/season or region is known."""
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
    if str(event.get("doc_id", "")).startswith(USER_PREFIX):
        style["color"], style["weight"] = USER_OUTLINE, 3.5  # the user's own documents stand out
    return style


def marker_radius(persons: int | None) -> float:
    """Radius in pixels: 6 when unknown, growing with log10 of the number of persons."""
    if not persons or persons < 1:
        return 6.0
    return round(min(6.0 + 3.0 * math.log10(persons + 1), 20.0), 1)


def event_tooltip(event: Mapping[str, Any]) -> str:
    """Escaped tooltip: date, place, type, persons, and the event id that a click is matched by."""
    start, end = event.get("date_start"), event.get("date_end")
    when = start if not end or end == start else f"{start} – {end}"
    places = ", ".join(as_list(event.get("place_names"))) or event.get("country") or "?"
    persons = as_int(event.get("persons"))
    counted = f" · {persons} persons" if persons is not None else ""
    kind = str(event.get("event_type") or "other").replace("_", " ")
    return (
        f"<b>{esc(when)}</b> · {esc(places)}<br>{esc(kind)}{esc(counted)}"
        f'<br><span style="color:#888;font-size:80%">{esc(event.get("id"))}</span>'
    )


def selection_layer(event: Mapping[str, Any] | None, point: Any = None) -> folium.FeatureGroup:
    """A ring around the selected event, sent to st_folium as `feature_group_to_add`."""
    group = folium.FeatureGroup(name="Selected event", control=False)
    if event is not None and point is not None:
        folium.CircleMarker(
            location=(point.y, point.x),
            radius=marker_radius(as_int(event.get("persons"))) + 7,
            color="#ffd400",
            weight=4,
            fill=False,
        ).add_to(group)
    return group


def frame_bounds(events: gpd.GeoDataFrame) -> list[list[float]]:
    """[[south, west], [north, east]] around the events, or the region when there are none."""
    points = events.geometry[~events.geometry.is_empty & events.geometry.notna()] if len(events) else []
    if not len(points):
        return [list(REGION_BOUNDS[0]), list(REGION_BOUNDS[1])]
    west, south, east, north = points.total_bounds
    pad_x = max(0.0, (MIN_FRAME_DEG - (east - west)) / 2)
    pad_y = max(0.0, (MIN_FRAME_DEG - (north - south)) / 2)
    return [[south - pad_y, west - pad_x], [north + pad_y, east + pad_x]]


def esc(value: Any) -> str:
    """HTML-escaped text of a value; None is empty."""
    return "" if value is None else escape(str(value))


class Legend(MacroElement):
    """A fixed legend control: event types, precision styles, what the marker size means."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var legend = L.control({position: "bottomleft"});
            legend.onAdd = function () {
                var div = L.DomUtil.create("div", "robeza-legend");
                div.innerHTML = {{ this.html|tojson }};
                return div;
            };
            legend.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "Legend"
        self.html = legend_html()


def legend_html() -> str:
    """The legend's HTML (constant text, escaped all the same); it folds away with a click."""
    dot = '<span style="display:inline-block;width:9px;height:9px;border-radius:50%;{}"></span>'
    types = "".join(
        f"<span>{dot.format(f'background:{colour};')} {esc(kind.replace('_', ' '))}</span>"
        for kind, colour in TYPE_COLOURS.items()
    )
    precision = "<br>".join([
        f"{dot.format('background:#555;')} exact: day or week, settlement or parish",
        f"{dot.format('border:2px solid #555;')} only the month, season or year",
        f"{dot.format('border:2px dashed #555;')} only the region (area outlined)",
        "size: persons, where the text gives them",
    ])
    style = ("background:rgba(255,255,255,.92);padding:4px 8px;font:11px/1.45 sans-serif;"
             "border-radius:4px;box-shadow:0 0 4px rgba(0,0,0,.3);max-width:250px")
    grid = '<div style="display:grid;grid-template-columns:1fr 1fr;column-gap:8px">'
    return (f'<details open style="{style}"><summary style="cursor:pointer"><b>Legend</b></summary>'
            f"{grid}{types}</div><div style='margin-top:3px'>{precision}</div></details>")
