"""The "Add a document" page, driven with AppTest: a pasted text joins the map; bad input does not."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 90
EN_TEXT = (Path(__file__).parent / "fixtures" / "docs" / "en_border_news.txt").read_text(encoding="utf-8")
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
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
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
    assert any("supported: lv, en" in e.value for e in app.error)
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
