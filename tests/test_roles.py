"""Tests of geo.text.places.roles: a place mention is a location or part of a name.

The heads are general nouns of organisations, offices, media, military persons, citizens
(language data), checked here on sentences of our own in both languages.
"""

from __future__ import annotations

import pytest

from geo.text import places


def role_of(text: str, surface: str, gaz, lang: str) -> str:
    found = [m for m in places.find(text, gaz, lang=lang)[0] if m.surface == surface]
    assert len(found) == 1, [(m.surface, m.role) for m in places.find(text, gaz, lang=lang)[0]]
    return found[0].role


@pytest.mark.parametrize("text, surface", [
    ("Polijas Radio ziņoja par incidentu.", "Polijas"),
    ("Polijas premjera kanceleja sasauca sēdi.", "Polijas"),
    ("Baltkrievijas militārpersonas šķērsoja robežu.", "Baltkrievijas"),
    ("Latvijas Valsts robežsardze ziņoja par incidentu.", "Latvijas"),
    ("Aizturēti 12 Irākas pilsoņi.", "Irākas"),
    ("Lietuvas Valsts drošības departaments brīdināja.", "Lietuvas"),
    ("Ludzas novada pašvaldība piešķīra līdzekļus.", "Ludzas novada"),
    ("Aizturētie ir Irākas, Sīrijas un Irānas pilsoņi.", "Sīrijas"),
    ("Pilsonis uzrādīja svešas Francijas identifikācijas kartes.", "Francijas"),
    ("Konstatēts viens Irānas pilsonis ar viltotu Albānijas pasi.", "Albānijas"),
])
def test_latvian_genitive_attributes_are_name_parts(text, surface, gaz):
    assert role_of(text, surface, gaz, "lv") == "name_part"


@pytest.mark.parametrize("text, surface", [
    ("Migranti tika aizturēti Piedrujas pagastā.", "Piedrujas pagastā"),
    ("Cilvēki nakšņoja uz Lietuvas robežas.", "Lietuvas"),
    ("Migranti ieradās no Baltkrievijas.", "Baltkrievijas"),
    ("Grupa devās uz Latviju, un Polijas robežsargi to neredzēja.", "Latviju"),
    # the head after another name is that name's: "Vācijas pilsonis", not "Latvijas pilsonis"
    ("Konstatēts viens no Latvijas izceļojošs Vācijas pilsonis.", "Latvijas"),
])
def test_latvian_locations(text, surface, gaz):
    assert role_of(text, surface, gaz, "lv") == "location"


@pytest.mark.parametrize("text, surface", [
    ("Belarus officers do not let migrants return.", "Belarus"),
    ("Lithuania's interior ministry said the fence was ready.", "Lithuania's"),
    ("The president of Belarus ordered the border closed.", "Belarus"),
    ("The State Border Committee of Belarus said on Tuesday that a body was found.", "Belarus"),
    ("Poland's government sent troops.", "Poland's"),
    ("Officers of the Varėna frontier station detained 30 migrants.", "Varėna"),
])
def test_english_attributes_are_name_parts(text, surface, gaz):
    assert role_of(text, surface, gaz, "en") == "name_part"


@pytest.mark.parametrize("text, surface", [
    ("Lithuania, an EU member, has faced a surge of migrants.", "Lithuania"),
    ("The group was back in Belarus and the Lithuanian border guards left.", "Belarus"),
    ("Migrants are stranded on Lithuania's border with Belarus.", "Lithuania's"),
    ("The border of Lithuania and Belarus was closed.", "Belarus"),
])
def test_english_locations(text, surface, gaz):
    assert role_of(text, surface, gaz, "en") == "location"


def test_an_adjective_is_marked_as_such_and_is_a_name_part(gaz):
    mentions, _ = places.find("Latvian border guards detained 38 migrants.", gaz, lang="en")
    latvian = next(m for m in mentions if m.surface == "Latvian")
    assert latvian.adjective and latvian.role == "name_part"


def test_a_border_named_by_adjectives_is_marked_too(gaz):
    mentions, _ = places.find("Migrants gathered at the Polish-Belarusian border.", gaz, lang="en")
    border = next(m for m in mentions if "border" in m.surface)
    assert border.adjective and border.place_id == "pl-by-border"


def test_near_marks_a_reference_point(gaz):
    mentions, _ = places.find("Robežsargi aizturēja migrantus netālu no Daugavpils.", gaz)
    assert next(m for m in mentions if m.surface == "Daugavpils").near


# A city as the subject of a saying verb stands for its government (metonymy): not where
# anything happens. A country as the subject stays a location (the dev set's annotation).
@pytest.mark.parametrize("text, surface, lang", [
    ("Brussels said the border would stay closed.", "Brussels", "en"),
    ("Warsaw claims the migrants were pushed across.", "Warsaw", "en"),
    ("Minsk denied the report on Friday.", "Minsk", "en"),
    ("Minsk has repeatedly denied any role.", "Minsk", "en"),
    ("Rīga paziņoja, ka robeža paliks slēgta.", "Rīga", "lv"),
    ("Minska noliedz, ka būtu vainīga.", "Minska", "lv"),
    ("Varšava atkal apgalvoja, ka migranti ir apmācīti.", "Varšava", "lv"),
    ("Vilnius believes that the crisis was triggered by Minsk.", "Vilnius", "en"),
])
def test_a_city_that_speaks_is_its_government(text, surface, lang, gaz):
    assert role_of(text, surface, gaz, lang) == "name_part"


@pytest.mark.parametrize("text, surface, lang", [
    ("Officials in Warsaw said the border would stay closed.", "Warsaw", "en"),
    ("In Minsk, officials denied the report.", "Minsk", "en"),
    ("Lithuania said it reserved the right to close the border.", "Lithuania", "en"),
    ("The migrants flew to Minsk in August.", "Minsk", "en"),
    ("Rīgā paziņoja, ka robeža paliks slēgta.", "Rīgā", "lv"),
    ("Lietuva paziņoja, ka slēgs robežu.", "Lietuva", "lv"),
    ("Migranti no Minskas teica, ka gaidīja nedēļu.", "Minskas", "lv"),
])
def test_a_city_where_someone_speaks_is_a_location(text, surface, lang, gaz):
    assert role_of(text, surface, gaz, lang) == "location"
