"""The bench's inputs: the corpus generator is deterministic and geo finds what it puts in;
the synthetic events follow the data contract. No timing here."""

from __future__ import annotations

import pytest

from bench import corpus, report, server
from geo import gazetteer
from geo.io import layers, seeds
from geo.text import pipeline
from geo.view import filters


@pytest.fixture(scope="module")
def docs() -> list[corpus.SynthDoc]:
    return corpus.generate(40, seed=11)


def test_generator_is_deterministic(docs):
    again = corpus.generate(40, seed=11)
    assert [(d.doc_id, d.text, d.meta, d.places, d.dates, d.counts) for d in again] == \
           [(d.doc_id, d.text, d.meta, d.places, d.dates, d.counts) for d in docs]
    assert [d.text for d in corpus.generate(10, seed=11)] == [d.text for d in docs[:10]]  # a prefix
    assert [d.text for d in corpus.generate(10, seed=12)] != [d.text for d in docs[:10]]


def test_answers_point_into_the_text(docs):
    for d in docs:
        assert d.places and d.dates
        for s, e, _, surface in d.places:
            assert d.text[s:e] == surface
        for s, e, surface, iso_start, iso_end in d.dates:
            assert d.text[s:e] == surface and iso_start <= iso_end
        for s, e, value in d.counts:
            assert d.text[s:e] == str(value)


def test_names_are_inflected_and_dates_varied(docs):
    surfaces = {surface for d in docs for *_, surface in d.places}
    # locative, genitive and dative forms of gazetteer names, not the nominatives
    assert {"Skrudalienas pagastā", "Grodņas apgabalā"} & surfaces or any(s.endswith("ā") for s in surfaces)
    assert any(s in surfaces for s in ("Polijai", "Lietuvai", "Latvijai"))
    assert any(s.endswith(("as", "es", "u")) for s in surfaces)
    nominatives = {p.name_lv for p in gazetteer.default().places.values()}
    assert not surfaces & {n for n in nominatives if n not in ("Daugavpils",)}  # (its genitive is the same)
    dates = [surface for d in docs for _, _, surface, _, _ in d.dates]
    assert any(s.count(".") == 2 and "gada" in s for s in dates)  # 2021. gada 4. augustā
    assert any(s.count(".") == 1 and "gada" not in s for s in dates)  # 5. augustā
    assert any(s.endswith(("vidū", "sākumā", "beigās")) for s in dates)  # 2022. gada marta vidū


def test_geo_finds_what_was_put_in(docs):
    gaz = gazetteer.default()
    for d in docs:
        parse = pipeline.parse(seeds.make_document(d.text, d.meta, d.doc_id), gaz)
        places = {(m.start, m.end): m.place_id for m in parse.places}
        for s, e, place_id, surface in d.places:
            assert places.get((s, e)) == place_id, f"{d.doc_id}: {surface!r} ({place_id}) not found"
        found = {(m.start, m.end): (m.date_start, m.date_end) for m in parse.dates}
        for s, e, surface, iso_start, iso_end in d.dates:
            got = found.get((s, e))
            assert got is not None, f"{d.doc_id}: date {surface!r} not found"
            assert (got[0].isoformat(), got[1].isoformat()) == (iso_start, iso_end), surface
        assert parse.events, d.doc_id


def test_written_seeds_read_back(docs, tmp_path):
    paths = corpus.write(docs[:3], tmp_path)
    for d, path in zip(docs, paths):
        doc = seeds.load_document(path)
        assert (doc.doc_id, doc.text, doc.lang) == (d.doc_id, d.text, "lv")


def test_synthetic_events_follow_the_contract():
    events = server.synthetic_events(300)
    assert list(events.columns) == layers.EVENT_COLUMNS + ["geometry"]
    assert events["id"].is_unique and events.crs.to_epsg() == 4326
    assert (events.geom_type == "Point").all()
    assert (events["date_start"] <= events["date_end"]).all()
    assert set(events["event_type"]) <= set(server.TYPES)
    assert server.synthetic_events(300).equals(events)  # deterministic
    shown = filters.apply(events, filters.full_filters(events))
    assert len(shown) == len(events)


def test_targets_read_the_rows():
    rows = [report.Row("build", "seed", "wall", 0.8, "s"),
            report.Row("geoparse", "100 docs", "geo throughput", 0.4, "MB/s"),
            report.Row("server", "100000 events", "HTML sent to the browser", "n/a (x)", "")]
    verdicts = {r.case.split(" (")[0]: r for r in report.targets(rows)}
    assert verdicts["seed build"].note == "met"
    assert verdicts["geoparse, 1 core"].note == "MISSED"
    assert verdicts["sent to the browser, 100 000 events"].value == "n/a (x)"
    assert "seed" in report.table(rows) and report.markdown(rows).startswith("| section")


def test_unseen_bench_reads_back_the_corpus_it_saved(tmp_path, capsys):
    """Two trees compared with `--save-corpus`/`--corpus` parse the very same documents."""
    from bench import unseen

    path = tmp_path / "corpus.json"
    unseen.main(["--save-corpus", str(path)])
    assert "800 documents written" in capsys.readouterr().out
    saved = unseen._documents(str(path))
    assert saved == unseen._documents(None)
    assert len(saved) == unseen.SET_SIZE * unseen.SETS and "Latvij" in " ".join(d["text"] for d in saved)
