"""Comparing two networks (say, the Yoon era against the Lee era): nodes and edges gained and
lost, centrality changes, and, for two actor × issue graphs, each issue's share of the statements.

Example
-------
>>> diff = compare_networks(nx.Graph([("a", "b")]), nx.Graph([("a", "b"), ("b", "c")]))
>>> diff.nodes_only_second, diff.edges_both
({'c'}, {('a', 'b')})
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx
import pandas as pd

from .cells import as_text as _text
from .centrality import MEASURES, centrality_table

__all__ = ["Comparison", "compare_networks"]


@dataclass
class Comparison:
    """What :func:`compare_networks` finds: sets of nodes and edges, and two tables."""

    nodes_only_first: set
    nodes_only_second: set
    nodes_both: set
    edges_only_first: set
    edges_only_second: set
    edges_both: set
    centrality: pd.DataFrame
    issue_share: pd.DataFrame = field(default_factory=pd.DataFrame)


def _edge_set(G: nx.Graph) -> set:
    if G.is_directed():
        return set(G.edges())
    return {tuple(sorted((u, v), key=str)) for u, v in G.edges()}


def _is_actor_issue(G: nx.Graph) -> bool:
    if G.graph.get("network") == "actor_issue":
        return True
    return any(d.get("kind") == "issue" and "bipartite" in d for _, d in G.nodes(data=True))


def _issue_counts(G: nx.Graph) -> pd.DataFrame:
    rows = []
    for n, data in G.nodes(data=True):
        if data.get("kind") == "issue":
            count = sum(d.get("count", d.get("weight", 1)) for _, _, d in G.edges(n, data=True))
            rows.append({"issue": n, "label": _text(data.get("label", n)), "statements": int(count)})
    return pd.DataFrame(rows, columns=["issue", "label", "statements"])


def _issue_share(G1: nx.Graph, G2: nx.Graph) -> pd.DataFrame:
    columns = ["issue", "label", "statements_first", "statements_second",
               "share_first", "share_second", "share_change"]
    if not (_is_actor_issue(G1) and _is_actor_issue(G2)):
        return pd.DataFrame(columns=columns)
    first, second = _issue_counts(G1), _issue_counts(G2)
    merged = first.merge(second, on="issue", how="outer", suffixes=("_first", "_second"))
    merged["label"] = merged["label_first"].fillna(merged["label_second"])
    for side in ("first", "second"):
        merged[f"statements_{side}"] = merged[f"statements_{side}"].fillna(0).astype("int64")
        total = merged[f"statements_{side}"].sum()
        merged[f"share_{side}"] = merged[f"statements_{side}"] / total if total else 0.0
    merged["share_change"] = merged["share_second"] - merged["share_first"]
    merged = merged.sort_values(["share_change", "issue"], ascending=[False, True])
    return merged[columns].reset_index(drop=True)


def _centrality_change(G1: nx.Graph, G2: nx.Graph) -> pd.DataFrame:
    first, second = centrality_table(G1), centrality_table(G2)
    info = pd.concat([first, second])[["node", "label", "kind", "country"]].drop_duplicates("node")
    table = info.copy()
    table["in_first"] = table["node"].isin(first["node"])
    table["in_second"] = table["node"].isin(second["node"])
    for measure in MEASURES:
        a = table["node"].map(dict(zip(first["node"], first[measure]))).where(table["in_first"], 0).astype(float)
        b = table["node"].map(dict(zip(second["node"], second[measure]))).where(table["in_second"], 0).astype(float)
        table[f"{measure}_first"], table[f"{measure}_second"], table[f"{measure}_change"] = a, b, b - a
    table = table.assign(node_text=table["node"].astype(str)).sort_values("node_text").drop(columns="node_text")
    return table.reset_index(drop=True)


def compare_networks(G1: nx.Graph, G2: nx.Graph) -> Comparison:
    """Compare two graphs (say, the Yoon era and the Lee era): what is only in each, in both, and what moved.

    Parameters
    ----------
    G1, G2 : networkx.Graph
        The "first" and "second" graphs; changes are second minus first.

    Returns
    -------
    Comparison
        ``nodes_only_first``, ``nodes_only_second``, ``nodes_both``: sets of node ids.
        ``edges_only_first``, ``edges_only_second``, ``edges_both``: sets of edges, each a
        node pair sorted by id (for undirected graphs).
        ``centrality``: one row per node of either graph, ``in_first``/``in_second``, and for
        each measure of :func:`centrality_table` its value in each graph (0 where the node is
        absent) and ``<measure>_change``.
        ``issue_share``: when both are actor × issue graphs, each issue's statements and share
        of all statements in each graph and ``share_change``; otherwise an empty table.

    Example
    -------
    >>> before = nx.Graph([("a", "b"), ("b", "c")])
    >>> after = nx.Graph([("b", "c"), ("c", "d")])
    >>> diff = compare_networks(before, after)
    >>> diff.edges_only_first, diff.edges_only_second, diff.edges_both
    ({('a', 'b')}, {('c', 'd')}, {('b', 'c')})
    >>> diff.centrality.set_index("node").loc["a", ["degree_first", "degree_second", "degree_change"]].tolist()
    [1.0, 0.0, -1.0]
    """
    nodes1, nodes2 = set(G1.nodes()), set(G2.nodes())
    edges1, edges2 = _edge_set(G1), _edge_set(G2)
    return Comparison(
        nodes_only_first=nodes1 - nodes2, nodes_only_second=nodes2 - nodes1, nodes_both=nodes1 & nodes2,
        edges_only_first=edges1 - edges2, edges_only_second=edges2 - edges1, edges_both=edges1 & edges2,
        centrality=_centrality_change(G1, G2), issue_share=_issue_share(G1, G2),
    )
