"""The real-text development set (tests/fixtures/real/): loading texts with their gold annotations.

Scorers live beside this module (`tests.real.places`, `tests.real.events`); they read only files under
tests/fixtures/real/ and run the library as a user's document would run.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REAL = Path(__file__).resolve().parent.parent / "fixtures" / "real"


@dataclass(frozen=True)
class Sample:
    """One text of the development set: its path and its gold annotation."""

    name: str
    path: Path
    gold: dict[str, Any]


def samples(directory: Path = REAL) -> Iterator[Sample]:
    """Every NAME.txt that has a NAME.gold.json beside it, in name order.

    Raises ValueError when a gold span does not read as its surface (the annotation drifted).
    """
    for path in sorted(directory.glob("*.txt")):
        gold_path = path.with_name(path.stem + ".gold.json")
        if not gold_path.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = path.read_text(encoding="utf-8")
        for item in gold.get("places", []):
            if text[item["start"]:item["end"]] != item["surface"]:
                raise ValueError(f"{gold_path.name}: {item['surface']!r} is not at {item['start']}:{item['end']}")
        yield Sample(path.stem, path, gold)
