"""Issue explorer: pick one or more issues; who raised them, when, with what stance, in whose words.

Logic (plain functions over the loaders' tables): :func:`issue_choices`, :func:`issue_statements`
(each statement with its date, South Korean administration, speaker, stance, quote, article,
paragraph and ``reported_by``), :func:`stance_counts` (actor × stance), :func:`stance_bars` (the
chart beside that table, in plain HTML: :func:`html_bars`) and :func:`issue_page` (all three for one choice). :func:`issue_explorer` only wires a
SelectMultiple to them.

>>> t = issue_tables()
>>> issue_statements(t, ["ties_without_interference"])["statement_id"].tolist()
['s062', 's070', 's101', 's106']
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from .. import dataset, words
from .common import html_table, message, styled, tag_control, tag_output

__all__ = ["issue_explorer", "issue_tables", "issue_choices", "issue_statements", "stance_counts",
           "stance_bars", "html_bars", "issue_page", "STANCES", "STANCE_STYLE"]

STANCES = ("support", "oppose", "neutral")
#: Okabe–Ito colour and hatch per stance (the hatch and the table carry it too, not colour alone).
STANCE_STYLE = {"support": ("#0072B2", ""), "oppose": ("#D55E00", "//"), "neutral": ("#F0E442", "..")}
COLUMNS = ["statement_id", "date", "administration", "actor", "issue", "stance", "act", "quote",
           "article_id", "paragraph", "reported_by"]


def issue_tables() -> dict[str, pd.DataFrame]:
    """The tables the explorer needs; statements carry their ``date`` and ``administration``
    (:func:`krcn_lab.statement_eras`: the event's, else the article's publication date).

    >>> sorted(issue_tables())
    ['actors', 'issues', 'statements']
    """
    eras = words.statement_eras(dataset.load_statements(), dataset.load_events(), dataset.load_articles(),
                                dataset.load_administrations())
    return {"statements": eras, "actors": dataset.load_actors(), "issues": dataset.load_issues()}


def issue_choices(issues: pd.DataFrame) -> list[tuple[str, str]]:
    """Options ``(label (theme), issue_id)`` in the issues table's order.

    >>> issue_choices(issue_tables()["issues"])[0]
    ('South Korea–China bilateral relations (diplomacy)', 'bilateral_ties')
    """
    return [(f"{i.label} ({i.theme})", i.issue_id) for i in issues.itertuples()]


def issue_statements(tables: dict, issue_ids) -> pd.DataFrame:
    """The statements on any of *issue_ids*, in date order: who (actor's name), when (date and
    administration), stance, the verbatim quote, its article and paragraph, and who reports it.

    >>> s = issue_statements(issue_tables(), ["ties_without_interference"])
    >>> s.loc[0, ["actor", "stance", "article_id"]].tolist(), int(s.loc[0, "paragraph"])
    (['Wang Yi', 'support', 'newssite2024'], 1)
    """
    st = tables["statements"]
    chosen = st[st["issue_id"].astype(str).isin([str(i) for i in issue_ids])]
    names = tables["actors"].set_index("actor_id")["name"]
    labels = tables["issues"].set_index("issue_id")["label"]
    table = chosen.assign(actor=chosen["actor_id"].astype(object).map(names).fillna(chosen["actor_id"]),
                          issue=chosen["issue_id"].astype(object).map(labels))
    return table.sort_values(["date", "statement_id"])[COLUMNS].reset_index(drop=True)


def stance_counts(statements: pd.DataFrame) -> pd.DataFrame:
    """Actor × stance counts (every stance a column, then ``total``), most statements first.

    >>> stance_counts(issue_statements(issue_tables(), ["taiwan"])).columns.tolist()
    ['actor', 'support', 'oppose', 'neutral', 'total']
    """
    counts = pd.crosstab(statements["actor"], statements["stance"].astype(str)) if len(statements) else \
        pd.DataFrame(index=pd.Index([], name="actor"))
    counts = counts.reindex(columns=list(STANCES), fill_value=0).astype("int64")
    counts["total"] = counts.sum(axis=1)
    counts = counts.reset_index().sort_values(["total", "actor"], ascending=[False, True])
    counts.columns.name = None
    return counts.reset_index(drop=True)


def _fill(colour: str, pattern: str) -> str:
    """A CSS background: the colour, with stripes (``//``) or dots (``..``) so colour is not the only cue."""
    if pattern == "//":
        return f"repeating-linear-gradient(45deg,{colour} 0 4px,#333 4px 5px)"
    if pattern == "..":
        return f"radial-gradient(#333 1px,{colour} 1.5px) 0 0/5px 5px"
    return colour


def html_bars(frame: pd.DataFrame, label: str, series: list, stacked: bool = True, unit: str = "") -> str:
    """A horizontal bar chart in plain HTML (quick to draw, read by screen readers, zooms with the
    page): one row per row of *frame*, labelled by column *label*; *series* lists
    ``(column, name, colour, pattern)``. Bars are stacked, or side by side when not *stacked*.

    >>> bars = html_bars(pd.DataFrame({"who": ["Ann"], "yes": [2], "no": [1]}), "who",
    ...                  [("yes", "yes", "#0072B2", ""), ("no", "no", "#D55E00", "//")])
    >>> 'title="Ann: yes 2, no 1"' in bars, "width:66.7%" in bars
    (True, True)
    """
    columns = [column for column, *_ in series]
    totals = frame[columns].sum(axis=1) if stacked else frame[columns].max(axis=1)
    top = float(totals.max()) if len(frame) and totals.max() > 0 else 1.0
    key = " ".join(f'<span style="display:inline-block;width:12px;height:10px;background:{_fill(c, p)};'
                   f'border:1px solid #333"></span>&nbsp;{html.escape(n)}' for _, n, c, p in series)
    rows = []
    for _, row in frame.iterrows():
        said = ", ".join(f"{n} {row[c]:g}{unit}" for c, n, _, _ in series)
        bars = "".join(f'<div style="width:{100 * float(row[c]) / top:.1f}%;height:{12 if stacked else 7}px;'
                       f'background:{_fill(colour, pattern)};border:{"1px solid #333" if row[c] else "0"};'
                       f'box-sizing:border-box{";display:inline-block" if stacked else ""}"></div>'
                       for c, _, colour, pattern in series)
        rows.append(f'<div title="{html.escape(str(row[label]))}: {html.escape(said)}" style="display:flex;'
                    f'align-items:center;margin:2px 0"><div style="width:38%;font-size:85%;text-align:right;'
                    f'padding-right:6px">{html.escape(str(row[label]))}</div><div style="width:60%;'
                    f'{"white-space:nowrap;font-size:0" if stacked else ""}">{bars}</div></div>')
    return f'<div class="krcn-bars" style="min-width:340px;max-width:460px"><p>{key}</p>{"".join(rows)}</div>'


def stance_bars(counts: pd.DataFrame) -> str:
    """The chart beside the stance table: a stacked bar per actor, stances in Okabe–Ito colours and patterns.

    >>> "Wang Yi" in stance_bars(stance_counts(issue_statements(issue_tables(), ["taiwan"])))
    True
    """
    return html_bars(counts, "actor", [(s, s, *STANCE_STYLE[s]) for s in STANCES])


def issue_page(tables: dict, issue_ids) -> tuple:
    """``(chart HTML, stance count table HTML, statements HTML)`` for *issue_ids*;
    no chart and a friendly message if none is picked.

    >>> chart, counts, said = issue_page(issue_tables(), ["ties_without_interference"])
    >>> "krcn-bars" in chart, "Wang Yi" in counts, "s106" in said
    (True, True, True)
    >>> issue_page(issue_tables(), [])[0] == "" and "Pick one or more issues" in issue_page(issue_tables(), [])[2]
    True
    """
    if not issue_ids:
        return "", "", styled(message("Pick one or more issues (click, or Shift/Ctrl + arrow keys) to see who "
                                  "raised them, when, with what stance and in whose words."))
    said = issue_statements(tables, issue_ids)
    if said.empty:
        return "", "", styled(message("No statement is coded on these issues: pick another."))
    counts = stance_counts(said)
    eras = ", ".join(f"{html.escape(str(era))}: {n}" for era, n in said["administration"].value_counts(
        sort=False).items())
    head = (f"<p>{len(said)} statements by {said['actor'].nunique()} actors ({eras}). "
            "<i>reported_by</i> says whose words these are: a speaker's, through a readout, or the outlet's "
            "own narration.</p>")
    return (stance_bars(counts), styled("<b>Stances by actor</b>" + html_table(counts)),
            styled(head + html_table(said, "No statement is coded on these issues.")))


def issue_explorer(issue_ids=None):
    """Pick one or more issues: who raised them, when, with what stance, in whose words.

    >>> e = issue_explorer(); e.controls["issues"].value = ("taiwan",)
    >>> "One-China" in e.output.value
    True
    """
    tables = issue_tables()
    choices = issue_choices(tables["issues"])
    known = [value for _, value in choices]
    start = tuple(i for i in (issue_ids or [known[0]]) if i in known)
    picker = tag_control(widgets.SelectMultiple(options=choices, value=start, rows=8, description="Issues",
                                                layout=widgets.Layout(width="max-content")))
    chart = widgets.HTML()
    counts, out = widgets.HTML(), tag_output(widgets.HTML())
    cache: dict = {}

    def update(*_):
        key = tuple(sorted(picker.value))
        if key not in cache:
            cache[key] = issue_page(tables, key)
        chart.value, counts.value, out.value = cache[key]

    picker.observe(update, names="value")
    update()
    box = widgets.VBox([picker, widgets.HBox([chart, counts], layout=widgets.Layout(flex_flow="row wrap")), out])
    box.controls, box.output, box.counts, box.figure = {"issues": picker}, out, counts, chart
    box.clear_cache = cache.clear  # forget computed pages (the benchmark times cold updates)
    return box
