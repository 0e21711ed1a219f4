"""The records that flow through the pipeline: every one is a span into a document's text."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

# time_precision codes of the data contract
DAY, WEEK, MONTH, SEASON_OR_YEAR = 1, 2, 3, 4
# geo_precision codes of the data contract
SETTLEMENT, PARISH, REGION = 1, 2, 3
# doc_id prefix of a document added in the app (not a seed)
USER_PREFIX = "user-"


@dataclass(frozen=True)
class Document:
    """One source text; `text` is never rewritten, every offset points into it."""

    doc_id: str
    text: str
    body_end: int
    meta: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def title(self) -> str:
        """The document's title, or its id when it has none."""
        return str(self.meta.get("title") or self.doc_id)

    @property
    def lang(self) -> str:
        """ISO 639-1 language code of the text."""
        return str(self.meta.get("language") or "lv")


@dataclass(frozen=True)
class Sentence:
    """A sentence as a character span."""

    start: int
    end: int


@dataclass(frozen=True)
class PlaceMention:
    """A place name found in the text; `place_id` is None when it could not be resolved."""

    start: int
    end: int
    surface: str
    lemma: str
    place_id: str | None
    role: str = "location"  # "location" or "name_part"
    case: str = ""  # grammatical case of the head word, "" when unknown
    reason: str = ""  # why it is unresolved, when place_id is None
    near: bool = False  # "near Daugavpils": a reference point, not where it happened
    resolution: str = ""  # why this place was chosen ("only candidate", "inside Krāslavas novads named in the text")
    adjective: bool = False  # an adjective of the place ("Latvian", "Polish"), not its name


@dataclass(frozen=True)
class DateMention:
    """A temporal expression normalised to an ISO interval.

    `date_start`/`date_end` are None on the open side of a range
    ("līdz 10. novembrim" has no start, "kopš augusta" has no end);
    `anchor` is False for a year used as an attribute ("1951. gada konvencija").
    A date told relative to the publication date ("vakar", "on Thursday") has relation
    `relative_to_publication`; one told relative to the date before it ("Two days later",
    "Nākamajā dienā") has `relative_to_previous`.
    """

    start: int
    end: int
    surface: str
    date_start: date | None
    date_end: date | None
    precision: int
    year_inferred: bool = False
    relation: str = "on"  # on | from | until | between | night | relative_to_publication | relative_to_previous
    anchor: bool = True
    # the interval the expression itself covers, before a range marker opens a side:
    # "until the summer of 2022" has date_start None but own_start 2022-06-01
    own_start: date | None = None
    own_end: date | None = None

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of `python -m geo parse`."""
        return {
            "start": self.start,
            "end": self.end,
            "surface": self.surface,
            "date_start": self.date_start.isoformat() if self.date_start else None,
            "date_end": self.date_end.isoformat() if self.date_end else None,
            "time_precision": self.precision,
            "year_inferred": self.year_inferred,
            "relation": self.relation,
        }


@dataclass(frozen=True)
class CountMention:
    """A number of people (or of cases of a kind of incident) stated in the text."""

    start: int
    end: int
    surface: str
    value: int
    unit: str = "person"  # or "case": "atturētas personas 321 gadījumā" counts incidents, not people
