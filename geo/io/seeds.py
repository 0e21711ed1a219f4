"""Reading documents: seeds on disk (text + JSON sidecar) and texts uploaded or pasted.

Every problem with an input is a `DocumentError` naming the input and the problem in one
line, so the command line and the app can say it and carry on.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from geo.model import USER_PREFIX, Document

MAX_BYTES = 5_000_000  # 5 MB of text: a long report is ~1 MB; more is likely not prose
TEXT_SUFFIXES = (".txt", ".md", ".html", ".htm")
SUPPORTED_LANGUAGES = ("lv", "en")
BLOCKS = ["p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
          "section", "article", "header", "footer", "blockquote", "pre", "figure", "figcaption", "dd", "dt"]
SIDECAR_FIELDS = {"title": str, "language": str, "url": str, "licence": str, "source": str,
                  "published": str, "references_start": str}


class DocumentError(ValueError):
    """An input that cannot be read as a document; the message names it and says why."""

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(f"{name}: {problem}")
        self.name, self.problem = name, problem


# Byte-order marks of the Unicode encodings other than UTF-8 (UTF-32 first: it starts like UTF-16)
_BOMS = ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
         (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"))


def decode(data: bytes, name: str) -> str:
    """Bytes → text, refusing empty, oversized, binary and non-UTF-8 input."""
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
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\n\r\t")
    if controls > max(8, len(text) // 100):
        raise DocumentError(name, "binary file (mostly control characters); expected UTF-8 text")
    if not text.strip():
        raise DocumentError(name, "empty text")
    return text


def html_to_text(html: str) -> str:
    """The visible text of an HTML page (scripts and styles dropped)."""
    from bs4 import BeautifulSoup  # only HTML uploads need it

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    # blocks become paragraphs (a blank line ends a sentence); inline tags join their text
    for tag in soup(BLOCKS):
        tag.insert_after("\n\n")
    text = re.sub(r"[ \t\r\f\v\xa0]+", " ", soup.get_text())
    paragraphs = (" ".join(line.strip() for line in block.splitlines()).strip() for block in re.split(r"\n\s*\n", text))
    return "\n\n".join(p for p in paragraphs if p)


def validate_meta(meta: Any, name: str) -> dict[str, Any]:
    """Check a sidecar's fields and types; raise DocumentError on the first problem."""
    if not isinstance(meta, dict):
        raise DocumentError(name, "sidecar must be a JSON object")
    for key, kind in SIDECAR_FIELDS.items():
        if key in meta and meta[key] is not None and not isinstance(meta[key], kind):
            raise DocumentError(name, f"sidecar field {key!r} must be a {kind.__name__}")
    if meta.get("language") and meta["language"] not in SUPPORTED_LANGUAGES:
        raise DocumentError(name, f"language {meta['language']!r} is not supported (supported: {', '.join(SUPPORTED_LANGUAGES)})")
    if meta.get("published"):
        try:
            date.fromisoformat(meta["published"])
        except ValueError:
            raise DocumentError(name, f"sidecar field 'published' is not an ISO date: {meta['published']!r}") from None
    return meta


def read_sidecar(path: Path) -> dict[str, Any]:
    """The JSON sidecar of a seed (NAME.json beside NAME.txt); {} when there is none."""
    sidecar = path.with_suffix(".json")
    if not sidecar.exists():
        return {}
    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise DocumentError(sidecar.name, f"malformed JSON sidecar ({err})") from None
    return validate_meta(meta, sidecar.name)


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


def make_document(text: str, meta: dict[str, Any], doc_id: str | None = None, name: str = "text") -> Document:
    """A Document from text and metadata: NFC, language checked, body split from references."""
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise DocumentError(name, "empty text")
    meta = validate_meta(dict(meta), name)
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
    text = decode(data, path.name)
    if path.suffix.lower() in (".html", ".htm"):
        text = html_to_text(text)
    return make_document(text, read_sidecar(path), doc_id=path.stem, name=path.name)


def document_from_upload(data: bytes, filename: str, meta: dict[str, Any]) -> Document:
    """A Document from an uploaded file's bytes (HTML reduced to its text)."""
    text = decode(data, filename)
    if filename.lower().endswith((".html", ".htm")):
        text = html_to_text(text)
    return make_document(text, meta, name=filename)


def seed_paths(directory: Path) -> list[Path]:
    """The documents of a seeds folder, sorted by name."""
    return sorted(p for p in Path(directory).iterdir() if p.suffix.lower() in TEXT_SUFFIXES and p.is_file())


# --- the seed folders ---------------------------------------------------------


def load_documents(directories: Iterable[str | Path], errors: list[str] | None = None) -> dict[str, dict[str, Any]]:
    """Seed documents by doc_id, read as the pipeline reads them: sidecar fields plus `text`.

    A seed that cannot be read is left out, its message added to `errors` when given; the
    first directory wins.
    """
    from geo.io.seeds import DocumentError, load_document, seed_paths

    documents: dict[str, dict[str, Any]] = {}
    for directory in map(Path, directories):
        for path in seed_paths(directory) if directory.is_dir() else []:
            try:
                document = load_document(path)
            except DocumentError as err:
                if errors is not None:
                    errors.append(str(err))
                continue
            documents.setdefault(document.doc_id, {**document.meta, "text": document.text})
    return documents
