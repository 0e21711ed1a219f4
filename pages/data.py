"""Data: the events, places and unresolved mentions as tables, with the map's filters and exports."""

import streamlit as st

import ui
from geo import selection

ui.require_navigation()

layers = ui.get_layers()
chosen, everything = ui.sidebar_filters(layers["events"])
shown = selection.apply(layers["events"], chosen)
cut = selection.related(layers, shown)

st.title("Data")
ui.count_line(len(shown), len(layers["events"]))
if not len(shown):
    ui.no_events_message()
events_tab, places_tab, unresolved_tab = st.tabs(["Events", "Places", "Unresolved mentions"])
with events_tab:
    st.dataframe(selection.events_table(shown, ui.source_names(ui.get_documents())), hide_index=True)
with places_tab:
    st.dataframe(selection.plain_table(cut["places"]), hide_index=True)
with unresolved_tab:
    st.dataframe(cut["unresolved"], hide_index=True)
ui.export_section(layers, shown, key="data")
ui.write_url(chosen, everything)
