"""Checks of the coding rules in ``docs/coding_manual.md`` that a fact audit found broken.

Each is one plain function over the tables, returning :class:`~krcn_lab.validation_rules.Problem`
rows, registered in :data:`krcn_lab.validation.CHECKS` like every other rule.

- An outlet's own reading of events is its ``interpretation``: coded to the outlet (an
  actor of kind ``media``) and to no event. An outlet speaks otherwise only in an editorial.
- A statement or claim said at an event cites an article that reports that event
  (a row of ``event_sources.csv``), so the occasion is backed by the same source as the words.
- Every person (and journalist) has a Hangul row in ``actor_names.csv``, and every Chinese person a
  row in Chinese characters: a spelling with its basis, or an empty name marked ``unknown``.
"""

from __future__ import annotations

import re

import pandas as pd

from .validation_rules import Problem

__all__ = ["interpretations_by_outlets", "occasions_reported_by_the_source", "names_in_scripts"]

_SCRIPTS = {"ko": (re.compile(r"[가-힣]+(?: [가-힣]+)*"), "Hangul"),
            "zh": (re.compile(r"[\u4e00-\u9fff]+"), "Chinese characters")}
_PEOPLE = {"person", "journalist"}


def interpretations_by_outlets(statements: pd.DataFrame, actors: pd.DataFrame) -> list[Problem]:
    """Interpretations are an outlet's, at no event; an outlet outside an editorial only interprets.

    >>> actors = pd.DataFrame({"actor_id": ["herald", "kor"], "kind": ["media", "state"]})
    >>> statements = pd.DataFrame({"statement_id": ["s1", "s2", "s3"], "actor_id": ["kor", "herald", "herald"],
    ...     "act": ["interpretation", "interpretation", "statement"], "event_id": [None, "mtg_x", None],
    ...     "reported_by": ["article narration"] * 3})
    >>> for problem in interpretations_by_outlets(statements, actors):
    ...     print(problem.line, problem.message[:44])
    2 s1 is an interpretation by kor, which is not
    3 s2 is an interpretation but names event mtg_
    4 s3 is coded to the outlet herald as 'stateme
    """
    kinds = dict(zip(actors["actor_id"].astype(str), actors["kind"].astype(str)))
    problems = []
    for row in statements.itertuples():
        line, kind = row.Index + 2, kinds.get(str(row.actor_id))
        if row.act == "interpretation" and kind != "media":
            problems.append(Problem("statements.csv", line, f"{row.statement_id} is an interpretation by "
                                    f"{row.actor_id}, which is not an outlet (media): code the outlet's reading "
                                    "to the outlet"))
        elif row.act == "interpretation" and pd.notna(row.event_id):
            problems.append(Problem("statements.csv", line, f"{row.statement_id} is an interpretation but names "
                                    f"event {row.event_id}: an outlet's reading is said at no event"))
        elif kind == "media" and row.act != "interpretation" and row.reported_by != "editorial":
            problems.append(Problem("statements.csv", line, f"{row.statement_id} is coded to the outlet "
                                    f"{row.actor_id} as {str(row.act)!r}: an outlet speaks in its own words only "
                                    "as an interpretation or in an editorial"))
    return problems


def occasions_reported_by_the_source(statements: pd.DataFrame, claims: pd.DataFrame,
                                     event_sources: pd.DataFrame) -> list[Problem]:
    """A statement or claim with an event cites an article that reports that event.

    >>> sources = pd.DataFrame({"event_id": ["mtg_a"], "article_id": ["herald"]})
    >>> rows = pd.DataFrame({"statement_id": ["s1", "s2"], "event_id": ["mtg_a", "mtg_a"],
    ...                      "article_id": ["herald", "wire"]})
    >>> [str(p) for p in occasions_reported_by_the_source(rows, rows.iloc[:0], sources)]
    ['statements.csv, line 3: s2 is said at mtg_a, which wire does not report (no such row in event_sources.csv)']
    """
    reported = set(zip(event_sources["event_id"].astype(str), event_sources["article_id"].astype(str)))
    problems = []
    for file, frame, key in (("statements.csv", statements, "statement_id"), ("claims.csv", claims, "claim_id")):
        for row in frame.itertuples():
            event, article = getattr(row, "event_id"), getattr(row, "article_id")
            if pd.notna(event) and (str(event), str(article)) not in reported:
                problems.append(Problem(file, row.Index + 2, f"{getattr(row, key)} is said at {event}, which "
                                        f"{article} does not report (no such row in event_sources.csv)"))
    return problems


def _text(value) -> str:
    return "" if pd.isna(value) else str(value)


def _name_problem(row) -> str | None:
    name, surname = _text(row.name), _text(row.surname)
    if (row.basis == "unknown") != (name == ""):
        return "a name needs a basis other than 'unknown', and 'unknown' needs an empty name"
    pattern, script = _SCRIPTS[row.language]
    if name and not all(pattern.fullmatch(n) for n in (name, *row.aliases)):
        return f"{name!r} is not written in {script} only"
    if surname and not name.startswith(surname) and not name.endswith(surname):
        return f"surname {surname!r} is not part of {name!r}"
    return None


def names_in_scripts(actor_names: pd.DataFrame, actors: pd.DataFrame) -> list[Problem]:
    """Each person has a Hangul name row, each Chinese person a Chinese one; each row is well formed.

    >>> actors = pd.DataFrame({"actor_id": ["wang_yi", "cho_hyun"], "kind": ["person"] * 2,
    ...                        "country": ["CHN", "KOR"]})
    >>> names = pd.DataFrame({"actor_id": ["wang_yi", "cho_hyun"], "language": ["ko", "ko"],
    ...     "name": ["왕이", "Cho"], "surname": ["왕", ""], "aliases": [(), ()], "basis": ["public_record"] * 2})
    >>> for problem in names_in_scripts(names, actors):
    ...     print(problem.line, problem.message)
    3 cho_hyun: 'Cho' is not written in Hangul only
    None wang_yi has no name in Chinese characters (add a row, with basis 'unknown' if it is not known)
    """
    problems = []
    for row in actor_names.itertuples():
        message = _name_problem(row)
        if message:
            problems.append(Problem("actor_names.csv", row.Index + 2, f"{row.actor_id}: {message}"))
    have = set(zip(actor_names["actor_id"], actor_names["language"]))
    for actor in actors[actors["kind"].isin(_PEOPLE)].itertuples():
        needed = ["ko"] + (["zh"] if actor.country == "CHN" else [])
        for language in needed:
            if (actor.actor_id, language) not in have:
                problems.append(Problem("actor_names.csv", None, f"{actor.actor_id} has no name in "
                                        f"{_SCRIPTS[language][1]} (add a row, with basis 'unknown' if it is "
                                        "not known)"))
    return problems
