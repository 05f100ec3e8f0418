"""Cleaning: every body paragraph survives, no page furniture does, and every change is logged."""

import subprocess
import sys

import pytest

from conftest import REPO
from krcn_lab import corpus, load_paragraphs, load_removed_lines

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
