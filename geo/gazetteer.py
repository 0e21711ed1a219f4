"""The place table: lookup of every surface form of every name, coordinates, country.

The curated rows live in ``data/gazetteer.csv``. Latvian names are expanded into all
their case forms (``geo.latvian``); country names in Latvian come from pycountry's
translations; points missing from the table are derived from the area polygons and
lines in ``data/boundaries/areas.geojson``.
"""

from __future__ import annotations

import csv
import gettext
import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pycountry
import shapely
from shapely.geometry import shape

from geo.model import PARISH, REGION, SETTLEMENT
from geo.text import latvian

ROOT = Path(__file__).resolve().parent.parent
GAZETTEER_CSV = ROOT / "data" / "gazetteer.csv"
AREAS_GEOJSON = ROOT / "data" / "boundaries" / "areas.geojson"

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


@dataclass(frozen=True)
class Entry:
    """What a folded key can stand for: a place, the name it is a form of, and its cases."""

    place_id: str
    lemma: str
    cases: frozenset[str]
    exact: str | None = None  # acronyms (ES, EU) match only as written


@dataclass
class Gazetteer:
    """The place table and its surface-form index."""

    places: dict[str, Place]
    index: dict[tuple[str, ...], list[Entry]] = field(default_factory=dict)
    max_words: int = 1
    prefixes: frozenset[tuple[str, ...]] = frozenset()  # every leading part of every key

    def lookup(self, words: list[str], folded: tuple[str, ...] | None = None) -> list[Entry]:
        """Entries whose surface form is exactly these words (compared folded).

        Callers that scan many n-grams pass the words' `folded` keys to fold each once.
        """
        entries = self.index.get(folded if folded is not None else tuple(fold(w) for w in words))
        if not entries:
            return []
        joined = " ".join(words)
        return [e for e in entries if e.exact is None or e.exact == joined]

    def add(self, place: Place) -> None:
        """Add a place found outside the curated table (a GeoNames fallback)."""
        self.places.setdefault(place.id, place)


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lookup key of a word: lower case, no diacritics (the stored text keeps both)."""
    decomposed = unicodedata.normalize("NFD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokens(text: str) -> list[str]:
    """The words of a name."""
    return TOKEN.findall(text)


@lru_cache(maxsize=1)
def _lv_country_names() -> gettext.NullTranslations:
    """pycountry's Latvian translations of ISO 3166-1 names."""
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["lv"], fallback=True)


def latvian_country_name(alpha2: str) -> str:
    """The Latvian name of a country, from pycountry ("BY" → "Baltkrievija")."""
    country = pycountry.countries.get(alpha_2=alpha2)
    if country is None:
        raise ValueError(f"unknown ISO 3166-1 code {alpha2!r}")
    return _lv_country_names().gettext(country.name)


def _names(row: dict[str, str]) -> list[tuple[str, str, str]]:
    """(name, language, declension spec) of every name and alias of a row."""
    names = [(row["name_lv"], "lv", row["declension"])]
    for alias in filter(None, (a.strip() for a in row["aliases_lv"].split(";"))):
        form, _, spec = alias.partition("|")
        names.append((form.strip(), "lv", spec.strip() or latvian.INVARIANT))
    names.append((row["name"], "en", ""))
    names += [(a.strip(), "en", "") for a in row["aliases_en"].split(";") if a.strip()]
    return names


def _forms(name: str, lang: str, spec: str) -> dict[str, set[str]]:
    """Surface forms of one name → their cases (English: the name and its possessive)."""
    if lang == "lv":
        return latvian.inflect(name, spec)
    return {name: {"nom"}, f"{name}'s": {"gen"}, f"{name}’s": {"gen"}}


def _index_row(index: dict, row: dict[str, str]) -> None:
    """Add every form of every name of one row to the index."""
    for name, lang, spec in _names(row):
        for form, cases in _forms(name, lang, spec).items():
            words = tokens(form)
            if not words:
                continue
            exact = form if form.isupper() and len(form) <= 4 else None
            key = tuple(fold(w) for w in words)
            entries = index.setdefault(key, [])
            same = [e for e in entries if e.place_id == row["id"] and e.exact == exact]
            if same:  # two names of one place share a form: merge their cases
                entries[entries.index(same[0])] = Entry(row["id"], same[0].lemma, same[0].cases | cases, exact)
            else:
                entries.append(Entry(row["id"], name, frozenset(cases), exact))


def _area_points(path: Path) -> dict[str, tuple[float, float]]:
    """(lon, lat) of a representative point of each area: inside a polygon, mid-line."""
    if not path.exists():
        return {}
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
    return Place(row["id"], row["name"], row["name_lv"], row["type"], row["country"], lat, lon,
                 precision, row["source"], row["geonames_id"])


def read_rows(path: Path = GAZETTEER_CSV) -> list[dict[str, str]]:
    """The gazetteer's rows, country names in Latvian filled in from pycountry."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        if row["type"] == "country" and not row["name_lv"]:
            row["name_lv"] = latvian_country_name(row["country"])
    return rows


def load(path: Path = GAZETTEER_CSV, areas: Path = AREAS_GEOJSON) -> Gazetteer:
    """Read the gazetteer and build its surface-form index."""
    area_points = _area_points(areas)
    rows = read_rows(path)
    gazetteer = Gazetteer({row["id"]: _place(row, area_points) for row in rows})
    for row in rows:
        _index_row(gazetteer.index, row)
    gazetteer.max_words = max(len(key) for key in gazetteer.index)
    gazetteer.prefixes = frozenset(key[:n] for key in gazetteer.index for n in range(1, len(key) + 1))
    return gazetteer


@lru_cache(maxsize=1)
def default() -> Gazetteer:
    """The shipped gazetteer, built once per process (it is read-only but for fallbacks)."""
    return load()
