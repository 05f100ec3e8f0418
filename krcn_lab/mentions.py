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

import functools
import re

import pandas as pd

from . import dataset

__all__ = ["load_mentions", "find_mentions", "RESOLUTIONS"]

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


def _alternation(surfaces) -> re.Pattern:
    ordered = sorted(set(surfaces), key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(s) for s in ordered) + r")(?!\w)")


def find_mentions(paragraphs: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Find mentions of *actors* in *paragraphs* (the frames of ``load_paragraphs`` and ``load_actors``).

    Returns one row per mention: ``article_id``, ``paragraph``, ``actor_id``, ``surface``
    (the words as written), ``start`` and ``end`` (character offsets in the paragraph text),
    and ``resolution`` (how the actor was decided; see :data:`RESOLUTIONS`).

    >>> paras = pd.DataFrame({"article_id": ["a", "a"], "paragraph": [1, 2],
    ...     "text": ["Foreign Minister Cho Tae-yul met Wang Yi in Beijing.", "Cho said so."]})
    >>> people = pd.DataFrame({"actor_id": ["cho_tae_yul", "cho_hyun", "wang_yi", "chn"],
    ...     "name": ["Cho Tae-yul", "Cho Hyun", "Wang Yi", "China"], "kind": ["person"] * 3 + ["state"],
    ...     "surname": ["Cho", "Cho", "Wang", None], "aliases": [(), (), (), ("Beijing",)]})
    >>> find_mentions(paras, people)[["paragraph", "actor_id", "surface"]].values.tolist()
    [[1, 'cho_tae_yul', 'Cho Tae-yul'], [1, 'wang_yi', 'Wang Yi'], [2, 'cho_tae_yul', 'Cho']]
    """
    surface_to_actor: dict[str, str] = {}
    kinds = dict(zip(actors["actor_id"], actors["kind"]))
    for row in actors.itertuples():
        for surface in (row.name, *row.aliases):
            if isinstance(surface, str) and surface:
                surface_to_actor.setdefault(surface, row.actor_id)
    full_pattern = _alternation(surface_to_actor)
    by_surname: dict[str, list[str]] = {}
    for actor_id, surname in zip(actors["actor_id"], actors["surname"]):
        if isinstance(surname, str) and surname:
            by_surname.setdefault(surname, []).append(actor_id)
    surname_pattern = _alternation(by_surname) if by_surname else None

    rows = []
    for article_id, group in paragraphs.sort_values(["article_id", "paragraph"]).groupby("article_id", sort=False):
        found = []  # (paragraph, start, end, actor_id, surface, resolution or None, surname)
        for paragraph, text in zip(group["paragraph"], group["text"]):
            taken = []
            for match in full_pattern.finditer(text):
                actor_id = surface_to_actor[match.group(1)]
                taken.append((match.start(), match.end()))
                if kinds.get(actor_id) in _PLACE_KINDS and _PLACE_BEFORE.search(text[: match.start()]):
                    continue
                found.append((paragraph, match.start(), match.end(), actor_id, match.group(1), RESOLUTIONS[0], None))
            if surname_pattern is None:
                continue
            for match in surname_pattern.finditer(text):
                if any(s <= match.start() < e for s, e in taken):
                    continue
                found.append((paragraph, match.start(), match.end(), None, match.group(1), None, match.group(1)))
        found.sort(key=lambda item: (item[0], item[1]))
        named = [(i, item[3]) for i, item in enumerate(found) if item[5] == RESOLUTIONS[0]]
        for i, (paragraph, start, end, actor_id, surface, resolution, surname) in enumerate(found):
            if surname is not None:
                candidates = set(by_surname[surname])
                before = [a for j, a in named if j < i and a in candidates]
                after = [a for j, a in named if j > i and a in candidates]
                if before:
                    actor_id, resolution = before[-1], RESOLUTIONS[1]
                elif after:
                    actor_id, resolution = after[0], RESOLUTIONS[2]
                elif len(candidates) == 1:
                    actor_id, resolution = next(iter(candidates)), RESOLUTIONS[3]
                else:
                    continue
            rows.append((article_id, paragraph, actor_id, surface, start, end, resolution))
    frame = pd.DataFrame(rows, columns=["article_id", "paragraph", "actor_id", "surface", "start", "end", "resolution"])
    for column in ["article_id", "actor_id", "surface"]:
        frame[column] = frame[column].astype("string")
    for column in ["paragraph", "start", "end"]:
        frame[column] = frame[column].astype("int64")
    frame["resolution"] = pd.Categorical(frame["resolution"], categories=RESOLUTIONS)
    return frame


@functools.lru_cache(maxsize=8)
def _mentions(data_dir: str | None, seeds_dir: str | None) -> pd.DataFrame:
    return find_mentions(dataset.load_paragraphs(data_dir, seeds_dir), dataset.load_actors(data_dir))


def load_mentions(data_dir=None, seeds_dir=None) -> pd.DataFrame:
    """Actor mentions in every clean paragraph (computed, never stored; see :func:`find_mentions`)."""
    return _mentions(
        None if data_dir is None else str(data_dir), None if seeds_dir is None else str(seeds_dir)
    ).copy()
