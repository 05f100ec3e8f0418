"""Caches live in one place and notice edited files: nothing has to clear them behind a notebook's back."""

import krcn_lab
from conftest import replace_in


def test_an_edited_csv_is_read_again_without_clearing_any_cache(data_copy):
    before = krcn_lab.load_issues(data_dir=data_copy)
    assert "Free trade and protectionism" in set(before.label)
    replace_in(data_copy / "issues.csv", "Free trade and protectionism", "Trade policy")
    after = krcn_lab.load_issues(data_dir=data_copy)
    assert "Trade policy" in set(after.label)
    assert "Free trade and protectionism" not in set(after.label)


def test_derived_tables_follow_an_edited_csv(data_copy):
    replace_in(data_copy / "actors.csv", "cho_tae_yul,Cho Tae-yul,", "cho_tae_yul,Cho Taeyul,")
    names = krcn_lab.load_mentions(data_dir=data_copy)
    assert "Cho Taeyul" not in set(names.surface)  # the articles never write it so
    assert "Cho Tae-yul" not in set(names[names.actor_id == "cho_tae_yul"].surface)


def test_changing_a_returned_table_does_not_change_the_next_one():
    events = krcn_lab.load_events()
    events.loc[:, "title"] = "changed"
    assert "changed" not in set(krcn_lab.load_events().title)


def test_validate_leaves_the_caches_alone():
    from krcn_lab import cache

    krcn_lab.load_mentions()
    sizes = [len(store) for store in cache._STORES]
    krcn_lab.validate()
    assert [len(store) for store in cache._STORES] >= sizes and sum(sizes) > 0


def test_a_cached_function_can_be_cleared_on_its_own_and_by_clear_all():
    from krcn_lab import cache

    builds = []

    @cache.cached(key=lambda n: (n,))
    def double(n):
        builds.append(n)
        return [2 * n]

    assert double(2) == double(2) == [4] and builds == [2]
    double.cache_clear()
    assert double(2) == [4] and builds == [2, 2]
    cache.clear_all()
    assert double(2) == [4] and builds == [2, 2, 2]
