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

import pandas as pd

from . import corpus, periods, userdata
from .cells import as_text  # noqa: F401  (re-exported for older callers)
from .periods import administration_period, period_end  # noqa: F401  (re-exported)
from .cache import cached, clear_all
from .tables import (  # noqa: F401  (re-exported: the loaders' public vocabulary)
    ACT_CAMEO, ACTOR_KINDS, ACTS, ADMIN_KINDS, DATE_BASES, DATE_PRECISIONS, EVENT_KINDS, FOREIGN_KEYS,
    GENRES, REPORTED_BY, STANCES, TABLES, DatasetError, TableSpec, _folder, data_key, data_root, folders_key,
    read_raw_table, seeds_root, table,
)

__all__ = [
    "DatasetError",
    "TABLES",
    "load_articles",
    "load_paragraphs",
    "load_removed_lines",
    "load_administrations",
    "load_actors",
    "load_actor_names",
    "load_roles",
    "load_events",
    "load_event_sources",
    "load_participants",
    "load_issues",
    "load_statements",
    "load_claims",
    "administration_period",
]

def user_state(include_user) -> str | None:
    """The user state the loaders add: None (False), the store's current one (True), or a given folder.

    >>> user_state(False), user_state("/store/state-1")
    (None, '/store/state-1')
    """
    if include_user is False or include_user is None:
        return None
    state = userdata.current_state() if include_user is True else include_user
    return None if state is None else str(state)


@cached(key=userdata.user_key)
def _raw_texts(data_dir: str | None, seeds_dir: str | None, user: str | None) -> dict[str, str]:
    articles = table("articles", data_dir)
    root = seeds_root(seeds_dir)
    texts = {}
    for article_id, seed_file in zip(articles["article_id"], articles["seed_file"]):
        resource = root.joinpath(str(seed_file))
        where = f"seeds/{seed_file}"
        if not resource.is_file():
            raise DatasetError(where, f"seed file missing (named by article {article_id} in articles.csv)")
        texts[str(article_id)] = corpus.decode_raw(resource.read_bytes(), where)
    return {**texts, **userdata.user_texts(user)}


@cached(key=folders_key)
def _cleaned_seeds(data_dir: str | None, seeds_dir: str | None) -> dict[str, corpus.CleanArticle]:
    seed_files = dict(zip(table("articles", data_dir)["article_id"], table("articles", data_dir)["seed_file"]))
    return {
        article_id: corpus.clean_text(text, source=f"seeds/{seed_files[article_id]}")
        for article_id, text in _raw_texts(data_dir, seeds_dir, None).items()
    }


def cleaned_articles(data_dir=None, seeds_dir=None, include_user=False) -> dict[str, corpus.CleanArticle]:
    """The cleaned seed articles by ``article_id`` (see :mod:`krcn_lab.corpus`); with
    ``include_user=True`` also the articles added to the user store (:mod:`krcn_lab.store`).

    *include_user* may also name a state folder of the store (the store checks a new state that way).

    >>> sorted(cleaned_articles())[:2]
    ['aggregator2025', 'bloomberg2025']
    """
    seeds = _cleaned_seeds(_folder(data_dir), _folder(seeds_dir))
    return {**seeds, **userdata.user_cleaned(user_state(include_user))}


def _cached_by_folders(build):
    """Cache a derived table per (data_dir, seeds_dir) and the files in them; callers get a fresh copy."""
    cached_build = cached(key=folders_key)(build)

    @functools.wraps(build)
    def load(data_dir=None, seeds_dir=None) -> pd.DataFrame:
        return cached_build(_folder(data_dir), _folder(seeds_dir))

    return load


def _cached_with_user(build):
    """As :func:`_cached_by_folders`, for a table that can add the user store's articles (``include_user``)."""
    cached_build = cached(key=userdata.user_key)(build)

    @functools.wraps(build)
    def load(data_dir=None, seeds_dir=None, include_user=False) -> pd.DataFrame:
        return cached_build(_folder(data_dir), _folder(seeds_dir), user_state(include_user))

    return load


def user_rows(name: str, data_dir=None, include_user=False) -> pd.DataFrame:
    """Coded table *name* (see ``TABLES``) with the user store's rows below the package's when asked.

    >>> user_rows("claims", include_user=False).claim_id.iloc[0]
    'clm_001'
    """
    return userdata.with_user(table(name, data_dir), name, user_state(include_user)) if name in userdata.USER_TABLES \
        else table(name, data_dir)


@_cached_with_user
def load_articles(data_dir=None, seeds_dir=None, include_user=None) -> pd.DataFrame:
    """One row per cleaned article.

    Coded columns (outlet, genre, how the date is known) come from ``articles.csv``;
    ``title``, ``byline``, ``standfirst``, ``credits`` and ``text`` come from cleaning the
    seed. ``published`` is the date the page states, or, when it states none, the
    coded, inferred date with ``published_precision`` and ``published_note`` saying how.
    Every loader of cleaned text or coded rows takes ``include_user=True`` to add the
    articles and rows of the user store (:mod:`krcn_lab.store`) below the package's.

    >>> load_articles().set_index("article_id").at["herald2024", "published"].date()
    datetime.date(2024, 5, 16)
    """
    frame = user_rows("articles", data_dir, include_user)
    cleaned = cleaned_articles(data_dir, seeds_dir, include_user)
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


@_cached_with_user
def load_paragraphs(data_dir=None, seeds_dir=None, include_user=None) -> pd.DataFrame:
    """One row per clean paragraph: ``article_id``, ``paragraph`` (1-based), ``text``,
    ``kind`` (body or caption) and ``line_no`` in the raw seed.

    >>> p = load_paragraphs()
    >>> p[(p.article_id == "joongang2024") & (p.paragraph == 1)].text.item()[:30]
    "Korea's First Vice Foreign Min"
    """
    rows = [
        (article_id, p.number, p.text, p.kind, p.line_no)
        for article_id, article in cleaned_articles(data_dir, seeds_dir, include_user).items()
        for p in article.paragraphs
    ]
    frame = pd.DataFrame(rows, columns=["article_id", "paragraph", "text", "kind", "line_no"])
    frame["article_id"] = frame["article_id"].astype("string")
    frame["text"] = frame["text"].astype("string")
    frame["kind"] = pd.Categorical(frame["kind"], categories=["body", "caption"])
    frame["paragraph"] = frame["paragraph"].astype("int64")
    return frame


@_cached_with_user
def load_removed_lines(data_dir=None, seeds_dir=None, include_user=None) -> pd.DataFrame:
    """One row per raw line that cleaning removed, moved into metadata, or changed,
    with the ``rule`` that did it (see :data:`krcn_lab.corpus.RULES`) and its ``explanation``.

    >>> log = load_removed_lines()
    >>> log[log.rule == "typo_correction"].article_id.unique().tolist()
    ['joongang2024']
    """
    rows = [
        (article_id, e.line_no, e.text, e.rule, e.action, e.detail, corpus.RULES[e.rule].explanation)
        for article_id, article in cleaned_articles(data_dir, seeds_dir, include_user).items()
        for e in article.log
    ]
    frame = pd.DataFrame(rows, columns=["article_id", "line_no", "text", "rule", "action", "detail", "explanation"])
    for column in ["article_id", "text", "detail", "explanation"]:
        frame[column] = frame[column].astype("string")
    frame["rule"] = pd.Categorical(frame["rule"], categories=list(corpus.RULES))
    frame["action"] = pd.Categorical(frame["action"], categories=["removed", "moved", "changed"])
    return frame


@_cached_with_user
def _raw_clean(data_dir=None, seeds_dir=None, include_user=None) -> pd.DataFrame:
    cleaned = cleaned_articles(data_dir, seeds_dir, include_user)
    frames = [
        corpus.line_table(text, cleaned[article_id]).assign(article_id=article_id)
        for article_id, text in _raw_texts(data_dir, seeds_dir, include_user).items()
    ]
    frame = pd.concat(frames, ignore_index=True)
    frame["article_id"] = frame["article_id"].astype("string")
    return frame[["article_id"] + [c for c in frame.columns if c != "article_id"]]


def load_raw_clean(article_id=None, data_dir=None, seeds_dir=None, include_user=False) -> pd.DataFrame:
    """Raw and clean side by side: one row per non-blank raw line of each seed (or of *article_id*).

    Columns: ``article_id``, ``line_no``, ``raw``, ``clean`` (the paragraph it became),
    ``paragraph``, ``rule`` (what removed, moved or changed it), ``action`` (kept, changed,
    moved, removed), ``detail`` and ``explanation`` (see :func:`krcn_lab.corpus.line_table`).

    >>> lines = load_raw_clean("joongang2024")
    >>> lines[lines.rule == "typo_correction"][["line_no", "action"]].values.tolist()[0]
    [9, 'changed']
    """
    frame = _raw_clean(data_dir, seeds_dir, include_user)
    if article_id is None:
        return frame
    if article_id not in set(frame["article_id"]):
        raise DatasetError("articles.csv", f"no article {article_id!r}; known: {', '.join(sorted(set(frame.article_id)))}")
    return frame[frame["article_id"] == article_id].reset_index(drop=True)


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


def load_actor_names(data_dir=None, language: str | None = None) -> pd.DataFrame:
    """Actors' names in Hangul (``language`` "ko") and Chinese characters ("zh"): ``name``,
    ``surname``, ``aliases`` and ``basis`` (how the spelling is known), one row per actor and script.

    >>> names = load_actor_names(language="ko").set_index("actor_id")
    >>> names.at["cho_hyun", "name"], names.at["cho_tae_yul", "name"], names.at["wang_yi", "surname"]
    ('조현', '조태열', '왕')
    """
    names = table("actor_names", data_dir)
    if language is not None:
        names = names[names["language"] == language].reset_index(drop=True)
    return names


def load_roles(data_dir=None) -> pd.DataFrame:
    """Posts held: ``actor_id``, ``title``, ``start``, ``end`` (empty when unknown or open),
    with ``start_basis``/``end_basis`` saying how each date is known."""
    return table("roles", data_dir)


def administrations_on(dates, data_dir=None, country: str = "KOR") -> list:
    """The leader in office in *country* on each of *dates* (None for a missing date or no term).

    >>> administrations_on([pd.Timestamp("2024-05-13"), pd.Timestamp("2025-09-17"), pd.NaT])
    ['Yoon Suk Yeol', 'Lee Jae Myung', None]
    """
    return periods.administrations_on(dates, table("administrations", data_dir), country)


@cached(key=lambda data_dir, user: userdata.user_key(data_dir, None, user))
def _events(data_dir: str | None, user: str | None) -> pd.DataFrame:
    events = user_rows("events", data_dir, user)
    administrations = table("administrations", data_dir)
    ends = [periods.period_end(*span) for span in zip(events["date"], events["date_precision"], events["date_end"])]
    spans = periods.administrations_over(events["date"], ends, administrations)
    labels = list(dict.fromkeys(periods.leaders(administrations) + [p for p in spans if p]))
    events["rok_administration"] = pd.Categorical(spans, categories=labels)
    columns = ["event_id", "date", "date_basis", "kind", "title", "place", "rok_administration"]
    return events[columns + [c for c in events.columns if c not in columns]]


def load_events(data_dir=None, include_user=False) -> pd.DataFrame:
    """Meetings and background events, with ``rok_administration`` derived from the date.

    ``date_precision`` says whether ``date`` is a day, or only the month or year
    (then ``date`` is its first day); ``date_basis`` and ``date_note`` say how the
    date is known. An event whose possible days span a change of government gets
    both leaders joined by ' / '.
    """
    return _events(_folder(data_dir), user_state(include_user))


def load_event_sources(data_dir=None, include_user=False) -> pd.DataFrame:
    """Which articles report each event, with the quote that shows it."""
    return user_rows("event_sources", data_dir, include_user)


def load_participants(data_dir=None, include_user=False) -> pd.DataFrame:
    """Actors at events: ``event_id``, ``actor_id``, ``side`` (ISO3) and ``role_at_event``."""
    return user_rows("participants", data_dir, include_user)


def load_issues(data_dir=None) -> pd.DataFrame:
    """The controlled vocabulary of topics: ``issue_id``, ``label``, ``theme``, ``description``."""
    return table("issues", data_dir)


def load_statements(data_dir=None, include_user=False) -> pd.DataFrame:
    """Coded claims: who (``actor_id``), at which event, on which issue, with what ``act``
    and ``stance``, in whose report (``reported_by``), and the verbatim ``quote`` with its
    ``article_id`` and ``paragraph``. ``cameo`` is the CAMEO root code of the act."""
    statements = user_rows("statements", data_dir, include_user)
    statements["cameo"] = statements["act"].map(ACT_CAMEO).astype("string")
    return statements


def load_claims(data_dir=None, include_user=False) -> pd.DataFrame:
    """What each source says on questions where sources differ (grouped by ``topic``)."""
    return user_rows("claims", data_dir, include_user)


def clear_caches() -> None:
    """Forget every cached table (never needed after editing a file: caches notice changed files)."""
    clear_all()
