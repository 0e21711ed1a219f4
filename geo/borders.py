"""Border sections: the point of a border line (data/boundaries/areas.geojson) nearest a place.

A report places an incident "in the border section guarded by the Varėna border team" or "on
the border near Narewka": the whole line is hundreds of kilometres long, the section is where
the line passes the place named. The lines are read once, lazily.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from geo.distance import km
from geo.gazetteer import AREAS_GEOJSON


@lru_cache(maxsize=4)
def _lines(path: Path = AREAS_GEOJSON) -> dict:
    """The border lines of the areas file, by id (shapely geometries)."""
    if not path.exists():
        return {}
    from shapely.geometry import shape

    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    return {f["properties"]["id"]: shape(f["geometry"]) for f in features
            if f["properties"].get("type") == "border" or f["geometry"]["type"] in ("LineString", "MultiLineString")}


def nearest_point(border_id: str, lat: float, lon: float, path: Path = AREAS_GEOJSON) -> tuple[float, float, float] | None:
    """(lat, lon, km away) of the point of a border line nearest (lat, lon); None for no line."""
    line = _lines(path).get(border_id)
    if line is None:
        return None
    from shapely.geometry import Point
    from shapely.ops import nearest_points

    near = nearest_points(line, Point(lon, lat))[0]
    return round(near.y, 5), round(near.x, 5), km(lat, lon, near.y, near.x)
