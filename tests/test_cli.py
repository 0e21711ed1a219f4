"""Tests of the command line: `python -m geo parse FILE` and `python -m geo build [--check]`."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest


def geo(*args, cwd) -> subprocess.CompletedProcess:
    """Run `python -m geo ARGS` in the project folder."""
    return subprocess.run([sys.executable, "-m", "geo", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)


@pytest.fixture(scope="module")
def seed_only(tmp_path_factory, seed_path):
    folder = tmp_path_factory.mktemp("seeds-cli")
    for path in (seed_path, seed_path.with_suffix(".json")):
        shutil.copy(path, folder / path.name)
    return folder


def test_parse_prints_json(repo_root, seed_path):
    result = geo("parse", seed_path.relative_to(repo_root), cwd=repo_root)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert set(out) >= {"doc_id", "places", "dates", "events", "unresolved"}
    assert out["doc_id"] == "000_bf6ecbb1fa1d973a"
    assert out["places"] and all(p["role"] in ("location", "name_part") for p in out["places"])
    for p in out["places"]:
        assert set(p) >= {"start", "end", "surface", "lemma", "place_id", "role"}
    roles = {(p["surface"], p["role"]) for p in out["places"]}
    assert ("Skrudalienas pagastā", "location") in roles
    assert ("Irākas", "name_part") in roles
    assert out["dates"] and set(out["dates"][0]) >= {"start", "end", "surface", "date_start", "date_end",
                                                      "time_precision", "year_inferred"}
    event = next(e for e in out["events"] if e["place_ids"][0] == "skrudaliena-parish")
    assert event["persons"] == 12 and event["date_start"] == "2021-08-04"
    assert isinstance(event["lon"], float) and isinstance(event["lat"], float)
    assert isinstance(out["unresolved"], list)


def test_parse_of_an_english_document(repo_root, fixture_docs_dir):
    result = geo("parse", fixture_docs_dir / "en_report.txt", cwd=repo_root)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["doc_id"] == "en_report"
    assert {"silene", "kraslava-municipality"} <= {p["place_id"] for p in out["places"]}
    assert any(e["event_type"] == "detention" and e["persons"] == 38 for e in out["events"])


def test_parse_of_a_bad_file_says_why(repo_root, tmp_path):
    bad = tmp_path / "tukšs.txt"
    bad.write_bytes(b"")
    result = geo("parse", bad, cwd=repo_root)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert "tukšs.txt" in result.stderr


def test_build_then_check(repo_root, seed_only, tmp_path):
    out = tmp_path / "layers"
    result = geo("build", "--seeds", seed_only, "--out", out, cwd=repo_root)
    assert result.returncode == 0, result.stderr
    assert (out / "events.geojson").is_file() and (out / "unresolved.json").is_file()
    check = geo("build", "--seeds", seed_only, "--out", out, "--check", cwd=repo_root)
    assert check.returncode == 0, check.stderr
    events = out / "events.geojson"
    events.write_text(events.read_text(encoding="utf-8").replace('"persons":12', '"persons":13', 1), encoding="utf-8")
    stale = geo("build", "--seeds", seed_only, "--out", out, "--check", cwd=repo_root)
    assert stale.returncode == 1
    assert "events.geojson" in stale.stderr


def test_bad_seed_is_reported_and_the_good_ones_are_built(repo_root, seed_path, fixture_docs_dir, tmp_path):
    seeds, out = tmp_path / "seeds", tmp_path / "layers"
    seeds.mkdir()
    for path in (seed_path, seed_path.with_suffix(".json"), fixture_docs_dir / "lv_patrol.txt",
                 fixture_docs_dir / "lv_patrol.json"):
        shutil.copy(path, seeds / path.name)
    (seeds / "bojāts.txt").write_bytes("Latvijā aizturēja".encode("cp1257"))
    result = geo("build", "--seeds", seeds, "--out", out, cwd=repo_root)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert re.fullmatch(r"error: bojāts\.txt: \S.*", lines[0]), lines[0]
    data = json.loads((out / "events.geojson").read_text(encoding="utf-8"))
    assert {f["properties"]["doc_id"] for f in data["features"]} == {"000_bf6ecbb1fa1d973a", "lv_patrol"}


NO_PLACES = "2021. gada 4. augustā notika sanāksme. Tās dalībnieki vienojās tikties vēlreiz."


def test_parse_of_a_text_with_no_places_warns_and_exits_non_zero(repo_root, tmp_path):
    doc = tmp_path / "sanāksme.txt"
    doc.write_text(NO_PLACES, encoding="utf-8")
    result = geo("parse", doc, cwd=repo_root)
    assert result.returncode == 1
    assert json.loads(result.stdout)["places"] == []  # the parse itself is still printed
    assert re.fullmatch(r"warning: sanāksme\.txt: no places found in this Latvian text, .*",
                        result.stderr.strip()), result.stderr


def test_build_names_a_seed_with_no_places_and_builds_the_rest(repo_root, seed_only, tmp_path):
    seeds, out = tmp_path / "seeds", tmp_path / "layers"
    shutil.copytree(seed_only, seeds)
    (seeds / "sanāksme.txt").write_text(NO_PLACES, encoding="utf-8")
    result = geo("build", "--seeds", seeds, "--out", out, cwd=repo_root)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "warning: sanāksme: no places found in this Latvian text, so nothing of it can go on the map "
        "(is the language right?)"]
    data = json.loads((out / "events.geojson").read_text(encoding="utf-8"))
    assert {f["properties"]["doc_id"] for f in data["features"]} == {"000_bf6ecbb1fa1d973a"}


@pytest.mark.parametrize("docs, cores, workers", [
    (1, 8, 0),          # one document: a cluster would cost more than it saves
    (999, 8, 0),
    (1000, 8, 8),       # a corpus, on a machine with cores to spare: one worker per core
    (100_000, 2, 0),    # two cores: measured to gain nothing (bench/)
])
def test_default_workers(docs, cores, workers):
    from geo import build

    assert build.default_workers(docs, cores) == workers
