"""Rows of results: the printed table, the targets, and the JSON file."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any


@dataclass
class Row:
    """One number of the table (value may be text: "n/a (...)")."""

    section: str
    case: str
    metric: str
    value: Any
    unit: str = ""
    note: str = ""

    def shown(self) -> str:
        v = self.value
        if isinstance(v, float):
            text = f"{v:,.0f}" if abs(v) >= 1000 else f"{v:.3g}" if abs(v) < 10 else f"{v:.1f}"
        else:
            text = str(v)
        return f"{text} {self.unit}".strip()


def table(rows: list[Row]) -> str:
    """A plain-text table, one block per section."""
    headers = ("case", "metric", "value", "note")
    cells = [(r.case, r.metric, r.shown(), r.note) for r in rows]
    widths = [max([len(h)] + [len(c[i]) for c in cells]) for i, h in enumerate(headers)]
    widths[-1] = min(widths[-1], 70)
    line = "  ".join("{:<%d}" % w for w in widths)
    out, section = [], None
    for r, c in zip(rows, cells):
        if r.section != section:
            section = r.section
            out += ["", f"== {section} ==", line.format(*headers), line.format(*("-" * w for w in widths))]
        out.append(line.format(*c).rstrip())
    return "\n".join(out).lstrip("\n")


def markdown(rows: list[Row]) -> str:
    """The same rows as a Markdown table."""
    out = ["| section | case | metric | value | note |", "| --- | --- | --- | ---: | --- |"]
    out += [f"| {r.section} | {r.case} | {r.metric} | {r.shown()} | {r.note} |" for r in rows]
    return "\n".join(out)


def find(rows: list[Row], section: str, case: str, metric: str, unit: str | None = None) -> Row | None:
    """The first row with these fields."""
    return next((r for r in rows if r.section == section and r.case == case and r.metric == metric
                 and (unit is None or r.unit == unit)), None)


def targets(rows: list[Row]) -> list[Row]:
    """The issue's targets, each with what this run reached."""
    def check(name: str, row: Row | None, ok, limit: str) -> Row:
        if row is None or not isinstance(row.value, (int, float)):
            return Row("targets", name, limit, "not measured" if row is None else row.value, "", "")
        return Row("targets", name, limit, row.value, row.unit, "met" if ok(row.value) else "MISSED")

    geo = max((r for r in rows if r.section == "geoparse" and r.metric == "geo throughput" and r.unit == "MB/s"
               and r.case.endswith("docs")), key=lambda r: int(r.case.split()[0]), default=None)
    build10k = max((r for r in rows if r.section == "build" and r.metric == "peak RSS, all processes"
                    and r.case.endswith("sequential")), key=lambda r: int(r.case.split()[0]), default=None)
    server = find(rows, "server", "10000 events", "filter + map + render")
    size = find(rows, "server", "100000 events", "HTML sent to the browser")
    return [
        check("seed build", find(rows, "build", "seed", "wall"), lambda v: v < 1.0, "< 1 s"),
        check("geoparse, 1 core" + (f" ({geo.case})" if geo else ""), geo, lambda v: v >= 1.0, ">= 1 MB/s"),
        check("build peak memory" + (f" ({build10k.case})" if build10k else ""), build10k,
              lambda v: v < 1024, "< 1 GB"),
        check("filter + map, 10 000 events", server, lambda v: v < 300, "< 300 ms"),
        check("sent to the browser, 100 000 events", size, lambda v: v < 5.0, "< 5 MB"),
    ]


def write_json(path: Path, machine: dict, config: dict, rows: list[Row], raw: dict) -> None:
    """The run as JSON: machine, configuration, the table's rows, the raw timings."""
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = {"machine": machine, "config": config, "rows": [asdict(r) for r in rows], "raw": raw}
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")
