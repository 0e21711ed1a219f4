"""The whole pipeline on an English document written for these tests, checked item by item."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from geo.io import seeds
from geo.text import pipeline

DOC = Path(__file__).parent / "fixtures" / "docs" / "en_border_news.txt"
D = date.fromisoformat


@pytest.fixture(scope="module")
def parsed(gaz) -> pipeline.Parse:
    return pipeline.parse(seeds.load_document(DOC), gaz)


def by_surface(parse: pipeline.Parse) -> dict[str, tuple[str | None, str]]:
    return {m.surface: (m.place_id, m.role) for m in parse.places}


@pytest.mark.parametrize("surface, place_id, role", [
    ("Skrudaliena", "skrudaliena", "location"),
    ("Piedruja parish", "piedruja-parish", "location"),
    ("Latvian–Belarusian border", "lv-by-border", "location"),
    ("Lithuania's", "lithuania", "name_part"),      # Lithuania's border guards
    ("Dvinsk", "daugavpils", "location"),            # the old name of Daugavpils
    ("Polish", "poland", "name_part"),               # Polish police
    ("Suwałki", "suwalki", "location"),               # the town
    ("Hrodna region", "grodno-region", "location"),   # the region, not the city
    ("Suwałki Gap", "suwalki-corridor", "location"),  # the corridor, not the town
    ("The Hague", "the-hague", "location"),
    ("Kaplava sector", "kaplava-sector", "location"),
    ("Mucenieki centre", "mucenieki-centre", "location"),
])
def test_english_places(parsed, surface, place_id, role):
    assert by_surface(parsed)[surface] == (place_id, role)


def test_a_town_beyond_the_curated_rows_comes_from_the_generated_gazetteer(parsed, gaz):
    # Bauska came from the GeoNames fallback before the gazetteer held every Latvian town
    # (the fallback itself: tests/test_places.py::test_fallback_resolves_an_unknown_locative_via_geonames)
    place_id, _ = by_surface(parsed)["Bauska"]
    bauska = gaz.places[place_id]
    assert bauska.type == "town" and bauska.parent  # its municipality, Bauskas novads
    assert bauska.country == "LV" and abs(bauska.lat - 56.41) < 0.05 and abs(bauska.lon - 24.19) < 0.05


def test_latvian_adjective_is_an_attribute_not_a_location(parsed):
    latvian = [m for m in parsed.places if m.surface == "Latvian"]
    assert latvian and all(m.role == "name_part" for m in latvian)


@pytest.mark.parametrize("surface, start, end", [
    ("4 August 2021", "2021-08-04", "2021-08-04"),
    ("August 5, 2021", "2021-08-05", "2021-08-05"),
    ("Between 7 and 9 August", "2021-08-07", "2021-08-09"),
    ("until 10 November 2021", None, "2021-11-10"),
    ("Since mid-August 2021", "2021-08-11", None),
    ("mid-March 2022", "2022-03-11", "2022-03-20"),
    ("summer of 2023", "2023-06-01", "2023-08-31"),
    ("5 April 2023", "2023-04-05", "2023-04-05"),
])
def test_english_dates(parsed, surface, start, end):
    found = {d.surface: d for d in parsed.dates}
    assert surface in found
    d = found[surface]
    assert (d.date_start, d.date_end) == (start and D(start), end and D(end))


@pytest.mark.parametrize("quote_start, event_type, start, end, persons, position", [
    ("On 4 August 2021", "detention", "2021-08-04", "2021-08-04", 12, "skrudaliena"),
    ("On August 5, 2021", "detention", "2021-08-05", "2021-08-05", 2, "piedruja-parish"),
    ("Between 7 and 9 August", "pushback", "2021-08-07", "2021-08-09", 140, "lv-by-border"),  # turned back
    ("Latvia declared", "emergency", "2021-08-09", "2021-11-10", None, "latvia"),
    ("Polish police arrested", "arrest", "2022-10-12", "2022-10-12", 3, "suwalki"),
    ("Lithuania filed a case", "legal_action", "2023-04-05", "2023-04-05", None, "the-hague"),
    ("In the summer of 2023", "deployment", "2023-06-01", "2023-08-31", None, "grodno-region"),
    ("On 6 August 2023", "border_crossing", "2023-08-06", "2023-08-06", 4, "kaplava-sector"),
])
def test_english_events(parsed, quote_start, event_type, start, end, persons, position):
    text = parsed.doc.text
    event = next(e for e in parsed.events if text[e.quote_start:e.quote_end].startswith(quote_start))
    assert (event.event_type, event.date_start, event.date_end, event.persons, event.position.id) == \
        (event_type, D(start), D(end), persons, position)
    for span in event.spans:
        assert text[span.start:span.end] == span.surface


def test_media_claims_without_a_location_give_no_event(parsed):
    """'Belarusian state media had accused Lithuania's border guards': no place where it happened."""
    text = parsed.doc.text
    assert not any(text[e.quote_start:e.quote_end].startswith("Since mid-August") for e in parsed.events)


def test_heading_is_not_part_of_the_first_event_quote(parsed):
    first = parsed.events[0]
    assert parsed.doc.text[first.quote_start:first.quote_end].startswith("On 4 August 2021")


def test_nothing_unresolved(parsed):
    assert parsed.unresolved == []
