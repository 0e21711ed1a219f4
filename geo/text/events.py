"""Assembling events: one per sentence, or per clause where a sentence lists several dates.

An event needs a time anchor (a date in its clause; for a detention or crossing told
without a date, the dates of the sentence before it; for a sentence that counts people
without a date, the dates of the last dated sentence a few sentences back) and a located
place. Its position
is its most specific located place; its type comes from the first matching rule of the
language's event table (``data/language/*.toml``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache

import pycountry

from geo.gazetteer import Place, fold
from geo.model import (
    DAY,
    MONTH,
    WEEK,
    CountMention,
    DateMention,
    PlaceMention,
    Sentence,
)
from geo.text import dates as dates_mod
from geo.text import language
from geo.text.places import LOCATION, TOKEN

# How specific a place type is, most specific first: an event sits on the first.
# A corridor is a reference line ("pie Suvalku koridora", near it), so a region named with
# it is the better position.
SPECIFICITY = ["facility", "village", "town", "city", "parish", "river", "border", "state_city",
               "municipality", "region", "corridor", "country", "union", "continent"]
# Event types that, told without a date, take the dates of the sentence before
# ("Vēl 12 Irākas pilsoņi ... tika aizturēti Piedrujas pagastā.")
CONTEXT_DATED = {"detention", "border_crossing", "arrest", "deployment"}
# A sentence that counts people but states no date is still news of that moment ("... šo
# apsvērumu dēļ Latvijā ielaistas 195 personas", four sentences after the report's date):
# it takes the dates of the last dated sentence at most this many sentences back.
COUNT_CONTEXT_REACH = 5
WEAK_TYPES = {"other", "statement"}


@dataclass(frozen=True)
class Event:
    """One event with every span it came from."""

    doc_id: str
    date_start: date
    date_end: date
    date_text: str
    time_precision: int
    event_type: str
    persons: int | None
    places: tuple[Place, ...]  # located places, the position first
    countries: tuple[str, ...]
    quote_start: int
    quote_end: int
    spans: tuple[dict, ...]
    date_relation: str = "on"
    date_from_context: bool = False
    place_from_context: bool = False
    date_mentions: list[DateMention] = field(default_factory=list, compare=False, repr=False)
    place_mentions: list[PlaceMention] = field(default_factory=list, compare=False, repr=False)
    id: str = ""

    @property
    def position(self) -> Place:
        """The place the event is drawn at."""
        return self.places[0]


@dataclass
class Clause:
    """Part of a sentence with its own date (a sentence is one clause when it has one)."""

    start: int
    end: int
    date: DateMention | None
    places: list[PlaceMention] = field(default_factory=list)
    counts: list[CountMention] = field(default_factory=list)
    bare: list[CountMention] = field(default_factory=list)


@lru_cache(maxsize=None)
def _rules(lang: str) -> tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]:
    """The event-type rules of a language: per group, one regex of its folded stems at a word start."""
    return tuple((r["type"], tuple(re.compile(" (?:" + "|".join(re.escape(fold(s)) for s in group) + ")")
                                   for group in r["all"]))
                 for r in language.load(lang)["events"])


def _unnamed(text: str, start: int, end: int, places: list[PlaceMention]) -> str:
    """text[start:end] with the place names in it blanked: words of a name ("Daugavpils
    aizturēto personu centrā", the detention centre) say where, not what happened."""
    pieces, at = [], start
    for m in places:
        if start <= m.start and m.end <= end and m.start >= at:
            pieces += [text[at:m.start], " "]
            at = m.end
    return "".join(pieces) + text[at:end]


@lru_cache(maxsize=4096)  # a one-clause sentence is typed twice, as sentence and as clause
def event_type(text: str, lang: str) -> str:
    """The type of the first rule whose every group has a word (or phrase) in the text."""
    folded = " " + " ".join(map(fold, TOKEN.findall(text)))
    for etype, groups in _rules(lang):
        if all(group.search(folded) for group in groups):
            return etype
    return "other"


class Sorted:
    """Mentions sorted by start, for finding those inside a span by bisection, not a scan."""

    def __init__(self, items: list) -> None:
        self.items = sorted(items, key=lambda m: (m.start, m.end))
        self.starts = [m.start for m in self.items]

    def inside(self, start: int, end: int) -> list:
        """The mentions that lie within [start, end)."""
        lo, hi = bisect_left(self.starts, start), bisect_left(self.starts, end)
        return [m for m in self.items[lo:hi] if m.end <= end]


def _inside(items: list | Sorted, start: int, end: int) -> list:
    """The mentions of a list or a Sorted that lie within [start, end)."""
    if isinstance(items, Sorted):
        return items.inside(start, end)
    return [m for m in items if start <= m.start and m.end <= end]


def clauses(sentence: Sentence, places: list[PlaceMention], dates: list[DateMention],
            counts: list[CountMention], bare: list[CountMention]) -> list[Clause]:
    """Split a sentence at each anchoring date after the first; fold reporting frames forward.

    "9. augustā ministrija informēja, ka 7. augustā ... aizturēja vēl 38, 8. augustā — 35"
    gives the clauses of 7 and 8 August; the first clause (who reported it, when) has no
    place or count of its own and is folded into the next.
    """
    anchors = [d for d in _inside(dates, sentence.start, sentence.end) if d.anchor]
    bounds = [sentence.start] + [d.start for d in anchors[1:]] + [sentence.end]
    out: list[Clause] = []
    for i, (s, e) in enumerate(zip(bounds, bounds[1:])):
        clause = Clause(s, e, anchors[i] if anchors else None, _inside(places, s, e),
                        _inside(counts, s, e), _inside(bare, s, e))
        if out and out[-1].date is not None and _is_frame(out[-1]):
            frame = out.pop()
            clause = replace(clause, start=frame.start, places=frame.places + clause.places)
        out.append(clause)
    return out


def _is_frame(clause: Clause) -> bool:
    """A clause that only says who reported and when: no located place, no count."""
    located = [p for p in clause.places if p.role == LOCATION and p.place_id]
    return not located and not clause.counts and not clause.bare


def _specificity(place: Place) -> int:
    """Rank of a place type, most specific first."""
    return SPECIFICITY.index(place.type) if place.type in SPECIFICITY else len(SPECIFICITY)


def _located(mentions: list[PlaceMention], places: dict[str, Place]) -> list[Place]:
    """Distinct located places with coordinates: where it happened before what it was near,
    then the most specific first, then in text order."""
    seen: dict[str, tuple[bool, Place]] = {}
    for m in mentions:
        place = places.get(m.place_id or "")
        if m.role == LOCATION and place and place.lat is not None and place.id not in seen:
            seen[place.id] = (m.near, place)
    ranked = sorted(seen.values(), key=lambda item: (item[0], _specificity(item[1])))
    return [place for _, place in ranked]


def _countries(mentions: list[PlaceMention], places: dict[str, Place]) -> tuple[str, ...]:
    """ISO 3166-1 codes of every place in the clause, whatever its role."""
    codes = {places[m.place_id].country for m in mentions if m.place_id in places}
    return tuple(sorted(c for c in codes if c and pycountry.countries.get(alpha_2=c)))


def _period(d: DateMention, before: DateMention | None, lang: str) -> tuple[date, date]:
    """Close an open range: "līdz X" starts where the preceding date ended, "kopš X" ends with X."""
    if d.date_start and d.date_end:
        return d.date_start, d.date_end
    known = d.date_start or d.date_end
    if d.date_start is None and before is not None and before.date_end and before.date_end <= known:
        return before.date_end, known
    # the endpoint's own period: the expression without its one-word range marker
    _, _, rest = d.surface.partition(" ")
    own = dates_mod.parse_date(rest, lang, default_year=known.year) if rest else None
    if own and own.date_start and own.date_end:
        return (own.date_start, own.date_end) if d.date_start is None else (d.date_start, own.date_end)
    return known, known


def _context_period(previous: list[DateMention]) -> tuple[date, date, int]:
    """The span of the previous sentence's dates, and how precise it is."""
    starts = [d.date_start or d.date_end for d in previous]
    ends = [d.date_end or d.date_start for d in previous]
    start, end = min(starts), max(ends)
    days = (end - start).days
    spread = DAY if days == 0 else WEEK if days <= 10 else MONTH
    return start, end, max([spread] + [d.precision for d in previous])


def _span(m, kind: str) -> dict:
    """A highlightable span of the document."""
    return {"start": m.start, "end": m.end, "kind": kind, "surface": m.surface}


def assemble(doc_id: str, text: str, sentences: list[Sentence], places: list[PlaceMention],
             dates: list[DateMention], counts: list[CountMention], bare: list[CountMention],
             gazetteer_places: dict[str, Place], lang: str) -> list[Event]:
    """Every event of a document, in text order, with ids `<doc_id>:e<n>`."""
    resolved = Sorted([d for d in dates if d.anchor and (d.date_start or d.date_end)])
    places, counts, bare = Sorted(places), Sorted(counts), Sorted(bare)
    events: list[Event] = []
    context = Context([], [], [], COUNT_CONTEXT_REACH + 1)
    for sentence in sentences:
        in_sentence = _inside(resolved, sentence.start, sentence.end)
        sentence_places = _inside(places, sentence.start, sentence.end)
        sentence_type = event_type(_unnamed(text, sentence.start, sentence.end, sentence_places), lang)
        sentence_counts = _inside(counts, sentence.start, sentence.end)
        found = []
        for clause in clauses(sentence, places, in_sentence, counts, bare):
            event = _event(doc_id, text, sentence, clause, sentence_places, sentence_type,
                           bool(sentence_counts), context, resolved, gazetteer_places, lang)
            if event:
                found.append(event)
        events += found
        context = context.after([d for e in found for d in e.date_mentions] if found else in_sentence,
                                found[-1].place_mentions if found else [], in_sentence)
    return [replace(e, id=f"{doc_id}:e{n}") for n, e in enumerate(events, 1)]


@dataclass(frozen=True)
class Context:
    """What the sentences before leave for the next: the previous sentence's dates and located
    places, and the dates of the last sentence that had any, with how many sentences back."""

    dates: list[DateMention]
    places: list[PlaceMention]
    last_dates: list[DateMention]
    since: int  # sentences since last_dates

    def after(self, dates: list[DateMention], places: list[PlaceMention], own: list[DateMention]) -> "Context":
        """The context for the sentence after one whose events had these dates and places;
        `own`: the dates that sentence states itself (only those restart the reach)."""
        if own:
            return Context(dates, places, own, 1)
        return Context(dates, places, self.last_dates, self.since + 1)

    def counted_dates(self) -> list[DateMention]:
        """The dates a dateless sentence that counts people takes, when they are near enough."""
        return self.last_dates if self.since <= COUNT_CONTEXT_REACH else []


def _event(doc_id: str, text: str, sentence: Sentence, clause: Clause, sentence_places: list[PlaceMention],
           sentence_type: str, sentence_has_counts: bool, context: Context,
           resolved: Sorted, gazetteer_places: dict[str, Place], lang: str) -> Event | None:
    """The event of one clause, or None when it has no located place or no time anchor."""
    own_type = event_type(_unnamed(text, clause.start, clause.end, sentence_places), lang)
    etype = own_type if own_type not in WEAK_TYPES or sentence_type in WEAK_TYPES else sentence_type
    mentions = clause.places if _located(clause.places, gazetteer_places) else sentence_places
    place_from_context = False
    if not _located(mentions, gazetteer_places) and etype in CONTEXT_DATED and clause.date is not None:
        # "Naktī uz 10. augustu aizturēja vēl 65": where, the sentence before said
        mentions, place_from_context = context.places, True
    located = _located(mentions, gazetteer_places)
    if not located:
        return None
    previous = context.dates
    if clause.date is not None:
        earlier = resolved.items[:bisect_left(resolved.starts, clause.date.start)]
        before = next((d for d in reversed(earlier) if d.end <= clause.date.start), None)
        adjacent = before is not None and before in previous + _inside(resolved, sentence.start, sentence.end)
        start, end = _period(clause.date, before if adjacent else None, lang)
        date_mentions, precision, from_context = [clause.date], clause.date.precision, False
    elif etype in CONTEXT_DATED and previous:
        start, end, precision = _context_period(previous)
        date_mentions, from_context = previous, True
    elif clause.counts and context.counted_dates():
        date_mentions, from_context = context.counted_dates(), True
        start, end, precision = _context_period(date_mentions)
    else:
        return None
    count = (clause.counts or (clause.bare if sentence_has_counts else []) or [None])[0]
    spans = [_span(m, "place") for m in mentions] + [_span(d, "date") for d in date_mentions]
    spans += [_span(count, "count")] if count else []
    return Event(doc_id, start, end, "; ".join(d.surface for d in date_mentions), precision, etype,
                 count.value if count else None, tuple(located), _countries(mentions, gazetteer_places),
                 sentence.start, sentence.end, tuple(sorted(spans, key=lambda s: (s["start"], s["end"]))),
                 date_mentions[0].relation if not from_context else "context", from_context,
                 place_from_context, date_mentions=list(date_mentions), place_mentions=list(mentions))
