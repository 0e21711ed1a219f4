"""Assembling events: one per incident, as a reporter tells it.

The unit is the paragraph: an incident told over neighbouring sentences takes the date and
the place of the sentences before it in the same paragraph (flagged `date_from_context`,
`place_from_context`); a sentence splits into clauses at each anchoring date after the
first, and a clause into incidents at each further count of people joined to it ("aizturēti
136 ..., bet naktī vēl – 65"). An incident with no date of its own and none in its paragraph
takes the publication date (relation `publication`).

The position is where it happened: a located place (never a name part, never a dateline),
not one named only as where people came from ("from Belarus") when another is named; a
border word with a single country names that country's border with the country the text is
about ("the border zone with Belarus" in a Polish report). The type is the first matching
rule of the language's event table (``data/language/*.toml``); a clause of a rule that
`restates` the event before it ("sent to the centre" after a detention) is not a new event.
A statement ("X said") is not an event; a sentence that no rule types ("other") gives one
only with its own date and place, or a count.
"""

from __future__ import annotations

import copy
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from itertools import accumulate, islice
from operator import attrgetter
from typing import Any, Callable, Iterable

import pycountry

from geo import borders
from geo.gazetteer import Place, fold
from geo.model import (
    DAY,
    MONTH,
    SEASON_OR_YEAR,
    WEEK,
    CountMention,
    DateMention,
    PlaceMention,
    Sentence,
)
from geo.text import language, patterns
from geo.text import sentences as sentences_mod
from geo.text.dates import Publication
from geo.text.dates import publication as as_publication
from geo.text.places import LOCATION, TOKEN

# How specific a place type is, most specific first: an event sits on the first.
# A corridor is a reference line ("pie Suvalku koridora", near it), so a region named with
# it is the better position.
SPECIFICITY = ["facility", "village", "town", "city", "parish", "river", "border", "state_city",
               "municipality", "region", "corridor", "country", "union", "continent"]
# Types of place that are areas: an event known only to one of them gets its id as `area_id`
AREA_TYPES = {"parish", "border", "corridor", "state_city", "municipality", "region", "country", "union",
              "continent"}
BEYOND_COUNTRY = {"union", "continent"}
AREAS_OF_COUNTRIES = {"country", "union", "continent"}  # what _border_of draws a border from
# How many sentences back a paragraph's date or place may still be carried forward: a
# Wikipedia article or a long release may be one paragraph.
CONTEXT_REACH = 5
FINE_TYPES = frozenset({"facility", "village", "town", "city", "parish"})  # a point, not an area
LIST_LENGTH = 3  # settlements in one clause that make a list of places along a border, not one place
SECTION_TYPES = frozenset({"facility", "village", "town", "city"})  # what names a section of a border
SECTION_KM = 30  # a settlement farther from the line names no section of it
COUNT_CONTEXT_REACH = CONTEXT_REACH  # the name earlier code and tests use
WEAK_TYPES = {"other", "statement"}
_BY_SPAN = attrgetter("start", "end")  # the sort key of mentions and spans: text order
_BY_START = attrgetter("start")  # a stable sort by start alone: the numbers of a clause, counts before bare ones
_BY_END = attrgetter("end")
STATEMENT = frozenset({"statement"})
# words after "kopš", "since the" that name a time by an event (a short noun phrase)
SINCE_REACH = 3
ORIGIN_REACH = 40  # characters before a place read for an origin or transit word ("from the", "no")
ORIGIN_KEYS = ("origin", "transit")  # the words of [event_words] a place may follow: where from, where through
# relations of dates an event did not state itself
CONTEXT, PUBLICATION = "context", "publication"
# an incident with a count whose date nothing in the text (nor a publication date) gives:
# kept with no date rather than dropped
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Event:
    """One event with every span it came from."""

    doc_id: str
    date_start: date | None  # None: the text gives no way to know (date_relation "unknown")
    date_end: date | None
    date_text: str
    time_precision: int
    event_type: str
    persons: int | None
    places: tuple[Place, ...]  # located places, the position first
    countries: tuple[str, ...]
    quote_start: int
    quote_end: int
    spans: tuple[Span, ...]
    date_relation: str = "on"
    date_from_context: bool = False
    place_from_context: bool = False
    date_mentions: list[DateMention] = field(default_factory=list, compare=False, repr=False)
    place_mentions: list[PlaceMention] = field(default_factory=list, compare=False, repr=False)
    id: str = ""

    @property
    def position(self) -> Place:
        """The place the event is drawn at."""
        return self.places[0]

    @property
    def area_id(self) -> str | None:
        """The id of the area (border section, parish, municipality, region, country) the event
        is known to when that is all that is known; None for a settlement or facility."""
        return self.position.id if self.position.type in AREA_TYPES else None


@dataclass(slots=True)  # one is made per sentence at least
class Clause:
    """Part of a sentence with its own date (a sentence is one clause when it has one)."""

    start: int
    end: int
    date: DateMention | None
    places: list[PlaceMention] = field(default_factory=list)
    counts: list[CountMention] = field(default_factory=list)
    bare: list[CountMention] = field(default_factory=list)


@dataclass(frozen=True)
class _Rule:
    type: str
    groups: tuple[tuple[str, ...], ...]  # per group, its folded stems (a word start each)
    restates: str | None = None
    need: int = 0  # one bit per group, in the bits of `_RuleIndex`


@dataclass(frozen=True)
class _RuleIndex:
    """Every stem of every rule's groups in one Aho–Corasick automaton (pyahocorasick): a text
    is read once for all rules, not searched once per group and rule. A stem is matched at a
    word start as " stem" in the folded words joined by spaces; its value is the bits of the
    groups it belongs to."""

    rules: tuple[_Rule, ...]
    automaton: Any
    # the first rule of each set of groups found (and types asked): the bits decide it
    firsts: dict[tuple[int, frozenset[str] | None], _Rule | None] = field(default_factory=dict, compare=False,
                                                                           repr=False)

    def hits(self, folded: str) -> int:
        """The bits of the groups that have a stem in `folded` (" word word ...")."""
        found = 0
        for _, bits in self.automaton.iter(folded):
            found |= bits
        return found

    def first(self, folded: str, types: frozenset[str] | None = None) -> _Rule | None:
        """The first rule (of `types`, when given) whose every group has a stem in `folded`."""
        found = self.hits(folded)
        if not found:
            return None  # no stem at all (every rule has a group)
        key = found, types
        if key not in self.firsts:
            self.firsts[key] = next((r for r in self.rules if found & r.need == r.need
                                     and (types is None or r.type in types)), None)
        return self.firsts[key]


@lru_cache(maxsize=None)
def _rule_index(lang: str) -> _RuleIndex:
    """The event-type rules of a language (``[[events]]`` of its pack), in their order, indexed."""
    import ahocorasick  # the multi-pattern matcher the gazetteer uses too

    automaton, rules, bit = ahocorasick.Automaton(), [], 0
    for r in language.pack(lang).events:
        groups, need = [], 0
        for group in r["all"]:
            stems = tuple(dict.fromkeys(fold(s) for s in group))
            for stem in stems:
                key = " " + stem
                automaton.add_word(key, (automaton.get(key) if key in automaton else 0) | 1 << bit)
            groups.append(stems)
            need |= 1 << bit
            bit += 1
        rules.append(_Rule(r["type"], tuple(groups), r.get("restates"), need))
    automaton.make_automaton()
    return _RuleIndex(tuple(rules), automaton)


def _rules(lang: str) -> tuple[_Rule, ...]:
    """The event-type rules of a language, in their order."""
    return _rule_index(lang).rules


_WORD_START = r"(?<!\w)"  # no word character before: a phrase begins a word


def _phrases(phrases: list[str], before: str = _WORD_START, after: str = r"(?!\w)") -> re.Pattern | None:
    """One case-insensitive pattern of whole phrases, in the order given, a space matching any
    run of white space (None when there are none)."""
    if not phrases:
        return None
    alternatives = "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)
    # after a word start, the letters a phrase starts with are tested first (see `_starts_with`)
    lead = _starts_with(phrases) if before == _WORD_START else ""
    return re.compile(f"{before}{lead}(?:{alternatives}){after}", re.IGNORECASE)


def _starts_with(phrases: Iterable[str]) -> str:
    """A look-ahead for the characters the phrases start with: at most word starts a search
    fails there at once, not at each alternative (a quarter faster); it matches nothing the
    phrases would not (under IGNORECASE a class matches case-insensitively as they do)."""
    return f"(?=[{re.escape(''.join(sorted({p.lstrip()[0] for p in phrases})))}])"


def _phrase_trie(phrases: list[str]) -> re.Pattern | None:
    """Like `_phrases`, for a yes/no test only: the phrases as one trie (`patterns.alternatives`),
    so each position of the text tries one letter, not every phrase."""
    words = {" ".join(p.split()) for p in phrases}
    if not words:
        return None
    # the letters a phrase starts with, tested first: a tenth faster than the trie alone
    return re.compile(_WORD_START + _starts_with(words) + patterns.alternatives("|".join(sorted(words))) + r"(?!\w)",
                      re.IGNORECASE)


@lru_cache(maxsize=None)
def _recounts(lang: str) -> re.Pattern | None:
    """The words a sentence opens with that recount earlier news ("Kā zināms", "Jau ziņots",
    "As previously reported"; `reported_before` in geo/data/dates/<lang>.toml)."""
    phrases = sorted(language.pack(lang).dates.get("reported_before", []), key=len, reverse=True)
    return _phrases(phrases, before=r"\W*") if phrases else None


@lru_cache(maxsize=None)
def _place_words(lang: str) -> dict:
    """The [event_words] table of a language: origin and border words, joins of incidents,
    words of habits and plans, types that need a date of their own."""
    data = language.pack(lang).event_words
    not_incidents = sorted(data.get("not_incidents", []), key=len, reverse=True)
    joins = sorted(data.get("joins", []), key=len, reverse=True)
    words = [j for j in joins if j[0].isalnum()]
    marks = [j for j in joins if not j[0].isalnum()]
    pattern = "|".join([rf"\s+{re.escape(w)}\b" for w in words] + [re.escape(m) for m in marks])
    return {"origin": tuple(" ".join(fold(w) for w in o.split()) for o in data.get("origin", [])),
            "transit": tuple(" ".join(fold(w) for w in o.split()) for o in data.get("transit", [])),
            "border": _word_starts(tuple(fold(b) for b in data["border"])) if data.get("border") else None,
            "border_not": tuple(fold(b) for b in data.get("border_not", [])),
            "relatives": _phrases([w.lstrip(", ") for w in data.get("relatives", [])], before=r",\s*"),
            "along_border": _phrase_trie(data.get("along_border", [])),  # searched for yes or no only
            "more": _phrase_trie(data.get("more_of_the_same", [])),  # searched for yes or no only
            "joins": re.compile(pattern, re.IGNORECASE) if pattern else None,
            "not_incidents": _phrase_trie(not_incidents),
            "own_date_types": frozenset(data.get("own_date_types", [])),
            "told_further": tuple(data.get("told_further", [])),
            "contrasts": re.compile(r",\s*(?:" + "|".join(map(re.escape, data["contrasts"])) + r")(?!\w)", re.IGNORECASE)
            if data.get("contrasts") else None,
            "after": _phrases(sorted(data.get("after", []), key=len, reverse=True)),
            "continues": frozenset(fold(w) for w in data.get("continues", [])),
            "since_types": frozenset(data.get("since_types", [])),
            "anaphora": _phrases(data.get("anaphora", [])),
            "since": _phrases(data.get("since", []), after=rf"(?:\s+[^\W\d_]+){{1,{SINCE_REACH}}}"),
            "complementizers": frozenset(fold(w) for w in data.get("complementizers", [])),
            "at_border": frozenset(data.get("at_border", [])),
            "border_implied": frozenset(data.get("border_implied", [])),
            "context_placed": frozenset(data.get("context_placed", [])),
            "trends": _word_starts(tuple(fold(w) for w in data["trends"])) if data.get("trends") else None,
            "trend_types": frozenset(data.get("trend_types", [])),
            "there": _phrases(data.get("there", [])),
            "happened_at": _phrase_trie(data.get("happened_at", [])),  # searched for yes or no only
            "others": _phrases(data.get("others", [])),
            "comparisons": _phrases(data.get("comparisons", [])),
            "one_dead": re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, data["one_dead"])) + r")(?!\w)",
                                   re.IGNORECASE) if data.get("one_dead") else None}


def _word_starts(words: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern of the folded words at a word start, compiled with the language's table (a
    document's first border word pays no compile): it matches where any `\\b<word>` would."""
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + ")")


def _unnamed(text: str, start: int, end: int, places: list[PlaceMention]) -> str:
    """text[start:end] with the place names in it blanked: words of a name ("Daugavpils
    aizturēto personu centrā", the detention centre) say where, not what happened."""
    pieces, at = [], start
    for m in places:
        if start <= m.start and m.end <= end and m.start >= at:
            pieces += [text[at:m.start], " "]
            at = m.end
    return "".join(pieces) + text[at:end]


@lru_cache(maxsize=4096)  # a one-clause sentence is typed twice, as sentence and as clause
def _typed(text: str, lang: str) -> _Rule | None:
    """The first rule whose every group has a word (or phrase) in the text; a rule of the
    `since_types` whose words name a time ("kopš ārkārtējās situācijas ieviešanas", "since the
    state of emergency") gives way to the rule of the rest of the text, if any."""
    return _since_given_way(_first_rule(text, lang), text, lang)


def _since_given_way(rule: _Rule | None, text: str, lang: str) -> _Rule | None:
    """The rule of the text without its "since ..." phrases, when `rule` (the text's first
    rule) is one of the `since_types` and there is one (else `rule`)."""
    words = _place_words(lang)
    if rule is not None and rule.type in words["since_types"] and words["since"] is not None:
        without, cut = words["since"].subn(" ", text)
        if cut:  # a text with no "since ..." phrase is not typed again: `rule` is its rule
            rule = _first_rule(without, lang) or rule
    return rule


def _first_rule(text: str, lang: str) -> _Rule | None:
    """The first rule whose every group has a word (or phrase) in the text."""
    return _rule_index(lang).first(" " + " ".join(map(fold, TOKEN.findall(text))))


@lru_cache(maxsize=4096)
def _first_rule_of_words(words: str, lang: str) -> _Rule | None:
    """`_first_rule` of a text given as its folded words (" w1 w2 ...")."""
    return _rule_index(lang).first(words)


def _learn_folds(text: str) -> None:
    """Fill in `_FOLD_TABLE` the characters of `text` not yet seen (those beyond it are folded
    apart, by `FoldedText.of`)."""
    for char in set(text):
        code = ord(char)
        if code < len(_FOLD_TABLE) and _FOLD_TABLE[code] is None:
            _FOLD_TABLE[code] = _char_fold(char)


@lru_cache(maxsize=None)
def _char_fold(char: str) -> str:
    """What FoldedText makes of a character: its fold, " " if no word character, `_ODD` when it
    does not fold to one character of its own kind."""
    folded = " " if TOKEN.fullmatch(char) is None else fold(char)
    if len(folded) != 1 or (folded != " " and TOKEN.fullmatch(folded) is None):
        return _ODD
    return folded


_ODD = "\x00"  # what a character that does not fold one to one becomes (NUL is no word and no gap of a text)
# str.translate's table of FoldedText, by code point of the Basic Multilingual Plane (a plain
# list is read faster than a dict, or a subclass of either): a character's `_char_fold`, None
# while not yet seen, which translate drops (a text with one comes out shorter, and is read again)
_FOLD_TABLE: list[str | None] = [_ODD] + [None] * 0xFFFF
# the Latin and Cyrillic letters and the punctuation of the region's texts, folded once here:
# a document's first use of a letter pays no fold (a Russian quote in a Latvian report)
_learn_folds("".join(map(chr, [*range(1, 0x250), *range(0x400, 0x530), *range(0x2000, 0x2070)])))
_BEYOND_TABLE = re.compile("[\U00010000-\U0010FFFF]")  # the characters translate leaves as they are


class FoldedText:
    """A document's text folded character by character, every character between words made a
    space: the same length as the text, so the folded words of any span are a slice of it.

    The words of a span are then " ".join(slice.split()), as " ".join(fold(w) for w in
    TOKEN.findall(span)) would give, without tokenising and folding each sentence and clause
    again. That holds only when every character folds to one character of its own kind (word
    or not); a text with one that does not ("ß" → "ss", a lone combining mark) has no folded
    text (`of` gives None) and its spans are folded one by one.
    """

    def __init__(self, folded: str) -> None:
        self.folded = folded

    @classmethod
    def of(cls, text: str) -> "FoldedText | None":
        """The folded text of `text`, or None when some character does not fold one to one."""
        folded = text.translate(_FOLD_TABLE)
        if len(folded) != len(text):  # a character not seen before, dropped
            _learn_folds(text)
            folded = text.translate(_FOLD_TABLE)
        if not folded.isascii() and _BEYOND_TABLE.search(folded):  # (isascii reads a flag)
            folded = _BEYOND_TABLE.sub(lambda m: _char_fold(m.group()), folded)
        return None if _ODD in folded else cls(folded)

    def words(self, start: int, end: int, blanked: Iterable[PlaceMention] = ()) -> str:
        """" " and the folded words of text[start:end], the mentions in `blanked` (sorted) made gaps."""
        return " " + " ".join(_unnamed(self.folded, start, end, blanked).split())


def event_type(text: str, lang: str) -> str:
    """The type of the first rule whose every group has a word in the text; "other" if none."""
    rule = _typed(text, lang)
    return rule.type if rule else "other"


class Sorted:
    """Mentions sorted by start, for finding those inside a span by bisection, not a scan."""

    def __init__(self, items: list) -> None:
        self.items = sorted(items, key=_BY_SPAN)
        self.starts = list(map(_BY_START, self.items))
        # the furthest end of the mentions up to each one: when it is within a span's end, all
        # the mentions starting in the span lie in it, and a slice is the answer
        self.reach = list(accumulate(map(_BY_END, self.items), max))

    def inside(self, start: int, end: int) -> list:
        """The mentions that lie within [start, end)."""
        lo, hi = bisect_left(self.starts, start), bisect_left(self.starts, end)
        if lo == hi or self.reach[hi - 1] <= end:
            return self.items[lo:hi]
        return [m for m in self.items[lo:hi] if m.end <= end]


def _inside(items: list | Sorted, start: int, end: int) -> list:
    """The mentions of a list or a Sorted that lie within [start, end)."""
    if isinstance(items, Sorted):
        return items.inside(start, end)
    return [m for m in items if start <= m.start and m.end <= end]


def _clauses(sentence: Sentence, anchors: list[DateMention], places: list[PlaceMention],
             counts: list[CountMention], bare: list[CountMention], lang: str, text: str) -> list[Clause]:
    """The clauses of a sentence, given its own anchoring dates, places, counts and bare numbers
    (each in text order: a sentence's mentions are found once, for it and its clauses): split at
    each anchoring date after the first, reporting frames folded forward; split again after a
    contrast word's comma and at each further count joined to it.

    "9. augustā ministrija informēja, ka 7. augustā ... aizturēja vēl 38, 8. augustā — 35"
    gives the clauses of 7 and 8 August; the first clause (who reported it, when) has no
    place or count of its own and is folded into the next.
    """
    if len(anchors) > 1:
        # "..., the Border Guard announced on Friday": the day of the report, not of the incident
        told = [d for d in anchors if not _reported(text, sentence, d, lang)]
        anchors = told or anchors
    if len(anchors) <= 1:  # one clause, the whole sentence (most sentences): its mentions are the sentence's
        out = [Clause(sentence.start, sentence.end, anchors[0] if anchors else None, places, counts, bare)]
    else:
        out = _dated_parts(sentence, anchors, places, counts, bare)
    if not counts:  # `_incidents` splits only at counts: each contrasted part is a clause
        return [half for clause in out for half in _contrasted(text, clause, lang)]
    return [part for clause in out for half in _contrasted(text, clause, lang) for part in _incidents(text, half, lang)]


def _dated_parts(sentence: Sentence, anchors: list[DateMention], places: list[PlaceMention],
                 counts: list[CountMention], bare: list[CountMention]) -> list[Clause]:
    """A sentence split at each anchoring date after the first, a reporting frame folded into
    the clause after it, and a closing one into the clause before."""
    bounds = [sentence.start] + [d.start for d in anchors[1:]] + [sentence.end]
    out: list[Clause] = []
    for i, (s, e) in enumerate(zip(bounds, bounds[1:])):
        clause = Clause(s, e, anchors[i], _inside(places, s, e), _inside(counts, s, e), _inside(bare, s, e))
        if out and out[-1].date is not None and _is_frame(out[-1]):
            frame = out.pop()
            clause = replace(clause, start=frame.start, places=frame.places + clause.places)
        elif out and _is_frame(clause):
            out[-1] = replace(out[-1], end=clause.end, places=out[-1].places + clause.places)
            continue  # a closing "..., he said on Monday" belongs to the clause before
        out.append(clause)
    return out


def _contrasted(text: str, clause: Clause, lang: str) -> list[Clause]:
    """A clause split after each comma that a contrast word follows (", savukārt", ", whereas"):
    each side tells its own thing, and a denial on one side ("personu nav") is not the other's."""
    if text.find(",", clause.start, clause.end) < 0:
        return [clause]  # every contrast follows a comma: a clause with none is not searched
    contrasts = _place_words(lang)["contrasts"]
    if contrasts is None or contrasts.search(text, clause.start, clause.end) is None:
        return [clause]  # (a search is cheaper than a list of none)
    cuts = [m.start() + 1 for m in contrasts.finditer(text, clause.start, clause.end)]
    bounds = [clause.start] + cuts + [clause.end]
    return [Clause(s, e, clause.date, _inside(clause.places, s, e), _inside(clause.counts, s, e),
                   _inside(clause.bare, s, e))
            for s, e in zip(bounds, bounds[1:])]


# a count's own noun phrase (a few words, no comma) ended by a colon or a spaced dash: what
# follows lists its parts ("11 personas - desmit Irākas un vienu Sīrijas pilsonis")
BREAKDOWN = re.compile(r"(?:\s+[^\W\d_]+){0,4}\s*(?::|\s[-–—](?=\s))")


def _acts(text: str, lang: str) -> bool:
    """Whether a stretch of a clause tells an act of its own (an event word, not a statement)."""
    rule = _typed(text, lang)
    return rule is not None and rule.type != "statement"


def _before_and_after(text: str, clause: Clause, lang: str) -> list[Clause] | None:
    """A clause split before "after"/"pēc tam, kad" when what follows counts people in an act of
    another type than the act before it: "Lithuania declared a state of emergency after 4000
    people attempted to cross the border" is an emergency and a crossing."""
    after = _place_words(lang)["after"]
    m = after.search(text, clause.start, clause.end) if after and clause.counts else None
    if m is None or any(c.start < m.start() for c in clause.counts + clause.bare):
        return None
    first, then = _typed(text[clause.start:m.start()], lang), _typed(text[m.start():clause.end], lang)
    if first is None or then is None or "statement" in (first.type, then.type) or first.type == then.type:
        return None
    cut = m.start()
    return [Clause(s, e, clause.date, _inside(clause.places, s, e), _inside(clause.counts, s, e),
                   _inside(clause.bare, s, e)) for s, e in ((clause.start, cut), (cut, clause.end))]


def _incidents(text: str, clause: Clause, lang: str) -> list[Clause]:
    """A clause split before each count after the first that a join word or mark precedes:
    "130 people were prevented from crossing the border and eight foreigners were detained";
    and before "after" an act of its own ("... declared a state of emergency after 4000 people
    attempted to cross")."""
    if not clause.counts:
        return [clause]  # both splits need a count (not only bare numbers)
    if (parts := _before_and_after(text, clause, lang)) is not None:
        return parts
    if len(clause.counts) + len(clause.bare) < 2:
        return [clause]  # no further count to split before
    numbers = sorted(clause.counts + clause.bare, key=_BY_START)
    joins = _place_words(lang)["joins"]
    if joins is None:
        return [clause]
    cuts = []
    for before, after in zip(numbers, numbers[1:]):
        if BREAKDOWN.match(text, before.end, after.start):
            break  # "aizturēti 27 trešo valstu piederīgie: 23 Irākas, viens Sīrijas ...": its parts
        found = list(joins.finditer(text, before.end, after.start))
        if not found:
            continue
        join = found[-1]
        if join.group().strip()[:1].isalnum() and not text[join.end():after.start].strip() \
                and not _acts(text[after.end:clause.end], lang) \
                and not _elsewhere(text, clause, join.start(), after, lang):
            continue  # "aizturēja 13 ārzemniekus un divus pārvietotājus": one act, two kinds of people
        cuts.append(join.start())
    if not cuts:
        return [clause]
    bounds = [clause.start] + cuts + [clause.end]
    return [Clause(s, e, clause.date, _inside(clause.places, s, e), _inside(clause.counts, s, e),
                   _inside(clause.bare, s, e)) for s, e in zip(bounds, bounds[1:])]


def _elsewhere(text: str, clause: Clause, cut: int, count: CountMention, lang: str) -> bool:
    """Whether the people counted after a join were somewhere else, another group: "detained 9
    people near Krynki and 22 near Narewka", "nine people from Syria ... and 22 others in the
    area of the Bialowieza forest". The part after names where they were (a place that is no
    origin), and the part before names another, or the count says "others"."""
    def where(start: int, end: int) -> set[str]:
        return {m.lemma for m in _inside(clause.places, start, end)
                if m.role == LOCATION and not m.adjective and not _is_origin(text, m, lang)}
    after = where(count.end, clause.end)
    if not after:
        return False
    before = where(clause.start, cut)
    others = _place_words(lang)["others"]
    gap = len(text[count.end:clause.end]) - len(text[count.end:clause.end].lstrip())
    return bool(before - after) or (others is not None and others.match(text, count.end + gap) is not None)


REPORT_REACH = 5  # words between a date and the reporting verb it dates


def _reported(text: str, sentence: Sentence, d: DateMention, lang: str) -> bool:
    """Whether a date is the day something was said: a statement word within a few words."""
    complementizers = _place_words(lang)["complementizers"]
    before = [fold(w) for w in TOKEN.findall(text[max(sentence.start, d.start - 80):d.start])[-REPORT_REACH:]]
    after = [fold(w) for w in TOKEN.findall(text[d.end:min(sentence.end, d.end + 80)])[:REPORT_REACH]]
    # only the words up to a complementizer: "informēja, ka 7. augustā" dates what follows "ka"
    for i in range(len(before) - 1, -1, -1):
        if before[i] in complementizers:
            before = before[i + 1:]
            break
    after = after[:next((i for i, w in enumerate(after) if w in complementizers), len(after))]
    return _rule_index(lang).first(" " + " ".join(before + after), STATEMENT) is not None


def _is_frame(clause: Clause) -> bool:
    """A clause that only says who reported and when: no located place, no count."""
    located = [p for p in clause.places if p.role == LOCATION and p.place_id]
    return not located and not clause.counts and not clause.bare


def _specificity(place: Place) -> int:
    """Rank of a place type, most specific first."""
    return SPECIFICITY.index(place.type) if place.type in SPECIFICITY else len(SPECIFICITY)


def _is_origin(text: str, m: PlaceMention, lang: str, key: str = "origin") -> bool:
    """Whether a place follows an origin word: "from Belarus", "from the Middle East", "no
    Baltkrievijas" (key="transit": a word of the way through, "via Belarus", "caur Baltkrieviju")."""
    return _origin_before(text[max(0, m.start - ORIGIN_REACH):m.start], lang, key)


@lru_cache(maxsize=8192)
def _origin_before(before_text: str, lang: str, key: str = "origin") -> bool:
    """Whether this text ends with an origin (or transit) word, and perhaps an article."""
    return _ends_with_origin(_folded_words(before_text), lang, key)


def _folded_words(text: str) -> list[str]:
    """The words of a text, folded."""
    return [fold(w) for w in TOKEN.findall(text)]


def _ends_with_origin(words: list[str], lang: str, key: str) -> bool:
    """Whether these folded words end with an origin (or transit) word, and perhaps an article."""
    return _origin_tail(words, lang).endswith(_origin_endings(lang)[1][key])


def _origin_tail(words: list[str], lang: str) -> str:
    """" " and the last three of these folded words once the articles at their end are dropped:
    what the origin and the transit endings are tested against."""
    articles = _origin_endings(lang)[0]
    while words and words[-1] in articles:
        words.pop()
    return " " + " ".join(words[-3:])


@lru_cache(maxsize=None)
def _origin_endings(lang: str) -> tuple[frozenset[str], dict[str, tuple[str, ...]]]:
    """The articles of a language, and by key its origin and its transit words as the endings
    (" word") a text before a place is tested for."""
    return frozenset(language.pack(lang).articles), \
        {key: tuple(" " + word for word in _place_words(lang)[key]) for key in ORIGIN_KEYS}


def _where(mentions: list[PlaceMention], doc: "_Doc") -> list[Place]:
    """The located places of `mentions` an event may sit at: none when all of them are only
    where people came from ("from Belarus" alone does not say where they arrived), and none
    when only a union or a continent is named (no country to draw it in)."""
    located = _located(mentions, doc.places, doc.origin)
    if not located or located[0].type in BEYOND_COUNTRY:
        return []
    origins = {m.place_id for m in mentions if m.role == LOCATION and not m.near and doc.origin(m)}
    if not origins:
        return located  # no one came from any of them (and the first is no union or continent)
    return located if any(p.id not in origins and p.type not in BEYOND_COUNTRY for p in located) else []


def _is_located(m: PlaceMention, places: dict[str, Place]) -> bool:
    """Whether a mention is of a place where something is, with coordinates."""
    place = places.get(m.place_id or "")
    return m.role == LOCATION and place is not None and place.lat is not None


def _located(mentions: list[PlaceMention], places: dict[str, Place],
             origin: "Callable[[PlaceMention, str], bool] | None" = None) -> list[Place]:
    """Distinct located places with coordinates: where it happened before what it was near,
    and before where people came from (`origin`: whether a mention follows an origin or a
    transit word, `_Doc.origin`); then the most specific first, then in text order."""
    seen: dict[str, tuple[PlaceMention, Place]] = {}  # each place's first mention
    for m in mentions:
        place = places.get(m.place_id or "")
        if m.role == LOCATION and place and place.lat is not None and place.id not in seen:
            seen[place.id] = (m, place)
    if len(seen) < 2:
        return [place for _, place in seen.values()]  # nothing to rank: no origin word looked for

    def passed(m: PlaceMention) -> bool:
        """Whether people came from or through the place ("netālu no Silenes" is near Silene, not from it)."""
        return origin is not None and not m.near and (origin(m, "origin") or origin(m, "transit"))

    # a union or a continent is no position of its own (no country of the contract): it comes
    # after every other place, even one people came from or passed through
    # a reference point ("near Krynki") comes after where it happened, but before a whole
    # country: "tried to cross into Poland near Krynki" is drawn at Krynki, not mid-Poland
    ranked = sorted(seen.values(), key=lambda item: (item[1].type in BEYOND_COUNTRY, passed(item[0]),
                                                     item[1].type == "country", item[0].near, _specificity(item[1])))
    return [place for _, place in ranked]


def _section(line: Place, mentions: list[PlaceMention], places: dict[str, Place]) -> Place | None:
    """The section of a border line by the one settlement or facility a clause names in any
    role ("in the border section guarded by the Varėna border team", "on the border near
    Narewka"): the line's point nearest it, when it lies within SECTION_KM; else None."""
    named = {m.place_id: places[m.place_id] for m in mentions if not m.adjective and m.place_id in places
             and places[m.place_id].type in SECTION_TYPES and places[m.place_id].lat is not None}
    if len(named) != 1:
        return None  # none, or several: no one section
    [place] = named.values()
    near = borders.nearest_point(line.id, place.lat, place.lon)
    if near is None or near[2] > SECTION_KM:
        return None
    return replace(line, name=f"{line.name} near {place.name}", lat=near[0], lon=near[1])


def _names_unplaced(mentions: list[PlaceMention], places: dict[str, Place], near: bool = False) -> bool:
    """Whether a clause names, where something is, a place (not a historical unit) that the
    gazetteer cannot place; `near`: a reference point ("near X") counts too."""
    for m in mentions:
        if m.role != LOCATION or m.adjective or (m.near and not near) or "historical" in m.reason:
            continue
        place = places.get(m.place_id or "")
        if place is None or (place.lat is None and place.type != "historical"):
            return True
    return False


def _countries(mentions: list[PlaceMention], places: dict[str, Place]) -> tuple[str, ...]:
    """ISO 3166-1 codes of every place in the clause, whatever its role."""
    if len(mentions) == 1:  # most clauses name one place: no set to build and sort
        code = _country_code(mentions[0], places)
        return (code,) if code else ()
    return tuple(sorted({code for m in mentions if (code := _country_code(m, places))}))


def _country_code(m: PlaceMention, places: dict[str, Place]) -> str | None:
    """The ISO 3166-1 code of the country of a mention's place, if it has one."""
    place = places.get(m.place_id)
    code = place.country if place is not None else None
    return code if code and _is_country(code) else None


@lru_cache(maxsize=None)
def _is_country(code: str) -> bool:
    """Whether a code is an ISO 3166-1 country (pycountry's look-up, once per code)."""
    return pycountry.countries.get(alpha_2=code) is not None


def _date_before(resolved: "Sorted", d: DateMention) -> DateMention | None:
    """The last of the document's dates that starts before `d` and ends by its start."""
    items, i = resolved.items, bisect_left(resolved.starts, d.start) - 1
    while i >= 0 and items[i].end > d.start:
        i -= 1  # (mostly none: the date just before ends before `d`)
    return items[i] if i >= 0 else None


def _period(d: DateMention, before: DateMention | None, published: Publication | None) -> tuple[date, date]:
    """Close an open range: "līdz X" starts where the preceding date ended (else X's own
    period), "kopš X" ends at the publication date — the last day it can be, when only its
    month or year is known — (else with X's own period)."""
    if d.date_start and d.date_end:
        return d.date_start, d.date_end
    known = d.date_start or d.date_end
    if d.date_start is None:
        if before is not None and before.date_end and before.date_end <= known:
            return before.date_end, known
        return d.own_start or known, known
    if published is not None and published.last >= known:
        return known, published.last
    return known, d.own_end or known


def _context_period(previous: list[DateMention]) -> tuple[date, date, int]:
    """The span of the previous sentence's dates, and how precise it is."""
    starts = [d.date_start or d.date_end for d in previous]
    ends = [d.date_end or d.date_start for d in previous]
    start, end = min(starts), max(ends)
    days = (end - start).days
    spread = DAY if days == 0 else WEEK if days <= 10 else MONTH
    return start, end, max([spread] + [d.precision for d in previous])


@dataclass(frozen=True, order=True)
class Span:
    """A highlightable span of the document an event came from: a place, a date or a count."""

    start: int
    end: int
    kind: str  # "place", "date" or "count"
    surface: str

    def row(self) -> dict[str, Any]:
        """The span as a layer row's field, keys in the data contract's order."""
        return {"start": self.start, "end": self.end, "kind": self.kind, "surface": self.surface}


def _span(m, kind: str) -> Span:
    """A highlightable span of the document."""
    return Span(m.start, m.end, kind, m.surface)


def _sorted_spans(spans: Iterable[Span]) -> tuple[Span, ...]:
    """Spans in text order (a stable sort by start and end, as the layers have them)."""
    return tuple(sorted(spans, key=_BY_SPAN))


@dataclass(frozen=True)
class _Doc:
    """What every clause of one document is read against."""

    doc_id: str
    text: str
    resolved: "Sorted"  # the document's anchored, normalised dates
    places: dict[str, Place]  # the places the mentions name, and the border sections
    lang: str
    published: Publication | None
    unresolved: "Sorted" = None  # anchored dates with no year to give them a day ("October" undated)
    folded: FoldedText | None = None  # the text folded, when every character folds one to one
    origins: dict[int, str] = field(default_factory=dict, compare=False)  # `_origin_tail` by mention start
    rules: dict[tuple[int, int, bool], "_Rule | None"] = field(default_factory=dict, compare=False)  # of `_span_rule`

    def origin(self, m: PlaceMention, key: str = "origin") -> bool:
        """`_is_origin` of a mention; the words before it are read once per mention for both
        keys (a clause asks of the same mention several times, for origin and transit)."""
        tail = self.origins.get(m.start)
        if tail is None:
            before = max(0, m.start - ORIGIN_REACH)
            # the words `_is_origin` reads, sliced from the folded text when there is one
            words = _folded_words(self.text[before:m.start]) if self.folded is None \
                else self.folded.folded[before:m.start].split()
            tail = self.origins[m.start] = _origin_tail(words, self.lang)
        return tail.endswith(_origin_endings(self.lang)[1][key])


_UNTYPED = _Rule("", ())  # what `_Doc.rules` gives for a span not typed yet (None: no rule types it)


def _span_rule(doc: _Doc, start: int, end: int, places: list[PlaceMention] | None = None) -> _Rule | None:
    """`_typed` of text[start:end], with the place names of its sentence (`places`) blanked
    (`_unnamed`) when given; once per span and document (a one-clause sentence is typed as
    sentence and as clause)."""
    key = (start, end, places is not None)
    if (rule := doc.rules.get(key, _UNTYPED)) is not _UNTYPED:
        return rule
    blanked = places or ()
    if doc.folded is None:
        rule = _typed(_unnamed(doc.text, start, end, blanked), doc.lang)
    else:
        rule = _first_rule_of_words(doc.folded.words(start, end, blanked), doc.lang)
        if rule is not None and rule.type in _place_words(doc.lang)["since_types"]:
            rule = _since_given_way(rule, _unnamed(doc.text, start, end, blanked), doc.lang)
    doc.rules[key] = rule
    return rule


@dataclass(slots=True)  # never changed once made (not frozen: one is made per sentence, 5× faster)
class _SentenceFacts:
    """One sentence and what is found in it as a whole, shared by its clauses."""

    sentence: Sentence
    places: list[PlaceMention]
    rule: "_Rule | None"  # the sentence's event type rule
    has_counts: bool


@dataclass(slots=True)  # moved on in place, sentence by sentence (`after`)
class Context:
    """What the sentences before leave for the next, within a paragraph: the dates of the
    last sentence that had any and the located places of the last that had any, each with
    how many sentences back; the countries named so far in the document; the last event."""

    dates: list[DateMention] = field(default_factory=list)
    dates_since: int = CONTEXT_REACH + 1
    previous: list[DateMention] = field(default_factory=list)  # the dates the sentence before used
    places: list[PlaceMention] = field(default_factory=list)
    places_since: int = CONTEXT_REACH + 1
    countries: tuple[str, ...] = ()  # in the order last named, most recent first
    last_type: str | None = None
    fine: list[PlaceMention] = field(default_factory=list)  # the last settlement or facility named
    fine_since: int = CONTEXT_REACH + 1

    def after(self, dates: list[DateMention], places: list[PlaceMention], own: list[DateMention],
              countries: list[str], last_type: str | None, fine: list[PlaceMention] = ()) -> "Context":
        """This context moved on to the next sentence (in place, not a new one per sentence: no
        one keeps the context of a sentence before); `own`: the dates the sentence states itself
        (only those restart the reach), `dates`/`places` what its events used, `fine` the
        settlements and facilities it names where something is."""
        if own:
            self.dates, self.dates_since = dates, 1
        else:
            self.dates_since += 1
        self.previous = dates
        if places:
            self.places, self.places_since = places, 1
        else:
            self.places_since += 1
        if countries and (len(countries) > 1 or self.countries[:1] != (countries[0],)):
            # most recent first, then the ones named before (none new: a sentence mostly names
            # the country named last)
            self.countries = tuple(dict.fromkeys((*reversed(countries), *self.countries)))
        self.last_type = last_type or self.last_type
        if fine:
            self.fine, self.fine_since = list(fine), 1
        else:
            self.fine_since += 1
        return self

    def paragraph(self, keep_dates: bool = False) -> "Context":
        """The context at a new paragraph: dates do not carry over (the publication date
        stands in); places do, within their reach (a one-sentence paragraph "There were 200
        such attempts on Saturday" is still about the border named before), and so do the
        document's countries and the last event's type."""
        dates, dates_since = (self.dates, self.dates_since) if keep_dates else ([], CONTEXT_REACH + 1)
        return Context(dates, dates_since, [], self.places, self.places_since, self.countries, self.last_type,
                       self.fine, self.fine_since)

    def near_dates(self) -> list[DateMention]:
        return self.dates if self.dates_since <= CONTEXT_REACH else []

    def near_places(self) -> list[PlaceMention]:
        return self.places if self.places_since <= CONTEXT_REACH else []

    def near_fine(self) -> list[PlaceMention]:
        return self.fine if self.fine_since <= CONTEXT_REACH else []

    def counted_dates(self) -> list[DateMention]:
        """The dates a dateless sentence that counts people takes, when they are near enough."""
        return self.near_dates()


def _border_between(a: str, b: str, gazetteer_places: dict[str, Place]) -> Place | None:
    """The gazetteer's border place whose name names both countries ("Poland–Belarus border")."""
    na, nb = (pycountry.countries.get(alpha_2=c) for c in (a, b))
    if not na or not nb:
        return None
    names = {fold(getattr(n, "common_name", None) or n.name) for n in (na, nb)}
    for place in gazetteer_places.values():
        if place.type == "border" and place.lat is not None:
            folded = fold(place.name)
            if all(name in folded for name in names):
                return place
    return None


def _named_countries(mentions: list[PlaceMention], places: dict[str, Place]) -> tuple[str, ...]:
    """The countries of the places a sentence names in any role, in text order, each once."""
    return tuple(dict.fromkeys(country for m in mentions
                               if (place := places.get(m.place_id)) is not None and (country := place.country)))


def _country_place(code: str, gazetteer_places: dict[str, Place]) -> Place | None:
    """The gazetteer's country place of an ISO code."""
    return next((p for p in gazetteer_places.values() if p.type == "country" and p.country == code
                 and p.lat is not None), None)


def _border_of(text: str, start: int, end: int, located: list[Place], context: Context,
               gazetteer_places: dict[str, Place], lang: str, sentence_places: list[PlaceMention] = (),
               implied: bool = False) -> Place | None:
    """"the border (zone) with Belarus" in a text about Poland: the Poland–Belarus border.
    `sentence_places`: the place mentions of the sentence, whose countries may be
    the other side; `implied`: the clause needs no border word (a pushback that names only
    where people were sent back to, an incident at a village the gazetteer lacks)."""
    countries = [p for p in located if p.type == "country"]
    # a border among the places (no area of countries) is the border already
    if not 1 <= len(countries) <= 2 or any(p.type not in AREAS_OF_COUNTRIES for p in located):
        return None
    if not implied and not _tells_border(text[start:end], lang):
        return None
    if len(countries) == 2:  # "the border from Belarus to Poland", "the border of Lithuania with Belarus"
        return _border_between(countries[0].country, countries[1].country, gazetteer_places)
    # the other side: a country the sentence names in any role ("Latvijas varas iestādes ... uz
    # Baltkrievijas robežas"), else the one the text was last about
    other = next((c for c in _named_countries(sentence_places, gazetteer_places) + context.countries
                  if c != countries[0].country), None)
    return _border_between(countries[0].country, other, gazetteer_places) if other else None


@lru_cache(maxsize=4096)
def _tells_border(text: str, lang: str) -> bool:
    """Whether a text has a border word that is not a guard's or an office's name."""
    words = _place_words(lang)
    folded = fold(text)
    for name in words["border_not"]:
        folded = folded.replace(name, " ")
    return words["border"] is not None and words["border"].search(folded) is not None


_SPACE = re.compile(r"\s*")


def assemble(doc_id: str, text: str, sentences: list[Sentence], places: list[PlaceMention],
             dates: list[DateMention], counts: list[CountMention], bare: list[CountMention],
             gazetteer_places: dict[str, Place], lang: str,
             published: date | Publication | None = None) -> list[Event]:
    """Every event of a document, in text order, with ids `<doc_id>:e<n>`; `published` is a
    day, or a month or year of publication (`geo.text.dates.Publication`)."""
    published = as_publication(published)
    starts = sentences_mod.paragraph_starts(text, 0, len(text))
    datelines = _datelines(text, sentences, starts)
    dates = _apart(dates, datelines)[0]
    resolved = Sorted([d for d in dates if d.anchor and (d.date_start or d.date_end)])
    places, dateline_places = _apart(places, datelines)
    places, counts, bare = Sorted(places), Sorted(counts), Sorted(bare)
    events: list[Event] = []
    paragraph = last_paragraph = 0
    previous_found: list[Event] = []  # the events of the sentence before
    headings = {i for i, p in enumerate(starts, 1) if _heading(text, p, i == 1)}
    about = [gazetteer_places[m.place_id].country for m in dateline_places if m.place_id in gazetteer_places]
    context = Context(countries=tuple(dict.fromkeys(about)))  # "RIGA, August 16.": a text about Latvia
    doc = _Doc(doc_id, text, resolved, gazetteer_places, lang, published,
               Sorted([d for d in dates if d.anchor and not (d.date_start or d.date_end)]),
               FoldedText.of(text))
    for sentence in sentences:
        now = bisect_right(starts, sentence.start)
        if now != paragraph:
            # with no publication date to stand in, the last date carries on (within its reach)
            context, paragraph = context.paragraph(keep_dates=published is None or _goes_on(doc, sentence)), now
        if now in headings:  # a title tells what the report is about, the report tells it again
            heading_places = [m for m in _inside(places, sentence.start, sentence.end)
                              if _is_located(m, gazetteer_places)]
            context = context.after([], heading_places, [], [gazetteer_places[m.place_id].country
                                                             for m in heading_places], None)
            continue
        in_sentence = resolved.inside(sentence.start, sentence.end)
        sentence_places = places.inside(sentence.start, sentence.end)
        sentence_rule = _span_rule(doc, sentence.start, sentence.end, sentence_places)
        sentence_counts = counts.inside(sentence.start, sentence.end)
        found = []
        # (`resolved` holds only anchoring dates: the sentence's are its anchors)
        parts = () if _tells_nothing(doc, sentence, sentence_rule, sentence_counts, in_sentence) else \
            _clauses(sentence, in_sentence, sentence_places, sentence_counts, bare.inside(sentence.start, sentence.end),
                     lang, text)
        facts = _SentenceFacts(sentence, sentence_places, sentence_rule, bool(sentence_counts)) if parts else None
        for clause in parts:
            event = _event(doc, facts, clause, context, found[-1].event_type if found else context.last_type,
                           found[-1] if found else (previous_found[-1] if previous_found else None))
            prior = found[-1] if found else (events[-1] if events else None)
            if event and prior is not None and _points_back(text, clause, event, prior, lang):
                # "šāds lēmums pieņemts, jo ...", "The body was found ... yesterday": the event
                # before, told again; a date of its own dates it if it had only its report's day
                if _dates_report(prior, event, text, lang):
                    redated = _redated(prior, event)
                    if found:
                        found[-1] = redated
                    else:
                        events[-1] = redated
                continue
            if event and not any(_restates(event, e) for e in found):
                told = _told_at(event, events)
                if told is None:
                    found.append(event)
                elif _report_dated(events[told], event, text, lang) or _undated(events[told], event):
                    events[told] = _redated(events[told], event)
        if not found and events and last_paragraph == now and events[-1].persons is None and sentence_counts \
                and sentence_counts[0].unit == "person" \
                and sentence_rule is None and not in_sentence and not _where(sentence_places, doc):
            # "... Krāslavas novadā tika aizturēti migranti. Tie bija astoņi Irānas pilsoņi.": who
            # they were, told in the next sentence
            count, last = sentence_counts[0], events[-1]
            spans = _sorted_spans(last.spans + (_span(count, "count"),))
            events[-1] = replace(last, persons=count.value, quote_end=sentence.end, spans=spans)
        if not found and events and now - last_paragraph <= 1 and (here := _happened_at(doc, sentence, sentence_rule,
                                                                             sentence_places, events[-1])):
            # "50 migrantiem izdevies ielauzties Polijā. Tas noticis pie Dubičes Cerkevnes.": where
            # the incident before happened, told next; the sentence goes on with that incident
            events[-1], previous_found = here, [here]
            context = context.after(here.date_mentions, _by_kind(sentence_places, gazetteer_places)[0],
                                    here.date_mentions, [], here.event_type)
            continue
        found = _since_partitioned(found)
        if found and events and now - last_paragraph <= 1 and _told_further(found[0], events[-1], text, lang):
            events[-1] = _merged(events[-1], found.pop(0), lang)
        events += found
        previous_found = found
        if found:
            last_paragraph = now
        # the countries the text is about: where things are, and whose offices act ("Latvijas
        # varas iestādes"); only the border a clause names is told by them, never a position
        own_located, countries, fine = _by_kind(sentence_places, gazetteer_places)
        used = [d for e in found for d in e.date_mentions if not e.date_from_context] or in_sentence
        context = context.after(used, own_located or (found[-1].place_mentions if found else []),
                                in_sentence, countries, found[-1].event_type if found else None, fine)
    events = _leads_joined(events, text, lang)
    return _numbered(events, doc_id)


def _tells_nothing(doc: _Doc, sentence: Sentence, rule: _Rule | None, counts: list[CountMention],
                   anchors: list[DateMention]) -> bool:
    """Whether no clause of a sentence can be an event, so it is not cut into clauses: no rule
    types it and it counts nothing (`_event` makes no event of neither), it has one anchoring
    date at most, and no relative clause (whose head `_head_act` types with its place names
    kept). Its clauses are then the parts cut before a contrast word's comma, each a run of the
    sentence's words, which no rule types when the sentence's words are typed by none."""
    if rule is not None or counts or len(anchors) > 1:
        return False
    relatives = _place_words(doc.lang)["relatives"]
    return relatives is None or relatives.search(doc.text, sentence.start, sentence.end) is None


def _told_at(event: Event, events: list[Event]) -> int | None:
    """The index of the latest of `events` that `event` tells again (`_restates`), if any."""
    etype = event.event_type
    for k, old in zip(range(len(events) - 1, -1, -1), reversed(events)):
        if old.event_type == etype and _restates(event, old):
            return k
    return None


def _by_kind(mentions: list[PlaceMention], places: dict[str, Place]) -> tuple[list[PlaceMention], list[str],
                                                                         list[PlaceMention]]:
    """Of a sentence's place mentions: those of located places (`_is_located`), the countries
    of every place named in any role, in text order, and the located settlements and facilities."""
    located, countries, fine = [], [], []
    for m in mentions:
        place = places.get(m.place_id)
        if place is None:
            continue
        if place.country:
            countries.append(place.country)
        if m.role == LOCATION and place.lat is not None:
            located.append(m)
            if place.type in FINE_TYPES:
                fine.append(m)
    return located, countries, fine


def _datelines(text: str, sentences: list[Sentence], starts: list[int]) -> list[tuple[int, int]]:
    """(start, end) of each paragraph's dateline ("RIGA, August 16."), in text order."""
    datelines = []
    for s in sentences:
        # first of its paragraph: only white space since the paragraph's start (matched, not
        # sliced and stripped: in a one-paragraph text that slice grows with every sentence)
        opens = _SPACE.match(text, starts[bisect_right(starts, s.start) - 1], s.start).end() == s.start
        cut = sentences_mod.dateline_end(text, s.start, s.end) if opens else s.start
        if cut > s.start:
            datelines.append((s.start, cut))
    return datelines


def _apart(mentions: list, spans: list[tuple[int, int]]) -> tuple[list, list]:
    """The mentions that start in none of `spans` (disjoint, in text order), and those that
    start in one (found by bisection)."""
    if not spans:
        return mentions, []
    starts = [a for a, _ in spans]
    kept, masked = [], []
    for m in mentions:
        i = bisect_right(starts, m.start) - 1
        (masked if i >= 0 and m.start < spans[i][1] else kept).append(m)
    return kept, masked


def _numbered(events: list[Event], doc_id: str) -> list[Event]:
    """The events with their ids `<doc_id>:e<n>`. Each is set on the event itself, made in
    this document's assembly and not yet seen by anyone (as a frozen dataclass's own __init__
    sets its fields; `replace` would run the whole __init__, a tenth of the stage); one that
    already has an id is copied first."""
    out = []
    for n, event in enumerate(events, 1):
        event = copy.copy(event) if event.id else event
        object.__setattr__(event, "id", f"{doc_id}:e{n}")
        out.append(event)
    return out


def _leads_joined(events: list[Event], text: str, lang: str) -> list[Event]:
    """Events told next to each other as one incident joined: a summary with no count and no
    date but its report's, and the account that counts the people ("Polija novērsusi jaunus
    mēģinājumus ..., piektdien vēsta PAP. ... mēģināja aptuveni 35 cilvēku grupu iespiest ...",
    "more than 50 attempts ... over the past day. ... attempts ... took place in areas guarded by
    border posts in ...")."""
    out: list[Event] = []
    for event in events:
        if out and _one_incident(out[-1], event, text, lang):
            # the account that counts is the event; its quote is its own sentence, not the
            # sentences between it and the summary
            out[-1] = out[-1] if out[-1].persons is not None else event
        else:
            out.append(event)
    return out


def _one_incident(first: Event, second: Event, text: str, lang: str) -> bool:
    """Whether two events next to each other, of one type, are one incident: exactly one counts
    people, the other has no date of its own but the day it was reported, both in one country,
    and the later does not say it is another ("another group", "vēl 100")."""
    if first.event_type != second.event_type or first.event_type in WEAK_TYPES:
        return False
    if (first.persons is None) == (second.persons is None):
        return False
    bare = first if first.persons is None else second
    if _counted(bare) or not _report_day_only(bare, text, lang):
        return False
    more = _place_words(lang)["more"]
    if more and more.search(text, second.quote_start, second.quote_end):
        return False  # the later one says it is another ("Another group tried ...")
    return bool({first.position.country, *first.countries} & {second.position.country, *second.countries})


def _report_day_only(event: Event, text: str, lang: str) -> bool:
    """Whether an event has no date of its own but the day of its report: none, the publication
    day standing in, or a date the sentence gives to a saying verb ("..., piektdien vēsta PAP")."""
    if event.date_relation in (PUBLICATION, UNKNOWN):
        return True  # the publication day standing in, or no date at all
    sentence = Sentence(event.quote_start, event.quote_end)
    return bool(event.date_mentions) and not event.date_from_context \
        and all(_reported(text, sentence, d, lang) for d in event.date_mentions)



HEADING_LENGTH = 120, 60  # characters of a title at the start of a text, of one further on
_LINE = re.compile(r"[^\n]*")


OPENING_REACH = 6  # words at a paragraph's start where "X also said that" is looked for


def _recounts_earlier(text: str, sentence: Sentence, lang: str) -> bool:
    """Whether a sentence opens by recounting earlier news: what it tells with no date of its
    own happened before, on a day the text does not give."""
    recounts = _recounts(lang)
    return recounts is not None and recounts.match(text, sentence.start, sentence.end) is not None


def _head_act(doc: "_Doc", clause: Clause, words: dict) -> tuple[_Rule, Clause] | None:
    """The act a clause's head tells, and the clause without the date of a relative clause of
    another act after it: "ordered ... to tighten control over the border with Lithuania, which
    had begun turning away migrants ... earlier this week" is the order, on its own day."""
    if clause.counts or clause.bare or words["relatives"] is None:
        return None
    rel = words["relatives"].search(doc.text, clause.start, clause.end)
    if rel is None:
        return None
    head, tail = _span_rule(doc, clause.start, rel.start()), _span_rule(doc, rel.start(), clause.end)
    if head is None or tail is None or "statement" in (head.type, tail.type) or head.type == tail.type:
        return None
    dated_tail = clause.date is not None and clause.date.start >= rel.start()
    return head, replace(clause, date=None) if dated_tail else clause


def _since_partitioned(found: list[Event]) -> list[Event]:
    """A "since" period listed after periods that fill the time from their start to its end ends
    where they begin: "šī gada janvārī – 321, 2022. gadā – 5286, no 2021. gada 11. augusta –
    4045" counts 11 August 2021 to the end of 2021."""
    if len(found) < 2:
        return found  # a period is partitioned by the others before it
    out = list(found)
    for i, e in enumerate(found):
        if e.date_relation != "from" or e.date_start is None or e.date_end is None:
            continue
        others = sorted((o for o in found[:i] if o.event_type == e.event_type and o.date_relation != "from"
                         and o.date_start is not None and o.date_end is not None and o.date_start > e.date_start),
                        key=lambda o: o.date_start)
        tiles = bool(others) and others[-1].date_end == e.date_end and all(
            a.date_end + timedelta(days=1) == b.date_start for a, b in zip(others, others[1:]))
        if tiles:
            out[i] = replace(e, date_end=others[0].date_start - timedelta(days=1))
    return out


def _goes_on(doc: "_Doc", sentence: Sentence) -> bool:
    """Whether a paragraph's first sentence goes on with the report before it: a saying verb
    and "also" in its first words ("The Border Guard also informed that ...")."""
    text, lang = doc.text, doc.lang
    if doc.folded is not None:
        words = doc.folded.folded[sentence.start:sentence.end].split(None, OPENING_REACH)[:OPENING_REACH]
    else:
        words = [fold(m.group()) for m in islice(TOKEN.finditer(text, sentence.start, sentence.end), OPENING_REACH)]
    continues = _place_words(lang)["continues"]
    if continues.isdisjoint(words):
        return False
    return _rule_index(lang).first(" " + " ".join(words), STATEMENT) is not None


def _heading(text: str, start: int, first: bool) -> bool:
    """A paragraph of one short line with no closing punctuation, followed by another: a title."""
    m = _LINE.match(text, start)
    line = m.group().strip()
    follows = sentences_mod.PARAGRAPH_BREAK.match(text, m.end())
    return (bool(line) and len(line) <= HEADING_LENGTH[0 if first else 1]
            and line[-1] not in ".!?:\"”»)…" and follows is not None)


def _restates(new: Event, old: Event) -> bool:
    """Whether `new` tells again an event told before: of the same type at the same place,
    either with no count of its own at overlapping dates (and a date of its own, if any,
    within the earlier event's), or with the same count ("we turned back 395 trespassers",
    quoted after the report; one body found, at overlapping dates)."""
    if new.event_type != old.event_type:
        return False
    if new.persons is not None and new.persons == old.persons and new.persons > 1 \
            and new.position.id == old.position.id:
        return True
    if None in (new.date_start, new.date_end, old.date_start, old.date_end):
        return False  # an undated event is never taken for a restatement
    if new.date_start > old.date_end or old.date_start > new.date_end:
        return False
    if new.persons is not None and new.persons == old.persons and new.position.id == old.position.id:
        return True  # "found the body of another refugee" (Tuesday), "discovered a foreigner's body" (this week)
    if new.persons is not None or not _same_place(new, old):
        return False
    if _counted(new) and _counted(new) != _counted(old):
        return False  # a number of its own is news: "2022. gadā – 5286 gadījumos ... novembrī – 429"
    if old.date_relation == PUBLICATION and not new.date_from_context:
        return True  # the event before had no date of its own: this one's is its date, no news
    # a date of its own beyond the event before is news: "from December 1 to March 1"
    return new.date_from_context or (old.date_start <= new.date_start and new.date_end <= old.date_end)


def _same_place(new: Event, old: Event) -> bool:
    """The same position, or a country carried from before that holds the border section the
    event before was placed at ("... of the border of Lithuania with Belarus", then "We are
    completing 2021 with ... 150.4 km at the border")."""
    if new.position.id == old.position.id:
        return True
    return new.place_from_context and new.position.type == "country" and old.position.type == "border" \
        and new.position.country == old.position.country


def _happened_at(doc: _Doc, sentence: Sentence, rule: "_Rule | None", mentions: list[PlaceMention],
                 last: Event) -> Event | None:
    """The event before, placed where a sentence of no act of its own says it happened ("Tas
    noticis pie Kuzņicas", "It happened near Kuźnica"), when that place is finer than the one it
    had and in a country it named; else None."""
    words = _place_words(doc.lang)
    # (a sentence that names no place places nothing: not searched)
    if not mentions or (rule is not None and rule.type != "statement") or words["happened_at"] is None \
            or not words["happened_at"].search(doc.text, sentence.start, sentence.end):
        return None
    located = _located(mentions, doc.places, doc.origin)
    if not located and last.position.type == "country" and last.event_type in words["at_border"] \
            and _names_unplaced(mentions, doc.places, near=True):
        # "Tas noticis pie Dubičes Cerkevnes", a village the gazetteer lacks: an incident at a
        # border was at the border section of its country with the other it named, not the
        # middle of the country (as "near the village of ..." in its own sentence is)
        other = next((c for c in last.countries if c != last.position.country), None)
        border = _border_between(last.position.country, other, doc.places) if other else None
        if border is not None:
            return replace(last, places=(border,) + last.places, quote_end=sentence.end, place_from_context=True)
    if not located or _specificity(located[0]) >= _specificity(last.position):
        return None
    if located[0].country not in {last.position.country, *last.countries}:
        return None
    used = [m for m in mentions if m.place_id == located[0].id]
    spans = _sorted_spans(last.spans + tuple(_span(m, "place") for m in used))
    return replace(last, places=(located[0],) + last.places, quote_end=sentence.end, spans=spans,
                   place_mentions=list(last.place_mentions) + used, place_from_context=False)


def _points_back(text: str, clause: Clause, new: Event, old: Event, lang: str) -> bool:
    """Whether a clause of the type of the event before, with no number of its own, points back
    to it ("šāds lēmums pieņemts, jo ...", "this decision", "The body was found ...")."""
    anaphora = _place_words(lang)["anaphora"]
    return anaphora is not None and new.event_type == old.event_type and not clause.counts \
        and bool(anaphora.search(text, clause.start, clause.end))


def _report_dated(old: Event, new: Event, text: str, lang: str) -> bool:
    """Whether `new`, telling `old` again with the same number of people and a date of its own,
    dates the incident where `old` had only the day it was reported ("… have prevented
    attempts by 395 illegal migrants …, Pujats said on Monday. "By the midnight of August 15,
    we turned back 395 trespassers.")."""
    return new.persons is not None and new.persons == old.persons and _dates_report(old, new, text, lang)


def _dates_report(old: Event, new: Event, text: str, lang: str) -> bool:
    """Whether `new` has a date of its own and `old` only the day it was reported."""
    if new.date_from_context or not new.date_mentions:
        return False
    sentence = Sentence(old.quote_start, old.quote_end)
    return bool(old.date_mentions) and not old.date_from_context \
        and all(_reported(text, sentence, d, lang) for d in old.date_mentions)


def _undated(old: Event, new: Event) -> bool:
    """Whether `old` had no date of its own (the publication day stood in) and `new`, telling it
    again, has one."""
    return old.date_relation == PUBLICATION and not new.date_from_context and bool(new.date_mentions)


def _redated(old: Event, new: Event) -> Event:
    """`old` with the date `new` gives the incident (and its date spans), and its place when
    `new` names a settlement or facility where `old` had only an area."""
    spans = [s for s in old.spans if s.kind != "date"] + [s for s in new.spans if s.kind == "date"]
    if new.position.type in FINE_TYPES and old.position.type not in FINE_TYPES and not new.place_from_context:
        spans = [s for s in spans if s.kind != "place"] + [s for s in new.spans if s.kind == "place"]
        old = replace(old, places=new.places, countries=new.countries, place_mentions=list(new.place_mentions))
    return replace(old, date_start=new.date_start, date_end=new.date_end, date_text=new.date_text,
                   time_precision=new.time_precision, date_relation=new.date_relation,
                   date_from_context=new.date_from_context, date_mentions=list(new.date_mentions),
                   spans=_sorted_spans(spans))


def _told_further(new: Event, old: Event, text: str, lang: str) -> bool:
    """Whether `new`, with no date of its own, tells more of the incident `old` told just before
    ("Ielaušanās mēģinājums noticis ceturtdienas vakarā pie Kuznicas ciema. ... mēģināja aptuveni
    35 cilvēku grupu iespiest Polijas teritorijā ... izjaukuši centienus iekļūt Polijā"): an
    attempt and its repelling, in the same country, only one of them counting people."""
    words = _place_words(lang)
    family = words["told_further"]
    if new.event_type not in family or old.event_type not in family \
            or family.index(new.event_type) < family.index(old.event_type):
        return False  # in the list's order only: some let in after the many turned back is news
    if words["more"] and words["more"].search(text, new.quote_start, new.quote_end):
        return False  # "Another group tried to cross": another incident
    if not (new.date_from_context or new.date_relation == PUBLICATION) or new.date_start is None:
        return False
    if old.date_start is None or not (old.date_start <= new.date_start <= (old.date_end or old.date_start)) \
            and new.date_relation != PUBLICATION:
        return False
    if _counted(new) and _counted(old):
        return False  # another number, or what happened next to the people counted ("were all detained and sent back")
    same = new.position.id == old.position.id
    return same or (new.position.type == "country" and new.position.country == old.position.country)


def _merged(old: Event, new: Event, lang: str) -> Event:
    """One incident told over two sentences: the earlier's date and place, the number of
    people either gives, the later's type (the outcome)."""
    etype = new.event_type
    spans = _sorted_spans(set(old.spans) | {s for s in new.spans if s.kind == "count"})
    return replace(old, event_type=etype, persons=old.persons if old.persons is not None else new.persons,
                   quote_end=max(old.quote_end, new.quote_end), spans=spans)


def _counted(event: Event) -> tuple[str, ...]:
    """The numbers an event states (of people or of cases), as written."""
    return tuple(s.surface for s in event.spans if s.kind == "count")


def _same_people(before: "Event | None", etype: str, incident: bool, count: CountMention | None,
                 clause: Clause, words: dict) -> bool:
    """Whether a clause with no place, date or count of its own tells what happened next to
    the people the sentence before counted (another type of event)."""
    return (incident and count is None and clause.date is None and before is not None
            and bool(before.persons) and before.event_type != etype and etype in words["context_placed"])


def _event(doc: _Doc, facts: _SentenceFacts, clause: Clause, context: Context,
           last_type: str | None, before: Event | None = None) -> Event | None:
    """The event of one clause, or None when it is no incident or cannot be dated and placed."""
    doc_id, text, resolved, gazetteer_places, lang, published = \
        doc.doc_id, doc.text, doc.resolved, doc.places, doc.lang, doc.published
    sentence, sentence_places, sentence_rule, sentence_has_counts = \
        facts.sentence, facts.places, facts.rule, facts.has_counts
    rule = _span_rule(doc, clause.start, clause.end, sentence_places)
    if rule is None or rule.type == "statement":
        rule = sentence_rule if sentence_rule and sentence_rule.type != "statement" else rule
    if rule is not None and rule.restates and last_type == rule.restates:
        return None  # "12 robežpārkāpējus ievietoja ... centrā": the detention before, told further
    words = _place_words(lang)
    if (head := _head_act(doc, clause, words)) is not None:
        rule, clause = head
    more_of_before = False
    count = (clause.counts or (clause.bare if sentence_has_counts else []) or [None])[0]
    etype = rule.type if rule else "other"
    if rule is None and count is not None and clause.date is not None and last_type and words["more"] \
            and words["more"].search(text, clause.start, clause.end):
        etype = last_type  # "There were 200 such attempts on Saturday": more of the same
    elif rule is None and sentence_rule is None and count is not None and count.unit == "person" and last_type \
            and not sentence_places and (clause.date is not None or _inside(doc.unresolved, clause.start, clause.end)):
        # "... recorded over 33,000 attempts ... October saw 17,300 attempts, September 7,700":
        # counts of their own dates in a sentence with no act word and no place are more of the
        # same, where the figure before was
        etype, more_of_before = last_type, True
    if etype == "statement":
        return None  # who said what is not an incident
    if etype in words["own_date_types"] and clause.date is None:
        return None
    if rule is None and count is None:
        return None  # no word of an incident and no number: "the crisis escalated in November 2021"
    # (after the tests above, which cost nothing: this search is a tenth of the stage)
    if words["not_incidents"] and words["not_incidents"].search(text, clause.start, clause.end):
        return None  # a habit, a plan, a possibility
    if words["comparisons"] and (than := words["comparisons"].search(text, clause.start, clause.end)) \
            and not any(c.unit == "person" and c.end <= than.start() for c in clause.counts):
        return None  # "more crossings than in 2020": a comparison, not an incident
    if count is None and etype in words["trend_types"] and words["trends"] \
            and words["trends"].search(fold(text[clause.start:clause.end])):
        return None  # a trend told without a number: "a surge of migrants", "a rapid increase of crossings"
    incident = etype not in WEAK_TYPES or rule is not None
    at_border = etype in words["at_border"]

    # where
    located = _where(clause.places, doc)
    mentions = clause.places
    if not located and clause.places != sentence_places:
        mentions, located = sentence_places, _where(sentence_places, doc)
    place_from_context = inferred = False
    if not located and more_of_before and before is not None and before.event_type == etype:
        mentions, located, place_from_context, inferred = list(before.place_mentions), list(before.places), True, True
    if not located and at_border:
        # only where they came from, or a country named in another role, with a border word:
        # "cross the border into the country from Belarus", "across the border ... with the help
        # of the Belarusian military" is the border of that country with the text's country
        sides = _located(clause.places or sentence_places, gazetteer_places) or [
            p for p in (_country_place(c, gazetteer_places) for c in _named_countries(sentence_places, gazetteer_places))
            if p is not None][:1]
        # a pushback that names only where people were sent back to ("turned away 180 migrants,
        # forcing them back into Belarus") was at that country's border, with no border word
        border = _border_of(text, clause.start, clause.end, sides, context, gazetteer_places, lang, sentence_places,
                            implied=etype in words["border_implied"])
        if border is not None:
            located, place_from_context, inferred = [border], True, True
    if not located and etype in words["context_placed"] and (incident or count):
        # what happens at a place may be told after the place: "The peak was on Thursday when 101
        # migrants were turned back"; what someone does (accuses, sues) is not placed by context
        mentions, place_from_context = context.near_places(), True
        located = _where(mentions, doc)
        near = located and at_border and all(p.type == "country" for p in located) \
            and words["along_border"] is not None and words["along_border"].search(text, clause.start, clause.end)
        if near and (border := _border_of(text, clause.start, clause.end, located, context,
                                          gazetteer_places, lang, sentence_places)) is not None:
            # "... close to the Belarusian border. Around a dozen migrants have been found dead
            # along the border": the border of the country before with the text's country
            located = [border] + located
    if located and at_border and all(p.type in AREAS_OF_COUNTRIES for p in located) \
            and _names_unplaced(clause.places, gazetteer_places):
        # "an attempt was made ... near the village of Dubicze Cerkiewne", a village the
        # gazetteer lacks, in a report about a border: the border section of the countries
        # named (or the text's), not the middle of a country
        border = _border_of(text, clause.start, clause.end, located, context, gazetteer_places, lang, sentence_places,
                            implied=True)
        if border is not None:  # inferred, and said so (place_from_context)
            located, place_from_context, inferred = [border] + [p for p in located if p.id != border.id], True, True
    if words["there"] and context.near_fine() and all(p.type not in FINE_TYPES for p in located) \
            and words["there"].search(text, clause.start, clause.end):
        # "tur atrodas 200 cilvēku", "at the same place": where the text last said something was
        mentions, place_from_context, inferred = context.near_fine(), True, True
        located = _where(mentions, doc)
    if not located and before is not None and count is not None and before.event_type == etype \
            and before.persons is not None and before.persons > 1 and count.value == before.persons:
        # "... have prevented attempts by 395 illegal migrants to cross the border ... "By the
        # midnight of August 15, we turned back 395 trespassers."": the same count, told again
        mentions, located, place_from_context, inferred = list(before.place_mentions), list(before.places), True, True
    if not located and _same_people(before, etype, incident, count, clause, words):
        # "... 35 migrants managed to force their way across the border ... The migrants were all
        # detained and sent back.": the same people, next, where they were (whatever was named)
        return replace(before, event_type=etype, quote_start=sentence.start, quote_end=sentence.end,
                       date_relation=CONTEXT, date_from_context=True, place_from_context=True, id="")
    if not located:
        return None
    border = _border_of(text, clause.start, clause.end, located, context, gazetteer_places, lang, sentence_places) \
        if at_border and not place_from_context else None
    if border is None and at_border and not place_from_context and words["relatives"] \
            and (rel := words["relatives"].search(text, clause.start, clause.end)) is not None:
        # "in the border zone with Belarus, which covers 183 towns (115 in the Podlaskie Province
        # ...)": the places of the relative clause are the zone's parts, the border is the place
        head = _where([m for m in clause.places if m.end <= rel.start()], doc)
        border = _border_of(text, clause.start, rel.start(), head, context, gazetteer_places, lang, sentence_places) \
            if head else None
    if border is not None:
        located = [border] + [p for p in located if p.id != border.id]
    if len(located) >= LIST_LENGTH and len({p.id for p in located if p.type in FINE_TYPES}) >= LIST_LENGTH:
        # "attempts to cross the Polish-Belarusian border took place in areas guarded by border
        # posts in Lipsk, Kuznica, Krynki, ...": several settlements are the stretch of the
        # border the clause names, not the first of them
        line = next((p for p in located if p.type == "border"), None)
        if line is not None:
            located = [line] + [p for p in located if p.id != line.id]
    elif located and located[0].type == "border" and (section := _section(located[0], clause.places, gazetteer_places)):
        located = [section] + located[1:]

    # when
    if clause.date is not None:
        before = _date_before(resolved, clause.date)
        # the date before, when the sentence before used it or this sentence states it
        adjacent = before is not None and (before in context.previous or sentence.start <= before.start < sentence.end
                                           and before.end <= sentence.end)
        start, end = _period(clause.date, before if adjacent else None, published)
        date_mentions, precision, relation = [clause.date], clause.date.precision, clause.date.relation
    elif (incident or count) and context.near_dates() and (count or published is not None):
        # a count (or, in a dated news text, any incident) takes the paragraph's last date
        date_mentions, relation = context.near_dates(), CONTEXT
        start, end, precision = _context_period(date_mentions)
    elif incident and context.previous:
        # in a text with no publication date an incident without a count takes only the date
        # of the sentence before ("Vēl 12 Irākas pilsoņi ... tika aizturēti")
        date_mentions, relation = context.previous, CONTEXT
        start, end, precision = _context_period(date_mentions)
    elif (incident or count) and published is not None and not _recounts_earlier(text, sentence, lang):
        # the publication day, or the whole month or year when only that is known
        date_mentions, relation = [], PUBLICATION
        start, end, precision = published.first, published.last, published.precision
    elif incident and (count is not None or published is not None or last_type is None):
        # no date anywhere, or (in a dated text) earlier news recounted ("Kā zināms, Lietuvas
        # valdība ir noteikusi ... režīmu"): not of the publication day; kept with its date unknown.
        # In a text with no date at all an uncounted incident is kept only as the text's first:
        # its lead tells the incident, what follows mostly tells it again
        date_mentions, relation, start, end, precision = [], UNKNOWN, None, None, SEASON_OR_YEAR
    else:
        return None
    from_context = relation in (CONTEXT, PUBLICATION)
    if from_context and place_from_context and count is None and incident and before is not None and before.persons \
            and before.event_type != etype:
        # "... 35 migrants managed to force their way across the border ... The migrants were all
        # detained and sent back.": the same people, next
        return replace(before, event_type=etype, quote_start=sentence.start, quote_end=sentence.end,
                       date_relation=CONTEXT, date_from_context=True, place_from_context=True, id="")
    if from_context and place_from_context and not inferred and (count is None or context.places_since > 1
                                                or (relation == CONTEXT and context.dates_since > 1)):
        return None  # nothing of its own but a count: only right after the sentence that gave both
    if not incident and (place_from_context or (from_context and count is None)):
        return None  # an untyped sentence: only with its own place, and its own date or a count
    spans = [_span(m, "place") for m in mentions]
    spans += [_span(d, "date") for d in date_mentions]
    if count:
        spans.append(_span(count, "count"))
    persons = count.value if count and count.unit == "person" else None  # "321 gadījumā": cases, not people
    if persons is None and etype == "death" and words["one_dead"] and words["one_dead"].search(text, clause.start, clause.end):
        persons = 1  # "found the body of a man"
    return Event(doc_id, start, end, "; ".join([d.surface for d in date_mentions]), precision, etype,
                 persons, tuple(located), _countries(mentions, gazetteer_places),
                 sentence.start, sentence.end, _sorted_spans(spans),
                 relation, from_context, place_from_context,
                 date_mentions=list(date_mentions), place_mentions=list(mentions))
