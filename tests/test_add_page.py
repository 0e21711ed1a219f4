"""The "Add a document" page, driven with AppTest: a pasted text joins the map; bad input does not."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptests import drawn_app

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 90
FIXTURES = Path(__file__).parent / "fixtures" / "docs"
EN_TEXT = (FIXTURES / "en_border_news.txt").read_text(encoding="utf-8")
XSS = ("<script>document.title='pwned'</script><img src=x onerror=alert(1)> "
       "On 4 August 2021 border guards detained 12 people in Piedruja parish.")


def count(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.endswith(" events**"))


def submit(at: AppTest, text: str, title: str = "", lang: str = "") -> AppTest:
    at.switch_page("pages/add.py").run()
    at.text_area[0].input(text)
    at.text_input[0].input(title)
    at.selectbox[0].select(lang)
    return at.button[0].click().run()


@pytest.fixture()
def app(app_env) -> AppTest:
    at = drawn_app(str(ROOT / "app.py"), TIMEOUT).run()
    assert not at.exception and count(at) == "**12 of 12 events**"
    return at


def test_pasted_document_joins_the_map(app):
    submit(app, EN_TEXT, "Digest")
    assert not app.exception and not app.error
    assert "Digest" in app.markdown[-1].value or any("Digest" in m.value for m in app.markdown)
    app.switch_page("app.py").run()
    # the fixture layers' 12 events and the digest's 10; the documents filter now appears
    assert count(app) == "**22 of 22 events**"
    assert any(w.label == "Documents" for w in app.sidebar.multiselect)


def test_bad_input_gives_a_clear_error_and_keeps_what_was_loaded(app):
    submit(app, "   ", "Blank")
    assert [e.value for e in app.error] == ["Blank: nothing to process: choose a file or paste text"] or \
        any("empty text" in e.value or "nothing to process" in e.value for e in app.error)
    submit(app, "Pogranicznicy zatrzymali wczoraj dwunastu migrantów w pobliżu granicy z Białorusią.", "PL")
    assert any("supported: en, lv" in e.value for e in app.error)  # the language packs present
    app.switch_page("app.py").run()
    assert not app.exception and count(app) == "**12 of 12 events**"


def test_markup_in_a_pasted_text_is_escaped_on_every_page(app):
    submit(app, XSS, "Markup", "en")
    assert not app.exception
    for page in ("app.py", "pages/source.py"):
        app.switch_page(page).run()
        if page == "pages/source.py":
            source = next(s for s in app.selectbox if s.label == "Document")
            source.select(next(o for o in source.options if "Markup" in o)).run()
        shown = "".join(e.proto.body for e in app.get("html"))
        assert "<script>document.title" not in shown and "<img src=x" not in shown
        if page == "pages/source.py":
            assert "&lt;script&gt;document.title" in shown


def upload(at: AppTest, name: str, data: bytes, mime: str = "text/plain", title: str = "") -> AppTest:
    """Choose a file in the Add page's uploader and process it."""
    at.switch_page("pages/add.py").run()
    at.file_uploader[0].upload(name, data, mime)
    at.text_input[0].input(title)
    return at.button[0].click().run()


def test_uploaded_html_file_joins_the_map_as_text(app):
    html = (FIXTURES / "notice.html").read_bytes()
    upload(app, "notice.html", html, "text/html", "Notice")
    assert not app.exception and not app.error
    # listed under "Your documents", its language detected from the text
    assert "**Notice** · Latvian (detected) · 2 events · 0 unresolved" in [m.value for m in app.markdown]
    app.switch_page("app.py").run()
    # the fixture layers' 12 events and the notice's 2 detentions (its scripts are dropped, not parsed)
    assert count(app) == "**14 of 14 events**"


@pytest.mark.parametrize("name, data, problem", [
    ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "binary"),
    ("empty.txt", b"", "empty"),
    ("utf16.txt", "Rīgā, Daugavpilī".encode("utf-16"), "UTF-16 text; only UTF-8 is supported"),
    ("latin1.txt", "Rīgā, Daugavpilī".encode("iso-8859-13"), "not UTF-8"),
    ("huge.txt", b"a" * (5_000_001), "limit is 5 MB"),
], ids=["binary", "empty", "utf16", "latin", "too-large"])
def test_bad_upload_gives_a_clear_error_and_keeps_what_was_loaded(app, name, data, problem):
    upload(app, name, data)
    assert not app.exception
    errors = [e.value.replace("\\", "") for e in app.error]  # as shown: Markdown escapes removed
    assert errors and name in errors[0] and problem.lower() in errors[0].lower(), errors
    app.switch_page("app.py").run()
    assert count(app) == "**12 of 12 events**"


def test_publication_date_gives_the_year_to_dates_without_one(app):
    app.switch_page("pages/add.py").run()
    app.text_area[0].input("5. augustā robežsargi pie Silenes aizturēja 3 migrantus.")
    app.text_input[0].input("Bez gada")
    app.date_input[0].set_value(date(2021, 9, 1))
    app.button[0].click().run()
    assert not app.exception and not app.error
    app.switch_page("app.py").run()
    assert count(app) == "**13 of 13 events**"
    assert any(b.label == "2021-08-05 · detention · Silene · 3 persons" for b in app.button)


def test_a_text_with_no_places_is_added_with_a_clear_warning(app):
    submit(app, "2021. gada 4. augustā notika sanāksme. Tās dalībnieki vienojās tikties vēlreiz.", "Sanāksme")
    assert not app.exception and not app.error
    assert [w.value for w in app.warning] == [
        "No places found in this Latvian text, so nothing of it can go on the map (is the language right?)."]


def test_a_title_with_markdown_is_shown_as_written(app):
    submit(app, EN_TEXT, "**Bold** [link](https://example.org) :red[x]")
    listed = next(m.value for m in app.markdown if "events ·" in m.value)
    # every Markdown character is escaped: the title is not bold, not a link, not coloured
    assert listed.startswith(r"**\*\*Bold\*\* \[link\]\(https\:"), listed
