"""Adding a document in a real browser: an uploaded text with markup in it joins the map, and
its markup is shown as text everywhere — it never runs."""

from __future__ import annotations

import re

import pytest

from tests.e2e import harness

pytestmark = pytest.mark.e2e

EVENTS = harness.layer_events()
# Each piece, if it ran, would leave a trace the test can read: a global, the title, a dialog.
SCRIPT = "<script>window.__robezaPwned = 'script'; document.title = 'pwned'</script>"
IMAGE = "<img src=x onerror=\"window.__robezaPwned = 'onerror'; alert('onerror')\">"
TEXT = (f"{SCRIPT}{IMAGE} On 4 August 2021 border guards detained 17 people in Piedruja parish. "
        "Nothing else happened that week.")
TITLE = "Markup <b>test</b>"


def nav(page, title: str) -> None:
    """Go to another page of the app in the same session, as a person clicks the sidebar."""
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=title).click()
    harness.wait_for_app(page)


def traces(target) -> list:
    """What the markup would have left behind in a page or frame, if it had run."""
    return target.evaluate("() => [window.__robezaPwned ?? null, document.title === 'pwned']")


def test_uploaded_text_with_script_joins_the_map_and_never_runs(browsing):
    page = browsing.new_page("add")
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        {"name": "markup.txt", "mimeType": "text/plain", "buffer": TEXT.encode("utf-8")})
    page.get_by_text("markup.txt").first.wait_for()
    page.get_by_label("Title").fill(TITLE)
    page.get_by_role("button", name="Process").click()
    harness.settle(page)
    page.get_by_text(re.compile(r"^Added “Markup <b>test</b>”: .* 1 events")).wait_for(timeout=60_000)
    assert not harness.exceptions(page)

    # the map: the seed's events and the new one, which the list offers to select
    nav(page, "Map")
    harness.map_frame(page)
    assert harness.wait_for_markers(page, lambda n: n == len(EVENTS) + 1) == len(EVENTS) + 1
    assert harness.count_line(page) == (len(EVENTS) + 1, len(EVENTS) + 1)
    page.get_by_role("button", name="2021-08-04 · detention · Piedruja parish · 17 persons", exact=True).click()
    harness.settle(page)
    side = harness.side_panel(page)
    quote = side.locator("blockquote")
    quote.wait_for(timeout=30_000)
    # the markup is in the quote as the characters the document has, not as elements
    assert SCRIPT in quote.inner_text() and IMAGE in quote.inner_text()
    assert side.locator("blockquote script, blockquote img").count() == 0
    assert TITLE in side.inner_text()
    harness.screenshot(page, "upload-on-the-map")

    # the source page shows the text, markup as text
    nav(page, "Source")
    page.locator('[data-testid="stSelectbox"]').filter(has_text="Document").click()
    page.get_by_role("option", name=TITLE).click()
    harness.settle(page)
    main = page.locator('[data-testid="stMain"]')
    assert harness.wait_for(lambda: SCRIPT in main.inner_text()), "the uploaded text is not on the Source page"
    assert main.locator("script, img[src='x']").count() == 0
    harness.screenshot(page, "upload-source")

    assert traces(page) == [None, False]
    for f in page.frames:
        assert traces(f) == [None, False], f"markup ran in {f.url}"
    assert dialogs == [], f"markup opened dialogs: {dialogs}"
