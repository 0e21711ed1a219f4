"""Source: each document's full text with every recognised place, date and count marked."""

from collections import Counter

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
doc_id = st.selectbox("Document", doc_ids, format_func=loaders.document_titles(doc_ids).__getitem__, key="source_doc")
document = documents.get(doc_id)
if document is None:
    st.warning(f"The text of {text.md(loaders.document_title(doc_id))} is not in the seeds directory, or "
               "could not be read from it; its events are on the map.")
    st.stop()
st.html(highlight.source_html({"doc_id": doc_id, "id": doc_id}, document))
# what the layers say about the text, then every place, date and count the pipeline
# recognises in it — those of no event too (where both mark a span, the layers' is kept)
labels = highlight.place_labels(layers["places"])
spans = highlight.document_spans(doc_id, layers["events"].iloc[:0], layers["mentions"], layers["unresolved"], labels)
spans += highlight.parse_spans(loaders.document_parse(doc_id, document), labels)
shown = highlight.usable_spans(document["text"], spans, 0)
st.html(f"<p>{highlight.explained_legend_html(Counter(s['kind'] for s in shown))}<br>"
        "<small>Click or tap a mark to see what it was read as; again to fold it.</small></p>")
st.html(highlight.wrap(highlight.explained_html(document["text"], spans)))
