"""Recognisers: each proposes spans that name places; none of them chooses the place.

Like spaCy's span rulers (and dguzh/geoparser's ``Recognizer``), every recogniser returns
all the candidates it sees; ``geo.spans.select`` then keeps the longest, earliest,
non-overlapping ones, and ``geo.text.places.resolve`` chooses a gazetteer entry for each.

The recognisers, all driven by the language files (``geo/data/language/*.toml``):

- ``gazetteer``: every surface form of every gazetteer name (Latvian cases, English names,
  compared folded: "Kuznica" finds Kuźnica);
- ``head``: a Latvian name before a generic head, in any case of either number, and the
  coordinated names sharing that head ("Briģu, Ciblas un Pasienes pagastos");
- ``english_head``: "Podlaskie Voivodeship", "the town of Narewka", "the districts of A, B and C";
- ``historical``: names of units that no longer exist (PSRS, Livonija);
- ``context``: a capitalised unknown word after a spatial preposition, or in a Latvian
  locative ("Salienā");
- ``coordinated``: a capitalised word listed with a recognised place ("Kybartai, Medininkai
  and Vilnius").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import accumulate, compress, count, repeat
from operator import attrgetter, itemgetter
from typing import Any, NamedTuple

from geo import spans
from geo.gazetteer import JOINER, TOKEN, Entry, Gazetteer, fold
from geo.text import language, latvian, lemmas

# The conjunctions of every language pack ([grammar.conjunctions]): the recognisers accept
# any of them whatever the text's language.
AND, OR = language.conjunctions("and"), language.conjunctions("or")
CONJUNCTIONS = frozenset(fold(w) for w in AND + OR)
_CONJUNCTION, _AND = "|".join(map(re.escape, AND + OR)), "|".join(map(re.escape, AND))
# Between a coordinated list of names and their shared head: "Ludzas, Krāslavas,
# Augšdaugavas novadā", "Latvijas un Lietuvas", "Kybartai, Medininkai and Vilnius".
COORDINATOR = re.compile(rf"\s*(?:,|\b(?:{_CONJUNCTION})\b)\s*(?:\b(?:{_AND})\b\s*)?")
SENTENCE_END = ".!?\"“”:;"
# recognisers of the same span, best first: a head says what kind of place a name is
RANK = {"head": 0, "english_head": 0, "border": 0, "gazetteer": 1, "historical": 2, "context": 3, "coordinated": 4}


class Token(NamedTuple):
    """A word and its span (a tuple: documents have hundreds of thousands of them)."""

    start: int
    end: int
    text: str


class Candidate(NamedTuple):
    """A recognised span: its tokens, what it may stand for, and what the recogniser knows.

    `entries` are gazetteer entries the span may be a form of (empty when the name is not in
    the gazetteer); `types` the place types the context implies (from a head); `lemma` the
    dictionary form when no entry gives one; `reason` what to say when nothing places it.
    """

    first: int
    last: int
    start: int
    end: int
    source: str
    entries: tuple[Entry, ...] = ()
    types: tuple[str, ...] = ()
    lemma: str = ""
    cases: frozenset[str] = frozenset()
    reason: str = ""
    historical: bool = False

    @property
    def rank(self) -> int:
        return RANK[self.source]


@dataclass
class Context:
    """What every recogniser reads: the text, its tokens (folded once) and the language."""

    text: str
    toks: list[Token]
    folded: list[str]
    gazetteer: Gazetteer
    lang: str
    covered: frozenset[int] = frozenset()  # tokens inside gazetteer forms (which outrank context words)
    words: list[str] | None = None  # the tokens' texts, when the caller has them
    capitals: list[int] | None = None  # the indices of those that begin with a capital

    def __post_init__(self) -> None:
        if self.capitals is None:
            self.capitals = _capitals(self.words or [t.text for t in self.toks])

    def joined(self, first: int, last: int) -> bool:
        """Whether tokens first..last are separated only by spaces, dashes or quotes."""
        return all(JOINER.fullmatch(self.text[self.toks[i].end:self.toks[i + 1].start]) for i in range(first, last))

    def gap(self, k: int) -> str:
        """The text between token k-1 and token k."""
        return self.text[self.toks[k - 1].end:self.toks[k].start]

    def sentence_initial(self, k: int) -> bool:
        """Whether token k begins a sentence (its capital then says nothing)."""
        # what is not space before it: in the gap after the token before (whose own last
        # character, a letter or digit, ends no sentence), else the text's start
        before = self.text[self.toks[k - 1].end if k else 0:self.toks[k].start].rstrip()
        if not before:
            return k == 0
        return before[-1] in SENTENCE_END

    def capitalised(self, k: int) -> bool:
        word = self.toks[k].text
        return word[0].isupper() and not word[0].isdigit()

    def candidate(self, first: int, last: int, source: str, **kw: Any) -> Candidate:
        return Candidate(first, last, self.toks[first].start, self.toks[last].end, source, **kw)


def _capitals(words: list[str]) -> list[int]:
    """Indices of the words that begin with a capital, picked out in C (most words do not)."""
    return list(compress(count(), map(str.isupper, map(itemgetter(0), words))))


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Word tokens of text[start:end] with offsets into `text`."""
    end = len(text) if end is None else end
    # one split into gaps and words, their offsets summed in C and the tuples made by map:
    # no Python code, nor a match object, per token
    parts = _WORDS_AND_GAPS.split(text if (start, end) == (0, len(text)) else text[start:end])
    offsets = list(accumulate(map(len, parts), initial=start))
    return list(map(tuple.__new__, repeat(Token), zip(offsets[1::2], offsets[2::2], parts[1::2])))


_WORDS_AND_GAPS = re.compile(f"({TOKEN.pattern})")  # split keeps the words (the group) between the gaps


# --- language data, compiled once --------------------------------------------------------

@cache
def _data(lang: str) -> dict[str, Any]:
    """The [places] and [roles] knowledge of a language, compiled for lookups."""
    pack = language.pack(lang)
    places, roles = pack.places, pack.roles
    data: dict[str, Any] = {
        "prepositions": frozenset(fold(p) for p in roles["spatial_prepositions"]),
        "locative_endings": tuple(roles["locative_endings"]),
        "adjective_endings": tuple(roles["adjective_endings"]),
        "not_places": frozenset(fold(w) for w in roles["not_places"]),
        "not_names": frozenset(fold(w) for w in places.get("not_names", [])),
        "demonym_endings": tuple(places.get("demonym_endings", [])),
        "genitive_endings": tuple(places.get("genitive_endings", [])),
        "not_after": tuple(tuple(fold(w) for w in p.split()) for p in places.get("not_after", [])),
    }
    # Latvian heads: the last word's every case form of both numbers → (words before it, lemma,
    # number, cases, types, historical); "robežkontroles punkts" inflects only "punkts"
    heads: dict[str, list[tuple[tuple[str, ...], str, str, frozenset[str], tuple[str, ...], bool]]] = {}
    exact: dict[str, set[str]] = {}
    for lemma, spec in places.get("heads", {}).items():
        by_form: dict[tuple[str, str], set[str]] = {}
        for (number, case), form in latvian.paradigm(lemma, spec["class"]).items():
            if case != "voc":
                *prefix, last = form.split()
                by_form.setdefault((fold(last), number), set()).add(case)
                exact.setdefault(last, set()).add(case)
        prefix = tuple(fold(w) for w in lemma.split()[:-1])
        singular = {form for form, number in by_form if number == "singular"}
        for (form, number), cases in by_form.items():
            if number == "plural" and form in singular:
                continue  # a form of both numbers reads as the singular
            heads.setdefault(form, []).append((prefix, lemma, number, frozenset(cases), tuple(spec["types"]),
                                               bool(spec.get("historical"))))
    data["heads"] = heads
    # the cases of each form as written (folding merges "novada", gen, with "novadā", loc)
    data["head_cases"] = {form: frozenset(cases) for form, cases in exact.items()}
    borders = places.get("border_heads", {})
    data["border_heads"] = frozenset(fold(f.split()[-1]) for lemma, cls in borders.items()
                                     for f in ([lemma] if not cls else latvian.paradigm(lemma, cls).values()))
    data["border_lemmas"] = tuple(borders)
    data["border_between"] = frozenset(fold(w) for w in places.get("border_between", []))
    data["border_qualifiers"] = frozenset(fold(w) for w in places.get("border_qualifiers", []))
    data["heads_after"] = {fold(k): tuple(v) for k, v in places.get("heads_after", {}).items()}
    data["heads_before"] = {tuple(fold(w) for w in k.split()): tuple(v) for k, v in places.get("heads_before", {}).items()}
    by_first: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
    for phrase, types in data["heads_before"].items():
        by_first.setdefault(phrase[0], []).append((phrase, types))
    data["heads_before_by_first"] = by_first
    historical: dict[tuple[str, ...], str] = {}
    for item in places.get("historical", []):
        name, _, spec = item.partition("|")
        forms = latvian.inflect(name, spec) if language.inflects(lang) and spec else {name: {"nom"}}
        for form in forms:
            historical[tuple(fold(w) for w in TOKEN.findall(form))] = name
    data["historical"] = historical
    data["historical_words"] = max((len(k) for k in historical), default=0)
    data["historical_first"] = frozenset(k[0] for k in historical)
    return data


UNIT_TYPES = frozenset({"municipality", "region", "parish", "state_city"})


@cache
def unit_heads(lang: str) -> tuple[str, ...]:
    """The singular English heads of administrative units ("municipality", "district", …)."""
    return tuple(h for h, types in _data(lang)["heads_after"].items() if UNIT_TYPES & set(types) and not h.endswith("s"))


def is_demonym(form: str, entry: Entry, gazetteer: Gazetteer, lang: str) -> bool:
    """Whether an English form of a country or region is its adjective ("Latvian", "Polish")."""
    endings = _data(lang)["demonym_endings"]
    if not endings:  # a language whose data names no demonym endings has no such adjectives
        return False
    place = gazetteer.places.get(entry.place_id)
    if place is None:
        return False
    first = TOKEN.findall(form)[0]
    if place.type in ("border", "corridor") and len(TOKEN.findall(form)) > 1:
        # "Polish-Belarusian border": named by the adjectives of its countries
        return any(is_demonym(first, e, gazetteer, lang) for e in gazetteer.lookup([first]))
    if place.type not in ("country", "region", "union"):
        return False
    return (first.endswith(endings) and fold(first) != fold(place.name.split()[0])
            and fold(first)[:3] == fold(place.name)[:3])


# --- the recognisers ------------------------------------------------------------------------

def _glued(text: str, start: int) -> bool:
    """Whether a word is glued to the one before by ':', '/', '@' or '.' ("Re:Baltica", "lsm.lv")."""
    return start >= 2 and text[start - 1] in ":/@." and text[start - 2].isalnum()


def gazetteer_forms(ctx: Context) -> list[Candidate]:
    """Every gazetteer form in the text, found in one pass of the gazetteer's Aho–Corasick automaton."""
    toks, text = ctx.toks, ctx.text
    # every match, then those whose words are joined only by spaces, dashes or quotes
    matches = [m for m in ctx.gazetteer.matches(ctx.words or [t.text for t in toks], folded=ctx.folded)
               if m[0] == m[1] or ctx.joined(m[0], m[1])]
    starts = set(map(_FIRST_TOKEN, matches))
    curated = ctx.gazetteer.curated
    found = []
    for first, last, entries in matches:
        start = toks[first].start
        if _glued(text, start) or first == last and curated.isdisjoint(map(_PLACE_ID, entries)) \
                and (_in_longer_name(ctx, first, starts) or _common_word(ctx, first, entries)):
            continue
        found.append(Candidate(first, last, start, toks[last].end, "gazetteer", tuple(entries), cases=entries[0].cases))
    return found


_PLACE_ID, _TEXT, _FIRST = attrgetter("place_id"), attrgetter("text"), attrgetter("first")
_FIRST_TOKEN = itemgetter(0)  # of a gazetteer Match


SMALL = 1000  # people: below this a generated place is not worth a dictionary word at a sentence start


def _common_word(ctx: Context, k: int, entries: list[Entry]) -> bool:
    """Whether a generated name at a sentence start is rather a word of the language ("Būtiski").

    A sentence-initial capital says nothing; a word the lemmatiser knows is that word there,
    unless one of the places is a town of some size.
    """
    if not ctx.sentence_initial(k):
        return False
    places = ctx.gazetteer.places
    if any((places[e.place_id].population or 0) >= SMALL or places[e.place_id].type not in ("village", "facility")
           for e in entries if e.place_id in places):
        return False
    return _known(ctx.toks[k].text.lower(), ctx.lang)


@lru_cache(maxsize=8192)
def _known(word: str, lang: str) -> bool:
    return lemmas.is_known(word, lang)


def _in_longer_name(ctx: Context, k: int, starts: set[int]) -> bool:
    """Whether a one-word name is a word of a longer proper name ("Anna Michalska").

    A capitalised word right after it (a space between) that is no place name itself, or one
    right before it that does not begin a sentence, makes it part of a person's or an
    organisation's name. Only generated names are dropped so: the curated ones are known
    to be written alone.
    """
    toks = ctx.toks
    after = k + 1 < len(toks) and ctx.capitalised(k + 1) and ctx.gap(k + 1) == " " and k + 1 not in starts \
        and not toks[k + 1].text.isupper() and ctx.folded[k + 1] not in _data(ctx.lang)["heads_after"] \
        and ctx.folded[k + 1] not in _data(ctx.lang)["heads"]
    before = k > 0 and ctx.capitalised(k - 1) and ctx.gap(k) == " " and not ctx.sentence_initial(k - 1) \
        and (k - 1) not in starts and not toks[k - 1].text.isupper()
    return after or before


def _names_before(ctx: Context, k: int, data: dict[str, Any]) -> list[int]:
    """Token indices of the capitalised names coordinated right before token k, last first."""
    names: list[int] = []
    j = k - 1
    genitive = data["genitive_endings"]
    while j >= 0 and ctx.capitalised(j) and not ctx.toks[j].text.isupper() \
            and fold(ctx.toks[j].text) not in data["not_names"] and (not genitive or ctx.toks[j].text.endswith(genitive)) \
            and not ctx.toks[j].text.endswith(data["locative_endings"] or ("\0",)):
        after = names[-1] if names else k
        gap = ctx.text[ctx.toks[j].end:ctx.toks[after].start]
        if not (COORDINATOR.fullmatch(gap) if names else JOINER.fullmatch(gap)) or "\n" in gap:
            break
        names.append(j)
        j -= 1
        if j >= 0 and ctx.folded[j] in CONJUNCTIONS:
            j -= 1  # "Ludzas un Krāslavas"
    return names


def latvian_heads(ctx: Context) -> list[Candidate]:
    """A name in the genitive before a generic head, and the names coordinated with it.

    Also a head before quoted names: "pār upi “Asūnīca”, “Rosica” un “Sarjanka”".
    """
    if not language.inflects(ctx.lang):
        return []
    data = _data(ctx.lang)
    found, heads = [], data["heads"]
    # the few head words picked out in C (a membership test of each word), then read in Python
    for k in compress(count(), map(heads.__contains__, ctx.folded)):
        for prefix, lemma, number, cases, types, historical in heads[ctx.folded[k]]:
            h = k - len(prefix)  # the head's first token
            if h < 0 or tuple(ctx.folded[h:k]) != prefix:
                continue
            cases = data["head_cases"].get(ctx.toks[k].text.lower(), cases)
            reason = _head_reason(lemma, types, historical)
            found += _quoted_after(ctx, k, lemma, types, cases, reason)
            names = _names_before(ctx, h, data)
            if not names or (number == "plural" and len(names) < 2):
                continue  # "Latvijas pilsētās" is Latvia's towns, not a town
            head_words = [t.text for t in ctx.toks[h:k + 1]]
            for n, j in enumerate(names):
                name = ctx.toks[j].text
                alone = ctx.gazetteer.lookup([name], (ctx.folded[j],))
                if any(ctx.gazetteer.places[e.place_id].type in ("country", "union") for e in alone
                       if e.place_id in ctx.gazetteer.places) and "country" not in types:
                    break  # "Polijas pilsētas": a country's towns
                last = k if n == 0 else j
                entries = (ctx.gazetteer.lookup([name] + head_words) if n == 0 else []) \
                    or ctx.gazetteer.lookup([name] + lemma.split())
                if n > 0 and entries:  # "Ludzas" of "Ludzas un Krāslavas novados": its head's case
                    entries = [e._replace(cases=cases) for e in entries]
                found.append(ctx.candidate(j, last, "head", entries=tuple(entries or alone), types=types,
                                           lemma=f"{name} {lemma}", cases=cases, historical=historical,
                                           reason=reason))
    return found


OPEN_QUOTES, CLOSE_QUOTES = "\"“„«", "\"”“»"
# between two quoted names of a list: '”, “', '” un “'
QUOTED_LIST = re.compile(rf"[\"”“»]\s*,?\s*(?:(?:{_CONJUNCTION})\s*)?[\"“„«]")


def _quoted_after(ctx: Context, k: int, lemma: str, types: tuple[str, ...], cases: frozenset[str],
                  reason: str) -> list[Candidate]:
    """Quoted names right after a head, and the quoted names listed with them."""
    out, j = [], k + 1
    while j < len(ctx.toks):
        gap = ctx.gap(j)
        if not gap.strip() or gap.strip()[-1] not in OPEN_QUOTES or "\n" in gap or not ctx.capitalised(j):
            break
        last = j
        while last + 1 < len(ctx.toks) and ctx.gap(last + 1) == " " and ctx.capitalised(last + 1):
            last += 1
        after = ctx.text[ctx.toks[last].end:ctx.toks[last + 1].start] if last + 1 < len(ctx.toks) else ctx.text[ctx.toks[last].end:]
        if not after or after[0] not in CLOSE_QUOTES:
            break
        words = [t.text for t in ctx.toks[j:last + 1]]
        entries = [e for e in ctx.gazetteer.lookup(words) if ctx.gazetteer.places.get(e.place_id)
                   and ctx.gazetteer.places[e.place_id].type in types]
        out.append(ctx.candidate(j, last, "head", entries=tuple(entries), types=types, lemma=" ".join(words),
                                 reason=reason))
        nxt = last + 1
        if nxt < len(ctx.toks) and ctx.folded[nxt] in CONJUNCTIONS:
            nxt += 1  # “Rosica” un “Sarjanka”
        if nxt >= len(ctx.toks) or not QUOTED_LIST.fullmatch(ctx.text[ctx.toks[last].end:ctx.toks[nxt].start]):
            break
        j = nxt
    return out


def _head_reason(lemma: str, types: tuple[str, ...], historical: bool) -> str:
    if historical:
        return f"historical unit ({lemma}), no gazetteer entry"
    return f"{types[0].replace('_', ' ')} not in the gazetteer"


def english_heads(ctx: Context) -> list[Candidate]:
    """"Podlaskie Voivodeship", "Narewka commune"; "the town of Narewka", "districts of A, B and C"."""
    data = _data(ctx.lang)
    if not data["heads_after"] and not data["heads_before"]:
        return []  # the language names no heads of this kind (Latvian heads inflect: see latvian_heads)
    found = []
    toks = ctx.toks
    for k, word in enumerate(ctx.folded):
        types = data["heads_after"].get(word)
        if types and k > 0:
            first = k
            while first - 1 >= 0 and k - first < 3 and ctx.capitalised(first - 1) \
                    and fold(toks[first - 1].text) not in data["not_names"] \
                    and JOINER.fullmatch(ctx.gap(first)):
                first -= 1
            if first < k and not _adjectival(ctx, first):
                found.append(_english(ctx, first, k, types, [t.text for t in toks[first:k]]))
        for phrase, types in data["heads_before_by_first"].get(word, ()):
            n = len(phrase)
            if tuple(ctx.folded[k:k + n]) != phrase or k + n >= len(toks):
                continue
            j = k + n
            while j < len(toks):  # one name, or a list of them
                last = j
                while last + 1 < len(toks) and last - j < 2 and ctx.capitalised(last + 1) \
                        and ctx.gap(last + 1) == " ":
                    last += 1
                if not ctx.capitalised(j) or fold(toks[j].text) in data["not_names"]:
                    break
                found.append(_english(ctx, j, last, types, [t.text for t in toks[j:last + 1]]))
                nxt = last + 2 if last + 2 < len(toks) and ctx.folded[last + 1] in CONJUNCTIONS else last + 1
                gap = ctx.text[toks[last].end:toks[nxt].start] if nxt < len(toks) else ""
                if not (COORDINATOR.fullmatch(gap) and "\n" not in gap):
                    break
                j = nxt
    return found


def _adjectival(ctx: Context, first: int) -> bool:
    """Whether a name before an English head is an adjective ("Belarusian region")."""
    for e in ctx.gazetteer.lookup([ctx.toks[first].text], (ctx.folded[first],)):
        if is_demonym(ctx.toks[first].text, e, ctx.gazetteer, ctx.lang):
            return True
    return False


def _english(ctx: Context, first: int, last: int, types: tuple[str, ...], words: list[str]) -> Candidate:
    """An English head candidate: the entries of the whole span, else of the name alone."""
    whole = ctx.gazetteer.lookup([t.text for t in ctx.toks[first:last + 1]], tuple(ctx.folded[first:last + 1]))
    data = _data(ctx.lang)
    named = [e for head, kinds in data["heads_after"].items() if set(kinds) & set(types)
             for e in ctx.gazetteer.lookup(words + [head])]  # "districts of Ludza" → Ludza municipality
    entries = whole or named or ctx.gazetteer.lookup(words)
    return ctx.candidate(first, last, "english_head", entries=tuple(entries), types=types,
                         lemma=" ".join(t.text for t in ctx.toks[first:last + 1]),
                         reason=f"{types[0].replace('_', ' ')} not in the gazetteer")


DASH = re.compile(r"\s*[-‐‑‒–—]\s*")


def _country_at(ctx: Context, by_first: dict[int, Candidate], k: int, data: dict[str, Any]) -> int | None:
    """The last token of a country's name beginning at token k ("Latvijas Republikas"), or None
    (`by_first`: the candidates that may be a country, by their first token)."""
    cand = by_first.get(k)
    if cand is None:
        return None
    last = cand.last
    if last + 1 < len(ctx.toks) and ctx.folded[last + 1] in data["border_qualifiers"] and ctx.gap(last + 1) == " ":
        last += 1
    return last


def borders(ctx: Context, found: list[Candidate]) -> list[Candidate]:
    """A border between two countries named by them: "Latvijas–Baltkrievijas robeža" (any case,
    "Republikas" after a name, "valsts" before the head), "Polijas un Baltkrievijas robežu",
    the Latvia-Russia border; a pair sharing the head of the next one ("Latvijas–Baltkrievijas un
    Latvijas–Krievijas robežas"). Demonyms count as names in English ("Polish-Belarusian border").
    """
    data = _data(ctx.lang)
    if not data["border_heads"]:
        return []
    by_first = {c.first: c for c in found if c.source in ("gazetteer", "historical")}
    countries = ctx.gazetteer.country_ids
    # of those, a country or a state that no longer exists ("Latvijas—PSRS robeža"): the few
    # spans a pair can begin with, picked once rather than at each test of a pair
    by_first = {k: c for k, c in by_first.items()
                if c.source == "historical" or not countries.isdisjoint(map(_PLACE_ID, c.entries))}
    n = len(ctx.toks)
    pairs = []  # (first, last of the second name, head index or None, dashed)
    for a in sorted(by_first):
        end_a = _country_at(ctx, by_first, a, data)
        if end_a is None or end_a + 1 >= n:
            continue
        b = end_a + 1
        dashed = bool(DASH.fullmatch(ctx.gap(b)))
        if not dashed:
            if ctx.folded[b] not in AND or b + 1 >= n:
                continue
            b += 1
        end_b = _country_at(ctx, by_first, b, data)
        if end_b is None:
            continue
        k = end_b + 1
        while k < n and ctx.folded[k] in data["border_between"] and JOINER.fullmatch(ctx.gap(k)):
            k += 1
        head = k if k < n and ctx.folded[k] in data["border_heads"] and ctx.gap(k).isspace() else None
        pairs.append((a, b, end_b, head, dashed))
    out = []
    starting = {p[0]: p for p in pairs if p[4]}
    for a, b, end_b, head, dashed in pairs:
        if head is None:  # "Latvijas–Baltkrievijas un Latvijas–Krievijas robežas"
            nxt = starting.get(end_b + 2)
            if not (dashed and nxt and nxt[3] is not None and ctx.folded[end_b + 1] in CONJUNCTIONS):
                continue
        out.append(_border(ctx, a, b, end_b if head is None else head, head))
    return out


def _border(ctx: Context, a: int, b: int, last: int, head: int | None) -> Candidate:
    """A border candidate: the gazetteer's border of those two countries, when it has one."""
    data = _data(ctx.lang)
    gaz, toks = ctx.gazetteer, ctx.toks
    first_a, first_b = toks[a].text, toks[b].text
    entries: list[Entry] = []
    for lemma in data["border_lemmas"]:
        for x, y in ((first_a, first_b), (first_b, first_a)):
            entries += [e for e in gaz.lookup([x, y, lemma])
                        if e.place_id in gaz.places and gaz.places[e.place_id].type == "border"]
        if entries:
            break
    cases = data["head_cases"].get(toks[head].text.lower(), frozenset()) if head is not None else frozenset()
    entries = list({e.place_id: e for e in reversed(entries)}.values())[::-1]  # one entry per place
    return ctx.candidate(a, last, "border", entries=tuple(entries), types=("border",),
                         lemma=ctx.text[toks[a].start:toks[head - 1 if head is not None else last].end]
                         + " " + (data["border_lemmas"][0] if head is not None else ""), cases=cases,
                         reason="border not in the gazetteer")


def historical_units(ctx: Context) -> list[Candidate]:
    """Names of units that no longer exist (the language file's list)."""
    data = _data(ctx.lang)
    table, longest = data["historical"], data["historical_words"]
    found: list[Candidate] = []
    firsts = data["historical_first"]
    if firsts.isdisjoint(ctx.folded):
        return found  # most texts name none: one pass of set lookups in C says so
    for first in compress(count(), map(firsts.__contains__, ctx.folded)):  # the few first words, picked in C
        for last in range(first, min(first + longest, len(ctx.toks))):
            name = table.get(tuple(ctx.folded[first:last + 1]))
            if name and ctx.joined(first, last) and ctx.capitalised(first):
                entries = ctx.gazetteer.lookup([t.text for t in ctx.toks[first:last + 1]], tuple(ctx.folded[first:last + 1]))
                found.append(ctx.candidate(first, last, "historical", entries=tuple(entries), lemma=name,
                                           types=("historical",), historical=True,
                                           reason="historical unit, no gazetteer entry"))
    return found


def place_like(ctx: Context, k: int, data: dict[str, Any], loose: bool = False) -> bool:
    """Whether token k looks like a place name the gazetteer does not know.

    Capitalised, not sentence-initial, not inside a longer proper name ("Ieva Raubiško"),
    and after a spatial preposition or (Latvian) in a locative form. `loose` drops the last
    condition (for a word listed with a recognised place).
    """
    toks, text = ctx.toks, ctx.text
    word = toks[k].text
    if not ctx.capitalised(k) or word.isupper() or len(word) < 3 or fold(word) in data["not_places"]:
        return False
    if not loose and not _where_places_stand(ctx, k, data):
        return False  # tested before the rest: most capitalised words stand elsewhere
    if ctx.sentence_initial(k):
        return False
    if k + 1 < len(toks) and ctx.capitalised(k + 1) and text[toks[k].end:toks[k + 1].start] == " ":
        return False  # part of a longer proper name ("Ieva Raubiško", "Amnesty International")
    if k > 0 and ctx.capitalised(k - 1) and text[toks[k - 1].end:toks[k].start] == " ":
        return False  # inside one too ("Baltijas Pētnieciskās ... centrs")
    # "Nacionālās drošības departaments": an adjective of a name
    return not word.endswith(data["adjective_endings"])


def _where_places_stand(ctx: Context, k: int, data: dict[str, Any]) -> bool:
    """Whether token k follows a spatial preposition, or (Latvian) is in a locative form."""
    after_preposition = k > 0 and ctx.folded[k - 1] in data["prepositions"] and ctx.gap(k).isspace() \
        and not any(tuple(ctx.folded[max(0, k - len(p)):k]) == p for p in data["not_after"])
    return after_preposition or bool(data["locative_endings"]) and ctx.toks[k].text.endswith(data["locative_endings"])


def _two_words(ctx: Context, k: int, data: dict[str, Any]) -> bool:
    """Whether tokens k, k+1 are one unknown two-word name right after a spatial preposition:
    both capitalised, joined by one space or a hyphen, no third capitalised word joined on
    ("pie Dubičes Cerkevnes", "pie Klukovičes-Kolonija pilsētiņas", "in Stara Kamionka")."""
    toks = ctx.toks
    if k == 0 or k + 1 >= len(toks) or k in ctx.covered or k + 1 in ctx.covered:
        return False  # (most words after a preposition are gazetteer names)
    if ctx.folded[k - 1] not in data["prepositions"] or not ctx.gap(k).isspace():
        return False
    if any(tuple(ctx.folded[max(0, k - len(p)):k]) == p for p in data["not_after"]):
        return False
    if ctx.sentence_initial(k) or ctx.gap(k + 1) not in (" ", "-"):
        return False
    pair = (toks[k].text, toks[k + 1].text)
    if not all(w[0].isupper() and not w.isupper() and len(w) >= 3 and fold(w) not in data["not_places"] for w in pair):
        return False
    return not (k + 2 < len(toks) and ctx.capitalised(k + 2) and ctx.gap(k + 2) in (" ", "-"))


def context_words(ctx: Context) -> list[Candidate]:
    """Capitalised unknown words after a spatial preposition or in a Latvian locative, and
    unknown two-word names after a spatial preposition (one span)."""
    data = _data(ctx.lang)
    capitals = ctx.capitals
    reason = "not in the gazetteer nor among GeoNames populated places"
    prepositions, folded = data["prepositions"], ctx.folded
    # a pair begins right after a preposition (tested here first: most capitals do not)
    pairs = [ctx.candidate(k, k + 1, "context", lemma=ctx.text[ctx.toks[k].start:ctx.toks[k + 1].end],
                           cases=_cases(ctx, k + 1), reason=reason)
             for k in capitals if k and folded[k - 1] in prepositions and _two_words(ctx, k, data)]
    return pairs + [ctx.candidate(k, k, "context", lemma=ctx.toks[k].text, cases=_cases(ctx, k), reason=reason)
                    for k in capitals if k not in ctx.covered and place_like(ctx, k, data)]


def coordinated_words(ctx: Context, kept: list[Candidate]) -> list[Candidate]:
    """Capitalised words listed with recognised places: "Kybartai, Medininkai, Pabrade and Vilnius"."""
    data = _data(ctx.lang)
    toks, folded, text, n = ctx.toks, ctx.folded, ctx.text, len(ctx.toks)
    ends = {c.first for c in kept} | {c.last for c in kept}
    found: list[Candidate] = []
    capitals = frozenset(ctx.capitals)
    for step in (1, -1):  # to the right of a place (in text order), then to its left (from the end)
        for cand in _beside(sorted(kept + found, key=_FIRST, reverse=step == -1), step, capitals):
            if cand.types == ("historical",):
                continue
            here = cand.last if step == 1 else cand.first
            while True:
                k = here + step
                if 0 <= k < n and folded[k] in CONJUNCTIONS:
                    k += step  # "Sīrijas un Irānas"
                if not 0 <= k < n or k in ends or not ctx.capitalised(k):
                    break  # (place_like's first test, before the gap is cut out and matched)
                gap = text[toks[here].end:toks[k].start] if step == 1 else text[toks[k].end:toks[here].start]
                if not COORDINATOR.fullmatch(gap) or "\n" in gap or not place_like(ctx, k, data, loose=True):
                    break
                found.append(ctx.candidate(k, k, "coordinated", lemma=toks[k].text, cases=_cases(ctx, k),
                                           reason="not in the gazetteer nor among GeoNames populated places"))
                ends.add(k)
                here = k
    return found


def _beside(cands: list[Candidate], step: int, capitals: frozenset[int]) -> list[Candidate]:
    """The candidates with a capitalised token one or two tokens beyond their end on the side of
    `step` (one, or the one after a conjunction): the only ones a list can go on from."""
    if step == 1:
        return [c for c in cands if c.last + 1 in capitals or c.last + 2 in capitals]
    return [c for c in cands if c.first - 1 in capitals or c.first - 2 in capitals]


def _cases(ctx: Context, k: int) -> frozenset[str]:
    """The cases an unknown Latvian word may be in, from its ending ("Afganistānas": gen)."""
    return _word_cases(ctx.toks[k].text) if language.inflects(ctx.lang) else frozenset()


@lru_cache(maxsize=8192)
def _word_cases(word: str) -> frozenset[str]:
    return frozenset(case for _, _, case in latvian.nominative_candidates(word))


RECOGNISERS = (latvian_heads, english_heads, historical_units, context_words)


def recognise(text: str, toks: list[Token], gazetteer: Gazetteer, lang: str) -> list[Candidate]:
    """Every recogniser's candidates, filtered once: the longest, earliest, best-ranked spans."""
    words = list(map(_TEXT, toks))
    ctx = Context(text, toks, list(map(fold, words)), gazetteer, lang, words=words)
    found = gazetteer_forms(ctx)
    ctx.covered = frozenset().union(*(range(c.first, c.last + 1) for c in found))
    found += [c for recogniser in RECOGNISERS for c in recogniser(ctx)]
    found += borders(ctx, found)
    kept = spans.select(found, rank=_rank)
    more = coordinated_words(ctx, kept)
    return spans.select(kept + more, rank=_rank) if more else kept


def _rank(cand: Candidate) -> int:
    return RANK[cand.source]  # Candidate.rank, without the property's second call per span
