"""Reading documents: seeds on disk (text + JSON sidecar) and texts uploaded or pasted.

Every problem with an input is a `DocumentError` naming the input and the problem in one
line, so the command line and the app can say it and carry on.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from geo.model import USER_PREFIX, Document
from geo.text import dates, language

MAX_BYTES = 5_000_000  # 5 MB of text: a long report is ~1 MB; more is likely not prose
TEXT_SUFFIXES = (".txt", ".md", ".html", ".htm")
SUPPORTED_LANGUAGES = tuple(language.available())  # every language with a language pack
BLOCKS = ["p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
          "section", "article", "header", "footer", "blockquote", "pre", "figure", "figcaption", "dd", "dt"]
SIDECAR_FIELDS = {"title": str, "language": str, "url": str, "licence": str, "source": str,
                  "published": str, "references_start": str}
# The longest value each sidecar field may have, in characters, and the sidecar's size in bytes:
# a title is copied into every event of its document, so a long one multiplies the layers.
FIELD_LIMITS = {"title": 300, "language": 8, "url": 2_000, "licence": 200, "source": 300,
                "published": 10, "references_start": 1_000}
SIDECAR_MAX_BYTES = 16_000
# A text with more control characters than this share is refused; with fewer they are removed.
MAX_CONTROL_SHARE = 0.10
# Unicode bidirectional embedding, override and isolate controls: they can make a title or quote
# display as something else ("Trojan Source"). Removed from every text and sidecar value as read.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")


class DocumentError(ValueError):
    """An input that cannot be read as a document; the message names it and says why."""

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(f"{name}: {problem}")
        self.name, self.problem = name, problem


# Byte-order marks of the Unicode encodings other than UTF-8 (UTF-32 first: it starts like UTF-16)
_BOMS = ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
         (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"))


def decode(data: bytes, name: str, notes: list[str] | None = None) -> str:
    """Bytes → text, refusing empty, oversized, binary and non-UTF-8 input. A few control
    characters (not tab or newlines) are removed, and `notes` says which."""
    if len(data) > MAX_BYTES:
        raise DocumentError(name, f"too large ({len(data) / 1e6:.1f} MB; the limit is {MAX_BYTES / 1e6:.0f} MB of text)")
    bom = next((enc for mark, enc in _BOMS if data.startswith(mark)), None)
    if bom:  # UTF-16 and UTF-32 text is full of NUL bytes, but it is text: say which encoding
        raise DocumentError(name, f"{bom} text; only UTF-8 is supported: save it as UTF-8")
    if b"\x00" in data:
        raise DocumentError(name, "binary file (contains NUL bytes); expected UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise DocumentError(name, f"not UTF-8 text (invalid byte at position {err.start}); save it as UTF-8") from None
    text, removed = strip_controls(text)
    if removed:
        listed = ", ".join(f"U+{ord(c):04X} ×{n}" for c, n in sorted(removed.items()))
        count = sum(removed.values())
        if count > max(8, MAX_CONTROL_SHARE * (len(text) + count)):
            raise DocumentError(name, f"binary file ({count} control characters: {listed}); expected UTF-8 text")
        if notes is not None:
            notes.append(f"removed {count} control character{'s' if count > 1 else ''} ({listed})")
    if not text.strip():
        raise DocumentError(name, "empty text")
    return text


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def strip_controls(text: str) -> tuple[str, dict[str, int]]:
    """The text without C0/C1 control characters other than tab, LF and CR; how many of each."""
    removed: dict[str, int] = {}
    for match in _CONTROLS.finditer(text):
        removed[match.group()] = removed.get(match.group(), 0) + 1
    return (_CONTROLS.sub("", text) if removed else text), removed


def strip_bidi(value: str) -> str:
    """A string without Unicode bidi embedding/override/isolate controls (BIDI_CONTROLS)."""
    return _BIDI.sub("", value)


def html_to_text(html: str) -> str:
    """The visible text of an HTML page (scripts and styles dropped).

    One walk over the tree (an explicit stack, so deep nesting neither recurses nor costs more
    than its size): text as it comes, a blank line after each block (a blank line ends a
    sentence); inline tags join their text."""
    from bs4 import BeautifulSoup, CData, NavigableString, Tag  # only HTML uploads need it

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    blocks, parts = set(BLOCKS), []
    stack: list = [(soup, iter(soup.contents))]
    while stack:
        node, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if node is not soup and node.name in blocks:
                parts.append("\n\n")
        elif isinstance(child, Tag):
            stack.append((child, iter(child.contents)))
        elif type(child) in (NavigableString, CData):
            parts.append(str(child))
    text = re.sub(r"[ \t\r\f\v\xa0]+", " ", "".join(parts))
    paragraphs = (" ".join(line.strip() for line in block.splitlines()).strip() for block in re.split(r"\n\s*\n", text))
    return "\n\n".join(p for p in paragraphs if p)


def validate_meta(meta: Any, name: str) -> dict[str, Any]:
    """Check a sidecar's fields and types; raise DocumentError on the first problem."""
    if not isinstance(meta, dict):
        raise DocumentError(name, "sidecar must be a JSON object")
    for key, kind in SIDECAR_FIELDS.items():
        if key in meta and meta[key] is not None and not isinstance(meta[key], kind):
            raise DocumentError(name, f"sidecar field {key!r} must be a {kind.__name__}")
        if isinstance(meta.get(key), str) and len(meta[key]) > FIELD_LIMITS[key]:
            raise DocumentError(name, f"sidecar field {key!r} is too long ({len(meta[key]):,} characters; "
                                      f"the limit is {FIELD_LIMITS[key]:,})")
    if meta.get("language") and meta["language"] not in SUPPORTED_LANGUAGES:
        raise DocumentError(name, f"language {meta['language']!r} is not supported (supported: {', '.join(SUPPORTED_LANGUAGES)})")
    if meta.get("published") and dates.publication(meta["published"]) is None:
        # ISO 8601 of full or reduced precision: the day, or only the month or year a source gives
        raise DocumentError(name, "sidecar field 'published' is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY): "
                                  f"{meta['published']!r}")
    return meta


def read_sidecar(path: Path) -> dict[str, Any]:
    """The JSON sidecar of a seed (NAME.json beside NAME.txt); {} when there is none."""
    sidecar = path.with_suffix(".json")
    if not sidecar.exists():
        return {}
    try:
        size = sidecar.stat().st_size
        if size > SIDECAR_MAX_BYTES:
            raise DocumentError(sidecar.name, f"sidecar too large ({size:,} bytes; the limit is {SIDECAR_MAX_BYTES:,})")
        with sidecar.open("rb") as fh:
            data = fh.read(SIDECAR_MAX_BYTES + 1)
    except OSError as err:
        raise DocumentError(sidecar.name, f"sidecar cannot be read ({err.strerror})") from None
    return parse_sidecar(data, sidecar.name)


def parse_sidecar(data: bytes, name: str) -> dict[str, Any]:
    """A sidecar's bytes → its checked fields (UTF-8, a byte-order mark allowed, as for texts)."""
    if len(data) > SIDECAR_MAX_BYTES:
        raise DocumentError(name, f"sidecar too large (over {SIDECAR_MAX_BYTES:,} bytes)")
    try:
        meta = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as err:
        raise DocumentError(name, f"sidecar is not UTF-8 (invalid byte at position {err.start})") from None
    except json.JSONDecodeError as err:
        raise DocumentError(name, f"malformed JSON sidecar ({err})") from None
    except RecursionError:
        raise DocumentError(name, "malformed JSON sidecar (nested too deeply; expected one flat object)") from None
    return validate_meta(meta, name)


@lru_cache(maxsize=1)
def _detector():
    """A lingua detector restricted to the languages a border text is likely in."""
    from lingua import Language, LanguageDetectorBuilder

    langs = [Language.LATVIAN, Language.ENGLISH, Language.LITHUANIAN, Language.POLISH,
             Language.RUSSIAN, Language.GERMAN, Language.ESTONIAN, Language.BELARUSIAN]
    return LanguageDetectorBuilder.from_languages(*langs).build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language (lingua), None when it cannot tell."""
    found = _detector().detect_language_of(text[:20_000])
    return found.iso_code_639_1.name.lower() if found else None


def make_document(text: str, meta: dict[str, Any], doc_id: str | None = None, name: str = "text",
                  notes: list[str] | None = None) -> Document:
    """A Document from text and metadata: NFC, bidi controls removed (noted), language checked,
    body split from references. `meta["notes"]` lists what was changed in reading."""
    notes = list(notes or ())
    text = unicodedata.normalize("NFC", text)
    if _BIDI.search(text):
        notes.append(f"removed {len(_BIDI.findall(text))} Unicode bidi control characters (U+202A–U+202E, U+2066–U+2069)")
        text = strip_bidi(text)
    if not text.strip():
        raise DocumentError(name, "empty text")
    meta = validate_meta(dict(meta), name)
    meta = {k: strip_bidi(v) if isinstance(v, str) else v for k, v in meta.items()}
    if notes:
        meta["notes"] = notes
    if not meta.get("language"):
        detected = detect_language(text)
        if detected not in SUPPORTED_LANGUAGES:
            raise DocumentError(name, f"language detected as {detected or 'unknown'!r}; supported: {', '.join(SUPPORTED_LANGUAGES)} (set it explicitly)")
        meta["language"], meta["language_detected"] = detected, True
    marker = meta.get("references_start") or ""
    body_end = text.find(marker) if marker and marker in text else len(text)
    doc_id = doc_id or USER_PREFIX + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    meta.setdefault("title", doc_id)
    return Document(doc_id, text, body_end, meta)


def load_document(path: Path) -> Document:
    """A seed from disk: NAME.txt/.md/.html with its NAME.json sidecar; doc_id is NAME."""
    path = Path(path)
    if path.suffix.lower() not in TEXT_SUFFIXES:
        raise DocumentError(path.name, f"unsupported file type {path.suffix!r} (use {', '.join(TEXT_SUFFIXES)})")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise DocumentError(path.name, f"cannot be read ({err.strerror})") from None
    notes: list[str] = []
    text = decode(data, path.name, notes)
    if path.suffix.lower() in (".html", ".htm"):
        text = html_to_text(text)
    return make_document(text, read_sidecar(path), doc_id=path.stem, name=path.name, notes=notes)


def document_from_upload(data: bytes, filename: str, meta: dict[str, Any]) -> Document:
    """A Document from an uploaded file's bytes (HTML reduced to its text)."""
    notes: list[str] = []
    text = decode(data, filename, notes)
    if filename.lower().endswith((".html", ".htm")):
        text = html_to_text(text)
    return make_document(text, meta, name=filename, notes=notes)


def failure(name: str, err: BaseException) -> DocumentError:
    """Any exception met while reading or parsing one document, as that document's error."""
    if isinstance(err, DocumentError):
        return err
    detail = " ".join(str(err).split())[:200]
    return DocumentError(name, f"could not be processed ({type(err).__name__}{': ' + detail if detail else ''})")


def unique_ids(paths: Iterable[Path]) -> tuple[list[Path], list[DocumentError]]:
    """The paths whose doc_id (file name without suffix) is not taken by an earlier path, and an
    error naming both files for each that is (NAME.md and NAME.txt would share NAME.json)."""
    first: dict[str, Path] = {}
    kept, errors = [], []
    for path in paths:
        path = Path(path)
        if path.stem in first:
            errors.append(DocumentError(path.name, f"doc_id {path.stem!r} is already used by {first[path.stem].name} "
                                                   "(one document per name; rename one of them)"))
            continue
        first[path.stem] = path
        kept.append(path)
    return kept, errors


def seed_paths(directory: Path) -> list[Path]:
    """The documents of a seeds folder, sorted by name."""
    return sorted(p for p in Path(directory).iterdir() if p.suffix.lower() in TEXT_SUFFIXES and p.is_file())


# --- the seed folders ---------------------------------------------------------


def load_documents(directories: Iterable[str | Path], errors: list[str] | None = None) -> dict[str, dict[str, Any]]:
    """Seed documents by doc_id, read as the pipeline reads them: sidecar fields plus `text`.

    A seed that cannot be read is left out, its message added to `errors` when given; the
    first directory wins.
    """
    documents: dict[str, dict[str, Any]] = {}
    for directory in map(Path, directories):
        paths, duplicates = unique_ids(seed_paths(directory)) if directory.is_dir() else ([], [])
        if errors is not None:
            errors.extend(map(str, duplicates))
        for path in paths:
            try:
                document = load_document(path)
            except Exception as err:  # noqa: BLE001 - one bad document is that document's error
                if errors is not None:
                    errors.append(str(failure(path.name, err)))
                continue
            documents.setdefault(document.doc_id, {**document.meta, "text": document.text})
    return documents
