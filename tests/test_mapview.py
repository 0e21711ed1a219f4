"""The folium map (geo.mapview): rendered to HTML and checked, as folium's own tests do."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import folium
import geopandas as gpd
import numpy as np
import pytest

from geo.io.layers import load_layers
from geo.view import cluster, filters, mapview, stacks, style
from geo.view.cluster import PositionCluster as FastMarkerCluster


@pytest.fixture(scope="module")
def layers(fixture_layers_dir):
    return load_layers(fixture_layers_dir)


@pytest.fixture(scope="module")
def basemap(fixture_layers_dir):
    return gpd.read_file(fixture_layers_dir / "basemap.geojson")


def render(m: folium.Map) -> str:
    return m.get_root().render()


def layer(m: folium.Map, name: str):
    found = [c for c in m._children.values() if getattr(c, "layer_name", None) == name]
    return found[0] if found else None


def test_layers_and_feature_counts_follow_the_filter(layers, basemap):
    everything = filters.full_filters(layers["events"])
    shown = filters.apply(layers["events"], replace(everything, countries=("LT",)))
    m = mapview.build_map(layers, shown, basemap)
    html = render(m)
    features = layer(m, "Events").data["features"]
    # one marker per stack: Lithuania's two country-level events are drawn as Lithuania
    assert sum(f["properties"]["n"] for f in features) == len(shown) == 3
    assert len(features) == 2
    for name in ("OpenStreetMap", "Offline basemap", "Countries", "Suwałki corridor", "Borders with Belarus",
                 "Latvian emergency area, 2021", "Regions (Grodno, Kaliningrad)"):
        assert layer(m, name) is not None, name
    assert "L.control.layers" in html and "robeza-legend" in html
    assert "lv_fixture:e7" in html and "lv_fixture:e1" not in html


def test_offline_basemap_is_a_base_layer(layers, basemap):
    m = mapview.build_map(layers, layers["events"], basemap)
    base = layer(m, "Offline basemap")
    assert base is not None and base.overlay is False and len(base.data["features"]) == len(basemap)
    assert layer(m, "OpenStreetMap").overlay is False  # the two are the base-layer choice
    offline = mapview.build_map(layers, layers["events"], basemap, offline=True)
    assert layer(offline, "Offline basemap").show and not layer(offline, "OpenStreetMap").show


def test_markers_need_no_images(layers, basemap):
    html = render(mapview.build_map(layers, layers["events"], basemap))
    assert "L.circleMarker" in html or "L.CircleMarker" in html
    for needle in ("L.Icon.Default", "marker-icon", "L.marker(", "L.AwesomeMarkers"):
        assert needle not in html


def test_document_text_is_escaped(layers, basemap):
    events = layers["events"].copy()
    events["place_names"] = [["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"]] * len(events)
    events["event_type"] = "<b>x</b>"
    html = render(mapview.build_map(layers, events, basemap))
    for raw in ("<script>alert(1)</script>", "<img src=x onerror", "\\u003cscript\\u003ealert", "\\u003cimg src"):
        assert raw not in html
    tip = mapview.map_frame(events)["tooltip_html"].iloc[0]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in tip and "&lt;b&gt;" in tip


def test_fixture_quote_never_reaches_the_map(layers, basemap):
    html = render(mapview.build_map(layers, layers["events"], basemap))
    assert "<script>alert(1)</script>" not in html and "onerror=alert" not in html


def test_events_sit_in_their_own_pane(layers):
    html = render(mapview.build_map(layers, layers["events"]))
    assert re.search(r'createPane\(\s*"events"\)', html)
    assert '"pane": "events"' in html  # on every marker, so toggled areas never cover them


def test_honest_precision_styles():
    exact = style.event_style({"time_precision": 1, "geo_precision": 1, "persons": 12})
    assert exact["fill"] is True
    month = style.event_style({"time_precision": 3, "geo_precision": 1})
    region = style.event_style({"time_precision": 1, "geo_precision": 3})
    assert exact["fillOpacity"] > 0.5 and "dashArray" not in exact
    assert month["fillOpacity"] < 0.1 and "dashArray" not in month
    assert region["fillOpacity"] < 0.1 and region["dashArray"]
    assert style.marker_radius(None) < style.marker_radius(12) < style.marker_radius(5000) <= 20


def test_region_level_events_are_drawn_as_their_area(layers, basemap):
    events = layers["events"]
    m = mapview.build_map(layers, events, basemap)
    features = layer(m, "Events").data["features"]
    kinds = {i: f["geometry"]["type"] for f in features for i in f["properties"]["ids"].split()}
    assert set(kinds) == set(events["id"])  # every event is in exactly one drawn stack
    for event in events.to_dict("records"):
        area = stacks.drawn_area(event, stacks.usable_areas(layers["areas"]))
        assert (kinds[event["id"]] != "Point") == (area is not None), event["id"]
        assert (area is not None) == (event["geo_precision"] == 3 and any(
            p in set(layers["areas"]["id"]) for p in event["place_ids"] if p != "eu")), event["id"]
    # areas come first, the largest first: a smaller area lies on top and takes its clicks
    shapes = [f for f in features if f["geometry"]["type"] != "Point"]
    assert features[:len(shapes)] == shapes


def test_an_events_own_area_id_wins(layers):
    event = {"geo_precision": 3, "area_id": "ludza-municipality", "place_ids": ["latvia", "ludza-municipality"]}
    assert stacks.drawn_area(event, {"latvia", "ludza-municipality"}) == "ludza-municipality"
    assert stacks.drawn_area({**event, "area_id": None}, {"latvia", "ludza-municipality"}) == "latvia"
    assert stacks.drawn_area({**event, "geo_precision": 2}, {"latvia"}) is None


def test_stacks_list_every_event_drawn_at_one_spot(layers):
    events = synthetic_events(5)
    events.loc[events.index[:3], "geometry"] = gpd.points_from_xy([26.5] * 3, [55.9] * 3)
    assert stacks.stack_of(events, "s:e1", set()) == ["s:e0", "s:e1", "s:e2"]
    assert stacks.stack_of(events, "s:e4", set()) == ["s:e4"] and stacks.stack_of(events, "nope", set()) == []
    frame = mapview.map_frame(events)
    assert sorted(frame["n"]) == [1, 1, 3]
    tip = frame.loc[frame["n"] == 3, "tooltip_html"].iloc[0]
    assert tip.startswith("<b>3 events · Somewhere</b>") and tip.count("2021-08-01 · detention") == 3


def test_tooltip_carries_date_place_and_id(layers):
    tip = mapview.event_tooltip(layers["events"].set_index("id", drop=False).loc["lv_fixture:e1"].to_dict())
    assert "2021-08-04" in tip and "Skrudaliena Parish" in tip and "lv_fixture:e1" in tip


def test_framing(layers):
    assert mapview.frame_bounds(layers["events"].iloc[:0]) == [list(b) for b in mapview.REGION_BOUNDS]
    (south, west), (north, east) = mapview.frame_bounds(layers["events"].iloc[:1])
    assert north - south >= mapview.MIN_FRAME_DEG and east - west >= mapview.MIN_FRAME_DEG
    west, south, east, north = layers["events"].total_bounds
    assert mapview.frame_bounds(layers["events"]) == [[south, west], [north, east]]


def test_empty_selection_still_renders(layers, basemap):
    m = mapview.build_map(layers, layers["events"].iloc[:0], basemap)
    html = render(m)
    assert layer(m, "Events") is not None and "Offline basemap" in html


def synthetic_events(n: int) -> gpd.GeoDataFrame:
    rng = np.random.default_rng(0)
    return gpd.GeoDataFrame(
        {"id": [f"s:e{i}" for i in range(n)], "date_start": "2021-08-01", "date_end": "2021-08-01",
         "event_type": "detention", "persons": None, "place_names": [["Somewhere"]] * n, "country": "LV",
         "time_precision": 1, "geo_precision": 1, "place_ids": [[]] * n},
        geometry=gpd.points_from_xy(rng.uniform(21, 28, n), rng.uniform(54, 57, n)), crs=4326,
    )


def test_clustering_above_threshold(layers):
    over = mapview.build_map(layers, synthetic_events(cluster.CLUSTER_THRESHOLD + 1))
    assert any(isinstance(c, FastMarkerCluster) for c in over._children.values())
    html = render(over)
    assert layer(over, "Events") is None and "markerClusterGroup" in html
    # the row callback is defined once, as a function (a doubled "var callback = var callback"
    # is a syntax error: the browser drew no event at all)
    assert html.count("var marker = (function () {") == 1
    # the style numbers come from the one table in Python
    assert '"radius_max":20.0' in html and "Math.min(S.radius_min" in html
    at = mapview.build_map(layers, synthetic_events(cluster.CLUSTER_THRESHOLD))
    assert not any(isinstance(c, FastMarkerCluster) for c in at._children.values())
    assert len(layer(at, "Events").data["features"]) == cluster.CLUSTER_THRESHOLD


def test_many_events_are_one_marker_per_position(layers):
    events = synthetic_events(30)
    # ten events at one place, 3 and 4 persons among them, one of them only known to the month
    same = events.index[:10]
    events.loc[same, "geometry"] = gpd.points_from_xy([26.5] * 10, [55.9] * 10)
    events.loc[same[:2], "persons"] = [3, 4]
    events.loc[same[0], "time_precision"] = 3
    events.loc[same[1], "event_type"] = "arrest"
    rows = cluster.positions(events)
    assert len(rows) == 21 and rows["events"].sum() == 30
    here = rows[(rows["lat"] == 55.9) & (rows["lon"] == 26.5)].iloc[0]
    assert (here["events"], here["persons"], here["known"]) == (10, 7, 2)
    assert here["type"] == "detention" and not here["coarse_time"]  # the most frequent; not all coarse
    assert here["first"] == events["id"].iloc[0]  # the first in the (date-ordered) events: what a click selects


def test_positions_layer_sends_no_markup_from_the_data(layers):
    events = synthetic_events(cluster.CLUSTER_THRESHOLD + 1)
    events["place_names"] = [["</script><script>alert(1)</script>"]] * len(events)
    html = render(mapview.build_map(layers, events))
    assert "<script>alert(1)" not in html and "</script><script>" not in html
    assert "\\u003c/script\\u003e" in html  # the name is in the table, as JSON escapes
    assert "function esc(text)" in html and "innerHTML" not in cluster.POSITION_MARKER_JS


def test_backdrop_made_once_draws_the_same_map(layers, basemap):
    events = layers["events"]
    backdrop = mapview.make_backdrop(layers["areas"], basemap)
    assert render(mapview.build_map(layers, events, basemap)) .count("Offline basemap") == \
        render(mapview.build_map(layers, events, backdrop=backdrop)).count("Offline basemap") == 1
    drawn = layer(mapview.build_map(layers, events, backdrop=backdrop), "Offline basemap")
    assert len(drawn.data["features"]) == len(basemap)


def test_selection_ring(layers):
    event = layers["events"].iloc[0]
    group = mapview.selection_layer(event.to_dict(), event.geometry)
    assert len(group._children) == 1
    assert len(mapview.selection_layer(None)._children) == 0


def test_events_of_several_documents_are_outlined_by_document(layers):
    events = layers["events"]
    assert events["doc_id"].nunique() == 2  # the fixture layers: a Latvian and an English document
    outlines = mapview.document_outlines(events)
    assert len(set(outlines.values())) == 2
    frame = mapview.map_frame(events, outlines)
    for ids, drawn in zip(frame["ids"], frame["style"]):
        docs = {i.split(":")[0] for i in ids.split()}
        assert drawn["color"] == (outlines[docs.pop()] if len(docs) == 1 else drawn["fillColor"])
    # outlines are no event type's colour
    assert not set(style.DOCUMENT_OUTLINES) & set(style.TYPE_COLOURS.values())
    # the legend names each document by its title, escaped ("Fixture <b>notes</b> & more")
    events = events.assign(doc_title=events["doc_id"].map({"en_fixture": "Fixture <b>notes</b> & more"}))
    legend = mapview.legend_html(mapview.document_legend(events, outlines))
    assert "outline: document" in legend and "Fixture &lt;b&gt;notes&lt;/b&gt; &amp; more" in legend
    assert "<b>notes</b>" not in legend
    assert "outline: document" in render(mapview.build_map(layers, events))
    one = events[events["doc_id"] == events["doc_id"].iloc[0]]
    assert mapview.document_outlines(one) == {} and "outline: document" not in render(mapview.build_map(layers, one))
    # more documents than colours, or more events than are drawn one by one: no outlines at all
    many = synthetic_events(9).assign(doc_id=[f"d{i}" for i in range(9)])
    assert mapview.document_outlines(many) == {}
    over = synthetic_events(cluster.CLUSTER_THRESHOLD + 1)
    assert mapview.document_outlines(over.assign(doc_id=[f"d{i % 2}" for i in range(len(over))])) == {}


def test_positions_carry_dates_as_day_numbers_and_survive_open_ranges(layers):
    events = synthetic_events(3)
    events["date_start"] = ["2021-08-04", None, "2023-06-01"]
    events["date_end"] = ["2021-08-05", "2021-11-10", "2023-08-31"]
    rows = cluster.positions(events)
    assert sorted(zip(rows["start"], rows["end"])) == [("2021-08-04", "2021-08-05"), ("2021-11-10", "2021-11-10"),
                                                       ("2023-06-01", "2023-08-31")]
    assert cluster.day_number("2021-08-04") == (date(2021, 8, 4) - date(2000, 1, 1)).days
    assert cluster.day_number("") is None


def test_position_cluster_is_an_element_of_its_own():
    m = folium.Map(tiles=None)
    rows = [[55.9, 26.5, 2, -1, 0, 0, 7885, 7886, 0, "x:e1"]]
    tables = {"types": [["detention", "#d62728"]], "places": ["{{ not a template }}"], "style": style.MARKER}
    cluster.PositionCluster(rows, tables, name="Clustered").add_to(m)
    folium.LayerControl().add_to(m)
    html = render(m)
    assert "leaflet.markercluster.js" in html and "MarkerCluster.Default.css" in html
    name = next(c for c in m._children.values() if isinstance(c, cluster.PositionCluster)).get_name()
    assert name.startswith("position_cluster_") and f'"Clustered" : {name}' in html  # in the layer control
    assert '"x:e1"' in html and "{{ not a template }}" in html  # rows written as they are, never templated


def test_the_map_as_a_png_picture(layers, basemap):
    from geo.view import picture

    backdrop = mapview.make_backdrop(layers["areas"], basemap)
    png = picture.map_png(layers["events"], backdrop.shapes, basemap, "Robeža · <b>test</b>")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert png == picture.map_png(layers["events"], backdrop.shapes, basemap, "Robeža · <b>test</b>")  # deterministic
    import io

    from PIL import Image
    image = Image.open(io.BytesIO(png))
    assert image.size == (picture.WIDTH, picture.HEIGHT)
    # the events' type colours are in it (a detention's red at least)
    colours = {c for _, c in image.getcolors(maxcolors=1 << 20)}
    assert picture.rgb(style.TYPE_COLOURS["detention"])[:3] in colours
    empty = picture.map_png(layers["events"].iloc[:0], None, None)
    assert empty.startswith(b"\x89PNG")
