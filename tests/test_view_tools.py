"""Search by inflected names, date windows and the player's frames, picking within bounds."""

from __future__ import annotations

from datetime import date

import pytest

from geo.io.layers import load_layers
from geo.view import picking, search, timeline


@pytest.fixture(scope="module")
def seed():
    from pathlib import Path
    return load_layers(Path(__file__).resolve().parent.parent / "data" / "layers")


@pytest.mark.parametrize("query", ["Piedrujā", "Piedruja", "piedrujas", "PIEDRUJAS PAGASTĀ"])
def test_a_place_name_in_any_case_form_finds_its_events(seed, query):
    found = search.apply(seed["events"], query, seed["mentions"], seed["places"], seed["areas"])
    # exactly the events whose quote names Piedruja, in whichever case form
    expected = seed["events"][seed["events"]["quote"].str.contains("Piedruj")]
    assert len(found) >= 1 and list(found["id"]) == list(expected["id"])
    assert search.names_found(query, seed["mentions"], seed["places"]) == ["Piedruja parish"]


def test_stems_do_not_join_different_names():
    assert search.same_name("daugavpili", "daugavpils") and search.same_name("lietuva", "lietuva")
    assert not search.same_name("europol", "europe")
    assert search.fold("Rīgā") == "riga"


def test_quote_words_are_found_too(seed):
    quote = seed["events"]["quote"].iloc[2]
    word = max(quote.split(), key=len).strip(".,\"“”")
    found = search.apply(seed["events"], word.upper(), seed["mentions"], seed["places"])
    assert seed["events"]["id"].iloc[2] in set(found["id"])
    assert len(search.apply(seed["events"], "", seed["mentions"], seed["places"])) == len(seed["events"])


def test_presets_cover_years_quarters_and_months():
    named = timeline.presets(date(2021, 7, 7), date(2021, 9, 2))
    assert list(named)[:3] == ["All dates", "2021", "2021 Q3"]
    assert named["2021-08 (August)"] == (date(2021, 8, 1), date(2021, 8, 31))
    assert timeline.preset_of((date(2021, 8, 1), date(2021, 8, 31)), named) == "2021-08 (August)"


def test_the_player_steps_by_its_window_and_loops():
    lo, hi = date(2021, 7, 7), date(2021, 9, 30)
    assert timeline.play_window((lo, hi), lo, hi) == (date(2021, 7, 1), date(2021, 7, 31))
    frames = [(date(2021, 7, 1), date(2021, 7, 31))]
    for _ in range(3):
        frames.append(timeline.step_window(frames[-1], lo, hi))
    assert [f[0].month for f in frames] == [7, 8, 9, 7]  # loops back to the first month
    assert timeline.step_window((date(2021, 8, 3), date(2021, 8, 9)), lo, hi) == (date(2021, 8, 10), date(2021, 8, 16))
    assert timeline.step_window((date(2021, 9, 28), date(2021, 10, 4)), lo, hi) == (lo, lo + (date(2021, 10, 4) - date(2021, 9, 28)))


def test_events_in_the_maps_view(seed):
    events = seed["events"]
    latvia = {"_southWest": {"lat": 55.5, "lng": 26.0}, "_northEast": {"lat": 56.2, "lng": 28.0}}
    inside = picking.within(events, latvia)
    assert 0 < len(inside) < len(events)
    assert ((inside.geometry.x >= 26) & (inside.geometry.y <= 56.2)).all()
    assert len(picking.within(events, None)) == len(events) == len(picking.within(events, {"x": 1}))
