"""``python -m tests.e2e.screenshot``: the README's screenshot, made by the browser-test harness.

Starts the app on the committed layers, opens the map on the events of August 2021 with the first
detention there selected (its quote in the side panel), and saves docs/screenshot.png. Tiles are
blanked as in the tests (no network here), so the map shows the offline basemap.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.e2e import harness

VIEW = {"from": "2021-08-01", "to": "2021-08-31"}


def august_detention() -> str:
    """Id of the first detention of August 2021 in the committed layer."""
    events = sorted(harness.layer_events(), key=lambda e: (e["date_start"], e["id"]))
    chosen = [e for e in events if e["event_type"] == "detention" and VIEW["from"] <= e["date_start"] <= VIEW["to"]]
    if not chosen:
        raise SystemExit("no detention in August 2021 in data/layers/events.geojson: nothing to show")
    return chosen[0]["id"]


def main(out: Path = harness.SCREENSHOT) -> int:
    """Take the screenshot; print where it went."""
    reason = harness.chromium_missing_reason()
    if reason:
        print(f"cannot take the screenshot: {reason}", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    query = "&".join(f"{k}={v}" for k, v in {**VIEW, "event": august_detention()}.items())
    server = harness.AppServer().start()
    try:
        with sync_playwright() as playwright:
            browser = harness.launch(playwright)
            router, console = harness.CdnRouter(server.url), harness.ConsoleLog()
            page = harness.new_context(browser, router, console).new_page()
            harness.open_app(page, server.url, f"?{query}")
            harness.map_frame(page)
            harness.side_panel(page).locator("blockquote").wait_for(timeout=30_000)
            harness.settle(page)
            out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(out))
            browser.close()
    finally:
        server.stop()
    problems = router.unexpected + console.errors
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
