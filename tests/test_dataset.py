"""The data contract and the facts learners are graded on."""

import pandas as pd
import pytest
from pandas.api.types import is_datetime64_any_dtype as is_date, is_integer_dtype, is_string_dtype

import krcn_lab
from krcn_lab import dataset
from conftest import REPO, replace_in

# The contract in DESIGN.md: loader -> key columns. Notebooks and exercises rely on these names.
CONTRACT = {
    "load_articles": ["article_id", "seed_file", "outlet", "genre", "title", "published", "text"],
    "load_paragraphs": ["article_id", "paragraph", "text"],
    "load_removed_lines": ["article_id", "line_no", "text", "rule"],
    "load_administrations": ["country", "leader", "start", "end", "kind"],
    "load_actors": ["actor_id", "name", "kind", "country", "aliases"],
    "load_roles": ["actor_id", "title", "start", "end"],
    "load_events": ["event_id", "date", "date_basis", "kind", "title", "place", "rok_administration"],
    "load_participants": ["event_id", "actor_id", "side", "role_at_event"],
    "load_issues": ["issue_id", "label", "theme", "description"],
    "load_statements": ["statement_id", "event_id", "actor_id", "issue_id", "stance", "quote", "article_id",
                        "paragraph"],
    "load_mentions": ["article_id", "paragraph", "actor_id", "surface", "start", "end"],
}
DATE_COLUMNS = {"load_articles": ["published"], "load_administrations": ["start", "end"],
                "load_roles": ["start", "end"], "load_events": ["date"]}
CATEGORY_COLUMNS = {"load_articles": ["genre"], "load_administrations": ["kind"], "load_actors": ["kind", "country"],
                    "load_events": ["kind", "date_basis", "rok_administration"],
                    "load_removed_lines": ["rule"], "load_statements": ["stance"]}

# The four meetings, as read from the articles (dates checked against public record where the
# articles say only "on Monday"/"on Wednesday"; see each event's date_note).
MEETINGS = {
    "mtg_2024_05_fm_beijing": ("2024-05-13", "Beijing", {"cho_tae_yul": "Foreign Minister", "wang_yi": "Foreign Minister"},
                               "Yoon Suk Yeol", {"newssite2024", "herald2024"}),
    "mtg_2024_07_vfm_seoul": ("2024-07-24", "Seoul", {"kim_hong_kyun": "First Vice Foreign Minister",
                                                      "ma_zhaoxu": "Executive Vice Minister of Foreign Affairs"},
                              "Yoon Suk Yeol", {"joongang2024"}),
    "mtg_2025_08_envoy_beijing": ("2025-08-24", "Beijing", {"park_byeong_seug": "Special Envoy of the President",
                                                            "wang_yi": "Foreign Minister"},
                                  "Lee Jae Myung", {"aggregator2025"}),
    "mtg_2025_09_fm_beijing": ("2025-09-17", "Beijing", {"cho_hyun": "Foreign Minister", "wang_yi": "Foreign Minister"},
                               "Lee Jae Myung", {"bloomberg2025"}),
}


@pytest.mark.parametrize("loader", sorted(CONTRACT))
def test_every_loader_returns_the_contract_columns(loader):
    frame = getattr(krcn_lab, loader)()
    assert isinstance(frame, pd.DataFrame) and len(frame) > 0
    assert set(CONTRACT[loader]) <= set(frame.columns)


@pytest.mark.parametrize("loader", sorted(DATE_COLUMNS))
def test_dates_are_dates(loader):
    frame = getattr(krcn_lab, loader)()
    for column in DATE_COLUMNS[loader]:
        assert is_date(frame[column]), f"{loader}.{column} is {frame[column].dtype}"


@pytest.mark.parametrize("loader", sorted(CATEGORY_COLUMNS))
def test_categories_are_categorical(loader):
    frame = getattr(krcn_lab, loader)()
    for column in CATEGORY_COLUMNS[loader]:
        assert isinstance(frame[column].dtype, pd.CategoricalDtype), f"{loader}.{column}"


def test_numbers_and_text_have_proper_dtypes():
    statements = krcn_lab.load_statements()
    assert is_integer_dtype(statements["paragraph"])
    assert is_string_dtype(statements["quote"])
    assert is_integer_dtype(krcn_lab.load_mentions()["start"])


def test_loaders_return_fresh_copies_a_learner_cannot_corrupt():
    events = krcn_lab.load_events()
    events.loc[:, "place"] = "Nowhere"
    assert "Nowhere" not in set(krcn_lab.load_events()["place"].dropna())


def test_the_dataset_has_the_expected_size():
    assert len(krcn_lab.load_articles()) == 5
    assert len(krcn_lab.load_events()) == 24
    assert (krcn_lab.load_events()["kind"] == "meeting").sum() == 4
    assert len(krcn_lab.load_statements()) == 129  # issue 8: s060 retired, s123-s130 added
    assert len(krcn_lab.load_issues()) >= 12
    assert len(krcn_lab.load_claims()) == 34


@pytest.mark.parametrize("event_id", sorted(MEETINGS))
def test_the_four_meetings_have_date_place_participants_roles_and_administration(event_id):
    date, place, people, administration, sources = MEETINGS[event_id]
    event = krcn_lab.load_events().set_index("event_id").loc[event_id]
    assert event["kind"] == "meeting"
    assert event["date"] == pd.Timestamp(date)
    assert event["date_precision"] == "day"
    assert place in event["place"]
    assert event["rok_administration"] == administration
    participants = krcn_lab.load_participants().query("event_id == @event_id")
    assert dict(zip(participants.actor_id, participants.role_at_event)) == people
    assert set(participants.side) == {"KOR", "CHN"}
    reported = set(krcn_lab.load_event_sources().query("event_id == @event_id").article_id)
    assert reported == sources


def test_one_meeting_reported_by_two_articles_is_one_event():
    sources = krcn_lab.load_event_sources()
    counts = sources.groupby("event_id").article_id.nunique()
    assert counts["mtg_2024_05_fm_beijing"] == 2
    events = krcn_lab.load_events()
    assert (events.query("kind == 'meeting'").date == pd.Timestamp("2024-05-13")).sum() == 1


def test_every_date_says_how_it_is_known():
    events = krcn_lab.load_events()
    assert events["date_basis"].notna().all()
    explained = events[events.date_basis.isin(["inferred", "public_record"])]
    assert explained["date_note"].str.len().gt(20).all()
    articles = krcn_lab.load_articles()
    assert articles["published_basis"].notna().all() and articles["published"].notna().all()


def test_background_events_cover_what_the_articles_refer_to():
    events = krcn_lab.load_events().set_index("event_id")
    background = events[events.kind == "background"]
    assert len(background) >= 12
    for year, event_id in [(2017, "bg_2017_thaad_dispute"), (2019, "bg_2019_12_chengdu_summit"),
                           (2022, "bg_2022_08_qingdao_talks"), (2023, "bg_2023_06_xing_remark"),
                           (2023, "bg_2023_04_yoon_taiwan_remarks"), (2024, "bg_2024_06_nk_russia_treaty"),
                           (2024, "bg_2024_05_trilateral_summit"), (2025, "bg_2025_09_beijing_parade"),
                           (2025, "bg_2025_10_apec_gyeongju")]:
        assert background.at[event_id, "date"].year == year
    assert background.at["bg_2017_thaad_dispute", "date_precision"] == "year"


def test_administrations_and_the_acting_period():
    admin = krcn_lab.load_administrations()
    kor = admin[admin.country == "KOR"].set_index("leader")
    assert kor.at["Lee Jae Myung", "start"] == pd.Timestamp("2025-06-04")
    assert kor.at["Yoon Suk Yeol", "end"] == pd.Timestamp("2024-12-14")
    acting = kor[kor.kind == "acting"]
    assert any(row.start == pd.Timestamp("2024-12-14") and row.end == pd.Timestamp("2025-06-04")
               for row in acting.itertuples())
    # Terms follow each other without gaps or overlaps.
    ordered = kor.sort_values("start")
    assert (ordered["end"].iloc[:-1].values == ordered["start"].iloc[1:].values).all()
    assert "Xi Jinping" in set(admin[admin.country == "CHN"].leader)


def test_the_administration_of_an_event_is_derived_from_its_date(data_copy):
    replace_in(data_copy / "events.csv", "mtg_2025_09_fm_beijing,2025-09-17", "mtg_2025_09_fm_beijing,2025-01-15")
    events = dataset.load_events(data_copy).set_index("event_id")
    assert events.at["mtg_2025_09_fm_beijing", "rok_administration"].startswith("Acting president")
    # A year-precision date spanning a change of government names both.
    assert events.at["bg_2017_thaad_dispute", "rok_administration"] == "Acting president (Hwang Kyo-ahn) / Moon Jae-in"


def test_the_two_foreign_ministers_named_cho_are_different_people_in_different_governments():
    actors = krcn_lab.load_actors().set_index("actor_id")
    assert actors.at["cho_tae_yul", "name"] == "Cho Tae-yul" and actors.at["cho_hyun", "name"] == "Cho Hyun"
    roles = krcn_lab.load_roles()
    assert set(roles.query("title == 'Foreign Minister'").actor_id) >= {"cho_tae_yul", "cho_hyun", "park_jin", "wang_yi"}
    participants = krcn_lab.load_participants().merge(krcn_lab.load_events(), on="event_id")
    eras = participants.groupby("actor_id").rok_administration.agg(lambda s: set(s.dropna()))
    assert eras["cho_tae_yul"] == {"Yoon Suk Yeol"} and eras["cho_hyun"] == {"Lee Jae Myung"}


def test_statements_cite_speakers_issues_and_sources():
    statements = krcn_lab.load_statements()
    assert statements["statement_id"].is_unique
    assert set(statements.stance.dropna()) <= {"support", "oppose", "neutral"}
    assert statements["reported_by"].notna().all()
    # Every focal meeting has statements from both sides.
    meetings = statements.dropna(subset=["event_id"]).merge(krcn_lab.load_actors(), on="actor_id")
    for event_id in MEETINGS:
        sides = set(meetings[meetings.event_id == event_id].country.dropna())
        assert {"KOR", "CHN"} <= sides, event_id
    assert statements["cameo"].notna().all()


def test_sources_that_disagree_keep_both_claims():
    claims = krcn_lab.load_claims()
    gap = claims[claims.topic == "fm_talks_gap"].set_index("article_id")
    assert "since August 2022" in gap.at["newssite2024", "quote"]
    assert "seven months" in gap.at["herald2024", "quote"]
    assert claims.groupby("topic").article_id.nunique().ge(1).all()
    assert (claims.groupby("topic").size() >= 2).all()


def test_a_wheelless_checkout_and_the_package_read_the_same_seeds():
    root = dataset.seeds_root()
    assert root.joinpath("000_acd483dee9c6b4e7.txt").is_file()


def test_a_broken_data_file_raises_a_clear_error_naming_it(data_copy):
    (data_copy / "issues.csv").write_bytes(b"\xff\xfe not utf-8")
    with pytest.raises(krcn_lab.DatasetError, match=r"issues\.csv: not UTF-8"):
        dataset.load_issues(data_copy)


def test_raw_and_clean_side_by_side_has_every_non_blank_raw_line_once():
    from krcn_lab.dataset import load_raw_clean

    lines = load_raw_clean()
    articles = krcn_lab.load_articles().set_index("article_id")
    for article_id, group in lines.groupby("article_id"):
        raw = (REPO / "seeds" / articles.at[article_id, "seed_file"]).read_text(encoding="utf-8").splitlines()
        non_blank = [n for n, line in enumerate(raw, start=1) if line.replace("\u00a0", " ").strip()]
        assert group.line_no.tolist() == non_blank, article_id
        assert group.raw.tolist() == [raw[n - 1] for n in non_blank]


def test_raw_and_clean_rows_agree_with_the_paragraphs_and_the_removal_log():
    from krcn_lab.dataset import load_raw_clean

    lines = load_raw_clean("herald2024")
    kept = lines[lines.paragraph.notna()]
    paragraphs = krcn_lab.load_paragraphs().query("article_id == 'herald2024'")
    assert kept.paragraph.astype(int).tolist() == paragraphs.paragraph.tolist()
    assert kept.clean.tolist() == paragraphs.text.tolist()
    log = krcn_lab.load_removed_lines().query("article_id == 'herald2024'")
    by_line = log.groupby("line_no").rule.agg(lambda r: ", ".join(map(str, r)))
    assert lines.dropna(subset=["rule"]).set_index("line_no").rule.to_dict() == by_line.to_dict()
    assert set(lines.action) <= {"kept", "changed", "moved", "removed"}


def test_raw_and_clean_names_the_file_for_an_unknown_article():
    from krcn_lab.dataset import load_raw_clean

    with pytest.raises(krcn_lab.DatasetError, match="articles.csv: no article 'nyt2031'"):
        load_raw_clean("nyt2031")


# --- Every loader reads the folders it is given (an instructor's edited copy, not the package's data) ---

@pytest.fixture
def seeds_copy(tmp_path):
    """A copy of the raw seed articles in a temporary folder."""
    target = tmp_path / "seeds"
    target.mkdir()
    for item in (REPO / "seeds").glob("*.txt"):
        (target / item.name).write_bytes(item.read_bytes())
    return target


def test_load_roles_event_sources_and_claims_read_the_folder_they_are_given(data_copy):
    replace_in(data_copy / "roles.csv", "li_qiang,Premier,", "li_qiang,Premier of the State Council,")
    replace_in(data_copy / "claims.csv", "clm_002,fm_talks_gap,", "clm_002,talks_gap,")
    roles = dataset.load_roles(data_copy)
    assert roles[roles.actor_id == "li_qiang"].title.tolist() == ["Premier of the State Council"]
    replace_in(data_copy / "event_sources.csv", "mtg_2024_07_vfm_seoul,joongang2024,", "mtg_2024_07_vfm_seoul,herald2024,")
    sources = dataset.load_event_sources(data_copy)
    assert sources[sources.event_id == "mtg_2024_07_vfm_seoul"].article_id.tolist() == ["herald2024"]
    claims = dataset.load_claims(data_copy).set_index("claim_id")
    assert claims.loc[["clm_001", "clm_002"], "topic"].tolist() == ["fm_talks_gap", "talks_gap"]


def test_administrations_on_reads_the_folder_and_the_country_it_is_given(data_copy):
    day = [pd.Timestamp("2024-05-13")]
    assert dataset.administrations_on(day, country="CHN") == ["Xi Jinping"]
    assert dataset.administrations_on(day) == ["Yoon Suk Yeol"]
    replace_in(data_copy / "administrations.csv", "KOR,Yoon Suk Yeol,", "KOR,Yoon Suk-yeol,")
    assert dataset.administrations_on(day, data_copy) == ["Yoon Suk-yeol"]


def test_raw_and_clean_reads_the_data_and_seeds_folders_it_is_given(data_copy, seeds_copy):
    seed = seeds_copy / "004_508489a84c2a7251.txt"
    replace_in(seed, "[Editorial] Korea-China relations", "[Editorial] Korea-China ties")
    replace_in(data_copy / "articles.csv", "herald2024,", "heraldcopy,")
    lines = dataset.load_raw_clean("heraldcopy", data_dir=data_copy, seeds_dir=seeds_copy)
    assert lines.raw.tolist()[1] == "[Editorial] Korea-China ties"
    assert lines.raw.tolist()[:1] == ["The Korea Herald"]


def test_raw_and_clean_of_one_article_has_the_same_columns_and_a_fresh_index():
    everything, one = dataset.load_raw_clean(), dataset.load_raw_clean("herald2024")
    assert list(one.columns) == list(everything.columns) == [
        "article_id", "line_no", "raw", "clean", "paragraph", "rule", "action", "detail", "explanation"]
    assert one.index.tolist() == list(range(len(one)))
    assert set(one.article_id) == {"herald2024"}


def test_raw_and_clean_lists_the_known_articles_for_an_unknown_one():
    known = "aggregator2025, bloomberg2025, herald2024, joongang2024, newssite2024"
    with pytest.raises(krcn_lab.DatasetError) as caught:
        dataset.load_raw_clean("nyt2031")
    assert str(caught.value) == f"articles.csv: no article 'nyt2031'; known: {known}"


def test_a_derived_loader_is_built_once_per_folder_and_hands_out_copies(data_copy):
    builds = []

    def build(data_dir, seeds_dir):
        builds.append((data_dir, seeds_dir))
        return pd.DataFrame({"n": [len(builds)]})

    load = dataset._cached_by_folders(build)
    first = load()
    first.loc[0, "n"] = 99
    assert load().n.tolist() == [1]
    assert load(data_copy).n.tolist() == [2]
    assert builds == [(None, None), (str(data_copy), None)]
