"""Find temporal expressions in Latvian and English text and normalise them to date intervals.

`dateparser` is not used: its Latvian data lists only nominative month names ("augusts"), so
it cannot read the inflected forms of running text ("4. augustā", "līdz 10. novembrim",
"augusta vidū"). The grammar lives in data files, geo/data/dates/<lang>.toml (month stems and
case-ending tables, seasons, parts of a month, year words, templates, range markers), read with
the rest of the language pack (`geo.text.language.pack`) and compiled here by one generic
matcher: adding a language means adding data files.

Three passes: (1) every template yields candidate atoms ("5. augustā", "7."), (2) range rules
join atoms and markers ("no 7. līdz 9. augustam", "Naktī uz 10. augustu"), (3) the longest
non-overlapping candidates are resolved in text order, carrying the last explicit year on.

Decisions:
- No year anywhere (none earlier in the scan, no `default_year`): the mention is kept with
  date_start/date_end None and the precision of its form, never dropped.
- `default_month` is the publication month: with the year taken from `default_year`, a later
  month is put in the previous year (news narrates the past) — except after "līdz"/"until",
  which looks forward ("pagarināta līdz 10. maijam" in January is this May); the second end
  of a range with no year takes the first end's year, or the next when it is earlier.
- The publication date may be a day, a month or a year (`Publication`, read by
  `publication()` from ISO 8601 "2021-08-15", "2021-08", "2021"); weekdays and relative words
  anchored to a month or a year cover every interval they can be in it, with at least its
  precision ("svētdien" in August 2021: 1–29 August, month precision).
- Winter belongs to the year it starts in: "2022. gada ziemā" = 2022-12-01..2023-02-28.
- Impossible dates ("31. februārī") are not returned.
- Open ranges keep the outer edge of their endpoint: "līdz 2023. gada vasarai" ends 2023-08-31.
- Attribute years ("1951. gada Ženēvas konvencijā") get anchor=False and set no context year:
  they name an era, not the time of the narrated event.
"""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from operator import attrgetter
from types import MappingProxyType
from typing import Any, Callable, Iterable, Iterator, Mapping, NamedTuple

from geo import spans
from geo.model import DAY, MONTH, SEASON_OR_YEAR, WEEK, DateMention
from geo.text import language, patterns

_REQUIRED = ("lang", "months", "seasons", "parts", "templates", "ranges")
_NUMBER_SLOTS = {"year": r"1\d{3}|20\d\d", "day": r"3[01]|[12]\d|0?[1-9]", "monthnum": r"1[0-2]|0?[1-9]",
                 "yearend": r"1\d{3}|20\d\d",  # "2021./2022. gada ziemā" counts from the first year; "2020–2021"
                 "century": r"2[01]|1\d|[1-9]", "count": r"[1-9]\d?"}
_WORD_SLOTS = {"month": "months", "season": "seasons", "part": "parts", "yearword": "year_words",
               "weekday": "weekdays", "relative": "relatives", "unit": "units", "numword": "number_words",
               "centuryword": "century_words"}
_ENTRY_KEYS = {"seasons": ("months",), "parts": ("days", "months"), "templates": ("pattern",), "ranges": ("relation",),
               "relatives": ("anchor", "unit", "offset"), "units": ("unit",), "number_words": ("value",)}
_UNITS = {"day", "weekend", "week", "month", "year"}
_CHOICES = {"templates": {"use": {"any", "first", "marked"}, "relative": {"previous", "publication"}, "sign": {1, -1}},
            "ranges": {"relation": {"between", "night", "until", "from"}, "night": {"", "start", "end"}},
            "relatives": {"anchor": {"previous", "publication"}, "unit": _UNITS},
            "units": {"unit": _UNITS}}
# A relative date: what it counts from ("publication" or "previous"), the unit, the first and
# last offset in units, whether it is a calendar unit ("last week" = Monday..Sunday) or a
# shift ("two days later"), and whether it ends at the anchor ("earlier this week").
@dataclass(frozen=True)
class Relative:
    anchor: str
    unit: str
    lo: int
    hi: int
    calendar: bool = False
    clip: bool = False


@dataclass(frozen=True)
class Publication:
    """A publication date as precise as its source gives it (ISO 8601 "2021-08-15", "2021-08",
    "2021"): the first and last day it may be, and its precision (DAY, MONTH or SEASON_OR_YEAR)."""

    first: date
    last: date
    precision: int = DAY

    @property
    def year(self) -> int:
        return self.first.year

    @property
    def month(self) -> int | None:
        """The publication month, None when only the year is known."""
        return self.first.month if self.precision <= MONTH else None

    def on_day(self) -> date | None:
        """The day, when the publication date gives one."""
        return self.first if self.precision == DAY else None


_ISO_PUBLISHED = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?")


def publication(value: Any) -> Publication | None:
    """Read a publication date: a `date`, or ISO 8601 text of full or reduced precision
    ("2021-08-15", "2021-08", "2021"; a time after the day is ignored); None when it is none."""
    if isinstance(value, Publication) or value is None:
        return value
    if isinstance(value, date):
        day = date(value.year, value.month, value.day)  # a datetime's day
        return Publication(day, day, DAY)
    m = _ISO_PUBLISHED.fullmatch(str(value).strip()[:10])
    if m is None:
        try:  # the other ISO spellings of a day ("20210815")
            return publication(date.fromisoformat(str(value).strip()[:10]))
        except ValueError:
            return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if day is not None:
            one = date(year, int(month), int(day))
            return Publication(one, one, DAY)
        if month is not None:
            last = _month_days(year, int(month))
            return Publication(date(year, int(month), 1), date(year, int(month), last), MONTH)
        return Publication(date(year, 1, 1), date(year, 12, 31), SEASON_OR_YEAR)
    except ValueError:  # "2021-13", "2021-02-30"
        return None


def _relative_entry(entry: Mapping[str, Any]) -> Relative:
    offset = entry["offset"]
    lo, hi = (offset, offset) if isinstance(offset, int) else tuple(offset)
    return Relative(entry["anchor"], entry["unit"], lo, hi, entry.get("calendar", False), entry.get("clip", False))


# What a word means: a month number, a season's month span, a part's (day span, month span,
# year span in a century), a weekday (0 Monday), a relative date, a unit, a number
_VALUES = {
    "months": lambda i, e: i + 1,
    "seasons": lambda i, e: tuple(e["months"]),
    "parts": lambda i, e: (tuple(e["days"]), tuple(e["months"]), tuple(e.get("years", (1, 100)))),
    "weekdays": lambda i, e: i,
    "relatives": lambda i, e: _relative_entry(e),
    "units": lambda i, e: e["unit"],
    "number_words": lambda i, e: e["value"],
}
_LEFT, _RIGHT = r"(?<![\w./:,])", r"(?!\w)"  # no digits/letters glued on: "iml_34", "1.5"
_PIECE = re.compile(r"\{(\w+)(?::([\w,]+))?\}|[\[\]<>]|\s+|[^\s{}\[\]<>]+")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_MARKER_REACH = 60  # how far before a date a range marker may start
_LEAP = 2000  # probe year for dates whose year is unknown: keeps 29 February possible


def validate_language(data: dict[str, Any], source: str) -> dict[str, Any]:
    """Check a parsed grammar; raise ValueError naming `source` and the missing or bad key."""

    def need(obj: Mapping[str, Any], key: str, where: str = "") -> Any:
        if key not in obj:
            raise ValueError(f"{source}: missing key '{where}{key}'")
        return obj[key]

    for key in _REQUIRED:
        need(data, key)
    if len(data["months"]) != 12:
        raise ValueError(f"{source}: 'months' must list the 12 months in order")
    if "weekdays" in data and len(data["weekdays"]) != 7:
        raise ValueError(f"{source}: 'weekdays' must list the 7 days from Monday, in order")
    for i, entry in enumerate(data.get("relatives", [])):
        offset = entry.get("offset")
        if not (isinstance(offset, int) or (isinstance(offset, list) and len(offset) == 2)):
            raise ValueError(f"{source}: relatives[{i}].offset must be a number or [first, last]")
    for table, keys in _ENTRY_KEYS.items():
        for i, entry in enumerate(data.get(table, [])):
            for key in keys:
                need(entry, key, f"{table}[{i}].")
            for key, allowed in _CHOICES.get(table, {}).items():
                if key in entry and entry[key] not in allowed:
                    raise ValueError(f"{source}: {table}[{i}].{key} must be one of {sorted(allowed)}")
    for category in _WORD_SLOTS.values():
        for i, entry in enumerate(data.get(category, [])):
            if "stem" in entry:
                need(data.get("declensions", {}), need(entry, "decl", f"{category}[{i}]."), "declensions.")
            else:
                need(entry, "forms", f"{category}[{i}].")
    for i, rule in enumerate(data["ranges"]):
        if not (rule.get("open") or rule.get("join")):  # a marker-less rule would turn every date into a range
            need(rule, "open", f"ranges[{i}].")
    for i, template in enumerate(data["templates"]):
        for slot in re.findall(r"\{(\w+)", template["pattern"]):
            if slot not in _NUMBER_SLOTS:  # an unknown slot is reported as a missing "{slot}"
                need(data, _WORD_SLOTS.get(slot, f"{{{slot}}}"), f"templates[{i}] needs ")
    return data


@dataclass(frozen=True)
class _Probe:
    """The templates of one start key as one regex: a lookahead per template, its group
    "t<k>" capturing what template prios[k] alone would match there, and in it that template's
    slots as groups "t<k>_<slot>": one match call at a position stands for one call per
    template, and is read as each template's own match would be."""

    regex: re.Pattern[str]
    prios: tuple[int, ...]
    groups: tuple[int, ...]  # for each k, the number of group "t<k>" (in increasing order)
    slots: tuple[Mapping[str, int], ...]  # for each k, slot name ("day", "core") -> group number


@dataclass(frozen=True)
class _Template:
    source: str
    use: str
    attribute: bool
    starts: str | None = None  # key of the pass that finds where a match can begin; None: anywhere
    relative: str | None = None  # "pēc {numword} {unit}": counted from the previous date or publication
    sign: int = 1  # "{count} {unit} earlier" counts back
    year: int | None = None  # "šī gada {day}. {month}": 0, the year of publication; "pagājušā gada": -1
    last_one: bool = False  # "aizvadītajā {weekday}", "last {weekday}": the last such day before publication

    @functools.cached_property
    def regex(self) -> re.Pattern[str]:
        """The template alone, compiled when first used: only a template that may begin
        anywhere is matched alone (the rest are read off their probe's match)."""
        return re.compile(self.source, re.IGNORECASE)


@dataclass(frozen=True)
class _Rule:
    open: re.Pattern[str] | None  # marker ending right where the first date starts
    join: re.Pattern[str] | None  # marker between two dates; None for one-sided rules
    relation: str
    night: str
    strict: bool  # only full dates, not a bare "2000" that may be a count ("by 2000 people")
    last_words: frozenset[str] | None = None  # lower-case words `open` can end with; None: any
    bare_first: bool = False  # the first end is a bare day ("10. un 11. augustā", "5 and 6 August")
    month_first: bool = False  # the second end is a bare day taking the first's month ("August 1-5")
    guard: re.Pattern[str] | None = None  # what may not follow a bare second end ("August 5 - 12 people")
    days: bool = False  # both ends are days named by a word: "sestdien un svētdien", "on Monday and Tuesday"


class _After(NamedTuple):
    """The rules worth trying on an atom after some word, by the atom's use, and whether one of
    them may open with a marker before it (else each needs a join marker after it)."""

    rules: Mapping[str, tuple[_Rule, ...]]
    opens: bool


@dataclass(frozen=True)
class _Grammar:
    templates: tuple[_Template, ...]
    rules: tuple[_Rule, ...]
    lexicon: Mapping[str, Mapping[str, Any]]  # slot -> lookup key -> value
    starts: Mapping[str, frozenset[str] | None]  # start key -> first words of its templates (None: digits)
    cuts: tuple[int, ...]  # the lengths of the keys of `heads`
    heads: dict[str, tuple]  # (read only) first letters -> (start key, its first words, their lengths)
    probes: Mapping[str, _Probe]  # start key -> its templates as one regex
    rules_after: Mapping[str, _After]  # word before an atom -> the rules worth trying there ("": any other word)
    joins: re.Pattern[str] | None  # the beginning of any rule's join marker; None: no rule joins two dates
    marker_ends: frozenset[str]  # the last letters of the words of `rules_after`
    scan: re.Pattern[str] | None = None  # the word starts (lower case) a template may begin at: `_scanner`
    points: dict[tuple[int, str], Any] = field(default_factory=dict, compare=False, repr=False)  # (template, match) -> `_read`
    word_keys: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)  # word -> its start keys


@dataclass(frozen=True)
class _Point:
    """What one date expression states; None fields are left to context."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    days: tuple[int, int] | None = None  # part of a month
    months: tuple[int, int] | None = None  # season or part of a year
    years: tuple[int, int] | None = None  # a span of years: "2020–2021", "16. gs.", "19. gs. 2. pusē"
    weekday: int | None = None  # "piektdien", "on Thursday": the last such day on or before publication
    relative: Relative | None = None  # "vakar", "last week", "two days later"
    dow: int | None = None  # the weekday a full date names ("Otrdien, 31. janvārī"): a check on its year
    year_shift: int | None = None  # "šī gada 10. maijam": the publication year (0), whatever the month; "pērn": -1
    last_one: bool = False  # "aizvadītajā ceturtdienā": the last Thursday before the publication day


class _Cand(NamedTuple):  # a tuple: made for every template match, so cheap to make
    lo: int  # matched span incl. trigger words, used for overlap
    hi: int
    start: int  # surface span
    end: int
    points: tuple[_Point, ...]
    use: str = "any"
    prio: int = 0
    relation: str = "on"
    night: str = ""
    attribute: bool = False


def _key(form: str) -> str:
    """Lookup key of a word form: case and spacing do not matter."""
    return " ".join(form.lower().split())


def _forms(entry: Mapping[str, Any], declensions: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """All (form, case) pairs of a lexicon entry: stem + every ending, fixed forms, abbreviations."""
    for case, endings in declensions.get(entry.get("decl", ""), {}).items():
        for ending in [endings] if isinstance(endings, str) else endings:
            yield entry["stem"] + ending, case
    yield from ((form, "any") for form in entry.get("forms", []))
    yield from ((form, "abbr") for form in entry.get("abbr", []))


def _word_slot(data: Mapping[str, Any], category: str, cases: str | None) -> tuple[str, dict[str, Any]]:
    """Regex alternation for a word slot (limited to `cases`) and its form -> value lookup."""
    wanted = set(cases.split(",")) | {"any"} if cases else None
    forms, lookup = set(), {}
    for i, entry in enumerate(data.get(category, [])):
        for form, case in _forms(entry, data.get("declensions", {})):
            lookup.setdefault(_key(form), _VALUES.get(category, lambda i, e: None)(i, entry))
            if wanted is None or case in wanted:
                forms.add(form)
    cased = category in data.get("case_sensitive", [])
    regex = patterns.alternatives("|".join(forms), fold=not cased) if forms else "(?!)"
    if cased:
        regex = f"(?-i:{regex})"
    return regex, lookup


def _template_source(pattern: str, word_slot: Callable[[str, str | None], str],
                     not_followed: list[str] | None = None, counted: list[str] | None = None,
                     prefix: str = "", left: bool = True) -> str:
    """Turn a template into regex source, with a group per slot (and "core" for <...>) named
    `prefix` + the slot; `word_slot(slot, cases)` gives the regex of a word slot; `left`: it
    begins with the check that nothing is glued on before (a probe checks it once for all).
    `not_followed`: words that may not come next (a bare "2000" before "people" is a count);
    `counted`: words no year slot before the news years may be followed by ("Since August 10,
    1013 people": the 1013 counts people, the date is August 10; "On 5 August 2021 guards
    detained ..." keeps its year)."""
    out = [_LEFT if left else ""]

    def group(name: str) -> str:
        return f"(?P<{prefix}{name}>"

    counts = rf"(?:{_NEWS_YEARS}|(?!\s*{patterns.alternatives('|'.join(counted))}\b))" if counted else ""
    for m in _PIECE.finditer(pattern):
        token, slot = m.group(), m.group(1)
        if slot in _NUMBER_SLOTS:
            after = counts if _NUMBER_STARTS.get(slot) == "year" else ""
            after = _NOT_THOUSANDS if slot == "day" else after
            out.append(rf"{group(slot)}{_NUMBER_SLOTS[slot]})(?!\d){after}")
        elif slot:
            out.append(f"{group(slot)}{word_slot(slot, m.group(2))})")
        else:
            special = {"[": "(?:", "]": ")?", "<": group("core"), ">": ")"}
            out.append(special.get(token) or (r"\s*" if token.isspace() else patterns.alternatives(token)))
    guard = rf"(?!\s*{patterns.alternatives('|'.join(not_followed))}\b)" if not_followed else ""
    return "".join(out) + _RIGHT + guard


# a day is never followed by a comma and three digits: "September 7,700" is a month's count
# (a thousands separator), "August 4, 2021" and "August 4,2021" are dates
_NOT_THOUSANDS = r"(?!,\d{3}(?!\d))"

# a year a news text may tell of whatever follows it (19xx, 20xx, checked behind the 4 digits)
_NEWS_YEARS = r"(?<=19\d\d)|(?<=20\d\d)"

# Number slots by the digits they begin with: a year is 4 digits from 19 or 20 ("year"), a day
# or a month number 1 or 2 digits ("short"); each is followed by no further digit.
_NUMBER_STARTS = {"year": "year", "yearend": "year", "day": "short", "monthnum": "short", "century": "short",
                  "count": "short"}


def _start_key(pattern: str) -> str | None:
    """What a template's match begins with: "year" or "short" for a number slot, the word
    category of a word slot ("months"), "literal:<words>" for words ("pēc {count} {unit}"),
    or None when it begins with anything else (then it is scanned whole)."""
    first = _PIECE.match(pattern)
    slot = first.group(1) if first else None
    if slot in _NUMBER_SLOTS:
        return _NUMBER_STARTS[slot]
    if first and slot is None and all(_WORD.match(alt) for alt in first.group().split("|")):
        return "literal:" + first.group()
    return _WORD_SLOTS.get(slot or "")


_WORD = re.compile(r"\w+")
_DIGITS = re.compile(r"\d+")


def _start_words(key: str, data: Mapping[str, Any]) -> frozenset[str] | None:
    """The lower-case first words of the forms a template of this start key begins with; None
    for a number slot (it begins at a run of digits)."""
    if key in _NUMBER_STARTS.values():
        return None
    if key.startswith("literal:"):
        return frozenset(_WORD.match(alt).group().lower() for alt in key[len("literal:"):].split("|"))
    # the leading word characters only: an abbreviation "aug." begins with the word "aug"
    return frozenset(m.group().lower() for entry in data.get(key, [])
                     for form, _ in _forms(entry, data.get("declensions", {})) if (m := _WORD.match(form)))


def _start_positions(text: str, start: int, end: int, grammar: _Grammar) -> dict[str, list[int]]:
    """Where each start key's templates can match: the words that begin with a digit, or with
    the first word of a month, season, weekday or relative form (a space in a template may
    match no space at all: "November2021" begins with "november").

    One regex pass over the lower-cased text finds those words (lower-casing one character
    into one keeps what is a letter, a digit or a space); only they are looked at one by one.
    The scan matches from the non-word character before a word, so the text is read after a
    space that stands for what precedes it: a match begins where its word does in `low`.
    """
    piece = text[start:end]
    low = piece.lower()
    if len(low) != len(piece) or grammar.scan is None:
        return _start_positions_by_word(text, start, end, grammar)  # "İ" lower-cases to two characters
    positions: dict[str, list[int]] = {key: [] for key in grammar.starts}
    if len(grammar.word_keys) > _WORDS_KEPT:
        grammar.word_keys.clear()
    for m in grammar.scan.finditer(" " + low):
        kind = m.lastgroup  # "year", "short", "word", or None for another number
        if kind == "word":
            for key in _word_keys(m.group("word"), grammar):
                positions[key].append(start + m.start())
        elif kind in positions:
            positions[kind].append(start + m.start())
    return positions


def _word_keys(low: str, grammar: _Grammar) -> tuple[str, ...]:
    """The start keys one of whose first words the word `low` begins with (kept per grammar:
    the same words come back in every text)."""
    keys = grammar.word_keys.get(low)
    if keys is None:
        # most words fail on their first letters (one look-up per cut); only the rest are
        # tried against each length of the first words that share them
        found: dict[str, None] = {}
        for cut in grammar.cuts:
            for key, first_words, lengths in grammar.heads.get(low[:cut], ()):
                if key not in found and any(low[:n] in first_words for n in lengths):
                    found[key] = None
        keys = grammar.word_keys[low] = tuple(found)
    return keys


def _start_positions_by_word(text: str, start: int, end: int, grammar: _Grammar) -> dict[str, list[int]]:
    """`_start_positions` one word at a time, for a text whose lower case is longer than it."""
    positions: dict[str, list[int]] = {key: [] for key in grammar.starts}
    years, shorts = positions.get("year"), positions.get("short")
    for m in _WORD.finditer(text, start, end):
        word = m.group()
        if word[0].isdigit():
            run = _DIGITS.match(word).end()
            if run == 4 and word[0] in "12" and years is not None:
                years.append(m.start())
            elif run <= 2 and shorts is not None:
                shorts.append(m.start())
            continue
        for key in _word_keys(word.lower(), grammar):
            positions[key].append(m.start())
    return positions


def _scanner(starts: Mapping[str, frozenset[str] | None]) -> re.Pattern[str] | None:
    """Regex of the word starts in lower-cased text where a template can begin, each matched
    with the non-word character before it: a run of digits (group "year": 4 from 1 or 2;
    "short": 1 or 2; any other run is matched in neither) or a word beginning with any start
    key's first word (group "word": the whole word). A word that begins with a digit is a
    number, never a first word."""
    words = {w for ws in starts.values() for w in ws or () if w and not w[0].isdigit()}
    if not words:
        return None
    # led by \W, not \b: a pattern that begins with a character class lets `re` skip in C to
    # the next non-word character, where a word may begin, instead of trying every position
    return re.compile(rf"\W(?:(?P<year>[12]\d{{3}}(?!\d))|(?P<short>\d{{1,2}}(?!\d))|\d+|(?P<word>{_trie(words)}\w*))")


def _trie(words: set[str]) -> str:
    """A regex matching any of the words, branching on one letter at a time (an alternation of
    two hundred words is tried word by word at every word of the text)."""
    if "" in words:
        return ""  # a shorter word is a prefix of the rest: matching it is enough
    by_first: dict[str, set[str]] = {}
    for w in words:
        by_first.setdefault(w[0], set()).add(w[1:])
    branches = [re.escape(c) + _trie(rest) for c, rest in sorted(by_first.items())]
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _head_index(starts: Mapping[str, frozenset[str] | None]) -> dict[str, tuple[tuple[str, frozenset[str], tuple[int, ...]], ...]]:
    """First letters (one to three: as many as the shortest first word has) → the start keys
    whose first words begin with them, each with those words and their lengths."""
    index: dict[str, dict[str, set[str]]] = {}
    for key, words in starts.items():
        for w in words or ():
            index.setdefault(w[:min(3, len(w))], {}).setdefault(key, set()).add(w)
    return {head: tuple((key, frozenset(ws), tuple(sorted({len(w) for w in ws}))) for key, ws in by_key.items())
            for head, by_key in index.items()}


def _last_words(words: str | None, article: str) -> frozenset[str] | None:
    """The lower-case last words of a marker's alternatives (and of the article that may follow
    it); None when one of them does not end in a word, so no shortcut is safe."""
    if not words:
        return None
    alternatives = [w for w in words.split("|") + (article.split("|") if article else []) if w.strip()]
    last = {w.split()[-1].lower() for w in alternatives}
    return frozenset(last) if all(re.fullmatch(r"\w+", w) for w in last) else None


def _word_before(text: str, start: int, pos: int, endings: frozenset[str] | None = None) -> str:
    """The lower-case word that ends right before `pos` (whitespace between), or "": when
    there is none, or, given `endings`, when its last letter lower-cased is none of them."""
    first = max(start, pos - _MARKER_REACH)
    i = pos
    while i > first and text[i - 1].isspace():
        i -= 1
    if i == first or (endings is not None and text[i - 1].lower() not in endings):
        return ""  # most words end in no marker's last letter: not read
    j = i
    while j > first and (text[j - 1].isalnum() or text[j - 1] == "_"):
        j -= 1
    return text[j:i].lower()


def _marker(words: str | None, article: str, before: bool) -> re.Pattern[str] | None:
    """Regex of a range marker: ending at the date (before=True) or between two dates."""
    if not words:
        return None
    art = rf"(?:\s+{patterns.alternatives(article)})?" if article else ""
    if before:
        return re.compile(rf"(?<!\w){patterns.alternatives(words)}{art}\s*$", re.IGNORECASE)
    return re.compile(rf"\s*{patterns.alternatives(words)}{art}\s*", re.IGNORECASE)


@functools.lru_cache(maxsize=None)
def _grammar(lang: str) -> _Grammar:
    """The compiled matcher of a language (built once per process)."""
    data = language.pack(lang).dates
    lexicon: dict[str, Any] = {}

    @functools.cache
    def word_slot(slot: str, cases: str | None) -> str:
        """A word slot's regex, made once for all the templates that have it."""
        regex, lexicon[slot] = _word_slot(data, _WORD_SLOTS[slot], cases)  # one lookup, whatever the cases
        return regex

    sources = [(t["pattern"], word_slot, data.get("not_followed") if t.get("guarded") else None,
                data.get("not_followed")) for t in data["templates"]]
    templates = tuple(
        _Template(_template_source(*source),
                  t.get("use", "any"), t.get("attribute", False), _start_key(t["pattern"]),
                  t.get("relative"), t.get("sign", 1), t.get("year"), t.get("last", False))
        for t, source in zip(data["templates"], sources)
    )
    starts = {key: _start_words(key, data) for key in {t.starts for t in templates} - {None}}
    probes = {key: _probe([(prio, functools.partial(_template_source, *sources[prio]))
                           for prio, t in enumerate(templates) if t.starts == key]) for key in starts}
    article = data.get("article", "")
    rules = tuple(
        _Rule(_marker(r.get("open"), article, True), _marker(r.get("join"), article, False),
              r["relation"], r.get("night", ""), r.get("strict", False), _last_words(r.get("open"), article),
              r.get("bare_first", False), r.get("month_first", False),
              re.compile(rf"\s*{patterns.alternatives('|'.join(data['not_followed']))}\b", re.IGNORECASE)
              if r.get("month_first") and data.get("not_followed") else None, r.get("days", False))
        for r in data["ranges"]
    )
    frozen = {slot: MappingProxyType(table) for slot, table in lexicon.items()}
    heads = _head_index(starts)
    after = _rules_after(rules)
    return _Grammar(templates, rules, MappingProxyType(frozen), MappingProxyType(starts),
                    tuple(sorted({len(h) for h in heads})), heads, MappingProxyType(probes), MappingProxyType(after),
                    _marker("|".join(r["join"] for r in data["ranges"] if r.get("join")), "", False),
                    frozenset(word[-1] for word in after if word), _scanner(starts))


def _probe(sources: list[tuple[int, Callable[..., str]]]) -> _Probe:
    """The templates (prio, their regex source given a group name prefix) as one regex: at a
    position, a lookahead per template captures the template's match, or captures nothing and
    succeeds all the same; what each template begins with, that nothing is glued on before
    the position, is checked once, first (else the probe does not match)."""
    regex = re.compile(_LEFT + "".join(f"(?=(?P<t{k}>{source(prefix=f't{k}_', left=False)})|)"
                                       for k, (_, source) in enumerate(sources)), re.IGNORECASE)
    slots = [{} for _ in sources]
    for name, number in regex.groupindex.items():
        k, _, slot = name[1:].partition("_")
        if slot:
            slots[int(k)][slot] = number
    return _Probe(regex, tuple(prio for prio, _ in sources), tuple(regex.groupindex[f"t{k}"] for k in range(len(sources))),
                  tuple(map(MappingProxyType, slots)))


def _rules_after(rules: tuple[_Rule, ...]) -> dict[str, _After]:
    """For each word an opening marker can end with, the rules worth trying on an atom right
    after it; under "" those for any other word. The rest cannot begin a range there: their
    marker does not end with the word (a rule with no opening marker, or one that may end with
    any word, is always tried), or they take no atom of that use (`_takes`)."""
    words = {w for rule in rules for w in rule.last_words or ()}
    after = {}
    for word in words | {""}:
        fit = [rule for rule in rules if rule.open is None or rule.last_words is None or word in rule.last_words]
        after[word] = _After(MappingProxyType({use: tuple(rule for rule in fit if _takes(rule, use))
                                               for use in _CHOICES["templates"]["use"]}),
                             any(rule.open is not None for rule in fit))
    return after


def _takes(rule: _Rule, use: str) -> bool:
    """Whether a rule can begin a range with an atom of this `use`: strict rules and ranges
    of a day after a full date take only standalone atoms, a bare first day only "first"
    ones, and one-sided rules ("līdz", "since") no "first" ones (they never stand alone)."""
    if rule.strict or rule.month_first:
        return use == "any"
    if rule.bare_first:
        return use == "first"
    return rule.join is not None or use != "first"


def _point(g: Mapping[str, str], lexicon: Mapping[str, Mapping[str, Any]], template: _Template) -> _Point:
    """Read the slots (slot -> matched text) of one template match."""
    number = {slot: int(g[slot]) for slot in ("year", "day", "monthnum", "yearend", "century", "count") if slot in g}
    word = {slot: lexicon[slot].get(_key(g[slot])) for slot in _WORD_SLOTS if slot in g}
    month, part = number.get("monthnum") or word.get("month"), word.get("part")
    years = None
    if "century" in number:  # "16. gs." = 1501–1600; "19. gs. 2. pusē" = 1851–1900
        first = 100 * (number["century"] - 1)
        lo, hi = part[2] if part else (1, 100)
        years, part = (first + lo, first + hi), None
    elif "yearend" in number and "season" not in word and number["yearend"] > number.get("year", 0):
        years = (number["year"], number["yearend"])  # "2020–2021", "the 2021–2022 crisis"
    relative = word.get("relative")
    if template.relative and "unit" in word:  # "pēc divām dienām", "two days later", "a week after"
        n = template.sign * number.get("count", word.get("numword") or 1)
        relative = Relative(template.relative, word["unit"], n, n)
    weekday = word.get("weekday") if number.get("day") is None else None
    dow = word.get("weekday") if number.get("day") is not None else None
    return _Point(None if years else number.get("year"), month, number.get("day"),
                  part[0] if part and month else None,
                  word.get("season") or (part[1] if part and not month else None), years, weekday, relative,
                  dow, template.year, template.last_one)


_POINTS_KEPT = 100_000  # template matches whose reading a grammar keeps
_WORDS_KEPT = 100_000  # words whose start keys a grammar keeps


def _atoms(text: str, start: int, end: int, grammar: _Grammar) -> list[_Cand]:
    """Pass 1: every template match, overlapping ones included, by template and then in text order.

    Most templates begin with a number or a month or season word: one cheap pass finds where
    each kind of beginning is, and only there the probe of that kind tries all its templates
    at once (scanning the text once per template was half of the whole pipeline's time; one
    match call per template and position, most of this finder's).
    """
    found: list[list[_Cand]] = [[] for _ in grammar.templates]
    if len(grammar.points) > _POINTS_KEPT:
        grammar.points.clear()
    for key, positions in _start_positions(text, start, end, grammar).items():
        probe = grammar.probes[key]
        after = [-1] * len(probe.prios)  # a template's matches do not overlap, as with finditer
        for pos in positions:
            m = probe.regex.match(text, pos, end)
            last = m and m.lastindex  # the group "t<k>" of the last template that matches here
            if not last:
                continue
            for k, group in enumerate(probe.groups):
                if group > last:
                    break
                hi = m.end(group)  # (not m.regs: a span for each slot's group too)
                if hi >= 0 and pos >= after[k]:
                    after[k] = hi
                    found[probe.prios[k]].append(_atom(text, pos, hi, probe.prios[k], grammar, m, probe.slots[k]))
    for prio, template in enumerate(grammar.templates):
        if template.starts is None:
            found[prio] = [_atom(text, m.start(), m.end(), prio, grammar, m, template.regex.groupindex)
                           for m in template.regex.finditer(text, start, end)]
    return [atom for atoms in found for atom in atoms]


def _atom(text: str, lo: int, hi: int, prio: int, grammar: _Grammar, m: re.Match[str], slots: Mapping[str, int]) -> _Cand:
    """The candidate of template `prio` matching text[lo:hi], its slots the groups `slots` of `m`."""
    template = grammar.templates[prio]
    key = (prio, text[lo:hi])
    read = grammar.points.get(key)  # the same template on the same words says the same, in any text
    if read is None:
        read = grammar.points[key] = _read(m, lo, hi, slots, grammar.lexicon, template)
    point, first, last = read
    return _Cand(lo, hi, lo + first, lo + last, (point,), template.use, prio, "on", "", template.attribute)


def _read(m: re.Match[str], lo: int, hi: int, slots: Mapping[str, int], lexicon: Mapping[str, Mapping[str, Any]],
          template: _Template) -> tuple[_Point, int, int]:
    """What a template's match text[lo:hi] says (slot -> its group number in `m`: `slots`),
    and where its surface begins and ends from `lo`."""
    g = {slot: m.group(number) for slot, number in slots.items() if m.start(number) >= 0}
    first, last = m.span(slots["core"]) if "core" in g else (lo, hi)
    surface_end = first + len(m.string[first:last].rstrip())  # "on Wednesday\n\n": not the break
    return _point(g, lexicon, template), first - lo, surface_end - lo


def _day_word(p: _Point) -> bool:
    """Whether a point is one day named by a word: a weekday, "vakar", "today"."""
    return p.weekday is not None or (p.relative is not None and p.relative.unit == "day" and p.relative.lo == p.relative.hi)


def _inside_dates(atoms: list[_Cand]) -> frozenset[int]:
    """Where the "first" atoms begin that lie inside a date of their own ("5" of "August 5"):
    such a number is no bare first day of a range ("August 5 and August 7" are two dates)."""
    spans = sorted((c.lo, c.hi) for c in atoms if c.use == "any")
    inside, reach = set(), -1
    starts = sorted({c.lo for c in atoms if c.use == "first"})
    i = 0
    for lo in starts:  # sweep: the furthest end of the dates begun before each start
        while i < len(spans) and spans[i][0] < lo:
            reach = max(reach, spans[i][1])
            i += 1
        if lo < reach:
            inside.add(lo)
    return frozenset(inside)


def _ranges(text: str, start: int, atoms: list[_Cand], grammar: _Grammar) -> Iterator[_Cand]:
    """Pass 2: atoms joined with their range markers into one- and two-sided ranges."""
    by_lo: dict[int, list[_Cand]] | None = None  # atoms by start, made when first needed (most texts have no range)
    inner: frozenset[int] | None = None  # `_inside_dates`, made when first needed
    tried: dict[int, _After] = {}  # atom start -> the rules worth trying there (many atoms share a start)
    follows: dict[int, bool] = {}  # atom end -> whether some join marker may follow
    joined: dict[tuple[str, int], int] = {}  # (join marker, atom end) -> where the date after it begins; -1: none
    for a in atoms:
        after = tried.get(a.lo)
        if after is None:
            # a marker must end with one of its last words right before the atom: the word
            # there rules out the others, and a marker is searched for only when it can be there
            word = _word_before(text, start, a.lo, grammar.marker_ends)
            after = tried[a.lo] = grammar.rules_after.get(word, grammar.rules_after[""])
        if not after.opens:  # each rule needs a join marker after the atom: most atoms have none
            join = follows.get(a.hi)
            if join is None:
                join = follows[a.hi] = grammar.joins is not None and grammar.joins.match(text, a.hi) is not None
            if not join:
                continue
        p = a.points[0]
        for rule in after.rules[a.use]:
            if (rule.bare_first and p.month is not None) \
                    or (rule.month_first and (p.month is None or p.day is None)) \
                    or (rule.days and not _day_word(p)):
                continue
            if rule.bare_first:
                inner = _inside_dates(atoms) if inner is None else inner
                if a.lo in inner:
                    continue
            opened = rule.open.search(text, max(start, a.lo - _MARKER_REACH), a.lo) if rule.open else None
            if rule.open and not opened:
                continue
            lo, first = (opened.start(), opened.start()) if opened else (a.lo, a.start)
            if rule.join is None:  # (no "first" atom comes here: `_takes`)
                yield _Cand(lo, a.hi, first, a.end, a.points, relation=rule.relation, night=rule.night, prio=-1)
                continue
            second = joined.get((rule.join.pattern, a.hi))
            if second is None:  # many atoms end at the same place
                m = rule.join.match(text, a.hi)
                second = joined[rule.join.pattern, a.hi] = m.end() if m else -1
            if by_lo is None:
                by_lo = {}
                for atom in atoms:
                    by_lo.setdefault(atom.lo, []).append(atom)
            for b in by_lo.get(second, ()):
                if rule.month_first:  # "August 1-5": only a bare day, not a count ("August 5 - 12 people")
                    if b.use == "first" and b.points[0].month is None and b.points[0].day is not None \
                            and not (rule.guard and rule.guard.match(text, b.hi)):
                        yield _Cand(lo, b.hi, first, b.end, (a.points[0], b.points[0]), relation=rule.relation, prio=-1)
                    continue
                if rule.days and not _day_word(b.points[0]):
                    continue
                if b.use == "any" or (b.use == "marked" and opened):
                    if a.points[0].day is None or a.points[0].month or b.points[0].month:  # "7." needs a month
                        yield _Cand(lo, b.hi, first, b.end, (a.points[0], b.points[0]), relation=rule.relation, prio=-1)


def _urls(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the web addresses in text[start:end]."""
    piece = text[start:end]
    if "://" not in piece and "www." not in piece.lower():  # what each address has; most texts have none
        return []
    return [m.span() for m in _URL.finditer(text, start, end)]


def _select(cands: list[_Cand], urls: list[tuple[int, int]]) -> list[_Cand]:
    """Pass 3a: the longest standalone candidates that overlap nothing chosen and no URL."""
    standalone = [c for c in cands if c.use == "any"]
    if urls:
        standalone = [c for c in standalone if not any(lo < c.hi and c.lo < hi for lo, hi in urls)]
    return spans.select(standalone, start=attrgetter("lo"), end=attrgetter("hi"), rank=attrgetter("prio"))


def _complete(points: tuple[_Point, ...]) -> tuple[_Point, ...]:
    """The two ends of a range complete each other: "7." takes month and year from "9. augustā"."""
    if len(points) < 2:
        return points
    a, b = points
    a = replace(a, month=a.month or (b.month if a.day else None), year=a.year or b.year)
    # "August 1-5": "5" takes the month of "August 1"
    return a, replace(b, month=b.month or (a.month if b.day else None), year=b.year or a.year)


def _precision(p: _Point) -> int:
    """Time precision of what a point states."""
    if p.relative is not None:
        return {"day": DAY, "weekend": WEEK, "week": WEEK, "month": MONTH}.get(p.relative.unit, SEASON_OR_YEAR)
    if p.day is not None or p.weekday is not None:
        return DAY
    if p.month is not None:
        return WEEK if p.days else MONTH
    return SEASON_OR_YEAR


@functools.lru_cache(maxsize=None)
def _month_days(year: int, month: int) -> int:
    """The number of days in a month (kept: `calendar.monthrange` works out its first weekday too,
    and dates fall in few months); ValueError for no month."""
    return calendar.monthrange(year, month)[1]


def _month_shift(day: date, months: int) -> date:
    """The same day `months` later (earlier when negative), clipped to the month's length."""
    y, m = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(y, m + 1, min(day.day, _month_days(y, m + 1)))


def _relative_interval(r: Relative, anchor: date) -> tuple[date, date]:
    """The days a relative date covers, counted from `anchor`."""
    if r.unit == "day":
        lo, hi = anchor + timedelta(days=r.lo), anchor + timedelta(days=r.hi)
    elif r.unit == "weekend":  # Saturday and Sunday of the last weekend begun by the anchor, shifted
        saturday = _last_weekday(5, anchor, False)
        lo, hi = saturday + timedelta(weeks=r.lo), saturday + timedelta(weeks=r.hi, days=1)
    elif r.unit == "week":
        monday = anchor - timedelta(days=anchor.weekday()) if r.calendar else anchor
        lo, hi = monday + timedelta(weeks=r.lo), monday + timedelta(weeks=r.hi, days=6 if r.calendar else 0)
    elif r.unit == "month":
        first = anchor.replace(day=1) if r.calendar else anchor
        lo, last = _month_shift(first, r.lo), _month_shift(first, r.hi)
        hi = last.replace(day=_month_days(last.year, last.month)) if r.calendar else last
    else:
        lo = date(anchor.year + r.lo, 1, 1) if r.calendar else _month_shift(anchor, 12 * r.lo)
        hi = date(anchor.year + r.hi, 12, 31) if r.calendar else _month_shift(anchor, 12 * r.hi)
    return lo, (min(hi, anchor) if r.clip else hi)


def _last_weekday(weekday: int, anchor: date, before: bool) -> date:
    """The last such weekday on or before `anchor` (strictly before it when `before`)."""
    return anchor - timedelta(days=(anchor.weekday() - weekday - before) % 7 + before)


def _counts_from(p: _Point, previous: date | None) -> str:
    """What a weekday or relative point counts from: "publication" or "previous". A word
    relative to the date before with none before it, pointing no later ("iepriekšējā
    diennaktī", "the same day" at a report's start), counts from the publication date: the
    only date its reader has; "the next day" with no date before stays unknown."""
    if p.relative is None or p.relative.anchor == "publication":
        return "publication"
    return "previous" if previous is not None or p.relative.hi > 0 else "publication"


def _anchored(p: _Point, published: Publication | None, previous: date | None) -> tuple[date, date] | None:
    """The interval of a weekday or relative point, or None when its anchor is unknown.
    Counted from a publication date of a month or a year, it is every interval the point can
    be from the first to the last day of that period ("svētdien" in a text of August 2021:
    from the Sunday on or before 1 August to the last Sunday of August)."""
    if _counts_from(p, previous) == "publication":
        if published is None:
            return None
        if p.weekday is not None:
            return (_last_weekday(p.weekday, published.first, p.last_one),
                    _last_weekday(p.weekday, published.last, p.last_one))
        return _relative_interval(p.relative, published.first)[0], _relative_interval(p.relative, published.last)[1]
    return _relative_interval(p.relative, previous) if previous else None


def _safe_weekday(p: _Point, year: int) -> int | None:
    """The weekday of a point's day in `year`, None if that day does not exist."""
    try:
        return _interval(p, year)[0].weekday()
    except ValueError:
        return None


def _interval(p: _Point, year: int) -> tuple[date, date]:
    """The first and last day a point covers in `year`; ValueError if it does not exist."""
    if p.years is not None:
        return date(p.years[0], 1, 1), date(p.years[1], 12, 31)
    if p.day is not None:
        day = date(year, p.month or 0, p.day)
        return day, day
    if p.month is not None:
        last = _month_days(year, p.month)
        lo, hi = p.days or (1, last)
        return date(year, p.month, min(lo, last)), date(year, p.month, min(hi, last))
    first, final = p.months or (1, 12)
    end_year = year + (final < first)  # winter runs into the next year
    return date(year, first, 1), date(end_year, final, _month_days(end_year, final))


def _year(p: _Point, context: int | None, default_year: int | None, default_month: int | None) -> int | None:
    """The year of a point: stated, else the context year, else the publication year."""
    if p.year_shift is not None:
        return None if default_year is None else default_year + p.year_shift
    if p.year is not None or context is not None:
        return p.year or context
    month = p.month or (p.months[0] if p.months else None)
    if default_year is None or default_month is None or month is None:
        return default_year
    return default_year - (month > default_month)  # a later month was last year's


def _weekday_years(p: _Point, known: Iterable[int]) -> list[int]:
    """The years next to the years a text states (one either side, or the year itself) in which
    a point's day falls on the weekday named with it, the latest first: a report tells of the
    last such day ("Otrdien, 31. janvārī" with "2022. gadā" in the text: 2023)."""
    near = {y + d for y in known for d in (-1, 0, 1)}
    return sorted((y for y in near if _safe_weekday(p, y) == p.dow), reverse=True)


def _resolve(text: str, c: _Cand, context: int | None, defaults: tuple[int | None, int | None],
             published: Publication | None = None, previous: date | None = None,
             known: tuple[int, ...] = ()) -> DateMention | None:
    """Turn a chosen candidate into a DateMention; None when the date does not exist.
    Weekdays and relative words count from `published` or from the `previous` date."""
    points = _complete(c.points)
    precision = max(map(_precision, points))
    relative = [p for p in points if p.weekday is not None or p.relative is not None]
    # "līdz 10. maijam" in a January text looks forward (an emergency extended): a later month
    # is this year's, not last year's as a date of what happened is
    year_defaults = (defaults[0], None) if c.relation == "until" else defaults
    years = [_year(p, context, *year_defaults) if p not in relative and p.years is None else 0 for p in points]
    # a range whose ends state no year and no year before it runs on from its first end: "from
    # August 11 to November 10" in a September text is 2021 to 2021, not to 2020
    chained = len(points) == 2 and context is None and not relative and bool(years[0]) \
        and points[0].year is None and points[1].year is None and points[1].years is None
    if chained:
        years[1] = years[0]
    inferred = any(p.year is None and p.years is None for p in points) and not relative
    relation = c.relation
    anchors = {_counts_from(p, previous) for p in relative}
    if published is not None and "publication" in anchors:
        precision = max(precision, published.precision)  # "vakar" in a text of August: some day of August
    if relative and relation == "on":
        relation = "relative_to_previous" if "previous" in anchors else "relative_to_publication"
    try:
        spans = [_anchored(p, published, previous) if p in relative else _interval(p, y or _LEAP)
                 for p, y in zip(points, years)]  # "31. februārī" fails here
        if len(spans) == 2 and None not in spans and spans[0][0] > spans[1][1]:
            if points[0].weekday is not None:  # "from Friday to Monday"
                spans[0] = tuple(d - timedelta(days=7) for d in spans[0])
            elif chained:  # "no decembra līdz februārim": into the next year
                spans[1] = _interval(points[1], years[0] + 1)
            elif points[1].year is None and points[1] not in relative and defaults[1] is not None \
                    and points[0].month == defaults[1] and years[1]:
                # starting in the publication month: "from December 1 to March 1" runs into next year
                spans[1] = _interval(points[1], years[1] + 1)
            elif points[0].year is None and points[0] not in relative:
                spans[0] = _interval(points[0], (years[0] or _LEAP) - 1)  # "no decembra līdz februārim"
    except ValueError:
        return None
    for k, p in enumerate(points):
        if p.dow is not None and spans[k] is not None and years[k] and spans[k][0].weekday() != p.dow:
            # "Trešdien, 8. septembrī" is no Wednesday in the year inferred: the year next to it
            # may be, else the year is unknown
            if p.year is not None:
                return None
            fit = [y for y in (years[k] - 1, years[k] + 1) if _safe_weekday(p, y) == p.dow] \
                or _weekday_years(p, known)
            if not fit:
                years[k] = None
            else:
                years[k] = fit[0]
                spans[k] = _interval(p, fit[0])
    for k, p in enumerate(points):
        if p.dow is not None and years[k] is None and p.year is None and (fit := _weekday_years(p, known)):
            # no year before it: "Otrdien, 31. janvārī" in a text that names 2021 and 2022 is 2023
            years[k], spans[k] = fit[0], _interval(p, fit[0])
    if None in years or None in spans:  # no year or anchor anywhere: keep the mention, unnormalised
        return _mention(text, c, precision, relation)
    lo, hi = spans[0][0], spans[-1][1]
    if lo > hi:
        return None
    if c.night and precision == DAY:
        day = timedelta(days=1)
        lo, hi = (lo - day, hi) if c.night == "end" else (lo, hi + day)
    return _mention(text, c, precision, relation, (lo, hi), inferred)


def _mention(text: str, c: _Cand, precision: int, relation: str, own: tuple[date, date] | None = None,
             inferred: bool = False) -> DateMention:
    """The mention of a candidate whose expression covers the days `own` (None: unknown); a
    one-sided range leaves its open side None ("līdz 10. maijam" has no start)."""
    lo, hi = own or (None, None)
    return DateMention(start=c.start, end=c.end, surface=text[c.start:c.end],
                       date_start=None if c.relation == "until" else lo, date_end=None if c.relation == "from" else hi,
                       precision=precision, year_inferred=inferred, relation=relation, anchor=not c.attribute,
                       own_start=lo, own_end=hi)


def find_dates(text: str, lang: str = "lv", start: int = 0, end: int | None = None,
               default_year: int | None = None, default_month: int | None = None,
               published: date | Publication | str | None = None, years: Iterable[int] = ()) -> list[DateMention]:
    """Temporal expressions in text[start:end], in text order, with offsets into `text`.

    `years` are years the document states elsewhere (its title): with the text's own, they
    tell the year of a year-less date whose weekday is named ("Trešdien, 8. septembrī").

    `published` (the document's publication date) anchors weekdays and words such as
    "vakar" or "last week", and gives the default year and month when they are not given;
    "Two days later" counts from the date mentioned before it."""
    end = len(text) if end is None else end
    published = publication(published)
    if published is not None and default_year is None:
        default_year, default_month = published.year, published.month
    grammar = _grammar(lang)
    atoms = _atoms(text, start, end, grammar)
    cands = atoms + [c for c in _ranges(text, start, atoms, grammar) if c.hi <= end]
    urls = _urls(text, start, end)
    mentions, context, previous = [], None, None
    chosen = _select(cands, urls)
    # with no year before and no publication date, a year-less date takes the first year stated
    # after it ("On Tuesday, August 10 ... from August 11, 2021"): the text's own year
    # (a full date's year first: "than in 2020" compares, "from August 11, 2021" dates)
    later = [next((p.year for p in c.points if p.year is not None), None) if not c.attribute else None
             for c in chosen]
    full = [y if y and any(p.day is not None for p in c.points) else None for y, c in zip(later, chosen)]
    ahead_ok = True  # until a weekday shows the year ahead is not this text's
    known = tuple(sorted({y for y in later if y is not None} | set(years)))
    for i, c in enumerate(chosen):
        year = context
        if year is None and default_year is None and ahead_ok:
            year = next((y for y in full[i:] if y is not None), None) or next((y for y in later[i:] if y is not None), None)
        mention = _resolve(text, c, year, (default_year, default_month), published, previous, known)
        if mention is not None:
            mentions.append(mention)
            if mention.anchor and (mention.own_end or mention.own_start):
                previous = mention.own_end or mention.own_start
        stated = [p.year for p in c.points if p.year is not None]
        checked = [p for p in c.points if p.dow is not None and p.year is None]
        if stated and not c.attribute:
            context = stated[-1]
        elif checked and mention is not None and mention.date_start is not None:
            context = mention.date_start.year  # a weekday confirmed the year
        elif checked and year is not None and context is None:
            ahead_ok = False
    return mentions


def parse_date(surface: str, lang: str = "lv", default_year: int | None = None) -> DateMention | None:
    """The date expression that makes up the whole of `surface`, or None."""
    lo, hi = len(surface) - len(surface.lstrip()), len(surface.rstrip())
    found = find_dates(surface, lang, default_year=default_year)
    return next((m for m in found if (m.start, m.end) == (lo, hi)), None)
