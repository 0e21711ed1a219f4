"""Marked-up text (geo.highlight): spans become <mark>s, everything else is escaped."""

from __future__ import annotations

import pytest

from geo.io import seeds
from geo.io.layers import load_layers
from geo.view import highlight


@pytest.fixture(scope="module")
def layers(fixture_layers_dir):
    return load_layers(fixture_layers_dir)


@pytest.fixture(scope="module")
def documents(fixture_layers_dir):
    return seeds.load_documents([fixture_layers_dir / "seeds"])


def event(layers, event_id):
    return layers["events"].set_index("id", drop=False).loc[event_id].to_dict()


def test_marks_spans_and_escapes_the_rest():
    text = "A <b> at Riga & Daugavpils"
    spans = [{"start": 9, "end": 13, "kind": "place", "surface": "Riga", "title": 'Riga → "riga"'}]
    html = highlight.highlight_html(text, spans)
    assert html.startswith("A &lt;b&gt; at <mark class=\"place\"")
    assert 'title="Riga → &quot;riga&quot;"' in html and ">Riga</mark> &amp; Daugavpils" in html


def test_offsets_are_document_offsets():
    html = highlight.highlight_html("Riga", [{"start": 100, "end": 104, "kind": "place", "surface": "Riga"}], offset=100)
    assert html.endswith(">Riga</mark>")


def test_bad_spans_are_left_out():
    text = "Ludzas novadā un Krāslavā"
    spans = [
        {"start": 0, "end": 13, "kind": "place", "surface": "Ludzas novadā"},
        {"start": 0, "end": 6, "kind": "place", "surface": "Ludzas"},  # inside the longer one
        {"start": 17, "end": 25, "kind": "place", "surface": "Rīga"},  # misaligned surface
        {"start": 20, "end": 99, "kind": "date"},  # beyond the text
        {"start": "x", "end": None},
    ]
    html = highlight.highlight_html(text, spans)
    assert html.count("<mark") == 1 and ">Ludzas novadā</mark>" in html


def test_event_card_quotes_verbatim_and_escapes(layers, documents):
    card = highlight.event_card_html(event(layers, "en_fixture:e1"), documents["en_fixture"])
    assert "<script>" not in card and "<img" not in card
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in card and "&lt;img src=x onerror=alert(1)&gt;" in card
    assert '<mark class="place"' in card and '<mark class="count"' in card and '<mark class="date"' in card
    assert "Fixture &lt;b&gt;notes&lt;/b&gt; &amp; more" in card
    assert "javascript:" not in card  # only http(s) URLs become links
    assert "2021-11-08" in card and "On 8 November 2021" in card and "2000" in card


def test_event_card_source_link(layers, documents):
    card = highlight.event_card_html(event(layers, "lv_fixture:e8"), documents["lv_fixture"])
    assert '<a href="https://lv.wikipedia.org/wiki/Migrantu_kr%C4%ABze"' in card
    assert "CC BY-SA 4.0" in card and "season or year" in card and "5000" in card


def test_quote_spans_match_the_document(layers, documents):
    for e in layers["events"].to_dict("records"):
        text = documents[e["doc_id"]]["text"]
        assert text[e["quote_start"]:e["quote_end"]] == e["quote"]
        assert len(highlight.usable_spans(e["quote"], e["spans"], e["quote_start"])) == len(e["spans"])


def test_document_spans_mark_resolved_and_unresolved(layers, documents):
    names = dict(zip(layers["places"]["id"], layers["places"]["name"]))
    spans = highlight.document_spans("lv_fixture", layers["events"], layers["mentions"], layers["unresolved"], names)
    html = highlight.highlight_html(documents["lv_fixture"]["text"], spans)
    assert '<mark class="unresolved"' in html and 'title="unresolved: not in gazetteer"' in html
    assert 'title="Silenes → Silene (silene)"' in html
    assert '<mark class="date"' in html


def test_place_labels_say_where_a_place_is(layers):
    labels = highlight.place_labels(layers["places"])
    silene = layers["places"].set_index("id").loc["silene"].geometry
    assert labels["silene"] == f"Silene, {silene.y:.4f}° N {silene.x:.4f}° E"


def test_source_text_with_markup_stays_text(layers, documents):
    spans = highlight.document_spans("en_fixture", layers["events"], layers["mentions"], layers["unresolved"], {})
    html = highlight.wrap(highlight.highlight_html(documents["en_fixture"]["text"], spans))
    assert "<script>" not in html and "<img" not in html and "&lt;script&gt;" in html


def test_a_mentions_title_says_why_its_place_was_chosen():
    import pandas as pd

    mentions = pd.DataFrame([{"doc_id": "d", "start": 5, "surface": "Kaplavā", "place_id": "kaplava",
                              "role": "location", "resolution": "inside Kaplavas pagasts named in the text"},
                             {"doc_id": "d", "start": 20, "surface": "Ludzā", "place_id": "ludza", "role": "location"}])
    titles = highlight.mention_titles("d", mentions, {"kaplava": "Kaplava", "ludza": "Ludza"})
    assert titles[5] == "Kaplavā → Kaplava (kaplava); chosen: inside Kaplavas pagasts named in the text"
    assert titles[20] == "Ludzā → Ludza (ludza)"  # layers written before resolutions were recorded


def test_a_date_that_cannot_be_normalised_is_still_marked_as_a_date():
    import pandas as pd

    empty = pd.DataFrame(columns=["doc_id", "start", "end", "surface", "role", "place_id"])
    unresolved = pd.DataFrame([
        {"doc_id": "d", "start": 0, "end": 6, "surface": "Šodien", "kind": "date", "reason": "no publication date"},
        {"doc_id": "d", "start": 10, "end": 15, "surface": "Zilup", "kind": "place", "reason": "not in the gazetteer"},
    ])
    spans = highlight.document_spans("d", pd.DataFrame(columns=["doc_id"]), empty, unresolved, {})
    assert [s["kind"] for s in spans] == ["date", "unresolved"]
    assert "no publication date" in spans[0]["title"]


def test_a_count_of_cases_is_explained_as_cases(gaz):
    from geo.io import seeds
    from geo.text import pipeline
    from geo.view import highlight

    text = "Otrdien, 31. janvārī, uz Latvijas–Baltkrievijas robežas atturētas personas 321 gadījumā."
    parse = pipeline.parse(seeds.make_document(text, {"language": "lv", "published": "2023-01-31"}, doc_id="own"), gaz)
    titles = [s["title"] for s in highlight.parse_spans(parse, {}) if s["kind"] == "count"]
    assert titles == ["number of cases → 321"]
