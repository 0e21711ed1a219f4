"""The browser: time from page load to a ready map, measured in headless Chromium.

`measure(url, page)` is the function the e2e harness (tests/e2e/harness.py) or anyone with a
running app and a Playwright page can call. `section()` starts the app on the seed's layers
with the harness (offline: CDN files from tests/e2e/node_modules, blank tiles) and times a
few page loads; it also loads standalone map HTML files in both drawing modes, which is
what the clustering threshold should be judged by. Without Chromium every row says so.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import Any

from bench.report import Row

READY_JS = """([markers, clusters]) => {
    const c = document.querySelector('.leaflet-container');
    if (!c || c.clientHeight === 0) return false;
    return document.querySelectorAll(markers).length + document.querySelectorAll(clusters).length > 0;
}"""


def _harness():
    """tests/e2e/harness.py, or None when it is not there."""
    try:
        from tests.e2e import harness
    except ImportError:
        return None
    return harness


def measure(url: str, page: Any, timeout_ms: float = 120_000) -> dict[str, float]:
    """Seconds from navigating to `url` until Streamlit has run and the map shows its events.

    ready = the streamlit-folium iframe holds a sized Leaflet container with event markers
    (or cluster icons) drawn. Also returns the page's own clock at that moment
    (performance.now(), from navigation start) and the marker count.
    """
    harness = _harness()
    markers = harness.EVENT_MARKERS if harness else ".leaflet-events-pane path.leaflet-interactive"
    clusters = harness.CLUSTER_ICONS if harness else ".marker-cluster"
    frame_sel = harness.MAP_FRAME if harness else 'iframe[title="streamlit_folium.st_folium"]'
    start = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=timeout_ms)
    handle = page.wait_for_selector(frame_sel, state="attached", timeout=timeout_ms)
    frame = None
    while time.perf_counter() - start < timeout_ms / 1000:
        frame = handle.content_frame()
        if frame is not None:
            try:
                frame.wait_for_function(READY_JS, arg=[markers, clusters], timeout=timeout_ms, polling=50)
                break
            except Exception:  # the iframe was replaced while we waited: take the new one
                handle = page.wait_for_selector(frame_sel, state="attached", timeout=timeout_ms)
    elapsed = time.perf_counter() - start
    page_ms = page.evaluate("() => performance.now()")
    count = harness.count_markers(frame) if harness and frame else -1
    return {"seconds": elapsed, "page_ms": page_ms, "markers": count}


def measure_html(path: Path, page: Any, timeout_ms: float = 180_000) -> dict[str, float]:
    """Seconds from opening a standalone map HTML file until its events are drawn."""
    harness = _harness()
    start = time.perf_counter()
    page.goto(path.resolve().as_uri(), wait_until="commit", timeout=timeout_ms)
    page.wait_for_function(READY_JS, arg=[harness.EVENT_MARKERS, harness.CLUSTER_ICONS], timeout=timeout_ms, polling=50)
    elapsed = time.perf_counter() - start
    return {"seconds": elapsed, "page_ms": page.evaluate("() => performance.now()")}


def unavailable() -> str | None:
    """Why the browser rows cannot be measured here, or None."""
    harness = _harness()
    if harness is None:
        return "n/a (tests/e2e/harness.py missing)"
    reason = harness.chromium_missing_reason()
    if reason is None:
        return None
    return "n/a (chromium not installed)" if "Chromium not found" in reason else f"n/a ({reason.split(':')[0]})"


def section(repeats: int, html_files: list[tuple[str, Path]]) -> tuple[list[Row], dict]:
    """The app on the seed (cold first load, then warm loads), and each map file."""
    reason = unavailable()
    if reason:
        return [Row("browser", "app, seed layers", "page load → map ready", reason)], {"skipped": reason}
    from playwright.sync_api import sync_playwright

    harness = _harness()
    rows: list[Row] = []
    raw: dict[str, Any] = {}
    server = harness.AppServer(log_path=Path("/tmp") / "robeza-bench-streamlit.log").start()
    try:
        with sync_playwright() as p:
            browser = harness.launch(p)
            try:
                runs = []
                for _ in range(max(2, repeats + 1)):
                    router = harness.CdnRouter(server.url)
                    context = harness.new_context(browser, router, harness.ConsoleLog())
                    try:
                        runs.append(measure(server.url, context.new_page()))
                    finally:
                        context.close()
                cold, warm = runs[0], runs[1:]
                med = statistics.median(r["seconds"] for r in warm)
                rows += [
                    Row("browser", "app, seed layers", "page load → map ready (first load)", cold["seconds"], "s",
                        f"server caches empty; {cold['markers']} markers"),
                    Row("browser", "app, seed layers", "page load → map ready", med, "s",
                        f"median of {len(warm)} fresh browser contexts"),
                ]
                raw["app"] = {"cold": cold, "warm": warm}
                for label, path in html_files:
                    router = harness.CdnRouter("file://")
                    context = harness.new_context(browser, router, harness.ConsoleLog())
                    try:
                        times = [measure_html(path, context.new_page())["seconds"] for _ in range(max(1, min(repeats, 2)))]
                    finally:
                        context.close()
                    rows.append(Row("browser", label, "open map HTML → events drawn", statistics.median(times), "s",
                                    f"{path.stat().st_size / 1e6:.2f} MB file, median of {len(times)}"))
                    raw[label] = times
            finally:
                browser.close()
    finally:
        server.stop()
    return rows, raw


def click_to_quote(page: Any, timeout_ms: float = 60_000) -> float:
    """Seconds from a click on a map marker holding one event until the side panel quotes it
    (the page already showing its map)."""
    harness = _harness()
    frame = harness.map_frame(page)
    targets = [t for t in harness.stack_targets(frame) if t["x"] is not None and t["events"] == 1]
    if not targets:
        return float("nan")
    box = page.locator(harness.MAP_FRAME).bounding_box()
    quotes_before = page.locator("blockquote").count()
    start = time.perf_counter()
    page.mouse.click(box["x"] + targets[0]["x"], box["y"] + targets[0]["y"])
    page.wait_for_function("(n) => document.querySelectorAll('blockquote').length > n", arg=quotes_before,
                           timeout=timeout_ms, polling=50)
    return time.perf_counter() - start


def ten_thousand_layers(folder: Path, n: int = 10_000) -> Path:
    """A layers folder with `n` synthetic events and the seed's other layers (bench.server)."""
    import shutil as _shutil

    from bench import server

    harness = _harness()
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("places.geojson", "mentions.geojson", "areas.geojson", "unresolved.json"):
        _shutil.copy(harness.ROOT / "data" / "layers" / name, folder / name)
    server.write_events(server.synthetic_events(n), folder)
    return folder


def app_figures(repeats: int = 3, big: int = 10_000) -> dict[str, Any]:
    """Navigation → first marker and click → quote on the seed (the first load cold, then
    `repeats` fresh contexts: their median and best), and navigation → first marker at `big`
    events."""
    import tempfile

    from playwright.sync_api import sync_playwright

    harness = _harness()
    out: dict[str, Any] = {}
    with sync_playwright() as p:
        browser = harness.launch(p)
        try:
            for label, env in (("seed", None), (f"{big} events", "big")):
                tmp = Path(tempfile.mkdtemp(prefix="robeza-bench-layers-"))
                extra = None if env is None else {"ROBEZA_LAYERS": str(ten_thousand_layers(tmp, big))}
                server = harness.AppServer(env=extra, log_path=Path("/tmp") / "robeza-bench-app.log").start()
                try:
                    loads, clicks = [], []
                    for _ in range(repeats + 1):
                        context = harness.new_context(browser, harness.CdnRouter(server.url), harness.ConsoleLog())
                        try:
                            page = context.new_page()
                            loads.append(measure(server.url, page)["seconds"])
                            if env is None:
                                harness.wait_for_app(page)
                                clicks.append(click_to_quote(page))
                        finally:
                            context.close()
                    out[label] = {"first_load_s": loads[0], "first_marker_s": statistics.median(loads[1:]),
                                  "first_marker_best_s": min(loads[1:]), "loads_s": loads}
                    if clicks:
                        out[label].update({"click_to_quote_s": statistics.median(clicks[1:]),
                                           "click_to_quote_best_s": min(clicks[1:]), "clicks_s": clicks})
                finally:
                    server.stop()
        finally:
            browser.close()
    return out


if __name__ == "__main__":  # python -m bench.browser: the dashboard's targets, as JSON
    import json
    import os
    import sys

    before = os.getloadavg()
    figures = app_figures(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
    # the machine is shared: the load says how much of a figure is the app's
    figures["load_average_before_after"] = [before, os.getloadavg()]
    print(json.dumps(figures, indent=1))
