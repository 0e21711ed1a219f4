"""Tests of geo.text.language: one language pack per language, read, validated and compiled once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from geo.text import counts, language, sentences
from geo.text.dates import find_dates

PACK_DIRS = ("language", "dates", "inflection")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A copy of the shipped language packs, to break one file at a time."""
    for name in PACK_DIRS:
        shutil.copytree(language.DATA_ROOT / name, tmp_path / name)
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    """Replace one passage of a data file (it must be there)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("lang", language.available())
def test_each_language_present_loads_with_all_its_tables(lang):
    pack = language.pack(lang)
    assert pack.code == lang and pack.dates["lang"] == lang
    assert len(pack.dates["months"]) == 12 and pack.sentences["abbreviations"] and pack.events
    assert pack.inflects == (language.DATA_ROOT / "inflection" / f"{lang}.toml").exists()
    assert pack.number_words and all(w == w.lower() for w in pack.number_words)
    # the whole text core runs on it
    assert sentences.split("One. Two.", lang=lang)
    assert find_dates("2021-08-04", lang)
    assert counts.find("12 12", lang=lang) is not None


def test_supported_languages_are_the_packs_present(root):
    assert language.available() == ["en", "lv"]
    (root / "language" / "lv.toml").unlink()
    assert language.available(root) == ["en"]
    with pytest.raises(ValueError, match=r"unsupported language 'lv' \(supported: en\)"):
        language.read_pack("lv", root)


def test_each_file_of_a_pack_is_read_once(monkeypatch):
    reads: list[str] = []
    original = language._read
    monkeypatch.setattr(language, "_read", lambda path, root: reads.append(path.name) or original(path, root))
    language.pack.cache_clear()
    try:
        for _ in range(3):
            assert language.pack("lv") is language.pack("lv")
            sentences.split("Viens. Divi.", lang="lv")
            language.inflects("lv")
        assert sorted(reads) == ["lv.toml"] * 3  # language/, inflection/ and dates/, once each
    finally:
        language.pack.cache_clear()


def test_the_pack_is_read_only():
    with pytest.raises(TypeError):
        language.pack("en").words["counts"] = {}


@pytest.mark.parametrize("file, old, new, message", [
    ("language/en.toml", 'list_joins = ["and", "but"]', "", r"language/en\.toml: missing \[counts\] list_joins"),
    ("language/lv.toml", "inflects = true", "inflects = ", r"language/lv\.toml: .*line"),  # not TOML
    ("dates/lv.toml", "months = [", "month = [", r"dates/lv\.toml: missing key 'months'"),
    ("inflection/lv.toml", "[guess]", "[guesses]", r"inflection/lv\.toml: missing \[guess\]"),
    ("inflection/lv.toml", "adjectives_plural = ", "adjectives = ", r"inflection/lv\.toml: missing \[guess\] adjectives_plural"),
    ("language/lv.toml", "[grammar.conjunctions]", "[grammar.joins]", r"language/lv\.toml: missing \[grammar\] conjunctions"),
    ("language/en.toml", 'or = ["or"]', 'or = "or"', r"language/en\.toml: \[grammar.conjunctions\] or must be a list of words"),
    ("inflection/lv.toml", 'loc = "ajā", voc = "ais"', 'voc = "ais"', r"inflection/lv\.toml: class adj_m singular lacks cases \['loc'\]"),
])
def test_a_missing_or_malformed_table_is_an_error_naming_the_file_and_key(root, file, old, new, message):
    edit(root / file, old, new)
    with pytest.raises(ValueError, match=message):
        language.read_pack(file.split("/")[1].removesuffix(".toml"), root)


def test_a_section_that_is_not_a_table_is_an_error():
    words = dict(language.pack("en").words)
    with pytest.raises(ValueError, match=r"xx\.toml: \[sentences\] must be a table"):
        language.validate({**words, "sentences": ["mr."]}, "xx.toml")


def test_an_inflecting_language_needs_its_declension_table(root):
    (root / "inflection" / "lv.toml").unlink()
    with pytest.raises(ValueError, match=r"language/lv\.toml: \[grammar\] inflects, but inflection/lv\.toml does not exist"):
        language.read_pack("lv", root)


def test_a_language_needs_its_date_grammar(root):
    (root / "dates" / "en.toml").unlink()
    with pytest.raises(ValueError, match=r"dates/en\.toml does not exist"):
        language.read_pack("en", root)


def test_the_date_grammar_takes_its_case_endings_from_the_declension_table():
    pack = language.pack("lv")
    endings = pack.dates["declensions"]
    assert endings["n1"] == {case: pack.inflection.classes["n1"].endings["singular"][case]
                             for case in pack.dates["declension_cases"]}
    assert "declensions" not in language.pack("en").dates
