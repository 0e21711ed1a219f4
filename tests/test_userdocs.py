"""Documents added in the app: from upload or paste to layers merged with the loaded ones."""

from __future__ import annotations

import json

import pytest

from geo.io import layers, schema
from geo.io.seeds import DocumentError
from geo.model import USER_PREFIX
from geo.view import userdocs

LV_TEXT = ("Robežsardzes ziņas. 2022. gada 3. martā robežsargi Piedrujas pagastā aizturēja 7 personas. "
           "2022. gada 5. martā Latvijas valdība izsludināja ārkārtējo situāciju Krāslavas novadā.")


@pytest.fixture(scope="module")
def base(fixture_layers_dir):
    return layers.load_layers(fixture_layers_dir)


def test_pasted_latvian_text_joins_the_loaded_layers(base):
    doc = userdocs.from_text(LV_TEXT, "Mani dati")
    assert doc.doc_id.startswith(USER_PREFIX) and doc.lang == "lv"
    extra = userdocs.to_layers([userdocs.parse(doc)])
    merged = userdocs.merge(base, extra)
    assert len(merged["events"]) == len(base["events"]) + len(extra["events"]) == len(base["events"]) + 2
    mine = merged["events"][merged["events"]["doc_id"] == doc.doc_id]
    assert sorted(mine["event_type"]) == ["detention", "emergency"]
    assert list(merged["places"]["id"]) == sorted(set(merged["places"]["id"]))  # each place once
    assert schema.as_int(mine.iloc[0]["persons"]) in (7, None)


def test_uploaded_html_is_reduced_to_text_and_scripts_never_reach_the_layers():
    html = (b"<html><head><script>alert('x')</script></head><body><h1>Report</h1>"
            b"<p>On 4 August 2021 border guards detained 12 people in Piedruja parish.</p></body></html>")
    doc = userdocs.from_upload(html, "report.html", "Report", "en")
    assert "alert" not in doc.text and "detained 12 people" in doc.text
    layers = userdocs.to_layers([userdocs.parse(doc)])
    assert list(layers["events"]["event_type"]) == ["detention"]


def test_script_in_plain_text_is_kept_verbatim_as_data():
    """A text that quotes markup keeps it as text: the app escapes it where it shows it."""
    doc = userdocs.from_text("<script>alert(1)</script> On 4 August 2021 border guards detained "
                             "12 people in Piedruja parish.", "XSS", "en")
    quote = userdocs.to_layers([userdocs.parse(doc)])["events"].iloc[0]["quote"]
    assert "On 4 August 2021" in quote


@pytest.mark.parametrize("data, name, problem", [
    (b"", "empty.txt", "empty text"),
    (b"   \n\t ", "blank.txt", "empty text"),
    (b"\x00\x01\x02binary", "image.txt", "binary"),
    ("Rīga".encode("cp1257") + b" \xff\xfe", "latin.txt", "not UTF-8"),
    (b"x" * 5_000_001, "huge.txt", "too large"),
])
def test_bad_uploads_are_refused_with_the_reason(data, name, problem):
    with pytest.raises(DocumentError) as err:
        userdocs.from_upload(data, name)
    assert problem in str(err.value) and name in str(err.value)


def test_unsupported_file_type_is_refused():
    with pytest.raises(DocumentError, match="unsupported file type"):
        userdocs.from_upload(b"%PDF-1.7", "report.pdf")


def test_a_text_in_an_unsupported_language_says_so():
    with pytest.raises(DocumentError, match="supported: en, lv"):
        userdocs.from_text("Pogranicznicy zatrzymali wczoraj dwunastu migrantów w pobliżu granicy "
                           "z Białorusią, poinformowała straż graniczna.", "PL")


def test_text_with_no_places_gives_no_events_and_no_error():
    doc = userdocs.from_text("This is a note about nothing in particular, written on a quiet day.", "Note", "en")
    layers = userdocs.to_layers([userdocs.parse(doc)])
    assert len(layers["events"]) == 0


def test_save_to_seeds_writes_text_and_sidecar_and_never_overwrites(tmp_path):
    doc = userdocs.from_text(LV_TEXT, "Mani dati", "lv")
    path = userdocs.save_to_seeds(doc, tmp_path)
    assert path.read_text(encoding="utf-8") == doc.text
    meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    assert meta["title"] == "Mani dati" and meta["language"] == "lv"
    with pytest.raises(FileExistsError):
        userdocs.save_to_seeds(doc, tmp_path)
