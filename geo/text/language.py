"""Per-language word lists (roles, counts, event types, abbreviations) read from data files."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "language"
REQUIRED = {
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
    for i, rule in enumerate(data.get("events", [])):
        if not rule.get("type") or not rule.get("all") or not all(rule["all"]):
            raise ValueError(f"{name}: event rule {i} needs a type and non-empty groups in 'all'")
    return data


@lru_cache(maxsize=None)
def load(lang: str) -> dict[str, Any]:
    """The validated data of one language; unknown languages raise ValueError."""
    path = DATA_DIR / f"{lang}.toml"
    if not path.exists():
        raise ValueError(f"unsupported language {lang!r} (supported: {', '.join(available())})")
    return validate(tomllib.loads(path.read_text(encoding="utf-8")), path.name)
