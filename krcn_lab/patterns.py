"""Regular expressions that find any of many words fast: the alternation factored as a trie.

Python's ``re`` tries every alternative of ``a|b|c…`` at every position of the text. The
names of 140 actors written one after another make each position cost 140 tries. Factoring
the words by their shared beginnings (``Cho (?:Hyun|Tae-yul)``) and telling the engine the
letters a word can start with lets it skip every position where no word can begin: the same
matches, several times faster (see ``benchmarks/bench_analysis.py``).

At each position the longest word that fits wins, as with an alternation sorted longest first.

>>> pattern = words_pattern(["Cho Hyun", "Cho Tae-yul", "Cho"], start=r"(?<!\\w)", end=r"(?!\\w)")
>>> [m.group(1) for m in pattern.finditer("Cho Tae-yul and Cho Hyun met; Cho spoke. Choi did not.")]
['Cho Tae-yul', 'Cho Hyun', 'Cho']
"""

from __future__ import annotations

import re
from typing import Callable, Iterable

__all__ = ["trie_alternation", "words_pattern"]


def trie_alternation(words: Iterable[str], escape: Callable[[str], str] = re.escape) -> str:
    """A regular expression (no group around it) that matches any of *words*, longest first.

    *escape* turns one character into its pattern (``re.escape`` by default; a keyword search
    lets a hyphen also match a space).

    >>> trie_alternation(["ab", "ac", "a"])
    'a(?:b|c)?'
    >>> re.fullmatch(trie_alternation(["Kim Jong Un", "Kim"]), "Kim Jong Un") is not None
    True
    """
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here
    return _emit(trie, escape)


def _emit(node: dict, escape: Callable[[str], str]) -> str:
    branches = [escape(char) + _emit(child, escape) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    ends_here = "" in node
    if len(branches) == 1:
        body = branches[0]
        return f"(?:{body})?" if ends_here else body
    return f"(?:{'|'.join(branches)})" + ("?" if ends_here else "")


def words_pattern(words: Iterable[str], *, start: str = "", end: str = "", flags: int = 0,
                  escape: Callable[[str], str] = re.escape) -> re.Pattern:
    """Compile *start*, then group 1: any of *words* (:func:`trie_alternation`), then *end*.

    The pattern begins with a look-ahead for the first letters of *words*, so the search jumps
    from one such letter to the next. No words: a pattern that never matches.

    >>> words_pattern(["THAAD", "supply chain"], start=r"\\b", end=r"\\b", flags=re.IGNORECASE).findall(
    ...     "Thaad and Supply Chain talks")
    ['Thaad', 'Supply Chain']
    >>> words_pattern([]).search("anything") is None
    True
    """
    fold = str.lower if flags & re.IGNORECASE else str  # one branch per letter, whatever its case
    words = [w for w in {fold(w) for w in words} if w]
    if not words:
        return re.compile(r"(?!)")
    firsts = {escape(w[0]) for w in words}
    lead = f"(?=[{''.join(sorted(firsts))}])" if all(len(f) <= 2 for f in firsts) else ""
    return re.compile(f"{lead}{start}({trie_alternation(words, escape)}){end}", flags)
