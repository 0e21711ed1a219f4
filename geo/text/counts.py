"""Numbers of people stated in the text: "12 personas", "četriem vīriešiem", "140 migrants"."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import compress
from operator import itemgetter, not_
from typing import Mapping, Sequence

from geo.gazetteer import fold
from geo.model import CountMention
from geo.text import language, lemmas

# 6500, 10 000, 10 000 (no-break space) and 5,000: thousands grouped by a space or a comma.
# The first digit leads (what precedes it is looked at behind it): a pattern that begins with
# a character class lets `re` skip to the next digit in C instead of trying every position.
NUMBER = re.compile(r"\d(?<![\w.,]\d)(?:\d{0,2}(?:(?:[ \u00a0\u202f]|,(?=\d{3}\b))\d{3})+(?![\w.,]\d)"
                    r"|\d*(?![\w]|[.,]\d))")
WORD = re.compile(r"[^\W\d_]+")
_DIGITS = re.compile(r"\d+")
_NOT_DIGIT = re.compile(r"\D")
PUNCTUATION = re.compile(r"[,.;:!?()]")


@lru_cache(maxsize=8192)
def _lemma(word: str, lang: str) -> str:
    """simplemma's lemma of a lower-cased word."""
    return lemmas.lemmatize(word.lower(), lang)


def _kind(word: str, data: dict, lang: str) -> str:
    """'person', 'case', 'unit' or '' for a word following a number."""
    folded = fold(word)
    if _lemma(word, lang) in data["person_lemmas"] or folded.startswith(data["person_stems_folded"]):
        return "person"
    if folded.startswith(data["case_stems_folded"]):
        return "case"
    if folded.startswith(data["unit_stems"]):
        return "unit"
    return ""


def _value(surface: str, data: dict) -> int | None:
    """The integer a digit string or a number word stands for."""
    digits = surface if surface.isdecimal() else _NOT_DIGIT.sub("", surface)  # most are digits only
    if digits:
        return int(digits)
    return data["words_folded"].get(fold(surface))


@lru_cache(maxsize=None)
def _data(lang: str) -> dict:
    """The counts section of a language pack, with its folded number words and list pattern."""
    pack = language.pack(lang)
    data = dict(pack.counts)
    data["words_folded"] = pack.number_words
    data["digit_free"] = not any(map(_DIGITS.search, pack.number_words))  # so no token with digits is one
    data["participle_ends"] = tuple(data.get("participle_ends", ()))
    # a count with no noun of its own, in a list: "vēl 38, 8. augustā — 35, bet ... 140 robežpārkāpējus"
    list_joins = "|".join(map(re.escape, data["list_joins"]))
    data["bare_after"] = re.compile(rf"\s*(?:[,;.)]|$|\s(?:{list_joins})\b)")
    # "vienu Indijas un vienu Šrilankas pilsoni": numbers of nationalities joined by "and" add up
    ands = "|".join(map(re.escape, pack.grammar["conjunctions"]["and"]))
    data["coordinated"] = re.compile(rf"\s+(?:[^\W\d_][\w-]*\s+){{1,2}}(?:{ands})\s+$")
    data["person_stems_folded"] = tuple(fold(s) for s in data["person_stems"])
    data["case_stems_folded"] = tuple(fold(s) for s in data.get("case_stems", ()))
    data["unit_stems"] = tuple(data["unit_stems"])  # str.startswith takes a tuple
    return data


def _coordinated(between: str, data: dict) -> bool:
    """Whether the text between two numbers joins two nationalities: " Indijas un vienu Šrilankas "."""
    # the nationality is capitalised; str.isupper knows every alphabet's capitals
    return bool(data["coordinated"].match(between)) and all(w[0].isupper() for w in between.split()[:-1])


def _numbers(text: str, start: int, end: int, data: dict,
             tokens: Sequence[tuple[int, int, str]] | None = None) -> list[tuple[int, int]]:
    """Spans of digit numbers and number words in text[start:end]; `tokens`, the text's
    (start, end, text) tokens of `[^\\W_]+` there (the place finder's), spare a pass of WORD."""
    spans = list(map(re.Match.span, NUMBER.finditer(text, start, end)))
    words = data["words_folded"]
    if tokens is None or not data["digit_free"]:
        spans += [m.span() for m in WORD.finditer(text, start, end) if fold(m.group()) in words]
    else:
        spans += _number_words(text, tokens, words)
    return sorted(spans)


def _number_words(text: str, tokens: Sequence[tuple[int, int, str]], words: Mapping[str, int]) -> list[tuple[int, int]]:
    """The WORD spans of number words (which have no digit), read off the tokens: a token with
    no digit is one WORD; one with digits holds WORDs between them ("3divi"), looked at alone."""
    # folded and looked up in C (map, compress): no Python runs per token
    texts = list(map(itemgetter(2), tokens))
    found = [(s, e) for s, e, _ in compress(tokens, map(words.__contains__, map(fold, texts)))]
    # the tokens with a digit: a token of letters only (str.isalpha, in C: the most) has none,
    # one of digits only ("2021") holds no WORD; the few others are searched
    found += [m.span() for s, e, word in compress(tokens, map(not_, map(str.isalpha, texts)))
              if not word.isdecimal() and _DIGITS.search(word)
              for m in WORD.finditer(text, s, e) if fold(m.group()) in words]
    return found


def _classify(text: str, s: int, e: int, end: int, data: dict, lang: str) -> str:
    """'person' (or 'case') when a person noun (a noun of cases) follows within the window,
    'bare' in a list, else ''."""
    if data["bare_after"].match(text, e, end):
        return "bare"
    base = 0  # where the window counts from: after a participle phrase that modifies the noun
    for i, m in enumerate(WORD.finditer(text, e, end)):
        if i - base >= data["window"] or NUMBER.search(text, e, m.start()) or PUNCTUATION.search(text, e, m.start()):
            return ""
        if i > 0 and m.group()[0].isupper():
            return ""  # a name further on starts another phrase ("vienu ģimeni Daugavpils ... personu")
        kind = _kind(m.group(), data, lang)
        if kind:
            return kind if kind in ("person", "case") else ""
        if m.group().lower().endswith(data["participle_ends"]):
            # "377 valsts robežu nelikumīgi šķērsojuši trešo valstu pilsoņi": the participle
            # closes a phrase that describes the people; their noun phrase starts after it
            base = i + 1
    return ""


def find(text: str, start: int = 0, end: int | None = None, lang: str = "lv",
         exclude: list[tuple[int, int]] = (),
         tokens: Sequence[tuple[int, int, str]] | None = None) -> tuple[list[CountMention], list[CountMention]]:
    """(counts of people or of cases, bare numbers in lists) in text[start:end], outside
    `exclude` spans; `tokens`: `places.tokenize(text, start, end)`, when it is at hand."""
    end = len(text) if end is None else end
    data = _data(lang)
    counts, bare = [], []
    excluded = sorted(exclude)
    ends = [xe for _, xe in excluded]
    last = None  # the number before, when it counted nothing of its own: (start, end, value)
    for s, e in _numbers(text, start, end, data, tokens):
        k = bisect_right(ends, s)  # the first excluded span ending after s
        if k < len(excluded) and excluded[k][0] < e:
            last = None
            continue  # part of a date
        kind = _classify(text, s, e, end, data, lang)
        value = _value(text[s:e], data)
        if value is None or not kind:
            last = (s, e, value) if value is not None and not kind else None
            continue
        if kind == "person" and last is not None and _coordinated(text[last[1]:s], data):
            s, value = last[0], last[2] + value  # "vienu Indijas un vienu Šrilankas pilsoni": 2
        last = None
        mention = CountMention(s, e, text[s:e], value, kind if kind == "case" else "person")
        (bare if kind == "bare" else counts).append(mention)
    return counts, bare
