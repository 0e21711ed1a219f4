"""Bad and hostile inputs (issue 13, items 2, 4, 5, 7 and 10): one document's failure is that
document's error, bounded sidecars, saves that never overwrite or mix, linear HTML and sentence
lookup (checked for correctness on small inputs; the timings are in bench/)."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from geo import build
from geo.io import layers, seeds
from geo.io.seeds import DocumentError
from geo.view import exports, userdocs

EN_TEXT = "On 4 August 2021 border guards detained 12 people in Piedruja parish."
LV_TEXT = "2022. gada 3. martā robežsargi Piedrujas pagastā aizturēja 7 personas."


def seed(folder: Path, name: str, text: str | bytes, meta: dict | str | bytes | None = None) -> Path:
    path = folder / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    if meta is not None:
        data = meta if isinstance(meta, bytes) else (meta if isinstance(meta, str) else json.dumps(meta)).encode("utf-8")
        path.with_suffix(".json").write_bytes(data)
    return path


# --- 4: one bad document -------------------------------------------------------------------


def test_a_deeply_nested_sidecar_is_that_documents_error(tmp_path):
    seed(tmp_path, "deep.txt", EN_TEXT, "[" * 1000 + "]" * 1000)
    seed(tmp_path, "good.txt", EN_TEXT, {"language": "en", "title": "Good"})
    corpus = build.parse_paths(seeds.seed_paths(tmp_path))
    assert [d.doc_id for d in corpus.documents] == ["good"]
    assert len(corpus.errors) == 1 and corpus.errors[0].name == "deep.json"
    assert "\n" not in str(corpus.errors[0])
    errors: list[str] = []
    assert list(seeds.load_documents([tmp_path], errors)) == ["good"]  # the app's reader too
    assert len(errors) == 1 and errors[0].startswith("deep.json: ")


def test_any_exception_parsing_one_document_is_that_documents_error(tmp_path, monkeypatch):
    seed(tmp_path, "a.txt", EN_TEXT, {"language": "en"})
    seed(tmp_path, "b.txt", EN_TEXT.replace("12", "13"), {"language": "en"})
    real = build.parse_path

    def flaky(path):
        if Path(path).name == "a.txt":
            raise RecursionError("maximum recursion depth exceeded")
        return real(path)

    monkeypatch.setattr(build, "parse_path", flaky)
    corpus = build.parse_paths(seeds.seed_paths(tmp_path))
    assert [d.doc_id for d in corpus.documents] == ["b"]
    assert str(corpus.errors[0]) == "a.txt: could not be processed (RecursionError: maximum recursion depth exceeded)"


def test_a_failing_user_document_is_a_document_error(monkeypatch):
    doc = userdocs.from_text(EN_TEXT, "Mine", "en")
    monkeypatch.setattr(userdocs.pipeline, "parse", lambda *a: (_ for _ in ()).throw(RecursionError("deep")))
    with pytest.raises(DocumentError, match="Mine: could not be processed"):
        userdocs.parse(doc)


# --- 5: bounded sidecars -------------------------------------------------------------------


def test_a_huge_title_is_refused_with_a_clear_error(tmp_path):
    path = seed(tmp_path, "t.txt", EN_TEXT, {"title": "T" * 1_000_000, "language": "en"})
    with pytest.raises(DocumentError) as info:
        seeds.load_document(path)
    assert info.value.name == "t.json" and "too large" in info.value.problem


@pytest.mark.parametrize("field", sorted(seeds.FIELD_LIMITS))
def test_every_sidecar_field_is_bounded(tmp_path, field):
    path = seed(tmp_path, "f.txt", EN_TEXT, {field: "x" * (seeds.FIELD_LIMITS[field] + 1)})
    with pytest.raises(DocumentError, match=f"'{field}' is too long"):
        seeds.load_document(path)


def test_a_long_title_typed_in_the_app_is_refused():
    with pytest.raises(DocumentError, match="too long"):
        userdocs.from_text(EN_TEXT, "T" * 10_000, "en")


# --- 10: small -----------------------------------------------------------------------------


def test_a_sidecar_with_a_byte_order_mark_is_accepted(tmp_path):
    path = seed(tmp_path, "bom.txt", EN_TEXT, b"\xef\xbb\xbf" + json.dumps({"title": "Bom", "language": "en"}).encode())
    assert seeds.load_document(path).title == "Bom"


def test_a_few_control_characters_are_removed_and_named(tmp_path):
    text = ("Border guards detained people.\x07 " * 50).encode()  # 2 % control characters
    doc = seeds.load_document(seed(tmp_path, "c.txt", text, {"language": "en"}))
    assert "\x07" not in doc.text
    assert doc.meta["notes"] == ["removed 50 control characters (U+0007 ×50)"]
    corpus = build.parse_paths([tmp_path / "c.txt"])
    assert any("U+0007" in w for w in corpus.warnings)


def test_mostly_control_characters_is_refused_naming_them(tmp_path):
    with pytest.raises(DocumentError, match=r"binary file \(\d+ control characters: U\+0001"):
        seeds.load_document(seed(tmp_path, "m.txt", b"\x01\x02ab" * 100))


def test_bidi_controls_are_removed_from_texts_titles_and_exports(tmp_path):
    doc = userdocs.from_text("On 4 August 2021 border guards \u202edetained\u202c 12 people in Piedruja parish.",
                             "Evil \u202etitle\u2066", "en")
    assert not any(c in doc.text + doc.title for c in seeds.BIDI_CONTROLS)
    assert "bidi" in doc.meta["notes"][0]
    built = userdocs.to_layers([userdocs.parse(doc)])
    events = built["events"].copy()
    events["quote"] = events["quote"].map(lambda q: "\u202e" + q)  # a layer from an older build
    data = exports.to_geojson_bytes(events).decode() + exports.events_to_csv(events).decode()
    assert not any(c in data for c in seeds.BIDI_CONTROLS)


def test_the_exists_message_names_no_server_path(tmp_path):
    doc = userdocs.from_text(LV_TEXT, "Mani dati", "lv")
    userdocs.save_to_seeds(doc, tmp_path)
    with pytest.raises(FileExistsError) as info:
        userdocs.save_to_seeds(userdocs.from_text(LV_TEXT + " Vēl.", "Mani dati", "lv"), tmp_path)
    assert str(tmp_path) not in str(info.value) and "mani-dati.txt already exists in seeds/" in str(info.value)


# --- 2: saves ------------------------------------------------------------------------------


def test_a_save_is_refused_when_another_suffix_has_the_name(tmp_path):
    seed(tmp_path, "report.md", EN_TEXT, {"title": "Report", "language": "en"})
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    with pytest.raises(FileExistsError, match="report.md already exists"):
        userdocs.save_to_seeds(userdocs.from_text(LV_TEXT, "Report", "lv"), tmp_path)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if not p.name.startswith(".")} == before


def test_two_documents_with_one_doc_id_are_an_error_naming_both(tmp_path):
    seed(tmp_path, "report.md", EN_TEXT, {"title": "Report", "language": "en"})
    seed(tmp_path, "report.txt", EN_TEXT.replace("12", "14"))
    corpus = build.parse_paths(seeds.seed_paths(tmp_path))
    assert [d.doc_id for d in corpus.documents] == ["report"]
    assert [str(e) for e in corpus.errors] == [
        "report.txt: doc_id 'report' is already used by report.md (one document per name; rename one of them)"]
    errors: list[str] = []
    seeds.load_documents([tmp_path], errors)
    assert errors and "report.md" in errors[0] and errors[0].startswith("report.txt")


def test_the_same_text_saved_under_two_titles_is_refused(tmp_path):
    userdocs.save_to_seeds(userdocs.from_text(LV_TEXT, "First", "lv"), tmp_path)
    with pytest.raises(FileExistsError, match="already saved in seeds/ as first.txt"):
        userdocs.save_to_seeds(userdocs.from_text(LV_TEXT, "Second", "lv"), tmp_path)
    assert json.loads((tmp_path / "first.json").read_text(encoding="utf-8"))["title"] == "First"


def test_the_same_text_added_twice_in_a_session_keeps_the_first():
    added: dict = {}
    first = userdocs.from_text(LV_TEXT, "First", "lv")
    userdocs.add(added, first, {})
    with pytest.raises(DocumentError, match="already added, as “First”"):
        userdocs.add(added, userdocs.from_text(LV_TEXT, "Second", "lv"), {})
    assert added[first.doc_id]["doc"].title == "First"


def test_a_failed_sidecar_write_leaves_nothing_and_later_saves_work(tmp_path, monkeypatch):
    doc = userdocs.from_text(LV_TEXT, "Mani dati", "lv")
    real = userdocs.os.link
    calls = []

    def failing(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(userdocs.os, "link", failing)
    with pytest.raises(OSError):
        userdocs.save_to_seeds(doc, tmp_path)
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith(".")] == []
    monkeypatch.setattr(userdocs.os, "link", real)
    assert userdocs.save_to_seeds(doc, tmp_path).name == "mani-dati.txt"


def test_concurrent_saves_of_one_title_one_wins_and_no_text_gets_anothers_sidecar(tmp_path):
    texts = [f"{LV_TEXT} Ziņojums numur {i}." for i in range(16)]
    docs = [userdocs.from_text(t, "Report", "lv") for t in texts]
    docs = [userdocs.seeds.make_document(d.text, {**d.meta, "source": f"user {i}"}, d.doc_id) for i, d in enumerate(docs)]
    barrier = threading.Barrier(len(docs))
    saved, refused = [], []

    def save(doc):
        barrier.wait()
        try:
            saved.append((doc, userdocs.save_to_seeds(doc, tmp_path)))
        except FileExistsError:
            refused.append(doc)

    threads = [threading.Thread(target=save, args=(d,)) for d in docs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(saved) == 1 and len(refused) == len(docs) - 1
    doc, path = saved[0]
    assert path.read_text(encoding="utf-8") == doc.text
    assert json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["source"] == doc.meta["source"]
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == ["report.json", "report.txt"]


# --- 7: linear stages, correct on small inputs ---------------------------------------------


def test_html_blocks_become_paragraphs_as_before():
    html = "<div>a<div>b</div>c</div><p>One <b>bold</b> word.</p><ul><li>x</li><li>y</li></ul><!-- note -->tail"
    assert seeds.html_to_text(html) == "ab\n\nc\n\nOne bold word.\n\nx\n\ny\n\ntail"


def test_deeply_nested_html_is_read_without_recursion():
    html = "<div>" * 5000 + "deep text" + "</div>" * 5000
    assert seeds.html_to_text(html) == "deep text"


def test_sentence_lookup_by_bisection_matches_the_scan():
    bounds = [(0, 10), (11, 20), (20, 35), (40, 50)]
    starts = [b[0] for b in bounds]
    for offset in range(0, 55):
        scan = next(((s, e) for s, e in bounds if s <= offset < e), None)
        assert layers.sentence_of(offset, bounds, starts) == scan, offset


@pytest.mark.slow
def test_a_long_user_text_is_parsed_in_a_child_process_with_the_same_result():
    doc = userdocs.from_text(" ".join([EN_TEXT] * 20), "Long", "en")
    here = userdocs.parse(doc, subprocess_min_chars=10**9)
    there = userdocs.parse(doc, subprocess_min_chars=1)
    assert there.events == here.events and there.places == here.places and there.dates == here.dates
