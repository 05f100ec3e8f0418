"""Analysing a new article: the seeds' pipeline on one text; candidates; JSON; a folder in parallel.

The three articles in tests/fixtures/articles/ are constructed (see its README), each in an
outlet layout the seeds do not have; for each, the known actors, the surname resolutions and
the new names are named exactly.
"""

import json
import re

import pytest
from conftest import REPO

import krcn_lab
from krcn_lab.analysis import SCHEMA, analyze_article, analyze_file, vocabulary
from krcn_lab.batch import analyze_folder
from krcn_lab.candidates import candidate_actors, candidate_issues, expand_actor_names, load_issue_keywords
from krcn_lab.cli import main
from krcn_lab.mentions import find_mentions

FIXTURES = REPO / "tests" / "fixtures" / "articles"


def fixture_text(name: str) -> str:
    """A fixture's text without its '# constructed fixture' header line."""
    text = (FIXTURES / name).read_text(encoding="utf-8")
    assert text.startswith(("# Constructed fixture", "<!-- Constructed fixture"))
    return text.split("\n", 1)[1] if text.startswith("# ") else text


def analysed(name: str):
    return analyze_article(fixture_text(name), source=name)


def surnames(result):
    rows = result.mentions[result.mentions.resolution.astype(str).str.startswith("surname")]
    return [(p, s, a) for p, s, a in zip(rows.paragraph, rows.surface, rows.actor_id)]


def candidates(result):
    return [(c["name"], c["paragraphs"]) for c in result.to_dict()["candidate_actors"]]


def test_html_news_page_known_actors_surnames_and_new_names():
    result = analysed("html_news_page.html")
    assert result.format == "html" and result.article.title == "Foreign ministers of Seoul and Beijing meet in Beijing"
    assert set(result.mentions.actor_id) == {"cho_hyun", "wang_yi", "lee_jae_myung", "kor", "chn", "jpn",
                                            "xi_jinping", "kor_mofa"}
    assert surnames(result) == [(2, "Cho", "cho_hyun"), (2, "Wang", "wang_yi"), (3, "Wang", "wang_yi"),
                                (5, "Cho", "cho_hyun")]
    assert candidates(result) == [("Kang Kyung-wha", [4])]  # not Moon Jae-in: he is in a reader comment
    assert "Moon" not in result.article.text


def test_wire_story_finds_the_space_spelling_of_kim_hong_kyun():
    result = analysed("wire_dateline.txt")
    assert result.article.title == "South Korea and China hold strategic dialogue in Seoul"
    assert str(result.article.published) == "2024-07-24"
    first = result.mentions[result.mentions.paragraph == 1]
    assert ("Kim Hong Kyun", "kim_hong_kyun") in list(zip(first.surface, first.actor_id))
    assert set(result.mentions.actor_id) == {"kim_hong_kyun", "ma_zhaoxu", "xing_haiming", "kor", "chn", "usa",
                                            "prk", "rus"}
    assert surnames(result) == [(2, "Kim", "kim_hong_kyun"), (3, "Ma", "ma_zhaoxu"), (3, "Kim", "kim_hong_kyun"),
                                (5, "Kim", "kim_hong_kyun"), (5, "Ma", "ma_zhaoxu")]
    assert candidates(result) == [("Chang Ho-jin", [4])]
    assert result.to_dict()["candidate_actors"][0]["titles"] == ["First Vice Foreign Minister"]


def test_live_blog_resolves_park_and_lee_and_keeps_choi_sang_mok_new():
    result = analysed("live_blog.txt")
    assert [e.rule for e in result.article.log].count("section_heading") == 4  # the entries' timestamps
    assert set(result.mentions.actor_id) == {"park_byeong_seug", "wang_yi", "lee_jae_myung", "xi_jinping",
                                            "usa", "donald_trump", "chn"}
    assert surnames(result) == [(2, "Park", "park_byeong_seug"), (2, "Xi", "xi_jinping"),
                                (3, "Lee", "lee_jae_myung"), (4, "Lee", "lee_jae_myung"), (5, "Wang", "wang_yi")]
    # "Choi" alone would be the journalist Soo-Hyang Choi; in "Choi Sang-mok" it is a new person
    assert "choi_soo_hyang" not in set(result.mentions.actor_id)
    assert candidates(result) == [("Han Duck-soo", [4]), ("Choi Sang-mok", [4])]


def test_spelling_variants_become_aliases_without_stealing_other_names():
    actors = expand_actor_names(krcn_lab.load_actors()).set_index("actor_id")
    assert {"Kim Hong Kyun", "Kim Hong-Kyun", "KIM Hong-kyun"} <= set(actors.loc["kim_hong_kyun", "aliases"])
    assert {"Lee Jae-myung", "Lee Jae-Myung"} <= set(actors.loc["lee_jae_myung", "aliases"])
    assert "Kim Jong-un" in actors.loc["kim_jong_un", "aliases"]
    assert actors.loc["cho_hyun", "aliases"] == ("CHO HYUN", "CHO Hyun")
    assert actors.loc["kor", "aliases"] == ("South Korea", "Seoul", "Korea")  # states are left alone


def test_the_variants_change_no_mention_of_the_seeds():
    expanded = find_mentions(krcn_lab.load_paragraphs(), expand_actor_names(krcn_lab.load_actors()))
    assert expanded.equals(krcn_lab.load_mentions())


def test_the_seeds_name_no_one_who_is_not_an_actor():
    paragraphs, actors = krcn_lab.load_paragraphs(), expand_actor_names(krcn_lab.load_actors())
    assert candidate_actors(paragraphs, find_mentions(paragraphs, actors), actors).empty


@pytest.mark.parametrize("sentence,expected", [
    ("Chinese foreign ministry spokesperson Lin Jian said so on Monday.", ["Lin Jian"]),
    ("The Asia-Pacific Economic Cooperation summit opens in Gyeongju on Friday.", []),
    ("Hong Kong and Taiwan were not on the agenda of the National Assembly.", []),
    ("Moon Jae-in visited Beijing in December 2017, his office said.", ["Moon Jae-in"]),
    ("Antony Blinken said the talks went well for everyone involved.", ["Antony Blinken"]),
    ("Antony Blinken arrived in Seoul for the meeting with officials.", []),  # no clue it is a person
])
def test_candidate_names_need_a_clue_that_they_are_people(sentence, expected):
    import pandas as pd

    paragraphs = pd.DataFrame({"article_id": ["x"], "paragraph": [1], "text": [sentence]})
    actors = krcn_lab.load_actors()
    found = candidate_actors(paragraphs, find_mentions(paragraphs, actors), actors)
    assert found.name.tolist() == expected


def test_every_issue_coded_for_a_seed_article_is_tagged_with_its_words():
    tags = candidate_issues(krcn_lab.load_paragraphs(), load_issue_keywords())
    statements = krcn_lab.load_statements()
    for article_id, coded in statements.groupby("article_id"):
        assert set(coded.issue_id) <= set(tags[tags.article_id == article_id].issue_id), article_id
    thaad = tags[(tags.article_id == "aggregator2025") & (tags.issue_id == "missile_defence")]
    assert thaad.word.tolist() == ["missile defense"]


def test_the_keyword_file_covers_exactly_the_issue_vocabulary():
    keywords = load_issue_keywords()
    assert set(keywords) == set(krcn_lab.load_issues().issue_id)
    assert all(len(words) >= 2 for words in keywords.values())


JSON_KEYS = ["schema", "source", "error", "metadata", "input", "title", "title_basis", "byline", "published",
             "published_text", "standfirst", "paragraphs", "cleaning_log", "mentions", "actors", "candidate_actors",
             "candidate_issues", "language", "analyser"]


def test_json_has_the_documented_keys_in_order_and_is_stable():
    result = analyze_article(fixture_text("wire_dateline.txt"), source="wire.txt", article_id="wire1", outlet="Wire")
    data = json.loads(result.to_json())
    assert list(data) == JSON_KEYS and data["schema"] == SCHEMA and data["error"] is None
    assert data["metadata"] == {"article_id": "wire1", "outlet": "Wire"}
    assert data["input"] == {"encoding": "str", "format": "text"}
    assert (data["language"], data["analyser"]) == ("en", "patterns")
    assert data["paragraphs"][1] == {"paragraph": 2, "kind": "body", "line_no": 8, "text": data["paragraphs"][1]["text"]}
    assert data["cleaning_log"][0] == {"line_no": 1, "rule": "menu", "action": "removed", "detail": "", "text": "WORLD NEWS"}
    assert data["mentions"][1] == {"paragraph": 1, "start": 66, "end": 79, "actor_id": "kim_hong_kyun",
                                   "name": "Kim Hong-kyun", "surface": "Kim Hong Kyun", "resolution": "name or alias"}
    assert data["paragraphs"][0]["text"][66:79] == "Kim Hong Kyun"
    assert data["actors"][1] == {"actor_id": "kim_hong_kyun", "name": "Kim Hong-kyun", "mentions": 4,
                                 "paragraphs": [1, 2, 3, 5]}
    assert data["candidate_issues"][0] == {"issue_id": "high_level_exchanges",
                                           "label": "High-level exchanges and communication channels",
                                           "words": ["strategic talks", "communication channels"],
                                           "paragraphs": [1, 2], "hits": 2}
    assert result.to_json() == analyze_article(fixture_text("wire_dateline.txt"), source="wire.txt",
                                               article_id="wire1", outlet="Wire").to_json()


def test_docs_describe_every_key_of_the_json():
    docs = (REPO / "docs" / "analysis.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `(\w+)` \|", docs, re.MULTILINE))
    assert set(JSON_KEYS) <= documented
    assert SCHEMA in docs


def test_analyze_file_reads_html_and_says_how(tmp_path):
    result = analyze_file(FIXTURES / "html_news_page.html", vocabulary=vocabulary())
    assert result.to_dict()["input"] == {"encoding": "utf-8", "format": "html"}


def write_folder(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ["html_news_page.html", "live_blog.txt", "wire_dateline.txt"]:
        (folder / name).write_text(fixture_text(name), encoding="utf-8")
    (folder / "b_empty.txt").write_bytes(b"")
    (folder / "c_binary.bin").write_bytes(bytes(range(256)))
    (folder / ".DS_Store").write_bytes(b"\x00\x01")
    (folder / "sub").mkdir()
    return folder


def test_a_folder_gives_one_row_per_file_and_error_rows_for_bad_ones(tmp_path):
    folder = write_folder(tmp_path)
    rows = analyze_folder(folder, workers=2, progress=False)
    assert [r["source"].rsplit("/", 1)[1] for r in rows] == ["b_empty.txt", "c_binary.bin", "html_news_page.html",
                                                             "live_blog.txt", "wire_dateline.txt"]
    assert [r["error"] is None for r in rows] == [False, False, True, True, True]
    assert rows[0] == {"schema": SCHEMA, "source": str(folder / "b_empty.txt"),
                       "error": f"{folder / 'b_empty.txt'}: the file is empty; an article needs a headline and "
                                "at least one paragraph"}
    assert rows == analyze_folder(folder, workers=1, progress=False)  # the same in parallel and in one process


def test_analyze_command_writes_json_lines_and_exits_1_when_a_file_failed(tmp_path, capsys):
    folder, out = write_folder(tmp_path), tmp_path / "out.jsonl"
    assert main(["analyze", str(folder), "-o", str(out), "--workers", "2"]) == 1
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["title"] for r in rows if not r["error"]] == [
        "Foreign ministers of Seoul and Beijing meet in Beijing", "Live updates: South Korea's special envoy in Beijing",
        "South Korea and China hold strategic dialogue in Seoul"]
    err = capsys.readouterr().err
    assert f"krcn-lab analyze: {folder / 'b_empty.txt'}: the file is empty" in err
    assert "5/5" in err and "Traceback" not in err  # the progress bar, on stderr
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_analyze_one_file_as_json_or_as_a_summary(tmp_path, capsys):
    path = tmp_path / "wire.txt"
    path.write_text(fixture_text("wire_dateline.txt"), encoding="utf-8")
    assert main(["analyze", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["candidate_actors"][0]["name"] == "Chang Ho-jin"
    assert main(["analyze", str(path)]) == 0
    out = capsys.readouterr().out
    assert "  Kim Hong-kyun (kim_hong_kyun): 4 mention(s), paragraphs 1, 2, 3, 5\n" in out
    assert "candidate new actors:\n  Chang Ho-jin (First Vice Foreign Minister), paragraphs 4\n" in out


def test_an_output_file_that_cannot_be_written_is_named(tmp_path, capsys):
    path = tmp_path / "wire.txt"
    path.write_text(fixture_text("wire_dateline.txt"), encoding="utf-8")
    assert main(["analyze", str(path), "-o", str(tmp_path / "no" / "out.json")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("krcn-lab analyze: ") and "no/out.json" in err and "Traceback" not in err


def test_find_mentions_compiles_its_name_patterns_once_per_actors_table():
    """The benchmark's 2N/N ratio stays flat only if the patterns are not rebuilt for every article."""
    from krcn_lab import mentions
    paras = krcn_lab.load_paragraphs().head(3)
    actors = vocabulary().actors
    mentions._compiled_names.cache_clear()  # whatever earlier tests compiled
    find_mentions(paras, actors)
    before = mentions._compiled_names.cache_info()
    assert (before.hits, before.misses) == (0, 1)
    find_mentions(paras, actors.copy())  # an equal table, another object: the same compiled patterns
    after = mentions._compiled_names.cache_info()
    assert (after.hits, after.misses) == (before.hits + 1, before.misses)
    find_mentions(paras, actors.assign(aliases=[(*a, "Someone New") for a in actors.aliases]))
    assert mentions._compiled_names.cache_info().misses == before.misses + 1  # a changed table is compiled anew


def test_a_language_without_keywords_tags_no_issue_instead_of_failing():
    import pandas as pd
    paragraphs = pd.DataFrame({"article_id": ["new"], "paragraph": [1], "text": ["양국 관계와 한반도 문제를 논의했다."]})
    assert candidate_issues(paragraphs, {}).empty
    assert candidate_issues(paragraphs, {"taiwan": ()}).empty


def test_analysing_many_texts_together_gives_each_text_its_own_row():
    """analyze_texts puts every article's paragraphs in one table; each row must still be exactly
    the row of that article analysed alone: no mention, surname or candidate leaks between articles."""
    from test_korean import BRIEFING, MEETING

    from krcn_lab.analysis import analyze_texts
    from krcn_lab.inputs import prepare_text

    named = [(name, fixture_text(name)) for name in ["html_news_page.html", "live_blog.txt", "wire_dateline.txt"]]
    named += [(p.name, p.read_text(encoding="utf-8")) for p in sorted((REPO / "seeds").glob("*.txt"))]
    named += [("meeting_ko.txt", MEETING), ("menu_only.txt", "Home\n\nWorld\n"), ("briefing_ko.txt", BRIEFING)]
    vocab = vocabulary()
    rows = analyze_texts([prepare_text(text, name) for name, text in named], vocabulary=vocab)
    for (name, text), row in zip(named, rows):
        if name == "menu_only.txt":
            assert row["error"].startswith("menu_only.txt: no body paragraph found")
        else:
            assert row == analyze_article(text, source=name, vocabulary=vocab).to_dict(), name
    assert [row["language"] for row in rows if row["error"] is None] == ["en"] * 8 + ["ko"] * 2
    # a surname must not be resolved from another article: the seeds' "Cho" stays each article's own Cho
    chos = {row["source"]: {m["actor_id"] for m in row.get("mentions", []) if m["surface"] == "Cho"} for row in rows}
    assert {source: ids for source, ids in chos.items() if ids} == {
        "html_news_page.html": {"cho_hyun"}, "000_acd483dee9c6b4e7.txt": {"cho_hyun"},  # bloomberg2025
        "003_cb43b14984860ea7.txt": {"cho_tae_yul"}, "004_508489a84c2a7251.txt": {"cho_tae_yul"}}  # 2024 articles


@pytest.mark.parametrize("opening", ["Officials in Ankara", "Officials in İzmir"])  # "İ" lowers to two letters
def test_issue_tags_keep_their_place_in_the_text_whatever_its_letters(opening):
    import pandas as pd

    text = f"{opening} discussed THAAD and Supply-Chain security."
    tags = candidate_issues(pd.DataFrame({"article_id": ["a"], "paragraph": [1], "text": [text]}),
                            load_issue_keywords())
    assert [(w, text[s:e]) for w, s, e in zip(tags.word, tags.start, tags.end)] == [
        ("THAAD", "THAAD"), ("Supply-Chain", "Supply-Chain")]
    assert tags.issue_id.tolist() == ["missile_defence", "supply_chains"]


def test_when_the_joint_analysis_fails_each_file_is_analysed_alone(tmp_path, monkeypatch):
    from krcn_lab import analysis

    folder = write_folder(tmp_path)
    expected = analyze_folder(folder, workers=1, progress=False)

    def broken(*args, **kwargs):
        raise RuntimeError("a share could not be analysed together")

    monkeypatch.setattr(analysis, "analyze_texts", broken)
    assert analyze_folder(folder, workers=1, progress=False) == expected
