"""Tests of geo.spans: the one filter of overlapping spans."""

from __future__ import annotations

from dataclasses import dataclass

from geo.spans import select


@dataclass(frozen=True)
class S:
    start: int
    end: int
    rank: int = 0


def test_longest_wins_over_a_shorter_overlapping_span():
    assert select([S(0, 5), S(3, 12), S(12, 14)]) == [S(3, 12), S(12, 14)]


def test_earliest_wins_between_equally_long():
    assert select([S(4, 8), S(2, 6)]) == [S(2, 6)]


def test_rank_breaks_a_tie_of_the_same_span():
    assert select([S(0, 4, 2), S(0, 4, 1)], rank=lambda s: s.rank) == [S(0, 4, 1)]


def test_touching_spans_do_not_overlap_and_come_in_text_order():
    assert select([S(5, 9), S(0, 5), S(9, 10)]) == [S(0, 5), S(5, 9), S(9, 10)]


def test_empty_spans_are_dropped_and_tuples_work_with_accessors():
    assert select([(3, 3), (1, 2)], start=lambda s: s[0], end=lambda s: s[1]) == [(1, 2)]


def test_a_span_inside_a_kept_one_is_dropped():
    assert select([S(0, 20), S(5, 6), S(19, 25)]) == [S(0, 20)]
