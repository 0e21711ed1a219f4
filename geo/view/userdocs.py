"""Documents a user adds in the app: parse them, turn them into layers, merge with the loaded ones.

Nothing here writes to the repository except `save_to_seeds`, which the user asks for.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from geo import gazetteer
from geo.io import layers, schema, seeds
from geo.model import Document
from geo.text import pipeline

LAYER_NAMES = ("events", "places", "mentions", "areas")


def from_upload(data: bytes, filename: str, title: str = "", lang: str | None = None,
                published: date | None = None) -> Document:
    """A Document from an uploaded file (txt, md or html); raises DocumentError with the reason."""
    if not filename.lower().endswith(seeds.TEXT_SUFFIXES):
        raise seeds.DocumentError(filename, f"unsupported file type (use {', '.join(seeds.TEXT_SUFFIXES)})")
    return seeds.document_from_upload(data, filename, _meta(title or filename, lang, published))


def from_text(text: str, title: str = "", lang: str | None = None, published: date | None = None) -> Document:
    """A Document from pasted text; raises DocumentError with the reason."""
    data = text.encode("utf-8")
    return seeds.make_document(seeds.decode(data, title or "pasted text"),
                                   _meta(title or "Pasted text", lang, published), name=title or "pasted text")


def _meta(title: str, lang: str | None, published: date | None = None) -> dict[str, Any]:
    """Sidecar metadata of a user document; `published` gives a year to dates without one."""
    meta: dict[str, Any] = {"title": title, "source": "added in the app"}
    if lang:
        meta["language"] = lang
    if published:
        meta["published"] = published.isoformat()
    return meta


def parse(doc: Document) -> pipeline.Parse:
    """Run the pipeline on a user document with the shipped gazetteer."""
    return pipeline.parse(doc, gazetteer.default())


def to_layers(parses: list[pipeline.Parse]) -> dict[str, pd.DataFrame]:
    """The layers of user documents, in the shape `layers.load_layers` gives."""
    built = layers.build(parses, gazetteer.default())
    frames = dict(zip(LAYER_NAMES, (built.events, built.places, built.mentions, built.areas)))
    out: dict[str, pd.DataFrame] = {name: layers.normalise(frame, name) for name, frame in frames.items()}
    out["unresolved"] = pd.DataFrame(built.unresolved, columns=schema.COLUMNS["unresolved"] + ["kind"])
    return out


def merge(base: dict[str, pd.DataFrame], extra: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Loaded layers plus a user's: rows appended; a place or area seen in both kept once."""
    merged = {}
    for name in (*LAYER_NAMES, "unresolved"):
        parts = [frame for frame in (base.get(name), extra.get(name)) if frame is not None and len(frame)]
        if not parts:
            merged[name] = base.get(name) if base.get(name) is not None else extra.get(name)
            continue
        frame = pd.concat(parts, ignore_index=True)
        if name == "places":
            frame = _merge_places(frame)
        elif name == "areas":
            frame = frame.drop_duplicates("id").reset_index(drop=True)
        merged[name] = gpd.GeoDataFrame(frame, geometry="geometry", crs=schema.WGS84) if "geometry" in frame else frame
    return merged


def _merge_places(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per place: mention counts added, the date range widened."""
    rows = []
    for _, group in frame.groupby("id", sort=True):
        row = group.iloc[0].copy()
        row["mention_count"] = int(sum(int(v or 0) for v in group["mention_count"]))
        firsts = [v for v in group["first_date"] if v]
        lasts = [v for v in group["last_date"] if v]
        row["first_date"] = min(firsts) if firsts else None
        row["last_date"] = max(lasts) if lasts else None
        rows.append(row)
    return pd.DataFrame(rows).reset_index(drop=True)


def seed_name(title: str) -> str:
    """A file-system-safe seed name from a title."""
    slug = re.sub(r"[^\w]+", "-", title.lower(), flags=re.UNICODE).strip("-")[:60]
    return slug or "document"


def save_to_seeds(doc: Document, folder: Path) -> Path:
    """Write a user document into the seeds folder as NAME.txt + NAME.json; never overwrites."""
    name = seed_name(doc.title)
    path = folder / f"{name}.txt"
    if path.exists() or path.with_suffix(".json").exists():
        raise FileExistsError(f"{path.name} already exists in {folder}; choose another title")
    meta = {k: v for k, v in doc.meta.items() if k in seeds.SIDECAR_FIELDS}
    path.write_text(doc.text, encoding="utf-8")
    path.with_suffix(".json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
