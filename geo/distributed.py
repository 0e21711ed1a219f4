"""Parsing a corpus on Dask workers: local processes, or an existing cluster.

``python -m geo build --workers N`` starts N local worker processes (one thread each: the
parser is pure Python and holds the GIL); ``--scheduler tcp://HOST:PORT`` uses a running
cluster. Paths are shipped, not texts: the workers must see the same files (a shared file
system) and import the same ``geo``. The result is the sequential build's, in input order,
with every unreadable document in ``Corpus.errors`` — so the layers are byte-identical.
"""

from __future__ import annotations

import importlib.util
import math
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from geo import build
from geo.io import seeds
from geo.io.seeds import DocumentError

# Documents per task: big enough that scheduling (~1 ms a task) and transfer overheads are
# small next to parsing (~10 ms a news article), small enough to balance the load and keep
# each result a few MB.
MAX_CHUNK = 50
CHUNKS_PER_THREAD = 4

# One outcome per document: ("ok", DocumentRows) or ("error", name, problem). A DocumentError is
# sent back as its two fields because it does not survive pickling (its __init__ takes two
# arguments, its args hold one message).
Outcome = tuple


def parse_chunk(paths: list[str]) -> list[Outcome]:
    """Parse some documents on a worker (the shipped gazetteer is loaded once per process)."""
    outcomes: list[Outcome] = []
    for path in paths:
        try:
            outcomes.append(("ok", build.parse_path(Path(path))))
        except Exception as err:  # noqa: BLE001 - one document's failure is that document's error
            err = seeds.failure(Path(path).name, err)
            outcomes.append(("error", err.name, err.problem))
    return outcomes


def chunked(paths: list[str], threads: int) -> list[list[str]]:
    """Consecutive runs of paths, a few per worker thread, at most MAX_CHUNK each."""
    size = max(1, min(MAX_CHUNK, math.ceil(len(paths) / max(1, threads * CHUNKS_PER_THREAD))))
    return [paths[i:i + size] for i in range(0, len(paths), size)]


@contextmanager
def client(scheduler: str | None = None, workers: int = 0) -> Iterator:
    """A Dask client: of the cluster at `scheduler`, else of `workers` local processes."""
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as c:
            yield c
        return
    n = workers if workers > 0 else (os.cpu_count() or 1)
    # no dashboard; the scheduler's small HTTP server on a free local port, not 8787
    quiet = {"dashboard": False, "dashboard_address": "127.0.0.1:0"}
    with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                      scheduler_kwargs=quiet) as cluster, Client(cluster) as c:
        yield c


class WorkersCannotImport(RuntimeError):
    """The scheduler or some workers cannot import geo: the project is not installed there."""


def check_workers(c) -> None:
    """Raise WorkersCannotImport unless the scheduler (it unpickles the task graph) and every
    worker can import geo — asked with a function they have without geo: importlib's own."""
    specs = {"the scheduler": c.run_on_scheduler(importlib.util.find_spec, "geo"),
             **c.run(importlib.util.find_spec, "geo")}
    missing = [address for address, spec in specs.items() if spec is None]
    if missing:
        raise WorkersCannotImport(
            f"{len(missing)} of the {len(specs)} Dask processes (the scheduler and its workers) cannot import geo "
            f"({', '.join(missing)}): install the project where each runs (pip install -e /path/to/robeza, or start "
            "them with PYTHONPATH=/path/to/robeza; see the README's 'Building on a cluster')")


def parse_paths(paths: list[Path], scheduler: str | None = None, workers: int = 0) -> build.Corpus:
    """Parse every path on Dask workers; the same Corpus as `geo.build.parse_paths(paths)`.

    Results are collected in input order as chunks finish (each chunk's future is released
    once its result is in, so the scheduler and workers hold no finished work).
    """
    corpus = build.Corpus()
    paths, corpus.errors = seeds.unique_ids(paths)
    if not paths:
        return corpus
    names = [str(Path(p).resolve()) for p in paths]
    from distributed import as_completed

    with client(scheduler, workers) as c:
        check_workers(c)
        threads = sum(c.nthreads().values()) or 1
        chunks = chunked(names, threads)
        futures = c.map(parse_chunk, chunks, pure=False)
        position = {f.key: i for i, f in enumerate(futures)}
        results: list[list[Outcome] | None] = [None] * len(chunks)
        for future, outcome in as_completed(futures, with_results=True):
            results[position[future.key]] = outcome
            future.release()
        del futures
    for outcomes in results:
        for outcome in outcomes or ():
            if outcome[0] == "ok":
                corpus.documents.append(outcome[1])
            else:
                corpus.errors.append(DocumentError(outcome[1], outcome[2]))
    return corpus
