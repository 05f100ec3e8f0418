"""Words that distinguish two groups of texts: the weighted log-odds ratio with an informative Dirichlet prior.

The method is that of Monroe, Colaresi and Quinn (2008), "Fightin' Words: Lexical Feature
Selection and Evaluation for Identifying the Content of Political Conflict", *Political
Analysis* 16(4): 372–403. For a word *w*, with

* ``y_a``, ``y_b``: its count in group a and in group b; ``n_a``, ``n_b``: all words of each group;
* ``α_w``: its prior pseudo-count, and ``α_0``: the sum of the prior over the whole vocabulary,

the log-odds difference, its approximate variance and its z-score are::

    delta = log((y_a + α_w) / (n_a + α_0 - y_a - α_w)) - log((y_b + α_w) / (n_b + α_0 - y_b - α_w))
    variance = 1 / (y_a + α_w) + 1 / (y_b + α_w)
    z = delta / sqrt(variance)

A positive z marks a word of group a, a negative one a word of group b. The prior shrinks
rare words toward zero, so a word said once on one side does not top the list.

The prior chosen here
---------------------
The paper's informative prior is a background distribution of words ``π_w`` scaled by a
total weight ``α_0``: ``α_w = α_0 · π_w``. By default ``π_w`` is the word's share of the
*pooled* counts of both groups and ``α_0`` is the pooled number of words, so ``α_w`` is
simply the word's pooled count ``y_a + y_b`` (the empirical-Bayes choice of common
implementations, such as the R package tidylo). ``prior=`` gives another background
corpus and ``prior_scale=`` another ``α_0`` (a smaller ``α_0`` shrinks less).

Tokens
------
:func:`tokenize` lower-cases, turns curly apostrophes into straight ones, keeps runs of
letters (with inner hyphens or apostrophes: ``high-level``), drops a possessive ``'s``
(``Korea's`` is ``korea``) and numbers, and drops the short list :data:`STOP_WORDS`:
articles, pronouns, prepositions, conjunctions and forms of *be* and *have*. Negations
(``not``, ``no``) and reporting verbs (``said``) are kept on purpose: they carry stance
and genre, which is what a reader compares.

Example
-------
>>> table = log_odds_with_prior(word_counts(["peace and trade", "peace talks"]),
...                             word_counts(["trade war", "trade talks"]))
>>> table["word"].tolist()
['peace', 'talks', 'trade', 'war']
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping

import pandas as pd

from .periods import administrations_on

__all__ = ["STOP_WORDS", "tokenize", "word_counts", "log_odds_with_prior", "distinctive_words",
           "statements_with_word", "statement_eras"]

#: English function words left out of every count (kept short and explicit on purpose).
STOP_WORDS = frozenset("""
a an the and or but nor of to in on at by for from with as into than that this these those
it its he him his she her they them their we our us i you your who whom which what
is are was were be been being am has have had do does did will would shall should can could may might
""".split())

_WORD = re.compile(r"[a-z]+(?:[-'][a-z]+)*")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
COLUMNS = ["word", "count_a", "count_b", "delta", "variance", "z"]
SIDE_COLUMNS = ["side", "rank", "word", "count_first", "count_second", "delta", "variance", "z",
                "statement_ids", "quotes"]


def tokenize(text) -> list[str]:
    """The words of *text*, lower-cased, in order, without stop words, numbers or possessive 's.

    >>> tokenize("South Korea’s top diplomats pledged to deepen the ‘strategic’ partnership in 2025")
    ['south', 'korea', 'top', 'diplomats', 'pledged', 'deepen', 'strategic', 'partnership']
    >>> tokenize(None)
    []
    """
    if not isinstance(text, str) and pd.isna(text):  # None, NaN, pd.NA
        return []
    words = (w[:-2] if w.endswith("'s") else w for w in _WORD.findall(str(text).translate(_APOSTROPHES).lower()))
    return [w for w in words if w not in STOP_WORDS]


def word_counts(texts: Iterable) -> Counter:
    """How often each word of :func:`tokenize` occurs across *texts*.

    >>> word_counts(["Peace talks", "peace and trade"])
    Counter({'peace': 2, 'talks': 1, 'trade': 1})
    """
    counts: Counter = Counter()
    for text in texts:
        counts.update(tokenize(text))
    return counts


def _alphas(counts_a: Mapping, counts_b: Mapping, vocabulary: list, prior, prior_scale) -> tuple[dict, float]:
    """Each word's prior pseudo-count α_w and their total α_0 (see the module docstring)."""
    if prior is None:
        prior = Counter(counts_a) + Counter(counts_b)
    missing = [w for w in vocabulary if prior.get(w, 0) <= 0]
    if missing:
        raise ValueError(f"log_odds_with_prior: the prior gives no positive count to {', '.join(missing[:5])}"
                         + (f" and {len(missing) - 5} more" if len(missing) > 5 else ""))
    total = float(sum(prior.values()))
    alpha_0 = total if prior_scale is None else float(prior_scale)
    if alpha_0 <= 0:
        raise ValueError(f"log_odds_with_prior: prior_scale must be positive, got {prior_scale!r}")
    return {w: alpha_0 * prior[w] / total for w in vocabulary}, alpha_0


def log_odds_with_prior(counts_a: Mapping, counts_b: Mapping, prior: Mapping | None = None,
                        prior_scale: float | None = None) -> pd.DataFrame:
    """Weighted log-odds ratio of every word, group a against group b (Monroe et al. 2008).

    Parameters
    ----------
    counts_a, counts_b : mapping of word to count
        Word counts of each group, e.g. from :func:`word_counts`.
    prior : mapping of word to count, optional
        A background corpus; by default the pooled counts of both groups.
        Every word of either group must have a positive count in it.
    prior_scale : float, optional
        ``α_0``, the prior's total weight; by default the prior's own total, so that with
        the default prior ``α_w`` is the word's pooled count.

    Returns
    -------
    pandas.DataFrame
        Columns ``word``, ``count_a``, ``count_b``, ``delta`` (log-odds in a minus log-odds
        in b), ``variance`` and ``z``; sorted by ``z`` from most a-like to most b-like,
        ties by word. ``attrs`` holds ``n_a``, ``n_b`` and ``alpha_0``.

    Example
    -------
    >>> t = log_odds_with_prior({"peace": 2, "trade": 1}, {"trade": 2, "war": 1})
    >>> t[["word", "count_a", "count_b"]].values.tolist()
    [['peace', 2, 0], ['trade', 1, 2], ['war', 0, 1]]
    >>> round(float(t.loc[0, "z"]), 4)
    1.1889
    """
    vocabulary = sorted(set(counts_a) | set(counts_b))
    alpha, alpha_0 = _alphas(counts_a, counts_b, vocabulary, prior, prior_scale)
    n_a, n_b = sum(counts_a.values()), sum(counts_b.values())
    rows = []
    for w in vocabulary:
        y_a, y_b = counts_a.get(w, 0), counts_b.get(w, 0)
        delta = (math.log((y_a + alpha[w]) / (n_a + alpha_0 - y_a - alpha[w]))
                 - math.log((y_b + alpha[w]) / (n_b + alpha_0 - y_b - alpha[w])))
        variance = 1 / (y_a + alpha[w]) + 1 / (y_b + alpha[w])
        rows.append((w, y_a, y_b, delta, variance, delta / math.sqrt(variance)))
    table = pd.DataFrame(rows, columns=COLUMNS).astype({"count_a": "int64", "count_b": "int64"})
    table = table.sort_values(["z", "word"], ascending=[False, True], ignore_index=True)
    table.attrs.update(n_a=n_a, n_b=n_b, alpha_0=alpha_0)
    return table


def _require(statements: pd.DataFrame, columns: list, who: str) -> None:
    for column in columns:
        if column not in statements.columns:
            raise ValueError(f"{who}: the statements table has no column {column!r}; "
                             f"it has {', '.join(map(str, statements.columns))}")


def _side(statements: pd.DataFrame, by: str, value) -> pd.DataFrame:
    values = list(value) if isinstance(value, (list, tuple, set, frozenset)) else [value]
    return statements[statements[by].astype("object").isin(values)]


def statements_with_word(statements: pd.DataFrame, word: str, *, text_column: str = "quote") -> pd.DataFrame:
    """The rows of *statements* whose text contains *word* as a token of :func:`tokenize`.

    >>> s = pd.DataFrame({"statement_id": ["s1", "s2"], "quote": ["Korea’s trade", "peace"]})
    >>> statements_with_word(s, "korea")["statement_id"].tolist()
    ['s1']
    """
    return statements[[word in tokenize(text) for text in statements[text_column]]]


def _behind(side: pd.DataFrame, word: str, text_column: str) -> tuple[tuple, tuple]:
    rows = statements_with_word(side, word, text_column=text_column)
    ids = tuple(str(i) for i in rows["statement_id"]) if "statement_id" in rows else tuple(map(str, rows.index))
    return ids, tuple(dict.fromkeys(str(t) for t in rows[text_column]))


def _top_side(scores: pd.DataFrame, label, side: pd.DataFrame, text_column: str, top: int) -> pd.DataFrame:
    """The first *top* rows of *scores*, ranked, with the statements of *side* behind each word."""
    chosen = scores.head(top).copy()
    behind = [_behind(side, w, text_column) for w in chosen["word"]]
    chosen["side"] = [label] * len(chosen)  # columns are put in order by distinctive_words
    chosen["rank"] = range(1, len(chosen) + 1)
    chosen["statement_ids"] = [ids for ids, _ in behind]
    chosen["quotes"] = [quotes for _, quotes in behind]
    return chosen


def distinctive_words(statements: pd.DataFrame, by: str, first, second, *, text_column: str = "quote",
                      top: int = 10, prior_scale: float | None = None) -> pd.DataFrame:
    """The *top* words most typical of each of two groups of statements, with the quotes behind them.

    The statements where column *by* equals *first* (a value, or a list of values) form
    group a, those where it equals *second* group b; :func:`log_odds_with_prior` compares
    their texts. A text coded more than once on one side (one quote coded for two actors)
    is counted once there.

    Parameters
    ----------
    statements : pandas.DataFrame
        ``statement_id`` and *text_column*, and *by* (e.g. from :func:`statement_eras`).
    by, first, second : str, value or list of values
        The column to split on, and the groups: ``"administration"``, ``"Yoon Suk Yeol"``, ``"Lee Jae Myung"``.
    text_column : str; top : int (words per side); prior_scale : see :func:`log_odds_with_prior`.

    Returns
    -------
    pandas.DataFrame
        Columns ``side`` (*first* or *second*, as given), ``rank``, ``word``, ``count_first``,
        ``count_second``, ``delta``, ``variance``, ``z`` (positive for *first*), and
        ``statement_ids`` and ``quotes`` (tuples: that side's statements containing the word).
        Only words leaning to a side are listed for it. An empty side gives an empty
        table with ``attrs["reason"]``.

    Example
    -------
    >>> s = pd.DataFrame({"statement_id": ["s1", "s2", "s3", "s4"], "era": ["A", "A", "B", "B"],
    ...                   "quote": ["peace and trade", "peace talks", "trade war", "trade talks"]})
    >>> d = distinctive_words(s, "era", "A", "B", top=1)
    >>> d[["side", "word", "statement_ids"]].values.tolist()
    [['A', 'peace', ('s1', 's2')], ['B', 'war', ('s3',)]]
    """
    _require(statements, [by, text_column], "distinctive_words")
    sides = {"first": _side(statements, by, first), "second": _side(statements, by, second)}
    empty = [f"no statement has {by} = {value!r}" for value, side in zip((first, second), sides.values())
             if side.empty]
    if empty:
        table = pd.DataFrame(columns=SIDE_COLUMNS)
        table.attrs["reason"] = " and ".join(empty)
        return table
    counts = {name: word_counts(side[text_column].dropna().drop_duplicates()) for name, side in sides.items()}
    scores = log_odds_with_prior(counts["first"], counts["second"], prior_scale=prior_scale)
    scores = scores.rename(columns={"count_a": "count_first", "count_b": "count_second"})
    frames = [_top_side(scores[scores["z"] > 0], first, sides["first"], text_column, top),
              _top_side(scores[scores["z"] < 0].sort_values(["z", "word"]), second, sides["second"], text_column, top)]
    table = pd.concat(frames, ignore_index=True)[SIDE_COLUMNS]
    table.attrs.update(scores.attrs)
    return table


def statement_eras(statements: pd.DataFrame, events: pd.DataFrame, articles: pd.DataFrame,
                   administrations: pd.DataFrame, country: str = "KOR") -> pd.DataFrame:
    """Each statement with the ``date`` and South Korean ``administration`` it belongs to.

    A statement is dated by its event (the event's ``date`` and ``rok_administration``);
    a statement with no event, or with an undated one, by the ``published`` date of its
    article and the leader in office that day (:func:`krcn_lab.periods.administrations_on`).
    This is the rule of the network builders (:mod:`krcn_lab.builders`).

    Parameters
    ----------
    statements, events, articles, administrations : pandas.DataFrame
        As from ``load_statements()``, ``load_events()``, ``load_articles()`` and
        ``load_administrations()``.
    country : str
        Whose leaders count for an undated statement (ISO3).

    Returns
    -------
    pandas.DataFrame
        A copy of *statements* with ``date`` and ``administration`` (None where no term
        covers the date, or the date is unknown).

    Example
    -------
    >>> import krcn_lab
    >>> eras = statement_eras(krcn_lab.load_statements(), krcn_lab.load_events(),
    ...                       krcn_lab.load_articles(), krcn_lab.load_administrations())
    >>> eras.set_index("statement_id").loc[["s001", "s004"], "administration"].tolist()
    ['Lee Jae Myung', 'Lee Jae Myung']
    """
    for name, table, column in (("statements", statements, "event_id"), ("statements", statements, "article_id"),
                                ("events", events, "rok_administration"), ("articles", articles, "published")):
        if column not in table.columns:
            raise ValueError(f"statement_eras: the {name} table has no column {column!r}")
    by_event = events.drop_duplicates("event_id").set_index("event_id")
    published = articles.drop_duplicates("article_id").set_index("article_id")["published"]
    event_ids = statements["event_id"].astype("object")
    dates = event_ids.map(by_event["date"]).astype("datetime64[ns]")
    eras = event_ids.map(by_event["rok_administration"].astype("object"))
    undated = dates.isna()
    dates[undated] = statements.loc[undated, "article_id"].astype("object").map(published)
    in_office = pd.Series(administrations_on(dates, administrations, country), index=dates.index)
    eras = eras.astype("object").where(~undated, in_office)
    result = statements.copy()
    result["date"] = dates
    result["administration"] = eras.astype("string")
    return result
