"""Each validation rule, called directly on tiny hand-made tables with one planted problem.

Every test names the exact file, line and message the rule must report, so deleting a
rule, or breaking its logic, fails here (tests/test_validate.py runs the same rules
through validate() on a copy of the real data).
"""

import hashlib
from types import SimpleNamespace

import pandas as pd

from krcn_lab import validation_coding as coding
import pytest

from krcn_lab import validation, validation_rules as rules
from krcn_lab.validation_rules import Problem

NA = pd.NA


def day(text):
    return pd.Timestamp(text) if text else pd.NaT


def dates(*texts):
    return pd.Series([day(t) for t in texts], dtype="datetime64[ns]")


def article(*paragraphs, byline=None, published=None):
    """A stand-in for a cleaned article: numbered paragraphs and metadata lines."""
    return SimpleNamespace(
        title="Seoul and Beijing talk", byline=byline, standfirst=None, credits=None, published=published,
        paragraphs=[SimpleNamespace(number=n, text=t) for n, t in enumerate(paragraphs, start=1)],
    )


# --- the registry -------------------------------------------------------------------

def test_every_rule_is_in_the_registry_in_order():
    assert list(validation.CHECKS.values()) == [
        rules.seed_checksums, rules.unique_keys, rules.foreign_keys, rules.quotes_verbatim,
        rules.events_reported, rules.dates_in_order, rules.events_dated, rules.events_in_administrations,
        rules.roles_on_event_dates, rules.reports_after_events, rules.article_dates, rules.aliases_unique,
        coding.interpretations_by_outlets, coding.occasions_reported_by_the_source, coding.names_in_scripts,
    ]


def test_a_check_runs_only_when_every_table_it_names_was_read():
    events = pd.DataFrame({"event_id": ["mtg_a"]})
    assert validation.run_check(rules.events_reported, {"events": events}) == []
    found = validation.run_check(rules.events_reported, {"events": events, "event_sources": events.iloc[:0]})
    assert [(p.file, p.line) for p in found] == [("events.csv", 2)]


def test_a_parameter_with_a_default_is_not_an_input():
    actors = pd.DataFrame({"actor_id": ["wang_yi"]})
    roles = pd.DataFrame({"actor_id": ["wang_yii"]})
    found = validation.run_check(rules.foreign_keys, {"tables": {"actors": actors, "roles": roles}})
    assert [str(p) for p in found] == ["roles.csv, line 2: actor_id 'wang_yii' is not a known actor_id in actors.csv"]


# --- seeds ----------------------------------------------------------------------------

@pytest.fixture
def seeds(tmp_path):
    (tmp_path / "a.txt").write_text("Headline\n\nBody.\n", encoding="utf-8")
    digest = hashlib.sha256((tmp_path / "a.txt").read_bytes()).hexdigest()
    (tmp_path / "SHA256SUMS").write_text(f"{digest}  a.txt\n\n{'0' * 64}  b.txt\n", encoding="utf-8")
    return tmp_path


def test_seeds_missing_from_the_folder_are_named_with_their_checksum_line(seeds):
    assert rules.seed_checksums(seeds) == [Problem("seeds/SHA256SUMS", 3, "lists b.txt, which is missing from seeds/")]


def test_a_seed_changed_by_one_byte_is_caught(seeds):
    (seeds / "a.txt").write_text("Headline\n\nBody!\n", encoding="utf-8")
    assert rules.seed_checksums(seeds)[0] == Problem(
        "seeds/a.txt", None, "differs from its recorded SHA-256: the seeds must stay byte for byte as collected")


def test_seeds_without_a_checksum_file_are_reported(seeds):
    (seeds / "SHA256SUMS").unlink()
    assert rules.seed_checksums(seeds) == [
        Problem("seeds/SHA256SUMS", None, "file missing: cannot check that the seeds are unchanged")]


# --- keys and links -------------------------------------------------------------------

def test_duplicate_and_empty_keys_are_named_with_both_lines():
    issues = pd.DataFrame({"issue_id": ["trade", NA, "tourism", "trade"]}, dtype="string")
    assert rules.unique_keys({"issues": issues}) == [
        Problem("issues.csv", 3, "key column(s) issue_id must not be empty"),
        Problem("issues.csv", 5, "duplicate key issue_id='trade' (first on line 2)"),
    ]


def test_a_date_in_a_key_may_be_empty_but_the_other_key_columns_may_not():
    roles = pd.DataFrame({"actor_id": ["cho", "cho", NA], "title": ["FM", "FM", "FM"],
                          "start": dates("", "2024-01-12", "2024-01-12")})
    assert rules.unique_keys({"roles": roles}) == [
        Problem("roles.csv", 4, "key column(s) actor_id, title must not be empty")]


def test_a_link_to_an_unknown_row_is_named_and_an_empty_link_is_allowed():
    tables = {
        "events": pd.DataFrame({"event_id": ["mtg"]}),
        "issues": pd.DataFrame({"issue_id": ["trade"]}),
        "statements": pd.DataFrame({"event_id": ["mtg", NA, "mtgg"], "issue_id": ["trade", "trades", NA]}),
    }
    links = [("statements", "event_id", "events", "event_id"), ("statements", "issue_id", "issues", "issue_id"),
             ("statements", "actor_id", "actors", "actor_id")]  # actors not read: skipped
    assert rules.foreign_keys(tables, links) == [
        Problem("statements.csv", 4, "event_id 'mtgg' is not a known event_id in events.csv"),
        Problem("statements.csv", 3, "issue_id 'trades' is not a known issue_id in issues.csv"),
    ]


# --- quotes ---------------------------------------------------------------------------

CLEANED = {"a1": article("Cho Tae-yul met Wang Yi in Beijing.", "Wang said ties should grow.",
                         byline="By Seo Ji-eun")}


def quote_rows(*rows):
    frame = pd.DataFrame(rows, columns=["article_id", "paragraph", "quote"])
    frame["paragraph"] = frame["paragraph"].astype("Int64")
    return frame


def test_every_quote_problem_is_named_with_its_line():
    claims = quote_rows(
        ("a1", 1, "met Wang Yi"),                 # 2: fine
        ("a1", 1, "ties should grow"),            # 3: in paragraph 2
        ("a1", 2, "ties should shrink"),          # 4: nowhere
        ("a1", 3, "met Wang Yi"),                 # 5: no paragraph 3
        ("a1", None, "Seo Ji-eun"),               # 6: in the byline: fine
        ("a1", None, "Park Jin"),                 # 7: not in the metadata
        (None, 1, "met Wang Yi"),                 # 8: no article
        ("a1", 1, None),                          # 9: no quote
        ("zz", 1, "anything"),                    # 10: unknown article: a foreign-key problem only
    )
    assert rules.quotes_verbatim({"claims": claims}, CLEANED) == [
        Problem("claims.csv", 3, "quote not found in a1 paragraph 1: 'ties should grow' (it is in paragraph 2)"),
        Problem("claims.csv", 4, "quote not found in a1 paragraph 2: 'ties should shrink' "
                                 "(nor anywhere else in the article)"),
        Problem("claims.csv", 5, "paragraph 3 does not exist in a1 (it has 2)"),
        Problem("claims.csv", 7, "quote has no paragraph and is not in a1's title, byline, standfirst or credits: "
                                 "'Park Jin'"),
        Problem("claims.csv", 8, "a quote needs the article_id it comes from"),
        Problem("claims.csv", 9, "no quote: every coded fact cites a verbatim quote"),
    ]
    assert validation.count_quotes({"claims": claims}, CLEANED) == 2


def test_the_hint_names_the_first_paragraph_that_holds_the_quote():
    cleaned = {"a1": article("Wang arrived.", "Wang spoke.", "Cho listened.")}
    assert rules.quotes_verbatim({"claims": quote_rows(("a1", 3, "Wang"))}, cleaned) == [
        Problem("claims.csv", 2, "quote not found in a1 paragraph 3: 'Wang' (it is in paragraph 1)")]


def test_a_term_of_office_may_rest_on_the_public_record_without_a_quote():
    administrations = quote_rows(("a1", None, None))
    assert rules.quotes_verbatim({"administrations": administrations, "roles": administrations}, CLEANED) == [
        Problem("roles.csv", 2, "no quote: every coded fact cites a verbatim quote")]


def test_a_long_quote_is_shortened_to_70_characters_in_the_message():
    quote = "Wang said " + "x" * 80
    [problem] = rules.quotes_verbatim({"claims": quote_rows(("a1", 2, quote))}, CLEANED)
    assert problem.message == f"quote not found in a1 paragraph 2: '{quote[:69]}…' (nor anywhere else in the article)"


def test_a_quote_of_exactly_70_characters_is_shown_whole():
    quote = "Wang said " + "x" * 60
    [problem] = rules.quotes_verbatim({"claims": quote_rows(("a1", 2, quote))}, CLEANED)
    assert problem.message == f"quote not found in a1 paragraph 2: '{quote}' (nor anywhere else in the article)"


# --- events and dates -----------------------------------------------------------------

def test_an_event_without_a_source_is_named():
    events = pd.DataFrame({"event_id": ["mtg_a", "mtg_b", NA]}, dtype="string")
    sources = pd.DataFrame({"event_id": ["mtg_a", NA]}, dtype="string")
    assert rules.events_reported(events, sources) == [Problem(
        "events.csv", 3, "mtg_b has no row in event_sources.csv: every event needs a quote from an article")]


def test_dates_out_of_order_are_caught_in_all_three_tables_and_equal_dates_pass():
    tables = {
        "roles": pd.DataFrame({"start": dates("2024-05-01", "2024-05-01", ""), "end": dates("2024-01-31", "2024-05-01", "2024-01-01")}),
        "events": pd.DataFrame({"date": dates("2024-05-13"), "date_end": dates("2024-05-12")}),
        "administrations": pd.DataFrame({"start": dates("2025-06-04", "2022-05-10"), "end": dates("", "2022-05-09")}),
    }
    assert rules.dates_in_order(tables) == [
        Problem("roles.csv", 2, "start 2024-05-01 is after end 2024-01-31"),
        Problem("events.csv", 2, "date 2024-05-13 is after date_end 2024-05-12"),
        Problem("administrations.csv", 3, "start 2022-05-10 is after end 2022-05-09"),
    ]


def test_an_event_without_a_date_is_named():
    events = pd.DataFrame({"date": dates("2024-05-13", "")})
    assert rules.events_dated(events) == [
        Problem("events.csv", 3, "every event needs a date (use date_precision month or year if vague)")]


TERMS = pd.DataFrame({"country": ["KOR", "KOR", "USA"], "leader": ["Yoon Suk Yeol", "Lee Jae Myung", "Obama"],
                      "start": dates("2022-05-10", "2025-06-04", "2010-01-01"),
                      "end": dates("2024-12-14", "", "")})


def events_on(*rows):
    return pd.DataFrame([(f"e{i}", day(d), p, day(e)) for i, (d, p, e) in enumerate(rows, start=1)],
                        columns=["event_id", "date", "date_precision", "date_end"])


def test_an_event_outside_every_south_korean_term_is_caught():
    events = events_on(
        ("2024-05-13", "day", ""),        # e1: Yoon
        ("2024-12-14", "day", ""),        # e2: the day Yoon's term ended (exclusive), before Lee: none
        ("2025-01-01", "year", ""),       # e3: a year that reaches Lee's term: fine
        ("2025-05-01", "day", "2025-06-04"),  # e4: ends on Lee's first day: fine
        ("2015-01-01", "day", ""),        # e5: only a US term: none
        ("", "day", ""),                  # e6: no date: events_dated reports it
    )
    assert rules.events_in_administrations(events, TERMS) == [
        Problem("events.csv", 3, "e2 (2024-12-14) falls inside no South Korean administration"),
        Problem("events.csv", 6, "e5 (2015-01-01) falls inside no South Korean administration"),
    ]


def participation(role_start, role_end, date="2024-05-13", precision="day", kind="person", title="Foreign Minister"):
    return dict(
        participants=pd.DataFrame({"event_id": ["mtg"], "actor_id": ["cho"], "role_at_event": ["Foreign Minister"]}),
        roles=pd.DataFrame({"actor_id": ["cho"], "title": [title], "start": dates(role_start), "end": dates(role_end)}),
        events=pd.DataFrame({"event_id": ["mtg"], "date": dates(date), "date_precision": [precision],
                             "date_end": dates("")}),
        actors=pd.DataFrame({"actor_id": ["cho"], "kind": [kind]}),
    )


def test_a_participant_outside_the_role_on_the_event_date_is_caught():
    assert rules.roles_on_event_dates(**participation("2024-01-12", "2024-05-12")) == [Problem(
        "participants.csv", 2, "mtg on 2024-05-13 is outside cho's role 'Foreign Minister' (2024-01-12 to 2024-05-12)")]
    assert rules.roles_on_event_dates(**participation("2024-05-14", "")) == [Problem(
        "participants.csv", 2, "mtg on 2024-05-13 is outside cho's role 'Foreign Minister' (2024-05-14 to open)")]


def test_a_role_must_cover_every_day_a_vague_event_may_fall_on():
    assert rules.roles_on_event_dates(**participation("", "2024-05-13")) == []
    assert rules.roles_on_event_dates(**participation("", "2024-05-30", "2024-05-01", "month")) == [Problem(
        "participants.csv", 2, "mtg on 2024-05-01 is outside cho's role 'Foreign Minister' (? to 2024-05-30)")]
    assert rules.roles_on_event_dates(**participation("2024-05-10", "", "2024-05-01", "month")) == [Problem(
        "participants.csv", 2, "mtg on 2024-05-01 is outside cho's role 'Foreign Minister' (2024-05-10 to open)")]


def test_a_participant_needs_a_role_with_that_title_and_only_people_are_checked():
    assert rules.roles_on_event_dates(**participation("", "", title="Vice Minister")) == [Problem(
        "participants.csv", 2, "cho has no role titled 'Foreign Minister' in roles.csv")]
    assert rules.roles_on_event_dates(**participation("", "", title="Vice Minister", kind="state")) == []
    assert rules.roles_on_event_dates(**participation("", "", title="Vice Minister", kind="institution")) == []


def reporting(event_date, status="occurred", coded="2024-05-01", precision="day", page=None):
    return dict(
        event_sources=pd.DataFrame({"event_id": ["mtg"], "article_id": ["a1"]}),
        events=pd.DataFrame({"event_id": ["mtg"], "date": dates(event_date),
                             "status": pd.Categorical([status], categories=["occurred", "planned"])}),
        articles=pd.DataFrame({"article_id": ["a1"], "published": dates(coded), "published_precision": [precision]}),
        cleaned={"a1": article("text", published=page)},
    )


def test_an_article_cannot_report_as_past_an_event_after_it_was_published():
    assert rules.reports_after_events(**reporting("2024-05-13")) == [Problem(
        "event_sources.csv", 2, "a1 (published 2024-05-01) reports mtg as past, but the event is dated 2024-05-13")]
    assert rules.reports_after_events(**reporting("2024-05-01")) == []
    assert rules.reports_after_events(**reporting("2024-05-13", status="planned")) == []
    assert rules.reports_after_events(**reporting("2024-05-13", status=NA)) == []  # only events that occurred
    assert rules.reports_after_events(**reporting("2024-05-13", coded="")) == []
    unknown = {**reporting("2024-05-13"), "event_sources": pd.DataFrame({"event_id": ["zz", "mtg"],
                                                                         "article_id": ["a1", "zz"]})}
    assert rules.reports_after_events(**unknown) == []  # unknown ids are foreign-key problems


def test_publication_known_to_the_month_covers_the_whole_month_and_the_page_date_wins():
    assert rules.reports_after_events(**reporting("2024-05-31", precision="month")) == []
    page = pd.Timestamp("2024-04-30").date()
    assert rules.reports_after_events(**reporting("2024-05-13", precision="month", page=page)) == [Problem(
        "event_sources.csv", 2, "a1 (published 2024-04-30) reports mtg as past, but the event is dated 2024-05-13")]


def test_a_coded_article_date_must_match_the_page_or_be_coded_when_the_page_has_none():
    articles = pd.DataFrame({"article_id": ["a1", "a2", "a3", "a4", "a5"],
                             "published": dates("", "2024-05-15", "2024-05-16", "", "2024-05-01")})
    stated = pd.Timestamp("2024-05-16").date()
    cleaned = {"a1": article("x"), "a2": article("x", published=stated), "a3": article("x", published=stated),
               "a5": article("x")}  # a4: not cleaned (a missing seed is reported elsewhere); a5: coded, inferred
    assert rules.article_dates(articles, cleaned) == [
        Problem("articles.csv", 2, "a1: the page states no date, so 'published' must be coded with its basis"),
        Problem("articles.csv", 3, "a2: coded date 2024-05-15 contradicts the page's 2024-05-16"),
    ]


def test_a_name_or_alias_shared_by_two_actors_is_caught():
    actors = pd.DataFrame({"actor_id": ["lee", "lee_jm", "kor"],
                           "name": ["Lee Jae Myung", "President Lee", "South Korea"],
                           "aliases": [("President Lee", "Lee Jae Myung"), (), ("Korea", "Korea")]})
    assert rules.aliases_unique(actors) == [
        Problem("actors.csv", 3, "name or alias 'President Lee' of lee_jm also names lee")]
