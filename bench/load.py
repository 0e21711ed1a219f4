"""A bounded load run of the app (issue 13, item 8): N browser sessions at once, on loopback.

``python -m bench.load [--sessions 8] [--rounds 6]`` starts the app (the e2e harness: Debian's
Chromium, offline, on 127.0.0.1) on the committed layers, opens N sessions (one headless
browser each, in its own thread), and has each change a filter `--rounds` times (the
"Coarsest place shown" slider, one key press, then waiting until the rerun has finished):
first all together, then again while one more session uploads a 1 MB English text on "Add a
document" and processes it. It reports the rerun latency percentiles of both phases, how long
the upload took, and the server's memory (RSS of the streamlit process and its children):
idle after one warm-up session (the map, a 60 kB text processed) has closed, the peak during the run, and after the sessions closed (15 s later; closed sessions are dropped after 5 s).
Every loop is bounded in count and time; nothing leaves the machine. Writes
bench/results/load.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"
ROUND_TIMEOUT_MS = 120_000
DISCONNECTED_TTL = 5
OPENING = threading.Lock()  # sessions open one after another (9 browsers starting at once time out)

RUNNING = "() => document.querySelector('[data-testid=\"stApp\"]')?.dataset.testScriptState === 'running'"


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, MB."""
    import psutil

    try:
        proc = psutil.Process(pid)
        procs = [proc, *proc.children(recursive=True)]
        return sum(p.memory_info().rss for p in procs) / 2**20
    except psutil.NoSuchProcess:
        return 0.0


class Sampler(threading.Thread):
    """The server's memory every 0.2 s while the run lasts."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.samples, self.stop = pid, [], threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            self.samples.append(rss_mb(self.pid))
            self.stop.wait(0.2)


def rss_parts_mb(pid: int) -> dict[str, float]:
    """Resident memory of the server process and of each child (the parsing process), MB."""
    import psutil

    try:
        proc = psutil.Process(pid)
        parts = {"server": proc.memory_info().rss / 2**20}
        for child in proc.children(recursive=True):
            parts[f"child {child.pid} {' '.join(child.cmdline()[1:3])[:40]}"] = child.memory_info().rss / 2**20
        return {k: round(v, 1) for k, v in parts.items()}
    except psutil.NoSuchProcess:
        return {}


def percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    ordered = sorted(values)
    at = lambda q: ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]  # noqa: E731
    return {"n": len(values), "p50_s": round(statistics.median(values), 3), "p90_s": round(at(0.9), 3),
            "p99_s": round(at(0.99), 3), "max_s": round(max(values), 3)}


def rerun(page: Any, harness: Any, key: str) -> float:
    """Press a key on the slider and wait for the rerun it causes to finish; its seconds."""
    slider = page.get_by_role("slider").last
    start = time.perf_counter()
    slider.press(key)
    try:
        page.wait_for_function(RUNNING, timeout=2_000, polling=20)
    except Exception:  # noqa: BLE001 - a rerun quicker than the polling: nothing to wait for
        pass
    harness.wait_for_app(page, timeout=ROUND_TIMEOUT_MS)
    return time.perf_counter() - start


def session(url: str, rounds: int, barrier: threading.Barrier, gate: threading.Event,
            out: dict[str, list[float]], errors: list[str]) -> None:
    """One user: open the map, then `rounds` filter changes per phase (phases start together)."""
    from playwright.sync_api import sync_playwright

    from tests.e2e import harness

    with sync_playwright() as p:
        browser = harness.launch(p)
        try:
            context = harness.new_context(browser, harness.CdnRouter(url), harness.ConsoleLog())
            page = context.new_page()
            page.set_default_timeout(ROUND_TIMEOUT_MS)
            with OPENING:
                harness.open_app(page, url)
            for phase in ("alone", "during_upload"):
                barrier.wait(timeout=600)
                if phase == "during_upload":
                    gate.wait(timeout=600)  # the upload has started
                for i in range(rounds):
                    out[phase].append(rerun(page, harness, "ArrowLeft" if i % 2 == 0 else "ArrowRight"))
            barrier.wait(timeout=600)
            context.close()
        except Exception as err:  # noqa: BLE001 - reported, the run goes on
            errors.append(f"{type(err).__name__}: {err}"[:300])
            barrier.abort()
        finally:
            browser.close()


def upload(url: str, text: str, barrier: threading.Barrier, gate: threading.Event, out: dict[str, Any],
           errors: list[str]) -> None:
    """One more user, who uploads `text` as a file and processes it while the others change filters."""
    from playwright.sync_api import sync_playwright

    from tests.e2e import harness

    with sync_playwright() as p:
        browser = harness.launch(p)
        try:
            context = harness.new_context(browser, harness.CdnRouter(url), harness.ConsoleLog())
            page = context.new_page()
            page.set_default_timeout(ROUND_TIMEOUT_MS)
            with OPENING:
                harness.open_app(page, url, "add")
                page.locator("input[type=file]").set_input_files(
                    files=[{"name": "load-test.txt", "mimeType": "text/plain", "buffer": text.encode("utf-8")}])
                page.get_by_label("Title").fill("Load test")
                harness.settle(page)
            barrier.wait(timeout=600)  # phase "alone" starts
            barrier.wait(timeout=600)  # phase "during_upload" starts
            start = time.perf_counter()
            page.get_by_role("button", name="Process").click()
            gate.set()
            page.get_by_text("Added “Load test”", exact=False).wait_for(timeout=600_000)
            out["upload_s"] = round(time.perf_counter() - start, 2)
            barrier.wait(timeout=600)
            context.close()
        except Exception as err:  # noqa: BLE001
            gate.set()
            errors.append(f"upload: {type(err).__name__}: {err}"[:300])
            barrier.abort()
        finally:
            browser.close()


def warm_up(url: str, text: str) -> None:
    """One session before the run: the map, then a small English text processed, so the idle
    figure holds what the app loads once per process (layers, gazetteer, GeoNames indexes)."""
    from playwright.sync_api import sync_playwright

    from tests.e2e import harness

    with sync_playwright() as p:
        browser = harness.launch(p)
        try:
            context = harness.new_context(browser, harness.CdnRouter(url), harness.ConsoleLog())
            page = context.new_page()
            page.set_default_timeout(ROUND_TIMEOUT_MS)
            harness.open_app(page, url)
            harness.open_app(page, url, "add")
            page.locator("input[type=file]").set_input_files(
                files=[{"name": "warm-up.txt", "mimeType": "text/plain", "buffer": text.encode("utf-8")}])
            page.get_by_label("Title").fill("Warm-up")
            harness.settle(page)
            page.get_by_role("button", name="Process").click()
            page.get_by_text("Added “Warm-up”", exact=False).wait_for(timeout=600_000)
            context.close()
        finally:
            browser.close()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n\n")[0])
    p.add_argument("--sessions", type=int, default=4)
    p.add_argument("--rounds", type=int, default=6, help="filter changes per session and phase")
    p.add_argument("--upload-mb", type=float, default=1.0)
    p.add_argument("--arena-max", type=int, default=0,
                   help="MALLOC_ARENA_MAX for the server (glibc; 0: its default of 8 per core)")
    p.add_argument("--json", type=Path, default=RESULTS / "load.json")
    args = p.parse_args(argv)

    from bench.scaling import text_of
    from tests.e2e import harness

    reason = harness.chromium_missing_reason()
    if reason:
        print(f"skipped: {reason}")
        return 0
    # a closed session's state is dropped DISCONNECTED_TTL s after its browser goes (Streamlit's
    # default keeps it 120 s, for reconnects), so "after" sees what closing really frees
    server = harness.AppServer(log_path=Path("/tmp/robeza-bench-load-streamlit.log"),
                               env={"STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL": str(DISCONNECTED_TTL),
                                    **({"MALLOC_ARENA_MAX": str(args.arena_max)} if args.arena_max else {})}).start()
    try:
        warm_up(server.url, text_of("en", 60_000))  # long enough for the parsing child process
        time.sleep(DISCONNECTED_TTL + 10)
        idle, idle_parts = rss_mb(server.process.pid), rss_parts_mb(server.process.pid)
        sampler = Sampler(server.process.pid)
        sampler.start()
        latencies: dict[str, list[float]] = {"alone": [], "during_upload": []}
        upload_out: dict[str, Any] = {}
        errors: list[str] = []
        barrier, gate = threading.Barrier(args.sessions + 1), threading.Event()
        text = text_of("en", int(args.upload_mb * 1_000_000))
        threads = [threading.Thread(target=session, args=(server.url, args.rounds, barrier, gate, latencies, errors))
                   for _ in range(args.sessions)]
        threads.append(threading.Thread(target=upload, args=(server.url, text, barrier, gate, upload_out, errors)))
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=1800)
        elapsed = time.perf_counter() - started
        sampler.stop.set()
        sampler.join()
        time.sleep(DISCONNECTED_TTL + 10)
        after, after_parts = rss_mb(server.process.pid), rss_parts_mb(server.process.pid)
    finally:
        server.stop()
    alone, during = percentiles(latencies["alone"]), percentiles(latencies["during_upload"])
    result = {
        "sessions": args.sessions, "arena_max": args.arena_max or None, "rounds": args.rounds, "upload_mb": args.upload_mb, "elapsed_s": round(elapsed, 1),
        "rerun_alone": alone, "rerun_during_upload": during, "upload_s": upload_out.get("upload_s"),
        "during_over_alone_p50": round(during["p50_s"] / alone["p50_s"], 2) if alone and during else None,
        "memory_mb": {"idle": round(idle, 1), "peak": round(max(sampler.samples, default=0), 1),
                      "after": round(after, 1),
                      "after_over_idle": round(after / idle, 2) if idle else None,
                      "idle_parts": idle_parts, "after_parts": after_parts},
        "errors": errors,
    }
    print(json.dumps(result, indent=1))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
