"""One language pack per language: its words, date grammar and inflection table, read once.

A pack is the files named by the language's code under ``geo/data/``:

- ``language/<code>.toml`` — grammar flags, abbreviations, roles, places, counts, events;
  its presence is what makes a language supported;
- ``dates/<code>.toml`` — the date grammar (month names, templates, range markers);
- ``inflection/<code>.toml`` — the declension table, for a language whose
  ``[grammar] inflects`` is true (the date grammar takes its case endings from it).

`pack(code)` reads, validates and compiles them once per process; a missing or malformed
table raises ValueError naming the file and the key.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

DATA_ROOT = Path(__file__).resolve().parents[1] / "data"
DATA_DIR = DATA_ROOT / "language"
INFLECTION_DIR = DATA_ROOT / "inflection"
INVARIANT = "-"  # the declension class of a word that does not inflect
REQUIRED = {
    "grammar": ["inflects", "conjunctions"],
    "sentences": ["abbreviations"],
    "roles": ["window", "heads", "head_stems", "skip", "spatial_prepositions", "locative_endings", "adjective_endings", "not_places", "governing", "stop", "near"],
    "counts": ["window", "person_lemmas", "person_stems", "unit_stems", "words", "list_joins"],
}
INFLECTION_TABLES = ("cases", "classes", "mutation", "guess")
GUESS_KEYS = ("endings", "adjectives_singular", "adjectives_plural", "words")


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


@dataclass(frozen=True)
class Guess:
    """The [guess] section of the table: endings, adjective endings, misleading words."""

    endings: tuple[tuple[str, str], ...]  # longest first
    adjectives: dict[bool, tuple[tuple[str, str], ...]]  # plural head? → (ending, class)
    words: dict[str, str]
    conjunctions: frozenset[str]  # the language's "and" words: both conjuncts inflect


@dataclass(frozen=True)
class Inflection:
    """A declension table: case names, classes, consonant alternation, ending guesses."""

    cases: tuple[str, ...]
    classes: Mapping[str, Declension]
    mutation: tuple[tuple[str, str], ...]  # longest cluster first so "sn" wins over "n"
    guess: Guess

    def case_endings(self, cases: tuple[str, ...]) -> dict[str, dict[str, str]]:
        """Each class's endings of these cases, in its singular (plural-only classes: plural)."""
        rows = {}
        for name, decl in self.classes.items():
            table = decl.endings.get("singular") or decl.endings["plural"]
            rows[name] = {case: table[case] for case in cases}
        return rows


@dataclass(frozen=True)
class LanguagePack:
    """Everything the text core knows of one language, validated and read-only."""

    code: str
    words: Mapping[str, Any]  # language/<code>.toml
    dates: Mapping[str, Any]  # dates/<code>.toml, declensions filled in from the inflection table
    inflection: Inflection | None  # inflection/<code>.toml when the language inflects
    number_words: Mapping[str, int]  # [counts] words keyed by their folded form

    @property
    def inflects(self) -> bool:
        """Whether names take case forms (from the pack's inflection table)."""
        return self.inflection is not None

    @property
    def grammar(self) -> Mapping[str, Any]:
        return self.words["grammar"]

    @property
    def articles(self) -> frozenset[str]:
        """The language's articles ("the", "a", "an"; none in Latvian)."""
        return frozenset(self.grammar.get("articles", ()))

    @property
    def possessives(self) -> tuple[str, ...]:
        """Endings a name takes to say whose something is ("Poland's"): its genitive, unlisted."""
        return tuple(self.grammar.get("possessives", ()))

    @property
    def sentences(self) -> Mapping[str, Any]:
        return self.words["sentences"]

    @property
    def roles(self) -> Mapping[str, Any]:
        return self.words["roles"]

    @property
    def places(self) -> Mapping[str, Any]:
        return self.words.get("places", {})

    @property
    def counts(self) -> Mapping[str, Any]:
        return self.words["counts"]

    @property
    def events(self) -> tuple[Mapping[str, Any], ...]:
        return tuple(self.words.get("events", ()))

    @property
    def event_words(self) -> Mapping[str, Any]:
        return self.words.get("event_words", {})


def available(root: Path = DATA_ROOT) -> list[str]:
    """Language codes that have a language pack (a language/<code>.toml)."""
    return sorted(p.stem for p in (root / "language").glob("*.toml"))


@cache
def pack(lang: str) -> LanguagePack:
    """The language pack of `lang`, read once per process; unknown languages raise ValueError."""
    return read_pack(lang)


def read_pack(lang: str, root: Path = DATA_ROOT) -> LanguagePack:
    """Read, validate and compile the files of one language under `root` (uncached)."""
    path = root / "language" / f"{lang}.toml"
    if not path.exists():
        raise ValueError(f"unsupported language {lang!r} (supported: {', '.join(available(root))})")
    words = validate(_read(path, root), _name(path, root))
    inflection = None
    if words["grammar"]["inflects"]:
        table = root / INFLECTION_DIR.name / f"{lang}.toml"
        if not table.exists():
            raise ValueError(f"{_name(path, root)}: [grammar] inflects, but {_name(table, root)} does not exist")
        inflection = inflection_table(_read(table, root), _name(table, root), words["grammar"]["conjunctions"]["and"])
    dates_path = root / "dates" / f"{lang}.toml"
    if not dates_path.exists():
        raise ValueError(f"no date grammar for language {lang!r}: {_name(dates_path, root)} does not exist")
    dates = _read(dates_path, root)
    if "declension_cases" in dates:  # endings from the language's one declension table
        if inflection is None:
            raise ValueError(f"{_name(dates_path, root)}: declension_cases needs an inflection table")
        dates["declensions"] = inflection.case_endings(tuple(dates["declension_cases"]))
    # imported here: both modules import this one (the date checks live with the date matcher)
    from geo.gazetteer import fold
    from geo.text.dates import validate_language

    validate_language(dates, _name(dates_path, root))
    number_words = MappingProxyType({fold(k): v for k, v in words["counts"]["words"].items()})
    return LanguagePack(lang, _frozen(words), _frozen(dates), inflection, number_words)


def _name(path: Path, root: Path) -> str:
    """A data file's name as errors give it: language/lv.toml."""
    return path.relative_to(root).as_posix()


def _read(path: Path, root: Path) -> dict[str, Any]:
    """A TOML file, its syntax errors reported with the file's name."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise ValueError(f"{_name(path, root)}: {err}") from None


def _frozen(data: dict[str, Any]) -> Mapping[str, Any]:
    """A read-only view of the top level: packs are shared by every caller."""
    return MappingProxyType(data)


def validate(data: dict[str, Any], name: str) -> dict[str, Any]:
    """Raise ValueError naming the file and key when a language file lacks something."""
    for section, keys in REQUIRED.items():
        if not isinstance(data.get(section, {}), dict):
            raise ValueError(f"{name}: [{section}] must be a table")
        for key in keys:
            if key not in data.get(section, {}):
                raise ValueError(f"{name}: missing [{section}] {key}")
    for kind in ("and", "or"):
        words = data["grammar"]["conjunctions"].get(kind) if isinstance(data["grammar"]["conjunctions"], dict) else None
        if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            raise ValueError(f"{name}: [grammar.conjunctions] {kind} must be a list of words")
    types = {rule.get("type") for rule in data.get("events", [])}
    for i, rule in enumerate(data.get("events", [])):
        if not rule.get("type") or not rule.get("all") or not all(rule["all"]):
            raise ValueError(f"{name}: event rule {i} needs a type and non-empty groups in 'all'")
        if rule.get("restates") and rule["restates"] not in types:
            raise ValueError(f"{name}: event rule {i} restates {rule['restates']!r}, which no rule types")
    for key, value in data.get("event_words", {}).items():
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise ValueError(f"{name}: [event_words] {key} must be a list of words")
    for key in ("at_border", "context_placed", "own_date_types", "trend_types"):
        unknown = set(data.get("event_words", {}).get(key, [])) - types
        if unknown:
            raise ValueError(f"{name}: [event_words] {key} names types no rule gives: {sorted(unknown)}")
    return data


def inflection_table(raw: dict[str, Any], name: str, conjunctions: list[str] = ()) -> Inflection:
    """Validate and compile a declension table: every class has every case, guesses name known
    classes; `conjunctions` join nouns that inflect alike ("Bosnija un Hercegovina")."""
    for table in INFLECTION_TABLES:
        if table not in raw:
            raise ValueError(f"{name}: missing [{table}]")
    cases = tuple(raw["cases"])
    classes = {}
    for cls, spec in raw["classes"].items():
        if "nominative" not in spec:
            raise ValueError(f"{name}: missing [classes.{cls}] nominative")
        endings = {num: spec[num] for num in ("singular", "plural") if num in spec}
        if not endings:
            raise ValueError(f"{name}: class {cls} has neither singular nor plural endings")
        for num, table in endings.items():
            missing = [c for c in cases if c not in table]
            if missing:
                raise ValueError(f"{name}: class {cls} {num} lacks cases {missing}")
        classes[cls] = Declension(cls, tuple(spec["nominative"]), endings, frozenset(spec.get("mutate", ())))
    mutation = tuple(sorted(raw["mutation"].items(), key=lambda kv: -len(kv[0])))
    guess = raw["guess"]
    for key in GUESS_KEYS:
        if key not in guess:
            raise ValueError(f"{name}: missing [guess] {key}")

    def longest_first(table: dict[str, str]) -> tuple[tuple[str, str], ...]:
        for cls in table.values():
            if cls != INVARIANT and cls not in classes:
                raise ValueError(f"{name}: [guess] names unknown class {cls!r}")
        return tuple(sorted(table.items(), key=lambda kv: (-len(kv[0]), kv[0])))

    return Inflection(cases, MappingProxyType(classes), mutation,
                      Guess(longest_first(guess["endings"]),
                            {False: longest_first(guess["adjectives_singular"]),
                             True: longest_first(guess["adjectives_plural"])},
                            dict(longest_first({k.lower(): v for k, v in guess["words"].items()})),
                            frozenset(conjunctions)))


def conjunctions(kind: str) -> tuple[str, ...]:
    """The conjunctions of one kind ("and", "or") of every language present, sorted."""
    return tuple(sorted({word for lang in available() for word in pack(lang).grammar["conjunctions"][kind]}))


def inflects(lang: str) -> bool:
    """Whether names of this language take case forms (the pack has an inflection table)."""
    return pack(lang).inflects
