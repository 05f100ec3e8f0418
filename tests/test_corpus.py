"""Cleaning: every body paragraph survives, no page furniture does, and every change is logged."""

import subprocess
from datetime import date
import sys

import pandas as pd
import pytest

from conftest import REPO
from krcn_lab import corpus, load_paragraphs, load_removed_lines
from krcn_lab.dataset import cleaned_articles

SEEDS = {
    "bloomberg2025": "000_acd483dee9c6b4e7.txt",
    "joongang2024": "001_cf9a69334054b8ad.txt",
    "aggregator2025": "002_3647533dbe59f04f.txt",
    "newssite2024": "003_cb43b14984860ea7.txt",
    "herald2024": "004_508489a84c2a7251.txt",
}

# The opening words of every paragraph of each article, in order, written by reading
# the raw pages: this is what a careful human would keep.
EXPECTED_OPENINGS = {
    "bloomberg2025": [
        "China and South Korea’s top diplomats pledged", "South Korean Foreign Minister Cho Hyun met",
        "“Minister Cho said that our government", "The meeting marked the first foreign ministerial talks",
        "Wang called for joint efforts", "“Both China and South Korea are beneficiaries",
        "Cho invited Wang to visit South Korea", "The meeting comes amid renewed tensions",
        "Earlier this month, Xi hosted", "Beijing has long been North Korea’s primary supporter",
    ],
    "joongang2024": [
        "Korea's First Vice Foreign Minister Kim Hong-kyun,right", "South Korea and China held vice-ministerial",
        "Kim Hong-kyun, South Korea's vice minister", "The dialogue marked the first high-level meeting",
        "Both sides acknowledged", '"This dialogue is significant', "The ministry also highlighted",
        "During the meeting, South Korea expressed", "In response, China stated", "South Korea also emphasized",
        "China showed interest", "The Korea-China strategic dialogue follows", "China has been expanding",
        "Before visiting Seoul, Ma held", "South Korean Foreign Minister Cho Tae-yul reiterated",
    ],
    "aggregator2025": [
        "South Korea is actively pursuing", "A delegation led by former South Korean parliament speaker",
        "During the visit, Park conveyed", "Wang welcomed the delegation’s visit", "In a statement, Park indicated",
        "Wang reiterated China’s stance", "Relations between South Korea and China have seen fluctuations",
        "The current diplomatic efforts signal", "This renewed dialogue comes at a crucial time",
    ],
    "newssite2024": [
        "Beijing and Seoul should aim", "South Korea’s Foreign Minister Cho Tae-yul arrived",
        "It was the first visit to China", "During the talks, Cho said", "“South Korea is not in favour",
        "The comments appeared to be an attempt", "Wang said recent difficulties", "“We hoped that our countries",
        "According to a statement from the South Korean foreign ministry", "The deterioration of bilateral ties",
        "Those remarks triggered", "Ties between Beijing and Seoul also simmered", "In April 2023, he condemned",
        "Taipei took part", "“It is hoped that South Korea", "Additionally, Wang cautioned",
        "South Korea is actively working to diversify", "According to South Korea’s foreign ministry, Cho and Wang",
        "The leaders’ gathering", "Cho urged China", "China is South Korea’s biggest trading partner",
    ],
    "herald2024": [
        "South Korea and China expressed a wish", "It is not without meaning", "The only agreement Cho and Wang",
        "Wang expressed hope", "Wang said the difficulties", '"I hope that we join', "Cho pointed out",
        "Cho called for substantializing", "Cho also raised concern", "He delivered Seoul's concern",
        "Wang confirmed that there is no change", "He said he hopes Seoul conforms",
        "Wang said South Korea and China should", "Despite such differences",
    ],
}

# Page furniture seen in the raw pages: none of it may survive into a paragraph.
FURNITURE = [
    "Current News", "ArcaMax", "Published in News", "Disqus", "Home > National", "print dictionary",
    "Related Article", "Log in to Twitter", "lock icon", "To write comments", "Standards Board Policy",
    "Read More", "Leave a Reply", "Beijing criticises South Korea for inviting Taiwan",
    "China agrees to a summit with South Korea and Japan after rare trilateral meeting", "Link copied",
    "©", "Bloomberg L.P.", "With assistance from", "BY SEO JI-EUN", "Soo-Hyang Choi", "By Korea Herald",
    "help-image", "Progress Towards Economic Cooperation", "Historical Context and Recent Tensions",
    "Published :", "south-korea-and-china",
]


def test_every_body_paragraph_survives_in_order():
    paragraphs = load_paragraphs()
    for article_id, openings in EXPECTED_OPENINGS.items():
        texts = paragraphs[paragraphs.article_id == article_id].sort_values("paragraph").text.tolist()
        assert len(texts) == len(openings), article_id
        for number, (text, opening) in enumerate(zip(texts, openings), start=1):
            assert text.startswith(opening), f"{article_id} paragraph {number}: {text[:60]!r}"


def test_no_menu_comment_box_or_related_link_text_survives():
    paragraphs = load_paragraphs()
    for text in paragraphs.text:
        for junk in FURNITURE:
            assert junk not in text, f"{junk!r} survived in {text[:60]!r}"


def test_no_non_breaking_space_and_the_typo_is_corrected():
    paragraphs = load_paragraphs()
    assert not paragraphs.text.str.contains("\u00a0").any()
    assert not paragraphs.text.str.contains("Kirea").any()
    raw = (REPO / "seeds" / SEEDS["joongang2024"]).read_text(encoding="utf-8")
    assert "\u00a0" in raw and "Kirea's" in raw  # the raw seed keeps both


def test_every_raw_line_is_either_kept_or_logged_with_its_rule():
    paragraphs, log = load_paragraphs(), load_removed_lines()
    for article_id, seed in SEEDS.items():
        raw = (REPO / "seeds" / seed).read_text(encoding="utf-8").splitlines()
        visible = {n for n, line in enumerate(raw, start=1) if line.replace("\u00a0", " ").strip()}
        kept = set(paragraphs[paragraphs.article_id == article_id].line_no)
        gone = log[(log.article_id == article_id) & log.action.isin(["removed", "moved"])]
        assert kept.isdisjoint(set(gone.line_no)), article_id
        assert kept | set(gone.line_no) == visible, article_id
        for entry in gone.itertuples():
            assert entry.text == raw[entry.line_no - 1].strip()


@pytest.mark.parametrize(
    "article_id, line_no, rule",
    [
        ("bloomberg2025", 1, "menu"),
        ("bloomberg2025", 3, "separator"),
        ("bloomberg2025", 7, "headline"),
        ("bloomberg2025", 9, "byline"),
        ("bloomberg2025", 37, "credits"),
        ("bloomberg2025", 40, "copyright"),
        ("bloomberg2025", 46, "page_furniture"),
        ("joongang2024", 3, "breadcrumb"),
        ("joongang2024", 7, "repeated_headline"),
        ("joongang2024", 9, "typo_correction"),
        ("joongang2024", 11, "duplicate_caption"),
        ("joongang2024", 16, "unusual_space"),
        ("joongang2024", 19, "page_furniture"),
        ("joongang2024", 45, "byline"),
        ("joongang2024", 52, "comment_widget"),
        ("aggregator2025", 1, "dateline"),
        ("aggregator2025", 2, "url_slug"),
        ("aggregator2025", 10, "section_heading"),
        ("newssite2024", 17, "related_link"),
        ("newssite2024", 19, "related_link"),
        ("newssite2024", 47, "related_link"),
        ("newssite2024", 63, "page_furniture"),
        ("herald2024", 1, "menu"),
        ("herald2024", 6, "standfirst"),
        ("herald2024", 10, "dateline"),
    ],
)
def test_the_log_names_the_rule_that_removed_or_changed_each_line(article_id, line_no, rule):
    log = load_removed_lines()
    rules = set(log[(log.article_id == article_id) & (log.line_no == line_no)].rule)
    assert rule in rules


def test_every_rule_in_the_log_has_an_explanation_a_learner_can_read():
    log = load_removed_lines()
    assert set(log.rule.dropna()) <= set(corpus.RULES)
    assert log.explanation.notna().all()
    assert all(len(rule.explanation) > 30 for rule in corpus.RULES.values())


def test_metadata_moved_out_of_the_text():
    from krcn_lab import load_articles

    articles = load_articles().set_index("article_id")
    assert articles.at["joongang2024", "title"] == "South Korea, China hold long-awaited vice-ministerial strategic talks"
    assert articles.at["aggregator2025", "title"].startswith("South Korea and China aim to restore relations")
    assert "slug" in articles.at["aggregator2025", "title_basis"]
    assert articles.at["herald2024", "published"].strftime("%Y-%m-%d") == "2024-05-16"
    assert articles.at["aggregator2025", "published"].strftime("%Y-%m-%d") == "2025-08-25"
    assert "Seo" in articles.at["joongang2024", "byline"].title()
    assert articles.at["bloomberg2025", "credits"].startswith("(With assistance from")
    assert articles.at["herald2024", "standfirst"].startswith("Seoul, Beijing should continue")


SIXTH_ARTICLE = """Menu
World | Asia

Seoul and Tokyo agree to resume shuttle diplomacy

By Kim Min-ji
March 3, 2025

The leaders of South Korea and Japan agreed on Monday to resume regular visits to each other's capitals.

Seoul and Tokyo agree to resume shuttle diplomacy

Japan hopes for stable ties with its neighbour, a government spokesperson told reporters in Tokyo.

Related Stories
Japan's prime minister faces an election test
Japan's prime minister faces an election test

The talks lasted two hours and covered trade, security and\u00a0history in some detail.

Copyright 2025 Example News. All rights reserved.
Leave a comment
Sign in to your account to post comments
"""


def test_the_rules_generalise_to_a_new_article_of_a_similar_kind():
    article = corpus.clean_text(SIXTH_ARTICLE, source="sixth.txt")
    assert article.title == "Seoul and Tokyo agree to resume shuttle diplomacy"
    assert article.byline == "By Kim Min-ji"
    assert str(article.published) == "2025-03-03"
    assert [p.text[:20] for p in article.paragraphs] == [
        "The leaders of South", "Japan hopes for stab", "The talks lasted two",
    ]
    assert "security and history" in article.paragraphs[-1].text
    rules = {entry.rule for entry in article.log}
    assert {"menu", "breadcrumb", "headline", "byline", "dateline", "repeated_headline", "page_furniture",
            "related_link", "copyright", "comment_widget", "unusual_space"} <= rules
    assert [(entry.line_no, entry.rule, entry.action) for entry in article.log] == [
        (1, "menu", "removed"), (2, "breadcrumb", "removed"), (4, "headline", "moved"), (6, "byline", "moved"),
        (7, "dateline", "moved"), (11, "repeated_headline", "removed"), (15, "page_furniture", "removed"),
        (16, "related_link", "removed"), (17, "related_link", "removed"), (19, "unusual_space", "changed"),
        (21, "copyright", "removed"), (22, "page_furniture", "removed"), (23, "comment_widget", "removed"),
    ]


@pytest.mark.parametrize(
    "content, problem",
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("Seoul and Beijing hold talks\n\nThe ministers met on Monday in Beijing to talk about trade.".encode("cp949"),
         None),
        ("Séoul et Pékin\n\nLes ministres se sont réunis lundi à Pékin pour parler du commerce.".encode("latin-1"),
         "not UTF-8"),
        (b"The ministers met in Beijing on Monday and agreed to meet again soon.\n", "no headline"),
        (b"Seoul and Beijing hold talks\n\nMenu\n", "no body paragraph"),
    ],
)
def test_bad_input_gets_a_clear_message_naming_the_file(tmp_path, content, problem):
    path = tmp_path / "incoming.txt"
    path.write_bytes(content)
    if problem is None:  # plain ASCII in a legacy encoding is still valid UTF-8
        assert corpus.clean_file(path).title == "Seoul and Beijing hold talks"
        return
    with pytest.raises(corpus.CorpusError) as caught:
        corpus.clean_file(path)
    message = str(caught.value)
    assert str(path) in message and problem in message


def test_missing_file_and_folder_are_reported_not_crashed_on(tmp_path):
    with pytest.raises(corpus.CorpusError, match="file not found"):
        corpus.clean_file(tmp_path / "nope.txt")
    with pytest.raises(corpus.CorpusError, match="folder"):
        corpus.clean_file(tmp_path)


def test_command_line_clean_shows_the_article_and_its_log():
    result = subprocess.run(
        [sys.executable, "-m", "krcn_lab.cli", "clean", str(REPO / "seeds" / SEEDS["joongang2024"]), "--log"],
        capture_output=True, text=True, check=True,
    )
    assert "title:      South Korea, China hold long-awaited" in result.stdout
    assert "duplicate_caption" in result.stdout and "typo_correction" in result.stdout


def test_command_line_clean_on_bad_input_exits_2_without_a_traceback(tmp_path):
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"\xff\xfe\x00b\x00i\x00n")
    result = subprocess.run([sys.executable, "-m", "krcn_lab.cli", "clean", str(bad)], capture_output=True, text=True)
    assert result.returncode == 2
    assert str(bad) in result.stderr and "binary" in result.stderr
    assert "Traceback" not in result.stderr


# ---------------------------------------------------------------------------------------------
# One tiny hand-made page per cleaning rule. Each page exercises its rule and little else, and
# the test names the exact paragraphs kept and the exact log rows (line, rule, action), so
# switching any rule off, or reversing it, changes what comes out and fails its test.

HEAD = "Seoul and Beijing hold talks"  # five words: a headline, not a menu item
BODY1 = "The two foreign ministers met in Beijing on Monday to discuss trade."
BODY2 = "Both sides agreed to meet again in Seoul before the end of the year."
CAPTION = "Wang Yi, right, greets Cho Tae-yul in Beijing on Monday. [YONHAP]"


def lines(*page_lines):
    """A raw page from its lines (use "" for a blank line)."""
    return "\n".join(page_lines) + "\n"


def cleaned(page):
    """Paragraph texts and log rows (line, rule, action) of a cleaned tiny page."""
    article = corpus.clean_text(page, source="tiny.txt")
    return [p.text for p in article.paragraphs], [(e.line_no, e.rule, e.action) for e in article.log]


RULE_CASES = {
    "unusual_space": (
        lines(HEAD, "", "The two\u00a0foreign ministers met in\u2009Beijing on Monday to discuss trade.", "",
              "Both sides  agreed to meet again in Seoul before the end of the year."),
        [BODY1, BODY2],  # runs of ordinary spaces collapse too, without a log row
        [(1, "headline", "moved"), (3, "unusual_space", "changed")],
    ),
    "typo_correction": (
        lines(HEAD, "", "Kirea's two foreign ministers met in Beijing on Monday to discuss trade.", "",
              "The Kireas delegation agreed to meet again in Seoul before the end of the year."),
        ["Korea's two foreign ministers met in Beijing on Monday to discuss trade.",
         "The Kireas delegation agreed to meet again in Seoul before the end of the year."],  # whole words only
        [(1, "headline", "moved"), (3, "typo_correction", "changed")],
    ),
    "separator": (
        lines(HEAD, "", BODY1, "* * *", "/", "____", BODY2),
        [BODY1, BODY2],
        [(1, "headline", "moved"), (4, "separator", "removed"), (5, "separator", "removed"),
         (6, "separator", "removed")],
    ),
    "page_furniture": (
        lines(HEAD, "", BODY1, "Read More", "• Share Print Email", BODY2, "Leave a Reply"),
        [BODY1, BODY2],
        [(1, "headline", "moved"), (4, "page_furniture", "removed"), (5, "page_furniture", "removed"),
         (7, "page_furniture", "removed")],
    ),
    "breadcrumb": (
        lines("Home > World > Asia", HEAD, "", BODY1),
        [BODY1],
        [(1, "breadcrumb", "removed"), (2, "headline", "moved")],
    ),
    "menu": (
        lines("Example News", "World", HEAD, "Top Stories", "", BODY1),
        [BODY1],  # short lines above the headline, and below it when too short for a standfirst
        [(1, "menu", "removed"), (2, "menu", "removed"), (3, "headline", "moved"), (4, "menu", "removed")],
    ),
    "dateline": (
        lines(HEAD, "Published : 16 May 2024 - 09:30", "Updated May 17, 2024", "", BODY1),
        [BODY1],
        [(1, "headline", "moved"), (2, "dateline", "moved"), (3, "dateline", "moved")],
    ),
    "byline": (
        lines(HEAD, "By Jane Doe", "", BODY1, "", "Kim Min-ji, Example News on"),
        [BODY1],  # a second byline below the body is dropped: the first one is the article's
        [(1, "headline", "moved"), (2, "byline", "moved"), (6, "byline", "removed")],
    ),
    "url_slug": (
        lines("south-korea-and-china-resume-talks", "", "Officials of South Korea and China said they would resume "
              "talks in Beijing on Monday."),
        ["Officials of South Korea and China said they would resume talks in Beijing on Monday."],
        [(1, "url_slug", "moved")],
    ),
    "headline": (
        lines("[Analysis] Talks resume", "", BODY1),
        [BODY1],  # a section label makes even a short first line a headline; the title drops the label
        [(1, "headline", "moved")],
    ),
    "standfirst": (
        lines(HEAD, "Both capitals want steadier ties, officials say", "Trade tops the agenda this week", "", BODY1),
        [BODY1],
        [(1, "headline", "moved"), (2, "standfirst", "moved"), (3, "standfirst", "moved")],
    ),
    "repeated_headline": (
        lines(HEAD, HEAD, "", BODY1, "", HEAD, "", BODY2),
        [BODY1, BODY2],
        [(1, "headline", "moved"), (2, "repeated_headline", "removed"), (6, "repeated_headline", "removed")],
    ),
    "duplicate_caption": (
        lines(HEAD, CAPTION, CAPTION, "", BODY1, CAPTION, BODY2),
        [CAPTION, BODY1, BODY2],  # the first copy stays, as a caption paragraph
        [(1, "headline", "moved"), (3, "duplicate_caption", "removed"), (6, "duplicate_caption", "removed")],
    ),
    "related_link": (
        lines(HEAD, "", BODY1, "Japan's prime minister faces an election test", BODY2,
              "Japan's prime minister faces an election test", BODY1.replace("trade", "security")),
        [BODY1, BODY2, BODY1.replace("trade", "security")],
        [(1, "headline", "moved"), (4, "related_link", "removed"), (6, "related_link", "removed")],
    ),
    "section_heading": (
        lines(HEAD, "", BODY1, "", "Progress towards economic cooperation", "", BODY2, "",
              "A line of twenty-one words without a full stop is long enough to be a paragraph of the article "
              "and stays in", "", BODY1.replace("trade", "security")),
        [BODY1, BODY2, "A line of twenty-one words without a full stop is long enough to be a paragraph of the "
         "article and stays in", BODY1.replace("trade", "security")],
        [(1, "headline", "moved"), (5, "section_heading", "removed")],
    ),
    "credits": (
        lines(HEAD, "", BODY1, "", "(With assistance from Jane Doe and Kim Min-ji)"),
        [BODY1],
        [(1, "headline", "moved"), (5, "credits", "moved")],
    ),
    "copyright": (
        lines(HEAD, "", BODY1, "", "© 2025 Example News", "Copyright 2025 Example News Ltd.",
              "All rights reserved"),
        [BODY1],
        [(1, "headline", "moved"), (5, "copyright", "removed"), (6, "copyright", "removed"),
         (7, "copyright", "removed")],
    ),
    "comment_widget": (
        lines(HEAD, "", BODY1, "", "Sign in to your account to post comments", "",
              "Be the first to share your thoughts on this story with other readers.", "", "lock icon"),
        [BODY1],  # everything below the comment box goes, even a full sentence
        [(1, "headline", "moved"), (5, "comment_widget", "removed"), (7, "comment_widget", "removed"),
         (9, "comment_widget", "removed")],
    ),
    "duplicate_line": (
        lines(HEAD, "", BODY1, "", BODY1, "", BODY2),
        [BODY1, BODY2],
        [(1, "headline", "moved"), (5, "duplicate_line", "removed")],
    ),
}


def test_every_cleaning_rule_has_a_tiny_page_that_exercises_it():
    assert set(RULE_CASES) == set(corpus.RULES)


@pytest.mark.parametrize("rule", list(RULE_CASES))
def test_each_rule_cleans_its_tiny_page_exactly(rule):
    page, paragraphs, log = RULE_CASES[rule]
    assert cleaned(page) == (paragraphs, log)


def test_the_typo_correction_is_recorded_on_the_article_and_in_the_log_detail():
    article = corpus.clean_text(RULE_CASES["typo_correction"][0])
    assert article.corrections == [("Kirea's", "Korea's")]
    assert article.log[1].text == "Kirea's two foreign ministers met in Beijing on Monday to discuss trade."
    assert article.log[1].detail == '"Kirea\'s" -> "Korea\'s"'


def test_metadata_rules_move_their_line_into_the_article():
    dated = corpus.clean_text(RULE_CASES["dateline"][0])
    assert (dated.published, dated.published_text) == (date(2024, 5, 16), "Published : 16 May 2024 - 09:30")
    assert corpus.clean_text(RULE_CASES["byline"][0]).byline == "By Jane Doe"
    below = corpus.clean_text(lines(HEAD, "", BODY1, "", "Kim Min-ji, Example News on", "By Jane Doe"))
    assert below.byline == "Kim Min-ji, Example News on"
    assert [(e.line_no, e.rule, e.action) for e in below.log][1:] == [(5, "byline", "moved"), (6, "byline", "removed")]
    assert corpus.clean_text(RULE_CASES["standfirst"][0]).standfirst == (
        "Both capitals want steadier ties, officials say Trade tops the agenda this week")
    assert corpus.clean_text(RULE_CASES["credits"][0]).credits == "(With assistance from Jane Doe and Kim Min-ji)"
    labelled = corpus.clean_text(RULE_CASES["headline"][0])
    assert (labelled.title, labelled.title_basis) == ("Talks resume", "headline line")
    assert [p.kind for p in corpus.clean_text(RULE_CASES["duplicate_caption"][0]).paragraphs] == [
        "caption", "body", "body"]


def test_a_url_slug_is_the_title_only_when_the_page_shows_no_headline():
    from_slug = corpus.clean_text(RULE_CASES["url_slug"][0])
    assert from_slug.title == "South Korea and China resume talks"  # capitals as the body writes them
    assert "slug" in from_slug.title_basis
    assert from_slug.log[0].detail == "title"
    with_headline = corpus.clean_text(lines("south-korea-and-china-resume-talks", HEAD, "", BODY1))
    assert (with_headline.title, with_headline.title_basis) == (HEAD, "headline line")
    assert [(e.line_no, e.rule, e.action, e.detail) for e in with_headline.log] == [
        (1, "url_slug", "moved", "title (only if no headline)"), (2, "headline", "moved", "title")]


def test_a_comment_box_above_the_first_sentence_does_not_end_the_article():
    page = lines(HEAD, "Sign in to comment", "", BODY1, "", BODY2)
    assert cleaned(page) == ([BODY1, BODY2], [(1, "headline", "moved"), (2, "menu", "removed")])


# ---------------------------------------------------------------------------------------------
# Raw versus clean, side by side (notebook 01's widget shows this table).

def test_line_table_puts_every_visible_raw_line_beside_what_it_became():
    raw = (REPO / "seeds" / SEEDS["joongang2024"]).read_text(encoding="utf-8")
    table = corpus.line_table(raw, corpus.clean_text(raw, source="joongang.txt"))
    visible = [n for n, line in enumerate(raw.splitlines(), start=1) if line.replace("\u00a0", " ").strip()]
    assert table.line_no.tolist() == visible
    assert list(table.columns) == ["line_no", "raw", "clean", "paragraph", "rule", "action", "detail", "explanation"]
    rows = table.set_index("line_no")
    assert rows.loc[1, ["rule", "action", "detail"]].tolist() == ["headline", "moved", "title"]
    assert rows.loc[9, ["paragraph", "rule", "action"]].tolist() == [1, "typo_correction", "changed"]
    assert rows.loc[9, "raw"].startswith("Kirea's First") and rows.loc[9, "clean"].startswith("Korea's First")
    assert rows.loc[11, ["rule", "action"]].tolist() == ["typo_correction, duplicate_caption", "removed"]
    assert pd.isna(rows.loc[11, "clean"]) and pd.isna(rows.loc[11, "paragraph"])
    assert rows.loc[14, ["paragraph", "action"]].tolist() == [2, "kept"] and pd.isna(rows.loc[14, "rule"])
    assert pd.isna(rows.loc[14, "explanation"])
    assert "\u00a0" in rows.loc[16, "raw"] and "\u00a0" not in rows.loc[16, "clean"]
    assert rows.loc[16, ["paragraph", "rule", "action"]].tolist() == [3, "unusual_space", "changed"]
    assert rows.loc[19, "explanation"] == corpus.RULES["page_furniture"].explanation
    assert table.action.value_counts().to_dict() == {"removed": 12, "kept": 8, "changed": 7, "moved": 2}
    assert table.paragraph.dropna().tolist() == list(range(1, 16))


def test_line_table_agrees_with_the_cleaning_log_for_every_seed():
    for seed in SEEDS.values():
        raw = (REPO / "seeds" / seed).read_text(encoding="utf-8")
        article = corpus.clean_text(raw, source=seed)
        table = corpus.line_table(raw, article)
        gone = {e.line_no: e.rule for e in article.log if e.action != "changed"}
        assert dict(zip(table[table.action.isin(["removed", "moved"])].line_no,
                        table[table.action.isin(["removed", "moved"])].rule.str.split(", ").str[-1])) == gone
        assert table.clean.dropna().tolist() == [p.text for p in article.paragraphs], seed


def test_line_table_refuses_a_raw_text_the_article_was_not_cleaned_from():
    raw = RULE_CASES["duplicate_line"][0]
    article = corpus.clean_text(raw, source="tiny.txt")
    with pytest.raises(corpus.CorpusError, match=r"^tiny.txt: raw line 1 does not match"):
        corpus.line_table(raw.replace(HEAD, "Another headline for another story"), article)
    with pytest.raises(corpus.CorpusError, match=r"^tiny.txt: raw line 9 does not match"):
        corpus.line_table(raw + "\nAn extra line\n", article)
    with pytest.raises(corpus.CorpusError, match=r"^tiny.txt: the article names raw line 5, which the raw text"):
        corpus.line_table(lines(HEAD, "", BODY1), article)


# ---------------------------------------------------------------------------------------------
# The shapes in cleaning_rules, at the edges an instructor may tune.

@pytest.mark.parametrize(
    "rule, line, expected",
    [
        ("menu", "Home World Asia", True), ("menu", "Home World Asia Today", False),
        ("menu", "[Editorial] Talks", False),
        ("standfirst", "Trade tops the agenda", False), ("standfirst", "Trade tops the agenda again", True),
        ("duplicate_caption", "Cho meets Wang [YONHAP]", False), ("duplicate_caption", "Cho meets Wang in Beijing [YONHAP]", True),
        ("duplicate_caption", "Cho meets Wang in Beijing (AFP)", True), ("duplicate_caption", "Cho meets Wang in Beijing today", False),
        ("byline", "By Jane Doe", True), ("byline", "By Jane Doe [jane.doe@example.com]", True),
        ("byline", "Kim Min-ji, Korea Herald on", True), ("byline", "By 2025 the sides hope to agree", False),
        ("byline", "By " + " ".join(["Name"] * 9), True), ("byline", "By " + " ".join(["Name"] * 10), False),
        ("breadcrumb", "Home > " + " ".join(["w"] * 10), True), ("breadcrumb", "Home > " + " ".join(["w"] * 11), False),
        ("breadcrumb", "World | Asia.", False), ("breadcrumb", "World/Asia", False),
        ("dateline", "Published : 16 May 2024", True), ("dateline", "Updated on 16 May 2024 - 09:30 pm", True),
        ("dateline", "Posted on Friday 16 May 2024", False), ("dateline", "Published : 31 February 2024", False),
        ("url_slug", "south-korea-china", True), ("url_slug", "south-korea", False), ("url_slug", "South-Korea-China", False),
        ("separator", "— • —", True), ("separator", "___", True), ("separator", "1", False),
        ("page_furniture", "Comments", True), ("page_furniture", "Comments on the talks", False),
        ("page_furniture", "Published in World News", True), ("page_furniture", "Follow us on X", True),
        ("copyright", "(c) 2025 Example", True), ("copyright", "Copyrighted material follows", False),
        ("credits", "With reporting by Jane Doe", True), ("credits", "(With additional reporting from Jane Doe)", True),
        ("credits", "He spoke with assistance from aides.", False),
        ("comment_widget", "Log in to your account to comment", True), ("comment_widget", "Comments powered by Disqus", True),
        ("comment_widget", "Officials declined to comment on the visit.", False),
        ("section_heading", " ".join(["word"] * 20), True), ("section_heading", " ".join(["word"] * 21), False),
        ("section_heading", 'He said "this is a heading."', False),
        ("unusual_space", "a\u202fb", True), ("unusual_space", "a  b", False),
    ],
)
def test_each_rule_matches_the_shape_it_promises(rule, line, expected):
    assert corpus.RULES[rule].matches(line) is expected


def test_a_paragraph_needs_eight_words_and_a_full_stop_but_no_photo_credit():
    from krcn_lab import cleaning_rules

    assert cleaning_rules.is_body_like("One two three four five six seven eight.")
    assert not cleaning_rules.is_body_like("One two three four five six seven.")
    assert not cleaning_rules.is_body_like("One two three four five six seven eight")
    assert cleaning_rules.is_body_like('One two three four five six seven "eight."')
    assert not cleaning_rules.is_body_like("One two three four five six seven eight. [YONHAP]")


@pytest.mark.parametrize(
    "line, expected",
    [
        ("16 May 2024", date(2024, 5, 16)), ("May 16, 2024", date(2024, 5, 16)), ("Sept. 3 2025", date(2025, 9, 3)),
        ("3 Dec 2024", date(2024, 12, 3)), ("on 2025-08-25 at noon", date(2025, 8, 25)), ("30 February 2024", None),
        ("no date", None),
    ],
)
def test_find_date_reads_the_three_ways_pages_write_a_date(line, expected):
    assert corpus.find_date(line) == expected


def test_a_line_changed_by_two_rules_lists_both_details_and_both_explanations():
    page = lines(HEAD, "", "Kirea's\u00a0foreign ministers met in Beijing on Monday to discuss trade.")
    row = corpus.line_table(page, corpus.clean_text(page, source="t.txt")).set_index("line_no").loc[3]
    assert row["clean"] == "Korea's foreign ministers met in Beijing on Monday to discuss trade."
    assert (row["rule"], row["action"]) == ("unusual_space, typo_correction", "changed")
    assert row["detail"] == "spaces normalised; \"Kirea's\" -> \"Korea's\""
    assert row["explanation"] == (corpus.RULES["unusual_space"].explanation + " "
                                  + corpus.RULES["typo_correction"].explanation)


def test_line_table_actions_are_always_the_four_categories_in_order():
    page = lines(HEAD, "", BODY1)
    table = corpus.line_table(page, corpus.clean_text(page, source="t.txt"))
    assert table.action.tolist() == ["moved", "kept"]
    assert table.action.cat.categories.tolist() == ["kept", "changed", "moved", "removed"]


def test_line_table_refuses_a_raw_text_missing_a_kept_paragraph_with_the_whole_message():
    article = corpus.clean_text(lines(HEAD, "", BODY1, "", BODY2), source="tiny.txt")
    with pytest.raises(corpus.CorpusError) as caught:
        corpus.line_table(lines(HEAD, "", BODY1), article)
    assert str(caught.value) == ("tiny.txt: the article names raw line 5, which the raw text (of 3 lines) does not "
                                 "have; pass the raw text it was cleaned from")
    with pytest.raises(corpus.CorpusError) as caught:
        corpus.line_table(lines("Another headline for another story", "", BODY1, "", BODY2), article)
    assert str(caught.value) == ("tiny.txt: raw line 1 does not match the cleaning log; "
                                 "pass the raw text that this article was cleaned from")


def test_an_unreadable_file_is_reported_with_the_systems_reason(tmp_path, monkeypatch):
    import errno
    from pathlib import Path

    path = tmp_path / "article.txt"
    path.write_text(BODY1, encoding="utf-8")

    def fail(self):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(Path, "read_bytes", fail)
    with pytest.raises(corpus.CorpusError) as caught:
        corpus.read_raw(path)
    assert str(caught.value) == f"{path}: cannot be read (Input/output error)"


#: Where a "moved" line goes, by rule: the article field that now holds it.
MOVED_TO = {"headline": "title", "url_slug": "title", "byline": "byline", "dateline": "published",
            "standfirst": "standfirst", "credits": "credits"}


@pytest.mark.parametrize("source", ["seeds", "tiny pages"])
def test_every_log_entry_names_a_known_rule_and_only_moves_and_changes_carry_a_detail(source):
    if source == "seeds":
        logs = [article.log for article in cleaned_articles().values()]
    else:
        logs = [corpus.clean_text(page).log for page, _, _ in RULE_CASES.values()]
    entries = [entry for log in logs for entry in log]
    assert {e.rule for e in entries} <= set(corpus.RULES)
    for entry in entries:
        if entry.action == "removed":
            assert entry.detail == "", entry
        elif entry.action == "moved":
            assert entry.detail == MOVED_TO[entry.rule], entry
        else:
            assert entry.action == "changed" and entry.detail, entry
    if source == "tiny pages":  # every rule shows up, so every branch that logs is covered
        assert {e.rule for e in entries} == set(corpus.RULES)
