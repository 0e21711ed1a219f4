"""Fixtures of the browser tests: the app server, Chromium, a routed context, a page on the app.

A test asks for `app` (a page with the app's map page open) or for `browsing` (the context,
router and console log, to open any page itself). After each test the fixtures fail it when the
page requested anything that is neither the app, a mapped CDN file, a blank tile nor a
deliberately blanked stylesheet, or when the browser console logged an error.

Without Chromium the tests skip with the way to get it; under CI (CI=true) that is a failure.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Iterator

import pytest

from tests.e2e import harness

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "e2e: browser test (Playwright + Debian Chromium); deselect with -m 'not e2e'")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Any:
    report = yield
    setattr(item, f"report_{report.when}", report)  # fixtures read it to keep a failure screenshot
    return report


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if harness.ARTIFACTS.is_dir() and any(harness.ARTIFACTS.glob("*.png")):
        terminalreporter.write_line(f"e2e screenshots and logs: {harness.ARTIFACTS}")


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's Chromium, or a skip (a failure under CI) saying how to install it."""
    reason = harness.chromium_missing_reason()
    if reason:
        if IN_CI:
            pytest.fail(f"CI=true and the browser tests cannot run: {reason}", pytrace=False)
        pytest.skip(reason)
    return harness.CHROMIUM


@pytest.fixture(scope="session")
def app_server(chromium: str) -> Iterator[harness.AppServer]:
    """`streamlit run app.py` on a free port for the whole session, on the committed seed layers."""
    server = harness.AppServer().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def browser(chromium: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = harness.launch(playwright)
        yield browser
        browser.close()


@dataclass
class Browsing:
    """One browser context on the app: its pages, its router and its console log."""

    context: Any
    router: harness.CdnRouter
    console: harness.ConsoleLog
    base_url: str

    def new_page(self, path: str = "") -> Any:
        """A new tab with a page of the app open and run (path like "source" or "?country=LV")."""
        page = self.context.new_page()
        harness.open_app(page, self.base_url, path)
        return page

    def problems(self) -> list[str]:
        return ([f"request to an unmapped URL: {u}" for u in self.router.unexpected]
                + [f"browser console: {e}" for e in self.console.errors])


@pytest.fixture()
def browsing(browser: Any, app_server: harness.AppServer, request: pytest.FixtureRequest) -> Iterator[Browsing]:
    router, console = harness.CdnRouter(app_server.url), harness.ConsoleLog()
    context = harness.new_context(browser, router, console)
    session = Browsing(context, router, console, app_server.url)
    yield session
    failed = getattr(request.node, "report_call", None) is not None and request.node.report_call.failed
    if failed:
        for i, page in enumerate(context.pages):
            harness.screenshot(page, f"FAILED-{request.node.name}-{i}")
    harness.ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (harness.ARTIFACTS / f"routing-{request.node.name}.txt").write_text(router.summary() + "\n")
    context.close()
    problems = session.problems()
    assert not problems, "\n".join(problems)


@pytest.fixture()
def app(browsing: Browsing) -> Any:
    """A page with the app's map page open, the map drawn."""
    page = browsing.new_page()
    harness.map_frame(page)
    return page
