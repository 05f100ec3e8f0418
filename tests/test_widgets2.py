"""The part-2 widgets (issue explorer, network viewer, administration comparer), driven without a browser.

Each test sets a control and names the rows, nodes or sentences the output must now hold;
the logic functions are called directly where that reads more plainly.
"""

import os
import re

import ipywidgets
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import krcn_lab
from krcn_lab import widgets
from krcn_lab.widgets import compare_view as cv
from krcn_lab.widgets import issue_view as iv
from krcn_lab.widgets import network_drawing as nd
from krcn_lab.widgets import network_view as nv
from krcn_lab.widgets.common import CONTROL_CLASS, OUTPUT_CLASS

ACTING = "Acting president (Han Duck-soo, Choi Sang-mok, Lee Ju-ho)"
FACTORIES = {"issue_explorer": widgets.issue_explorer, "network_viewer": widgets.network_viewer,
             "administration_comparer": widgets.administration_comparer}


@pytest.fixture(scope="module")
def viewer():
    return widgets.network_viewer("meeting", "Lee")


# --- the contract shared with the notebooks and the browser test ----------------------------------

@pytest.mark.parametrize("name", FACTORIES)
def test_each_widget_marks_its_main_control_and_output_and_labels_every_control(name):
    box = FACTORIES[name]()
    first = next(iter(box.controls.values()))
    assert CONTROL_CLASS in first._dom_classes and OUTPUT_CLASS in box.output._dom_classes
    assert [c for c in box.controls.values() if CONTROL_CLASS in c._dom_classes] == [first]
    assert all(c.description for c in box.controls.values()), "every control has a label"


def test_the_three_factories_are_exported():
    assert {"issue_explorer", "network_viewer", "administration_comparer"} <= set(widgets.__all__)


# --- issue explorer ------------------------------------------------------------------------------

def test_picking_ties_without_interference_lists_its_four_statements_with_their_quotes():
    box = widgets.issue_explorer(["taiwan"])
    box.controls["issues"].value = ("ties_without_interference",)
    rows = re.findall(r"<td>(s\d{3})</td>", box.output.value)
    assert rows == ["s062", "s070", "s101", "s106"]
    statements = krcn_lab.load_statements().set_index("statement_id")
    for sid in rows:
        quote = statements.loc[sid, "quote"]
        assert quote.replace("'", "&#x27;").replace('"', "&quot;") in box.output.value
        assert f"<td>{statements.loc[sid, 'article_id']}</td>" in box.output.value
    assert "Wang Yi" in box.counts.value and "s062" not in box.counts.value


def test_issue_statements_carry_date_administration_article_paragraph_and_reporter():
    said = iv.issue_statements(iv.issue_tables(), ["ties_without_interference"]).set_index("statement_id")
    assert said.loc["s101", "article_id"] == "herald2024" and said.loc["s101", "paragraph"] == 4
    assert set(said["administration"]) == {"Yoon Suk Yeol"}
    assert said["reported_by"].notna().all()


def test_stance_counts_for_two_issues_add_up_per_actor():
    said = iv.issue_statements(iv.issue_tables(), ["taiwan", "bilateral_ties"])
    counts = iv.stance_counts(said).set_index("actor")
    assert counts.loc["Wang Yi", "total"] == (said["actor"] == "Wang Yi").sum()
    assert (counts[list(iv.STANCES)].sum(axis=1) == counts["total"]).all()
    yoon = said[said["actor"] == "Yoon Suk Yeol"]["stance"].value_counts()
    assert counts.loc["Yoon Suk Yeol", "oppose"] == yoon.get("oppose", 0) == 1


def test_two_issues_list_the_statements_of_both():
    box = widgets.issue_explorer()
    box.controls["issues"].value = ("taiwan", "ties_without_interference")
    shown = set(re.findall(r"<td>(s\d{3})</td>", box.output.value))
    statements = krcn_lab.load_statements()
    expected = statements[statements["issue_id"].isin(["taiwan", "ties_without_interference"])]["statement_id"]
    assert shown == set(expected) and {"s062", "s106"} <= shown and len(shown) > 4


def test_no_issue_picked_gives_a_message_and_no_chart():
    box = widgets.issue_explorer()
    box.controls["issues"].value = ()
    assert "Pick one or more issues" in box.output.value and box.figure.value == "" and box.counts.value == ""


# --- network viewer -------------------------------------------------------------------------------

def test_meeting_network_in_the_lee_era_has_exactly_its_nodes_and_the_right_top_node(viewer):
    viewer.controls["kind"].value = "meetings"
    viewer.controls["period"].value = "Lee Jae Myung"
    for measure in ("degree", "betweenness", "weighted_degree"):
        viewer.controls["measure"].value = measure
        expected = krcn_lab.meeting_network("Lee")
        assert sorted(viewer.graph()) == sorted(expected)
        table = krcn_lab.centrality_table(expected)
        top = table.sort_values([measure, "node"], ascending=[False, True]).iloc[0]
        first_row = re.search(r"<tbody><tr><td>1</td><td>([^<]+)</td>", viewer.output.value).group(1)
        assert first_row == top["node"] == "wang_yi"


def test_ranking_table_order_follows_the_measure():
    G = krcn_lab.comention_network("Yoon")
    table = krcn_lab.centrality_table(G)
    for measure in ("degree", "eigenvector"):
        ranked = nv.ranking_table(table, measure)
        assert ranked[measure].is_monotonic_decreasing
        assert ranked.loc[0, "node"] == krcn_lab.top_ranked(table, k=1).set_index("measure").loc[measure, "node"]


def test_a_node_keeps_its_place_between_the_yoon_and_the_lee_views(viewer):
    viewer.controls["kind"].value = "meetings"
    viewer.controls["period"].value = "Yoon Suk Yeol"
    yoon = viewer.positions()
    viewer.controls["period"].value = "Lee Jae Myung"
    lee = viewer.positions()
    assert "wang_yi" in viewer.graph() and yoon["wang_yi"] == lee["wang_yi"]
    assert set(yoon) == set(krcn_lab.meeting_network())  # the union of every period's nodes


def test_the_acting_period_says_in_words_that_it_has_no_meeting(viewer):
    viewer.controls["kind"].value = "meetings"
    viewer.controls["period"].value = ACTING
    assert "Nothing to draw: no meetings in the Acting president" in viewer.output.value
    assert viewer.figure.layout.display == "none"
    viewer.controls["save"].click()
    assert "nothing to save" in viewer.saved.value


def test_moving_the_dates_selects_a_date_range(viewer):
    viewer.controls["kind"].value = "meetings"
    months = [value for _, value in viewer.controls["dates"].options]
    august = months.index(krcn_lab.load_events().set_index("event_id").loc["mtg_2025_08_envoy_beijing", "date"]
                          .to_period("M").to_timestamp())
    viewer.controls["dates"].index = (august, august)
    assert viewer.controls["period"].value == nv.RANGE
    assert sorted(viewer.graph().edges()) == [("park_byeong_seug", "wang_yi")]
    assert "Park Byeong-seug" in viewer.output.value and "Cho Hyun" not in viewer.output.value


def test_the_save_button_writes_graphml_and_gexf_and_links_them(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    box = widgets.network_viewer("meeting", "Lee")
    for fmt, suffix in nv.FORMATS.items():
        box.controls["format"].value = suffix
        box.controls["save"].click()
        path = tmp_path / nv.EXPORT_FOLDER / f"meetings_lee-jae-myung{suffix}"
        assert path.is_file() and f'href="{nv.EXPORT_FOLDER}/{path.name}"' in box.saved.value
        assert sorted(krcn_lab.read_network(path).edges()) == sorted(krcn_lab.meeting_network("Lee").edges())
    assert not [p for p in (tmp_path / nv.EXPORT_FOLDER).iterdir() if p.name.startswith(".")]  # no temp file


def test_every_kind_comes_from_the_registry_and_draws_for_every_period():
    assert [key for _, key in nv.kind_choices()] == list(krcn_lab.NETWORK_KINDS)
    box = widgets.network_viewer()
    for key in krcn_lab.NETWORK_KINDS:
        box.controls["kind"].value = key
        box.controls["period"].value = "Yoon Suk Yeol"
        assert box.figure.value[:4] == b"\x89PNG" and box.figure.layout.display is None
        assert sorted(box.graph()) == sorted(krcn_lab.NETWORK_KINDS[key].wrapper("Yoon"))


def test_the_fast_drawing_matches_the_plain_one_pixel_for_pixel():
    from io import BytesIO

    from PIL import Image, ImageChops

    G = krcn_lab.comention_network("Lee")
    pos = nd.stable_layout([krcn_lab.comention_network()])
    ranking = nv.ranking_table(krcn_lab.centrality_table(G), "degree")
    fast, plain = (Image.open(BytesIO(nd.network_png(G, pos, ranking, "degree", kept))).convert("RGB")
                   for kept in ({}, None))
    difference = ImageChops.difference(fast, plain)
    assert sum(difference.convert("L").histogram()[16:]) < 0.002 * fast.width * fast.height


# --- administration comparer -----------------------------------------------------------------------

def test_comparer_summary_names_every_lee_only_meeting_edge_as_gained():
    box = widgets.administration_comparer("Yoon", "Lee")
    diff = krcn_lab.compare_networks(krcn_lab.meeting_network("Yoon"), krcn_lab.meeting_network("Lee"))
    labels = {n: d["label"] for G in (krcn_lab.meeting_network("Yoon"), krcn_lab.meeting_network("Lee"))
              for n, d in G.nodes(data=True)}
    gained = re.search(r"<li>Gained: (\d+) edges? appears? only in the articles on the Lee Jae Myung "
                       r"administration: ([^<]+)\.</li>", box.output.value)
    assert gained and int(gained.group(1)) == len(diff.edges_only_second) == 2
    for u, v in diff.edges_only_second:
        assert f"{labels[u]} – {labels[v]}" in gained.group(2)
    lost = re.search(r"<li>Lost: \d+ edges? [^<]+</li>", box.output.value).group(0)
    assert all(f"{labels[u]} – {labels[v]}" in lost for u, v in diff.edges_only_first)


def test_comparer_swapping_the_periods_swaps_gained_and_lost():
    box = widgets.administration_comparer("Lee", "Yoon")
    assert re.search(r"<li>Lost: 2 edges appear only in the articles on the Lee Jae Myung administration: "
                     r"Cho Hyun – Wang Yi; Park Byeong-seug – Wang Yi\.</li>", box.output.value)
    assert "<td>gained</td><td>Cho Tae-yul – Wang Yi</td>" in box.parts["edges"].value


def test_comparer_issue_sentence_agrees_with_the_issue_table_beside_it():
    tables = cv.comparer_tables()
    shares = cv.issue_shares(tables["statements"], tables["issues"], "Yoon Suk Yeol", "Lee Jae Myung")
    top = shares.iloc[0]  # sorted by change, largest rise first
    sentence = (f"The share of coded statements on {top['issue']} rose most: from {top['share_first']:.1f}% "
                f"({top['first']} of {shares['first'].sum()}) to {top['share_second']:.1f}% "
                f"({top['second']} of {shares['second'].sum()}).")
    assert sentence in cv.comparison_sentences(tables, "Yoon Suk Yeol", "Lee Jae Myung")
    assert top["issue"] == "South Korea–China bilateral relations"


def test_comparer_with_the_acting_period_says_it_has_no_meeting():
    box = widgets.administration_comparer()
    box.controls["second"].value = ACTING
    assert f"Note: no meetings in the {ACTING} administration in the data" in box.output.value
    assert "Kept: no edge appears" in box.output.value
    assert "No distinctive words: no statement has administration" in box.parts["words"].value


def test_comparer_issue_shares_and_words_come_from_the_statements():
    tables = cv.comparer_tables()
    shares = cv.issue_shares(tables["statements"], tables["issues"], "Yoon Suk Yeol", "Lee Jae Myung")
    eras = tables["statements"]["administration"].astype(object)
    assert shares["first"].sum() == (eras == "Yoon Suk Yeol").sum()
    assert shares["second"].sum() == (eras == "Lee Jae Myung").sum()
    assert abs(shares["share_second"].sum() - 100) < 0.5
    apec = shares.set_index("issue").loc["APEC 2025 summit in Gyeongju"]
    assert (apec["first"], apec["second"]) == (0, 1)
    said = cv.words_table(tables["statements"], "Yoon Suk Yeol", "Lee Jae Myung")
    row = said.iloc[0]
    quotes = tables["statements"].set_index("statement_id")["quote"]
    assert row["period"] == "Yoon Suk Yeol" and row["z"] > 0
    for sid in row["statements"].split(", "):
        assert quotes[sid] in row["quotes"]


# --- random control changes: never an exception, always an output ---------------------------------

def fresh_boxes() -> dict:
    """New widgets for every example (as in test_widgets_random): one example's history must not
    change what the next one sees, or Hypothesis could not replay a failing example."""
    return {name: factory() for name, factory in FACTORIES.items()}


MOVES = [(name, control) for name, box in fresh_boxes().items() for control in box.controls]


def _apply(control, draw) -> None:
    if isinstance(control, ipywidgets.Button):
        control.click()
    elif isinstance(control, ipywidgets.SelectionRangeSlider):
        n = len(control.options)
        lo = draw(st.integers(0, n - 1))
        control.index = (lo, draw(st.integers(lo, n - 1)))
    elif isinstance(control, ipywidgets.SelectMultiple):
        values = [value for _, value in control._options_full]
        control.value = tuple(draw(st.lists(st.sampled_from(values), max_size=4, unique=True)))
    else:  # Dropdown, ToggleButtons
        control.value = draw(st.sampled_from([value for _, value in control._options_full]))


@pytest.fixture(scope="module")
def in_a_scratch_folder(tmp_path_factory):
    old = os.getcwd()
    os.chdir(tmp_path_factory.mktemp("exports"))  # the save button writes here
    yield
    os.chdir(old)


@settings(max_examples=25, deadline=None, database=None)
@given(st.data())
def test_random_control_changes_never_raise(in_a_scratch_folder, data):
    boxes = {}  # fresh widgets for every example, each built when first touched
    for _ in range(data.draw(st.integers(1, 6))):
        name, control = data.draw(st.sampled_from(MOVES))
        if name not in boxes:
            boxes[name] = FACTORIES[name]()
        box = boxes[name]
        _apply(box.controls[control], data.draw)
        assert isinstance(box.output.value, str) and box.output.value.strip()
