"""Geoparse throughput of geo, with dateparser and simplemma on the same text beside it.

geo: ``pipeline.parse(seeds.make_document(text, meta))`` per document, one core.
dateparser: ``search_dates(text, languages=["lv"])`` — the peer for finding dates; timed and
scored against what the generator put in, like geo's dates.
simplemma: ``lemmatize`` of every word token — the floor cost of any per-token pass.
"""

from __future__ import annotations

import math
import re
import warnings
from datetime import date
from typing import Any

from bench.report import Row
from bench.timing import measure

TOKEN = re.compile(r"[^\W\d_]+")


def subsample(docs: list, limit: int) -> list:
    """Every k-th document, at most `limit` (all when there are few)."""
    if len(docs) <= limit:
        return docs
    step = math.ceil(len(docs) / limit)
    return docs[::step][:limit]


def utf8_mb(docs: list) -> float:
    """Megabytes (10^6 bytes) of the documents' UTF-8 text."""
    return sum(len(d.text.encode("utf-8")) for d in docs) / 1e6


def run_geo(docs: list) -> list[int]:
    """Every document through geo's whole pipeline; the number of events of each.

    Only the count is kept, as the build keeps only a document's rows: holding every parse
    would time the garbage collector walking them (a fifth of the time at 2 000 documents).
    """
    from geo import gazetteer
    from geo.io import seeds
    from geo.text import pipeline

    gaz = gazetteer.default()
    return [len(pipeline.parse(seeds.make_document(d.text, d.meta, d.doc_id), gaz).events) for d in docs]


def run_geo_dates(docs: list) -> list[list]:
    """geo's date finder alone (with the publication year, as the pipeline calls it)."""
    from geo.text import dates

    out = []
    for d in docs:
        published = date.fromisoformat(d.meta["published"])
        out.append(dates.find_dates(d.text, "lv", 0, len(d.text), default_year=published.year,
                                    default_month=published.month))
    return out


def run_dateparser(docs: list) -> list[list[tuple[int, int, date]]]:
    """dateparser's search_dates on each text: (start, end, date) of every hit."""
    from dateparser.search import search_dates

    out = []
    for d in docs:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            hits = search_dates(d.text, languages=["lv"]) or []
        found, cursor = [], 0
        for surface, value in hits:
            pos = d.text.find(surface, cursor)
            if pos < 0:
                pos = d.text.find(surface)
            if pos >= 0:
                cursor = pos + len(surface)
            found.append((pos, pos + len(surface), value.date()))
        out.append(found)
    return out


def run_simplemma(docs: list) -> int:
    """simplemma.lemmatize on every word token (no cache of our own); the number of tokens."""
    import simplemma

    n = 0
    for d in docs:
        for word in TOKEN.findall(d.text):
            simplemma.lemmatize(word, lang="lv")
            n += 1
    return n


def run_tokens(docs: list) -> int:
    """Only the regex tokenisation: the floor of any pass over the words."""
    return sum(len(TOKEN.findall(d.text)) for d in docs)


def score(docs: list, found: list[list[tuple[int, int, date | None]]]) -> tuple[int, int, int]:
    """(expected, found, right): a hit is right when it overlaps a date the generator put in and
    its (start) day lies inside that date's interval; each expected date counts once."""
    expected = right = hits = 0
    for d, doc_hits in zip(docs, found):
        expected += len(d.dates)
        hits += len(doc_hits)
        for s, e, _, iso_start, iso_end in d.dates:
            lo, hi = date.fromisoformat(iso_start), date.fromisoformat(iso_end)
            if any(hs < e and s < he and value is not None and lo <= value <= hi for hs, he, value in doc_hits):
                right += 1
    return expected, hits, right


def _geo_hits(parsed: list[list]) -> list[list[tuple[int, int, date | None]]]:
    return [[(m.start, m.end, m.date_start or m.date_end) for m in doc] for doc in parsed]


def section(all_docs: list, sizes: list[int], repeats: int, max_docs: int, peer_docs: int) -> tuple[list[Row], dict]:
    """Rows for each corpus size, and the raw numbers."""
    rows: list[Row] = []
    raw: dict[str, Any] = {}
    run_geo(all_docs[-1:])  # one-time loads (grammar, gazetteer, GeoNames) are not throughput
    run_dateparser(all_docs[-1:])
    run_simplemma(all_docs[-1:])  # simplemma loads its Latvian dictionary on first use
    for n in sizes:
        docs = all_docs[:n]
        sample = subsample(docs, max_docs)
        case = f"{n} docs"
        note = "" if len(sample) == n else f"subsample: every {math.ceil(n / max_docs)}th doc, {len(sample)} of {n}"
        mb, chars = utf8_mb(sample), sum(len(d.text) for d in sample)
        t_geo, counted = measure(lambda: run_geo(sample), repeats)
        events = sum(counted)
        rows += [
            Row("geoparse", case, "geo throughput", mb / t_geo.median, "MB/s", note or f"{mb:.2f} MB, 1 core"),
            Row("geoparse", case, "geo throughput", chars / t_geo.median, "chars/s", f"{chars} chars"),
            Row("geoparse", case, "geo throughput", len(sample) / t_geo.median, "docs/s",
                f"{events} events from {len(sample)} docs"),
        ]
        # the peers: on a smaller sample (dateparser is slow), geo again on the same text
        peers = sample[:peer_docs]
        pnote = f"same {len(peers)} docs ({utf8_mb(peers):.2f} MB)"
        t_geo_p, _ = measure(lambda: run_geo(peers), repeats)
        t_dates, geo_dates = measure(lambda: run_geo_dates(peers), repeats)
        t_dp, dp_dates = measure(lambda: run_dateparser(peers), repeats)
        t_lem, tokens = measure(lambda: run_simplemma(peers), repeats)
        t_tok, _ = measure(lambda: run_tokens(peers), repeats)
        pmb = utf8_mb(peers)
        exp, geo_found, geo_right = score(peers, _geo_hits(geo_dates))
        _, dp_found, dp_right = score(peers, dp_dates)
        rows += [
            Row("geoparse", case, "geo dates only", pmb / t_dates.median, "MB/s", pnote),
            Row("geoparse", case, "dateparser.search_dates", pmb / t_dp.median, "MB/s", pnote),
            Row("geoparse", case, "dateparser time / geo dates time", t_dp.median / t_dates.median, "x",
                "how many times slower dateparser is"),
            Row("geoparse", case, "dateparser time / geo pipeline time", t_dp.median / t_geo_p.median, "x",
                "dateparser alone vs all of geo"),
            Row("geoparse", case, "dates: put in / geo found / geo right", f"{exp} / {geo_found} / {geo_right}", "",
                "right: overlaps a date put in, day inside its interval"),
            Row("geoparse", case, "dates: put in / dateparser found / right", f"{exp} / {dp_found} / {dp_right}", "",
                "same rule"),
            Row("geoparse", case, "simplemma every token", pmb / t_lem.median, "MB/s", f"{tokens} tokens"),
            Row("geoparse", case, "geo time / simplemma time", t_geo_p.median / t_lem.median, "x",
                "geo's whole pipeline vs one lemma lookup per token"),
            Row("geoparse", case, "regex tokenising only", pmb / t_tok.median, "MB/s", "the floor of any pass"),
        ]
        raw[case] = {"docs": n, "sample_docs": len(sample), "sample_mb": mb, "sample_chars": chars,
                     "events": events, "geo": t_geo.as_dict(),
                     "peers": {"docs": len(peers), "mb": pmb, "geo": t_geo_p.as_dict(), "geo_dates": t_dates.as_dict(),
                               "dateparser": t_dp.as_dict(), "simplemma": t_lem.as_dict(), "tokens": t_tok.as_dict(),
                               "dates_expected": exp, "geo_found": geo_found, "geo_right": geo_right,
                               "dateparser_found": dp_found, "dateparser_right": dp_right, "word_tokens": tokens}}
    return rows, raw


def seed_rows(repeats: int) -> tuple[list[Row], dict]:
    """geo on the real seed article too: its density of names and dates is not the corpus's."""
    from geo import build, gazetteer
    from geo.io import seeds
    from geo.text import pipeline

    paths = seeds.seed_paths(build.SEEDS)
    docs = [seeds.load_document(p) for p in paths]
    gaz = gazetteer.default()
    t, parses = measure(lambda: [pipeline.parse(d, gaz) for d in docs], max(repeats, 5), warmup=1)
    mb = sum(len(d.text[:d.body_end].encode("utf-8")) for d in docs) / 1e6
    row = Row("geoparse", "seed article", "geo throughput", mb / t.median, "MB/s",
              f"{mb * 1000:.1f} KB body, {sum(len(p.events) for p in parses)} events")
    return [row], {"seed": {"mb": mb, "geo": t.as_dict()}}
