"""Load the cleaned corpus and the hand-coded dataset as pandas DataFrames.

The coded records are small CSV files in ``krcn_lab/data/`` (one file per
table, one row per fact, each fact citing an article, a paragraph and a
verbatim quote). The five raw articles ship as ``krcn_lab.seeds``. Both are
read with :mod:`importlib.resources`, so an installed wheel works as well as a
checkout.

Derived columns are computed here, never typed into the CSV files: the South
Korean administration of an event comes from its date, the clean paragraphs
from the raw seeds.

Example
-------
>>> from krcn_lab import load_events
>>> meetings = load_events().query("kind == 'meeting'")
>>> meetings[["date", "place", "rok_administration"]].iloc[0].tolist()[1:]
['Beijing', 'Yoon Suk Yeol']
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from . import corpus
from .cache import cached, clear_all, folder_stamp

if TYPE_CHECKING:  # importlib.abc.Traversable moved to importlib.resources.abc in Python 3.11
    from importlib.resources.abc import Traversable

__all__ = [
    "DatasetError",
    "TABLES",
    "load_articles",
    "load_paragraphs",
    "load_removed_lines",
    "load_administrations",
    "load_actors",
    "load_roles",
    "load_events",
    "load_event_sources",
    "load_participants",
    "load_issues",
    "load_statements",
    "load_claims",
    "administration_period",
]

GENRES = ["wire", "news", "editorial", "aggregator"]
DATE_PRECISIONS = ["day", "month", "year"]
DATE_BASES = ["stated", "inferred", "public_record", "unknown", "open"]
ACTOR_KINDS = ["person", "state", "institution", "media", "journalist"]
EVENT_KINDS = ["meeting", "background"]
ADMIN_KINDS = ["elected", "acting"]
STANCES = ["support", "oppose", "neutral"]
ACTS = [
    "statement", "request", "offer", "commitment", "agreement", "concern",
    "criticism", "warning", "invitation", "reassurance", "interpretation",
]
#: CAMEO root code for each speech act (CAMEO 1.1b3 top-level categories).
ACT_CAMEO = {
    "statement": "01", "request": "02", "offer": "03", "commitment": "03",
    "invitation": "03", "agreement": "05", "reassurance": "01", "interpretation": "01",
    "concern": "11", "criticism": "11", "warning": "13",
}


class DatasetError(ValueError):
    """A data file that cannot be read. The message names the file, the line and the problem,
    which are also kept as ``where``, ``line`` (None for the whole file) and ``problem``."""

    def __init__(self, where: str, problem: str, line: int | None = None):
        self.where, self.problem, self.line = where, problem, line
        super().__init__(f"{where}{'' if line is None else f', line {line}'}: {problem}")


@dataclass(frozen=True)
class TableSpec:
    """How one CSV file is read: its key, dates, categories and list-valued columns."""

    file: str
    columns: tuple[str, ...]
    key: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()
    categories: dict[str, list[str] | None] = field(default_factory=dict)
    integers: tuple[str, ...] = ()
    lists: tuple[str, ...] = ()


_EVIDENCE = ("article_id", "paragraph", "quote")

TABLES: dict[str, TableSpec] = {
    "articles": TableSpec(
        "articles.csv",
        ("article_id", "seed_file", "outlet", "outlet_basis", "genre", "published",
         "published_precision", "published_basis", "published_note"),
        key=("article_id",), dates=("published",),
        categories={"genre": GENRES, "published_precision": DATE_PRECISIONS, "published_basis": DATE_BASES},
    ),
    "administrations": TableSpec(
        "administrations.csv",
        ("country", "leader", "start", "end", "kind", "basis", "note") + _EVIDENCE,
        key=("country", "leader", "start"), dates=("start", "end"),
        categories={"kind": ADMIN_KINDS, "basis": DATE_BASES}, integers=("paragraph",),
    ),
    "actors": TableSpec(
        "actors.csv",
        ("actor_id", "name", "kind", "country", "cameo_code", "surname", "aliases", "description") + _EVIDENCE,
        key=("actor_id",), categories={"kind": ACTOR_KINDS, "country": None},
        integers=("paragraph",), lists=("aliases",),
    ),
    "roles": TableSpec(
        "roles.csv",
        ("actor_id", "title", "country", "start", "start_basis", "end", "end_basis", "note") + _EVIDENCE,
        key=("actor_id", "title", "start"), dates=("start", "end"),
        categories={"start_basis": DATE_BASES, "end_basis": DATE_BASES}, integers=("paragraph",),
    ),
    "events": TableSpec(
        "events.csv",
        ("event_id", "date", "date_end", "date_precision", "date_basis", "date_note", "kind",
         "category", "cameo", "title", "place", "place_basis", "status", "note"),
        key=("event_id",), dates=("date", "date_end"),
        categories={"date_precision": DATE_PRECISIONS, "date_basis": DATE_BASES, "kind": EVENT_KINDS,
                    "category": None, "place_basis": DATE_BASES, "status": ["occurred", "planned"]},
    ),
    "event_sources": TableSpec(
        "event_sources.csv", ("event_id",) + _EVIDENCE, key=("event_id", "article_id"), integers=("paragraph",),
    ),
    "participants": TableSpec(
        "participants.csv",
        ("event_id", "actor_id", "side", "role_at_event") + _EVIDENCE,
        key=("event_id", "actor_id"), categories={"side": None}, integers=("paragraph",),
    ),
    "issues": TableSpec(
        "issues.csv", ("issue_id", "label", "theme", "description", "support_means"),
        key=("issue_id",), categories={"theme": None},
    ),
    "statements": TableSpec(
        "statements.csv",
        ("statement_id", "event_id", "actor_id", "issue_id", "act", "stance", "reported_by") + _EVIDENCE + ("note",),
        key=("statement_id",), categories={"act": ACTS, "stance": STANCES}, integers=("paragraph",),
    ),
    "claims": TableSpec(
        "claims.csv", ("claim_id", "topic", "event_id") + _EVIDENCE + ("claim", "note"),
        key=("claim_id",), integers=("paragraph",),
    ),
}

# Foreign keys: (table, column) -> (table, column). Empty cells are allowed (optional link).
FOREIGN_KEYS: list[tuple[str, str, str, str]] = [
    ("actors", "article_id", "articles", "article_id"),
    ("administrations", "article_id", "articles", "article_id"),
    ("roles", "actor_id", "actors", "actor_id"),
    ("roles", "article_id", "articles", "article_id"),
    ("event_sources", "event_id", "events", "event_id"),
    ("event_sources", "article_id", "articles", "article_id"),
    ("participants", "event_id", "events", "event_id"),
    ("participants", "actor_id", "actors", "actor_id"),
    ("participants", "article_id", "articles", "article_id"),
    ("statements", "event_id", "events", "event_id"),
    ("statements", "actor_id", "actors", "actor_id"),
    ("statements", "issue_id", "issues", "issue_id"),
    ("statements", "article_id", "articles", "article_id"),
    ("claims", "event_id", "events", "event_id"),
    ("claims", "article_id", "articles", "article_id"),
]


def as_text(value) -> str:
    """A cell or attribute as plain text: '' for None, NaN and pd.NA.

    >>> as_text(pd.NA), as_text("KOR"), as_text(3)
    ('', 'KOR', '3')
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)


def data_root(data_dir: str | Path | None = None) -> Traversable:
    """The folder holding the coded CSV files: *data_dir*, or the package's own data."""
    return Path(data_dir) if data_dir is not None else resources.files("krcn_lab.data")


def seeds_root(seeds_dir: str | Path | None = None) -> Traversable:
    """The folder holding the raw articles: *seeds_dir*, or the copies shipped in the package.

    An installed wheel carries the seeds as the resource package ``krcn_lab.seeds``.
    In a source checkout (or an editable install) that package is the repository's
    top-level ``seeds/`` folder, found next to the ``krcn_lab`` folder.
    """
    if seeds_dir is not None:
        return Path(seeds_dir)
    try:
        return resources.files("krcn_lab.seeds")
    except (ModuleNotFoundError, TypeError):  # a checkout; or Python 3.10 refusing a namespace package
        here = Path(__file__).resolve().parent
        installed, checkout = here / "seeds", here.parent / "seeds"
        return installed if installed.is_dir() else checkout


def _display(root: Traversable, name: str) -> str:
    if isinstance(root, Path):
        return str(root / name)
    return f"krcn_lab/data/{name}"


def read_raw_table(name: str, data_dir: str | Path | None = None) -> pd.DataFrame:
    """Read one CSV file as text cells ('' for empty), checking that its columns are all there.

    Row ``i`` of the result is line ``i + 2`` of the file (after the header), which is how
    :func:`krcn_lab.validate` reports problems.
    """
    spec = TABLES[name]
    root = data_root(data_dir)
    where = _display(root, spec.file)
    resource = root.joinpath(spec.file)
    if not resource.is_file():
        raise DatasetError(where, "file missing")
    try:
        with resource.open("r", encoding="utf-8", newline="") as handle:
            frame = pd.read_csv(handle, dtype=str, keep_default_na=False)
    except UnicodeDecodeError as exc:
        raise DatasetError(where, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DatasetError(where, f"not a readable CSV file ({str(exc).strip()})") from None
    missing = [column for column in spec.columns if column not in frame.columns]
    if missing:
        raise DatasetError(where, f"missing column(s) {', '.join(missing)}")
    return frame


def _typed(name: str, frame: pd.DataFrame, where: str) -> pd.DataFrame:
    spec = TABLES[name]
    frame = frame.copy()
    for column in frame.columns:
        frame[column] = frame[column].str.strip()
    for column in spec.dates:
        parsed = pd.to_datetime(frame[column].replace("", None), format="%Y-%m-%d", errors="coerce")
        bad = parsed.isna() & (frame[column] != "")
        if bad.any():
            row = int(bad.idxmax())
            raise DatasetError(
                where, f"column '{column}' has {frame.at[row, column]!r}, not a date YYYY-MM-DD", row + 2
            )
        frame[column] = parsed
    for column in spec.integers:
        parsed = pd.to_numeric(frame[column].replace("", None), errors="coerce")
        bad = parsed.isna() & (frame[column] != "")
        if bad.any():
            row = int(bad.idxmax())
            raise DatasetError(
                where, f"column '{column}' has {frame.at[row, column]!r}, not a whole number", row + 2
            )
        frame[column] = parsed.astype("Int64")
    for column in spec.lists:
        frame[column] = [tuple(p.strip() for p in cell.split("|") if p.strip()) for cell in frame[column]]
    text_columns = [c for c in frame.columns if c not in spec.dates + spec.integers + spec.lists]
    for column in text_columns:
        frame[column] = frame[column].replace("", pd.NA).astype("string")
    for column, allowed in spec.categories.items():
        values = frame[column].dropna()
        if allowed is not None:
            unknown = values[~values.isin(allowed)]
            if len(unknown):
                row = int(unknown.index[0])
                raise DatasetError(
                    where, f"column '{column}' has {unknown.iloc[0]!r}; allowed: {', '.join(allowed)}", row + 2
                )
            categories = allowed
        else:
            categories = sorted(values.unique())
        frame[column] = pd.Categorical(frame[column], categories=categories)
    return frame


def _folder(root) -> str | None:
    return None if root is None else str(root)


def data_key(data_dir: str | None, *rest) -> tuple:
    """Cache key for a result built from the CSV files in *data_dir*: changes when any file does."""
    return (data_dir, *rest, folder_stamp(data_root(data_dir)))


def folders_key(data_dir: str | None, seeds_dir: str | None) -> tuple:
    """Cache key for a result built from the CSV files and the seeds: changes when any file does."""
    return (data_dir, seeds_dir, folder_stamp(data_root(data_dir)), folder_stamp(seeds_root(seeds_dir)))


@cached(key=lambda name, data_dir: data_key(data_dir, name))
def _table(name: str, data_dir: str | None) -> pd.DataFrame:
    where = _display(data_root(data_dir), TABLES[name].file)
    return _typed(name, read_raw_table(name, data_dir), where)


def table(name: str, data_dir: str | Path | None = None) -> pd.DataFrame:
    """One coded table, typed (a fresh copy each call; no derived columns)."""
    return _table(name, _folder(data_dir))


@cached(key=folders_key)
def _cleaned(data_dir: str | None, seeds_dir: str | None) -> dict[str, corpus.CleanArticle]:
    articles = table("articles", data_dir)
    root = seeds_root(seeds_dir)
    cleaned = {}
    for article_id, seed_file in zip(articles["article_id"], articles["seed_file"]):
        resource = root.joinpath(str(seed_file))
        where = f"seeds/{seed_file}"
        if not resource.is_file():
            raise DatasetError(where, f"seed file missing (named by article {article_id} in articles.csv)")
        text = corpus.decode_raw(resource.read_bytes(), where)
        cleaned[str(article_id)] = corpus.clean_text(text, source=where)
    return cleaned


def cleaned_articles(data_dir=None, seeds_dir=None) -> dict[str, corpus.CleanArticle]:
    """The cleaned seed articles by ``article_id`` (see :mod:`krcn_lab.corpus`)."""
    return _cleaned(_folder(data_dir), _folder(seeds_dir))


def _cached_by_folders(build):
    """Cache a derived table per (data_dir, seeds_dir) and the files in them; callers get a fresh copy."""
    cached_build = cached(key=folders_key)(build)

    @functools.wraps(build)
    def load(data_dir=None, seeds_dir=None) -> pd.DataFrame:
        return cached_build(_folder(data_dir), _folder(seeds_dir))

    return load


@_cached_by_folders
def load_articles(data_dir=None, seeds_dir=None) -> pd.DataFrame:
    """One row per cleaned article.

    Coded columns (outlet, genre, how the date is known) come from ``articles.csv``;
    ``title``, ``byline``, ``standfirst``, ``credits`` and ``text`` come from cleaning the
    seed. ``published`` is the date the page states, or, when it states none, the
    coded, inferred date with ``published_precision`` and ``published_note`` saying how.

    >>> load_articles().set_index("article_id").at["herald2024", "published"].date()
    datetime.date(2024, 5, 16)
    """
    frame = table("articles", data_dir)
    cleaned = cleaned_articles(data_dir, seeds_dir)
    extracted = {
        "title": [], "title_basis": [], "byline": [], "standfirst": [], "credits": [],
        "text": [], "n_paragraphs": [],
    }
    published = []
    for row in frame.itertuples():
        article = cleaned[row.article_id]
        extracted["title"].append(article.title)
        extracted["title_basis"].append(article.title_basis)
        extracted["byline"].append(article.byline)
        extracted["standfirst"].append(article.standfirst)
        extracted["credits"].append(article.credits)
        extracted["text"].append(article.text)
        extracted["n_paragraphs"].append(len(article.paragraphs))
        published.append(pd.Timestamp(article.published) if article.published else row.published)
    for column, values in extracted.items():
        frame[column] = pd.Series(values, index=frame.index, dtype="Int64" if column == "n_paragraphs" else "string")
    frame["published"] = pd.to_datetime(pd.Series(published, index=frame.index))
    columns = ["article_id", "seed_file", "outlet", "genre", "title", "published"]
    return frame[columns + [c for c in frame.columns if c not in columns]]


@_cached_by_folders
def load_paragraphs(data_dir=None, seeds_dir=None) -> pd.DataFrame:
    """One row per clean paragraph: ``article_id``, ``paragraph`` (1-based), ``text``,
    ``kind`` (body or caption) and ``line_no`` in the raw seed.

    >>> p = load_paragraphs()
    >>> p[(p.article_id == "joongang2024") & (p.paragraph == 1)].text.item()[:30]
    "Korea's First Vice Foreign Min"
    """
    rows = [
        (article_id, p.number, p.text, p.kind, p.line_no)
        for article_id, article in cleaned_articles(data_dir, seeds_dir).items()
        for p in article.paragraphs
    ]
    frame = pd.DataFrame(rows, columns=["article_id", "paragraph", "text", "kind", "line_no"])
    frame["article_id"] = frame["article_id"].astype("string")
    frame["text"] = frame["text"].astype("string")
    frame["kind"] = pd.Categorical(frame["kind"], categories=["body", "caption"])
    frame["paragraph"] = frame["paragraph"].astype("int64")
    return frame


@_cached_by_folders
def load_removed_lines(data_dir=None, seeds_dir=None) -> pd.DataFrame:
    """One row per raw line that cleaning removed, moved into metadata, or changed,
    with the ``rule`` that did it (see :data:`krcn_lab.corpus.RULES`) and its ``explanation``.

    >>> log = load_removed_lines()
    >>> log[log.rule == "typo_correction"].article_id.unique().tolist()
    ['joongang2024']
    """
    rows = [
        (article_id, e.line_no, e.text, e.rule, e.action, e.detail, corpus.RULES[e.rule].explanation)
        for article_id, article in cleaned_articles(data_dir, seeds_dir).items()
        for e in article.log
    ]
    frame = pd.DataFrame(rows, columns=["article_id", "line_no", "text", "rule", "action", "detail", "explanation"])
    for column in ["article_id", "text", "detail", "explanation"]:
        frame[column] = frame[column].astype("string")
    frame["rule"] = pd.Categorical(frame["rule"], categories=list(corpus.RULES))
    frame["action"] = pd.Categorical(frame["action"], categories=["removed", "moved", "changed"])
    return frame


def load_administrations(data_dir=None) -> pd.DataFrame:
    """Heads of state by term: ``country``, ``leader``, ``start`` (inclusive), ``end``
    (exclusive: the day the next one took over; empty while in office), ``kind``.

    >>> a = load_administrations()
    >>> a[a.country == "KOR"].leader.tolist()[-1]
    'Lee Jae Myung'
    """
    return table("administrations", data_dir)


def load_actors(data_dir=None) -> pd.DataFrame:
    """People and institutions: ``actor_id``, ``name``, ``kind``, ``country`` (ISO3),
    ``surname`` and ``aliases`` (a tuple of the other names the articles use)."""
    return table("actors", data_dir)


def load_roles(data_dir=None) -> pd.DataFrame:
    """Posts held: ``actor_id``, ``title``, ``start``, ``end`` (empty when unknown or open),
    with ``start_basis``/``end_basis`` saying how each date is known."""
    return table("roles", data_dir)


def period_end(date: pd.Timestamp, precision: str, date_end=pd.NaT) -> pd.Timestamp:
    """Last day an event could fall on, given its date, precision and optional end date."""
    if pd.notna(date_end):
        return date_end
    if precision == "year":
        return date + pd.offsets.YearEnd(0)
    if precision == "month":
        return date + pd.offsets.MonthEnd(0)
    return date


def _terms(administrations: pd.DataFrame, country: str) -> list[tuple[str, pd.Timestamp, pd.Timestamp]]:
    rows = administrations[administrations["country"] == country]
    return [
        (str(leader), start, end if pd.notna(end) else pd.Timestamp.max)
        for leader, start, end in zip(rows["leader"], rows["start"], rows["end"])
    ]


def _leaders_in(start, end, terms) -> str | None:
    names = [leader for leader, term_start, term_end in terms if term_start <= end and start < term_end]
    return " / ".join(names) if names else None


def administration_period(start, end, administrations: pd.DataFrame, country: str = "KOR") -> str | None:
    """The leader(s) in office in *country* over the days from *start* to *end* inclusive.

    One name when a single administration covers the whole span; names joined by
    ' / ' when the span crosses a change of government; None when no term covers it.

    >>> administration_period(pd.Timestamp("2024-05-13"), pd.Timestamp("2024-05-13"), load_administrations())
    'Yoon Suk Yeol'
    """
    return _leaders_in(start, end, _terms(administrations, country))


def administrations_on(dates, data_dir=None, country: str = "KOR") -> list:
    """The leader in office in *country* on each of *dates* (None for a missing date or no term).

    >>> administrations_on([pd.Timestamp("2024-05-13"), pd.Timestamp("2025-09-17"), pd.NaT])
    ['Yoon Suk Yeol', 'Lee Jae Myung', None]
    """
    terms = _terms(table("administrations", data_dir), country)
    return [_leaders_in(day, day, terms) if pd.notna(day) else None for day in dates]


@cached(key=data_key)
def _events(data_dir: str | None) -> pd.DataFrame:
    events = table("events", data_dir)
    terms = _terms(table("administrations", data_dir), "KOR")
    periods = [
        _leaders_in(date, period_end(date, precision, date_end), terms) if pd.notna(date) else None
        for date, precision, date_end in zip(events["date"], events["date_precision"], events["date_end"])
    ]
    labels = list(dict.fromkeys([leader for leader, _, _ in terms] + [p for p in periods if p]))
    events["rok_administration"] = pd.Categorical(periods, categories=labels)
    columns = ["event_id", "date", "date_basis", "kind", "title", "place", "rok_administration"]
    return events[columns + [c for c in events.columns if c not in columns]]


def load_events(data_dir=None) -> pd.DataFrame:
    """Meetings and background events, with ``rok_administration`` derived from the date.

    ``date_precision`` says whether ``date`` is a day, or only the month or year
    (then ``date`` is its first day); ``date_basis`` and ``date_note`` say how the
    date is known. An event whose possible days span a change of government gets
    both leaders joined by ' / '.
    """
    return _events(_folder(data_dir))


def load_event_sources(data_dir=None) -> pd.DataFrame:
    """Which articles report each event, with the quote that shows it."""
    return table("event_sources", data_dir)


def load_participants(data_dir=None) -> pd.DataFrame:
    """Actors at events: ``event_id``, ``actor_id``, ``side`` (ISO3) and ``role_at_event``."""
    return table("participants", data_dir)


def load_issues(data_dir=None) -> pd.DataFrame:
    """The controlled vocabulary of topics: ``issue_id``, ``label``, ``theme``, ``description``."""
    return table("issues", data_dir)


def load_statements(data_dir=None) -> pd.DataFrame:
    """Coded claims: who (``actor_id``), at which event, on which issue, with what ``act``
    and ``stance``, in whose report (``reported_by``), and the verbatim ``quote`` with its
    ``article_id`` and ``paragraph``. ``cameo`` is the CAMEO root code of the act."""
    statements = table("statements", data_dir)
    statements["cameo"] = statements["act"].map(ACT_CAMEO).astype("string")
    return statements


def load_claims(data_dir=None) -> pd.DataFrame:
    """What each source says on questions where sources differ (grouped by ``topic``)."""
    return table("claims", data_dir)


def clear_caches() -> None:
    """Forget every cached table (never needed after editing a file: caches notice changed files)."""
    clear_all()
