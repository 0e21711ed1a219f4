"""Resolvers: choose a gazetteer entry for each recognised span, and say why.

A span's options are the gazetteer entries of its form, narrowed to the place types its
head implies ("Briģu pagastā" can only be a parish). One option is taken as it is. Among
several, the document decides, in this order:

1. a country beats a settlement of the same name ("India");
2. a parish, municipality or region the text names that contains it (its parent chain in
   the gazetteer, or its point near that unit's point): the Kaplava of Kaplavas pagasts;
3. a curated row over generated namesakes;
4. nearness to the document's other resolved places, weighed with size;
5. the countries the document names;
6. then place type and population (the city before the state city of one name).

Names the gazetteer lacks are looked up in GeoNames (``fallback``), countries the document
names first. What stays unplaced keeps the recogniser's reason ("parish not in the
gazetteer", "historical unit, no gazetteer entry").
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from operator import attrgetter
from typing import NamedTuple

from geo import distance
from geo.gazetteer import Entry, Gazetteer, Place, prior
from geo.text.places import fallback, recognise
from geo.text.places.recognise import Candidate

UNIT_RADIUS_KM = {"parish": 15, "municipality": 40, "state_city": 15, "region": 150}
UNIT_ORDER = {kind: n for n, kind in enumerate(UNIT_RADIUS_KM)}  # smallest kind of unit first
AREA_TYPES = frozenset({"country", "union", "continent"})
NEAR_KM = 150  # beyond this, the document's other places say nothing about a choice
KM_PER_DECADE = 50  # km of nearness that count as much as ten times the population
# place types, most prominent first, for the last tie-break
TYPE_ORDER = {"country": 0, "union": 1, "city": 2, "town": 3, "state_city": 4, "municipality": 5, "region": 6,
              "parish": 7, "village": 8}
SEAT_TYPES = frozenset({"municipality", "state_city"})
UNIT_TYPES = frozenset({"municipality", "region"})  # units a Latvian head names after their seat
SEAT_TOWNS = frozenset({"town", "city"})
SETTLEMENT_TYPES = frozenset({"village", "hamlet", "town", "city"})
_PLACE_ID = attrgetter("place_id")


class Resolution(NamedTuple):
    """What a span was resolved to: the entry and place, or None with the reason.

    A named tuple: one is made for every mention, and a frozen dataclass's __init__ costs
    three times as much.
    """

    candidate: Candidate
    entry: Entry | None
    place: Place | None
    lemma: str
    why: str  # why this place was chosen, or why none could be


@dataclass
class DocumentContext:
    """What the document has already told: countries, units and placed points."""

    countries: set[str] = field(default_factory=set)
    units: list[Place] = field(default_factory=list)
    points: list[Place] = field(default_factory=list)

    anchors_: list[tuple[float, float]] = field(default_factory=list)

    def anchors(self) -> tuple[tuple[float, float], ...]:
        """(lat, lon) of every resolved place with a point, countries included."""
        return tuple(self.anchors_)

    def add(self, place: Place) -> None:
        if place.lat is not None:
            self.anchors_.append((place.lat, place.lon))
        if place.country:
            self.countries.add(place.country)
        if place.type in UNIT_RADIUS_KM:
            self.units.append(place)
        if place.lat is not None and place.type not in AREA_TYPES:
            self.points.append(place)


def km(a: Place, b: Place) -> float:
    """Great-circle distance between two places with points, in km."""
    return distance.km(a.lat, a.lon, b.lat, b.lon)


def _name(place: Place) -> str:
    return place.name_lv or place.name


def options(cand: Candidate, gazetteer: Gazetteer) -> list[Entry]:
    """The entries a span may stand for: those of its form, of the types its head implies."""
    places = gazetteer.places
    entries = [e for e in cand.entries if e.place_id in places]
    if cand.types:
        typed = [e for e in entries if places[e.place_id].type in cand.types]
        if not typed and cand.source == "english_head" and SEAT_TYPES & set(cand.types):
            # "the districts of Ludza": the unit is named after its seat, which the gazetteer has
            typed = [e for e in entries if gazetteer.places[e.place_id].type in ("town", "city")]
        if not typed and UNIT_TYPES & set(cand.types) and not cand.historical:
            # "Šalčininku rajonā": a unit the table names only in its own language, named after
            # its seat, which the table has in this one: the seat's containing unit of that type
            typed = _seat_units(entries, cand.types, gazetteer)
        if not typed and "facility" in cand.types:
            # "Pāternieku robežkontroles punktā": a facility the table lacks, named after the
            # settlement it stands at; the settlement's point is the facility's
            typed = [e for e in entries if gazetteer.places[e.place_id].type in SETTLEMENT_TYPES]
        entries = typed
    return entries


def _seat_units(entries: list[Entry], types: tuple[str, ...], gazetteer: Gazetteer) -> list[Entry]:
    """The entries of towns and cities as entries of the nearest unit of `types` containing each."""
    out = []
    for e in entries:
        if gazetteer.places[e.place_id].type not in SEAT_TOWNS:
            continue
        unit = next((u for u in _parents(gazetteer.places[e.place_id], gazetteer)
                     if u in gazetteer.places and gazetteer.places[u].type in types), None)
        if unit is not None:
            out.append(e._replace(place_id=unit))
    return out


def _parents(place: Place, gazetteer: Gazetteer) -> list[str]:
    """Ids of the units containing a place, nearest first (Place.parent, when the table has it)."""
    chain, seen = [], set()
    parent = getattr(place, "parent", "") or ""
    while parent and parent not in seen:
        seen.add(parent)
        chain.append(parent)
        up = gazetteer.places.get(parent)
        parent = (getattr(up, "parent", "") or "") if up else ""
    return chain


def _inside(place: Place, unit: Place, parents: list[str]) -> float | None:
    """How far a place (whose `_parents` are `parents`) lies from a unit containing it (0 by
    the parent chain), or None."""
    if place.id == unit.id:
        return None
    if unit.id in parents:
        return 0.0
    if place.lat is None or unit.lat is None or place.type in UNIT_ORDER and \
            UNIT_ORDER[place.type] >= UNIT_ORDER[unit.type]:
        return None  # a unit is not inside one of its own rank or smaller
    d = km(place, unit)
    return d if d <= UNIT_RADIUS_KM[unit.type] else None


def choose(entries: list[Entry], gazetteer: Gazetteer, ctx: DocumentContext) -> tuple[Entry, str]:
    """One entry of several, and why it was chosen (see the module's order)."""
    places = gazetteer.places
    if _places_of(entries) == 1:
        return entries[0], "only candidate"
    countries = [e for e in entries if places[e.place_id].type in ("country", "union")]
    if countries and len(countries) < len(entries):
        return countries[0], "country before settlement"
    inside = []
    for e in entries:  # each place's parent chain read once, for all the units
        place = places[e.place_id]
        parents = _parents(place, gazetteer) if ctx.units else []
        inside += [(d, e, u) for u in ctx.units if (d := _inside(place, u, parents)) is not None]
    by_parent = [x for x in inside if x[0] == 0.0]
    for found in (by_parent, None, inside):
        if found is None:  # after the parent chain, before mere distance: the curated rows
            curated = [e for e in entries if e.place_id in gazetteer.curated]
            if curated and len(curated) < len(entries):
                entries = curated  # the curated rows win over generated namesakes (the river Daugava, not a village)
                inside = [x for x in inside if x[1] in entries]
                if len({e.place_id for e in entries}) == 1:
                    if inside:
                        unit = min(inside, key=lambda x: (x[0], UNIT_RADIUS_KM[x[2].type]))[2]
                        return entries[0], f"inside {_name(unit)} named in the text"
                    return entries[0], "the curated entry of that name"
            continue
        if found and len({e.place_id for _, e, _ in found}) < len({e.place_id for e in entries}):
            d, e, unit = min(found, key=lambda x: (x[0], UNIT_RADIUS_KM[x[2].type]))
            return e, f"inside {_name(unit)} named in the text"
    near = []
    for e in entries:
        place = places[e.place_id]
        others = [km(place, p) for p in ctx.points if p.id != place.id and place.lat is not None]
        if others:
            near.append((min(others), e))
    if near:
        # nearness weighed with size: 50 km nearer is worth ten times the population, so a
        # hamlet beside one of the document's places does not beat a town a little farther
        def weight(item: tuple[float, Entry]) -> float:
            d, e = item
            return math.log10((getattr(places[e.place_id], "population", 0) or 0) + 1) - min(d, NEAR_KM) / KM_PER_DECADE

        best = max(near, key=weight)
        if best[0] <= NEAR_KM:
            return best[1], f"nearest to the document's other places ({best[0]:.0f} km), weighed with size"
    named = [e for e in entries if places[e.place_id].country in ctx.countries]
    if named and len({places[e.place_id].country for e in entries}) > 1:
        if len(named) == 1:
            return named[0], f"in a country the document names ({places[named[0].place_id].country})"
        entries = named
    curated, rank = gazetteer.curated, gazetteer.rank

    def prominence(e: Entry) -> tuple:
        # a curated row first (the most specific, then table order), else the generated
        # place first in prior order: a country before a region before a settlement, then size
        p = places[e.place_id]
        if p.id in curated:
            return (0, p.geo_precision, rank[p.id])
        return (1, prior(p))

    return min(entries, key=prominence), "most prominent by type and population"


def resolve(cands: list[Candidate], gazetteer: Gazetteer, lang: str,
            countries: frozenset[str] = frozenset()) -> tuple[list[Resolution], list[Place]]:
    """A resolution for every candidate (in order), and the places found in GeoNames."""
    ctx = DocumentContext(set(countries))
    out: dict[int, Resolution] = {}
    pending: list[tuple[int, list[Entry]]] = []
    for i, cand in enumerate(cands):  # first what has one reading: it becomes the context
        entries = options(cand, gazetteer)
        if _places_of(entries) == 1:
            place = gazetteer.places[entries[0].place_id]
            ctx.add(place)
            out[i] = Resolution(cand, entries[0], place, entries[0].lemma, "only candidate")
        else:
            pending.append((i, entries))
    extra: dict[str, Place] = {}
    # the least ambiguous first: each choice becomes context for the next
    pending.sort(key=lambda item: (_places_of(item[1]) or 10 ** 6, item[0]))
    for i, entries in pending:
        cand = cands[i]
        if entries:
            entry, why = choose(entries, gazetteer, ctx)
            place = gazetteer.places[entry.place_id]
            ctx.add(place)
            out[i] = Resolution(cand, entry, place, entry.lemma, why)
        elif (unit := _bare_unit(cand, gazetteer, lang)) is not None:
            place = gazetteer.places[unit.place_id]
            ctx.add(place)
            out[i] = Resolution(cand, unit, place, unit.lemma, f"a unit named without its head ({_name(place)})")
        elif cand.source in ("context", "coordinated") or (cand.source == "english_head" and _settlement(cand)):
            place, lemma, reason = fallback.resolve(cand.lemma, lang, frozenset(ctx.countries), ctx.anchors())
            if place:
                extra[place.id] = place
                ctx.add(place)
                out[i] = Resolution(cand, None, place, lemma, reason)
            else:
                out[i] = Resolution(cand, None, None, lemma, reason)
        else:
            out[i] = Resolution(cand, None, None, cand.lemma, cand.reason or "not in the gazetteer")
    return [out[i] for i in range(len(cands))], sorted(extra.values(), key=lambda p: p.id)


def _places_of(entries: list[Entry]) -> int:
    """How many places some entries stand for."""
    return len(entries) if len(entries) < 2 else len(set(map(_PLACE_ID, entries)))


def _bare_unit(cand: Candidate, gazetteer: Gazetteer, lang: str) -> Entry | None:
    """An English name of a unit used without its head: "in Augšdaugava" → Augšdaugava municipality."""
    if cand.source not in ("context", "coordinated"):
        return None
    words = cand.lemma.split()
    for head in recognise.unit_heads(lang):  # from [places.heads_after]: none in Latvian, whose heads inflect
        entries = [e for e in gazetteer.lookup(words + [head]) if e.place_id in gazetteer.places]
        if entries:
            return entries[0]
    return None


def _settlement(cand: Candidate) -> bool:
    return bool({"town", "city", "village"} & set(cand.types))
