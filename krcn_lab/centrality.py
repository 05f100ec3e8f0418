"""Measuring a network: one row per node with four centrality measures, and the top-ranked nodes.

* :func:`centrality_table`: degree, weighted degree, betweenness and eigenvector
  centrality, and the connected component of every node;
* :func:`top_ranked` (also called :func:`top_k`): the highest nodes for each measure.

Example
-------
>>> G = nx.Graph([("a", "b"), ("b", "c")])
>>> top_ranked(centrality_table(G), k=1)[["measure", "node"]].values.tolist()
[['degree', 'b'], ['weighted_degree', 'b'], ['betweenness', 'b'], ['eigenvector', 'b']]
"""

from __future__ import annotations

import math

import networkx as nx
import pandas as pd

from .cells import as_text as _text

__all__ = ["MEASURES", "centrality_table", "top_ranked", "top_k"]

MEASURES = ["degree", "weighted_degree", "betweenness", "eigenvector"]
TABLE_COLUMNS = ["node", "label", "kind", "country"] + MEASURES + ["component"]


def _eigenvector(G: nx.Graph, components: list[set]) -> tuple[dict, list[str]]:
    values, notes = {}, []
    for component in components:
        if len(component) == 1:
            values[next(iter(component))] = 0.0
            continue
        try:
            values.update(nx.eigenvector_centrality(G.subgraph(component), max_iter=1000, weight="weight"))
        except nx.PowerIterationFailedConvergence:
            values.update(dict.fromkeys(component, math.nan))
            notes.append(f"eigenvector: did not converge for the component of {len(component)} nodes "
                         f"containing {sorted(map(str, component))[0]!r}; NaN there")
    if len(components) > 1:
        notes.append(f"eigenvector: the graph has {len(components)} connected components; "
                     "computed within each (compare values within a component only); isolated nodes get 0")
    return values, notes


def centrality_table(G: nx.Graph) -> pd.DataFrame:
    """One row per node: its label, kind and country, and four centrality measures.

    * ``degree``: number of neighbours;
    * ``weighted_degree``: sum of the ``weight`` of its edges (1 for an edge without one);
    * ``betweenness``: share of shortest paths between other nodes that pass through it
      (normalised, hops only: weights are strengths, not distances);
    * ``eigenvector``: weighted eigenvector centrality, computed within each connected
      component (values compare only within a component); an isolated node gets 0,
      and a component where the computation does not converge gets NaN.
    * ``component``: its connected component, 0 for the largest.

    Never raises on small, edgeless or disconnected graphs; ``table.attrs["notes"]``
    lists what a reader should know (an empty graph's reason, several components, NaNs).

    Parameters
    ----------
    G : networkx.Graph

    Returns
    -------
    pandas.DataFrame
        Columns ``node``, ``label``, ``kind``, ``country``, ``degree``, ``weighted_degree``,
        ``betweenness``, ``eigenvector``, ``component``; sorted by weighted degree, then node.

    Example
    -------
    >>> G = nx.Graph([("a", "b", {"weight": 2}), ("b", "c", {"weight": 1})])
    >>> table = centrality_table(G)
    >>> table[["node", "degree", "weighted_degree", "betweenness"]].values.tolist()
    [['b', 2, 3.0, 1.0], ['a', 1, 2.0, 0.0], ['c', 1, 1.0, 0.0]]
    >>> centrality_table(nx.Graph()).empty
    True
    """
    notes = []
    if G.number_of_nodes() == 0:
        table = pd.DataFrame({c: pd.Series(dtype="float64" if c in MEASURES[1:] else "object")
                              for c in TABLE_COLUMNS}).astype({"degree": "int64", "component": "int64"})
        table.attrs["notes"] = [f"empty graph: {G.graph.get('reason', 'no nodes')}"]
        return table
    U = G.to_undirected(as_view=True) if G.is_directed() else G
    if G.is_directed():
        notes.append("directed graph: measured as undirected")
    components = sorted(nx.connected_components(U), key=lambda c: (-len(c), sorted(map(str, c))))
    component_of = {n: i for i, c in enumerate(components) for n in c}
    eigenvector, eigen_notes = _eigenvector(U, components)
    notes += eigen_notes
    betweenness = nx.betweenness_centrality(U)
    rows = [
        {"node": n, "label": _text(data.get("label", n)) or str(n), "kind": _text(data.get("kind")),
         "country": _text(data.get("country")), "degree": U.degree(n),
         "weighted_degree": float(U.degree(n, weight="weight")), "betweenness": betweenness[n],
         "eigenvector": eigenvector[n], "component": component_of[n]}
        for n, data in U.nodes(data=True)
    ]
    table = pd.DataFrame(rows, columns=TABLE_COLUMNS)
    table = table.sort_values(["weighted_degree", "node"], ascending=[False, True], key=_sort_key)
    table = table.reset_index(drop=True)
    table.attrs["notes"] = notes
    return table


def _sort_key(column: pd.Series) -> pd.Series:
    return column.astype(str) if column.name == "node" else column


def top_ranked(table: pd.DataFrame, k: int = 5) -> pd.DataFrame:
    """The *k* highest nodes for each measure of a :func:`centrality_table`, in long form.

    Ties share a ``rank`` (1, 2, 2, 4) and are broken by node id to keep exactly *k* rows
    per measure; NaN values are skipped.

    Parameters
    ----------
    table : pandas.DataFrame
        A table from :func:`centrality_table`.
    k : int

    Returns
    -------
    pandas.DataFrame
        Columns ``measure``, ``rank``, ``node``, ``label``, ``kind``, ``country``, ``value``.

    Example
    -------
    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("c", "d")])
    >>> top = top_ranked(centrality_table(G), k=2)
    >>> top[top.measure == "degree"][["rank", "node", "value"]].values.tolist()
    [[1, 'b', 2.0], [1, 'c', 2.0]]
    """
    frames = []
    for measure in [m for m in MEASURES if m in table.columns]:
        ranked = table.dropna(subset=[measure]).assign(value=lambda t, m=measure: t[m].astype(float))
        ranked = ranked.assign(node_text=ranked["node"].astype(str))
        ranked = ranked.sort_values(["value", "node_text"], ascending=[False, True])
        ranked = ranked.assign(rank=ranked["value"].rank(method="min", ascending=False).astype("int64"))
        frames.append(ranked.head(k).assign(measure=measure))
    columns = ["measure", "rank", "node", "label", "kind", "country", "value"]
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)[columns]


#: The old name of :func:`top_ranked`, kept so that existing code keeps working.
top_k = top_ranked
