"""The workbook's networks: five kinds, each built from the shipped tables, and projections.

Each public function here (:func:`meeting_network`, :func:`actor_event_network`,
:func:`actor_issue_network`, :func:`comention_network`, :func:`issue_network`) loads the
package's tables (or those in *data_dir*) and calls its builder in :mod:`krcn_lab.builders`,
which takes tables and returns a new :mod:`networkx` graph. :data:`NETWORK_KINDS` lists the
kinds with a label for a learner, the builder, the wrapper and the selection arguments;
:func:`project_bipartite` turns a two-mode graph into a one-mode one.

Every node carries ``kind`` (the actor's kind, or ``"issue"`` / ``"event"``), ``label`` and
``country`` (ISO3 for actors, ``""`` otherwise). Two-mode graphs also carry ``bipartite``
(0 for actors, 1 for events or issues). Attributes are plain ``str``, ``int``, ``float`` or
``bool`` (lists ``"|"``-joined), with the same names on every node (``""`` where one does not
apply), so graphs export to GraphML, GEXF and CSV and read back unchanged. ``G.graph`` has
``name``, ``selection`` (in words) and ``network`` (its key in :data:`NETWORK_KINDS`); an
empty graph also has ``reason``: an empty selection is an answer, not an error.

How things are dated
--------------------
* An event by its ``date`` (the first day of its month or year when only that is known) and
  its ``rok_administration``; an event whose possible dates span a change of government
  belongs to no single administration.
* A statement by its event; a statement with no (dated) event by the ``published`` date of
  the article that reports it. A mention by the ``published`` date of its article.

``administration`` takes a South Korean leader's name, any case (``"Yoon"``, ``"Lee"``;
see :func:`resolve_administration`). ``start`` and ``end`` are inclusive; an ``end`` written
as a bare year (``"2024"``) or month (``"2024-07"``) means its last day. Anything dated
nowhere is left out as soon as a filter is given.

Example
-------
>>> G = meeting_network(administration="Lee")
>>> sorted(G.edges())
[('cho_hyun', 'wang_yi'), ('park_byeong_seug', 'wang_yi')]
>>> G.nodes["wang_yi"]["label"], G.nodes["wang_yi"]["country"]
('Wang Yi', 'CHN')
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Callable

import networkx as nx
import pandas as pd
from networkx.algorithms import bipartite

from . import dataset
from .builders import (
    build_actor_event_network,
    build_actor_issue_network,
    build_comention_network,
    build_issue_network,
    build_meeting_network,
)
from .mention_tables import load_mentions
from .periods import resolve_leaders

__all__ = [
    "NETWORK_KINDS", "NetworkKind", "network_kinds",
    "meeting_network", "actor_event_network", "actor_issue_network", "comention_network", "issue_network",
    "project_bipartite", "project", "resolve_administration",
]


def resolve_administration(name: str, data_dir=None) -> tuple[str, ...]:
    """The South Korean leader(s) that *name* stands for, from the shipped administrations table
    (or the one in *data_dir*); see :func:`krcn_lab.periods.resolve_leaders` for the rules.

    Example
    -------
    >>> resolve_administration("yoon"), resolve_administration("Lee")
    (('Yoon Suk Yeol',), ('Lee Jae Myung',))
    """
    return resolve_leaders(dataset.load_administrations(data_dir), name)


def _events_tables(data_dir) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    return (dataset.load_events(data_dir), dataset.load_participants(data_dir), dataset.load_actors(data_dir),
            dataset.load_administrations(data_dir))


def meeting_network(administration=None, start=None, end=None, include_background=False, *, data_dir=None):
    """Who met whom: actors linked when they took part in the same meeting
    (:func:`krcn_lab.builders.build_meeting_network` on the shipped tables).

    *include_background* also uses background events that have two or more participants;
    *data_dir* is a folder of coded CSV files to read instead of the package's own.

    Example
    -------
    >>> G = meeting_network("Yoon")
    >>> sorted(G.edges(data="weight"))
    [('cho_tae_yul', 'wang_yi', 1), ('kim_hong_kyun', 'ma_zhaoxu', 1)]
    >>> meeting_network(start="2030-01-01", end="2030-12-31").graph["reason"]
    'no meetings between 2030-01-01 and 2030-12-31'
    """
    return build_meeting_network(*_events_tables(data_dir), administration=administration, start=start, end=end,
                                 include_background=include_background)


def actor_event_network(administration=None, start=None, end=None, include_background=False, *, data_dir=None):
    """Actors × events, a two-mode graph of participations
    (:func:`krcn_lab.builders.build_actor_event_network` on the shipped tables).

    Example
    -------
    >>> G = actor_event_network("Lee")
    >>> sorted(n for n, side in G.nodes(data="bipartite") if side == 1)
    ['mtg_2025_08_envoy_beijing', 'mtg_2025_09_fm_beijing']
    >>> G.degree("wang_yi")
    2
    """
    return build_actor_event_network(*_events_tables(data_dir), administration=administration, start=start,
                                     end=end, include_background=include_background)


def actor_issue_network(administration=None, start=None, end=None, *, data_dir=None):
    """Actors × issues, a two-mode graph of coded statements with stances on the edges
    (:func:`krcn_lab.builders.build_actor_issue_network` on the shipped tables).

    Example
    -------
    >>> G = actor_issue_network("Lee")
    >>> edge = G.edges["cho_hyun", "north_korea_dialogue"]
    >>> edge["stance"], edge["support"] >= 1
    ('support', True)
    """
    return build_actor_issue_network(
        dataset.load_statements(data_dir), dataset.load_actors(data_dir), dataset.load_issues(data_dir),
        dataset.load_events(data_dir), dataset.load_articles(data_dir), dataset.load_administrations(data_dir),
        administration=administration, start=start, end=end)


def comention_network(administration=None, start=None, end=None, *, data_dir=None):
    """Actors linked when the automatic mentions find them in the same paragraph
    (:func:`krcn_lab.builders.build_comention_network` on :func:`krcn_lab.load_mentions`).

    Example
    -------
    >>> G = comention_network("Lee")
    >>> G.has_edge("cho_hyun", "wang_yi"), G.has_edge("cho_hyun", "cho_tae_yul")
    (True, False)
    """
    return build_comention_network(
        load_mentions(data_dir), dataset.load_actors(data_dir), dataset.load_articles(data_dir),
        dataset.load_administrations(data_dir), administration=administration, start=start, end=end)


def issue_network(administration=None, start=None, end=None, include_background=False, *, data_dir=None):
    """Issues linked when raised at the same event
    (:func:`krcn_lab.builders.build_issue_network` on the shipped tables).

    Example
    -------
    >>> G = issue_network("Yoon")
    >>> G.graph["selection"]
    'meetings in the Yoon Suk Yeol administration'
    >>> issue_network(end="1990-01-01").graph["reason"]
    'no statements at meetings up to 1990-01-01'
    """
    return build_issue_network(
        dataset.load_statements(data_dir), dataset.load_events(data_dir), dataset.load_issues(data_dir),
        dataset.load_administrations(data_dir), administration=administration, start=start, end=end,
        include_background=include_background)


# ------------------------------------------------------------------ projections


_SIDES = {"actors": lambda d: d.get("bipartite") == 0, "issues": lambda d: d.get("kind") == "issue",
          "events": lambda d: d.get("kind") == "event", 0: lambda d: d.get("bipartite") == 0,
          1: lambda d: d.get("bipartite") == 1}


def project_bipartite(G: nx.Graph, onto) -> nx.Graph:
    """Project a two-mode graph onto one side: two nodes are linked when they share neighbours.

    Uses :func:`networkx.algorithms.bipartite.weighted_projected_graph`, so ``weight`` is the
    number of shared neighbours (for actors × issues: issues both spoke on, whatever their
    stances). ``shared`` lists them, ``"|"``-joined. *G* is not changed.

    Parameters
    ----------
    G : networkx.Graph
        A graph from :func:`actor_event_network` or :func:`actor_issue_network` (or any
        graph whose nodes carry ``bipartite`` 0/1).
    onto : {"actors", "issues", "events", 0, 1}
        The side to keep.

    Returns
    -------
    networkx.Graph
        One-mode graph of that side (node attributes kept, except ``bipartite``).

    Example
    -------
    >>> B = nx.Graph()
    >>> B.add_nodes_from(["ann", "bo", "cy"], bipartite=0, kind="person")
    >>> B.add_nodes_from(["trade", "peace"], bipartite=1, kind="issue")
    >>> B.add_edges_from([("ann", "trade"), ("bo", "trade"), ("ann", "peace"), ("bo", "peace"), ("cy", "peace")])
    >>> P = project_bipartite(B, "actors")
    >>> sorted(P.edges(data="weight"))
    [('ann', 'bo', 2), ('ann', 'cy', 1), ('bo', 'cy', 1)]
    >>> P.edges["ann", "bo"]["shared"]
    'peace|trade'
    """
    if onto not in _SIDES:
        raise ValueError(f"onto={onto!r}: choose 'actors', 'issues', 'events', 0 or 1")
    if any("bipartite" not in data for _, data in G.nodes(data=True)):
        raise ValueError("G is not a two-mode graph: some nodes have no 'bipartite' attribute")
    keep = [n for n, data in G.nodes(data=True) if _SIDES[onto](data)]
    if G.number_of_nodes() and not keep:
        kinds = sorted({str(d.get("kind")) for _, d in G.nodes(data=True)})
        raise ValueError(f"onto={onto!r}: G has no such nodes (its node kinds: {', '.join(kinds)})")
    name = f"{G.graph.get('name', 'graph')}, projected onto {onto if isinstance(onto, str) else f'side {onto}'}"
    if len(keep) == G.number_of_nodes():  # empty graph, or no other side: nothing to share
        P = nx.Graph()
        P.add_nodes_from((n, dict(G.nodes[n])) for n in keep)
    else:
        P = bipartite.weighted_projected_graph(G, keep)
    P.graph = {**G.graph, "name": name, "network": "projection"}
    for n in P:
        del P.nodes[n]["bipartite"]  # every node has one: checked above
    for u, v, data in P.edges(data=True):
        data["shared"] = "|".join(sorted(map(str, set(G[u]) & set(G[v]))))
    if P.number_of_nodes() == 0:
        P.graph["reason"] = G.graph.get("reason", "the two-mode graph is empty")
    return P


#: The old name of :func:`project_bipartite`, kept so that existing code keeps working.
project = project_bipartite


# ------------------------------------------------------------------ the registry of kinds


@dataclass(frozen=True)
class NetworkKind:
    """One kind of network: its key, a label for a learner, its builder (tables in) and its
    wrapper (shipped tables), and whether it is two-mode (see :func:`project_bipartite`)."""

    key: str
    label: str
    builder: Callable[..., nx.Graph]
    wrapper: Callable[..., nx.Graph]
    two_mode: bool

    @property
    def arguments(self) -> tuple[str, ...]:
        """The selection arguments the wrapper takes, read from its signature.

        >>> NETWORK_KINDS["actor_issue"].arguments
        ('administration', 'start', 'end')
        """
        return tuple(name for name in inspect.signature(self.wrapper).parameters if name != "data_dir")


#: Every kind of network, by the key that its graphs carry in ``G.graph["network"]``.
NETWORK_KINDS: dict[str, NetworkKind] = {kind.key: kind for kind in [
    NetworkKind("meetings", "Meetings: who met whom", build_meeting_network, meeting_network, False),
    NetworkKind("actor_event", "Actors × events: who took part in which event", build_actor_event_network,
                actor_event_network, True),
    NetworkKind("actor_issue", "Actors × issues: who spoke on what, with stances", build_actor_issue_network,
                actor_issue_network, True),
    NetworkKind("comention", "Co-mentions: actors named in the same paragraph", build_comention_network,
                comention_network, False),
    NetworkKind("issues", "Issues raised at the same event", build_issue_network, issue_network, False),
]}


def network_kinds() -> pd.DataFrame:
    """:data:`NETWORK_KINDS` as a table for a menu: ``key``, ``label``, ``two_mode``, ``arguments``.

    Example
    -------
    >>> network_kinds()[["key", "two_mode"]].values.tolist()
    [['meetings', False], ['actor_event', True], ['actor_issue', True], ['comention', False], ['issues', False]]
    """
    rows = [{"key": k.key, "label": k.label, "two_mode": k.two_mode, "arguments": k.arguments}
            for k in NETWORK_KINDS.values()]
    return pd.DataFrame(rows)
