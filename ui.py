"""Streamlit pieces shared by the pages: cached loading, the sidebar, the side panel, exports.

Only widgets and session state live here; every decision about the data is made in `geo`.
"""

from __future__ import annotations

import os
import re
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import Any, Mapping

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo import highlight, mapview, selection, userdocs
from geo.selection import Filters

ROOT = Path(__file__).resolve().parent
SELECTED = "selected_event"  # session key of the event shown in the side panel
USER_DOCS = "user_documents"  # session key of the documents added in the app
MAP_KEY = "event_map"
LEFT_LEGACY_PAGES = "left_legacy_pages"  # session key: require_navigation has rerun once
LIST_LIMIT = 200  # buttons in the side list; beyond this the user narrows the filters
STORE = "filter_values"  # the filters, kept apart from the widgets: widget state dies on a page switch
# Widget keys of the sidebar.
KEYS = {"dates": "f_dates", "countries": "f_countries", "types": "f_types", "docs": "f_docs",
        "tp": "f_tp", "gp": "f_gp"}


# --- navigation ----------------------------------------------------------------------------


def require_navigation() -> None:
    """Make sure a page of `pages/` runs under app.py's navigation, never on its own.

    Streamlit treats an app beside a `pages/` folder as a legacy multipage app until the entry
    point first calls st.navigation. If the first request after a server start is a page's own
    address (a shared link to /source), pages/source.py runs alone under a navigation made of
    file names, and so does every later request. Leaving that mode and rerunning runs app.py,
    with its navigation, on the same address. Streamlit has no public switch for this.
    Once per session: AppTest resets the mode before every run, and a rerun on each would
    drop the interaction (a button's click) that the run carries.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory and not st.session_state.get(LEFT_LEGACY_PAGES):
        st.session_state[LEFT_LEGACY_PAGES] = True
        PagesManager.uses_pages_directory = False
        st.rerun()


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


# `mtime` is hashed with the path (an argument named with a leading _ would not be)
@st.cache_data(show_spinner="Loading layers…", max_entries=4)
def _layers(path: str, mtime: float) -> dict[str, pd.DataFrame]:
    """Layers of a directory (cached per directory and modification time)."""
    return selection.load_layers(path)


def get_layers() -> dict[str, pd.DataFrame]:
    """The layers of $ROBEZA_LAYERS (default data/layers), plus the documents added this session."""
    path = env_path("ROBEZA_LAYERS", "data/layers")
    layers = _layers(str(path), stamp(path))
    for added in user_documents().values():
        layers = userdocs.merge(layers, added["layers"])
    return layers


def user_documents() -> dict[str, dict[str, Any]]:
    """Documents added in this session: doc_id → {"doc": Document, "layers": ..., "summary": ...}."""
    return st.session_state.setdefault(USER_DOCS, {})


@st.cache_data(show_spinner=False, max_entries=2)
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


def get_backdrop(layers: Mapping[str, pd.DataFrame]) -> mapview.Backdrop:
    """The basemap and areas, prepared once per version of their files (and added documents)."""
    areas_path = env_path("ROBEZA_LAYERS", "data/layers")
    basemap_path = env_path("ROBEZA_BASEMAP", "data/boundaries/basemap.geojson")
    key = (str(areas_path), stamp(areas_path), str(basemap_path), stamp(basemap_path), tuple(sorted(user_documents())))
    return _backdrop(key, layers["areas"], get_basemap())


@st.cache_data(show_spinner=False, max_entries=2)
def _documents(paths: tuple[str, ...], mtime: float) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Seed documents of the directories, and why any could not be read (cached)."""
    errors: list[str] = []
    return selection.load_documents(paths, errors), errors


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


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])")


def md(text: Any) -> str:
    """Text from a document or a user, escaped for st.markdown and widget labels: shown as
    written, never as formatting, links, images, colours or formulas."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def source_names(documents: Mapping[str, Mapping[str, Any]]) -> dict[str, str]:
    """doc_id → what the CSV's `source` column says: the URL, else the title."""
    return {doc_id: str(d.get("url") or d.get("title") or doc_id) for doc_id, d in documents.items()}


# --- the sidebar ---------------------------------------------------------------------------


def sidebar_filters(events: pd.DataFrame) -> tuple[Filters, Filters]:
    """The filter widgets (written once, used by every page that filters); returns (chosen, all)."""
    everything = selection.full_filters(events)
    seed_from_url(everything)
    keep_valid(everything)
    for key in KEYS.values():
        if key in st.session_state[STORE]:
            st.session_state[key] = st.session_state[STORE][key]  # restore the widgets (they are new on each page)
    with st.sidebar:
        st.header("Filters")
        dates = date_range(everything)
        countries = st.multiselect("Countries", everything.countries, format_func=selection.country_name,
                                   **stored("countries"))
        types = st.multiselect("Event types", everything.event_types, format_func=selection.type_label,
                               **stored("types"))
        docs = everything.doc_ids
        if len(everything.doc_ids) > 1:
            docs = st.multiselect("Documents", everything.doc_ids, format_func=document_title,
                                  **stored("docs"))
        tp = st.select_slider("Coarsest date shown", [1, 2, 3, 4], **stored("tp"),
                              format_func=selection.TIME_PRECISION_LABELS.get,
                              help="Move left to hide events known only to the month, season or year.")
        gp = st.select_slider("Coarsest place shown", [1, 2, 3], **stored("gp"),
                              format_func=selection.GEO_PRECISION_LABELS.get,
                              help="Move left to hide events known only to a region or country.")
    chosen = Filters(
        date_from=dates[0], date_to=dates[1],
        countries=narrowed(countries, everything.countries),
        event_types=narrowed(types, everything.event_types),
        doc_ids=narrowed(docs, everything.doc_ids),
        max_time_precision=tp, max_geo_precision=gp,
    )
    return chosen, everything


def date_range(everything: Filters) -> tuple[date | None, date | None]:
    """The date-range slider over the events' span (nothing to slide when there are no dates)."""
    if everything.date_from is None or everything.date_to is None:
        return None, None
    # a slider needs two distinct ends: a one-day span gets a day more
    top = max(everything.date_to, everything.date_from + timedelta(days=1))
    return st.slider("Dates", min_value=everything.date_from, max_value=top, format="YYYY-MM-DD",
                     **stored("dates"))


def stored(name: str) -> dict[str, Any]:
    """Widget arguments that tie a filter widget to its value in the store."""
    return {"key": KEYS[name], "on_change": remember, "args": (KEYS[name],)}


def remember(key: str) -> None:
    """Widget callback: keep the new value in the store that outlives page switches."""
    st.session_state[STORE][key] = st.session_state[key]


def narrowed(chosen: list[str] | tuple[str, ...], options: tuple[str, ...]) -> tuple[str, ...] | None:
    """None when everything is chosen (no restriction), else the chosen tuple (maybe empty)."""
    return None if set(chosen) >= set(options) else tuple(chosen)


def seed_from_url(everything: Filters) -> None:
    """On a session's first run, set the filters (and the selected event) from the URL."""
    if STORE in st.session_state:
        return
    query = st.query_params.to_dict()
    f = selection.filters_from_query(query, everything)
    values = {"dates": (f.date_from, f.date_to), "countries": list(f.countries or ()),
              "types": list(f.event_types or ()), "docs": list(f.doc_ids or ()),
              "tp": f.max_time_precision, "gp": f.max_geo_precision}
    st.session_state[STORE] = {KEYS[name]: value for name, value in values.items()}
    if query.get("event"):
        st.session_state[SELECTED] = query["event"]


def keep_valid(everything: Filters) -> None:
    """Drop stale widget values (e.g. after the layers were rebuilt) so no widget raises."""
    state = st.session_state[STORE]
    for name, options in (("countries", everything.countries), ("types", everything.event_types),
                          ("docs", everything.doc_ids)):
        known = state.setdefault(f"known_{name}", list(options))
        if KEYS[name] in state:
            # options that appeared since (a document added in the app) start out chosen
            added = [v for v in options if v not in known]
            state[KEYS[name]] = [v for v in state[KEYS[name]] if v in options] + added
        state[f"known_{name}"] = list(options)
    if state.get(KEYS["tp"]) not in (1, 2, 3, 4):
        state[KEYS["tp"]] = 4
    if state.get(KEYS["gp"]) not in (1, 2, 3):
        state[KEYS["gp"]] = 3
    if everything.date_from is not None:
        span = clamp_dates(None, everything)
        if state.get("known_span") == tuple(state.get(KEYS["dates"]) or ()):
            state[KEYS["dates"]] = span  # the whole span stays the whole span as documents are added
        state[KEYS["dates"]] = clamp_dates(state.get(KEYS["dates"]), everything)
        state["known_span"] = span


def clamp_dates(value: Any, everything: Filters) -> tuple[date, date]:
    """A (from, to) pair inside the events' span; the whole span when the value is unusable."""
    lo, hi = everything.date_from, max(everything.date_to, everything.date_from + timedelta(days=1))
    if not (isinstance(value, (tuple, list)) and len(value) == 2 and all(isinstance(v, date) for v in value)):
        return lo, hi
    a, b = (min(max(v, lo), hi) for v in value)
    return (a, b) if a <= b else (lo, hi)


def write_url(chosen: Filters, everything: Filters, **extra: str | None) -> None:
    """Put the view in the URL, so it can be shared, bookmarked and reloaded."""
    params = selection.filters_to_query(chosen, everything)
    params.update({k: v for k, v in extra.items() if v})
    if st.query_params.to_dict() != params:  # each write is a message to the browser
        st.query_params.from_dict(params)


def document_title(doc_id: str) -> str:
    """A document's title for a widget label."""
    return str(get_documents().get(doc_id, {}).get("title") or doc_id)


def count_line(shown: int, total: int) -> None:
    """How many events pass the filters."""
    st.markdown(f"**{shown} of {total} events**")


# --- selection: the side panel and the map click -------------------------------------------


def selected_event(shown: gpd.GeoDataFrame) -> pd.Series | None:
    """The selected event if it passes the filters (a filtered-out selection is dropped)."""
    chosen = st.session_state.get(SELECTED)
    if chosen is None or not len(shown):
        return None
    match = shown[shown["id"] == chosen]
    return match.iloc[0] if len(match) else None


def select(event_id: str | None) -> None:
    """Callback: make an event the selected one (None goes back to the list)."""
    st.session_state[SELECTED] = event_id


def on_map_click(shown: gpd.GeoDataFrame) -> None:
    """Callback of st_folium: match the clicked object to one of the events that were drawn.

    It runs before the script, so the side panel, the ring and the URL follow in the same run.
    """
    value = st.session_state.get(MAP_KEY) or {}
    event_id = selection.match_click(shown, value.get("last_object_clicked"),
                                     value.get("last_object_clicked_tooltip"))
    if event_id is not None:
        st.session_state[SELECTED] = event_id


def map_click_callback(shown: gpd.GeoDataFrame) -> Any:
    """on_change for st_folium, bound to the events on this map (ids and points only)."""
    return partial(on_map_click, shown[["id", shown.geometry.name]].copy())


def event_panel(event: pd.Series, layers: Mapping[str, pd.DataFrame]) -> None:
    """The side panel for one event: its sentence verbatim with spans marked, and what it says."""
    st.button("← All filtered events", on_click=select, args=(None,), key="back_to_list", type="tertiary")
    places = layers["places"]
    titles = highlight.mention_titles(event["doc_id"], layers["mentions"], highlight.place_labels(places))
    st.html(highlight.event_card_html(event.to_dict(), get_documents().get(event["doc_id"]), titles))


def event_list(shown: gpd.GeoDataFrame) -> None:
    """The filtered events in date order; choosing one selects it on the map."""
    st.caption("Filtered events in date order: choose one to show it on the map and quote it.")
    for event in shown.head(LIST_LIMIT).itertuples(index=False):
        st.button(event_label(event), key=f"pick_{event.id}", on_click=select, args=(event.id,),
                  type="tertiary")
    if len(shown) > LIST_LIMIT:
        st.caption(f"… and {len(shown) - LIST_LIMIT} more: narrow the filters to list them.")


def event_label(event: Any) -> str:
    """One line of the event list: date, type, place, persons (plain text: a button label)."""
    places = ", ".join(selection.as_list(event.place_names)) or selection.country_name(event.country)
    persons = selection.as_int(event.persons)
    counted = f" · {persons} persons" if persons is not None else ""
    return f"{event.date_start} · {selection.type_label(event.event_type)} · {places}{counted}"


# --- exports -------------------------------------------------------------------------------


def export_section(layers: Mapping[str, pd.DataFrame], shown: gpd.GeoDataFrame, key: str) -> None:
    """Download buttons: each layer as GeoJSON (selection and whole) and the events as CSV."""
    files = selection.export_files(layers, shown, source_names(get_documents()))
    with st.expander("Export (GeoJSON RFC 7946, CSV)"):
        columns = st.columns(2)
        for i, f in enumerate(files):
            # bytes are made only when clicked (callable data); "ignore" spares a rerun
            columns[i % 2].download_button(f.label, data=f.make, file_name=f.file_name, mime=f.mime,
                                           key=f"{key}_{f.file_name}", on_click="ignore")


def timeline(shown: gpd.GeoDataFrame) -> None:
    """Events or persons per week by country, following the filters."""
    measure = st.radio("Timeline", ["events", "persons"], horizontal=True, key="timeline_measure",
                       format_func=lambda m: f"{m} per week")
    weekly = selection.weekly_timeline(shown, measure)
    if not len(weekly):
        st.caption("Nothing to chart for these filters.")
        return
    weekly = weekly.assign(country=weekly["country"].map(selection.country_name))
    st.bar_chart(weekly, x="week", y="value", color="country", y_label=measure, x_label="week", height=220)


def no_events_message() -> None:
    """What an empty selection says, instead of an empty table or map alone."""
    st.info("No events match these filters. Widen the date range, or choose more countries, "
            "types or coarser precision in the sidebar.")
