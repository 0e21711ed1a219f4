"""Sentence spans with character offsets into the unchanged text."""

from __future__ import annotations

import re

from geo import language
from geo.model import Sentence

# A sentence ends at . ! or ? (then closing quotes or brackets, e.g. '."' or
# '.[nepieciešama atsauce]') followed by space and a capital letter, a digit or an
# opening quote. Lower-case after the period means "2021. gada", "5. augustā": no end.
BOUNDARY = re.compile(r"[.!?…]+(?:[\"”»’)\]]|\[[^\]\n]{1,40}\])*(?=\s+[\"“„«(]?[0-9A-ZĀČĒĢĪĶĻŅŠŪŽА-ЯЁ])")


def split(text: str, start: int = 0, end: int | None = None, lang: str = "lv") -> list[Sentence]:
    """Sentences of text[start:end], trimmed of surrounding space; offsets into `text`."""
    end = len(text) if end is None else end
    abbreviations = tuple(language.load(lang)["sentences"]["abbreviations"])
    sentences, begin = [], start
    for match in BOUNDARY.finditer(text, start, end):
        word_start = text.rfind(" ", begin, match.start()) + 1
        if text[max(word_start, begin):match.end()].lower().endswith(abbreviations):
            continue
        sentences.append(_trim(text, begin, match.end()))
        begin = match.end()
    if text[begin:end].strip():
        sentences.append(_trim(text, begin, end))
    return [s for s in sentences if s.end > s.start]


def _trim(text: str, start: int, end: int) -> Sentence:
    """The span without leading or trailing whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(start, end)
