"""simplemma's lemmatiser, its dictionaries kept decoded between runs.

simplemma ships each language's dictionary front-coded and lzma-compressed and decodes all
of it (178 000 Latvian entries, ~0.2 s) in every process, on the first word it lemmatises:
the build of the one-document seed spent longer on that than on parsing. The decoded table
is kept in the gazetteer's cache directory (``geo.gazetteer.cache_dir``), a pickle keyed by
simplemma's version, which reads in a quarter of that time. The lemmas are simplemma's own
(its `DefaultStrategy` over the same table).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import simplemma
from simplemma.strategies import DefaultStrategy, DictionaryLookupStrategy
from simplemma.strategies.dictionaries import DEFAULT_DICTIONARY_FACTORY, DictionaryFactory
from simplemma.utils import normalize_token

from geo.gazetteer import cache_dir, read_or_build


class _Table(Mapping):
    """A decoded dictionary held as simplemma holds it (UTF-8 bytes → bytes), read as str → str."""

    __slots__ = ("_table",)

    def __init__(self, table: dict[bytes, bytes]) -> None:
        self._table = table

    def __getitem__(self, word: str) -> str:
        return self._table[word.encode()].decode()

    def get(self, word: str, default: str | None = None) -> str | None:
        """The lemma of a word, else `default` (simplemma's lookups call only this)."""
        lemma = self._table.get(word.encode())
        return default if lemma is None else lemma.decode()

    def __iter__(self) -> Iterator[str]:
        return (word.decode() for word in self._table)

    def __len__(self) -> int:
        return len(self._table)


class _CachedDictionaries(DictionaryFactory):
    """simplemma's dictionaries, each decoded once and then read from the cache directory."""

    def __init__(self) -> None:
        self._tables: dict[str, Mapping[str, str]] = {}

    def get_dictionary(self, lang: str) -> Mapping[str, str]:
        """The dictionary of a language (simplemma's own when there is no cache directory)."""
        if lang not in self._tables:
            directory = cache_dir()
            if directory is None:
                self._tables[lang] = DEFAULT_DICTIONARY_FACTORY.get_dictionary(lang)
            else:
                path = directory / f"simplemma-{simplemma.__version__}-{lang}.pickle"
                self._tables[lang] = _Table(read_or_build(path, lambda: _decoded(lang)))
        return self._tables[lang]


def _decoded(lang: str) -> dict[bytes, bytes]:
    """simplemma's dictionary of a language, decoded (its bytes form)."""
    return {word.encode(): lemma.encode() for word, lemma in DEFAULT_DICTIONARY_FACTORY.get_dictionary(lang).items()}


_DICTIONARIES = _CachedDictionaries()
_LEMMATIZER = simplemma.Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=_DICTIONARIES))
_LOOKUP = DictionaryLookupStrategy(_DICTIONARIES)


def lemmatize(word: str, lang: str) -> str:
    """simplemma's lemma of a word (``simplemma.lemmatize``)."""
    return _LEMMATIZER.lemmatize(word, lang)


def is_known(word: str, lang: str) -> bool:
    """Whether simplemma's dictionary has the word (``simplemma.is_known``)."""
    return _LOOKUP.get_lemma(normalize_token(word), lang) is not None
