"""What export_network and read_network promise for CSV files written by hand or with gaps:
cells come back with their types, empty cells as "", and a file that is no edge list is refused."""

from __future__ import annotations

import pytest

from krcn_lab.export import read_network


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
