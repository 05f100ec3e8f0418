"""Issue 8: what an independent fact audit found, pinned so that none of it can come back.

Each test names the rows it checks; each failed on the data as it was before the audit's
fixes. Rules that belong in ``krcn_lab.validate()`` (outlet narration, ``event_id`` means
"said at", the ``reported_by`` vocabulary) are expressed here over the loaded tables until
the code carries them.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

import krcn_lab

# ----------------------------------------------------------------------------- helpers


def statements() -> pd.DataFrame:
    return krcn_lab.load_statements().set_index("statement_id")


def actor_kind() -> dict[str, str]:
    actors = krcn_lab.load_actors()
    return dict(zip(actors["actor_id"], actors["kind"].astype(str)))


def outlet_of_article() -> dict[str, str]:
    """The media actor that speaks for each article: the one cited from that article."""
    actors = krcn_lab.load_actors()
    media = actors[actors["kind"] == "media"]
    return dict(zip(media["article_id"], media["actor_id"]))


def every_note() -> list[tuple[str, str, str]]:
    """(file, key, text) for every free-text note or description in the dataset."""
    out = []
    for loader, key, columns in [
        (krcn_lab.load_actors, "actor_id", ["description"]),
        (krcn_lab.load_roles, "actor_id", ["note"]),
        (krcn_lab.load_events, "event_id", ["date_note", "note"]),
        (krcn_lab.load_statements, "statement_id", ["note"]),
        (krcn_lab.load_claims, "claim_id", ["claim", "note"]),
    ]:
        frame = loader()
        for column in columns:
            for k, text in zip(frame[key], frame[column]):
                if isinstance(text, str):
                    out.append((loader.__name__, k, text))
    return out


# ----------------------------------------------------------------------------- errors


def test_no_description_types_a_count_of_meetings_that_the_data_should_derive():
    typed = re.compile(r"\b(all|both|one|two|three|four|five|\d+)\b( of the)?( \w+)? (focal )?meetings\b", re.I)
    offenders = [(f, k) for f, k, text in every_note() if f == "load_actors" and typed.search(text)]
    assert offenders == []
    # The count the old description got wrong, derived from participants.
    participants = krcn_lab.load_participants().merge(krcn_lab.load_events(), on="event_id")
    meetings = participants[participants["kind"] == "meeting"]
    assert sorted(meetings.loc[meetings.actor_id == "wang_yi", "event_id"]) == [
        "mtg_2024_05_fm_beijing", "mtg_2025_08_envoy_beijing", "mtg_2025_09_fm_beijing"]
    chinese = meetings[(meetings.event_id == "mtg_2024_07_vfm_seoul") & (meetings.side == "CHN")]
    assert list(chinese.actor_id) == ["ma_zhaoxu"]


def test_visit_gap_claims_know_kang_kyung_wha_was_in_beijing_in_august_2019():
    claims = krcn_lab.load_claims().set_index("claim_id")
    for claim_id in ["clm_003", "clm_004"]:
        note = claims.at[claim_id, "note"]
        assert "20 Aug 2019" in note and "Wang Yi" in note, claim_id
        assert "stand-alone" in note, claim_id
    assert "previous foreign-minister visit to Beijing was Kang Kyung-wha's in Nov 2017" not in claims.at[
        "clm_004", "note"]
    qingdao = krcn_lab.load_events().set_index("event_id").at["bg_2022_08_qingdao_talks", "note"]
    assert "2019" in qingdao


def test_every_claim_and_statement_links_an_event_its_article_reports():
    reported = set(zip(krcn_lab.load_event_sources().event_id, krcn_lab.load_event_sources().article_id))
    for frame, key in [(krcn_lab.load_claims(), "claim_id"), (krcn_lab.load_statements(), "statement_id")]:
        linked = frame.dropna(subset=["event_id"])
        stray = [k for k, e, a in zip(linked[key], linked.event_id, linked.article_id) if (e, a) not in reported]
        assert stray == [], key
    claims = krcn_lab.load_claims().set_index("claim_id")
    assert claims.at["clm_034", "event_id"] == statements().at["s058", "event_id"] == "bg_2023_yoon_critical_comments"


# Words that carry the outlet's own reading: what an actor intends, recognises or feels,
# or what its act shows. Narration built on them is the outlet's, never the actor's.
NARRATION_MARKERS = re.compile(
    r"\b(?:underscores?|reflects?|signall?ing|signals?|recogni[sz]ing|aims to|frustration|"
    r"appeared to|appears|apparently|relatively distancing)\b", re.I)


def test_outlet_narration_is_the_outlets_interpretation():
    s = statements()
    for statement_id in ["s038", "s039", "s059", "s063", "s053", "s067"]:
        row = s.loc[statement_id]
        assert (row.act, row.actor_id) == ("interpretation", outlet_of_article()[row.article_id]), statement_id
    narrated = s[(s.reported_by == "article narration") & s.quote.str.contains(NARRATION_MARKERS)]
    wrong = narrated[narrated.act != "interpretation"]
    assert list(wrong.index) == []


def test_interpretations_belong_to_the_outlet_of_their_article_and_to_no_event():
    s = statements()
    outlets = outlet_of_article()
    interpretations = s[s.act == "interpretation"]
    assert all(actor == outlets[article] for actor, article in zip(interpretations.actor_id, interpretations.article_id))
    assert interpretations.event_id.isna().all()
    # Outlets speak only through their own reading or, in an editorial, their opinion.
    kinds = actor_kind()
    by_media = s[s.actor_id.map(kinds) == "media"]
    assert set(by_media.act[by_media.reported_by != "editorial"]) == {"interpretation"}


def stance_matrix(table: pd.DataFrame) -> pd.DataFrame:
    """Country x issue -> set of stances, from the actors' own positions (no outlet readings)."""
    own = table[table.act != "interpretation"].merge(krcn_lab.load_actors()[["actor_id", "country"]], on="actor_id")
    return own.groupby(["country", "issue_id"], observed=True).stance.agg(lambda x: set(x.astype(str))).unstack()


def test_the_two_interference_complaints_are_different_issues_so_seoul_and_beijing_do_not_look_aligned():
    issues = set(krcn_lab.load_issues().issue_id)
    assert "external_interference" not in issues
    s = statements()
    assert "external_interference" not in set(s.issue_id.astype(str))
    beijing = {s.at[i, "issue_id"] for i in ["s062", "s070", "s101", "s106"]}
    assert len(beijing) == 1 and beijing != {s.at["s075", "issue_id"]}
    matrix = stance_matrix(krcn_lab.load_statements())
    for issue in beijing | {s.at["s075", "issue_id"]}:
        column = matrix[issue].dropna()
        assert len(column) == 1, f"{issue} holds both governments' positions: {column.to_dict()}"


def test_xis_commitment_to_pyongyang_is_coded_as_china_north_korea_relations():
    s = statements()
    assert s.at["s015", "issue_id"] == "china_north_korea_ties"
    assert s.at["s015", "stance"] == "support"
    issues = krcn_lab.load_issues().set_index("issue_id")
    assert "North Korea" in issues.at["china_north_korea_ties", "support_means"]
    assert not s[s.issue_id == "korean_peninsula"].note.fillna("").str.contains("no issue id covers").any()


# event_id on a statement means "said at": the occasion on which the actor spoke or acted.
SAID_ELSEWHERE = {
    "s020": "said at the ministry's briefing the day after the talks",
    "s021": "same briefing",
    "s022": "same briefing",
    "s023": "the ministry's own remark at the same briefing",
    "s036": "a proposal made before the meeting",
    "s051": "a statement whose occasion the article does not give",
    "s052": "same statement",
    "s078": "Beijing's reaction at the time, not said at the summit it criticised",
}


@pytest.mark.parametrize("statement_id", sorted(SAID_ELSEWHERE))
def test_statements_not_said_at_an_event_have_no_event(statement_id):
    assert pd.isna(statements().at[statement_id, "event_id"]), SAID_ELSEWHERE[statement_id]


def test_briefings_after_a_meeting_are_not_said_at_it():
    s = statements()
    assert s.loc[s.reported_by == "told reporters", "event_id"].isna().all()
    assert s.at["s024", "event_id"] == "mtg_2024_07_vfm_seoul"  # "During the meeting, South Korea expressed"


REPORTED_BY = {
    "article narration", "editorial", "told reporters", "through an interpreter", "reportedly (unattributed)",
    "statement (issuer not named)", "South Korean Foreign Ministry readout", "South Korean Foreign Ministry statement",
    "Chinese readout", "Chinese foreign ministry statement",
}


def test_reported_by_uses_one_vocabulary_and_parks_statement_is_not_called_his_own():
    s = statements()
    assert set(s.reported_by) <= REPORTED_BY
    assert set(s.loc[["s051", "s052"], "reported_by"]) == {"statement (issuer not named)"}


def test_cho_hyun_took_office_on_21_july_2025_after_his_nomination_on_23_june():
    role = krcn_lab.load_roles().query("actor_id == 'cho_hyun' and title == 'Foreign Minister'").iloc[0]
    assert role["start"] == pd.Timestamp("2025-07-21") and role["start_basis"] == "public_record"
    assert "23 June 2025" in role["note"] and "took office June 2025" not in role["note"]


# date_basis names the weakest link of the stored date at its stored precision: "public_record"
# as soon as any part of it (usually the exact day) comes from outside the articles.
DATE_BASIS = {
    "bg_2017_thaad_dispute": "stated", "bg_2019_12_chengdu_summit": "stated", "bg_2022_08_qingdao_talks": "stated",
    "bg_2023_yoon_critical_comments": "stated", "bg_2023_04_yoon_taiwan_remarks": "stated",
    "bg_2023_06_xing_remark": "inferred", "bg_2023_06_xing_summoned": "public_record",
    "bg_2024_03_democracy_summit": "inferred", "bg_2024_05_yoon_li_agreement": "inferred",
    "mtg_2024_05_fm_beijing": "inferred", "bg_2024_05_trilateral_summit": "inferred",
    "bg_2024_06_nk_russia_treaty": "inferred", "bg_2024_07_nato_summit_ip4": "public_record",
    "bg_2024_07_china_japan_dialogue": "public_record", "mtg_2024_07_vfm_seoul": "public_record",
    "bg_2025_06_lee_takes_office": "public_record", "bg_2025_07_us_kor_trade_deal": "inferred",
    "mtg_2025_08_envoy_beijing": "public_record", "bg_2025_08_lee_trump_summit": "public_record",
    "bg_2025_09_beijing_parade": "public_record", "bg_2025_09_georgia_raid": "public_record",
    "bg_2025_09_xi_kim_summit": "public_record", "mtg_2025_09_fm_beijing": "public_record",
    "bg_2025_10_apec_gyeongju": "inferred",
}


def test_one_date_basis_rule_for_every_event():
    events = krcn_lab.load_events()
    assert dict(zip(events.event_id, events.date_basis.astype(str))) == DATE_BASIS
    inferred = events[events.date_basis == "inferred"]
    assert not inferred.date_note.str.contains("relies on public record").any()


def test_articles_dated_through_the_public_record_say_so():
    articles = krcn_lab.load_articles().set_index("article_id")
    assert dict(articles.published_basis.astype(str)) == {
        "bloomberg2025": "public_record", "joongang2024": "public_record", "aggregator2025": "stated",
        "newssite2024": "inferred", "herald2024": "stated"}


def test_the_anonymous_official_is_one_person_and_notes_cite_paragraphs_not_raw_lines():
    assert actor_kind()["kor_official_anon"] == "person"
    raw_lines = [(f, k) for f, k, text in every_note() if re.search(r"\blines? \d+", text)]
    assert raw_lines == []


# ----------------------------------------------------------------------------- missing facts


def coded(actor_id: str, issue_id: str, fragment: str) -> pd.DataFrame:
    s = krcn_lab.load_statements()
    return s[(s.actor_id == actor_id) & (s.issue_id == issue_id) & s.quote.str.contains(fragment, regex=False)]


def test_north_korea_shunning_seouls_efforts_is_coded():
    rows = coded("prk", "north_korea_dialogue", "Pyongyang has shunned Seoul’s efforts")
    assert list(zip(rows.article_id, rows.paragraph, rows.stance)) == [("bloomberg2025", 2, "oppose")]


def test_china_distancing_itself_from_the_north_korea_russia_rapprochement_is_coded():
    rows = coded("korea_joongang_daily", "nk_russia_cooperation", "relatively distancing itself")
    assert list(zip(rows.article_id, rows.paragraph, rows.act)) == [("joongang2024", 13, "interpretation")]


def test_president_lees_message_links_him_to_the_envoy_meeting():
    rows = coded("lee_jae_myung", "high_level_exchanges", "Park conveyed a message from President Lee")
    assert list(zip(rows.event_id, rows.article_id, rows.paragraph)) == [
        ("mtg_2025_08_envoy_beijing", "aggregator2025", 3)]


def test_kims_backing_of_russias_war_and_beijing_as_lifeline_are_coded():
    war = coded("kim_jong_un", "ukraine_war", "key ally of Putin in his war against Ukraine")
    assert list(zip(war.paragraph, war.stance)) == [(10, "oppose")]
    lifeline = coded("bloomberg", "china_north_korea_ties", "crucial economic lifelines")
    assert list(zip(lifeline.paragraph, lifeline.act, lifeline.stance)) == [(10, "interpretation", "support")]


def test_north_koreas_refusal_is_coded_as_a_rejection_with_cameo_12():
    row = statements().loc["s123"]
    assert (row["actor_id"], row["act"], row["cameo"], row["stance"]) == ("prk", "rejection", "12", "oppose")


def test_reported_by_is_a_closed_vocabulary_when_reading(data_copy):
    from conftest import replace_in

    replace_in(data_copy / "statements.csv", "s123,,prk,north_korea_dialogue,rejection,oppose,article narration",
               "s123,,prk,north_korea_dialogue,rejection,oppose,the grapevine")
    import pytest

    with pytest.raises(krcn_lab.DatasetError, match="statements.csv, line 123: column 'reported_by' has 'the grapevine'"):
        krcn_lab.load_statements(data_dir=data_copy)
