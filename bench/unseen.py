"""Geoparse speed on text the process has not read: `python -m bench.unseen` (run from a tree's root).

`bench.geoparse` repeats the same documents, so what a parse keeps between documents (a
sentence's rule, a template's reading) makes its repeats faster than a user's first read.
Here every timed document is new to the process: 200 synthetic documents warm it up (the
grammar, the gazetteer's tables), then three further sets of 200 are each parsed once (the
best is kept), and last the seed article once. CPU time of the process (`time.process_time`),
with the time of each stage. Run it in two trees one after the other, alternately, to compare.

Each tree's `bench.corpus` writes its own documents (the generator changes with the gazetteer
and the templates), so to compare two trees on the same texts write them once with
`--save-corpus FILE` and read them in both with `--corpus FILE` (JSON: text, meta, doc_id).
"""

from __future__ import annotations

import argparse
import gc
import json
import time
from pathlib import Path
from typing import Any

from bench import corpus
from geo import gazetteer
from geo.io import seeds
from geo.text import counts, dates, events, pipeline, places, sentences

STAGES = [(dates, "find_dates", "dates"), (places, "find", "places"), (events, "assemble", "events"),
          (counts, "find", "counts"), (sentences, "split", "sentences")]
SET_SIZE, SETS = 200, 4


def _timed_stages(spent: dict[str, float]) -> None:
    """Wrap each stage's function so that its CPU time adds up in `spent`."""
    for module, name, key in STAGES:
        original = getattr(module, name)

        def timed(*args, _original=original, _key=key, **kwargs):
            start = time.process_time()
            try:
                return _original(*args, **kwargs)
            finally:
                spent[_key] = spent.get(_key, 0.0) + time.process_time() - start

        setattr(module, name, timed)


def _documents(path: str | None) -> list[dict[str, Any]]:
    """The synthetic documents as text, meta and doc_id: read from `path`, else generated."""
    if path:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    return [{"text": d.text, "meta": d.meta, "doc_id": d.doc_id} for d in corpus.generate(SET_SIZE * SETS)]


def main(argv: list[str] | None = None) -> None:
    """Print MB/s on unseen synthetic documents, the seed's first parse, and both by stage."""
    parser = argparse.ArgumentParser(prog="python -m bench.unseen", description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", help="read the synthetic documents from this JSON file")
    parser.add_argument("--save-corpus", help="write the generated documents to this JSON file and stop")
    args = parser.parse_args(argv)
    docs = _documents(args.corpus)
    if args.save_corpus:
        Path(args.save_corpus).write_text(json.dumps(docs, ensure_ascii=False, default=str), encoding="utf-8")
        print(f"{len(docs)} documents written to {args.save_corpus}")
        return
    gaz = gazetteer.default()
    seed = seeds.load_document(seeds.seed_paths(Path("seeds"))[0])
    sets = [[seeds.make_document(d["text"], d["meta"], d["doc_id"]) for d in docs[i:i + SET_SIZE]]
            for i in range(0, len(docs), SET_SIZE)]
    spent: dict[str, float] = {}
    _timed_stages(spent)
    for doc in sets[0]:
        pipeline.parse(doc, gaz)
    best = None
    for chunk in sets[1:]:
        mb = sum(len(d.text.encode("utf-8")) for d in chunk) / 1e6
        spent.clear()
        gc.collect()
        start = time.process_time()
        for doc in chunk:
            pipeline.parse(doc, gaz)
        seconds = time.process_time() - start
        if best is None or mb / seconds > best[0]:
            best = (mb / seconds, seconds, dict(spent))
    spent.clear()
    gc.collect()
    start = time.process_time()
    pipeline.parse(seed, gaz)
    seed_ms = (time.process_time() - start) * 1000
    print(f"{'':12} {'synthetic (s / 200 docs)':>26} {'seed, first parse (ms)':>24}")
    print(f"{'all':12} {best[1]:>17.3f} ({best[0]:.2f} MB/s) {seed_ms:>24.1f}")
    for _, _, key in STAGES:
        print(f"{key:12} {best[2].get(key, 0.0):>26.3f} {spent.get(key, 0.0) * 1000:>24.1f}")


if __name__ == "__main__":
    main()
