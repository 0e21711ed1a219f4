"""Tests of geo.dates: Latvian and English temporal expressions normalised to date intervals."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from geo.model import DAY, MONTH, SEASON_OR_YEAR, WEEK
from geo.text import language
from geo.text.dates import (
    find_dates,
    publication,
    parse_date,
    validate_language,
)

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_bf6ecbb1fa1d973a.txt"
D = date.fromisoformat
NBSP, NNBSP = "\u00a0", "\u202f"


def only(text: str, lang: str = "lv", **kw):
    """The single mention in `text` (fails when there are none or several)."""
    found = find_dates(text, lang, **kw)
    assert len(found) == 1, [m.surface for m in found]
    m = found[0]
    assert text[m.start:m.end] == m.surface
    return m


def iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


# (sentence, surface, date_start, date_end, precision, relation); default_year=2021 unless stated
LV_CASES = [
    ("Robežsargi 2021. gada 4. augustā aizturēja 12 personas.", "2021. gada 4. augustā", "2021-08-04", "2021-08-04", DAY, "on"),
    ("Tas notika 2021.gada 4.augustā pie Silenes.", "2021.gada 4.augustā", "2021-08-04", "2021-08-04", DAY, "on"),
    ("Ziņojums publicēts 2021. g. 4. augustā.", "2021. g. 4. augustā", "2021-08-04", "2021-08-04", DAY, "on"),
    ("Lēmums pieņemts 04.08.2021. vakarā.", "04.08.2021", "2021-08-04", "2021-08-04", DAY, "on"),
    ("Sēde notika 4.08.2021 Rīgā.", "4.08.2021", "2021-08-04", "2021-08-04", DAY, "on"),
    ("Skatīts: 2021-08-04.", "2021-08-04", "2021-08-04", "2021-08-04", DAY, "on"),
    ("Vēl divus cilvēkus aizturēja 7. augustā.", "7. augustā", "2021-08-07", "2021-08-07", DAY, "on"),
    ("Naktī uz 10. augustu aizturēja vēl 65 cilvēkus.", "Naktī uz 10. augustu", "2021-08-09", "2021-08-10", DAY, "night"),
    ("Robežu šķērsoja naktī no 12. uz 13. septembri.", "naktī no 12. uz 13. septembri", "2021-09-12", "2021-09-13", DAY, "night"),
    ("2021. gada novembrī situācija saasinājās.", "2021. gada novembrī", "2021-11-01", "2021-11-30", MONTH, "on"),
    ("Operācija sākās 2022. gada jūlijā.", "2022. gada jūlijā", "2022-07-01", "2022-07-31", MONTH, "on"),
    ("Lietuvā spiediens mazinājās oktobrī.", "oktobrī", "2021-10-01", "2021-10-31", MONTH, "on"),
    ("2022. gada marta vidū plūsma samazinājās.", "2022. gada marta vidū", "2022-03-11", "2022-03-20", WEEK, "on"),
    ("Žogu sāka būvēt augusta sākumā.", "augusta sākumā", "2021-08-01", "2021-08-10", WEEK, "on"),
    ("Telts tika nojaukta februāra beigās.", "februāra beigās", "2021-02-21", "2021-02-28", WEEK, "on"),
    ("Ziņojums tapa 2022. gada septembra pirmajā pusē.", "2022. gada septembra pirmajā pusē", "2022-09-01", "2022-09-15", WEEK, "on"),
    ("2023. gada vasarā ieradās algotņi.", "2023. gada vasarā", "2023-06-01", "2023-08-31", SEASON_OR_YEAR, "on"),
    ("Mežos 2021. gada rudenī bija auksts.", "2021. gada rudenī", "2021-09-01", "2021-11-30", SEASON_OR_YEAR, "on"),
    ("Pavasarī robeža bija klusa.", "Pavasarī", "2021-03-01", "2021-05-31", SEASON_OR_YEAR, "on"),
    ("2022. gada ziemā migranti sala.", "2022. gada ziemā", "2022-12-01", "2023-02-28", SEASON_OR_YEAR, "on"),
    ("2022. gadā pārkāpumu bija mazāk.", "2022. gadā", "2022-01-01", "2022-12-31", SEASON_OR_YEAR, "on"),
    ("Žogu pabeidza 2024. gada sākumā.", "2024. gada sākumā", "2024-01-01", "2024-03-31", SEASON_OR_YEAR, "on"),
    ("Ārkārtējā situācija ilga līdz 2021. gada 10. novembrim.", "līdz 2021. gada 10. novembrim", None, "2021-11-10", DAY, "until"),
    ("Krīze apsīka līdz 2023. gada vasarai.", "līdz 2023. gada vasarai", None, "2023-08-31", SEASON_OR_YEAR, "until"),
    ("Kopš 2021. gada augusta vidus izplatīja melus.", "Kopš 2021. gada augusta vidus", "2021-08-11", None, WEEK, "from"),
    ("Patruļas notiek kopš 2022. gada.", "kopš 2022. gada", "2022-01-01", None, SEASON_OR_YEAR, "from"),
    ("Mācības notika no 7. līdz 9. augustam.", "no 7. līdz 9. augustam", "2021-08-07", "2021-08-09", DAY, "between"),
    ("Mācības notika 2021. gada 7.–9. augustā.", "2021. gada 7.–9. augustā", "2021-08-07", "2021-08-09", DAY, "between"),
    ("Uzbrukumi notika starp 7. un 9. augustu.", "starp 7. un 9. augustu", "2021-08-07", "2021-08-09", DAY, "between"),
    ("Mācības ilga no 5. augusta līdz 7. septembrim.", "no 5. augusta līdz 7. septembrim", "2021-08-05", "2021-09-07", DAY, "between"),
    ("Sēde notika 4. aug. Daugavpilī.", "4. aug.", "2021-08-04", "2021-08-04", DAY, "on"),
    ("Pieplūdums pieauga augusta otrajā pusē.", "augusta otrajā pusē", "2021-08-16", "2021-08-31", WEEK, "on"),
    ("Migranti sala 2021./2022. gada ziemā.", "2021./2022. gada ziemā", "2021-12-01", "2022-02-28", SEASON_OR_YEAR, "on"),
    ("Robeža ir slēgta kopš augusta.", "kopš augusta", "2021-08-01", None, MONTH, "from"),
    ("Situācija saglabāsies līdz vasarai.", "līdz vasarai", None, "2021-08-31", SEASON_OR_YEAR, "until"),
    ("Robeža bija slēgta no 2021. gada augusta līdz 2022. gada martam.",
     "no 2021. gada augusta līdz 2022. gada martam", "2021-08-01", "2022-03-31", MONTH, "between"),
]

EN_CASES = [
    ("Guards detained 12 people on 4 August 2021.", "4 August 2021", "2021-08-04", "2021-08-04", DAY, "on"),
    ("The ministry said on August 4, 2021 that the camp was full.", "August 4, 2021", "2021-08-04", "2021-08-04", DAY, "on"),
    ("More arrived on 10 August.", "10 August", "2021-08-10", "2021-08-10", DAY, "on"),
    ("The fence was finished on the 4th of August.", "4th of August", "2021-08-04", "2021-08-04", DAY, "on"),
    ("Accessed 2022-03-25.", "2022-03-25", "2022-03-25", "2022-03-25", DAY, "on"),
    ("Numbers fell in mid-March 2022.", "mid-March 2022", "2022-03-11", "2022-03-20", WEEK, "on"),
    ("Pushbacks began in early August 2021.", "early August 2021", "2021-08-01", "2021-08-10", WEEK, "on"),
    ("Pushbacks peaked in late August 2021.", "late August 2021", "2021-08-21", "2021-08-31", WEEK, "on"),
    ("Camps were cleared at the end of November.", "end of November", "2021-11-21", "2021-11-30", WEEK, "on"),
    ("Mercenaries arrived in the summer of 2023.", "summer of 2023", "2023-06-01", "2023-08-31", SEASON_OR_YEAR, "on"),
    ("Summer 2023 brought new tension.", "Summer 2023", "2023-06-01", "2023-08-31", SEASON_OR_YEAR, "on"),
    ("People froze during winter 2021.", "winter 2021", "2021-12-01", "2022-02-28", SEASON_OR_YEAR, "on"),
    ("The report came out in November 2021.", "November 2021", "2021-11-01", "2021-11-30", MONTH, "on"),
    ("The report came out in November.", "November", "2021-11-01", "2021-11-30", MONTH, "on"),
    ("Fewer crossings were recorded in 2022.", "2022", "2022-01-01", "2022-12-31", SEASON_OR_YEAR, "on"),
    ("Construction resumed in early 2022.", "early 2022", "2022-01-01", "2022-03-31", SEASON_OR_YEAR, "on"),
    ("Clashes took place between 7 and 9 August.", "between 7 and 9 August", "2021-08-07", "2021-08-09", DAY, "between"),
    ("Drills ran from 7 to 9 August 2021.", "from 7 to 9 August 2021", "2021-08-07", "2021-08-09", DAY, "between"),
    ("Drills ran 7–9 August.", "7–9 August", "2021-08-07", "2021-08-09", DAY, "between"),
    ("Propaganda spread since mid-August 2021.", "since mid-August 2021", "2021-08-11", None, WEEK, "from"),
    ("The emergency lasted until 10 November 2021.", "until 10 November 2021", None, "2021-11-10", DAY, "until"),
    ("The wall should be done by the end of 2023.", "by the end of 2023", None, "2023-12-31", SEASON_OR_YEAR, "until"),
    ("On the night of 9 to 10 August 65 people crossed.", "the night of 9 to 10 August", "2021-08-09", "2021-08-10", DAY, "night"),
    ("Shots were heard on the night of 9 August.", "the night of 9 August", "2021-08-09", "2021-08-10", DAY, "night"),
    ("Arrivals rose in August–October 2021.", "August–October 2021", "2021-08-01", "2021-10-31", MONTH, "between"),
    ("The fence was built from 2021 to 2023.", "from 2021 to 2023", "2021-01-01", "2023-12-31", SEASON_OR_YEAR, "between"),
    ("Talks ran from August 2021 until March 2022.", "from August 2021 until March 2022", "2021-08-01", "2022-03-31", MONTH, "between"),
    ("Patrols were reinforced during May 2021.", "May 2021", "2021-05-01", "2021-05-31", MONTH, "on"),
    ("Guards fired shots overnight into 10 August.", "overnight into 10 August", "2021-08-09", "2021-08-10", DAY, "night"),
]


@pytest.mark.parametrize(("lang", "case"), [("lv", c) for c in LV_CASES] + [("en", c) for c in EN_CASES])
def test_each_form_is_found_and_normalised(lang, case):
    text, surface, start, end, precision, relation = case
    m = only(text, lang, default_year=2021)
    assert (m.surface, iso(m.date_start), iso(m.date_end), m.precision, m.relation) == (
        surface, start, end, precision, relation)


@pytest.mark.parametrize("text", [
    "2021. gada 4. augustā", "2021.gada 4.augustā", "2021." + NBSP + "gada" + NBSP + "4." + NBSP + "augustā",
    "2021." + NNBSP + "gada 4." + NNBSP + "augustā", "2021. gada\n4. augustā",
])
def test_any_whitespace_or_none_between_tokens(text):
    m = only(f"Aizturēti {text}, ziņo robežsardze.")
    assert m.date_start == m.date_end == D("2021-08-04")
    assert m.surface == text


def test_year_carries_over_from_the_last_explicit_year():
    text = "2021. gada 4. augustā aizturēja 12, 5. augustā — 2. 2023. gada vasarā ieradās algotņi; 3. augustā brīdināja."
    found = find_dates(text)
    assert [(m.surface, m.date_start, m.year_inferred) for m in found] == [
        ("2021. gada 4. augustā", D("2021-08-04"), False),
        ("5. augustā", D("2021-08-05"), True),
        ("2023. gada vasarā", D("2023-06-01"), False),
        ("3. augustā", D("2023-08-03"), True),
    ]


def test_default_year_applies_only_without_a_year_in_text():
    first, second = find_dates("5. augustā sākās mācības, 2022. gada 6. augustā beidzās.", default_year=2021)
    assert (first.date_start, first.year_inferred) == (D("2021-08-05"), True)
    assert (second.date_start, second.year_inferred) == (D("2022-08-06"), False)


def test_default_month_puts_later_months_in_the_previous_year():
    m = only("Decembrī robeža tika slēgta.", default_year=2022, default_month=3)
    assert (m.date_start, m.date_end) == (D("2021-12-01"), D("2021-12-31"))
    assert only("Februārī robeža tika slēgta.", default_year=2022, default_month=3).date_start == D("2022-02-01")


def test_mention_without_any_year_is_kept_unnormalised():
    m = only("Naktī uz 10. augustu aizturēja 65 cilvēkus.")
    assert m.surface == "Naktī uz 10. augustu"
    assert (m.date_start, m.date_end, m.precision, m.relation, m.year_inferred) == (None, None, DAY, "night", False)


def test_attribute_year_is_not_an_anchor_and_sets_no_context():
    text = "Saskaņā ar 1951. gada Ženēvas konvenciju 5. augustā lēma par patvērumu."
    attr, day = find_dates(text, default_year=2021)
    assert (attr.surface, attr.anchor, attr.date_start, attr.date_end) == ("1951. gada", False, D("1951-01-01"), D("1951-12-31"))
    assert (day.date_start, day.anchor) == (D("2021-08-05"), True)


def test_scan_window_offsets_point_into_the_whole_text():
    text = "Ievads 2020. gada 1. maijā. Pamatteksts: 7. augustā aizturēja 38 cilvēkus."
    body = text.index("Pamatteksts")
    (m,) = find_dates(text, start=body, default_year=2021)
    assert (m.start, m.surface, text[m.start:m.end]) == (text.index("7. augustā"), "7. augustā", "7. augustā")
    assert m.date_start == D("2021-08-07")  # the year before `start` is outside the scan
    assert find_dates(text, end=body - 2)[0].date_start == D("2020-05-01")


@pytest.mark.parametrize(("lang", "text"), [
    ("lv", "Aizturēja 12 personas, vēlāk 38 un 140."),
    ("lv", "Vairāk nekā 6500 novērsto mēģinājumu."),
    ("lv", "Katrs samaksāja no 10 000 līdz 13 000 eiro."),
    ("lv", "Golubeva: mēs esam gatavi (no 36. minūtes)."),
    ("lv", "Piedzīt vismaz 120 miljonus eiro; 2. pasaules karš; 3. vietā."),
    ("lv", "Avots: https://publications.iom.int/system/files/pdf/iml_34_glossary.pdf"),
    ("lv", "Arhīvs: https://lsm.lv/raksts/2021-08-04/robeza"),
    ("lv", "Augusts Kirhenšteins un Maija Kalniņa runāja ar 1,5 tūkstošiem cilvēku."),
    ("en", "Guards detained 12 people and 6,500 attempts were stopped."),
    ("en", "Each paid from 10,000 to 13,000 euros; between 10 and 20 people waited."),
    ("en", "Arrivals grew by 2000 people; you may 5 times ask."),
])
def test_numbers_are_not_dates(lang, text):
    assert find_dates(text, lang, default_year=2021) == []


@pytest.mark.parametrize("text", ["Tas notika 31. februārī.", "2021. gada 29. februārī", "2021. gada 31. jūnijā"])
def test_impossible_dates_are_not_returned(text):
    assert find_dates(text, default_year=2021) == []


def test_trailing_punctuation_is_not_part_of_the_surface():
    text = "Lēmums: 04.08.2021. Naktī uz 10. augustu, vēlāk augusta beigās."
    assert [m.surface for m in find_dates(text)] == ["04.08.2021", "Naktī uz 10. augustu", "augusta beigās"]


def test_english_month_needs_a_capital_and_marker_words_do_not():
    assert only("Since May 2022 the border was calm.", "en").surface == "Since May 2022"
    assert only("BETWEEN 7 AND 9 August", "en", default_year=2021).date_end == D("2021-08-09")


def test_parse_date_reads_a_whole_string():
    m = parse_date("2022. gada marta vidū")
    assert (m.date_start, m.date_end, m.precision) == (D("2022-03-11"), D("2022-03-20"), WEEK)
    assert parse_date("10 August", "en", default_year=2021).date_start == D("2021-08-10")
    assert parse_date("  4. augustā ", default_year=2021).surface == "4. augustā"
    assert parse_date("4. augustā aizturēja") is None
    assert parse_date("12 personas") is None


SEED_BODY_EXPECTED = [  # (surface, date_start, date_end, precision, relation, year_inferred)
    ("2021. gada 7. jūlijā", "2021-07-07", "2021-07-07", DAY, "on", False),
    ("līdz 2023. gada vasarai", None, "2023-08-31", SEASON_OR_YEAR, "until", False),
    ("2021. gada 4. augustā", "2021-08-04", "2021-08-04", DAY, "on", False),
    ("5. augustā", "2021-08-05", "2021-08-05", DAY, "on", True),
    ("9. augustā", "2021-08-09", "2021-08-09", DAY, "on", True),
    ("7. augustā", "2021-08-07", "2021-08-07", DAY, "on", True),
    ("8. augustā", "2021-08-08", "2021-08-08", DAY, "on", True),
    ("9. augustā", "2021-08-09", "2021-08-09", DAY, "on", True),
    ("Naktī uz 10. augustu", "2021-08-09", "2021-08-10", DAY, "night", True),
    ("līdz 2021. gada 10. novembrim", None, "2021-11-10", DAY, "until", False),
    ("2022. gada marta vidū", "2022-03-11", "2022-03-20", WEEK, "on", False),
    ("Kopš 2021. gada augusta vidus", "2021-08-11", None, WEEK, "from", False),
    ("2021. gada novembrī", "2021-11-01", "2021-11-30", MONTH, "on", False),
    ("2021. gada novembrī", "2021-11-01", "2021-11-30", MONTH, "on", False),
    ("pašlaik", None, None, DAY, "relative_to_publication", False),  # "Mēs pašlaik nevaram pateikt": in a quote
    ("Šodien", None, None, DAY, "relative_to_publication", False),  # in a quote; the seed has no publication date
    ("2022. gada 30. jūnijā", "2022-06-30", "2022-06-30", DAY, "on", False),
    ("2022. gada jūlijā", "2022-07-01", "2022-07-31", MONTH, "on", False),
    ("2023. gada 6. augustā", "2023-08-06", "2023-08-06", DAY, "on", False),
    ("2022. gada 12. oktobrī", "2022-10-12", "2022-10-12", DAY, "on", False),
    ("2023. gada 5. aprīlī", "2023-04-05", "2023-04-05", DAY, "on", False),
    ("2023. gada vasarā", "2023-06-01", "2023-08-31", SEASON_OR_YEAR, "on", False),
    ("3. augustā", "2023-08-03", "2023-08-03", DAY, "on", True),
]


@pytest.fixture(scope="module")
def seed_body() -> tuple[str, int]:
    text = SEED.read_text(encoding="utf-8")
    return text, text.index("LSM. Robežsardzes priekšnieks:")


def test_seed_body_dates(seed_body):
    text, body_end = seed_body
    found = [m for m in find_dates(text, end=body_end) if m.anchor]
    assert all(text[m.start:m.end] == m.surface for m in found)
    got = [(m.surface, iso(m.date_start), iso(m.date_end), m.precision, m.relation, m.year_inferred) for m in found]
    assert got == SEED_BODY_EXPECTED


def test_seed_attribute_years(seed_body):
    text, body_end = seed_body
    attrs = [(m.surface, m.date_start.year, m.precision) for m in find_dates(text, end=body_end) if not m.anchor]
    assert attrs == [("2022. gada", 2022, SEASON_OR_YEAR), ("1951. gada", 1951, SEASON_OR_YEAR)]


def test_seed_numbers_are_never_dates(seed_body):
    text, body_end = seed_body
    spans = [(m.start, m.end) for m in find_dates(text, end=body_end)]
    for number in ["12 personas", "38,", "35,", "140 robež", "65 robež", "6500", "662", "195 personas", "5000",
                   "10 000", "13 000", "120 miljonus"]:
        at = text.index(number)
        assert not any(lo <= at < hi for lo, hi in spans), number


@pytest.mark.parametrize("lang", language.available())
def test_every_data_file_validates_and_compiles(lang):
    data = language.pack(lang).dates
    assert data["lang"] == lang
    assert len(data["months"]) == 12
    find_dates("2021-08-04", lang)  # the grammar compiles and runs


def test_data_file_errors_name_the_file_and_the_key():
    data = dict(language.pack("lv").dates)
    with pytest.raises(ValueError, match=r"xx\.toml: missing key 'months'"):
        validate_language({k: v for k, v in data.items() if k != "months"}, "xx.toml")
    broken = {**data, "parts": [{"stem": "vid", "decl": "us", "days": [11, 20]}]}
    with pytest.raises(ValueError, match=r"xx\.toml: missing key 'parts\[0\]\.months'"):
        validate_language(broken, "xx.toml")
    broken = {**data, "templates": [{"pattern": "{day}.", "use": "sometimes"}]}
    with pytest.raises(ValueError, match=r"xx\.toml: templates\[0\]\.use"):
        validate_language(broken, "xx.toml")
    broken = {**data, "ranges": [{"relation": "from"}]}
    with pytest.raises(ValueError, match=r"xx\.toml: missing key 'ranges\[0\]\.open'"):
        validate_language(broken, "xx.toml")


def test_unknown_language_is_an_error():
    with pytest.raises(ValueError, match="xx"):
        find_dates("4 August 2021", "xx")


@pytest.mark.parametrize("lang, names", [
    ("lv", ["lv_patrol.txt"]),
    ("en", ["en_report.txt", "en_border_news.txt"]),
])
def test_templates_tried_only_where_they_can_begin_find_what_a_full_scan_finds(lang, names, seed_path, fixture_docs_dir):
    # the matcher tries each template only after a digit or a month/season word (a speed-up):
    # it must find exactly the atoms that scanning the text with every template finds
    from geo.text import dates

    texts = [(fixture_docs_dir / n).read_text(encoding="utf-8") for n in names]
    if lang == "lv":
        texts.append(seed_path.read_text(encoding="utf-8"))
    texts.append("Aug. 5, Sept. 4, 2021; 04.08.2021., 2021-08-04, augustā, vasarā, 7.–9. augustam, no 7. līdz 9.")
    grammar = dates._grammar(lang)
    for text in texts:
        full = sorted((m.start(), m.end(), prio) for prio, t in enumerate(grammar.templates)
                      for m in t.regex.finditer(text))
        fast = sorted((a.lo, a.hi, a.prio) for a in dates._atoms(text, 0, len(text), grammar))
        assert fast == full and full


def test_alternatives_branched_by_letter_match_what_the_list_longest_first_matches():
    # a word slot's forms are a trie (one letter at a time, the longer first): inside a larger
    # regex it must match, and give up, as the alternation of the forms sorted longest first
    import re

    from geo.text import dates, patterns

    def listed(words: str) -> str:
        alts = sorted(words.split("|"), key=len, reverse=True)
        return "(?:" + "|".join(r"\s+".join(map(re.escape, alt.split())) for alt in alts) + ")"

    sets = ["augusts|augusta|augustā|aug.|Aug|august", "first|first half|first  week|firsts", "Ab|abc|ABCD", "gada|g.|gadā",
            "no|naktī no|naktī uz|nav"]
    for lang in ("lv", "en"):
        data = language.pack(lang).dates
        for category in dates._WORD_SLOTS.values():
            sets.append("|".join(form for entry in data.get(category, [])
                                 for form, _ in dates._forms(entry, data.get("declensions", {}))))
    afters = ["", r"\b", r"(?!\w)", r"\s*\d", r"[a-z]", r"\.\s+g"]
    for words in filter(None, sets):
        forms = words.split("|")
        texts = [f + tail for f in forms for tail in ("", " 5", "s", ". gada", "  half", "x")]
        texts += [t.upper() for t in texts] + [t.title() for t in texts]
        for after in afters:
            old, new = re.compile(listed(words) + after, re.I), re.compile(patterns.alternatives(words) + after, re.I)
            for text in texts:
                a, b = old.match(text), new.match(text)
                assert (a and a.span()) == (b and b.span()), (words[:40], after, text)
        cased_old, cased_new = re.compile(listed(words)), re.compile(patterns.alternatives(words, fold=False))
        for text in texts:
            a, b = cased_old.match(text), cased_new.match(text)
            assert (a and a.span()) == (b and b.span()), (words[:40], text)


def test_a_template_may_begin_inside_a_longer_word_when_its_space_is_optional():
    # "{month:gen} {part}" matches "augustavidū" (\s* between), as a full scan would find it
    from geo.text import dates

    grammar = dates._grammar("lv")
    for text in ("2021. gada augustavidū", "līdz vasarai2023. gadā"):
        full = sorted((m.start(), m.end(), prio) for prio, t in enumerate(grammar.templates)
                      for m in t.regex.finditer(text))
        assert sorted((a.lo, a.hi, a.prio) for a in dates._atoms(text, 0, len(text), grammar)) == full


# --- dates relative to the publication date, to the date before; other centuries and forms ---

MONDAY = D("2021-08-16")  # a Monday: weekdays count back from it


@pytest.mark.parametrize("text, lang, surface, start, end, precision", [
    ("Pirmdienas rītā robežsargi aizturēja 14 personas.", "lv", "Pirmdienas rītā", "2021-08-16", "2021-08-16", DAY),
    ("Robežsargi piektdien aizturēja 3 personas.", "lv", "piektdien", "2021-08-13", "2021-08-13", DAY),
    ("Otrdienā robeža bija slēgta.", "lv", "Otrdienā", "2021-08-10", "2021-08-10", DAY),
    ("Svētdienas vakarā robežu šķērsoja 5 migranti.", "lv", "Svētdienas vakarā", "2021-08-15", "2021-08-15", DAY),
    ("Vakar aizturēja 7 migrantus.", "lv", "Vakar", "2021-08-15", "2021-08-15", DAY),
    ("Šodien robežsargi aizturēja 2 personas.", "lv", "Šodien", "2021-08-16", "2021-08-16", DAY),
    ("Šonedēļ robežu mēģināja šķērsot 40 cilvēki.", "lv", "Šonedēļ", "2021-08-16", "2021-08-16", WEEK),
    ("Pagājušajā nedēļā aizturēja 90 personas.", "lv", "Pagājušajā nedēļā", "2021-08-09", "2021-08-15", WEEK),
    ("Šogad aizturēti 353 migranti.", "lv", "Šogad", "2021-01-01", "2021-08-16", SEASON_OR_YEAR),
    ("Pērn robežu šķērsoja 12 cilvēki.", "lv", "Pērn", "2020-01-01", "2020-12-31", SEASON_OR_YEAR),
    ("The peak was on Thursday when 101 migrants were turned back.", "en", "Thursday", "2021-08-12", "2021-08-12", DAY),
    ("Guards said on Monday that the border was calm.", "en", "Monday", "2021-08-16", "2021-08-16", DAY),
    ("Yesterday there were 121 attempts to cross the border.", "en", "Yesterday", "2021-08-15", "2021-08-15", DAY),
    ("Lithuania began turning away migrants earlier this week.", "en", "earlier this week", "2021-08-16", "2021-08-16", WEEK),
    ("This year 4000 people crossed.", "en", "This year", "2021-01-01", "2021-08-16", SEASON_OR_YEAR),
    ("Last night 35 migrants crossed the border.", "en", "Last night", "2021-08-15", "2021-08-16", DAY),
    ("Last week 90 people were detained.", "en", "Last week", "2021-08-09", "2021-08-15", WEEK),
], ids=["lv-pirmdienas-rita", "lv-piektdien", "lv-otrdiena", "lv-svetdienas-vakara", "lv-vakar", "lv-sodien",
        "lv-sonedel", "lv-pagajusaja-nedela", "lv-sogad", "lv-pern", "en-on-thursday", "en-on-the-day-itself",
        "en-yesterday", "en-earlier-this-week", "en-this-year", "en-last-night", "en-last-week"])
def test_dates_relative_to_the_publication_date(text, lang, surface, start, end, precision):
    (m,) = [m for m in find_dates(text, lang, published=MONDAY) if m.surface == surface]
    assert (iso(m.date_start), iso(m.date_end), m.precision, m.relation) == (start, end, precision,
                                                                              "relative_to_publication")


@pytest.mark.parametrize("text, lang", [("Vakar aizturēja 7 migrantus.", "lv"), ("On Thursday 5 people crossed.", "en")])
def test_relative_dates_without_a_publication_date_stay_unresolved(text, lang):
    (m,) = find_dates(text, lang, default_year=2021)
    assert (m.date_start, m.date_end, m.relation) == (None, None, "relative_to_publication")


def test_night_to_a_weekday():
    (m,) = find_dates("Naktī uz piektdienu aizturēja 65 robežpārkāpējus.", published=MONDAY)
    assert (iso(m.date_start), iso(m.date_end), m.relation) == ("2021-08-12", "2021-08-13", "night")
    (m,) = find_dates("in the night between Tuesday and Wednesday", "en", published=D("2021-12-08"))
    assert (iso(m.date_start), iso(m.date_end)) == ("2021-12-07", "2021-12-08")


@pytest.mark.parametrize("text, lang, surface, start, end, precision", [
    ("2021. gada 5. augustā aizturēja 12. Nākamajā dienā vēl 3.", "lv", "Nākamajā dienā", "2021-08-06", "2021-08-06", DAY),
    ("2021. gada 5. augustā aizturēja 12. Pēc divām dienām vēl 3.", "lv", "Pēc divām dienām", "2021-08-07", "2021-08-07", DAY),
    ("2021. gada 5. augustā aizturēja 12. Divas dienas vēlāk vēl 3.", "lv", "Divas dienas vēlāk", "2021-08-07", "2021-08-07", DAY),
    ("2021. gada 5. augustā aizturēja 12. Tajā pašā dienā vēl 3.", "lv", "Tajā pašā dienā", "2021-08-05", "2021-08-05", DAY),
    ("On 5 August 2021 guards detained 12. Two days later 3 more.", "en", "Two days later", "2021-08-07", "2021-08-07", DAY),
    ("On 5 August 2021 guards detained 12. The following day 3 more.", "en", "The following day", "2021-08-06", "2021-08-06", DAY),
    ("On 5 August 2021 guards detained 12. A week after, 3 more.", "en", "A week after", "2021-08-12", "2021-08-12", WEEK),
    ("On 19 August 2021 138 people tried to enter in the previous day.", "en", "the previous day", "2021-08-18", "2021-08-18", DAY),
], ids=["lv-nakamaja-diena", "lv-pec-divam-dienam", "lv-divas-dienas-velak", "lv-taja-pasa-diena",
        "en-two-days-later", "en-the-following-day", "en-a-week-after", "en-the-previous-day"])
def test_dates_relative_to_the_date_before(text, lang, surface, start, end, precision):
    (m,) = [m for m in find_dates(text, lang) if m.surface == surface]
    assert (iso(m.date_start), iso(m.date_end), m.precision, m.relation) == (start, end, precision,
                                                                              "relative_to_previous")


@pytest.mark.parametrize("text, lang, surface, start, end", [
    ("1261. gada 7. augustā pils nodega.", "lv", "1261. gada 7. augustā", "1261-08-07", "1261-08-07"),
    ("Robeža noteikta 1761.g. līgumā.", "lv", "1761.g.", "1761-01-01", "1761-12-31"),
    ("Tilts uzcelts 1938. g. un atjaunots.", "lv", "1938. g.", "1938-01-01", "1938-12-31"),
    ("Tilts uzcelts 1938. g. vasarā.", "lv", "1938. g. vasarā", "1938-06-01", "1938-08-31"),
    ("Pils celta 16. gs. sākumā.", "lv", "16. gs. sākumā", "1501-01-01", "1520-12-31"),
    ("Ciems minēts jau 16. gs.", "lv", "16. gs.", "1501-01-01", "1600-12-31"),
    ("Muiža celta 19. gs. 2. pusē.", "lv", "19. gs. 2. pusē", "1851-01-01", "1900-12-31"),
    ("Baznīca celta 17. gs. beigās.", "lv", "17. gs. beigās", "1681-01-01", "1700-12-31"),
    ("Draudze dibināta 18. gadsimtā.", "lv", "18. gadsimtā", "1701-01-01", "1800-12-31"),
    ("The castle was built in the 16th century.", "en", "16th century", "1501-01-01", "1600-12-31"),
    ("in the second half of the 19th century", "en", "second half of the 19th century", "1851-01-01", "1900-12-31"),
    ("More people crossed in 2021 than before.", "en", "2021", "2021-01-01", "2021-12-31"),
    ("Crossings rose in 2020–2021 along the border.", "en", "2020–2021", "2020-01-01", "2021-12-31"),
    ("the 2021–2022 crisis on the border", "en", "2021–2022", "2021-01-01", "2022-12-31"),
    ("We are completing 2021 with these results.", "en", "2021", "2021-01-01", "2021-12-31"),
], ids=["lv-1261", "lv-1761g", "lv-1938g", "lv-1938g-vasara", "lv-16gs-sakuma", "lv-16gs", "lv-19gs-2-puse", "lv-17gs-beigas",
        "lv-18-gadsimta", "en-16th-century", "en-second-half-19th-century", "en-in-2021", "en-2020-2021",
        "en-the-2021-2022-crisis", "en-bare-year"])
def test_other_centuries_and_forms(text, lang, surface, start, end):
    (m,) = [m for m in find_dates(text, lang) if m.surface == surface]
    assert (iso(m.date_start), iso(m.date_end)) == (start, end)


@pytest.mark.parametrize("text", ["Guards stopped 2000 people at the border.", "by 2000 migrants",
                                  "Around 1500 soldiers were sent."])
def test_a_bare_number_before_people_is_no_year(text):
    assert find_dates(text, "en") == []


@pytest.mark.parametrize("text, surface, count", [
    ("Since August 10, 1013 people have been prevented from crossing.", "Since August 10", "1013"),
    ("On 4 August, 1200 migrants were detained.", "4 August", "1200"),
    ("From August 11, 1500 migrants were turned back.", "From August 11", "1500"),
])
def test_a_number_after_a_full_date_that_counts_people_is_no_year(text, surface, count):
    found = find_dates(text, "en", published=date(2021, 9, 8))
    assert [m.surface for m in found] == [surface]
    assert found[0].date_start.year == 2021  # the publication's year, not the count's
    assert count in text[found[0].end:]


@pytest.mark.parametrize("text, surface", [
    ("On August 10, 2021, 50 people were detained.", "August 10, 2021"),
    ("On 5 August 2021 guards detained 12.", "5 August 2021"),
])
def test_a_full_date_keeps_a_news_year_whatever_follows(text, surface):
    found = find_dates(text, "en")
    assert [(m.surface, m.date_start.year) for m in found] == [(surface, 2021)]


@pytest.mark.parametrize("text, lang, surface, own", [
    ("The fence will stand until the summer of 2022.", "en", "until the summer of 2022", ("2022-06-01", "2022-08-31")),
    ("It will be built by the end of 2023.", "en", "by the end of 2023", ("2023-10-01", "2023-12-31")),
    ("Krīze apsīka līdz 2023. gada vasarai.", "lv", "līdz 2023. gada vasarai", ("2023-06-01", "2023-08-31")),
    ("Kopš 2021. gada augusta vidus aizturēja 300.", "lv", "Kopš 2021. gada augusta vidus", ("2021-08-11", "2021-08-20")),
], ids=["en-until-summer", "en-by-the-end-of", "lv-lidz-vasarai", "lv-kops-vidus"])
def test_open_ranges_keep_the_period_of_the_date_itself(text, lang, surface, own):
    (m,) = [m for m in find_dates(text, lang) if m.surface == surface]
    assert (iso(m.own_start), iso(m.own_end)) == own


def test_a_weekday_checks_the_year_it_is_given():
    # 31 January is a Tuesday in 2023: the year the text states later is 2021, its next year no fit
    text = "Otrdien, 31. janvārī, valdība lēma. No 2021. gada 11. augusta atturētas 4045 personas."
    first = find_dates(text)[0]
    assert (first.date_start, first.date_end) == (None, None)
    # 8 September is a Wednesday in 2021, not in 2020
    (m, _) = find_dates("Trešdien, 8. septembrī, novērsti 8 mēģinājumi. 2020. gada 5. maijā ...")
    assert iso(m.date_start) == "2021-09-08"
    (m,) = find_dates("On Tuesday, August 10, the order was issued.", "en", default_year=2021)
    assert iso(m.date_start) == "2021-08-10"


def test_this_years_date_takes_the_publication_year():
    (m,) = find_dates("pagarināt līdz šī gada 10. maijam", published=D("2023-01-31"))
    assert iso(m.date_end) == "2023-05-10" and m.relation == "until"


def test_a_range_from_the_publication_month_runs_into_next_year():
    (m,) = find_dates("from December 1 to March 1 it is forbidden", "en", published=D("2021-12-10"))
    assert (iso(m.date_start), iso(m.date_end)) == ("2021-12-01", "2022-03-01")


def test_a_year_less_date_takes_the_next_full_date_s_year_when_nothing_else_gives_one():
    text = "On August 10 the order was issued. This is more than in 2020. It runs from August 11, 2021."
    first = find_dates(text, "en")[0]
    assert iso(first.date_start) == "2021-08-10" and first.year_inferred


def test_date_tables_carry_weekdays_and_relative_words():
    for lang in ("lv", "en"):
        data = language.pack(lang).dates
        assert len(data["weekdays"]) == 7
        assert {r["anchor"] for r in data["relatives"]} == {"publication", "previous"}
        assert data["century_words"] and data["units"] and data["number_words"]


def test_a_yearless_date_without_publication_takes_the_nearest_year_stated_earlier_then_later():
    # issue 10, item 2: no `published`, the year comes from the document itself (made-up texts)
    earlier = find_dates("2022. gada pavasarī sākās būvdarbi. 14. augustā aizturēja 9 personas.", "lv")
    assert earlier[-1].date_start == date(2022, 8, 14) and earlier[-1].year_inferred
    later = find_dates("On August 14 guards detained nine people. The fence was finished in 2023.", "en")
    assert later[0].date_start == date(2023, 8, 14) and later[0].year_inferred
    none = find_dates("14. augustā aizturēja 9 personas.", "lv")
    assert none[0].date_start is None and none[0].date_end is None


@pytest.mark.parametrize("text, lang, want", [
    # 31 January is a Tuesday in 2023, not in 2021 or 2022: the report is of the year after them
    ("Otrdien, 31. janvārī, valdība lēma. 2022. gadā bija 5286 gadījumi, no 2021. gada 11. augusta vēl citi.",
     "lv", D("2023-01-31")),
    ("On Tuesday, January 31, the cabinet decided. In 2022 there were 5286 cases, and more since 11 August 2021.",
     "en", D("2023-01-31")),
], ids=["lv-otrdien", "en-tuesday"])
def test_a_weekday_names_the_year_next_to_the_texts_years(text, lang, want):
    first = find_dates(text, lang)[0]
    assert (first.date_start, first.date_end) == (want, want)


@pytest.mark.parametrize("text, lang, years, want", [
    ("Trešdien, 8. septembrī, robežsargi novērsa 8 cilvēku mēģinājumu.", "lv", (2021,), D("2021-09-08")),
    ("On Wednesday, September 8, guards stopped 8 people.", "en", (2021,), D("2021-09-08")),
    ("Trešdien, 8. septembrī, robežsargi novērsa 8 cilvēku mēģinājumu.", "lv", (), None),
], ids=["lv-title-year", "en-title-year", "lv-no-year-anywhere"])
def test_years_given_from_outside_the_text_date_a_weekday_named_day(text, lang, years, want):
    m = find_dates(text, lang, years=years)[0]
    assert m.date_start == want and m.date_end == want


@pytest.mark.parametrize("text, surface, start, end", [
    ("novembra mēnesī atturētas personas 429 gadījumos", "novembra mēnesī", "2022-11-01", "2022-11-30"),
    ("2021. gada decembra mēnesī aizturēti 5", "2021. gada decembra mēnesī", "2021-12-01", "2021-12-31"),
])
def test_a_month_named_with_the_word_month(text, surface, start, end):
    (m,) = find_dates(text, "lv", published=date(2023, 1, 31))
    assert (m.surface, iso(m.date_start), iso(m.date_end)) == (surface, start, end)


# --- publication dates of reduced precision; the forms of real news ---

@pytest.mark.parametrize("value, first, last, precision", [
    ("2021-08-15", "2021-08-15", "2021-08-15", DAY),
    ("2021-08", "2021-08-01", "2021-08-31", MONTH),
    ("2021", "2021-01-01", "2021-12-31", SEASON_OR_YEAR),
    ("2024-02", "2024-02-01", "2024-02-29", MONTH),
    (D("2021-08-15"), "2021-08-15", "2021-08-15", DAY),
    (datetime(2021, 8, 15, 9, 30), "2021-08-15", "2021-08-15", DAY),
    ("2021-08-15T09:30", "2021-08-15", "2021-08-15", DAY),
])
def test_a_publication_date_may_give_only_its_month_or_year(value, first, last, precision):
    p = publication(value)
    assert (iso(p.first), iso(p.last), p.precision) == (first, last, precision)


@pytest.mark.parametrize("value", ["2021-13", "2021-02-30", "2021-8", "August 2021", "15.08.2021", "", "21"])
def test_what_is_no_publication_date(value):
    assert publication(value) is None


AUGUST = "2021-08"  # a publication date that gives only its month


@pytest.mark.parametrize("text, lang, surface, start, end", [
    ("Robežsargi 15. augustā aizturēja 5 personas.", "lv", "15. augustā", "2021-08-15", "2021-08-15"),
    ("30.jūlijā aizturēja 13 ārzemniekus.", "lv", "30.jūlijā", "2021-07-30", "2021-07-30"),
    ("Septembrī robeža bija klusa.", "lv", "Septembrī", "2020-09-01", "2020-09-30"),  # a later month: last year's
    ("On August 15 guards turned back 62 people.", "en", "August 15", "2021-08-15", "2021-08-15"),
    ("On 30 July 13 foreigners were detained.", "en", "30 July", "2021-07-30", "2021-07-30"),
])
def test_a_month_of_publication_gives_year_and_month_to_dates_without_them(text, lang, surface, start, end):
    (m,) = [m for m in find_dates(text, lang, published=AUGUST) if m.surface == surface]
    assert (iso(m.date_start), iso(m.date_end), m.precision) == (start, end, DAY if start == end else MONTH)


def test_a_year_of_publication_gives_the_year_only():
    (m,) = find_dates("30.jūlijā aizturēja 13 ārzemniekus.", published="2021")
    assert (iso(m.date_start), m.precision) == ("2021-07-30", DAY)
    (m,) = find_dates("Vakar aizturēja 7 migrantus.", published="2021")
    assert (iso(m.date_start), iso(m.date_end), m.precision) == ("2020-12-31", "2021-12-30", SEASON_OR_YEAR)


@pytest.mark.parametrize("text, lang, surface, start, end, precision", [
    ("Svētdien novērsti 62 mēģinājumi.", "lv", "Svētdien", "2021-08-01", "2021-08-29", MONTH),  # 1 August 2021 is a Sunday
    ("Ceturtdien aizturēja 5 personas.", "lv", "Ceturtdien", "2021-07-29", "2021-08-26", MONTH),
    ("On Thursday 5 people were detained.", "en", "Thursday", "2021-07-29", "2021-08-26", MONTH),
    ("Vakar aizturēja 7 migrantus.", "lv", "Vakar", "2021-07-31", "2021-08-30", MONTH),
    ("Last week 90 people were detained.", "en", "Last week", "2021-07-19", "2021-08-29", MONTH),
    ("Šogad aizturēti 353 migranti.", "lv", "Šogad", "2021-01-01", "2021-08-31", SEASON_OR_YEAR),  # a year stays a year
])
def test_a_word_relative_to_a_month_of_publication_gets_month_precision(text, lang, surface, start, end, precision):
    """"svētdien" in a text of August 2021 is some Sunday from the one on or before 1 August to
    the last of August: the interval says so and the precision is the month's, not a day's."""
    (m,) = [m for m in find_dates(text, lang, published=AUGUST) if m.surface == surface]
    assert (iso(m.date_start), iso(m.date_end), m.precision, m.relation) == (start, end, precision,
                                                                              "relative_to_publication")


@pytest.mark.parametrize("text, lang", [("Svētdien, 15. augustā, novērsti 62 mēģinājumi.", "lv"),
                                        ("On Sunday, August 15, 62 attempts were stopped.", "en")])
def test_a_weekday_named_with_its_day_is_that_day_in_a_month_of_publication(text, lang):
    (m,) = find_dates(text, lang, published=AUGUST)
    assert (iso(m.date_start), iso(m.date_end), m.precision) == ("2021-08-15", "2021-08-15", DAY)


# (text, lang, surface, start, end, precision, relation), published on MONDAY (2021-08-16)
NEWS_FORMS = [
    ("Robežsargi šā gada 5. augustā aizturēja 12 personas.", "lv", "šā gada 5. augustā", "2021-08-05", "2021-08-05", DAY, "on"),
    ("Robežsargi š.g. 5. augustā aizturēja 12 personas.", "lv", "š.g. 5. augustā", "2021-08-05", "2021-08-05", DAY, "on"),
    ("Šā gada sākumā robeža bija klusa.", "lv", "Šā gada sākumā", "2021-01-01", "2021-03-31", SEASON_OR_YEAR, "on"),
    ("Pagājušā gada augustā aizturēja 40 cilvēkus.", "lv", "Pagājušā gada augustā", "2020-08-01", "2020-08-31", MONTH, "on"),
    ("Pērn augustā aizturēja 40 cilvēkus.", "lv", "Pērn augustā", "2020-08-01", "2020-08-31", MONTH, "on"),
    ("Pērn robežu šķērsoja 12 cilvēki.", "lv", "Pērn", "2020-01-01", "2020-12-31", SEASON_OR_YEAR, "relative_to_publication"),
    ("Aizpērn robežu šķērsoja 2 cilvēki.", "lv", "Aizpērn", "2019-01-01", "2019-12-31", SEASON_OR_YEAR, "relative_to_publication"),
    ("Aizvakar aizturēja 7 migrantus.", "lv", "Aizvakar", "2021-08-14", "2021-08-14", DAY, "relative_to_publication"),
    ("Šorīt aizturēja 7 migrantus.", "lv", "Šorīt", "2021-08-16", "2021-08-16", DAY, "relative_to_publication"),
    ("Šonakt aizturēja 7 migrantus.", "lv", "Šonakt", "2021-08-15", "2021-08-16", DAY, "relative_to_publication"),
    ("Naktī uz svētdienu aizturēja 7 migrantus.", "lv", "Naktī uz svētdienu", "2021-08-14", "2021-08-15", DAY, "night"),
    ("Pagājušajā mēnesī aizturēja 90 personas.", "lv", "Pagājušajā mēnesī", "2021-07-01", "2021-07-31", MONTH, "relative_to_publication"),
    ("Aizvadītajā nedēļā aizturēja 90 personas.", "lv", "Aizvadītajā nedēļā", "2021-08-09", "2021-08-15", WEEK, "relative_to_publication"),
    ("Augusta vidū aizturēja 90 personas.", "lv", "Augusta vidū", "2021-08-11", "2021-08-20", WEEK, "on"),
    ("Robežsargi no 10. līdz 15. augustam atturēja 395 personas.", "lv", "no 10. līdz 15. augustam", "2021-08-10", "2021-08-15", DAY, "between"),
    ("Robežsargi 10.–15. augustā atturēja 395 personas.", "lv", "10.–15. augustā", "2021-08-10", "2021-08-15", DAY, "between"),
    ("Robežsargi 10. un 11. augustā atturēja 95 personas.", "lv", "10. un 11. augustā", "2021-08-10", "2021-08-11", DAY, "between"),
    ("2021. gada 10. augustā plkst. 14 aizturēja 3 personas.", "lv", "2021. gada 10. augustā", "2021-08-10", "2021-08-10", DAY, "on"),
    ("Pēdējās diennakts laikā aizturēja 3 personas.", "lv", "Pēdējās diennakts laikā", "2021-08-15", "2021-08-15", DAY, "relative_to_publication"),
    ("Diennakts laikā novērsti 62 mēģinājumi.", "lv", "Diennakts laikā", "2021-08-15", "2021-08-15", DAY, "relative_to_publication"),
    ("Pēdējo 24 stundu laikā novērsti 62 mēģinājumi.", "lv", "Pēdējo 24 stundu laikā", "2021-08-15", "2021-08-15", DAY, "relative_to_publication"),
    ("Nedēļas nogalē novērsti 62 mēģinājumi.", "lv", "Nedēļas nogalē", "2021-08-14", "2021-08-15", WEEK, "relative_to_publication"),
    ("Pīķis bijis aizvadītajā ceturtdienā.", "lv", "aizvadītajā ceturtdienā", "2021-08-12", "2021-08-12", DAY, "relative_to_publication"),
    ("Aizvadītajā pirmdienā aizturēja 3 personas.", "lv", "Aizvadītajā pirmdienā", "2021-08-09", "2021-08-09", DAY, "relative_to_publication"),
    ("Pirms divām dienām aizturēja 3 personas.", "lv", "Pirms divām dienām", "2021-08-14", "2021-08-14", DAY, "relative_to_publication"),
    ("Over the weekend 62 attempts were stopped.", "en", "Over the weekend", "2021-08-14", "2021-08-15", WEEK, "relative_to_publication"),
    ("Guards detained 5 people on Tuesday night.", "en", "Tuesday night", "2021-08-10", "2021-08-10", DAY, "relative_to_publication"),
    ("Early on Sunday 5 people crossed.", "en", "Sunday", "2021-08-15", "2021-08-15", DAY, "relative_to_publication"),
    ("Last month 90 people were detained.", "en", "Last month", "2021-07-01", "2021-07-31", MONTH, "relative_to_publication"),
    ("Since August 395 people were turned back.", "en", "Since August", "2021-08-01", None, MONTH, "from"),
    ("Between 1 and 5 August 395 people were turned back.", "en", "Between 1 and 5 August", "2021-08-01", "2021-08-05", DAY, "between"),
    ("On Aug. 5 guards detained 12.", "en", "Aug. 5", "2021-08-05", "2021-08-05", DAY, "on"),
    ("On the 5th of August guards detained 12.", "en", "5th of August", "2021-08-05", "2021-08-05", DAY, "on"),
    ("In mid-August guards detained 12.", "en", "mid-August", "2021-08-11", "2021-08-20", WEEK, "on"),
    ("In late 2021 the fence was built.", "en", "late 2021", "2021-10-01", "2021-12-31", SEASON_OR_YEAR, "on"),
    ("In the past 24 hours 62 attempts were stopped.", "en", "the past 24 hours", "2021-08-15", "2021-08-15", DAY, "relative_to_publication"),
    ("Overnight 62 attempts were stopped.", "en", "Overnight", "2021-08-15", "2021-08-16", DAY, "relative_to_publication"),
    ("Last Monday 62 attempts were stopped.", "en", "Last Monday", "2021-08-09", "2021-08-09", DAY, "relative_to_publication"),
    ("Two days ago 62 attempts were stopped.", "en", "Two days ago", "2021-08-14", "2021-08-14", DAY, "relative_to_publication"),
    ("Guards turned back 395 people on August 1-5.", "en", "August 1-5", "2021-08-01", "2021-08-05", DAY, "between"),
    ("Guards turned back 95 people on August 5 and 6.", "en", "August 5 and 6", "2021-08-05", "2021-08-06", DAY, "between"),
    ("From August 1 to 5, guards turned back 395 people.", "en", "From August 1 to 5", "2021-08-01", "2021-08-05", DAY, "between"),
    ("On 5 and 6 August guards turned back 95 people.", "en", "5 and 6 August", "2021-08-05", "2021-08-06", DAY, "between"),
    ("In August last year 40 people were detained.", "en", "August last year", "2020-08-01", "2020-08-31", MONTH, "on"),
    ("Late last year the fence was begun.", "en", "Late last year", "2020-10-01", "2020-12-31", SEASON_OR_YEAR, "on"),
    ("Earlier in the week 40 people crossed.", "en", "Earlier in the week", "2021-08-16", "2021-08-16", WEEK, "relative_to_publication"),
    ("Robežsargi 15. augusta vakarā aizturēja 3 personas.", "lv", "15. augusta vakarā", "2021-08-15", "2021-08-15", DAY, "on"),
    ("Šā gada 15. augusta rītā aizturēja 3 personas.", "lv", "Šā gada 15. augusta rītā", "2021-08-15", "2021-08-15", DAY, "on"),
    ("Sestdien un svētdien aizturēja 20 personas.", "lv", "Sestdien un svētdien", "2021-08-14", "2021-08-15", DAY, "between"),
    ("Vakar un šodien aizturēja 20 personas.", "lv", "Vakar un šodien", "2021-08-15", "2021-08-16", DAY, "between"),
    ("No piektdienas līdz svētdienai aizturēja 20 personas.", "lv", "No piektdienas līdz svētdienai", "2021-08-13", "2021-08-15", DAY, "between"),
    ("Naktī no sestdienas uz svētdienu aizturēja 7.", "lv", "Naktī no sestdienas uz svētdienu", "2021-08-14", "2021-08-15", DAY, "night"),
    ("Kopš piektdienas aizturēja 20 personas.", "lv", "Kopš piektdienas", "2021-08-13", None, DAY, "from"),
    ("Pēdējās nedēļas laikā aizturēja 90 personas.", "lv", "Pēdējās nedēļas laikā", "2021-08-09", "2021-08-16", WEEK, "relative_to_publication"),
    ("Pēdējā mēneša laikā aizturēja 90 personas.", "lv", "Pēdējā mēneša laikā", "2021-07-16", "2021-08-16", MONTH, "relative_to_publication"),
    ("Jūlija pēdējā nedēļā aizturēja 90 personas.", "lv", "Jūlija pēdējā nedēļā", "2021-07-25", "2021-07-31", WEEK, "on"),
    ("Augusta pirmajā nedēļā aizturēja 90 personas.", "lv", "Augusta pirmajā nedēļā", "2021-08-01", "2021-08-07", WEEK, "on"),
    ("Pirms nedēļas aizturēja 9 personas.", "lv", "Pirms nedēļas", "2021-08-09", "2021-08-09", WEEK, "relative_to_publication"),
    ("Iepriekšējā diennaktī aizturēja 9 personas.", "lv", "Iepriekšējā diennaktī", "2021-08-15", "2021-08-15", DAY, "relative_to_publication"),
    ("On Monday and Tuesday 40 people crossed.", "en", "Monday and Tuesday", "2021-08-09", "2021-08-10", DAY, "between"),
    ("In recent days 40 people crossed.", "en", "In recent days", "2021-08-09", "2021-08-16", WEEK, "relative_to_publication"),
    ("In recent weeks 400 people crossed.", "en", "In recent weeks", "2021-07-16", "2021-08-16", MONTH, "relative_to_publication"),
    ("In the first week of August 40 people crossed.", "en", "first week of August", "2021-08-01", "2021-08-07", WEEK, "on"),
    ("On the night of August 14-15 40 people crossed.", "en", "the night of August 14-15", "2021-08-14", "2021-08-15", DAY, "night"),
    ("Since Friday 40 people crossed.", "en", "Since Friday", "2021-08-13", None, DAY, "from"),
    ("This past Sunday 40 people crossed.", "en", "past Sunday", "2021-08-15", "2021-08-15", DAY, "relative_to_publication"),
]


@pytest.mark.parametrize("text, lang, surface, start, end, precision, relation", NEWS_FORMS,
                         ids=[f"{c[1]}-{c[2]}" for c in NEWS_FORMS])
def test_the_forms_of_real_news_anchor_to_the_publication_date(text, lang, surface, start, end, precision, relation):
    (m,) = [m for m in find_dates(text, lang, published=MONDAY) if m.surface == surface]
    assert (iso(m.date_start), iso(m.date_end), m.precision, m.relation) == (start, end, precision, relation)


@pytest.mark.parametrize("text, lang, surfaces", [
    ("On August 5 - 12 people were detained.", "en", ["August 5"]),  # a count, not the end of a range
    ("On August 1-5 guards turned back 395 people.", "en", ["August 1"]),  # "5 guards" may count guards
    ("Robežsargi 5. augustā un 7. augustā aizturēja 12 personas.", "lv", ["5. augustā", "7. augustā"]),
    ("On August 5 and August 7 guards detained 12.", "en", ["August 5", "August 7"]),
])
def test_two_full_dates_or_a_count_are_no_range(text, lang, surfaces):
    assert [m.surface for m in find_dates(text, lang, published=MONDAY)] == surfaces


@pytest.mark.parametrize("text, lang, surface, start", [
    ("2021. gada 5. augustā aizturēja 12. Iepriekšējā diennaktī vēl 3.", "lv", "Iepriekšējā diennaktī", "2021-08-04"),
    ("On 5 August 2021 guards detained 12. The week before, 3 more.", "en", "The week before", "2021-07-29"),
])
def test_a_word_relative_to_the_date_before_counts_from_it_when_there_is_one(text, lang, surface, start):
    (m,) = [m for m in find_dates(text, lang, published=MONDAY) if m.surface == surface]
    assert (iso(m.date_start), m.relation) == (start, "relative_to_previous")


@pytest.mark.parametrize("text, lang", [("Nākamajā dienā aizturēja vēl 3.", "lv"), ("The next day 3 more were detained.", "en")])
def test_a_later_day_with_no_date_before_stays_unknown(text, lang):
    (m,) = find_dates(text, lang, published=MONDAY)
    assert (m.date_start, m.date_end) == (None, None)


@pytest.mark.parametrize("text, lang, published, end", [
    ("Ārkārtējā situācija pagarināta līdz 10. maijam.", "lv", "2023-01-31", "2023-05-10"),
    ("The state of emergency was extended until May 10.", "en", "2023-01-31", "2023-05-10"),
    ("Līdz 15. jūlijam aizturēti 100 cilvēki.", "lv", "2021-08-16", "2021-07-15"),
])
def test_until_a_later_month_looks_forward_into_the_publication_year(text, lang, published, end):
    (m,) = find_dates(text, lang, published=published)
    assert (m.date_start, iso(m.date_end), m.relation) == (None, end, "until")


@pytest.mark.parametrize("text, lang, published, start, end", [
    ("From August 11 to November 10 the emergency is in force.", "en", "2021-09-05", "2021-08-11", "2021-11-10"),
    ("No decembra līdz februārim robeža bija klusa.", "lv", "2021-08-16", "2020-12-01", "2021-02-28"),
    ("From December 1 to March 1 the zone is closed.", "en", "2021-12-10", "2021-12-01", "2022-03-01"),
])
def test_a_range_without_years_runs_on_from_its_first_end(text, lang, published, start, end):
    (m,) = find_dates(text, lang, published=published)
    assert (iso(m.date_start), iso(m.date_end), m.relation) == (start, end, "between")


def test_a_genitive_date_with_a_time_of_day_dates_what_happened():
    """"2021. gada 15. augusta vakarā" is when, not an attribute like "2020. gada 9. jūnija noteikumi"."""
    (m,) = find_dates("2021. gada 15. augusta vakarā robežsargi aizturēja 5 personas.")
    assert (m.surface, iso(m.date_start), m.anchor) == ("2021. gada 15. augusta vakarā", "2021-08-15", True)
    (m,) = find_dates("MK 2020. gada 9. jūnija noteikumi")
    assert m.anchor is False


@pytest.mark.parametrize("text, lang, surface, start, end", [
    ("In recent months 4000 people crossed.", "en", "In recent months", "2021-05-16", "2021-08-16"),
    ("Pēdējo mēnešu laikā robežu šķērsoja 4000 cilvēku.", "lv", "Pēdējo mēnešu laikā", "2021-05-16", "2021-08-16"),
    ("The number has decreased in the last hours.", "en", "in the last hours", "2021-08-15", "2021-08-16"),
    ("Pēdējo stundu laikā skaits samazinājies.", "lv", "Pēdējo stundu laikā", "2021-08-15", "2021-08-16"),
])
def test_recent_months_and_hours_count_back_from_publication(text, lang, surface, start, end):
    (m,) = [m for m in find_dates(text, lang, published=MONDAY) if m.surface == surface]
    assert (iso(m.date_start), iso(m.date_end), m.relation) == (start, end, "relative_to_publication")


@pytest.mark.parametrize("text, lang, surfaces", [
    ("October saw 17,300 attempts, September 7,700 and August 3,500.", "en", ["October", "September", "August"]),
    ("On August 4, 2021 and on September 7,2021.", "en", ["August 4, 2021", "September 7,2021"]),
    ("Oktobrī 17,300, septembrī 7,700 cilvēku.", "lv", ["Oktobrī", "septembrī"]),
])
def test_a_month_then_a_number_with_a_thousands_comma_is_a_month_and_a_count(text, lang, surfaces):
    assert [m.surface for m in find_dates(text, lang)] == surfaces
