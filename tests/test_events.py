"""Tests of geo.events (through geo.pipeline): typed, dated, placed events with their quotes."""

from __future__ import annotations

import re
from datetime import date

import pycountry
import pytest

from geo.distance import km
from geo.io import layers, seeds
from geo.model import DAY, MONTH, SEASON_OR_YEAR
from geo.text import pipeline
from geo.text.events import event_type

D = date.fromisoformat


def parse_text(text: str, gaz, lang: str = "lv", **meta):
    """A text of our own through the pipeline."""
    doc = seeds.make_document(text, {"language": lang, **meta}, doc_id="own")
    return pipeline.parse(doc, gaz)


def pick(events, **want):
    """The single event whose attributes (date_start, date_end, persons, event_type, position) match."""
    def ok(e):
        for key, value in want.items():
            actual = e.position.id if key == "position" else getattr(e, key)
            if actual != value:
                return False
        return True

    found = [e for e in events if ok(e)]
    assert len(found) == 1, (want, [(e.date_start, e.date_end, e.event_type, e.persons, e.position.id) for e in events])
    return found[0]


# --- the seed -----------------------------------------------------------------------------

@pytest.mark.parametrize("start, end, persons, position", [
    ("2021-08-04", "2021-08-04", 12, "skrudaliena-parish"),
    ("2021-08-05", "2021-08-05", 2, None),
    ("2021-08-04", "2021-08-05", 12, "piedruja-parish"),  # "Vēl 12 Irākas pilsoņi": dated from context
    ("2021-08-07", "2021-08-07", 38, None),
    ("2021-08-08", "2021-08-08", 35, None),
    ("2021-08-09", "2021-08-09", 140, None),
    ("2021-08-09", "2021-08-10", 65, None),  # "Naktī uz 10. augustu"
], ids=["4aug-12", "5aug-2", "iraqis-12", "7aug-38", "8aug-35", "9aug-140", "night-65"])
def test_seed_detentions_of_august_2021(start, end, persons, position, seed_parse):
    want = {"date_start": D(start), "date_end": D(end), "persons": persons, "event_type": "detention"}
    if position:
        want["position"] = position
    event = pick(seed_parse.events, **want)
    assert event.position.country == "LV"
    assert "LV" in event.countries


def test_seed_iraqis_are_dated_from_the_sentence_before(seed_parse, gaz):
    event = pick(seed_parse.events, position="piedruja-parish")
    assert event.date_from_context
    assert event.date_relation == "context"
    assert "daugava" in [p.id for p in event.places]


def test_seed_night_detention_takes_its_place_from_the_sentence_before(seed_parse):
    event = pick(seed_parse.events, persons=65)
    assert event.date_relation == "night"
    assert event.place_from_context
    assert event.position.id == "lv-by-border"


def test_seed_emergency(seed_parse):
    event = pick(seed_parse.events, event_type="emergency")
    assert (event.date_start, event.date_end) == (D("2021-08-10"), D("2021-11-10"))
    ids = {p.id for p in event.places}
    assert {"ludza-municipality", "kraslava-municipality", "augsdaugava-municipality", "daugavpils-state-city"} <= ids
    assert event.countries == ("LV",)


def test_seed_deployment_in_grodno_region_in_summer_2023(seed_parse):
    event = pick(seed_parse.events, event_type="deployment", position="grodno-region")
    assert (event.date_start, event.date_end) == (D("2023-06-01"), D("2023-08-31"))
    assert event.time_precision == SEASON_OR_YEAR
    assert {"suwalki-corridor", "kaliningrad-region"} <= {p.id for p in event.places}


def test_seed_border_crossing_at_kaplava(seed_parse):
    event = pick(seed_parse.events, event_type="border_crossing", position="kaplava-sector")
    assert (event.date_start, event.date_end) == (D("2023-08-06"), D("2023-08-06"))
    assert event.persons == 4
    assert event.time_precision == DAY


def test_seed_arrest_of_smugglers_in_july_2022(seed_parse):
    event = pick(seed_parse.events, event_type="arrest")
    assert (event.date_start, event.date_end) == (D("2022-07-01"), D("2022-07-31"))
    assert event.persons == 11
    assert event.time_precision == MONTH


def test_seed_legal_action_of_lithuania(seed_parse):
    event = pick(seed_parse.events, event_type="legal_action")
    assert (event.date_start, event.date_end) == (D("2023-04-05"), D("2023-04-05"))
    assert "lithuania" in [p.id for p in event.places]
    assert "LT" in event.countries


def test_seed_admission_of_195_people_takes_the_reports_date(seed_parse):
    # "... šo apsvērumu dēļ Latvijā ielaistas 195 personas": no date of its own, four sentences
    # after "2022. gada 12. oktobrī Amnesty International publicēja pētījumu"
    event = pick(seed_parse.events, persons=195)
    assert (event.date_start, event.date_end) == (D("2022-10-12"), D("2022-10-12"))
    assert event.date_from_context and event.date_relation == "context"
    assert event.position.id == "latvia" and event.event_type == "border_crossing"


def test_words_of_a_place_name_do_not_type_the_event(seed_doc, seed_parse):
    # "No tām vismaz vienu ģimeni Daugavpils aizturēto personu centrā intervējuši ...": an
    # interview in the detention centre, not a detention
    start = seed_doc.text.index("No tām vismaz vienu ģimeni")
    assert not [e for e in seed_parse.events if e.quote_start == start]
    assert event_type("Ģimeni intervēja centrā.", "lv") == "other"


def test_a_count_too_far_from_any_date_does_not_borrow_it_and_is_kept_undated(gaz):
    filler = " ".join(f"Teikums {n} bez datuma." for n in range(6))
    near = parse_text(f"2022. gada 3. martā notika sanāksme. {filler[:44]} Latvijā ielaistas 7 personas.", gaz)
    far = parse_text(f"2022. gada 3. martā notika sanāksme. {filler} Latvijā ielaistas 7 personas.", gaz)
    assert [(e.persons, e.date_start, e.date_from_context) for e in near.events] == [(7, D("2022-03-03"), True)]
    # nothing extracted is dropped: the incident stays, with no date (the text gives none near it)
    assert [(e.persons, e.date_start, e.date_end, e.date_relation) for e in far.events] == [(7, None, None, "unknown")]


def test_an_incident_in_a_text_with_no_date_at_all_is_an_undated_event(gaz):
    lv = parse_text("Robežsargi Krāslavas novadā aizturēja 14 personas.", gaz)
    en = parse_text("Border guards detained 14 people in Krāslava municipality.", gaz, lang="en")
    for parse in (lv, en):
        assert [(e.event_type, e.persons, e.date_start, e.date_relation) for e in parse.events] == \
            [("detention", 14, None, "unknown")]


def test_seed_events_have_located_places_and_exact_quotes(seed_doc, seed_parse):
    text = seed_doc.text
    sentence_spans = {(s.start, s.end) for s in seed_parse.sentences}
    for event in seed_parse.events:
        assert event.places, event.id
        located = {m.place_id for m in event.place_mentions if m.role == "location"}
        for place in event.places:
            assert place.lat is not None and place.lon is not None
            # a border section may be inferred: "uz robežas" with the countries it lies between
            assert place.id in located or place.type == "border", (event.id, place.id)
        row = layers.event_row(event, seed_doc)
        assert row["quote"] == text[event.quote_start:event.quote_end]
        # whole sentences: one, or the neighbouring sentences one incident is told over
        assert event.quote_start in {s for s, _ in sentence_spans} and event.quote_end in {e for _, e in sentence_spans}
        assert event.date_start <= event.date_end
        for span in event.spans:
            assert text[span.start:span.end] == span.surface, span
            assert span.kind in ("place", "date", "count")
        for code in event.countries:
            assert pycountry.countries.get(alpha_2=code), code


def test_seed_event_ids(seed_doc, seed_parse):
    ids = [e.id for e in seed_parse.events]
    assert ids == [f"{seed_doc.doc_id}:e{n}" for n in range(1, len(ids) + 1)]
    assert all(re.fullmatch(r"000_bf6ecbb1fa1d973a:e\d+", i) for i in ids)
    starts = [e.quote_start for e in seed_parse.events]
    assert starts == sorted(starts)


def test_every_dated_sentence_with_a_located_place_gives_an_event(seed_doc, seed_parse, gaz):
    """... when a word of an incident types it: who said what (a statement) or a sentence no
    rule types ("Migrantu krīze ... sākās 2021. gada 7. jūlijā") is not an incident."""
    quoted = {(e.quote_start, e.quote_end) for e in seed_parse.events}
    missing = []
    for s in seed_parse.sentences:
        if event_type(seed_doc.text[s.start:s.end], "lv") in ("statement", "other"):
            continue
        dated = [d for d in seed_parse.dates
                 if s.start <= d.start and d.end <= s.end and d.anchor and (d.date_start or d.date_end)]
        located = []
        for m in seed_parse.places:
            place = seed_parse.place(m.place_id, gaz) if m.place_id else None
            if s.start <= m.start and m.end <= s.end and m.role == "location" and place and place.lat is not None:
                located.append(m)
        if dated and located and (s.start, s.end) not in quoted:
            missing.append(seed_doc.text[s.start:s.end][:80])
    assert missing == []


def test_reference_list_gives_no_events(seed_doc, seed_parse):
    assert all(e.quote_end <= seed_doc.body_end for e in seed_parse.events)


# --- texts of our own ---------------------------------------------------------------------

LV_PARAGRAPH = (
    "2022. gada 3. martā robežsargi Piedrujas pagastā aizturēja 7 migrantus. "
    "Tajā pašā dienā pie Silenes pāri Daugavai pārpeldēja vēl četri vīrieši. "
    "2022. gada 5. martā Latvijas valdība izsludināja ārkārtējo situāciju Krāslavas novadā."
)


def test_latvian_paragraph(gaz):
    parse = parse_text(LV_PARAGRAPH, gaz)
    got = [(e.event_type, e.date_start, e.date_end, e.persons, e.position.id) for e in parse.events]
    assert got == [
        ("detention", D("2022-03-03"), D("2022-03-03"), 7, "piedruja-parish"),
        ("border_crossing", D("2022-03-03"), D("2022-03-03"), 4, "silene"),
        ("emergency", D("2022-03-05"), D("2022-03-05"), None, "kraslava-municipality"),
    ]
    # "Tajā pašā dienā" is a date of its own, counted from the one before
    assert parse.events[1].date_relation == "relative_to_previous" and not parse.events[1].date_from_context
    assert [e.id for e in parse.events] == ["own:e1", "own:e2", "own:e3"]
    # "Latvijas valdība" is the government's name, not where the emergency is
    assert "latvia" not in [p.id for p in parse.events[2].places]


def test_latvian_date_without_year_takes_the_publication_year(gaz):
    parse = parse_text("Ziņas no robežas. 5. augustā robežsargi pie Silenes aizturēja 3 migrantus.", gaz,
                       published="2021-09-01")
    event = pick(parse.events, event_type="detention")
    assert (event.date_start, event.persons, event.position.id) == (D("2021-08-05"), 3, "silene")


def test_sentence_without_a_date_or_place_gives_no_event(gaz):
    parse = parse_text("Situācija uz robežas bija saspringta. 2022. gada 3. martā nekas nenotika.", gaz)
    assert parse.events == []


EN_PARAGRAPH = (
    "On 3 August 2021 Latvian border guards detained 12 people in Skrudaliena parish. "
    "In July 2023 Wagner mercenaries were deployed in the Grodno region near the Suwałki Gap. "
    "On 5 April 2023 Lithuania took Belarus to the International Court of Justice in The Hague."
)


def test_english_paragraph(gaz):
    parse = parse_text(EN_PARAGRAPH, gaz, lang="en")
    assert len(parse.events) == 3
    detention, deployment, legal = parse.events
    assert (detention.event_type, detention.date_start, detention.persons, detention.position.id) == (
        "detention", D("2021-08-03"), 12, "skrudaliena-parish")
    assert "latvia" not in [p.id for p in detention.places]  # "Latvian border guards" names the guards
    assert (deployment.event_type, deployment.date_start, deployment.date_end, deployment.position.id) == (
        "deployment", D("2023-07-01"), D("2023-07-31"), "grodno-region")
    assert legal.event_type == "legal_action"
    assert legal.date_start == D("2023-04-05")
    assert "lithuania" in [p.id for p in legal.places]


@pytest.mark.parametrize("text, lang, etype", [
    ("Robežsargi aizturēja migrantus.", "lv", "detention"),
    ("Valdība izsludināja ārkārtējo situāciju.", "lv", "emergency"),
    ("Migranti šķērsoja robežu.", "lv", "border_crossing"),
    ("Ministrija informēja par situāciju.", "lv", "statement"),
    ("Guards detained the migrants.", "en", "detention"),
    ("The government declared an emergency.", "en", "emergency"),
], ids=["lv-detention", "lv-emergency", "lv-crossing", "lv-statement", "en-detention", "en-emergency"])
def test_event_type(text, lang, etype):
    assert event_type(text, lang) == etype


def test_borrowed_dates_do_not_extend_the_reach_of_a_count(gaz):
    # each counting sentence borrows the date; borrowing must not restart the five-sentence reach
    counts = " ".join(f"Latvijā atradās {n} personas." for n in range(2, 10))  # type "other"
    parse = parse_text(f"2022. gada 3. martā notika sanāksme. {counts}", gaz)
    assert [e.persons for e in parse.events] == [2, 3, 4, 5, 6]


# --- incidents as a reporter tells them (made-up sentences of the shapes of real reports) ----

def one(parse, **want):
    """The single event of a parse whose attributes match."""
    return pick(parse.events, **want)


@pytest.mark.parametrize("text, lang, published, want", [
    ("Pirmdienas rītā robežsargi Piedrujas pagastā aizturēja 14 personas.", "lv", "2021-08-18",
     dict(date_start=D("2021-08-16"), persons=14, position="piedruja-parish", event_type="detention")),
    ("Robežsargi vakar pie Silenes aizturēja 3 migrantus.", "lv", "2021-08-18",
     dict(date_start=D("2021-08-17"), persons=3, position="silene", event_type="detention")),
    ("On Thursday guards detained 9 people in Skrudaliena parish.", "en", "2021-08-16",
     dict(date_start=D("2021-08-12"), persons=9, position="skrudaliena-parish", event_type="detention")),
    ("Yesterday 121 migrants tried to cross the Polish-Belarusian border.", "en", "2021-12-10",
     dict(date_start=D("2021-12-09"), persons=121, position="pl-by-border", event_type="border_crossing")),
], ids=["lv-pirmdienas-rita", "lv-vakar", "en-on-thursday", "en-yesterday"])
def test_events_dated_relative_to_publication(gaz, text, lang, published, want):
    event = one(parse_text(text, gaz, lang, published=published), **want)
    assert event.date_relation == "relative_to_publication" and not event.date_from_context


@pytest.mark.parametrize("text, lang, want", [
    ("2021. gada 5. augustā robežsargi Piedrujas pagastā aizturēja 12 personas. "
     "Nākamajā dienā pie Silenes aizturēja vēl 4 migrantus.", "lv",
     dict(date_start=D("2021-08-06"), persons=4, position="silene")),
    ("On 5 August 2021 guards detained 12 people in Piedruja parish. "
     "Two days later 4 more migrants were detained near Silene.", "en",
     dict(date_start=D("2021-08-07"), persons=4, position="silene")),
], ids=["lv-nakamaja-diena", "en-two-days-later"])
def test_events_dated_relative_to_the_date_before(gaz, text, lang, want):
    event = one(parse_text(text, gaz, lang), **want)
    assert event.date_relation == "relative_to_previous" and not event.date_from_context


@pytest.mark.parametrize("text, lang", [
    ("2022. gada 28. martā robežsargi veica pārbaudes.\n\nPierobežā Krāslavas novadā tika aizturēti migranti. "
     "Tie bija astoņi Irānas pilsoņi.", "lv"),
    ("2022. gada 28. martā robežsargi veica pārbaudes. Krāslavas novadā tika aizturēti migranti. "
     "Tie bija astoņi Irānas pilsoņi.", "lv"),
    ("On 28 March 2022 the border guard checked the area. In Krāslava municipality migrants were detained. "
     "They were eight Iranian citizens.", "en"),
], ids=["lv-paragraph-break-stops-the-date", "lv-over-three-sentences", "en-over-three-sentences"])
def test_an_incident_told_over_neighbouring_sentences(gaz, text, lang):
    parse = parse_text(text, gaz, lang, published="2022-03-30")
    event = one(parse, event_type="detention")
    assert (event.position.id, event.persons) == ("kraslava-municipality", 8)
    if "\n\n" in text:  # a new paragraph: the publication date stands in
        assert (event.date_start, event.date_relation) == (D("2022-03-30"), "publication")
    else:
        assert (event.date_start, event.date_relation) == (D("2022-03-28"), "context")
    assert event.date_from_context
    assert text[event.quote_start:event.quote_end].endswith(("pilsoņi.", "citizens."))


@pytest.mark.parametrize("text, lang", [
    ("2022. gada 3. martā Latvijas–Baltkrievijas robežas pārkāpšanas dēļ aizturēti 136 cilvēki. "
     "Piedrujas pagastā vēl aizturēja 3 personas, bet naktī vēl – 65.", "lv"),
], ids=["lv-bet-nakti-vel"])
def test_several_incidents_in_one_sentence_lv(gaz, text, lang):
    parse = parse_text(text, gaz, lang)
    assert [(e.persons, e.event_type) for e in parse.events] == [(136, "detention"), (3, "detention"), (65, "detention")]


def test_several_incidents_in_one_sentence_en(gaz):
    text = ("In April 1,915 people and in May around 800 attempts to cross were recorded at the Latvian–Belarusian border. "
            "The next day 130 people were prevented from crossing the Latvian–Belarusian border and eight "
            "foreigners were detained.")
    parse = parse_text(text, gaz, "en", published="2021-06-10")
    got = [(e.persons, e.event_type, e.date_start, e.date_end) for e in parse.events]
    assert got[:2] == [(1915, "border_crossing", D("2021-04-01"), D("2021-04-30")),
                       (800, "border_crossing", D("2021-05-01"), D("2021-05-31"))]
    assert [(p, t) for p, t, _, _ in got[2:]] == [(130, "pushback"), (8, "detention")]


@pytest.mark.parametrize("text, lang", [
    ("Latvijā no Baltkrievijas ieradās aptuveni 750 vīrieši.", "lv"),
    ("Around 1,915 people crossed into Latvia from Belarus.", "en"),
], ids=["lv-750-viriesi", "en-1915-people"])
def test_a_count_without_a_date_takes_the_publication_date(gaz, text, lang):
    event = one(parse_text(text, gaz, lang, published="2021-08-20"), date_start=D("2021-08-20"))
    assert event.date_relation == "publication" and event.date_from_context
    assert event.position.id == "latvia"  # where they came to, not where from


@pytest.mark.parametrize("text, lang, position", [
    ("On 3 August 2021 migrants trying to enter Lithuania from Belarus were turned back.", "en", "lithuania"),
    ("2021. gada 3. augustā migranti no Baltkrievijas mēģināja iekļūt Lietuvā.", "lv", "lithuania"),
    ("2021. gada 10. augustā Latvijā izsludināja ārkārtējo situāciju pierobežā ar Baltkrieviju.", "lv", "lv-by-border"),
    ("On 5 September 2021, 121 attempts to cross the border from Belarus to Poland were thwarted.", "en", "pl-by-border"),
], ids=["en-enter-from", "lv-no-iekļūt", "lv-pierobeza-ar", "en-border-from-to"])
def test_the_position_is_where_it_happened(gaz, text, lang, position):
    parse = parse_text(text, gaz, lang)
    assert parse.events
    if position:
        assert parse.events[0].position.id == position
    assert all(e.position.id != "belarus" for e in parse.events)


def test_a_border_with_a_country_in_a_text_about_another(gaz):
    text = ("On 5 September 2021 guards detained 20 people in Poland. "
            "On 6 September 2021 a state of emergency was declared in the border zone with Belarus.")
    emergency = one(parse_text(text, gaz, "en"), event_type="emergency")
    assert emergency.position.id == "pl-by-border" and emergency.area_id == "pl-by-border"


@pytest.mark.parametrize("text, lang, etype", [
    ("Robežsargi 12 personas neielaida Latvijā.", "lv", "pushback"),
    ("No nelikumīgas robežas šķērsošanas atturēti 62 cilvēki.", "lv", "pushback"),
    ("Ieceļošana Latvijā liegta vienam ārzemniekam.", "lv", "pushback"),
    ("Pie robežas atrasts miris vīrietis.", "lv", "death"),
    ("Bojāgājušie migranti atrasti mežā.", "lv", "death"),
    ("Guards turned back 101 migrants.", "en", "pushback"),
    ("Migrants were pushed back to Belarus.", "en", "pushback"),
    ("130 people were prevented from crossing the border.", "en", "pushback"),
    ("A man was found dead near the border.", "en", "death"),
    ("Soldiers found a body in the forest.", "en", "death"),
    ("Two migrants died of hypothermia.", "en", "death"),
], ids=["lv-neielaida", "lv-atturēti", "lv-liegta", "lv-miris", "lv-bojagajusie", "en-turned-back",
        "en-pushed-back", "en-prevented", "en-found-dead", "en-body", "en-died"])
def test_pushback_and_death_types(text, lang, etype):
    assert event_type(text, lang) == etype


@pytest.mark.parametrize("text, lang", [
    ("2021. gada 4. augustā robežsargi Piedrujas pagastā aizturēja 12 personas. "
     "Visus 12 robežpārkāpējus ievietoja aizturēto ārzemnieku izmitināšanas centrā.", "lv"),
    ("On 4 August 2021 guards detained 12 people in Piedruja parish. "
     "They were sent to the centre in Daugavpils.", "en"),
], ids=["lv-ievietoja", "en-sent-to-the-centre"])
def test_sent_to_the_centre_is_not_a_second_detention(gaz, text, lang):
    parse = parse_text(text, gaz, lang)
    assert [(e.event_type, e.persons) for e in parse.events] == [("detention", 12)]


@pytest.mark.parametrize("text, lang", [
    ("2021. gada 4. augustā Latvijā robežu šķērsoja 20 migranti.", "lv"),
    ("On 4 August 2021, 20 migrants crossed into Latvia.", "en"),
], ids=["lv", "en"])
def test_a_country_level_event_has_its_area(gaz, text, lang):
    event = one(parse_text(text, gaz, lang), persons=20)
    assert (event.position.id, event.position.geo_precision, event.area_id) == ("latvia", 3, "latvia")
    assert layers.event_row(event, seeds.make_document(text, {"language": lang}, doc_id="own"))["area_id"] == "latvia"


def test_a_settlement_has_no_area(gaz):
    event = one(parse_text("On 4 August 2021 guards detained 12 people near Silene.", gaz, "en"), persons=12)
    assert event.position.geo_precision == 1 and event.area_id is None


@pytest.mark.parametrize("text, lang", [
    ("Robežsargi katru dienu Latvijā aiztur vairāk nekā 50 cilvēkus.", "lv"),
    ("Each day the border guards in Latvia turn back more than 50 people.", "en"),
    ("Lithuania will build a fence on the border with Belarus by autumn 2022.", "en"),
    ("If people cross into Latvia, they are told to go back.", "en"),
    ("Ja cilvēki mēģina iekļūt Latvijā, viņi tiek informēti.", "lv"),
], ids=["lv-katru-dienu", "en-each-day", "en-will", "en-if", "lv-ja"])
def test_habits_plans_and_conditions_are_no_events(gaz, text, lang):
    assert parse_text(text, gaz, lang, published="2021-08-16").events == []


def test_a_statement_is_no_event(gaz):
    assert parse_text("2021. gada 3. augustā Latvijas ministrs Rīgā paziņoja par situāciju.", gaz).events == []


def test_a_dateline_and_a_heading_give_no_position(gaz):
    text = ("Guards turn back migrants\n\nRIGA, August 16. /TASS/. Latvia’s border guards have turned back "
            "395 migrants trying to cross the border into the country from Belarus, the chief said on Monday.")
    parse = parse_text(text, gaz, "en", published="2021-08-16")
    event = one(parse, persons=395)
    assert event.event_type == "pushback" and event.position.id == "lv-by-border"  # not Riga, not Belarus
    assert event.quote_start > text.index("RIGA")


def test_a_restatement_is_not_a_second_event(gaz):
    text = ("On 15 August 2021 Latvian guards turned back 395 trespassers at the Latvian–Belarusian border. "
            "\"We turned back 395 trespassers at the Latvian–Belarusian border,\" the chief said.")
    parse = parse_text(text, gaz, "en", published="2021-08-16")
    assert [(e.event_type, e.persons) for e in parse.events] == [("pushback", 395)]


def test_the_day_of_a_report_is_not_the_day_of_the_incident(gaz):
    text = "“Yesterday 121 people tried to cross the Polish-Belarusian border,” the Border Guard announced on Friday."
    event = one(parse_text(text, gaz, "en", published="2021-12-10"), persons=121)
    assert (event.date_start, event.date_end) == (D("2021-12-09"), D("2021-12-09"))


def test_more_of_the_same(gaz):
    text = ("On Sunday, 121 attempts to cross the Polish-Belarusian border were thwarted.\n\n"
            "There were 200 such attempts on Saturday.")
    parse = parse_text(text, gaz, "en", published="2021-09-06")
    assert [(e.event_type, e.persons, e.date_start, e.position.id) for e in parse.events] == [
        ("pushback", 121, D("2021-09-05"), "pl-by-border"), ("pushback", 200, D("2021-09-04"), "pl-by-border")]
    assert parse.events[1].place_from_context


def test_event_tables_are_validated():
    from geo.text import language
    for lang in language.available():
        data = language.pack(lang).words
        types = {r["type"] for r in data["events"]}
        assert {"pushback", "death"} <= types
        assert set(data["event_words"]["at_border"]) <= types
    good = dict(language.pack("en").words)
    with pytest.raises(ValueError, match="restates"):
        language.validate({**good, "events": [{"type": "detention", "all": [["x"]], "restates": "arrest"}]}, "x.toml")
    with pytest.raises(ValueError, match="event_words"):
        language.validate({**good, "event_words": {"origin": "from"}}, "x.toml")


@pytest.mark.parametrize("text, lang", [
    ("On 7 December 2021 a group of 35 migrants forced their way across the Polish-Belarusian border. "
     "The migrants were all sent back.", "en"),
    ("2021. gada 7. decembrī 35 migranti šķērsoja Latvijas–Baltkrievijas robežu. Visi migranti tika izraidīti.", "lv"),
], ids=["en", "lv"])
def test_what_happened_next_to_the_same_people(gaz, text, lang):
    parse = parse_text(text, gaz, lang, published="2021-12-08")
    assert [(e.event_type, e.persons, e.date_start) for e in parse.events] == [
        ("border_crossing", 35, D("2021-12-07")), ("pushback", 35, D("2021-12-07"))]
    assert parse.events[1].date_from_context and parse.events[1].place_from_context
    assert parse.events[0].position.id == parse.events[1].position.id


def test_an_obligation_is_no_event(gaz):
    text = "On 7 December 2021 guards detained 8 people in Poland. To apply for asylum, migrants must go to a border crossing."
    assert [e.event_type for e in parse_text(text, gaz, "en").events] == ["detention"]


@pytest.mark.parametrize("text, lang", [
    ("2022. gada 12. oktobrī Amnesty International publicēja pētījumu, kurā apsūdzēja Latvijas varas iestādes "
     "vardarbībā pret migrantiem uz Baltkrievijas robežas.", "lv"),
    ("On 12 October 2022 Amnesty International accused the Latvian authorities of violence against migrants "
     "on the border with Belarus.", "en"),
], ids=["lv", "en"])
def test_a_report_about_latvia_is_not_drawn_in_belarus(gaz, text, lang):
    event = one(parse_text(text, gaz, lang), event_type="accusation")
    assert event.position.id == "lv-by-border" and event.position.geo_precision == 2


@pytest.mark.parametrize("text, lang", [
    ("2022. gada jūlijā aizturēti 11 kontrabandisti, kas migrantus ieveda Latvijā caur Baltkrieviju.", "lv"),
    ("In July 2022, 11 smugglers who brought migrants into Latvia via Belarus were arrested.", "en"),
], ids=["lv-caur", "en-via"])
def test_a_country_passed_through_is_not_where_it_happened(gaz, text, lang):
    event = one(parse_text(text, gaz, lang), persons=11)
    assert event.event_type == "arrest" and event.position.id == "latvia"


def test_event_spans_are_typed_records_in_text_order(seed_parse):
    """Each event's spans are Span records (start, end, kind, surface), sorted by offset, and
    the layer row carries them as plain dicts with the contract's keys."""
    from geo.io import layers
    from geo.text.events import Span
    for event in seed_parse.events:
        assert all(isinstance(s, Span) for s in event.spans)
        assert [(s.start, s.end) for s in event.spans] == sorted((s.start, s.end) for s in event.spans)
        row = layers.event_row(event, seed_parse.doc)
        assert [list(s) for s in row["spans"]] == [["start", "end", "kind", "surface"]] * len(event.spans)


@pytest.mark.parametrize("text, lang, title, want", [
    ("Trešdien, 8. septembrī, robežsargi novērsa 8 cilvēku mēģinājumu šķērsot Latvijas–Baltkrievijas robežu.\n\n"
     "Kopš 10. augusta kopumā no valsts robežas nelikumīgas šķērsošanas ir atturēti 1013 cilvēki.",
     "lv", "Notikumi uz valsts robežas 2021. gada 8. septembris",
     [(8, D("2021-09-08"), D("2021-09-08")), (1013, D("2021-08-10"), D("2021-09-08"))]),
    ("On Wednesday, September 8, guards stopped 8 people trying to cross the Latvia-Belarus border.\n\n"
     "Since August 10, a total of 1013 people have been turned back at the Latvia-Belarus border.",
     "en", "Border events of 8 September 2021",
     [(8, D("2021-09-08"), D("2021-09-08")), (1013, D("2021-08-10"), D("2021-09-08"))]),
], ids=["lv-tresdien-kops", "en-wednesday-since"])
def test_an_undated_report_is_dated_by_the_day_it_opens_with(gaz, text, lang, title, want):
    """No publication date: the title's year dates the lede's weekday-named day, and that day
    stands in for publication ("kopš 10. augusta", "since August 10" run up to it)."""
    parse = parse_text(text, gaz, lang, title=title)
    assert [(e.persons, e.date_start, e.date_end) for e in parse.events] == want


@pytest.mark.parametrize("text, lang", [
    ("Par nelikumīgu valsts robežas šķērsošanu aizvadītajā diennaktī aizturēto personu nav.", "lv"),
    ("Pastāv iespēja, ka migranti šķērso Latvijas–Baltkrievijas robežu.", "lv"),
    ("No one was detained for crossing the Latvia-Belarus border yesterday.", "en"),
    ("Rīkojums paplašina robežsardzes pilnvaras atturēt migrantus no Latvijas–Baltkrievijas robežas šķērsošanas.", "lv"),
    ("It sets the rights of the State Border Guard to use special means to deter people from illegally "
     "crossing the Latvia-Belarus border.", "en"),
], ids=["lv-aizturēto-nav", "lv-iespēja", "en-no-one-was", "lv-pilnvaras", "en-to-deter"])
def test_none_detained_and_a_possibility_are_no_incidents(gaz, text, lang):
    assert parse_text(text, gaz, lang, published="2021-09-08").events == []


@pytest.mark.parametrize("text, lang", [
    ("2021. gada 11. novembrī migranti pulcējās pie Silenes. Pašlaik tur atrodas aptuveni 200 cilvēku liela grupa "
     "Latvijas pusē.", "lv"),
    ("On 11 November 2021 migrants gathered near Silene. At the same place about 200 people are now waiting "
     "on the Latvian side.", "en"),
], ids=["lv-tur", "en-at-the-same-place"])
def test_there_points_back_to_the_last_settlement_named(gaz, text, lang):
    """'tur', 'at the same place' with only a country named: the settlement named before, not
    the country's centre."""
    parse = parse_text(text, gaz, lang)
    event = one(parse, persons=200)
    assert event.position.id == "silene" and event.place_from_context


@pytest.mark.parametrize("text, lang, want", [
    ("2021. gada 30. jūlijā Salienas pagastā aizturēja 11 personas - desmit Irākas un vienu Sīrijas pilsoni.",
     "lv", [(11, "detention")]),
    ("2021. gada 30. jūlijā Salienas pagastā kopumā aizturēti 27 trešo valstu piederīgie: 23 Irākas, "
     "viens Sīrijas un viens Baltkrievijas pilsonis.", "lv", [(27, "detention")]),
    ("On 30 July 2021 guards detained 27 people in Saliena parish: 23 Iraqis, 2 Syrian and 2 Indian citizens.",
     "en", [(27, "detention")]),
], ids=["lv-dash-breakdown", "lv-colon-breakdown", "en-colon-breakdown"])
def test_a_count_s_breakdown_is_no_incident_of_its_own(gaz, text, lang, want):
    assert [(e.persons, e.event_type) for e in parse_text(text, gaz, lang).events] == want


@pytest.mark.parametrize("text, lang", [
    ("2021. gada 30. jūlijā robežsardze Salienas pagastā aizturējusi 13 ārzemniekus un divus personu pārvietotājus.", "lv"),
    ("On 30 July 2021 the border guard detained 13 foreigners and two drivers in Saliena parish.", "en"),
], ids=["lv-un-divus", "en-and-two"])
def test_two_kinds_of_people_of_one_act_are_one_incident(gaz, text, lang):
    events = parse_text(text, gaz, lang).events
    assert [e.persons for e in events] == [13]


@pytest.mark.parametrize("text, lang, second", [
    ("Poland's border guard reported new attempts at the border with Belarus. On Wednesday a group of 35 "
     "migrants forced their way across the border with the help of the Belarusian military.\n\n"
     "The migrants were all detained and sent back.", "en", "pushback"),
    ("Polijas robežsardze ziņoja par jauniem mēģinājumiem uz robežas ar Baltkrieviju. Trešdien 35 migrantu "
     "grupa ar Baltkrievijas militārpersonu palīdzību nelikumīgi šķērsoja robežu.\n\n"
     "Visi migranti tika aizturēti.", "lv", "detention"),
], ids=["en-detained-and-sent-back", "lv-visi-aizturēti"])
def test_what_happened_next_to_the_people_counted_before(gaz, text, lang, second):
    """A sentence with no place, date or count of its own, of another type, right after a
    counted incident: the same people, at the same place and date."""
    found = parse_text(text, gaz, lang, published="2021-12-08").events
    assert [(e.event_type, e.persons) for e in found][-2:] == [("border_crossing", 35), (second, 35)]
    assert found[-1].position.id == found[-2].position.id and found[-1].date_start == found[-2].date_start


def test_cases_of_prevented_crossings_are_events_without_persons(gaz):
    text = ("Otrdien, 31. janvārī, ministrija informēja, ka šī gada janvārī uz Latvijas–Baltkrievijas robežas "
            "atturētas personas 321 gadījumā, 2022. gadā – 5286 gadījumos. Novembra mēnesī no valsts robežas "
            "nelikumīgas šķērsošanas atturētas personas 429 gadījumos, decembra mēnesī – 1053 gadījumos.")
    events = parse_text(text, gaz, "lv").events
    found = [(e.event_type, e.date_start, e.date_end, e.persons) for e in events]
    assert ("pushback", D("2023-01-01"), D("2023-01-31"), None) in found
    assert ("pushback", D("2022-01-01"), D("2022-12-31"), None) in found
    # a month's own number is news, not the year's total told again
    assert ("pushback", D("2022-11-01"), D("2022-11-30"), None) in found
    assert ("pushback", D("2022-12-01"), D("2022-12-31"), None) in found
    assert all(e.persons is None for e in events)


def test_english_cases_are_events_without_persons(gaz):
    text = "On 3 January 2023 Latvian border guards prevented 120 cases of illegal crossing of the Latvian–Belarusian border."
    event = one(parse_text(text, gaz, "en"), event_type="pushback")
    assert (event.persons, event.date_start) == (None, D("2023-01-03"))


@pytest.mark.parametrize("text, lang, published, date_start", [
    ("Ielaušanās mēģinājums noticis ceturtdienas vakarā pie Kuznicas ciema.\n\n"
     "Baltkrievijas armija mēģināja aptuveni 35 cilvēku grupu iespiest Polijas teritorijā. "
     "Polijas robežsargi izjaukuši centienus iekļūt Polijā.", "lv", "2021-11-12", D("2021-11-11")),
    ("An attempt to cross the border took place near Kuźnica on Thursday evening.\n\n"
     "A group of about 35 people tried to enter Poland. "
     "Polish border guards thwarted the attempt to enter Poland.", "en", "2021-11-12", D("2021-11-11")),
], ids=["lv", "en"])
def test_an_attempt_and_its_repelling_told_in_turn_are_one_incident(gaz, text, lang, published, date_start):
    events = parse_text(text, gaz, lang, published=published).events
    assert [(e.event_type, e.date_start, e.persons) for e in events] == [("pushback", date_start, 35)]
    assert events[0].position.type == "village"  # where the first telling put it, not the country


def test_what_happened_next_to_the_people_counted_stays_its_own_event(gaz):
    text = ("On Wednesday a group of 35 migrants forced their way across the Polish–Belarusian border.\n\n"
            "The migrants were all detained and sent back.")
    events = parse_text(text, gaz, "en", published="2021-12-08").events
    assert len(events) == 2 and {e.persons for e in events} == {35}


@pytest.mark.parametrize("text, lang, want", [
    ("Kopš ārkārtējās situācijas ieviešanas uz Latvijas–Baltkrievijas robežas humānu apsvērumu dēļ "
     "nav liegta valsts robežas šķērsošana 25 cilvēkiem.", "lv", "border_crossing"),
    ("Since the state of emergency was declared, 25 people have been let into Latvia on humanitarian grounds.",
     "en", "border_crossing"),
], ids=["lv-kops", "en-since"])
def test_a_time_named_by_an_event_does_not_type_the_clause(gaz, text, lang, want):
    event = one(parse_text(text, gaz, lang, published="2021-09-08"), persons=25)
    assert event.event_type == want


def test_an_emergency_declared_is_still_an_emergency(gaz):
    text = "On 10 August 2021 the government declared a state of emergency on the Latvian–Belarusian border."
    assert [e.event_type for e in parse_text(text, gaz, "en").events] == ["emergency"]


@pytest.mark.parametrize("text, lang", [
    ("Otrdien, 28. novembrī, valdība izsludināja pastiprinātu robežapsardzības režīmu Ludzas novadā.\n\n"
     "Ministrija informēja, ka šāds lēmums pieņemts, jo uz Latvijas–Baltkrievijas robežas pašreiz ir "
     "izsludināts robežapsardzības režīms.", "lv"),
    ("On Tuesday the government declared a state of emergency in Ludza municipality.\n\n"
     "The ministry said this decision was taken because the state of emergency on the Latvian–Belarusian "
     "border is in force now.", "en"),
], ids=["lv-sads-lemums", "en-this-decision"])
def test_a_decision_pointed_back_to_is_told_again_not_taken_again(gaz, text, lang):
    events = parse_text(text, gaz, lang, published="2023-11-28").events
    assert [e.event_type for e in events] == ["emergency"]
    assert events[0].date_start == D("2023-11-28")


def test_one_body_told_again_is_one_death(gaz):
    text = ("Belarusian border guards found the body of a refugee near the Latvian border, the committee said on Tuesday.\n\n"
            "\"At the beginning of the week, a border guard unit discovered a foreigner's body on the border with Latvia. "
            "The body was lying several meters from the fence,\" the report said.")
    events = parse_text(text, gaz, "en", published="2023-01-10").events
    assert [(e.event_type, e.persons) for e in events] == [("death", 1)]


def test_a_second_body_on_another_day_is_another_death(gaz):
    text = ("On 10 December 2022 guards found the body of a man near the Latvian border. "
            "On 9 January 2023 guards found the body of a woman near the Latvian border.")
    events = parse_text(text, gaz, "en").events
    assert [(e.event_type, e.date_start) for e in events] == [("death", D("2022-12-10")), ("death", D("2023-01-09"))]


@pytest.mark.parametrize("text, lang", [
    ("Robežsardzei, konstatējot, ka persona ir nelikumīgi šķērsojusi Latvijas–Baltkrievijas robežu, "
     "dot rīkojumu personai atgriezties.", "lv"),
    ("No Lietuvas joprojām tiek saņemta informācija par nelikumīgu Latvijas–Baltkrievijas robežas šķērsošanu.", "lv"),
    ("Upon finding that a person has crossed the Latvian–Belarusian border illegally, guards order them back.", "en"),
    ("Illegal crossings of the Latvian–Belarusian border are still being reported.", "en"),
], ids=["lv-konstatejot", "lv-joprojam-tiek", "en-upon-finding", "en-still-being"])
def test_a_condition_or_an_ongoing_process_is_no_incident(gaz, text, lang):
    assert parse_text(text, gaz, lang, published="2021-08-10").events == []


@pytest.mark.parametrize("text, lang, want", [
    ("Latvian guards have turned back 395 migrants at the Latvian–Belarusian border, the chief said on Monday.\n\n"
     "\"By the midnight of August 15, we turned back 395 trespassers at the Latvian–Belarusian border.\"",
     "en", D("2021-08-15")),
    ("Robežsargi uz Latvijas–Baltkrievijas robežas atturējuši 395 migrantus, pirmdien pavēstīja priekšnieks.\n\n"
     "Līdz 15. augusta pusnaktij uz Latvijas–Baltkrievijas robežas atturēti 395 robežpārkāpēji.", "lv", D("2021-08-15")),
], ids=["en", "lv"])
def test_the_same_count_told_again_with_its_own_date_dates_a_report_s_day(gaz, text, lang, want):
    events = parse_text(text, gaz, lang, published="2021-08-16").events
    assert [(e.event_type, e.persons) for e in events] == [("pushback", 395)]
    assert events[0].date_end == want  # the incident's date, not the day it was said


@pytest.mark.parametrize("text, lang", [
    ("Yesterday 121 people tried to cross the Polish–Belarusian border, the Border Guard announced.\n\n"
     "The Border Guard also informed that near Narewka a group of 12 people tried to get into Poland.", "en"),
    ("Vakar 121 cilvēks mēģināja šķērsot Latvijas–Baltkrievijas robežu, informēja robežsardze.\n\n"
     "Robežsardze arī informēja, ka pie Silenes 12 cilvēki mēģināja iekļūt Latvijā.", "lv"),
], ids=["en-also-informed", "lv-ari-informeja"])
def test_a_paragraph_that_goes_on_with_the_report_keeps_its_date(gaz, text, lang):
    event = one(parse_text(text, gaz, lang, published="2021-12-10"), persons=12)
    assert event.date_start == D("2021-12-09")  # yesterday's report goes on, not the publication day


def test_a_new_paragraph_without_also_takes_the_publication_day(gaz):
    text = ("Yesterday 121 people tried to cross the Polish–Belarusian border, the Border Guard announced.\n\n"
            "Near Narewka a group of 12 people tried to get into Poland.")
    event = one(parse_text(text, gaz, "en", published="2021-12-10"), persons=12)
    assert event.date_start == D("2021-12-10")


def test_a_restatement_pointing_back_dates_and_places_a_report_s_event(gaz):
    text = ("Latvian guards have found the body of a man near the Latvian–Belarusian border, the police said on Wednesday. "
            "The body was found in a forest near Silene yesterday, the police said.")
    events = parse_text(text, gaz, "en", published="2021-12-08").events
    assert [(e.event_type, e.persons) for e in events] == [("death", 1)]
    assert (events[0].date_start, events[0].position.type) == (D("2021-12-07"), "village")


@pytest.mark.parametrize("text, lang", [
    ("On 2 July 2021 Lithuania declared a state of emergency after 4000 people attempted to cross the "
     "Lithuania–Belarus border illegally.", "en"),
    ("2021. gada 2. jūlijā Lietuva izsludināja ārkārtējo situāciju pēc tam, kad 4000 cilvēku mēģināja "
     "nelikumīgi šķērsot Lietuvas–Baltkrievijas robežu.", "lv"),
], ids=["en-after", "lv-pec-tam-kad"])
def test_an_act_after_which_another_came_is_an_incident_of_its_own(gaz, text, lang):
    events = parse_text(text, gaz, lang).events
    assert sorted((e.event_type, e.persons) for e in events) == [("border_crossing", 4000), ("emergency", None)]


def test_the_same_act_after_a_count_is_one_incident(gaz):
    text = "On 2 July 2021 guards detained 12 people after they crossed the Lithuania–Belarus border."
    assert [(e.event_type, e.persons) for e in parse_text(text, gaz, "en").events] == [("detention", 12)]


@pytest.mark.parametrize("text, lang", [
    ("More than 150 km of the border of Lithuania with Belarus is equipped with a fence. This was announced by the chairman.\n\n"
     "\"We are completing 2021 with these results: a fence has been built at 150 km of the border,\" the post says.", "en"),
    ("Vairāk nekā 150 km Lietuvas robežas ar Baltkrieviju ir uzbūvēts žogs.\n\n"
     "2021. gadā uz Lietuvas–Baltkrievijas robežas uzbūvēts žogs 150 km garumā.", "lv"),
], ids=["en", "lv"])
def test_an_undated_event_told_again_with_a_date_takes_that_date(gaz, text, lang):
    events = parse_text(text, gaz, lang, published="2021-12-31").events
    assert [(e.event_type, e.date_start, e.date_end) for e in events] == [("other", D("2021-01-01"), D("2021-12-31"))]


@pytest.mark.parametrize("text, lang", [
    ("Vakar aizturēto personu nav, savukārt šogad uz Latvijas–Baltkrievijas robežas kopumā aizturēti 353 "
     "valsts robežu nelikumīgi šķērsojuši trešo valstu pilsoņi.", "lv"),
    ("No one was detained at the Latvian–Belarusian border yesterday, whereas 353 migrants have been "
     "detained at the Latvian–Belarusian border this year.", "en"),
], ids=["lv-savukart", "en-whereas"])
def test_a_denial_before_a_contrast_does_not_deny_what_follows(gaz, text, lang):
    events = parse_text(text, gaz, lang, published="2021-08-15").events
    assert [(e.event_type, e.persons) for e in events] == [("detention", 353)]


@pytest.mark.parametrize("text, lang, want", [
    ("Silenes ciemā aizturēti divi Igaunijas pilsoņi, kuri nodrošināja personu pārvietošanu tālāk uz citām valstīm.",
     "lv", "arrest"),
    ("Silenes ciemā aizturēti divi Irākas pilsoņi, kuri nelikumīgi šķērsoja robežu.", "lv", "detention"),
], ids=["parvietosana", "skersoja"])
def test_those_who_moved_people_on_are_arrested_not_detained(gaz, text, lang, want):
    assert event_type(text, lang) == want


@pytest.mark.parametrize("text, lang", [
    ("Kopš pirmdienas robežsargi aizturējuši 50 cilvēkus.", "lv"),
    ("Since the weekend guards have detained 50 people.", "en"),
], ids=["lv-kops-pirmdienas", "en-since-the-weekend"])
def test_an_act_told_after_since_is_still_that_act(text, lang):
    assert event_type(text, lang) == "detention"


def test_another_attempt_told_next_is_another_incident(gaz):
    text = ("An attempt to cross the border took place near Kuźnica on Thursday evening.\n\n"
            "Another group of 35 people tried to enter Poland.")
    events = parse_text(text, gaz, "en", published="2021-11-12").events
    assert len(events) == 2


@pytest.mark.parametrize("text, lang", [
    ("Polijas karavīri 7. decembrī pie Baltkrievijas robežas atrada mirušu migrantu.\n\n"
     "Kopš vasaras gar robežu atrasti miruši 12 migranti.", "lv"),
    ("Polish soldiers found the body of a man in a forest close to the Belarusian border on 7 December.\n\n"
     "Around a dozen migrants have been found dead along the border since the summer.", "en"),
], ids=["lv", "en"])
def test_an_event_along_the_border_told_before_is_at_that_border_not_a_country(gaz, text, lang):
    events = parse_text(text, gaz, lang, published="2021-12-08").events
    dozen = pick(events, persons=12)
    assert dozen.position.type == "border" and "Poland" in dozen.position.name and "Belarus" in dozen.position.name


@pytest.mark.parametrize("text, lang", [
    ("Polijas robežsardze 7. decembrī paziņoja, ka Baltkrievija pārkāpusi robežu.\n\n"
     "Kopš vasaras robežu nelikumīgi šķērsot mēģinājuši 120 cilvēki.", "lv"),
    ("On 7 December the Polish Border Guard said Belarus had violated the border.\n\n"
     "Since the summer 120 people have tried to cross the border illegally.", "en"),
], ids=["lv", "en"])
def test_crossings_counted_without_a_place_on_the_line_are_not_moved_to_a_border(gaz, text, lang):
    events = parse_text(text, gaz, lang, published="2021-12-08").events
    assert all(e.position.type != "border" for e in events if e.persons == 120)


@pytest.mark.parametrize("text, lang", [
    ("Šī gada janvārī uz Latvijas–Baltkrievijas robežas no nelikumīgas šķērsošanas atturētas 321 personas, "
     "2022. gadā – 5286 personas, bet no 2021. gada 11. augusta – 4045 personas.", "lv"),
    ("The ministry said that in January this year 321 people were prevented from illegally crossing the "
     "Latvian–Belarusian border, in 2022 5286 people, and since 11 August 2021 4045 people.", "en"),
], ids=["lv", "en"])
def test_a_since_period_listed_after_the_periods_that_follow_it_ends_where_they_begin(gaz, text, lang):
    events = parse_text(text, gaz, lang, published="2023-01-31").events
    since = pick(events, persons=4045)
    assert (since.date_start, since.date_end) == (D("2021-08-11"), D("2021-12-31"))
    assert (pick(events, persons=5286).date_start, pick(events, persons=321).date_end) == (D("2022-01-01"), D("2023-01-31"))


@pytest.mark.parametrize("text, lang", [
    ("Kopš 2021. gada 11. augusta uz Latvijas–Baltkrievijas robežas no nelikumīgas šķērsošanas atturētas "
     "4045 personas, šī gada janvārī – 321 persona.", "lv"),
    ("Since 11 August 2021, 4045 people were prevented from crossing the Latvian–Belarusian border, "
     "in January this year 321 people.", "en"),
], ids=["lv", "en"])
def test_a_since_period_told_first_runs_to_the_report(gaz, text, lang):
    since = pick(parse_text(text, gaz, lang, published="2023-01-31").events, persons=4045)
    assert (since.date_start, since.date_end) == (D("2021-08-11"), D("2023-01-31"))


@pytest.mark.parametrize("text, lang", [
    ("Latvijas robežsargi novērsuši 395 nelegālo migrantu mēģinājumus šķērsot robežu no Baltkrievijas, "
     "pirmdien paziņoja dienesta priekšnieks.\n\n„15. augustā atturējām 395 robežpārkāpējus. Darbs turpinās.”", "lv"),
    ("Latvia’s border guards have prevented attempts by 395 illegal migrants to cross the border into the "
     "country from Belarus, the chief said on Monday.\n\n\"On August 15, we turned back 395 trespassers. "
     "The work is continuing.\"", "en"),
], ids=["lv", "en"])
def test_the_same_count_quoted_with_no_place_dates_the_incident_reported_before(gaz, text, lang):
    events = parse_text(text, gaz, lang, published="2021-08-16").events
    assert [(e.persons, e.date_start, e.date_end) for e in events] == [(395, D("2021-08-15"), D("2021-08-15"))]
    assert events[0].position.type == "border"  # where the report placed it


@pytest.mark.parametrize("text, lang, border", [
    ("Ceturtdien valdība izsludināja ārkārtējo situāciju pierobežā ar Baltkrieviju, kas aptver Ludzas un "
     "Krāslavas novadus.", "lv", "Latvia–Belarus border"),
    ("On Thursday the president declared a state of emergency in the border zone with Belarus, which covers "
     "183 towns in the Podlaskie Province and the Lubelskie Province.", "en", "Poland–Belarus border"),
], ids=["lv", "en"])
def test_the_parts_a_relative_clause_lists_leave_the_border_zone_the_place(gaz, text, lang, border):
    events = parse_text(text, gaz, lang, published="2021-09-02").events
    assert [(e.event_type, e.position.name) for e in events] == [("emergency", border)]


@pytest.mark.parametrize("text, lang", [
    ("Baltkrievijas prezidents pavēlēja izvietot karavīrus pie robežas ar Lietuvu, kura šīs nedēļas sākumā "
     "sāka atraidīt migrantus.", "lv"),
    ("The president of Belarus has ordered troops to be deployed at the border with Lithuania, which had begun "
     "turning away migrants earlier this week.", "en"),
], ids=["lv", "en"])
def test_a_relative_clause_of_another_act_neither_types_nor_dates_the_head(gaz, text, lang):
    events = parse_text(text, gaz, lang, published="2021-08-05").events
    assert [(e.event_type, e.date_start, e.date_end) for e in events] == [("deployment", D("2021-08-05"), D("2021-08-05"))]


@pytest.mark.parametrize("text, lang, country", [
    ("Lietuvā no Baltkrievijas ieradās migranti. Lietuvā 2. jūlijā izsludināta ārkārtējā situācija un ieviesta "
     "pastiprināta robežkontrole.", "lv", "Lithuania"),
    ("The situation on the border of Lithuania and Belarus worsened. On 2 July Lithuania declared a state of "
     "emergency and introduced new border control measures.", "en", "Lithuania"),
], ids=["lv", "en"])
def test_border_control_is_a_measure_not_the_place_at_the_border(gaz, text, lang, country):
    emergency = pick(parse_text(text, gaz, lang, published="2021-08-10").events, event_type="emergency")
    assert (emergency.position.type, emergency.position.name) == ("country", country)


@pytest.mark.parametrize("text, lang", [
    ("Otrdien, 10. augustā, valdība izsludināja ārkārtējo situāciju Ludzas novadā.\n\nLudzas novadā aizturēti 12 migranti.", "lv"),
    ("On Tuesday, August 10, the Cabinet declared a state of emergency in Ludza municipality.\n\n"
     "In Ludza municipality 12 migrants were detained.", "en"),
], ids=["lv", "en"])
def test_an_undated_event_where_the_report_is_takes_the_reports_day(gaz, text, lang):
    detention = pick(parse_text(text, gaz, lang, published="2021-08-10").events, persons=12)
    assert (detention.date_start, detention.date_end) == (D("2021-08-10"), D("2021-08-10"))


def test_a_month_of_publication_dates_what_has_no_date_with_month_precision(gaz):
    """A text known only to be of August 2021: an undated incident is of that month, and "kopš
    10. augusta" runs to the last day the publication can be."""
    text = "Robežsargi pie Silenes aizturēja 5 personas.\n\nKopš 10. augusta pie Silenes atturētas 395 personas."
    events = parse_text(text, gaz, "lv", published="2021-08").events
    undated = pick(events, persons=5)
    assert (undated.date_start, undated.date_end, undated.time_precision, undated.date_relation) \
        == (D("2021-08-01"), D("2021-08-31"), MONTH, "publication")
    since = pick(events, persons=395)
    assert (since.date_start, since.date_end) == (D("2021-08-10"), D("2021-08-31"))


@pytest.mark.parametrize("text, lang", [
    ("Svētdien, 15. augustā, robežsargi pie Silenes novērsuši 62 personu mēģinājumu šķērsot robežu.\n\n"
     "Kopš 10. augusta pie Silenes atturētas 395 personas.", "lv"),
    ("On Sunday, August 15, guards near Silene stopped 62 people trying to cross the border.\n\n"
     "Since August 10, 395 people have been turned back near Silene.", "en"),
])
def test_the_day_a_lede_opens_with_refines_a_month_of_publication(gaz, text, lang):
    events = parse_text(text, gaz, lang, published="2021-08").events
    assert pick(events, persons=62).date_start == D("2021-08-15")
    since = pick(events, persons=395)
    assert (since.date_start, since.date_end) == (D("2021-08-10"), D("2021-08-15"))


@pytest.mark.parametrize("text, lang", [
    ("Kā zināms, Lietuvas valdība ir izsludinājusi ārkārtējo situāciju pie Lietuvas–Baltkrievijas robežas.", "lv"),
    ("As previously reported, Lithuania declared a state of emergency on the Lithuania-Belarus border.", "en"),
])
def test_earlier_news_recounted_is_not_dated_by_the_publication_day(gaz, text, lang):
    """"Kā zināms, ...", "As previously reported, ...": what the sentence tells with no date of its
    own happened on an earlier day the text does not give; told plainly, it is the day's news."""
    (event,) = parse_text(text, gaz, lang, published="2021-08-09").events
    assert (event.date_start, event.date_end, event.date_relation) == (None, None, "unknown")
    plain = text.split(", ", 1)[1]
    (event,) = parse_text(plain[0].upper() + plain[1:], gaz, lang, published="2021-08-09").events
    assert (event.date_start, event.date_relation) == (D("2021-08-09"), "publication")


# --- the marker where it happened: what the grown development set showed -----------------

@pytest.mark.parametrize("text, lang", [
    ("Lithuanian border guards turned away 180 migrants in the past day, forcing them back into Belarus.", "en"),
    ("Lietuvas robežsargi vakar neielaida 180 migrantus, liekot tiem atgriezties atpakaļ uz Baltkrieviju.", "lv"),
], ids=["en-back-into", "lv-atpakal-uz"])
def test_a_pushback_back_into_a_country_is_at_its_border_not_in_it(gaz, text, lang):
    event = one(parse_text(text, gaz, lang, published="2021-10-29"), persons=180)
    assert event.event_type == "pushback" and event.position.id == "lt-by-border"


@pytest.mark.parametrize("text, lang", [
    ("Vakar Pāternieku robežkontroles punktā ieceļošana Latvijā liegta vienam Krievijas pilsonim.", "lv"),
    ("Yesterday guards refused entry to one Russian citizen at the Pāternieki border crossing point.", "en"),
], ids=["lv", "en"])
def test_a_crossing_point_the_gazetteer_lacks_is_at_the_settlement_it_is_named_after(gaz, text, lang):
    event = one(parse_text(text, gaz, lang, published="2021-10-29"), persons=1)
    assert event.event_type == "pushback"
    assert event.position.name == "Pāternieki" and event.position.geo_precision == 1  # not Latvia


@pytest.mark.parametrize("text, lang, want", [
    ("Vakar 50 migrantiem izdevies ielauzties Polijā pie Kuzņicas.", "lv", ("border_crossing", 50)),
    ("Vakar pie Kuzņicas jau ir notverti 22 Irākas pilsoņi.", "lv", ("detention", 22)),
    ("Vakar mēģinājums ielauzties Polijā pie Kuzņicas bijis neveiksmīgs.", "lv", ("pushback", None)),
    ("Vakar robežas pārkāpums noticis Šalčininku rajonā.", "lv", ("border_crossing", None)),
    ("Yesterday about 100 migrants tried to force the border near Kuźnica.", "en", ("border_crossing", 100)),
    ("Yesterday 50 migrants attempted to break through the border near Kuźnica.", "en", ("border_crossing", 50)),
], ids=["lv-ielauzties", "lv-notverti", "lv-neveiksmigs", "lv-robezas-parkapums", "en-force-the-border",
        "en-break-through"])
def test_incidents_told_in_other_words(gaz, text, lang, want):
    parse = parse_text(text, gaz, lang, published="2021-11-15")
    assert [(e.event_type, e.persons) for e in parse.events] == [want]
    assert parse.events[0].position.type != "country"  # the village or the district named


@pytest.mark.parametrize("text, lang, border", [
    ("On 2 October attempts to cross the Polish-Belarusian border took place in areas guarded by border "
     "posts in Lipsk, Kuźnica, Krynki and Narewka.", "en", "pl-by-border"),
    ("2. oktobrī 30 cilvēki mēģināja šķērsot Latvijas–Baltkrievijas robežu pie Silenes, Kaplavas un Piedrujas.",
     "lv", "lv-by-border"),
], ids=["en", "lv"])
def test_a_list_of_settlements_along_a_border_is_that_border(gaz, text, lang, border):
    [event] = parse_text(text, gaz, lang, published="2021-10-03").events
    assert event.position.id == border  # not the first settlement of the list


@pytest.mark.parametrize("text, lang", [
    ("On 2 October 50 migrants were detained in Krynki near the Polish-Belarusian border.", "en"),
    ("2. oktobrī 30 cilvēki mēģināja šķērsot Latvijas–Baltkrievijas robežu pie Silenes.", "lv"),
], ids=["en", "lv"])
def test_one_settlement_at_a_border_is_the_settlement(gaz, text, lang):
    [event] = parse_text(text, gaz, lang, published="2021-10-03").events
    assert event.position.type == "village"


@pytest.mark.parametrize("text, lang", [
    ("Thousands of migrants are camped in Belarus. On 15 November about 100 migrants tried to cross into "
     "Poland near the village of Zzyzxowo.", "en"),
    ("Baltkrievijā uzturas tūkstošiem migrantu. 15. novembrī ap 100 migrantu mēģināja iekļūt Polijā pie "
     "Zzyzxovas ciema.", "lv"),
], ids=["en", "lv"])
def test_a_village_the_gazetteer_lacks_puts_the_incident_at_the_border_not_mid_country(gaz, text, lang):
    event = one(parse_text(text, gaz, lang, published="2021-11-16"), persons=100)
    assert event.position.id == "pl-by-border" and event.place_from_context


@pytest.mark.parametrize("text, lang, where", [
    ("On 15 November about 100 migrants tried to cross into Poland near Krynki.", "en", "Krynki"),
    ("15. novembrī ap 100 migrantu mēģināja iekļūt Latvijā netālu no Silenes.", "lv", "Silene"),
    ("15. novembrī Skrudalienas pagastā netālu no Daugavpils aizturēja 12 migrantus.", "lv", "Skrudaliena parish"),
], ids=["en-near-krynki", "lv-netalu-no-silenes", "lv-parish-before-near-city"])
def test_a_reference_point_comes_after_where_it_happened_but_before_a_country(gaz, text, lang, where):
    [event] = parse_text(text, gaz, lang, published="2021-11-16").events
    assert event.position.name == where


@pytest.mark.parametrize("text, lang", [
    ("Vakar 50 migrantiem izdevies ielauzties Polijā. Tas noticis pie Kuzņicas. 22 Irākas pilsoņi jau ir notverti.", "lv"),
    ("Yesterday 50 migrants broke into Poland. It happened near Kuźnica. 22 migrants from Iraq were detained.", "en"),
], ids=["lv-tas-noticis", "en-it-happened"])
def test_where_it_happened_told_next_places_the_incident_before_and_carries_on(gaz, text, lang):
    parse = parse_text(text, gaz, lang, published="2021-11-16")
    assert [(e.event_type, e.persons, e.position.name) for e in parse.events] == [
        ("border_crossing", 50, "Kuźnica"), ("detention", 22, "Kuźnica")]
    assert parse.events[0].quote_end > text.index(". ") + 2  # the quote goes on to where


@pytest.mark.parametrize("text, lang", [
    ("Vakar 50 migrantiem izdevies no Baltkrievijas ielauzties Polijā. Tas noticis pie Dubičes Cerkevnes.", "lv"),
    ("Yesterday 50 migrants broke into Poland from Belarus. It happened near Stara Kamionka.", "en"),
], ids=["lv-unknown-village", "en-unknown-village"])
def test_where_it_happened_at_a_village_the_gazetteer_lacks_is_the_border_section(gaz, text, lang):
    [event] = parse_text(text, gaz, lang, published="2021-11-16").events
    assert event.position.name == "Poland–Belarus border" and event.place_from_context


def test_where_it_happened_is_taken_only_when_finer_and_in_the_same_country(gaz):
    text = "Vakar 50 migrantiem izdevies ielauzties Polijā pie Kuzņicas. Tas noticis Polijā."
    [event] = parse_text(text, gaz, "lv", published="2021-11-16").events
    assert event.position.name == "Kuźnica"


@pytest.mark.parametrize("text, lang, near", [
    ("Yesterday 30 migrants crossed the Lithuanian-Belarusian border in the section guarded by the Varėna "
     "border team.", "en", "Varėna"),
    ("Vakar Valsts robežsardzes Daugavpils pārvaldes robežsargi uz Latvijas–Baltkrievijas robežas aizturēja "
     "11 migrantus.", "lv", "Daugavpils"),
], ids=["en-varena-team", "lv-daugavpils-parvalde"])
def test_a_border_section_is_where_the_line_passes_the_place_named(gaz, text, lang, near):
    [event] = parse_text(text, gaz, lang, published="2021-10-29").events
    whole = gaz.places[event.position.id]
    assert whole.type == "border" and event.area_id == whole.id  # the whole line is its area
    assert event.position.name == f"{whole.name} near {near}"
    seat = next(p for p in gaz.places.values() if p.name == near and p.type in ("town", "city"))
    assert km(event.position.lat, event.position.lon, seat.lat, seat.lon) < 30  # by the seat, on the line
    assert (event.position.lat, event.position.lon) != (whole.lat, whole.lon)


def test_a_seat_far_from_the_line_names_no_section(gaz):
    text = "Vakar Valsts robežsardzes Ludzas pārvaldes robežsargi uz Latvijas–Baltkrievijas robežas aizturēja 11 migrantus."
    [event] = parse_text(text, gaz, "lv", published="2021-10-29").events
    assert event.position.id == "lv-by-border" and event.position.name == "Latvia–Belarus border"


@pytest.mark.parametrize("text, lang", [
    ("Yesterday guards detained 9 people near Krynki and 22 others near Narewka.", "en"),
    ("Vakar robežsargi aizturēja 9 cilvēkus pie Krinkiem un 22 citus pie Narevkas.", "lv"),
], ids=["en", "lv"])
def test_people_counted_somewhere_else_are_another_incident(gaz, text, lang):
    parse = parse_text(text, gaz, lang, published="2021-10-29")
    assert [(e.persons, e.position.name) for e in parse.events] == [(9, "Krynki"), (22, "Narewka")]


@pytest.mark.parametrize("text, lang", [
    ("Vakar Krāslavas novadā aizturēja 13 ārzemniekus un divus pārvietotājus.", "lv"),
    ("Yesterday guards detained 20 migrants and 5 smugglers in Krynki.", "en"),
], ids=["lv", "en"])
def test_two_kinds_of_people_at_one_place_are_one_incident(gaz, text, lang):
    assert len(parse_text(text, gaz, lang, published="2021-10-29").events) == 1


def test_a_count_commented_by_a_comparison_is_an_incident_and_a_bare_comparison_is_not(gaz):
    counted = ("Over 4,000 migrants have been detained on the Lithuanian-Belarusian border since the beginning "
               "of the year, 50 times more than in 2020.")
    [event] = parse_text(counted, gaz, "en", published="2021-10-29").events
    assert (event.event_type, event.persons, event.position.id) == ("detention", 4000, "lt-by-border")
    bare = "This is more illegal border crossings into Latvia than in 2020."
    assert parse_text(bare, gaz, "en", published="2021-10-29").events == []


@pytest.mark.parametrize("text, lang", [
    ("Lietuva novērsusi jaunus mēģinājumus nelegāli šķērsot robežu, piektdien paziņoja robežsardze.\n\n"
     "Ceturtdienas vakarā pie Medininku ciema robežsargi izjaukuši aptuveni 40 migrantu centienus iekļūt Lietuvā.", "lv"),
    ("Over the past day, there have been more than 50 attempts to break through the Polish border from Belarus.\n\n"
     "It is noted that attempts to illegally cross the Polish-Belarusian border took place near Kuznica.", "en"),
], ids=["lv", "en"])
def test_a_lead_and_the_account_that_counts_its_people_are_one_incident(gaz, text, lang):
    [event] = parse_text(text, gaz, lang, published="2021-11-12").events
    assert event.persons in (40, 50)


@pytest.mark.parametrize("text, lang", [
    ("Guards detained 20 migrants near Kuznica on Monday. Another group was detained near Krynki.", "en"),
    ("Pirmdien robežsargi pie Kuznicas aizturēja 20 migrantus. Vēl viena grupa tika aizturēta pie Krinkiem.", "lv"),
], ids=["en", "lv"])
def test_a_second_account_that_says_it_is_another_stays_its_own_incident(gaz, text, lang):
    assert len(parse_text(text, gaz, lang, published="2021-11-12").events) == 2


@pytest.mark.parametrize("text, lang", [
    ("Baltkrievijas robežsargs nelikumīgi šķērsoja Lietuvas robežu Šalčininku rajonā.\n\n"
     "Robežsargs nelikumīgi šķērsoja robežu, sacīja VSAT vadītājs.", "lv"),
    ("A Belarusian border guard illegally crossed the Lithuanian border in the Šalčininkai district.\n\n"
     "The guard illegally crossed the border, the head of the service said.", "en"),
], ids=["lv", "en"])
def test_a_text_with_no_date_keeps_its_first_incident_undated_and_not_its_retelling(gaz, text, lang):
    [event] = parse_text(text, gaz, lang).events
    assert event.event_type == "border_crossing" and event.date_start is None and event.quote_start == 0


@pytest.mark.parametrize("text, lang", [
    ("The Border Guard recorded 33,000 attempts to cross the border from Belarus into Poland. "
     "October saw 17,300 attempts, September 7,700 and August 3,500.", "en"),
    ("Robežsargi novērsuši 3000 migrantu mēģinājumus nelikumīgi šķērsot robežu no Baltkrievijas uz Poliju. "
     "Oktobrī bija 1700 migrantu, septembrī 770 un augustā 350.", "lv"),
], ids=["en-monthly-figures", "lv-monthly-figures"])
def test_dated_counts_with_no_act_word_of_their_own_are_more_of_the_figure_before(gaz, text, lang):
    events = parse_text(text, gaz, lang).events  # no publication date: the months have no year
    assert len(events) == 4
    assert len({(e.event_type, e.position.id) for e in events}) == 1  # the same kind, where the total was
    assert [e.persons for e in events][1:] == ([17300, 7700, 3500] if lang == "en" else [1700, 770, 350])


def test_a_count_with_no_date_and_no_act_word_is_not_more_of_the_same(gaz):
    text = "The Border Guard recorded 300 attempts to cross the border from Belarus into Poland. Some 40 journalists came."
    assert [e.persons for e in parse_text(text, gaz, "en").events] == [300]
