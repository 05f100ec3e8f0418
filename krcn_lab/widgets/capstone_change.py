"""What a new article changes in the networks (the capstone, part 3): before and after, in words and drawn.

:func:`actor_issue_change` and :func:`comention_change` run the package's builders
(:mod:`krcn_lab.builders`) on the shipped tables, then on the shipped tables plus the new rows
(coded statements, or the new article's mentions), and compare the two graphs with
:func:`krcn_lab.compare_networks`; :func:`change_sentences` says what was gained and what grew,
every name and number taken from the graphs; :func:`change_figure` draws the neighbourhood of
the changed nodes before and after. Nothing is written to disk.

>>> import networkx as nx
>>> G1, G2 = nx.Graph([("a", "b")]), nx.Graph([("a", "b"), ("b", "c")])
>>> change_sentences(G1, G2, comparison.compare_networks(G1, G2))[2]
'New edge (1): b – c.'
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import pandas as pd

from .. import builders, comparison, dataset, drawing, mention_tables

__all__ = ["NetworkChange", "coding_tables", "actor_issue_change", "comention_change", "change_sentences", "focus",
           "change_figure"]


def coding_tables() -> dict:
    """The shipped tables the networks are built from (loaded once): statements, actors, issues, events,
    articles, administrations and mentions.

    >>> sorted(coding_tables())[:3]
    ['actors', 'administrations', 'articles']
    """
    return {"statements": dataset.load_statements(), "actors": dataset.load_actors(),
            "issues": dataset.load_issues(), "events": dataset.load_events(), "articles": dataset.load_articles(),
            "administrations": dataset.load_administrations(), "mentions": mention_tables.load_mentions()}


@dataclass
class NetworkChange:
    """A network before and after adding the new rows, their comparison, sentences about it, and the
    nodes whose neighbourhood holds every change (``touched``: what :func:`change_figure` draws)."""

    before: nx.Graph
    after: nx.Graph
    diff: comparison.Comparison
    sentences: list
    touched: set


def actor_issue_change(new_rows: pd.DataFrame, tabs: dict | None = None) -> NetworkChange:
    """The actor × issue network of the shipped statements, and of those plus *new_rows*, compared.

    >>> from .capstone_view import DEMO_ARTICLE, analyse_input
    >>> from .capstone_coding import code_statement
    >>> row = code_statement(analyse_input(DEMO_ARTICLE)[0], "cho_hyun", "supply_chains", "support", "supply chains")
    >>> actor_issue_change(row).diff.edges_only_second
    {('cho_hyun', 'supply_chains')}
    """
    t = coding_tables() if tabs is None else tabs
    build = lambda s: builders.build_actor_issue_network(  # noqa: E731
        s, t["actors"], t["issues"], t["events"], t["articles"], t["administrations"])
    before, after = build(t["statements"]), build(pd.concat([t["statements"], new_rows], ignore_index=True))
    touched = set(new_rows["actor_id"])  # the speakers: their neighbourhood holds every edge that changed
    diff = comparison.compare_networks(before, after)
    return NetworkChange(before, after, diff, change_sentences(before, after, diff, "statement"), touched)


def comention_change(result, tabs: dict | None = None) -> NetworkChange:
    """The co-mention network of the seeds' mentions, and of those plus the new article's, compared.

    >>> from .capstone_view import DEMO_ARTICLE, analyse_input
    >>> sorted(comention_change(analyse_input(DEMO_ARTICLE)[0]).touched)
    ['chn', 'cho_hyun', 'kor', 'wang_yi']
    """
    t = coding_tables() if tabs is None else tabs
    before = builders.build_comention_network(t["mentions"], t["actors"])
    after = builders.build_comention_network(pd.concat([t["mentions"], result.mentions], ignore_index=True),
                                             t["actors"])
    diff = comparison.compare_networks(before, after)
    return NetworkChange(before, after, diff, change_sentences(before, after, diff, "paragraph"),
                         set(result.mentions["actor_id"]))


def _label(G: nx.Graph, node) -> str:
    return str(G.nodes[node].get("label") or node) if node in G else str(node)


def _pair(G: nx.Graph, edge) -> str:
    u, v = sorted(edge, key=lambda n: (G.nodes[n].get("bipartite", 0), str(n)))
    return f"{_label(G, u)} – {_label(G, v)}"


def change_sentences(before: nx.Graph, after: nx.Graph, diff, unit: str = "statement") -> list[str]:
    """What adding rows changed, in words: sizes, nodes and edges gained, edges that grew (by ``weight``).

    >>> G1, G2 = nx.Graph([("a", "b")], name="T"), nx.Graph([("a", "b"), ("a", "c")])
    >>> change_sentences(G1, G2, comparison.compare_networks(G1, G2))[1:3]
    ['New node (1): c.', 'New edge (1): a – c.']
    """
    size = lambda G: f"{G.number_of_nodes()} nodes and {G.number_of_edges()} edges"  # noqa: E731
    out = [f"{before.graph.get('name', 'The network')}: {size(before)} before, {size(after)} after."]
    gained_nodes = sorted(_label(after, n) for n in diff.nodes_only_second)
    gained_edges = sorted(_pair(after, e) for e in diff.edges_only_second)
    out.append(f"New node ({len(gained_nodes)}): {'; '.join(gained_nodes)}." if gained_nodes
               else "No new node: every node the new rows touch was already in the network.")
    out.append(f"New edge ({len(gained_edges)}): {'; '.join(gained_edges)}." if gained_edges
               else "No new edge: every pair the new rows link was already linked.")
    grew = sorted((_pair(after, e), before.edges[e].get("weight", 1), after.edges[e].get("weight", 1))
                  for e in diff.edges_both if after.edges[e].get("weight", 1) != before.edges[e].get("weight", 1))
    if grew:
        out.append(f"Stronger edge ({len(grew)}), in {unit}s: "
                   + "; ".join(f"{pair} ({old} → {new})" for pair, old, new in grew) + ".")
    return out


def focus(G: nx.Graph, nodes) -> nx.Graph:
    """A copy of *G* with only *nodes* (those present) and their neighbours, keeping the graph's attributes.

    >>> sorted(focus(nx.Graph([("a", "b"), ("b", "c"), ("c", "d")]), {"a", "x"}))
    ['a', 'b']
    """
    keep = {n for n in nodes if n in G}
    keep |= {m for n in keep for m in G.neighbors(n)}
    return G.subgraph(keep).copy()


def change_figure(change: NetworkChange):
    """The neighbourhood of the nodes the new rows touch, before and after, side by side (a Figure).

    >>> from .capstone_view import DEMO_ARTICLE, analyse_input
    >>> len(change_figure(comention_change(analyse_input(DEMO_ARTICLE)[0])).axes) >= 2
    True
    """
    from matplotlib.figure import Figure

    after = focus(change.after, change.touched)
    before = change.before.subgraph([n for n in after if n in change.before]).copy()
    height = max(5.0, 0.45 * after.number_of_nodes() + 2)
    figure = Figure(figsize=(12, height), layout="constrained")
    left, right = figure.subplots(1, 2)
    drawing.draw_network(before, ax=left, title="Before: the shipped data")
    drawing.draw_network(after, ax=right, title="After: with the new article")
    return figure
