"""Text for Streamlit: Markdown escaping, document titles and source names."""

from __future__ import annotations

import re
from typing import Any, Mapping

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])")


def md(text: Any) -> str:
    """Text from a document or a user, escaped for st.markdown and widget labels: shown as
    written, never as formatting, links, images, colours or formulas."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def source_names(documents: Mapping[str, Mapping[str, Any]]) -> dict[str, str]:
    """doc_id → what the CSV's `source` column says: the URL, else the title."""
    return {doc_id: str(d.get("url") or d.get("title") or doc_id) for doc_id, d in documents.items()}
