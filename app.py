"""Robeža — the entry point (`streamlit run app.py`): navigation, and the map page."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.view import filters, mapview
from ui import loaders, panel, sidebar

MAP_HEIGHT = 560


def map_page() -> None:
    """The map of the filtered events, the quoted source beside it, the timeline under it."""
    layers = loaders.get_layers()
    events = layers["events"]
    chosen, everything = sidebar.sidebar_filters(events)
    shown = filters.apply(events, chosen)
    st.title("Robeža: the Belarus–EU border crisis, 2021–2023")
    panel.count_line(len(shown), len(events))
    event = panel.selected_event(shown)
    map_column, side_column = st.columns([3, 2], gap="medium")
    with map_column:
        if not len(shown):
            panel.no_events_message()
        draw_map(layers, shown, event)
        st.caption("No map tiles? Choose “Offline basemap” in the layer control (top right). "
                   "Hollow markers: date known only to a month or season; dashed: place known only to a region.")
        panel.timeline_chart(shown)
    with side_column:
        if event is not None:
            panel.event_panel(event, layers)
        elif len(shown):
            panel.event_list(shown)
    panel.export_section(layers, shown, key="map")
    sidebar.write_url(chosen, everything, event=None if event is None else str(event["id"]))


def draw_map(layers: dict[str, pd.DataFrame], shown: gpd.GeoDataFrame, event: pd.Series | None) -> None:
    """The folium map; the selected event is a ring added without redrawing the map."""
    m = mapview.build_map(layers, shown, backdrop=loaders.get_backdrop(layers))
    point = None if event is None else event.geometry
    st_folium(
        m,
        key=panel.MAP_KEY,
        height=MAP_HEIGHT,
        use_container_width=True,
        # only clicks rerun the app: never pan or zoom
        returned_objects=["last_object_clicked", "last_object_clicked_tooltip", "last_object_clicked_count"],
        feature_group_to_add=mapview.selection_layer(None if event is None else event.to_dict(), point),
        center=None if point is None else (point.y, point.x),
        on_change=panel.map_click_callback(shown),
    )


st.set_page_config(page_title="Robeža", page_icon="🗺️", layout="wide")
st.navigation([
    st.Page(map_page, title="Map", icon=":material/map:", url_path="map", default=True),
    st.Page("pages/source.py", title="Source", icon=":material/description:"),
    st.Page("pages/data.py", title="Data", icon=":material/table_chart:"),
    st.Page("pages/add.py", title="Add a document", icon=":material/note_add:"),
    st.Page("pages/about.py", title="About", icon=":material/info:"),
]).run()
