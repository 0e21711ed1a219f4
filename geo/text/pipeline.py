"""One document through the whole pipeline: sentences, places, dates, counts, events."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from geo.gazetteer import Gazetteer, Place
from geo.model import CountMention, DateMention, Document, PlaceMention, Sentence
from geo.text import counts, dates, events, places, sentences
from geo.model import DAY


@dataclass(frozen=True)
class Parse:
    """What one document gives: every mention, every event, and what could not be placed."""

    doc: Document
    sentences: list[Sentence]
    places: list[PlaceMention]
    dates: list[DateMention]
    counts: list[CountMention]
    events: list[events.Event]
    extra_places: list[Place] = field(default_factory=list)  # found in GeoNames, not the gazetteer
    unplaced: frozenset[str] = frozenset()  # ids of places named here that have no coordinates

    @property
    def unresolved(self) -> list[dict[str, Any]]:
        """Place mentions with no coordinates, and dates that could not be normalised."""
        out = [{"doc_id": self.doc.doc_id, "start": m.start, "end": m.end, "surface": m.surface,
                "kind": "place", "reason": m.reason or f"{m.place_id} has no coordinates"}
               for m in self.places if m.place_id is None or m.place_id in self.unplaced]
        out += [{"doc_id": self.doc.doc_id, "start": d.start, "end": d.end, "surface": d.surface,
                 "kind": "date", "reason": "no year in the text or the document's metadata"}
                for d in self.dates if d.date_start is None and d.date_end is None]
        return sorted(out, key=lambda u: (u["start"], u["end"]))

    def place(self, place_id: str, gazetteer: Gazetteer) -> Place | None:
        """A place of this parse by id: the gazetteer's or a GeoNames fallback."""
        return gazetteer.places.get(place_id) or next((p for p in self.extra_places if p.id == place_id), None)


def _publication(doc: Document) -> dates.Publication | None:
    """The document's publication date (sidecar `published`: a day, "2021-08" or "2021"): the
    year of dates with no year, the anchor of "vakar", "on Thursday", "last week"."""
    published = doc.meta.get("published")
    return dates.publication(published) if published else None


def _opening_day(text: str, spans: list[Sentence], found: list[DateMention]) -> date | None:
    """With no publication date, the day a news text opens with stands in for it: a lede
    that begins with its day ("Trešdien, 8. septembrī, robežsargi ...", "On Tuesday, August
    10, the Cabinet ...") tells the news of that day, and "šogad", "aizvadītajā diennaktī",
    "kopš 10. augusta" count from it."""
    first = next((s for s in spans if text[s.start:s.end].rstrip()[-1:] in ".!?"), None)
    if first is None:
        return None
    opening = next((d for d in found if first.start <= d.start < first.end), None)
    if opening is None or opening.precision != DAY or opening.relation != "on" or not opening.anchor \
            or opening.date_start is None or opening.date_start != opening.date_end:
        return None
    lead = text[first.start:opening.start].strip()
    return opening.date_start if len(lead.split()) <= 1 and "," in text[opening.end:opening.end + 2] else None


def _title_years(doc: Document) -> tuple[int, ...]:
    """The years the sidecar's title states ("Notikumi uz valsts robežas 2021. gada 8.
    septembris"): with no publication date, they tell a weekday-named date's year."""
    title = str(doc.meta.get("title") or "")
    if not title or title == doc.doc_id:
        return ()
    found = dates.find_dates(title, doc.lang)
    return tuple(sorted({d.date_start.year for d in found if d.date_start and d.anchor}))


def _borders(gazetteer: Gazetteer) -> tuple[Place, ...]:
    """The gazetteer's border sections with a point, found once per gazetteer (kept on it)."""
    found = gazetteer.__dict__.get("_border_places")
    if found is None or found[0] != len(gazetteer.places):
        found = (len(gazetteer.places), tuple(p for p in gazetteer.of_type("border") if p.lat is not None))
        gazetteer.__dict__["_border_places"] = found
    return found[1]


def parse(doc: Document, gazetteer: Gazetteer) -> Parse:
    """Run every step on the body of a document (its reference list is not parsed)."""
    lang, text, end = doc.lang, doc.text, doc.body_end
    published = _publication(doc)
    found_dates = dates.find_dates(text, lang, 0, end, published=published,
                                   years=() if published else _title_years(doc))
    spans = sentences.split(text, 0, end, lang)
    # with no publication day, the day the lede opens with stands in (inside the month or
    # year of publication, when that is what the sidecar gives)
    opening = _opening_day(text, spans, found_dates) if published is None or published.on_day() is None else None
    if opening is not None and (published is None or published.first <= opening <= published.last):
        published = dates.publication(opening)
        found_dates = dates.find_dates(text, lang, 0, end, published=published)
    toks = places.tokenize(text, 0, end)  # the words, for places and for number words
    found_places, extra = places.find(text, gazetteer, 0, end, lang, toks=toks)
    date_spans = [(d.start, d.end) for d in found_dates]
    found_counts, bare = counts.find(text, 0, end, lang, exclude=date_spans, tokens=toks)
    # the places the mentions name (events look up nothing else): a small dict, not the table
    extra_by_id = {p.id: p for p in extra}
    named = {pid: place for pid in {m.place_id for m in found_places if m.place_id}
             if (place := extra_by_id.get(pid) or gazetteer.places.get(pid)) is not None}
    # the named places with no coordinates: read off these few places, not every mention
    unplaced = frozenset(pid for pid, place in named.items() if place.lat is None)
    # and the border sections, which a border word with its countries names ("the border zone
    # with Belarus" in a Polish report)
    known = named | {p.id: p for p in _borders(gazetteer) if p.id not in named}
    found_events = events.assemble(doc.doc_id, text, spans, found_places, found_dates,
                                   found_counts, bare, known, lang, published)
    return Parse(doc, spans, found_places, found_dates, found_counts, found_events, extra, unplaced)
