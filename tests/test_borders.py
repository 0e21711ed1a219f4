"""Tests of geo.borders: the point of a border line nearest a place (a border section)."""

from __future__ import annotations

from geo import borders
from geo.distance import km


def test_the_nearest_point_lies_on_the_line_by_the_place():
    # Narewka lies some ten kilometres west of the Polish–Belarusian border
    lat, lon, away = borders.nearest_point("pl-by-border", 52.8331, 23.7628)
    assert 5 < away < 20
    assert abs(km(lat, lon, 52.8331, 23.7628) - away) < 0.01  # the point is rounded to 5 decimals
    assert abs(lat - 52.83) < 0.1 and lon > 23.8  # east of the village, at the same latitude


def test_a_place_far_from_the_line_is_far():
    _, _, away = borders.nearest_point("lv-by-border", 56.9496, 24.1052)  # Rīga
    assert away > 200


def test_an_id_that_is_no_line_has_no_point():
    assert borders.nearest_point("latvia", 56.9, 24.1) is None
    assert borders.nearest_point("no-such-border", 56.9, 24.1) is None
