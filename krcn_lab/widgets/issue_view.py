"""Issue explorer: pick one or more issues; who raised them, when, with what stance, in whose words.

Logic (plain functions over the loaders' tables): :func:`issue_choices`, :func:`issue_statements`
(each statement with its date, South Korean administration, speaker, stance, quote, article,
paragraph and ``reported_by``), :func:`stance_counts` (actor × stance), :func:`stance_png` (the
chart beside that table) and :func:`issue_page` (all three for one choice). :func:`issue_explorer` only wires a
SelectMultiple to them.

>>> t = issue_tables()
>>> issue_statements(t, ["ties_without_interference"])["statement_id"].tolist()
['s062', 's070', 's101', 's106']
"""

from __future__ import annotations

import html
import io
import textwrap

import ipywidgets as widgets
import pandas as pd

from .. import dataset, words
from .common import html_table, message, styled, tag_control, tag_output

__all__ = ["issue_explorer", "issue_tables", "issue_choices", "issue_statements", "stance_counts",
           "stance_png", "issue_page", "STANCES", "STANCE_STYLE"]

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


def stance_png(counts: pd.DataFrame) -> bytes:
    """A horizontal stacked bar per actor (stances in Okabe–Ito colours with hatches), as PNG bytes.

    >>> stance_png(stance_counts(issue_statements(issue_tables(), ["taiwan"])))[:4]
    b'\\x89PNG'
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure  # no pyplot: nothing registered, nothing to close

    rows = counts.iloc[::-1]  # most statements on top
    names = ["\n".join(textwrap.wrap(str(a), 22)) for a in rows["actor"]]
    height = 0.9 + 0.32 * max(len(rows), 1)
    fig = Figure(figsize=(5.2, height), dpi=80)
    fig.subplots_adjust(left=0.36, right=0.97, top=1 - 0.35 / height, bottom=0.5 / height)
    ax = fig.add_subplot()
    left = pd.Series(0, index=rows.index)
    for stance in STANCES:
        colour, hatch = STANCE_STYLE[stance]
        ax.barh(names, rows[stance], left=left, color=colour, hatch=hatch, edgecolor="#333333",
                linewidth=0.6, label=stance)
        left = left + rows[stance]
    ax.set_xlabel("statements", fontsize=8)
    ax.tick_params(labelsize=8)
    ax.legend(ncols=3, fontsize=8, loc="lower right", bbox_to_anchor=(1.0, 1.0), frameon=False)
    canvas = FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    canvas.print_png(buffer)
    return buffer.getvalue()


def issue_page(tables: dict, issue_ids) -> tuple:
    """``(chart PNG or None, stance count table HTML, statements HTML)`` for *issue_ids*;
    no chart and a friendly message if none is picked.

    >>> png, counts, said = issue_page(issue_tables(), ["ties_without_interference"])
    >>> png[:4], "Wang Yi" in counts, "s106" in said
    (b'\\x89PNG', True, True)
    >>> issue_page(issue_tables(), [])[0] is None and "Pick one or more issues" in issue_page(issue_tables(), [])[2]
    True
    """
    if not issue_ids:
        return None, "", styled(message("Pick one or more issues (click, or Shift/Ctrl + arrow keys) to see who "
                                  "raised them, when, with what stance and in whose words."))
    said = issue_statements(tables, issue_ids)
    if said.empty:
        return None, "", styled(message("No statement is coded on these issues: pick another."))
    counts = stance_counts(said)
    eras = ", ".join(f"{html.escape(str(era))}: {n}" for era, n in said["administration"].value_counts(
        sort=False).items())
    head = (f"<p>{len(said)} statements by {said['actor'].nunique()} actors ({eras}). "
            "<i>reported_by</i> says whose words these are: a speaker's, through a readout, or the outlet's "
            "own narration.</p>")
    return (stance_png(counts), styled("<b>Stances by actor</b>" + html_table(counts)),
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
    image = widgets.Image(format="png", layout=widgets.Layout(max_width="420px"))
    counts, out = widgets.HTML(), tag_output(widgets.HTML())
    cache: dict = {}

    def update(*_):
        key = tuple(sorted(picker.value))
        if key not in cache:
            cache[key] = issue_page(tables, key)
        png, counts.value, out.value = cache[key]
        image.layout.display = None if png else "none"
        if png:
            image.value = png

    picker.observe(update, names="value")
    update()
    box = widgets.VBox([picker, widgets.HBox([image, counts], layout=widgets.Layout(flex_flow="row wrap")), out])
    box.controls, box.output, box.counts, box.figure = {"issues": picker}, out, counts, image
    box.clear_cache = cache.clear  # forget computed pages (the benchmark times cold updates)
    return box
