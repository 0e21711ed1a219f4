"""The folium map of the events: basemap, areas, events, legend — each layer built on its own.

No streamlit here: `build_map` returns a `folium.Map` that the app hands to st_folium and the
tests render to HTML. Every text put into the map's HTML is escaped first."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Mapping

import folium
import geopandas as gpd
import pandas as pd
import shapely
from branca.element import MacroElement
from folium.template import Template

from geo.io.schema import as_int, as_list
from geo.model import REGION, USER_PREFIX
from geo.view.cluster import CLUSTER_THRESHOLD, positions_layer
from geo.view.style import (
    DOCUMENT_OUTLINES,
    TYPE_COLOURS,
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


def make_backdrop(areas: gpd.GeoDataFrame, basemap: gpd.GeoDataFrame | None = None) -> Backdrop:
    """Prepare the basemap and the areas for any number of maps."""
    base = None
    if basemap is not None and len(basemap):
        base = geojson(for_display(basemap[["name", basemap.geometry.name]].assign(name=basemap["name"].map(esc))))
    layers, shown = [], None
    if len(areas):
        shown = for_display(areas)
        kinds = shown["type"].map(lambda t: AREA_TYPE_ALIASES.get(t, t))
        for kind, group in shown.groupby(kinds, sort=False):
            name, style, show = AREA_LAYERS.get(kind, (f"Other areas ({kind})", {"color": "#333", "weight": 1, "fillOpacity": 0.05}, True))
            frame = group[["id", group.geometry.name]].assign(tooltip_html=group.apply(area_tooltip, axis=1))
            layers.append((name, style, show, geojson(frame)))
    return Backdrop(base, tuple(layers), shown)


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
    add_basemap(m, backdrop.basemap, show=offline)
    add_areas(m, backdrop)
    add_imprecise_areas(m, events, backdrop.shapes)
    outlines = document_outlines(events)
    add_events(m, events, outlines)
    Legend(document_legend(events, outlines)).add_to(m)
    folium.LayerControl(collapsed=True).add_to(m)
    m.fit_bounds(frame_bounds(events))
    return m


def add_tiles(m: folium.Map, show: bool) -> None:
    """OpenStreetMap tiles, the online base layer."""
    folium.TileLayer("OpenStreetMap", name="OpenStreetMap", show=show).add_to(m)


def add_basemap(m: folium.Map, basemap: dict | None, show: bool) -> None:
    """Country outlines from data/boundaries/basemap.geojson: a base layer that needs no server."""
    if not basemap or not basemap.get("features"):
        return
    folium.GeoJson(
        basemap,
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
        folium.GeoJson(
            data,
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


def add_imprecise_areas(m: folium.Map, events: gpd.GeoDataFrame, shapes: gpd.GeoDataFrame | None) -> None:
    """Outline the areas to which region-level events are known, instead of pretending a point
    (`shapes`: the areas as the backdrop simplified them)."""
    if shapes is None or not len(shapes) or not len(events):
        return
    coarse = events[events["geo_precision"].map(as_int).fillna(REGION) >= REGION]
    ids = {p for place_ids in coarse.get("place_ids", []) for p in as_list(place_ids)}
    outlined = shapes[shapes["id"].isin(ids) & (shapes["type"] != "union")]
    if not len(outlined):
        return
    frame = outlined[["id", outlined.geometry.name]].assign(tooltip_html=outlined.apply(
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


def add_events(m: folium.Map, events: gpd.GeoDataFrame, outlines: Mapping[str, str] | None = None) -> None:
    """The events: one GeoJson layer of circle markers, or a fast cluster above the threshold;
    `outlines`: doc_id → outline colour (document_outlines)."""
    if not len(events):
        folium.FeatureGroup(name="Events").add_to(m)  # the layer control stays the same
        return
    if len(events) > CLUSTER_THRESHOLD:
        positions_layer(events).add_to(m)
        return
    frame = map_frame(events, outlines)
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


def map_frame(events: gpd.GeoDataFrame, outlines: Mapping[str, str] | None = None) -> gpd.GeoDataFrame:
    """What the browser needs per event: id, escaped tooltip, style (never the raw quote)."""
    records = events.to_dict("records")
    outlines = outlines or {}
    return gpd.GeoDataFrame(
        {
            "id": [str(e["id"]) for e in records],
            "tooltip_html": [event_tooltip(e) for e in records],
            "style": [event_style(e, outlines.get(str(e.get("doc_id")))) for e in records],
        },
        geometry=list(events.geometry),
        crs=events.crs,
    )


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
        f"{dot.format('border:2px dashed #555;')} only the region (area outlined)",
        "size: persons, where the text gives them",
    ])
    style = ("background:rgba(255,255,255,.92);padding:4px 8px;font:11px/1.45 sans-serif;"
             "border-radius:4px;box-shadow:0 0 4px rgba(0,0,0,.3);max-width:250px")
    grid = '<div style="display:grid;grid-template-columns:1fr 1fr;column-gap:8px">'
    ring = '<span style="display:inline-block;width:8px;height:8px;border-radius:50%;border:2.5px solid {};"></span>'
    docs = "".join(f"<div>{ring.format(esc(colour))} {esc(title[:60])}</div>" for title, colour in documents or [])
    docs = f"<div style='margin-top:3px'><i>outline: document</i>{docs}</div>" if docs else ""
    return (f'<details open style="{style}"><summary style="cursor:pointer"><b>Legend</b></summary>'
            f"{grid}{types}</div><div style='margin-top:3px'>{precision}</div>{docs}</details>")
