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
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.report import Row

READY_JS = """([markers, clusters]) => {
    const c = document.querySelector('.leaflet-container');
    if (!c || c.clientHeight === 0) return false;
    return document.querySelectorAll(markers).length + document.querySelectorAll(clusters).length > 0;
}"""


# The page's own clock (ms from navigation start), kept in window.__robezaMarks of the top page:
# the stages of a load, up to the first event marker in the map's frame and the frame after it
# (painted). A 10 ms timer reads the DOM, so a mark is at most one timer tick (or one long task)
# late; the frame is same-origin, so the top page can read it.
PAGE_MARKS_JS = r"""(() => {
  if (window !== window.top || window.__robezaMarks) return;
  const t = window.__robezaMarks = {};
  const mark = (k) => { if (!(k in t)) t[k] = performance.now(); };
  document.addEventListener('DOMContentLoaded', () => mark('frontend_loaded'));
  const WS = window.WebSocket;
  window.WebSocket = function (...args) {
    const ws = new WS(...args);
    ws.addEventListener('open', () => mark('websocket_open'));
    ws.addEventListener('message', () => mark('first_message'));
    return ws;
  };
  window.WebSocket.prototype = WS.prototype;
  for (const k of ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED']) window.WebSocket[k] = WS[k];
  const timer = setInterval(() => {
    const app = document.querySelector('[data-testid="stApp"]');
    const state = app && app.dataset.testScriptState;
    if (state === 'running') mark('script_started');
    if (state === 'notRunning' && 'script_started' in t) mark('script_finished');
    const f = document.querySelector(FRAME);
    if (!f) return;
    mark('map_frame_created');
    const d = f.contentDocument, w = f.contentWindow;
    if (!d || !d.URL.includes('index.html')) return;
    if (d.readyState === 'complete') mark('map_frame_loaded');
    if (w.L) mark('leaflet_loaded');
    if (d.querySelector(MARKERS) || d.querySelector(CLUSTERS)) {
      mark('first_marker');
      requestAnimationFrame(() => setTimeout(() => { mark('first_marker_painted'); clearInterval(timer); }, 0));
    }
  }, 10);
})();"""

# The stages in load order, with what each one is
STAGES = {
    "frontend_loaded": "Streamlit's frontend bundle loaded and run (DOMContentLoaded)",
    "websocket_open": "websocket to the server open",
    "first_message": "first message from the server (the session)",
    "script_started": "the page's script running",
    "map_frame_created": "streamlit-folium's frame created",
    "script_finished": "the script's run finished",
    "map_frame_loaded": "the frame's document and bundle loaded",
    "leaflet_loaded": "Leaflet loaded in the frame",
    "first_marker": "first event marker in the frame's DOM",
    "first_marker_painted": "… and the frame after it painted",
}

RESOURCES_JS = """() => performance.getEntriesByType('resource').map(e => ({
    name: e.name, start: e.startTime, end: e.responseEnd, bytes: e.encodedBodySize}))"""


def page_marks_script() -> str:
    """PAGE_MARKS_JS with the harness's selectors filled in."""
    harness = _harness()
    return (PAGE_MARKS_JS.replace("FRAME", repr(harness.MAP_FRAME)).replace("MARKERS", repr(harness.EVENT_MARKERS))
            .replace("CLUSTERS", repr(harness.CLUSTER_ICONS)))


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
    (performance.now(), from navigation start), the marker count, and, when the page was given
    page_marks_script() before navigating, the stages of the load on the page's clock
    ("marks", ms; "painted_s": the first marker painted).
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
    try:  # the painted mark comes one frame after the marker
        page.wait_for_function("() => !window.__robezaMarks || 'first_marker_painted' in window.__robezaMarks",
                               timeout=5_000, polling=50)
    except Exception:  # noqa: BLE001 — no mark: the figure says so (None)
        pass
    marks = page.evaluate("() => window.__robezaMarks || {}")
    painted = marks.get("first_marker_painted")
    return {"seconds": elapsed, "page_ms": page_ms, "markers": count, "marks": marks,
            "painted_s": None if painted is None else painted / 1000}


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
                    loads, clicks, painted = [], [], []
                    for _ in range(repeats + 1):
                        with _fresh_page(harness, browser, server.url) as page:
                            figures = measure(server.url, page)
                            loads.append(figures["seconds"])
                            painted.append(figures["painted_s"])
                            if env is None:
                                harness.wait_for_app(page)
                                clicks.append(click_to_quote(page))
                    out[label] = {"first_load_s": loads[0], "first_marker_s": statistics.median(loads[1:]),
                                  "first_marker_best_s": min(loads[1:]), "loads_s": loads}
                    seen = [x for x in painted[1:] if x is not None]
                    if seen:  # the page's own clock: no Playwright round trip in it
                        out[label].update({"first_marker_painted_s": statistics.median(seen),
                                           "first_marker_painted_best_s": min(seen), "painted_s": painted})
                    if clicks:
                        out[label].update({"click_to_quote_s": statistics.median(clicks[1:]),
                                           "click_to_quote_best_s": min(clicks[1:]), "clicks_s": clicks})
                finally:
                    server.stop()
        finally:
            browser.close()
    return out



@contextmanager
def _fresh_page(harness: Any, browser: Any, url: str) -> Iterator[Any]:
    """A page in a fresh browser context (no cache, no cookies), with the page-clock marks set,
    routed offline as the browser tests are; the context is closed after use."""
    context = harness.new_context(browser, harness.CdnRouter(url), harness.ConsoleLog())
    try:
        page = context.new_page()
        page.add_init_script(page_marks_script())
        yield page
    finally:
        context.close()


def breakdown(repeats: int = 5, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Where a warm load of the map page spends its time: the median of each stage on the
    page's clock over `repeats` fresh contexts (after one cold load), and the requests made
    before the first marker (how many, how many bytes, the largest bundles and when they ended)."""
    from playwright.sync_api import sync_playwright

    harness = _harness()
    runs = []
    server = harness.AppServer(env=env, log_path=Path("/tmp") / "robeza-bench-breakdown.log").start()
    try:
        with sync_playwright() as p:
            browser = harness.launch(p)
            try:
                for _ in range(repeats + 1):
                    with _fresh_page(harness, browser, server.url) as page:
                        figures = measure(server.url, page)
                        frame = harness.map_frame(page)
                        figures["requests"] = {"page": page.evaluate(RESOURCES_JS), "frame": frame.evaluate(RESOURCES_JS)}
                        runs.append(figures)
            finally:
                browser.close()
    finally:
        server.stop()
    warm = runs[1:]
    stages = {k: statistics.median(r["marks"][k] for r in warm if k in r["marks"])
              for k in STAGES if any(k in r["marks"] for r in warm)}
    last = warm[-1]
    marker = last["marks"].get("first_marker", float("inf"))
    before = [r for r in last["requests"]["page"] if r["end"] <= marker]
    frame_start = last["marks"].get("map_frame_created", 0)  # the frame's clock starts about then
    in_frame = last["requests"]["frame"]
    largest = sorted(before, key=lambda r: -r["bytes"])[:8]
    return {
        "wall_s": statistics.median(r["seconds"] for r in warm),
        "stages_ms": stages,
        "requests_before_first_marker": {"page": len(before), "page_bytes": sum(r["bytes"] for r in before),
                                         "frame": len(in_frame)},
        "largest_page_requests": [{"file": r["name"].rsplit("/", 1)[-1], "kB": round(r["bytes"] / 1000),
                                   "start_ms": round(r["start"]), "end_ms": round(r["end"])} for r in largest],
        "frame_requests": [{"file": r["name"].rsplit("/", 1)[-1], "start_ms": round(frame_start + r["start"]),
                            "end_ms": round(frame_start + r["end"])} for r in in_frame[:6]],
    }


def print_breakdown(result: dict[str, Any]) -> None:
    """The breakdown as a table: each stage, its median time, and the step from the one before."""
    previous = 0.0
    print(f"median wall (Playwright) navigation → first marker: {result['wall_s']:.2f} s")
    print(f"{'stage':<24} {'ms':>6} {'+ms':>6}  what")
    for key, ms in sorted(result["stages_ms"].items(), key=lambda kv: kv[1]):
        print(f"{key:<24} {ms:6.0f} {ms - previous:+6.0f}  {STAGES[key]}")
        previous = ms
    counts = result["requests_before_first_marker"]
    print(f"requests before the first marker: {counts['page']} by the page ({counts['page_bytes'] / 1e6:.2f} MB), "
          f"{counts['frame']} by the map's frame")
    for r in result["largest_page_requests"]:
        print(f"  {r['kB']:6d} kB  {r['start_ms']:5d} → {r['end_ms']:5d} ms  {r['file']}")


if __name__ == "__main__" and "--breakdown" in __import__("sys").argv:  # python -m bench.browser --breakdown [N]
    import json
    import os
    import sys

    args = [a for a in sys.argv[1:] if a != "--breakdown"]
    before = os.getloadavg()
    result = breakdown(int(args[0]) if args else 5)
    result["load_average_before_after"] = [before, os.getloadavg()]
    print_breakdown(result)
    print(json.dumps(result, indent=1))
elif __name__ == "__main__":  # python -m bench.browser: the dashboard's targets, as JSON
    import json
    import os
    import sys

    before = os.getloadavg()
    figures = app_figures(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
    # the machine is shared: the load says how much of a figure is the app's
    figures["load_average_before_after"] = [before, os.getloadavg()]
    print(json.dumps(figures, indent=1))
