"""Automatic mentions: surnames resolve to the right person within each article."""

import pandas as pd

import krcn_lab
from krcn_lab.mentions import find_mentions

YEAR = {"bloomberg2025": 2025, "aggregator2025": 2025, "joongang2024": 2024, "newssite2024": 2024,
        "herald2024": 2024}


def mentions():
    return krcn_lab.load_mentions()


def test_no_2024_article_mentions_cho_hyun_and_no_2025_article_cho_tae_yul():
    m = mentions()
    in_2024 = m[m.article_id.map(YEAR) == 2024]
    in_2025 = m[m.article_id.map(YEAR) == 2025]
    assert "cho_hyun" not in set(in_2024.actor_id)
    assert "cho_tae_yul" not in set(in_2025.actor_id)
    assert "cho_tae_yul" in set(in_2024.actor_id) and "cho_hyun" in set(in_2025.actor_id)


def test_bare_surnames_resolve_within_each_article():
    m = mentions()
    bare = m[m.resolution != "name or alias"]
    resolved = bare.groupby(["article_id", "surface"]).actor_id.agg(set)
    assert resolved["bloomberg2025", "Cho"] == {"cho_hyun"}
    assert resolved["newssite2024", "Cho"] == {"cho_tae_yul"}
    assert resolved["herald2024", "Cho"] == {"cho_tae_yul"}
    assert resolved["bloomberg2025", "Kim"] == {"kim_jong_un"}
    assert resolved["aggregator2025", "Park"] == {"park_byeong_seug"}
    assert resolved["joongang2024", "Ma"] == {"ma_zhaoxu"}
    for article_id in ["bloomberg2025", "aggregator2025", "newssite2024", "herald2024"]:
        assert resolved[article_id, "Wang"] == {"wang_yi"}


def test_every_bare_surname_in_the_text_is_found():
    m = mentions()
    paragraphs = krcn_lab.load_paragraphs()
    herald = " ".join(paragraphs[paragraphs.article_id == "herald2024"].text)
    expected = herald.count("Cho ") + herald.count("Cho’") - herald.count("Cho Tae-yul")
    found = m[(m.article_id == "herald2024") & (m.surface == "Cho")]
    assert len(found) == expected


def test_offsets_point_at_the_surface_in_the_paragraph():
    m = mentions().merge(krcn_lab.load_paragraphs(), on=["article_id", "paragraph"])
    for row in m.itertuples():
        assert row.text[row.start:row.end] == row.surface


def test_a_capital_after_in_or_to_is_a_place_not_an_actor():
    paragraphs = pd.DataFrame({"article_id": ["x"], "paragraph": [1],
                               "text": ["Beijing wants talks, so Cho Tae-yul flew to Beijing and met officials in Seoul."]})
    actors = pd.DataFrame({"actor_id": ["chn", "kor", "cho_tae_yul"], "name": ["China", "South Korea", "Cho Tae-yul"],
                           "kind": ["state", "state", "person"], "surname": [None, None, "Cho"],
                           "aliases": [("Beijing",), ("Seoul",), ()]})
    found = find_mentions(paragraphs, actors)
    assert found[["actor_id", "start"]].values.tolist() == [["chn", 0], ["cho_tae_yul", 24]]


def test_the_longest_word_before_a_place_is_still_seen_and_a_word_further_back_is_not():
    text = ("A convoy headed towards the Beijing suburbs. Seoul answered. "
            "Talks in a hall where Beijing spoke. Delegates from Seoul left.")
    paragraphs = pd.DataFrame({"article_id": ["x"], "paragraph": [1], "text": [text]})
    actors = pd.DataFrame({"actor_id": ["chn", "kor"], "name": ["China", "South Korea"], "kind": ["state", "state"],
                           "surname": [None, None], "aliases": [("Beijing",), ("Seoul",)]})
    found = find_mentions(paragraphs, actors)
    # "towards the Beijing" and "from Seoul": places; "Seoul answered" and "where Beijing spoke": actors
    assert [(a, text[s:s + 7]) for a, s in zip(found.actor_id, found.start)] == [
        ("kor", "Seoul a"), ("chn", "Beijing")]
    assert found.start.tolist()[1] == text.index("Beijing spoke")


def test_an_ambiguous_surname_with_no_full_name_in_the_article_is_left_unresolved():
    paragraphs = pd.DataFrame({"article_id": ["x"], "paragraph": [1], "text": ["Kim said nothing."]})
    actors = pd.DataFrame({"actor_id": ["kim_a", "kim_b"], "name": ["Kim Alpha", "Kim Beta"], "kind": ["person"] * 2,
                           "surname": ["Kim", "Kim"], "aliases": [(), ()]})
    assert find_mentions(paragraphs, actors).empty


def test_an_unresolved_surname_does_not_hide_the_mentions_after_it():
    paragraphs = pd.DataFrame({"article_id": ["x", "x"], "paragraph": [1, 2],
                               "text": ["Kim said nothing.", "Wang Yi spoke. Later Kim Beta agreed."]})
    actors = pd.DataFrame({"actor_id": ["kim_a", "kim_b", "wang_yi"], "name": ["Kim Alpha", "Kim Beta", "Wang Yi"],
                           "kind": ["person"] * 3, "surname": ["Kim", "Kim", None], "aliases": [(), (), ()]})
    found = find_mentions(paragraphs, actors)
    assert found[["paragraph", "actor_id", "surface"]].values.tolist() == [
        [1, "kim_b", "Kim"], [2, "wang_yi", "Wang Yi"], [2, "kim_b", "Kim Beta"]]
    paragraphs.loc[1, "text"] = "Wang Yi spoke."
    assert find_mentions(paragraphs, actors)[["paragraph", "actor_id"]].values.tolist() == [[2, "wang_yi"]]


def test_mentions_are_computed_not_stored():
    from importlib import resources

    names = {item.name for item in resources.files("krcn_lab.data").iterdir()}
    assert "mentions.csv" not in names


CHOS = pd.DataFrame({"actor_id": ["cho_tae_yul", "cho_hyun"], "name": ["Cho Tae-yul", "Cho Hyun"],
                     "kind": ["person", "person"], "surname": ["Cho", "Cho"], "aliases": [(), ()]})


def bare_cho(*texts):
    paragraphs = pd.DataFrame({"article_id": ["x"] * len(texts), "paragraph": range(1, len(texts) + 1),
                               "text": list(texts)})
    found = find_mentions(paragraphs, CHOS)
    return found[found.surface == "Cho"][["paragraph", "actor_id", "resolution"]].values.tolist()


def test_a_surname_goes_to_the_person_named_most_recently_before_it():
    assert bare_cho("Cho Tae-yul arrived.", "Cho Hyun arrived.", "Cho spoke.") == [
        [3, "cho_hyun", "surname: named earlier in the article"]]


def test_a_name_before_the_surname_beats_a_name_after_it():
    assert bare_cho("Cho Hyun arrived.", "Cho spoke.", "Cho Tae-yul left.") == [
        [2, "cho_hyun", "surname: named earlier in the article"]]


def test_with_no_name_before_it_a_surname_goes_to_the_first_person_named_after_it():
    assert bare_cho("Cho spoke.", "Cho Tae-yul listened.", "Cho Hyun left.") == [
        [1, "cho_tae_yul", "surname: named later in the article"]]


def test_a_surname_shared_by_no_one_else_resolves_without_a_full_name():
    paragraphs = pd.DataFrame({"article_id": ["x"], "paragraph": [1], "text": ["Wang said so."]})
    actors = pd.DataFrame({"actor_id": ["wang_yi"], "name": ["Wang Yi"], "kind": ["person"],
                           "surname": ["Wang"], "aliases": [()]})
    assert find_mentions(paragraphs, actors)[["actor_id", "resolution"]].values.tolist() == [
        ["wang_yi", "surname: only actor with this surname"]]


def test_surnames_resolve_within_their_own_article_only():
    paragraphs = pd.DataFrame({"article_id": ["a", "b"], "paragraph": [1, 1],
                               "text": ["Cho Hyun arrived.", "Cho Tae-yul arrived. Later Cho spoke."]})
    found = find_mentions(paragraphs, CHOS)
    assert found[found.surface == "Cho"][["article_id", "actor_id"]].values.tolist() == [["b", "cho_tae_yul"]]


def test_a_surname_inside_a_full_name_is_not_counted_twice():
    assert bare_cho("Cho Tae-yul arrived.") == []


def test_the_longest_name_wins_over_a_shorter_name_inside_it():
    paragraphs = pd.DataFrame({"article_id": ["x"], "paragraph": [1],
                               "text": ["South Korea's Foreign Ministry said South Korea would respond."]})
    actors = pd.DataFrame({"actor_id": ["kor", "kor_mofa"], "name": ["South Korea", "South Korea's Foreign Ministry"],
                           "kind": ["state", "institution"], "surname": [None, None], "aliases": [(), ()]})
    assert find_mentions(paragraphs, actors)[["actor_id", "surface"]].values.tolist() == [
        ["kor_mofa", "South Korea's Foreign Ministry"], ["kor", "South Korea"]]


def test_actors_without_surnames_or_with_empty_names_find_only_their_names():
    paragraphs = pd.DataFrame({"article_id": ["x"], "paragraph": [1], "text": ["China and Japan met."]})
    actors = pd.DataFrame({"actor_id": ["chn", "jpn", "blank"], "name": ["China", "Japan", ""],
                           "kind": ["state"] * 3, "surname": [None, None, None], "aliases": [(), (), ("",)]})
    found = find_mentions(paragraphs, actors)
    assert found[["actor_id", "start", "end"]].values.tolist() == [["chn", 0, 5], ["jpn", 10, 15]]


def test_mentions_of_every_article_are_kept():
    paragraphs = pd.DataFrame({"article_id": ["a", "b", "c"], "paragraph": [1, 1, 1],
                               "text": ["Cho Hyun spoke.", "Cho Tae-yul spoke.", "Nobody spoke."]})
    found = find_mentions(paragraphs, CHOS)
    assert found[["article_id", "actor_id"]].values.tolist() == [["a", "cho_hyun"], ["b", "cho_tae_yul"]]
    assert list(found.columns) == ["article_id", "paragraph", "actor_id", "surface", "start", "end", "resolution"]
    assert list(found.resolution.cat.categories) == krcn_lab.mentions.RESOLUTIONS


def test_mentions_follow_the_seeds_folder_given(tmp_path):
    import shutil

    from conftest import REPO

    seeds = tmp_path / "seeds"
    shutil.copytree(REPO / "seeds", seeds)
    bloomberg = seeds / krcn_lab.load_articles().set_index("article_id").at["bloomberg2025", "seed_file"]
    bloomberg.write_text(bloomberg.read_text(encoding="utf-8").replace("Cho Hyun", "Cho Tae-yul"), encoding="utf-8")
    moved = krcn_lab.load_mentions(seeds_dir=seeds)
    assert "cho_hyun" not in set(moved[moved.article_id == "bloomberg2025"].actor_id)
    assert "cho_hyun" in set(krcn_lab.load_mentions()[lambda m: m.article_id == "bloomberg2025"].actor_id)
