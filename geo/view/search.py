"""Finding events by a place name in any case form, or by words of their quote.

Latvian inflects names ("Piedruja", "Piedrujā", "Piedrujas"): the query is looked up among the
forms the texts actually used (the mentions' `surface` and `lemma`) and the places' names,
compared without case or diacritics and, for one word, also by its stem (the word less a
case ending of at most two letters). A query that names no place is looked for in the quotes.
"""

from __future__ import annotations

import unicodedata

import numpy as np
import pandas as pd

from geo.io.schema import as_list

MIN_STEM = 4  # shorter words are compared whole: a stem of "Rīga" is not "Rī"
# Letters Latvian case endings are made of, once folded (-a, -as, -ā, -ām, -ai, -is, -ī, -u, -us, -ei, -ēm, -os, -iem…)
ENDING_LETTERS = set("aeiousmj")
MAX_ENDING = 3


def fold(text: str) -> str:
    """Lower case without diacritics: the key queries and names are compared by."""
    decomposed = unicodedata.normalize("NFD", str(text).casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def stem(word: str) -> str:
    """A folded word less its case ending (at most MAX_ENDING ending letters, keeping MIN_STEM)."""
    cut = word
    while len(word) - len(cut) < MAX_ENDING and len(cut) > MIN_STEM and cut[-1] in ENDING_LETTERS:
        cut = cut[:-1]
    return cut


def same_word(query: str, word: str) -> bool:
    """Two folded words that are one word in two case forms ("piedruja" ~ "piedrujas")."""
    return query == word or (len(query) >= MIN_STEM and len(word) >= MIN_STEM and stem(query) == stem(word))


def same_name(query: str, name: str) -> bool:
    """Whether a folded query names what a folded name does: its words, in any case form, are
    some run of the name's words ("piedruja" in "piedrujas pagasta")."""
    q, words = query.split(), name.split()
    return any(all(same_word(a, b) for a, b in zip(q, words[i:i + len(q)]))
               for i in range(len(words) - len(q) + 1))


def place_ids(query: str, mentions: pd.DataFrame, places: pd.DataFrame) -> set[str]:
    """Ids of the places the query names, in any case form the texts used or the gazetteer gives."""
    q = fold(query)
    if not q:
        return set()
    names: dict[str, set[str]] = {}
    for column in ("surface", "lemma"):
        if column in mentions:
            for form, place in zip(mentions[column], mentions["place_id"]):
                if isinstance(form, str) and isinstance(place, str):
                    names.setdefault(fold(form), set()).add(place)
    for column in ("name", "name_lv"):
        if column in places:
            for form, place in zip(places[column], places["id"]):
                if isinstance(form, str):
                    names.setdefault(fold(form), set()).add(str(place))
    return {p for name, ids in names.items() if same_name(q, name) for p in ids}


def matches(events: pd.DataFrame, query: str, mentions: pd.DataFrame, places: pd.DataFrame,
            areas: pd.DataFrame | None = None) -> np.ndarray:
    """Mask of the events the query finds: one of their places is named by it (in any case
    form), or their quote contains its words (case and diacritics aside)."""
    q = fold(query)
    if not q or not len(events):
        return np.ones(len(events), dtype=bool)
    frames = [places] + ([areas] if areas is not None and len(areas) else [])
    named = place_ids(query, mentions, pd.concat([f[[c for c in ("id", "name", "name_lv") if c in f]] for f in frames]))
    in_places = np.array([bool(named.intersection(as_list(ids))) for ids in events["place_ids"]], dtype=bool)
    words = q.split()
    quotes = [fold(text) if isinstance(text, str) else "" for text in events["quote"]]
    in_quote = np.array([all(w in text for w in words) for text in quotes], dtype=bool)
    return in_places | in_quote


def apply(events: pd.DataFrame, query: str, mentions: pd.DataFrame, places: pd.DataFrame,
          areas: pd.DataFrame | None = None) -> pd.DataFrame:
    """The events the query finds (all of them for an empty query), in their order."""
    if not fold(query):
        return events
    return events[matches(events, query, mentions, places, areas)]


def names_found(query: str, mentions: pd.DataFrame, places: pd.DataFrame) -> list[str]:
    """English names of the places a query names (to say what it was read as)."""
    ids = place_ids(query, mentions, places)
    return sorted({str(n) for i, n in zip(places["id"], places["name"]) if i in ids})
