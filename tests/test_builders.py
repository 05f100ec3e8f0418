"""What the builders promise on tables of a few hand-made rows: every node, edge and graph
attribute, named exactly, and the sentence that explains an empty selection."""

from __future__ import annotations

import pandas as pd
import pytest
from test_networks import pair, three_rows

from krcn_lab.builders import (
    build_actor_event_network,
    build_actor_issue_network,
    build_comention_network,
    build_issue_network,
    build_meeting_network,
)


def with_background(participants_at_background):
    """three_rows() with titled events and the background event attended by the given actors."""
    t = three_rows()
    t["events"] = t["events"].assign(title=["Talks in Seoul", None, "Forum"], place=["Seoul", "Beijing", pd.NA])
    extra = pd.DataFrame({"event_id": "bg", "actor_id": participants_at_background,
                          "side": "KOR", "role_at_event": pd.NA})
    t["participants"] = pd.concat([t["participants"], extra], ignore_index=True)
    return t


# ----------------------------------------------------------------------------- actors × events


def test_actor_event_network_gives_events_their_title_date_place_kind_and_administration():
    t = with_background(["ann"])
    G = build_actor_event_network(t["events"], t["participants"], t["actors"], t["administrations"],
                                  include_background=True)
    assert G.graph == {"name": "Actors × events", "selection": "meetings and background events, all dates",
                       "network": "actor_event"}
    event_blank = {"administration": "", "date": "", "event_kind": "", "place": ""}
    assert dict(G.nodes(data=True)) == {
        "ann": {"kind": "person", "label": "Ann Lee", "country": "KOR", "bipartite": 0, **event_blank},
        "bo": {"kind": "person", "label": "Bo Wang", "country": "CHN", "bipartite": 0, **event_blank},
        "cy": {"kind": "institution", "label": "Cy Office", "country": "", "bipartite": 0, **event_blank},
        "bg": {"kind": "event", "label": "Forum", "country": "", "date": "2024-06-01", "place": "",
               "event_kind": "background", "administration": "Yoon Suk Yeol", "bipartite": 1},
        "m1": {"kind": "event", "label": "Talks in Seoul", "country": "", "date": "2024-05-13", "place": "Seoul",
               "event_kind": "meeting", "administration": "Yoon Suk Yeol", "bipartite": 1},
        "m2": {"kind": "event", "label": "m2", "country": "", "date": "2025-09-17", "place": "Beijing",
               "event_kind": "meeting", "administration": "Lee Jae Myung", "bipartite": 1},
    }
    assert {pair(u, v): d for u, v, d in G.edges(data=True)} == {
        ("ann", "m1"): {"weight": 1, "side": "KOR", "role_at_event": "host"},
        ("bo", "m1"): {"weight": 1, "side": "CHN", "role_at_event": "guest"},
        ("cy", "m2"): {"weight": 1, "side": "KOR", "role_at_event": "host"},
        ("ann", "bg"): {"weight": 1, "side": "KOR", "role_at_event": ""},
    }


def test_actor_event_network_leaves_out_background_events_unless_asked_and_selects_by_administration():
    t = with_background(["ann"])
    tables = (t["events"], t["participants"], t["actors"], t["administrations"])
    assert "bg" not in build_actor_event_network(*tables)
    lee = build_actor_event_network(*tables, administration="Lee")
    assert sorted(lee) == ["cy", "m2"]
    assert lee.graph["selection"] == "meetings in the Lee Jae Myung administration"
    empty = build_actor_event_network(*tables, start="2026-01-01", include_background=True)
    assert empty.number_of_nodes() == 0
    assert empty.graph["reason"] == "no meetings and background events from 2026-01-01 on"


def test_an_event_without_a_date_is_written_with_an_empty_date():
    t = three_rows()
    events = t["events"].assign(date=["2024-05-13", None, "2024-06-01"])
    G = build_actor_event_network(events, t["participants"], t["actors"])
    assert G.nodes["m2"]["date"] == "" and G.nodes["m1"]["date"] == "2024-05-13"


# ----------------------------------------------------------------------------- meetings


def test_a_background_event_counts_as_a_meeting_only_when_two_or_more_took_part():
    alone = with_background(["ann"])
    G = build_meeting_network(alone["events"], alone["participants"], alone["actors"], include_background=True)
    assert G.nodes["ann"]["events"] == "m1" and sorted(G.edges()) == [("ann", "bo")]
    assert G.graph["selection"] == "meetings and background events, all dates"
    pair_at_forum = with_background(["ann", "cy"])
    G = build_meeting_network(pair_at_forum["events"], pair_at_forum["participants"], pair_at_forum["actors"],
                              include_background=True)
    assert G.nodes["ann"]["events"] == "bg|m1" and G.nodes["cy"]["events"] == "bg|m2"
    assert sorted(G.edges(data="events")) == [("ann", "bo", "m1"), ("ann", "cy", "bg")]
    without = build_meeting_network(pair_at_forum["events"], pair_at_forum["participants"], pair_at_forum["actors"])
    assert sorted(without.edges()) == [("ann", "bo")]


def test_two_actors_at_two_meetings_get_weight_two_and_both_meeting_ids():
    t = three_rows()
    participants = pd.concat([t["participants"],
                              pd.DataFrame({"event_id": ["m2"], "actor_id": ["ann"]})], ignore_index=True)
    participants.loc[participants["actor_id"] == "cy", "actor_id"] = "bo"
    G = build_meeting_network(t["events"], participants, t["actors"])
    assert list(G.edges(data=True)) == [("ann", "bo", {"weight": 2, "events": "m1|m2"})]


def test_meetings_without_coded_participants_say_so():
    t = three_rows()
    G = build_meeting_network(t["events"], t["participants"].iloc[:0], t["actors"])
    assert G.number_of_nodes() == 0
    assert G.graph["reason"] == "the selected meetings have no coded participants"
    nothing = build_meeting_network(t["events"], t["participants"], t["actors"], start="2030-01-01")
    assert nothing.graph["reason"] == "no meetings from 2030-01-01 on"


# ----------------------------------------------------------------------------- actors × issues


@pytest.mark.parametrize("stances, majority", [
    (["support", "support", "oppose"], "support"),
    (["oppose", "neutral", "oppose"], "oppose"),
    (["support", "neutral"], "mixed"),
    (["neutral"], "neutral"),
])
def test_an_edge_stance_is_the_most_frequent_one_or_mixed_on_a_tie(stances, majority):
    t = three_rows()
    statements = pd.DataFrame({"statement_id": [f"s{i}" for i in range(len(stances))], "actor_id": "ann",
                               "issue_id": "trade", "stance": stances})
    G = build_actor_issue_network(statements, t["actors"], t["issues"])
    edge = G.edges["ann", "trade"]
    assert edge["stance"] == majority
    assert [edge[s] for s in ("support", "oppose", "neutral")] == [stances.count(s) for s in
                                                                 ("support", "oppose", "neutral")]


def test_actor_issue_network_names_its_selection_and_explains_an_empty_one():
    t = three_rows()
    G = build_actor_issue_network(t["statements"], t["actors"], t["issues"])
    assert G.graph == {"name": "Actors × issues", "selection": "statements, all dates", "network": "actor_issue"}
    empty = build_actor_issue_network(t["statements"], t["actors"], t["issues"], t["events"], start="2031")
    assert empty.graph["reason"] == "no statements from 2031-01-01 on"


def test_a_statement_without_an_actor_or_an_issue_is_left_out():
    t = three_rows()
    statements = t["statements"].assign(actor_id=["ann", None, "bo"], issue_id=["trade", "trade", None])
    G = build_actor_issue_network(statements, t["actors"], t["issues"])
    assert list(G.edges(data="statements")) == [("ann", "trade", "s1")]


def test_an_issue_missing_from_the_issues_table_is_labelled_by_its_id():
    t = three_rows()
    statements = t["statements"].assign(issue_id=["trade", "trade", "fishing"])
    G = build_actor_issue_network(statements, t["actors"], t["issues"])
    assert G.nodes["fishing"] == {"kind": "issue", "country": "", "label": "fishing", "theme": "",
                                  "bipartite": 1}


# ----------------------------------------------------------------------------- co-mentions


MENTIONS = pd.DataFrame({"article_id": ["a24", "a24", "a25", "a24", "a24", "a24"], "paragraph": [1, 1, 1, 2, 2, 2],
                         "actor_id": ["ann", "bo", "cy", "ann", "bo", "bo"]})


def test_comention_network_counts_paragraphs_per_actor_and_shared_paragraphs_per_pair():
    t = three_rows()
    G = build_comention_network(MENTIONS, t["actors"], t["articles"], t["administrations"])
    assert G.graph == {"name": "Co-mention network", "selection": "paragraphs, all dates", "network": "comention"}
    assert dict(G.nodes(data=True)) == {
        "ann": {"kind": "person", "label": "Ann Lee", "country": "KOR", "paragraphs": 2},
        "bo": {"kind": "person", "label": "Bo Wang", "country": "CHN", "paragraphs": 2},
        "cy": {"kind": "institution", "label": "Cy Office", "country": "", "paragraphs": 1},
    }
    assert list(G.edges(data=True)) == [("ann", "bo", {"weight": 2, "paragraphs": "a24:1|a24:2"})]


def test_comention_network_dates_mentions_by_their_article():
    t = three_rows()
    late = build_comention_network(MENTIONS, t["actors"], t["articles"], t["administrations"], start="2025-01-01")
    assert list(late.nodes) == ["cy"] and late.graph["selection"] == "paragraphs from 2025-01-01 on"
    assert late.graph == {"name": "Co-mention network", "selection": "paragraphs from 2025-01-01 on",
                          "network": "comention"}
    empty = build_comention_network(MENTIONS, t["actors"], t["articles"], start="2026-01-01")
    assert empty.graph["reason"] == "no paragraphs with actor mentions from 2026-01-01 on"
    undated = build_comention_network(MENTIONS, t["actors"], start="2020-01-01")
    assert undated.number_of_nodes() == 0


# ----------------------------------------------------------------------------- issues


def test_issue_network_gives_issues_their_label_theme_and_events():
    t = three_rows()
    G = build_issue_network(t["statements"], t["events"], t["issues"], t["administrations"])
    assert G.graph == {"name": "Issue co-occurrence network", "selection": "meetings, all dates",
                       "network": "issues"}
    assert dict(G.nodes(data=True)) == {
        "peace": {"kind": "issue", "country": "", "label": "Peace", "theme": "security", "events": "m1"},
        "trade": {"kind": "issue", "country": "", "label": "Trade", "theme": "economy", "events": "m1"},
    }
    assert list(G.edges(data=True)) == [("peace", "trade", {"weight": 1, "events": "m1"})]


def test_issue_network_selects_events_and_explains_an_empty_selection():
    t = three_rows()
    statements = pd.concat([t["statements"], pd.DataFrame({"statement_id": ["s4"], "actor_id": ["cy"],
                                                          "issue_id": ["climate"], "event_id": ["bg"]})])
    tables = (statements, t["events"], t["issues"], t["administrations"])
    assert "climate" not in build_issue_network(*tables)
    wide = build_issue_network(*tables, include_background=True)
    assert wide.nodes["climate"]["events"] == "bg"
    assert wide.graph["selection"] == "meetings and background events, all dates"
    yoon = build_issue_network(*tables, administration="yoon")
    assert list(yoon.edges(data="events")) == [("peace", "trade", "m1")]
    assert yoon.graph["selection"] == "meetings in the Yoon Suk Yeol administration"
    lee = build_issue_network(*tables, administration="lee")
    assert lee.graph["reason"] == "no statements at meetings in the Lee Jae Myung administration"


# ----------------------------------------------------------------------------- more selection rules


def test_a_statement_at_a_background_event_is_dated_by_the_event_not_by_its_article():
    t = three_rows()
    at_forum = pd.DataFrame({"statement_id": ["s4"], "actor_id": ["cy"], "issue_id": ["climate"],
                             "event_id": ["bg"], "article_id": ["a25"], "stance": ["support"]})
    statements = pd.concat([t["statements"], at_forum], ignore_index=True)
    tables = (statements, t["actors"], t["issues"], t["events"], t["articles"], t["administrations"])
    assert build_actor_issue_network(*tables, administration="Yoon").edges["cy", "climate"]["statements"] == "s4"
    assert "climate" not in build_actor_issue_network(*tables, administration="Lee")


def test_a_background_event_with_fewer_than_two_participants_does_not_count_as_a_selected_meeting():
    t = three_rows()  # the background event "bg" of 2024-06-01 has no participants
    G = build_meeting_network(t["events"], t["participants"], t["actors"], include_background=True,
                              start="2024-06-01", end="2024-06-01")
    assert G.graph["reason"] == "no meetings and background events between 2024-06-01 and 2024-06-01"


def test_a_graph_with_one_node_has_no_reason():
    t = three_rows()
    G = build_meeting_network(t["events"], t["participants"], t["actors"], start="2025-01-01")
    assert list(G.nodes) == ["cy"]
    assert G.graph == {"name": "Meeting network", "selection": "meetings from 2025-01-01 on", "network": "meetings"}


def test_an_actor_listed_twice_takes_its_first_row():
    t = three_rows()
    actors = pd.concat([t["actors"], t["actors"].iloc[[0]].assign(name="Ann Again")], ignore_index=True)
    G = build_meeting_network(t["events"], t["participants"], actors)
    assert G.nodes["ann"]["label"] == "Ann Lee"


def test_categorical_id_columns_give_no_empty_edges():
    t = three_rows()
    statements = t["statements"].astype({"actor_id": "category", "issue_id": "category"})
    G = build_actor_issue_network(statements, t["actors"], t["issues"])
    assert sorted((u, v, d["weight"]) for u, v, d in G.edges(data=True)) == [("ann", "trade", 2), ("bo", "peace", 1)]


def test_the_toy_tables_of_the_examples_build_the_graphs_the_examples_describe():
    from krcn_lab.builders import _toy_tables

    t = _toy_tables()
    G = build_meeting_network(t["events"], t["participants"], t["actors"])
    assert dict(G.nodes(data=True)) == {"ann": {"kind": "person", "label": "Ann", "country": "KOR", "events": "e1"},
                                        "bo": {"kind": "person", "label": "Bo", "country": "CHN", "events": "e1|e2"}}
    E = build_actor_event_network(t["events"], t["participants"], t["actors"])
    assert [(n, d["date"], d["event_kind"]) for n, d in E.nodes(data=True) if d["bipartite"] == 1] == [
        ("e1", "2024-05-13", "meeting"), ("e2", "2025-09-17", "meeting")]
    A = build_actor_issue_network(t["statements"], t["actors"], t["issues"], t["events"])
    assert [(u, v, d["support"], d["oppose"], d["neutral"]) for u, v, d in A.edges(data=True)] == [
        ("ann", "trade", 1, 1, 0), ("bo", "peace", 0, 0, 1)]
    assert {n: d["label"] for n, d in A.nodes(data=True) if d["kind"] == "issue"} == {"trade": "Trade",
                                                                                     "peace": "Peace"}
    mentions = pd.DataFrame({"article_id": ["a1"], "paragraph": [1], "actor_id": ["cy"]})
    assert dict(build_comention_network(mentions, t["actors"]).nodes(data=True)) == {
        "cy": {"kind": "person", "label": "Cy", "country": "KOR", "paragraphs": 1}}


def test_actor_issue_edges_come_in_actor_then_issue_order_whatever_the_order_of_the_statements():
    t = three_rows()
    statements = t["statements"].assign(issue_id=["trade", "peace", "peace"])  # ann: trade first
    G = build_actor_issue_network(statements, t["actors"], t["issues"])
    assert list(G.edges()) == [("ann", "peace"), ("ann", "trade"), ("bo", "peace")]


# ----------------------------------------------------------------------------- dating statements


def test_without_events_a_statement_takes_its_articles_date_and_administration():
    from krcn_lab.builders import _dated_statements
    t = three_rows()
    statements = t["statements"].set_axis([10, 11, 12])  # an index that is not 0, 1, 2
    dated = _dated_statements(statements, None, t["articles"], t["administrations"])
    assert dated["date"].tolist() == list(pd.to_datetime(["2024-05-14", "2025-09-01", "2024-05-14"]))
    assert dated["administration"].tolist() == ["Yoon Suk Yeol", "Lee Jae Myung", "Yoon Suk Yeol"]
    assert dated.index.tolist() == [10, 11, 12]


def test_without_events_or_articles_a_statement_is_undated_with_a_text_administration():
    from krcn_lab.builders import _dated_statements
    statements = three_rows()["statements"].set_axis([10, 11, 12])
    dated = _dated_statements(statements, None, None, None)
    assert dated["date"].isna().all() and str(dated["date"].dtype) == "datetime64[ns]"
    assert dated["administration"].isna().all() and dated["administration"].dtype == "string"
    assert dated.index.tolist() == [10, 11, 12]


def test_actor_issue_network_ignores_unused_categories_of_categorical_columns():
    t = three_rows()
    statements = t["statements"].astype({"actor_id": pd.CategoricalDtype(["ann", "bo", "cy"]),
                                         "issue_id": pd.CategoricalDtype(["trade", "peace", "climate"])})
    G = build_actor_issue_network(statements, t["actors"], t["issues"], t["events"], t["articles"])
    assert sorted(G.edges) == [("ann", "trade"), ("bo", "peace")]
    assert sorted(G.nodes) == ["ann", "bo", "peace", "trade"]
