"""Where the articles that users add live, and how the loaders read them.

Learners and instructors add articles with :func:`krcn_lab.store.add_article`. They are
kept *outside* the package, in the platform's user data folder
(``platformdirs.user_data_dir("krcn_lab")``) or in the folder that the environment
variable ``KRCN_LAB_USER_DIR`` names, so reinstalling or upgrading the package loses nothing.

The store is a folder of complete, never-edited *states*; a one-line file ``CURRENT``
names the state in use::

    CURRENT                   "state-<hash of its files>"
    state-<hash>/
        articles.csv  events.csv  participants.csv  statements.csv
        event_sources.csv  claims.csv              (the package's CSV shapes)
        texts/<article_id>.txt                     (each article's text, UTF-8)

A change writes a new state beside the old one and then replaces ``CURRENT`` in one
atomic step, so a reader sees either the old state or the new one, never half of one
(see :mod:`krcn_lab.store`). This module only reads: the loaders of :mod:`krcn_lab.dataset`
call it when given ``include_user=True``.

Example
-------
>>> import tempfile
>>> empty = tempfile.mkdtemp()
>>> current_state(empty) is None, len(user_table("statements", None))
(True, 0)
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from . import corpus
from .cache import cached, folder_stamp
from .tables import TABLES, DatasetError, folders_key, read_raw_table, table

__all__ = ["ENV_VAR", "USER_TABLES", "POINTER", "TEXTS", "user_dir", "current_state", "user_table",
           "raw_user_table", "with_user", "user_texts", "user_cleaned", "user_key"]

#: The environment variable that moves the store (tests always set it).
ENV_VAR = "KRCN_LAB_USER_DIR"
#: The tables a user adds rows to, each in the shape of the package's file of that name.
USER_TABLES = ("articles", "events", "participants", "statements", "event_sources", "claims")
#: The file naming the state in use, and the folder of article texts inside a state.
POINTER, TEXTS = "CURRENT", "texts"


def user_dir() -> Path:
    """The store's folder: ``$KRCN_LAB_USER_DIR`` when set, else the platform's user data folder.

    >>> import os
    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ, {ENV_VAR: "/tmp/my_store"}):
    ...     str(user_dir())
    '/tmp/my_store'
    >>> with mock.patch.dict(os.environ):
    ...     _ = os.environ.pop(ENV_VAR, None)
    ...     user_dir().name
    'krcn_lab'
    """
    given = os.environ.get(ENV_VAR, "").strip()
    if given:
        return Path(given).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("krcn_lab", appauthor=False))


def current_state(root: str | Path | None = None) -> Path | None:
    """The state folder that ``CURRENT`` names in *root* (default :func:`user_dir`); None when empty.

    >>> import tempfile
    >>> current_state(tempfile.mkdtemp()) is None
    True
    """
    root = Path(root) if root is not None else user_dir()
    pointer = root / POINTER
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise DatasetError(str(pointer), f"cannot be read ({exc.strerror or exc})") from None
    state = root / name
    if not name or os.sep in name or not state.is_dir():
        raise DatasetError(str(pointer), f"names {name!r}, which is not a state folder of the store")
    return state


def _state(state) -> str | None:
    return None if state is None else str(state)


def raw_user_table(name: str, state: str | Path | None) -> pd.DataFrame:
    """One user table as text cells ('' for empty), columns in the package's order; empty without a state.

    >>> list(raw_user_table("event_sources", None).columns)
    ['event_id', 'article_id', 'paragraph', 'quote']
    """
    columns = list(TABLES[name].columns)
    if state is None:
        return pd.DataFrame({column: pd.Series([], dtype=object) for column in columns})
    return read_raw_table(name, state)[columns]


def user_table(name: str, state: str | Path | None) -> pd.DataFrame:
    """One user table typed like the package's (no rows when there is no state).

    >>> user_table("events", None).dtypes["date"] == user_table("events", None).dtypes["date_end"]
    True
    >>> len(user_table("events", None)), list(user_table("events", None).columns) == list(table("events").columns)
    (0, True)
    """
    if state is None:
        return table(name).iloc[0:0]
    return table(name, state)


def with_user(frame: pd.DataFrame, name: str, state: str | Path | None) -> pd.DataFrame:
    """The package's table *frame* with the user's rows of table *name* below it, typed alike.

    Rows keep their order (package first), so a user row's index minus ``len(frame)``
    is its row in the user's file.

    >>> events = table("events")
    >>> with_user(events, "events", None).equals(events)
    True
    """
    extra = user_table(name, state)
    if extra.empty:
        return frame
    combined = pd.concat([frame, extra[frame.columns]], ignore_index=True)
    for column in frame.columns:
        dtype = frame[column].dtype
        if isinstance(dtype, pd.CategoricalDtype):
            known = list(dtype.categories)
            known += sorted(set(extra[column].dropna().astype(str)) - set(known))
            combined[column] = pd.Categorical(combined[column].astype(object), categories=known)
        elif combined[column].dtype != dtype:
            combined[column] = combined[column].astype(dtype)
    return combined


def _texts_key(state: str | None) -> tuple:
    return (state, folder_stamp(state), folder_stamp(None if state is None else Path(state) / TEXTS))


@cached(key=_texts_key)
def _texts(state: str | None) -> dict[str, str]:
    if state is None:
        return {}
    articles = read_raw_table("articles", state)
    texts = {}
    for article_id, file in zip(articles["article_id"], articles["seed_file"]):
        path = Path(state) / TEXTS / file
        if not path.is_file():
            raise DatasetError(str(path), f"text missing (named by user article {article_id} in articles.csv)")
        texts[article_id] = corpus.decode_raw(path.read_bytes(), str(path))
    return texts


def user_texts(state: str | Path | None) -> dict[str, str]:
    """Each user article's stored text, by ``article_id`` (empty without a state).

    >>> user_texts(None)
    {}
    """
    return _texts(_state(state))


@cached(key=_texts_key)
def _cleaned(state: str | None) -> dict[str, corpus.CleanArticle]:
    if state is None:
        return {}
    files = dict(zip(*read_raw_table("articles", state)[["article_id", "seed_file"]].T.values))
    return {article_id: corpus.clean_text(text, source=str(Path(state) / TEXTS / files[article_id]))
            for article_id, text in _texts(state).items()}


def user_cleaned(state: str | Path | None) -> dict[str, corpus.CleanArticle]:
    """Each user article cleaned with the same rules as the seeds, by ``article_id``.

    >>> user_cleaned(None)
    {}
    """
    return _cleaned(_state(state))


def user_key(data_dir: str | None, seeds_dir: str | None, state: str | None) -> tuple:
    """Cache key for a result built from the package's files and a user state: changes when any file does.

    >>> user_key(None, None, None)[-1]
    ()
    """
    return folders_key(data_dir, seeds_dir) + _texts_key(state)
