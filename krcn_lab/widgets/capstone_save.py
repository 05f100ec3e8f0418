"""Save to my workbook (the capstone, part 4): put the analysed article and its coded statements in the user store.

Logic (plain functions): :func:`article_id_for` (the id the store gives an article: a slug of its
title and six characters of its clean text's hash, as ``krcn-lab add`` names it),
:func:`analysed_text` (the text the article lab analysed, read back from its controls),
:func:`rows_for_store` (coded rows keyed to that id), :func:`save_article` (which calls
:func:`krcn_lab.store.add_article`), :func:`save_page` (the message the form shows) and
:func:`temporary_store` (a throwaway store for a demonstration; the real one is untouched).
:func:`save_controls` only wires a button and a date field to them.

>>> from .capstone_view import DEMO_ARTICLE, analyse_input
>>> article_id_for(analyse_input(DEMO_ARTICLE)[0].article)
'seoul_and_beijing_ministers_talk_trade_a_9b4ea4'
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from .. import corpus, inputs, store, tables, userdata
from .capstone_view import upload_bytes
from .common import message, styled

__all__ = ["article_id_for", "analysed_text", "rows_for_store", "save_article", "saved_message", "save_page",
           "temporary_store", "save_controls"]

_COLUMNS = list(tables.TABLES["statements"].columns)
#: Where a pasted article comes from, as the article lab names it.
PASTED = "pasted text"


def article_id_for(article: corpus.CleanArticle, source: str = "") -> str:
    """The id ``krcn-lab add`` gives *article* by default (:func:`krcn_lab.userdata.default_article_id`).
    Coded rows use it, so what the form shows is what is saved.

    >>> article_id_for(corpus.clean_text("Seoul and Beijing keep talking\\n\\n"
    ...                                  "The two ministers met in Seoul for talks on trade."))
    'seoul_and_beijing_keep_talking_17a146'
    """
    return userdata.default_article_id(article.title, article.text, source)


def analysed_text(lab) -> inputs.ArticleText | None:
    """The text that the article lab *lab* analysed last (its box, or its uploaded file), or None when
    there is no analysis or the input no longer gives the analysed clean text.

    >>> from .capstone_view import article_lab
    >>> analysed_text(article_lab()).text.startswith("Example Daily")
    True
    """
    result = lab.result
    if result is None:
        return None
    try:
        if result.source == PASTED:
            given = inputs.prepare_text(lab.controls["text"].value, PASTED)
        else:
            uploaded = upload_bytes(lab.controls["upload"].value)
            if uploaded is None:
                return None
            given = inputs.decode_article(*uploaded)
        same = corpus.clean_text(given.text, source=given.source).text == result.article.text
    except corpus.CorpusError:
        return None
    return given if same else None


def rows_for_store(rows: pd.DataFrame, article_id: str) -> pd.DataFrame:
    """Coded statement rows of one article, in the columns of ``statements.csv``, citing *article_id*, with
    ids ``<article_id>_s1``, ``_s2``… (package ids are ``s001``…, so they cannot clash).

    >>> rows_for_store(pd.DataFrame({"statement_id": ["new_s4"], "article_id": ["new"]}), "talks_8c0a7c"
    ...                ).loc[0, ["statement_id", "article_id"]].tolist()
    ['talks_8c0a7c_s1', 'talks_8c0a7c']
    """
    out = rows.reindex(columns=_COLUMNS).astype(object).reset_index(drop=True)
    out["article_id"] = article_id
    out["statement_id"] = [f"{article_id}_s{n}" for n in range(1, len(out) + 1)]
    return out


def save_article(article, rows: pd.DataFrame, published=None, **fields) -> str:
    """Store *article* (an :class:`~krcn_lab.inputs.ArticleText`, or pasted text) with the statement *rows*
    coded from it, under :func:`article_id_for`; return that id. *published* (a date or ``YYYY-MM-DD``) is
    needed when the article states no date; *fields* are other ``articles.csv`` fields (``outlet``,
    ``genre``…). Raises :class:`krcn_lab.store.StoreError` (or an input error) with a one-line message;
    the store is then unchanged.

    >>> save_article("Seoul and Beijing keep talking\\n\\nThe two ministers met in Seoul for talks on trade.",
    ...              pd.DataFrame())
    Traceback (most recent call last):
    krcn_lab.store.StoreError: pasted text: the article states no publication date, and the workbook never guesses one: give the date it was published (the Published field, or published='YYYY-MM-DD'), then save again
    """
    given = article if isinstance(article, inputs.ArticleText) else inputs.prepare_text(article, PASTED)
    clean = corpus.clean_text(given.text, source=given.source)
    if clean.published is None and not published:
        raise store.StoreError(f"{given.source}: the article states no publication date, and the workbook never "
                               "guesses one: give the date it was published (the Published field, or "
                               "published='YYYY-MM-DD'), then save again")
    article_id = article_id_for(clean, given.source)
    dated = {"published": published} if published else {}
    return store.add_article(given, article_id=article_id, statements=rows_for_store(rows, article_id),
                             **dated, **fields)


def saved_message(article_id: str, n_statements: int) -> str:
    """What the form says after saving: what, where, how notebooks see it, how to take it out.

    >>> saved_message("talks_8c0a7c", 1)
    "Saved to your workbook as 'talks_8c0a7c': the article and 1 coded statement(s), ...: krcn-lab remove talks_8c0a7c"
    """
    return (f"Saved to your workbook as {article_id!r}: the article and {n_statements} coded statement(s), in your "
            f"store at {userdata.user_dir()}. Notebooks see it when they load with include_user=True, e.g. "
            f"krcn_lab.load_statements(include_user=True). To take it out again: krcn-lab remove {article_id}")


def save_page(text: inputs.ArticleText | None, result, rows: pd.DataFrame, published=None) -> str:
    """Save the analysed article and *rows*, and return the form's message (HTML): where it went, or why not.
    *published* is used only when the article states no date (a stated date is kept, with basis ``stated``).

    >>> save_page(None, None, pd.DataFrame())
    '...Analyse an article first...'
    """
    if result is None:
        return styled(message("Analyse an article first: the article lab's result is what is saved."))
    if text is None:
        return styled(message("The article lab's input changed since it was analysed: press Analyse again, "
                              "then code and save."))
    try:
        article_id = save_article(text, rows, None if result.article.published else published)
    except (store.StoreError, corpus.CorpusError, tables.DatasetError) as problem:
        return styled(message(f"Not saved: {problem}"))
    return styled(message(saved_message(article_id, len(rows))))


@contextlib.contextmanager
def temporary_store():
    """Point the user store at a new, empty folder while the ``with`` block runs; then delete it and put
    ``KRCN_LAB_USER_DIR`` back as it was (so a demonstration never writes to the learner's store).

    >>> before = os.environ.get(userdata.ENV_VAR)
    >>> with temporary_store() as folder:
    ...     userdata.user_dir() == folder
    True
    >>> os.environ.get(userdata.ENV_VAR) == before, folder.exists()
    (True, False)
    """
    before = os.environ.get(userdata.ENV_VAR)
    folder = Path(tempfile.mkdtemp(prefix="krcn_lab_demo_store_"))
    os.environ[userdata.ENV_VAR] = str(folder)
    try:
        yield folder
    finally:
        if before is None:
            os.environ.pop(userdata.ENV_VAR, None)
        else:
            os.environ[userdata.ENV_VAR] = before
        shutil.rmtree(folder, ignore_errors=True)


def save_controls(lab, rows, out) -> tuple[widgets.Button, widgets.DatePicker]:
    """A "Save to my workbook" button and a date field for the article analysed in *lab*; *rows* is a
    function giving the coded rows, *out* the HTML widget that shows the message.

    >>> from .capstone_view import article_lab
    >>> button, date = save_controls(article_lab(), pd.DataFrame, widgets.HTML())
    >>> button.description, date.value, date.disabled
    ('Save to my workbook', None, False)
    """
    button = widgets.Button(description="Save to my workbook", icon="save",
                            tooltip="Store the analysed article and your coded statements in your workbook")
    date = widgets.DatePicker(description="Published (needed when the article gives no date)",
                              style={"description_width": "initial"})
    state = {"text": None}

    def on_result(result):
        state["text"] = analysed_text(lab)
        stated = result.article.published if result is not None else None
        date.value, date.disabled = stated, stated is not None

    def on_save(_):
        out.value = save_page(state["text"], lab.result, rows(), date.value)

    lab.listeners.append(on_result)
    on_result(lab.result)
    button.on_click(on_save)
    return button, date
