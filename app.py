"""Robeža — the entry point (`streamlit run app.py`): navigation, and the map page."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo.view import filters, mapview, picture, stacks
from ui import loaders, mapframe, nav, panel, sidebar

MAP_HEIGHT = 560


def map_page() -> None:
    """The map of the filtered events, the chosen event's quote (or the feed) beside it, the
    timeline under them.

    The map comes first in the script, before the sidebar's widgets (the filters are read from
    their store), so that its element reaches the browser first and its frame starts loading
    while the rest is drawn; the timeline waits until the browser has drawn the map once
    (mapframe.drawn), so its chart's bundles (Vega-Lite, ~1 MB) do not compete with it; so do
    the sidebar's filters and the exports, whose widgets' bundles are as many again."""
    layers = loaders.get_layers()
    events = layers["events"]
    everything = sidebar.prepare_filters(events)
    chosen = sidebar.stored_filters(everything)
    query = sidebar.query()
    # the timeline shows every date (so a window can be chosen on it); the map, the chosen ones
    undated = loaders.searched(filters.apply(events, replace(chosen, date_from=None, date_to=None)), query, layers)
    shown = filters.apply(undated, chosen)
    panel.page_title(loaders.get_documents())
    panel.count_line(len(shown), len(events), query)
    event = panel.selected_event(shown)
    backdrop = loaders.get_backdrop(layers)
    content = mapframe.content_key(loaders.layers_key(), ids=shown["id"])  # what is drawn and exported
    area_ids = frozenset(stacks.usable_areas(backdrop.shapes))
    map_column, side_column = st.columns([3, 2], gap="medium")
    with map_column:
        if not len(shown):
            panel.no_events_message()
        draw_map(layers, shown, event, backdrop, area_ids, content)
    with side_column:
        if event is not None:
            panel.step_buttons(event, shown)
            panel.stack_list(event, shown)
            panel.event_panel(event, layers)
            with st.expander(f"All {len(shown)} filtered events"):
                panel.event_feed(shown, str(event["id"]))
        elif len(shown):
            panel.event_feed(shown)
    drawn = mapframe.drawn()  # what waits for the map's first report (see above)
    if drawn:
        sidebar.draw_filters(everything)
    else:
        sidebar.filters_pending()
    st.caption("No map tiles? Choose “Offline basemap” in the layer control (top right). "
               "Hollow markers: date known only to a month or season; dashed areas: events known only "
               "to that region or country. A click on a marker that holds several events lists them.")
    if drawn:
        panel.timeline_chart(undated, (chosen.date_from, chosen.date_to),
                             lambda start, end: sidebar.set_window((start, end), everything))
    else:
        panel.timeline_pending()
    if drawn:
        documents = loaders.get_documents()
        title = "Robeža · " + (next(iter(documents.values())).get("title", "") if len(documents) == 1
                               else f"{len(documents)} documents")
        panel.export_section(layers, shown, key="map", content=content, picture=partial(
            picture.map_png, shown, backdrop.shapes, loaders.get_basemap(), title))
    sidebar.write_url(chosen, everything, event=None if event is None else str(event["id"]))


def draw_map(layers: dict[str, pd.DataFrame], shown: gpd.GeoDataFrame, event: pd.Series | None,
             backdrop: mapview.Backdrop, area_ids: frozenset[str], content: str) -> None:
    """The folium map; the selected event is ringed (or its area outlined) and brought into
    view without redrawing the map."""
    point = area = None
    centre = zoom = None
    selected = None
    if event is not None:
        selected = {**event.to_dict(), "stack_size": len(stacks.stack_of(shown, event["id"], area_ids))}
        drawn = stacks.drawn_area(selected, area_ids)
        shapes = backdrop.shapes
        area = shapes.geometry[shapes["id"] == drawn].iloc[0] if drawn else None
        point = event.geometry
        if not st.session_state.get(panel.FROM_MAP):  # chosen from the feed, a link, previous/next
            centre, zoom = mapview.view_of(area if area is not None else point)
    # only clicks rerun the app (and pans, while the feed follows the map's view)
    returned = ["last_object_clicked", "last_object_clicked_tooltip"]
    if st.session_state.get(panel.IN_VIEW):
        returned.append("bounds")
    # the map is rendered once per set of drawn events and version of the layers (ui.mapframe)
    mapframe.show_map(
        content,
        partial(mapview.build_map, layers, shown, backdrop=backdrop),
        key=panel.MAP_KEY,
        height=MAP_HEIGHT,
        returned_objects=returned,
        feature_group=mapview.selection_layer(selected, point, area),
        center=centre,
        zoom=zoom,
        on_change=panel.map_click_callback(shown, area_ids),
    )


def map_alias() -> None:
    """The map page under its own name, /map."""
    map_page()


st.set_page_config(page_title="Robeža", page_icon="🗺️", layout="wide")
nav.MAP_PAGE = st.Page(map_page, title="Map", icon=":material/map:", default=True)
st.navigation([
    nav.MAP_PAGE,
    # the default page lives at "/"; a link to /map opens the same page, not "Page not found"
    st.Page(map_alias, title="Map", url_path="map", visibility="hidden"),
    st.Page("pages/source.py", title="Source", icon=":material/description:"),
    st.Page("pages/data.py", title="Data", icon=":material/table_chart:"),
    st.Page("pages/add.py", title="Add a document", icon=":material/note_add:"),
    st.Page("pages/about.py", title="About", icon=":material/info:"),
]).run()
