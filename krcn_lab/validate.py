"""Check the whole dataset: keys, links, dates and verbatim quotes.

Each problem names the file, the line (as a spreadsheet or editor shows it: the
header is line 1) and what is wrong, so an instructor who adds a row can fix it.

Example
-------
>>> from krcn_lab import validate
>>> report = validate()
>>> report.ok, len(report.problems)
(True, 0)
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import corpus, dataset

__all__ = ["Problem", "Report", "validate"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data: where it is and what it is."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}, line {self.line}"
        return f"{where}: {self.message}"


@dataclass
class Report:
    """The outcome of :func:`validate`: a list of problems (empty when all is well)."""

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


METADATA_FIELDS = ("title", "byline", "standfirst", "credits")


def metadata_field(article: corpus.CleanArticle, quote: str) -> str | None:
    """Which metadata line of a cleaned article (title, byline, standfirst, credits) holds *quote*.

    Journalists and outlets are named only there, never in a paragraph; a quote
    about them cites the article with an empty paragraph.
    """
    for name in METADATA_FIELDS:
        value = getattr(article, name)
        if value and quote in value:
            return name
    return None


def _short(text: str, limit: int = 70) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _check_seeds(report: Report, seeds_dir) -> None:
    root = dataset.seeds_root(seeds_dir)
    sums = root.joinpath("SHA256SUMS")
    if not sums.is_file():
        report.add("seeds/SHA256SUMS", None, "file missing: cannot check that the seeds are unchanged")
        return
    for number, line in enumerate(sums.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        digest, _, name = line.strip().partition("  ")
        seed = root.joinpath(name)
        if not seed.is_file():
            report.add("seeds/SHA256SUMS", number, f"lists {name}, which is missing from seeds/")
        elif hashlib.sha256(seed.read_bytes()).hexdigest() != digest:
            report.add(f"seeds/{name}", None, "differs from its recorded SHA-256: the seeds must stay byte for byte as collected")


def validate(data_dir: str | Path | None = None, seeds_dir: str | Path | None = None) -> Report:
    """Check every table of the dataset (the package's own, or the CSV files in *data_dir*).

    Checks: the seeds match their recorded checksums; every file reads with the right
    columns, dates and vocabularies; keys are unique; every link (actor, event, issue,
    article) resolves; every quote appears verbatim in the paragraph it cites; every
    participant held the role it is given on the date of the event; dates are in order
    and every event falls inside a South Korean administration.
    """
    dataset.clear_caches()
    report = Report()
    _check_seeds(report, seeds_dir)

    tables: dict[str, pd.DataFrame] = {}
    for name, spec in dataset.TABLES.items():
        try:
            tables[name] = dataset.table(name, data_dir)
        except dataset.DatasetError as exc:
            report.add(spec.file, exc.line, exc.problem)
    if "articles" in tables:
        try:
            cleaned = dataset.cleaned_articles(data_dir, seeds_dir)
        except (dataset.DatasetError, corpus.CorpusError) as exc:
            report.add("articles.csv", None, f"cannot clean a seed: {exc}")
            cleaned = {}
    else:
        cleaned = {}

    def file_of(name: str) -> str:
        return dataset.TABLES[name].file

    # Unique keys.
    for name, frame in tables.items():
        key = list(dataset.TABLES[name].key)
        if not key:
            continue
        needed = [k for k in key if k not in dataset.TABLES[name].dates]
        for row in frame.index[frame[needed].isna().any(axis=1)]:
            report.add(file_of(name), row + 2, f"key column(s) {', '.join(needed)} must not be empty")
        seen: dict[tuple, int] = {}
        for row, values in zip(frame.index, frame[key].itertuples(index=False, name=None)):
            values = tuple("" if pd.isna(v) else str(v) for v in values)
            if values in seen:
                shown = ", ".join(f"{k}={v!r}" for k, v in zip(key, values))
                report.add(file_of(name), row + 2, f"duplicate key {shown} (first on line {seen[values] + 2})")
            else:
                seen[values] = row

    # Foreign keys.
    for source, column, target, target_column in dataset.FOREIGN_KEYS:
        if source not in tables or target not in tables:
            continue
        known = set(tables[target][target_column].dropna().astype(str))
        for row, value in tables[source][column].items():
            if pd.notna(value) and str(value) not in known:
                report.add(file_of(source), row + 2,
                           f"{column} {str(value)!r} is not a known {target_column} in {file_of(target)}")

    # Quotes: verbatim in the cited paragraph.
    paragraphs = {
        (article_id, p.number): p.text for article_id, article in cleaned.items() for p in article.paragraphs
    }
    quoted = 0
    for name, frame in tables.items():
        if "quote" not in frame.columns:
            continue
        optional = name == "administrations"
        for row in frame.itertuples():
            line = row.Index + 2
            if pd.isna(row.quote):
                if not optional:
                    report.add(file_of(name), line, "no quote: every coded fact cites a verbatim quote")
                continue
            if pd.isna(row.article_id):
                report.add(file_of(name), line, "a quote needs the article_id it comes from")
                continue
            article_id = str(row.article_id)
            if article_id not in cleaned:
                continue  # reported as a foreign-key problem
            if pd.isna(row.paragraph):
                # No paragraph: the quote must stand in the article's own metadata lines.
                if metadata_field(cleaned[article_id], str(row.quote)) is None:
                    report.add(file_of(name), line,
                               f"quote has no paragraph and is not in {article_id}'s title, byline, standfirst "
                               f"or credits: {_short(row.quote)!r}")
                else:
                    quoted += 1
                continue
            number = int(row.paragraph)
            text = paragraphs.get((article_id, number))
            if text is None:
                count = len(cleaned[article_id].paragraphs)
                report.add(file_of(name), line, f"paragraph {number} does not exist in {article_id} (it has {count})")
                continue
            if str(row.quote) not in text:
                elsewhere = [n for (a, n), t in paragraphs.items() if a == article_id and str(row.quote) in t]
                hint = f" (it is in paragraph {elsewhere[0]})" if elsewhere else " (nor anywhere else in the article)"
                report.add(file_of(name), line,
                           f"quote not found in {article_id} paragraph {number}: {_short(row.quote)!r}{hint}")
            else:
                quoted += 1

    # Every event is backed by at least one article's quote.
    if {"events", "event_sources"} <= tables.keys():
        reported = set(tables["event_sources"]["event_id"].dropna().astype(str))
        for row in tables["events"].itertuples():
            if pd.notna(row.event_id) and str(row.event_id) not in reported:
                report.add("events.csv", row.Index + 2,
                           f"{row.event_id} has no row in event_sources.csv: every event needs a quote from an article")

    # Dates in order.
    for name, start, end in [("roles", "start", "end"), ("events", "date", "date_end"),
                             ("administrations", "start", "end")]:
        if name in tables:
            frame = tables[name]
            for row in frame.index[(frame[start] > frame[end]).fillna(False)]:
                report.add(file_of(name), row + 2, f"{start} {frame.at[row, start].date()} is after {end} "
                           f"{frame.at[row, end].date()}")
    if "events" in tables:
        for row in tables["events"].index[tables["events"]["date"].isna()]:
            report.add("events.csv", row + 2, "every event needs a date (use date_precision month or year if vague)")

    if {"events", "administrations"} <= tables.keys():
        events, administrations = tables["events"], tables["administrations"]
        for row in events.itertuples():
            if pd.isna(row.date):
                continue
            last = dataset.period_end(row.date, row.date_precision, row.date_end)
            if dataset.administration_period(row.date, last, administrations) is None:
                report.add("events.csv", row.Index + 2,
                           f"{row.event_id} ({row.date.date()}) falls inside no South Korean administration")

    # Participants held the role they are given, on the day of the event.
    if {"participants", "roles", "events", "actors"} <= tables.keys():
        roles, events = tables["roles"], tables["events"].set_index("event_id")
        kinds = dict(zip(tables["actors"]["actor_id"], tables["actors"]["kind"]))
        for row in tables["participants"].itertuples():
            if kinds.get(row.actor_id) != "person" or row.event_id not in events.index:
                continue
            held = roles[(roles["actor_id"] == row.actor_id) & (roles["title"] == row.role_at_event)]
            if held.empty:
                report.add("participants.csv", row.Index + 2,
                           f"{row.actor_id} has no role titled {row.role_at_event!r} in roles.csv")
                continue
            event = events.loc[row.event_id]
            first = event["date"]
            last = dataset.period_end(first, event["date_precision"], event["date_end"])
            inside = (held["start"].isna() | (held["start"] <= first)) & (held["end"].isna() | (held["end"] >= last))
            if not inside.any():
                spans = "; ".join(
                    f"{'?' if pd.isna(r.start) else r.start.date()} to {'open' if pd.isna(r.end) else r.end.date()}"
                    for r in held.itertuples()
                )
                report.add("participants.csv", row.Index + 2,
                           f"{row.event_id} on {first.date()} is outside {row.actor_id}'s role "
                           f"{row.role_at_event!r} ({spans})")

    # An article can only report as past what happened before it was published.
    if {"event_sources", "events", "articles"} <= tables.keys():
        events = tables["events"].set_index("event_id")
        articles = tables["articles"].set_index("article_id")
        for row in tables["event_sources"].itertuples():
            if row.event_id not in events.index or row.article_id not in articles.index:
                continue
            event = events.loc[row.event_id]
            article = articles.loc[row.article_id]
            published = article["published"]
            if row.article_id in cleaned and cleaned[row.article_id].published:
                published = pd.Timestamp(cleaned[row.article_id].published)
            if pd.isna(published) or event["status"] != "occurred":
                continue
            latest = dataset.period_end(published, article["published_precision"])
            if event["date"] > latest:
                report.add("event_sources.csv", row.Index + 2,
                           f"{row.article_id} (published {published.date()}) reports {row.event_id} as past, "
                           f"but the event is dated {event['date'].date()}")

    # Articles: a stated date comes from the page; an inferred one must be coded.
    if "articles" in tables:
        for row in tables["articles"].itertuples():
            article = cleaned.get(row.article_id)
            if article is None:
                continue
            if article.published is None and pd.isna(row.published):
                report.add("articles.csv", row.Index + 2,
                           f"{row.article_id}: the page states no date, so 'published' must be coded with its basis")
            if article.published is not None and pd.notna(row.published) and \
                    pd.Timestamp(article.published) != row.published:
                report.add("articles.csv", row.Index + 2,
                           f"{row.article_id}: coded date {row.published.date()} contradicts the page's "
                           f"{article.published}")

    # Aliases must name one actor only.
    if "actors" in tables:
        owner: dict[str, str] = {}
        for row in tables["actors"].itertuples():
            for surface in (row.name, *row.aliases):
                if pd.isna(surface):
                    continue
                if surface in owner and owner[surface] != row.actor_id:
                    report.add("actors.csv", row.Index + 2,
                               f"name or alias {surface!r} of {row.actor_id} also names {owner[surface]}")
                owner.setdefault(surface, row.actor_id)

    report.checked = {name: len(frame) for name, frame in tables.items()}
    report.checked["quotes"] = quoted
    return report
