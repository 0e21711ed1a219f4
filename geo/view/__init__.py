"""What the app shows: filters, exports, URL state, labels, the folium map, highlighting.

Reads only the typed frames ``geo.io`` returns; never imports streamlit.
"""
