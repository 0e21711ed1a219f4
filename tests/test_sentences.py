"""Tests of geo.sentences: sentence spans with exact character offsets."""

from __future__ import annotations

import pytest

from geo.text import sentences


def texts(text: str, lang: str = "lv", **kw) -> list[str]:
    """The sentences of a text as strings, checking that each span is trimmed."""
    spans = sentences.split(text, lang=lang, **kw)
    out = [text[s.start:s.end] for s in spans]
    for s in out:
        assert s == s.strip()
    return out


def test_dates_with_ordinal_periods_do_not_split():
    text = "2021. gada 4. augustā robežsargi aizturēja 12 personas, 5. augustā — 2 personas. Vēl divi tika aizturēti."
    assert texts(text) == [
        "2021. gada 4. augustā robežsargi aizturēja 12 personas, 5. augustā — 2 personas.",
        "Vēl divi tika aizturēti.",
    ]


def test_sentence_may_start_with_a_date():
    assert texts("Tas notika pie robežas. 12. augustā viņi atgriezās.") == [
        "Tas notika pie robežas.", "12. augustā viņi atgriezās."]


def test_abbreviation_does_not_end_a_sentence():
    assert texts("Bēgļi, sievietes u.c. Personas tika aizturētas. Pēc tam viss beidzās.") == [
        "Bēgļi, sievietes u.c. Personas tika aizturētas.", "Pēc tam viss beidzās."]


@pytest.mark.parametrize("open_, close", [('"', '"'), ("“", "”"), ("«", "»"), ("„", "“")],
                         ids=["straight", "english", "guillemets", "latvian-low-high"])
def test_closing_quote_ends_a_sentence(open_, close):
    text = f"Viņa sacīja: {open_}Mēs nevaram pateikt.{close} Tad viņa aizgāja."
    assert texts(text) == [f"Viņa sacīja: {open_}Mēs nevaram pateikt.{close}", "Tad viņa aizgāja."]


def test_sentence_may_start_with_an_opening_quote():
    text = 'Tā sacīja Raubiško. "Daži no viņiem ir ielaisti Latvijā." Tad viņa aizgāja.'
    assert texts(text) == ["Tā sacīja Raubiško.", '"Daži no viņiem ir ielaisti Latvijā."', "Tad viņa aizgāja."]


def test_citation_needed_closes_the_sentence():
    text = ("Tāpat tās norādīja, ka palīdzība netiek sniegta.[nepieciešama atsauce] "
            "Providus pētniece 2021. gada novembrī runāja.")
    assert texts(text) == ["Tāpat tās norādīja, ka palīdzība netiek sniegta.[nepieciešama atsauce]",
                           "Providus pētniece 2021. gada novembrī runāja."]


def test_offsets_are_exact_and_trimmed():
    text = "  Pirmais teikums.   Otrais teikums!\n\tTrešais? "
    spans = sentences.split(text)
    assert [(s.start, s.end) for s in spans] == [(2, 18), (21, 36), (38, 46)]
    assert [text[s.start:s.end] for s in spans] == ["Pirmais teikums.", "Otrais teikums!", "Trešais?"]


def test_split_of_a_slice_keeps_offsets_into_the_whole_text():
    text = "Ievads. Pirmais teikums. Otrais teikums. Atsauces: LSM."
    start, end = text.index("Pirmais"), text.index("Atsauces")
    assert texts(text, start=start, end=end) == ["Pirmais teikums.", "Otrais teikums."]


@pytest.mark.parametrize("text, lang, expected", [
    ("Majore K. Pētersone norādīja, ka tie ir meli. Tad viņa aizgāja.", "lv",
     ["Majore K. Pētersone norādīja, ka tie ir meli.", "Tad viņa aizgāja."]),
    ("J. Smith said so. Then he left.", "en", ["J. Smith said so.", "Then he left."]),
], ids=["lv", "en"])
def test_initial_of_a_name_does_not_end_a_sentence(text, lang, expected):
    assert texts(text, lang) == expected


@pytest.mark.parametrize("second", ["Łukašenko to noliedza.", "Ėjo pro šalį.", "Їх затримали.", "Žogs ir gatavs."])
def test_a_sentence_may_start_with_a_capital_of_any_alphabet(second):
    """Names quoted from Polish, Lithuanian or Ukrainian open sentences too, not only Latvian letters."""
    assert texts(f"Robežsargi aizturēja 12 personas. {second}") == ["Robežsargi aizturēja 12 personas.", second]


def test_dateline_in_capitals_of_any_alphabet():
    text = "ŁÓDŹ, August 16. /PAP/. Guards detained 12 people."
    assert text[sentences.dateline_end(text, 0, len(text)):] == "Guards detained 12 people."


def test_blank_line_ends_a_sentence():
    """A heading or paragraph without a final stop is not glued to the next sentence."""
    text = "Robežas incidenti\n\n2021. gada 4. augustā robežsargi aizturēja 12 personas."
    assert texts(text) == ["Robežas incidenti", "2021. gada 4. augustā robežsargi aizturēja 12 personas."]


def test_english_abbreviation():
    assert texts("Mr. Smith said so. Then he left.", "en") == ["Mr. Smith said so.", "Then he left."]


def test_english_month_abbreviation_does_not_end_a_sentence():
    text = "On Aug. 4, 2021, Lithuanian border guards detained 12 people. They were Iraqi citizens."
    assert texts(text, "en") == ["On Aug. 4, 2021, Lithuanian border guards detained 12 people.",
                                 "They were Iraqi citizens."]


def test_seed_sentences_are_exact_and_disjoint(seed_doc, seed_parse):
    text, spans = seed_doc.text, seed_parse.sentences
    assert spans, "the seed has sentences"
    for a, b in zip(spans, spans[1:]):
        assert a.end <= b.start
    for s in spans:
        assert 0 <= s.start < s.end <= seed_doc.body_end
        assert text[s.start:s.end] == text[s.start:s.end].strip()
    starts = [text[s.start:s.start + 25] for s in spans]
    assert "2021. gada 4. augustā Dau" in starts
    assert "Naktī uz 10. augustu aizt" in starts
    assert '"Daži no viņiem ir ielais' in starts
