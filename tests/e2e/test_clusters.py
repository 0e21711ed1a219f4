"""A map with more events than cluster.CLUSTER_THRESHOLD, drawn in a real browser: the events
are clustered, every one of them is in a cluster, and the page logs no error."""

from __future__ import annotations

import re

import geopandas as gpd
import numpy as np
import pytest

from geo.io.layers import load_layers
from geo.view import cluster, mapview, picking
from tests.e2e import harness

pytestmark = pytest.mark.e2e


def many_events(n: int) -> gpd.GeoDataFrame:
    """n events of the data contract scattered over Latvia and Lithuania."""
    rng = np.random.default_rng(3)
    return gpd.GeoDataFrame(
        {"id": [f"many:e{i}" for i in range(n)], "doc_id": "many", "date_start": "2021-08-01",
         "date_end": "2021-08-01", "date_text": "2021. gada 1. augustā", "event_type": "detention",
         "persons": 3, "place_names": [["Somewhere"]] * n, "country": "LV", "time_precision": 1,
         "geo_precision": 1, "place_ids": [[]] * n},
        geometry=gpd.points_from_xy(rng.uniform(21, 28, n), rng.uniform(54, 57, n)), crs=4326,
    )


def test_clustered_map_draws_every_event(browsing, tmp_path, fixture_layers_dir):
    n = cluster.CLUSTER_THRESHOLD + 500
    layers = load_layers(fixture_layers_dir)
    events = many_events(n)
    html = mapview.build_map(layers, events).get_root().render()
    path = tmp_path / "clustered.html"
    path.write_text(html, encoding="utf-8")
    router, console = harness.CdnRouter("file://"), harness.ConsoleLog()
    context = harness.new_context(browsing.context.browser, router, console)
    try:
        page = context.new_page()
        page.goto(path.as_uri())
        page.locator(harness.CLUSTER_ICONS).first.wait_for(timeout=60_000)
        # the numbers on the cluster icons and the single markers outside clusters add up to n
        # (each position here has one event); polled: while Leaflet animates the first zoom,
        # the icons of two zoom levels are briefly both in the page
        def drawn() -> int:
            on_icons = sum(int(t) for t in page.locator(harness.CLUSTER_ICONS).all_inner_texts())
            return on_icons + page.locator(harness.EVENT_MARKERS).count()

        assert harness.wait_for(lambda: drawn() == n) and drawn() == n, drawn()
        # a marker's tooltip as streamlit-folium reports a click on it (its text), dates from day
        # numbers; it names the event, so the click selects it
        tip = page.evaluate("""() => {
            const name = Object.keys(window).find(k => k.startsWith("position_cluster_"));
            const span = document.createElement("span");
            span.innerHTML = window[name].getLayers()[0].getTooltip().getContent();
            return span.textContent;
        }""")
        assert re.fullmatch(r"1 event · Somewhere2021-08-01 · mostly detention · 3 personsmany:e\d+", tip), tip
        assert picking.match_click(events, None, tip) == re.search(r"many:e\d+", tip).group()
        harness.screenshot(page, "clustered-map")
        assert not console.errors and not router.unexpected, console.errors + router.unexpected
    finally:
        context.close()
