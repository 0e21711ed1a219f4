"""/map: lets the first request of a server find the map page by that name.

Until app.py's navigation has run once, Streamlit looks up a page's address among the files
of pages/ (see ui.nav); with this file there, /map leaves that mode and app.py draws its
hidden "map" page (the map page itself) instead of "Page not found"."""

from ui import nav

nav.require_navigation()
