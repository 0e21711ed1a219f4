"""The event figures on the real-text development set (tests/fixtures/real/), held to floors.

The issue's targets are recall ≥ 0.85, date ≥ 0.85, place ≥ 0.85, persons ≥ 0.90 and
precision ≥ 0.90. With general rules (no rule written for a sentence of the set) the figures
reached, less a small margin, are asserted here; where they are under the targets the test
says so instead of pretending:
- Three Latvian texts (lv_01, lv_04, lv_06) have no publication date in their sidecars and
  lv_05 only its month ("2021-08", as its stored copy gives it). lv_01 (the title's year) and
  lv_06 (the years it states, with the weekday) are dated by their lede's weekday-named day;
  lv_05 by its month, which gives "Svētdien, 15. augustā" its year, and then by that lede's
  day. lv_04 states no year anywhere and its source no date: its dates cannot be known from
  the text. Its incidents are kept with no date (`date_relation` "unknown") rather than
  dropped, so they count for recall and against date accuracy (5 of the 9 date misses; the
  annotator dated them from the context). The English half has every publication date or
  year it needs.
- The other date misses: a background fact with no date of its own ("Lithuania declared a
  state of emergency": gold unknown) takes the publication day, as an undated incident of a
  news text does (one that opens by recounting earlier news — "Kā zināms, ...", "As
  previously reported, ..." — is kept with its date unknown); "the police said on
  Wednesday" of a body found "yesterday" in a later paragraph whose place is not found yet;
  "kopš ārkārtējās situācijas ieviešanas ... 25 cilvēkiem, savukārt šogad ... 377" dates the
  25 by the "šogad" of the other side (giving the first side no date drops the event, whose
  place is only from context).
- Counts of cases ("321 gadījumā") are events with no persons; an attempt and its repelling
  told in turn are one incident; a decision pointed back to ("šāds lēmums") is told again.
- Place accuracy also depends on place finding (the `places` branch): "near the Latvian
  border", "Podlaskie province", "Usnarz Górny" are not found yet.

The set grew from 22 to 30 texts (lv_11–lv_14, en_13–en_16: 35 more gold events) so that it
samples the language more broadly, as the held-out set showed the rules reading unseen texts
less well (recall 0.77, place 0.57 there). The new texts brought the figures down, and the
floors below are what the grown set reaches, not what the old one did: recall and precision
were then under the issue's targets on the whole set, and recall and persons (0.896) on the
English half. What the
new texts show: reports with no date and no year at all (en_13, lv_13, lv_14: their
incidents are dated null in the gold), incidents told with words the tables did not hold
("izdevies ielauzties", "notverti", "ienāk ... teritorijā", "tried to force the border"),
the place of a pushback that returns people "back into Belarus" (the border, not Belarus),
entry refusals at border crossing points the gazetteer lacks, several incidents in one
sentence ("nine ... and 22 others in the area of the Bialowieza forest"). Grown, the set read
recall 0.78, precision 0.88, date 0.81, place 0.82; general rules of where an incident is (a
pushback "back into Belarus" at the border, a crossing point at its settlement, a list of
posts along a border at the border, a village the gazetteer lacks at the border section, "it
happened near X" placing the incident before, border sections by a named seat) and words of
incidents brought them to 0.83, 0.90, 0.82, 0.83 (persons 0.96).

Then (issue #10, from recall 0.83, precision 0.89, date 0.87, place 0.84 with the dates
branch): a lead with no count and no date but its report's day and the next account of its
type that counts the people are one incident ("Polija novērsusi jaunus mēģinājumus ...,
piektdien vēsta PAP" + "... aptuveni 35 cilvēku grupu ..."; "more than 50 attempts ..." +
"attempts ... took place in areas guarded by ..."); a text with no date at all keeps its first
incident undated even with no count (lv_13's border guard; later uncounted undated incidents
of such a text are still dropped: kept, they were mostly retellings, and precision fell to
0.83); "abi"/"abiem"/"both" count two. Now recall 0.8496 (96 of 113: just under the target),
precision 0.92 (meets it), date 0.875, place 0.844 (under), persons 0.96; English recall
0.825 and precision 0.897 (both under), persons 0.94; Latvian recall 0.88, precision 0.96,
persons 0.98 (lv_13's guard is one person, told as "robežsargs" with no number). What is
left: places the gazetteer lacks with no offline source for their coordinates (Terehova,
Dubicze Cerkiewne, Połowce, Białowieża Forest: 6 place misses), two-word and hyphenated names
after a preposition ("pie Dubičes Cerkevnes", "Klukovičes-Kolonija"), monthly figures listed
after a total ("October saw 17,300 attempts, September 7,700 and August 3,500"), a regime
declared in several municipalities placed at the first of them, not at the border strip.

Then: an unknown two-word name after a spatial preposition is one proposed span ("pie Dubičes
Cerkevnes", "in Stara Kamionka"), and "Tas noticis pie ..."/"It happened near ..." naming a
village the gazetteer lacks puts an incident at a border at its country's border section
with the other country it named (lv_14's crossing and its detainees); "September 7,700" is a
month and a count, not 7 September; dated counts in a sentence with no act word and no place
of its own are more of the figure before, where it was ("October saw 17,300 attempts,
September 7,700 and August 3,500" after "... recorded over 33,000 attempts to illegally enter
Poland"; a month with no year dates its clause too). Now every target is met on the whole set
and on the English half: recall 0.876 (99 of 113), precision 0.925, date 0.879, place 0.859,
persons 0.96; English recall 0.873, precision 0.902, place 0.855; Latvian recall 0.88, place
0.86 (Latvian date, 0.80, is under: lv_04 states no year). What is left: "Klukovičes-Kolonija"
(its second part is a gazetteer form) and its uncounted, undated failed attempt; "5,300 of
them in November" (a count of the noun before, "of them"); en_14's "over 180 ... 186" (one
incident told twice); "22 Iraqis" (nationality nouns as the counted people).
"""

from __future__ import annotations

import pytest

from tests.real import events as scorer

TARGETS = {"recall": 0.85, "date": 0.85, "place": 0.85, "persons": 0.90, "precision": 0.90}
MARGIN = 0.03
# the best each figure has reached with general rules (see the module docstring), per half and
# overall; a floor never goes down for a tuning change. (English date was 0.97 with a rule that
# undated events abroad are background: it was taken out as not general — a report about a
# neighbour's incidents of the day lost their date — and the figure is 0.93 without it.)
REACHED = {
    "en": {"recall": 0.87, "precision": 0.90, "date": 0.94, "place": 0.85, "persons": 0.94, "type": 0.94},
    "lv": {"recall": 0.88, "precision": 0.95, "date": 0.79, "place": 0.86, "persons": 1.00, "type": 0.98},
    "all": {"recall": 0.87, "precision": 0.92, "date": 0.87, "place": 0.85, "persons": 0.96, "type": 0.96},
}


@pytest.fixture(scope="module")
def scores():
    per_text, overall = scorer.score_all()
    halves = {lang: scorer.total([s for s in per_text if s.name.startswith(lang + "_")], lang)
              for lang in ("en", "lv")}
    return {**halves, "all": overall}


def test_the_development_set_is_there():
    names = [p.stem for p in scorer.texts()]
    assert sum(n.startswith("en_") for n in names) >= 16
    assert sum(n.startswith("lv_") for n in names) >= 14
    for path in scorer.texts():  # the gold spans point into the texts
        import json
        text = path.read_text(encoding="utf-8")
        for e in json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))["events"]:
            assert 0 <= e["start"] < e["end"] <= len(text)


@pytest.mark.parametrize("half", ["en", "lv", "all"])
@pytest.mark.parametrize("figure", ["recall", "precision", "date", "place", "persons", "type"])
def test_figures_hold(scores, half, figure):
    if half == "lv" and not any(p.stem.startswith("lv_") for p in scorer.texts()):
        pytest.skip("no Latvian texts in the development set yet")
    assert scores[half].rate(figure) >= REACHED[half][figure] - MARGIN


@pytest.mark.parametrize("figure", ["recall", "precision", "date", "place", "persons"])
def test_english_half_meets_the_issue_s_targets(scores, figure):
    assert scores["en"].rate(figure) >= TARGETS[figure]


@pytest.mark.parametrize("figure", ["recall", "precision", "date", "place", "persons"])
def test_the_whole_set_meets_the_issue_s_targets(scores, figure):
    assert scores["all"].rate(figure) >= TARGETS[figure]


def test_matching_is_one_to_one_and_prefers_the_same_type():
    gold = [{"start": 0, "end": 50, "event_type": "pushback"}, {"start": 0, "end": 50, "event_type": "detention"}]
    system = [{"quote_start": 0, "quote_end": 50, "event_type": "detention"}]
    assert scorer.match(system, gold) == [(system[0], gold[1])]


def test_date_and_place_rules():
    gold = {"date_start": None, "date_end": "2021-08-15"}
    assert scorer.date_right({"date_start": "2021-08-15", "date_end": "2021-08-15"}, gold)
    assert not scorer.date_right({"date_start": "2021-08-15", "date_end": "2021-08-16"}, gold)
    near = {"place": "Silene", "lat": 55.74, "lon": 26.78, "geo_precision": 1}
    assert scorer.place_right({"lat": 55.80, "lon": 26.80, "place_name": "x"}, near)
    assert not scorer.place_right({"lat": 56.80, "lon": 26.80, "place_name": "x"}, near)
    nowhere = {"place": None, "country": "LV", "lat": None}
    assert scorer.place_right({"country": "LV"}, nowhere)
