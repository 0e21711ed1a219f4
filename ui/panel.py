"""The map page's parts: the count, the side panel, the event list, exports, the timeline."""

from __future__ import annotations

from functools import partial
from typing import Any, Mapping

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo.io import schema
from geo.view import (
    exports,
    highlight,
    labels,
    picking,
    stacks,
    style,
    timeline,
)
from ui.loaders import get_documents
from ui.text import md, source_names

SELECTED = "selected_event"  # session key of the event shown in the side panel
STACK = "selected_stack"  # session key of the ids drawn where the clicked marker is
FROM_MAP = "selected_on_map"  # session key: the selection came from a click on the map (no re-centring)
IN_VIEW = "feed_in_view"  # session key of the feed's "only in the map's view" box
MAP_KEY = "event_map"
LIST_LIMIT = 200  # buttons in the side list; beyond this the user narrows the filters


def page_title(documents: Mapping[str, Mapping[str, Any]]) -> None:
    """A compact title naming what is loaded: the document's title, or how many documents."""
    titles = [str(d.get("title") or doc_id) for doc_id, d in documents.items()]
    subject = titles[0] if len(titles) == 1 else f"{len(titles)} documents" if titles else "no documents"
    st.html(PAGE_CSS)
    st.title("Robeža", anchor=False)
    st.caption(md(subject))


# A compact head (on a phone the quote follows the map directly: the side column comes next).
PAGE_CSS = ("<style>h1{font-size:1.7rem !important;padding:0 !important} "
            "@media (max-width: 640px){h1{font-size:1.2rem !important} "
            "[data-testid='stMainBlockContainer']{padding-top:3rem !important}}</style>")


def count_line(shown: int, total: int, query: str = "") -> None:
    """How many events pass the filters (and the search)."""
    st.markdown(f"**{shown} of {total} events**")
    if query:
        st.caption(f"Searching for “{md(query)}”: places named so in any case form, or quotes with these words.")


# --- selection: the side panel and the map click -------------------------------------------


def selected_event(shown: gpd.GeoDataFrame) -> pd.Series | None:
    """The selected event if it passes the filters (a filtered-out selection is dropped)."""
    chosen = st.session_state.get(SELECTED)
    if chosen is None or not len(shown):
        return None
    match = shown[shown["id"] == chosen]
    return match.iloc[0] if len(match) else None


def select(event_id: str | None, keep_stack: bool = False) -> None:
    """Callback: make an event the selected one (None goes back to the list); choosing from
    the feed forgets the clicked stack, choosing within the stack keeps it."""
    st.session_state[SELECTED] = event_id
    if not keep_stack:
        st.session_state[STACK] = [event_id] if event_id else []
        st.session_state[FROM_MAP] = False


def on_map_click(shown: gpd.GeoDataFrame, area_ids: frozenset[str]) -> None:
    """Callback of st_folium: match the clicked object to one of the events that were drawn,
    and keep every event drawn there (its stack) for the side panel to list.

    It runs before the script, so the side panel, the ring and the URL follow in the same run.
    """
    value = st.session_state.get(MAP_KEY) or {}
    event_id = picking.match_click(shown, value.get("last_object_clicked"),
                                     value.get("last_object_clicked_tooltip"))
    if event_id is not None:
        st.session_state[SELECTED] = event_id
        st.session_state[STACK] = stacks.stack_of(shown, event_id, area_ids)
        st.session_state[FROM_MAP] = True  # it is in view already: the map stays where it is


def map_click_callback(shown: gpd.GeoDataFrame, area_ids: frozenset[str]) -> Any:
    """on_change for st_folium, bound to the events on this map (what placing them needs)."""
    columns = [c for c in ("id", "geo_precision", "place_ids", "area_id", shown.geometry.name) if c in shown]
    return partial(on_map_click, shown[columns].copy(), area_ids)


def stack_list(event: pd.Series, shown: gpd.GeoDataFrame) -> None:
    """When the clicked marker holds several events: all of them, the selected one marked;
    choosing one quotes it (and keeps the list)."""
    ids = [i for i in st.session_state.get(STACK) or [] if i in set(shown["id"])]
    if len(ids) < 2 or event["id"] not in ids:
        return
    here = shown.set_index("id", drop=False).loc[ids]
    with st.container(border=True, key="stack_list"):
        st.markdown(f"**{len(ids)} events drawn here** — choose one:")
        for row in here.itertuples(index=False):
            st.button(event_label(row), key=f"stack_{row.id}", on_click=select, args=(row.id, True),
                      type="primary" if row.id == event["id"] else "tertiary", width="stretch")


def step_buttons(event: pd.Series, shown: gpd.GeoDataFrame) -> None:
    """← All events, and the previous and next of the filtered events (date order)."""
    ids = list(shown["id"])
    at = ids.index(event["id"]) if event["id"] in ids else 0
    # one row on a phone too (columns would stack there, pushing the quote off the screen)
    row = st.container(horizontal=True, vertical_alignment="center", key="steps")
    back = prev = position = nxt = row
    back.button("← All events", on_click=select, args=(None,), key="back_to_list", type="tertiary")
    prev.button("‹ Previous", key="previous_event", on_click=select, args=(ids[at - 1] if at else None,),
                disabled=at == 0)
    position.caption(f"{at + 1} of {len(ids)}")
    nxt.button("Next ›", key="next_event", on_click=select, args=(ids[at + 1] if at + 1 < len(ids) else None,),
               disabled=at + 1 >= len(ids))


def open_on_map(ids: list[str]) -> Any:
    """on_select of the Data page's events table: the chosen row's event, opened on the map."""
    def chosen() -> None:
        rows = (((st.session_state.get("data_events") or {}).get("selection") or {}).get("rows")) or []
        if rows and 0 <= rows[0] < len(ids):
            select(ids[rows[0]])
            st.session_state[OPEN_MAP] = True
    return chosen


OPEN_MAP = "open_map"  # session key: a page asked to go to the map (switch_page cannot run in a callback)


def event_panel(event: pd.Series, layers: Mapping[str, pd.DataFrame]) -> None:
    """The side panel for one event: its sentence verbatim with spans marked, and what it says."""
    places = layers["places"]
    titles = highlight.mention_titles(event["doc_id"], layers["mentions"], highlight.place_labels(places))
    st.html(highlight.event_card_html(event.to_dict(), get_documents().get(event["doc_id"]), titles))


def event_feed(shown: gpd.GeoDataFrame, selected: str | None = None) -> None:
    """The feed: the filtered events in date order (optionally only those in the map's view);
    choosing one selects it on the map; the selected one is marked."""
    in_view = st.toggle("Only those in the map's view", key=IN_VIEW,
                        help="Follows the map as you pan and zoom.")
    listed = shown
    bounds = (st.session_state.get(MAP_KEY) or {}).get("bounds") if in_view else None
    if bounds:
        listed = picking.within(shown, bounds)
    st.caption(f"{len(listed)} events in date order: choose one to show it on the map and quote it.")
    with st.container(height=420 if len(listed) > 8 else "content", border=False, key="event_feed"):
        for event in listed.head(LIST_LIMIT).itertuples(index=False):
            st.button(event_label(event), key=f"pick_{event.id}", on_click=select, args=(event.id,),
                      type="primary" if event.id == selected else "tertiary")
        if len(listed) > LIST_LIMIT:
            st.caption(f"… and {len(listed) - LIST_LIMIT} more: narrow the filters to list them.")


def event_label(event: Any) -> str:
    """One line of the event list: date, type, place, persons (plain text: a button label)."""
    places = ", ".join(schema.as_list(event.place_names)) or labels.country_name(event.country)
    persons = schema.as_int(event.persons)
    counted = f" · {persons} persons" if persons is not None else ""
    return f"{event.date_start} · {labels.type_label(event.event_type)} · {places}{counted}"


# --- exports -------------------------------------------------------------------------------


# cache_resource: the files' bytes are made on a click; what they hold (the other layers cut
# to the shown events, 0.9 s at 10 000 events) is worked out once per selection, not per rerun
@st.cache_resource(show_spinner=False, max_entries=16)
def _export_files(content: str, bom: bool, _layers: Mapping[str, pd.DataFrame], _shown: gpd.GeoDataFrame,
                  _sources: Mapping[str, str]) -> list[exports.ExportFile]:
    """The export files of one selection (`content`: what it is made of, see ui.mapframe)."""
    return exports.export_files(_layers, _shown, _sources, bom=bom)


def export_section(layers: Mapping[str, pd.DataFrame], shown: gpd.GeoDataFrame, key: str,
                   picture: Any = None, content: str | None = None) -> None:
    """Download buttons: each layer as GeoJSON (selection and whole), the events as CSV, the
    unresolved mentions as JSON, and (`picture`: a callable making PNG bytes) the map as PNG;
    `content`: a key naming the layers' version and the shown events, when the caller has one."""
    with st.expander("Export (GeoJSON RFC 7946, CSV, JSON, PNG)"):
        if picture is not None:
            st.download_button("Map as PNG (these filters, with legend and attribution)", data=picture,
                               file_name="robeza-map.png", mime="image/png", key=f"{key}_png", on_click="ignore")
        bom = st.checkbox("CSV for Excel (UTF-8 with a byte-order mark)", key=f"{key}_csv_bom")
        sources = source_names(get_documents())
        files = (exports.export_files(layers, shown, sources, bom=bom) if content is None
                 else _export_files(content, bom, layers, shown, sources))
        columns = st.columns(2)
        for i, f in enumerate(files):
            # bytes are made only when clicked (callable data); "ignore" spares a rerun
            columns[i % 2].download_button(f.label, data=f.make, file_name=f.file_name, mime=f.mime,
                                           key=f"{key}_{f.file_name}", on_click="ignore")


def timeline_chart(events: gpd.GeoDataFrame, window: tuple[Any, Any] | None, on_window: Any) -> None:
    """The timeline histogram: events (or persons) per week by country, of the events that
    pass every filter but the dates, the chosen window shaded; dragging over it chooses a new
    window (`on_window(start, end)`, dates)."""
    import altair as alt

    measure = st.radio("Timeline", ["events", "persons"], horizontal=True, key="timeline_measure",
                       format_func=lambda m: f"{m} per week", label_visibility="collapsed")
    weekly = timeline.weekly_timeline(events, measure)
    if not len(weekly):
        st.caption("Nothing to chart for these filters.")
        return
    codes = sorted(set(weekly["country"]))
    names = [labels.country_name(c) for c in codes]
    colours = [style.country_colour(c, i) for i, c in enumerate(codes)]  # never the event types' colours
    weekly = weekly.assign(country=weekly["country"].map(labels.country_name))
    brush = alt.selection_interval(name="window", encodings=["x"])
    bars = alt.Chart(weekly).mark_bar().encode(
        x=alt.X("week:T", title=None), y=alt.Y("value:Q", title=measure),
        color=alt.Color("country:N", scale=alt.Scale(domain=names, range=colours),
                        legend=alt.Legend(orient="top", title=None)),
        tooltip=[alt.Tooltip("week:T", title="week of"), "country:N", alt.Tooltip("value:Q", title=measure)],
    ).add_params(brush)
    chart = bars
    if window and all(window):
        shade = alt.Chart(pd.DataFrame({"a": [pd.Timestamp(window[0])], "b": [pd.Timestamp(window[1])]})).mark_rect(
            opacity=0.12, color="#333").encode(x="a:T", x2="b:T")
        chart = alt.layer(shade, bars)
    st.caption("Drag over the chart to choose a window of dates.")
    st.altair_chart(chart, width="stretch", key="timeline_chart", on_select=partial(_brushed, on_window),
                    selection_mode="window")


def timeline_pending() -> None:
    """Where the timeline will be, until the browser has drawn the map (see app.map_page)."""
    st.caption("The timeline follows once the map is drawn.")


def _brushed(on_window: Any) -> None:
    """Callback of the timeline chart: a dragged window becomes the date filter."""
    from datetime import datetime, timezone

    chosen = ((st.session_state.get("timeline_chart") or {}).get("selection") or {}).get("window") or {}
    span = chosen.get("week")
    if span and len(span) == 2:
        day = [datetime.fromtimestamp(v / 1000, tz=timezone.utc).date() for v in span]
        on_window(min(day), max(day))


def no_events_message() -> None:
    """What an empty selection says, instead of an empty table or map alone."""
    st.info("No events match these filters. Widen the date range, or choose more countries, "
            "types or coarser precision in the sidebar.")
