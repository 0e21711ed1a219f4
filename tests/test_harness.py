"""tests/e2e/harness.py's router: what leaves the app's origin goes through it, the app's own requests do not."""

from __future__ import annotations

from tests.e2e import harness


def test_the_route_pattern_takes_every_url_outside_the_app():
    pattern = harness.CdnRouter("http://127.0.0.1:8501").pattern()
    for own in ("http://127.0.0.1:8501", "http://127.0.0.1:8501/", "http://127.0.0.1:8501/static/js/index.js",
                "http://127.0.0.1:8501/_stcore/stream"):
        assert not pattern.search(own), own
    for other in ("https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js", "https://tile.openstreetmap.org/7/1/2.png",
                  "http://127.0.0.1:85010/", "http://localhost:8501/", "http://example.com/?u=http://127.0.0.1:8501/"):
        assert pattern.search(other), other
