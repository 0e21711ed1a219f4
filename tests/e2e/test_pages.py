"""The Source page and direct links, in a real browser: every recognised date marked and
explained on a click, every page's own address opening it without an error."""

from __future__ import annotations

import pytest

from tests.e2e import harness

pytestmark = pytest.mark.e2e


def seed_parse():
    """The pipeline's parse of the seed document (what the Source page should mark)."""
    from geo.io import seeds
    from geo.view import userdocs

    (doc_id, document), = seeds.load_documents([harness.ROOT / "seeds"]).items()
    meta = {k: v for k, v in document.items() if k != "text"}
    return userdocs.parse(seeds.make_document(document["text"], meta, doc_id=doc_id))


def test_the_source_page_marks_every_recognised_date(browsing):
    parse = seed_parse()
    page = browsing.new_page("source")
    text = page.locator(".robeza-text")
    text.wait_for(timeout=60_000)
    dates = text.locator("mark.date")
    assert dates.count() == len(parse.dates) >= 23  # the seed's 23 dates, and the relative ones
    assert sorted(dates.all_inner_texts()) == sorted(d.surface for d in parse.dates)
    # locations and name parts told apart; unresolved names too
    assert text.locator("mark.place").count() > 0 and text.locator("mark.name_part").count() > 0
    # an explanation opens with a click (a tap), not only as a hover title
    first = text.locator("details.robeza-span").filter(has=page.locator("mark.date")).first
    why = first.locator(".robeza-why")
    assert not why.is_visible()
    first.locator("summary").click()
    assert why.is_visible() and "date →" in why.inner_text()
    assert not harness.exceptions(page)
    harness.screenshot(page, "source-marks")


@pytest.mark.parametrize("path", ["map", "source", "data", "add", "about", "?event=nope", "data?country=LV"])
def test_a_direct_link_opens_its_page_cleanly(browsing, path):
    page = browsing.new_page(path)
    page.locator("h1").first.wait_for(timeout=60_000)
    main = page.locator('[data-testid="stMain"]').inner_text()
    assert "Page not found" not in main and "Traceback" not in main
    assert not harness.exceptions(page)
    if path.startswith(("map", "?")):
        harness.map_frame(page)
    # no console errors at all: Streamlit's probes of /<page>/_stcore/health and host-config
    # (404s) are gone because ui/server.py gives the frontend its base address
    harness.settle(page)
    assert not browsing.console.errors, browsing.console.errors
    assert not [m for m in browsing.console.messages if "404" in m], browsing.console.messages
