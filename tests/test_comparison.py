"""What compare_networks promises: exact node, edge and centrality differences on hand-made graphs,
and issue shares that follow the statements."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest
from test_networks import expected_meeting_pairs, toy_two_mode

import krcn_lab
from krcn_lab.comparison import compare_networks
from krcn_lab.networks import actor_issue_network, meeting_network



def test_comparing_a_toy_pair_lists_exactly_the_added_and_removed_edges():
    first = nx.Graph([("a", "b"), ("b", "c"), ("c", "d")])
    second = nx.Graph([("c", "b"), ("d", "c"), ("d", "e"), ("e", "f")])
    diff = compare_networks(first, second)
    assert diff.edges_only_first == {("a", "b")}
    assert diff.edges_only_second == {("d", "e"), ("e", "f")}
    assert diff.edges_both == {("b", "c"), ("c", "d")}
    assert diff.nodes_only_first == {"a"}
    assert diff.nodes_only_second == {"e", "f"}
    assert diff.nodes_both == {"b", "c", "d"}


def test_comparison_gives_each_nodes_centrality_in_both_and_the_change():
    first = nx.Graph([("a", "b"), ("b", "c")])
    second = nx.Graph([("b", "c"), ("c", "d"), ("c", "e")])
    table = compare_networks(first, second).centrality.set_index("node")
    assert set(table.index) == {"a", "b", "c", "d", "e"}
    assert table.loc["a", ["degree_first", "degree_second", "degree_change"]].tolist() == [1, 0, -1]
    assert table.loc["c", ["degree_first", "degree_second", "degree_change"]].tolist() == [1, 3, 2]
    assert table.loc["b", "betweenness_first"] == pytest.approx(1.0)
    assert table.loc["b", "betweenness_second"] == 0
    assert table.loc["e", "eigenvector_first"] == 0 and not table.loc["e", "in_first"]


def test_comparison_of_toy_actor_issue_graphs_gives_issue_shares():
    first, second = toy_two_mode(), toy_two_mode()
    first.edges["ann", "trade"]["count"] = 3  # first: trade 3+1=4, peace 3 -> 4/7, 3/7
    second.remove_edge("ann", "trade")         # second: trade 1, peace 3 -> 1/4, 3/4
    share = compare_networks(first, second).issue_share.set_index("issue")
    assert share.loc["trade", ["statements_first", "statements_second"]].tolist() == [4, 1]
    assert share.loc["trade", "share_first"] == pytest.approx(4 / 7)
    assert share.loc["peace", "share_second"] == pytest.approx(3 / 4)
    assert share.loc["peace", "share_change"] == pytest.approx(3 / 4 - 3 / 7)


def test_comparison_of_yoon_and_lee_issue_shares_follows_the_statements():
    statements = krcn_lab.load_statements()
    yoon, lee = actor_issue_network("Yoon"), actor_issue_network("Lee")
    diff = compare_networks(yoon, lee)
    share = diff.issue_share.set_index("issue")
    assert share["share_first"].sum() == pytest.approx(1) and share["share_second"].sum() == pytest.approx(1)
    counted = {}
    for _, _, d in yoon.edges(data=True):
        for s in d["statements"].split("|"):
            counted[s] = statements.set_index("statement_id").at[s, "issue_id"]
    expected = pd.Series(counted).value_counts()
    assert share["statements_first"][share["statements_first"] > 0].to_dict() == expected.to_dict()
    assert ("cho_hyun" in diff.nodes_only_second) and ("cho_tae_yul" in diff.nodes_only_first)


def test_comparison_of_graphs_of_other_kinds_has_an_empty_issue_share_and_handles_empty_graphs():
    diff = compare_networks(meeting_network("Yoon"), meeting_network(start="2030-01-01"))
    assert diff.issue_share.empty
    assert diff.edges_only_second == set() and diff.edges_both == set()
    assert diff.edges_only_first == set(expected_meeting_pairs(administration="Yoon Suk Yeol"))
    assert (diff.centrality["degree_second"] == 0).all()


def test_issue_shares_count_weight_when_an_edge_has_no_count_and_one_when_it_has_neither():
    first, second = toy_two_mode(), toy_two_mode()
    for graph in (first, second):
        for u, v in graph.edges():
            del graph.edges[u, v]["count"]
    first.edges["ann", "trade"]["weight"] = 4  # first: trade 4+1=5, peace 1+1+1=3
    for u, v in second.edges():
        del second.edges[u, v]["weight"]       # second: trade 2, peace 3, one each
    share = compare_networks(first, second).issue_share.set_index("issue")
    assert share["statements_first"].to_dict() == {"trade": 5, "peace": 3}
    assert share["statements_second"].to_dict() == {"trade": 2, "peace": 3}


def test_an_issue_without_a_label_is_labelled_by_its_id():
    first, second = toy_two_mode(), toy_two_mode()
    del first.nodes["trade"]["label"], second.nodes["trade"]["label"]
    share = compare_networks(first, second).issue_share.set_index("issue")
    assert share["label"].to_dict() == {"peace": "Peace", "trade": "trade"}


def test_issue_shares_against_an_empty_actor_issue_graph_count_zero_statements_there():
    share = compare_networks(actor_issue_network(start="2030-01-01"), toy_two_mode()).issue_share
    assert share[["issue", "label", "statements_first", "statements_second", "share_first", "share_second",
                  "share_change"]].values.tolist() == [["peace", "Peace", 0, 3, 0.0, 0.6, 0.6],
                                                       ["trade", "Trade", 0, 2, 0.0, 0.4, 0.4]]


def test_directed_edges_keep_their_direction_and_undirected_pairs_are_sorted_by_id_as_text():
    diff = compare_networks(nx.DiGraph([("b", "a")]), nx.DiGraph([("a", "b")]))
    assert (diff.edges_only_first, diff.edges_only_second, diff.edges_both) == ({("b", "a")}, {("a", "b")}, set())
    mixed = compare_networks(nx.Graph([(9, 10), ("x", 2)]), nx.Graph([(10, 9)]))
    assert (mixed.edges_only_first, mixed.edges_both) == ({(2, "x")}, {(10, 9)})


def test_the_centrality_table_has_one_row_per_node_sorted_by_id_with_the_first_graphs_labels():
    first = nx.Graph([("b", "a"), ("b", "d")])  # b comes first by weighted degree, not in the comparison
    first.nodes["a"].update(label="A first", kind="person", country="KOR")
    second = nx.Graph([("a", "c")])
    second.nodes["a"].update(label="A second", kind="person", country="KOR")
    table = compare_networks(first, second).centrality
    assert table.columns.tolist() == ["node", "label", "kind", "country", "in_first", "in_second"] + [
        f"{m}_{side}" for m in ("degree", "weighted_degree", "betweenness", "eigenvector")
        for side in ("first", "second", "change")]
    assert table[["node", "label", "in_first", "in_second", "degree_first", "degree_second", "degree_change"]] \
        .values.tolist() == [["a", "A first", True, True, 1.0, 1.0, 0.0], ["b", "b", True, False, 2.0, 0.0, -2.0],
                             ["c", "c", False, True, 0.0, 1.0, 1.0], ["d", "d", True, False, 1.0, 0.0, -1.0]]
    assert table.index.tolist() == [0, 1, 2, 3]


def test_issue_shares_are_sorted_by_change_then_by_issue_id():
    first, second = toy_two_mode(), toy_two_mode()
    first.remove_edge("cy", "peace")   # first: trade 2, peace 2 -> 1/2 each
    second.remove_edge("cy", "peace")  # second: trade 2, peace 2, apec 4 -> 1/4, 1/4, 1/2
    second.add_node("apec", bipartite=1, kind="issue", country="", label="APEC")
    second.add_edge("cy", "apec", weight=1, count=4)
    share = compare_networks(first, second).issue_share
    assert share.columns.tolist() == ["issue", "label", "statements_first", "statements_second",
                                      "share_first", "share_second", "share_change"]
    assert share[["issue", "share_change"]].values.tolist() == [["apec", 0.5], ["peace", -0.25], ["trade", -0.25]]
    assert share.index.tolist() == [0, 1, 2]
