"""Korean-language articles: Hangul names with particles, surname-plus-title references, the two
foreign ministers 조현 and 조태열 kept apart, Korean issue keywords, new names, a CP949 file,
and the same analysis (less the morphological analyser) without kiwipiepy.

Every Korean text below was written for this test; it is not a news report. Known actors
appear only in generic roles (a minister meets a minister), with no new real-world claim;
김민준, 박서연, 최지훈 and 조현아 are invented names.
"""

import json
import sys

import pytest

import krcn_lab
from krcn_lab import korean
from krcn_lab.analysis import analyze_article, vocabulary
from krcn_lab.cli import main

NAME = "name or alias"
EARLIER = "surname: named earlier in the article"
LATER = "surname: named later in the article"
ONLY = "surname: only actor with this surname"

# Written for this test; not a news report.
MEETING = (
    "한중 외교장관 베이징 회담\n\n"
    "조현 외교부 장관은 베이징에서 왕이 외교부장과 만나 양국 관계와 한반도 문제를 논의했다.\n\n"
    "조 장관은 중국은 한반도 평화를 위해 건설적 역할을 해 달라고 말했다.\n\n"
    "왕 부장과 조 장관은 시진핑 주석의 방한 문제도 협의했다.\n\n"
    "시 주석은 경주에서 열리는 APEC 정상회의에 참석할 수 있다고 중국 측은 밝혔다.\n"
)
MEETING_MENTIONS = [
    (1, "조현", "cho_hyun", NAME), (1, "왕이", "wang_yi", NAME),
    (2, "조", "cho_hyun", EARLIER), (2, "중국", "chn", NAME),
    (3, "왕", "wang_yi", EARLIER), (3, "조", "cho_hyun", EARLIER), (3, "시진핑", "xi_jinping", NAME),
    (4, "시", "xi_jinping", EARLIER), (4, "중국", "chn", NAME),
]


def two_ministers(first: str, second: str) -> str:
    """Written for this test; not a news report: two ministers named 조, each followed by "조 장관"."""
    return (f"두 장관의 하루\n\n{first} 장관은 서울에서 기자들과 만나 한중 관계 개선을 강조했다.\n\n"
            "조 장관은 이어 왕이 부장과의 통화 내용을 소개했다.\n\n"
            f"한편 {second} 장관은 같은 날 한 토론회에서 한미 동맹의 중요성을 말했다.\n\n"
            "조 전 장관은 대만 문제에 대해서는 말을 아꼈다.\n")


# Written for this test; not a news report.
DELEGATION = (
    "중국 대표단 서울 방문\n\n"
    "리창 총리와 싱하이밍 대사, 마자오쉬 부부장이 서울에서 열린 회의에 참석했다.\n\n"
    "리 총리는 회의에서 왕이가 전한 메시지를 소개했다고 중국 외교부는 밝혔다.\n"
)
# Written for this test; not a news report.
ISSUES = (
    "양국 외교 현안 협의\n\n"
    "양국은 사드 배치 문제와 대만 해협, 공급망 협력, 한반도비핵화를 논의했다.\n\n"
    "북중 관계와 탈북민 강제북송 문제도 회의에서 거론된 것으로 알려졌다.\n"
)
# Written for this test; not a news report (김민준, 박서연 and 최지훈 are invented).
BRIEFING = (
    "외교부 정례 브리핑\n\n"
    "김민준 외교부 대변인은 브리핑에서 조현 장관의 방중 일정을 설명했다.\n\n"
    "박서연 의원과 최지훈 주중 대사도 같은 자리에 참석했다고 한다.\n"
)


@pytest.fixture(scope="module")
def vocab():
    return vocabulary()


@pytest.fixture
def kiwi():
    pytest.importorskip("kiwipiepy")  # the `korean` and `test` extras install it


@pytest.fixture
def without_kiwi(monkeypatch):
    """kiwipiepy made unimportable for one test (the analysis must fall back to patterns)."""
    monkeypatch.setitem(sys.modules, "kiwipiepy", None)
    korean._load_kiwi.cache_clear()
    yield
    korean._load_kiwi.cache_clear()


def rows(result):
    m = result.mentions
    return list(zip(m.paragraph.tolist(), m.surface.tolist(), m.actor_id.tolist(), m.resolution.astype(str).tolist()))


def test_korean_is_detected_and_can_be_named_or_refused():
    assert korean.detect_language(MEETING) == "ko"
    assert korean.detect_language("Cho Hyun met Wang Yi in Beijing on Wednesday.") == "en"
    english = analyze_article("Wang Yi visits Seoul\n\nWang Yi met officials in Seoul on Monday for talks.")
    assert (english.to_dict()["language"], english.to_dict()["analyser"]) == ("en", "patterns")
    forced = analyze_article(MEETING, language="en")  # told English: no Hangul name is read
    assert forced.language == "en" and forced.mentions.empty
    with pytest.raises(krcn_lab.corpus.CorpusError, match=r"^<text>: language 'fr' is not analysed"):
        analyze_article(MEETING, language="fr")


def test_a_korean_three_word_headline_is_the_title_and_a_korean_dateline_the_date():
    page = "로그인\n\n입력 2025.09.17 14:30\n\n" + MEETING + "\nⓒ 무단전재 재배포 금지\n"
    data = analyze_article(page).to_dict()
    assert data["title"] == "한중 외교장관 베이징 회담"
    assert data["published"] == "2025-09-17"
    assert [(e["line_no"], e["rule"]) for e in data["cleaning_log"]] == [
        (1, "menu"), (3, "dateline"), (5, "headline"), (15, "copyright")]
    assert [" ".join(p["text"].split()[:2]) for p in data["paragraphs"]] == ["조현 외교부", "조 장관은", "왕 부장과", "시 주석은"]


def test_hangul_names_with_particles_and_surname_title_references(kiwi, vocab):
    result = analyze_article(MEETING, vocabulary=vocab)
    assert (result.language, result.analyser) == ("ko", "kiwipiepy")
    assert rows(result) == MEETING_MENTIONS
    data = result.to_dict()
    assert data["mentions"][0] == {"paragraph": 1, "start": 0, "end": 2, "actor_id": "cho_hyun", "name": "Cho Hyun",
                                   "surface": "조현", "resolution": NAME}
    assert [(a["actor_id"], a["mentions"]) for a in data["actors"]] == [
        ("cho_hyun", 3), ("wang_yi", 2), ("chn", 2), ("xi_jinping", 2)]


@pytest.mark.parametrize("first, second", [("cho_hyun", "cho_tae_yul"), ("cho_tae_yul", "cho_hyun")])
def test_cho_hyun_and_cho_tae_yul_stay_apart_in_both_orders(kiwi, vocab, first, second):
    hangul = {"cho_hyun": "조현", "cho_tae_yul": "조태열"}
    result = analyze_article(two_ministers(hangul[first], hangul[second]), vocabulary=vocab)
    assert rows(result) == [
        (1, hangul[first], first, NAME), (2, "조", first, EARLIER), (2, "왕이", "wang_yi", NAME),
        (3, hangul[second], second, NAME), (4, "조", second, EARLIER), (4, "대만", "twn", NAME)]


def test_a_surname_before_the_full_name_looks_later_and_an_unknown_cho_is_not_guessed(kiwi, vocab):
    # Written for this test; not a news report.
    later = analyze_article("외교장관의 국회 일정 소개\n\n조 장관은 오전에 국회에서 한중 관계를 설명했다.\n\n"
                            "오후에는 조태열 장관이 기자들과 만나 같은 내용을 말했다.\n", vocabulary=vocab)
    assert rows(later) == [(1, "조", "cho_tae_yul", LATER), (2, "조태열", "cho_tae_yul", NAME)]
    nobody = analyze_article("외교장관의 국회 일정 소개\n\n조 장관은 오전에 국회에서 한중 관계 개선 방안을 설명했다.\n",
                             vocabulary=vocab)
    assert rows(nobody) == []  # two actors are 조: with neither named, 조 장관 stays unresolved


def test_chinese_names_in_hangul_and_a_state_as_place_or_actor(kiwi, vocab):
    result = analyze_article(DELEGATION, vocabulary=vocab)
    assert rows(result) == [
        (1, "리창", "li_qiang", NAME), (1, "싱하이밍", "xing_haiming", NAME), (1, "마자오쉬", "ma_zhaoxu", NAME),
        (2, "리", "li_qiang", EARLIER), (2, "왕이", "wang_yi", NAME), (2, "중국 외교부", "chn_mfa", NAME)]
    # "중국에서" (in China) is a place, "중국은" an actor; "왕이 되었다" (became king) is no 왕이.
    place = analyze_article("회의 장소를 둘러싼 이야기\n\n회의는 중국에서 열렸고 중국은 협력 의지를 밝혔다. 그는 결국 왕이 되었다고 한다.\n",
                            vocabulary=vocab)
    assert rows(place) == [(1, "중국", "chn", NAME)]
    assert place.mentions.start.tolist() == [13]


def test_a_name_inside_a_longer_name_is_no_mention_with_kiwipiepy(kiwi, vocab):
    # Written for this test; not a news report (조현아 is an invented name).
    text = "행사장에서 만난 사람들 이야기\n\n조현아 씨는 행사에서 조현 장관과 인사를 나눈 뒤 자리를 떠났다고 한다.\n"
    assert rows(analyze_article(text, vocabulary=vocab)) == [(1, "조현", "cho_hyun", NAME)]


def test_korean_issue_tags_name_their_trigger_words(vocab):
    result = analyze_article(ISSUES, vocabulary=vocab)
    tags = result.candidate_issues
    assert list(zip(tags.paragraph, tags.issue_id, tags.word)) == [
        (1, "missile_defence", "사드"), (1, "taiwan", "대만"), (1, "supply_chains", "공급망"),
        (1, "korean_peninsula", "한반도"), (1, "korean_peninsula", "비핵화"),
        (2, "china_north_korea_ties", "북중"), (2, "north_korean_defectors", "탈북민"),
        (2, "north_korean_defectors", "강제북송")]
    english_only = analyze_article(ISSUES, vocabulary=vocab, language="en")
    assert english_only.candidate_issues.empty  # the English list has no Hangul keyword


def test_every_issue_with_english_keywords_has_korean_ones():
    english, korean_words = krcn_lab.candidates.load_issue_keywords(), krcn_lab.candidates.load_issue_keywords(language="ko")
    assert set(korean_words) == set(english) == set(krcn_lab.load_issues().issue_id)
    assert korean_words["missile_defence"] == ("사드", "THAAD", "미사일 방어")
    assert {"대만", "하나의 중국", "양안"} <= set(korean_words["taiwan"])


def test_candidate_new_names_are_proper_nouns_before_a_title(kiwi, vocab):
    result = analyze_article(BRIEFING, vocabulary=vocab)
    found = result.candidate_actors
    assert list(zip(found.paragraph, found.name, found.title, found.reason)) == [
        (1, "김민준", "외교부 대변인", "proper noun before a title"),
        (2, "박서연", "의원", "proper noun before a title"),
        (2, "최지훈", "주중 대사", "proper noun before a title")]
    # the ministry's spokesperson names the ministry; "외교부 장관" and "외교부장" are titles (see MEETING)
    assert rows(result) == [(1, "외교부", "kor_mofa", NAME), (1, "조현", "cho_hyun", NAME)]
    assert result.to_dict()["candidate_actors"][0] == {
        "name": "김민준", "titles": ["외교부 대변인"], "reasons": ["proper noun before a title"], "paragraphs": [1], "hits": 1}


def test_a_cp949_korean_file_is_decoded_and_analysed_by_the_command(tmp_path, capsys, kiwi):
    path = tmp_path / "seoul.txt"
    path.write_bytes(MEETING.encode("cp949"))
    assert main(["analyze", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["title"] == "한중 외교장관 베이징 회담"
    assert data["paragraphs"][0]["text"] == "조현 외교부 장관은 베이징에서 왕이 외교부장과 만나 양국 관계와 한반도 문제를 논의했다."
    assert (data["language"], data["analyser"]) == ("ko", "kiwipiepy")
    assert [(m["paragraph"], m["surface"], m["actor_id"], m["resolution"]) for m in data["mentions"]] == MEETING_MENTIONS


def test_without_kiwipiepy_korean_still_gets_paragraphs_names_and_issues(without_kiwi, vocab):
    assert korean.analyser() == "patterns"
    result = analyze_article(MEETING, vocabulary=vocab)
    assert (result.language, result.to_dict()["analyser"]) == ("ko", "patterns")
    assert len(result.paragraphs) == 4
    assert rows(result) == MEETING_MENTIONS  # particles: the name may be followed by any Hangul
    assert [w for w in result.candidate_issues.word] == ["양국 관계", "한반도", "한반도", "방한", "APEC"]
    assert result.candidate_actors.empty  # new names need the analyser's proper-noun tags
    # the cost of patterns alone: "조현" is found inside the longer name "조현아", and 왕이 in "왕이 되었다"
    rough = analyze_article("행사장에서 만난 사람들 이야기\n\n조현아 씨는 행사에서 인사를 나눈 뒤 왕이 되었다는 농담을 했다고 한다.\n",
                            vocabulary=vocab)
    assert rows(rough) == [(1, "조현", "cho_hyun", NAME), (1, "왕이", "wang_yi", NAME)]
    # but not inside a longer Hangul word before it
    assert rows(analyze_article("어느 나라 국왕 이야기\n\n그 나라의 국왕이 오늘 새 법안에 서명했다고 관계자가 밝혔다.\n",
                                vocabulary=vocab)) == []


def test_the_language_can_be_named_on_the_command_line_for_a_file_and_a_folder(tmp_path, capsys):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "seoul.txt").write_text(MEETING, encoding="utf-8")
    assert main(["analyze", str(folder / "seoul.txt"), "--json", "--language", "en"]) == 0
    as_english = json.loads(capsys.readouterr().out)
    assert (as_english["language"], as_english["mentions"]) == ("en", [])  # no English name in a Korean text
    assert main(["analyze", str(folder), "--language", "ko", "--workers", "1", "-o", str(tmp_path / "out.jsonl")]) == 0
    row = json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8"))
    assert row["language"] == "ko" and {m["actor_id"] for m in row["mentions"]} >= {"cho_hyun", "wang_yi"}


def test_a_korean_article_in_the_store_is_read_in_korean_by_load_mentions(kiwi, user_store, tmp_path):
    from krcn_lab import load_mentions, store

    path = tmp_path / "meeting.txt"
    path.write_text(MEETING, encoding="utf-8")
    store.add_article(path, article_id="meeting_ko", outlet="Constructed", published="2025-09-17")
    found = load_mentions(include_user=True)
    mine = found[found.article_id == "meeting_ko"]
    assert list(zip(mine.paragraph, mine.surface, mine.actor_id, mine.resolution.astype(str))) == MEETING_MENTIONS
    # the seeds' rows are still read in English, unchanged
    seeds = found[found.article_id != "meeting_ko"].reset_index(drop=True)
    assert seeds.equals(load_mentions())
