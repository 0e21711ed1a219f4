"""Tests of geo.text.places.resolve: choosing among namesakes from what the document says.

A small gazetteer of our own (three Kaplavas in Latvia, two Medininkai in Lithuania, India
the country and India the village) keeps each rule apart from the shipped data; the last
tests run the same rules through `places.find` on the shipped gazetteer.
"""

from __future__ import annotations

import pytest

from geo.gazetteer import Entry, Gazetteer, Place
from geo.text import places
from geo.text.places import resolve as res
from geo.text.places.recognise import Candidate


def place(pid, name, type_, country, lat, lon, parent="", population=None, precision=1):
    return Place(pid, name, name, type_, country, lat, lon, precision, "test", "", parent, population)


PLACES = [
    place("kraslava-mun", "Krāslavas novads", "municipality", "LV", 55.95, 27.3, precision=3),
    place("kaplava-parish", "Kaplavas pagasts", "parish", "LV", 55.86, 27.04, "kraslava-mun", precision=2),
    place("udrisi-parish", "Ūdrīšu pagasts", "parish", "LV", 55.86, 27.15, "kraslava-mun", precision=2),
    place("kaplava-1", "Kaplava", "village", "LV", 55.858, 27.038, "kaplava-parish", 300),
    place("kaplava-2", "Kaplava", "village", "LV", 55.87, 27.2, "udrisi-parish", 40),
    place("kaplava-3", "Kaplava", "village", "LV", 56.9, 21.5, "", 20),  # Kurzeme, far away
    place("medininkai-vilnius", "Medininkai", "village", "LT", 54.54, 25.65, "", 493),
    place("medininkai-west", "Medininkai", "village", "LT", 54.67, 22.83, "", 5),
    place("vilnius", "Vilnius", "city", "LT", 54.69, 25.28, "", 500000),
    place("kybartai", "Kybartai", "town", "LT", 54.64, 22.75, "", 5600),
    place("india", "India", "country", "IN", 22.0, 79.0, precision=3),
    place("india-gm", "India", "village", "GM", 13.57, -15.75, "", 529),
    place("ludza", "Ludza", "town", "LV", 56.54, 27.72, "", 7600),
    place("ludza-mun", "Ludzas novads", "municipality", "LV", 56.55, 27.85, precision=3),
]


@pytest.fixture(scope="module")
def small() -> Gazetteer:
    return Gazetteer({p.id: p for p in PLACES}, _curated=frozenset())


def entries(*ids: str) -> list[Entry]:
    return [Entry(i, "x", frozenset({"nom"})) for i in ids]


def ctx_of(gaz: Gazetteer, *ids: str) -> res.DocumentContext:
    ctx = res.DocumentContext()
    for i in ids:
        ctx.add(gaz.places[i])
    return ctx


def test_one_option_is_the_only_candidate(small):
    entry, why = res.choose(entries("ludza"), small, res.DocumentContext())
    assert (entry.place_id, why) == ("ludza", "only candidate")


def test_a_country_beats_a_settlement_of_the_same_name(small):
    entry, why = res.choose(entries("india-gm", "india"), small, res.DocumentContext({"GM"}))
    assert (entry.place_id, why) == ("india", "country before settlement")


def test_the_parish_named_in_the_text_contains_the_village(small):
    kaplavas = entries("kaplava-3", "kaplava-2", "kaplava-1")
    entry, why = res.choose(kaplavas, small, ctx_of(small, "kaplava-parish"))
    assert entry.place_id == "kaplava-1"
    assert why == "inside Kaplavas pagasts named in the text"
    entry, why = res.choose(kaplavas, small, ctx_of(small, "udrisi-parish"))
    assert (entry.place_id, why) == ("kaplava-2", "inside Ūdrīšu pagasts named in the text")


def test_a_municipality_contains_by_its_parishes(small):
    """The parent chain: village → parish → municipality."""
    entry, why = res.choose(entries("kaplava-3", "kaplava-1"), small, ctx_of(small, "kraslava-mun"))
    assert entry.place_id == "kaplava-1" and why.startswith("inside Krāslavas novads")


def test_nearness_to_the_documents_places_weighed_with_size(small):
    both = entries("medininkai-west", "medininkai-vilnius")
    entry, why = res.choose(both, small, ctx_of(small, "vilnius"))
    assert entry.place_id == "medininkai-vilnius" and why.startswith("nearest to the document's other places")
    # next to Kybartai only: the hamlet there is nearer by far
    entry, _ = res.choose(both, small, ctx_of(small, "kybartai"))
    assert entry.place_id == "medininkai-west"
    # both named: a hamlet beside Kybartai does not beat the village near Vilnius
    entry, _ = res.choose(both, small, ctx_of(small, "kybartai", "vilnius"))
    assert entry.place_id == "medininkai-vilnius"


def test_without_context_type_and_population_decide(small):
    entry, why = res.choose(entries("kaplava-3", "kaplava-2", "kaplava-1"), small, res.DocumentContext())
    assert entry.place_id == "kaplava-1" and why == "most prominent by type and population"


def test_the_countries_the_document_names(small):
    gm = place("ludza-gm", "Ludza", "village", "GM", 13.0, -15.0, "", 9000)
    gaz = Gazetteer({p.id: p for p in PLACES + [gm]}, _curated=frozenset())
    entry, why = res.choose(entries("ludza-gm", "ludza"), gaz, res.DocumentContext({"LV"}))
    assert (entry.place_id, why) == ("ludza", "in a country the document names (LV)")


def test_a_head_narrows_the_options_to_its_types(small):
    cand = Candidate(0, 1, 0, 13, "head", entries=tuple(entries("ludza", "ludza-mun")), types=("municipality",))
    assert [e.place_id for e in res.options(cand, small)] == ["ludza-mun"]


def test_a_facility_the_table_lacks_is_at_the_settlement_it_is_named_after(small):
    # "Kaplavas robežkontroles punktā": no facility entry; the village of that name is its point
    cand = Candidate(0, 2, 0, 30, "head", entries=tuple(entries("kaplava-1", "kaplava-parish")), types=("facility",))
    assert [e.place_id for e in res.options(cand, small)] == ["kaplava-1"]


def test_a_unit_named_after_its_seat_is_the_seat_s_unit():
    # "Šalčininku rajonā": the district is in the table under its own language's name only;
    # the town its Latvian name matches has the district as its parent
    district = place("salc-d", "Šalčininkai District Municipality", "region", "LT", 54.24, 25.19, precision=3)
    town = place("salc", "Šalčininkai", "town", "LT", 54.31, 25.38, "salc-d", 6358)
    gaz = Gazetteer({p.id: p for p in (district, town)}, _curated=frozenset())
    cand = Candidate(0, 1, 0, 17, "head", entries=tuple(entries("salc")), types=("municipality", "region"))
    assert [e.place_id for e in res.options(cand, gaz)] == ["salc-d"]
    historical = cand._replace(types=("historical", "region"), historical=True)  # "Braslavas apriņķī"
    assert res.options(historical, gaz) == []


def test_resolve_uses_the_unambiguous_names_as_context(small):
    cands = [Candidate(0, 0, 0, 7, "gazetteer", entries=tuple(entries("kaplava-3", "kaplava-2", "kaplava-1"))),
             Candidate(2, 3, 10, 26, "head", entries=tuple(entries("udrisi-parish")), types=("parish",))]
    out, extra = res.resolve(cands, small, "lv")
    assert [r.place.id for r in out] == ["kaplava-2", "udrisi-parish"]
    assert out[0].why.startswith("inside Ūdrīšu pagasts")
    assert out[1].why == "only candidate" and extra == []


def test_unplaced_spans_keep_the_recognisers_reason(small):
    cand = Candidate(0, 1, 0, 17, "head", types=("historical",), reason="historical unit (guberņa), no gazetteer entry")
    [r], _ = res.resolve([cand], small, "lv")
    assert r.place is None and r.why == "historical unit (guberņa), no gazetteer entry"


# --- on the shipped gazetteer ---------------------------------------------------------------

def test_shipped_kaplava_inside_the_parish_the_text_names(gaz):
    text = "Krāslavas novada Kaplavas pagastā robežsargi aizturēja divus vīriešus Kaplavā."
    mentions, _ = places.find(text, gaz)
    kaplava = next(m for m in mentions if m.surface == "Kaplavā")
    parish = next(m for m in mentions if m.surface == "Kaplavas pagastā")
    assert kaplava.resolution == "inside Kaplavas pagasts named in the text"
    assert parish.place_id and gaz.places[parish.place_id].type == "parish"


@pytest.mark.parametrize("text, lang", [("Migrants from India and Pakistan were detained.", "en"),
                                        ("Aizturēti Indijas un Pakistānas pilsoņi.", "lv")])
def test_shipped_india_is_the_country(text, lang, gaz):
    mentions, _ = places.find(text, gaz, lang=lang)
    india = next(m for m in mentions if m.surface.startswith("Indij") or m.surface == "India")
    assert gaz.places[india.place_id].type == "country" and gaz.places[india.place_id].country == "IN"


def test_shipped_resolution_is_recorded(gaz):
    mentions, _ = places.find("Robežsargi aizturēja migrantus Ludzas novadā.", gaz)
    assert mentions[0].resolution == "only candidate" and mentions[0].reason == ""


def test_a_far_geonames_namesake_is_refused():
    """GeoNames' only 'Africa' is a village in the Americas: not what a text about Poland means."""
    from geo.text.places import fallback

    place, _, why = fallback.resolve("Africa", "en", frozenset({"PL"}), near=((52.23, 21.01),))
    assert place is None and "km from the document's other places" in why
    place, _, _ = fallback.resolve("Africa", "en", frozenset())  # no other places: nothing to say against it
    assert place is not None
