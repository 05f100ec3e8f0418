"""The rules of krcn_lab.periods, one test per rule, on a hand-made administrations table
(so that each test fails when its rule is removed, whatever the shipped data say)."""

from __future__ import annotations

import pandas as pd
import pytest

import krcn_lab
from krcn_lab.periods import (
    Selection,
    administration_choices,
    administration_period,
    administrations_on,
    administrations_over,
    as_timestamp,
    date_text,
    period_end,
    resolve_leaders,
    select_period,
)

ROWS = [  # deliberately not in date order
    ("KOR", "Lee Jae Myung", "2025-06-04", None, "elected"),
    ("KOR", "Park Geun-hye", "2013-02-25", "2016-12-09", "elected"),
    ("KOR", "Acting president (Hwang Kyo-ahn)", "2016-12-09", "2017-05-10", "acting"),
    ("KOR", "Yoon Suk Yeol", "2022-05-10", "2024-12-14", "elected"),
    ("KOR", "Acting president (Han Duck-soo, Lee Ju-ho)", "2024-12-14", "2025-06-04", "acting"),
    ("CHN", "Xi Jinping", "2013-03-14", None, "elected"),
]
ACTING = ("Acting president (Hwang Kyo-ahn)", "Acting president (Han Duck-soo, Lee Ju-ho)")


def terms(*extra):
    frame = pd.DataFrame(ROWS + list(extra), columns=["country", "leader", "start", "end", "kind"])
    return frame.assign(start=pd.to_datetime(frame["start"]), end=pd.to_datetime(frame["end"]))


def day(text):
    return pd.Timestamp(text)


# ----------------------------------------------------------------------------- resolving a name


@pytest.mark.parametrize("name", ["Yoon Suk Yeol", "  yoon   SUK yeol ", "YOON", "yoon", "suk yeol"])
def test_a_name_or_some_of_its_words_in_any_case_and_spacing_resolves(name):
    assert resolve_leaders(terms(), name) == ("Yoon Suk Yeol",)


def test_words_inside_parentheses_do_not_count_so_lee_is_never_lee_ju_ho():
    assert resolve_leaders(terms(), "Lee") == ("Lee Jae Myung",)
    with pytest.raises(ValueError, match="unknown administration 'Ju-ho'"):
        resolve_leaders(terms(), "Ju-ho")


def test_acting_stands_for_every_acting_period_in_date_order():
    assert resolve_leaders(terms(), "acting") == ACTING


def test_a_full_leader_label_resolves_exactly_even_with_words_in_parentheses():
    assert resolve_leaders(terms(), "acting president (hwang kyo-ahn)") == (ACTING[0],)


def test_two_elected_leaders_matching_one_name_are_ambiguous():
    two_parks = terms(("KOR", "Park Chung-hee", "1963-12-17", "1979-10-26", "elected"))
    with pytest.raises(ValueError, match="ambiguous: it matches Park Chung-hee and Park Geun-hye"):
        resolve_leaders(two_parks, "Park")
    assert resolve_leaders(two_parks, "park geun-hye") == ("Park Geun-hye",)


def test_an_unknown_name_is_refused_with_the_south_korean_choices():
    with pytest.raises(ValueError) as error:
        resolve_leaders(terms(), "Trump")
    message = str(error.value)
    assert message.startswith("unknown administration 'Trump'; choose one of: Park Geun-hye; ")
    assert "Lee Jae Myung" in message and "Xi Jinping" not in message


@pytest.mark.parametrize("name", ["Xi", "Xi Jinping"])
def test_only_south_korean_leaders_can_be_chosen(name):
    with pytest.raises(ValueError, match="unknown administration"):
        resolve_leaders(terms(), name)


@pytest.mark.parametrize("name", ["", "   "])
def test_an_empty_name_matches_nobody(name):
    with pytest.raises(ValueError, match="unknown administration"):
        resolve_leaders(terms(), name)


# ----------------------------------------------------------------------------- the choices for a picker


def test_administration_choices_lists_the_south_korean_terms_in_date_order():
    choices = administration_choices(terms())
    assert list(choices.columns) == ["label", "leader", "start", "end", "kind"]
    assert choices["leader"].tolist() == ["Park Geun-hye", ACTING[0], "Yoon Suk Yeol", ACTING[1], "Lee Jae Myung"]
    assert choices["kind"].tolist() == ["elected", "acting", "elected", "acting", "elected"]
    assert choices["label"].iloc[2] == "Yoon Suk Yeol (2022-05-10 to 2024-12-14)"
    assert choices["label"].iloc[-1] == "Lee Jae Myung (from 2025-06-04)"
    assert pd.isna(choices["end"].iloc[-1]) and choices["start"].iloc[0] == day("2013-02-25")


def test_every_choice_resolves_to_itself():
    shipped = krcn_lab.load_administrations()
    for leader in administration_choices(shipped)["leader"]:
        assert resolve_leaders(shipped, leader) == (leader,)


def test_the_shipped_choices_end_with_yoon_the_acting_period_and_lee():
    leaders = administration_choices(krcn_lab.load_administrations())["leader"].tolist()
    assert leaders[-3:] == ["Yoon Suk Yeol", "Acting president (Han Duck-soo, Choi Sang-mok, Lee Ju-ho)",
                            "Lee Jae Myung"]


# ----------------------------------------------------------------------------- who was in office


def test_a_term_includes_its_start_day_and_excludes_its_end_day():
    dates = [day("2022-05-10"), day("2024-12-13"), day("2024-12-14"), day("2025-06-03"), day("2025-06-04")]
    assert administrations_on(dates, terms()) == [
        "Yoon Suk Yeol", "Yoon Suk Yeol", ACTING[1], ACTING[1], "Lee Jae Myung"]


def test_an_open_term_runs_on_and_a_missing_or_uncovered_date_has_no_leader():
    assert administrations_on([day("2099-01-01"), pd.NaT, day("2000-01-01")], terms()) == [
        "Lee Jae Myung", None, None]
    assert administrations_on([day("2020-01-01")], terms(), country="CHN") == ["Xi Jinping"]


def test_a_span_across_a_change_of_government_names_both_leaders():
    assert administration_period(day("2024-12-01"), day("2024-12-31"), terms()) == f"Yoon Suk Yeol / {ACTING[1]}"
    assert administration_period(day("2024-12-01"), day("2024-12-13"), terms()) == "Yoon Suk Yeol"
    assert administration_period(day("1990-01-01"), day("1990-12-31"), terms()) is None


def test_a_span_without_a_start_day_is_in_no_administration():
    starts = [day("2024-12-01"), pd.NaT, None]
    ends = [day("2024-12-31"), day("2024-12-31"), day("2024-12-31")]
    assert administrations_over(starts, ends, terms()) == [f"Yoon Suk Yeol / {ACTING[1]}", None, None]


def test_the_terms_in_the_examples_agree_with_the_shipped_administrations_table():
    """The docstring examples use a short table: its rows must be the coded ones (only the
    acting president's label is shortened)."""
    from krcn_lab.periods import _example_terms

    shipped = krcn_lab.load_administrations().set_index(["country", "start"])
    examples = _example_terms().assign(start=lambda t: pd.to_datetime(t["start"]),
                                       end=lambda t: pd.to_datetime(t["end"]))
    assert examples["country"].tolist() == ["KOR", "KOR", "KOR", "CHN"]
    for row in examples.itertuples(index=False):
        coded = shipped.loc[(row.country, row.start)]
        assert (row.kind, str(row.end)) == (coded["kind"], str(coded["end"]))
        if row.kind != "acting":
            assert row.leader == coded["leader"]
    assert examples["leader"].iloc[1] == "Acting president (Han Duck-soo, Lee Ju-ho)"


def test_period_end_is_the_last_possible_day():
    first = day("2024-02-01")
    assert period_end(first, "day") == first
    assert period_end(first, "month") == day("2024-02-29")
    assert period_end(first, "year") == day("2024-12-31")
    assert period_end(first, "year", day("2024-03-05")) == day("2024-03-05")


def test_a_date_is_written_as_precisely_as_it_is_known_and_to_the_day_by_default():
    assert date_text(day("2024-07-04")) == "4 July 2024"
    assert [date_text(day("2024-07-04"), p) for p in ("month", "year")] == ["July 2024", "2024"]


# ----------------------------------------------------------------------------- dates given as arguments


def test_as_timestamp_reads_days_and_gives_none_for_nothing():
    assert as_timestamp(None) is None and as_timestamp(pd.NaT, "end") is None
    assert as_timestamp("2024-07-15", "end") == day("2024-07-15")
    assert as_timestamp(day("2024-07-15"), "start") == day("2024-07-15")


def test_an_end_given_as_a_bare_year_or_month_means_its_last_day_but_a_start_its_first():
    assert as_timestamp(" 2024 ", "end") == day("2024-12-31")
    assert as_timestamp("2024-7", "end") == day("2024-07-31")
    assert as_timestamp("2024", "start") == day("2024-01-01")
    assert as_timestamp("2024-07", "start") == day("2024-07-01")


def test_a_time_zone_is_dropped_keeping_the_wall_clock_day():
    stamp = as_timestamp(pd.Timestamp("2024-05-13 09:00", tz="Asia/Seoul"))
    assert stamp == pd.Timestamp("2024-05-13 09:00") and stamp.tzinfo is None


def test_a_value_that_is_not_a_date_is_refused_naming_the_argument():
    with pytest.raises(ValueError, match=r"^end='next week' is not a date"):
        as_timestamp("next week", "end")


# ----------------------------------------------------------------------------- selecting rows


DATES = pd.Series(pd.to_datetime(["2024-05-12", "2024-05-13", "2024-05-14", None]))
LEADERS = pd.Series(["Yoon Suk Yeol", f"Yoon Suk Yeol / {ACTING[1]}", pd.NA, "Yoon Suk Yeol"], dtype="string")


def test_no_filter_keeps_every_row_even_undated_ones():
    assert Selection(None, None, None).keep(DATES, LEADERS).tolist() == [True, True, True, True]


def test_a_leader_filter_keeps_only_rows_of_exactly_that_administration():
    assert Selection(("Yoon Suk Yeol",), None, None).keep(DATES, LEADERS).tolist() == [True, False, False, True]


def test_start_and_end_are_inclusive_and_drop_undated_rows():
    assert Selection(None, day("2024-05-13"), None).keep(DATES, LEADERS).tolist() == [False, True, True, False]
    assert Selection(None, None, day("2024-05-13")).keep(DATES, LEADERS).tolist() == [True, True, False, False]
    both = Selection(None, day("2024-05-13"), day("2024-05-13"))
    assert both.keep(DATES, LEADERS).tolist() == [False, True, False, False]


def test_a_selection_says_in_words_what_it_kept_and_why_it_is_empty():
    yoon = Selection(("Yoon Suk Yeol",), None, None)
    assert yoon.describe("meetings") == "meetings in the Yoon Suk Yeol administration"
    assert Selection(ACTING, None, None).filters() == f"in the {ACTING[0]} or {ACTING[1]} administrations"
    assert Selection(None, day("2024-01-01"), day("2024-12-31")).filters() == "between 2024-01-01 and 2024-12-31"
    assert Selection(None, day("2024-01-01"), None).filters() == "from 2024-01-01 on"
    assert Selection(None, None, day("2024-12-31")).reason("meetings") == "no meetings up to 2024-12-31"
    assert Selection(None, None, None).describe("meetings") == "meetings, all dates"
    assert Selection(None, None, None).reason("meetings") == "no meetings in the dataset"


def test_select_period_resolves_the_name_and_reads_the_dates():
    chosen = select_period(terms(), "lee", "2025", "2025")
    assert chosen == Selection(("Lee Jae Myung",), day("2025-01-01"), day("2025-12-31"))
    assert select_period(None, None, None, "2024-07") == Selection(None, None, day("2024-07-31"))
    with pytest.raises(ValueError, match="administration='lee' needs the administrations table"):
        select_period(None, "lee")


def test_a_date_already_on_the_last_day_of_its_year_or_month_stays_there():
    assert period_end(day("2024-12-31"), "year") == day("2024-12-31")
    assert period_end(day("2024-02-29"), "month") == day("2024-02-29")


def test_a_leader_filter_and_a_date_range_both_apply():
    chosen = Selection(("Yoon Suk Yeol",), day("2024-05-13"), None)
    assert chosen.keep(DATES, LEADERS).tolist() == [False, False, False, False]
    assert Selection(("Yoon Suk Yeol",), None, day("2024-05-12")).keep(DATES, LEADERS).tolist() == [True, False,
                                                                                                    False, False]


def test_leaders_given_as_a_list_line_up_with_dates_of_any_index():
    dates = DATES.set_axis([10, 11, 12, 13])
    kept = Selection(("Yoon Suk Yeol",), None, None).keep(dates, list(LEADERS))
    assert kept.tolist() == [True, False, False, True] and kept.index.tolist() == [10, 11, 12, 13]


def test_all_the_words_of_a_name_in_another_order_resolve_to_it():
    assert resolve_leaders(terms(), "yeol yoon suk") == ("Yoon Suk Yeol",)


def test_nothing_inside_parentheses_counts_as_a_word_of_the_name():
    for word in ("han", "xx", "(han"):
        with pytest.raises(ValueError, match="unknown administration"):
            resolve_leaders(terms(), word)
