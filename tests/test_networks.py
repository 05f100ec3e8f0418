"""What the network functions promise: expectations come from the dataset tables
(with plain pandas) or from small graphs built by hand, never from the functions' own output."""

from __future__ import annotations

import inspect
import itertools
import os
import warnings
from pathlib import Path

import matplotlib.colors
import networkx as nx
import pandas as pd
import pytest
from conftest import replace_in
from networkx.algorithms.bipartite import is_bipartite_node_set

import krcn_lab
from krcn_lab import export
from krcn_lab.centrality import centrality_table
from krcn_lab.drawing import COUNTRY_COLOURS, draw_network
from krcn_lab.builders import (
    build_actor_event_network,
    build_actor_issue_network,
    build_comention_network,
    build_issue_network,
    build_meeting_network,
)
from krcn_lab.export import export_network, read_network
from krcn_lab.networks import (
    NETWORK_KINDS,
    actor_event_network,
    actor_issue_network,
    comention_network,
    issue_network,
    meeting_network,
    network_kinds,
    project,
    project_bipartite,
    resolve_administration,
)

BUILDERS = [meeting_network, actor_event_network, actor_issue_network, comention_network, issue_network]
FOCAL_MEETINGS = {
    ("cho_tae_yul", "wang_yi"), ("kim_hong_kyun", "ma_zhaoxu"),
    ("park_byeong_seug", "wang_yi"), ("cho_hyun", "wang_yi"),
}


# ----------------------------------------------------------------------------- helpers


def pair(u, v):
    return tuple(sorted((u, v)))


def expected_meeting_pairs(kinds=("meeting",), administration=None, min_participants=1):
    """{(actor, actor): {event_id, ...}} computed straight from the tables."""
    events = krcn_lab.load_events()
    events = events[events["kind"].isin(kinds)]
    if administration is not None:
        events = events[events["rok_administration"] == administration]
    participants = krcn_lab.load_participants()
    participants = participants[participants["event_id"].isin(events["event_id"])]
    pairs = {}
    for event_id, group in participants.groupby("event_id"):
        actors = sorted(set(group["actor_id"]))
        is_meeting = events.set_index("event_id").at[event_id, "kind"] == "meeting"
        if not is_meeting and len(actors) < min_participants:
            continue
        for u, v in itertools.combinations(actors, 2):
            pairs.setdefault((u, v), set()).add(event_id)
    return pairs


def edge_pairs(G):
    return {pair(u, v) for u, v in G.edges()}


def toy_two_mode():
    """Three actors and two issues; ann and bo share both issues, cy shares 'peace' with them."""
    B = nx.Graph(name="toy", selection="hand-built")
    B.add_nodes_from(["ann", "bo", "cy"], bipartite=0, kind="person", country="KOR", label="")
    B.add_nodes_from(["trade", "peace"], bipartite=1, kind="issue", country="", label="")
    for u, v in [("ann", "trade"), ("bo", "trade"), ("ann", "peace"), ("bo", "peace"), ("cy", "peace")]:
        B.add_edge(u, v, weight=1, count=1)
    for n in B:
        B.nodes[n]["label"] = n.title()
    return B


def attribute_snapshot(G):
    return (dict(G.graph), {n: dict(d) for n, d in G.nodes(data=True)},
            {pair(u, v): dict(d) for u, v, d in G.edges(data=True)})


# ----------------------------------------------------------------------------- meeting network


def test_the_four_focal_meeting_pairs_are_edges_of_the_meeting_network():
    G = meeting_network()
    assert FOCAL_MEETINGS <= edge_pairs(G)


def test_meeting_edges_are_exactly_the_pairs_who_attended_the_same_meeting():
    expected = expected_meeting_pairs()
    G = meeting_network()
    assert edge_pairs(G) == set(expected)
    for (u, v), events in expected.items():
        assert G.edges[u, v]["weight"] == len(events)
        assert G.edges[u, v]["events"] == "|".join(sorted(events))


def test_cho_hyun_and_cho_tae_yul_never_share_an_edge_in_the_meeting_network():
    for include_background in (False, True):
        G = meeting_network(include_background=include_background)
        assert not G.has_edge("cho_hyun", "cho_tae_yul")


def test_include_background_adds_background_events_with_two_or_more_participants():
    expected = expected_meeting_pairs(kinds=("meeting", "background"), min_participants=2)
    G = meeting_network(include_background=True)
    assert edge_pairs(G) == set(expected)
    background_only = set(expected) - set(expected_meeting_pairs())
    assert background_only, "the dataset has background events with several participants"
    events = krcn_lab.load_events()
    participants = krcn_lab.load_participants()
    lone = participants.groupby("event_id")["actor_id"].nunique()
    lone_background = set(lone[lone == 1].index) & set(events.loc[events.kind == "background", "event_id"])
    for n, attended in G.nodes(data="events"):
        assert not set(attended.split("|")) & lone_background


def test_yoon_meeting_network_has_no_lee_era_meeting():
    G = meeting_network(administration="Yoon")
    events = krcn_lab.load_events().set_index("event_id")
    used = {e for _, _, ids in G.edges(data="events") for e in ids.split("|")}
    assert used and all(events.at[e, "rok_administration"] == "Yoon Suk Yeol" for e in used)
    assert edge_pairs(G) == set(expected_meeting_pairs(administration="Yoon Suk Yeol"))
    assert not G.has_edge("cho_hyun", "wang_yi")


@pytest.mark.parametrize("name", ["LEE", "lee", "Lee Jae Myung", "lee jae myung", "  Jae  Myung "])
def test_administration_takes_a_leader_name_in_any_case(name):
    assert resolve_administration(name) == ("Lee Jae Myung",)
    assert edge_pairs(meeting_network(administration=name)) == set(
        expected_meeting_pairs(administration="Lee Jae Myung"))


def test_lee_means_lee_jae_myung_not_the_acting_president_lee_ju_ho():
    assert resolve_administration("Lee") == ("Lee Jae Myung",)


def test_acting_selects_the_acting_president_periods():
    terms = krcn_lab.load_administrations()
    acting = tuple(terms.loc[(terms.country == "KOR") & (terms.kind == "acting"), "leader"])
    assert resolve_administration("acting") == acting
    G = meeting_network(administration="Acting")
    assert G.number_of_nodes() == 0 and "Acting president" in G.graph["reason"]


def test_unknown_administration_raises_value_error_listing_the_choices():
    with pytest.raises(ValueError) as error:
        meeting_network(administration="Trump")
    message = str(error.value)
    assert "'Trump'" in message
    for leader in ["Yoon Suk Yeol", "Lee Jae Myung", "Moon Jae-in"]:
        assert leader in message


def test_ambiguous_administration_raises_value_error(data_copy):
    with (data_copy / "administrations.csv").open("a", encoding="utf-8") as out:
        out.write("KOR,Park Chung-hee,1963-12-17,1979-10-26,elected,public_record,,,,\n")
    with pytest.raises(ValueError, match="ambiguous"):
        resolve_administration("Park", data_dir=data_copy)
    assert resolve_administration("park geun-hye", data_dir=data_copy) == ("Park Geun-hye",)


def test_builders_read_an_edited_copy_of_the_data_and_follow_a_moved_date(data_copy):
    replace_in(data_copy / "events.csv", "mtg_2025_09_fm_beijing,2025-09-17", "mtg_2025_09_fm_beijing,2025-01-15")
    assert meeting_network("acting", data_dir=data_copy).has_edge("cho_hyun", "wang_yi")
    assert not meeting_network("Lee", data_dir=data_copy).has_edge("cho_hyun", "wang_yi")
    assert meeting_network("Lee").has_edge("cho_hyun", "wang_yi")


def edit_every_table(folder):
    """Change each table a network reads, so that reading the shipped one instead shows."""
    replace_in(folder / "actors.csv", "wang_yi,Wang Yi,person,CHN,CHNGOV,Wang,",
               "wang_yi,Wang Yi Copied,person,CHN,CHNGOV,Wangg,")  # no longer found in the articles
    replace_in(folder / "issues.csv", "bilateral_ties,South Korea–China bilateral relations,",
               "bilateral_ties,Bilateral ties (copied),")
    replace_in(folder / "statements.csv", "s001,mtg_2025_09_fm_beijing,cho_hyun,bilateral_ties,",
               "s001,mtg_2025_09_fm_beijing,cho_hyun,taiwan,")
    replace_in(folder / "participants.csv", "mtg_2025_09_fm_beijing,cho_hyun,", "mtg_2025_09_fm_beijing,cho_tae_yul,")
    replace_in(folder / "events.csv", "mtg_2025_09_fm_beijing,2025-09-17,", "mtg_2025_09_fm_beijing,2025-01-15,")
    replace_in(folder / "administrations.csv", "KOR,Lee Jae Myung,", "KOR,Lee Jae-myung,")
    replace_in(folder / "articles.csv", "2024-07-01,month", "2025-07-01,month")


def tables_for(key, folder):
    """The tables each kind's builder takes, in its order, read from *folder*."""
    load = {name: (lambda f=getattr(krcn_lab, f"load_{name}"): f(folder)) for name in (
        "events", "participants", "actors", "administrations", "statements", "issues", "articles", "mentions")}
    order = {"meetings": ["events", "participants", "actors", "administrations"],
             "actor_event": ["events", "participants", "actors", "administrations"],
             "actor_issue": ["statements", "actors", "issues", "events", "articles", "administrations"],
             "comention": ["mentions", "actors", "articles", "administrations"],
             "issues": ["statements", "events", "issues", "administrations"]}[key]
    return [load[name]() for name in order]


def everything(G):
    return (G.graph, sorted(G.nodes(data=True)), sorted((pair(u, v), d) for u, v, d in G.edges(data=True)))


SELECTIONS = [{"administration": "Lee"}, {"start": "2024-06-01"}, {"end": "2024-12-31"},
              {"include_background": True}]


@pytest.mark.parametrize("key", list(NETWORK_KINDS))
def test_each_network_reads_every_table_from_the_folder_it_is_given_and_passes_on_the_selection(key, data_copy):
    edit_every_table(data_copy)
    kind = NETWORK_KINDS[key]
    tables = tables_for(key, data_copy)
    assert everything(kind.wrapper(data_dir=data_copy)) == everything(kind.builder(*tables))
    for selection in SELECTIONS:
        selection = {k: v for k, v in selection.items() if k in kind.arguments}
        if selection:
            copied = everything(kind.wrapper(**selection, data_dir=data_copy))
            assert copied == everything(kind.builder(*tables, **selection)), selection
            assert copied != everything(kind.wrapper(**selection)), selection
    assert kind.wrapper("Lee", data_dir=data_copy).graph["selection"].startswith(
        {"actor_issue": "statements", "comention": "paragraphs"}.get(key, "meetings") + " in the Lee Jae-myung")


def test_date_filter_is_inclusive_on_both_ends():
    events = krcn_lab.load_events().set_index("event_id")
    day = events.at["mtg_2024_05_fm_beijing", "date"]
    G = meeting_network(start=day, end=day.strftime("%Y-%m-%d"))
    assert edge_pairs(G) == {("cho_tae_yul", "wang_yi")}


def test_an_end_given_as_a_year_covers_the_whole_year():
    assert edge_pairs(meeting_network(start="2024", end="2024")) == {
        ("cho_tae_yul", "wang_yi"), ("kim_hong_kyun", "ma_zhaoxu")}
    assert edge_pairs(meeting_network(start="2025-09", end="2025-09")) == {("cho_hyun", "wang_yi")}


def test_a_date_that_is_not_a_date_raises_value_error_naming_the_argument():
    with pytest.raises(ValueError, match="start="):
        meeting_network(start="not a date")


# ----------------------------------------------------------------------------- built from tables


def three_rows():
    """Hand-made tables of three rows each, dated so that each era has its own meeting."""
    return {
        "actors": pd.DataFrame({"actor_id": ["ann", "bo", "cy"], "name": ["Ann Lee", "Bo Wang", "Cy Office"],
                                "kind": ["person", "person", "institution"], "country": ["KOR", "CHN", pd.NA]}),
        "events": pd.DataFrame({"event_id": ["m1", "m2", "bg"], "kind": ["meeting", "meeting", "background"],
                                "date": ["2024-05-13", "2025-09-17", "2024-06-01"]}),
        "participants": pd.DataFrame({"event_id": ["m1", "m1", "m2"], "actor_id": ["ann", "bo", "cy"],
                                      "side": ["KOR", "CHN", "KOR"], "role_at_event": ["host", "guest", "host"]}),
        "issues": pd.DataFrame({"issue_id": ["trade", "peace", "climate"], "label": ["Trade", "Peace", "Climate"],
                                "theme": ["economy", "security", "environment"]}),
        "statements": pd.DataFrame({"statement_id": ["s1", "s2", "s3"], "actor_id": ["ann", "ann", "bo"],
                                    "issue_id": ["trade", "trade", "peace"], "event_id": ["m1", None, "m1"],
                                    "article_id": ["a24", "a25", "a24"], "stance": ["support", "oppose", "neutral"]}),
        "articles": pd.DataFrame({"article_id": ["a24", "a25", "a99"],
                                  "published": pd.to_datetime(["2024-05-14", "2025-09-01", "2030-01-01"])}),
        "administrations": pd.DataFrame({
            "country": ["KOR"] * 3, "leader": ["Yoon Suk Yeol", "Acting president (Lee Ju-ho)", "Lee Jae Myung"],
            "start": pd.to_datetime(["2022-05-10", "2024-12-14", "2025-06-04"]),
            "end": pd.to_datetime(["2024-12-14", "2025-06-04", None]), "kind": ["elected", "acting", "elected"]}),
    }


def test_meeting_network_from_three_row_tables_has_exactly_these_nodes_and_edges():
    t = three_rows()
    G = build_meeting_network(t["events"], t["participants"], t["actors"])
    assert dict(G.nodes(data=True)) == {
        "ann": {"kind": "person", "label": "Ann Lee", "country": "KOR", "events": "m1"},
        "bo": {"kind": "person", "label": "Bo Wang", "country": "CHN", "events": "m1"},
        "cy": {"kind": "institution", "label": "Cy Office", "country": "", "events": "m2"},
    }
    assert [(u, v, d) for u, v, d in G.edges(data=True)] == [("ann", "bo", {"weight": 1, "events": "m1"})]
    assert G.graph == {"name": "Meeting network", "selection": "meetings, all dates", "network": "meetings"}


def test_meeting_network_from_tables_dates_events_by_the_administrations_table():
    t = three_rows()
    tables = (t["events"], t["participants"], t["actors"], t["administrations"])
    assert sorted(build_meeting_network(*tables, administration="yoon").edges()) == [("ann", "bo")]
    lee = build_meeting_network(*tables, administration="Lee")
    assert list(lee.nodes) == ["cy"] and lee.number_of_edges() == 0
    assert build_meeting_network(*tables, administration="acting").graph["reason"] == \
        "no meetings in the Acting president (Lee Ju-ho) administration"
    with pytest.raises(ValueError, match="needs the administrations table"):
        build_meeting_network(*tables[:3], administration="Lee")


def test_a_given_rok_administration_column_is_used_rather_than_the_date():
    t = three_rows()
    spanning = t["events"].assign(rok_administration=["Yoon Suk Yeol / Acting president (Lee Ju-ho)",
                                                      "Lee Jae Myung", pd.NA])
    tables = (spanning, t["participants"], t["actors"], t["administrations"])
    assert build_meeting_network(*tables, administration="Yoon").number_of_nodes() == 0
    assert list(build_meeting_network(*tables, administration="Lee").nodes) == ["cy"]


def test_an_actor_missing_from_the_actors_table_stays_visible_under_its_id():
    t = three_rows()
    participants = t["participants"].assign(actor_id=["ann", "dan", "cy"])
    G = build_meeting_network(t["events"], participants, t["actors"])
    assert G.nodes["dan"] == {"kind": "", "label": "dan", "country": "", "events": "m1"}
    assert list(G.edges()) == [("ann", "dan")]


def test_actor_issue_network_from_three_row_tables_has_exactly_these_nodes_edges_and_stances():
    t = three_rows()
    G = build_actor_issue_network(t["statements"], t["actors"], t["issues"], t["events"], t["articles"])
    assert dict(G.nodes(data=True)) == {
        "ann": {"kind": "person", "label": "Ann Lee", "country": "KOR", "bipartite": 0, "theme": ""},
        "bo": {"kind": "person", "label": "Bo Wang", "country": "CHN", "bipartite": 0, "theme": ""},
        "trade": {"kind": "issue", "label": "Trade", "country": "", "bipartite": 1, "theme": "economy"},
        "peace": {"kind": "issue", "label": "Peace", "country": "", "bipartite": 1, "theme": "security"},
    }
    assert {pair(u, v): d for u, v, d in G.edges(data=True)} == {
        ("ann", "trade"): {"weight": 2, "count": 2, "support": 1, "oppose": 1, "neutral": 0, "stance": "mixed",
                           "statements": "s1|s2"},
        ("bo", "peace"): {"weight": 1, "count": 1, "support": 0, "oppose": 0, "neutral": 1, "stance": "neutral",
                          "statements": "s3"},
    }


def test_actor_issue_network_from_tables_dates_a_statement_without_event_by_its_article():
    t = three_rows()
    tables = (t["statements"], t["actors"], t["issues"], t["events"], t["articles"], t["administrations"])
    lee = build_actor_issue_network(*tables, administration="Lee")
    assert [(u, v, d["statements"], d["stance"]) for u, v, d in lee.edges(data=True)] == [
        ("ann", "trade", "s2", "oppose")]
    yoon = build_actor_issue_network(*tables, administration="Yoon")
    assert sorted(d["statements"] for _, _, d in yoon.edges(data=True)) == ["s1", "s3"]
    assert build_actor_issue_network(*tables[:3], start="2024-01-01").number_of_nodes() == 0  # undated: left out


def test_the_other_builders_work_on_three_row_tables():
    t = three_rows()
    G = build_actor_event_network(t["events"], t["participants"], t["actors"])
    assert sorted(G.edges(data="role_at_event")) == [("ann", "m1", "host"), ("bo", "m1", "guest"),
                                                     ("cy", "m2", "host")]
    assert (G.nodes["m2"]["date"], G.nodes["m2"]["kind"], G.nodes["m2"]["label"]) == ("2025-09-17", "event", "m2")
    mentions = pd.DataFrame({"article_id": ["a24", "a24", "a25"], "paragraph": [1, 1, 1],
                             "actor_id": ["ann", "bo", "cy"]})
    C = build_comention_network(mentions, t["actors"], t["articles"], t["administrations"], administration="Yoon")
    assert list(C.edges(data="paragraphs")) == [("ann", "bo", "a24:1")] and set(C) == {"ann", "bo"}
    issues = build_issue_network(t["statements"], t["events"], t["issues"])
    assert list(issues.edges(data="events")) == [("peace", "trade", "m1")]


# ----------------------------------------------------------------------------- the registry of kinds


def test_every_network_kind_is_listed_once_and_builds():
    assert list(NETWORK_KINDS) == ["meetings", "actor_event", "actor_issue", "comention", "issues"]
    assert sorted(kind.wrapper.__name__ for kind in NETWORK_KINDS.values()) == sorted(b.__name__ for b in BUILDERS)
    assert len({kind.label for kind in NETWORK_KINDS.values()}) == len(NETWORK_KINDS)
    for key, kind in NETWORK_KINDS.items():
        assert kind.key == key and kind.builder.__name__ == f"build_{kind.wrapper.__name__}"
        G = kind.wrapper()
        assert G.graph["network"] == key and G.number_of_nodes() > 0
        assert kind.two_mode == all("bipartite" in d for _, d in G.nodes(data=True))
        assert set(kind.arguments) <= set(inspect.signature(kind.builder).parameters)
    assert NETWORK_KINDS["meetings"].arguments == ("administration", "start", "end", "include_background")
    assert NETWORK_KINDS["comention"].arguments == ("administration", "start", "end")


def test_network_kinds_table_lists_each_kind_once_in_registry_order():
    table = network_kinds()
    assert table["key"].tolist() == list(NETWORK_KINDS)
    assert table.set_index("key")["two_mode"].to_dict() == {
        "meetings": False, "actor_event": True, "actor_issue": True, "comention": False, "issues": False}
    assert table.columns.tolist() == ["key", "label", "two_mode", "arguments"]
    assert table["label"].tolist() == [kind.label for kind in NETWORK_KINDS.values()]
    assert table.set_index("key")["arguments"].to_dict() == {
        "meetings": ("administration", "start", "end", "include_background"),
        "actor_event": ("administration", "start", "end", "include_background"),
        "actor_issue": ("administration", "start", "end"),
        "comention": ("administration", "start", "end"),
        "issues": ("administration", "start", "end", "include_background")}


# ----------------------------------------------------------------------------- every builder


@pytest.mark.parametrize("builder", BUILDERS, ids=lambda b: b.__name__)
def test_every_node_carries_kind_label_and_country(builder):
    actors = krcn_lab.load_actors().set_index("actor_id")
    issues = krcn_lab.load_issues().set_index("issue_id")
    G = builder()
    assert G.number_of_nodes() > 0
    for n, data in G.nodes(data=True):
        assert {"kind", "label", "country"} <= set(data)
        if n in actors.index:
            assert data["label"] == actors.at[n, "name"]
            assert data["kind"] == actors.at[n, "kind"]
            country = actors.at[n, "country"]
            assert data["country"] == ("" if pd.isna(country) else country)
        elif n in issues.index:
            assert (data["kind"], data["label"], data["country"]) == ("issue", issues.at[n, "label"], "")
        else:
            assert data["kind"] == "event" and data["country"] == ""


@pytest.mark.parametrize("builder", BUILDERS, ids=lambda b: b.__name__)
def test_all_attributes_are_scalars_and_every_node_has_the_same_names(builder):
    G = builder()
    scalars = (str, int, float, bool)
    assert all(isinstance(v, scalars) for v in G.graph.values())
    assert all(isinstance(v, scalars) for _, d in G.nodes(data=True) for v in d.values())
    assert all(isinstance(v, scalars) for _, _, d in G.edges(data=True) for v in d.values())
    assert len({tuple(sorted(d)) for _, d in G.nodes(data=True)}) == 1
    assert len({tuple(sorted(d)) for _, _, d in G.edges(data=True)}) <= 1
    assert G.graph["name"] and G.graph["selection"] and "reason" not in G.graph


@pytest.mark.parametrize("builder", BUILDERS, ids=lambda b: b.__name__)
def test_every_builder_returns_an_empty_graph_with_a_reason_for_an_empty_selection(builder):
    G = builder(start="2030-01-01", end="2030-12-31")
    assert G.number_of_nodes() == 0 and G.number_of_edges() == 0
    assert "between 2030-01-01 and 2030-12-31" in G.graph["reason"]
    assert G.graph["reason"].startswith("no ")


@pytest.mark.parametrize("builder", BUILDERS, ids=lambda b: b.__name__)
def test_every_builder_returns_an_empty_graph_when_start_is_after_end(builder):
    G = builder(administration="Yoon", start="2025-01-01", end="2024-01-01")
    assert G.number_of_nodes() == 0 and G.graph["reason"]
    assert G.graph["reason"].startswith("no ")
    assert G.graph["reason"].endswith("in the Yoon Suk Yeol administration between 2025-01-01 and 2024-01-01")


# ----------------------------------------------------------------------------- two-mode graphs


@pytest.mark.parametrize("builder", [actor_event_network, actor_issue_network], ids=lambda b: b.__name__)
def test_a_two_mode_graph_has_no_edge_within_one_side(builder):
    G = builder()
    actors = {n for n, side in G.nodes(data="bipartite") if side == 0}
    others = {n for n, side in G.nodes(data="bipartite") if side == 1}
    assert actors and others and actors | others == set(G)
    assert is_bipartite_node_set(G, actors)
    assert all((u in actors) != (v in actors) for u, v in G.edges())
    known = set(krcn_lab.load_actors()["actor_id"])
    assert actors <= known and not others & known


def test_actor_event_edges_are_the_participations():
    G = actor_event_network(include_background=True)
    participants = krcn_lab.load_participants()
    expected = {pair(a, e) for a, e in zip(participants["actor_id"], participants["event_id"])}
    assert edge_pairs(G) == expected
    row = participants[(participants.event_id == "mtg_2024_05_fm_beijing") & (participants.actor_id == "wang_yi")]
    assert G.edges["wang_yi", "mtg_2024_05_fm_beijing"]["role_at_event"] == row["role_at_event"].item()


def test_actor_issue_edges_count_statements_by_stance():
    statements = krcn_lab.load_statements()
    G = actor_issue_network()
    expected = statements.groupby(["actor_id", "issue_id"], observed=True)
    assert edge_pairs(G) == {pair(a, i) for a, i in expected.groups}
    for (actor, issue), group in expected:
        edge = G.edges[actor, issue]
        counts = group["stance"].value_counts()
        assert edge["count"] == edge["weight"] == len(group)
        for stance in ["support", "oppose", "neutral"]:
            assert edge[stance] == counts.get(stance, 0)
        top = counts[counts == counts.max()]
        assert edge["stance"] == (top.index[0] if len(top) == 1 else "mixed")
        assert set(edge["statements"].split("|")) == set(group["statement_id"])


def test_statements_without_an_event_are_dated_by_their_article():
    statements = krcn_lab.load_statements()
    published = krcn_lab.load_articles().set_index("article_id")["published"]
    loose = statements[statements["event_id"].isna()]
    assert len(loose), "the dataset has statements with no event"
    row = loose.iloc[0]
    day = published[row["article_id"]]
    inside = actor_issue_network(start=day, end=day)
    outside = actor_issue_network(end=day - pd.Timedelta(days=1))
    assert row["statement_id"] in inside.edges[row["actor_id"], row["issue_id"]]["statements"]
    if outside.has_edge(row["actor_id"], row["issue_id"]):
        assert row["statement_id"] not in outside.edges[row["actor_id"], row["issue_id"]]["statements"]
    outside_ids = {s for _, _, ids in outside.edges(data="statements") for s in ids.split("|")}
    assert row["statement_id"] not in outside_ids


def test_yoon_and_lee_actor_issue_graphs_split_the_statements_by_date():
    statements = krcn_lab.load_statements()
    total = sum(d["count"] for _, _, d in actor_issue_network().edges(data=True))
    yoon = sum(d["count"] for _, _, d in actor_issue_network("Yoon").edges(data=True))
    lee = sum(d["count"] for _, _, d in actor_issue_network("Lee").edges(data=True))
    assert total == len(statements)
    assert 0 < yoon < total and 0 < lee < total and yoon + lee <= total


# ----------------------------------------------------------------------------- co-mention, issues


def test_comention_edges_are_actor_pairs_named_in_the_same_paragraph():
    mentions = krcn_lab.load_mentions()
    expected = {}
    for (article, paragraph), group in mentions.groupby(["article_id", "paragraph"]):
        for u, v in itertools.combinations(sorted(set(group["actor_id"])), 2):
            expected.setdefault((u, v), set()).add(f"{article}:{paragraph}")
    G = comention_network()
    assert edge_pairs(G) == set(expected)
    assert all(G.edges[u, v]["weight"] == len(keys) for (u, v), keys in expected.items())
    assert set(G) == set(mentions["actor_id"])


def test_comention_network_of_the_lee_era_links_cho_hyun_but_not_cho_tae_yul_to_wang_yi():
    G = comention_network("Lee")
    assert G.has_edge("cho_hyun", "wang_yi")
    assert "cho_tae_yul" not in G or not G.has_edge("cho_tae_yul", "cho_hyun")
    assert not G.has_edge("cho_tae_yul", "wang_yi")
    assert comention_network().has_edge("cho_tae_yul", "wang_yi"), "the 2024 articles name them together"


def test_issue_network_links_issues_raised_at_the_same_meeting():
    statements = krcn_lab.load_statements()
    events = krcn_lab.load_events()
    meetings = set(events.loc[events.kind == "meeting", "event_id"])
    expected = {}
    for event_id, group in statements[statements.event_id.isin(meetings)].groupby("event_id"):
        for u, v in itertools.combinations(sorted(set(group["issue_id"])), 2):
            expected.setdefault((u, v), set()).add(event_id)
    G = issue_network()
    assert edge_pairs(G) == set(expected)
    assert all(G.edges[u, v]["weight"] == len(ids) for (u, v), ids in expected.items())
    assert all(d["kind"] == "issue" for _, d in G.nodes(data=True))


# ----------------------------------------------------------------------------- projections


def test_project_is_the_old_name_of_project_bipartite():
    assert project is project_bipartite


def test_projection_weights_equal_shared_neighbours_on_a_toy_graph():
    P = project(toy_two_mode(), "actors")
    assert sorted(P.edges(data="weight")) == [("ann", "bo", 2), ("ann", "cy", 1), ("bo", "cy", 1)]
    Q = project(toy_two_mode(), "issues")
    assert sorted(map(sorted, Q.edges())) == [["peace", "trade"]] and Q.edges["trade", "peace"]["weight"] == 2
    assert all("bipartite" not in d for _, d in P.nodes(data=True))


@pytest.mark.parametrize("onto", ["actors", "issues"])
def test_projection_weights_equal_shared_neighbours_on_the_dataset(onto):
    B = actor_issue_network()
    P = project(B, onto)
    side = {n for n, d in B.nodes(data=True) if (d["bipartite"] == 0) == (onto == "actors")}
    assert set(P) == side
    for u, v in itertools.combinations(sorted(side), 2):
        shared = set(B[u]) & set(B[v])
        assert P.has_edge(u, v) == bool(shared)
        if shared:
            assert P.edges[u, v]["weight"] == len(shared)
            assert set(P.edges[u, v]["shared"].split("|")) == shared


def test_projection_of_actor_event_graph_onto_actors_is_the_meeting_network():
    P = project(actor_event_network(), "actors")
    assert edge_pairs(P) == set(expected_meeting_pairs())


def test_projection_does_not_change_its_input_and_rejects_a_wrong_side():
    B = toy_two_mode()
    before = attribute_snapshot(B)
    project(B, "actors")
    assert attribute_snapshot(B) == before
    with pytest.raises(ValueError, match="onto"):
        project(B, "countries")
    with pytest.raises(ValueError, match="no such nodes"):
        project(B, "events")
    with pytest.raises(ValueError, match="bipartite"):
        project(nx.Graph([("a", "b")]), "actors")


def test_projection_of_an_empty_graph_is_empty_with_a_reason():
    P = project(actor_issue_network(start="2030-01-01"), "actors")
    assert P.number_of_nodes() == 0 and "2030-01-01" in P.graph["reason"]


def test_a_projection_is_named_after_its_source_and_keeps_the_other_graph_attributes():
    P = project(toy_two_mode(), "actors")
    assert P.graph == {"name": "toy, projected onto actors", "selection": "hand-built", "network": "projection"}
    assert project(toy_two_mode(), 1).graph["name"] == "toy, projected onto side 1"
    unnamed = toy_two_mode()
    del unnamed.graph["name"]
    assert project(unnamed, "issues").graph["name"] == "graph, projected onto issues"


def test_projection_error_messages_say_what_is_wrong():
    with pytest.raises(ValueError) as info:
        project(toy_two_mode(), "events")
    assert str(info.value) == "onto='events': G has no such nodes (its node kinds: issue, person)"
    with pytest.raises(ValueError) as info:
        project(nx.Graph([("a", "b")]), "actors")
    assert str(info.value) == "G is not a two-mode graph: some nodes have no 'bipartite' attribute"


def test_projecting_a_graph_with_only_one_side_keeps_its_nodes_and_attributes_without_edges():
    B = nx.Graph(name="lonely")
    B.add_nodes_from(["ann", "bo"], bipartite=0, kind="person", country="KOR", label="")
    B.nodes["ann"]["label"] = "Ann"
    P = project(B, "actors")
    assert dict(P.nodes(data=True)) == {"ann": {"kind": "person", "country": "KOR", "label": "Ann"},
                                        "bo": {"kind": "person", "country": "KOR", "label": ""}}
    assert P.number_of_edges() == 0 and "reason" not in P.graph
    solo = nx.Graph()
    solo.add_node("ann", bipartite=0, kind="person")
    assert "reason" not in project(solo, "actors").graph


def test_projecting_an_empty_graph_without_a_reason_says_the_graph_is_empty():
    P = project(nx.Graph(name="nothing"), "actors")
    assert P.graph == {"name": "nothing, projected onto actors", "network": "projection",
                       "reason": "the two-mode graph is empty"}


# ----------------------------------------------------------------------------- drawing

GRAPHS = {
    "meetings": lambda: meeting_network(),
    "meetings_with_background": lambda: meeting_network(include_background=True),
    "actor_event": lambda: actor_event_network(include_background=True),
    "actor_issue": lambda: actor_issue_network("Lee"),
    "actor_issue_projection": lambda: project(actor_issue_network("Yoon"), "actors"),
    "comention": lambda: comention_network(),
    "issues": lambda: issue_network("Lee"),
    "empty": lambda: meeting_network(start="2030-01-01", end="2030-12-31"),
    "single_node": lambda: nx.empty_graph(["solo"]),
}


@pytest.mark.parametrize("name", list(GRAPHS))
def test_every_graph_type_draws_to_png_without_warnings(name, tmp_path):
    G = GRAPHS[name]()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = draw_network(G)
        fig.savefig(tmp_path / f"{name}.png", dpi=60)
    assert (tmp_path / f"{name}.png").stat().st_size > 1000
    ax = fig.axes[0]
    if G.graph.get("name"):
        assert ax.get_title().startswith(G.graph["name"])
    if G.number_of_nodes() and G.graph.get("name"):
        assert ax.get_legend() is not None
    if G.graph.get("reason"):
        assert any(G.graph["reason"] in t.get_text().replace("\n", " ") for t in ax.texts)


def test_drawing_uses_the_same_colour_for_a_country_in_every_figure():
    for G in (meeting_network(), comention_network("Lee")):
        fig = draw_network(G)
        handles = {h.get_label(): h for h in fig.axes[0].get_legend().legend_handles}
        assert matplotlib.colors.to_hex(handles["China (CHN)"].get_markerfacecolor()) == COUNTRY_COLOURS["CHN"].lower()
        assert matplotlib.colors.to_hex(handles["South Korea (KOR)"].get_markerfacecolor()) == \
            COUNTRY_COLOURS["KOR"].lower()


def test_drawing_is_deterministic_and_takes_a_title_and_an_axes():
    G = comention_network("Yoon")

    def offsets(fig):
        return [c.get_offsets().tolist() for c in fig.axes[0].collections if hasattr(c, "get_offsets")]

    assert offsets(draw_network(G, seed=3)) == offsets(draw_network(G, seed=3))
    from matplotlib.figure import Figure

    fig = Figure(figsize=(12, 5))
    left, right = fig.subplots(1, 2)
    assert draw_network(meeting_network("Yoon"), ax=left, title="Yoon") is fig
    draw_network(meeting_network("Lee"), ax=right, title="Lee")
    assert [ax.get_title() for ax in fig.axes] == ["Yoon", "Lee"]


def test_drawing_does_not_change_the_graph():
    G = actor_issue_network("Lee")
    before = attribute_snapshot(G)
    draw_network(G)
    centrality_table(G)
    assert attribute_snapshot(G) == before


# ----------------------------------------------------------------------------- export


def typed(G):
    """Node and edge attributes with their Python types, to catch 3 turning into 3.0 or '3'."""
    nodes = {str(n): {k: (type(v).__name__, v) for k, v in d.items()} for n, d in G.nodes(data=True)}
    edges = {pair(str(u), str(v)): {k: (type(v).__name__, x) for k, x in d.items()}
             for u, v, d in G.edges(data=True)}
    return nodes, edges


def toy_with_every_type():
    G = nx.Graph(name="toy", selection="hand-built")
    G.add_node("a", kind="person", label="Ann, the first", country="KOR", score=0.5, active=True)
    G.add_node("b", kind="person", label='Bo "quoted"', country="", score=1.25, active=False)
    G.add_node("c", kind="issue", label="Trade|tariffs", country="", score=2.0, active=True)
    G.add_edge("a", "b", weight=3, share=0.75, events="e1|e2", stance="support")
    G.add_edge("b", "c", weight=1, share=0.25, events="", stance="mixed")
    return G


ROUND_TRIP = {
    "meetings": lambda: meeting_network(),
    "actor_issue": lambda: actor_issue_network(),
    "comention": lambda: comention_network("Yoon"),
    "actor_event": lambda: actor_event_network(include_background=True),
    "toy": toy_with_every_type,
    "empty": lambda: meeting_network(start="2030-01-01"),
}


@pytest.mark.parametrize("suffix", [".graphml", ".gexf", ".csv"])
@pytest.mark.parametrize("name", list(ROUND_TRIP))
def test_export_then_read_gives_an_isomorphic_graph_with_the_same_attributes(name, suffix, tmp_path):
    G = ROUND_TRIP[name]()
    written = export_network(G, tmp_path / f"graph{suffix}")
    assert all(p.is_file() for p in written)
    H = read_network(tmp_path / f"graph{suffix}")
    assert nx.is_isomorphic(G, H)
    assert typed(H) == typed(G)
    if suffix == ".graphml":  # GraphML also keeps the graph's own attributes
        assert nx.utils.graphs_equal(G, H)


def test_csv_export_writes_an_edge_list_and_a_node_list(tmp_path):
    paths = export_network(meeting_network(), tmp_path / "meetings.csv")
    assert [p.name for p in paths] == ["meetings.csv", "meetings.nodes.csv"]
    edges = pd.read_csv(paths[0])
    nodes = pd.read_csv(paths[1])
    assert list(edges.columns[:2]) == ["source", "target"] and "weight" in edges.columns
    assert {"node", "kind", "label", "country"} <= set(nodes.columns)
    assert {pair(u, v) for u, v in zip(edges.source, edges.target)} == set(expected_meeting_pairs())


def test_an_unknown_suffix_is_refused_with_a_message_naming_the_path_and_the_formats(tmp_path):
    for function, args in ((export_network, (nx.Graph(),)), (read_network, ())):
        with pytest.raises(ValueError) as error:
            function(*args, tmp_path / "graph.txt")
        message = str(error.value)
        assert "graph.txt" in message and ".graphml" in message and ".gexf" in message and ".csv" in message
    assert not list(tmp_path.iterdir())


def test_a_failed_export_leaves_no_half_written_file(tmp_path, monkeypatch):
    path = tmp_path / "graph.graphml"
    export_network(nx.Graph([("a", "b")]), path)
    before = path.read_bytes()

    def broken(G, target, *args, **kwargs):
        Path(target).write_text("<graphml><half", encoding="utf-8")
        raise OSError("disk full")

    monkeypatch.setattr(export.nx, "write_graphml", broken)
    with pytest.raises(OSError, match="disk full"):
        export_network(meeting_network(), path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.graphml"]


def test_reading_a_node_list_instead_of_the_edge_list_says_so(tmp_path):
    export_network(meeting_network(), tmp_path / "m.csv")
    with pytest.raises(ValueError, match="node list"):
        read_network(tmp_path / "m.nodes.csv")
    assert os.path.exists(tmp_path / "m.csv")
