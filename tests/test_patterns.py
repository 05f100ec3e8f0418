"""The trie-factored word patterns find exactly what a plain longest-first alternation finds."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from krcn_lab.patterns import trie_alternation, words_pattern

WORDS = st.lists(st.text(alphabet="abcAB -", min_size=1, max_size=5), min_size=1, max_size=8)
TEXT = st.text(alphabet="abcAB -.", max_size=40)


def _plain(words, flags=0):
    ordered = sorted(set(words), key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(map(re.escape, ordered)) + r")(?!\w)", flags)


@settings(max_examples=300, deadline=None)
@given(WORDS, TEXT)
def test_same_matches_as_a_longest_first_alternation(words, text):
    fast = words_pattern(words, start=r"(?<!\w)", end=r"(?!\w)")
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in _plain(words).finditer(text)]


@settings(max_examples=200, deadline=None)
@given(WORDS, TEXT)
def test_ignoring_case_finds_the_same_spans(words, text):
    fast = words_pattern(words, start=r"(?<!\w)", end=r"(?!\w)", flags=re.IGNORECASE)
    plain = _plain([w.lower() for w in words], re.IGNORECASE)
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_a_longer_name_wins_over_the_name_it_starts_with():
    pattern = words_pattern(["Kim", "Kim Jong Un", "Kim Hong-kyun"], start=r"(?<!\w)", end=r"(?!\w)")
    assert pattern.findall("Kim Jong Un, Kim Hong-kyun and Kim Yo Jong") == ["Kim Jong Un", "Kim Hong-kyun", "Kim"]


def test_a_custom_escape_lets_a_hyphen_match_a_space():
    dash = lambda c: "[- ]" if c in "- " else re.escape(c)  # noqa: E731
    assert trie_alternation(["a-b"], escape=dash) == "a[- ]b"
    assert words_pattern(["supply chain"], escape=dash).findall("supply-chain, supply chain") == [
        "supply-chain", "supply chain"]


def test_ignoring_case_the_longest_word_wins_whatever_case_the_words_are_given_in():
    pattern = words_pattern(["A", "a-b"], start=r"(?<!\w)", end=r"(?!\w)", flags=re.IGNORECASE)
    assert pattern.findall("a-b, A-B and a") == ["a-b", "A-B", "a"]


def test_a_first_letter_that_escapes_to_a_class_is_matched_without_the_look_ahead():
    dash = lambda c: "[- ]" if c in "- " else re.escape(c)  # noqa: E731
    pattern = words_pattern(["-x", "y"], escape=dash)
    assert pattern.pattern == "((?:[- ]x|y))"  # no look-ahead: "[- ]" cannot sit inside a character class
    assert pattern.findall("a-x b x y") == ["-x", " x", "y"]
