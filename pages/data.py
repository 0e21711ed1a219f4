"""Data: the events, places and unresolved mentions as tables, with the map's filters and exports."""

import streamlit as st

from geo.view import exports, filters, labels
from ui import loaders, nav, panel, sidebar, text

nav.require_navigation()

layers = loaders.get_layers()
chosen, everything = sidebar.sidebar_filters(layers["events"])
shown = loaders.searched(filters.apply(layers["events"], chosen), sidebar.query(), layers)
cut = filters.related(layers, shown)

st.title("Data")
panel.count_line(len(shown), len(layers["events"]))
if not len(shown):
    panel.no_events_message()
events_tab, places_tab, unresolved_tab = st.tabs(["Events", "Places", "Unresolved mentions"])
with events_tab:
    st.caption("Choose a row to open the event on the map.")
    table = exports.readable_events(exports.events_table(shown, text.source_names(loaders.get_documents())))
    st.dataframe(table, hide_index=True, key="data_events", on_select=panel.open_on_map(list(table["id"])),
                 selection_mode="single-row")
with places_tab:
    st.dataframe(exports.plain_table(cut["places"]).rename(columns=labels.COLUMN_WORDS), hide_index=True)
with unresolved_tab:
    st.dataframe(cut["unresolved"].rename(columns=labels.COLUMN_WORDS), hide_index=True)
panel.export_section(layers, shown, key="data")
sidebar.write_url(chosen, everything)
if st.session_state.pop(panel.OPEN_MAP, False):
    st.switch_page(nav.MAP_PAGE)
