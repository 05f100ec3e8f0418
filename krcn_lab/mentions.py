"""Find actor mentions in the clean paragraphs, automatically, from names and aliases.

Two passes over each article, in reading order:

1. **Names and aliases.** Every actor's ``name`` and ``aliases`` are searched as whole
   words, longest first, so "South Korea's Foreign Ministry" is the ministry and not
   the country. A country or capital right after "in", "to", "from" or "at" is a
   place ("met in Beijing"), not an actor, and is skipped.
2. **Surnames.** A bare surname ("Cho said", "Wang", "Park", "Ma") is resolved
   *within the article*: to the person with that surname named in full most recently
   before it; failing that, to the one named in full later in the article; failing
   that, to the only actor in the dataset with that surname. A surname that fits none
   of these is left unresolved rather than guessed.

So "Cho" is Cho Tae-yul in the 2024 articles, which name him, and Cho Hyun in the 2025
article, which names him; "Kim" is Kim Hong-kyun in one article and Kim Jong Un in another.

Example
-------
>>> from krcn_lab import load_mentions
>>> m = load_mentions()
>>> sorted(m[(m.article_id == "bloomberg2025") & (m.surface == "Cho")].actor_id.unique())
['cho_hyun']
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
from typing import Callable, NamedTuple

import pandas as pd

from .patterns import words_pattern

__all__ = ["find_mentions", "resolve_surname", "RESOLUTIONS", "Writing", "ENGLISH"]

RESOLUTIONS = [
    "name or alias",
    "surname: named earlier in the article",
    "surname: named later in the article",
    "surname: only actor with this surname",
]
_PLACE_BEFORE = re.compile(
    r"(?:^|\W)(?:in|at|to|from|into|near|across|around|toward|towards|visit|visiting|visited)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_PLACE_KINDS = {"state"}
_CHECKED_KINDS = _PLACE_KINDS | {"institution"}  # the kinds :func:`_is_place` may turn away
_PLACE_WINDOW = 16  # characters before a state's name searched for "in", "towards the" … (clean text: single spaces)
COLUMNS = ["article_id", "paragraph", "actor_id", "surface", "start", "end", "resolution"]


class _Found(NamedTuple):
    paragraph: int
    start: int
    end: int
    actor_id: str | None
    surface: str
    resolution: str | None  # None until a bare surname is resolved
    surname: str | None


class Writing(NamedTuple):
    """Where a name may end in one language's text, and when a name is no actor there.

    ``name_end`` and ``surname_end`` are regular-expression lookaheads after a full name and
    after a bare surname; ``place_before`` is searched in the 16 characters before a state's name
    (it must match up to the name: end it with ``$``) and
    ``place_after`` matched right after it ("in Beijing"; Korean "중국에서"): the state is then
    a place. ``title_after`` matched right after an institution's name makes it part of a
    person's title (Korean "외교부 장관", "외교부장"), as "Foreign Minister" is in English.
    """

    name_end: str
    surname_end: str
    place_before: re.Pattern | None = None
    place_after: re.Pattern | None = None
    title_after: re.Pattern | None = None


#: English: names and surnames are whole words; "in", "to", "visited" … before a state make it a place.
ENGLISH = Writing(r"(?!\w)", r"(?!\w)", _PLACE_BEFORE)


class _Names(NamedTuple):
    surface_to_actor: dict
    full: re.Pattern
    by_surname: dict
    surnames: re.Pattern | None
    kinds: dict
    writing: Writing


def _alternation(surfaces, end: str) -> re.Pattern:
    """Any of *surfaces* as a whole word, the longest that fits (see :mod:`krcn_lab.patterns`)."""
    return words_pattern(surfaces, start=r"(?<!\w)", end=end)


def _names(actors: pd.DataFrame, writing: Writing) -> _Names:
    """The patterns to search for: every name and alias, and every surname (compiled once per actors table)."""
    rows = zip(actors["actor_id"].tolist(), actors["name"].tolist(), actors["kind"].tolist(),
               actors["surname"].tolist(), actors["aliases"].tolist())
    return _compiled_names(tuple((a, n, k, s if isinstance(s, str) else None, tuple(al)) for a, n, k, s, al in rows),
                           writing)


@functools.lru_cache(maxsize=8)
def _compiled_names(rows: tuple, writing: Writing) -> _Names:
    surface_to_actor: dict[str, str] = {}
    for actor_id, name, _, _, aliases in rows:
        for surface in (name, *aliases):
            if isinstance(surface, str) and surface:
                surface_to_actor.setdefault(surface, actor_id)
    by_surname: dict[str, list[str]] = {}
    for actor_id, _, _, surname, _ in rows:
        if surname:
            by_surname.setdefault(surname, []).append(actor_id)
    return _Names(
        surface_to_actor, _alternation(surface_to_actor, writing.name_end), by_surname,
        _alternation(by_surname, writing.surname_end) if by_surname else None,
        {actor_id: kind for actor_id, _, kind, _, _ in rows}, writing,
    )


def _is_place(names: _Names, actor_id: str, text: str, start: int, end: int) -> bool:
    """A country or capital right after "in", "to", "visited" … (or before Korean "에서") names a place;
    a ministry before a title (Korean "외교부 장관") is part of the title."""
    kind, writing = names.kinds.get(actor_id), names.writing
    if kind == "institution":
        return bool(writing.title_after and writing.title_after.match(text, end))
    if kind not in _PLACE_KINDS:
        return False
    return (bool(writing.place_before and writing.place_before.search(text, max(0, start - _PLACE_WINDOW), start))
            or bool(writing.place_after and writing.place_after.match(text, end)))


def _find_in_paragraph(names: _Names, paragraph: int, text: str) -> list[_Found]:
    """Full names and aliases (resolved), then bare surnames outside them (not yet resolved)."""
    found, taken, kinds = [], [], names.kinds
    for match in names.full.finditer(text):
        surface = match.group(1)
        actor_id = names.surface_to_actor[surface]
        start, end = match.span()
        taken.append((start, end))
        if kinds.get(actor_id) in _CHECKED_KINDS and _is_place(names, actor_id, text, start, end):
            continue
        found.append(_Found(paragraph, start, end, actor_id, surface, RESOLUTIONS[0], None))
    if names.surnames is not None:
        for match in names.surnames.finditer(text):
            start = match.start()
            if not any(s <= start < e for s, e in taken):
                found.append(_Found(paragraph, start, match.end(), None, match.group(1), None, match.group(1)))
    return found


def resolve_surname(candidates, named_before, named_after) -> tuple[str | None, str | None]:
    """Decide who a bare surname is, from the people with that surname in the dataset.

    *named_before* and *named_after* list the actors named in full earlier and later in
    the article, in reading order. The most recent earlier one wins; then the first later
    one; then the only candidate in the dataset; otherwise nobody (never a guess).

    >>> resolve_surname({"cho_a", "cho_b"}, ["cho_a", "cho_b"], ["cho_a"])
    ('cho_b', 'surname: named earlier in the article')
    >>> resolve_surname({"cho_a", "cho_b"}, [], ["cho_b", "cho_a"])
    ('cho_b', 'surname: named later in the article')
    >>> resolve_surname({"kim_a"}, [], [])
    ('kim_a', 'surname: only actor with this surname')
    >>> resolve_surname({"kim_a", "kim_b"}, [], [])
    (None, None)
    """
    before = [a for a in named_before if a in candidates]
    after = [a for a in named_after if a in candidates]
    if before:
        return before[-1], RESOLUTIONS[1]
    if after:
        return after[0], RESOLUTIONS[2]
    if len(candidates) == 1:
        return next(iter(candidates)), RESOLUTIONS[3]
    return None, None


def _resolve_article(names: _Names, found: list[_Found]) -> list[_Found]:
    """Resolve each bare surname of one article against the full names around it."""
    found = sorted(found)  # reading order: by paragraph, then offset
    at = [i for i, item in enumerate(found) if item.resolution == RESOLUTIONS[0]]  # the full names, in order
    named = [found[i].actor_id for i in at]
    resolved = []
    for i, item in enumerate(found):
        if item.surname is not None:
            k = bisect.bisect_left(at, i)  # the full names before this surname are named[:k]
            actor_id, resolution = resolve_surname(set(names.by_surname[item.surname]), named[:k], named[k:])
            if actor_id is None:
                continue
            item = item._replace(actor_id=actor_id, resolution=resolution)
        resolved.append(item)
    return resolved


def find_mentions(paragraphs: pd.DataFrame, actors: pd.DataFrame, *, writing: Writing = ENGLISH,
                  keep: Callable[[str, str, _Found], bool] | None = None) -> pd.DataFrame:
    """Find mentions of *actors* in *paragraphs* (the frames of ``load_paragraphs`` and ``load_actors``).

    *paragraphs* needs ``article_id``, ``paragraph`` and ``text``; *actors* needs
    ``actor_id``, ``name``, ``kind``, ``surname`` and ``aliases`` (a tuple of names).
    Returns one row per mention: ``article_id``, ``paragraph``, ``actor_id``, ``surface``
    (the words as written), ``start`` and ``end`` (character offsets in the paragraph text),
    and ``resolution`` (how the actor was decided; see :data:`RESOLUTIONS`).

    *writing* says where names end in the text's language (:data:`ENGLISH` by default;
    :data:`krcn_lab.korean.KOREAN` lets particles follow a name). *keep*, when given, is
    asked ``keep(article_id, text, hit)`` for every name or surname found (``hit`` has
    ``paragraph``, ``start``, ``end``, ``actor_id``, ``surface``) before surnames are
    resolved: a morphological analyser uses it to drop a name that is part of a longer word.

    >>> paras = pd.DataFrame({"article_id": ["a", "a"], "paragraph": [1, 2],
    ...     "text": ["Foreign Minister Cho Tae-yul met Wang Yi in Beijing.", "Cho said so."]})
    >>> people = pd.DataFrame({"actor_id": ["cho_tae_yul", "cho_hyun", "wang_yi", "chn"],
    ...     "name": ["Cho Tae-yul", "Cho Hyun", "Wang Yi", "China"], "kind": ["person"] * 3 + ["state"],
    ...     "surname": ["Cho", "Cho", "Wang", None], "aliases": [(), (), (), ("Beijing",)]})
    >>> find_mentions(paras, people)[["paragraph", "actor_id", "surface"]].values.tolist()
    [[1, 'cho_tae_yul', 'Cho Tae-yul'], [1, 'wang_yi', 'Wang Yi'], [2, 'cho_tae_yul', 'Cho']]
    """
    names = _names(actors, writing)
    ordered = paragraphs.sort_values(["article_id", "paragraph"], kind="stable")
    rows = []
    for article_id, group in itertools.groupby(zip(ordered["article_id"].tolist(), ordered["paragraph"].tolist(),
                                                   ordered["text"].tolist()), key=operator.itemgetter(0)):
        found = [
            item for _, paragraph, text in group
            for item in _find_in_paragraph(names, paragraph, text)
            if keep is None or keep(article_id, text, item)
        ]
        rows += [(article_id, *item[:5], item.resolution) for item in _resolve_article(names, found)]
    return _mention_frame(rows)


def _mention_frame(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["article_id", "paragraph", "start", "end", "actor_id", "surface", "resolution"])
    frame = frame[COLUMNS]
    for column in ["article_id", "actor_id", "surface"]:
        frame[column] = frame[column].astype("string")
    for column in ["paragraph", "start", "end"]:
        frame[column] = frame[column].astype("int64")
    frame["resolution"] = pd.Categorical(frame["resolution"], categories=RESOLUTIONS)
    return frame
