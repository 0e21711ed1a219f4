"""Data: the events, places and unresolved mentions as tables, with the map's filters and exports."""

import streamlit as st

from geo.view import exports, filters
from ui import loaders, nav, panel, sidebar, text

nav.require_navigation()

layers = loaders.get_layers()
chosen, everything = sidebar.sidebar_filters(layers["events"])
shown = filters.apply(layers["events"], chosen)
cut = filters.related(layers, shown)

st.title("Data")
panel.count_line(len(shown), len(layers["events"]))
if not len(shown):
    panel.no_events_message()
events_tab, places_tab, unresolved_tab = st.tabs(["Events", "Places", "Unresolved mentions"])
with events_tab:
    st.dataframe(exports.events_table(shown, text.source_names(loaders.get_documents())), hide_index=True)
with places_tab:
    st.dataframe(exports.plain_table(cut["places"]), hide_index=True)
with unresolved_tab:
    st.dataframe(cut["unresolved"], hide_index=True)
panel.export_section(layers, shown, key="data")
sidebar.write_url(chosen, everything)
