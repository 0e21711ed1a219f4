"""Tests of geo.counts: numbers of people, and numbers that count something else."""

from __future__ import annotations

import pytest

from geo.text import counts, dates


def people(text: str, lang: str = "lv") -> list[int]:
    """Values of the person counts in a text (date spans excluded, as the pipeline does)."""
    found, _ = counts.find(text, lang=lang, exclude=_date_spans(text, lang))
    for c in found:
        assert text[c.start:c.end] == c.surface
    return [c.value for c in found]


def _date_spans(text: str, lang: str) -> list[tuple[int, int]]:
    return [(d.start, d.end) for d in dates.find_dates(text, lang, default_year=2021)]


@pytest.mark.parametrize("text, expected", [
    ("Robežsargi aizturēja 12 personas.", [12]),
    ("Baltkrievijas pārstāvji palīdzēja Latvijā nelikumīgi iekļūt četriem vīriešiem.", [4]),
    ("Naktī uz 10. augustu aizturēja vēl 65 robežpārkāpējus.", [65]),
    ("Noziedzīgais grupējums ievedis vismaz 662 cilvēkus.", [662]),
    ("Aizturēti 11 starptautiska noziedznieku grupējuma dalībnieki.", [11]),
    ("Uz Baltkrieviju pārvietoja apmēram 5000 algotņu.", [5000]),
    ("Latvijā ielaistas 195 personas.", [195]),
    ("Robežsargi aizturēja divus migrantus.", [2]),
    ("Robežsargi aizturēja vienu migrantu.", [1]),
], ids=["12-personas", "cetriem-viriesiem", "65-robezparkapejus", "662-cilvekus", "11-dalibnieki",
        "5000-algotnu", "195-personas", "divus", "vienu"])
def test_latvian_counts(text, expected):
    assert people(text) == expected


@pytest.mark.parametrize("text", [
    "Šodien Irākā atgriežas ģimene, kurā ir vienpadsmit gadus vecs bērns.",
    "Migranti katrs samaksāja no 10 000 līdz 13 000 eiro.",
    "Lietuva mēģinās piedzīt vismaz 120 miljonus eiro lielu kompensāciju.",
    "Cilvēki pierobežā pavadīja aptuveni trīs mēnešus.",
    "Saskaņā ar 1951. gada Ženēvas konvenciju bēgļiem ir tiesības.",
], ids=["age", "euro-range", "million-euro", "months", "year"])
def test_numbers_that_count_something_else(text):
    assert people(text) == []


def test_list_form_gives_bare_numbers_and_the_final_count():
    text = "7. augustā uz robežas aizturēja vēl 38, 8. augustā — 35, bet 9. augustā — 140 robežpārkāpējus."
    found, bare = counts.find(text, exclude=_date_spans(text, "lv"))
    assert [c.value for c in found] == [140]
    assert [c.value for c in bare] == [38, 35]
    for c in found + bare:
        assert text[c.start:c.end] == c.surface


@pytest.mark.parametrize("text, lang, expected", [
    ("Aiz vairāk nekā 6500 novērstajiem robežšķērsošanas mēģinājumiem slēpjas tie paši cilvēki.", "lv", [6500]),
    ("There were 121 attempts to illegally cross the border.", "en", [121]),
    ("Two groups of migrants are stranded.", "en", []),  # groups, not people
    ("Robežsargi pamanīja divas grupas ar migrantiem.", "lv", []),
], ids=["lv-attempts", "en-attempts", "en-groups", "lv-groups"])
def test_attempts_count_people_and_groups_do_not(text, lang, expected):
    assert people(text, lang) == expected


def test_number_grouped_with_a_no_break_space():
    assert people("Robežu mēģināja šķērsot 1\u00a0200 migranti.") == [1200]


@pytest.mark.parametrize("word, value", [("trīs", 3), ("četrus", 4), ("piecus", 5), ("sešus", 6),
                                         ("septiņus", 7), ("astoņus", 8), ("deviņus", 9), ("desmit", 10)],
                         ids=["tris", "cetrus", "piecus", "sesus", "septinus", "astonus", "devinus", "desmit"])
def test_number_words_in_the_accusative(word, value):
    """"aizturēja N migrantus": the object of a detention is in the accusative."""
    assert people(f"Robežsargi aizturēja {word} migrantus.") == [value]


@pytest.mark.parametrize("text, expected", [
    ("Border guards detained 38 migrants on Friday.", [38]),
    ("Belarusian officials helped four men cross the fence.", [4]),
    ("A family of five people was turned back.", [5]),
    ("Belarus moved about 5,000 mercenaries to the border.", [5000]),
    ("Guards detained 1,300 migrants in August.", [1300]),
], ids=["38-migrants", "four-men", "five-people", "5,000-mercenaries", "1,300-migrants"])
def test_english_counts(text, expected):
    assert people(text, "en") == expected


@pytest.mark.parametrize("text", [
    "Each migrant paid 10,000 euros to the smugglers.",
    "A 12-year-old child spent three months at the border.",
    "Lithuania will seek 120 million euros in damages.",
], ids=["euros", "age", "million"])
def test_english_numbers_that_count_something_else(text):
    assert people(text, "en") == []


def test_seed_counts(seed_parse):
    values = [c.value for c in seed_parse.counts]
    for v in (12, 2, 140, 65, 11, 662, 4, 195, 5000, 6500):  # 6500 crossing attempts: monitors count them
        assert v in values, v
    for v in (10000, 13000, 120, 1951):
        assert v not in values, v


@pytest.mark.parametrize("text, lang, expected", [
    ("robežsargi aizturēja vienu Indijas un vienu Šrilankas pilsoni.", "lv", [2]),
    ("aizturēti 3 Irākas un 2 Sīrijas pilsoņi", "lv", [5]),
    ("guards detained one Indian and one Iraqi citizen.", "en", [2]),
    ("2 Iraqi and 3 Syrian nationals were held", "en", [5]),
], ids=["lv-vienu-un-vienu", "lv-3-un-2", "en-one-and-one", "en-2-and-3"])
def test_numbers_of_nationalities_joined_add_up(text, lang, expected):
    assert [c.value for c in counts.find(text, 0, None, lang)[0]] == expected


def test_third_country_nationals_are_people():
    found = counts.find("kopumā aizturēti 27 trešo valstu piederīgie", 0, None, "lv")[0]
    assert [c.value for c in found] == [27]


@pytest.mark.parametrize("text, lang, value", [
    ("no robežas nelikumīgas šķērsošanas atturētas personas 321 gadījumā", "lv", 321),
    ("decembrī atturētas personas 1053 gadījumos", "lv", 1053),
    ("guards prevented 321 cases of illegal crossing", "en", 321),
    ("there were 40 incidents at the border", "en", 40),
], ids=["lv-gadijuma", "lv-gadijumos", "en-cases", "en-incidents"])
def test_cases_are_counted_as_cases_not_people(text, lang, value):
    found = counts.find(text, 0, None, lang)[0]
    assert [(c.value, c.unit) for c in found] == [(value, "case")]
    assert people(text, lang) == [value] and found[0].unit != "person"  # counted, but no persons


def test_a_count_of_people_is_of_people():
    assert [c.unit for c in counts.find("aizturēja 12 personas", 0, None, "lv")[0]] == ["person"]


@pytest.mark.parametrize("text, value", [
    ("šogad aizturēti 377 valsts robežu nelikumīgi šķērsojuši trešo valstu pilsoņi", 377),
    ("aizturētas 12 Latvijas robežu nelegāli šķērsojušas sievietes", 12),
], ids=["sķērsojuši-pilsoņi", "šķērsojušas-sievietes"])
def test_a_participle_phrase_before_the_people_noun(text, value):
    assert people(text) == [value]


def test_a_participle_phrase_does_not_reach_past_a_unit():
    assert people("pēc 3 gadiem robežu šķērsojušie migranti") == []


@pytest.mark.parametrize("text, lang", [
    ("Pret abiem Igaunijas pilsoņiem sākts kriminālprocess.", "lv"),
    ("Abi migranti tika aizturēti pie robežas.", "lv"),
    ("Both migrants were detained at the border.", "en"),
], ids=["lv-abiem", "lv-abi", "en-both"])
def test_both_counts_two_people(text, lang):
    assert people(text, lang) == [2]
