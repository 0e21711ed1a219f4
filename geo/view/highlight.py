"""Text with its recognised spans marked up as escaped HTML: document text never runs as markup."""

from __future__ import annotations

from html import escape
from operator import itemgetter
from typing import Any, Iterable, Mapping

import pandas as pd

from geo.io.schema import as_int, as_list
from geo.spans import select as select_spans
from geo.view.labels import (
    GEO_PRECISION_LABELS,
    TIME_PRECISION_LABELS,
    country_name,
    type_label,
)

# One colour per span kind; unresolved mentions are struck through in red so they stand apart.
MARK_STYLES = {
    "place": "background:#cfe3ff;",
    "date": "background:#ffe7a3;",
    "count": "background:#cdeccd;",
    "unresolved": "background:#fde0e0;text-decoration:underline dotted #c0392b;",
}
CONTAINER_STYLE = "white-space:pre-wrap;line-height:1.6;font-family:serif;"


def highlight_html(text: str, spans: Iterable[Mapping[str, Any]], offset: int = 0) -> str:
    """`text` (starting at document offset `offset`) as escaped HTML with a <mark> per span.

    Spans are in document offsets; those outside the text, overlapping an earlier longer one,
    or whose `surface` does not match the text there (misaligned offsets) are left out.
    """
    pieces, cursor = [], 0
    for span in usable_spans(text, spans, offset):
        start, end = span["start"] - offset, span["end"] - offset
        pieces.append(escape(text[cursor:start]))
        pieces.append(mark(text[start:end], span))
        cursor = end
    pieces.append(escape(text[cursor:]))
    return "".join(pieces)


def usable_spans(text: str, spans: Iterable[Mapping[str, Any]], offset: int) -> list[Mapping[str, Any]]:
    """Spans that fit the text: of overlapping ones the longest, then the earliest (geo.spans)."""
    candidates = []
    for span in spans:
        start, end = as_int(span.get("start")), as_int(span.get("end"))
        if start is None or end is None or not offset <= start < end <= offset + len(text):
            continue
        surface = span.get("surface")
        if surface and text[start - offset:end - offset] != surface:
            continue
        candidates.append({**span, "start": start, "end": end})
    return select_spans(candidates, start=itemgetter("start"), end=itemgetter("end"))


def mark(surface: str, span: Mapping[str, Any]) -> str:
    """One escaped <mark> element; its `title` says what the span resolved to."""
    kind = str(span.get("kind") or "place")
    title = str(span.get("title") or kind)
    style = MARK_STYLES.get(kind, "")
    return (
        f'<mark class="{escape(kind)}" style="{style}" title="{escape(title)}">'
        f"{escape(surface)}</mark>"
    )


def wrap(body_html: str) -> str:
    """Already-escaped HTML in a block that keeps the text's line breaks."""
    return f'<div class="robeza-text" style="{CONTAINER_STYLE}">{body_html}</div>'


def legend_html() -> str:
    """A one-line key to the colours of the marks."""
    labels = {"place": "place", "date": "date", "count": "count", "unresolved": "unresolved place"}
    return " ".join(
        f'<mark class="{k}" style="{MARK_STYLES[k]}">{escape(v)}</mark>' for k, v in labels.items()
    )


def event_spans(event: Mapping[str, Any], place_titles: Mapping[int, str] | None = None) -> list[dict[str, Any]]:
    """An event's spans, each titled with what it means: the mention's place, the dates, persons."""
    place_titles = place_titles or {}
    titles = {
        "place": "place: " + ", ".join(as_list(event.get("place_names"))),
        "date": f"date: {event.get('date_start')} – {event.get('date_end')}",
        "count": f"persons: {as_int(event.get('persons'))}",
    }
    spans = []
    for span in as_list(event.get("spans")):
        if not isinstance(span, Mapping):
            continue
        title = place_titles.get(as_int(span.get("start"))) if span.get("kind") == "place" else None
        spans.append({**span, "title": title or f"{span.get('surface', '')} → {titles.get(span.get('kind'), span.get('kind'))}"})
    return spans


def place_labels(places: pd.DataFrame) -> dict[str, str]:
    """place id → its English name and where it is ("Silene, 55.6839° N 26.7783° E"), for the
    hover titles of place marks."""
    labels = {}
    for place_id, name, point in zip(places["id"], places["name"], places.geometry):
        where = "" if point is None or point.is_empty else f", {point.y:.4f}° N {point.x:.4f}° E"
        labels[place_id] = f"{name}{where}"
    return labels


def mention_titles(doc_id: str, mentions: pd.DataFrame, place_names: Mapping[str, str]) -> dict[int, str]:
    """Start offset → what the place mention there resolved to, for a document."""
    titles = {}
    for m in mentions[mentions["doc_id"] == doc_id].to_dict("records"):
        place_id = m.get("place_id")
        role = " — part of a name, not where it happened" if m.get("role") == "name_part" else ""
        why = m.get("resolution")
        why = f"; chosen: {why}" if isinstance(why, str) and why else ""
        titles[as_int(m.get("start"))] = f"{m.get('surface')} → {place_names.get(place_id, place_id)} ({place_id}){role}{why}"
    return titles


def document_spans(
    doc_id: str,
    events: pd.DataFrame,
    mentions: pd.DataFrame,
    unresolved: pd.DataFrame,
    place_names: Mapping[str, str],
) -> list[dict[str, Any]]:
    """Every recognised place and date of a document, and its unresolved mentions, as spans."""
    titles = mention_titles(doc_id, mentions, place_names)
    spans: list[dict[str, Any]] = [
        {**m, "kind": "name_part" if m.get("role") == "name_part" else "place", "title": titles[as_int(m.get("start"))]}
        for m in mentions[mentions["doc_id"] == doc_id].to_dict("records")
    ]
    for u in unresolved[unresolved["doc_id"] == doc_id].to_dict("records"):
        # a date that cannot be normalised is still a recognised date; a place one is unresolved
        kind = "date" if u.get("kind") == "date" else "unresolved"
        what = "date → not normalised" if kind == "date" else "unresolved"
        spans.append({**u, "kind": kind, "title": f"{what}: {u.get('reason') or 'unknown'}"})
    for event in events[events["doc_id"] == doc_id].to_dict("records"):
        spans.extend(event_spans(event, titles))  # dates and counts; places repeat the mentions
    return spans


def event_card_html(
    event: Mapping[str, Any],
    document: Mapping[str, Any] | None = None,
    place_titles: Mapping[int, str] | None = None,
) -> str:
    """The side panel for one event: its sentence with spans marked, then what was read from it."""
    quote = str(event.get("quote") or "")
    offset = as_int(event.get("quote_start")) or 0
    start, end = event.get("date_start"), event.get("date_end")
    normalised = start if start == end else f"{start} – {end}"
    persons = as_int(event.get("persons"))
    rows = [
        ("Date as written", event.get("date_text")),
        ("Date", f"{normalised} (known to the {TIME_PRECISION_LABELS.get(as_int(event.get('time_precision')), '?')})"),
        ("Places", ", ".join(as_list(event.get("place_names"))) or "—"),
        ("Place precision", GEO_PRECISION_LABELS.get(as_int(event.get("geo_precision")), "?")),
        ("Countries", ", ".join(country_name(c) for c in as_list(event.get("countries"))) or "—"),
        ("Type", type_label(event.get("event_type") or "other")),
        ("Persons", "not stated" if persons is None else str(persons)),
    ]
    context = outside_quote(event)
    if context:
        rows.insert(2, ("From nearby sentences", " … ".join(f"{s.get('surface')} ({s.get('kind')})" for s in context)))
    table = "".join(f"<tr><th style='text-align:left;padding-right:8px'>{escape(k)}</th><td>{escape(str(v))}</td></tr>"
                    for k, v in rows)
    return (
        f"<blockquote style='margin:0 0 8px 0'>{wrap(highlight_html(quote, event_spans(event, place_titles), offset))}</blockquote>"
        f"<table>{table}</table>"
        f"<p style='margin-top:8px'>{source_html(event, document)}</p>"
    )


def outside_quote(event: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """Spans the event took from the sentences around its quote (a date or place from context)."""
    start, end = as_int(event.get("quote_start")) or 0, as_int(event.get("quote_end")) or 0
    return [s for s in as_list(event.get("spans"))
            if isinstance(s, Mapping) and not start <= (as_int(s.get("start")) or 0) < end]


def web_address(url: Any) -> str | None:
    """The URL when it is an http(s) address, else None: only those become links (a
    "javascript:" or "data:" address in a sidecar would run in the browser)."""
    return url if isinstance(url, str) and url.startswith(("https://", "http://")) else None


def source_html(event: Mapping[str, Any], document: Mapping[str, Any] | None) -> str:
    """The document's title (a link only for http(s) URLs), licence and the event's id."""
    document = document or {}
    title = escape(str(document.get("title") or event.get("doc_id") or "?"))
    url = web_address(document.get("url"))
    if url:
        title = f'<a href="{escape(url)}" target="_blank" rel="noopener noreferrer">{title}</a>'
    licence = document.get("licence")
    licence_html = f" · {escape(str(licence))}" if licence else ""
    return f"Source: {title}{licence_html} · <code>{escape(str(event.get('id')))}</code>"


# --- the Source page: every recognised span, explained on a click or a tap ----------------

EXPLAINED_STYLES = {
    **MARK_STYLES,
    "name_part": "background:#eceff3;border-bottom:2px dotted #6b7a90;",
}
KIND_WORDS = {
    "place": "place: where something happens or is",
    "name_part": "place name used as part of a name or as an attribute — not a location",
    "date": "date",
    "count": "number of people",
    "unresolved": "place-like name that could not be placed",
}


def parse_spans(parse: Any, place_names: Mapping[str, str]) -> list[dict[str, Any]]:
    """Every place, date and count a parse of the document recognised (whether or not it
    belongs to an event), and its unresolved names, as spans with what each means."""
    spans: list[dict[str, Any]] = []
    for m in parse.places:
        if m.place_id is None:
            continue
        kind = "name_part" if m.role == "name_part" else "place"
        where = place_names.get(m.place_id, m.place_id)
        near = " (as a reference point: “near …”)" if getattr(m, "near", False) else ""
        spans.append({"start": m.start, "end": m.end, "surface": m.surface, "kind": kind,
                      "title": f"{KIND_WORDS[kind]} → {where} ({m.place_id}){near}"})
    for d in parse.dates:
        start, end = d.date_start, d.date_end
        value = "no year known" if start is None and end is None else \
            f"{start or '…'}" if start == end else f"{start or '…'} – {end or '…'}"
        label = TIME_PRECISION_LABELS.get(d.precision, "?")
        inferred = ", year taken from the publication date" if getattr(d, "year_inferred", False) else ""
        spans.append({"start": d.start, "end": d.end, "surface": d.surface, "kind": "date",
                      "title": f"date → {value} (known to the {label}{inferred})"})
    for c in parse.counts:
        spans.append({"start": c.start, "end": c.end, "surface": c.surface, "kind": "count",
                      "title": f"number of {'cases' if c.unit == 'case' else 'people'} → {c.value}"})
    for u in parse.unresolved:
        if u.get("kind") == "place":
            spans.append({**u, "kind": "unresolved", "title": f"unresolved: {u.get('reason') or 'unknown'}"})
    return spans


def explained_html(text: str, spans: Iterable[Mapping[str, Any]]) -> str:
    """The text as escaped HTML, each usable span a mark that opens its explanation when
    clicked or tapped (<details>: no script, works on touch), its `title` for a hover too."""
    pieces, cursor = [], 0
    for span in usable_spans(text, spans, 0):
        start, end = span["start"], span["end"]
        pieces.append(escape(text[cursor:start]))
        kind = str(span.get("kind") or "place")
        title = str(span.get("title") or kind)
        pieces.append(
            f'<details class="robeza-span" style="display:inline">'
            f'<summary style="display:inline;cursor:pointer;list-style:none">'
            f'<mark class="{escape(kind)}" style="{EXPLAINED_STYLES.get(kind, "")}" title="{escape(title)}">'
            f"{escape(text[start:end])}</mark></summary>"
            f'<span class="robeza-why" style="font:0.8em sans-serif;background:#333;color:#fff;'
            f'border-radius:3px;padding:1px 5px;margin:0 3px">{escape(title)}</span></details>')
        cursor = end
    pieces.append(escape(text[cursor:]))
    return "".join(pieces)


def explained_legend_html(counts: Mapping[str, int] | None = None) -> str:
    """The key to the Source page's marks, with how many of each there are."""
    counts = counts or {}
    return " ".join(
        f'<mark class="{k}" style="{EXPLAINED_STYLES[k]}">{escape(words)}'
        f'{f" ({counts[k]})" if k in counts else ""}</mark>'
        for k, words in (("place", "location"), ("name_part", "name part"), ("date", "date"),
                         ("count", "count"), ("unresolved", "unresolved place")))
