"""The map page in a real browser, checked as a person would use it."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from tests.e2e import harness

pytestmark = pytest.mark.e2e

EVENTS = harness.layer_events()
BY_ID = {e["id"]: e for e in EVENTS}
CONTRACT = {"id", "doc_id", "date_start", "date_end", "date_text", "time_precision", "event_type", "persons",
            "place_ids", "place_names", "country", "countries", "geo_precision", "quote", "quote_start",
            "quote_end", "spans"}


def squash(text: str) -> str:
    return " ".join(text.split())


def overlapping(date_from: str, date_to: str) -> set[str]:
    """Ids of the events whose period overlaps [date_from, date_to] (the app's date rule)."""
    return {e["id"] for e in EVENTS if e["date_start"] <= date_to and e["date_end"] >= date_from}


def involving(country: str) -> set[str]:
    """Ids of the events that happened in a country (their primary `country`: the app's
    default meaning of the country filter)."""
    return {e["id"] for e in EVENTS if e.get("country") == country}


def pick_only_country(page, name: str) -> None:
    """Clear the Countries filter and choose one country in it, as a person would."""
    box = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Countries")
    box.get_by_role("button", name="Clear all").click()
    harness.settle(page)
    field = box.get_by_role("combobox")
    field.fill(name)
    # the list filters as one types (its first row is "Select all" until then): wait for it
    assert harness.wait_for(lambda: page.get_by_role("option").all_inner_texts() == [name]), \
        f"the Countries list does not offer {name!r}: {page.get_by_role('option').all_inner_texts()}"
    page.get_by_role("option", name=name, exact=True).click()
    field.press("Escape")
    harness.settle(page)
    assert box.locator("[data-tag]").all_inner_texts() == [name]


def test_map_shows_the_seed_events(app):
    assert EVENTS, "data/layers/events.geojson has no events"
    frame = harness.map_frame(app)
    assert harness.wait_for_markers(app, lambda n: n == len(EVENTS)) == len(EVENTS)
    assert harness.count_line(app) == (len(EVENTS), len(EVENTS))
    # the areas the text names are drawn too (countries, regions, the border...)
    assert frame.locator(".leaflet-overlay-pane path").count() > 0
    assert frame.locator(".robeza-legend").is_visible()
    assert app.locator(harness.MAP_FRAME).bounding_box()["height"] > 300
    assert not harness.exceptions(app)
    harness.screenshot(app, "map")


def test_clicking_a_marker_quotes_its_event(app):
    frame = harness.map_frame(app)
    harness.wait_for_markers(app, lambda n: n == len(EVENTS))
    # a circle marker holding one event (region-level events are drawn as their areas,
    # outlined when chosen; stacks list their events: tests/e2e/test_dashboard.py)
    targets = [t for t in harness.stack_targets(frame) if t["x"] is not None and t["events"] == 1
               and "a" in (frame.locator(harness.EVENT_MARKERS).nth(t["index"]).get_attribute("d") or "")]
    assert targets, "no event marker can be clicked: every one is covered or off the map"
    box = app.locator(harness.MAP_FRAME).bounding_box()
    app.mouse.move(box["x"] + targets[0]["x"], box["y"] + targets[0]["y"])
    tooltip = frame.locator(harness.TOOLTIP).filter(has_text=re.compile(r":e\d+")).first.inner_text()
    event_id = tooltip.strip().splitlines()[-1].strip()
    assert event_id in BY_ID, f"the tooltip names no event of the layer: {tooltip!r}"
    app.mouse.click(box["x"] + targets[0]["x"], box["y"] + targets[0]["y"])
    side = harness.side_panel(app)
    quote = side.locator("blockquote")
    quote.wait_for(timeout=30_000)
    assert squash(quote.inner_text()) == squash(BY_ID[event_id]["quote"])
    assert event_id in squash(side.inner_text())
    assert harness.wait_for_query(app, "event", event_id).get("event") == [event_id]
    # the selected event is ringed on the map: a larger path around one of the event markers
    assert harness.wait_for(lambda: harness.rings_around_markers(harness.map_frame(app))), \
        "no ring marks the selected event on the map"
    harness.screenshot(app, "map-event-selected")


def test_date_slider_lowers_the_number_of_markers(app):
    assert harness.wait_for_markers(app, lambda n: n == len(EVENTS)) == len(EVENTS)
    start = app.get_by_role("slider", name="Dates — start")
    end = app.get_by_role("slider", name="Dates — end")
    before = end.get_attribute("aria-valuetext")
    for _attempt in range(3):  # keys pressed before the slider listens are lost: press again
        end.focus()
        for _ in range(3):
            end.press("PageDown")  # a tenth of the range each
        try:
            expect(end).not_to_have_attribute("aria-valuetext", before, timeout=10_000)
            break
        except AssertionError:
            continue
    harness.settle(app)
    to = end.get_attribute("aria-valuetext")
    for _ in range(5):  # on a busy machine an earlier attempt's presses may land late: until it holds
        harness.settle(app)
        if (now := end.get_attribute("aria-valuetext")) == to:
            break
        to = now
    since = start.get_attribute("aria-valuetext")
    assert date.fromisoformat(to) < date.fromisoformat(max(e["date_end"] for e in EVENTS))
    expected = overlapping(since, to)
    assert 0 < len(expected) < len(EVENTS), "the slider moved too little or too far for this check"
    shown = harness.wait_for_markers(app, lambda n: n == len(expected))
    assert shown == len(expected), f"{since}..{to}: {shown} markers, expected {len(expected)}"
    assert harness.count_line(app) == (len(expected), len(EVENTS))
    query = harness.wait_for_query(app, "to", to)
    assert query.get("to") == [to], f"the date range is not in the URL: {query}"
    harness.screenshot(app, "map-date-slider")


def most_common_country() -> tuple[str, str]:
    """A country that some but not all events involve: (code, English name as the app lists it)."""
    import pycountry

    counts = {c: len(involving(c)) for e in EVENTS for c in [e.get("country")] if c}
    code = max((c for c, n in counts.items() if n < len(EVENTS)), key=lambda c: (counts[c], c))
    return code, pycountry.countries.get(alpha_2=code).name


def test_one_country_leaves_only_its_events(app):
    code, name = most_common_country()
    expected = involving(code)
    pick_only_country(app, name)
    shown = harness.wait_for_markers(app, lambda n: n == len(expected))
    assert shown == len(expected), f"{name}: {shown} markers, expected {len(expected)}"
    assert harness.count_line(app) == (len(expected), len(EVENTS))
    assert harness.wait_for_query(app, "country", code).get("country") == [code]
    harness.screenshot(app, f"map-country-{code}")


def test_filtered_geojson_download_holds_exactly_the_filtered_events(app, tmp_path: Path):
    code, name = most_common_country()
    pick_only_country(app, name)
    end = app.get_by_role("slider", name="Dates — end")
    end.focus()
    end.press("PageDown")
    harness.settle(app)
    expected = involving(code) & overlapping(app.get_by_role("slider", name="Dates — start").get_attribute("aria-valuetext"),
                                             end.get_attribute("aria-valuetext"))
    harness.wait_for_markers(app, lambda n: n == len(expected))
    assert harness.count_line(app)[0] == len(expected)
    app.get_by_text("Export (GeoJSON").click()
    button = app.get_by_role("button", name=re.compile(r"^events: selection"))
    with app.expect_download() as download:
        button.click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.suffix == ".geojson"
    collection = json.loads(saved.read_text(encoding="utf-8"))
    # RFC 7946: a FeatureCollection of Features, WGS84 lon/lat, no "crs" member
    assert collection["type"] == "FeatureCollection" and "crs" not in collection
    ids = []
    for feature in collection["features"]:
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"][:2]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        properties = feature["properties"]
        assert CONTRACT <= set(properties), f"missing properties: {CONTRACT - set(properties)}"
        assert properties["country"] == code
        source = BY_ID[properties["id"]]
        assert (lon, lat) == pytest.approx((source["lon"], source["lat"]), abs=1e-6)
        ids.append(properties["id"])
    assert len(ids) == len(set(ids))
    assert set(ids) == expected


@pytest.mark.parametrize("title", ["Map", "Source", "Data", "About"])
def test_every_page_opens_without_error(browsing, title):
    page = browsing.new_page()
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=title).click()
    harness.wait_for_app(page)
    page.locator("h1").first.wait_for()
    assert not harness.exceptions(page), harness.exceptions(page)
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert "Traceback" not in text and "Error:" not in text
    if title == "Map":
        harness.map_frame(page)
    harness.screenshot(page, f"page-{title.lower()}")
    # the page has its own address: a reload (or a shared link) opens it again
    slug = urlparse(harness.location(page)).path.strip("/")
    assert slug == ("" if title == "Map" else title.lower())
    reloaded = browsing.new_page(slug)
    reloaded.locator("h1").first.wait_for()
    assert not harness.exceptions(reloaded)
