"""The plain-language summary says exactly what the comparison it describes found.

Two tiny graphs, by hand:

    first  (Yoon era): Ann – Bo, Bo – Cy
    second (Lee era):  Bo – Cy, Cy – Di

so Cy – Di is gained, Ann – Bo lost, Bo – Cy kept; Di is a gained node, Ann a lost one,
Bo and Cy are kept; Bo's degree falls from 2 to 1 and Cy's rises from 1 to 2.
"""

import networkx as nx
import pandas as pd
import pytest

import krcn_lab
from krcn_lab.comparison import compare_networks
from krcn_lab.summaries import CAVEAT, summarize_comparison, summary_html, summary_markdown

LABELS = {"a": "Ann", "b": "Bo", "c": "Cy", "d": "Di"}


def hand_comparison():
    return compare_networks(nx.Graph([("a", "b"), ("b", "c")]), nx.Graph([("b", "c"), ("c", "d")]))


def test_the_summary_of_the_hand_made_graphs_is_exactly_these_sentences():
    assert summarize_comparison(hand_comparison(), LABELS) == [
        "Gained: 1 node appears only in the articles on the Lee era: Di.",
        "Lost: 1 node appears only in the articles on the Yoon era: Ann.",
        "Kept: 2 nodes appear in the articles on both the Yoon era and the Lee era: Bo; Cy.",
        "Gained: 1 edge appears only in the articles on the Lee era: Cy – Di.",
        "Lost: 1 edge appears only in the articles on the Yoon era: Ann – Bo.",
        "Kept: 1 edge appears in the articles on both the Yoon era and the Lee era: Bo – Cy.",
        "Degree rose most for Cy (from 1 to 2) and fell most for Bo (from 2 to 1), among the 2 nodes in both.",
        CAVEAT,
    ]


def test_an_edge_only_in_the_second_is_gained_and_one_only_in_the_first_is_lost():
    comparison = hand_comparison()
    comparison.edges_only_second.add(("a", "d"))  # the sentences follow the comparison, not a template
    sentences = summarize_comparison(comparison, LABELS, "before", "after")
    assert "Gained: 2 edges appear only in the articles on the after: Ann – Di; Cy – Di." in sentences
    assert "Lost: 1 edge appears only in the articles on the before: Ann – Bo." in sentences


def test_without_labels_the_summary_uses_the_graphs_labels_else_the_ids():
    assert summarize_comparison(hand_comparison())[3] == "Gained: 1 edge appears only in the articles on the Lee era: c – d."
    first = nx.Graph([("a", "b")])
    second = nx.Graph([("a", "b"), ("b", "c")])
    nx.set_node_attributes(second, {"c": "Cy"}, "label")
    assert summarize_comparison(compare_networks(first, second))[3] == (
        "Gained: 1 edge appears only in the articles on the Lee era: b – Cy.")


def test_nothing_gained_or_lost_is_said_plainly():
    same = compare_networks(nx.Graph([("a", "b")]), nx.Graph([("a", "b")]))
    sentences = summarize_comparison(same, LABELS)
    assert sentences[0] == "Gained: no node appears only in the articles on the Lee era."
    assert sentences[4] == "Lost: no edge appears only in the articles on the Yoon era."
    assert sentences[6] == "No degree changed among the 2 nodes in both."


def test_no_shared_node_means_no_centrality_change_to_compare():
    apart = compare_networks(nx.Graph([("a", "b")]), nx.Graph([("c", "d")]))
    assert summarize_comparison(apart, LABELS)[6] == "No node is in both networks, so no change in degree can be compared."


def test_ties_in_centrality_change_are_all_named():
    comparison = compare_networks(nx.Graph([("a", "b")]), nx.Graph([("a", "b"), ("a", "c"), ("b", "d")]))
    assert summarize_comparison(comparison, LABELS)[6] == (
        "Degree rose most for Ann (from 1 to 2), Bo (from 1 to 2), among the 2 nodes in both.")


def test_limit_names_a_few_and_counts_the_rest():
    comparison = compare_networks(nx.Graph(), nx.Graph([("a", "b"), ("a", "c"), ("a", "d")]))
    sentence = summarize_comparison(comparison, LABELS, limit=2)[3]
    assert sentence == "Gained: 3 edges appear only in the articles on the Lee era: Ann – Bo; Ann – Cy; and 1 more."


def issue_graph(counts):
    G = nx.Graph(network="actor_issue")
    G.add_node("x", kind="person", label="Xu", bipartite=0)
    for issue, label in (("i1", "Peace"), ("i2", "Trade")):
        G.add_node(issue, kind="issue", label=label, bipartite=1)
    for issue, count in counts.items():
        G.add_edge("x", issue, count=count, weight=count)
    return G


def test_issue_shares_that_rose_and_fell_most_are_named_with_their_counts():
    comparison = compare_networks(issue_graph({"i1": 3, "i2": 1}), issue_graph({"i1": 1, "i2": 3}))
    sentences = summarize_comparison(comparison)
    assert sentences[-3:-1] == [
        "The share of coded statements on Trade rose most: from 25.0% (1 of 4) to 75.0% (3 of 4).",
        "The share of coded statements on Peace fell most: from 75.0% (3 of 4) to 25.0% (1 of 4).",
    ]


def test_on_the_real_meeting_networks_the_gained_edges_are_exactly_those_only_in_the_lee_era():
    yoon, lee = krcn_lab.meeting_network("Yoon"), krcn_lab.meeting_network("Lee")
    comparison = compare_networks(yoon, lee)
    labels = {n: d["label"] for G in (yoon, lee) for n, d in G.nodes(data=True)}
    sentences = summarize_comparison(comparison, labels)
    gained = [s for s in sentences if s.startswith("Gained:") and " edge" in s]
    assert len(gained) == 1
    named = set(gained[0].rstrip(".").split("on the Lee era: ", 1)[1].split("; "))
    assert named == {f"{labels[u]} – {labels[v]}" for u, v in comparison.edges_only_second}
    assert gained[0] == ("Gained: 2 edges appear only in the articles on the Lee era: "
                         "Cho Hyun – Wang Yi; Park Byeong-seug – Wang Yi.")
    assert "Lost: 2 edges appear only in the articles on the Yoon era: Cho Tae-yul – Wang Yi; Kim Hong-kyun – Ma Zhaoxu." in sentences


@pytest.mark.parametrize("render,expected", [
    (summary_markdown, "- Kept: Bo – Cy.\n- Gained: a\\_b \\*"),
    (summary_html, '<ul class="krcn-summary"><li>Kept: Bo – Cy.</li><li>Gained: a_b *</li></ul>'),
])
def test_renderings_list_every_sentence(render, expected):
    assert render(["Kept: Bo – Cy.", "Gained: a_b *"]) == expected


# --- What the summary makes of partial comparisons, fractions, ties and edge cases ---

def sets_only(**sets):
    """A comparison carrying only the six node and edge sets (no centrality, no issue shares)."""
    from types import SimpleNamespace

    names = ["nodes_only_first", "nodes_only_second", "nodes_both", "edges_only_first", "edges_only_second",
             "edges_both"]
    return SimpleNamespace(**{name: sets.get(name, set()) for name in names})


def centrality(rows, measure="degree"):
    """A hand-made centrality table: one (node, in_first, in_second, first, second) tuple per node."""
    table = pd.DataFrame(rows, columns=["node", "in_first", "in_second", f"{measure}_first", f"{measure}_second"])
    table[f"{measure}_change"] = table[f"{measure}_second"] - table[f"{measure}_first"]
    return table


def test_a_comparison_with_only_node_and_edge_sets_gets_those_sentences_and_the_caveat():
    plain = sets_only(nodes_only_second={"d"}, edges_both={("a", "b")})
    assert summarize_comparison(plain) == [
        "Gained: 1 node appears only in the articles on the Lee era: d.",
        "Lost: no node appears only in the articles on the Yoon era.",
        "Kept: no node appears in the articles on both the Yoon era and the Lee era.",
        "Gained: no edge appears only in the articles on the Lee era.",
        "Lost: no edge appears only in the articles on the Yoon era.",
        "Kept: 1 edge appears in the articles on both the Yoon era and the Lee era: a – b.",
        CAVEAT,
    ]
    plain.centrality, plain.issue_share = None, None
    assert summarize_comparison(plain)[-2:] == ["Kept: 1 edge appears in the articles on both the Yoon era and the Lee era: a – b.", CAVEAT]


def test_a_measure_the_comparison_lacks_gives_no_centrality_sentence():
    sentences = summarize_comparison(hand_comparison(), LABELS, measure="closeness")
    assert len(sentences) == 7 and sentences[-1] == CAVEAT and None not in sentences
    assert not any("closeness" in s for s in sentences)
    table = hand_comparison()
    table.centrality = table.centrality.drop(columns=["in_first", "in_second"])
    assert not any(s.startswith("Degree") for s in summarize_comparison(table, LABELS))


def test_a_centrality_table_without_labels_names_nodes_by_id_and_skips_missing_changes():
    comparison = sets_only(nodes_both={"a", "b", "c"})
    comparison.centrality = centrality([("a", True, True, 1.0, 3.0), ("b", True, True, 2.0, 1.0),
                                        ("c", True, True, float("nan"), 9.0), ("z", False, True, 0.0, 5.0)])
    comparison.centrality["note"] = [None, "", "", ""]  # a gap elsewhere does not drop a node
    assert summarize_comparison(comparison)[6] == (
        "Degree rose most for a (from 1 to 3) and fell most for b (from 2 to 1), among the 2 nodes in both.")


def test_fractional_centrality_is_shown_to_three_decimals_and_the_measure_name_is_spelled_out():
    comparison = sets_only()
    comparison.centrality = centrality([("a", True, True, 0.5, 0.25), ("b", True, True, 1.0, 1.125)],
                                       measure="weighted_degree")
    assert summarize_comparison(comparison, measure="weighted_degree")[6] == (
        "Weighted degree rose most for b (from 1 to 1.125) and fell most for a (from 0.500 to 0.250), "
        "among the 2 nodes in both.")


def test_tied_nodes_of_mixed_id_types_are_named_in_text_order():
    comparison = compare_networks(nx.Graph([(1, "b")]), nx.Graph([(1, "b"), (1, "c"), ("b", "d")]))
    assert summarize_comparison(comparison)[6] == (
        "Degree rose most for 1 (from 1 to 2), b (from 1 to 2), among the 2 nodes in both.")


def test_a_limit_equal_to_the_count_names_every_one_and_applies_to_nodes_too():
    comparison = compare_networks(nx.Graph(), nx.Graph([("a", "b"), ("a", "c")]))
    sentences = summarize_comparison(comparison, LABELS, limit=2)
    assert sentences[0] == "Gained: 3 nodes appear only in the articles on the Lee era: Ann; Bo; and 1 more."
    assert sentences[3] == "Gained: 2 edges appear only in the articles on the Lee era: Ann – Bo; Ann – Cy."


def test_issue_shares_that_did_not_move_are_said_plainly():
    comparison = compare_networks(issue_graph({"i1": 1, "i2": 3}), issue_graph({"i1": 2, "i2": 6}))
    assert summarize_comparison(comparison)[-2] == "No issue's share of coded statements changed."


def test_when_the_first_period_has_no_statements_every_share_rose_and_none_fell():
    comparison = compare_networks(issue_graph({}), issue_graph({"i1": 1, "i2": 3}))
    shares = [s for s in summarize_comparison(comparison) if s.startswith("The share")]
    assert shares == ["The share of coded statements on Trade rose most: from 0.0% (0 of 0) to 75.0% (3 of 4)."]


def test_an_issue_without_a_label_is_named_by_its_id():
    first, second = issue_graph({"i1": 3, "i2": 1}), issue_graph({"i1": 1, "i2": 3})
    for G in (first, second):
        G.nodes["i2"]["label"] = None
    shares = [s for s in summarize_comparison(compare_networks(first, second)) if s.startswith("The share")]
    assert shares[0] == "The share of coded statements on i2 rose most: from 25.0% (1 of 4) to 75.0% (3 of 4)."
