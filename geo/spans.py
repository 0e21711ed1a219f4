"""One span filter for every kind of mention: keep the longest, earliest, non-overlapping.

Like spaCy's ``EntityRuler`` (and ``spacy.util.filter_spans``), recognisers first propose
every candidate span they find; this one step then keeps, of spans that overlap, the
longest, then the earliest, then the one of best rank (a lower `rank` is better). Place
recognition uses it; dates and highlighting can pass their own spans and accessors.

>>> select([(0, 5), (3, 10), (10, 12)], start=lambda s: s[0], end=lambda s: s[1])
[(3, 10), (10, 12)]
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from operator import attrgetter
from typing import TypeVar

T = TypeVar("T")


def select(spans: Iterable[T], start: Callable[[T], int] = attrgetter("start"), end: Callable[[T], int] = attrgetter("end"),
           rank: Callable[[T], int] | None = None) -> list[T]:
    """The longest, earliest, best-ranked spans that do not overlap, in text order.

    `start` and `end` read a span's character offsets (end exclusive); empty spans are
    dropped. Runs in O(n log n + n·k) for n spans of at most k overlapping neighbours.
    """
    items = [s for s in spans if end(s) > start(s)]
    rank = rank or (lambda item: 0)
    items.sort(key=lambda s: (start(s) - end(s), start(s), rank(s)))
    kept: list[T] = []
    taken: list[tuple[int, int]] = []  # kept intervals, sorted by start
    for item in items:
        s, e = start(item), end(item)
        i = bisect.bisect_left(taken, (s, s))
        if i > 0 and taken[i - 1][1] > s:
            continue  # the kept span before overlaps this one
        if i < len(taken) and taken[i][0] < e:
            continue  # the kept span after begins inside this one
        taken.insert(i, (s, e))
        kept.append(item)
    return sorted(kept, key=start)
