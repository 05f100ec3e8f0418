"""Administrations and date ranges, as pure functions over the administrations table.

Nothing here reads a file: every function takes the administrations table (as
:func:`krcn_lab.load_administrations` returns it, or one made by hand) and returns a
new value. Its minimal columns are ``country`` (ISO3), ``leader``, ``start``
(inclusive), ``end`` (exclusive: the day the next one took over; empty while in
office) and ``kind`` (``"elected"`` or ``"acting"``).

* :func:`administration_choices`: the South Korean administrations a learner can pick;
* :func:`resolve_leaders`: which leader(s) a name such as ``"Yoon"`` or ``"lee"`` means;
* :func:`administrations_on` and :func:`administration_period`: who was in office;
* :func:`as_timestamp` and :func:`select_period`: a selection by administration and dates,
  which keeps rows (:meth:`Selection.keep`) and says in words what it kept.

Example
-------
>>> terms = pd.DataFrame({"country": ["KOR", "KOR"], "leader": ["Yoon Suk Yeol", "Lee Jae Myung"],
...                       "start": ["2022-05-10", "2025-06-04"], "end": ["2025-06-04", None],
...                       "kind": ["elected", "elected"]})
>>> resolve_leaders(terms, "yoon")
('Yoon Suk Yeol',)
>>> administrations_on([pd.Timestamp("2025-09-17")], terms)
['Lee Jae Myung']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from .cells import as_text

__all__ = [
    "Selection",
    "administration_choices",
    "administration_period",
    "administrations_on",
    "as_timestamp",
    "period_end",
    "resolve_leaders",
    "select_period",
]

KOREA = "KOR"
_OPEN = pd.Timestamp.max


def _example_terms() -> pd.DataFrame:
    """Three South Korean terms and one Chinese, for the examples."""
    return pd.DataFrame({
        "country": ["KOR", "KOR", "KOR", "CHN"],
        "leader": ["Yoon Suk Yeol", "Acting president (Han Duck-soo, Lee Ju-ho)", "Lee Jae Myung", "Xi Jinping"],
        "start": ["2022-05-10", "2024-12-14", "2025-06-04", "2013-03-14"],
        "end": ["2024-12-14", "2025-06-04", None, None],
        "kind": ["elected", "acting", "elected", "elected"],
    })


def _country_terms(administrations: pd.DataFrame, country: str) -> pd.DataFrame:
    """The terms of *country*, with dated ``start``/``end``, in order of ``start``."""
    rows = administrations[administrations["country"] == country]
    return rows.assign(start=pd.to_datetime(rows["start"]), end=pd.to_datetime(rows["end"])).sort_values(
        "start", kind="stable")


def _terms(administrations: pd.DataFrame, country: str) -> list[tuple[str, pd.Timestamp, pd.Timestamp]]:
    rows = _country_terms(administrations, country)
    return [(str(leader), start, end if pd.notna(end) else _OPEN)
            for leader, start, end in zip(rows["leader"], rows["start"], rows["end"])]


def _leaders_in(start, end, terms) -> str | None:
    names = [leader for leader, term_start, term_end in terms if term_start <= end and start < term_end]
    return " / ".join(names) if names else None


def administration_period(start, end, administrations: pd.DataFrame, country: str = KOREA) -> str | None:
    """The leader(s) in office in *country* over the days from *start* to *end*, both inclusive.

    One name when a single term covers the whole span; names joined by ``" / "`` when the
    span crosses a change of government; None when no term covers any of it.

    Example
    -------
    >>> terms = _example_terms()
    >>> administration_period(pd.Timestamp("2024-05-13"), pd.Timestamp("2024-05-13"), terms)
    'Yoon Suk Yeol'
    >>> administration_period(pd.Timestamp("2025-06-01"), pd.Timestamp("2025-06-30"), terms)
    'Acting president (Han Duck-soo, Lee Ju-ho) / Lee Jae Myung'
    """
    return _leaders_in(start, end, _terms(administrations, country))


def administrations_on(dates, administrations: pd.DataFrame, country: str = KOREA) -> list:
    """The leader in office in *country* on each of *dates* (None for a missing date or no term).

    A term includes its ``start`` day and excludes its ``end`` day (the successor's first day).

    Example
    -------
    >>> administrations_on([pd.Timestamp("2024-12-14"), pd.Timestamp("2025-06-04"), pd.NaT], _example_terms())
    ['Acting president (Han Duck-soo, Lee Ju-ho)', 'Lee Jae Myung', None]
    """
    terms = _terms(administrations, country)
    return [_leaders_in(day, day, terms) if pd.notna(day) else None for day in dates]


def administrations_over(starts, ends, administrations: pd.DataFrame, country: str = KOREA) -> list:
    """The leader(s) in office over each span from ``starts[i]`` to ``ends[i]`` (see :func:`administration_period`).

    Example
    -------
    >>> days = [pd.Timestamp("2024-05-13"), pd.Timestamp("2025-06-01"), pd.NaT]
    >>> administrations_over(days, [days[0], pd.Timestamp("2025-06-30"), pd.NaT], _example_terms())
    ['Yoon Suk Yeol', 'Acting president (Han Duck-soo, Lee Ju-ho) / Lee Jae Myung', None]
    """
    terms = _terms(administrations, country)
    return [_leaders_in(start, end, terms) if pd.notna(start) else None for start, end in zip(starts, ends)]


def leaders(administrations: pd.DataFrame, country: str = KOREA) -> list[str]:
    """The leaders of *country* in the order they took office.

    >>> leaders(_example_terms())[-2:]
    ['Acting president (Han Duck-soo, Lee Ju-ho)', 'Lee Jae Myung']
    """
    return [leader for leader, _, _ in _terms(administrations, country)]


def period_end(date: pd.Timestamp, precision: str, date_end=pd.NaT) -> pd.Timestamp:
    """The last day an event could fall on, from its date, precision (day/month/year) and end date.

    Example
    -------
    >>> day = pd.Timestamp("2024-07-01")
    >>> [period_end(day, p).strftime("%Y-%m-%d") for p in ("day", "month", "year")]
    ['2024-07-01', '2024-07-31', '2024-12-31']
    >>> period_end(day, "month", pd.Timestamp("2024-07-10")).day
    10
    """
    if pd.notna(date_end):
        return date_end
    if precision == "year":
        return date + pd.offsets.YearEnd(0)
    if precision == "month":
        return date + pd.offsets.MonthEnd(0)
    return date


def date_text(date: pd.Timestamp, precision: str = "day") -> str:
    """A date written only as precisely as it is known: a day, a month or a year.

    >>> day = pd.Timestamp("2024-07-24")
    >>> [date_text(day, p) for p in ("day", "month", "year")]
    ['24 July 2024', 'July 2024', '2024']
    """
    return {"day": f"{date.day} {date:%B %Y}", "month": f"{date:%B %Y}", "year": f"{date:%Y}"}[precision]


def administration_choices(administrations: pd.DataFrame) -> pd.DataFrame:
    """The South Korean administrations a learner can pick, oldest first.

    Returns
    -------
    pandas.DataFrame
        ``label`` (the leader and dates, for a menu), ``leader`` (the value to pass as
        ``administration=``), ``start``, ``end`` (NaT while in office) and ``kind``.

    Example
    -------
    >>> administration_choices(_example_terms())["label"].tolist()
    ['Yoon Suk Yeol (2022-05-10 to 2024-12-14)', 'Acting president (Han Duck-soo, Lee Ju-ho) (2024-12-14 to 2025-06-04)', 'Lee Jae Myung (from 2025-06-04)']
    """
    rows = _country_terms(administrations, KOREA)
    labels = [
        f"{leader} ({start:%Y-%m-%d} to {end:%Y-%m-%d})" if pd.notna(end) else f"{leader} (from {start:%Y-%m-%d})"
        for leader, start, end in zip(rows["leader"], rows["start"], rows["end"])
    ]
    choices = pd.DataFrame({"label": labels, "leader": rows["leader"].astype(str).tolist(),
                            "start": rows["start"].tolist(), "end": rows["end"].tolist(),
                            "kind": [as_text(kind) for kind in rows["kind"]]})
    return choices.astype({"start": "datetime64[ns]", "end": "datetime64[ns]"})


def _words(text: str) -> list[str]:
    """The words of *text* outside parentheses, case-folded."""
    return re.sub(r"\([^)]*\)", " ", text).casefold().split()


def resolve_leaders(administrations: pd.DataFrame, name: str) -> tuple[str, ...]:
    """The South Korean leader(s) that *name* stands for, as written in the ``leader`` column.

    *name* is a leader's full name (any case and spacing), or one or more words of it: only
    words outside parentheses count, so ``"Lee"`` is Lee Jae Myung and not the acting
    president Lee Ju-ho. ``"acting"`` stands for every acting-president period at once;
    any other name must match exactly one leader.

    Raises
    ------
    ValueError
        When *name* matches no leader, or several elected ones; the message lists the choices.

    Example
    -------
    >>> terms = _example_terms()
    >>> resolve_leaders(terms, "LEE"), resolve_leaders(terms, "jae  myung")
    (('Lee Jae Myung',), ('Lee Jae Myung',))
    >>> resolve_leaders(terms, "Xi")
    Traceback (most recent call last):
    ValueError: unknown administration 'Xi'; choose one of: Yoon Suk Yeol; Acting president (Han Duck-soo, Lee Ju-ho); Lee Jae Myung (any case; a single word of a name, such as 'Yoon', 'Lee' or 'acting', is enough)
    """
    rows = _country_terms(administrations, KOREA)
    leaders = [str(leader) for leader in rows["leader"]]
    kinds = dict(zip(leaders, map(as_text, rows["kind"])))
    query = " ".join(str(name).casefold().split())
    exact = [leader for leader in leaders if " ".join(leader.casefold().split()) == query]
    if exact:
        return tuple(exact)
    words = set(query.split())
    matches = [leader for leader in leaders if words and words <= set(_words(leader))]
    choices = "; ".join(leaders)
    if not matches:
        raise ValueError(
            f"unknown administration {name!r}; choose one of: {choices} "
            "(any case; a single word of a name, such as 'Yoon', 'Lee' or 'acting', is enough)"
        )
    if len(matches) > 1 and not all(kinds[m] == "acting" for m in matches):
        raise ValueError(
            f"administration {name!r} is ambiguous: it matches {' and '.join(matches)}; "
            f"use more of the name. Choices: {choices}"
        )
    return tuple(matches)


def as_timestamp(value, argument: str = "start") -> pd.Timestamp | None:
    """*value* as a day (None for None or NaT); an ``end`` written as a bare year or
    year-month means the last day of it. Time zones are dropped.

    Raises
    ------
    ValueError
        When *value* is not a date; the message names the argument.

    Example
    -------
    >>> as_timestamp("2024", "start"), as_timestamp("2024", "end"), as_timestamp("2025-02", "end")
    (Timestamp('2024-01-01 00:00:00'), Timestamp('2024-12-31 00:00:00'), Timestamp('2025-02-28 00:00:00'))
    >>> as_timestamp("soon", "end")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ValueError: end='soon' is not a date (...)
    """
    if value is None:
        return None
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{argument}={value!r} is not a date ({exc})") from None
    if pd.isna(stamp):
        return None
    stamp = stamp.tz_localize(None) if stamp.tzinfo is not None else stamp
    if argument == "end" and isinstance(value, str):
        if re.fullmatch(r"\s*\d{4}\s*", value):
            stamp += pd.offsets.YearEnd(0)
        elif re.fullmatch(r"\s*\d{4}-\d{1,2}\s*", value):
            stamp += pd.offsets.MonthEnd(0)
    return stamp


@dataclass(frozen=True)
class Selection:
    """A filter by administration (leader names) and dates, and how to say it in words.

    ``None`` means "no filter" for each of ``leaders``, ``start`` and ``end``.

    Example
    -------
    >>> chosen = Selection(("Lee Jae Myung",), pd.Timestamp("2025-09-01"), None)
    >>> chosen.describe("meetings")
    'meetings in the Lee Jae Myung administration from 2025-09-01 on'
    >>> dates = pd.Series(pd.to_datetime(["2025-09-17", "2025-08-01", None]))
    >>> chosen.keep(dates, pd.Series(["Lee Jae Myung"] * 3)).tolist()
    [True, False, False]
    """

    leaders: tuple[str, ...] | None
    start: pd.Timestamp | None
    end: pd.Timestamp | None

    def keep(self, dates: pd.Series, administrations: pd.Series) -> pd.Series:
        """True for the rows dated inside the selection; an undated row is kept only without filters."""
        mask = pd.Series(True, index=dates.index)
        if self.leaders is not None:
            leaders = pd.Series(administrations, index=dates.index).astype("string")
            mask &= leaders.isin(self.leaders).astype(bool)  # NA is in no administration
        if self.start is not None:
            mask &= (dates >= self.start).fillna(False).astype(bool)
        if self.end is not None:
            mask &= (dates <= self.end).fillna(False).astype(bool)
        return mask

    def filters(self) -> str:
        """The filters in words (``""`` when there are none)."""
        parts = []
        if self.leaders is not None:
            who = " or ".join(self.leaders)
            parts.append(f"in the {who} administration" + ("s" if len(self.leaders) > 1 else ""))
        day = "%Y-%m-%d"
        if self.start is not None and self.end is not None:
            parts.append(f"between {self.start.strftime(day)} and {self.end.strftime(day)}")
        elif self.start is not None:
            parts.append(f"from {self.start.strftime(day)} on")
        elif self.end is not None:
            parts.append(f"up to {self.end.strftime(day)}")
        return " ".join(parts)

    def describe(self, what: str) -> str:
        """What was selected, such as ``"meetings in the Yoon Suk Yeol administration"``."""
        return f"{what} {self.filters()}" if self.filters() else f"{what}, all dates"

    def reason(self, what: str) -> str:
        """Why a selection is empty, such as ``"no meetings up to 1990-01-01"``."""
        return f"no {what} {self.filters()}" if self.filters() else f"no {what} in the dataset"


def select_period(administrations: pd.DataFrame | None = None, administration=None, start=None,
                  end=None) -> Selection:
    """A :class:`Selection` from a leader's name (see :func:`resolve_leaders`) and dates
    (see :func:`as_timestamp`); *administrations* is needed only when *administration* is given.

    Example
    -------
    >>> select_period(_example_terms(), "yoon", end="2024").describe("meetings")
    'meetings in the Yoon Suk Yeol administration up to 2024-12-31'
    >>> select_period(None, "yoon")
    Traceback (most recent call last):
    ValueError: administration='yoon' needs the administrations table (columns country, leader, start, end, kind)
    """
    leaders = None
    if administration is not None:
        if administrations is None:
            raise ValueError(f"administration={administration!r} needs the administrations table "
                             "(columns country, leader, start, end, kind)")
        leaders = resolve_leaders(administrations, administration)
    return Selection(leaders, as_timestamp(start, "start"), as_timestamp(end, "end"))
