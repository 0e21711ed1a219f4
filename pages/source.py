"""Source: each document's full text with every recognised place and date marked."""

import streamlit as st

from geo.view import highlight
from ui import loaders, nav, text

nav.require_navigation()

layers = loaders.get_layers()
documents = loaders.get_documents()
doc_ids = sorted(set(documents) | set(layers["events"]["doc_id"]) | set(layers["mentions"]["doc_id"]))

st.title("Source texts")
loaders.document_errors()
if not doc_ids:
    st.info("No documents: add seeds/*.txt and run `python -m geo build`.")
    st.stop()
doc_id = st.selectbox("Document", doc_ids, format_func=loaders.document_title, key="source_doc")
document = documents.get(doc_id)
if document is None:
    st.warning(f"The text of {text.md(loaders.document_title(doc_id))} is not in the seeds directory, or "
               "could not be read from it; its events are on the map.")
    st.stop()
st.html(highlight.source_html({"doc_id": doc_id, "id": doc_id}, document))
spans = highlight.document_spans(doc_id, layers["events"], layers["mentions"], layers["unresolved"],
                                 highlight.place_labels(layers["places"]))
st.html(f"<p>{highlight.legend_html()} — hover a mark to see what it resolved to.</p>")
st.html(highlight.wrap(highlight.highlight_html(document["text"], spans)))
