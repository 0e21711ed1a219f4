"""Tests of geo.io.seeds' reading of a sidecar's publication date (the rest: test_documents.py)."""

from __future__ import annotations

import json

import pytest

from geo.io import seeds
from geo.io.seeds import DocumentError
from geo.model import DAY, MONTH, SEASON_OR_YEAR
from geo.text import pipeline

TEXT = "Robežsargi pie Silenes aizturēja 5 personas."


def load(tmp_path, published: str):
    """A seed with a sidecar giving `published`, read as the build reads it."""
    (tmp_path / "doc.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "doc.json").write_text(json.dumps({"language": "lv", "published": published}), encoding="utf-8")
    return seeds.load_document(tmp_path / "doc.txt")


@pytest.mark.parametrize("published, start, end, precision", [
    ("2021-08-15", "2021-08-15", "2021-08-15", DAY),
    ("2021-08", "2021-08-01", "2021-08-31", MONTH),
    ("2021", "2021-01-01", "2021-12-31", SEASON_OR_YEAR),
])
def test_a_sidecar_may_give_the_publication_day_month_or_year(tmp_path, gaz, published, start, end, precision):
    """An incident with no date of its own is dated by the publication date as precisely as
    the sidecar gives it: a day, a month or a year."""
    doc = load(tmp_path, published)
    assert doc.meta["published"] == published
    (event,) = pipeline.parse(doc, gaz).events
    assert (event.date_start.isoformat(), event.date_end.isoformat(), event.time_precision, event.date_relation) \
        == (start, end, precision, "publication")


@pytest.mark.parametrize("published", ["2021-8", "2021-13", "2021-02-30", "aug 2021", "15.08.2021"])
def test_a_publication_date_that_is_no_iso_date_is_refused_naming_the_forms(tmp_path, published):
    with pytest.raises(DocumentError) as info:
        load(tmp_path, published)
    assert "YYYY-MM" in info.value.problem and published in info.value.problem
