"""Add an article and its coded facts to the user store, or take them out again, all or nothing.

The store (see :mod:`krcn_lab.userdata` for where it is and how it is laid out) keeps the
articles that learners and instructors add, outside the package. :func:`add_article` reads
a file with :mod:`krcn_lab.inputs` (any common encoding, or an HTML page), cleans it with
the seeds' rules, and stores its text, one ``articles.csv`` row and the coded rows given
with it (events, participants, statements, event sources, claims: the package's CSV shapes).

Every change builds the complete new state in a fresh folder beside the current one, checks it
with :func:`krcn_lab.validate` (the package's data and the user's together: keys, links, dates,
verbatim quotes), then points ``CURRENT`` at it in one atomic replace (see ``docs/store.md``).
One change at a time: an add or remove holds the store's lock file (``.lock``, through
``filelock``) from reading the current state to switching, so two at once (two notebooks, a
class sharing one store) never lose each other's article; a change that waits longer than
:data:`LOCK_WAIT` seconds is refused with a message.

Example
-------
>>> import os, pathlib, tempfile
>>> from unittest import mock
>>> store_here = mock.patch.dict(os.environ, KRCN_LAB_USER_DIR=tempfile.mkdtemp())  # a throwaway store
>>> _ = store_here.start()
>>> page = pathlib.Path(tempfile.mkdtemp()) / "talks.txt"
>>> _ = page.write_text("Seoul and Beijing keep talking\\n\\nPublished: October 2, 2025\\n\\n"
...     "South Korean Foreign Minister Cho Hyun spoke with Wang Yi by telephone on Tuesday.\\n", encoding="utf-8")
>>> add_article(page)
'seoul_and_beijing_keep_talking_eaef3c'
>>> user_articles()[["article_id", "published"]].values.tolist()
[['seoul_and_beijing_keep_talking_eaef3c', Timestamp('2025-10-02 00:00:00')]]
>>> remove_article("seoul_and_beijing_keep_talking_eaef3c"); len(user_articles())
0
>>> _ = store_here.stop()
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import tempfile
from datetime import date
from pathlib import Path

import pandas as pd

from . import corpus, dataset, files, inputs, quotes, store_files, userdata
from .cells import as_text
from .tables import TABLES, DatasetError, _typed
from .validation import Problem, validate

__all__ = ["StoreError", "CODED_TABLES", "ARTICLE_FIELDS", "add_article", "remove_article", "user_articles"]

#: The coded tables an added article may bring rows for (each in the shape of the package's file).
CODED_TABLES = ("events", "participants", "statements", "event_sources", "claims")
#: The ``articles.csv`` fields a user may give (the rest come from the article itself).
ARTICLE_FIELDS = ("outlet", "outlet_basis", "genre", "published", "published_precision", "published_basis",
                  "published_note")
_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}\Z")
LOCK, LOCK_WAIT = ".lock", 60.0  # the lock file in the store's folder; how long a change waits for it (s)


class StoreError(ValueError):
    """An article or coded rows that cannot go into the store (or out of it). The message is one line:
    the file, then the problem."""


def _one_line(text: str) -> str:
    return " ".join(str(text).splitlines())


def _cell(value) -> str:
    """A table cell as the text a CSV file would hold: dates as YYYY-MM-DD, whole floats without '.0'."""
    if as_text(value) == "":
        return ""
    if isinstance(value, (pd.Timestamp, date)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return as_text(value).strip()


def _read_rows(name: str, given, label: str) -> pd.DataFrame:
    """The rows given for table *name*: a CSV file's path or a DataFrame, as text cells."""
    if isinstance(given, pd.DataFrame):
        return pd.DataFrame({c: [_cell(v) for v in given[c]] for c in given.columns}, dtype=object)
    if not isinstance(given, (str, Path)):
        raise StoreError(f"{label}: give a CSV file's path or a pandas DataFrame, not {type(given).__name__}")
    path = Path(given)
    if not path.is_file():
        raise StoreError(f"{path}: {'this is a folder, not a CSV file' if path.is_dir() else 'file not found'}")
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise StoreError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start}); save it as UTF-8 CSV") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise StoreError(f"{path}: not a readable CSV file ({_one_line(exc)})") from None


def _where(label: str, kind: str, line: int | None) -> str:
    """How a problem's place is shown: a CSV file's line, a DataFrame's row, or the article file alone."""
    if line is None or kind == "article":
        return label
    return f"{label}, row {line - 2}" if kind == "frame" else f"{label}, line {line}"


def _given_rows(name: str, given, article_id: str, article: corpus.CleanArticle) -> tuple[pd.DataFrame, str, str]:
    """The user's rows for table *name*, checked and completed, with their label and kind ('csv' or 'frame')."""
    columns = list(TABLES[name].columns)
    kind = "frame" if isinstance(given, pd.DataFrame) else "csv"
    label = f"{name} given to add_article" if kind == "frame" else str(given)
    if given is None:
        return userdata.raw_user_table(name, None), label, kind
    frame = _read_rows(name, given, label)
    unknown = [c for c in frame.columns if c not in columns]
    if unknown:
        raise StoreError(f"{label}: unknown column(s) {', '.join(map(str, unknown))}; {TABLES[name].file} has "
                         f"{', '.join(columns)}")
    frame = frame.reindex(columns=columns, fill_value="").astype(str).apply(lambda column: column.str.strip())
    if "article_id" in columns:
        frame["article_id"] = frame["article_id"].replace("", article_id)
    if "paragraph" in columns:
        for row in frame.index[(frame["paragraph"] == "") & (frame["article_id"] == article_id)]:
            found = quotes.paragraphs_with(article, frame.at[row, "quote"]) if frame.at[row, "quote"] else []
            frame.at[row, "paragraph"] = str(found[0]) if len(found) == 1 else ""
    try:
        _typed(name, frame, label)
    except DatasetError as exc:
        raise StoreError(f"{_where(label, kind, exc.line)}: {exc.problem}") from None
    return frame.reset_index(drop=True), label, kind


def _article_row(article_id: str, article: corpus.CleanArticle, source: str, fields: dict) -> pd.DataFrame:
    """The new ``articles.csv`` row: what the user gave, else explicit 'not given' values with their basis."""
    unknown = sorted(set(fields) - set(ARTICLE_FIELDS))
    if unknown:
        raise StoreError(f"{source}: unknown article field(s) {', '.join(unknown)}; allowed: {', '.join(ARTICLE_FIELDS)}")
    given = {key: _cell(value) for key, value in fields.items()}
    if not given.get("published") and article.published is None:
        raise StoreError(f"{source}: the page states no publication date; give it "
                         "(krcn-lab add --date YYYY-MM-DD, or published='YYYY-MM-DD')")
    if given.get("published"):
        basis, note = "unknown", "Date given when the article was added; how it is known was not given."
    else:
        basis, note = "stated", f"The page says {article.published_text!r}."
    row = {
        "article_id": article_id, "seed_file": f"{article_id}.txt",
        "outlet": given.get("outlet") or "not stated",
        "outlet_basis": given.get("outlet_basis") or ("given when the article was added" if given.get("outlet")
                                                      else "not given: no outlet was named when the article was added"),
        "genre": given.get("genre", ""), "published": given.get("published", ""),
        "published_precision": given.get("published_precision") or "day",
        "published_basis": given.get("published_basis") or basis, "published_note": given.get("published_note") or note,
    }
    frame = pd.DataFrame([row], dtype=object)
    try:
        _typed("articles", frame, source)
    except DatasetError as exc:
        raise StoreError(f"{source}: {exc.problem}") from None
    return frame


def _new_id(article_id: str | None, article: corpus.CleanArticle, source: str, state) -> str:
    """The id of a new article (given, or a slug of its title plus a short hash); refuse a text or id already known."""
    known = dataset.cleaned_articles(include_user=state)
    seeds = set(dataset.table("articles")["article_id"])
    digest = hashlib.sha256(article.text.encode()).hexdigest()
    for other_id, other in known.items():
        if hashlib.sha256(other.text.encode()).hexdigest() == digest:
            where = "among the workbook's seed articles" if other_id in seeds else "in the store"
            raise StoreError(f"{source}: this article is already {where}, as {other_id!r} (the same cleaned text)")
    if article_id is None:
        article_id = userdata.default_article_id(article.title, article.text, source)
    if not _ID.match(article_id):
        raise StoreError(f"{source}: the article id {article_id!r} is not usable; use up to 64 lowercase letters, "
                         "digits, '_' and '-', starting with a letter or digit")
    if article_id in known:
        where = "a seed article" if article_id in seeds else "an article in the store"
        raise StoreError(f"{source}: the article id {article_id!r} is already used by {where}; choose another (--id)")
    return article_id


def _with_title(text: str, title: str | None) -> str:
    """The text with *title* as its first line (the headline the cleaning rules look for), unless it is there."""
    if title is None or not " ".join(title.split()):
        return text
    title = " ".join(title.split())
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return text if first == title else f"{title}\n\n{text}"


def add_article(path, *, article_id=None, events=None, participants=None, statements=None, event_sources=None,
                claims=None, title=None, **article_fields) -> str:
    """Add the article in *path* (or an :class:`~krcn_lab.inputs.ArticleText`) and its coded rows to the store.

    *events* … *claims* are CSV paths or DataFrames in the shape of the package's files; an
    empty ``article_id`` cell means this article, an empty ``paragraph`` is filled when the
    quote stands in exactly one paragraph. *title* becomes the first line when the text has
    no headline. *article_fields* are ``articles.csv`` fields (:data:`ARTICLE_FIELDS`); a
    ``published`` date is needed when the page states none. Returns the new ``article_id``.
    Raises :class:`StoreError` (or :class:`~krcn_lab.inputs.InputError`,
    :class:`~krcn_lab.corpus.CorpusError`) with a one-line message; the store is then unchanged.

    >>> add_article("no/such/article.txt")
    Traceback (most recent call last):
    krcn_lab.inputs.InputError: no/such/article.txt: file not found
    """
    given = path if isinstance(path, inputs.ArticleText) else inputs.read_article(path)
    text = _with_title(given.text, title)
    article = corpus.clean_text(text, source=given.source)
    root = userdata.user_dir()
    root.mkdir(parents=True, exist_ok=True)
    with _locked(root):
        return _add(root, given, text, article, article_id, article_fields,
                    {"events": events, "participants": participants, "statements": statements,
                     "event_sources": event_sources, "claims": claims})


def _add(root: Path, given: inputs.ArticleText, text: str, article: corpus.CleanArticle, article_id,
         article_fields: dict, coded: dict) -> str:
    """:func:`add_article` once the article is read and cleaned, with the store's lock held."""
    state = userdata.current_state(root)
    article_id = _new_id(article_id, article, given.source, state)
    new = {"articles": (_article_row(article_id, article, given.source, article_fields), given.source, "article")}
    new.update({name: _given_rows(name, rows, article_id, article) for name, rows in coded.items()})
    old = {name: userdata.raw_user_table(name, state) for name in userdata.USER_TABLES}
    tables = {name: pd.concat([old[name], new[name][0]], ignore_index=True) for name in userdata.USER_TABLES}
    places = {TABLES[name].file: (label, kind, len(old[name])) for name, (_, label, kind) in new.items()}
    texts = {**_stored_texts(state), f"{article_id}.txt": text}
    _commit(root, state, tables, texts, lambda problem: _place(problem, places))
    return article_id


def _place(problem: Problem, places: dict) -> str:
    """Where a problem in the new state is, in the user's terms: their file and line, or the store's file."""
    name = Path(problem.file).name
    if name in places and problem.line is not None and problem.line - 2 >= places[name][2]:
        label, kind, offset = places[name]
        return f"{_where(label, kind, problem.line - offset)}: {problem.message}"
    where = name if problem.line is None else f"{name}, line {problem.line}"
    return f"{where} (in the store at {userdata.user_dir()}): {problem.message}"


def _stored_texts(state) -> dict[str, str]:
    """The texts of the articles in *state*, by file name."""
    articles = userdata.raw_user_table("articles", state)
    texts = userdata.user_texts(state)
    return {file: texts[article_id] for article_id, file in zip(articles["article_id"], articles["seed_file"])}


def remove_article(article_id: str) -> None:
    """Take the article *article_id* and every coded row citing it out of the store (and the events that
    no article of the store reports any more). Raises :class:`StoreError` for an unknown id, or when
    what is left would fail validation (another article's rows still need it); the store is then unchanged.

    >>> remove_article("herald2024")
    Traceback (most recent call last):
    krcn_lab.store.StoreError: herald2024: a seed article of the workbook, not one added to the store; only added articles can be removed
    """
    root = userdata.user_dir()
    with _locked(root) if root.is_dir() else contextlib.nullcontext():  # (no store yet: nothing to remove)
        _remove(root, article_id)


def _remove(root: Path, article_id: str) -> None:
    """:func:`remove_article`, with the store's lock held."""
    state = userdata.current_state(root)
    old = {name: userdata.raw_user_table(name, state) for name in userdata.USER_TABLES}
    if article_id not in set(old["articles"]["article_id"]):
        if article_id in set(dataset.table("articles")["article_id"]):
            raise StoreError(f"{article_id}: a seed article of the workbook, not one added to the store; "
                             "only added articles can be removed")
        known = ", ".join(old["articles"]["article_id"]) or "none"
        raise StoreError(f"{article_id}: no such article in the store at {root} (its articles: {known})")
    tables = {name: frame[frame["article_id"] != article_id].reset_index(drop=True) if "article_id" in frame
              else frame for name, frame in old.items()}
    reported = set(tables["event_sources"]["event_id"])
    tables["events"] = tables["events"][tables["events"]["event_id"].isin(reported)].reset_index(drop=True)
    texts = {file: text for file, text in _stored_texts(state).items() if file != f"{article_id}.txt"}
    _commit(root, state, tables, texts, lambda problem: f"cannot remove {article_id}: then {_place(problem, {})}")


def user_articles() -> pd.DataFrame:
    """The articles in the store, one row each: ``article_id``, ``title``, ``published``, ``outlet``,
    ``genre``, ``n_paragraphs`` and how many rows of each coded table cite it (events: by their sources).

    >>> list(user_articles().columns)[-3:]
    ['statements', 'event_sources', 'claims']
    """
    state = userdata.current_state()
    ids = list(userdata.raw_user_table("articles", state)["article_id"])
    articles = dataset.load_articles(include_user=state if state is not None else False)
    frame = articles[articles["article_id"].isin(ids)][
        ["article_id", "title", "published", "outlet", "genre", "n_paragraphs"]].reset_index(drop=True)
    for name in CODED_TABLES:
        cited = userdata.raw_user_table("event_sources" if name == "events" else name, state)["article_id"]
        frame[name] = [int((cited == article_id).sum()) for article_id in frame["article_id"]]
    return frame


@contextlib.contextmanager
def _locked(root: Path):
    """Hold the store's lock while one change reads and rewrites the store (see the module's docstring)."""
    from filelock import FileLock, Timeout  # (imported by a change, not with the package)

    try:
        with FileLock(root / LOCK, timeout=LOCK_WAIT):
            yield
    except Timeout:
        raise StoreError(f"{root}: the store is busy: another add or remove has held it for {LOCK_WAIT:g} s; "
                         "try again when it is done") from None


def _new_problems(report, old) -> list[Problem]:
    """The problems of a checked new state that the current state does not already have (by file and message)."""
    if report.ok:
        return []
    before = {(Path(p.file).name, p.message) for p in validate(include_user=old if old is not None else False).problems}
    return [p for p in report.problems if (Path(p.file).name, p.message) not in before]


def _commit(root: Path, old, tables: dict[str, pd.DataFrame], texts: dict[str, str], describe) -> None:
    """Write the new state beside the old, check it, then switch ``CURRENT`` to it in one atomic step."""
    root.mkdir(parents=True, exist_ok=True)
    store_files.sweep(root, old)
    if all(frame.empty for frame in tables.values()):  # an empty store is a folder without CURRENT
        (root / userdata.POINTER).unlink(missing_ok=True)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        return
    staging = Path(tempfile.mkdtemp(prefix=store_files.STAGING, dir=root))
    final = None
    try:
        store_files.write_state(staging, tables, texts)
        problems = _new_problems(validate(include_user=staging), old)
        if problems:
            more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
            raise StoreError(_one_line(describe(problems[0])) + more)
        final = root / f"{store_files.STATE}{store_files.folder_digest(staging)}"
        os.rename(staging, final)
        files.write_atomically(root / userdata.POINTER, final.name + "\n")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if final is not None and userdata.current_state(root) != final:
            shutil.rmtree(final, ignore_errors=True)
        raise
    if old is not None and old != final:
        shutil.rmtree(old, ignore_errors=True)
