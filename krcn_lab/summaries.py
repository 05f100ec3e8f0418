"""Plain-language summaries of a comparison between two networks (say, the Yoon era and the Lee era).

:func:`summarize_comparison` turns a :class:`krcn_lab.comparison.Comparison` into sentences:
what was gained (only in the second), lost (only in the first) and kept (in both), for
nodes and for edges; which node's centrality rose and fell most among the nodes in both;
and, for actor × issue graphs, which issue's share of coded statements rose and fell most.
Every number and name comes from the comparison; nothing is typed in. The wording stays
neutral ("appears only in the articles on the Lee era"): the data measure what the
articles report, not what the governments did. :func:`summary_markdown` and
:func:`summary_html` render the sentences as a list.

Example
-------
>>> import networkx as nx
>>> from krcn_lab.comparison import compare_networks
>>> before, after = nx.Graph([("a", "b"), ("b", "c")]), nx.Graph([("b", "c"), ("c", "d")])
>>> summarize_comparison(compare_networks(before, after))[3]
'Gained: 1 edge appears only in the articles on the Lee era: c – d.'
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

import pandas as pd

__all__ = ["summarize_comparison", "summary_markdown", "summary_html"]

CAVEAT = ("These counts describe what the coded articles report about each period, "
          "not everything that happened in it.")


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _number(value: float) -> str:
    return str(int(round(value))) if float(value).is_integer() else f"{value:.3f}"


def _labeller(comparison, labels: Mapping | None):
    if labels is None:
        table = getattr(comparison, "centrality", None)
        labels = dict(zip(table["node"], table["label"])) if table is not None and "label" in table else {}
    return lambda node: str(labels.get(node) or node)


def _names(items: set, render, limit: int | None, joiner: str) -> str:
    names = sorted(render(item) for item in items)
    if limit is not None and len(names) > limit:
        return joiner.join(names[:limit]) + f"{joiner}and {len(names) - limit} more"
    return joiner.join(names)


def _set_sentences(kind: str, gained: set, lost: set, kept: set, render, first: str, second: str,
                   limit: int | None = None) -> list[str]:
    """Three sentences (gained, lost, kept) about one kind of item (``node`` or ``edge``)."""
    out = []
    for word, items, where in (("Gained", gained, f"only in the articles on the {second}"),
                               ("Lost", lost, f"only in the articles on the {first}"),
                               ("Kept", kept, f"in the articles on both the {first} and the {second}")):
        if not items:
            out.append(f"{word}: no {kind} appears {where}.")
        else:
            verb = "appears" if len(items) == 1 else "appear"
            names = _names(items, render, limit, "; ")  # labels may hold commas
            out.append(f"{word}: {_plural(len(items), kind)} {verb} {where}: {names}.")
    return out


def _centrality_sentence(table: pd.DataFrame, measure: str, label) -> str | None:
    """Whose *measure* rose and fell most among the nodes in both graphs."""
    change = f"{measure}_change"
    if table is None or not {change, "in_first", "in_second"} <= set(table.columns):
        return None
    both = table[table[["in_first", "in_second"]].all(axis=1)].dropna(subset=[change])
    name = measure.replace("_", " ")
    if both.empty:
        return f"No node is in both networks, so no change in {name} can be compared."
    parts = []
    for verb, extreme in (("rose", both[change].max()), ("fell", both[change].min())):
        if (verb == "rose" and extreme > 0) or (verb == "fell" and extreme < 0):
            rows = both[both[change] == extreme].sort_values("node", key=lambda c: c.astype(str))
            who = ", ".join(f"{label(r.node)} (from {_number(getattr(r, measure + '_first'))} "
                            f"to {_number(getattr(r, measure + '_second'))})" for r in rows.itertuples())
            parts.append(f"{verb} most for {who}")
    among = f"among the {_plural(len(both), 'node')} in both"
    if not parts:
        return f"No {name} changed {among}."
    return f"{name[0].upper()}{name[1:]} {' and '.join(parts)}, {among}."


def _share(row, side: str, total: int) -> str:
    return f"{100 * row[f'share_{side}']:.1f}% ({row[f'statements_{side}']} of {total})"


def _issue_sentences(shares: pd.DataFrame) -> list[str]:
    """Which issue's share of coded statements rose and fell most."""
    if shares is None or shares.empty or "share_change" not in shares:
        return []
    totals = {side: int(shares[f"statements_{side}"].sum()) for side in ("first", "second")}
    out = []
    for verb, extreme in (("rose", shares["share_change"].max()), ("fell", shares["share_change"].min())):
        if (verb == "rose" and extreme > 0) or (verb == "fell" and extreme < 0):
            for _, row in shares[shares["share_change"] == extreme].sort_values("issue").iterrows():
                out.append(f"The share of coded statements on {row['label'] or row['issue']} {verb} most: "
                           f"from {_share(row, 'first', totals['first'])} to {_share(row, 'second', totals['second'])}.")
    return out or ["No issue's share of coded statements changed."]


def summarize_comparison(comparison, labels: Mapping | None = None, first_name: str = "Yoon era",
                         second_name: str = "Lee era", measure: str = "degree",
                         limit: int | None = None) -> list[str]:
    """What was gained, lost and kept between two networks, in plain sentences.

    Parameters
    ----------
    comparison : krcn_lab.comparison.Comparison
        From :func:`krcn_lab.comparison.compare_networks` (first graph, then second).
    labels : mapping of node id to label, optional
        Names to print; by default the ``label`` column of ``comparison.centrality``,
        and the node id where there is none.
    first_name, second_name : str
        What to call the first and the second graph's period.
    measure : str
        The centrality measure whose change is reported (a ``<measure>_change`` column).
    limit : int, optional
        Name at most this many nodes or edges per sentence, then "and N more" (the count
        in the sentence stays the full one). By default every one is named.

    Returns
    -------
    list of str
        Nodes gained, lost, kept; edges gained, lost, kept; the centrality sentence; issue
        shares (actor × issue comparisons only); and a closing caveat.

    Example
    -------
    >>> import networkx as nx
    >>> from krcn_lab.comparison import compare_networks
    >>> diff = compare_networks(nx.Graph([("a", "b")]), nx.Graph([("a", "b"), ("a", "c")]))
    >>> for sentence in summarize_comparison(diff, {"a": "Ann"}, "May", "June")[3:7]:
    ...     print(sentence)
    Gained: 1 edge appears only in the articles on the June: Ann – c.
    Lost: no edge appears only in the articles on the May.
    Kept: 1 edge appears in the articles on both the May and the June: Ann – b.
    Degree rose most for Ann (from 1 to 2), among the 2 nodes in both.
    """
    label = _labeller(comparison, labels)

    def edge(pair) -> str:
        return " – ".join(label(node) for node in pair)

    c = comparison
    sentences = _set_sentences("node", c.nodes_only_second, c.nodes_only_first, c.nodes_both, label,
                               first_name, second_name, limit)
    sentences += _set_sentences("edge", c.edges_only_second, c.edges_only_first, c.edges_both, edge,
                                first_name, second_name, limit)
    moved = _centrality_sentence(getattr(c, "centrality", None), measure, label)
    sentences += [moved] if moved else []
    sentences += _issue_sentences(getattr(c, "issue_share", None))
    return sentences + [CAVEAT]


def summary_markdown(sentences: list[str]) -> str:
    """The sentences as a Markdown bullet list (``*``, ``_`` and brackets escaped).

    >>> print(summary_markdown(["Gained: a_b.", "Kept: c."]))
    - Gained: a\\_b.
    - Kept: c.
    """
    return "\n".join("- " + re.sub(r"([\\*_\[\]`])", r"\\\1", s) for s in sentences)


def summary_html(sentences: list[str]) -> str:
    """The sentences as an HTML list, escaped.

    >>> summary_html(["Gained: A & B.", "Kept: <none>."])
    '<ul class="krcn-summary"><li>Gained: A &amp; B.</li><li>Kept: &lt;none&gt;.</li></ul>'
    """
    items = "".join(f"<li>{html.escape(s)}</li>" for s in sentences)
    return f'<ul class="krcn-summary">{items}</ul>'
