"""The browser-test harness: the app in a subprocess, Chromium, offline CDN routing, map helpers.

Used by the pytest fixtures in conftest.py and by `python -m tests.e2e.screenshot`. Nothing here
reaches past this machine: folium's maps ask CDNs for Leaflet and its plugins and tile servers for
tiles, and `CdnRouter` answers those requests from the npm packages that `make test` installs into
tests/e2e/node_modules (package.json, versions pinned to folium 0.20's links) — or with a blank
tile / a deliberately blank stylesheet. Any other request that leaves the app's own origin is
refused and recorded, so a new third-party dependency fails the test instead of slipping in.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import struct
import subprocess
import sys
import time
import urllib.request
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

E2E = Path(__file__).resolve().parent
ROOT = E2E.parent.parent
NODE_MODULES = E2E / "node_modules"
ARTIFACTS = E2E / "artifacts"
SCREENSHOT = ROOT / "docs" / "screenshot.png"

CHROMIUM = os.environ.get("ROBEZA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEWPORT = {"width": 1400, "height": 900}
HOST = "127.0.0.1"
START_TIMEOUT = 90.0  # seconds for `streamlit run` to answer /_stcore/health (cold imports)

# How the app draws events (geo/mapview.py): circle markers in the custom pane "events"; above
# mapview.CLUSTER_THRESHOLD they are a marker cluster instead. The selection ring is in "selection".
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
EVENT_MARKERS = ".leaflet-events-pane path.leaflet-interactive"
CLUSTER_ICONS = ".marker-cluster"
TOOLTIP = ".leaflet-tooltip"


def chromium_missing_reason() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not Path(CHROMIUM).exists():
        return (f"Chromium not found at {CHROMIUM}: the browser tests need Debian's chromium "
                "(`apt-get install chromium`, which `bash .ci/run` does), or set ROBEZA_CHROMIUM")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is missing: run `make test` (it installs requirements-dev.txt)"
    if not NODE_MODULES.is_dir():
        return ("tests/e2e/node_modules is missing: run `make test` (it runs `npm ci` in tests/e2e) "
                "— the map's Leaflet files are served from there")
    return None


# --- the app server ------------------------------------------------------------------------


def free_port() -> int:
    """A TCP port nobody listens on now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


@dataclass
class AppServer:
    """`streamlit run SCRIPT` from the project's .venv on a free port, in its own process group
    (ui/server.py: app.py served so that a direct link to a page logs no errors)."""

    script: Path = ROOT / "ui" / "server.py"
    cwd: Path = ROOT
    env: dict[str, str] | None = None  # extra environment (e.g. ROBEZA_LAYERS); None: the seed
    log_path: Path = ARTIFACTS / "streamlit.log"
    port: int = 0
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def command(self) -> list[str]:
        streamlit = ROOT / ".venv" / "bin" / "streamlit"
        runner = [str(streamlit)] if streamlit.exists() else [sys.executable, "-m", "streamlit"]
        return runner + [
            "run", str(self.script),
            "--server.headless", "true",
            "--server.address", HOST,
            "--server.port", str(self.port),
            "--server.fileWatcherType", "none",
            "--browser.gatherUsageStats", "false",
        ]

    def start(self) -> "AppServer":
        self.port = self.port or free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("ROBEZA_")}
        env.update(self.env or {})
        env["PYTHONUNBUFFERED"] = "1"
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = open(self.log_path, "w", encoding="utf-8")
        self.process = subprocess.Popen(self.command(), cwd=self.cwd, env=env, stdout=log,
                                        stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                        start_new_session=True)
        log.close()
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.process.returncode}:\n{self.log()}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return self
            except OSError:
                pass
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"streamlit did not answer /_stcore/health in {START_TIMEOUT:.0f}s:\n{self.log()}")

    def stop(self, timeout: float = 10.0) -> None:
        """Terminate, wait; kill the whole process group when it does not stop in time."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout)

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""


# --- offline routing of CDN and tile URLs --------------------------------------------------


def blank_png() -> bytes:
    """A 1x1 transparent PNG, made here (the tile servers' stand-in)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)  # 1x1, 8-bit RGBA
    pixels = zlib.compress(b"\x00\x00\x00\x00\x00")  # filter byte + one transparent pixel
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def npm_version(package: str) -> str | None:
    """The installed version of an npm package in tests/e2e/node_modules."""
    manifest = NODE_MODULES / package / "package.json"
    return json.loads(manifest.read_text())["version"] if manifest.exists() else None


@dataclass(frozen=True)
class NpmRule:
    """A CDN URL pattern → a file of an installed npm package.

    `pattern` has the groups `path` (inside `prefix` of the package) and optionally `pkg` and
    `ver`; a URL whose version differs from the installed package's is NOT served (a folium
    upgrade that moves to new versions must update package.json too).
    """

    pattern: str
    package: str | None = None  # fixed package name, else the `pkg` group
    prefix: str = ""  # folder inside the package where the CDN's files are
    version: str | None = None  # fixed version the URL must name, else the `ver` group
    serve_as: str | None = None  # the npm version that stands in for `version` (not on npm)
    path_format: str = "{path}"  # the file name inside `prefix`, from the `path` group

    def resolve(self, url: str) -> Path | None:
        m = re.match(self.pattern, url)
        if not m:
            return None
        groups = m.groupdict()
        package = self.package or groups["pkg"]
        wanted = self.serve_as or groups.get("ver") or self.version
        if npm_version(package) != wanted:
            return None
        target = (NODE_MODULES / package / self.prefix / self.path_format.format(path=groups["path"])).resolve()
        if NODE_MODULES.resolve() not in target.parents or not target.is_file():
            return None
        return target


# The URLs folium 0.20 (and its plugins) load, and the npm package files that answer them.
NPM_RULES = [
    # https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js, bootstrap@5.2.2, fontawesome 6.2.0,
    # and whatever those files load relative to themselves (leaflet images, webfonts)
    NpmRule(r"^https://cdn\.jsdelivr\.net/npm/(?P<pkg>(?:@[^/@]+/)?[^/@]+)@(?P<ver>[^/]+)/(?P<path>[^?#]+)"),
    # https://code.jquery.com/jquery-3.7.1.min.js
    NpmRule(r"^https://code\.jquery\.com/jquery-(?P<ver>\d+\.\d+\.\d+)(?P<path>(\.slim)?(\.min)?\.js)$",
            package="jquery", prefix="dist", path_format="jquery{path}"),
    # https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/leaflet.markercluster.js (+ css)
    NpmRule(r"^https://cdnjs\.cloudflare\.com/ajax/libs/leaflet\.markercluster/(?P<ver>[^/]+)/(?P<path>[^?#]+)",
            package="leaflet.markercluster", prefix="dist"),
    # https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/...: 2.0.2 was never
    # published to npm; 2.0.5 has the same dist files
    NpmRule(r"^https://cdnjs\.cloudflare\.com/ajax/libs/Leaflet\.awesome-markers/2\.0\.2/(?P<path>[^?#]+)",
            package="leaflet.awesome-markers", prefix="dist", version="2.0.2", serve_as="2.0.5"),
]


# Requests answered with an empty stylesheet ON PURPOSE: no npm package holds these files.
BLANKED = {
    # Bootstrap 3.0.0's separate glyphicons sheet (folium.Map's default CSS): bootstrap@3.0.0 is
    # not on npm and the app's maps use no glyphicons.
    r"^https://(netdna|maxcdn)\.bootstrapcdn\.com/bootstrap/3\.0\.0/css/bootstrap-glyphicons\.css":
        "bootstrap 3.0.0 glyphicons (not on npm; no glyphicons used)",
    # folium's rotation rules for awesome markers, served from folium's GitHub repository; the pip
    # package does not ship it and the app draws no awesome markers.
    r"^https://cdn\.jsdelivr\.net/gh/python-visualization/folium/folium/templates/leaflet\.awesome\.rotate\.min\.css":
        "folium's leaflet.awesome.rotate.min.css (GitHub only; no awesome markers used)",
}
BLANK_CSS = b"/* Robeza e2e: deliberately blank stand-in, see tests/e2e/harness.py BLANKED */\n"

# Tile servers: every tile is a transparent 1x1 PNG (the app's own offline basemap needs none).
TILE_HOSTS = [
    r"([a-z]\.)?tile\.openstreetmap\.(org|de|fr)",
    r"([a-z]\.)?tile\.opentopomap\.org",
    r"([a-d]\.)?basemaps\.cartocdn\.com",
    r"tiles\.stadiamaps\.com",
    r"server\.arcgisonline\.com",
]
TILE_PATTERN = re.compile(r"^https?://(" + "|".join(TILE_HOSTS) + r")/")

CONTENT_TYPES = {".js": "application/javascript", ".css": "text/css", ".png": "image/png",
                 ".svg": "image/svg+xml", ".woff2": "font/woff2", ".woff": "font/woff",
                 ".ttf": "font/ttf", ".eot": "application/vnd.ms-fontobject", ".map": "application/json"}


@dataclass
class CdnRouter:
    """`context.route(router.pattern(), router)`: the app's origin passes, CDNs and tiles are
    answered locally, anything else is refused and kept in `unexpected`."""

    origin: str  # e.g. http://127.0.0.1:8501 — served by the app itself
    served: dict[str, str] = field(default_factory=dict)  # URL → file it was answered with
    blanked: list[str] = field(default_factory=list)
    tiles: int = 0
    unexpected: list[str] = field(default_factory=list)
    _png: bytes = field(default_factory=blank_png)

    def pattern(self) -> re.Pattern:
        """Every URL outside the app's origin. Playwright's driver matches it, so the app's own
        ~150 requests of a page load pass without a round trip through this Python process
        (which, while it answered them, delayed them and everything the test waited for)."""
        return re.compile("^(?!" + re.escape(self.origin) + "(/|$))")

    def local_file(self, url: str) -> Path | None:
        """The npm file that answers a CDN URL, or None."""
        for rule in NPM_RULES:
            path = rule.resolve(url)
            if path is not None:
                return path
        return None

    def classify(self, url: str) -> tuple[str, Any]:
        """('app'|'npm'|'blank'|'tile'|'unexpected', detail) for a URL (no side effects)."""
        if url.startswith(self.origin + "/") or url == self.origin:
            return "app", None
        path = self.local_file(url)
        if path is not None:
            return "npm", path
        for pattern, why in BLANKED.items():
            if re.match(pattern, url):
                return "blank", why
        if TILE_PATTERN.match(url):
            return "tile", None
        return "unexpected", None

    def __call__(self, route: Any) -> None:
        url = route.request.url
        kind, detail = self.classify(url)
        cors = {"Access-Control-Allow-Origin": "*"}  # webfonts and module scripts need it
        if kind == "app":
            route.continue_()
        elif kind == "npm":
            self.served[url] = str(detail.relative_to(NODE_MODULES))
            route.fulfill(status=200, body=detail.read_bytes(), headers={
                **cors, "Content-Type": CONTENT_TYPES.get(detail.suffix, "application/octet-stream")})
        elif kind == "blank":
            self.blanked.append(url)
            route.fulfill(status=200, body=BLANK_CSS, headers={**cors, "Content-Type": "text/css"})
        elif kind == "tile":
            self.tiles += 1
            route.fulfill(status=200, body=self._png, headers={**cors, "Content-Type": "image/png"})
        else:
            self.unexpected.append(url)
            route.abort("blockedbyclient")

    def summary(self) -> str:
        lines = [f"{url} -> node_modules/{path}" for url, path in sorted(self.served.items())]
        lines += [f"{url} -> blank css" for url in sorted(set(self.blanked))]
        lines.append(f"{self.tiles} tile request(s) -> blank 1x1 PNG")
        lines += [f"UNEXPECTED {url}" for url in self.unexpected]
        return "\n".join(lines)


# --- the browser ---------------------------------------------------------------------------


@dataclass
class ConsoleLog:
    """Console messages and uncaught page errors of every page in a context."""

    errors: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)

    def attach(self, page: Any) -> None:
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))

    def _on_console(self, msg: Any) -> None:
        where = msg.location.get("url", "") if isinstance(msg.location, dict) else ""
        text = f"{msg.type}: {msg.text}" + (f" ({where})" if where else "")
        self.messages.append(text)
        if msg.type == "error":
            self.errors.append(text)


def launch(playwright: Any) -> Any:
    """Headless Debian Chromium with the flags this machine's closed network needs."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def new_context(browser: Any, router: CdnRouter, console: ConsoleLog, **options: Any) -> Any:
    """A browser context whose every request outside the app goes through the router; pages log
    to `console`."""
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True, service_workers="block",
                                  **options)
    context.route(router.pattern(), router)
    context.on("page", console.attach)
    return context


# --- the page and the map ------------------------------------------------------------------


def wait_for_app(page: Any, timeout: float = 60_000) -> None:
    """Until Streamlit is connected and has finished running the script."""
    page.wait_for_function(
        """() => {
            const app = document.querySelector('[data-testid="stApp"]');
            return app && app.dataset.testConnectionState === 'CONNECTED'
                && app.dataset.testScriptState === 'notRunning'
                && document.querySelector('[data-testid="stMain"]') !== null;
        }""",
        timeout=timeout,
    )


def open_app(page: Any, base_url: str, path: str = "") -> None:
    """Load a page of the app (path like "source" or "?country=LV") and wait until it has run."""
    page.goto(f"{base_url}/{path}")
    wait_for_app(page)


def count_line(page: Any) -> tuple[int, int]:
    """The "N of M events" line of the map and data pages, as (N, M)."""
    text = page.get_by_text(re.compile(r"^\d+ of \d+ events$")).first.inner_text()
    shown, total = re.match(r"(\d+) of (\d+)", text).groups()
    return int(shown), int(total)


def location(page: Any) -> str:
    """The address bar now (page.url can lag behind history.replaceState)."""
    return page.evaluate("location.href")


def map_frame(page: Any, timeout: float = 60_000) -> Any:
    """The Leaflet map's Frame inside the streamlit-folium iframe, once its markers are drawn."""
    handle = page.wait_for_selector(MAP_FRAME, state="attached", timeout=timeout)
    frame = handle.content_frame()
    assert frame is not None, "the streamlit-folium iframe has no document"
    frame.wait_for_selector(".leaflet-container", timeout=timeout)
    frame.wait_for_function("() => document.querySelector('.leaflet-container').clientHeight > 0",
                            timeout=timeout)
    return frame


def count_markers(frame: Any) -> int:
    """Events drawn on the map: the events each marker holds (a stack's `data-events`), plus
    the events inside cluster icons."""
    return frame.evaluate(
        """([markers, clusters]) => {
            let n = 0;
            for (const p of document.querySelectorAll(markers)) n += parseInt(p.dataset.events || "1", 10);
            for (const icon of document.querySelectorAll(clusters)) n += parseInt(icon.innerText, 10) || 0;
            return n;
        }""",
        [EVENT_MARKERS, CLUSTER_ICONS],
    )


def wait_for_markers(page: Any, predicate: Callable[[int], bool], timeout: float = 30.0) -> int:
    """Poll the number of event markers until `predicate(count)` holds (a rerun redraws the map,
    maybe in a new frame); returns the last count seen, which the caller asserts on."""
    deadline = time.monotonic() + timeout
    last = -1
    while time.monotonic() < deadline:
        try:
            last = count_markers(map_frame(page, timeout=5_000))
            if predicate(last):
                return last
        except Exception:  # noqa: BLE001 — the iframe was replaced mid-read: read again
            pass
        time.sleep(0.3)
    return last


def topmost_markers(frame: Any) -> list[int]:
    """Indexes (among EVENT_MARKERS) of the markers that are on top at their own centre, so a
    click there reaches them and not a neighbour drawn over them."""
    return frame.evaluate(
        """(sel) => {
            const out = [];
            document.querySelectorAll(sel).forEach((p, i) => {
                const r = p.getBoundingClientRect();
                const x = r.left + r.width / 2, y = r.top + r.height / 2;
                if (r.width > 0 && x >= 0 && y >= 0 && x < innerWidth && y < innerHeight
                    && document.elementFromPoint(x, y) === p) out.push(i);
            });
            return out;
        }""",
        EVENT_MARKERS,
    )


def exceptions(page: Any) -> list[str]:
    """Texts of Streamlit exception boxes on the page (empty when none)."""
    return page.locator('[data-testid="stException"]').all_inner_texts()


def screenshot(page: Any, name: str) -> Path:
    """A full-page screenshot into tests/e2e/artifacts/."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path



def layer_events(layers_dir: Path = ROOT / "data" / "layers") -> list[dict[str, Any]]:
    """The events the app shows by default (events.geojson read directly, not through geo)."""
    collection = json.loads((layers_dir / "events.geojson").read_text(encoding="utf-8"))
    return [{**f["properties"], "lon": f["geometry"]["coordinates"][0], "lat": f["geometry"]["coordinates"][1]}
            for f in collection["features"]]


def wait_for_query(page: Any, key: str, value: str, timeout: float = 15_000) -> dict[str, list[str]]:
    """The URL's query once it has `key=value` (Streamlit writes it at the end of a run), or as it
    is when the time is up — the caller asserts on what it returns."""
    from urllib.parse import parse_qs, urlparse

    try:
        page.wait_for_function(
            "([k, v]) => new URLSearchParams(location.search).get(k) === v", arg=[key, value], timeout=timeout)
    except Exception:  # noqa: BLE001 — timed out: return what is there
        pass
    return parse_qs(urlparse(location(page)).query)


def rings_around_markers(frame: Any) -> int:
    """How many paths that are not event markers are centred on an event marker and larger than
    it: the selection ring (wherever the app draws it)."""
    return frame.evaluate(
        """(sel) => {
            const markers = [...document.querySelectorAll(sel)].map(p => p.getBoundingClientRect());
            const others = [...document.querySelectorAll('.leaflet-container path')]
                .filter(p => !p.matches(sel)).map(p => p.getBoundingClientRect());
            const c = r => [r.left + r.width / 2, r.top + r.height / 2];
            return others.filter(o => o.width > 0 && o.width < 100 && markers.some(m => {
                const [ox, oy] = c(o), [mx, my] = c(m);
                return Math.abs(ox - mx) < 2 && Math.abs(oy - my) < 2 && o.width > m.width;
            })).length;
        }""",
        EVENT_MARKERS,
    )


def wait_for(condition: Callable[[], Any], timeout: float = 15.0) -> Any:
    """Poll `condition()` until it is truthy (errors count as not yet); its last value."""
    deadline = time.monotonic() + timeout
    value = None
    while time.monotonic() < deadline:
        try:
            value = condition()
            if value:
                return value
        except Exception:  # noqa: BLE001
            pass
        time.sleep(0.3)
    return value


def settle(page: Any, start_timeout: float = 1_500, quiet: float = 800) -> None:
    """After an interaction: wait for the rerun it causes to start (if it does), to finish, and
    for the app to stay idle for `quiet` ms — one rerun can cause another (the map component
    remounts when its data changes and reports its state), and typing into a widget during that
    second rerun is lost, as it would be for a person."""
    try:
        page.wait_for_function(
            "() => document.querySelector('[data-testid=\"stApp\"]').dataset.testScriptState === 'running'",
            timeout=start_timeout)
    except Exception:  # noqa: BLE001 — the run was too quick to see, or none was needed
        pass
    wait_for_app(page)
    page.evaluate("() => { window.__robezaBusy = performance.now(); }")
    page.wait_for_function(
        """(quiet) => {
            const app = document.querySelector('[data-testid="stApp"]');
            const now = performance.now();
            if (!app || app.dataset.testScriptState === 'running'
                || app.dataset.testConnectionState !== 'CONNECTED') { window.__robezaBusy = now; return false; }
            return now - window.__robezaBusy >= quiet;
        }""",
        arg=quiet, timeout=60_000)


def stack_targets(frame: Any) -> list[dict[str, Any]]:
    """Every drawn marker or area of the events, with a point (in the map frame's coordinates)
    where it is on top (so a click there reaches it), the events it holds and the first one's id (its tooltip's last line is
    read on hover instead: this is what the page itself knows). Markers covered everywhere are
    returned with x = None."""
    return frame.evaluate(
        """(sel) => [...document.querySelectorAll(sel)].map((p, i) => {
            const r = p.getBoundingClientRect();
            const one = (x, y) => x >= 0 && y >= 0 && x < innerWidth && y < innerHeight
                && document.elementFromPoint(x, y) === p;
            // on top there and a little around: a click a pixel off still reaches it
            const hit = (x, y) => one(x, y) && one(x - 2, y) && one(x + 2, y) && one(x, y - 2) && one(x, y + 2);
            let at = null;
            const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
            if (hit(cx, cy)) at = [cx, cy];
            for (let a = 1; !at && a < 24; a++) for (let b = 1; !at && b < 24; b++) {
                const x = r.left + r.width * a / 24, y = r.top + r.height * b / 24;
                if (hit(x, y)) at = [x, y];
            }
            return {index: i, events: parseInt(p.dataset.events || "1", 10),
                    x: at ? at[0] : null, y: at ? at[1] : null};
        })""",
        EVENT_MARKERS,
    )


def side_panel(page: Any) -> Any:
    """The column beside the map."""
    return page.locator('[data-testid="stMain"] [data-testid="stColumn"]').nth(1)


def quoted(page: Any, timeout: float = 30_000) -> str:
    """The side panel's quote, once it is there (whitespace squashed)."""
    quote = side_panel(page).locator("blockquote").first
    quote.wait_for(timeout=timeout)
    return " ".join(quote.inner_text().split())
