"""Shared links: a page's own address opens that page, with the app's navigation and filters,
even as the very first request a freshly started server gets."""

from __future__ import annotations

import pytest

from tests.e2e import harness

pytestmark = pytest.mark.e2e

NAVIGATION = ["Map", "Source", "Data", "Add a document", "About"]


def nav_titles(page) -> list[str]:
    """The page titles the sidebar navigation offers."""
    return page.locator('[data-testid="stSidebarNav"] a').all_inner_texts()


def clean(titles: list[str]) -> list[str]:
    """Navigation texts without the icon names Streamlit renders as ligatures ("map", "info")."""
    return [t.split("\n")[-1].strip() for t in titles]


def test_first_request_to_a_page_address_gets_the_apps_navigation(browser, tmp_path):
    # a server of its own: the shared one has long served "/" first
    server = harness.AppServer(log_path=tmp_path / "streamlit.log").start()
    router, console = harness.CdnRouter(server.url), harness.ConsoleLog()
    context = harness.new_context(browser, router, console)
    try:
        page = context.new_page()
        harness.open_app(page, server.url, "data?country=LV")
        harness.settle(page)
        assert harness.wait_for(lambda: clean(nav_titles(page)) == NAVIGATION), \
            f"the navigation is not the app's: {nav_titles(page)}"
        # waited for, not read once: the rerun that leaves the legacy pages mode may still be drawing
        assert harness.wait_for(lambda: page.locator("h1").first.inner_text().startswith("Data"), timeout=30), \
            page.locator("h1").all_inner_texts()
        # the filters of the link hold: only Latvia is chosen
        box = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Countries")
        assert harness.wait_for(lambda: box.locator("[data-tag]").all_inner_texts() == ["Latvia"], timeout=30), \
            box.locator("[data-tag]").all_inner_texts()
        assert not harness.exceptions(page)
        assert not router.unexpected and not console.errors, router.unexpected + console.errors
    finally:
        context.close()
        server.stop()
