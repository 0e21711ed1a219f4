"""Per-language word lists (roles, counts, event types, abbreviations) read from data files."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "language"
REQUIRED = {
    "grammar": ["inflects"],
    "sentences": ["abbreviations"],
    "roles": ["window", "heads", "head_stems", "skip", "spatial_prepositions", "locative_endings", "adjective_endings", "not_places", "governing", "stop", "near"],
    "counts": ["window", "person_lemmas", "person_stems", "unit_stems", "words"],
}


def available() -> list[str]:
    """Language codes that have a data file."""
    return sorted(p.stem for p in DATA_DIR.glob("*.toml"))


def validate(data: dict[str, Any], name: str) -> dict[str, Any]:
    """Raise ValueError naming the file and key when a language file lacks something."""
    for section, keys in REQUIRED.items():
        for key in keys:
            if key not in data.get(section, {}):
                raise ValueError(f"{name}: missing [{section}] {key}")
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


def inflects(lang: str) -> bool:
    """Whether names of this language take case forms from geo/data/lv_inflection.toml."""
    return bool(load(lang)["grammar"]["inflects"])


@lru_cache(maxsize=None)
def load(lang: str) -> dict[str, Any]:
    """The validated data of one language; unknown languages raise ValueError."""
    path = DATA_DIR / f"{lang}.toml"
    if not path.exists():
        raise ValueError(f"unsupported language {lang!r} (supported: {', '.join(available())})")
    return validate(tomllib.loads(path.read_text(encoding="utf-8")), path.name)
