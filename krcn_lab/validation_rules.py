"""The rules the dataset must keep, one small named check each (run by :func:`krcn_lab.validation.validate`).

Each check is a plain function that takes the tables it needs and returns a list of
:class:`Problem`. Its parameter names say what it takes: a table by name (``events``,
``roles``, ...), ``tables`` for all of them, ``cleaned`` for the cleaned articles by
``article_id``, ``seeds`` for the seeds folder. Each problem names the file, the line (as a
spreadsheet shows it: the header is line 1) and what is wrong, so an instructor who adds
a row can fix it.

>>> events = pd.DataFrame({"event_id": ["mtg_a", "mtg_b"], "date": pd.to_datetime(["2024-05-13", None])})
>>> print(events_dated(events)[0])
events.csv, line 3: every event needs a date (use date_precision month or year if vague)
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandas as pd

from . import corpus, dataset, periods, quotes

__all__ = [
    "Problem", "seed_checksums", "unique_keys", "foreign_keys", "quote_findings", "quotes_verbatim",
    "events_reported", "dates_in_order", "events_dated", "events_in_administrations", "roles_on_event_dates",
    "reports_after_events", "article_dates", "aliases_unique",
]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data: where it is and what it is.

    >>> print(Problem("events.csv", 4, "every event needs a date"))
    events.csv, line 4: every event needs a date
    """

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}, line {self.line}"
        return f"{where}: {self.message}"


def _file(name: str) -> str:
    return dataset.TABLES[name].file


def _short(text: str, limit: int = 70) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _day(value) -> str:
    return str(value.date())


def seed_checksums(seeds) -> list[Problem]:
    """Every seed listed in ``SHA256SUMS`` is there, byte for byte as collected.

    >>> seed_checksums(dataset.seeds_root())
    []
    """
    sums = seeds.joinpath("SHA256SUMS")
    if not sums.is_file():
        return [Problem("seeds/SHA256SUMS", None, "file missing: cannot check that the seeds are unchanged")]
    problems = []
    for number, line in enumerate(sums.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        digest, _, name = line.strip().partition("  ")
        seed = seeds.joinpath(name)
        if not seed.is_file():
            problems.append(Problem("seeds/SHA256SUMS", number, f"lists {name}, which is missing from seeds/"))
        elif hashlib.sha256(seed.read_bytes()).hexdigest() != digest:
            problems.append(Problem(f"seeds/{name}", None,
                                    "differs from its recorded SHA-256: the seeds must stay byte for byte as collected"))
    return problems


def unique_keys(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """Key columns (see ``dataset.TABLES``) are filled in (dates may be empty) and unique.

    >>> issues = pd.DataFrame({"issue_id": ["trade", "trade"]})
    >>> [str(p) for p in unique_keys({"issues": issues})]
    ["issues.csv, line 3: duplicate key issue_id='trade' (first on line 2)"]
    """
    problems = []
    for name, frame in tables.items():
        spec = dataset.TABLES[name]
        key = list(spec.key)
        needed = [k for k in key if k not in spec.dates]
        for row in frame.index[frame[needed].isna().any(axis=1)]:
            problems.append(Problem(spec.file, row + 2, f"key column(s) {', '.join(needed)} must not be empty"))
        seen: dict[tuple, int] = {}
        for row, values in zip(frame.index, frame[key].itertuples(index=False, name=None)):
            values = tuple("" if pd.isna(v) else str(v) for v in values)
            if values in seen:
                shown = ", ".join(f"{k}={v!r}" for k, v in zip(key, values))
                problems.append(Problem(spec.file, row + 2, f"duplicate key {shown} (first on line {seen[values] + 2})"))
            else:
                seen[values] = row
    return problems


def foreign_keys(tables: dict[str, pd.DataFrame], links=dataset.FOREIGN_KEYS) -> list[Problem]:
    """Every filled link cell names a row of the table it points to (*links*: see ``dataset.FOREIGN_KEYS``).

    >>> actors = pd.DataFrame({"actor_id": ["wang_yi"]})
    >>> roles = pd.DataFrame({"actor_id": ["wang_yi", "wang_yii", pd.NA]})
    >>> [str(p) for p in foreign_keys({"actors": actors, "roles": roles})]
    ["roles.csv, line 3: actor_id 'wang_yii' is not a known actor_id in actors.csv"]
    """
    problems = []
    for source, column, target, target_column in links:
        if source not in tables or target not in tables:
            continue
        known = set(tables[target][target_column].dropna().astype(str))
        for row, value in tables[source][column].items():
            if pd.notna(value) and str(value) not in known:
                problems.append(Problem(_file(source), row + 2,
                                        f"{column} {str(value)!r} is not a known {target_column} in {_file(target)}"))
    return problems


def _quote_problem(row, article: corpus.CleanArticle) -> str | None:
    """What is wrong with one quote row whose article is known (None: the quote stands where cited)."""
    quote = str(row.quote)
    if pd.isna(row.paragraph):  # no paragraph: the quote must stand in the article's own metadata lines
        if quotes.metadata_field(article, quote) is None:
            return (f"quote has no paragraph and is not in {row.article_id}'s title, byline, standfirst "
                    f"or credits: {_short(quote)!r}")
        return None
    number = int(row.paragraph)
    found = quotes.paragraphs_with(article, quote)
    if number in found:
        return None
    if number not in [p.number for p in article.paragraphs]:
        return f"paragraph {number} does not exist in {row.article_id} (it has {len(article.paragraphs)})"
    hint = f" (it is in paragraph {found[0]})" if found else " (nor anywhere else in the article)"
    return f"quote not found in {row.article_id} paragraph {number}: {_short(quote)!r}{hint}"


def quote_findings(tables, cleaned):
    """(file, line, problem or None) for every row of every table that has a ``quote`` column."""
    for name, frame in tables.items():
        if "quote" not in frame.columns:
            continue
        for row in frame.itertuples():
            line = row.Index + 2
            if pd.isna(row.quote):
                if name != "administrations":  # a term of office may rest on the public record alone
                    yield _file(name), line, "no quote: every coded fact cites a verbatim quote"
            elif pd.isna(row.article_id):
                yield _file(name), line, "a quote needs the article_id it comes from"
            elif str(row.article_id) in cleaned:  # an unknown article is a foreign-key problem
                yield _file(name), line, _quote_problem(row, cleaned[str(row.article_id)])


def quotes_verbatim(tables: dict[str, pd.DataFrame], cleaned: dict[str, corpus.CleanArticle]) -> list[Problem]:
    """Every coded fact has a quote that stands verbatim in the paragraph it cites (or, with no
    paragraph, in the article's title, byline, standfirst or credits).

    >>> article = dataset.cleaned_articles()["bloomberg2025"]
    >>> claims = pd.DataFrame({"article_id": ["bloomberg2025"], "paragraph": pd.array([3], dtype="Int64"),
    ...                        "quote": ["met with China’s Wang Yi"]})
    >>> print(quotes_verbatim({"claims": claims}, {"bloomberg2025": article})[0])
    claims.csv, line 2: quote not found in bloomberg2025 paragraph 3: 'met with China’s Wang Yi' (it is in paragraph 2)
    """
    return [Problem(file, line, message) for file, line, message in quote_findings(tables, cleaned) if message]


def events_reported(events: pd.DataFrame, event_sources: pd.DataFrame) -> list[Problem]:
    """Every event is backed by at least one article's quote in ``event_sources.csv``.

    >>> events = pd.DataFrame({"event_id": ["mtg_a", "mtg_b"]})
    >>> [(p.file, p.line) for p in events_reported(events, pd.DataFrame({"event_id": ["mtg_a"]}))]
    [('events.csv', 3)]
    """
    reported = set(event_sources["event_id"].dropna().astype(str))
    return [Problem("events.csv", row.Index + 2,
                    f"{row.event_id} has no row in event_sources.csv: every event needs a quote from an article")
            for row in events.itertuples() if pd.notna(row.event_id) and str(row.event_id) not in reported]


#: (table, first date column, last date column) pairs that must be in order.
DATE_SPANS = [("roles", "start", "end"), ("events", "date", "date_end"), ("administrations", "start", "end")]


def dates_in_order(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """A start date is never after its end date (roles, events, administrations).

    >>> roles = pd.DataFrame({"start": pd.to_datetime(["2024-05-01"]), "end": pd.to_datetime(["2024-01-31"])})
    >>> [str(p) for p in dates_in_order({"roles": roles})]
    ['roles.csv, line 2: start 2024-05-01 is after end 2024-01-31']
    """
    problems = []
    for name, start, end in DATE_SPANS:
        if name in tables:
            frame = tables[name]
            for row in frame.index[(frame[start] > frame[end]).fillna(False)]:
                problems.append(Problem(_file(name), row + 2, f"{start} {_day(frame.at[row, start])} is after "
                                        f"{end} {_day(frame.at[row, end])}"))
    return problems


def events_dated(events: pd.DataFrame) -> list[Problem]:
    """Every event has a date (a vague one is coded with a month or year precision).

    >>> [(p.file, p.line) for p in events_dated(pd.DataFrame({"date": pd.to_datetime(["2024-05-13", None])}))]
    [('events.csv', 3)]
    """
    return [Problem("events.csv", row + 2, "every event needs a date (use date_precision month or year if vague)")
            for row in events.index[events["date"].isna()]]


def events_in_administrations(events: pd.DataFrame, administrations: pd.DataFrame) -> list[Problem]:
    """Every dated event falls (at least partly) inside a South Korean administration's term.

    >>> terms = pd.DataFrame({"country": ["KOR"], "leader": ["Yoon Suk Yeol"], "start": pd.to_datetime(["2022-05-10"]),
    ...                       "end": [pd.NaT]})
    >>> events = pd.DataFrame({"event_id": ["old", "new"], "date": pd.to_datetime(["2020-01-01", "2024-05-13"]),
    ...                        "date_precision": ["day", "day"], "date_end": [pd.NaT, pd.NaT]})
    >>> [str(p) for p in events_in_administrations(events, terms)]
    ['events.csv, line 2: old (2020-01-01) falls inside no South Korean administration']
    """
    problems = []
    for row in events.itertuples():
        if pd.isna(row.date):
            continue
        last = periods.period_end(row.date, row.date_precision, row.date_end)
        if periods.administration_period(row.date, last, administrations) is None:
            problems.append(Problem("events.csv", row.Index + 2,
                                    f"{row.event_id} ({_day(row.date)}) falls inside no South Korean administration"))
    return problems


def roles_on_event_dates(participants, roles, events, actors) -> list[Problem]:
    """Each person at an event held the role they are given there, on every day the event may fall on.

    >>> actors = pd.DataFrame({"actor_id": ["cho"], "kind": ["person"]})
    >>> roles = pd.DataFrame({"actor_id": ["cho"], "title": ["Foreign Minister"],
    ...                       "start": pd.to_datetime(["2024-01-12"]), "end": pd.to_datetime(["2024-01-31"])})
    >>> events = pd.DataFrame({"event_id": ["mtg"], "date": pd.to_datetime(["2024-05-13"]),
    ...                        "date_precision": ["day"], "date_end": [pd.NaT]})
    >>> participants = pd.DataFrame({"event_id": ["mtg"], "actor_id": ["cho"], "role_at_event": ["Foreign Minister"]})
    >>> print(roles_on_event_dates(participants, roles, events, actors)[0])
    participants.csv, line 2: mtg on 2024-05-13 is outside cho's role 'Foreign Minister' (2024-01-12 to 2024-01-31)
    """
    events = events.set_index("event_id")
    kinds = dict(zip(actors["actor_id"], actors["kind"]))
    problems = []
    for row in participants.itertuples():
        if kinds.get(row.actor_id) != "person" or row.event_id not in events.index:
            continue
        held = roles[(roles["actor_id"] == row.actor_id) & (roles["title"] == row.role_at_event)]
        if held.empty:
            problems.append(Problem("participants.csv", row.Index + 2,
                                    f"{row.actor_id} has no role titled {row.role_at_event!r} in roles.csv"))
            continue
        event = events.loc[row.event_id]
        first = event["date"]
        last = periods.period_end(first, event["date_precision"], event["date_end"])
        inside = (held["start"].isna() | (held["start"] <= first)) & (held["end"].isna() | (held["end"] >= last))
        if not inside.any():
            spans = "; ".join(f"{'?' if pd.isna(r.start) else _day(r.start)} to "
                              f"{'open' if pd.isna(r.end) else _day(r.end)}" for r in held.itertuples())
            problems.append(Problem("participants.csv", row.Index + 2, f"{row.event_id} on {_day(first)} is outside "
                                    f"{row.actor_id}'s role {row.role_at_event!r} ({spans})"))
    return problems


def reports_after_events(event_sources, events, articles, cleaned) -> list[Problem]:
    """An article reports as past (status ``occurred``) only events dated before it was published.

    The publication date is the one the page states, else the coded one (to the end of its
    month or year when only that is known).

    >>> articles = pd.DataFrame({"article_id": ["a1"], "published": pd.to_datetime(["2024-05-01"]),
    ...                          "published_precision": ["day"]})
    >>> events = pd.DataFrame({"event_id": ["mtg"], "date": pd.to_datetime(["2024-05-13"]), "status": ["occurred"]})
    >>> sources = pd.DataFrame({"event_id": ["mtg"], "article_id": ["a1"]})
    >>> print(reports_after_events(sources, events, articles, {})[0])
    event_sources.csv, line 2: a1 (published 2024-05-01) reports mtg as past, but the event is dated 2024-05-13
    """
    events = events.set_index("event_id")
    articles = articles.set_index("article_id")
    problems = []
    for row in event_sources.itertuples():
        if row.event_id not in events.index or row.article_id not in articles.index:
            continue
        event, article = events.loc[row.event_id], articles.loc[row.article_id]
        published = article["published"]
        if row.article_id in cleaned and cleaned[row.article_id].published:
            published = pd.Timestamp(cleaned[row.article_id].published)
        if pd.isna(published) or event["status"] != "occurred":
            continue
        if event["date"] > periods.period_end(published, article["published_precision"]):
            problems.append(Problem("event_sources.csv", row.Index + 2,
                                    f"{row.article_id} (published {_day(published)}) reports {row.event_id} as "
                                    f"past, but the event is dated {_day(event['date'])}"))
    return problems


def article_dates(articles: pd.DataFrame, cleaned: dict[str, corpus.CleanArticle]) -> list[Problem]:
    """A date the page states is the coded one; when the page states none, one is coded (inferred).

    >>> articles = pd.DataFrame({"article_id": ["bloomberg2025"], "published": [pd.NaT]})
    >>> print(article_dates(articles, dataset.cleaned_articles())[0])
    articles.csv, line 2: bloomberg2025: the page states no date, so 'published' must be coded with its basis
    """
    problems = []
    for row in articles.itertuples():
        article = cleaned.get(row.article_id)
        if article is None:
            continue
        if article.published is None and pd.isna(row.published):
            problems.append(Problem("articles.csv", row.Index + 2, f"{row.article_id}: the page states no date, "
                                    "so 'published' must be coded with its basis"))
        if article.published is not None and pd.notna(row.published) and \
                pd.Timestamp(article.published) != row.published:
            problems.append(Problem("articles.csv", row.Index + 2, f"{row.article_id}: coded date "
                                    f"{_day(row.published)} contradicts the page's {article.published}"))
    return problems


def aliases_unique(actors: pd.DataFrame) -> list[Problem]:
    """A name or alias names one actor only (a bare surname is resolved by :mod:`krcn_lab.mentions`).

    >>> actors = pd.DataFrame({"actor_id": ["kor", "rok"], "name": ["South Korea", "Republic of Korea"],
    ...                        "aliases": [(), ("South Korea",)]})
    >>> print(aliases_unique(actors)[0])
    actors.csv, line 3: name or alias 'South Korea' of rok also names kor
    """
    owner: dict[str, str] = {}
    problems = []
    for row in actors.itertuples():
        for surface in (row.name, *row.aliases):
            if pd.isna(surface):
                continue
            if surface in owner and owner[surface] != row.actor_id:
                problems.append(Problem("actors.csv", row.Index + 2,
                                        f"name or alias {surface!r} of {row.actor_id} also names {owner[surface]}"))
            owner.setdefault(surface, row.actor_id)
    return problems
