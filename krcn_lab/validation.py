"""Check the whole dataset: keys, links, dates and verbatim quotes.

:func:`validate` reads the tables and runs every rule in :data:`CHECKS` (each a small
function in :mod:`krcn_lab.validation_rules`); a new rule is one function, one entry in
:data:`CHECKS` and one test. Each problem names the file, the line (as a spreadsheet or
editor shows it: the header is line 1) and what is wrong, so an instructor who adds a row
can fix it.

Example
-------
>>> from krcn_lab.validation import validate
>>> report = validate()
>>> report.ok, len(report.problems)
(True, 0)
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import corpus, dataset, userdata
from .validation_coding import interpretations_by_outlets, names_in_scripts, occasions_reported_by_the_source
from .validation_rules import (
    Problem,
    aliases_unique,
    article_dates,
    dates_in_order,
    events_dated,
    events_in_administrations,
    events_reported,
    foreign_keys,
    quote_findings,
    quotes_verbatim,
    reports_after_events,
    roles_on_event_dates,
    seed_checksums,
    unique_keys,
)

__all__ = ["Problem", "Report", "CHECKS", "validate", "read_sources", "run_check", "count_quotes"]


@dataclass
class Report:
    """The outcome of :func:`validate`: a list of problems (empty when all is well).

    >>> report = Report(checked={"events": 3})
    >>> print(report)
    dataset valid: 3 events
    >>> report.add("events.csv", 2, "every event needs a date")
    >>> report.ok, str(report).splitlines()[1]
    (False, '  events.csv, line 2: every event needs a date')
    """

    problems: list[Problem] = field(default_factory=list)
    checked: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, file: str, line: int | None, message: str) -> None:
        self.problems.append(Problem(file, line, message))

    def __str__(self) -> str:
        if self.ok:
            counts = ", ".join(f"{n} {name}" for name, n in self.checked.items())
            return f"dataset valid: {counts}"
        lines = [f"{len(self.problems)} problem(s) in the dataset:"] + [f"  {p}" for p in self.problems]
        return "\n".join(lines)


def count_quotes(tables: dict[str, pd.DataFrame], cleaned: dict[str, corpus.CleanArticle]) -> int:
    """How many quotes were found where they are cited.

    >>> claims = pd.DataFrame({"article_id": ["bloomberg2025"], "paragraph": pd.array([2], dtype="Int64"),
    ...                        "quote": ["met with China’s Wang Yi"]})
    >>> count_quotes({"claims": claims}, dataset.cleaned_articles())
    1
    """
    return sum(1 for _, _, message in quote_findings(tables, cleaned) if message is None)


#: Every rule, in the order its problems are listed. A check runs when all the inputs
#: its parameters name (without a default) could be read.
CHECKS = {
    "seeds unchanged": seed_checksums,
    "keys unique and filled in": unique_keys,
    "links resolve": foreign_keys,
    "quotes verbatim where cited": quotes_verbatim,
    "every event reported by an article": events_reported,
    "dates in order": dates_in_order,
    "every event dated": events_dated,
    "events inside an administration": events_in_administrations,
    "participants held their role on the day": roles_on_event_dates,
    "articles report only past events": reports_after_events,
    "article dates from the page": article_dates,
    "aliases name one actor": aliases_unique,
    "outlets only interpret, at no event": interpretations_by_outlets,
    "an occasion is reported by the quoting article": occasions_reported_by_the_source,
    "people named in Hangul (and Chinese)": names_in_scripts,
}


def read_sources(data_dir=None, seeds_dir=None, include_user=False) -> tuple[dict, list[Problem]]:
    """Read what the checks take: each table by name, ``tables`` (all that could be read),
    ``cleaned`` articles and the ``seeds`` folder; with a problem for each that cannot be read.
    With *include_user* (True, or a state folder of the store) the user store's rows follow
    the package's in each of its tables (see :mod:`krcn_lab.userdata`).

    >>> sources, problems = read_sources()
    >>> len(sources["tables"]), len(sources["cleaned"]), len(sources["events"]) > 20, problems
    (11, 5, True, [])
    """
    tables: dict[str, pd.DataFrame] = {}
    problems = []
    for name, spec in dataset.TABLES.items():
        try:
            tables[name] = dataset.user_rows(name, data_dir, include_user)
        except dataset.DatasetError as exc:
            problems.append(Problem(exc.where if include_user else spec.file, exc.line, exc.problem))
    cleaned = {}
    if "articles" in tables:
        try:
            cleaned = dataset.cleaned_articles(data_dir, seeds_dir, include_user)
        except (dataset.DatasetError, corpus.CorpusError) as exc:
            problems.append(Problem("articles.csv", None, f"cannot clean {'an article' if include_user else 'a seed'}: {exc}"))
    sources = {**tables, "tables": tables, "cleaned": cleaned, "seeds": dataset.seeds_root(seeds_dir)}
    return sources, problems


def run_check(check, sources: dict) -> list[Problem]:
    """Call *check* with the inputs its parameters name; no problems when one is missing.

    >>> run_check(events_dated, {"tables": {}})
    []
    """
    needs = [p.name for p in inspect.signature(check).parameters.values() if p.default is p.empty]
    if not all(name in sources for name in needs):
        return []
    return check(**{name: sources[name] for name in needs})


def _in_user_files(problems: list[Problem], data_dir, state) -> list[Problem]:
    """Name the user's file and line for each problem found in a user row (they follow the package's rows).

    >>> print(_in_user_files([Problem("claims.csv", 40, "no quote")], None, "/store/state-1")[0])
    /store/state-1/claims.csv, line 6: no quote
    >>> print(_in_user_files([Problem("claims.csv", 40, "duplicate key (first on line 3)")], None, "/s")[0])
    /s/claims.csv, line 6: duplicate key (first in the package's claims.csv, line 3)
    """
    if state is None:
        return problems
    offsets = {dataset.TABLES[name].file: len(dataset.table(name, data_dir)) for name in userdata.USER_TABLES}
    moved = []
    for problem in problems:
        offset = offsets.get(problem.file)
        if offset is not None and problem.line is not None and problem.line - 2 >= offset:
            first = re.search(r"\(first on line (\d+)\)", problem.message)
            message = problem.message
            if first and int(first.group(1)) - 2 < offset:
                message = message.replace(first.group(0), f"(first in the package's {problem.file}, line {first.group(1)})")
            elif first:
                message = message.replace(first.group(0), f"(first on line {int(first.group(1)) - offset})")
            problem = Problem(str(Path(state) / problem.file), problem.line - offset, message)
        moved.append(problem)
    return moved


def validate(data_dir: str | Path | None = None, seeds_dir: str | Path | None = None,
             include_user=False) -> Report:
    """Check every table of the dataset (the package's own, or the CSV files in *data_dir*).

    Reads the files and runs every check in :data:`CHECKS`: the seeds match their recorded
    checksums; every file reads with the right columns, dates and vocabularies; keys are
    unique; every link (actor, event, issue, article) resolves; every quote appears verbatim
    in the paragraph it cites; every participant held the role it is given on the date of
    the event; dates are in order and every event falls inside a South Korean administration.
    Nothing is cached or cleared: a running notebook keeps its loaded tables.

    ``include_user=True`` checks the articles and rows of the user store too (see
    :mod:`krcn_lab.store`), quotes included, as if they were in the package's files; a problem
    in a user row names the store's file and its line there.

    >>> print(validate())  # doctest: +ELLIPSIS
    dataset valid: 5 articles, ... quotes
    """
    sources, problems = read_sources(data_dir, seeds_dir, include_user)
    for check in CHECKS.values():
        problems += run_check(check, sources)
    problems = _in_user_files(problems, data_dir, dataset.user_state(include_user))
    checked = {name: len(frame) for name, frame in sources["tables"].items()}
    checked["quotes"] = count_quotes(sources["tables"], sources["cleaned"])
    return Report(problems, checked)
