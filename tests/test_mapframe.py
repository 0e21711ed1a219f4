"""The cached map component (ui/mapframe.py): it sends what st_folium sends, and renders once."""

from __future__ import annotations

import geopandas as gpd
import pytest
import streamlit_folium as sf
from shapely.geometry import Point

from geo.io.layers import load_layers
from geo.view import mapview
from ui import mapframe


@pytest.fixture(scope="module")
def layers(fixture_layers_dir):
    return load_layers(fixture_layers_dir)


@pytest.fixture(scope="module")
def backdrop(layers, fixture_layers_dir):
    return mapview.make_backdrop(layers["areas"], gpd.read_file(fixture_layers_dir / "basemap.geojson"))


@pytest.fixture()
def sent(monkeypatch):
    """The arguments each call hands streamlit-folium's component (nothing reaches a browser)."""
    calls: list[dict] = []
    monkeypatch.setattr(sf, "_component_func", lambda **kwargs: calls.append(kwargs))
    mapframe._cached.clear()
    return calls


def ring() -> object:
    return mapview.selection_layer({"persons": 12, "stack_size": 1}, Point(26.5, 55.9))


@pytest.mark.parametrize("returned", [["last_object_clicked", "last_object_clicked_tooltip"],
                                      ["last_object_clicked", "last_object_clicked_tooltip", "bounds"]])
def test_the_browser_gets_what_st_folium_would_send(layers, backdrop, sent, returned, monkeypatch):
    monkeypatch.setattr(mapframe, "drawn", lambda: True)  # once a map has been drawn (see below)
    events = layers["events"]
    sf.st_folium(mapview.build_map(layers, events, backdrop=backdrop), key="m", height=560,
                 use_container_width=True, returned_objects=returned, feature_group_to_add=ring(),
                 center=(55.9, 26.5), zoom=9)
    mapframe.show_map(mapframe.content_key("v1", ids=events["id"]),
                      lambda: mapview.build_map(layers, events, backdrop=backdrop), key="m", height=560,
                      returned_objects=returned, feature_group=ring(), center=(55.9, 26.5), zoom=9)
    theirs, ours = ({k: v for k, v in call.items() if k != "on_change"} for call in sent)
    assert ours == theirs
    assert "circleMarker" in ours["feature_group"] and ours["script"].count("L.geoJson") >= 2


def test_the_map_is_rendered_once_per_content(layers, backdrop, sent):
    built = []

    def build(events):
        built.append(len(events))
        return mapview.build_map(layers, events, backdrop=backdrop)

    events = layers["events"]
    some = events.iloc[:2]
    for shown, selected in ((events, None), (events, ring()), (some, None), (events, ring())):
        mapframe.show_map(mapframe.content_key("v1", ids=shown["id"]), lambda shown=shown: build(shown),
                          key="m", height=560, returned_objects=["last_object_clicked"], feature_group=selected)
    # a selection alone re-renders nothing; other events make another map; the first stays cached
    assert built == [len(events), 2]
    assert sent[0]["key"] == sent[1]["key"] == sent[3]["key"] != sent[2]["key"]
    assert sent[0]["script"] == sent[3]["script"] and sent[1]["feature_group"] == sent[3]["feature_group"]


def test_content_keys_tell_layer_versions_and_events_apart():
    key = mapframe.content_key("layers", 1.0, ids=["a", "b"])
    assert key == mapframe.content_key("layers", 1.0, ids=("a", "b"))
    assert key != mapframe.content_key("layers", 2.0, ids=["a", "b"])
    assert key != mapframe.content_key("layers", 1.0, ids=["a"])
    assert key != mapframe.content_key("layers", 1.0, ids=["ab"])


def test_the_first_map_of_a_session_reports_when_it_is_drawn(layers, backdrop, sent, monkeypatch):
    # the component reports its state when it differs from the default: an empty default
    # makes the first drawn map report, and that report marks the session's map as drawn
    state: dict = {}
    monkeypatch.setattr(mapframe.st, "session_state", state)
    events = layers["events"]
    clicked = []
    show = lambda: mapframe.show_map(mapframe.content_key("v1", ids=events["id"]),  # noqa: E731
                                     lambda: mapview.build_map(layers, events, backdrop=backdrop), key="m",
                                     height=560, returned_objects=["last_object_clicked"],
                                     on_change=lambda: clicked.append(state.get("m")))
    show()
    assert sent[-1]["default"] == {} and not mapframe.drawn()
    state[sent[-1]["key"]] = {"last_object_clicked": None}  # what the browser reports once drawn
    sent[-1]["on_change"]()
    assert mapframe.drawn() and clicked == [{"last_object_clicked": None}]
    show()  # from then on st_folium's own default: a map drawn again reports only clicks and pans
    assert sent[-1]["default"] == {"last_object_clicked": None}
