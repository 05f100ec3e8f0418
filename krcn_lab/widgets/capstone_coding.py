"""Statement coder (the capstone, part 2): code a statement of a new article and see the networks change.

Logic (plain functions): :func:`speaker_choices` and :func:`issue_choices` (what the form offers),
:func:`find_quote` (the paragraph that holds a quote verbatim, or a kind message),
:func:`code_statement` (one row in the shape of ``krcn_lab/data/statements.csv``),
:func:`statements_csv`, :func:`preview_html` (the row the form would add) and :func:`change_page`
(the coded rows and what they change in the actor × issue network, from :mod:`.capstone_change`).
Nothing is written to disk. :func:`statement_coder` only wires a small form to them.

>>> from .capstone_view import DEMO_ARTICLE, analyse_input
>>> result = analyse_input(DEMO_ARTICLE)[0]
>>> row = code_statement(result, "cho_hyun", "supply_chains", "support", "work together on supply chains")
>>> row[["statement_id", "actor_id", "issue_id", "paragraph"]].values.tolist()
[['new_s1', 'cho_hyun', 'supply_chains', 3]]
"""

from __future__ import annotations

import csv
import html
import io
import re

import ipywidgets as widgets
import pandas as pd

from .. import dataset, quotes, tables
from .capstone_change import actor_issue_change, change_figure, coding_tables
from .common import html_table, message, styled, tag_control, tag_output

__all__ = ["CodingProblem", "speaker_choices", "issue_choices", "find_quote", "code_statement", "statements_csv",
           "preview_html", "change_page", "statement_coder"]

_COLUMNS = list(tables.TABLES["statements"].columns)
_QUOTE_MARKS = {"'": "'‘’`", '"': '"“”'}


class CodingProblem(ValueError):
    """A statement that cannot be coded yet; the message says kindly what to change."""


def speaker_choices(result, actors: pd.DataFrame) -> list[tuple[str, str]]:
    """``(label, actor_id)`` for every known actor the article mentions: people first, in order of mention.

    >>> from .capstone_view import DEMO_ARTICLE, analyse_input
    >>> speaker_choices(analyse_input(DEMO_ARTICLE)[0], dataset.load_actors())[:2]
    [('Cho Hyun (person, KOR)', 'cho_hyun'), ('Wang Yi (person, CHN)', 'wang_yi')]
    """
    info = actors.astype({"kind": object, "country": object}).set_index("actor_id")
    found = [a for a in dict.fromkeys(result.mentions["actor_id"]) if a in info.index] if result is not None else []
    found.sort(key=lambda a: info.at[a, "kind"] != "person")
    return [(f"{info.at[a, 'name']} ({info.at[a, 'kind']}"
             + (f", {info.at[a, 'country']})" if isinstance(info.at[a, "country"], str) else ")"), a) for a in found]


def issue_choices(result, issues: pd.DataFrame) -> list[tuple[str, str]]:
    """``(label, issue_id)`` for every issue: those tagged in the article first (marked), then the rest.

    >>> from .capstone_view import DEMO_ARTICLE, analyse_input
    >>> issue_choices(analyse_input(DEMO_ARTICLE)[0], dataset.load_issues())[0]
    ('Bilateral economic cooperation (tagged in this article)', 'economic_cooperation')
    """
    labels = dict(zip(issues["issue_id"], issues["label"]))
    tagged = sorted(set(result.candidate_issues["issue_id"]) & set(labels)) if result is not None else []
    return ([(f"{labels[i]} (tagged in this article)", i) for i in tagged]
            + sorted((label, i) for i, label in labels.items() if i not in tagged))


def _loose(quote: str) -> re.Pattern:
    """A pattern for *quote* that ignores case, runs of spaces and the kind of quotation mark."""
    parts = []
    for char in quote.strip():
        if char.isspace():
            parts.append(r"\s+") if parts[-1:] != [r"\s+"] else None
        else:
            marks = next((m for m in _QUOTE_MARKS.values() if char in m), None)
            parts.append(f"[{re.escape(marks)}]" if marks else re.escape(char))
    return re.compile("".join(parts), re.IGNORECASE)


def find_quote(result, quote: str) -> int:
    """The number of the first clean paragraph that holds *quote* word for word; else :class:`CodingProblem`.

    >>> from .capstone_view import DEMO_ARTICLE, analyse_input
    >>> result = analyse_input(DEMO_ARTICLE)[0]
    >>> find_quote(result, "closer economic cooperation")
    4
    >>> find_quote(result, "Closer  economic cooperation")
    Traceback (most recent call last):
    krcn_lab.widgets.capstone_coding.CodingProblem: Almost: the article has “closer economic cooperation” (paragraph 4). A quote must match the text exactly, capitals, spaces and quotation marks included: copy it from the clean paragraphs.
    """
    quote = quote or ""
    if not quote.strip():
        raise CodingProblem("Type or paste the quote: the exact words of the clean article that show the statement.")
    found = quotes.paragraphs_with(result.article, quote)
    if found:
        return found[0]
    for p in result.article.paragraphs:
        near = _loose(quote).search(p.text)
        if near:
            raise CodingProblem(f"Almost: the article has “{near.group(0)}” (paragraph {p.number}). A quote must "
                                "match the text exactly, capitals, spaces and quotation marks included: copy it "
                                "from the clean paragraphs.")
    field = quotes.metadata_field(result.article, quote)
    if field:
        raise CodingProblem(f"Those words are in the article's {field}, not in a paragraph; a statement cites a "
                            "paragraph, so pick words from the clean paragraphs.")
    raise CodingProblem("That quote is not in the clean article, word for word. Copy it from the clean paragraphs "
                        "shown above (cleaning may have removed a line or changed its spaces).")


def code_statement(result, actor_id: str, issue_id: str, stance: str, quote: str, act: str = "statement",
                   reported_by: str = "article narration", number: int = 1, event_id=None, note: str = ""):
    """One coded statement as a one-row table with the columns (and types) of ``statements.csv``.

    The speaker must be a known actor the article mentions, the issue a known issue, *stance*,
    *act* and *reported_by* values of the dataset's vocabulary, and *quote* words of one clean
    paragraph (its number becomes ``paragraph``). ``statement_id`` is ``<article_id>_s<number>``.
    Raises :class:`CodingProblem` with a kind message otherwise.

    >>> from .capstone_view import DEMO_ARTICLE, analyse_input
    >>> code_statement(analyse_input(DEMO_ARTICLE)[0], "cho_hyun", "taiwan", "support", "Taiwan")
    Traceback (most recent call last):
    krcn_lab.widgets.capstone_coding.CodingProblem: That quote is not in the clean article, word for word. Copy it from the clean paragraphs shown above (cleaning may have removed a line or changed its spaces).
    """
    if result is None:
        raise CodingProblem("Analyse an article first: a statement is coded from its clean paragraphs.")
    if actor_id not in set(result.mentions["actor_id"]):
        raise CodingProblem("Pick a speaker the article names (the form lists the known actors found in it).")
    for value, allowed, what in ((issue_id, result.issue_labels, "issue"), (stance, tables.STANCES, "stance"),
                                 (act, tables.ACTS, "kind of act"), (reported_by, tables.REPORTED_BY, "attribution")):
        if value not in allowed:
            raise CodingProblem(f"Pick the {what} from the list ({value!r} is not one of the dataset's values).")
    paragraph = find_quote(result, quote)
    article_id = str(result.metadata.get("article_id", "new"))
    row = {"statement_id": f"{article_id}_s{number}", "event_id": event_id, "actor_id": actor_id,
           "issue_id": issue_id, "act": act, "stance": stance, "reported_by": reported_by, "article_id": article_id,
           "paragraph": paragraph, "quote": quote, "note": note or None}
    return _typed(pd.DataFrame([row], columns=_COLUMNS))


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows typed as :func:`krcn_lab.load_statements` types them (so the two tables concatenate cleanly)."""
    spec = tables.TABLES["statements"]
    frame = frame.astype({c: "string" for c in _COLUMNS if c not in spec.integers and c not in spec.categories})
    frame["paragraph"] = frame["paragraph"].astype("Int64")
    for column, allowed in spec.categories.items():
        frame[column] = pd.Categorical(frame[column], categories=allowed)
    frame["cameo"] = frame["act"].map(tables.ACT_CAMEO).astype("string")
    return frame


def statements_csv(rows: pd.DataFrame) -> str:
    """*rows* as the lines of ``statements.csv`` (its header first), ready for ``krcn-lab add``.

    >>> print(statements_csv(pd.DataFrame([{"statement_id": "new_s1", "quote": "a, b"}])), end="")
    statement_id,event_id,actor_id,issue_id,act,stance,reported_by,article_id,paragraph,quote,note
    new_s1,,,,,,,,,"a, b",
    """
    out = io.StringIO()
    rows.reindex(columns=_COLUMNS).astype(object).where(lambda f: f.notna(), "").to_csv(
        out, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    return out.getvalue()


def preview_html(result, values: dict, number: int = 1) -> str:
    """What the form would add: the row in the shape of ``statements.csv``, or a kind message.

    >>> preview_html(None, {"actor_id": None, "issue_id": None, "stance": "support", "quote": ""})
    '...Analyse an article first...'
    """
    try:
        row = code_statement(result, number=number, **values)
    except CodingProblem as problem:
        return styled(message(str(problem)))
    return styled("<p>Ready to add (press <b>Add statement</b>):</p>" + html_table(row[_COLUMNS]))


def change_page(rows: pd.DataFrame, tabs: dict) -> tuple[str, bytes | None]:
    """The coded rows, what they change in the actor × issue network (HTML), and the drawing (PNG bytes).

    >>> change_page(pd.DataFrame(columns=_COLUMNS), {})
    ('...No statement coded yet...', None)
    """
    if rows.empty:
        return styled(message("No statement coded yet: add one with the form, and the change shows here.")), None
    change = actor_issue_change(rows, tabs)
    buffer = io.BytesIO()
    change_figure(change).savefig(buffer, format="png")
    items = "".join(f"<li>{html.escape(s)}</li>" for s in change.sentences)
    return (styled(f"<h4>Your statements ({len(rows)})</h4>" + html_table(rows[_COLUMNS])
                   + f"<h4>What they change in the actor × issue network</h4><ul>{items}</ul>"), buffer.getvalue())


def _form_controls() -> dict:
    """The form's controls, keyed by the ``code_statement`` argument each one fills."""
    wide = {"style": {"description_width": "initial"}, "layout": widgets.Layout(width="max-content")}
    return {"actor_id": tag_control(widgets.Dropdown(description="Speaker", **wide)),
            "issue_id": widgets.Dropdown(description="Issue", **wide),
            "stance": widgets.ToggleButtons(options=tables.STANCES, value="support", description="Stance"),
            "act": widgets.Dropdown(options=tables.ACTS, value="statement", description="Kind of act", **wide),
            "reported_by": widgets.Dropdown(options=tables.REPORTED_BY, value="article narration",
                                            description="Reported as", **wide),
            "quote": widgets.Textarea(description="Quote", placeholder="The exact words of one clean paragraph",
                                      layout=widgets.Layout(width="95%"))}


def statement_coder(lab, tabs: dict | None = None):
    """A small form to code statements of the article analysed in *lab* (:func:`.capstone_view.article_lab`);
    ``box.rows`` holds them, and the actor × issue network's change is shown below the form.

    >>> from .capstone_view import article_lab
    >>> coder = statement_coder(article_lab())
    >>> coder.controls["quote"].value = "work together on supply chains"; coder.controls["add"].click()
    >>> coder.rows["issue_id"].tolist() == [coder.controls["issue_id"].value], "Added new_s1" in coder.output.value
    (True, True)
    """
    tabs = coding_tables() if tabs is None else tabs
    c = _form_controls()
    add, clear = widgets.Button(description="Add statement", button_style="primary"), widgets.Button(
        description="Remove my statements")
    out, changes = tag_output(widgets.HTML()), widgets.HTML()
    image = widgets.Image(format="png", layout=widgets.Layout(max_width="900px", display="none"))
    box = widgets.VBox([*c.values(), widgets.HBox([add, clear]), out, changes, image])
    box.controls, box.output, box.changes, box.image = {**c, "add": add, "clear": clear}, out, changes, image
    box.rows = pd.DataFrame(columns=_COLUMNS)

    def preview(*_):
        values = {name: control.value for name, control in c.items()}
        out.value = preview_html(lab.result, values, len(box.rows) + 1)

    def redraw(rows):
        box.rows = rows
        changes.value, png = change_page(rows, tabs)
        image.layout.display = None if png else "none"
        image.value = png or b""

    def on_result(result):
        for name, options in (("actor_id", speaker_choices(result, tabs["actors"])),
                              ("issue_id", issue_choices(result, tabs["issues"]))):
            c[name].options = options
            c[name].value = options[0][1] if options else None
        redraw(pd.DataFrame(columns=_COLUMNS))
        preview()

    def on_add(_):
        values = {name: control.value for name, control in c.items()}
        try:
            row = code_statement(lab.result, number=len(box.rows) + 1, **values)
        except CodingProblem as problem:
            out.value = styled(message(str(problem)))
            return
        redraw(row if box.rows.empty else pd.concat([box.rows, row], ignore_index=True))
        c["quote"].value = ""
        out.value = styled(message(f"Added {row['statement_id'].iloc[0]}. Code another one, or read what changed below."))

    for control in c.values():
        control.observe(preview, names="value")
    add.on_click(on_add)
    clear.on_click(lambda _: (redraw(pd.DataFrame(columns=_COLUMNS)), preview()))
    lab.listeners.append(on_result)
    on_result(lab.result)
    return box
