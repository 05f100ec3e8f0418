"""Widgets for the notebooks: each module wires ipywidgets controls to plain functions.

- :mod:`.article_view`   – an article raw or clean, removed lines with their rule, mentions, claims.
- :mod:`.actor_view`     – who is who: roles over time, events taken part in, statements.
- :mod:`.timeline_view`  – events on a date axis with administrations as bands; filters; event details.
- :mod:`.quiz`           – formative multiple-choice and short-answer questions.
- :mod:`.issue_view`     – who raised which issues, when, with what stance, in whose words.
- :mod:`.network_view`   – a network by kind, period and centrality measure; drawing beside ranking; export.
- :mod:`.compare_view`   – two administrations side by side, with a generated summary of what changed.
- :mod:`.capstone_view`  – the capstone: paste or upload a new article; cleaning log, marked mentions, candidates.
- :mod:`.capstone_coding` – the capstone: code a statement of it with a small form (rows shaped like statements.csv).
- :mod:`.capstone_change` – the capstone: the networks before and after the new rows, in words and drawn.
- :mod:`.common`         – escaped HTML tables, friendly messages, the CSS classes.

Every factory returns a box whose ``controls`` (a dict of its controls) and ``output`` (the HTML
that the main control changes) let tests drive it without a browser. The main control carries
the CSS class ``krcn-control``, the output ``krcn-output``.

>>> box = short_answer("2 + 2?", ["4"], correct="Yes.")
>>> box.controls["answer"].value = "4"; "Yes." in box.output.value
True
"""

from .actor_view import actor_explorer
from .article_view import article_reader
from .capstone_coding import statement_coder
from .capstone_view import article_lab
from .compare_view import administration_comparer
from .issue_view import issue_explorer
from .network_view import network_viewer
from .quiz import multiple_choice, short_answer
from .timeline_view import timeline

__all__ = ["article_reader", "actor_explorer", "timeline", "multiple_choice", "short_answer",
           "issue_explorer", "network_viewer", "administration_comparer", "article_lab", "statement_coder"]
