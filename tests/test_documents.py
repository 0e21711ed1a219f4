"""Tests of geo.documents: reading seeds and uploads, and refusing what cannot be read."""

from __future__ import annotations

import json
import shutil
import unicodedata

import pytest

from geo.io import seeds
from geo.io.seeds import DocumentError
from geo.text import pipeline

LV_TEXT = "2021. gada 4. augustā robežsargi Skrudalienas pagastā aizturēja 12 personas.\n"


def write_seed(folder, name: str, data: bytes | str, meta: dict | str | None = None):
    """NAME (with its suffix) and, when given, its JSON sidecar; the text's path."""
    path = folder / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    if meta is not None:
        sidecar = path.with_suffix(".json")
        sidecar.write_text(meta if isinstance(meta, str) else json.dumps(meta), encoding="utf-8")
    return path


def assert_one_line_naming(err: DocumentError, *names: str) -> None:
    message = str(err)
    assert "\n" not in message
    assert any(message.startswith(f"{n}: ") for n in names), message
    assert err.problem and len(err.problem) < 200


def test_seed_loads_with_its_sidecar(seed_doc, seed_path):
    assert seed_doc.doc_id == "000_bf6ecbb1fa1d973a"
    assert seed_doc.title == "Migrantu krīze uz Baltkrievijas—Eiropas Savienības valstu robežām"
    assert seed_doc.lang == "lv"
    assert seed_doc.meta["licence"] == "CC BY-SA 4.0"
    assert seed_doc.meta["url"].startswith("https://lv.wikipedia.org/")
    assert seed_doc.text.startswith("Migrantu krīze uz Baltkrievijas")


def test_seed_body_ends_where_the_references_start(seed_doc):
    assert seed_doc.text[seed_doc.body_end:].startswith("LSM. Robežsardzes priekšnieks:")
    assert "Latvijas Valsts robežsardzes novērojumi" in seed_doc.text[:seed_doc.body_end]
    assert "lsm.lv" not in seed_doc.text[:seed_doc.body_end]


def test_doc_id_is_the_file_stem(tmp_path, fixture_docs_dir):
    shutil.copy(fixture_docs_dir / "lv_patrol.txt", tmp_path / "my_report.txt")
    shutil.copy(fixture_docs_dir / "lv_patrol.json", tmp_path / "my_report.json")
    doc = seeds.load_document(tmp_path / "my_report.txt")
    assert doc.doc_id == "my_report"
    assert doc.title == "Robežsardzes ziņas (testa dokuments)"
    assert doc.body_end == len(doc.text)  # no references_start: all of it is body


def test_seed_without_sidecar_detects_its_language(tmp_path):
    doc = seeds.load_document(write_seed(tmp_path, "bare.txt", LV_TEXT))
    assert doc.lang == "lv"
    assert doc.title == "bare"


BAD_BYTES = [
    ("empty.txt", b""),
    ("blank.txt", b"  \n\t\n   \r\n"),
    ("binary.txt", b"Latvija\x00\x00\x01\x02robeza" * 10),
    ("latin.txt", "Robežsargi Latvijā aizturēja 12 personas.".encode("cp1257")),
    ("latin1.txt", "Café at the border, naïve façade.".encode("latin-1")),
]


@pytest.mark.parametrize("name, data", BAD_BYTES, ids=[n for n, _ in BAD_BYTES])
def test_unreadable_text_is_refused(tmp_path, name, data):
    path = write_seed(tmp_path, name, data)
    with pytest.raises(DocumentError) as info:
        seeds.load_document(path)
    assert_one_line_naming(info.value, name)


def test_messages_say_what_is_wrong(tmp_path):
    def problem(name, data):
        with pytest.raises(DocumentError) as info:
            seeds.load_document(write_seed(tmp_path, name, data))
        return info.value.problem.lower()

    assert "empty" in problem("e.txt", b"")
    assert "empty" in problem("w.txt", b" \n ")
    assert "binary" in problem("b.txt", b"abc\x00def")
    assert "utf-8" in problem("c.txt", "Latvijā".encode("cp1257"))


def test_oversized_text_is_refused(tmp_path):
    path = write_seed(tmp_path, "huge.txt", b"a" * (seeds.MAX_BYTES + 1))
    with pytest.raises(DocumentError) as info:
        seeds.load_document(path)
    assert_one_line_naming(info.value, "huge.txt")
    assert "large" in info.value.problem


@pytest.mark.parametrize("meta", [
    '{"title": "Bez beigām", ',
    "not json at all",
    '["a", "list"]',
    {"title": 5},
    {"language": ["lv"]},
    {"language": "ru"},
    {"published": "vakar"},
], ids=["truncated", "not-json", "array", "title-int", "language-list", "unsupported-language", "bad-published"])
def test_bad_sidecar_is_refused(tmp_path, meta):
    path = write_seed(tmp_path, "doc.txt", LV_TEXT, meta)
    with pytest.raises(DocumentError) as info:
        seeds.load_document(path)
    assert_one_line_naming(info.value, "doc.txt", "doc.json")


@pytest.mark.parametrize("name", ["report.pdf", "report.docx", "report"])
def test_unsupported_suffix_is_refused(tmp_path, name):
    path = write_seed(tmp_path, name, LV_TEXT)
    with pytest.raises(DocumentError) as info:
        seeds.load_document(path)
    assert_one_line_naming(info.value, name)


def test_missing_file_is_a_document_error(tmp_path):
    with pytest.raises(DocumentError) as info:
        seeds.load_document(tmp_path / "nav.txt")
    assert_one_line_naming(info.value, "nav.txt")


def test_unsupported_detected_language_is_refused():
    with pytest.raises(DocumentError) as info:
        seeds.make_document("Пограничники задержали двенадцать мигрантов на границе с Латвией.", {}, name="ru.txt")
    assert_one_line_naming(info.value, "ru.txt")


def test_html_upload_is_reduced_to_its_text(fixture_docs_dir, gaz):
    data = (fixture_docs_dir / "notice.html").read_bytes()
    doc = seeds.document_from_upload(data, "notice.html", {"language": "lv"})
    assert "Skrudalienas pagastā aizturēja 12 personas." in doc.text
    assert "Vēl 3 personas aizturēja pie Silenes." in doc.text
    for dropped in ("tracker", "Skriptā", "Minskā", "document.write", "Kaļiņingradā", "font-family", "<p>"):
        assert dropped not in doc.text
    parse = pipeline.parse(doc, gaz)
    assert {m.place_id for m in parse.places} >= {"skrudaliena-parish", "silene"}
    assert "minsk" not in {m.place_id for m in parse.places}


def test_html_seed_on_disk(tmp_path, fixture_docs_dir):
    for suffix in (".html", ".json"):
        shutil.copy(fixture_docs_dir / f"notice{suffix}", tmp_path / f"notice{suffix}")
    doc = seeds.load_document(tmp_path / "notice.html")
    assert doc.doc_id == "notice"
    assert doc.title == "Paziņojums (HTML test)"
    assert "tracker" not in doc.text and "Skrudalienas pagastā" in doc.text


def test_upload_bad_bytes_name_the_upload():
    with pytest.raises(DocumentError) as info:
        seeds.document_from_upload("Latvijā".encode("cp1257"), "mans.txt", {})
    assert_one_line_naming(info.value, "mans.txt")


def test_text_is_normalised_to_nfc(tmp_path, gaz):
    decomposed = unicodedata.normalize("NFD", LV_TEXT)
    assert decomposed != LV_TEXT
    doc = seeds.load_document(write_seed(tmp_path, "nfd.txt", decomposed, {"language": "lv"}))
    assert doc.text == LV_TEXT
    parse = pipeline.parse(doc, gaz)
    assert "skrudaliena-parish" in {m.place_id for m in parse.places}


def test_utf8_bom_is_accepted(tmp_path):
    doc = seeds.load_document(write_seed(tmp_path, "bom.txt", b"\xef\xbb\xbf" + LV_TEXT.encode("utf-8"), {"language": "lv"}))
    assert doc.text.startswith("2021. gada")


@pytest.mark.parametrize("text, lang", [
    ("Robežsargi aizturēja divpadsmit migrantus pie Latvijas un Baltkrievijas robežas.", "lv"),
    ("Valdība izsludināja ārkārtējo situāciju pierobežā līdz novembrim.", "lv"),
    ("Border guards detained twelve migrants at the Latvian border on Tuesday.", "en"),
    ("The government declared a state of emergency along the border.", "en"),
], ids=["lv-1", "lv-2", "en-1", "en-2"])
def test_language_detection_on_short_paragraphs(text, lang):
    assert seeds.detect_language(text) == lang
    doc = seeds.make_document(text, {})
    assert doc.lang == lang
    assert doc.meta["language_detected"] is True


def test_user_document_id_is_stable():
    a = seeds.make_document(LV_TEXT, {"language": "lv"})
    b = seeds.make_document(LV_TEXT, {"language": "lv"})
    assert a.doc_id == b.doc_id and a.doc_id.startswith("user-")


def test_seed_paths_lists_texts_sorted(tmp_path):
    for name in ("b.txt", "a.md", "c.html", "a.json", "notes.pdf"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in seeds.seed_paths(tmp_path)] == ["a.md", "b.txt", "c.html"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_utf16_and_utf32_are_named_not_called_binary(tmp_path, encoding):
    path = tmp_path / "teksts.txt"
    path.write_bytes("2021. gada 4. augustā Skrudalienas pagastā aizturēja 12 personas.".encode(encoding))
    with pytest.raises(DocumentError, match=rf"teksts\.txt: {encoding.upper()} text; only UTF-8 is supported"):
        seeds.load_document(path)
