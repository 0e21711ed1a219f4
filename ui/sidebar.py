"""The sidebar's filters, kept in session state and in the URL."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pandas as pd
import streamlit as st

from geo.view import (
    filters,
    labels,
    urlstate,
)
from geo.view.filters import Filters
from ui.loaders import document_title
from ui.text import md
from ui.panel import SELECTED

IGNORED = "url_ignored"  # the URL's query values that were not understood, as "key=value"
STORE = "filter_values"  # the filters, kept apart from the widgets: widget state dies on a page switch
# Widget keys of the sidebar.
KEYS = {"dates": "f_dates", "countries": "f_countries", "types": "f_types", "docs": "f_docs",
        "tp": "f_tp", "gp": "f_gp"}


# --- the sidebar ---------------------------------------------------------------------------


def sidebar_filters(events: pd.DataFrame) -> tuple[Filters, Filters]:
    """The filter widgets (written once, used by every page that filters); returns (chosen, all)."""
    everything = filters.full_filters(events)
    seed_from_url(everything)
    keep_valid(everything)
    for key in KEYS.values():
        if key in st.session_state[STORE]:
            st.session_state[key] = st.session_state[STORE][key]  # restore the widgets (they are new on each page)
    with st.sidebar:
        st.header("Filters")
        if st.session_state.get(IGNORED):
            st.caption("ignored: " + md(", ".join(st.session_state[IGNORED])))
        dates = date_range(everything)
        countries = st.multiselect("Countries", everything.countries, format_func=labels.country_name,
                                   **stored("countries"))
        types = st.multiselect("Event types", everything.event_types, format_func=labels.type_label,
                               **stored("types"))
        docs = everything.doc_ids
        if len(everything.doc_ids) > 1:
            docs = st.multiselect("Documents", everything.doc_ids, format_func=document_title,
                                  **stored("docs"))
        tp = st.select_slider("Coarsest date shown", [1, 2, 3, 4], **stored("tp"),
                              format_func=labels.TIME_PRECISION_LABELS.get,
                              help="Move left to hide events known only to the month, season or year.")
        gp = st.select_slider("Coarsest place shown", [1, 2, 3], **stored("gp"),
                              format_func=labels.GEO_PRECISION_LABELS.get,
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
    f, ignored = urlstate.read_query({key: st.query_params.get_all(key) for key in st.query_params}, everything)
    st.session_state[IGNORED] = ignored
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
    params = urlstate.filters_to_query(chosen, everything)
    params.update({k: v for k, v in extra.items() if v})
    if st.query_params.to_dict() != params:  # each write is a message to the browser
        st.query_params.from_dict(params)
