"""Loading layers, filtering events, exports, the URL and the timeline (geo.selection)."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from datetime import date

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from geo.io import schema
from geo.io.layers import load_layers, read_geojson_bytes
from geo.view import exports, filters, labels, picking, timeline, urlstate
from geo.view.filters import Filters


@pytest.fixture(scope="module")
def layers(fixture_layers_dir):
    return load_layers(fixture_layers_dir)


@pytest.fixture(scope="module")
def events(layers):
    return layers["events"]


@pytest.fixture(scope="module")
def everything(events):
    return filters.full_filters(events)


def ids(frame) -> list[str]:
    return sorted(frame["id"])


def test_load_restores_contract_types(layers):
    e = layers["events"].set_index("id")
    assert e.loc["lv_fixture:e1", "place_ids"] == ["skrudaliena-parish"]
    assert e.loc["lv_fixture:e2", "countries"] == ["LV", "BY"]
    assert e.loc["lv_fixture:e1", "persons"] == 12 and type(e.loc["lv_fixture:e1", "persons"]) is int
    assert e.loc["lv_fixture:e5", "persons"] is None
    assert e.loc["lv_fixture:e1", "date_start"] == "2021-08-04"
    assert e.loc["lv_fixture:e1", "spans"][0] == {"start": 0, "end": 21, "kind": "date", "surface": "2021. gada 4. augustā"}
    assert list(layers["unresolved"]["surface"]) == ["Mucenieki"]
    assert layers["events"].crs.to_epsg() == 4326


def test_missing_directory_gives_empty_layers(tmp_path):
    layers = load_layers(tmp_path)
    assert all(len(layers[name]) == 0 for name in (*schema.LAYER_NAMES, "unresolved"))
    assert "place_ids" in layers["events"]
    assert len(filters.apply(layers["events"], filters.full_filters(layers["events"]))) == 0


def test_full_filters_span_all_events(events, everything):
    assert everything.date_from == date(2021, 7, 2) and everything.date_to == date(2023, 8, 31)
    assert everything.countries == ("BY", "LT", "LV", "PL")
    assert len(filters.apply(events, everything)) == len(events) == 12


def test_period_overlap(events, everything):
    mid_august = replace(everything, date_from=date(2021, 8, 15), date_to=date(2021, 8, 20))
    # the 2021 emergency (11 Aug – 10 Nov) and the August-only event overlap; single days do not
    assert ids(filters.apply(events, mid_august)) == ["en_fixture:e4", "lv_fixture:e5"]
    one_day = replace(everything, date_from=date(2021, 8, 7), date_to=date(2021, 8, 7))
    assert "lv_fixture:e2" in ids(filters.apply(events, one_day))
    assert "lv_fixture:e3" not in ids(filters.apply(events, one_day))


def test_country_type_document_filters(events, everything):
    assert ids(filters.apply(events, replace(everything, countries=("LT",)))) == [
        "en_fixture:e3", "en_fixture:e4", "lv_fixture:e7"]
    by = ids(filters.apply(events, replace(everything, countries=("BY",))))
    assert "lv_fixture:e2" not in by  # it happened in Latvia: by default the filter means "happened in"
    involving = ids(filters.apply(events, replace(everything, countries=("BY",), country_mode="mentions")))
    assert "lv_fixture:e2" in involving and set(by) < set(involving)  # a Latvian border event involves Belarus too
    detentions = filters.apply(events, replace(everything, event_types=("detention",)))
    assert set(detentions["event_type"]) == {"detention"} and len(detentions) == 4
    assert set(filters.apply(events, replace(everything, doc_ids=("en_fixture",)))["doc_id"]) == {"en_fixture"}


def test_precision_filters(events, everything):
    exact_dates = filters.apply(events, replace(everything, max_time_precision=2))
    assert (exact_dates["time_precision"].astype(int) <= 2).all() and len(exact_dates) == 9
    local = filters.apply(events, replace(everything, max_geo_precision=2))
    assert ids(local) == ["en_fixture:e1", "en_fixture:e4", "lv_fixture:e1"]


def test_empty_selection_does_not_raise(events, everything):
    for chosen in (replace(everything, countries=()), replace(everything, event_types=()),
                    replace(everything, date_from=date(2022, 1, 1), date_to=date(2022, 1, 2))):
        shown = filters.apply(events, chosen)
        assert len(shown) == 0 and isinstance(shown, gpd.GeoDataFrame)
        assert len(timeline.weekly_timeline(shown)) == 0
        assert json.loads(exports.to_geojson_bytes(shown))["features"] == []


def test_events_in_date_order(events, everything):
    starts = list(filters.apply(events, everything)["date_start"])
    assert starts == sorted(starts)


@pytest.mark.parametrize("name", schema.LAYER_NAMES)
def test_geojson_export_round_trips_every_property(layers, name):
    layer = layers[name]
    data = exports.to_geojson_bytes(layer)
    raw = json.loads(data)
    assert raw["type"] == "FeatureCollection" and "crs" not in raw  # RFC 7946: WGS84 implied
    back = read_geojson_bytes(data, name)
    assert list(back.columns) == list(layer.columns)
    for column in layer.columns:
        if column != "geometry":
            assert list(back[column]) == list(layer[column]), column
    assert back.geometry.geom_equals_exact(layer.geometry, tolerance=1e-9).all()


def test_geojson_export_keeps_lists_for_plain_geopandas(events):
    data = exports.to_geojson_bytes(events)
    raw = gpd.read_file(io.BytesIO(data)).set_index("id")
    assert list(raw.loc["lv_fixture:e5", "place_ids"]) == events.set_index("id").loc["lv_fixture:e5", "place_ids"]
    spans = json.loads(data)["features"][0]["properties"]["spans"]
    assert isinstance(spans, list) and spans[0]["kind"] == "date"  # JSON, not a Python repr


def test_geojson_export_is_rfc7946(layers):
    raw = json.loads(exports.to_geojson_bytes(layers["areas"]))
    for feature in raw["features"]:
        geometry = shapely.geometry.shape(feature["geometry"])
        for polygon in getattr(geometry, "geoms", [geometry]):
            if polygon.geom_type == "Polygon":
                assert polygon.exterior.is_ccw
    lon, lat = json.loads(exports.to_geojson_bytes(layers["events"]))["features"][0]["geometry"]["coordinates"]
    assert 20 < lon < 33 and 51 < lat < 58  # lon, lat order


def test_csv_never_hands_a_spreadsheet_a_formula(events):
    sneaky = events.copy()
    quotes = ['=HYPERLINK("http://example.org","click")'] + list(sneaky["quote"])[1:]
    sneaky["quote"] = quotes
    table = pd.read_csv(io.BytesIO(exports.events_to_csv(sneaky)), dtype=str, keep_default_na=False)
    assert list(table["quote"]) == ['\'' + quotes[0]] + quotes[1:]  # ordinary quotes as written


def test_csv_export(events):
    data = exports.events_to_csv(events, {"lv_fixture": "https://lv.wikipedia.org/x"})
    table = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
    assert list(table.columns) == exports.CSV_COLUMNS
    assert len(table) == len(events)
    row = table.set_index("event_id").loc["lv_fixture:e1"]
    assert row["persons"] == "12" and row["latitude"] == "55.8" and row["place"] == "Skrudaliena Parish"
    assert row["source"] == "https://lv.wikipedia.org/x"
    assert table.set_index("event_id").loc["lv_fixture:e5", "persons"] == ""
    assert table.set_index("event_id").loc["lv_fixture:e2", "quote"] == events.set_index("id").loc["lv_fixture:e2", "quote"]


def test_filtered_exports_hold_exactly_the_filtered_events(layers, everything):
    shown = filters.apply(layers["events"], replace(everything, countries=("LT",)))
    files = {f.file_name: f for f in exports.export_files(layers, shown)}
    selected = json.loads(files["robeza-events-selection.geojson"].make())
    assert sorted(f["properties"]["id"] for f in selected["features"]) == ids(shown)
    whole = json.loads(files["robeza-events.geojson"].make())
    assert len(whole["features"]) == len(layers["events"])
    csv = pd.read_csv(io.BytesIO(files["robeza-events-selection.csv"].make()))
    assert sorted(csv["event_id"]) == ids(shown)
    places = json.loads(files["robeza-places-selection.geojson"].make())
    assert {f["properties"]["id"] for f in places["features"]} == {"lithuania", "belarus", "medininkai"}


def test_every_export_makes_its_bytes_and_the_unresolved_layer_is_exportable(layers, everything):
    files = exports.export_files(layers, layers["events"])
    for f in files:
        assert f.make(), f.file_name  # every button's bytes are made without an error
    unresolved = [f for f in files if "unresolved" in f.file_name]
    assert unresolved, "the unresolved layer has no export"
    records = json.loads(unresolved[0].make())
    assert isinstance(records, list) and len(records) == len(layers["unresolved"])


def test_query_round_trip(everything):
    assert urlstate.filters_to_query(everything, everything) == {}
    chosen = replace(everything, date_from=date(2021, 8, 1), countries=("LT", "PL"), event_types=(),
                     max_time_precision=2, max_geo_precision=1)
    query = urlstate.filters_to_query(chosen, everything)
    assert query == {"from": "2021-08-01", "country": "LT,PL", "type": "", "tp": "2", "gp": "1"}
    assert urlstate.filters_from_query(query, everything) == chosen


@pytest.mark.parametrize("query", [
    {"from": "yesterday", "to": "2021-13-45", "tp": "99", "gp": "-1", "country": "ZZ", "type": "<script>"},
    {"from": "2023-01-01", "to": "2021-01-01"},  # reversed
    {"country": ["LV", "XX"], "doc": 5, "tp": "", "unknown": "x"},
    {"tp": "3.5", "gp": "１"},
    {},
])
def test_query_garbage_is_ignored(everything, query):
    filters = urlstate.filters_from_query(query, everything)
    assert isinstance(filters, Filters)
    assert filters.date_from >= everything.date_from and filters.date_to <= everything.date_to
    assert filters.date_from <= filters.date_to
    assert set(filters.countries or ()) <= set(everything.countries)
    assert filters.max_time_precision in (1, 2, 3, 4) and filters.max_geo_precision in (1, 2, 3)


def test_query_keeps_the_valid_part(everything):
    filters = urlstate.filters_from_query({"country": "XX,LV", "from": "2000-01-01", "tp": "2"}, everything)
    assert filters.countries == ("LV",) and filters.max_time_precision == 2
    assert filters.date_from == everything.date_from  # clamped to the span


def test_weekly_timeline(events):
    weekly = timeline.weekly_timeline(events, "events")
    assert list(weekly.columns) == ["week", "country", "value"] and weekly["value"].sum() == len(events)
    persons = timeline.weekly_timeline(events, "persons").set_index(["week", "country"])["value"]
    assert persons[(pd.Timestamp("2021-08-02"), "LV")] == 12 + 38 + 35  # Mon 2 Aug – Sun 8 Aug


def test_match_click(events):
    border = {"lat": 55.93, "lng": 27.62}  # three events share this point
    assert picking.match_click(events, border, "\n  2021-08-08 · Latvia–Belarus border  lv_fixture:e3 \n") == "lv_fixture:e3"
    assert picking.match_click(events, border) == "lv_fixture:e2"
    assert picking.match_click(events, border, "Latvia–Belarus border") is None  # an area's tooltip
    assert picking.match_click(events, {"lat": 40.0, "lng": 10.0}) is None
    assert picking.match_click(events, None) is None
    assert picking.match_click(events.iloc[:0], border) is None


def test_match_click_prefers_longest_id():
    frame = gpd.GeoDataFrame({"id": ["d:e1", "d:e12"]}, geometry=gpd.points_from_xy([0, 1], [0, 1]), crs=4326)
    assert picking.match_click(frame, {"lat": 0, "lng": 0}, "d:e12") == "d:e12"


def test_country_names():
    assert labels.country_name("LV") == "Latvia" and labels.country_name("BY") == "Belarus"
    assert labels.country_name("XX") == "XX"


def test_an_undated_event_is_shown_filtered_drawn_and_exported(layers, everything):
    from geo.view import mapview

    events = layers["events"].copy()
    undated = events.iloc[[0]].copy()
    undated["id"], undated["date_start"], undated["date_end"], undated["date_relation"] = "x:e1", None, None, "unknown"
    events = gpd.GeoDataFrame(pd.concat([events, undated], ignore_index=True), crs=events.crs)
    shown = filters.apply(events, filters.full_filters(events))
    assert "x:e1" in list(shown["id"])  # the date filter cannot judge it, so it keeps it
    assert "x:e1" in mapview.build_map({**layers, "events": events}, shown).get_root().render()
    feature = [f for f in json.loads(exports.to_geojson_bytes(shown))["features"] if f["properties"]["id"] == "x:e1"]
    assert feature and feature[0]["properties"]["date_start"] is None
    assert "x:e1" in exports.events_to_csv(shown).decode("utf-8-sig")
    timeline.weekly_timeline(shown)  # no error on a missing date
