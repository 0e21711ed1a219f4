"""A real cluster (issue 13, item 9): `dask scheduler` and `dask worker` started as separate
processes, on loopback, the project on their path as README says; the build against
it is byte-identical to the one-process build. A worker that cannot import geo is named."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geo.io import layers

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_bf6ecbb1fa1d973a.txt"
DASK = str(Path(sys.executable).with_name("dask"))


def _start(args: list[str], cwd: Path, env: dict[str, str], log: Path) -> subprocess.Popen:
    return subprocess.Popen([DASK, *args], cwd=cwd, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)


def _stop(procs: list[subprocess.Popen]) -> None:
    for proc in reversed(procs):
        proc.terminate()
    for proc in procs:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


def _wait_for_workers(address_file: Path, n: int, limit: float = 90.0) -> str:
    from distributed import Client

    deadline = time.monotonic() + limit
    while not address_file.exists():
        assert time.monotonic() < deadline, "the scheduler did not start"
        time.sleep(0.1)
    address = json.loads(address_file.read_text())["address"]
    with Client(address, timeout=30) as client:
        client.wait_for_workers(n, timeout=max(1.0, deadline - time.monotonic()))
    return address


@pytest.fixture()
def corpus_dir(tmp_path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    for src in (SEED, SEED.with_suffix(".json"), *sorted((ROOT / "tests/fixtures/docs").glob("*"))):
        shutil.copy(src, folder / src.name)
    return folder


def _cluster(tmp_path: Path, worker_path: str | None) -> tuple[str, list[subprocess.Popen]]:
    """A scheduler and two single-thread workers, each its own process, started from a folder
    that is not the project (so nothing imports geo by accident)."""
    run = tmp_path / "cluster"
    run.mkdir()
    base = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    worker_env = {**base, "PYTHONPATH": worker_path} if worker_path else base
    scheduler_file = run / "scheduler.json"
    procs = [_start(["scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                     "--scheduler-file", str(scheduler_file)], run, worker_env, run / "scheduler.log")]
    try:
        for i in range(2):
            procs.append(_start(["worker", "--scheduler-file", str(scheduler_file), "--host", "127.0.0.1",
                                 "--nthreads", "1", "--no-dashboard", "--no-nanny",
                                 "--local-directory", str(run / f"w{i}")], run, worker_env, run / f"worker{i}.log"))
        return _wait_for_workers(scheduler_file, 2), procs
    except BaseException:
        _stop(procs)
        raise


def _build(out: Path, seeds_dir: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geo", "build", "--seeds", str(seeds_dir), "--out", str(out), *extra],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_build_on_a_cluster_started_apart_is_byte_identical(tmp_path, corpus_dir):
    address, procs = _cluster(tmp_path, str(ROOT))
    try:
        remote = _build(tmp_path / "remote", corpus_dir, "--scheduler", address)
    finally:
        _stop(procs)
    local = _build(tmp_path / "local", corpus_dir, "--workers", "0")
    assert remote.returncode == local.returncode == 0, remote.stderr + local.stderr
    names = sorted(p.name for p in (tmp_path / "local").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "remote").iterdir())
    assert layers.MANIFEST_FILE in names
    for name in names:
        assert (tmp_path / "local" / name).read_bytes() == (tmp_path / "remote" / name).read_bytes(), name


def test_workers_that_cannot_import_geo_are_named(tmp_path, corpus_dir):
    address, procs = _cluster(tmp_path, None)
    try:
        result = _build(tmp_path / "out", corpus_dir, "--scheduler", address)
    finally:
        _stop(procs)
    assert result.returncode == 2
    assert "cannot import geo" in result.stderr and "pip install" in result.stderr
    assert not (tmp_path / "out").exists()
