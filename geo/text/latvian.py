"""Latvian inflection: the surface forms of a name, and a surface form back to its lemma.

No maintained package generates Latvian noun paradigms offline (simplemma lemmatises
common words but knows few village names), so the paradigms are generated here from
the case-ending table in ``data/lv_inflection.toml``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "lv_inflection.toml"
INVARIANT = "-"


@dataclass(frozen=True)
class Declension:
    """One declension class: its nominative endings and case endings per number."""

    name: str
    nominative: tuple[str, ...]
    endings: dict[str, dict[str, str]]  # number -> case -> ending
    mutate: frozenset[str]  # "singular.gen", "plural.*"

    def mutates(self, number: str, case: str) -> bool:
        """Whether the stem alternates its last consonant in this cell."""
        return f"{number}.{case}" in self.mutate or f"{number}.*" in self.mutate


@lru_cache(maxsize=1)
def load_table(path: Path = DATA) -> tuple[dict[str, Declension], tuple[tuple[str, str], ...]]:
    """Read and validate the inflection table: declension classes and mutation rules."""
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    cases = raw["cases"]
    classes = {}
    for name, spec in raw["classes"].items():
        endings = {num: spec[num] for num in ("singular", "plural") if num in spec}
        for num, table in endings.items():
            missing = [c for c in cases if c not in table]
            if missing:
                raise ValueError(f"{path.name}: class {name} {num} lacks cases {missing}")
        classes[name] = Declension(name, tuple(spec["nominative"]), endings, frozenset(spec.get("mutate", ())))
    # longest cluster first so "sn" wins over "n"
    mutation = tuple(sorted(raw["mutation"].items(), key=lambda kv: -len(kv[0])))
    return classes, mutation


def mutate(stem: str) -> str:
    """Apply Latvian consonant alternation to the end of a stem (iecirkn → iecirkņ)."""
    _, rules = load_table()
    for plain, alternated in rules:
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
    classes, _ = load_table()
    if class_name == INVARIANT:
        return {(num, case): word for num in ("singular", "plural") for case in _cases()}
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


@lru_cache(maxsize=1)
def _cases() -> tuple[str, ...]:
    """The case names, in table order."""
    raw = tomllib.loads(DATA.read_text(encoding="utf-8"))
    return tuple(raw["cases"])


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


def nominative_candidates(word: str) -> list[tuple[str, str, str]]:
    """Possible (nominative, class, case) readings of an inflected word, for unknown names.

    Used to look a name that is not in the gazetteer up in GeoNames: "Bauskā" → "Bauska".
    """
    classes, _ = load_table()
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
