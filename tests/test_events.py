"""Tests of geo.events (through geo.pipeline): typed, dated, placed events with their quotes."""

from __future__ import annotations

import re
from datetime import date

import pycountry
import pytest

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


def test_a_count_too_far_from_any_date_gives_no_event(gaz):
    filler = " ".join(f"Teikums {n} bez datuma." for n in range(6))
    near = parse_text(f"2022. gada 3. martā notika sanāksme. {filler[:44]} Latvijā ielaistas 7 personas.", gaz)
    far = parse_text(f"2022. gada 3. martā notika sanāksme. {filler} Latvijā ielaistas 7 personas.", gaz)
    assert [(e.persons, e.date_start, e.date_from_context) for e in near.events] == [(7, D("2022-03-03"), True)]
    assert far.events == []


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
        assert (event.quote_start, event.quote_end) in sentence_spans
        assert event.date_start <= event.date_end
        for span in event.spans:
            assert text[span["start"]:span["end"]] == span["surface"], span
            assert span["kind"] in ("place", "date", "count")
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
