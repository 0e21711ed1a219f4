"""Roles: is a place mention where something happens (`location`) or part of a name (`name_part`)?

A genitive place name followed by the head of an organisation, office, medium, group of
people or attribute is part of that name or its attribute: "Latvijas Valsts robežsardze",
"Polijas Radio", "Baltkrievijas militārpersonas", "Irākas pilsoņi", "Belarus officers",
"Lithuania's interior ministry", "the president of Belarus". A city that is the subject of a
saying verb stands for its government ("Brussels said", "Minska noliedz"): a name_part too.
The heads and verbs are data (``[roles]`` of ``geo/data/language/*.toml``), words of their
kind, never one text's words.
"""

from __future__ import annotations

from functools import cache, lru_cache
from operator import attrgetter

from geo.gazetteer import JOINER, fold
from geo.text import language, latvian, lemmas
from geo.text.places.recognise import CONJUNCTIONS, COORDINATOR, Candidate, Token

LOCATION, NAME_PART = "location", "name_part"
_TEXT = attrgetter("text")
# the kinds of place whose name may stand for the government seated there
SEAT_TYPES = frozenset({"city", "state_city"})


@lru_cache(maxsize=4096)
def _lemma(word: str, lang: str) -> str:
    """simplemma's lemma of a lower-cased word."""
    return lemmas.lemmatize(word.lower(), lang)


@cache
def _roles(lang: str) -> dict:
    """The roles section of a language, its word lists folded for lookups."""
    roles = dict(language.pack(lang).roles)
    roles["stop_folded"] = frozenset(fold(w) for w in roles["stop"])
    roles["near_folded"] = tuple(" ".join(fold(w) for w in phrase.split()) for phrase in roles["near"])
    roles["near_last_folded"] = frozenset(p.rsplit(" ", 1)[-1] for p in roles["near_folded"])
    roles["near_ends"] = tuple(" " + p for p in roles["near_folded"])  # for one str.endswith of them all
    roles["of_heads_folded"] = tuple(tuple(fold(w) for w in p.split()) for p in roles.get("of_heads", []))
    roles["of_folded"] = frozenset(fold(w) for w in roles.get("of", []))
    roles["articles_folded"] = frozenset(fold(w) for w in language.pack(lang).articles)
    roles["heads_folded"] = frozenset(fold(w) for w in roles["heads"])
    # the lists as sets (and the stems as a tuple) for the tests of every word after a name
    for key in ("heads", "skip", "governing"):
        roles[key] = frozenset(roles[key])
    roles["head_stems"] = tuple(roles["head_stems"])
    roles["speech_verbs"] = frozenset(roles.get("speech_verbs", ()))
    roles["speech_skip_folded"] = frozenset(fold(w) for w in roles.get("speech_skip", ()))
    roles["prepositions_folded"] = frozenset(fold(w) for w in roles["spatial_prepositions"])
    roles["inflects"] = language.inflects(lang)
    roles["number_words"] = language.pack(lang).number_words
    return roles


def _is_head(word: str, roles: dict, lang: str) -> bool:
    """Whether a word is an organisation/office/attribute head ("robežsardze", "pilsoņi")."""
    folded = fold(word)
    return (folded in roles["heads_folded"] or folded.startswith(roles["head_stems"]) or word.lower() in roles["heads"]
            or _lemma(word, lang) in roles["heads"])


def _of_head(toks: list[Token], first: int, roles: dict) -> bool:
    """Whether a name follows "<head> of (the)": "the president of Belarus"."""
    k = first - 1
    if k >= 0 and fold(toks[k].text) in roles["articles_folded"]:
        k -= 1
    if k < 1 or fold(toks[k].text) not in roles["of_folded"]:
        return False
    before = [fold(t.text) for t in toks[max(0, k - 2):k]]
    return any(tuple(before[-len(p):]) == p for p in roles["of_heads_folded"] if len(p) <= len(before))


def role(text: str, toks: list[Token], cand: Candidate, taken: set[int], lang: str, kind: str = "",
         cases: frozenset[str] | None = None) -> str:
    """`name_part` when a genitive name is followed by an organisation or attribute head, or
    when a city (`kind`, its place type; `cases`, those of the form it resolved by) is the
    subject of a saying verb."""
    roles = _roles(lang)
    if kind in SEAT_TYPES and speaks(text, toks, cand, lang, cand.cases if cases is None else cases):
        return NAME_PART
    # the gap first: a word not joined to the name need not be lemmatised (simplemma is slow on new words)
    if cand.first > 0 and JOINER.fullmatch(text[toks[cand.first - 1].end:toks[cand.first].start]) \
            and _lemma(toks[cand.first - 1].text, lang) in roles["governing"]:
        return NAME_PART
    if roles["of_heads_folded"] and _of_head(toks, cand.first, roles):
        return NAME_PART
    cases = cand.cases
    # Latvian marks an attribute with the genitive ("Latvijas robežsardze"); English does not
    # inflect ("Latvian border guards", "Poland's government"), so any form may be one
    inflects = roles["inflects"]
    if inflects and ("gen" not in cases or "loc" in cases):
        return LOCATION
    stop, skip, window, numbers = roles["stop_folded"], roles["skip"], roles["window"], roles["number_words"]
    seen, k, conjunction = 0, cand.last + 1, False
    while k < len(toks) and seen < window:
        gap = text[toks[k - 1].end:toks[k].start]
        word = toks[k].text
        folded = fold(word)
        # a number (digits or a number word: "desmit Irākas un vienu Sīrijas pilsoni")
        counted = inflects and (word.isdigit() or folded in numbers)
        listed = k in taken or (counted and k + 1 in taken)
        if "\n" in gap or not JOINER.fullmatch(gap) and not (COORDINATOR.fullmatch(gap) and listed):
            break  # a comma (but in a list of places), a bracket, a full stop or a new line ends the phrase
        if folded in stop or (conjunction and not listed):
            break  # "Belarus and the Lithuanian border guards": a new phrase, not a list of places
        if k in taken and seen and not conjunction and not COORDINATOR.fullmatch(gap):
            break  # "no Latvijas izceļojošs Vācijas pilsonis": the head is the nearer name's
        conjunction = folded in CONJUNCTIONS
        if k not in taken and folded not in skip and not counted:
            if _is_head(word, roles, lang):
                return NAME_PART
            seen += 1
        k += 1
    return LOCATION


def speaks(text: str, toks: list[Token], cand: Candidate, lang: str, cases: frozenset[str]) -> bool:
    """Whether a name (in `cases`) is the subject of a saying verb: "Brussels said", "Minska atkal noliedza"."""
    roles = _roles(lang)
    if "nom" not in cases and (roles["inflects"] or cases):
        return False  # "Warsaw's claims": not the subject
    if roles["inflects"] and not _may_be_nominative(toks[cand.last].text):
        return False  # "Rīgā paziņoja": the folded index merges "Rīgā" with "Rīga"; the ending tells
    if cand.first > 0 and fold(toks[cand.first - 1].text) in roles["prepositions_folded"]:
        return False  # "officials in Warsaw said": where they are
    k = cand.last + 1
    while k < len(toks) and "\n" not in text[toks[k - 1].end:toks[k].start]:
        if not text[toks[k - 1].end:toks[k].start].isspace():
            return False  # "In Minsk, officials said": a comma ends the subject
        word = toks[k].text
        if _lemma(word, lang) in roles["speech_verbs"] or word.lower() in roles["speech_verbs"]:
            return True
        if fold(word) not in roles["speech_skip_folded"]:
            return False
        k += 1
    return False


@lru_cache(maxsize=4096)
def _may_be_nominative(word: str) -> bool:
    """Whether a Latvian word's ending may be a nominative's ("Rīga", not "Rīgā")."""
    return any(case == "nom" for _, _, case in latvian.nominative_candidates(word))


def is_near(text: str, toks: list[Token], first: int, lang: str) -> bool:
    """Whether a name follows a "near" phrase ("near Daugavpils", "netālu no Daugavpils")."""
    roles = _roles(lang)
    if not first or fold(toks[first - 1].text) not in roles["near_last_folded"]:
        return False  # no phrase ends right before the name (most names): nothing to join
    before = " ".join(map(fold, map(_TEXT, toks[max(0, first - 4):first])))
    return (" " + before).endswith(roles["near_ends"])
