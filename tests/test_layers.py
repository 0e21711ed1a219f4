"""Tests of geo.layers and geo.build: the data contract of data/layers/, read back from disk."""

from __future__ import annotations

import json
from datetime import date

import geopandas as gpd
import pycountry
import pytest
import shapely
from shapely.geometry import shape

from geo import build, gazetteer
from geo.io import layers, seeds
from geo.text import pipeline

REQUIRED = {
    "events.geojson": ["id", "doc_id", "date_start", "date_end", "date_text", "time_precision", "event_type",
                       "persons", "place_ids", "place_names", "country", "countries", "geo_precision", "quote",
                       "quote_start", "quote_end", "spans"],
    "places.geojson": ["id", "name", "name_lv", "type", "country", "mention_count", "first_date", "last_date", "source"],
    "mentions.geojson": ["doc_id", "start", "end", "surface", "lemma", "place_id", "sentence_start", "sentence_end"],
    "areas.geojson": ["id", "name", "name_lv", "type", "country", "source"],
}
EVENT_TYPES = {"detention", "border_crossing", "pushback", "death", "emergency", "deployment", "accusation", "legal_action",
               "arrest", "statement", "other"}
SUPRANATIONAL = {"union", "continent", "region"}


@pytest.fixture(scope="module")
def mixed_build(mixed_seeds_dir):
    """(corpus, layers) of a seeds folder with the seed and our Latvian and English documents."""
    corpus = build.parse_paths(seeds.seed_paths(mixed_seeds_dir))
    assert not corpus.errors, corpus.errors
    return corpus, build.build_layers(corpus)


@pytest.fixture(scope="module", params=["seed", "mixed"])
def written(request, seed_layers, mixed_build, seed_doc, mixed_seeds_dir, tmp_path_factory):
    """(folder with the layer files, doc_id → text) for the seed alone and for the mixed folder."""
    if request.param == "seed":
        built, texts = seed_layers, {seed_doc.doc_id: seed_doc.text}
    else:
        corpus, built = mixed_build
        texts = {p.stem: seeds.load_document(p).text for p in seeds.seed_paths(mixed_seeds_dir)}
    out = tmp_path_factory.mktemp(f"layers-{request.param}")
    layers.write(built, out)
    return out, texts


def raw(folder, name):
    return json.loads((folder / name).read_text(encoding="utf-8"))


def test_every_layer_file_is_written(written):
    out, _ = written
    for name in (*layers.LAYER_FILES, layers.UNRESOLVED_FILE):
        assert (out / name).is_file()


@pytest.mark.parametrize("name", list(REQUIRED))
def test_layer_reads_back_in_wgs84_with_valid_geometry(written, name):
    out, _ = written
    frame = gpd.read_file(out / name)
    assert len(frame) > 0
    assert frame.crs is not None and frame.crs.to_epsg() == 4326
    assert frame.geometry.is_valid.all()
    assert not frame.geometry.is_empty.any()
    minx, miny, maxx, maxy = frame.total_bounds
    assert -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90
    for column in REQUIRED[name]:
        assert column in frame.columns, column


@pytest.mark.parametrize("name", list(REQUIRED))
def test_raw_geojson_follows_rfc_7946(written, name):
    out, _ = written
    data = raw(out, name)
    assert data["type"] == "FeatureCollection"
    assert "crs" not in data
    for feature in data["features"]:
        assert set(REQUIRED[name]) <= set(feature["properties"]), name
        geom = shape(feature["geometry"])
        assert geom.is_valid
        for polygon in getattr(geom, "geoms", [geom]):
            if polygon.geom_type != "Polygon":
                continue
            assert polygon.exterior.is_ccw, feature["properties"].get("id")
            assert all(not ring.is_ccw for ring in polygon.interiors), feature["properties"].get("id")
        for x, y, *_ in shapely.get_coordinates(geom).tolist():
            assert -180 <= x <= 180 and -90 <= y <= 90


def test_point_layers_are_points(written):
    out, _ = written
    for name in ("events.geojson", "places.geojson", "mentions.geojson"):
        assert {f["geometry"]["type"] for f in raw(out, name)["features"]} == {"Point"}
    assert {f["geometry"]["type"] for f in raw(out, "areas.geojson")["features"]} <= {
        "Polygon", "MultiPolygon", "LineString", "MultiLineString"}


def test_event_properties(written):
    out, _ = written
    for feature in raw(out, "events.geojson")["features"]:
        p = feature["properties"]
        assert p["persons"] is None or (type(p["persons"]) is int and p["persons"] > 0), p["persons"]
        assert type(p["time_precision"]) is int and p["time_precision"] in (1, 2, 3, 4)
        assert type(p["geo_precision"]) is int and p["geo_precision"] in (1, 2, 3)
        assert date.fromisoformat(p["date_start"]) <= date.fromisoformat(p["date_end"])
        assert p["event_type"] in EVENT_TYPES
        assert p["id"].startswith(p["doc_id"] + ":e")
        assert p["place_ids"] and len(p["place_ids"]) == len(p["place_names"])
        assert pycountry.countries.get(alpha_2=p["country"]), p["country"]
        for code in p["countries"]:
            assert pycountry.countries.get(alpha_2=code), code


def test_event_ids_are_unique(written):
    out, _ = written
    ids = [f["properties"]["id"] for f in raw(out, "events.geojson")["features"]]
    assert len(ids) == len(set(ids))


def test_place_and_area_properties(written):
    out, _ = written
    for name in ("places.geojson", "areas.geojson"):
        for feature in raw(out, name)["features"]:
            p = feature["properties"]
            if not (p["type"] in SUPRANATIONAL and p["country"] in ("", None, "EU")):
                assert pycountry.countries.get(alpha_2=p["country"]), (p["id"], p["country"])
            assert p["source"]
            if name == "places.geojson":
                assert type(p["mention_count"]) is int and p["mention_count"] >= 1
                for key in ("first_date", "last_date"):
                    assert p[key] is None or date.fromisoformat(p[key])


def test_spans_point_at_the_text_they_claim(written):
    out, texts = written
    for feature in raw(out, "events.geojson")["features"]:
        p = feature["properties"]
        text = texts[p["doc_id"]]
        assert text[p["quote_start"]:p["quote_end"]] == p["quote"]
        assert p["spans"]
        for span in p["spans"]:
            assert text[span["start"]:span["end"]] == span["surface"], span
            assert p["quote_start"] <= span["start"] and span["end"] <= p["quote_end"] or span["kind"] != "count"
    for feature in raw(out, "mentions.geojson")["features"]:
        p = feature["properties"]
        text = texts[p["doc_id"]]
        assert text[p["start"]:p["end"]] == p["surface"]
        assert p["role"] in ("location", "name_part")
        assert p["sentence_start"] <= p["start"] and p["end"] <= p["sentence_end"]
    for u in raw(out, layers.UNRESOLVED_FILE):
        assert texts[u["doc_id"]][u["start"]:u["end"]] == u["surface"]
        assert u["reason"]


def test_every_place_mention_is_mapped_or_reported_unresolved(mixed_build, mixed_seeds_dir):
    """A mention with no coordinates must show up in unresolved.json, never silently vanish."""
    corpus, built = mixed_build
    mapped = {(r.doc_id, r.start, r.end) for r in built.mentions.itertuples()}
    reported = {(u["doc_id"], u["start"], u["end"]) for u in built.unresolved}
    parses = [pipeline.parse(seeds.load_document(p), gazetteer.default())
              for p in seeds.seed_paths(mixed_seeds_dir)]
    lost = [(p.doc.doc_id, m.surface, m.place_id) for p in parses for m in p.places
            if (p.doc.doc_id, m.start, m.end) not in mapped | reported]
    assert lost == []


def test_mixed_folder_has_events_of_every_document(mixed_build):
    _, built = mixed_build
    assert set(built.events["doc_id"]) == {"000_bf6ecbb1fa1d973a", "lv_patrol", "en_report"}


def test_lithuanian_border_detention_is_on_the_map(mixed_build):
    """lv_patrol: "2022. gada 9. martā ... uz Lietuvas—Baltkrievijas robežas aizturēja 20 cilvēkus"."""
    _, built = mixed_build
    events = built.events[built.events["doc_id"] == "lv_patrol"]
    hit = events[events["date_start"] == "2022-03-09"]
    assert len(hit) == 1
    row = hit.iloc[0]
    assert row["event_type"] == "detention" and row["persons"] == 20
    assert row["place_ids"][0] == "lt-by-border"


def test_areas_are_the_named_areas(seed_layers):
    ids = set(seed_layers.areas["id"])
    assert {"grodno-region", "kaliningrad-region", "suwalki-corridor", "lv-by-border", "ludza-municipality",
            "kraslava-municipality", "augsdaugava-municipality", "daugavpils-state-city", "latvia"} <= ids
    assert ids <= set(seed_layers.places["id"])


def test_builds_are_byte_identical(mixed_seeds_dir, tmp_path):
    for folder in ("a", "b"):
        corpus = build.parse_paths(seeds.seed_paths(mixed_seeds_dir))
        layers.write(build.build_layers(corpus), tmp_path / folder)
    for name in (*layers.LAYER_FILES, layers.UNRESOLVED_FILE):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_committed_layers_are_current():
    corpus = build.parse_paths(seeds.seed_paths(build.SEEDS))
    assert corpus.errors == []
    assert build.stale_files(build.build_layers(corpus), build.LAYERS) == []


def test_stale_files_sees_a_changed_file(seed_layers, tmp_path):
    layers.write(seed_layers, tmp_path)
    assert build.stale_files(seed_layers, tmp_path) == []
    (tmp_path / "places.geojson").write_text("{}", encoding="utf-8")
    (tmp_path / "unresolved.json").unlink()
    assert sorted(build.stale_files(seed_layers, tmp_path)) == ["places.geojson", "unresolved.json"]


def test_geoparquet_round_trip(seed_layers, tmp_path):
    paths = layers.write_parquet(seed_layers, tmp_path)
    assert {p.name for p in paths} == {"events.parquet", "places.parquet", "mentions.parquet"}
    events = gpd.read_parquet(tmp_path / "events.parquet")
    assert list(events["id"]) == list(seed_layers.events["id"])
    assert events.crs.to_epsg() == 4326
    places = gpd.read_parquet(tmp_path / "places.parquet")
    assert list(places["id"]) == list(seed_layers.places["id"])
    mentions = gpd.read_parquet(tmp_path / "mentions.parquet")
    assert len(mentions) == len(seed_layers.mentions)
    assert json.loads(events["place_ids"].iloc[0]) == list(seed_layers.events["place_ids"].iloc[0])


def test_places_merged_from_two_builds_are_the_places_of_one_build_of_both(gaz):
    """A user's layers merged with the loaded ones give each place once, with the counts and
    dates a build of all the documents together would give."""
    texts = [("a", "2021. gada 10. augustā robežsargi Krāslavas novadā aizturēja 20 personas. "
                   "Rīgā aizturēja 3 personas."),
             ("b", "2021. gada 1. septembrī Krāslavas novadā aizturēja 2 personas. Ludzas novadā nebija nekā.")]
    parses = [pipeline.parse(seeds.make_document(text, {"title": name, "language": "lv"}, doc_id=name), gaz)
              for name, text in texts]
    together = layers.build(parses, gaz).places
    apart = layers.merge_places([layers.build([p], gaz).places for p in parses])
    assert list(apart["id"]) == list(together["id"]) and len(set(apart["id"])) == len(apart)
    for column in ("mention_count", "first_date", "last_date", "name"):
        assert list(apart[column]) == list(together[column]), column
    assert list(apart.geometry) == list(together.geometry)
    kraslava = apart[apart["id"] == "kraslava-municipality"].iloc[0]
    assert (kraslava["mention_count"], kraslava["first_date"], kraslava["last_date"]) == (2, "2021-08-10", "2021-09-01")
