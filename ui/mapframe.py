"""The map component: the folium map rendered once per set of shown events, not on every rerun.

`st_folium` renders the whole folium tree on every call — three passes over every element,
each compiling jinja templates and dumping the basemap's and the areas' GeoJSON — about 0.3 s
a rerun on the seed, though a click, a pan or a change of the side panel leaves the map as it
was. Here the pieces st_folium sends (the map's script, header, links, bounds) are made once
per map content with streamlit-folium's own helpers and cached; each rerun only adds the
selection layer, which is small. The frontend sees the same arguments as from st_folium
(tests/test_mapframe.py compares them), so it keeps the drawn map as long as the script is
the same.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

import folium
import folium.elements
import streamlit as st
import streamlit_folium as sf


@dataclass(frozen=True)
class RenderedMap:
    """The browser's part of one folium map (what st_folium computes on every call)."""

    script: str
    header: str
    html: str
    map_id: str
    css_links: tuple[str, ...]
    js_links: tuple[str, ...]
    bounds: list[list[float | None]]
    zoom: Any
    hash_key: str  # the component's key: the same script keeps the drawn map


def links(element: Any) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The CSS and JS files the elements of a map ask for, each once, in tree order (as st_folium)."""
    css, js = [], []
    for e in _walk(element):
        css += [href for _, href in getattr(e, "default_css", [])]
        js += [src for _, src in getattr(e, "default_js", [])]
    return tuple(dict.fromkeys(css)), tuple(dict.fromkeys(js))


def _walk(element: Any) -> Iterator[Any]:
    """The element and its descendants that bring JS or CSS files."""
    if isinstance(element, folium.elements.JSCSSMixin):
        yield element
    for child in getattr(element, "_children", {}).values():
        yield from _walk(child)


def render(m: folium.Map, key: str) -> RenderedMap:
    """Render a map once, the way st_folium does, for the component under `key`."""
    m.get_root().render()
    m.render()
    html, header = sf._get_html(m), sf._get_header(m)
    script = sf._get_map_string(m)  # after the html and header: it renames the tree's variables
    css, js = links(m)
    try:
        bounds = m.get_bounds()
    except AttributeError:
        bounds = [[None, None], [None, None]]
    return RenderedMap(script, header, html, sf.get_full_id(m), css, js, bounds, m.options.get("zoom"),
                       sf.generate_js_hash(script, key, False))


DRAWN = "map_drawn"  # session key: this session's browser has drawn a map and said so


def drawn() -> bool:
    """Whether the browser of this session has drawn the map once (its first report came)."""
    return bool(st.session_state.get(DRAWN))


# cache_resource: the strings are shared and never changed; the key names the map's content
@st.cache_resource(show_spinner=False, max_entries=32)
def _cached(content_key: str, key: str, _build: Callable[[], folium.Map]) -> RenderedMap:
    """The rendered map for one content key (built only when it is not cached)."""
    return render(_build(), key)


def content_key(*parts: Any, ids: Iterable[Any] = ()) -> str:
    """A short key for the map's content: the parts (layer versions) and the ids of the events drawn."""
    digest = hashlib.sha256(repr(parts).encode("utf-8"))
    digest.update("\x1f".join(map(str, ids)).encode("utf-8"))
    return digest.hexdigest()


def selection_script(group: folium.FeatureGroup | None) -> str | None:
    """The selection layer's script, added to the drawn map without redrawing it (st_folium's
    feature_group_to_add), on a throwaway map so the cached one is never changed."""
    if group is None:
        return None
    return sf._get_feature_group_string(group, map=folium.Map(tiles=None))


def bounds_dict(bounds: list[list[float | None]]) -> dict[str, dict[str, float | None]]:
    """Leaflet's bounds object, st_folium's initial "bounds" value."""
    (south, west), (north, east) = bounds
    return {"_southWest": {"lat": south, "lng": west}, "_northEast": {"lat": north, "lng": east}}


def show_map(content: str, build: Callable[[], folium.Map], *, key: str, height: int,
             returned_objects: list[str], feature_group: folium.FeatureGroup | None = None,
             center: tuple[float, float] | None = None, zoom: int | None = None,
             on_change: Callable[[], None] | None = None) -> Any:
    """st_folium(build(), key=..., use_container_width=True, ...), with the map rendered once per
    `content` (content_key of what it draws) instead of on every rerun."""
    rendered = _cached(content, key, build)
    initial = {"last_clicked": None, "last_object_clicked": None, "last_object_clicked_count": None,
               "last_object_clicked_tooltip": None, "last_object_clicked_popup": None,
               "all_drawings": None, "last_active_drawing": None, "bounds": bounds_dict(rendered.bounds),
               "zoom": rendered.zoom, "last_circle_radius": None, "last_circle_polygon": None,
               "selected_layers": None, "selected_tags": None, "last_geocoder_result": None}

    # The component reports its state once its map is drawn, if it differs from the default:
    # until a map has been drawn in this session the default is left empty, so that report
    # comes (and reruns the page, which can then draw what waits for the map); after that,
    # st_folium's own default, so a map that is drawn again reports only a click or a pan.
    default = {k: v for k, v in initial.items() if k in returned_objects} if drawn() else {}

    def changed() -> None:
        st.session_state[DRAWN] = True
        # what st_folium's own callback does: the value under the caller's key
        st.session_state[key] = st.session_state.get(rendered.hash_key, {})
        if on_change is not None:
            on_change()

    return sf._component_func(
        script=rendered.script, header=rendered.header, html=rendered.html, id=rendered.map_id,
        key=rendered.hash_key, height=height, width=None, returned_objects=returned_objects,
        default=default, zoom=zoom, center=center,
        feature_group=selection_script(feature_group), return_on_hover=False, layer_control=None,
        pixelated=False, css_links=list(rendered.css_links), js_links=list(rendered.js_links),
        on_change=changed, wrap_longitude=False,
    )

