"""Event scorer over the real-text development set: `python -m tests.real.events`.

Each text of tests/fixtures/real/ is parsed as the app parses it (geo.io.seeds.load_document,
geo.text.pipeline.parse with the default gazetteer); its events are matched one-to-one with
the gold events of NAME.gold.json and the figures printed per text and overall:

- recall: matched gold events / gold events; precision: matched system events / system events.
- A system event matches a gold event when its quote span overlaps the gold's start/end;
  each gold event takes at most one system event (same type preferred, then the largest
  overlap), each system event at most one gold event.
- Among matched pairs: date (date_start/date_end equal to the gold's, or inside the gold
  interval; a null gold end is open), place (the event's point within 25 km of the gold
  point for geo_precision 1–2, 150 km for 3; or gold place null and the countries equal;
  or both the same whole border section (a system section "X–Y border near Z" is on it), unless
  --strict),
  persons (equal, both null counts as equal), type (equal).
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from geo.distance import km

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "real"
KM_NEAR, KM_AREA = 25.0, 150.0
STRICT = False  # --strict: border sections by distance only, as any other place


@dataclass
class Score:
    """Counts of one text (or of all): gold, system, matched, and the matched ones right."""

    name: str
    gold: int = 0
    system: int = 0
    matched: int = 0
    date: int = 0
    place: int = 0
    persons: int = 0
    type: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: "Score") -> None:
        for key in ("gold", "system", "matched", "date", "place", "persons", "type"):
            setattr(self, key, getattr(self, key) + getattr(other, key))

    def rate(self, key: str) -> float:
        """A figure as a fraction: recall, precision, or an accuracy among the matched."""
        if key == "recall":
            return self.matched / self.gold if self.gold else 1.0
        if key == "precision":
            return self.matched / self.system if self.system else 1.0
        return getattr(self, key) / self.matched if self.matched else 1.0




def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def date_right(system: dict, gold: dict) -> bool:
    """Equal to the gold interval, or inside it (a null gold end is open on that side)."""
    gs, ge = _day(gold.get("date_start")), _day(gold.get("date_end"))
    ss, se = _day(system.get("date_start")), _day(system.get("date_end"))
    if gs is None and ge is None:
        return ss is None and se is None
    if (ss, se) == (gs, ge):
        return True
    if ss is None or se is None:
        return False
    return (gs is None or gs <= ss) and (ge is None or se <= ge)


def _border_countries(name: str | None) -> frozenset[str] | None:
    """The country names of a whole border section's name ("Poland–Belarus border"), else None.
    A system's section of it ("Poland–Belarus border near Narewka") is on that whole border."""
    name = name.split(" near ")[0] if name else name
    if not name or not name.endswith(" border") or "," in name:
        return None
    return frozenset(part.strip().lower() for part in re.split(r"[–—-]", name[: -len(" border")]))


def place_right(system: dict, gold: dict) -> bool:
    """The event's point near the gold point, or (gold place null) the same country, or the
    same whole border section (the guidelines give a border section a rough point, and the
    gazetteer the line's midpoint: hundreds of kilometres of line have no one point)."""
    if gold.get("lat") is None or gold.get("place") is None:
        return bool(gold.get("country")) and system.get("country") == gold.get("country")
    if system.get("lat") is None:
        return False
    border = _border_countries(gold.get("place"))
    if border is not None and not STRICT and border == _border_countries(system.get("place_name")):
        return True
    reach = KM_AREA if (gold.get("geo_precision") or 3) >= 3 else KM_NEAR
    return km(system["lat"], system["lon"], gold["lat"], gold["lon"]) <= reach


def overlap(system: dict, gold: dict) -> int:
    """Characters the system quote shares with the gold span."""
    return min(system["quote_end"], gold["end"]) - max(system["quote_start"], gold["start"])


def match(system: list[dict], gold: list[dict]) -> list[tuple[dict, dict]]:
    """One-to-one pairs of overlapping events: same type first, then larger overlap."""
    options = [(s["event_type"] != g["event_type"], -overlap(s, g), i, j)
               for i, s in enumerate(system) for j, g in enumerate(gold) if overlap(s, g) > 0]
    used_s, used_g, pairs = set(), set(), []
    for _, _, i, j in sorted(options):
        if i not in used_s and j not in used_g:
            used_s.add(i)
            used_g.add(j)
            pairs.append((system[i], gold[j]))
    return pairs


@lru_cache(maxsize=1)
def _gazetteer():
    from geo import gazetteer
    return gazetteer.default()


def system_events(path: Path) -> list[dict]:
    """The events the pipeline finds in one text, as event rows plus lat/lon."""
    from geo.io.layers import event_row
    from geo.io.seeds import load_document
    from geo.text.pipeline import parse

    doc = load_document(path)
    result = parse(doc, _gazetteer())
    rows = []
    for event in result.events:
        row = event_row(event, doc)
        row["lat"], row["lon"] = event.position.lat, event.position.lon
        rows.append(row)
    return rows


def score_text(path: Path) -> Score:
    """The scores of one text against its gold file."""
    gold = json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))["events"]
    system = system_events(path)
    score = Score(path.stem, gold=len(gold), system=len(system))
    pairs = match(system, gold)
    score.matched = len(pairs)
    for s, g in pairs:
        checks = {"date": date_right(s, g), "place": place_right(s, g),
                  "persons": s.get("persons") == g.get("persons"), "type": s["event_type"] == g["event_type"]}
        for key, ok in checks.items():
            setattr(score, key, getattr(score, key) + ok)
            if not ok:
                score.misses.append(f"  {key:<7} @{g['start']}: system {_show(s, key)} gold {_show(g, key)}")
    matched_g = {id(g) for _, g in pairs}
    matched_s = {id(s) for s, _ in pairs}
    score.misses += [f"  missed  @{g['start']}: {g['event_type']} {g.get('date_start')}..{g.get('date_end')} "
                     f"{g.get('place')} {g.get('persons')}" for g in gold if id(g) not in matched_g]
    score.misses += [f"  extra   @{s['quote_start']}: {s['event_type']} {s['date_start']}..{s['date_end']} "
                     f"{s['place_name']} {s['persons']}" for s in system if id(s) not in matched_s]
    return score


def _show(event: dict, key: str) -> str:
    if key == "date":
        return f"{event.get('date_start')}..{event.get('date_end')}"
    if key == "place":
        return f"{event.get('place_name', event.get('place'))} ({event.get('lat')}, {event.get('lon')}) {event.get('country')}"
    return str(event.get({"type": "event_type"}.get(key, key)))


def texts(directory: Path = FIXTURES) -> list[Path]:
    """The texts of the development set that have a gold file, by name."""
    return sorted(p for p in directory.glob("*.txt") if p.with_suffix(".gold.json").exists())


def score_all(directory: Path = FIXTURES) -> tuple[list[Score], Score]:
    """Per-text scores and their total."""
    per_text = [score_text(p) for p in texts(directory)]
    return per_text, total(per_text, "overall")


def total(scores: list[Score], name: str) -> Score:
    """The sum of some texts' scores."""
    out = Score(name)
    for s in scores:
        out.add(s)
    return out


COLUMNS = ("recall", "precision", "date", "place", "persons", "type")


def table(per_text: list[Score], total_score: Score, verbose: bool = False) -> str:
    """The figures as a plain-text table."""
    head = f"{'text':<44} {'gold':>4} {'sys':>4} {'match':>5} " + " ".join(f"{c:>9}" for c in COLUMNS)
    lines = [head, "-" * len(head)]
    by_lang = [total([s for s in per_text if s.name.startswith(lang + "_")], f"overall {lang}")
               for lang in sorted({s.name.split("_")[0] for s in per_text})]
    for s in per_text + by_lang + [total_score]:
        lines.append(f"{s.name:<44} {s.gold:>4} {s.system:>4} {s.matched:>5} "
                     + " ".join(f"{s.rate(c):>9.2f}" for c in COLUMNS))
        if verbose and s.misses:
            lines += s.misses
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    global STRICT
    STRICT = "--strict" in argv
    directory = Path(argv[argv.index("--dir") + 1]) if "--dir" in argv else FIXTURES  # e.g. the held-out set
    per_text, overall = score_all(directory)
    print(table(per_text, overall, verbose="-v" in argv))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
