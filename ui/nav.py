"""Navigation: leave Streamlit's legacy pages/ mode so that a link to any page works."""

from __future__ import annotations

import streamlit as st

LEFT_LEGACY_PAGES = "left_legacy_pages"  # session key: require_navigation has rerun once
MAP_PAGE = None  # the map's st.Page, set by app.py before it runs a page (for st.switch_page)


# --- navigation ----------------------------------------------------------------------------


def require_navigation() -> None:
    """Make sure a page of `pages/` runs under app.py's navigation, never on its own.

    Streamlit treats an app beside a `pages/` folder as a legacy multipage app until the entry
    point first calls st.navigation. If the first request after a server start is a page's own
    address (a shared link to /source), pages/source.py runs alone under a navigation made of
    file names, and so does every later request. Leaving that mode and rerunning runs app.py,
    with its navigation, on the same address. Streamlit has no public switch for this.
    Once per session: AppTest resets the mode before every run, and a rerun on each would
    drop the interaction (a button's click) that the run carries.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory and not st.session_state.get(LEFT_LEGACY_PAGES):
        st.session_state[LEFT_LEGACY_PAGES] = True
        PagesManager.uses_pages_directory = False
        st.rerun()
