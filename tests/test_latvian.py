"""Tests of geo.latvian: case forms of place names generated from the declension table."""

from __future__ import annotations

import tomllib

import pytest

from geo.text import language, latvian

TABLE = language.INFLECTION_DIR / "lv.toml"

CASES = ("nom", "gen", "dat", "acc", "ins", "loc", "voc")


def forms_by_case(name: str, spec: str) -> dict[str, set[str]]:
    """case → the surface forms of `name` in that case."""
    out: dict[str, set[str]] = {}
    for form, cases in latvian.inflect(name, spec).items():
        for case in cases:
            out.setdefault(case, set()).add(form)
    return out


# (name, spec, {case: expected form}) — standard Latvian grammar, singular of proper names
SINGULAR = [
    ("pagasts", "n1", {"nom": "pagasts", "gen": "pagasta", "dat": "pagastam", "acc": "pagastu", "loc": "pagastā"}),
    ("novads", "n1", {"nom": "novads", "gen": "novada", "dat": "novadam", "acc": "novadu", "loc": "novadā"}),
    ("iecirknis", "n2", {"nom": "iecirknis", "gen": "iecirkņa", "dat": "iecirknim", "acc": "iecirkni", "loc": "iecirknī"}),
    ("tirgus", "n3", {"nom": "tirgus", "gen": "tirgus", "dat": "tirgum", "acc": "tirgu", "loc": "tirgū"}),
    ("Latvija", "n4", {"nom": "Latvija", "gen": "Latvijas", "dat": "Latvijai", "acc": "Latviju", "loc": "Latvijā"}),
    ("Skrudaliena", "n4", {"nom": "Skrudaliena", "gen": "Skrudalienas", "dat": "Skrudalienai", "acc": "Skrudalienu", "loc": "Skrudalienā"}),
    ("Silene", "n5", {"nom": "Silene", "gen": "Silenes", "dat": "Silenei", "acc": "Sileni", "loc": "Silenē"}),
    ("Daugavpils", "n6", {"nom": "Daugavpils", "gen": "Daugavpils", "dat": "Daugavpilij", "acc": "Daugavpili", "loc": "Daugavpilī"}),
]


@pytest.mark.parametrize("name, spec, expected", SINGULAR, ids=[f"{s}-{n}" for n, s, _ in SINGULAR])
def test_singular_declensions(name, spec, expected):
    by_case = forms_by_case(name, spec)
    for case, form in expected.items():
        assert by_case[case] == {form}, (case, by_case[case])


def test_second_declension_alternates_its_consonant_in_the_plural_too():
    table = latvian.paradigm("iecirknis", "n2")
    assert table[("plural", "nom")] == "iecirkņi"
    assert table[("plural", "loc")] == "iecirkņos"
    assert table[("singular", "dat")] == "iecirknim"  # no alternation outside the listed cells


def test_plural_only_name():
    by_case = forms_by_case("Mucenieki", "n1_pl")
    assert by_case["nom"] == {"Mucenieki"}
    assert by_case["gen"] == {"Mucenieku"}
    assert by_case["dat"] == {"Muceniekiem"}
    assert by_case["acc"] == {"Muceniekus"}
    assert by_case["loc"] == {"Muceniekos"}


def test_adjective_agrees_with_plural_only_noun():
    by_case = forms_by_case("Tuvie Austrumi", "adj_m_pl n1_pl")
    assert by_case["nom"] == {"Tuvie Austrumi"}
    assert by_case["gen"] == {"Tuvo Austrumu"}
    assert by_case["dat"] == {"Tuvajiem Austrumiem"}
    assert by_case["acc"] == {"Tuvos Austrumus"}
    assert by_case["loc"] == {"Tuvajos Austrumos"}


def test_multi_word_name_inflects_only_its_head():
    forms = latvian.inflect("Skrudalienas pagasts", "n1")
    assert forms["Skrudalienas pagastā"] == {"loc"}
    assert forms["Skrudalienas pagasta"] == {"gen"}
    assert all(form.startswith("Skrudalienas ") for form in forms)  # the genitive never changes


def test_invariant_words_before_the_head_stay_as_written():
    forms = latvian.inflect('izmitināšanas centrs "Mucenieki"', "n1 -")
    assert 'izmitināšanas centrā "Mucenieki"' in forms
    assert forms['izmitināšanas centrā "Mucenieki"'] == {"loc"}


def test_proper_names_are_singular_only():
    forms = latvian.inflect("Latvija", "n4")
    assert forms["Latvijas"] == {"gen"}  # never the plural nominative/accusative "Latvijas"
    assert "Latvijām" not in forms and "Latvijās" not in forms


def test_nominative_candidates_of_a_locative():
    readings = latvian.nominative_candidates("Bauskā")
    assert "Bauska" in [nominative for nominative, _, _ in readings]
    assert ("Bauska", "n4", "loc") in readings


def test_nominative_candidates_of_a_genitive():
    assert "Ludza" in [n for n, _, _ in latvian.nominative_candidates("Ludzas")]


@pytest.mark.parametrize("name, spec", [
    ("Latvija", "n4 n4"),        # more classes than words
    ("Latvija", "n99"),          # unknown class
    ("Latvija", "n2"),           # the word does not end like the class
    ("Daugavpils", "n5"),
])
def test_bad_spec_raises_value_error(name, spec):
    with pytest.raises(ValueError):
        latvian.inflect(name, spec)


def test_mutation_rules():
    assert latvian.mutate("iecirkn") == "iecirkņ"
    assert latvian.mutate("brāl") == "brāļ"
    assert latvian.mutate("lāc") == "lāč"


def test_data_file_validates():
    raw = tomllib.loads(TABLE.read_text(encoding="utf-8"))
    assert tuple(raw["cases"]) == CASES
    classes = language.pack("lv").inflection.classes
    assert set(classes) == set(raw["classes"])
    for name, decl in classes.items():
        assert decl.nominative, name
        assert decl.endings, name
        for number, table in decl.endings.items():
            assert set(table) == set(CASES), (name, number)


def test_data_file_missing_a_case_is_refused():
    broken = TABLE.read_text(encoding="utf-8").replace(
        'singular = { nom = "us", gen = "us", dat = "um", acc = "u", ins = "u", loc = "ū", voc = "u" }',
        'singular = { nom = "us", gen = "us", dat = "um", acc = "u", ins = "u", voc = "u" }')
    with pytest.raises(ValueError, match=r"inflection/lv\.toml: class n3 singular lacks cases \['loc'\]"):
        language.inflection_table(tomllib.loads(broken), "inflection/lv.toml")


# (name, the spec guessed from its endings): only the head and the adjectives agreeing with it inflect
GUESSES = [
    ("Skrudalienas pagasts", "n1"), ("Ludzas novads", "n1"), ("Kaplavas ezers", "n1"), ("Dubnas upe", "n5"),
    ("Daugavpils valstspilsēta", "n4"), ("Skrudaliena", "n4"), ("Silene", "n5"), ("Ilūkste", "n5"),
    ("Tukums", "n1"), ("Daugavpils", "n6"), ("Ventspils", "n6"), ("Cēsis", "n6_pl"), ("Talsi", "n1_pl"),
    ("Mucenieki", "n1_pl"), ("Kārķes", "n5_pl"), ("Salas", "n4_pl"), ("Vilnius", "n3"), ("iecirknis", "n2"),
    ("Kongo", "-"), ("Peru", "-"), ("Mali", "-"), ("Minsk", "-"), ("ASV", "-"),
    ("Kongo Demokrātiskā Republika", "adj_f n4"), ("Amerikas Savienotās Valstis", "adj_f_pl n6_pl"),
    ("Apvienotie Arābu Emirāti", "adj_m_pl - n1_pl"), ("Bosnija un Hercegovina", "n4 - n4"),
    ("Centrālāfrikas Republika", "n4"),
]


@pytest.mark.parametrize("name, spec", GUESSES, ids=[n for n, _ in GUESSES])
def test_guess_declension(name, spec):
    assert latvian.guess_declension(name) == spec
    latvian.inflect(name, spec)  # the guess always fits the name


@pytest.mark.parametrize("name, case, form", [
    ("Afganistāna", "gen", "Afganistānas"), ("Sīrija", "gen", "Sīrijas"), ("Irāna", "gen", "Irānas"),
    ("Pakistāna", "loc", "Pakistānā"), ("Kongo", "loc", "Kongo"), ("Ludzas novads", "loc", "Ludzas novadā"),
    ("Skrudalienas pagasts", "loc", "Skrudalienas pagastā"), ("Cēsis", "loc", "Cēsīs"),
    ("Kongo Demokrātiskā Republika", "loc", "Kongo Demokrātiskajā Republikā"),
    ("Amerikas Savienotās Valstis", "gen", "Amerikas Savienoto Valstu"),
    ("Bosnija un Hercegovina", "gen", "Bosnijas un Hercegovinas"),
])
def test_guessed_forms(name, case, form):
    assert form in forms_by_case(name, latvian.guess_declension(name))[case]


def test_guess_table_names_only_known_classes():
    broken = TABLE.read_text(encoding="utf-8").replace('pils = "n6"', 'pils = "n9"')
    with pytest.raises(ValueError, match=r"inflection/lv\.toml: \[guess\] names unknown class 'n9'"):
        language.inflection_table(tomllib.loads(broken), "inflection/lv.toml")
