"""Add a document: upload or paste a text; its places, dates and events join the map for this session."""

import streamlit as st

from geo import build
from geo.io import seeds
from geo.io.seeds import DocumentError
from geo.view import userdocs
from ui import loaders, nav, text

nav.require_navigation()

LANGUAGES = {"": "detect", **build.LANGUAGE_NAMES}

st.title("Add a document")
st.caption(f"A .txt, .md or .html file (HTML is reduced to its text) or pasted text, up to "
           f"{seeds.MAX_BYTES // 1_000_000} MB of UTF-8. It is processed in your session and "
           "joins the map, marked with a dark outline; nothing is written to the repository "
           "unless you save it into seeds/.")

with st.form("add_document", clear_on_submit=False):
    upload = st.file_uploader("File", type=["txt", "md", "html", "htm"])
    pasted = st.text_area("…or paste text", height=160)
    title = st.text_input("Title")
    lang = st.selectbox("Language", list(LANGUAGES), format_func=LANGUAGES.get)
    published = st.date_input("Published (optional)", value=None, format="YYYY-MM-DD",
                              help="Gives the year to dates the text states without one (“5. augustā”).")
    submitted = st.form_submit_button("Process", type="primary")

if submitted:
    with st.status("Processing…", expanded=True) as status:
        try:
            st.write("Reading the text")
            if upload is not None:
                doc = userdocs.from_upload(upload.getvalue(), upload.name, title, lang or None, published)
            elif pasted.strip():
                doc = userdocs.from_text(pasted, title, lang or None, published)
            else:
                raise DocumentError(title or "input", "nothing to process: choose a file or paste text")
            st.write("Finding places, dates and events")
            parse = userdocs.parse(doc)
            st.write("Building the layers")
            userdocs.add(loaders.user_documents(), doc, userdocs.to_layers([parse]))
            status.update(label=f"Added “{text.md(doc.title)}”: {len(parse.places)} place mentions, "
                                f"{len(parse.dates)} dates, {len(parse.events)} events, "
                                f"{len(parse.unresolved)} unresolved", state="complete")
            for note in doc.meta.get("notes") or ():
                st.warning(f"{text.md(doc.title)}: {text.md(note)}.")
            if not parse.places:
                problem = build.no_places_problem(doc.lang)
                st.warning(problem[0].upper() + problem[1:] + ".")
        except DocumentError as err:
            # the reason stays in view: an error never folds the status away
            status.update(label=f"Not added: {text.md(err.problem)}", state="error", expanded=True)
            st.error(f"{text.md(err.name)}: {err.problem}")

added = loaders.user_documents()
if added:
    st.subheader("Your documents")
    for doc_id, entry in list(added.items()):
        doc, layers = entry["doc"], entry["layers"]
        language = LANGUAGES.get(doc.lang, doc.lang) + (" (detected)" if doc.meta.get("language_detected") else "")
        st.markdown(f"**{text.md(doc.title)}** · {language} · {len(layers['events'])} events · "
                    f"{len(layers['unresolved'])} unresolved", help=doc_id)
        left, right = st.columns(2)
        if left.button("Remove", key=f"remove_{doc_id}"):
            del added[doc_id]
            st.rerun()
        if right.button("Save into seeds/", key=f"save_{doc_id}"):
            try:
                path = userdocs.save_to_seeds(doc, loaders.resolve("seeds"))
                st.success(f"Saved as {path.name}; run `python -m geo build` to add it to the committed layers.")
            except (FileExistsError, OSError) as err:
                st.error(text.md(err))
