"""The development set's place figures held to the targets of issue 9 (tests/real/places.py).

Recognition recall and precision and resolution accuracy (of the resolved) must each be at
least 0.90, overall. Run ``python -m tests.real.places -v`` to see every miss.

The set grew from 22 to 30 texts (lv_11–lv_14, en_13–en_16; 434 gold mentions, 96 of them
new). On the new texts recall is 0.94, precision 0.97: what they show missing is Polish
villages in Latvian or odd transliterations ("Dubičes Cerkevnes", "Dubica Tserkevna"), a
named area with its head ("Dievenišķu cilpā"), a river after its head ("the border river
Svisloch"), "Podlasie" inside an office's name. A crossing point the gazetteer lacks is now
placed at the settlement it is named after (Pāternieki, Grebņeva, Rīga for the airport; not
Terehova, which the tables lack), and a Latvian district named after its seat is the seat's
unit ("Šalčininku rajonā"): 23 unplaced mentions became 17, role accuracy 0.986 became 0.993.
The thresholds stay the targets.
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
