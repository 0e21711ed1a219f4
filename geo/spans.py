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
from itertools import count, repeat
from operator import attrgetter, sub
from typing import TypeVar

T = TypeVar("T")


def select(spans: Iterable[T], start: Callable[[T], int] = attrgetter("start"), end: Callable[[T], int] = attrgetter("end"),
           rank: Callable[[T], int] | None = None) -> list[T]:
    """The longest, earliest, best-ranked spans that do not overlap, in text order.

    `start` and `end` read a span's character offsets (end exclusive); empty spans are
    dropped. Runs in O(n log n + n·k) for n spans of at most k overlapping neighbours.
    """
    items = list(spans)
    starts, ends = list(map(start, items)), list(map(end, items))
    # each span's order read once, as plain tuples: (minus its length, start, rank, position);
    # the position keeps the sort stable and leaves the spans themselves uncompared
    order = sorted(zip(map(sub, starts, ends), starts, map(rank, items) if rank else repeat(0), count(), ends))
    kept: list[tuple[int, int]] = []  # (start, position) of each kept span
    kept_starts: list[int] = []  # the kept intervals, sorted by start (their starts differ: they do not overlap)
    kept_ends: list[int] = []
    for minus_length, s, _, i, e in order:
        if minus_length >= 0:
            break  # the empty spans, sorted last
        j = bisect.bisect_left(kept_starts, s)
        if j > 0 and kept_ends[j - 1] > s:
            continue  # the kept span before overlaps this one
        if j < len(kept_starts) and kept_starts[j] < e:
            continue  # the kept span after begins inside this one
        kept_starts.insert(j, s)
        kept_ends.insert(j, e)
        kept.append((s, i))
    return [items[i] for _, i in sorted(kept)]
