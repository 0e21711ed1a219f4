"""AppTest of the app as a browser sees it once the map is drawn."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from ui import mapframe

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def drawn_app(path: str = APP, timeout: float = 60) -> AppTest:
    """An AppTest whose map has sent its first report: AppTest has no browser, and the map page
    draws its sidebar, exports and timeline only after that report (see app.map_page)."""
    at = AppTest.from_file(path, default_timeout=timeout)
    at.session_state[mapframe.DRAWN] = True
    return at
