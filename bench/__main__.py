"""``python -m bench``: geoparse throughput, the build, the app's server side, the browser.

Prints a table of medians (the machine noted above it) and writes the same as JSON
(bench/results/latest.json for a full run). ``--quick`` is a smoke run of a minute or so.
See bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench import corpus, machine
from bench.report import Row, markdown, table, targets, write_json

RESULTS = Path(__file__).resolve().parent / "results"
SECTIONS = ("geoparse", "build", "server", "browser")


def _ints(text: str) -> list[int]:
    return [int(x.replace("_", "")) for x in text.split(",") if x.strip()]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="smoke run: tiny sizes, one repeat (~1 min)")
    p.add_argument("--sizes", type=_ints, help="corpus sizes in documents (default 1,100,10000)")
    p.add_argument("--events", type=_ints, help="event counts for the server side (default 100,10000,100000)")
    p.add_argument("--sweep", type=_ints, help="event counts drawn in both map modes (default 500,1000,2000,5000,10000)")
    p.add_argument("--repeats", type=int, help="runs per measurement; the median is reported (default 3)")
    p.add_argument("--seed", type=int, default=2021, help="corpus generator seed")
    p.add_argument("--workers", type=int, default=2, help="local Dask workers of the parallel build")
    p.add_argument("--max-parse-docs", type=int, help="geoparse larger corpora on an even subsample of this many (default 2000)")
    p.add_argument("--peer-docs", type=int, help="documents for the dateparser/simplemma comparison (default 300)")
    p.add_argument("--large", type=int, default=1000, help="corpora of at least this many docs are built once, not --repeats times")
    p.add_argument("--only", default=",".join(SECTIONS), help=f"sections to run, of {','.join(SECTIONS)}")
    p.add_argument("--json", type=Path, help="where to write the JSON (default results/latest.json; --quick: results/quick.json.tmp)")
    p.add_argument("--markdown", action="store_true", help="also print the table as Markdown")
    args = p.parse_args(argv)
    quick = args.quick
    defaults = {"sizes": [1, 20] if quick else [1, 100, 10_000],
                "events": [100, 1000] if quick else [100, 10_000, 100_000],
                "sweep": [200] if quick else [500, 1000, 2000, 5000, 10_000],
                "repeats": 1 if quick else 3,
                "max_parse_docs": 20 if quick else 2000,
                "peer_docs": 10 if quick else 300,
                "json": RESULTS / ("quick.json.tmp" if quick else "latest.json")}
    for key, value in defaults.items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    args.only = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(args.only) - set(SECTIONS)
    if unknown:
        p.error(f"unknown sections {sorted(unknown)}; choose from {SECTIONS}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    info = machine.describe()
    info["load_average_start"] = os.getloadavg()
    print(machine.summary(info), flush=True)
    rows: list[Row] = []
    raw: dict = {}
    html_dir = Path(tempfile.mkdtemp(prefix="robeza-bench-html-"))
    try:
        docs = corpus.generate(max(args.sizes), args.seed) if {"geoparse", "build"} & set(args.only) else []
        if "geoparse" in args.only:
            from bench import geoparse

            section_rows, raw["geoparse"] = geoparse.section(docs, args.sizes, args.repeats, args.max_parse_docs,
                                                             args.peer_docs)
            seed_rows, seed_raw = geoparse.seed_rows(args.repeats)
            rows += section_rows + seed_rows
            raw["geoparse"].update(seed_raw)
            _progress(rows, "geoparse", started)
        if "build" in args.only:
            from bench import build

            section_rows, raw["build"] = build.section(docs, args.sizes, args.repeats, args.workers, args.large)
            rows += section_rows
            _progress(rows, "build", started)
        if "server" in args.only or "browser" in args.only:
            from bench import server

            sizes = args.events if "server" in args.only else []
            section_rows, raw["server"] = server.section(sizes, args.repeats, args.sweep, keep_html=html_dir)
            rows += section_rows
            _progress(rows, "server", started)
        if "browser" in args.only:
            from bench import browser

            files = [(f"{n} events, {mode}", html_dir / f"sweep_{n}_{mode}.html")
                     for n in args.sweep for mode in ("geojson", "cluster")]
            section_rows, raw["browser"] = browser.section(args.repeats, [f for f in files if f[1].exists()])
            rows += section_rows
            _progress(rows, "browser", started)
    finally:
        shutil.rmtree(html_dir, ignore_errors=True)
    rows += targets(rows)
    info["load_average_end"] = os.getloadavg()
    elapsed = time.perf_counter() - started
    print()
    print(table(rows))
    if args.markdown:
        print()
        print(markdown(rows))
    config = {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()}
    config["elapsed_s"] = round(elapsed, 1)
    write_json(args.json, info, config, rows, raw)
    print(f"\n{elapsed:.0f} s; written {args.json}")
    return 0


def _progress(rows: list[Row], section: str, started: float) -> None:
    """A line on stderr as each section ends (the table comes at the end)."""
    n = sum(1 for r in rows if r.section == section)
    print(f"[{time.perf_counter() - started:6.0f} s] {section}: {n} rows", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
