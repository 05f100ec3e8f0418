"""Writing networks to GraphML, GEXF (for Gephi) and CSV, and reading them back unchanged.

Example
-------
>>> import networkx as nx, pathlib, tempfile
>>> path = pathlib.Path(tempfile.mkdtemp()) / "toy.gexf"
>>> _ = export_network(nx.Graph([("a", "b", {"weight": 2})]), path)
>>> read_network(path).edges["a", "b"]["weight"]
2
"""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import pandas as pd

from .files import atomic_path

__all__ = ["export_network", "read_network", "EXPORT_SUFFIXES"]

EXPORT_SUFFIXES = (".graphml", ".gexf", ".csv")


def _suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        raise ValueError(f"{path}: unknown suffix {path.suffix!r}; supported: {', '.join(EXPORT_SUFFIXES)}")
    return suffix


def _nodes_path(path: Path) -> Path:
    return path.with_name(f"{path.stem}.nodes.csv")


def export_network(G: nx.Graph, path) -> list[Path]:
    """Write *G* to *path* as GraphML, GEXF (for Gephi) or CSV, chosen by the suffix.

    * ``.graphml``: everything, including graph attributes (name, selection, reason).
    * ``.gexf``: nodes and edges with their attributes, and the graph's name (GEXF stores
      ``weight`` as a decimal; :func:`read_network` turns whole numbers back into ``int``).
    * ``.csv``: an edge list at *path* (columns ``source``, ``target`` and one per edge
      attribute) and a node list next to it at ``<stem>.nodes.csv`` (column ``node`` and one
      per node attribute); graph attributes are not kept.

    Each file is written to a temporary file first and then renamed, so a failed export
    leaves no half-written file.

    Parameters
    ----------
    G : networkx.Graph
    path : str or pathlib.Path

    Returns
    -------
    list of pathlib.Path
        The files written.

    Raises
    ------
    ValueError
        For a suffix other than ``.graphml``, ``.gexf`` or ``.csv``.

    Example
    -------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> G = nx.Graph([("a", "b", {"weight": 2})])
    >>> [p.name for p in export_network(G, folder / "toy.csv")]
    ['toy.csv', 'toy.nodes.csv']
    >>> read_network(folder / "toy.csv").edges["a", "b"]
    {'weight': 2}
    """
    path = Path(path)
    suffix = _suffix(path)
    if suffix == ".graphml":
        with atomic_path(path) as temporary:
            nx.write_graphml(G, temporary)
        return [path]
    if suffix == ".gexf":
        with atomic_path(path) as temporary:
            nx.write_gexf(G, temporary)
        return [path]
    edge_keys = sorted({k for _, _, d in G.edges(data=True) for k in d})
    node_keys = sorted({k for _, d in G.nodes(data=True) for k in d})
    edges = pd.DataFrame([{"source": u, "target": v, **d} for u, v, d in G.edges(data=True)],
                         columns=["source", "target", *edge_keys], dtype=object)
    # dtype=object keeps 3 as "3" when some rows lack the attribute (pandas would make it 3.0)
    nodes = pd.DataFrame([{"node": n, **d} for n, d in G.nodes(data=True)], columns=["node", *node_keys],
                         dtype=object)
    nodes_path = _nodes_path(path)
    with atomic_path(path) as edge_file, atomic_path(nodes_path) as node_file:
        edges.to_csv(edge_file, index=False)
        nodes.to_csv(node_file, index=False)
    return [path, nodes_path]


_INTEGER = re.compile(r"^[+-]?\d+$")


def _typed_column(values: pd.Series) -> list:
    """Text cells back to Python values: whole numbers, then decimals, then True/False, else text."""
    filled = [v for v in values if v != ""]
    if filled and all(_INTEGER.match(v) for v in filled):
        return [int(v) if v != "" else "" for v in values]
    if filled and all(v in ("True", "False") for v in filled):
        return [v == "True" if v != "" else "" for v in values]
    try:
        if filled:
            return [float(v) if v != "" else "" for v in values]
    except ValueError:
        pass
    return list(values)


def _read_csv(path: Path) -> nx.Graph:
    read = lambda p: pd.read_csv(p, dtype=str, keep_default_na=False)  # noqa: E731
    edges = read(path)
    missing = {"source", "target"} - set(edges.columns)
    if missing:
        raise ValueError(f"{path}: not an edge list (missing column(s) {', '.join(sorted(missing))})")
    G = nx.Graph()
    nodes_path = _nodes_path(path)
    if nodes_path.is_file():
        nodes = read(nodes_path)
        attributes = {c: _typed_column(nodes[c]) for c in nodes.columns if c != "node"}
        for i, n in enumerate(nodes["node"]):
            G.add_node(n, **{c: values[i] for c, values in attributes.items()})
    attributes = {c: _typed_column(edges[c]) for c in edges.columns if c not in ("source", "target")}
    for i, (u, v) in enumerate(zip(edges["source"], edges["target"])):
        G.add_edge(u, v, **{c: values[i] for c, values in attributes.items()})
    return G


def read_network(path) -> nx.Graph:
    """Read a graph written by :func:`export_network` (the format is chosen by the suffix).

    Node ids come back as text. For CSV, give the edge list's path; its node list
    ``<stem>.nodes.csv`` is read too when present, and cell types are restored column by
    column: whole numbers, decimals, True/False, else text (so a text column whose every
    cell looks like a number comes back as numbers, and an empty cell as ``""``; GraphML
    keeps types exactly). A CSV file is read as an undirected graph. GEXF gives every node
    a ``label`` (its id if it had none).

    Parameters
    ----------
    path : str or pathlib.Path

    Returns
    -------
    networkx.Graph

    Example
    -------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "toy.graphml"
    >>> G = nx.Graph([("a", "b", {"weight": 2})], name="Toy")
    >>> _ = export_network(G, path)
    >>> H = read_network(path)
    >>> nx.utils.graphs_equal(G, H)
    True
    """
    path = Path(path)
    suffix = _suffix(path)
    if path.name.endswith(".nodes.csv"):
        raise ValueError(f"{path}: this is a node list; read the edge list next to it instead")
    if suffix == ".csv":
        return _read_csv(path)
    if suffix == ".graphml":
        G = nx.read_graphml(path)
    else:
        G = nx.read_gexf(path)
        for _, _, data in G.edges(data=True):
            data.pop("id", None)
            weight = data.get("weight")
            if isinstance(weight, float) and weight.is_integer():
                data["weight"] = int(weight)
        del G.graph["mode"]  # networkx's reader always sets it (static or dynamic)
    for key in ("node_default", "edge_default"):
        if not G.graph.get(key):
            G.graph.pop(key, None)
    return G
