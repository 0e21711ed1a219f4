"""Understanding text: sentences, places, dates, counts and events of one document.

Imports nothing from ``geo.io`` or ``geo.view`` (tests/test_layout.py holds it to that).
"""
