"""The dashboard a monitor uses: every event reachable from the map, stacks listed, time
played, search by an inflected name, a phone's screen (real Chromium, offline)."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.e2e import harness

pytestmark = pytest.mark.e2e

EVENTS = harness.layer_events()
BY_ID = {e["id"]: e for e in EVENTS}


def squash(text: str) -> str:
    return " ".join(text.split())


def selected_id(page) -> str | None:
    """The event the URL names (the app writes it at the end of each run)."""
    from urllib.parse import parse_qs, urlparse

    return (parse_qs(urlparse(harness.location(page)).query).get("event") or [None])[0]


def click_target(page, target: dict) -> None:
    """Click a drawn marker or area where it is on top, and wait for the app's rerun."""
    box = page.locator(harness.MAP_FRAME).bounding_box()
    page.mouse.click(box["x"] + target["x"], box["y"] + target["y"])
    harness.settle(page)


def stack_buttons(page):
    return page.locator(".st-key-stack_list button")


def choose_each_in_stack(page, expected: int) -> set[str]:
    """Choose every event the stack list offers, checking each one's quote; their ids."""
    assert harness.wait_for(lambda: stack_buttons(page).count() == expected), \
        f"the stack lists {stack_buttons(page).count()} events, the marker holds {expected}"
    reached = set()
    for i in range(expected):
        stack_buttons(page).nth(i).click()
        harness.settle(page)
        event_id = harness.wait_for(lambda: selected_id(page) if selected_id(page) not in reached else None)
        assert event_id in BY_ID, f"choice {i} of the stack selected {event_id!r}"
        assert harness.wait_for(lambda: harness.quoted(page) == squash(BY_ID[event_id]["quote"]))  # noqa: B023 (called at once)
        reached.add(event_id)
    return reached


def test_every_seed_event_is_selectable_from_the_map(app):
    assert harness.wait_for_markers(app, lambda n: n == len(EVENTS)) == len(EVENTS)
    targets = harness.stack_targets(harness.map_frame(app))
    assert sum(t["events"] for t in targets) == len(EVENTS)
    reached: set[str] = set()
    for index in range(len(targets)):
        target = reachable(app, index)
        before = selected_id(app)
        click_target(app, target)
        if target["events"] == 1:
            event_id = harness.wait_for(lambda: selected_id(app) if selected_id(app) != before else None)  # noqa: B023
            assert event_id in BY_ID
            assert harness.wait_for(lambda: harness.quoted(app) == squash(BY_ID[event_id]["quote"]))  # noqa: B023
            reached.add(event_id)
        else:
            reached |= choose_each_in_stack(app, target["events"])
    assert reached == set(BY_ID), f"never reached: {sorted(set(BY_ID) - reached)}"
    assert not harness.exceptions(app)


def reachable(page, index: int) -> dict:
    """The drawn marker `index` with a point where a click reaches it; a marker covered by its
    neighbours at this zoom is zoomed in on first, as a person would."""
    for _ in range(4):
        frame = harness.map_frame(page)
        target = harness.stack_targets(frame)[index]
        if target["x"] is not None:
            return target
        frame.evaluate("""([sel, i]) => {
            const map = Object.values(window).find(v => v instanceof L.Map);
            const path = document.querySelectorAll(sel)[i];
            const layer = Object.values(map._layers).find(l => l._path === path);
            const at = layer.getLatLng ? layer.getLatLng() : layer.getBounds().getCenter();
            map.setView(at, Math.max(map.getZoom(), 7) + 2, {animate: false});
        }""", [harness.EVENT_MARKERS, index])
    raise AssertionError(f"marker {index} cannot be reached by a click even zoomed in: {target}")


def test_the_biggest_stack_opens_and_each_of_its_events_can_be_chosen(app):
    harness.wait_for_markers(app, lambda n: n == len(EVENTS))
    frame = harness.map_frame(app)
    targets = harness.stack_targets(frame)
    biggest = max(targets, key=lambda t: t["events"])
    size = max(Counter(harness_positions()).values())  # the seed stacks several events on one area
    assert size >= 5 and biggest["events"] == size
    # the tooltip says how many and which
    box = app.locator(harness.MAP_FRAME).bounding_box()
    app.mouse.move(box["x"] + biggest["x"], box["y"] + biggest["y"])
    tip = frame.locator(harness.TOOLTIP).filter(has_text=f"{size} events").first
    tip.wait_for(timeout=10_000)
    assert len(re.findall(r"\d{4}-\d\d-\d\d", tip.inner_text())) >= size
    click_target(app, biggest)
    reached = choose_each_in_stack(app, size)
    assert len(reached) == size
    harness.screenshot(app, "map-biggest-stack")


def harness_positions() -> list[str]:
    """Where each seed event is drawn: its area for region-level events, else its point (as
    geo.view.stacks decides, read from the layer directly)."""
    import json

    areas = {f["properties"]["id"] for f in json.loads((harness.ROOT / "data/layers/areas.geojson").read_text())["features"]
             if f["properties"]["type"] != "union"}
    out = []
    for e in EVENTS:
        area = (e.get("area_id") if e.get("area_id") in areas else None) or next(
            (p for p in e["place_ids"] if p in areas), None) if e["geo_precision"] == 3 else None
        out.append(f"area:{area}" if area else f"pt:{e['lat']:.5f},{e['lon']:.5f}")
    return out


def test_playing_the_timeline_changes_the_shown_events(app):
    harness.wait_for_markers(app, lambda n: n == len(EVENTS))
    app.locator('[data-testid="stSidebar"]').get_by_text("▶ Play").click()
    harness.settle(app)
    seen = set()

    def moved() -> bool:
        value = app.locator('[data-testid="stSidebar"] [data-testid="stDateInput"] input').first.input_value()
        seen.add((value, harness.count_line(app)))
        return len({v for v, _ in seen}) >= 3

    assert harness.wait_for(moved, timeout=30), f"the window did not move on: {seen}"
    counts = {c for _, c in seen}
    assert len(counts) >= 2, f"the shown events did not change while playing: {seen}"
    for _value, (shown, total) in seen:
        assert shown < total  # one month at a time, never all
    app.locator('[data-testid="stSidebar"]').get_by_text("▶ Play").click()
    harness.settle(app)


def test_search_by_an_inflected_place_name(app):
    harness.wait_for_markers(app, lambda n: n == len(EVENTS))
    box = app.locator('[data-testid="stSidebar"]').get_by_role("textbox", name="Search")
    box.fill("Piedrujā")
    box.press("Enter")
    harness.settle(app)
    expected = {e["id"] for e in EVENTS if "piedruja-parish" in e["place_ids"]}
    assert expected
    assert harness.wait_for(lambda: harness.count_line(app) == (len(expected), len(EVENTS))), harness.count_line(app)
    assert harness.wait_for_markers(app, lambda n: n == len(expected)) == len(expected)
    assert harness.wait_for_query(app, "q", "Piedrujā").get("q") == ["Piedrujā"]


def test_a_phone_shows_the_map_and_the_quote_together(browsing):
    context = browsing.context.browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                                   has_touch=True, service_workers="block")
    context.route(browsing.router.pattern(), browsing.router)
    context.on("page", browsing.console.attach)
    try:
        page = context.new_page()
        harness.open_app(page, browsing.base_url)
        harness.map_frame(page)
        # the compact head's style arrives in the same run as the title but may be applied a
        # moment after it is drawn: wait for what is asserted, then assert it
        try:
            page.wait_for_function("() => { const h = document.querySelector('h1');"
                                   " return h && h.getBoundingClientRect().height < 60; }", timeout=15_000)
        except PlaywrightTimeout:
            pass
        title = page.locator("h1").first.bounding_box()
        assert title["height"] < 60, f"the title takes {title['height']} px"
        page.locator("[class*='st-key-pick_'] button").first.click()
        harness.settle(page)
        quote = page.locator("blockquote").first
        quote.wait_for(timeout=30_000)
        frame_box = page.locator(harness.MAP_FRAME).bounding_box()
        quote_box = quote.bounding_box()
        # the map and the start of the quote fit on one screen
        assert quote_box["y"] - frame_box["y"] < 844 - 60, (frame_box, quote_box)
        legend = harness.map_frame(page).locator(".robeza-legend details")
        assert legend.get_attribute("open") is None  # folded on a phone
        harness.screenshot(page, "phone-event")
    finally:
        context.close()


def shown_in_window(start: str, end: str) -> set[str]:
    """The seed events a date window shows: a period shows when it overlaps the window (an
    undated event always shows), read from the layer itself."""
    def overlaps(e: dict) -> bool:
        first, last = e.get("date_start") or e.get("date_end"), e.get("date_end") or e.get("date_start")
        return first is None or (first <= end and last >= start)
    return {e["id"] for e in EVENTS if overlaps(e)}


def test_dragging_a_window_over_the_timeline_filters_the_events(app):
    harness.wait_for_markers(app, lambda n: n == len(EVENTS))
    chart = app.locator('[data-testid="stVegaLiteChart"]').first
    chart.scroll_into_view_if_needed()
    chart.wait_for(timeout=30_000)
    box = chart.bounding_box()
    # from the first weeks of the period over about a fifth of the plot, at the bars' height
    y = box["y"] + box["height"] * 0.6
    app.mouse.move(box["x"] + box["width"] * 0.10, y)
    app.mouse.down()
    for step in range(1, 11):
        app.mouse.move(box["x"] + box["width"] * (0.10 + 0.02 * step), y)
    app.mouse.up()
    dates = app.locator('[data-testid="stSidebar"] [data-testid="stDateInput"] input')
    first_day = min(e["date_start"] for e in EVENTS if e.get("date_start"))
    last_day = max(e["date_end"] or e["date_start"] for e in EVENTS if e.get("date_start"))
    # the dragged window becomes the date filter: the date boxes, the count and the map follow
    assert harness.wait_for(lambda: (dates.nth(0).input_value(), dates.nth(1).input_value()) != (first_day, last_day),
                            timeout=30), "the date window did not change"
    harness.settle(app)
    start, end = dates.nth(0).input_value(), dates.nth(1).input_value()
    expected = shown_in_window(start, end)
    assert 0 < len(expected) < len(EVENTS), (start, end)
    assert harness.wait_for(lambda: harness.count_line(app) == (len(expected), len(EVENTS))), \
        (start, end, harness.count_line(app), len(expected))
    assert harness.wait_for_markers(app, lambda n: n == len(expected)) == len(expected)
    assert harness.wait_for_query(app, "to", end).get("to") == [end]  # and the shared link keeps it
    harness.screenshot(app, "timeline-dragged")
