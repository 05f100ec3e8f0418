"""The capstone (notebook 07): a learner brings a new article, sees it analysed, codes a statement,
and sees how the networks change — all in memory, with a kind message for every bad input."""

import datetime
import hashlib
from importlib import resources

import pandas as pd
import pytest

import krcn_lab
from krcn_lab.widgets.capstone_change import actor_issue_change, coding_tables, comention_change, focus
from krcn_lab.widgets.capstone_coding import (CodingProblem, code_statement, find_quote, issue_choices,
                                              speaker_choices, statement_coder, statements_csv)
from krcn_lab.widgets.capstone_view import (DEMO_ARTICLE, analyse_input, analysis_html, article_lab,
                                            candidate_actor_table, candidate_issue_table, cleaning_log_table,
                                            start_choices, start_text)
from krcn_lab.widgets.common import CONTROL_CLASS, OUTPUT_CLASS

NO_ACTOR = ("Harbour festival draws crowds\n\n"
            "Thousands of visitors came to the harbour on Saturday to watch boats and eat noodles by the water.")


@pytest.fixture(scope="module")
def demo():
    result, note = analyse_input(DEMO_ARTICLE)
    assert note == ""
    return result


@pytest.fixture(scope="module")
def tabs():
    return coding_tables()


def upload(data: bytes, name: str):
    return ({"name": name, "type": "", "size": len(data), "content": memoryview(data),
             "last_modified": datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc)},)


# -- the demonstration article

def test_the_demo_article_says_it_is_invented_in_its_headline_and_first_paragraph(demo):
    assert "(invented example)" in demo.article.title
    first = demo.article.paragraphs[0].text
    assert "made up for this exercise" in first and "not a real news report" in first


def test_the_demo_finds_cho_hyun_and_wang_yi_by_name_and_then_by_surname(demo):
    found = demo.mentions[["paragraph", "surface", "actor_id"]].values.tolist()
    assert [2, "Cho Hyun", "cho_hyun"] in found and [2, "Wang Yi", "wang_yi"] in found
    assert [3, "Cho", "cho_hyun"] in found and [4, "Wang", "wang_yi"] in found


def test_the_demo_flags_the_invented_person_as_a_candidate_new_actor_with_its_paragraph(demo):
    assert candidate_actor_table(demo)[["name", "paragraph"]].values.tolist() == [["Han Seo-yeon", 5]]


def test_the_demo_lists_candidate_issues_with_the_words_that_triggered_them(demo):
    table = candidate_issue_table(demo)
    assert table[["issue_id", "paragraph", "trigger words"]].values.tolist() == [
        ["high_level_exchanges", 3, "high-level exchanges"], ["supply_chains", 3, "supply chains"],
        ["economic_cooperation", 4, "economic cooperation"]]


def test_the_cleaning_log_names_each_removed_or_moved_line_and_its_rule(demo):
    log = cleaning_log_table(demo)
    assert log[["raw line", "rule", "action"]].values.tolist() == [
        ["Example Daily", "menu", "removed"], ["Home > World > Asia", "breadcrumb", "removed"],
        [demo.article.title, "headline", "moved"], ["By an imaginary reporter", "byline", "moved"],
        ["Read More", "page_furniture", "removed"], ["Leave a Reply", "page_furniture", "removed"]]
    assert log["why"].str.len().min() > 20  # every line carries its rule's explanation


def test_the_analysis_page_marks_mentions_and_lists_candidates(demo):
    page = analysis_html(demo)
    assert 'title="Cho Hyun (name or alias)"' in page
    assert 'title="Wang Yi (surname: named earlier in the article)"' in page
    assert "<td>Han Seo-yeon</td>" in page and "<td>supply chains</td>" in page


def test_the_start_menu_offers_the_demo_every_seed_and_a_blank_box():
    keys = [key for _, key in start_choices()]
    seeds = set(krcn_lab.load_articles()["article_id"])
    assert keys[0] == "demo" and keys[-1] == "blank" and {k[5:] for k in keys[1:-1]} == seeds
    assert "Kirea's" in start_text("seed:joongang2024")  # the raw page, before cleaning corrects the typo


# -- bad input gets a message, never a traceback

@pytest.mark.parametrize("text, data, expected", [
    ("", None, "The box is empty"),
    (" \n\t ", None, "The box is empty"),
    ("", b"", "talks.txt: the file is empty"),
    ("", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "talks.txt: the file is a PNG image, not a text article"),
    ("", b"abc\x00\x01\x02\x03def\x00\xff\xfe\x00", "talks.txt: the file looks binary"),
    ("", b"   \n\n  ", "talks.txt: the file has only whitespace"),
])
def test_an_empty_paste_or_a_bad_upload_gives_a_one_line_message_and_no_result(text, data, expected):
    result, note = analyse_input(text, None if data is None else (data, "talks.txt"))
    assert result is None and note.startswith(expected) and "\n" not in note


def test_an_article_naming_no_known_actor_is_analysed_with_a_message_and_offers_no_speaker():
    result, note = analyse_input(NO_ACTOR)
    assert result is not None and note.startswith("No known actor is named in this article")
    assert speaker_choices(result, krcn_lab.load_actors()) == []
    with pytest.raises(CodingProblem, match="Pick a speaker the article names"):
        code_statement(result, "cho_hyun", "bilateral_ties", "support", "visitors came to the harbour")


#: "This text is an example invented for practice; it is not a real article and nothing in it happened."
KOREAN_NOTE = "이 글은 연습용으로 지어낸 예시이며 실제 기사가 아니고 어떤 사건도 일어나지 않았습니다."


WITH_KOREAN = DEMO_ARTICLE.replace("\n\nIn this", f"\n\n{KOREAN_NOTE}\n\nIn this")


@pytest.mark.parametrize("data", [DEMO_ARTICLE.encode("utf-16"), WITH_KOREAN.encode("cp949")], ids=["utf-16", "cp949"])
def test_uploads_are_decoded_by_the_inputs_module(data):
    result, note = analyse_input(upload=(data, "upload.txt"))
    assert note == "" and {"cho_hyun", "wang_yi"} <= set(result.mentions["actor_id"])
    assert result.source == "upload.txt" and result.encoding != "str"
    if KOREAN_NOTE.encode("cp949") in data:
        assert KOREAN_NOTE in result.article.text  # the decoded text, not the detector's label


def test_an_uploaded_html_page_is_extracted_not_stripped_by_hand():
    page = ("<html><head><title>Ministers meet in invented talks</title></head><body><nav>Home | World</nav>"
            "<article><h1>Ministers meet in invented talks</h1>"
            "<p>Foreign Minister Cho Hyun met Wang Yi for talks that this invented example does not date.</p>"
            "<p>Cho said the two sides should keep talking, in words made up for this test page.</p>"
            "</article></body></html>").encode()
    result, _ = analyse_input(upload=(page, "talks.html"))
    assert result.format == "html" and "<p>" not in result.article.text
    assert {"cho_hyun", "wang_yi"} <= set(result.mentions["actor_id"])


# -- coding a statement

def test_a_coded_statement_has_the_columns_and_types_of_statements_csv(demo):
    row = code_statement(demo, "cho_hyun", "supply_chains", "support", "work together on supply chains")
    header = resources.files("krcn_lab.data").joinpath("statements.csv").read_text("utf-8").splitlines()[0]
    assert statements_csv(row).splitlines()[0] == header
    assert row.dtypes.equals(krcn_lab.load_statements().dtypes)
    assert row[["statement_id", "actor_id", "issue_id", "stance", "article_id", "paragraph"]].values.tolist() == [
        ["new_s1", "cho_hyun", "supply_chains", "support", "new", 3]]


@pytest.mark.parametrize("quote, expected", [
    ("", "Type or paste the quote"),
    ("Cho urges Beijing to act", "That quote is not in the clean article, word for word"),
    ("work  together on Supply Chains", "Almost: the article has “work together on supply chains” (paragraph 3)"),
    ("ministers talk trade and exchanges", "Those words are in the article's title, not in a paragraph"),
    ("Read More", "That quote is not in the clean article"),  # a line that cleaning removed
])
def test_a_quote_not_found_verbatim_in_a_clean_paragraph_is_refused_kindly(demo, quote, expected):
    with pytest.raises(CodingProblem) as problem:
        find_quote(demo, quote)
    assert str(problem.value).startswith(expected)


def test_the_form_offers_the_mentioned_actors_and_puts_tagged_issues_first(demo):
    speakers = [a for _, a in speaker_choices(demo, krcn_lab.load_actors())]
    assert speakers == ["cho_hyun", "wang_yi", "chn", "kor"]
    issues = [i for _, i in issue_choices(demo, krcn_lab.load_issues())]
    assert issues[:3] == ["economic_cooperation", "high_level_exchanges", "supply_chains"]
    assert len(issues) == len(krcn_lab.load_issues())


@pytest.mark.parametrize("change, expected", [
    ({"stance": "enthusiastic"}, "Pick the stance from the list"),
    ({"issue_id": "no_such_issue"}, "Pick the issue from the list"),
    ({"act": "shout"}, "Pick the kind of act from the list"),
])
def test_values_outside_the_dataset_vocabulary_are_refused(demo, change, expected):
    values = {"actor_id": "cho_hyun", "issue_id": "supply_chains", "stance": "support", "quote": "supply chains"}
    with pytest.raises(CodingProblem, match=expected):
        code_statement(demo, **{**values, **change})


# -- how the networks change

def test_coding_one_statement_adds_the_speaker_issue_edge_and_the_summary_names_it(demo, tabs):
    row = code_statement(demo, "cho_hyun", "supply_chains", "support", "work together on supply chains")
    change = actor_issue_change(row, tabs)
    assert not change.before.has_edge("cho_hyun", "supply_chains")
    assert change.diff.edges_only_second == {("cho_hyun", "supply_chains")} and change.diff.nodes_only_second == set()
    assert "New edge (1): Cho Hyun – Supply-chain stability and cooperation." in change.sentences
    assert change.after.number_of_edges() == change.before.number_of_edges() + 1


def test_a_statement_on_a_pair_already_linked_makes_that_edge_stronger(demo, tabs):
    row = code_statement(demo, "wang_yi", "economic_cooperation", "support", "closer economic cooperation")
    shipped = tabs["statements"]
    before = int(((shipped["actor_id"] == "wang_yi") & (shipped["issue_id"] == "economic_cooperation")).sum())
    assert before >= 1
    change = actor_issue_change(row, tabs)
    assert change.diff.edges_only_second == set()
    assert (f"Stronger edge (1), in statements: Wang Yi – Bilateral economic cooperation ({before} → {before + 1})."
            in change.sentences)


def test_the_new_articles_mentions_strengthen_the_comention_network(demo, tabs):
    change = comention_change(demo, tabs)
    old = change.before.edges["cho_hyun", "wang_yi"]["weight"]
    assert change.after.edges["cho_hyun", "wang_yi"]["weight"] == old + 1
    assert any("Cho Hyun – Wang Yi" in s and f"({old} → {old + 1})" in s for s in change.sentences)


def test_the_drawing_focuses_on_the_speakers_and_their_issues(demo, tabs):
    row = code_statement(demo, "cho_hyun", "supply_chains", "support", "supply chains")
    change = actor_issue_change(row, tabs)
    near = focus(change.after, change.touched)
    assert set(near) == {"cho_hyun"} | set(change.after.neighbors("cho_hyun"))
    assert "wang_yi" not in near


# -- the widgets

def test_each_capstone_widget_marks_its_first_control_and_its_output_and_labels_every_control():
    lab = article_lab()
    for box in (lab, statement_coder(lab)):
        assert CONTROL_CLASS in next(iter(box.controls.values()))._dom_classes
        assert OUTPUT_CLASS in box.output._dom_classes
        assert all(c.description for c in box.controls.values())


def test_the_lab_shows_a_message_for_a_blank_box_and_for_a_binary_upload():
    lab = article_lab()
    assert "Cho Hyun" in lab.output.value and lab.result is not None
    lab.controls["start"].value = "blank"
    assert "The box is empty" in lab.output.value and lab.result is None
    lab.controls["upload"].value = upload(b"%PDF-1.4 \x00\x01", "report.pdf")
    assert "report.pdf: the file is a PDF document, not a text article" in lab.output.value


def test_the_coder_refuses_a_wrong_quote_then_adds_a_right_one_and_forgets_rows_of_an_old_article():
    lab = article_lab()
    coder = statement_coder(lab)
    coder.controls["issue_id"].value = "supply_chains"
    coder.controls["quote"].value = "Cho urges Beijing"
    coder.controls["add"].click()
    assert "not in the clean article" in coder.output.value and coder.rows.empty
    coder.controls["quote"].value = "work together on supply chains"
    assert "Ready to add" in coder.output.value
    coder.controls["add"].click()
    assert coder.rows[["actor_id", "issue_id", "paragraph"]].values.tolist() == [["cho_hyun", "supply_chains", 3]]
    assert "New edge (1): Cho Hyun – Supply-chain stability and cooperation." in coder.changes.value
    assert coder.image.value[:4] == b"\x89PNG"
    lab.controls["start"].value = "seed:bloomberg2025"
    assert coder.rows.empty and coder.image.value == b""
    assert "cho_hyun" in coder.controls["actor_id"].options[0][1]


def test_nothing_is_written_to_disk(tmp_path, monkeypatch):
    monkeypatch.setenv("KRCN_LAB_USER_DIR", str(tmp_path / "store"))
    data = resources.files("krcn_lab.data")
    digest = lambda: {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in data.iterdir()  # noqa: E731
                      if p.name.endswith(".csv")}
    before = digest()
    coder = statement_coder(article_lab())
    coder.controls["quote"].value = "closer economic cooperation"
    coder.controls["add"].click()
    assert len(coder.rows) == 1
    assert digest() == before and not (tmp_path / "store").exists()
    assert pd.Series(sorted(p.name for p in tmp_path.iterdir())).empty
