"""Finding place mentions in text: recognisers → one span filter → resolvers → roles.

``recognise`` proposes spans (gazetteer forms, names before generic heads, names after
spatial prepositions, historical units, …) and keeps the longest, earliest,
non-overlapping ones with ``geo.spans.select``; ``resolve`` chooses a gazetteer entry
for each from what the document says, recording why; ``roles`` labels each mention a
`location` or a `name_part`. A span that cannot be placed is still a mention, with the
reason (``Parse.unresolved`` reports it).
"""

from __future__ import annotations

from geo.gazetteer import TOKEN, Gazetteer, Place, fold
from geo.model import PlaceMention
from geo.text.places import recognise, resolve, roles
from geo.text.places.recognise import Candidate, Token, is_demonym, tokenize
from geo.text.places.resolve import Resolution
from geo.text.places.roles import LOCATION, NAME_PART, is_near, role

__all__ = ["LOCATION", "NAME_PART", "TOKEN", "Candidate", "Token", "find", "fold", "recognise", "resolve",
           "roles", "tokenize"]

QUOTES = "\"”»“'’"


def find(text: str, gazetteer: Gazetteer, start: int = 0, end: int | None = None, lang: str = "lv",
         countries: frozenset[str] = frozenset(),
         toks: list[Token] | None = None) -> tuple[list[PlaceMention], list[Place]]:
    """Place mentions in text[start:end], and the places found beyond the gazetteer.

    `countries` are ISO codes the document already names: they rank ambiguous names and
    GeoNames candidates. `toks`: `tokenize(text, start, end)`, when the caller has it.
    """
    toks = tokenize(text, start, end) if toks is None else toks
    cands = recognise.recognise(text, toks, gazetteer, lang)
    taken = {k for c in cands for k in range(c.first, c.last + 1)}
    resolutions, extra = resolve.resolve(cands, gazetteer, lang, countries)
    mentions = [_mention(text, toks, r, taken, gazetteer, lang) for r in resolutions]
    return mentions, extra


def _mention(text: str, toks: list[Token], r: Resolution, taken: set[int], gazetteer: Gazetteer,
             lang: str) -> PlaceMention:
    """The mention a resolution makes: its span, place, role, case and why."""
    cand, entry, place, lemma, why = r
    s, e = cand.start, cand.end
    if lemma[-1:] in QUOTES and text[e:e + 1] in QUOTES:
        e += 1  # centrā "Mucenieki": the closing quote belongs to the name
    surface = text[s:e]
    adjective = entry is not None and is_demonym(surface, entry, gazetteer, lang)
    entry_cases = entry.cases if entry is not None else cand.cases
    case = next(iter(entry_cases)) if len(entry_cases) == 1 else ""
    place_id, kind = (place.id, place.type) if place else (None, "")
    reason, resolution = ("", why) if place_id else (why, "")
    mention_role, near = role(text, toks, cand, taken, lang, kind, entry_cases), is_near(text, toks, cand.first, lang)
    # every field by position: keywords made a sixth of the frozen dataclass's __init__ (one per mention)
    return PlaceMention(s, e, surface, lemma, place_id, mention_role, case, reason, near, resolution, adjective)
