"""What export_network and read_network promise for CSV files written by hand or with gaps:
cells come back with their types, empty cells as "", and a file that is no edge list is refused."""

from __future__ import annotations

import pytest

import networkx as nx

from krcn_lab.export import export_network, read_network


def test_a_csv_column_with_gaps_keeps_its_type_in_the_filled_cells_and_gives_empty_text_in_the_others(tmp_path):
    (tmp_path / "gaps.csv").write_text("source,target,weight,share,agreed\na,b,2,0.25,False\nb,c,,,\n",
                                       encoding="utf-8")
    (tmp_path / "gaps.nodes.csv").write_text("node,focal,rank,share\na,True,3,0.5\nb,,,\nc,,,\n",
                                             encoding="utf-8")
    H = read_network(tmp_path / "gaps.csv")
    assert dict(H.nodes(data=True)) == {"a": {"rank": 3, "share": 0.5, "focal": True},
                                        "b": {"rank": "", "share": "", "focal": ""},
                                        "c": {"rank": "", "share": "", "focal": ""}}
    assert {tuple(sorted((u, v))): d for u, v, d in H.edges(data=True)} == {
        ("a", "b"): {"weight": 2, "share": 0.25, "agreed": False},
        ("b", "c"): {"weight": "", "share": "", "agreed": ""}}
    assert {k: type(v) for k, v in H.nodes["a"].items()} == {"rank": int, "share": float, "focal": bool}


def test_a_whole_number_attribute_that_some_nodes_lack_is_written_and_read_back_as_a_whole_number(tmp_path):
    G = nx.Graph([("a", "b", {"weight": 2}), ("b", "c")])
    G.nodes["a"]["rank"] = 3
    export_network(G, tmp_path / "gaps.csv")
    assert (tmp_path / "gaps.nodes.csv").read_text(encoding="utf-8").splitlines() == ["node,rank", "a,3", "b,", "c,"]
    assert (tmp_path / "gaps.csv").read_text(encoding="utf-8").splitlines() == ["source,target,weight", "a,b,2", "b,c,"]
    assert read_network(tmp_path / "gaps.csv").nodes["a"] == {"rank": 3}


def test_a_csv_column_of_text_comes_back_as_text(tmp_path):
    (tmp_path / "words.csv").write_text("source,target,note\na,b,first\nb,c,\n", encoding="utf-8")
    H = read_network(tmp_path / "words.csv")
    assert H.edges["a", "b"]["note"] == "first" and H.edges["b", "c"]["note"] == ""


@pytest.mark.parametrize("header, missing", [("from,to", "source, target"), ("source,to", "target")])
def test_a_csv_file_without_source_and_target_columns_is_refused_naming_them(tmp_path, header, missing):
    path = tmp_path / "other.csv"
    path.write_text(f"{header}\na,b\n", encoding="utf-8")
    with pytest.raises(ValueError) as info:
        read_network(path)
    assert str(info.value) == f"{path}: not an edge list (missing column(s) {missing})"


def test_an_unknown_suffix_is_refused_listing_the_formats(tmp_path):
    with pytest.raises(ValueError) as info:
        read_network(tmp_path / "graph.txt")
    assert str(info.value) == f"{tmp_path / 'graph.txt'}: unknown suffix '.txt'; supported: .graphml, .gexf, .csv"


def test_a_gexf_file_gives_back_the_graph_name_only_and_edges_without_weight_stay_without(tmp_path):
    export_network(nx.Graph([("a", "b")], name="toy"), tmp_path / "toy.gexf")
    H = read_network(tmp_path / "toy.gexf")
    assert H.graph == {"name": "toy"}
    assert list(H.edges(data=True)) == [("a", "b", {})]


def test_a_gexf_file_written_elsewhere_without_edge_ids_is_read(tmp_path):
    (tmp_path / "hand.gexf").write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">'
        '<graph defaultedgetype="undirected"><nodes><node id="a" label="a"/><node id="b" label="b"/></nodes>'
        '<edges><edge source="a" target="b" weight="2.0"/></edges></graph></gexf>', encoding="utf-8")
    H = read_network(tmp_path / "hand.gexf")
    assert list(H.edges(data=True)) == [("a", "b", {"weight": 2})]


def test_graphml_keeps_a_default_for_node_attributes(tmp_path):
    G = nx.Graph([("a", "b")], name="toy")
    G.nodes["a"]["colour"] = "red"
    G.graph["node_default"] = {"colour": "blue"}
    export_network(G, tmp_path / "toy.graphml")
    assert read_network(tmp_path / "toy.graphml").graph == {"name": "toy", "node_default": {"colour": "blue"}}
