"""The development set's place figures held to the targets of issue 9 (tests/real/places.py).

Recognition recall and precision and resolution accuracy (of the resolved) must each be at
least 0.90, overall. Run ``python -m tests.real.places -v`` to see every miss.
"""

from __future__ import annotations

import pytest

from tests.real import samples
from tests.real.places import scores

TARGET = 0.90


@pytest.fixture(scope="module")
def overall():
    per_text, total = scores()
    assert per_text, "no texts with gold annotations in tests/fixtures/real/"
    return total


def test_every_gold_span_reads_as_its_surface():
    assert list(samples())  # samples() raises when an offset drifted


def test_place_recall(overall):
    assert overall.recall >= TARGET, f"recall {overall.recall:.3f}"


def test_place_precision(overall):
    assert overall.precision >= TARGET, f"precision {overall.precision:.3f}"


def test_resolution_of_the_resolved(overall):
    assert overall.resolution >= TARGET, f"resolution {overall.resolution:.3f}"
