"""Command line: ``python -m geo build`` (all seeds → layers) and ``python -m geo parse FILE``."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from geo import build, gazetteer
from geo.io import layers, seeds
from geo.text import pipeline


class CommandError(Exception):
    """A failure of the whole command (not of one document): its message and exit code."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


def _build(args: argparse.Namespace) -> int:
    """Build every layer; with --check, only compare with what is in --out."""
    try:
        if args.check:
            return _run_build(args)
        with layers.build_lock(args.out):  # one build per folder, from parsing to the swap
            return _run_build(args)
    except layers.BuildLocked as err:
        print(f"error: {err}", file=sys.stderr)
        return 3
    except CommandError as err:
        print(f"error: {err}", file=sys.stderr)
        return err.code


def _run_build(args: argparse.Namespace) -> int:
    """Parse every seed, report the bad ones, then write the set (or check it)."""
    paths = seeds.seed_paths(args.seeds)
    workers = build.default_workers(len(paths), os.cpu_count() or 1) if args.workers is None else args.workers
    corpus = build.parse_paths(paths) if not args.scheduler and not workers else _parallel(paths, args.scheduler, workers)
    for err in corpus.errors:
        print(f"error: {err}", file=sys.stderr)
    for warning in corpus.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    problems = bool(corpus.errors or corpus.warnings)
    built = build.build_layers(corpus)
    if args.check:
        stale = build.stale_files(built, args.out, parquet=True if args.parquet else None)
        for name in stale:
            print(f"stale: {args.out / name} differs from a fresh build", file=sys.stderr)
        return 1 if stale or problems else 0
    written = layers.write_set(built, args.out, parquet=args.parquet)
    print(f"{len(corpus.documents)} documents, {len(built.events)} events, {len(built.places)} places, "
          f"{len(built.mentions)} mentions, {len(built.unresolved)} unresolved → {args.out}")
    for path in written:
        print(f"  {path}")
    return 1 if problems else 0


def _parallel(paths: list[Path], scheduler: str | None, workers: int) -> build.Corpus:
    """Parse on Dask workers (local processes, or the cluster at --scheduler)."""
    from geo import distributed

    try:
        return distributed.parse_paths(paths, scheduler=scheduler, workers=workers)
    except distributed.WorkersCannotImport as err:
        raise CommandError(str(err), 2) from None


def _parse(args: argparse.Namespace) -> int:
    """One document → JSON on stdout."""
    path = Path(args.file)
    try:
        doc = seeds.load_document(path)
        if args.lang:
            doc = seeds.make_document(doc.text, {**doc.meta, "language": args.lang}, doc.doc_id, path.name)
    except Exception as err:  # noqa: BLE001 - any failure reading it is said in one line
        print(f"error: {seeds.failure(path.name, err)}", file=sys.stderr)
        return 2
    gaz = gazetteer.default()
    parse = pipeline.parse(doc, gaz)
    rows = layers.document_rows(parse, gaz)
    out = {
        "doc_id": doc.doc_id,
        "places": [{"start": m.start, "end": m.end, "surface": m.surface, "lemma": m.lemma,
                    "place_id": m.place_id, "role": m.role, "resolution": m.resolution} for m in parse.places],
        "dates": [d.as_dict() for d in parse.dates],
        "events": [{**row, "lon": point.x, "lat": point.y} for row, point in zip(rows.events, rows.event_points)],
        "unresolved": parse.unresolved,
    }
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    print()
    if not parse.places:
        print(f"warning: {path.name}: {build.no_places_problem(doc.lang)}", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    parser = argparse.ArgumentParser(prog="python -m geo", description="Robeža: text → geocoded, dated events")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="all seeds → data/layers")
    b.add_argument("--seeds", type=Path, default=build.SEEDS)
    b.add_argument("--out", type=Path, default=build.LAYERS)
    b.add_argument("--check", action="store_true", help="exit 1 when the layers in --out are not a fresh build")
    b.add_argument("--parquet", action="store_true", help="also write GeoParquet (for large corpora)")
    b.add_argument("--scheduler", help="a Dask scheduler address, tcp://HOST:PORT")
    b.add_argument("--workers", type=int, default=None,
                   help="parse on N local Dask worker processes (0: in this process); by default local "
                        "processes, one per core, for a corpus large enough and a machine with more "
                        f"than {build.PARALLEL_MIN_CORES} cores")
    b.set_defaults(func=_build)
    p = sub.add_parser("parse", help="one document → JSON on stdout")
    p.add_argument("file")
    p.add_argument("--lang", choices=seeds.SUPPORTED_LANGUAGES)
    p.set_defaults(func=_parse)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
