"""Human labels of the data contract's codes: countries, event types, precisions."""

from __future__ import annotations

import pycountry

TIME_PRECISION_LABELS = {1: "day", 2: "week or part of a month", 3: "month", 4: "season or year"}
GEO_PRECISION_LABELS = {1: "settlement or facility", 2: "parish or part of a region",
                        3: "region, municipality or country"}


def country_name(code: str | None) -> str:
    """The English short name of an ISO 3166-1 alpha-2 code (the code itself when unknown)."""
    country = pycountry.countries.get(alpha_2=code) if isinstance(code, str) and len(code) == 2 else None
    return getattr(country, "common_name", None) or getattr(country, "name", None) or str(code or "?")


def type_label(event_type: str) -> str:
    """An event type as words: `border_crossing` → `border crossing`."""
    return str(event_type).replace("_", " ")


# Column names of the Data page's tables, in words.
COLUMN_WORDS = {"name_lv": "Latvian name", "mention_count": "mentions", "first_date": "first event",
                "last_date": "last event", "doc_id": "document", "surface": "as written", "reason": "why unresolved",
                "start": "from character", "end": "to character", "geo_precision": "place known to the"}
