"""Sentence spans with character offsets into the unchanged text."""

from __future__ import annotations

import re

from geo.model import Sentence
from geo.text import language

# Every capital letter Unicode knows (Latin with diacritics, Cyrillic, Greek, …), so no
# language's alphabet is written out here; `re` has no \p{Lu}.
# Planes 2–16 (ideographs, tags, private use) hold no cased letter: scanning the first two,
# in C, is what makes this import fast.
CAPITALS = "".join(filter(str.isupper, map(chr, range(0x20000))))


def _char_class(chars: str) -> str:
    """A regex class of some characters, runs of consecutive code points as ranges ("A-Z"):
    `re` compiles ~850 ranges in a third of the time of ~1 950 single characters."""
    codes = sorted(map(ord, chars))
    runs, start = [], 0
    for i in range(1, len(codes) + 1):
        if i == len(codes) or codes[i] != codes[i - 1] + 1:
            first, last = re.escape(chr(codes[start])), re.escape(chr(codes[i - 1]))
            runs.append(first if start == i - 1 else f"{first}-{last}")
            start = i
    return f"[{''.join(runs)}]"


_CAPITAL = _char_class(CAPITALS)
# A sentence ends at . ! or ? (then closing quotes or brackets, e.g. '."' or
# '.[nepieciešama atsauce]') followed by space and a capital letter, a digit or an
# opening quote. Lower-case after the period means "2021. gada", "5. augustā": no end.
# Both kinds of end are led by their first character, one class, and told apart by a look
# behind at it: a pattern that begins with a class lets `re` skip in C to the next such
# character instead of trying both alternatives at every position.
BOUNDARY = re.compile(
    r"[.!?…\n](?:(?<=[.!?…])[.!?…]*(?:[\"”“»’)\]]|\[[^\]\n]{1,40}\])*(?=\s+[\"“„«(]?(?:[0-9]|" + _CAPITAL + "))"
    r"|(?<=\n)[ \t]*\n\s*)"  # a blank line ends a heading or a paragraph, punctuated or not
)
# "K. Pētersone", "J. Smith": a single capital before the period is an initial (it can only
# start in the last three characters, so `split` searches from there, not every position)
INITIAL = re.compile(r"(?<![^\W\d_])" + _CAPITAL + r"\.$")


def split(text: str, start: int = 0, end: int | None = None, lang: str = "lv") -> list[Sentence]:
    """Sentences of text[start:end], trimmed of surrounding space; offsets into `text`."""
    end = len(text) if end is None else end
    abbreviations = tuple(language.pack(lang).sentences["abbreviations"])
    sentences, begin = [], start
    for match in BOUNDARY.finditer(text, start, end):
        stop = match.end()
        word = text[max(text.rfind(" ", begin, match.start()) + 1, begin):stop]
        if text[match.start()] != "\n" and (word.lower().endswith(abbreviations)
                                            or INITIAL.search(word, max(len(word) - 3, 0))):
            continue
        sentences.append(_trim(text, begin, stop))
        begin = stop
    if text[begin:end].strip():
        sentences.append(_trim(text, begin, end))
    return [s for s in sentences if s.end > s.start]


def _trim(text: str, start: int, end: int) -> Sentence:
    """The span without leading or trailing whitespace."""
    # str.strip measures the space in C (one copy of the span), not a Python step a character
    chunk = text[start:end]
    kept = chunk.lstrip()
    start += len(chunk) - len(kept)
    return Sentence(start, start + len(kept.rstrip()))


# A news dateline at the start of a paragraph: "RIGA, August 16. /TASS/.", "VILNIUS – ",
# "VILNIUS (TASS): ". It says where and when the report was filed, not where it happened.
DATELINE = re.compile(
    _CAPITAL + "{3,}(?:[ -]" + _CAPITAL + "{3,})*"
    r"(?:,[^.\n/]{1,30}\.)?\s*(?:\([^)\n]{1,20}\)\s*:|/[^/\n]{1,20}/\.?|[–—-](?=\s))\s*"
)
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def paragraph_starts(text: str, start: int = 0, end: int | None = None) -> list[int]:
    """Offsets where the paragraphs of text[start:end] begin (a blank line separates them)."""
    end = len(text) if end is None else end
    return [start] + [m.end() for m in PARAGRAPH_BREAK.finditer(text, start, end)]


def dateline_end(text: str, start: int, end: int) -> int:
    """Where a dateline at text[start:] ends; `start` when there is none."""
    m = DATELINE.match(text, start, end)
    return m.end() if m else start
