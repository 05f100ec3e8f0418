"""Distinctive words (weighted log-odds with an informative Dirichlet prior) and the era of each statement.

The small corpus below is worked out by hand, so a learner can check every figure:

    group a: "peace and trade", "peace talks"   -> peace 2, trade 1, talks 1    (n_a = 4; "and" is a stop word)
    group b: "trade war", "trade talks"         -> trade 2, war 1, talks 1      (n_b = 4)
    pooled (the default prior, alpha_w):           peace 2, trade 3, talks 2, war 1   (alpha_0 = 8)

    delta = log((y_a + alpha_w) / (n_a + alpha_0 - y_a - alpha_w)) - log((y_b + alpha_w) / (n_b + alpha_0 - y_b - alpha_w))
    variance = 1 / (y_a + alpha_w) + 1 / (y_b + alpha_w);   z = delta / sqrt(variance)

    peace: log((2+2)/(4+8-2-2)) - log((0+2)/(4+8-0-2)) = log(4/8) - log(2/10) = log(2.5)
           variance = 1/4 + 1/2 = 0.75;   z = log(2.5) / sqrt(0.75) =  1.0580...
    trade: log((1+3)/(4+8-1-3)) - log((2+3)/(4+8-2-3)) = log(4/8) - log(5/7)  = log(0.7)
           variance = 1/4 + 1/5 = 0.45;   z = log(0.7) / sqrt(0.45) = -0.5317...
    talks: log((1+2)/(4+8-1-2)) - log((1+2)/(4+8-1-2)) = 0;  variance = 1/3 + 1/3;  z = 0
    war:   log((0+1)/(4+8-0-1)) - log((1+1)/(4+8-1-1)) = log(1/11) - log(2/10) = log(5/11)
           variance = 1/1 + 1/2 = 1.5;    z = log(5/11) / sqrt(1.5) = -0.6437...

So the order, most a-like first, is peace, talks, trade, war: "war" (once, only in b) is
more b-like than "trade" (2 against 1), because the prior weighs "trade" more heavily.
"""

import math

import pandas as pd
import pytest

import krcn_lab
from krcn_lab.words import (
    STOP_WORDS,
    distinctive_words,
    log_odds_with_prior,
    statement_eras,
    statements_with_word,
    tokenize,
    word_counts,
)

A = ["peace and trade", "peace talks"]
B = ["trade war", "trade talks"]
EXACT = 1e-9


def hand_table():
    return log_odds_with_prior(word_counts(A), word_counts(B)).set_index("word")


# -- tokens ---------------------------------------------------------------------------------------


def test_tokenize_lowercases_normalises_apostrophes_and_drops_possessives_numbers_and_stop_words():
    assert tokenize("South Korea’s top diplomats met in 2025") == ["south", "korea", "top", "diplomats", "met"]
    assert tokenize("China's ‘high-level’ exchanges") == ["china", "high-level", "exchanges"]


def test_tokenize_keeps_negations_and_reporting_verbs():
    assert tokenize("Cho said it is not a zero-sum game") == ["cho", "said", "not", "zero-sum", "game"]
    assert {"not", "no", "said"}.isdisjoint(STOP_WORDS)


def test_tokenize_of_a_missing_text_is_empty():
    assert tokenize(None) == [] and tokenize(pd.NA) == [] and tokenize("") == []


def test_tokenize_reads_a_value_that_is_not_text_as_its_printed_form():
    assert tokenize(True) == ["true"]
    assert tokenize(float("nan")) == [] and tokenize(pd.NA) == []


def test_word_counts_adds_up_over_texts():
    assert word_counts(A) == {"peace": 2, "trade": 1, "talks": 1}
    assert word_counts(B) == {"trade": 2, "war": 1, "talks": 1}


# -- the log-odds, checked against the hand computation ---------------------------------------------


def test_log_odds_orders_words_from_most_a_like_to_most_b_like():
    assert log_odds_with_prior(word_counts(A), word_counts(B))["word"].tolist() == ["peace", "talks", "trade", "war"]


def test_log_odds_of_peace_matches_the_hand_computation():
    peace = hand_table().loc["peace"]
    assert (peace.count_a, peace.count_b) == (2, 0)
    assert peace.delta == pytest.approx(math.log(4 / 8) - math.log(2 / 10), abs=EXACT)
    assert peace.delta == pytest.approx(math.log(2.5), abs=EXACT)
    assert peace.variance == pytest.approx(0.75, abs=EXACT)
    assert peace.z == pytest.approx(math.log(2.5) / math.sqrt(0.75), abs=EXACT)
    assert peace.z == pytest.approx(1.0580414014, abs=1e-9)


def test_log_odds_of_trade_war_and_talks_match_the_hand_computation():
    table = hand_table()
    assert table.loc["trade", "delta"] == pytest.approx(math.log(0.7), abs=EXACT)
    assert table.loc["trade", "variance"] == pytest.approx(0.45, abs=EXACT)
    assert table.loc["trade", "z"] == pytest.approx(math.log(0.7) / math.sqrt(0.45), abs=EXACT)
    assert table.loc["war", "delta"] == pytest.approx(math.log(5 / 11), abs=EXACT)
    assert table.loc["war", "variance"] == pytest.approx(1.5, abs=EXACT)
    assert table.loc["war", "z"] == pytest.approx(math.log(5 / 11) / math.sqrt(1.5), abs=EXACT)
    assert table.loc["talks", "z"] == pytest.approx(0.0, abs=EXACT)
    assert table.loc["talks", "variance"] == pytest.approx(2 / 3, abs=EXACT)


def test_the_default_prior_is_the_pooled_counts():
    table = log_odds_with_prior(word_counts(A), word_counts(B))
    assert table.attrs == {"n_a": 4, "n_b": 4, "alpha_0": 8.0}


def test_prior_scale_sets_the_prior_weight_alpha_0():
    # alpha_0 = 4, so alpha_w = 4 * pooled / 8: peace 1.
    # peace: log((2+1)/(4+4-2-1)) - log((0+1)/(4+4-0-1)) = log(3/5) - log(1/7) = log(4.2); variance 1/3 + 1/1.
    peace = log_odds_with_prior(word_counts(A), word_counts(B), prior_scale=4).set_index("word").loc["peace"]
    assert peace.delta == pytest.approx(math.log(4.2), abs=EXACT)
    assert peace.z == pytest.approx(math.log(4.2) / math.sqrt(4 / 3), abs=EXACT)


def test_a_background_prior_must_cover_every_word():
    with pytest.raises(ValueError, match="no positive count to war"):
        log_odds_with_prior(word_counts(A), word_counts(B), prior={"peace": 5, "trade": 5, "talks": 5})


def test_a_background_prior_other_than_the_groups_changes_the_result():
    # A uniform prior, alpha_w = 1 for the four words (alpha_0 = 4):
    # peace: log((2+1)/(4+4-2-1)) - log((0+1)/(4+4-0-1)) = log(3/5) - log(1/7) = log(4.2).
    uniform = {"peace": 1, "trade": 1, "talks": 1, "war": 1}
    peace = log_odds_with_prior(word_counts(A), word_counts(B), prior=uniform).set_index("word").loc["peace"]
    assert peace.delta == pytest.approx(math.log(4.2), abs=EXACT)


def test_a_prior_missing_many_words_names_the_first_five_and_counts_the_rest():
    counts = {word: 1 for word in ["ally", "border", "cargo", "dialogue", "envoy", "ferry", "grain"]}
    for n, more in ((5, ""), (6, " and 1 more"), (7, " and 2 more")):
        first = dict(list(counts.items())[:n])
        with pytest.raises(ValueError) as caught:
            log_odds_with_prior(first, {"peace": 1}, prior={"peace": 1})
        assert str(caught.value) == ("log_odds_with_prior: the prior gives no positive count to "
                                     "ally, border, cargo, dialogue, envoy" + more)


def test_prior_scale_must_be_positive_but_may_be_below_one():
    with pytest.raises(ValueError) as caught:
        log_odds_with_prior(word_counts(A), word_counts(B), prior_scale=0)
    assert str(caught.value) == "log_odds_with_prior: prior_scale must be positive, got 0"
    assert log_odds_with_prior(word_counts(A), word_counts(B), prior_scale=0.5).attrs["alpha_0"] == 0.5


def test_log_odds_ties_are_ordered_by_word_and_rows_are_numbered_from_zero():
    table = log_odds_with_prior({"war": 1}, {"trade": 1, "peace": 1})
    assert table["word"].tolist() == ["war", "peace", "trade"]
    assert table.index.tolist() == [0, 1, 2]


# -- distinctive words, with the quotes behind them -----------------------------------------------


def small_statements():
    return pd.DataFrame({
        "statement_id": ["s1", "s2", "s3", "s4", "s5"],
        "era": ["A", "A", "B", "B", "A"],
        "quote": A + B + ["peace talks"],  # s5 repeats s2's text: counted once, both ids listed
    })


def test_distinctive_words_lists_each_side_with_the_statements_behind_each_word():
    table = distinctive_words(small_statements(), "era", "A", "B", top=3)
    rows = table[["side", "rank", "word", "count_first", "count_second", "statement_ids"]].values.tolist()
    assert rows == [
        ["A", 1, "peace", 2, 0, ("s1", "s2", "s5")],
        ["B", 1, "war", 0, 1, ("s3",)],
        ["B", 2, "trade", 1, 2, ("s3", "s4")],
    ]
    assert table.loc[0, "quotes"] == ("peace and trade", "peace talks")
    assert table.loc[0, "z"] == pytest.approx(math.log(2.5) / math.sqrt(0.75), abs=EXACT)


def test_distinctive_words_takes_several_values_for_a_side():
    statements = small_statements().assign(era=["A", "A2", "B", "B", "A"])
    table = distinctive_words(statements, "era", ["A", "A2"], "B", top=1)
    assert table["word"].tolist() == ["peace", "war"]


def test_distinctive_words_explains_an_empty_side():
    table = distinctive_words(small_statements(), "era", "A", "C")
    assert table.empty and table.attrs["reason"] == "no statement has era = 'C'"


def test_distinctive_words_names_a_missing_column():
    with pytest.raises(ValueError, match="no column 'administration'"):
        distinctive_words(small_statements(), "administration", "A", "B")


def test_distinctive_words_names_the_columns_it_has_and_reads_the_text_column_given():
    with pytest.raises(ValueError) as caught:
        distinctive_words(small_statements(), "administration", "A", "B")
    assert str(caught.value) == ("distinctive_words: the statements table has no column 'administration'; "
                                 "it has statement_id, era, quote")
    texts = small_statements().rename(columns={"quote": "text"})
    table = distinctive_words(texts, "era", "A", "B", text_column="text", top=1)
    assert table[["word", "statement_ids", "quotes"]].values.tolist() == [
        ["peace", ("s1", "s2", "s5"), ("peace and trade", "peace talks")], ["war", ("s3",), ("trade war",)]]


def test_statements_without_ids_are_named_by_their_row_label():
    statements = small_statements().drop(columns="statement_id").set_axis([10, 20, 30, 40, 50])
    table = distinctive_words(statements, "era", "A", "B", top=1)
    assert table["statement_ids"].tolist() == [("10", "20", "50"), ("30",)]


def test_distinctive_words_lists_ten_words_per_side_by_default():
    statements = pd.DataFrame({"statement_id": ["a", "b"], "era": ["A", "B"],
                               "quote": [" ".join(f"alpha{c}" for c in "abcdefghijkl"),
                                         " ".join(f"beta{c}" for c in "abcdefghijkl")]})
    table = distinctive_words(statements, "era", "A", "B")
    assert table.side.tolist() == ["A"] * 10 + ["B"] * 10
    assert table["rank"].tolist() == list(range(1, 11)) * 2
    assert table.word.tolist()[:3] == ["alphaa", "alphab", "alphac"]


def test_statements_with_word_matches_whole_tokens_only():
    statements = pd.DataFrame({"statement_id": ["x", "y"], "quote": ["trade talks", "trademark"]})
    assert statements_with_word(statements, "trade")["statement_id"].tolist() == ["x"]


# -- eras ------------------------------------------------------------------------------------------


def small_tables():
    administrations = pd.DataFrame({
        "country": ["KOR", "KOR", "CHN"], "leader": ["Yoon Suk Yeol", "Lee Jae Myung", "Xi Jinping"],
        "start": pd.to_datetime(["2022-05-10", "2025-06-04", "2013-03-14"]),
        "end": pd.to_datetime(["2025-06-04", None, None]),
    })
    events = pd.DataFrame({"event_id": ["e1", "e2"], "date": pd.to_datetime(["2024-05-13", None]),
                           "rok_administration": ["Yoon Suk Yeol", None]})
    articles = pd.DataFrame({"article_id": ["a2024", "a2025"], "published": pd.to_datetime(["2024-05-16", "2025-06-04"])})
    statements = pd.DataFrame({"statement_id": ["s1", "s2", "s3"], "event_id": ["e1", None, "e2"],
                               "article_id": ["a2025", "a2024", "a2025"]})
    return statements, events, articles, administrations


def test_statement_eras_uses_the_event_else_the_articles_publication_date():
    eras = statement_eras(*small_tables()).set_index("statement_id")
    assert eras["administration"].tolist() == ["Yoon Suk Yeol", "Yoon Suk Yeol", "Lee Jae Myung"]
    assert eras["date"].tolist() == [pd.Timestamp("2024-05-13"), pd.Timestamp("2024-05-16"), pd.Timestamp("2025-06-04")]


def test_statement_eras_keeps_the_statements_index_and_dates_undated_ones_in_the_country_given():
    statements, events, articles, administrations = small_tables()
    statements.index = [10, 20, 30]
    eras = statement_eras(statements, events, articles, administrations)
    assert eras.index.tolist() == [10, 20, 30]
    assert eras["administration"].tolist() == ["Yoon Suk Yeol", "Yoon Suk Yeol", "Lee Jae Myung"]
    chinese = statement_eras(statements, events, articles, administrations, country="CHN")
    assert chinese["administration"].tolist() == ["Yoon Suk Yeol", "Xi Jinping", "Xi Jinping"]
    assert str(chinese["administration"].dtype) == "string"


def test_statement_eras_reads_the_first_row_of_a_repeated_event_or_article():
    statements, events, articles, administrations = small_tables()
    events = pd.concat([events, events.assign(date=pd.Timestamp("2025-09-17"), rok_administration="Lee Jae Myung")])
    articles = pd.concat([articles, articles.assign(published=pd.Timestamp("2013-01-01"))])
    eras = statement_eras(statements, events, articles, administrations)
    assert eras["administration"].tolist() == ["Yoon Suk Yeol", "Yoon Suk Yeol", "Lee Jae Myung"]


@pytest.mark.parametrize("table,column", [(0, "event_id"), (0, "article_id"), (1, "rok_administration"),
                                          (2, "published")])
def test_statement_eras_names_the_table_and_the_missing_column(table, column):
    tables = list(small_tables())
    tables[table] = tables[table].drop(columns=column)
    name = ["statements", "events", "articles"][table]
    with pytest.raises(ValueError) as caught:
        statement_eras(*tables)
    assert str(caught.value) == f"statement_eras: the {name} table has no column {column!r}"


def real_eras():
    return statement_eras(krcn_lab.load_statements(), krcn_lab.load_events(), krcn_lab.load_articles(),
                          krcn_lab.load_administrations())


def test_statement_eras_agrees_with_the_network_builders_on_the_real_data():
    from krcn_lab.builders import _dated_statements

    tables = krcn_lab.load_statements(), krcn_lab.load_events(), krcn_lab.load_articles(), krcn_lab.load_administrations()
    eras = statement_eras(*tables).set_index("statement_id")
    expected = _dated_statements(*tables).set_index("statement_id")
    assert eras["administration"].fillna("").to_dict() == expected["administration"].fillna("").to_dict()
    assert eras["date"].to_dict() == expected["date"].to_dict()


def test_statement_eras_puts_every_real_statement_in_an_administration():
    counts = real_eras()["administration"].value_counts(dropna=False).to_dict()
    assert counts == {"Yoon Suk Yeol": 87, "Lee Jae Myung": 41, "Acting president (Hwang Kyo-ahn) / Moon Jae-in": 1}


def test_distinctive_words_on_the_real_eras_lists_only_statements_of_that_side_containing_the_word():
    eras = real_eras()
    table = distinctive_words(eras, "administration", "Yoon Suk Yeol", "Lee Jae Myung", top=5)
    assert table["side"].tolist() == ["Yoon Suk Yeol"] * 5 + ["Lee Jae Myung"] * 5
    assert (table.loc[:4, "z"] > 0).all() and (table.loc[5:, "z"] < 0).all()
    by_id = eras.set_index("statement_id")
    for row in table.itertuples():
        assert row.statement_ids, row.word
        assert set(by_id.loc[list(row.statement_ids), "administration"]) == {row.side}
        assert all(row.word in tokenize(q) for q in by_id.loc[list(row.statement_ids), "quote"])
    yoon_texts = eras.loc[eras["administration"] == "Yoon Suk Yeol", "quote"].drop_duplicates()
    first = table.iloc[0]
    assert first.count_first == word_counts(yoon_texts)[first.word]
