"""Layer sets written as a whole (issue 13, items 1 and 3): a killed build leaves the old set,
two builds on one folder never mix, the app reads what the latest build wrote, --check sees
every file. Builds run as real subprocesses, paused at a known point by the test (no timing)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from geo import build
from geo.io import layers

pytestmark = pytest.mark.slow

# A build run in a subprocess, made to stop after writing the first chunk of events.geojson:
# it creates PAUSED and waits until GO exists (or for ever, to be killed).
PAUSING_BUILD = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from geo.io import layers
    from geo import __main__ as cli
    paused, go = Path(sys.argv[1]), Path(sys.argv[2])
    original = layers.geojson_chunks

    def slow_chunks(frame):
        for i, chunk in enumerate(original(frame)):
            yield chunk
            if i == 1:
                paused.touch()
                while not go.exists():
                    time.sleep(0.01)

    layers.geojson_chunks = slow_chunks
    sys.exit(cli.main(sys.argv[3:]))
""")


def _env(repo_root: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(repo_root)}


def _wait_for(path: Path, proc: subprocess.Popen, limit: float = 120.0) -> None:
    """Wait until `path` exists (the subprocess reached its pause); fail if it exited first."""
    deadline = time.monotonic() + limit
    while not path.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the build never reached its pause"
        time.sleep(0.02)


def _start_paused(repo_root: Path, tmp_path: Path, tag: str, *argv: str) -> tuple[subprocess.Popen, Path, Path]:
    paused, go = tmp_path / f"paused-{tag}", tmp_path / f"go-{tag}"
    proc = subprocess.Popen([sys.executable, "-c", PAUSING_BUILD, str(paused), str(go), *argv],
                            cwd=repo_root, env=_env(repo_root), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    return proc, paused, go


def _cli(repo_root: Path, *argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geo", *argv], cwd=repo_root, env=_env(repo_root),
                          capture_output=True, text=True, timeout=300)


@pytest.fixture()
def seeds_dir(tmp_path, seed_path, fixture_docs_dir) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    for src in (seed_path, seed_path.with_suffix(".json")):
        (folder / src.name).write_bytes(src.read_bytes())
    return folder


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_a_build_killed_while_writing_leaves_the_old_set(repo_root, seeds_dir, tmp_path):
    out = tmp_path / "layers"
    assert _cli(repo_root, "build", "--seeds", str(seeds_dir), "--out", str(out)).returncode == 0
    before = _snapshot(out)
    proc, paused, _ = _start_paused(repo_root, tmp_path, "kill", "build", "--seeds", str(seeds_dir), "--out", str(out))
    _wait_for(paused, proc)
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    assert _snapshot(out) == before  # not one byte of the old set changed
    loaded = layers.load_layers(out)
    assert len(loaded["events"]) > 0
    for name in layers.LAYER_FILES:
        json.loads((out / name).read_text(encoding="utf-8"))
    # the lock died with the process: the next build runs
    assert _cli(repo_root, "build", "--seeds", str(seeds_dir), "--out", str(out)).returncode == 0
    assert _snapshot(out) == before


def test_a_second_build_on_the_same_folder_is_refused(repo_root, seeds_dir, tmp_path):
    out = tmp_path / "layers"
    proc, paused, go = _start_paused(repo_root, tmp_path, "first", "build", "--seeds", str(seeds_dir), "--out", str(out))
    _wait_for(paused, proc)
    second = _cli(repo_root, "build", "--seeds", str(seeds_dir), "--out", str(out), "--parquet")
    go.touch()
    stdout, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 0, stderr
    assert second.returncode == 3
    assert "another build" in second.stderr and "is writing layers/" in second.stderr
    assert str(tmp_path) not in second.stderr
    manifest = layers.read_manifest(out)
    assert not any(name.endswith(".parquet") for name in manifest)  # only the first build's set
    assert not list(out.glob("*.parquet"))
    assert _cli(repo_root, "build", "--seeds", str(seeds_dir), "--out", str(out), "--check").returncode == 0


def test_a_reader_during_a_swap_sees_one_whole_set(seed_layers, tmp_path):
    out = tmp_path / "layers"
    layers.write(seed_layers, out)
    old = layers.load_layers(out)
    empty = layers.Layers(*(frame.iloc[0:0] for frame in (seed_layers.events, seed_layers.places,
                                                          seed_layers.mentions, seed_layers.areas)), [])
    layers.write(empty, out)
    new = layers.load_layers(out)
    assert len(old["events"]) > 0 and len(new["events"]) == 0
    assert not list(tmp_path.glob(".layers.tmp-*"))  # the old set is gone once swapped out


def test_a_reader_holding_the_old_folder_reads_it_whole(seed_layers, tmp_path, monkeypatch):
    """A swap between the reader's first file and its last: the reader gets the old set whole,
    or reads again; never events of one build beside places of another."""
    out = tmp_path / "layers"
    layers.write(seed_layers, out)
    original = layers.read_geojson_bytes
    swapped = []

    def read_then_swap(data, name="events"):
        frame = original(data, name)
        if not swapped:
            swapped.append(name)
            empty = layers.Layers(*(f.iloc[0:0] for f in (seed_layers.events, seed_layers.places,
                                                          seed_layers.mentions, seed_layers.areas)), [])
            layers.write(empty, out)
        return frame

    monkeypatch.setattr(layers, "read_geojson_bytes", read_then_swap)
    loaded = layers.load_layers(out)
    counts = {name: len(loaded[name]) for name in layers.LAYER_NAMES}
    assert all(v == 0 for v in counts.values()) or all(v > 0 for v in counts.values()), counts


def test_a_plain_build_after_a_parquet_build_is_what_the_app_reads(seed_layers, tmp_path):
    out = tmp_path / "layers"
    layers.write(seed_layers, out, parquet=True)
    assert (out / "events.parquet").exists()
    fewer = layers.Layers(seed_layers.events.iloc[:3], seed_layers.places, seed_layers.mentions,
                          seed_layers.areas, seed_layers.unresolved)
    layers.write(fewer, out)
    assert len(layers.load_layers(out)["events"]) == 3
    assert not (out / "events.parquet").exists()


def test_the_reader_follows_the_manifest_not_stray_files(seed_layers, tmp_path):
    out = tmp_path / "layers"
    layers.write(seed_layers, out)
    layers.write_parquet(layers.Layers(seed_layers.events.iloc[:2], seed_layers.places, seed_layers.mentions,
                                       seed_layers.areas, []), out)  # a stray GeoParquet copy
    assert len(layers.load_layers(out)["events"]) == len(seed_layers.events)


def test_check_covers_every_file_a_build_writes(seed_layers, tmp_path):
    out = tmp_path / "layers"
    layers.write(seed_layers, out, parquet=True)
    assert build.stale_files(seed_layers, out) == []
    (out / "events.parquet").write_bytes(b"not parquet")
    assert build.stale_files(seed_layers, out) == ["events.parquet"]
    layers.write(seed_layers, out)
    assert build.stale_files(seed_layers, out) == []
    assert build.stale_files(seed_layers, out, parquet=True) == ["events.parquet", "places.parquet",
                                                                 "mentions.parquet", "manifest.json"]
    (out / layers.MANIFEST_FILE).unlink()
    assert build.stale_files(seed_layers, out) == ["manifest.json"]


def test_files_that_no_build_writes_are_kept(seed_layers, tmp_path):
    out = tmp_path / "layers"
    out.mkdir()
    (out / "README.md").write_text("notes", encoding="utf-8")
    layers.write(seed_layers, out)
    layers.write(seed_layers, out)
    assert (out / "README.md").read_text(encoding="utf-8") == "notes"


def test_the_lock_refuses_a_second_holder(tmp_path):
    out = tmp_path / "layers"
    code = ("import sys; from pathlib import Path; from geo.io import layers\n"
            "try:\n    layers.build_lock(Path(sys.argv[1])).__enter__()\n"
            "except layers.BuildLocked as e:\n    print(e); sys.exit(3)\n")
    repo = Path(__file__).resolve().parent.parent
    with layers.build_lock(out):
        held = subprocess.run([sys.executable, "-c", code, str(out)], env=_env(repo), capture_output=True, text=True)
    assert held.returncode == 3 and f"pid {os.getpid()}" in held.stdout
    free = subprocess.run([sys.executable, "-c", code, str(out)], env=_env(repo), capture_output=True, text=True)
    assert free.returncode == 0


def test_a_missing_folder_beside_a_killed_builds_leftovers_reads_as_empty(tmp_path):
    (tmp_path / ".layers.tmp-abc").mkdir()  # what a build killed before its first swap leaves
    loaded = layers.load_layers(tmp_path / "layers")
    assert all(len(loaded[name]) == 0 for name in (*layers.LAYER_NAMES, "unresolved"))
