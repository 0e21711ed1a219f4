"""The Dask build is the sequential build: same parses, same errors in the same order,
byte-identical layers; `python -m geo build --scheduler` works; GeoParquet round-trips."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pytest

from geo import build, distributed
from geo.io import layers, seeds

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_bf6ecbb1fa1d973a.txt"

DOCS = {
    "a_lv_august": ("2021. gada 10. augustā Krāslavas novadā robežsargi aizturēja 14 personas. "
                    "Nākamajā dienā, 11. augustā, Ludzas novadā aizturēja vēl 6 Irākas pilsoņus. "
                    "2021. gada augusta beigās Lietuvas robežsargi pie Lietuvas—Baltkrievijas robežas "
                    "aizturēja 40 cilvēkus.\n",
                    {"title": "Augusts uz robežas", "language": "lv", "published": "2021-09-01"}),
    "b_en_november": ("On 8 November 2021 about 2,000 migrants gathered at the Polish–Belarusian border "
                      "near Grodno. Polish border guards detained 12 people near Suwałki on 9 November 2021.\n",
                      {"title": "November at the border", "language": "en", "published": "2021-11-10"}),
    "c_empty": ("   \n", {"title": "nothing"}),
    "d_lv_short": ("2022. gada marta vidū Grodņas apgabalā pulcējās migranti, un Polijai tika pārmests "
                   "robežas slēgšana.\n", {"title": "Marts", "language": "lv", "published": "2022-04-01"}),
    "e_bad_sidecar": ("2021. gada 4. augustā Skrudalienas pagastā aizturēja 12 personas.\n", None),
}


@pytest.fixture(scope="module")
def seeds_dir(tmp_path_factory) -> Path:
    """The seed, three small documents of ours and two that cannot be read."""
    folder = tmp_path_factory.mktemp("dist_seeds")
    shutil.copy(SEED, folder / SEED.name)
    shutil.copy(SEED.with_suffix(".json"), folder / SEED.with_suffix(".json").name)
    for name, (text, meta) in DOCS.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        sidecar = json.dumps(meta, ensure_ascii=False) if meta is not None else "{not json"
        (folder / f"{name}.json").write_text(sidecar, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def cluster():
    """Two local worker processes, as `--workers 2` would start."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c


@pytest.fixture(scope="module")
def sequential(seeds_dir) -> build.Corpus:
    return build.parse_paths(seeds.seed_paths(seeds_dir))


def test_chunks_keep_every_path_in_order():
    paths = [f"p{i}" for i in range(103)]
    for threads in (1, 2, 7, 200):
        chunks = distributed.chunked(paths, threads)
        assert [p for c in chunks for p in c] == paths
        assert max(map(len, chunks)) <= distributed.MAX_CHUNK
    assert distributed.chunked([], 2) == []


def test_dask_build_is_the_sequential_build(seeds_dir, cluster, sequential):
    paths = seeds.seed_paths(seeds_dir)
    parallel = distributed.parse_paths(paths, scheduler=cluster.scheduler_address)
    assert [d.doc_id for d in parallel.documents] == [d.doc_id for d in sequential.documents]
    assert len(parallel.documents) == 4 and len(parallel.errors) == 2
    # errors: same messages, same order, still DocumentErrors with their fields
    assert [str(e) for e in parallel.errors] == [str(e) for e in sequential.errors]
    assert all(isinstance(e, seeds.DocumentError) for e in parallel.errors)
    assert [e.name for e in parallel.errors] == ["c_empty.txt", "e_bad_sidecar.json"]
    assert parallel.documents == sequential.documents
    expected = layers.render(build.build_layers(sequential))
    got = layers.render(build.build_layers(parallel))
    assert got.keys() == expected.keys()
    for name in expected:
        assert got[name] == expected[name], f"{name} differs from the sequential build"
    assert '"id":"a_lv_august:e1"' in expected["events.geojson"]  # our documents made events


def test_no_paths_is_an_empty_corpus():
    corpus = distributed.parse_paths([], scheduler="tcp://127.0.0.1:9")  # no connection is attempted
    assert corpus.documents == [] and corpus.errors == []


def test_cli_build_against_a_scheduler(seeds_dir, cluster, sequential, tmp_path):
    out = tmp_path / "layers"
    done = subprocess.run(
        [sys.executable, "-m", "geo", "build", "--seeds", str(seeds_dir), "--out", str(out),
         "--scheduler", cluster.scheduler_address, "--parquet"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 1, done.stderr  # two documents could not be read
    assert "error: c_empty.txt: empty text" in done.stderr
    assert "error: e_bad_sidecar.json: malformed JSON sidecar" in done.stderr
    assert "4 documents" in done.stdout
    built = build.build_layers(sequential)
    for name, content in layers.render(built).items():
        assert (out / name).read_text(encoding="utf-8") == content, name
    assert_parquet_round_trips(built, out)


def test_parquet_round_trip(sequential, tmp_path):
    built = build.build_layers(sequential)
    written = layers.write_parquet(built, tmp_path)
    assert sorted(p.name for p in written) == ["events.parquet", "mentions.parquet", "places.parquet"]
    assert_parquet_round_trips(built, tmp_path)


def assert_parquet_round_trips(built: layers.Layers, folder: Path) -> None:
    """Each GeoParquet file: same rows, ids, geometry (exactly), CRS and list values."""

    for name, frame in (("events", built.events), ("places", built.places), ("mentions", built.mentions)):
        back = gpd.read_parquet(folder / f"{name}.parquet")
        assert len(back) == len(frame) > 0, name
        assert back.crs.equals(frame.crs), name
        assert back.geometry.geom_equals_exact(frame.geometry.reset_index(drop=True), tolerance=0).all(), name
        key = ["id"] if "id" in frame else ["doc_id", "start", "end"]
        assert back[key].astype(str).values.tolist() == frame[key].astype(str).values.tolist(), name
    # the app's reader (geo.selection) restores the list columns stored as JSON text
    events = layers.read_layer(folder, "events")
    assert list(events["id"]) == list(built.events["id"])
    assert [list(v) for v in events["place_ids"]] == [list(v) for v in built.events["place_ids"]]
    assert [list(v) for v in events["spans"]] == [list(v) for v in built.events["spans"]]


def test_local_workers_without_a_scheduler(seeds_dir, sequential):
    """`--workers N` alone: parse_paths starts (and stops) its own local cluster."""
    paths = seeds.seed_paths(seeds_dir)
    parallel = distributed.parse_paths(paths, workers=2)
    assert parallel.documents == sequential.documents
    assert [str(e) for e in parallel.errors] == [str(e) for e in sequential.errors]
