"""Tests of geo.places (and geo.fallback): place mentions, their spans, ids and roles."""

from __future__ import annotations

import pytest

from geo.model import PlaceMention
from geo.text import places


def find(text: str, gaz, lang: str = "lv") -> list[PlaceMention]:
    """The place mentions of a text, each checked to be an exact span."""
    mentions, _ = places.find(text, gaz, lang=lang)
    for m in mentions:
        assert text[m.start:m.end] == m.surface
    return mentions


def mention(text: str, surface: str, gaz, lang: str = "lv") -> PlaceMention:
    """The one mention whose surface is exactly `surface`."""
    found = [m for m in find(text, gaz, lang) if m.surface == surface]
    assert len(found) == 1, [(m.surface, m.place_id) for m in find(text, gaz, lang)]
    return found[0]


# (sentence, surface, place id) — the inflected forms of the seed, in sentences of our own
LV_FORMS = [
    ("Robežsargi aizturēja migrantus Skrudalienas pagastā pie Silenes.", "Skrudalienas pagastā", "skrudaliena-parish"),
    ("Migranti pārpeldēja pa Daugavu ar piepūšamo laivu.", "Daugavu", "daugava"),
    ("Algotņi ir izvietoti Grodņas apgabalā netālu no robežas.", "Grodņas apgabalā", "grodno-region"),
    ("Kaujinieki rada reālu apdraudējumu Polijai.", "Polijai", "poland"),
    ("Koridors atrodas starp Baltkrieviju un Kaļiņingradas apgabalu.", "Kaļiņingradas apgabalu", "kaliningrad-region"),
    ("Algotņi atrodas pie Suvalku koridora, kas savieno valstis.", "Suvalku koridora", "suwalki-corridor"),
    ("Robežsargi patrulēja Kaplavas robežsardzes iecirknī visu nakti.", "Kaplavas robežsardzes iecirknī", "kaplava-sector"),
    ("Vakar viņi atgriezās Rīgā no Viļņas.", "Rīgā", "riga"),
    ("Ziņojums nonāca Tuvajos Austrumos.", "Tuvajos Austrumos", "middle-east"),
    ("Lieta tiks skatīta Hāgā.", "Hāgā", "the-hague"),
]


@pytest.mark.parametrize("text, surface, place_id", LV_FORMS, ids=[p for _, _, p in LV_FORMS])
def test_latvian_inflected_forms(text, surface, place_id, gaz):
    m = mention(text, surface, gaz)
    assert m.place_id == place_id
    assert m.role == "location"


def test_region_is_not_the_city_and_corridor_is_not_the_town(gaz):
    ids = {m.place_id for m in find("Algotņi ir izvietoti Grodņas apgabalā pie Suvalku koridora.", gaz)}
    assert {"grodno-region", "suwalki-corridor"} <= ids
    assert "grodno" not in ids and "suwalki" not in ids


@pytest.mark.parametrize("text, surface, place_id", [
    ('Viņus ievietoja izmitināšanas centrā "Mucenieki".', 'izmitināšanas centrā "Mucenieki"', "mucenieki-centre"),
    ('Pārējos ievietoja centrā "Daugavpils".', 'centrā "Daugavpils"', "daugavpils-centre"),
    ('Viņus nogādāja aizturēto ārzemnieku izmitināšanas centrā "Daugavpils".',
     'aizturēto ārzemnieku izmitināšanas centrā "Daugavpils"', "daugavpils-centre"),
], ids=["mucenieki", "daugavpils", "daugavpils-long"])
def test_named_centres_are_facilities_not_the_towns(text, surface, place_id, gaz):
    m = mention(text, surface, gaz)
    assert m.place_id == place_id
    assert gaz.places[place_id].type == "facility"


def test_coordination_gives_three_municipalities(gaz):
    text = "Ārkārtējā situācija izsludināta Ludzas, Krāslavas, Augšdaugavas novadā un Daugavpils valstspilsētā."
    ids = [m.place_id for m in find(text, gaz)]
    assert ids == ["ludza-municipality", "kraslava-municipality", "augsdaugava-municipality", "daugavpils-state-city"]


def test_coordination_with_un(gaz):
    ids = [m.place_id for m in find("Situācija izsludināta Ludzas un Krāslavas novadā.", gaz)]
    assert ids == ["ludza-municipality", "kraslava-municipality"]


@pytest.mark.parametrize("text, surface, role", [
    ("Latvijas Valsts robežsardze ziņoja par incidentu.", "Latvijas", "name_part"),
    ("Daugavpils pārvaldes robežsargi aizturēja divus vīriešus.", "Daugavpils", "name_part"),
    ("Aizturēti 12 Irākas pilsoņi.", "Irākas", "name_part"),
    ("Migranti tika aizturēti Piedrujas pagastā.", "Piedrujas pagastā", "location"),
    ("Cilvēki nakšņoja uz Lietuvas robežas.", "Lietuvas", "location"),
    ("Latvijas un Lietuvas valdības reaģēja.", "Lietuvas", "name_part"),
    ("Pēc Krievijas iebrukuma Ukrainā bēgļu skaits pieauga.", "Ukrainā", "name_part"),
], ids=["valsts-robezsardze", "parvaldes-robezsargi", "irakas-pilsoni", "piedrujas-pagasta",
        "uz-lietuvas-robezas", "coordinated-heads", "invasion-of"])
def test_role(text, surface, role, gaz):
    assert mention(text, surface, gaz).role == role


@pytest.mark.parametrize("text, surface, place_id, role", [
    ("Border guards detained 38 migrants in Latvia.", "Latvia", "latvia", "location"),
    ("Latvia's border guard said the fence was cut.", "Latvia's", "latvia", "name_part"),
    ("Latvia’s border guard said the fence was cut.", "Latvia’s", "latvia", "name_part"),
    ("Mercenaries were deployed in the Grodno region.", "Grodno region", "grodno-region", "location"),
    ("Analysts worry about the Suwałki Gap.", "Suwałki Gap", "suwalki-corridor", "location"),
    ("The migrants were taken to Daugavpils.", "Daugavpils", "daugavpils", "location"),
    ("The old town, then called Dvinsk, was a fortress.", "Dvinsk", "daugavpils", "location"),
], ids=["in-latvia", "latvias-border-guard", "latvias-curly", "grodno-region", "suwalki-gap", "daugavpils", "dvinsk"])
def test_english(text, surface, place_id, role, gaz):
    m = mention(text, surface, gaz, "en")
    assert (m.place_id, m.role) == (place_id, role)


def test_acronym_is_case_sensitive_in_text(gaz):
    ids = [m.place_id for m in find("Es zinu, ka ES valstis un Polija to atbalsta.", gaz)]
    assert ids.count("eu") == 1
    assert "poland" in ids


def test_spans_are_exact_across_the_seed(seed_doc, seed_parse):
    assert seed_parse.places
    for m in seed_parse.places:
        assert seed_doc.text[m.start:m.end] == m.surface
        assert m.end <= seed_doc.body_end
        assert m.role in ("location", "name_part")
    starts = [m.start for m in seed_parse.places]
    assert starts == sorted(starts)
    for a, b in zip(seed_parse.places, seed_parse.places[1:]):
        assert a.end <= b.start, (a.surface, b.surface)  # no overlapping mentions


SEED_PLACES = ["skrudaliena-parish", "piedruja-parish", "daugava", "daugavpils-centre", "mucenieki-centre",
               "ludza-municipality", "kraslava-municipality", "augsdaugava-municipality",
               "daugavpils-state-city", "grodno-region", "kaliningrad-region", "suwalki-corridor",
               "kaplava-sector", "lv-by-border", "the-hague", "middle-east", "eu", "silene", "daugavpils"]


@pytest.mark.parametrize("place_id", SEED_PLACES)
def test_seed_body_names(place_id, seed_parse):
    assert place_id in {m.place_id for m in seed_parse.places}


def test_seed_roles(seed_doc, seed_parse):
    def role_at(surface: str, after: str = "") -> str:
        start = seed_doc.text.index(surface, seed_doc.text.index(after) if after else 0)
        found = [m for m in seed_parse.places if m.start == start]
        assert found, surface
        return found[0].role

    assert role_at("Latvijas", "apstiprināja Latvijas Valsts robežsardzes") == "name_part"
    assert role_at("Daugavpils", "2021. gada 4. augustā") == "name_part"
    assert role_at("Irākas", "Vēl 12") == "name_part"
    assert role_at("Piedrujas pagastā") == "location"
    assert role_at("Lietuvas", "migrantiem uz Lietuvas") == "location"


def test_fallback_resolves_an_unknown_locative_via_geonames(gaz):
    # Manresa (Spain, 76 000 people) is below the generated gazetteer's threshold for far-away
    # countries, so only the GeoNames fallback finds it (Bauska, the example before, is now a
    # gazetteer town)
    text = "Pagājušajā nedēļā robežsargi ieradās Manresā, lai pārbaudītu dokumentus."
    assert not gaz.lookup(["Manresā"])
    mentions, extra = places.find(text, gaz)
    m = mention(text, "Manresā", gaz)
    assert m.place_id and m.place_id.startswith("geonames:")
    place = {p.id: p for p in extra}[m.place_id]
    assert place.country == "ES"
    assert place.name == "Manresa"
    assert m.lemma == "Manresa"  # the nominative, not the form as written
    assert place.name_lv == "Manresa"
    assert "GeoNames" in place.source
    assert place.lat == pytest.approx(41.73, abs=0.05) and place.lon == pytest.approx(1.82, abs=0.05)


def test_a_town_beyond_the_curated_rows_is_now_in_the_gazetteer(gaz):
    text = "Pagājušajā nedēļā robežsargi ieradās Bauskā, lai pārbaudītu dokumentus."
    m = mention(text, "Bauskā", gaz)
    place = gaz.places[m.place_id]
    assert (place.name_lv, place.country, place.type) == ("Bauska", "LV", "town")
    assert m.lemma == "Bauska"
    assert place.lat == pytest.approx(56.41, abs=0.05) and place.lon == pytest.approx(24.19, abs=0.05)


def test_fallback_leaves_nonsense_unresolved_with_a_reason(gaz):
    text = "Pagājušajā nedēļā robežsargi ieradās Zrvqlankā, lai pārbaudītu dokumentus."
    m = mention(text, "Zrvqlankā", gaz)
    assert m.place_id is None
    assert m.reason


def test_sentence_initial_capital_is_not_a_place(gaz):
    assert find("Pagājušajā nedēļā nekas nenotika.", gaz) == []


def test_fallback_does_not_take_person_names(gaz):
    assert find("Pētniece Ieva Raubiško pastāstīja par situāciju.", gaz) == []
