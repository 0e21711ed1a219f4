"""Cached loaders: layers, basemap, backdrop, seed documents, the README's sections."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Iterable, Mapping

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo.io import layers, seeds
from geo.view import (
    filters,
    mapview,
    search,
    userdocs,
)
from ui.text import md

ROOT = Path(__file__).resolve().parent.parent
USER_DOCS = "user_documents"  # session key of the documents added in the app


# --- loading (cached: Streamlit reruns the script on every interaction) ---------------------


def resolve(path: str | Path) -> Path:
    """A path, relative ones taken from the repository root (not the working directory)."""
    path = Path(path)
    return path if path.is_absolute() else ROOT / path


def env_path(name: str, default: str) -> Path:
    """A path from the environment variable `name`, else `default`."""
    return resolve(os.environ.get(name) or default)


def stamp(*paths: Path) -> float:
    """The newest modification time under the paths: a rebuilt layer invalidates the cache."""
    times = [p.stat().st_mtime for path in paths if path.exists()
             for p in ([path] if path.is_file() else path.iterdir())]
    return max(times, default=0.0)


# `mtime` is hashed with the path (an argument named with a leading _ would not be);
# cache_resource: the frames are shared and read-only (cache_data pickled a copy on every rerun)
@st.cache_resource(show_spinner="Loading layers…", max_entries=4)
def _layers(path: str, mtime: float) -> dict[str, pd.DataFrame]:
    """Layers of a directory (cached per directory and modification time)."""
    return layers.load_layers(path)


MERGED = "merged_layers"  # session key: (key, layers) of the layers merged with the session's documents


def get_layers() -> dict[str, pd.DataFrame]:
    """The layers of $ROBEZA_LAYERS (default data/layers), plus the documents added this session
    (merged once per set of added documents and version of the layers, not on every rerun)."""
    path = env_path("ROBEZA_LAYERS", "data/layers")
    mtime = stamp(path)
    layers = _layers(str(path), mtime)
    added = user_documents()
    if not added:
        return layers
    key = (str(path), mtime, tuple(added))
    cached = st.session_state.get(MERGED)
    if cached is not None and cached[0] == key:
        return cached[1]
    for entry in added.values():
        layers = userdocs.merge(layers, entry["layers"])
    st.session_state[MERGED] = (key, layers)
    return layers


def user_documents() -> dict[str, dict[str, Any]]:
    """Documents added in this session: doc_id → {"doc": Document, "layers": ..., "summary": ...}."""
    return st.session_state.setdefault(USER_DOCS, {})


@st.cache_resource(show_spinner=False, max_entries=2)
def _basemap(path: str, mtime: float) -> gpd.GeoDataFrame | None:
    """The offline basemap, or None when the file is missing."""
    return gpd.read_file(path) if Path(path).exists() else None


def get_basemap() -> gpd.GeoDataFrame | None:
    """Country outlines for the offline base layer ($ROBEZA_BASEMAP)."""
    path = env_path("ROBEZA_BASEMAP", "data/boundaries/basemap.geojson")
    return _basemap(str(path), stamp(path))


# cache_resource: one shared, read-only object; the leading _ keeps the frames out of the hash
@st.cache_resource(show_spinner=False, max_entries=8)
def _backdrop(key: tuple, _areas: gpd.GeoDataFrame, _basemap: gpd.GeoDataFrame | None) -> mapview.Backdrop:
    """The map's unchanging layers for one version of the areas and basemap files."""
    return mapview.make_backdrop(_areas, _basemap)


def layers_key() -> tuple:
    """What the map's layers are made of: the layer and basemap files' versions and the
    documents added in this session (a key for what is drawn from them)."""
    areas_path = env_path("ROBEZA_LAYERS", "data/layers")
    basemap_path = env_path("ROBEZA_BASEMAP", "data/boundaries/basemap.geojson")
    return (str(areas_path), stamp(areas_path), str(basemap_path), stamp(basemap_path), tuple(sorted(user_documents())))


# cache_resource: a frozen dataclass; the leading _ keeps the frame out of the hash
@st.cache_resource(show_spinner=False, max_entries=8)
def _full_filters(key: tuple, _events: pd.DataFrame) -> filters.Filters:
    """The filters that choose everything, for one version of the layers."""
    return filters.full_filters(_events)


def full_filters(events: pd.DataFrame) -> filters.Filters:
    """Every date, country, type and document of the layers' events (worked out once per
    version of the layers: 0.15 s at 10 000 events)."""
    return _full_filters(layers_key(), events)


def get_backdrop(layers: Mapping[str, pd.DataFrame]) -> mapview.Backdrop:
    """The basemap and areas, prepared once per version of their files (and added documents)."""
    return _backdrop(layers_key(), layers["areas"], get_basemap())


# cache_resource: one shared, read-only dict (cache_data would copy every seed text on each call)
@st.cache_resource(show_spinner=False, max_entries=2)
def _documents(paths: tuple[str, ...], mtime: float) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Seed documents of the directories, and why any could not be read (cached; never
    changed by a caller)."""
    errors: list[str] = []
    return seeds.load_documents(paths, errors), errors


def _seed_dirs() -> tuple[str, ...]:
    """$ROBEZA_SEEDS (os.pathsep-separated), default seeds/."""
    return tuple(str(resolve(p)) for p in (os.environ.get("ROBEZA_SEEDS") or "seeds").split(os.pathsep) if p)


def _seeds() -> tuple[dict[str, dict[str, Any]], list[str]]:
    """The seed documents and the messages of those that could not be read (cached)."""
    dirs = _seed_dirs()
    return _documents(dirs, stamp(*map(Path, dirs)))


def get_documents() -> dict[str, dict[str, Any]]:
    """Seed texts and their metadata, and the documents added this session."""
    documents, _ = _seeds()
    added = {doc_id: {**a["doc"].meta, "text": a["doc"].text} for doc_id, a in user_documents().items()}
    return {**documents, **added} if added else documents


def document_errors() -> None:
    """A warning naming each seed that could not be read, and why (nothing when all could)."""
    _, errors = _seeds()
    if errors:
        st.warning("Some seed documents could not be read and are not shown:\n\n"
                   + "\n".join(f"- {md(e)}" for e in errors))


@st.cache_data(show_spinner=False)
def readme_section(heading: str) -> str:
    """The body of the README section whose heading starts with `heading` (one source for the
    data contract: the README and the About page say the same)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(heading)}[^\n]*\n(.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL)
    return match.group(1).strip() if match else f"(see the README's section “{heading}”)"


def document_title(doc_id: str) -> str:
    """A document's title (a lookup in the cached seeds and the session's documents)."""
    return document_titles([doc_id])[doc_id]


def document_titles(doc_ids: Iterable[str]) -> dict[str, str]:
    """doc_id → title for a select box's labels, the seeds looked up once: a format_func is
    called for every option several times a run (6 000 calls for 2 000 documents)."""
    documents, _ = _seeds()
    added = user_documents()
    titles = {}
    for doc_id in doc_ids:
        found = documents.get(doc_id)
        if found is None and doc_id in added:
            titles[doc_id] = str(added[doc_id]["doc"].title)
        else:
            titles[doc_id] = str((found or {}).get("title") or doc_id)
    return titles


def searched(events: gpd.GeoDataFrame, query: str, layers: Mapping[str, pd.DataFrame]) -> gpd.GeoDataFrame:
    """The events a search finds (all for an empty query)."""
    if not query.strip():
        return events
    return search.apply(events, query, layers["mentions"], layers["places"], layers["areas"])


# cache_resource: a parse is read-only and shared; the key is the document's id and text
@st.cache_resource(show_spinner="Reading the text…", max_entries=64)
def _parse(doc_id: str, digest: str, _document: Mapping[str, Any]) -> Any:
    """The pipeline's parse of one document (every place, date and count it recognises)."""
    meta = {k: v for k, v in _document.items() if k != "text"}
    return userdocs.parse(seeds.make_document(_document["text"], meta, doc_id=doc_id))


def document_parse(doc_id: str, document: Mapping[str, Any]) -> Any:
    """A document's parse, made once per version of its text."""
    import hashlib

    digest = hashlib.sha256(str(document["text"]).encode("utf-8")).hexdigest()
    return _parse(doc_id, digest, document)
