"""The sidebar's filters, kept in session state and in the URL."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pandas as pd
import streamlit as st

from geo.view import (
    labels,
    timeline,
    urlstate,
)
from geo.view.filters import Filters
from ui import loaders
from ui.loaders import document_titles
from ui.panel import SELECTED
from ui.text import md

IGNORED = "url_ignored"  # the URL's query values that were not understood, as "key=value"
STORE = "filter_values"  # the filters, kept apart from the widgets: widget state dies on a page switch
# Widget keys of the sidebar.
KEYS = {"dates": "f_dates", "countries": "f_countries", "types": "f_types", "docs": "f_docs",
        "tp": "f_tp", "gp": "f_gp", "query": "f_query", "country_mode": "f_country_mode"}
# Widgets that show the date window another way (their values follow KEYS["dates"]).
DATE_KEYS = {"from": "f_date_from", "to": "f_date_to", "preset": "f_date_preset"}
PLAY, PLAY_SPEED, PLAY_FRAME = "f_play", "f_play_speed", "play_frame"  # session keys of the player
PLAY_FRESH = "play_fresh"  # set by a whole run: the player's first tick in it must not move the window
SPEEDS = {"slow": 3.0, "normal": 1.5, "fast": 0.8}  # seconds per frame
CUSTOM = "Custom range"
COUNTRY_MODES = {"happened": "happened there", "mentions": "happened there or mention it"}


# --- the sidebar ---------------------------------------------------------------------------


def sidebar_filters(events: pd.DataFrame) -> tuple[Filters, Filters]:
    """The filter widgets (written once, used by every page that filters); returns (chosen, all)."""
    everything = prepare_filters(events)
    draw_filters(everything)
    return stored_filters(everything), everything


def prepare_filters(events: pd.DataFrame) -> Filters:
    """The store of the filters made ready for this run (from the URL on a session's first run,
    stale values dropped); returns the filters that choose everything."""
    everything = loaders.full_filters(events)
    seed_from_url(everything)
    keep_valid(everything)
    return everything


def stored_filters(everything: Filters) -> Filters:
    """The chosen filters, read from the store: what the widgets show and return in this run
    (their callbacks write the store before the script runs), so a page can draw its map
    before it draws the sidebar."""
    state = st.session_state[STORE]
    dates = tuple(state[KEYS["dates"]]) if everything.date_from is not None and everything.date_to is not None \
        else (None, None)
    docs = everything.doc_ids
    if len(everything.doc_ids) > 1:
        docs = state[KEYS["docs"]]
        if many_documents(everything) and not docs:  # none chosen means all of them
            docs = everything.doc_ids
    mode = state[KEYS["country_mode"]]
    return Filters(
        date_from=dates[0], date_to=dates[1],
        countries=narrowed(state[KEYS["countries"]], everything.countries),
        event_types=narrowed(state[KEYS["types"]], everything.event_types),
        doc_ids=narrowed(docs, everything.doc_ids),
        max_time_precision=state[KEYS["tp"]], max_geo_precision=state[KEYS["gp"]],
        country_mode=mode if mode in COUNTRY_MODES else "happened",
    )


def filters_pending() -> None:
    """Where the filters will be, until the browser has drawn the map (see app.map_page)."""
    st.sidebar.caption("The filters follow once the map is drawn.")


def draw_filters(everything: Filters) -> None:
    """The sidebar's widgets, showing the store's values (prepare_filters first)."""
    for key in KEYS.values():
        if key in st.session_state[STORE]:
            st.session_state[key] = st.session_state[STORE][key]  # restore the widgets (they are new on each page)
    with st.sidebar:
        st.text_input("Search", placeholder="a place in any form (Piedrujā) or quote words",
                      help="Finds events by a place's name in any case form, or by words of their quote.",
                      **stored("query"))
        st.header("Filters")
        if st.session_state.get(IGNORED):
            st.caption("ignored: " + md(", ".join(st.session_state[IGNORED])))
        date_range(everything)
        st.multiselect("Countries", everything.countries, format_func=labels.country_name, **stored("countries"))
        st.radio("Events that", list(COUNTRY_MODES), format_func=COUNTRY_MODES.get, horizontal=True,
                 **stored("country_mode"),
                 help="“Happened there”: the country of the event's place. "
                      "“Or mention it”: any country the event involves.")
        st.multiselect("Event types", everything.event_types, format_func=labels.type_label, **stored("types"))
        if len(everything.doc_ids) > 1:
            titles = document_titles(everything.doc_ids)
            many = many_documents(everything)
            st.multiselect("Documents", everything.doc_ids, format_func=titles.__getitem__,
                           placeholder=f"All {len(everything.doc_ids)} documents: choose some to narrow"
                           if many else None, **stored("docs"))
        st.select_slider("Coarsest date shown", [1, 2, 3, 4], **stored("tp"),
                         format_func=labels.TIME_PRECISION_LABELS.get,
                         help="Move left to hide events known only to the month, season or year.")
        st.select_slider("Coarsest place shown", [1, 2, 3], **stored("gp"),
                         format_func=labels.GEO_PRECISION_LABELS.get,
                         help="Move left to hide events known only to a region or country.")


def query() -> str:
    """The search box's text (kept with the filters)."""
    return str(st.session_state.get(STORE, {}).get(KEYS["query"]) or "")


def date_range(everything: Filters) -> tuple[date | None, date | None]:
    """The date window: named periods, two date boxes, a slider over the events' span and a
    player that moves the window on (nothing to choose when there are no dates)."""
    if everything.date_from is None or everything.date_to is None:
        return None, None
    # a slider needs two distinct ends: a one-day span gets a day more
    top = max(everything.date_to, everything.date_from + timedelta(days=1))
    named = named_windows(everything)
    window = tuple(st.session_state[STORE][KEYS["dates"]])
    st.session_state[DATE_KEYS["from"]], st.session_state[DATE_KEYS["to"]] = window
    st.session_state[DATE_KEYS["preset"]] = timeline.preset_of(window, named) or CUSTOM
    st.selectbox("Period", [*named, CUSTOM], key=DATE_KEYS["preset"], on_change=choose_preset, args=(named,))
    left, right = st.columns(2)
    for column, end, label in ((left, "from", "From"), (right, "to", "To")):
        column.date_input(label, min_value=everything.date_from, max_value=top, format="YYYY-MM-DD",
                          key=DATE_KEYS[end], on_change=type_dates, args=(everything,))
    dates = st.slider("Dates", min_value=everything.date_from, max_value=top, format="YYYY-MM-DD",
                      label_visibility="collapsed", **stored("dates"))
    player(everything)
    return dates


def named_windows(everything: Filters) -> dict[str, tuple[date, date]]:
    """The presets (timeline.presets) cut to the events' span."""
    lo, hi = everything.date_from, everything.date_to
    return {label: clamp_dates(span, everything) for label, span in timeline.presets(lo, hi).items()}


def set_window(window: tuple[date, date], everything: Filters) -> None:
    """Make a date window the filter's (the widgets show it on the next run)."""
    st.session_state[STORE][KEYS["dates"]] = clamp_dates(tuple(sorted(window)), everything)


def choose_preset(named: dict[str, tuple[date, date]]) -> None:
    """Callback of the Period box."""
    label = st.session_state.get(DATE_KEYS["preset"])
    if label in named:
        st.session_state[STORE][KEYS["dates"]] = named[label]
        st.session_state[PLAY_FRAME] = timeline.presets(*named["All dates"]).get(label)


def type_dates(everything: Filters) -> None:
    """Callback of the From and To boxes (a box being cleared keeps the old end)."""
    old = st.session_state[STORE][KEYS["dates"]]
    start = st.session_state.get(DATE_KEYS["from"]) or old[0]
    end = st.session_state.get(DATE_KEYS["to"]) or old[1]
    set_window((start, end), everything)
    st.session_state[PLAY_FRAME] = None


def player(everything: Filters) -> None:
    """▶ Play: the window moves on by its own length every few seconds, looping (a fragment
    that reruns on a timer and then reruns the page, so the count and map follow)."""
    left, right = st.columns([3, 2], vertical_alignment="center")
    playing = left.toggle("▶ Play", key=PLAY, on_change=start_playing, args=(everything,),
                          help="Moves the chosen window (a month when all dates are chosen) on, and loops.")
    speed = right.selectbox("Speed", list(SPEEDS), index=1, key=PLAY_SPEED, label_visibility="collapsed")
    if playing:
        st.session_state[PLAY_FRESH] = True
        st.fragment(run_every=SPEEDS.get(speed, 1.5))(tick)(everything)


def start_playing(everything: Filters) -> None:
    """Callback of the play toggle: start from the chosen window (or the first month)."""
    if st.session_state.get(PLAY):
        window = st.session_state.get(PLAY_FRAME) or st.session_state[STORE][KEYS["dates"]]
        frame = timeline.play_window(tuple(window), everything.date_from, everything.date_to)
        st.session_state[PLAY_FRAME] = frame
        set_window(frame, everything)


def tick(everything: Filters) -> None:
    """One frame of the player: move the window on and rerun the page (not in the page's own run)."""
    if st.session_state.pop(PLAY_FRESH, False):
        return
    if not st.session_state.get(PLAY):
        return
    frame = st.session_state.get(PLAY_FRAME) or st.session_state[STORE][KEYS["dates"]]
    frame = timeline.step_window(tuple(frame), everything.date_from, everything.date_to)
    st.session_state[PLAY_FRAME] = frame
    set_window(frame, everything)
    st.rerun(scope="app")


def stored(name: str) -> dict[str, Any]:
    """Widget arguments that tie a filter widget to its value in the store."""
    return {"key": KEYS[name], "on_change": remember, "args": (KEYS[name],)}


def remember(key: str) -> None:
    """Widget callback: keep the new value in the store that outlives page switches."""
    st.session_state[STORE][key] = st.session_state[key]
    if key == KEYS["dates"]:
        st.session_state[PLAY_FRAME] = None  # the player goes on from the slider's window


MANY_DOCUMENTS = 50  # above this the Documents box starts empty, meaning all (not one chip each)


def many_documents(everything: Filters) -> bool:
    """Whether the Documents box lists so many that it starts empty, meaning all of them: its
    chips would fill the sidebar and took the browser 4 s to draw at 2 000 documents."""
    return len(everything.doc_ids) > MANY_DOCUMENTS


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
              "types": list(f.event_types or ()),
              "docs": [] if many_documents(everything) and f.doc_ids == everything.doc_ids else list(f.doc_ids or ()),
              "tp": f.max_time_precision, "gp": f.max_geo_precision,
              "query": str(query.get("q") or ""),
              "country_mode": "mentions" if query.get("in") == "mentions" else "happened"}
    st.session_state[STORE] = {KEYS[name]: value for name, value in values.items()}
    if query.get("event"):
        st.session_state[SELECTED] = query["event"]


def keep_valid(everything: Filters) -> None:
    """Drop stale widget values (e.g. after the layers were rebuilt) so no widget raises."""
    state = st.session_state[STORE]
    for name, options in (("countries", everything.countries), ("types", everything.event_types),
                          ("docs", everything.doc_ids)):
        known = state.setdefault(f"known_{name}", list(options))
        if name == "docs" and many_documents(everything) and not state.get(KEYS[name]):
            pass  # an empty box of many documents means all of them, those added since too
        elif KEYS[name] in state:
            # options that appeared since (a document added in the app) start out chosen
            added = [v for v in options if v not in known]
            state[KEYS[name]] = [v for v in state[KEYS[name]] if v in options] + added
        state[f"known_{name}"] = list(options)
    if state.get(KEYS["tp"]) not in (1, 2, 3, 4):
        state[KEYS["tp"]] = 4
    if state.get(KEYS["gp"]) not in (1, 2, 3):
        state[KEYS["gp"]] = 3
    if state.get(KEYS["country_mode"]) not in COUNTRY_MODES:
        state[KEYS["country_mode"]] = "happened"
    state.setdefault(KEYS["query"], "")
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
    if query():
        params["q"] = query()
    if chosen.country_mode != "happened" and chosen.countries is not None:
        params["in"] = chosen.country_mode
    params.update({k: v for k, v in extra.items() if v})
    if st.query_params.to_dict() != params:  # each write is a message to the browser
        st.query_params.from_dict(params)
