"""Regex building blocks shared by the text layer's grammars."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Mapping


@lru_cache(maxsize=1024)  # grammars build the same lists into many patterns ("not followed by")
def alternatives(words: str, fold: bool = True) -> str:
    """Regex for 'a|b c': literal alternatives, spaces inside one matching any whitespace,
    the longer tried first.

    The alternatives branch one letter at a time (a trie; a list of a hundred month forms is
    otherwise tried form by form at every date). Alternatives that match at one place are
    prefixes of one another (word by word: "a  b" counts as "a b"), so trying the longer
    branch first matches what the list sorted longest first matches. `fold`: the regex ignores
    case, so letters are branched on lower case (as "Ab" and "abc" are), when each lower-cases
    to one letter (else: the list).
    """
    alts = words.split("|")
    if fold and any(len(ch.lower()) != 1 for ch in words):
        alts = sorted(alts, key=len, reverse=True)
        return "(?:" + "|".join(r"\s+".join(map(re.escape, alt.split())) for alt in alts) + ")"
    root: dict[str, dict] = {}
    for alt in alts:
        node = root
        for i, word in enumerate(alt.split()):
            for token in ([" "] if i else []) + list(word.lower() if fold else word):
                node = node.setdefault(token, {})
        node[""] = {}  # an alternative ends here
    return "(?:" + _branches(root) + ")"


def _branches(node: Mapping[str, Mapping]) -> str:
    """Regex of a trie node of `alternatives`: each next letter (" ": any whitespace) and
    what follows it, then the end of an alternative, the shortest, last."""
    branches = [(r"\s+" if token == " " else re.escape(token)) + _branches(node[token]) for token in sorted(node) if token]
    if "" in node:
        branches.append("")
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
