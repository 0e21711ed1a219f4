"""The folium map of the events: basemap, areas, events, legend — each layer built on its own.

No streamlit here: `build_map` returns a `folium.Map` that the app hands to st_folium and the
tests render to HTML. Every text put into the map's HTML is escaped first."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any, Mapping

import folium
import geopandas as gpd
import pandas as pd
import shapely
from branca.element import MacroElement
from folium.template import Template
from folium.utilities import JsCode

from geo.io.schema import WGS84, as_int, as_list
from geo.model import USER_PREFIX
from geo.view import stacks
from geo.view.cluster import CLUSTER_THRESHOLD, positions_layer
from geo.view.style import (
    DOCUMENT_OUTLINES,
    TYPE_COLOURS,
    area_style,
    esc,
    event_style,
    marker_radius,
)

LEAFLET_JS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"
LEAFLET_CSS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css"
# Fallback frame when there is nothing to fit: north-east Poland to Latvia, with Belarus.
REGION_BOUNDS = ((51.0, 20.0), (58.2, 32.9))
MIN_FRAME_DEG = 1.0  # one event alone is framed with its surroundings, not at street level
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

@dataclass(frozen=True)
class Backdrop:
    """The layers that do not change with the filters (basemap, areas), simplified and turned
    into GeoJSON once: that was two thirds of building a map of a few hundred events."""

    basemap: dict | None
    areas: tuple[tuple[str, dict, bool, dict], ...]  # (layer name, style, shown, GeoJSON)
    shapes: gpd.GeoDataFrame | None = None  # the areas simplified for display, by id
    bounds: tuple[tuple[str, list[list[float]]], ...] = ()  # layer name → [[south, west], [north, east]]

    def bounds_of(self, name: str) -> list[list[float]] | None:
        """The bounds of one of its layers, computed once with shapely."""
        return dict(self.bounds).get(name)


class BoundedGeoJson(folium.GeoJson):
    """folium.GeoJson that knows its bounds: folium would walk every coordinate of the data
    in Python on each render of the map (a quarter of a second for the basemap and areas)."""

    def __init__(self, data: Any, bounds: list[list[float]] | None = None, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self._known_bounds = bounds

    def _get_self_bounds(self) -> list[list[float | None]]:
        return self._known_bounds if self._known_bounds is not None else super()._get_self_bounds()


def lat_lon_bounds(frame: gpd.GeoDataFrame) -> list[list[float]] | None:
    """[[south, west], [north, east]] of a frame's geometries, None when it has none."""
    if frame is None or not len(frame):
        return None
    west, south, east, north = frame.total_bounds
    return [[float(south), float(west)], [float(north), float(east)]]


def make_backdrop(areas: gpd.GeoDataFrame, basemap: gpd.GeoDataFrame | None = None) -> Backdrop:
    """Prepare the basemap and the areas for any number of maps."""
    base = None
    bounds: list[tuple[str, list[list[float]]]] = []
    if basemap is not None and len(basemap):
        drawn = for_display(basemap[["name", basemap.geometry.name]].assign(name=basemap["name"].map(esc)))
        base = geojson(drawn)
        bounds.append(("Offline basemap", lat_lon_bounds(drawn)))
    layers, shown = [], None
    if len(areas):
        shown = for_display(areas)
        kinds = shown["type"].map(lambda t: AREA_TYPE_ALIASES.get(t, t))
        for kind, group in shown.groupby(kinds, sort=False):
            name, style, show = AREA_LAYERS.get(kind, (f"Other areas ({kind})", {"color": "#333", "weight": 1, "fillOpacity": 0.05}, True))
            frame = group[["id", group.geometry.name]].assign(tooltip_html=group.apply(area_tooltip, axis=1))
            layers.append((name, style, show, geojson(frame)))
            bounds.append((name, lat_lon_bounds(frame)))
    return Backdrop(base, tuple(layers), shown, tuple(bounds))


def geojson(frame: gpd.GeoDataFrame) -> dict:
    """A GeoDataFrame as a GeoJSON dict (what folium embeds)."""
    return json.loads(frame.to_json(drop_id=True))


def build_map(
    layers: Mapping[str, pd.DataFrame],
    events: gpd.GeoDataFrame,
    basemap: gpd.GeoDataFrame | None = None,
    offline: bool = False,
    backdrop: Backdrop | None = None,
) -> folium.Map:
    """The whole map for the given (already filtered) events; pass the `backdrop` of
    layers["areas"] and `basemap` when one was made before (the app caches it)."""
    backdrop = backdrop or make_backdrop(layers["areas"], basemap)
    m = folium.Map(tiles=None, control_scale=True)
    # circle markers and GeoJSON need Leaflet alone: no jQuery, Bootstrap or icon fonts to fetch
    m.default_js, m.default_css = [("leaflet", LEAFLET_JS)], [("leaflet_css", LEAFLET_CSS)]
    folium.map.CustomPane("basemap", z_index=250).add_to(m)
    folium.map.CustomPane("events", z_index=450, pointer_events=True).add_to(m)
    add_tiles(m, show=not offline)
    add_basemap(m, backdrop.basemap, show=offline, bounds=backdrop.bounds_of("Offline basemap"))
    add_areas(m, backdrop)
    outlines = document_outlines(events)
    add_events(m, events, outlines, backdrop.shapes)
    Legend(document_legend(events, outlines)).add_to(m)
    folium.LayerControl(collapsed=True).add_to(m)
    m.fit_bounds(frame_bounds(events))
    return m


def add_tiles(m: folium.Map, show: bool) -> None:
    """OpenStreetMap tiles, the online base layer."""
    folium.TileLayer("OpenStreetMap", name="OpenStreetMap", show=show).add_to(m)


def add_basemap(m: folium.Map, basemap: dict | None, show: bool, bounds: list[list[float]] | None = None) -> None:
    """Country outlines from data/boundaries/basemap.geojson: a base layer that needs no server."""
    if not basemap or not basemap.get("features"):
        return
    BoundedGeoJson(
        basemap,
        bounds=bounds,
        name="Offline basemap",
        overlay=False,
        show=show,
        pane="basemap",
        style_function=lambda _: {"color": "#8a8a8a", "weight": 1, "fillColor": "#f3f0e8", "fillOpacity": 1},
        tooltip=folium.GeoJsonTooltip(fields=["name"], labels=False),
    ).add_to(m)


def add_areas(m: folium.Map, backdrop: Backdrop) -> None:
    """One overlay per kind of area the text names, styled by its type."""
    for name, style, show, data in backdrop.areas:
        BoundedGeoJson(
            data,
            bounds=backdrop.bounds_of(name),
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


def add_events(m: folium.Map, events: gpd.GeoDataFrame, outlines: Mapping[str, str] | None = None,
               shapes: gpd.GeoDataFrame | None = None) -> None:
    """The events, one marker per stack (stacks.py): region-level events as their area, the
    others as circle markers — or, above the threshold, the points as a fast cluster;
    `outlines`: doc_id → outline colour (document_outlines); `shapes`: the areas as drawn."""
    if not len(events):
        folium.FeatureGroup(name="Events").add_to(m)  # the layer control stays the same
        return
    area_ids = set(shapes["id"]) if shapes is not None and len(shapes) else set()
    keys = stacks.stack_keys(events, stacks.usable_areas(shapes) & area_ids)
    on_area = keys.str.startswith("area:").to_numpy()
    points = events[~on_area]
    if len(points) > CLUSTER_THRESHOLD:
        frame = stack_frame(events[on_area], keys[on_area], outlines, shapes)
        if len(frame):
            events_geojson(frame, "Events (areas)").add_to(m)
        positions_layer(points).add_to(m)
        return
    events_geojson(stack_frame(events, keys, outlines, shapes), "Events").add_to(m)


# Each drawn stack marks its element with how many events it holds (a person reads it in the
# tooltip; the browser tests add them up).
COUNT_ATTRIBUTE_JS = """function (feature, layer) {
    layer.on("add", function () {
        var el = layer.getElement && layer.getElement();
        if (el) { el.setAttribute("data-events", feature.properties.n); }
    });
}"""


def events_geojson(frame: gpd.GeoDataFrame, name: str) -> folium.GeoJson:
    """The GeoJson layer of stacks: areas and circle markers in the "events" pane."""
    return BoundedGeoJson(
        frame,
        bounds=lat_lon_bounds(frame),
        name=name,
        marker=folium.CircleMarker(radius=6),
        # the pane goes with the style: folium copies it into each marker's options, while
        # GeoJSON's own pane option (given too, for the areas) skips markers made by pointToLayer
        style_function=lambda feature: {**feature["properties"]["style"], "pane": "events"},
        highlight_function=lambda _: {"weight": 4},
        tooltip=folium.GeoJsonTooltip(fields=["tooltip_html"], labels=False, sticky=False),
        on_each_feature=JsCode(COUNT_ATTRIBUTE_JS),
        pane="events",
    )


def document_outlines(events: pd.DataFrame) -> dict[str, str]:
    """doc_id → outline colour when the map draws each event (at most CLUSTER_THRESHOLD) and
    they come from 2 to len(DOCUMENT_OUTLINES) seed documents; else {} (no colour would tell
    more documents apart). The user's own documents keep their own outline (event_style)."""
    if not len(events) or len(events) > CLUSTER_THRESHOLD or "doc_id" not in events:
        return {}
    doc_ids = sorted(set(events["doc_id"].dropna().astype(str)))
    seeds = [d for d in doc_ids if not d.startswith(USER_PREFIX)]
    if len(doc_ids) < 2 or not seeds or len(seeds) > len(DOCUMENT_OUTLINES):
        return {}
    return dict(zip(seeds, DOCUMENT_OUTLINES))


def document_legend(events: pd.DataFrame, outlines: Mapping[str, str]) -> list[tuple[str, str]]:
    """(document title, outline colour) for the legend, in the outlines' order (the events'
    doc_title, else the id)."""
    titles = {}
    if outlines and "doc_title" in events:
        titles = {str(d): str(t) for d, t in zip(events["doc_id"], events["doc_title"]) if isinstance(t, str) and t}
    return [(titles.get(d) or d, colour) for d, colour in outlines.items()]


def map_frame(events: gpd.GeoDataFrame, outlines: Mapping[str, str] | None = None,
              shapes: gpd.GeoDataFrame | None = None) -> gpd.GeoDataFrame:
    """What the browser needs per stack: the first event's id, how many, escaped tooltip,
    style (never the raw quote); areas first, largest first, so smaller ones lie on top."""
    area_ids = stacks.usable_areas(shapes) & (set(shapes["id"]) if shapes is not None and len(shapes) else set())
    return stack_frame(events, stacks.stack_keys(events, area_ids), outlines, shapes)


def stack_frame(events: gpd.GeoDataFrame, keys: pd.Series, outlines: Mapping[str, str] | None,
                shapes: gpd.GeoDataFrame | None) -> gpd.GeoDataFrame:
    """One row per stack key (see map_frame)."""
    outlines = outlines or {}
    by_id = {} if shapes is None or not len(shapes) else dict(zip(shapes["id"], shapes.geometry))
    rows, geometries = [], []
    # only what a marker shows (the quotes and spans of thousands of events are not copied)
    records = events[[c for c in STACK_COLUMNS if c in events]].to_dict("records")
    groups: dict[str, list[dict]] = {}
    for key, event, point in zip(keys, records, events.geometry):
        groups.setdefault(key, []).append({**event, "_point": point})
    for key, group in groups.items():
        area = stacks.area_key(key)
        main = dict(group[0], event_type=main_type(group),
                    persons=sum(as_int(e.get("persons")) or 0 for e in group) or None, stack_size=len(group))
        outline = outlines.get(str(main.get("doc_id"))) if len({e.get("doc_id") for e in group}) == 1 else None
        style = area_style(main, outline) if area else event_style(main, outline)
        rows.append({"id": str(group[0]["id"]), "n": len(group), "ids": " ".join(str(e["id"]) for e in group),
                     "tooltip_html": stack_tooltip(group, area),
                     "style": style, "_size": by_id[area].area if area else -1.0})
        geometries.append(by_id[area] if area else group[0]["_point"])
    frame = gpd.GeoDataFrame(rows, geometry=geometries, crs=events.crs or WGS84) if rows else \
        gpd.GeoDataFrame({"id": [], "n": [], "ids": [], "tooltip_html": [], "style": [], "_size": []}, geometry=[], crs=WGS84)
    frame = frame.sort_values("_size", ascending=False, kind="stable")
    return frame.drop(columns="_size").reset_index(drop=True)


STACK_COLUMNS = ("id", "doc_id", "event_type", "persons", "place_names", "country", "date_start", "date_end",
                 "time_precision", "geo_precision")


def main_type(group: list[Mapping[str, Any]]) -> str:
    """The most frequent event type of a stack (ties: the legend's order)."""
    order = {t: i for i, t in enumerate(TYPE_COLOURS)}
    counts: dict[str, int] = {}
    for e in group:
        kind = str(e.get("event_type") or "other")
        counts[kind] = counts.get(kind, 0) + 1
    return min(counts, key=lambda t: (-counts[t], order.get(t, len(order))))


STACK_TOOLTIP_LINES = 8  # events listed by name in a stack's tooltip; the side panel lists all


def stack_tooltip(group: list[Mapping[str, Any]], area: str | None = None) -> str:
    """Escaped tooltip of a stack: one event as before; several as how many, where, and which
    (date and type of each, the first few), and the first one's id that a click is matched by."""
    if len(group) == 1 and not area:
        return event_tooltip(group[0])
    first = group[0]
    where = ", ".join(as_list(first.get("place_names"))[:1]) or first.get("country") or "?"
    head = f"{len(group)} event{'s' if len(group) > 1 else ''} · {where}" + (" (the whole area)" if area else "")
    lines = [f"{when(e)} · {str(e.get('event_type') or 'other').replace('_', ' ')}" for e in group[:STACK_TOOLTIP_LINES]]
    if len(group) > STACK_TOOLTIP_LINES:
        lines.append(f"… and {len(group) - STACK_TOOLTIP_LINES} more")
    more = "click to list them" if len(group) > 1 else "click to quote it"
    return (f"<b>{esc(head)}</b><br>" + "<br>".join(esc(line) for line in lines)
            + f'<br><i>{esc(more)}</i><br><span style="color:#888;font-size:80%">{esc(first.get("id"))}</span>')


def when(event: Mapping[str, Any]) -> str:
    """An event's date or period as text."""
    start, end = event.get("date_start"), event.get("date_end")
    return str(start if not end or end == start else f"{start} – {end}")


def event_tooltip(event: Mapping[str, Any]) -> str:
    """Escaped tooltip: date, place, type, persons, and the event id that a click is matched by."""
    places = ", ".join(as_list(event.get("place_names"))) or event.get("country") or "?"
    persons = as_int(event.get("persons"))
    counted = f" · {persons} persons" if persons is not None else ""
    kind = str(event.get("event_type") or "other").replace("_", " ")
    return (
        f"<b>{esc(when(event))}</b> · {esc(places)}<br>{esc(kind)}{esc(counted)}"
        f'<br><span style="color:#888;font-size:80%">{esc(event.get("id"))}</span>'
    )


def selection_layer(event: Mapping[str, Any] | None, point: Any = None, area: Any = None) -> folium.FeatureGroup:
    """The selected event, sent to st_folium as `feature_group_to_add`: a ring around its
    marker, or its area outlined."""
    group = folium.FeatureGroup(name="Selected event", control=False)
    if event is not None and area is not None:
        folium.GeoJson(shapely.geometry.mapping(area), style_function=lambda _: {
            "color": SELECTED_COLOUR, "weight": 4, "fill": False, "interactive": False}).add_to(group)
    elif event is not None and point is not None:
        folium.CircleMarker(
            location=(point.y, point.x),
            radius=marker_radius(as_int(event.get("persons")), int(event.get("stack_size") or 1)) + 7,
            color=SELECTED_COLOUR,
            weight=4,
            fill=False,
        ).add_to(group)
    return group


SELECTED_COLOUR = "#ffd400"


def view_of(geometry: Any, width_px: int = 700, height_px: int = 560) -> tuple[tuple[float, float], int]:
    """(centre (lat, lon), zoom) that fits a geometry in a map of about that size; a point gets
    a regional zoom (9), not street level."""
    west, south, east, north = geometry.bounds
    centre = ((south + north) / 2, (west + east) / 2)
    dx, dy = max(east - west, 1e-9), max(north - south, 1e-9)
    if geometry.geom_type == "Point":
        return centre, 9
    lat_scale = math.cos(math.radians(centre[0]))
    zoom = min(math.log2(width_px * 360 / (256 * dx)), math.log2(height_px * 360 * lat_scale / (256 * dy)))
    return centre, max(3, min(12, int(math.floor(zoom))))


def frame_bounds(events: gpd.GeoDataFrame) -> list[list[float]]:
    """[[south, west], [north, east]] around the events, or the region when there are none."""
    points = events.geometry[~events.geometry.is_empty & events.geometry.notna()] if len(events) else []
    if not len(points):
        return [list(REGION_BOUNDS[0]), list(REGION_BOUNDS[1])]
    west, south, east, north = points.total_bounds
    pad_x = max(0.0, (MIN_FRAME_DEG - (east - west)) / 2)
    pad_y = max(0.0, (MIN_FRAME_DEG - (north - south)) / 2)
    return [[south - pad_y, west - pad_x], [north + pad_y, east + pad_x]]


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
                // a phone's map is small: the legend starts folded there (a tap opens it)
                // (the page's width: the map's own frame may not be sized yet when this runs)
                var width = window.innerWidth;
                try { width = window.top.innerWidth || width; } catch (e) {}
                if (width < 600) { div.querySelector("details").open = false; }
                L.DomEvent.disableClickPropagation(div);
                return div;
            };
            legend.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, documents: list[tuple[str, str]] | None = None) -> None:
        super().__init__()
        self._name = "Legend"
        self.html = legend_html(documents or [])


def legend_html(documents: list[tuple[str, str]] | None = None) -> str:
    """The legend's HTML (escaped: document titles come from sidecars); it folds away with a click."""
    dot = '<span style="display:inline-block;width:9px;height:9px;border-radius:50%;{}"></span>'
    types = "".join(
        f"<span>{dot.format(f'background:{colour};')} {esc(kind.replace('_', ' '))}</span>"
        for kind, colour in TYPE_COLOURS.items()
    )
    precision = "<br>".join([
        f"{dot.format('background:#555;')} exact: day or week, settlement or parish",
        f"{dot.format('border:2px solid #555;')} only the month, season or year",
        "<span style='display:inline-block;width:12px;height:8px;border:2px dashed #555;background:rgba(85,85,85,.1)'></span>"
        " only the region or country: drawn as that area",
        "size: persons (and events, for a stack); the tooltip says how many and which",
    ])
    style = ("background:rgba(255,255,255,.92);padding:4px 8px;font:11px/1.45 sans-serif;"
             "border-radius:4px;box-shadow:0 0 4px rgba(0,0,0,.3);max-width:250px")
    grid = '<div style="display:grid;grid-template-columns:1fr 1fr;column-gap:8px">'
    ring = '<span style="display:inline-block;width:8px;height:8px;border-radius:50%;border:2.5px solid {};"></span>'
    docs = "".join(f"<div>{ring.format(esc(colour))} {esc(title[:60])}</div>" for title, colour in documents or [])
    docs = f"<div style='margin-top:3px'><i>outline: document</i>{docs}</div>" if docs else ""
    return (f'<details open style="{style}"><summary style="cursor:pointer"><b>Legend</b></summary>'
            f"{grid}{types}</div><div style='margin-top:3px'>{precision}</div>{docs}</details>")
