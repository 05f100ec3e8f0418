"""The widgets, driven without a browser: set a control, read what the output now says.

Each factory returns a box with ``controls`` (dict) and ``output`` (the HTML the main control
changes); the logic functions are called directly where that reads more plainly.
"""

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from krcn_lab import widgets
from krcn_lab.widgets import actor_view as ae
from krcn_lab.widgets import article_view as ar
from krcn_lab.widgets import timeline_view as tl
from krcn_lab.widgets.common import CONTROL_CLASS, OUTPUT_CLASS

LEE_MEETINGS = ["mtg_2025_08_envoy_beijing", "mtg_2025_09_fm_beijing"]
YOON_MEETINGS = ["mtg_2024_05_fm_beijing", "mtg_2024_07_vfm_seoul"]


def _event_ids(box):
    return [value for _, value in box.controls["event"].options]


# --- every widget: the contract the notebooks and the browser test rely on -----------------

FACTORIES = {
    "article_reader": lambda: widgets.article_reader(),
    "actor_explorer": lambda: widgets.actor_explorer(),
    "timeline": lambda: widgets.timeline(),
    "multiple_choice": lambda: widgets.multiple_choice("Q?", {"a": "fa", "b": "fb"}, "a"),
    "short_answer": lambda: widgets.short_answer("Q?", ["4"]),
    "issue_explorer": lambda: widgets.issue_explorer(),
    "network_viewer": lambda: widgets.network_viewer(),
    "administration_comparer": lambda: widgets.administration_comparer(),
    "article_lab": lambda: widgets.article_lab(),
    "statement_coder": lambda: widgets.statement_coder(widgets.article_lab()),
}


@pytest.mark.parametrize("name", FACTORIES)
def test_each_widget_marks_one_main_control_and_its_output(name):
    box = FACTORIES[name]()
    first = next(iter(box.controls.values()))
    assert CONTROL_CLASS in first._dom_classes
    assert OUTPUT_CLASS in box.output._dom_classes
    assert all(c.description for c in box.controls.values()), "every control has a label"


def test_package_exports_exactly_the_widget_factories():
    assert sorted(widgets.__all__) == sorted(FACTORIES)


# --- article reader ------------------------------------------------------------------------------

def test_reader_in_raw_mode_shows_the_typo_correction_row_of_joongang2024():
    box = widgets.article_reader("joongang2024")
    box.controls["mode"].value = "raw"
    assert "typo_correction" in box.output.value
    assert "&quot;Kirea&#x27;s&quot; -&gt; &quot;Korea&#x27;s&quot;" in box.output.value
    assert "Home &gt; National &gt; Diplomacy" in box.output.value  # raw text, escaped


def test_reader_line_view_pairs_raw_and_clean_text_on_line_number():
    t = ar.reader_tables()
    view = ar.line_view(t["paragraphs"], t["removed"], "joongang2024").set_index("line_no")
    assert view.loc[9, "raw_text"].startswith("Kirea's First Vice")
    assert view.loc[9, "clean_text"].startswith("Korea's First Vice")
    assert view.loc[9, "paragraph"] == 1
    assert view.loc[3, "rule"] == "breadcrumb" and pd.isna(view.loc[3, "clean_text"])
    assert view.loc[14, "paragraph"] == 2 and pd.isna(view.loc[14, "rule"])  # kept as it was


def test_reader_clean_mode_marks_mentions_and_says_who():
    box = widgets.article_reader("bloomberg2025")
    assert 'title="Cho Hyun (name or alias)"' in box.output.value
    box.controls["article"].value = "newssite2024"
    assert 'title="Cho Tae-yul' in box.output.value and 'title="Cho Hyun' not in box.output.value


def test_reader_clean_text_has_the_typo_corrected():
    t = ar.reader_tables()
    text = ar.highlighted_paragraphs(t["paragraphs"], t["mentions"], t["actors"], "joongang2024")
    assert "Kirea" not in text and "Korea&#x27;s" in text


def test_reader_lists_the_claims_another_source_reports():
    disputed = ar.disputed_claims(ar.reader_tables()["claims"], "herald2024").set_index("claim_id")
    assert disputed.loc["clm_002", "other_claim_ids"] == "clm_001 (newssite2024)"
    assert "clm_005" in disputed.index and "clm_001" not in disputed.index  # only herald's own claims
    box = widgets.article_reader("herald2024")
    assert "clm_002" in box.output.value and "clm_001 (newssite2024)" in box.output.value


def test_reader_escapes_text_from_the_data():
    t = dict(ar.reader_tables())
    t["articles"] = t["articles"].assign(title=lambda a: a["title"].where(
        a["article_id"] != "herald2024", "<script>alert(1)</script>"))
    page = ar.article_html(t, "herald2024")
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_reader_unknown_article_gives_a_message_not_an_error():
    assert "Pick an article" in ar.article_html(ar.reader_tables(), "no_such_article", "raw")


# --- actor explorer ------------------------------------------------------------------------------

def test_picking_cho_hyun_lists_his_role_and_meeting():
    box = widgets.actor_explorer("cho_tae_yul")
    box.controls["actor"].value = "cho_hyun"
    assert "Foreign Minister" in box.output.value
    assert "mtg_2025_09_fm_beijing" in box.output.value
    assert "mtg_2024_05_fm_beijing" not in box.output.value


def test_the_two_foreign_ministers_named_cho_read_differently_in_the_list():
    labels = {v: k for k, v in ae.actor_choices(ae.explorer_tables())}
    assert labels["cho_hyun"] == "Cho Hyun (KOR, Foreign Minister 2025–)"
    assert labels["cho_tae_yul"] == "Cho Tae-yul (KOR, Foreign Minister in 2024)"


def test_actor_list_is_grouped_by_country_korea_first():
    countries = ae.explorer_tables()["actors"].set_index("actor_id")["country"].astype(object)
    order = [countries[v] for _, v in ae.actor_choices(ae.explorer_tables())]
    assert order[0] == "KOR" and order.index("CHN") > max(i for i, c in enumerate(order) if c == "KOR")


def test_actor_tables_name_roles_events_and_statements():
    t = ae.explorer_tables()
    roles = ae.actor_roles(t, "wang_yi")
    assert roles[["start", "start_basis"]].iloc[1].tolist() == [pd.Timestamp("2023-07-25"), "public_record"]
    assert ae.actor_events(t, "cho_tae_yul")["event_id"].tolist() == ["mtg_2024_05_fm_beijing"]
    said = ae.actor_statements(t, "cho_hyun")
    assert said["statement_id"].iloc[0] == "s001" and set(said["event_id"]) == {"mtg_2025_09_fm_beijing"}


def test_actor_without_events_gets_a_message():
    html = ae.actor_html(ae.explorer_tables(), "belinda_cao")
    assert "took part in no coded event" in html
    assert "Pick an actor" in ae.actor_html(ae.explorer_tables(), None)


# --- timeline ------------------------------------------------------------------------------------

def test_timeline_filtered_to_lee_shows_exactly_the_lee_era_meetings():
    box = widgets.timeline()
    box.controls["kind"].value = "meeting"
    box.controls["administration"].value = "Lee Jae Myung"
    assert _event_ids(box) == LEE_MEETINGS
    assert "mtg_2024_05_fm_beijing" not in box.output.value
    box.controls["administration"].value = "Yoon Suk Yeol"
    assert _event_ids(box) == YOON_MEETINGS


def test_timeline_years_and_kind_filters():
    box = widgets.timeline()
    box.controls["years"].value = (2025, 2025)
    ids = _event_ids(box)
    assert ids[0] == "bg_2025_06_lee_takes_office" and ids[-1] == "bg_2025_10_apec_gyeongju" and len(ids) == 9
    box.controls["kind"].value = "background"
    assert "mtg_2025_09_fm_beijing" not in _event_ids(box)


def test_timeline_administration_accepts_a_surname():
    assert widgets.timeline("yoon").controls["administration"].value == "Yoon Suk Yeol"


def test_picking_an_event_shows_participants_sources_and_quotes():
    box = widgets.timeline()
    box.controls["event"].value = "mtg_2024_07_vfm_seoul"
    assert "Kim Hong-kyun" in box.details.value and "Ma Zhaoxu" in box.details.value
    assert "joongang2024" in box.details.value


def test_timeline_empty_selection_gives_a_friendly_message():
    box = widgets.timeline()
    box.controls["administration"].value = "Park Geun-hye"
    box.controls["kind"].value = "meeting"
    assert "No events match these filters" in box.output.value
    assert box.controls["event"].options == () and "No event to show" in box.details.value


def test_timeline_figure_draws_one_marker_per_event_over_the_bands():
    t = tl.timeline_tables()
    bands = tl.administration_bands(t["administrations"])
    assert bands["leader"].tolist()[-3:] == ["Yoon Suk Yeol", bands["leader"].iloc[-2], "Lee Jae Myung"]
    assert bands["kind"].astype(str).iloc[-2] == "acting"
    shown = tl.filter_events(t["events"], "Lee Jae Myung")
    fig = tl.timeline_figure(shown, bands)
    markers = sum(len(points.get_offsets()) for points in fig.axes[0].collections)
    assert markers == len(shown) == 9
    assert [a.get_text() for a in fig.axes[0].texts if a.get_text().isdigit()] == [str(i) for i in range(1, 10)]
    assert tl.timeline_table(shown)["event_id"].iloc[0] == "bg_2025_06_lee_takes_office"


def test_timeline_redraws_the_figure_and_leaves_no_pyplot_figure_open():
    box = widgets.timeline()
    image = box.figure
    before = image.value
    box.controls["administration"].value = "Lee Jae Myung"
    assert image.value[:4] == b"\x89PNG" and image.value != before
    assert plt.get_fignums() == []


# --- quiz ----------------------------------------------------------------------------------------

def test_multiple_choice_shows_the_chosen_options_feedback():
    box = widgets.multiple_choice("Who led the 2025 talks?", {"Cho Hyun": "Yes: Lee's minister.",
                                  "Cho Tae-yul": "No: he served under Yoon."}, "Cho Hyun",
                                  explanation="Roles are dated.")
    assert "Pick an option" in box.output.value
    box.controls["options"].value = "Cho Tae-yul"
    assert "Press Check" in box.output.value
    box.controls["check"].click()
    assert "Not quite" in box.output.value and "he served under Yoon" in box.output.value
    box.controls["options"].value = "Cho Hyun"
    box.controls["check"].click()
    assert "Correct" in box.output.value and "Roles are dated." in box.output.value


def test_multiple_choice_rejects_an_answer_that_is_not_an_option():
    with pytest.raises(ValueError, match="not one of the options"):
        widgets.multiple_choice("Q?", {"a": ""}, "b")


def test_short_answer_accepts_spaces_case_and_numbers_as_numbers():
    box = widgets.short_answer("How many meetings?", ["4"], correct="Four.", wrong="Count again.", hint="Rows.")
    box.controls["answer"].value = " 4 "
    assert "Correct" in box.output.value and "Four." in box.output.value
    box.controls["answer"].value = "3"
    assert "Count again." in box.output.value and "Rows." in box.output.value
    box.controls["answer"].value = "4.0"
    assert "Correct" in box.output.value
    callable_box = widgets.short_answer("City?", lambda s: s.casefold() == "beijing")
    callable_box.controls["answer"].value = "BEIJING"
    assert "Correct" in callable_box.output.value


def test_every_year_range_the_slider_offers_draws_without_a_warning():
    box = widgets.timeline()
    years = [value for _, value in box.controls["years"]._options_full]
    seen = set()
    for i, first in enumerate(years):
        for last in years[i:]:
            box.controls["years"].value = (first, last)  # warnings are errors in this suite
            seen.add(box.figure.value)
    assert len(seen) == len(years) * (len(years) + 1) // 2  # every range gives its own chart
