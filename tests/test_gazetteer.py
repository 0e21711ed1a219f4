"""Tests of data/gazetteer.csv and geo.gazetteer: rows, coordinates, lookup of every form."""

from __future__ import annotations

import csv
import json
import math

import pycountry
import pytest
from shapely.geometry import Point, shape

from geo import gazetteer
from geo.text import latvian

ROWS = gazetteer.read_rows()
KNOWN_TYPES = set(gazetteer.PRECISION_BY_TYPE)
SUPRANATIONAL = {"union", "continent", "region"}


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def areas() -> dict:
    """id → shapely geometry of data/boundaries/areas.geojson."""
    data = json.loads(gazetteer.AREAS_GEOJSON.read_text(encoding="utf-8"))
    return {f["properties"]["id"]: shape(f["geometry"]) for f in data["features"]}


def test_csv_has_the_documented_columns():
    with gazetteer.GAZETTEER_CSV.open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    for column in ("id", "name", "name_lv", "declension", "aliases_lv", "aliases_en", "type", "country", "lat", "lon", "source"):
        assert column in header


def test_ids_are_unique():
    ids = [row["id"] for row in ROWS]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_row_is_valid(row):
    assert row["type"] in KNOWN_TYPES, row["type"]
    assert row["source"].strip(), "every row names the source of its coordinates"
    assert row["name"].strip() and row["name_lv"].strip()
    if row["type"] in SUPRANATIONAL and row["country"] in ("", "EU"):
        return  # the EU, Europe, the Baltic states, the Middle East
    assert pycountry.countries.get(alpha_2=row["country"]) is not None, row["country"]


def test_every_place_has_coordinates_in_range_after_load(gaz):
    missing = [p.id for p in gaz.places.values() if p.lat is None or p.lon is None]
    assert missing == [], f"places without coordinates: {missing}"
    for p in gaz.places.values():
        assert -90 <= p.lat <= 90 and -180 <= p.lon <= 180, p.id


def test_places_lie_in_their_country(gaz, areas):
    """Every point lies within its country's polygon (0.01° tolerance: Natural Earth is generalised)."""
    polygon_of = {"LV": "latvia", "LT": "lithuania", "PL": "poland", "BY": "belarus", "RU": "russia",
                  "UA": "ukraine", "IQ": "iraq", "NL": "netherlands"}
    for p in gaz.places.values():
        if p.id in gaz.curated and p.country in polygon_of and p.lat is not None:
            assert areas[polygon_of[p.country]].distance(Point(p.lon, p.lat)) < 0.01, p.id


def _latvian_names(row: dict) -> list[tuple[str, str]]:
    names = [(row["name_lv"], row["declension"])]
    for alias in filter(None, (a.strip() for a in row["aliases_lv"].split(";"))):
        form, _, spec = alias.partition("|")
        names.append((form.strip(), spec.strip() or latvian.INVARIANT))
    return names


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_every_latvian_form_looks_up_back_to_its_place(row, gaz):
    for name, spec in _latvian_names(row):
        for form in latvian.inflect(name, spec):
            found = {e.place_id for e in gaz.lookup(gazetteer.tokens(form))}
            assert row["id"] in found, (form, found)


def test_english_names_and_possessives_look_up(gaz):
    for name, place_id in [("Latvia", "latvia"), ("Latvia's", "latvia"), ("Grodno region", "grodno-region"),
                           ("Suwałki Gap", "suwalki-corridor"), ("Suwalki Gap", "suwalki-corridor"),
                           ("Dvinsk", "daugavpils"), ("The Hague", "the-hague")]:
        assert place_id in {e.place_id for e in gaz.lookup(gazetteer.tokens(name))}, name


def test_lookup_folds_case_and_diacritics(gaz):
    assert "kraslava-municipality" in {e.place_id for e in gaz.lookup(["kraslavas", "novada"])}
    assert "riga" in {e.place_id for e in gaz.lookup(["RĪGĀ"])}


def test_pycountry_fills_latvian_country_names(gaz):
    assert gazetteer.latvian_country_name("BY") == "Baltkrievija"
    assert gaz.places["belarus"].name_lv == "Baltkrievija"
    assert gaz.places["latvia"].name_lv == "Latvija"
    assert gaz.places["lithuania"].name_lv == "Lietuva"
    assert "belarus" in {e.place_id for e in gaz.lookup(["Baltkrievijā"])}
    assert "poland" in {e.place_id for e in gaz.lookup(["Polijai"])}
    with pytest.raises(ValueError):
        gazetteer.latvian_country_name("XX")


def test_acronyms_are_case_sensitive(gaz):
    assert "eu" in {e.place_id for e in gaz.lookup(["ES"])}
    assert gaz.lookup(["es"]) == []  # "es" is the Latvian "I"
    assert gaz.lookup(["Es"]) == []
    assert "eu" in {e.place_id for e in gaz.lookup(["EU"])}


@pytest.mark.parametrize("place_id", ["grodno-region", "kaliningrad-region", "ludza-municipality",
                                      "kraslava-municipality", "augsdaugava-municipality",
                                      "daugavpils-state-city", "latvia", "lithuania", "poland", "belarus"])
def test_points_derived_from_areas_lie_inside_their_polygon(place_id, gaz, areas):
    place = gaz.places[place_id]
    assert areas[place_id].contains(Point(place.lon, place.lat))


@pytest.mark.parametrize("place_id", ["lv-by-border", "pl-by-border", "lt-by-border", "suwalki-corridor"])
def test_points_derived_from_lines_lie_on_their_line(place_id, gaz, areas):
    assert place_id in areas, f"{place_id}: no line in data/boundaries/areas.geojson"
    place = gaz.places[place_id]
    assert place.lat is not None
    assert areas[place_id].distance(Point(place.lon, place.lat)) < 1e-4


# Reference facts (/work/shared/reference/places.csv): Skrudaliena and Kaplava from GeoNames
# postal-code data for LV; Piedruja from Wikipedia (55°47′48″N 27°26′44″E); the Mucenieki
# centre from the Ropaži municipality page (56.958512 24.3822488); Daugavpils GeoNames 460413.
REFERENCE = {
    "skrudaliena": (55.8152, 26.7129),
    "piedruja": (55.7967, 27.4456),
    "kaplava": (55.8582, 27.0377),
    "mucenieki-centre": (56.9585, 24.3822),
    "daugavpils": (55.88333, 26.53333),
}


@pytest.mark.parametrize("place_id", sorted(REFERENCE))
def test_coordinates_match_the_reference(place_id, gaz):
    lat, lon = REFERENCE[place_id]
    place = gaz.places[place_id]
    assert place.lat == pytest.approx(lat, abs=1e-4)
    assert place.lon == pytest.approx(lon, abs=1e-4)


def test_mucenieki_is_near_riga_not_at_the_border(gaz):
    mucenieki, piedruja, riga = gaz.places["mucenieki-centre"], gaz.places["piedruja"], gaz.places["riga"]
    assert haversine_km(mucenieki.lat, mucenieki.lon, piedruja.lat, piedruja.lon) > 150
    assert haversine_km(mucenieki.lat, mucenieki.lon, riga.lat, riga.lon) < 25


def test_parishes_and_sector_sit_at_their_villages(gaz):
    for parish, village in [("skrudaliena-parish", "skrudaliena"), ("piedruja-parish", "piedruja"), ("kaplava-sector", "kaplava")]:
        a, b = gaz.places[parish], gaz.places[village]
        assert haversine_km(a.lat, a.lon, b.lat, b.lon) < 10


def test_precision_by_type(gaz):
    assert gaz.places["skrudaliena"].geo_precision == 1
    assert gaz.places["skrudaliena-parish"].geo_precision == 2
    assert gaz.places["grodno-region"].geo_precision == 3
    assert gaz.places["latvia"].geo_precision == 3


def _found(text: str, gaz, lang: str) -> dict[str, tuple[str, str]]:
    """surface → (place id, type) of every place found in a text."""
    from geo.text import places

    return {m.surface: (m.place_id, gaz.places[m.place_id].type if m.place_id else "")
            for m in places.find(text, gaz, lang=lang)[0]}


@pytest.mark.parametrize("text, lang, expected", [
    ("Latgalē un Sēlijā ir daudz ezeru, Latgales pierobežā arī.", "lv",
     {"Latgalē": "latgale", "Sēlijā": "selija", "Latgales": "latgale"}),
    ("Kurzemē, Vidzemē un Zemgalē lija.", "lv", {"Kurzemē": "kurzeme", "Vidzemē": "vidzeme", "Zemgalē": "zemgale"}),
    ("Migrants were moved from Latgale to Courland and Semigallia.", "en",
     {"Latgale": "latgale", "Courland": "kurzeme", "Semigallia": "zemgale"}),
])
def test_latvias_regions_are_regions_not_the_villages_of_that_name(text, lang, expected, gaz):
    found = _found(text, gaz, lang)
    assert {s: found[s] for s in expected} == {s: (pid, "region") for s, pid in expected.items()}


@pytest.mark.parametrize("text, lang, expected", [
    ("Migranti ieradās no Āzijas un Āfrikas caur Tuvajiem Austrumiem uz Eiropu.", "lv",
     {"Āzijas": "asia", "Āfrikas": "africa", "Eiropu": "europe"}),
    ("Patvēruma meklētāji devās uz Skandināviju un Baltiju.", "lv", {"Skandināviju": "scandinavia", "Baltiju": "baltic-states"}),
    ("People from Asia and Africa tried to reach Scandinavia.", "en",
     {"Asia": "asia", "Africa": "africa", "Scandinavia": "scandinavia"}),
])
def test_continents_and_macro_regions_resolve_at_country_level_without_an_area(text, lang, expected, gaz, areas):
    found = _found(text, gaz, lang)
    assert {s: found[s][0] for s in expected} == expected
    for place_id in expected.values():
        assert gaz.places[place_id].geo_precision == 3 and place_id not in areas


@pytest.mark.parametrize("text, lang, surface, name", [
    ("Robežsargi strādāja Podlases vojevodistē.", "lv", "Podlases vojevodistē", "Podlasie Voivodeship"),
    ("Ārkārtējā situācija izsludināta Ļubļinas vojevodistē.", "lv", "Ļubļinas vojevodistē", "Lublin Voivodeship"),
    ("Kravas gāja caur Pomožes vojevodisti.", "lv", "Pomožes vojevodisti", "Pomeranian Voivodeship"),
    ("The state of emergency covers Lubelskie and Podlaskie.", "en", "Lubelskie", "Lublin Voivodeship"),
    ("Troops were sent to the Lower Silesian Voivodeship.", "en", "Lower Silesian Voivodeship", "Lower Silesian Voivodeship"),
    ("Migrants were found in Alytus County.", "en", "Alytus County", "Alytus County"),
    ("Migranti aizturēti Viļņas apriņķī.", "lv", "Viļņas apriņķī", "Vilnius County"),
    ("Vitebskas apgabalā un Brestas apgabalā bija mācības.", "lv", "Brestas apgabalā", "Brest Region"),
])
def test_neighbours_regions_in_latvian_and_english(text, lang, surface, name, gaz):
    from geo.text import places

    found = {m.surface: m.place_id for m in places.find(text, gaz, lang=lang)[0]}
    assert gaz.places[found[surface]].name == name


@pytest.mark.parametrize("text, lang, surface, name", [
    ("Migrants gathered near Kuźnica and Bobrowniki.", "en", "Kuźnica", "Kuźnica"),
    ("Migrants gathered near Kuznica.", "en", "Kuznica", "Kuźnica"),
    ("Migranti pulcējās pie Kuzņicas.", "lv", "Kuzņicas", "Kuźnica"),
    ("The guards patrolled around Michałowo, Hajnówka and Białowieża.", "en", "Białowieża", "Białowieża"),
    ("Robežsargi dežurēja Hajnuvkā un Terespolē.", "lv", "Terespolē", "Terespol"),
])
def test_polish_border_towns_and_their_latvian_spellings(text, lang, surface, name, gaz):
    from geo.text import places

    found = {m.surface: m.place_id for m in places.find(text, gaz, lang=lang)[0]}
    assert found.get(surface) and gaz.places[found[surface]].name == name and gaz.places[found[surface]].country == "PL"
