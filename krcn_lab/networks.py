"""Networks from the dataset: build them, measure them, compare them, draw them, export them.

Five builders return :mod:`networkx` graphs, each filterable by South Korean
administration and by date range:

* :func:`meeting_network`: actors, linked when they took part in the same meeting;
* :func:`actor_event_network`: actors × events, a two-mode graph of participations;
* :func:`actor_issue_network`: actors × issues, a two-mode graph of coded statements,
  with stances on the edges (and :func:`project` for either side);
* :func:`comention_network`: actors, linked when named in the same paragraph
  (from the automatic mentions);
* :func:`issue_network`: issues, linked when raised at the same event.

Then :func:`centrality_table` and :func:`top_k` measure a graph,
:func:`compare_networks` compares two (say, Yoon era against Lee era),
:func:`draw_network` draws one, and :func:`export_network` / :func:`read_network`
write and read GraphML, GEXF (for Gephi) and CSV.

Every node carries ``kind`` (the actor's kind, or ``"issue"`` / ``"event"``),
``label`` and ``country`` (ISO3 for actors, ``""`` otherwise), so a drawing or a
table needs nothing else. Two-mode graphs also carry ``bipartite`` (0 for actors,
1 for events or issues), as :mod:`networkx.algorithms.bipartite` expects. All
attributes are plain ``str``, ``int``, ``float`` or ``bool`` (lists are joined with
``"|"``), and every node of a graph has the same attribute names (``""`` where one
does not apply), so graphs export to GraphML, GEXF and CSV and read back unchanged.

Every graph has ``G.graph["name"]``, ``G.graph["selection"]`` (what was selected,
in words) and ``G.graph["network"]`` (which builder made it); an empty graph also has
``G.graph["reason"]``. An empty selection is an answer, not an error.

How things are dated
--------------------
* An event by its ``date`` (for an event known only to the month or year, the
  first day of that month or year) and its ``rok_administration``. An event whose
  possible dates span a change of government belongs to no single administration.
* A statement by its event; a statement with no event (or an undated one) by the
  ``published`` date of the article that reports it.
* A mention by the ``published`` date of its article.

``start`` and ``end`` take anything :class:`pandas.Timestamp` takes and are
inclusive; an ``end`` written as a bare year (``"2024"``) or month (``"2024-07"``)
means the last day of it. Anything dated nowhere is left out as soon as a filter
is given.

Example
-------
>>> G = meeting_network(administration="Lee")
>>> sorted(G.edges())
[('cho_hyun', 'wang_yi'), ('park_byeong_seug', 'wang_yi')]
>>> G.nodes["wang_yi"]["label"], G.nodes["wang_yi"]["country"]
('Wang Yi', 'CHN')
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass, field

import networkx as nx
import pandas as pd
from networkx.algorithms import bipartite

from . import dataset
from .dataset import as_text as _text
from .drawing import COUNTRY_COLOURS, KIND_COLOURS, KIND_SHAPES, draw_network
from .export import export_network, read_network
from .mentions import load_mentions

__all__ = [
    "meeting_network",
    "actor_event_network",
    "actor_issue_network",
    "comention_network",
    "issue_network",
    "project",
    "centrality_table",
    "top_k",
    "compare_networks",
    "Comparison",
    "draw_network",
    "export_network",
    "read_network",
    "resolve_administration",
    "COUNTRY_COLOURS",
    "KIND_COLOURS",
    "KIND_SHAPES",
]

MEASURES = ["degree", "weighted_degree", "betweenness", "eigenvector"]
TABLE_COLUMNS = ["node", "label", "kind", "country"] + MEASURES + ["component"]

# --------------------------------------------------------------------------------------
# Selecting events, statements and mentions
# --------------------------------------------------------------------------------------


def _leader_words(leader: str) -> list[str]:
    """The words of a leader's name outside parentheses, case-folded."""
    return re.sub(r"\([^)]*\)", " ", leader).casefold().split()


def resolve_administration(name: str, data_dir=None) -> tuple[str, ...]:
    """The South Korean leader(s) that *name* stands for, as written in ``load_administrations()``.

    *name* is a leader's full name, or one or more words of it, in any case: only words
    outside parentheses count, so ``"Lee"`` is Lee Jae Myung and not the acting president
    Lee Ju-ho. ``"acting"`` stands for every acting-president period at once (an acting
    presidency is an office, not a person); any other name must match exactly one leader.

    Parameters
    ----------
    name : str
        ``"Yoon"``, ``"yoon suk yeol"``, ``"LEE"``, ``"acting"``, ...
    data_dir : path, optional
        A folder of coded CSV files to read instead of the package's own.

    Returns
    -------
    tuple of str
        The leader names, exactly as in the ``leader`` column.

    Raises
    ------
    ValueError
        When *name* matches no leader, or several elected ones; the message lists the choices.

    Example
    -------
    >>> resolve_administration("yoon")
    ('Yoon Suk Yeol',)
    >>> resolve_administration("Lee")
    ('Lee Jae Myung',)
    """
    terms = dataset.load_administrations(data_dir)
    terms = terms[terms["country"] == "KOR"]
    leaders = [str(leader) for leader in terms["leader"]]
    kinds = dict(zip(leaders, terms["kind"].astype(str)))
    query = " ".join(str(name).casefold().split())
    exact = [leader for leader in leaders if " ".join(leader.casefold().split()) == query]
    if exact:
        return tuple(exact)
    words = query.split()
    matches = [leader for leader in leaders if words and set(words) <= set(_leader_words(leader))]
    choices = "; ".join(leaders)
    if not matches:
        raise ValueError(
            f"unknown administration {name!r}; choose one of: {choices} "
            "(any case; a single word of a name, such as 'Yoon', 'Lee' or 'acting', is enough)"
        )
    if len(matches) > 1 and not all(kinds[m] == "acting" for m in matches):
        raise ValueError(
            f"administration {name!r} is ambiguous: it matches {' and '.join(matches)}; "
            f"use more of the name. Choices: {choices}"
        )
    return tuple(matches)


@dataclass(frozen=True)
class _Selection:
    """A filter by administration and dates, and how to say it in words."""

    leaders: tuple[str, ...] | None
    start: pd.Timestamp | None
    end: pd.Timestamp | None

    def keep(self, dates: pd.Series, administrations: pd.Series) -> pd.Series:
        mask = pd.Series(True, index=dates.index)
        if self.leaders is not None:
            mask &= administrations.astype("string").isin(self.leaders).fillna(False).astype(bool)
        if self.start is not None:
            mask &= (dates >= self.start).fillna(False).astype(bool)
        if self.end is not None:
            mask &= (dates <= self.end).fillna(False).astype(bool)
        return mask

    def filters(self) -> str:
        parts = []
        if self.leaders is not None:
            who = " or ".join(self.leaders)
            parts.append(f"in the {who} administration" + ("s" if len(self.leaders) > 1 else ""))
        day = "%Y-%m-%d"
        if self.start is not None and self.end is not None:
            parts.append(f"between {self.start.strftime(day)} and {self.end.strftime(day)}")
        elif self.start is not None:
            parts.append(f"from {self.start.strftime(day)} on")
        elif self.end is not None:
            parts.append(f"up to {self.end.strftime(day)}")
        return " ".join(parts)

    def describe(self, what: str) -> str:
        return f"{what} {self.filters()}" if self.filters() else f"{what}, all dates"

    def reason(self, what: str) -> str:
        return f"no {what} {self.filters()}" if self.filters() else f"no {what} in the dataset"


def _timestamp(value, argument: str) -> pd.Timestamp | None:
    """*value* as a day; an *end* given as a bare year or year-month means its last day."""
    if value is None:
        return None
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{argument}={value!r} is not a date ({exc})") from None
    if pd.isna(stamp):
        return None
    stamp = stamp.tz_localize(None) if stamp.tzinfo is not None else stamp
    if argument == "end" and isinstance(value, str):
        if re.fullmatch(r"\s*\d{4}\s*", value):
            stamp += pd.offsets.YearEnd(0)
        elif re.fullmatch(r"\s*\d{4}-\d{1,2}\s*", value):
            stamp += pd.offsets.MonthEnd(0)
    return stamp


def _selection(administration, start, end, data_dir) -> _Selection:
    leaders = None if administration is None else resolve_administration(administration, data_dir)
    return _Selection(leaders, _timestamp(start, "start"), _timestamp(end, "end"))


def _events(selection: _Selection, include_background: bool, data_dir) -> pd.DataFrame:
    """Selected events (all meetings; background events too when asked)."""
    events = dataset.load_events(data_dir)
    if not include_background:
        events = events[events["kind"] == "meeting"]
    return events[selection.keep(events["date"], events["rok_administration"])]


def _dated_statements(data_dir) -> pd.DataFrame:
    """Statements with ``date`` and ``administration``: the event's, else the article's."""
    statements = dataset.load_statements(data_dir)
    events = dataset.load_events(data_dir)[["event_id", "date", "rok_administration"]]
    published = dataset.load_articles(data_dir)[["article_id", "published"]]
    statements = statements.merge(events, on="event_id", how="left").merge(published, on="article_id", how="left")
    undated = statements["date"].isna()
    statements["administration"] = statements["rok_administration"].astype("string")
    statements.loc[undated, "date"] = statements.loc[undated, "published"]
    statements.loc[undated, "administration"] = dataset.administrations_on(statements.loc[undated, "published"], data_dir)
    return statements


# --------------------------------------------------------------------------------------
# Building graphs
# --------------------------------------------------------------------------------------


def _actor_attributes(actor_ids, data_dir) -> dict[str, dict]:
    actors = dataset.load_actors(data_dir).set_index("actor_id")
    attributes = {}
    for actor_id in actor_ids:
        if actor_id in actors.index:
            row = actors.loc[actor_id]
            attributes[actor_id] = {"kind": _text(row["kind"]), "label": _text(row["name"]),
                                    "country": _text(row["country"])}
        else:  # a dangling id (validate() reports it); keep the node visible
            attributes[actor_id] = {"kind": "", "label": actor_id, "country": ""}
    return attributes


def _issue_attributes(issue_ids, data_dir) -> dict[str, dict]:
    issues = dataset.load_issues(data_dir).set_index("issue_id")
    return {
        issue_id: {"kind": "issue", "country": "",
                   "label": _text(issues.at[issue_id, "label"]) if issue_id in issues.index else issue_id,
                   "theme": _text(issues.at[issue_id, "theme"]) if issue_id in issues.index else ""}
        for issue_id in issue_ids
    }


def _event_attributes(events: pd.DataFrame) -> dict[str, dict]:
    return {
        row.event_id: {"kind": "event", "label": _text(row.title), "country": "",
                       "date": row.date.strftime("%Y-%m-%d") if pd.notna(row.date) else "",
                       "place": _text(row.place), "event_kind": _text(row.kind),
                       "administration": _text(row.rok_administration)}
        for row in events.itertuples()
    }


def _new_graph(network: str, name: str, selection: str) -> nx.Graph:
    return nx.Graph(name=name, selection=selection, network=network)


def _finish(G: nx.Graph, reason: str) -> nx.Graph:
    """Give every node (and every edge) the same attribute names, and explain an empty graph."""
    for items in (G.nodes.values(), [data for _, _, data in G.edges(data=True)]):
        keys = sorted({key for data in items for key in data})
        for data in items:
            for key in keys:
                data.setdefault(key, "")
    if G.number_of_nodes() == 0:
        G.graph["reason"] = reason
    return G


def _cooccurrence(pairs: pd.DataFrame, group: str, item: str) -> dict[tuple[str, str], list[str]]:
    """For each pair of items (sorted), the groups they share."""
    shared: dict[tuple[str, str], list[str]] = {}
    for key, members in pairs.groupby(group, sort=True)[item]:
        for u, v in itertools.combinations(sorted(set(members)), 2):
            shared.setdefault((u, v), []).append(str(key))
    return shared


def _add_cooccurrence_edges(G: nx.Graph, shared: dict, list_name: str) -> None:
    for (u, v), groups in sorted(shared.items()):
        G.add_edge(u, v, weight=len(groups), **{list_name: "|".join(sorted(groups))})


def _events_text(include_background: bool) -> str:
    return "meetings and background events" if include_background else "meetings"


def meeting_network(administration=None, start=None, end=None, include_background=False, *, data_dir=None):
    """Who met whom: actors linked when they took part in the same meeting.

    Parameters
    ----------
    administration : str, optional
        A South Korean leader's name, any case (``"Yoon"``, ``"Lee"``); see
        :func:`resolve_administration`. An event belongs to an administration when
        its ``rok_administration`` is exactly that leader.
    start, end : date-like, optional
        Keep events dated from *start* to *end*, both inclusive.
    include_background : bool
        Also use background events that have two or more participants.
    data_dir : path, optional
        A folder of coded CSV files to read instead of the package's own.

    Returns
    -------
    networkx.Graph
        Nodes are ``actor_id``\\ s with ``kind``, ``label``, ``country`` and ``events``
        (the events attended, ``"|"``-joined). Edges have ``weight`` (meetings shared)
        and ``events`` (their ids, sorted, ``"|"``-joined).

    Example
    -------
    >>> G = meeting_network("Yoon")
    >>> sorted(G.edges(data="weight"))
    [('cho_tae_yul', 'wang_yi', 1), ('kim_hong_kyun', 'ma_zhaoxu', 1)]
    >>> meeting_network(start="2030-01-01", end="2030-12-31").graph["reason"]
    'no meetings between 2030-01-01 and 2030-12-31'
    """
    selection = _selection(administration, start, end, data_dir)
    what = _events_text(include_background)
    events = _events(selection, include_background, data_dir)
    participants = dataset.load_participants(data_dir)
    participants = participants[participants["event_id"].isin(events["event_id"])]
    sizes = participants.groupby("event_id")["actor_id"].nunique()
    background = set(events.loc[events["kind"] == "background", "event_id"])
    keep = {e for e in events["event_id"] if e not in background or sizes.get(e, 0) >= 2}
    participants = participants[participants["event_id"].isin(keep)]

    G = _new_graph("meetings", "Meeting network", selection.describe(what))
    attended = participants.groupby("actor_id")["event_id"].agg(lambda ids: "|".join(sorted(set(ids))))
    for actor_id, attributes in _actor_attributes(sorted(attended.index), data_dir).items():
        G.add_node(actor_id, **attributes, events=attended[actor_id])
    _add_cooccurrence_edges(G, _cooccurrence(participants, "event_id", "actor_id"), "events")
    reason = selection.reason(what) if not keep else f"the selected {what} have no coded participants"
    return _finish(G, reason)


def actor_event_network(administration=None, start=None, end=None, include_background=False, *, data_dir=None):
    """Actors × events, a two-mode (bipartite) graph: an edge for each participation.

    Parameters
    ----------
    administration, start, end, data_dir
        As for :func:`meeting_network`.
    include_background : bool
        Also include background events (any number of participants).

    Returns
    -------
    networkx.Graph
        Actors have ``bipartite=0``; events have ``bipartite=1``, ``kind="event"``,
        ``label`` (the title), ``date``, ``place``, ``event_kind`` and
        ``administration``. Edges have ``weight=1``, ``side`` and ``role_at_event``.

    Example
    -------
    >>> G = actor_event_network("Lee")
    >>> sorted(n for n, side in G.nodes(data="bipartite") if side == 1)
    ['mtg_2025_08_envoy_beijing', 'mtg_2025_09_fm_beijing']
    >>> G.degree("wang_yi")
    2
    """
    selection = _selection(administration, start, end, data_dir)
    what = _events_text(include_background)
    events = _events(selection, include_background, data_dir)
    participants = dataset.load_participants(data_dir)
    participants = participants[participants["event_id"].isin(events["event_id"])]
    events = events[events["event_id"].isin(participants["event_id"])]

    G = _new_graph("actor_event", "Actors × events", selection.describe(what))
    for actor_id, attributes in _actor_attributes(sorted(set(participants["actor_id"])), data_dir).items():
        G.add_node(actor_id, **attributes, bipartite=0)
    for event_id, attributes in sorted(_event_attributes(events).items()):
        G.add_node(event_id, **attributes, bipartite=1)
    for row in participants.sort_values(["event_id", "actor_id"]).itertuples():
        G.add_edge(row.actor_id, row.event_id, weight=1, side=_text(row.side), role_at_event=_text(row.role_at_event))
    return _finish(G, selection.reason(what))


def _majority(counts: dict[str, int]) -> str:
    best = max(counts.values())
    winners = [stance for stance, n in counts.items() if n == best]
    return winners[0] if len(winners) == 1 else "mixed"


def actor_issue_network(administration=None, start=None, end=None, *, data_dir=None):
    """Actors × issues, a two-mode (bipartite) graph built from the coded statements.

    Statements are dated by their event, or, when they have none, by the ``published``
    date of their article (see the module's notes on dating).

    Parameters
    ----------
    administration, start, end, data_dir
        As for :func:`meeting_network`.

    Returns
    -------
    networkx.Graph
        Actors have ``bipartite=0``; issues have ``bipartite=1``, ``kind="issue"``,
        ``label`` and ``theme``. An edge joins an actor to an issue it spoke on, with
        ``count`` and ``weight`` (statements), ``support``, ``oppose`` and ``neutral``
        (statements with each stance), ``stance`` (the most frequent one, or ``"mixed"``
        on a tie) and ``statements`` (their ids, ``"|"``-joined).

    Example
    -------
    >>> G = actor_issue_network("Lee")
    >>> edge = G.edges["cho_hyun", "north_korea_dialogue"]
    >>> edge["stance"], edge["support"] >= 1
    ('support', True)
    """
    selection = _selection(administration, start, end, data_dir)
    statements = _dated_statements(data_dir)
    statements = statements.dropna(subset=["actor_id", "issue_id"])
    statements = statements[selection.keep(statements["date"], statements["administration"])]

    G = _new_graph("actor_issue", "Actors × issues", selection.describe("statements"))
    for actor_id, attributes in _actor_attributes(sorted(set(statements["actor_id"])), data_dir).items():
        G.add_node(actor_id, **attributes, bipartite=0)
    for issue_id, attributes in _issue_attributes(sorted(set(statements["issue_id"])), data_dir).items():
        G.add_node(issue_id, **attributes, bipartite=1)
    for (actor_id, issue_id), group in statements.groupby(["actor_id", "issue_id"], sort=True, observed=True):
        counts = {stance: int((group["stance"] == stance).sum()) for stance in dataset.STANCES}
        G.add_edge(actor_id, issue_id, weight=len(group), count=len(group), **counts,
                   stance=_majority(counts), statements="|".join(sorted(group["statement_id"])))
    return _finish(G, selection.reason("statements"))


def comention_network(administration=None, start=None, end=None, *, data_dir=None):
    """Actors linked when the automatic mentions find them in the same paragraph.

    Mentions come from :func:`krcn_lab.load_mentions` and are dated by the ``published``
    date of their article.

    Parameters
    ----------
    administration, start, end, data_dir
        As for :func:`meeting_network`.

    Returns
    -------
    networkx.Graph
        Nodes are actors with ``kind``, ``label``, ``country`` and ``paragraphs`` (how
        many paragraphs mention them). Edges have ``weight`` (paragraphs shared) and
        ``paragraphs`` (``"article_id:paragraph"`` keys, ``"|"``-joined).

    Example
    -------
    >>> G = comention_network("Lee")
    >>> G.has_edge("cho_hyun", "wang_yi"), G.has_edge("cho_hyun", "cho_tae_yul")
    (True, False)
    """
    selection = _selection(administration, start, end, data_dir)
    mentions = load_mentions(data_dir)
    published = dataset.load_articles(data_dir)[["article_id", "published"]]
    mentions = mentions.merge(published, on="article_id", how="left")
    administrations = pd.Series(dataset.administrations_on(mentions["published"], data_dir), index=mentions.index)
    mentions = mentions[selection.keep(mentions["published"], administrations)]
    mentions = mentions.assign(key=mentions["article_id"].astype(str) + ":" + mentions["paragraph"].astype(str))

    G = _new_graph("comention", "Co-mention network", selection.describe("paragraphs"))
    counts = mentions.groupby("actor_id")["key"].nunique()
    for actor_id, attributes in _actor_attributes(sorted(counts.index), data_dir).items():
        G.add_node(actor_id, **attributes, paragraphs=int(counts[actor_id]))
    _add_cooccurrence_edges(G, _cooccurrence(mentions, "key", "actor_id"), "paragraphs")
    return _finish(G, selection.reason("paragraphs with actor mentions"))


def issue_network(administration=None, start=None, end=None, include_background=False, *, data_dir=None):
    """Issues linked when raised at the same event (statements that have no event are left out).

    Parameters
    ----------
    administration, start, end, include_background, data_dir
        As for :func:`meeting_network`.

    Returns
    -------
    networkx.Graph
        Nodes are ``issue_id``\\ s with ``kind="issue"``, ``label``, ``country=""``,
        ``theme`` and ``events`` (where raised, ``"|"``-joined). Edges have ``weight``
        (events shared) and ``events``.

    Example
    -------
    >>> G = issue_network("Yoon")
    >>> G.graph["selection"]
    'meetings in the Yoon Suk Yeol administration'
    >>> issue_network(end="1990-01-01").graph["reason"]
    'no statements at meetings up to 1990-01-01'
    """
    selection = _selection(administration, start, end, data_dir)
    what = _events_text(include_background)
    events = _events(selection, include_background, data_dir)
    statements = dataset.load_statements(data_dir)
    statements = statements[statements["event_id"].isin(events["event_id"])]

    G = _new_graph("issues", "Issue co-occurrence network", selection.describe(what))
    raised = statements.groupby("issue_id")["event_id"].agg(lambda ids: "|".join(sorted(set(ids))))
    for issue_id, attributes in _issue_attributes(sorted(raised.index), data_dir).items():
        G.add_node(issue_id, **attributes, events=raised[issue_id])
    _add_cooccurrence_edges(G, _cooccurrence(statements, "event_id", "issue_id"), "events")
    return _finish(G, selection.reason(f"statements at {what}"))


# --------------------------------------------------------------------------------------
# Projections and measures
# --------------------------------------------------------------------------------------

_SIDES = {"actors": lambda d: d.get("bipartite") == 0, "issues": lambda d: d.get("kind") == "issue",
          "events": lambda d: d.get("kind") == "event", 0: lambda d: d.get("bipartite") == 0,
          1: lambda d: d.get("bipartite") == 1}


def project(G: nx.Graph, onto) -> nx.Graph:
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
    >>> P = project(B, "actors")
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
        P.nodes[n].pop("bipartite", None)
    for u, v, data in P.edges(data=True):
        data["shared"] = "|".join(sorted(map(str, set(G[u]) & set(G[v]))))
    if P.number_of_nodes() == 0:
        P.graph["reason"] = G.graph.get("reason", "the two-mode graph is empty")
    return P


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


def top_k(table: pd.DataFrame, k: int = 5) -> pd.DataFrame:
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
    >>> top = top_k(centrality_table(G), k=2)
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


# --------------------------------------------------------------------------------------
# Comparing two graphs
# --------------------------------------------------------------------------------------


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
    return G.number_of_nodes() > 0 and any(
        d.get("kind") == "issue" and "bipartite" in d for _, d in G.nodes(data=True)
    )


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
