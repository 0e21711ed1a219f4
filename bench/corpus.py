"""A synthetic corpus of Latvian border news: deterministic, inflected, with its own answers.

Each document is a few sentences drawn from templates; every place is a gazetteer name in
the case the template needs (``geo.latvian.inflect``: "Skrudalienas pagastā", "Grodņas
apgabalā", "Polijai"), every date one of the forms the news use ("2021. gada 4. augustā",
"5. augustā", "2022. gada marta vidū", "2021. gada novembrī", "2023. gada vasarā"), every
count a number with its noun. The generator records what it put in (place ids, date
surfaces and ISO intervals) so that a test can check geo finds it.
"""

from __future__ import annotations

import calendar
import json
import random
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from geo import gazetteer
from geo.text import latvian

# Month names: (locative, genitive). The genitive of aprīlis is "aprīļa" (the stem
# palatalises); geo's date grammar reads only "aprīla" today, so April is left out of the
# genitive templates ("aprīļa vidū") — the corpus checks the generator, not that gap.
MONTHS = [("janvārī", "janvāra"), ("februārī", "februāra"), ("martā", "marta"), ("aprīlī", "aprīļa"),
          ("maijā", "maija"), ("jūnijā", "jūnija"), ("jūlijā", "jūlija"), ("augustā", "augusta"),
          ("septembrī", "septembra"), ("oktobrī", "oktobra"), ("novembrī", "novembra"),
          ("decembrī", "decembra")]
GENITIVE_MONTHS = [m for m in range(1, 13) if m != 4]
PARTS = [("sākumā", 1, 10), ("vidū", 11, 20), ("beigās", 21, 31)]
SEASONS = [("pavasarī", 3, 5), ("vasarā", 6, 8), ("rudenī", 9, 11)]  # winter spans two years: left out
YEARS = (2021, 2022, 2023)

# Where things happen on the border (locative and genitive templates) and who is addressed
# (dative templates: "Polijai").
LOCAL_TYPES = ("village", "parish", "town", "city", "municipality", "region", "border")
BORDER_COUNTRIES = ("LV", "LT", "PL", "BY")
ADDRESSEES = ("latvia", "lithuania", "poland")

FILLERS = [
    "Situācija uz robežas joprojām bija saspringta.",
    "Amatpersonas uzsvēra, ka robežas apsardze tiek stiprināta.",
    "Iekšlietu ministrija solīja sniegt papildu informāciju.",
    "Cilvēktiesību organizācijas pauda bažas par humanitāro stāvokli.",
    "Valdība apsprieda žoga būvniecības izmaksas un termiņus.",
    "Eksperti norādīja, ka hibrīduzbrukums turpinās.",
]


@dataclass(frozen=True)
class PlaceForm:
    """One gazetteer place with the case forms the templates use."""

    id: str
    loc: str
    gen: str
    dat: str


@dataclass
class SynthDoc:
    """A generated document and what was put into it."""

    doc_id: str
    text: str
    meta: dict
    places: list[tuple[int, int, str, str]] = field(default_factory=list)  # (start, end, place_id, surface)
    dates: list[tuple[int, int, str, str, str]] = field(default_factory=list)  # (start, end, surface, iso start, iso end)
    counts: list[tuple[int, int, int]] = field(default_factory=list)  # (start, end, value)


def _cases(name: str, spec: str) -> dict[str, str]:
    """Case → the first surface form geo.latvian generates for it."""
    by_case: dict[str, str] = {}
    for form, cases in latvian.inflect(name, spec).items():
        for case in sorted(cases):
            by_case.setdefault(case, form)
    return by_case


@lru_cache(maxsize=1)
def places() -> tuple[tuple[PlaceForm, ...], tuple[PlaceForm, ...]]:
    """(border places, addressee countries) of the shipped gazetteer, in table order."""
    local, addressees = [], []
    for row in gazetteer.read_rows():
        if row["type"] in LOCAL_TYPES and row["country"] in BORDER_COUNTRIES and row["name_lv"]:
            forms = _cases(row["name_lv"], row["declension"])
            local.append(PlaceForm(row["id"], forms["loc"], forms["gen"], forms["dat"]))
        if row["id"] in ADDRESSEES:
            forms = _cases(row["name_lv"], row["declension"])
            addressees.append(PlaceForm(row["id"], forms["loc"], forms["gen"], forms["dat"]))
    return tuple(local), tuple(addressees)


def persons(n: int, case: str) -> str:
    """'12 personas' / '21 personu' / '1 persona' with Latvian number agreement."""
    noun = {"nom": ("persona", "personas"), "acc": ("personu", "personas")}[case][0 if singular(n) else 1]
    return f"{n} {noun}"


def singular(n: int) -> bool:
    """Whether a Latvian noun after the number n is singular (1, 21, 101; not 11)."""
    return n % 10 == 1 and n % 100 != 11


def migrants(n: int) -> str:
    """'7 migranti' / '21 migrants' (nominative)."""
    return f"{n} {'migrants' if singular(n) else 'migranti'}"


class _Writer:
    """Builds one document sentence by sentence, keeping the offsets of what it inserts."""

    def __init__(self, doc: SynthDoc) -> None:
        self.doc, self.parts, self.length = doc, [], 0

    def add(self, text: str, kind: str | None = None, value=None) -> None:
        start, end = self.length, self.length + len(text)
        if kind == "place":
            self.doc.places.append((start, end, value, text))
        elif kind == "date":
            self.doc.dates.append((start, end, text, value[0], value[1]))
        elif kind == "count":
            self.doc.counts.append((start, start + len(str(value)), value))
        self.parts.append(text)
        self.length += len(text)

    def text(self) -> str:
        return "".join(self.parts)


class Generator:
    """Documents from a seed: the same seed gives the same corpus, on any machine."""

    def __init__(self, seed: int = 2021) -> None:
        self.rng = random.Random(seed)
        self.local, self.addressees = places()

    # --- dates ----------------------------------------------------------------------------

    def _date(self, year: int, month: int, first: bool) -> tuple[str, tuple[str, str]]:
        """A date expression in or after `month` of `year`; the first of a document has a year."""
        rng = self.rng
        last = calendar.monthrange(year, month)[1]
        kind = rng.choice(("full", "full", "short", "short", "part", "month", "season")) if not first \
            else rng.choice(("full", "full", "part", "month"))
        if kind == "short":  # "5. augustā": the year comes from the text before
            day = rng.randint(1, last)
            return f"{day}. {MONTHS[month - 1][0]}", (date(year, month, day).isoformat(),) * 2
        if kind == "full":
            day = rng.randint(1, last)
            return f"{year}. gada {day}. {MONTHS[month - 1][0]}", (date(year, month, day).isoformat(),) * 2
        if kind == "part" and month in GENITIVE_MONTHS:
            word, d0, d1 = rng.choice(PARTS)
            return (f"{year}. gada {MONTHS[month - 1][1]} {word}",
                    (date(year, month, d0).isoformat(), date(year, month, min(d1, last)).isoformat()))
        if kind == "season":
            word, m0, m1 = rng.choice(SEASONS)
            return (f"{year}. gada {word}",
                    (date(year, m0, 1).isoformat(), date(year, m1, calendar.monthrange(year, m1)[1]).isoformat()))
        return f"{year}. gada {MONTHS[month - 1][0]}", (date(year, month, 1).isoformat(), date(year, month, last).isoformat())

    # --- sentences ------------------------------------------------------------------------

    def _event(self, w: _Writer, year: int, month: int, first: bool) -> None:
        """One event sentence: a date, a place (in some case), usually a count."""
        rng = self.rng
        when, interval = self._date(year, month, first)
        here = rng.choice(self.local)
        n = rng.choice((rng.randint(2, 9), rng.randint(10, 60), rng.randint(61, 300), 21, 1))
        template = rng.randrange(6)
        if template == 0:  # 2021. gada 4. augustā Skrudalienas pagastā robežsargi aizturēja 12 personas, ...
            w.add(when, "date", interval); w.add(" "); w.add(here.loc, "place", here.id)
            w.add(" robežsargi aizturēja "); w.add(persons(n, "acc"), "count", n)
            w.add(", kura nelikumīgi šķērsoja valsts robežu." if singular(n) else ", kuras nelikumīgi šķērsoja valsts robežu.")
        elif template == 1:  # Valsts robežsardze ziņoja, ka 5. augustā Grodņas apgabalā ... 12 migranti.
            w.add("Valsts robežsardze ziņoja, ka "); w.add(when, "date", interval); w.add(" ")
            w.add(here.loc, "place", here.id); w.add(" robežu nelikumīgi mēģināja šķērsot ")
            w.add(migrants(n), "count", n); w.add(".")
        elif template == 2:  # 2022. gada marta vidū netālu no Kaplavas tika aizturēti 7 Irākas pilsoņi.
            w.add(when, "date", interval); w.add(" netālu no "); w.add(here.gen, "place", here.id)
            one = singular(n)
            w.add(f" tika {'aizturēts' if one else 'aizturēti'} "); w.add(str(n), "count", n)
            w.add(f" Irākas {'pilsonis' if one else 'pilsoņi'}.")
        elif template == 3:  # 2021. gada novembrī Eiropas Komisija piešķīra Polijai ... finansējumu.
            whom = rng.choice(self.addressees)
            w.add(when, "date", interval); w.add(" Eiropas Komisija piešķīra "); w.add(whom.dat, "place", whom.id)
            w.add(" papildu finansējumu robežas apsardzei.")
        elif template == 4:  # Robežsargi 5. augustā Ludzas novadā izvērsa ... 40 karavīri.
            w.add("Robežsargi "); w.add(when, "date", interval); w.add(" "); w.add(here.loc, "place", here.id)
            w.add(" izvērsa patruļas, un tiem palīgā ieradās "); w.add(str(n), "count", n)
            w.add(" karavīrs." if singular(n) else " karavīri.")
        else:  # 5. augustā Silenē tika izsludināta ārkārtējā situācija.
            w.add(when, "date", interval); w.add(" "); w.add(here.loc, "place", here.id)
            w.add(" tika izsludināta ārkārtējā situācija.")

    def document(self, index: int, sentences: tuple[int, int] = (6, 24)) -> SynthDoc:
        """Document number `index`: events in date order through one year, with fillers."""
        rng = self.rng
        year = rng.choice(YEARS)
        doc = SynthDoc(f"synth_{index:06d}", "", {
            "title": f"Sintētiska robežas ziņa {index}", "language": "lv", "source": "bench.corpus",
            "licence": "CC0-1.0", "published": f"{year}-12-31"})
        w = _Writer(doc)
        month, first = rng.randint(1, 9), True
        for k in range(rng.randint(*sentences)):
            if k:
                w.add(" " if rng.random() < 0.8 else "\n\n")
            if not first and rng.random() < 0.25:
                w.add(rng.choice(FILLERS))
                continue
            self._event(w, year, month, first)
            first = False
            if rng.random() < 0.3 and month < 12:
                month += 1
        doc.text = w.text() + "\n"
        return doc


def generate(n: int, seed: int = 2021) -> list[SynthDoc]:
    """`n` documents; document k is the same whatever `n` is asked for after it."""
    gen = Generator(seed)
    return [gen.document(i) for i in range(n)]


def write(docs: list[SynthDoc], folder: Path) -> list[Path]:
    """Write the documents as seeds (NAME.txt + NAME.json); the text paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for doc in docs:
        path = folder / f"{doc.doc_id}.txt"
        path.write_text(doc.text, encoding="utf-8")
        path.with_suffix(".json").write_text(json.dumps(doc.meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        paths.append(path)
    return paths
