"""Score place mentions on the development set: recognition, roles, resolution.

``python -m tests.real.places`` prints one row per text and the overall figures.
A system mention matches a gold one when their spans overlap (one system span may cover
several gold names, "Lithuania-Belarus border" → Lithuania, Belarus). Resolution is right
when the chosen place's point lies within a tolerance of the gold point that grows with the
kind of place; a gold place with no coordinates (a historical unit) is right when the system
leaves it unresolved or chooses an entry with no point or of a historical type.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from geo.distance import km
from geo import gazetteer as gazetteer_module
from geo.io.seeds import load_document
from geo.text.pipeline import parse
from tests.real import Sample, samples

# km within which a resolved point counts as the gold place, by the gold type
TOLERANCE_KM = {
    "city": 15, "town": 15, "village": 15, "facility": 15,
    "parish": 40, "border": 40, "river": 40, "lake": 40, "corridor": 40,
    "municipality": 150, "state_city": 150, "region": 150,
    "country": 600, "union": 600,
}
AREA_TYPES = {"historical"}


@dataclass
class Score:
    """Counts of one text (or of all): gold, system, matches, roles, resolutions."""

    name: str
    gold: int = 0
    system: int = 0
    gold_found: int = 0
    system_right: int = 0
    role_right: int = 0
    resolved: int = 0  # matched gold mentions the system resolved (or rightly left unresolved)
    resolved_right: int = 0
    unplaced: int = 0  # matched gold mentions with a point that the system left unresolved
    errors: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for key in ("gold", "system", "gold_found", "system_right", "role_right", "resolved", "resolved_right", "unplaced"):
            setattr(self, key, getattr(self, key) + getattr(other, key))

    @property
    def recall(self) -> float:
        return self.gold_found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.system_right / self.system if self.system else 1.0

    @property
    def role_accuracy(self) -> float:
        return self.role_right / self.gold_found if self.gold_found else 1.0

    @property
    def resolution(self) -> float:
        return self.resolved_right / self.resolved if self.resolved else 1.0


def tolerance(gold: dict) -> float:
    """km within which a point is right for a gold place; regions of no one country
    (Europe, the Middle East, the Baltic states) span several: 1000 km."""
    if gold["type"] == "region" and not gold.get("country"):
        return 1000
    return TOLERANCE_KM.get(gold["type"], 40)




def _overlap(a, b) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def score(sample: Sample, gaz=None) -> Score:
    """The figures of one text."""
    gaz = gaz or gazetteer_module.default()
    result = parse(load_document(sample.path), gaz)
    gold = sample.gold.get("places", [])
    # mentions the system itself marks as adjectives ("Latvian", "Polish") are attributes of a
    # place, not names of one: the guidelines do not annotate them, so they are not scored
    system = [m for m in result.places if not m.adjective]
    out = Score(sample.name, gold=len(gold), system=len(system))
    covered = set()
    for g in gold:
        span = (g["start"], g["end"])
        overlapping = [m for m in system if _overlap(span, (m.start, m.end))]
        if not overlapping:
            out.errors.append(f"missed    {g['surface']!r} @{g['start']} ({g['type']} {g['name']})")
            continue
        m = max(overlapping, key=lambda m: _overlap(span, (m.start, m.end)))
        covered.update(id(x) for x in overlapping)
        out.gold_found += 1
        if m.role == g["role"]:
            out.role_right += 1
        else:
            out.errors.append(f"role      {m.surface!r} @{m.start}: {m.role}, gold {g['role']}")
        place = result.place(m.place_id, gaz) if m.place_id else None
        if g.get("lat") is None:
            out.resolved += 1
            if place is None or place.lat is None or place.type in AREA_TYPES:
                out.resolved_right += 1
            else:
                out.errors.append(f"resolved  {m.surface!r} @{m.start}: {place.id}, gold has no point ({g['name']})")
        elif place is not None and place.lat is not None:
            out.resolved += 1
            dist = km(place.lat, place.lon, g["lat"], g["lon"])
            if dist <= tolerance(g):
                out.resolved_right += 1
            else:
                out.errors.append(f"resolved  {m.surface!r} @{m.start}: {place.id} {dist:.0f} km from gold {g['name']}")
        else:
            out.unplaced += 1
            out.errors.append(f"unplaced  {m.surface!r} @{m.start}: {m.reason or m.place_id} (gold {g['name']})")
    out.system_right = sum(1 for m in system if id(m) in covered)
    for m in system:
        if id(m) not in covered:
            out.errors.append(f"spurious  {m.surface!r} @{m.start} → {m.place_id} {m.reason}")
    return out


@lru_cache(maxsize=4)
def scores(directory: Path | None = None) -> tuple[list[Score], Score]:
    """Per-text scores and the overall one (cached: tests read them more than once)."""
    gaz = gazetteer_module.default()
    per_text = [score(s, gaz) for s in (samples(directory) if directory else samples())]
    total = Score("overall")
    for s in per_text:
        total.add(s)
    return per_text, total


def table(per_text: list[Score], total: Score) -> str:
    """The figures as a text table."""
    head = f"{'text':48} {'gold':>5} {'sys':>5} {'recall':>7} {'prec':>7} {'role':>7} {'resol':>7} {'unplaced':>8}"
    rows = [head, "-" * len(head)]
    for s in per_text + [total]:
        rows.append(f"{s.name:48} {s.gold:5d} {s.system:5d} {s.recall:7.3f} {s.precision:7.3f} "
                    f"{s.role_accuracy:7.3f} {s.resolution:7.3f} {s.unplaced:8d}")
    return "\n".join(rows)


def main(argv: list[str]) -> int:
    """Print the table; `--dir DIR` scores another folder (the held-out set), `-v` every miss."""
    directory = Path(argv[argv.index("--dir") + 1]) if "--dir" in argv else None
    per_text, total = scores(directory)
    print(table(per_text, total))
    if "-v" in argv:
        for s in per_text:
            if s.errors:
                print(f"\n== {s.name}")
                print("\n".join("  " + e for e in s.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
