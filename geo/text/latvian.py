"""Latvian inflection: the surface forms of a name, and a surface form back to its lemma.

No maintained package generates Latvian noun paradigms offline (simplemma lemmatises
common words but knows few village names), so the paradigms are generated here from
the case-ending table of the Latvian language pack, ``geo/data/inflection/lv.toml``.
"""

from __future__ import annotations

from geo.text import language
from geo.text.language import INVARIANT, Declension, Inflection

LANG = "lv"  # the language pack whose declension table this module applies


def _table() -> Inflection:
    """The declension table of the Latvian pack (read once, by `language.pack`)."""
    return language.pack(LANG).inflection


def mutate(stem: str) -> str:
    """Apply Latvian consonant alternation to the end of a stem (iecirkn → iecirkņ)."""
    for plain, alternated in _table().mutation:
        if stem.endswith(plain):
            return stem[: -len(plain)] + alternated
    return stem


def stem_of(word: str, decl: Declension) -> str:
    """Strip the nominative ending of a class from a word."""
    for ending in sorted(decl.nominative, key=len, reverse=True):
        if word.endswith(ending) and len(word) > len(ending):
            return word[: -len(ending)]
    raise ValueError(f"{word!r} does not end like declension {decl.name} ({'/'.join(decl.nominative)})")


def paradigm(word: str, class_name: str) -> dict[tuple[str, str], str]:
    """Every (number, case) form of one word; an invariant word is the same in all cells."""
    classes = _table().classes
    if class_name == INVARIANT:
        return {(num, case): word for num in ("singular", "plural") for case in _table().cases}
    if class_name not in classes:
        raise ValueError(f"unknown declension class {class_name!r}")
    decl = classes[class_name]
    stem = stem_of(word, decl)
    forms = {}
    for number, table in decl.endings.items():
        for case, ending in table.items():
            base = mutate(stem) if decl.mutates(number, case) else stem
            forms[(number, case)] = base + ending
    return forms


def inflect(name: str, spec: str) -> dict[str, set[str]]:
    """All surface forms of a (multi-word) name → the cases each form can be.

    `spec` names the declension classes of the trailing words, right-aligned:
    "Skrudalienas pagasts" with spec "n1" inflects only "pagasts"; "Tuvie Austrumi"
    with "adj_m_pl n1_pl" inflects both, in agreement.
    """
    words = name.split()
    classes = spec.split() if spec.strip() else [INVARIANT]
    if len(classes) > len(words):
        raise ValueError(f"{name!r}: declension spec {spec!r} names more words than there are")
    classes = [INVARIANT] * (len(words) - len(classes)) + classes
    tables = [paradigm(w, c) for w, c in zip(words, classes)]
    # only the cells every inflecting word has (plural-only names have no singular);
    # a place name is singular unless it is plural-only, so "Latvijas" reads as genitive,
    # never as a plural nominative
    cells = set.intersection(*(set(t) for t in tables))
    if any(number == "singular" for number, _ in cells):
        cells = {cell for cell in cells if cell[0] == "singular"}
    forms: dict[str, set[str]] = {}
    for number, case in sorted(cells):
        form = " ".join(t[(number, case)] for t in tables)
        forms.setdefault(form, set()).add(case)
    return forms


def _noun_class(word: str) -> str:
    """The declension class of a head noun, from the word itself or its ending."""
    table = _table().guess
    if word.lower() in table.words:
        return table.words[word.lower()]
    if not word[-1:].islower():
        return INVARIANT  # an acronym or a number
    for ending, cls in table.endings:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            return cls
    return INVARIANT


def _phrase_spec(words: list[str]) -> list[str]:
    """Classes of the words of one noun phrase: its head and the adjectives agreeing with it."""
    head = _noun_class(words[-1])
    plural = head.endswith("_pl")
    spec = [head]
    for word in reversed(words[:-1]):
        cls = INVARIANT
        if head != INVARIANT:
            cls = next((c for ending, c in _table().guess.adjectives[plural] if word.endswith(ending)
                        and len(word) > len(ending) + 1), INVARIANT)
        spec.append(cls)
    return spec[::-1]


def guess_declension(name: str) -> str:
    """A declension spec for a name from its endings (data: the [guess] table).

    Only the head (last word) inflects, with the definite adjectives before it; genitive
    modifiers stay: "Ludzas novads" → "- n1", "Kongo Demokrātiskā Republika" → "- adj_f n4",
    "Kongo" → "-". The conjuncts of "Bosnija un Hercegovina" both inflect ("n4 - n4").
    """
    words = name.split()
    if not words:
        return INVARIANT
    conj = _table().guess.conjunctions
    spec: list[str] = []
    phrase: list[str] = []
    for word in words:
        if word in conj and phrase:
            spec += _phrase_spec(phrase) + [INVARIANT]
            phrase = []
        else:
            phrase.append(word)
    if phrase:
        spec += _phrase_spec(phrase)
    # drop the leading invariant words: inflect() right-aligns the spec
    while len(spec) > 1 and spec[0] == INVARIANT:
        spec.pop(0)
    return " ".join(spec)


def nominative_candidates(word: str) -> list[tuple[str, str, str]]:
    """Possible (nominative, class, case) readings of an inflected word, for unknown names.

    Used to look a name that is not in the gazetteer up in GeoNames: "Bauskā" → "Bauska".
    """
    classes = _table().classes
    readings = []
    for decl in classes.values():
        if decl.name.startswith("adj"):
            continue
        for table in decl.endings.values():
            for case, ending in table.items():
                if case == "voc" or not word.endswith(ending) or len(word) <= len(ending) + 1:
                    continue
                stem = word[: len(word) - len(ending)] if ending else word
                nominative = stem + decl.nominative[0]
                if nominative != word or case == "nom":
                    readings.append((nominative, decl.name, case))
    # stable and without repeats, nominative readings of the word itself first
    seen, out = set(), []
    for reading in sorted(readings, key=lambda r: (r[0] != word, r[0])):
        if reading[0] not in seen:
            seen.add(reading[0])
            out.append(reading)
    return out
