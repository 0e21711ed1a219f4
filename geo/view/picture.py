"""The current map as a PNG picture, drawn offline (Pillow): the basemap, the areas, the
events as the map draws them (stacks, areas), a legend and the attribution.

No browser and no tile server: the picture shows what the filters leave, framed as the map
frames it, in Web Mercator like the map."""

from __future__ import annotations

import io
import math
from typing import Any, Iterable

import geopandas as gpd
from PIL import Image, ImageDraw, ImageFont

from geo.view.mapview import frame_bounds, map_frame
from geo.view.style import TYPE_COLOURS

WIDTH, HEIGHT = 1200, 900
ATTRIBUTION = "Robeža · boundaries: Natural Earth (public domain) · events read from the texts (CC BY-SA 4.0)"
SEA, LAND, BORDER = (223, 232, 240), (243, 240, 232), (138, 138, 138)


def mercator(lon: float, lat: float) -> tuple[float, float]:
    """Web Mercator in degrees of longitude (x) and stretched latitude (y)."""
    lat = max(min(lat, 85.0), -85.0)
    return lon, math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


class Canvas:
    """A Web Mercator view of a lon/lat box on an image of WIDTH × HEIGHT pixels."""

    def __init__(self, bounds: list[list[float]], width: int = WIDTH, height: int = HEIGHT) -> None:
        (south, west), (north, east) = bounds
        x0, y0 = mercator(west, south)
        x1, y1 = mercator(east, north)
        pad_x, pad_y = (x1 - x0) * 0.08 + 0.2, (y1 - y0) * 0.08 + 0.2
        x0, x1, y0, y1 = x0 - pad_x, x1 + pad_x, y0 - pad_y, y1 + pad_y
        scale = min(width / (x1 - x0), height / (y1 - y0))  # one scale: shapes keep their form
        self.cx, self.cy, self.scale = (x0 + x1) / 2, (y0 + y1) / 2, scale
        self.width, self.height = width, height

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        x, y = mercator(lon, lat)
        return self.width / 2 + (x - self.cx) * self.scale, self.height / 2 - (y - self.cy) * self.scale

    def rings(self, geometry: Any) -> Iterable[tuple[str, list[tuple[float, float]]]]:
        """("polygon" | "line", pixel points) for each part of a geometry."""
        if geometry is None or geometry.is_empty:
            return
        kind = geometry.geom_type
        if kind in ("MultiPolygon", "MultiLineString", "GeometryCollection"):
            for part in geometry.geoms:
                yield from self.rings(part)
        elif kind == "Polygon":
            yield "polygon", [self.xy(x, y) for x, y in geometry.exterior.coords]
        elif kind == "LineString":
            yield "line", [self.xy(x, y) for x, y in geometry.coords]


def rgb(colour: str, alpha: float = 1.0) -> tuple[int, int, int, int]:
    """#rrggbb (or #rgb) → an RGBA tuple."""
    colour = colour.lstrip("#")
    if len(colour) == 3:
        colour = "".join(c * 2 for c in colour)
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16), int(round(alpha * 255))


# A system font with Latvian letters when there is one (Debian's fonts-dejavu), else Pillow's own.
FONT_FILES = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "DejaVuSans.ttf")


def font(size: int) -> Any:
    """A font at a size: DejaVu Sans (ā, ž, ņ…) where installed, else Pillow's built-in one."""
    for name in FONT_FILES:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def map_png(events: gpd.GeoDataFrame, shapes: gpd.GeoDataFrame | None = None,
            basemap: gpd.GeoDataFrame | None = None, title: str = "Robeža") -> bytes:
    """The filtered events as the map draws them, on the basemap and areas, as PNG bytes."""
    canvas = Canvas(frame_bounds(events))
    image = Image.new("RGB", (canvas.width, canvas.height), SEA)
    draw = ImageDraw.Draw(image, "RGBA")  # RGBA drawing on an RGB image: fills blend
    if basemap is not None:
        for geometry in basemap.geometry:
            for kind, points in canvas.rings(geometry):
                if kind == "polygon" and len(points) > 2:
                    draw.polygon(points, fill=LAND + (255,), outline=BORDER + (255,))
    if shapes is not None:
        for geometry, kind in zip(shapes.geometry, shapes.get("type", [""] * len(shapes))):
            if kind == "union":
                continue
            for part, points in canvas.rings(geometry):
                if len(points) > 1:
                    draw.line(points, fill=(85, 85, 85, 200), width=3 if part == "line" else 1)
    frame = map_frame(events, None, shapes) if len(events) else None
    if frame is not None:
        for geometry, style, n in zip(frame.geometry, frame["style"], frame["n"]):
            stroke, fill = rgb(style["color"]), rgb(style["fillColor"], style.get("fillOpacity", 0.75))
            if geometry.geom_type == "Point":
                x, y = canvas.xy(geometry.x, geometry.y)
                r = style.get("radius", 6) * 1.4
                draw.ellipse((x - r, y - r, x + r, y + r), fill=fill, outline=stroke, width=2)
                if n > 1:
                    draw.text((x + r + 2, y - r - 2), str(n), fill=(20, 20, 20, 255), font=font(16))
            else:
                for part, points in canvas.rings(geometry):
                    if part == "polygon" and len(points) > 2:
                        draw.polygon(points, fill=fill, outline=stroke, width=3)
                    elif len(points) > 1:
                        draw.line(points, fill=stroke, width=4)
    legend(draw, canvas, title, len(events))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def legend(draw: ImageDraw.ImageDraw, canvas: Canvas, title: str, count: int) -> None:
    """The title and count (top left), the event types (bottom left), the attribution."""
    big, small = font(22), font(15)
    draw.rectangle((10, 10, 30 + max(draw.textlength(title[:90], font=big), 380), 70), fill=(255, 255, 255, 230))
    draw.text((20, 16), title[:90], fill=(17, 17, 17, 255), font=big)
    draw.text((20, 46), f"{count} events · dashed areas: known only to that area", fill=(60, 60, 60, 255), font=small)
    rows = list(TYPE_COLOURS.items())
    top = canvas.height - 30 - 20 * len(rows)
    draw.rectangle((10, top - 10, 190, canvas.height - 28), fill=(255, 255, 255, 230))
    for i, (kind, colour) in enumerate(rows):
        y = top + 20 * i
        draw.ellipse((20, y + 3, 32, y + 15), fill=rgb(colour), outline=rgb(colour))
        draw.text((40, y), kind.replace("_", " "), fill=(17, 17, 17, 255), font=small)
    width = draw.textlength(ATTRIBUTION, font=small)
    draw.rectangle((canvas.width - width - 20, canvas.height - 24, canvas.width, canvas.height),
                   fill=(255, 255, 255, 230))
    draw.text((canvas.width - width - 10, canvas.height - 21), ATTRIBUTION, fill=(40, 40, 40, 255), font=small)
