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
    timeline,
)
from ui.loaders import get_documents
from ui.text import source_names

SELECTED = "selected_event"  # session key of the event shown in the side panel
MAP_KEY = "event_map"
LIST_LIMIT = 200  # buttons in the side list; beyond this the user narrows the filters


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
    event_id = picking.match_click(shown, value.get("last_object_clicked"),
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
    places = ", ".join(schema.as_list(event.place_names)) or labels.country_name(event.country)
    persons = schema.as_int(event.persons)
    counted = f" · {persons} persons" if persons is not None else ""
    return f"{event.date_start} · {labels.type_label(event.event_type)} · {places}{counted}"


# --- exports -------------------------------------------------------------------------------


def export_section(layers: Mapping[str, pd.DataFrame], shown: gpd.GeoDataFrame, key: str) -> None:
    """Download buttons: each layer as GeoJSON (selection and whole) and the events as CSV."""
    files = exports.export_files(layers, shown, source_names(get_documents()))
    with st.expander("Export (GeoJSON RFC 7946, CSV)"):
        columns = st.columns(2)
        for i, f in enumerate(files):
            # bytes are made only when clicked (callable data); "ignore" spares a rerun
            columns[i % 2].download_button(f.label, data=f.make, file_name=f.file_name, mime=f.mime,
                                           key=f"{key}_{f.file_name}", on_click="ignore")


def timeline_chart(shown: gpd.GeoDataFrame) -> None:
    """Events or persons per week by country, following the filters."""
    measure = st.radio("Timeline", ["events", "persons"], horizontal=True, key="timeline_measure",
                       format_func=lambda m: f"{m} per week")
    weekly = timeline.weekly_timeline(shown, measure)
    if not len(weekly):
        st.caption("Nothing to chart for these filters.")
        return
    weekly = weekly.assign(country=weekly["country"].map(labels.country_name))
    st.bar_chart(weekly, x="week", y="value", color="country", y_label=measure, x_label="week", height=220)


def no_events_message() -> None:
    """What an empty selection says, instead of an empty table or map alone."""
    st.info("No events match these filters. Widen the date range, or choose more countries, "
            "types or coarser precision in the sidebar.")
