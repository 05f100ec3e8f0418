"""Small helpers shared by every widget: escaped HTML tables, friendly messages, CSS classes.

Everything here is plain: strings in, strings out. The widgets only wire
controls to functions that use these helpers, so tests can call them without a browser.

>>> import pandas as pd
>>> "<td>&lt;Cho&gt;</td>" in html_table(pd.DataFrame({"name": ["<Cho>"]}))
True
"""

from __future__ import annotations

import html

import pandas as pd

__all__ = ["CONTROL_CLASS", "OUTPUT_CLASS", "cell_text", "html_table", "message", "styled",
           "tag_control", "tag_output"]

#: CSS class of each widget's main control (the browser test changes the first one it finds).
CONTROL_CLASS = "krcn-control"
#: CSS class of the output area that changes when the main control changes.
OUTPUT_CLASS = "krcn-output"

_TABLE_STYLE = ("<style>.krcn-table{border-collapse:collapse;font-size:90%;margin:4px 0}"
                ".krcn-table th,.krcn-table td{border:1px solid #999;padding:2px 6px;text-align:left;"
                "vertical-align:top}.krcn-table th{background:#eee}"
                ".krcn-message{padding:6px;border-left:4px solid #E69F00;background:#fff8e6}</style>")


def cell_text(value) -> str:
    """Text for one table cell: empty for a missing value, ``YYYY-MM-DD`` for a timestamp.

    >>> cell_text(pd.Timestamp("2025-09-17")), cell_text(pd.NA), cell_text(3)
    ('2025-09-17', '', '3')
    """
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return str(value)


def html_table(frame: pd.DataFrame, empty: str = "Nothing to show.") -> str:
    """An HTML table of *frame* with every header and cell escaped; *empty* as a message if no rows.

    >>> html_table(pd.DataFrame({"a": []}), empty="No rows.")
    '<div class="krcn-message">No rows.</div>'
    >>> "&lt;b&gt;" in html_table(pd.DataFrame({"a": ["<b>"]}))
    True
    """
    if frame.empty:
        return message(empty)
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = "".join("<tr>" + "".join(f"<td>{html.escape(cell_text(v))}</td>" for v in row) + "</tr>"
                   for row in frame.itertuples(index=False, name=None))
    return f'<table class="krcn-table"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def message(text: str) -> str:
    """A friendly, escaped message box (used for empty selections instead of an error).

    >>> message("No events match <these> filters.")
    '<div class="krcn-message">No events match &lt;these&gt; filters.</div>'
    """
    return f'<div class="krcn-message">{html.escape(text)}</div>'


def styled(body: str) -> str:
    """*body* preceded by the small stylesheet the widgets' tables use.

    >>> styled("<p>x</p>").endswith("<p>x</p>")
    True
    """
    return _TABLE_STYLE + body


def tag_control(widget):
    """Mark *widget* as its widget's main control (CSS class ``krcn-control``) and return it.

    >>> import ipywidgets
    >>> tag_control(ipywidgets.Dropdown(options=["a"]))._dom_classes
    ('krcn-control',)
    """
    widget.add_class(CONTROL_CLASS)
    return widget


def tag_output(widget):
    """Mark *widget* as the output area that follows the main control (``krcn-output``).

    >>> import ipywidgets
    >>> tag_output(ipywidgets.HTML())._dom_classes
    ('krcn-output',)
    """
    widget.add_class(OUTPUT_CLASS)
    return widget
