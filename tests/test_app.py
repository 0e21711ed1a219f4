"""The Streamlit pages, run headless with AppTest against the fixture layers."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from geo.io import schema
from geo.io.layers import load_layers
from geo.view import exports, filters
from geo.view.filters import Filters
from tests.apptests import drawn_app

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PAGES = ["pages/source.py", "pages/data.py", "pages/about.py"]
TIMEOUT = 60


def run(query: dict | None = None) -> AppTest:
    at = drawn_app(APP, TIMEOUT)
    at.query_params.update(query or {})
    return at.run()


def count(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.endswith(" events**"))


def listed(at: AppTest) -> list[str]:
    """Ids of the events in the side list (its buttons are keyed pick_<id>)."""
    return [b.key.removeprefix("pick_") for b in at.button if b.key and b.key.startswith("pick_")]


def widget(at: AppTest, kind: str, label: str):
    return next(w for w in getattr(at.sidebar, kind) if w.label == label)


def html(at: AppTest) -> str:
    return "".join(e.proto.body for e in at.get("html"))


@pytest.fixture()
def at(app_env) -> AppTest:
    app = run()
    assert not app.exception
    return app


def test_map_page_runs(at):
    assert count(at) == "**12 of 12 events**"
    assert len(listed(at)) == 12
    assert not at.exception and at.query_params == {}
    labels = [b.label for b in at.download_button]
    assert "events: selection (12)" in labels and "events CSV: all (12)" in labels
    assert len(labels) == 2 * len(schema.LAYER_NAMES) + 2 + 2 + 1  # + the unresolved layer, both ways, + the PNG


def test_events_listed_in_date_order(at, fixture_layers_dir):
    events = load_layers(fixture_layers_dir)["events"].set_index("id")
    starts = [events.loc[i, "date_start"] for i in listed(at)]
    assert starts == sorted(starts)


def test_date_slider(at):
    widget(at, "slider", "Dates").set_value((date(2021, 8, 15), date(2021, 8, 20))).run()
    assert count(at) == "**2 of 12 events**"
    assert sorted(listed(at)) == ["en_fixture:e4", "lv_fixture:e5"]
    assert at.query_params["from"] == ["2021-08-15"] or at.query_params["from"] == "2021-08-15"


def test_countries_multiselect(at):
    widget(at, "multiselect", "Countries").set_value(["LT"]).run()
    assert count(at) == "**3 of 12 events**"
    assert sorted(listed(at)) == ["en_fixture:e3", "en_fixture:e4", "lv_fixture:e7"]


def test_types_and_precision(at):
    widget(at, "multiselect", "Event types").set_value(["detention"]).run()
    assert count(at) == "**4 of 12 events**"
    widget(at, "select_slider", "Coarsest place shown").set_value(2).run()
    assert count(at) == "**1 of 12 events**" and listed(at) == ["lv_fixture:e1"]
    widget(at, "multiselect", "Event types").set_value([]).run()
    widget(at, "select_slider", "Coarsest date shown").set_value(2).run()
    assert count(at) == "**0 of 12 events**"


def test_empty_selection_shows_a_message(at):
    widget(at, "multiselect", "Countries").set_value([]).run()
    assert not at.exception
    assert count(at) == "**0 of 12 events**" and listed(at) == []
    assert any("No events match" in i.value for i in at.info)
    assert "events: selection (0)" in [b.label for b in at.download_button]


def test_choosing_from_the_list_quotes_the_source(at):
    at.button(key="pick_en_fixture:e1").click().run()
    panel = html(at)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in panel and "<script>" not in panel and "<img" not in panel
    assert '<mark class="count"' in panel and "On 8 November 2021" in panel
    assert at.session_state["selected_event"] == "en_fixture:e1"
    # the feed stays (folded under the panel), the chosen row marked
    assert at.button(key="pick_en_fixture:e1").proto.type == "primary"
    at.button(key="back_to_list").click().run()
    assert len(listed(at)) == 12 and "event" not in at.query_params


def test_selection_survives_and_drops_out_with_filters(at):
    at.session_state["selected_event"] = "lv_fixture:e3"
    at.run()
    assert "lv_fixture:e3" in html(at)
    widget(at, "multiselect", "Countries").set_value(["PL"]).run()
    assert not at.exception and "lv_fixture:e3" not in html(at) and listed(at)


def test_view_comes_from_the_url(app_env):
    at = run({"country": "LT", "tp": "garbage", "from": "not-a-date", "type": "nope,emergency"})
    assert not at.exception
    assert count(at) == "**1 of 12 events**" and listed(at) == ["en_fixture:e3"]
    assert widget(at, "select_slider", "Coarsest date shown").value == 4


def test_selected_event_comes_from_the_url(app_env):
    at = run({"event": "lv_fixture:e8"})
    assert not at.exception and "2023. gada vasarā" in html(at)
    assert run({"event": "<script>"}).exception == []


def test_filtered_export_holds_the_filtered_events(at, fixture_layers_dir):
    widget(at, "multiselect", "Countries").set_value(["LV"]).run()
    widget(at, "select_slider", "Coarsest date shown").set_value(2).run()
    shown_ids = sorted(listed(at))
    assert "events: selection (%d)" % len(shown_ids) in [b.label for b in at.download_button]
    # the bytes are made on click (deferred): build them through the same function the page calls
    layers = load_layers(fixture_layers_dir)
    everything = filters.full_filters(layers["events"])
    chosen = Filters(everything.date_from, everything.date_to, ("LV",), None, None, 2, 3)
    shown = filters.apply(layers["events"], chosen)
    files = {f.file_name: f for f in exports.export_files(layers, shown)}
    exported = json.loads(files["robeza-events-selection.geojson"].make())
    assert sorted(f["properties"]["id"] for f in exported["features"]) == shown_ids


@pytest.mark.parametrize("page", PAGES)
def test_each_page_runs(at, page):
    at.switch_page(page).run()
    assert not at.exception


def test_source_page_marks_and_escapes(at):
    at.switch_page("pages/source.py").run()
    at.selectbox(key="source_doc").set_value("en_fixture").run()
    text = html(at)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "<script>" not in text and "<img" not in text
    at.selectbox(key="source_doc").set_value("lv_fixture").run()
    text = html(at)
    assert '<mark class="unresolved"' in text and 'title="Silenes → Silene, 55.' in text and '° N 26.' in text


def test_data_page_keeps_the_filters(at):
    widget(at, "multiselect", "Countries").set_value(["LT"]).run()
    at.switch_page("pages/data.py").run()
    assert not at.exception and count(at) == "**3 of 12 events**"
    assert len(at.dataframe[0].value) == 3


def test_empty_layer_directory(monkeypatch, tmp_path):
    monkeypatch.setenv("ROBEZA_LAYERS", str(tmp_path))
    monkeypatch.setenv("ROBEZA_SEEDS", str(tmp_path))
    monkeypatch.setenv("ROBEZA_BASEMAP", str(tmp_path / "none.geojson"))
    at = run()
    assert not at.exception and count(at) == "**0 of 0 events**"
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, page


def test_real_layers():
    if not (ROOT / "data/layers/events.geojson").exists():
        pytest.skip("data/layers/events.geojson does not exist yet: run `python -m geo build`")
    at = drawn_app(APP, TIMEOUT).run()
    assert not at.exception
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, page


def test_an_unreadable_seed_is_named_on_the_source_and_about_pages(app_env, monkeypatch, tmp_path, fixture_layers_dir):
    seeds = tmp_path / "seeds"
    shutil.copytree(fixture_layers_dir / "seeds", seeds)
    (seeds / "lv_fixture.json").write_text('{"title": ', encoding="utf-8")  # a broken sidecar
    monkeypatch.setenv("ROBEZA_SEEDS", str(seeds))
    at = run()
    for page in ("pages/source.py", "pages/about.py"):
        at.switch_page(page).run()
        assert not at.exception
        warnings = [w.value.replace("\\", "") for w in at.warning]
        assert any("could not be read" in w and "lv_fixture.json" in w for w in warnings), warnings


def test_about_page_links_only_web_addresses(at):
    at.switch_page("pages/about.py").run()
    sources = at.dataframe[0].value
    urls = {doc: (None if pd.isna(url) else url) for doc, url in zip(sources["document"], sources["url"])}
    # the English fixture's sidecar says "javascript:alert(1)": shown as no link at all
    assert urls["Fixture <b>notes</b> & more"] is None
    assert all(u is None or u.startswith(("https://", "http://")) for u in urls.values())
    # the data contract is the README's, in full
    assert any("date_from_context" in m.value and "unresolved.json" in m.value for m in at.markdown)


def test_previous_and_next_walk_the_filtered_events(at):
    order = listed(at)
    at.button(key=f"pick_{order[1]}").click().run()
    at.button(key="next_event").click().run()
    assert at.session_state["selected_event"] == order[2]
    at.button(key="previous_event").click().run()
    at.button(key="previous_event").click().run()
    assert at.session_state["selected_event"] == order[0]
    assert at.button(key="previous_event").disabled


def test_a_clicked_stack_lists_its_events(at):
    # Lithuania's two country-level events are drawn as one area: a click there lists both
    at.session_state["selected_event"] = "en_fixture:e3"
    at.session_state["selected_stack"] = ["en_fixture:e3", "lv_fixture:e7"]
    at.run()
    assert [b.key for b in at.button if b.key and b.key.startswith("stack_")] == \
        ["stack_en_fixture:e3", "stack_lv_fixture:e7"]
    at.button(key="stack_lv_fixture:e7").click().run()
    assert at.session_state["selected_event"] == "lv_fixture:e7"
    assert at.button(key="stack_en_fixture:e3").proto.type == "tertiary"  # the list stays


def test_search_finds_an_inflected_place_name(at):
    at.sidebar.text_input(key="f_query").set_value("Lietuvā").run()
    found = set(listed(at))
    assert found and count(at) == f"**{len(found)} of 12 events**"
    assert {"en_fixture:e3", "lv_fixture:e7"} <= found
    assert at.query_params["q"] in ("Lietuvā", ["Lietuvā"])


def test_period_presets_and_date_boxes_set_the_window(at):
    at.sidebar.selectbox(key="f_date_preset").set_value("2021-08 (August)").run()
    august = count(at)
    assert at.sidebar.date_input(key="f_date_from").value == date(2021, 8, 1) or \
        at.sidebar.date_input(key="f_date_from").value > date(2021, 7, 31)
    at.sidebar.date_input(key="f_date_from").set_value(date(2021, 8, 15)).run()
    at.sidebar.date_input(key="f_date_to").set_value(date(2021, 8, 20)).run()
    assert count(at) == "**2 of 12 events**" and august != count(at)
    assert at.sidebar.selectbox(key="f_date_preset").value == "Custom range"


def test_a_data_row_opens_its_event_on_the_map(at):
    at.switch_page("pages/data.py").run()
    table = at.dataframe[0].value
    assert "date known to the" in table.columns and set(table["date known to the"]) <= {
        "day", "week or part of a month", "month", "season or year"}
    assert "time_precision" not in table.columns and list(table.columns)[-1] == "id"
    # a page's request to open the map (what a chosen row sets) switches to the map page
    at.session_state["open_map"] = True
    at.session_state["selected_event"] = table["id"].iloc[1]
    at.run()
    assert not at.exception and count(at) == "**12 of 12 events**"
    assert table["id"].iloc[1] in html(at)


def test_exports_offer_the_unresolved_layer_and_an_excel_csv(at, fixture_layers_dir):
    labels = [b.label for b in at.download_button]
    assert any(label.startswith("unresolved: whole layer") for label in labels)
    from geo.view import exports
    assert exports.events_to_csv(load_layers(fixture_layers_dir)["events"], bom=True).startswith(exports.UTF8_BOM)


def test_many_documents_start_as_an_empty_box_meaning_all(monkeypatch, tmp_path, fixture_layers_dir):
    from bench import server
    from ui import sidebar

    for name in ("places.geojson", "mentions.geojson", "areas.geojson", "unresolved.json"):
        shutil.copy(fixture_layers_dir / name, tmp_path / name)
    server.write_events(server.synthetic_events(1000), tmp_path)
    monkeypatch.setenv("ROBEZA_LAYERS", str(tmp_path))
    monkeypatch.setenv("ROBEZA_SEEDS", str(fixture_layers_dir / "seeds"))
    monkeypatch.setenv("ROBEZA_BASEMAP", str(fixture_layers_dir / "basemap.geojson"))
    total = len(load_layers(tmp_path)["events"])
    app = run()
    box = widget(app, "multiselect", "Documents")
    assert len(box.options) > sidebar.MANY_DOCUMENTS and box.value == []  # no chip per document
    assert count(app) == f"**{total} of {total} events**" and "doc" not in app.query_params
    # choosing one narrows to it; clearing the box again shows them all
    box.set_value([box.options[0]]).run()
    narrowed = int(count(app).strip("*").split()[0])
    assert 0 < narrowed < total and app.query_params["doc"]
    widget(app, "multiselect", "Documents").set_value([]).run()
    assert count(app) == f"**{total} of {total} events**"


def test_the_filters_and_exports_follow_the_map_s_first_report():
    """Before the browser has drawn the map, the page says its filters follow (their widgets'
    bundles would compete with the first marker); after the report they are there."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert any("filters follow once the map is drawn" in c.value for c in at.sidebar.caption)
    assert not at.sidebar.multiselect and not at.get("download_button")
    at = drawn_app(APP, TIMEOUT).run()
    assert [m.label for m in at.sidebar.multiselect][:2] == ["Countries", "Event types"]
    assert at.get("download_button")
