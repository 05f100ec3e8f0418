"""What centrality_table and top_ranked promise, checked on graphs whose values can be worked out by hand."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest
from test_networks import FOCAL_MEETINGS

from krcn_lab import centrality
from krcn_lab.centrality import centrality_table, top_k, top_ranked
from krcn_lab.networks import meeting_network



def test_centrality_table_on_a_star_matches_hand_computed_values():
    G = nx.star_graph(3)  # hub 0, leaves 1..3
    nx.set_edge_attributes(G, 2, "weight")
    table = centrality_table(G).set_index("node")
    assert list(centrality_table(G).columns[:8]) == [
        "node", "label", "kind", "country", "degree", "weighted_degree", "betweenness", "eigenvector"]
    assert table.at[0, "degree"] == 3 and table.at[1, "degree"] == 1
    assert table.at[0, "weighted_degree"] == 6 and table.at[1, "weighted_degree"] == 2
    assert table.at[0, "betweenness"] == pytest.approx(1.0)  # every leaf-leaf path runs through the hub
    assert table.at[1, "betweenness"] == 0
    assert table.at[0, "eigenvector"] == pytest.approx(2 ** -0.5, abs=1e-4)
    assert table.at[1, "eigenvector"] == pytest.approx(6 ** -0.5, abs=1e-4)


@pytest.mark.parametrize("G", [nx.Graph(), nx.empty_graph(1), nx.empty_graph(2), nx.path_graph(2),
                               nx.Graph([(0, 1), (2, 3)]), nx.empty_graph(4)],
                         ids=["empty", "one node", "two nodes no edge", "one edge", "two components", "no edges"])
def test_centrality_table_never_raises_on_small_or_disconnected_graphs(G):
    table = centrality_table(G)
    assert len(table) == G.number_of_nodes()
    assert {"node", "label", "kind", "country", "degree", "weighted_degree", "betweenness",
            "eigenvector"} <= set(table.columns)
    assert isinstance(table.attrs["notes"], list)


def test_centrality_table_of_an_empty_graph_explains_why():
    table = centrality_table(meeting_network(start="2030-01-01"))
    assert table.empty and "2030-01-01" in table.attrs["notes"][0]


def test_eigenvector_is_computed_per_component_and_isolated_nodes_get_zero():
    G = nx.Graph([("a", "b"), ("c", "d"), ("d", "e")])
    G.add_node("lonely")
    table = centrality_table(G).set_index("node")
    assert table.at["a", "eigenvector"] == pytest.approx(2 ** -0.5, abs=1e-4)  # a–b on its own
    assert table.at["d", "eigenvector"] == pytest.approx(2 ** -0.5, abs=1e-4)  # the middle of c–d–e
    assert table.at["lonely", "eigenvector"] == 0
    assert any("components" in note for note in table.attrs["notes"])
    assert table.at["c", "component"] == 0 and table.at["lonely", "component"] == 2


def test_eigenvector_that_does_not_converge_is_nan_with_a_note(monkeypatch):
    def fail(*args, **kwargs):
        raise nx.PowerIterationFailedConvergence(1000)

    monkeypatch.setattr(centrality.nx, "eigenvector_centrality", fail)
    table = centrality_table(nx.path_graph(3))
    assert table["eigenvector"].isna().all()
    assert any("did not converge" in note for note in table.attrs["notes"])


def test_centrality_of_the_meeting_network_puts_wang_yi_first():
    table = centrality_table(meeting_network())
    assert table.iloc[0]["node"] == "wang_yi"
    assert table.set_index("node").at["wang_yi", "degree"] == sum(1 for p in FOCAL_MEETINGS if "wang_yi" in p)
    assert (table["label"] != "").all()


def test_top_k_gives_k_rows_per_measure_with_shared_ranks_for_ties():
    G = nx.Graph([("a", "b"), ("b", "c"), ("c", "d"), ("d", "e"), ("b", "f")])
    top = top_k(centrality_table(G), k=2)
    assert list(top.columns) == ["measure", "rank", "node", "label", "kind", "country", "value"]
    assert top.groupby("measure").size().to_dict() == dict.fromkeys(
        ["degree", "weighted_degree", "betweenness", "eigenvector"], 2)
    degree = top[top.measure == "degree"]
    assert degree["node"].tolist() == ["b", "c"] and degree["rank"].tolist() == [1, 2]
    tie = top_k(centrality_table(nx.path_graph(4)), k=2)
    assert tie[tie.measure == "degree"]["rank"].tolist() == [1, 1]


def test_top_k_of_an_empty_table_is_empty():
    assert top_k(centrality_table(nx.Graph())).empty



def test_top_ranked_is_also_reachable_by_its_old_name_top_k():
    assert top_k is top_ranked


def test_top_ranked_skips_nan_values():
    table = centrality_table(nx.path_graph(3))
    table.loc[table["node"] == 1, "eigenvector"] = float("nan")
    top = top_ranked(table, k=3)
    assert top[top.measure == "eigenvector"]["node"].tolist() == [0, 2]


def test_top_ranked_gives_five_nodes_per_measure_by_default():
    top = top_ranked(centrality_table(nx.path_graph(7)))
    assert top.groupby("measure").size().to_dict() == dict.fromkeys(centrality.MEASURES, 5)


def test_top_ranked_numbers_the_rows_from_zero_and_an_empty_one_keeps_its_columns():
    top = top_ranked(centrality_table(nx.path_graph(3)), k=2)
    assert top.index.tolist() == list(range(8))
    assert top_ranked(centrality_table(nx.Graph())).columns.tolist() == [
        "measure", "rank", "node", "label", "kind", "country", "value"]


def test_tied_nodes_share_the_lowest_rank_of_their_group():
    top = top_ranked(centrality_table(nx.star_graph(3)), k=4)  # hub 0, three leaves tied behind it
    degree = top[top.measure == "degree"]
    assert degree["node"].tolist() == [0, 1, 2, 3] and degree["rank"].tolist() == [1, 2, 2, 2]


def test_ties_are_broken_by_node_id_whatever_the_order_of_the_table():
    table = pd.DataFrame({"node": ["c", "a", "b"], "label": ["C", "A", "B"], "kind": "", "country": "",
                          "degree": [1, 1, 1]})
    top = top_ranked(table, k=2)
    assert top[["measure", "rank", "node", "value"]].values.tolist() == [["degree", 1, "a", 1.0],
                                                                          ["degree", 1, "b", 1.0]]


def test_a_nan_in_one_measure_does_not_drop_the_node_from_the_others():
    table = centrality_table(nx.path_graph(3))
    table.loc[table["node"] == 1, "eigenvector"] = float("nan")
    top = top_ranked(table, k=3)
    assert top[top.measure == "degree"]["node"].tolist() == [1, 0, 2]


def test_a_table_without_any_measure_gives_an_empty_ranking_with_the_usual_columns():
    top = top_ranked(pd.DataFrame({"node": ["a"], "label": ["A"]}))
    assert top.empty and top.columns.tolist() == ["measure", "rank", "node", "label", "kind", "country", "value"]


def test_eigenvector_uses_the_edge_weights():
    # a–b weighs 3, b–c weighs 1: weighted, a outranks c; unweighted they would tie.
    G = nx.Graph([("a", "b", {"weight": 3}), ("b", "c", {"weight": 1})])
    table = centrality_table(G).set_index("node")
    expected = nx.eigenvector_centrality(G, weight="weight", max_iter=1000)
    assert table["eigenvector"].to_dict() == pytest.approx(expected, abs=1e-9)
    assert table.at["a", "eigenvector"] > table.at["c", "eigenvector"] + 0.1


def test_eigenvector_allows_a_thousand_iterations_before_giving_up(monkeypatch):
    calls = []

    def record(G, **kwargs):
        calls.append(kwargs)
        return dict.fromkeys(G, 0.5)

    monkeypatch.setattr(centrality.nx, "eigenvector_centrality", record)
    centrality_table(nx.path_graph(3))
    assert calls == [{"max_iter": 1000, "weight": "weight"}]


def test_a_component_that_does_not_converge_gets_float_nan_and_a_note_naming_its_first_node(monkeypatch):
    def fail(*args, **kwargs):
        raise nx.PowerIterationFailedConvergence(1000)

    monkeypatch.setattr(centrality.nx, "eigenvector_centrality", fail)
    table = centrality_table(nx.Graph([("b", "a"), ("a", "c")]))
    assert table["eigenvector"].dtype == "float64" and table["eigenvector"].isna().all()
    assert table.attrs["notes"] == ["eigenvector: did not converge for the component of 3 nodes containing 'a'; "
                                    "NaN there"]


def test_the_table_of_an_empty_graph_keeps_whole_number_columns_and_says_no_nodes():
    table = centrality_table(nx.Graph())
    assert table.attrs["notes"] == ["empty graph: no nodes"]
    assert (table["degree"].dtype, table["component"].dtype) == ("int64", "int64")


def test_the_table_orders_tied_nodes_by_their_id_read_as_text():
    # As text "10" comes before "9" (numerically it would come after), and ids of mixed types still sort.
    assert centrality_table(nx.Graph([(9, 10)]))["node"].tolist() == [10, 9]
    assert centrality_table(nx.Graph([(9, "x")]))["node"].tolist() == [9, "x"]


def test_the_table_of_an_empty_graph_has_every_column_with_its_type_and_the_graphs_reason():
    table = centrality_table(nx.Graph(reason="no meeting in the acting period"))
    assert table.attrs["notes"] == ["empty graph: no meeting in the acting period"]
    assert {c: str(t) for c, t in table.dtypes.items()} == {
        "node": "object", "label": "object", "kind": "object", "country": "object", "degree": "int64",
        "weighted_degree": "float64", "betweenness": "float64", "eigenvector": "float64", "component": "int64"}


def test_a_directed_graph_is_measured_as_undirected_and_says_so():
    table = centrality_table(nx.DiGraph([("a", "b"), ("c", "b")])).set_index("node")
    assert table.attrs["notes"] == ["directed graph: measured as undirected"]
    assert table["degree"].to_dict() == {"b": 2, "a": 1, "c": 1}
    assert table.at["b", "betweenness"] == 1.0


def test_every_row_names_the_nodes_label_kind_country_and_component_exactly():
    G = nx.Graph()
    G.add_edge("wang_yi", "cho_hyun", weight=2)
    G.add_edge("x", "y")
    G.add_edge("p", "q")
    G.add_edge("q", "r")
    G.nodes["wang_yi"].update(label="Wang Yi", kind="person", country="CHN")
    G.nodes["cho_hyun"].update(label=None, kind=float("nan"), country="KOR")
    table = centrality_table(G)
    assert table[["node", "label", "kind", "country", "degree", "weighted_degree", "component"]].values.tolist() == [
        ["cho_hyun", "cho_hyun", "", "KOR", 1, 2.0, 1],
        ["q", "q", "", "", 2, 2.0, 0],
        ["wang_yi", "Wang Yi", "person", "CHN", 1, 2.0, 1],
        ["p", "p", "", "", 1, 1.0, 0],
        ["r", "r", "", "", 1, 1.0, 0],
        ["x", "x", "", "", 1, 1.0, 2],
        ["y", "y", "", "", 1, 1.0, 2],
    ]
    # the largest component is 0; two of the same size go by their first node id
    assert table.attrs["notes"] == ["eigenvector: the graph has 3 connected components; computed within each "
                                    "(compare values within a component only); isolated nodes get 0"]
    assert table.index.tolist() == list(range(7))


def test_two_components_are_enough_for_the_note_on_comparing_within_a_component():
    table = centrality_table(nx.Graph([("a", "b"), ("c", "d")]))
    assert table.attrs["notes"] == ["eigenvector: the graph has 2 connected components; computed within each "
                                    "(compare values within a component only); isolated nodes get 0"]
    assert centrality_table(nx.Graph([("a", "b")])).attrs["notes"] == []
