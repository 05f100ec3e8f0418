"""validate() passes on the shipped dataset and names file, line and problem when data is broken."""

import csv
import shutil

import pytest
from conftest import REPO, replace_in

import krcn_lab
from krcn_lab import dataset, validate


def edit_row(path, match, **changes):
    """Change the first CSV row whose cells include *match*; return its line number."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    fields = list(rows[0])
    for index, row in enumerate(rows):
        if all(row.get(k) == v for k, v in match.items()):
            row.update(changes)
            break
    else:
        raise AssertionError(f"no row {match} in {path.name}")
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return index + 2


def problems_of(data_dir):
    return [str(p) for p in validate(data_dir).problems]


def test_the_shipped_dataset_is_valid():
    report = validate()
    assert report.ok, str(report)
    assert report.checked["quotes"] > 150


def test_an_untouched_copy_is_valid(data_copy):
    assert problems_of(data_copy) == []


def test_a_broken_foreign_key_is_named_with_file_line_and_value(data_copy):
    line = edit_row(data_copy / "participants.csv", {"actor_id": "wang_yi"}, actor_id="wang_yii")
    problems = problems_of(data_copy)
    assert f"participants.csv, line {line}: actor_id 'wang_yii' is not a known actor_id in actors.csv" in problems


def test_a_quote_that_is_not_in_its_paragraph_is_caught(data_copy):
    line = edit_row(data_copy / "statements.csv", {"statement_id": "s009"},
                    quote="Wang called for joint efforts to embrace trade protectionism")
    problems = problems_of(data_copy)
    assert any(p.startswith(f"statements.csv, line {line}: quote not found in bloomberg2025 paragraph") for p in problems)
    assert problems == [f"statements.csv, line {line}: quote not found in bloomberg2025 paragraph 5: 'Wang called for "
                        "joint efforts to embrace trade protectionism' (nor anywhere else in the article)"]


def test_a_quote_cited_to_the_wrong_paragraph_gets_a_hint(data_copy):
    with (data_copy / "statements.csv").open(encoding="utf-8") as handle:
        row = next(r for r in csv.DictReader(handle) if r["statement_id"] == "s009")
    wrong = str(int(row["paragraph"]) + 1)
    line = edit_row(data_copy / "statements.csv", {"statement_id": "s009"}, paragraph=wrong)
    problems = problems_of(data_copy)
    assert any(p.startswith(f"statements.csv, line {line}:") and f"(it is in paragraph {row['paragraph']})" in p
               for p in problems)
    assert len(problems) == 1 and row["paragraph"] == "5"


def test_a_meeting_outside_the_participants_role_is_caught(data_copy):
    # Pretend Cho Tae-yul's time as foreign minister ended before the May 2024 talks.
    edit_row(data_copy / "roles.csv", {"actor_id": "cho_tae_yul", "title": "Foreign Minister"},
             end="2024-01-31", end_basis="public_record")
    problems = problems_of(data_copy)
    assert any("participants.csv, line" in p and "mtg_2024_05_fm_beijing on 2024-05-13 is outside cho_tae_yul's role"
               in p for p in problems), problems
    with (data_copy / "participants.csv").open(encoding="utf-8") as handle:
        [line] = [n for n, r in enumerate(csv.DictReader(handle), start=2) if r["actor_id"] == "cho_tae_yul"]
    assert problems == [f"participants.csv, line {line}: mtg_2024_05_fm_beijing on 2024-05-13 is outside "
                        "cho_tae_yul's role 'Foreign Minister' (? to 2024-01-31)"]


def test_duplicate_keys_and_unknown_vocabulary_are_caught(data_copy):
    line = edit_row(data_copy / "statements.csv", {"statement_id": "s002"}, statement_id="s001")
    assert f"statements.csv, line {line}: duplicate key statement_id='s001' (first on line 2)" in problems_of(data_copy)
    edit_row(data_copy / "statements.csv", {"statement_id": "s003"}, stance="enthusiastic")
    assert any("statements.csv, line" in p and "'enthusiastic'; allowed: support, oppose, neutral" in p
               for p in problems_of(data_copy))


def test_a_bad_date_and_a_missing_file_are_reported_not_raised(data_copy):
    line = edit_row(data_copy / "events.csv", {"event_id": "mtg_2024_07_vfm_seoul"}, date="17/07/2024")
    assert f"events.csv, line {line}: column 'date' has '17/07/2024', not a date YYYY-MM-DD" in problems_of(data_copy)
    (data_copy / "issues.csv").unlink()
    assert "issues.csv: file missing" in problems_of(data_copy)


def test_an_event_that_no_article_reports_is_caught(data_copy):
    path = data_copy / "event_sources.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith("bg_2019_12_chengdu_summit,")),
                    encoding="utf-8")
    assert any(p.startswith("events.csv, line") and "bg_2019_12_chengdu_summit has no row in event_sources.csv" in p
               for p in problems_of(data_copy))
    assert problems_of(data_copy) == ["events.csv, line 3: bg_2019_12_chengdu_summit has no row in event_sources.csv: "
                                      "every event needs a quote from an article"]


# --- one planted error per rule, through validate() on a copy of the real data --------------

@pytest.fixture
def seeds_copy(tmp_path):
    """A copy of seeds/ (the raw articles and SHA256SUMS) to break on purpose."""
    target = tmp_path / "seeds"
    shutil.copytree(REPO / "seeds", target)
    return target


def test_validate_counts_every_table_row_and_every_quote_it_verified():
    report = validate()
    sizes = {name: len(dataset.read_raw_table(name)) for name in dataset.TABLES}
    quotes = sum((dataset.read_raw_table(name)["quote"] != "").sum() for name in dataset.TABLES
                 if "quote" in dataset.TABLES[name].columns)
    assert report.checked == {**sizes, "quotes": quotes}
    assert str(report).startswith(f"dataset valid: {sizes['articles']} articles, {sizes['administrations']} ")


def test_validate_leaves_the_callers_caches_alone(monkeypatch):
    def forbidden():
        raise AssertionError("validate() must not clear the session's caches")

    monkeypatch.setattr(dataset, "clear_caches", forbidden, raising=False)
    assert validate().ok


def test_a_changed_seed_is_caught(data_copy, seeds_copy):
    seed = seeds_copy / "004_508489a84c2a7251.txt"
    seed.write_bytes(seed.read_bytes() + b"\n")
    assert [str(p) for p in validate(data_copy, seeds_copy).problems] == [
        "seeds/004_508489a84c2a7251.txt: differs from its recorded SHA-256: the seeds must stay byte for byte as "
        "collected"]


def test_a_seed_that_cannot_be_cleaned_is_reported_not_raised(data_copy, seeds_copy):
    (seeds_copy / "004_508489a84c2a7251.txt").unlink()
    problems = [str(p) for p in validate(data_copy, seeds_copy).problems]
    assert "seeds/SHA256SUMS, line 5: lists 004_508489a84c2a7251.txt, which is missing from seeds/" in problems
    assert ("articles.csv: cannot clean a seed: seeds/004_508489a84c2a7251.txt: seed file missing "
            "(named by article herald2024 in articles.csv)") in problems


def test_a_missing_column_and_a_file_that_is_not_utf8_are_named(data_copy):
    replace_in(data_copy / "issues.csv", "issue_id,label,", "issue,label,")
    (data_copy / "claims.csv").write_bytes(b"claim_id,topic\n\xff\xfe\n")
    problems = problems_of(data_copy)
    assert "issues.csv: missing column(s) issue_id" in problems
    assert any(p.startswith("claims.csv: not UTF-8 text") for p in problems), problems


def test_an_empty_key_is_caught(data_copy):
    line = edit_row(data_copy / "issues.csv", {"issue_id": "bilateral_ties"}, issue_id="")
    assert f"issues.csv, line {line}: key column(s) issue_id must not be empty" in problems_of(data_copy)


def test_a_fact_without_a_quote_or_without_its_article_is_caught(data_copy):
    line = edit_row(data_copy / "claims.csv", {"claim_id": "clm_001"}, quote="")
    other = edit_row(data_copy / "claims.csv", {"claim_id": "clm_002"}, article_id="")
    problems = problems_of(data_copy)
    assert f"claims.csv, line {line}: no quote: every coded fact cites a verbatim quote" in problems
    assert f"claims.csv, line {other}: a quote needs the article_id it comes from" in problems


def test_a_paragraph_that_does_not_exist_is_caught(data_copy):
    line = edit_row(data_copy / "statements.csv", {"statement_id": "s001"}, paragraph="99")
    assert f"statements.csv, line {line}: paragraph 99 does not exist in bloomberg2025 (it has 10)" \
        in problems_of(data_copy)


def test_a_quote_without_a_paragraph_must_stand_in_the_metadata(data_copy):
    line = edit_row(data_copy / "statements.csv", {"statement_id": "s001"}, paragraph="")
    assert (f"statements.csv, line {line}: quote has no paragraph and is not in bloomberg2025's title, byline, "
            f"standfirst or credits: 'China and South Korea’s top diplomats pledged to deepen their strateg…'") \
        in problems_of(data_copy)


def test_dates_out_of_order_and_an_undated_event_are_caught(data_copy):
    line = edit_row(data_copy / "events.csv", {"event_id": "mtg_2024_05_fm_beijing"}, date_end="2024-05-12")
    undated = edit_row(data_copy / "events.csv", {"event_id": "bg_2024_06_nk_russia_treaty"}, date="")
    problems = problems_of(data_copy)
    assert f"events.csv, line {line}: date 2024-05-13 is after date_end 2024-05-12" in problems
    assert f"events.csv, line {undated}: every event needs a date (use date_precision month or year if vague)" \
        in problems


def test_an_event_before_every_south_korean_term_is_caught(data_copy):
    line = edit_row(data_copy / "events.csv", {"event_id": "bg_2017_thaad_dispute"}, date="1947-01-01")
    assert f"events.csv, line {line}: bg_2017_thaad_dispute (1947-01-01) falls inside no South Korean administration" \
        in problems_of(data_copy)


def test_a_participant_with_a_role_that_roles_csv_does_not_give_is_caught(data_copy):
    line = edit_row(data_copy / "participants.csv", {"event_id": "mtg_2024_05_fm_beijing", "actor_id": "wang_yi"},
                    role_at_event="Premier")
    assert f"participants.csv, line {line}: wang_yi has no role titled 'Premier' in roles.csv" in problems_of(data_copy)


def test_an_article_reporting_a_later_event_as_past_is_caught(data_copy):
    edit_row(data_copy / "events.csv", {"event_id": "bg_2019_12_chengdu_summit"}, date="2024-06-01")
    line = edit_row(data_copy / "event_sources.csv", {"event_id": "bg_2019_12_chengdu_summit"})
    assert (f"event_sources.csv, line {line}: newssite2024 (published 2024-05-01) reports bg_2019_12_chengdu_summit "
            "as past, but the event is dated 2024-06-01") in problems_of(data_copy)


def test_article_dates_must_agree_with_the_page(data_copy):
    line = edit_row(data_copy / "articles.csv", {"article_id": "herald2024"}, published="2024-05-15")
    other = edit_row(data_copy / "articles.csv", {"article_id": "bloomberg2025"}, published="")
    problems = problems_of(data_copy)
    assert f"articles.csv, line {line}: herald2024: coded date 2024-05-15 contradicts the page's 2024-05-16" in problems
    assert (f"articles.csv, line {other}: bloomberg2025: the page states no date, so 'published' must be coded "
            "with its basis") in problems


def test_an_alias_that_names_two_actors_is_caught(data_copy):
    line = edit_row(data_copy / "actors.csv", {"actor_id": "park_jin"}, aliases="Cho Hyun")
    assert f"actors.csv, line {line}: name or alias 'Cho Hyun' of park_jin also names cho_hyun" in problems_of(data_copy)


def test_a_missing_articles_file_is_one_problem_not_a_cascade(data_copy):
    (data_copy / "articles.csv").unlink()
    assert problems_of(data_copy) == ["articles.csv: file missing"]


def test_validate_names_a_reading_coded_to_a_state_instead_of_its_outlet(data_copy):
    replace_in(data_copy / "statements.csv", "s038,,outlet_aggregator2025,", "s038,,kor,")
    problems = [str(p) for p in krcn_lab.validate(data_dir=data_copy).problems]
    assert problems == ["statements.csv, line 39: s038 is an interpretation by kor, which is not an outlet "
                        "(media): code the outlet's reading to the outlet"]


def test_validate_names_an_outlets_reading_placed_at_an_event(data_copy):
    replace_in(data_copy / "statements.csv", "s038,,outlet_aggregator2025,",
               "s038,mtg_2025_08_envoy_beijing,outlet_aggregator2025,")
    problems = [str(p) for p in krcn_lab.validate(data_dir=data_copy).problems]
    assert problems == ["statements.csv, line 39: s038 is an interpretation but names event "
                        "mtg_2025_08_envoy_beijing: an outlet's reading is said at no event"]


def test_validate_names_an_outlets_narration_coded_as_its_own_statement(data_copy):
    replace_in(data_copy / "statements.csv", "s053,,outlet_aggregator2025,balanced_diplomacy,interpretation,",
               "s053,,outlet_aggregator2025,balanced_diplomacy,statement,")
    problems = [str(p) for p in krcn_lab.validate(data_dir=data_copy).problems]
    assert problems == ["statements.csv, line 54: s053 is coded to the outlet outlet_aggregator2025 as "
                        "'statement': an outlet speaks in its own words only as an interpretation or in an editorial"]


def test_validate_names_an_occasion_that_the_quoting_article_does_not_report(data_copy):
    replace_in(data_copy / "statements.csv", "s024,mtg_2024_07_vfm_seoul,", "s024,mtg_2025_09_fm_beijing,")
    problems = [str(p) for p in krcn_lab.validate(data_dir=data_copy).problems]
    assert "statements.csv, line 25: s024 is said at mtg_2025_09_fm_beijing, which joongang2024 does not report " \
           "(no such row in event_sources.csv)" in problems


# --- names in Hangul and Chinese characters --------------------------------------------

def test_the_two_foreign_ministers_cho_have_distinct_hangul_names():
    names = krcn_lab.load_actor_names(language="ko").set_index("actor_id")
    assert (names.at["cho_tae_yul", "name"], names.at["cho_hyun", "name"]) == ("조태열", "조현")
    assert names.at["cho_tae_yul", "surname"] == names.at["cho_hyun", "surname"] == "조"


def test_every_person_has_a_hangul_row_and_every_chinese_person_a_chinese_row():
    actors = krcn_lab.load_actors()
    names = krcn_lab.load_actor_names()
    people = set(actors.loc[actors.kind.isin(["person", "journalist"]), "actor_id"])
    assert people == set(names.loc[names.language == "ko", "actor_id"]) & people
    chinese = set(actors.loc[(actors.kind == "person") & (actors.country == "CHN"), "actor_id"])
    assert chinese == {"wang_yi", "ma_zhaoxu", "xi_jinping", "li_qiang", "xing_haiming"}
    zh = names[names.language == "zh"].set_index("actor_id")
    assert {a: zh.at[a, "name"] for a in sorted(chinese)} == {
        "li_qiang": "李强", "ma_zhaoxu": "马朝旭", "wang_yi": "王毅", "xi_jinping": "习近平", "xing_haiming": "邢海明"}
    assert set(names["basis"]) == {"public_record", "unknown"}


def drop_line(path, start):
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(start)]
    assert len(kept) == len(lines) - 1, f"no single line starting {start!r} in {path.name}"
    path.write_text("".join(kept), encoding="utf-8")


def test_validate_names_a_person_without_a_hangul_row(data_copy):
    drop_line(data_copy / "actor_names.csv", "park_jin,ko,")
    assert problems_of(data_copy) == [
        "actor_names.csv: park_jin has no name in Hangul (add a row, with basis 'unknown' if it is not known)"]


def test_validate_names_a_chinese_person_without_a_chinese_row(data_copy):
    drop_line(data_copy / "actor_names.csv", "li_qiang,zh,")
    assert problems_of(data_copy) == [
        "actor_names.csv: li_qiang has no name in Chinese characters (add a row, with basis 'unknown' if it is not known)"]


@pytest.mark.parametrize("old, new, problem", [
    ("cho_hyun,ko,조현,조,,public_record", "cho_hyun,ko,Cho Hyun,조,,public_record",
     "cho_hyun: 'Cho Hyun' is not written in Hangul only"),
    ("cho_hyun,ko,조현,조,,public_record", "cho_hyun,ko,조현,박,,public_record",
     "cho_hyun: surname '박' is not part of '조현'"),
    ("cho_hyun,ko,조현,조,,public_record", "cho_hyun,ko,조현,조,,unknown",
     "cho_hyun: a name needs a basis other than 'unknown', and 'unknown' needs an empty name"),
    ("wang_yi,zh,王毅,王,,public_record", "wang_yi,zh,왕이,王,,public_record",
     "wang_yi: '왕이' is not written in Chinese characters only"),
])
def test_validate_names_a_malformed_name_row(data_copy, old, new, problem):
    line = next(n for n, text in enumerate((data_copy / "actor_names.csv").read_text(encoding="utf-8").splitlines(), 1)
                if text.startswith(old))
    replace_in(data_copy / "actor_names.csv", old, new)
    assert problems_of(data_copy) == [f"actor_names.csv, line {line}: {problem}"]
