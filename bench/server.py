"""The app's server side: loading, filtering (geo.selection), the folium map (geo.mapview).

Events are made directly in the shape of the data contract (no geoparsing): ids, documents,
dates from July 2021 to 2023, types, persons, places of the gazetteer (and GeoNames-like
villages around the border), quotes and spans. They are written as events.geojson and
events.parquet and read back with geo.selection, as the app reads them.
"""

from __future__ import annotations

import random
import shutil
import tempfile
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import geopandas as gpd
from shapely.geometry import Point

from bench.report import Row
from bench.timing import measure
from geo.io.layers import load_layers, read_layer
from geo.view import cluster, filters, mapview

ROOT = Path(__file__).resolve().parent.parent
TYPES = ["detention", "border_crossing", "emergency", "deployment", "accusation", "legal_action", "arrest",
         "statement", "other"]
TYPE_WEIGHTS = [30, 25, 5, 8, 6, 4, 4, 10, 8]
QUOTE = ("{date} {place} robežsargi aizturēja {n} personas, kuras nelikumīgi šķērsoja valsts robežu "
         "no Baltkrievijas puses; visi aizturētie nogādāti izmitināšanas centrā.")
BORDER_BOX = (23.0, 53.0, 28.5, 56.2)  # lon/lat box of the LV/LT/PL–BY border villages


def synthetic_events(n: int, seed: int = 7) -> gpd.GeoDataFrame:
    """`n` events of the data contract (geo.layers.EVENT_COLUMNS), deterministic."""
    from geo import gazetteer
    from geo.io import layers

    rng = random.Random(seed)
    gaz = gazetteer.default()
    known = [p for p in gaz.places.values() if p.lat is not None and p.country in ("LV", "LT", "PL", "BY")]
    first, span = date(2021, 7, 1), (date(2023, 12, 31) - date(2021, 7, 1)).days
    docs = max(1, n // 8)
    rows, points = [], []
    for i in range(n):
        doc = f"synth_{rng.randrange(docs):06d}"
        if rng.random() < 0.75:
            place = rng.choice(known)
            pid, name, lv, country, precision = place.id, place.name, place.name_lv, place.country, place.geo_precision
            point = Point(round(place.lon, 6), round(place.lat, 6))
        else:  # a GeoNames village found by the fallback
            lon, lat = rng.uniform(*BORDER_BOX[::2]), rng.uniform(*BORDER_BOX[1::2])
            pid, name, country, precision = f"geonames:{rng.randrange(10**6, 10**7)}", f"Village {i}", rng.choice("LV LT PL".split()), 1
            lv, point = name, Point(round(lon, 6), round(lat, 6))
        start = first + timedelta(days=rng.randrange(span))
        tp = rng.choices((1, 2, 3, 4), (70, 10, 15, 5))[0]
        end = start + timedelta(days={1: 0, 2: 9, 3: 29, 4: 91}[tp])
        persons = rng.choice((None, rng.randint(1, 9), rng.randint(10, 300)))
        date_text = f"{start.year}. gada {start.day}. augustā"
        quote = QUOTE.format(date=date_text, place=lv, n=persons or "vairākas")
        q0 = rng.randrange(0, 50_000)
        spans = [{"start": q0, "end": q0 + len(date_text), "kind": "date", "surface": date_text},
                 {"start": q0 + len(date_text) + 1, "end": q0 + len(date_text) + 1 + len(lv), "kind": "place", "surface": lv}]
        countries = sorted({country, "BY"})
        rows.append({
            "id": f"{doc}:e{i}", "doc_id": doc, "date_start": start.isoformat(), "date_end": end.isoformat(),
            "date_text": date_text, "time_precision": tp, "event_type": rng.choices(TYPES, TYPE_WEIGHTS)[0],
            "persons": persons, "place_ids": [pid], "place_names": [name], "place_name": name,
            "country": country, "countries": countries, "geo_precision": precision, "quote": quote,
            "quote_start": q0, "quote_end": q0 + len(quote), "spans": spans, "date_relation": "on",
            "date_from_context": False, "place_from_context": False,
            "area_id": pid if precision >= 2 else None, "doc_title": f"Sintētiska ziņa {doc}",
        })
        points.append(point)
    return layers._frame(rows, layers.EVENT_COLUMNS, points)


def write_events(events: gpd.GeoDataFrame, folder: Path) -> None:
    """events.geojson (geo.layers.to_geojson) and, beside it in `folder`/parquet, events.parquet."""
    from geo.io import layers

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "events.geojson").write_text(layers.to_geojson(events), encoding="utf-8")
    empty = events.iloc[:0]
    parquet = folder / "parquet"
    parquet.mkdir(exist_ok=True)
    layers.write_parquet(layers.Layers(events, empty, empty, empty, []), parquet)
    for name in ("places", "mentions"):
        (parquet / f"{name}.parquet").unlink(missing_ok=True)


def map_mode(html: str) -> str:
    """How the events are drawn in a rendered map."""
    return "cluster" if "markerClusterGroup" in html or "MarkerCluster" in html else "geojson"


def render_map(areas_layers: dict, shown: gpd.GeoDataFrame, basemap: gpd.GeoDataFrame | None) -> str:
    """The map's HTML, as the app builds it (mapview.build_map with the backdrop it caches
    once per version of the files) and folium renders it."""

    return mapview.build_map(areas_layers, shown, backdrop=backdrop(areas_layers, basemap)).get_root().render()


_BACKDROPS: dict[tuple[int, int], object] = {}  # the cost the app pays once, kept out of each timing


def backdrop(areas_layers: dict, basemap: gpd.GeoDataFrame | None):
    """mapview.make_backdrop, made once per (areas, basemap) pair as ui.get_backdrop does."""

    key = (id(areas_layers["areas"]), id(basemap))
    if key not in _BACKDROPS:
        _BACKDROPS[key] = mapview.make_backdrop(areas_layers["areas"], basemap)
    return _BACKDROPS[key]


def narrow(full):
    """A typical narrowed view: one year, three countries, every type."""
    return replace(full, date_from=max(full.date_from, date(2021, 8, 1)), date_to=min(full.date_to, date(2022, 7, 31)),
                   countries=tuple(c for c in full.countries if c in ("LV", "LT", "PL")))


def section(sizes: list[int], repeats: int, sweep: list[int], keep_html: Path | None = None) -> tuple[list[Row], dict]:
    """Load, filter and map rows for each number of events; the threshold sweep."""

    rows: list[Row] = []
    raw: dict[str, Any] = {"cluster_threshold": cluster.CLUSTER_THRESHOLD}
    layers = load_layers(ROOT / "data" / "layers")
    basemap_path = ROOT / "data" / "boundaries" / "basemap.geojson"
    basemap = gpd.read_file(basemap_path) if basemap_path.exists() else None
    t_backdrop, made = measure(lambda: mapview.make_backdrop(layers["areas"], basemap), repeats)
    _BACKDROPS[(id(layers["areas"]), id(basemap))] = made
    rows.append(Row("server", "any number of events", "backdrop (basemap + areas as GeoJSON)",
                    t_backdrop.median * 1000, "ms", "once per version of the files (st.cache_resource)"))
    raw["backdrop"] = t_backdrop.as_dict()
    tmp = Path(tempfile.mkdtemp(prefix="robeza-bench-events-"))
    try:
        for n in sizes:
            case = f"{n} events"
            folder = tmp / str(n)
            write_events(synthetic_events(n), folder)
            reps = repeats if n <= 20_000 else max(1, min(repeats, 3))
            t_json, events = measure(lambda: read_layer(folder, "events"), reps)
            t_parquet, _ = measure(lambda: read_layer(folder / "parquet", "events"), reps)
            t_filter, shown = measure(lambda: filters.apply(events, filters.full_filters(events)), reps)
            full = filters.full_filters(events)
            t_narrow, narrowed = measure(lambda: filters.apply(events, narrow(full)), reps)
            t_map, html = measure(lambda: render_map(layers, shown, basemap), reps)
            size = len(html.encode("utf-8"))
            mode = map_mode(html)
            if keep_html is not None:
                keep_html.mkdir(parents=True, exist_ok=True)
                (keep_html / f"map_{n}.html").write_text(html, encoding="utf-8")
            total = (t_filter.median + t_map.median) * 1000
            geojson_mb = (folder / "events.geojson").stat().st_size / 1e6
            parquet_mb = (folder / "parquet" / "events.parquet").stat().st_size / 1e6
            rows += [
                Row("server", case, "load events.geojson", t_json.median * 1000, "ms",
                    f"{geojson_mb:.1f} MB file; once per layer change (st.cache_data)"),
                Row("server", case, "load events.parquet", t_parquet.median * 1000, "ms", f"{parquet_mb:.1f} MB file"),
                Row("server", case, "filter (full_filters + apply, all pass)", t_filter.median * 1000, "ms",
                    f"{len(shown)} shown"),
                Row("server", case, "filter (1 year, LV/LT/PL)", t_narrow.median * 1000, "ms", f"{len(narrowed)} shown"),
                Row("server", case, "map build + render", t_map.median * 1000, "ms", f"all {len(shown)} events, mode {mode}"),
                Row("server", case, "filter + map + render", total, "ms", ""),
                Row("server", case, "HTML sent to the browser", size / 1e6, "MB", f"{size:,} bytes, mode {mode}"),
            ]
            raw[case] = {"load_geojson": t_json.as_dict(), "load_parquet": t_parquet.as_dict(),
                         "filter": t_filter.as_dict(), "filter_narrow": t_narrow.as_dict(), "map": t_map.as_dict(),
                         "html_bytes": size, "mode": mode, "shown": len(shown), "narrowed": len(narrowed),
                         "geojson_bytes": int(geojson_mb * 1e6), "parquet_bytes": int(parquet_mb * 1e6)}
        rows += threshold_sweep(sweep, layers, basemap, repeats, raw, keep_html)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return rows, raw


def threshold_sweep(sizes: list[int], layers: dict, basemap, repeats: int, raw: dict,
                    keep_html: Path | None) -> list[Row]:
    """Both drawing modes at each size (cluster.CLUSTER_THRESHOLD patched in-process only)."""

    rows: list[Row] = []
    threshold = cluster.CLUSTER_THRESHOLD
    rows.append(Row("threshold", "cluster.CLUSTER_THRESHOLD", "value", threshold, "events",
                    "above it: FastMarkerCluster; at or below: one GeoJson layer of circle markers"))
    for n in sizes:
        shown = synthetic_events(n)
        for mode, value in (("geojson", 10**9), ("cluster", 0)):
            cluster.CLUSTER_THRESHOLD = value
            try:
                t, html = measure(lambda: render_map(layers, shown, basemap), max(1, min(repeats, 3)))
            finally:
                cluster.CLUSTER_THRESHOLD = threshold
            size = len(html.encode("utf-8"))
            if keep_html is not None:  # for the browser rows
                keep_html.mkdir(parents=True, exist_ok=True)
                (keep_html / f"sweep_{n}_{mode}.html").write_text(html, encoding="utf-8")
            rows.append(Row("threshold", f"{n} events, {mode}", "map build + render / HTML",
                            f"{t.median * 1000:.0f} ms / {size / 1e6:.2f} MB", "", "forced mode"))
            raw[f"sweep {n} {mode}"] = {"map": t.as_dict(), "html_bytes": size}
    return rows
