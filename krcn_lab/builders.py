"""Network builders: plain functions that take tables (DataFrames) and return a new graph.

Each ``build_*`` function takes the tables it needs (the shipped ones, a user's own
coding, or three hand-made rows) and a period selection; :mod:`krcn_lab.networks` wraps
them around the shipped tables. Minimal columns are listed in each docstring (extra
columns are ignored). Every builder takes the same selection arguments:

* ``administrations``: the table of terms (``country``, ``leader``, ``start``, ``end``,
  ``kind``), needed only to select by *administration* or to date rows that lack
  ``rok_administration``;
* ``administration``: a South Korean leader's name, any case (``"Yoon"``, ``"lee"``; see
  :func:`krcn_lab.periods.resolve_leaders`);
* ``start``, ``end``: dates, both inclusive (see :func:`krcn_lab.periods.as_timestamp`).

Example
-------
>>> t = _toy_tables()
>>> sorted(build_meeting_network(t["events"], t["participants"], t["actors"]).edges())
[('ann', 'bo')]
"""

from __future__ import annotations

import itertools

import networkx as nx
import pandas as pd

from .cells import as_text as _text
from .periods import Selection, administrations_on, select_period

__all__ = [
    "build_meeting_network", "build_actor_event_network", "build_actor_issue_network",
    "build_comention_network", "build_issue_network",
]

STANCES = ("support", "oppose", "neutral")


def _toy_tables() -> dict[str, pd.DataFrame]:
    """Three rows per table, for the examples."""
    return {  # pragma: no mutate
        "actors": pd.DataFrame({"actor_id": ["ann", "bo", "cy"], "name": ["Ann", "Bo", "Cy"],  # pragma: no mutate
                                "kind": "person", "country": ["KOR", "CHN", "KOR"]}),  # pragma: no mutate
        "events": pd.DataFrame({"event_id": ["e1", "e2", "e3"], "kind": ["meeting", "meeting", "background"],  # pragma: no mutate
                                "date": pd.to_datetime(["2024-05-13", "2025-09-17", "2017-01-01"])}),  # pragma: no mutate
        "participants": pd.DataFrame({"event_id": ["e1", "e1", "e2"], "actor_id": ["ann", "bo", "bo"]}),  # pragma: no mutate
        "issues": pd.DataFrame({"issue_id": ["trade", "peace", "climate"], "label": ["Trade", "Peace", "Climate"]}),  # pragma: no mutate
        "statements": pd.DataFrame({"statement_id": ["s1", "s2", "s3"], "actor_id": ["ann", "ann", "bo"],  # pragma: no mutate
                                    "issue_id": ["trade", "trade", "peace"], "event_id": ["e1", "e1", "e2"],  # pragma: no mutate
                                    "stance": ["support", "oppose", "neutral"]}),  # pragma: no mutate
    }  # pragma: no mutate


# ------------------------------------------------------------------ selecting and dating rows


def _leaders_on(dates: pd.Series, administrations) -> pd.Series:
    """The South Korean leader in office on each date (NA without an administrations table)."""
    leaders = administrations_on(dates, administrations) if administrations is not None else pd.NA
    return pd.Series(leaders, index=dates.index, dtype="string")


def _select_events(events, selection: Selection, include_background: bool, administrations) -> pd.DataFrame:
    """The events kept by *selection*, with ``date`` as dates and ``rok_administration`` filled in."""
    events = events if include_background else events[events["kind"] == "meeting"]
    dates = pd.to_datetime(events["date"])
    leaders = (events["rok_administration"].astype("string") if "rok_administration" in events.columns
               else _leaders_on(dates, administrations))
    events = events.assign(date=dates, rok_administration=leaders)
    return events[selection.keep(events["date"], events["rok_administration"])]


def _dated_statements(statements, events, articles, administrations) -> pd.DataFrame:
    """Statements with ``date`` and ``administration``: their event's, else their article's."""
    date = pd.Series(pd.NaT, index=statements.index)  # NaT makes it datetime64[ns]
    leader = pd.Series(pd.NA, index=statements.index, dtype="string")
    if events is not None and "event_id" in statements.columns:
        by_event = _select_events(events, Selection(None, None, None), True, administrations).set_index("event_id")
        date = pd.to_datetime(statements["event_id"].map(by_event["date"]))
        leader = statements["event_id"].map(by_event["rok_administration"]).astype("string")
    if articles is not None and "article_id" in statements.columns:
        published = pd.to_datetime(statements["article_id"].map(articles.set_index("article_id")["published"]))
        undated = date.isna()
        date = date.where(~undated, published)
        leader = leader.where(~undated, _leaders_on(published, administrations))
    return statements.assign(date=date, administration=leader)


# ------------------------------------------------------------------ nodes and edges


def _lookup(frame: pd.DataFrame, key: str, columns: list[str], ids) -> dict[str, dict]:
    """For each id, the text of *columns* in its row (missing columns and rows read as None)."""
    table = frame.drop_duplicates(key).set_index(key).reindex(columns=columns)
    return {i: ({c: _text(table.at[i, c]) for c in columns} if i in table.index else None) for i in ids}


def _actor_attributes(actor_ids, actors: pd.DataFrame) -> dict[str, dict]:
    rows = _lookup(actors, "actor_id", ["kind", "name", "country"], actor_ids)
    return {a: ({"kind": r["kind"], "label": r["name"], "country": r["country"]} if r
                else {"kind": "", "label": a, "country": ""})  # a dangling id: keep the node visible
            for a, r in rows.items()}


def _issue_attributes(issue_ids, issues: pd.DataFrame) -> dict[str, dict]:
    rows = {i: r or {} for i, r in _lookup(issues, "issue_id", ["label", "theme"], issue_ids).items()}
    return {i: {"kind": "issue", "country": "", "label": r.get("label") or i, "theme": r.get("theme", "")}
            for i, r in rows.items()}


def _event_attributes(events: pd.DataFrame) -> dict[str, dict]:
    events = events.reindex(columns=["event_id", "date", "title", "place", "kind", "rok_administration"])
    return {
        row.event_id: {"kind": "event", "label": _text(row.title) or row.event_id, "country": "",
                       "date": row.date.strftime("%Y-%m-%d") if pd.notna(row.date) else "",
                       "place": _text(row.place), "event_kind": _text(row.kind),
                       "administration": _text(row.rok_administration)}
        for row in events.itertuples()
    }


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


def _add_cooccurrence_edges(G: nx.Graph, pairs: pd.DataFrame, group: str, item: str, list_name: str) -> None:
    """Link two items once per *group* they share: ``weight`` and the groups, ``"|"``-joined."""
    shared: dict[tuple[str, str], list[str]] = {}
    for key, members in pairs.groupby(group)[item]:
        for u, v in itertools.combinations(sorted(set(members)), 2):
            shared.setdefault((u, v), []).append(str(key))
    for (u, v), groups in sorted(shared.items()):
        G.add_edge(u, v, weight=len(groups), **{list_name: "|".join(sorted(groups))})


def _joined(values) -> str:
    return "|".join(sorted(set(map(str, values))))


def _events_text(include_background: bool) -> str:
    return "meetings and background events" if include_background else "meetings"


# ------------------------------------------------------------------ builders: tables in, graph out


def build_meeting_network(events, participants, actors, administrations=None, *, administration=None, start=None,
                          end=None, include_background=False) -> nx.Graph:
    """Who met whom: actors linked when they took part in the same meeting.

    Tables (minimal columns): *events* ``event_id``, ``kind`` (meeting/background), ``date``
    (and ``rok_administration`` if known); *participants* ``event_id``, ``actor_id``; *actors*
    ``actor_id``, ``name``, ``kind``, ``country``. The selection is as in the module notes;
    *include_background* also uses background events that have two or more participants.

    Returns actor nodes (``kind``, ``label``, ``country``, ``events`` attended, ``"|"``-joined)
    and edges with ``weight`` (meetings shared) and ``events`` (their ids).

    Example
    -------
    >>> t = _toy_tables()
    >>> G = build_meeting_network(t["events"], t["participants"], t["actors"])
    >>> sorted(G.edges(data="events")), G.nodes["bo"]["events"]
    ([('ann', 'bo', 'e1')], 'e1|e2')
    >>> build_meeting_network(t["events"], t["participants"], t["actors"], end="2024-01-01").graph["reason"]
    'no meetings up to 2024-01-01'
    """
    selection = select_period(administrations, administration, start, end)
    what = _events_text(include_background)
    events = _select_events(events, selection, include_background, administrations)
    participants = participants[participants["event_id"].isin(events["event_id"])]
    sizes = participants.groupby("event_id")["actor_id"].nunique()
    background = set(events.loc[events["kind"] == "background", "event_id"])
    crowded = set(sizes.index[sizes >= 2])
    keep = {e for e in events["event_id"] if e not in background or e in crowded}
    participants = participants[participants["event_id"].isin(keep)]

    G = nx.Graph(name="Meeting network", selection=selection.describe(what), network="meetings")
    attended = participants.groupby("actor_id")["event_id"].agg(_joined)
    for actor_id, attributes in _actor_attributes(sorted(attended.index), actors).items():
        G.add_node(actor_id, **attributes, events=attended[actor_id])
    _add_cooccurrence_edges(G, participants, "event_id", "actor_id", "events")
    return _finish(G, selection.reason(what) if not keep else f"the selected {what} have no coded participants")


def build_actor_event_network(events, participants, actors, administrations=None, *, administration=None,
                              start=None, end=None, include_background=False) -> nx.Graph:
    """Actors × events, a two-mode graph: an edge for each participation.

    Tables and selection as for :func:`build_meeting_network` (``title``, ``place``, ``side`` and
    ``role_at_event`` are used when present); *include_background* adds background events.

    Returns actors with ``bipartite=0``; events with ``bipartite=1``, ``kind="event"``, ``label``
    (the title), ``date``, ``place``, ``event_kind``, ``administration``; edges with ``weight=1``,
    ``side`` and ``role_at_event``.

    Example
    -------
    >>> t = _toy_tables()
    >>> G = build_actor_event_network(t["events"], t["participants"], t["actors"])
    >>> sorted(G.edges()), G.nodes["e2"]["date"]
    ([('ann', 'e1'), ('bo', 'e1'), ('bo', 'e2')], '2025-09-17')
    """
    selection = select_period(administrations, administration, start, end)
    what = _events_text(include_background)
    events = _select_events(events, selection, include_background, administrations)
    participants = participants[participants["event_id"].isin(events["event_id"])]
    participants = participants.reindex(columns=["event_id", "actor_id", "side", "role_at_event"])
    events = events[events["event_id"].isin(participants["event_id"])]

    G = nx.Graph(name="Actors × events", selection=selection.describe(what), network="actor_event")
    for actor_id, attributes in _actor_attributes(sorted(set(participants["actor_id"])), actors).items():
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


def build_actor_issue_network(statements, actors, issues, events=None, articles=None, administrations=None, *,
                              administration=None, start=None, end=None) -> nx.Graph:
    """Actors × issues, a two-mode graph of coded statements, with stances on the edges.

    Tables (minimal columns): *statements* ``statement_id``, ``actor_id``, ``issue_id``, ``stance``
    (and ``event_id`` / ``article_id`` to date them); *actors* as for :func:`build_meeting_network`;
    *issues* ``issue_id``, ``label`` (``theme`` if present); optional *events* (``event_id``,
    ``date``) and *articles* (``article_id``, ``published``) date a statement by its event, else
    by its article. The selection is as in the module notes.

    Returns actors with ``bipartite=0``; issues with ``bipartite=1``, ``kind="issue"``, ``label``,
    ``theme``; edges with ``count`` and ``weight`` (statements), ``support``, ``oppose``,
    ``neutral`` (statements with each stance), ``stance`` (the most frequent, ``"mixed"`` on a
    tie) and ``statements`` (their ids, ``"|"``-joined).

    Example
    -------
    >>> t = _toy_tables()
    >>> G = build_actor_issue_network(t["statements"], t["actors"], t["issues"], t["events"])
    >>> sorted(G.edges(data="stance")), G.edges["ann", "trade"]["statements"]
    ([('ann', 'trade', 'mixed'), ('bo', 'peace', 'neutral')], 's1|s2')
    """
    selection = select_period(administrations, administration, start, end)
    statements = _dated_statements(statements, events, articles, administrations)
    statements = statements.dropna(subset=["actor_id", "issue_id"])
    statements = statements[selection.keep(statements["date"], statements["administration"])]

    G = nx.Graph(name="Actors × issues", selection=selection.describe("statements"), network="actor_issue")
    for actor_id, attributes in _actor_attributes(sorted(set(statements["actor_id"])), actors).items():
        G.add_node(actor_id, **attributes, bipartite=0)
    for issue_id, attributes in _issue_attributes(sorted(set(statements["issue_id"])), issues).items():
        G.add_node(issue_id, **attributes, bipartite=1)
    for (actor_id, issue_id), group in statements.groupby(["actor_id", "issue_id"], sort=True, observed=True):
        counts = {stance: int((group["stance"] == stance).sum()) for stance in STANCES}
        G.add_edge(actor_id, issue_id, weight=len(group), count=len(group), **counts,
                   stance=_majority(counts), statements=_joined(group["statement_id"]))
    return _finish(G, selection.reason("statements"))


def build_comention_network(mentions, actors, articles=None, administrations=None, *, administration=None,
                            start=None, end=None) -> nx.Graph:
    """Actors linked when named in the same paragraph.

    Tables (minimal columns): *mentions* ``article_id``, ``paragraph``, ``actor_id`` (as
    :func:`krcn_lab.mentions.find_mentions` returns them); *actors* as for
    :func:`build_meeting_network`; optional *articles* ``article_id``, ``published`` (dates each
    mention; needed for any filter). The selection is as in the module notes.

    Returns actors with ``kind``, ``label``, ``country`` and ``paragraphs`` (how many mention
    them); edges with ``weight`` (paragraphs shared) and ``paragraphs`` (``"article:paragraph"`` keys).

    Example
    -------
    >>> t = _toy_tables()
    >>> mentions = pd.DataFrame({"article_id": ["a1", "a1", "a1"], "paragraph": [1, 1, 2],
    ...                          "actor_id": ["ann", "cy", "cy"]})
    >>> G = build_comention_network(mentions, t["actors"])
    >>> sorted(G.edges(data="paragraphs")), G.nodes["cy"]["paragraphs"]
    ([('ann', 'cy', 'a1:1')], 2)
    """
    selection = select_period(administrations, administration, start, end)
    published = pd.Series(pd.NaT, index=mentions.index)
    if articles is not None:
        published = pd.to_datetime(mentions["article_id"].map(articles.set_index("article_id")["published"]))
    mentions = mentions[selection.keep(published, _leaders_on(published, administrations))]
    mentions = mentions.assign(key=mentions["article_id"].astype(str) + ":" + mentions["paragraph"].astype(str))

    G = nx.Graph(name="Co-mention network", selection=selection.describe("paragraphs"), network="comention")
    counts = mentions.groupby("actor_id")["key"].nunique()
    for actor_id, attributes in _actor_attributes(sorted(counts.index), actors).items():
        G.add_node(actor_id, **attributes, paragraphs=int(counts[actor_id]))
    _add_cooccurrence_edges(G, mentions, "key", "actor_id", "paragraphs")
    return _finish(G, selection.reason("paragraphs with actor mentions"))


def build_issue_network(statements, events, issues, administrations=None, *, administration=None, start=None,
                        end=None, include_background=False) -> nx.Graph:
    """Issues linked when raised at the same event (statements with no event are left out).

    Tables (minimal columns): *statements* ``event_id``, ``issue_id``; *events* as for
    :func:`build_meeting_network`; *issues* ``issue_id``, ``label`` (``theme`` if present).
    Selection and *include_background* as for :func:`build_meeting_network`.

    Returns issues with ``kind="issue"``, ``label``, ``country=""``, ``theme`` and ``events``
    (where raised); edges with ``weight`` (events shared) and ``events``.

    Example
    -------
    >>> t = _toy_tables()
    >>> extra = pd.DataFrame({"statement_id": ["s4"], "event_id": ["e1"], "issue_id": ["peace"]})
    >>> G = build_issue_network(pd.concat([t["statements"], extra]), t["events"], t["issues"])
    >>> sorted(G.edges(data="events")), G.nodes["peace"]["events"]
    ([('peace', 'trade', 'e1')], 'e1|e2')
    """
    selection = select_period(administrations, administration, start, end)
    what = _events_text(include_background)
    events = _select_events(events, selection, include_background, administrations)
    statements = statements[statements["event_id"].isin(events["event_id"])]

    G = nx.Graph(name="Issue co-occurrence network", selection=selection.describe(what), network="issues")
    raised = statements.groupby("issue_id")["event_id"].agg(_joined)
    for issue_id, attributes in _issue_attributes(sorted(raised.index), issues).items():
        G.add_node(issue_id, **attributes, events=raised[issue_id])
    _add_cooccurrence_edges(G, statements, "event_id", "issue_id", "events")
    return _finish(G, selection.reason(f"statements at {what}"))
