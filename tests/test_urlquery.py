"""URL query values parsed defensively (issue 13, item 6): nothing a URL holds raises, what is
ignored is said, repeated keys apply as the URL shows them. And the app with a seed whose
sidecar is nested 1 000 deep (item 4): every page runs and names that seed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from geo.io.layers import load_layers
from geo.view import filters, urlstate


@pytest.fixture(scope="module")
def everything(fixture_layers_dir):
    return filters.full_filters(load_layers(fixture_layers_dir)["events"])


@pytest.mark.parametrize("key, value", [("tp", "²"), ("gp", "³"), ("tp", "٣"), ("gp", "１"), ("tp", "0"),
                                        ("tp", "9" * 400), ("from", "２０２１-08-01"), ("to", "20210801")])
def test_unicode_digits_and_odd_values_are_ignored_and_reported(everything, key, value):
    chosen, ignored = urlstate.read_query({key: value}, everything)
    assert chosen == everything
    assert ignored == [f"{key}={value}"]


def test_valid_values_are_not_reported(everything):
    chosen, ignored = urlstate.read_query({"tp": "2", "gp": "1", "country": "LV"}, everything)
    assert (chosen.max_time_precision, chosen.max_geo_precision, chosen.countries) == (2, 1, ("LV",))
    assert ignored == []


def test_repeated_keys_apply_as_the_url_shows_them(everything):
    chosen, ignored = urlstate.read_query({"country": ["LV", "LT", "XX"], "tp": ["2", "3"]}, everything)
    assert chosen.countries == ("LV", "LT")
    assert chosen.max_time_precision == 3
    assert ignored == ["country=XX", "tp=2"]


def test_reversed_dates_are_reported(everything):
    _, ignored = urlstate.read_query({"from": "2022-01-01", "to": "2021-09-01"}, everything)
    assert [item.split("=")[0] for item in ignored] == ["from", "to"]


@pytest.mark.slow
def test_the_app_survives_a_unicode_digit_and_says_it_ignored_it(app_env):
    from streamlit.testing.v1 import AppTest

    from tests.apptests import drawn_app

    app = Path(__file__).resolve().parent.parent / "app.py"
    at = drawn_app(str(app), 60)
    at.query_params["tp"] = "²"
    at.run()
    assert not at.exception
    assert any("ignored: tp=²" in c.value for c in at.sidebar.caption)


@pytest.mark.slow
def test_the_app_survives_a_deeply_nested_sidecar_and_names_it(app_env, monkeypatch, tmp_path, fixture_layers_dir):
    from streamlit.testing.v1 import AppTest

    seeds_dir = tmp_path / "seeds"
    shutil.copytree(fixture_layers_dir / "seeds", seeds_dir)
    (seeds_dir / "deep.txt").write_text("On 4 August 2021 border guards detained 12 people.", encoding="utf-8")
    (seeds_dir / "deep.json").write_text("[" * 1000 + "]" * 1000, encoding="utf-8")
    monkeypatch.setenv("ROBEZA_SEEDS", str(seeds_dir))
    app = Path(__file__).resolve().parent.parent / "app.py"
    at = AppTest.from_file(str(app), default_timeout=60).run()
    assert not at.exception
    for page in ("pages/source.py", "pages/data.py", "pages/about.py"):
        at.switch_page(page).run()
        assert not at.exception, page
    at.switch_page("pages/source.py").run()
    warnings = [w.value.replace("\\", "") for w in at.warning]
    assert any("deep.json" in w and "nested too deeply" in w for w in warnings), warnings
