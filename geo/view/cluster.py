"""Many events as one marker per position, in clusters that count events (a plugin-sized folium element)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import geopandas as gpd
import pandas as pd
from branca.element import CssLink, Element, JavascriptLink
from folium.elements import JSCSSMixin
from folium.map import Layer
from folium.template import Template

from geo.io.schema import as_int, as_list
from geo.model import MONTH, REGION, USER_PREFIX
from geo.view.stacks import POSITION_DECIMALS
from geo.view.style import MARKER, TYPE_COLOURS

# Above this many events one GeoJson layer gets slow in the browser: cluster them instead.
CLUSTER_THRESHOLD = 1000


def positions(events: gpd.GeoDataFrame) -> pd.DataFrame:
    """The events grouped by where they are drawn: one row per position with how many events
    and persons, the most frequent type, the dates, whether all are coarse, whose they are."""
    xy = pd.DataFrame({"lon": events.geometry.x.round(POSITION_DECIMALS).to_numpy(),
                       "lat": events.geometry.y.round(POSITION_DECIMALS).to_numpy()}, index=events.index)
    frame = pd.DataFrame({
        **xy,
        "id": events["id"].astype(str),
        "type": events["event_type"].fillna("other").astype(str),
        "persons": pd.to_numeric(events.get("persons"), errors="coerce"),
        "start": events["date_start"].fillna(events["date_end"]).fillna("").astype(str),
        "end": events["date_end"].fillna(events["date_start"]).fillna("").astype(str),
        "place": [(as_list(p) or [c or "?"])[0] for p, c in zip(events.get("place_names", [None] * len(events)),
                                                                  events.get("country", [None] * len(events)))],
        "coarse_time": events["time_precision"].map(as_int).fillna(MONTH) >= MONTH,
        "coarse_place": events["geo_precision"].map(as_int).fillna(REGION) >= REGION,
        "user": events.get("doc_id", pd.Series("", index=events.index)).astype(str).str.startswith(USER_PREFIX),
    })
    grouped = frame.groupby(["lat", "lon"], sort=True)
    # "first": the events come sorted by date (selection.apply), so the earliest at the position
    out = grouped.agg(events=("type", "size"), first=("id", "first"), persons=("persons", "sum"), known=("persons", "count"),
                      start=("start", "min"), end=("end", "max"), place=("place", "first"),
                      coarse_time=("coarse_time", "all"), coarse_place=("coarse_place", "all"), user=("user", "any"))
    # the most frequent type at each position (ties: the legend's order), without a Python loop
    counts = frame.groupby(["lat", "lon", "type"]).size().rename("n").reset_index()
    counts["rank"] = counts["type"].map({t: i for i, t in enumerate(TYPE_COLOURS)}).fillna(len(TYPE_COLOURS))
    top = counts.sort_values(["lat", "lon", "n", "rank"], ascending=[True, True, False, True])
    out = out.join(top.drop_duplicates(["lat", "lon"]).set_index(["lat", "lon"])["type"])
    return out.reset_index()


def positions_layer(events: gpd.GeoDataFrame) -> "PositionCluster":
    """Many events as one marker per position, clustered in the browser.

    Each row is a few numbers (position, events, persons, indexes into a table of types and
    of place names, dates, flags) and the id of its first event: about 80 bytes, where a
    marker with its own tooltip was some 260. The tooltip is built in the browser, every value
    escaped; it names the first event's id, so that a click selects it and lists the others
    at that position (geo.view.stacks).
    """
    rows = positions(events)
    types = list(TYPE_COLOURS)
    places = sorted(set(rows["place"]))
    place_index = {p: i for i, p in enumerate(places)}
    data = [
        [lat, lon, n, int(persons) if known else -1, types.index(t) if t in types else types.index("other"),
         place_index[place], day_number(start), day_number(end), int(ct) | int(cp) << 1 | int(user) << 2, first]
        for lat, lon, n, persons, known, t, place, start, end, ct, cp, user, first in zip(
            rows["lat"], rows["lon"], rows["events"], rows["persons"], rows["known"], rows["type"], rows["place"],
            rows["start"], rows["end"], rows["coarse_time"], rows["coarse_place"], rows["user"], rows["first"])
    ]
    tables = {"types": [[t.replace("_", " "), TYPE_COLOURS[t]] for t in types], "places": places,
              "style": MARKER}
    return PositionCluster(data, tables, name="Events (by position, clustered)")


class PositionCluster(JSCSSMixin, Layer):
    """A Leaflet.markercluster layer of position rows (positions_layer), a plugin-sized element.

    Its script is written here with plain string formatting and added to the page as it is:
    the rows are most of the page at 100 000 events, and a branca Element would compile them
    as a Jinja template (slow, and "{{" in a place name would be read as markup)."""

    default_js = [("markerclusterjs",
                   "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/leaflet.markercluster.js")]
    default_css = [
        ("markerclustercss", "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/MarkerCluster.css"),
        ("markerclusterdefaultcss",
         "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/MarkerCluster.Default.css"),
    ]

    def __init__(self, rows: list[list[Any]], tables: dict[str, Any], name: str) -> None:
        super().__init__(name=name, overlay=True, control=True, show=True)
        self._name = "PositionCluster"
        self.rows_json = script_json(rows)
        self.tables_json = script_json(tables)

    def script(self) -> str:
        """The layer's JavaScript: markers from the rows, clusters counting events."""
        return (f"var {self.get_name()} = (function () {{\n"
                f"    var marker = {POSITION_MARKER_JS.replace('TABLES', self.tables_json)};\n"
                f"    var data = {self.rows_json};\n"
                f"    var cluster = L.markerClusterGroup({{iconCreateFunction: {CLUSTER_ICON_JS}}});\n"
                "    for (var i = 0; i < data.length; i++) { marker(data[i]).addTo(cluster); }\n"
                f"    cluster.addTo({self._parent.get_name()});\n"
                "    return cluster;\n"
                "})();")

    def render(self, **kwargs: Any) -> None:
        """Its asset links into the page's header, its script into the page's scripts."""
        figure = self.get_root()
        for name, url in self.default_js:
            figure.header.add_child(JavascriptLink(url), name=name)
        for name, url in self.default_css:
            figure.header.add_child(CssLink(url), name=name)
        figure.script.add_child(RawScript(self.script()), name=self.get_name())


class RawScript(Element):
    """Script text put into the page as it is (its template, one placeholder, compiled once)."""

    _template = Template("{{ this.code }}")

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code


EPOCH = date(2000, 1, 1)  # dates travel as day numbers since this day (5 digits, not 12 characters)


def day_number(iso: str) -> int | None:
    """Days from EPOCH to an ISO date; None when there is no date."""
    try:
        return (date.fromisoformat(iso[:10]) - EPOCH).days
    except ValueError:
        return None


def script_json(value: Any) -> str:
    """Compact JSON safe inside a <script> element: no "</script>" or "<!--" can close or open one."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# Rows: [lat, lon, events, persons (-1: unknown), type index, place index, first day, last day
# (days since 2000-01-01), flags, id of the first event];
# flags: 1 date coarse, 2 place coarse, 4 the user's own document. Styled as event_style does,
# from the same numbers (style.MARKER, passed in as T.style).
POSITION_MARKER_JS = """(function () {
    var T = TABLES;
    function day(n) { return n === null ? "?" : new Date(Date.UTC(2000, 0, 1) + n * 864e5).toISOString().slice(0, 10); }
    var ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"};
    function esc(text) { return String(text).replace(/[&<>"']/g, function (c) { return ENTITIES[c]; }); }
    return function (row) {
        var S = T.style, type = T.types[row[4]], flags = row[8], hollow = (flags & 3) !== 0;
        // style.marker_radius: persons plus, for a stack of several, the events
        var total = (row[3] > 0 ? row[3] : 0) + (row[2] > 1 ? row[2] : 0);
        var radius = total < 1 ? S.radius_min
            : Math.min(S.radius_min + S.radius_step * Math.log10(total + 1), S.radius_max);
        var marker = L.circleMarker(new L.LatLng(row[0], row[1]), {
            radius: radius, color: (flags & 4) ? S.user_colour : type[1], fillColor: type[1],
            fillOpacity: hollow ? S.hollow_fill_opacity : S.fill_opacity,
            weight: (flags & 4) ? S.user_weight : (hollow ? S.hollow_weight : S.weight),
            dashArray: (flags & 2) ? S.dash : null, pane: "events", count: row[2]});
        // a string, not a DOM node: streamlit-folium reports a clicked marker's tooltip as text
        var when = row[6] === row[7] ? day(row[6]) : day(row[6]) + " – " + day(row[7]);
        marker.bindTooltip("<b>" + esc(row[2] + (row[2] === 1 ? " event" : " events") + " · " + T.places[row[5]])
            + "</b><br>" + esc(when + " · mostly " + type[0] + (row[3] >= 0 ? " · " + row[3] + " persons" : ""))
            + '<br><span style="color:#888;font-size:80%">' + esc((row[2] > 1 ? "first: " : "") + row[9]) + "</span>");
        return marker;
    };
})()"""

# A cluster's icon counts events, not positions (each marker carries its events in `count`).
CLUSTER_ICON_JS = """function (cluster) {
    var n = 0;
    cluster.getAllChildMarkers().forEach(function (m) { n += m.options.count || 1; });
    var size = n < 100 ? "small" : (n < 1000 ? "medium" : "large");
    return L.divIcon({html: "<div><span>" + n + "</span></div>",
                      className: "marker-cluster marker-cluster-" + size, iconSize: new L.Point(40, 40)});
}"""
