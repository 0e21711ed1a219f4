"""Finding place mentions in text: recognition, then resolution, then each mention's role.

Recognition matches every gazetteer surface form (all Latvian cases, English names)
over word tokens; like spaCy's EntityRuler it collects all candidates first and then
keeps the longest, earliest, non-overlapping ones. Words that look like places but are
not in the gazetteer are looked up in GeoNames (``geo.fallback``); what still cannot be
placed is returned unresolved, with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import simplemma

from geo import fallback, language
from geo.gazetteer import JOINER, TOKEN, Entry, Gazetteer, Place, fold, prior
from geo.model import PlaceMention

LOCATION, NAME_PART = "location", "name_part"
QUOTES = "\"”»“'’"
# Between a coordinated list of genitives and their shared head: "Ludzas, Krāslavas,
# Augšdaugavas novadā", "Latvijas un Lietuvas".
COORDINATOR = re.compile(r"\s*(?:,|\bun\b|\band\b|\bvai\b)\s*(?:\bun\b\s*)?")


class Token(NamedTuple):
    """A word and its span (a tuple: documents have hundreds of thousands of them)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Candidate:
    """A recognised name: its token range and the gazetteer entries it may stand for."""

    first: int
    last: int
    entries: tuple[Entry, ...]


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Word tokens of text[start:end] with offsets into `text`."""
    end = len(text) if end is None else end
    return [Token(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text, start, end)]


def _joined(text: str, toks: list[Token], first: int, last: int) -> bool:
    """Whether the tokens first..last are separated only by spaces, dashes or quotes."""
    return all(JOINER.fullmatch(text[toks[i].end:toks[i + 1].start]) for i in range(first, last))


def _glued(text: str, start: int) -> bool:
    """Whether a word is glued to the one before by ':', '/', '@' or '.' ("Re:Baltica", "lsm.lv")."""
    return start >= 2 and text[start - 1] in ":/@." and text[start - 2].isalnum()


def recognise(text: str, toks: list[Token], gazetteer: Gazetteer) -> list[Candidate]:
    """All gazetteer matches, then the longest, earliest, non-overlapping ones."""
    # every match, then those whose words are joined only by spaces, dashes or quotes
    found = [Candidate(m.first, m.last, tuple(m.entries))
             for m in gazetteer.matches([t.text for t in toks])
             if (m.first == m.last or _joined(text, toks, m.first, m.last)) and not _glued(text, toks[m.first].start)]
    found.sort(key=lambda c: (-(c.last - c.first), c.first))
    taken: set[int] = set()
    kept = []
    for cand in found:
        span = set(range(cand.first, cand.last + 1))
        if not span & taken:
            taken |= span
            kept.append(cand)
    return sorted(kept, key=lambda c: c.first)


def _coordinated(text: str, toks: list[Token], cands: list[Candidate], gazetteer: Gazetteer) -> list[Candidate]:
    """Re-read genitives that share a following head: "Ludzas, Krāslavas, Augšdaugavas novadā".

    Each of "Ludzas" and "Krāslavas" alone would be a town; with the head of the last
    name ("novads") they are the municipalities.
    """
    out = list(cands)
    for i, cand in enumerate(cands):
        if cand.last - cand.first != 1:
            continue
        head = cand.entries[0].lemma.split()[-1]
        j = i - 1
        while j >= 0 and out[j].first == out[j].last and out[j].last < cand.first:
            gap = text[toks[out[j].last].end:toks[(out[j + 1] if j + 1 < i else cand).first].start]
            if not COORDINATOR.fullmatch(gap):
                break
            entries = gazetteer.lookup([toks[out[j].first].text, head])
            if not entries:
                break
            out[j] = Candidate(out[j].first, out[j].last, tuple(Entry(e.place_id, e.lemma, cand.entries[0].cases) for e in entries))
            j -= 1
    return out


@lru_cache(maxsize=4096)
def _lemma(word: str, lang: str) -> str:
    """simplemma's lemma of a lower-cased word."""
    return simplemma.lemmatize(word.lower(), lang=lang)


def _is_head(word: str, roles: dict, lang: str) -> bool:
    """Whether a word is an organisation/office/attribute head ("robežsardze", "pilsoņi")."""
    folded = fold(word)
    return (_lemma(word, lang) in roles["heads"] or word.lower() in roles["heads"]
            or folded.startswith(tuple(roles["head_stems"])))


def role(text: str, toks: list[Token], cand: Candidate, taken: set[int], lang: str) -> str:
    """`name_part` when a genitive name is followed by an organisation or attribute head."""
    cases = cand.entries[0].cases
    roles = _roles(lang)
    if cand.first > 0 and JOINER.fullmatch(text[toks[cand.first - 1].end:toks[cand.first].start]) \
            and _lemma(toks[cand.first - 1].text, lang) in roles["governing"]:
        return NAME_PART
    # Latvian marks an attribute with the genitive ("Latvijas robežsardze"); English does not
    # inflect ("Latvian border guards", "Poland's government"), so any form may be one
    if lang == "lv" and ("gen" not in cases or "loc" in cases):
        return LOCATION
    seen, k = 0, cand.last + 1
    while k < len(toks) and seen < roles["window"]:
        gap = text[toks[k - 1].end:toks[k].start]
        if not (JOINER.fullmatch(gap) or COORDINATOR.fullmatch(gap)):
            break  # a comma, a bracket or a full stop ends the phrase
        word = toks[k].text
        if fold(word) in roles["stop_folded"]:
            break
        if k not in taken and fold(word) not in roles["skip"]:
            if _is_head(word, roles, lang):
                return NAME_PART
            seen += 1
        k += 1
    return LOCATION


@lru_cache(maxsize=None)
def _roles(lang: str) -> dict:
    """The roles section of a language, its word lists folded for lookups."""
    roles = dict(language.load(lang)["roles"])
    roles["stop_folded"] = frozenset(fold(w) for w in roles["stop"])
    roles["near_folded"] = tuple(" ".join(fold(w) for w in phrase.split()) for phrase in roles["near"])
    return roles


def is_near(text: str, toks: list[Token], first: int, lang: str) -> bool:
    """Whether a name follows a "near" phrase ("near Daugavpils", "netālu no Daugavpils")."""
    before = " ".join(fold(t.text) for t in toks[max(0, first - 4):first])
    return any((" " + before).endswith(" " + phrase) for phrase in _roles(lang)["near_folded"])


def _choose(entries: tuple[Entry, ...], gazetteer: Gazetteer) -> Entry:
    """One entry for an ambiguous form: a curated place (the most specific, then table order),
    else the generated place first in `gazetteer.prior` order (a country before a village)."""
    places, rank, curated = gazetteer.places, gazetteer.rank, gazetteer.curated

    def key(e: Entry) -> tuple:
        if e.place_id in curated:
            return (0, places[e.place_id].geo_precision, rank[e.place_id])
        return (1, prior(places[e.place_id])) if e.place_id in places else (2,)
    return min(entries, key=key)


def find(text: str, gazetteer: Gazetteer, start: int = 0, end: int | None = None, lang: str = "lv",
         countries: frozenset[str] = frozenset()) -> tuple[list[PlaceMention], list[Place]]:
    """Place mentions in text[start:end], and the places found beyond the gazetteer.

    `countries` are ISO codes the document already names: they rank GeoNames candidates.
    """
    toks = tokenize(text, start, end)
    cands = _coordinated(text, toks, recognise(text, toks, gazetteer), gazetteer)
    taken = {k for c in cands for k in range(c.first, c.last + 1)}
    mentions = []
    for cand in cands:
        entry = _choose(cand.entries, gazetteer)
        s, e = toks[cand.first].start, toks[cand.last].end
        if entry.lemma[-1:] in QUOTES and text[e:e + 1] in QUOTES:
            e += 1  # centrā "Mucenieki": the closing quote belongs to the name
        mentions.append(PlaceMention(s, e, text[s:e], entry.lemma, entry.place_id,
                                     role(text, toks, cand, taken, lang), _case(entry),
                                     near=is_near(text, toks, cand.first, lang)))
    doc_countries = countries | {gazetteer.places[m.place_id].country for m in mentions}
    extra, extra_places = fallback.find(text, toks, taken, lang, doc_countries)
    return sorted(mentions + extra, key=lambda m: m.start), extra_places


def _case(entry: Entry) -> str:
    """The case of a form, when it is unambiguous."""
    return next(iter(entry.cases)) if len(entry.cases) == 1 else ""
