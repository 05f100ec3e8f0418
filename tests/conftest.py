"""Shared fixtures: a throwaway copy of the coded data for tests that break it on purpose."""

import os
import shutil
import tempfile
from importlib import resources
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")


#: Modules whose results the package caches (tables, cleaned seeds, mentions, derived columns).
CACHED_UPSTREAM = ("cache", "cells", "tables", "dataset", "corpus", "cleaning_rules", "cleaning_steps",
                   "mentions", "periods", "files")


@pytest.fixture(autouse=True, scope="session")
def fresh_caches_under_mutation_testing():
    """mutmut runs each mutant in a process forked from one that already ran the suite, so the
    package's caches would hand every test the unmutated tables. A mutant in a module whose
    results are cached starts with empty caches; one further down the data flow (networks,
    validation, words…) rightly reads the real tables from them."""
    mutant = os.environ.get("MUTANT_UNDER_TEST", "")
    if mutant.startswith("krcn_lab.") and mutant.split(".")[1] in CACHED_UPSTREAM:
        from krcn_lab import cache

        cache.clear_all()

REPO = Path(__file__).resolve().parent.parent

#: No test, doctest or notebook run by the suite may touch the real user store (krcn_lab.store):
#: the whole session points KRCN_LAB_USER_DIR at a throwaway folder (doctests in krcn_lab/ run
#: after this file is imported), and each test below gets a fresh, empty store of its own.
_SESSION_STORE = tempfile.mkdtemp(prefix="krcn_lab_user_store_")
os.environ["KRCN_LAB_USER_DIR"] = _SESSION_STORE


def pytest_unconfigure(config):
    shutil.rmtree(_SESSION_STORE, ignore_errors=True)


@pytest.fixture(autouse=True)
def user_store(tmp_path_factory, monkeypatch):
    """An empty user store for every test (the folder that KRCN_LAB_USER_DIR names; not created yet)."""
    folder = tmp_path_factory.mktemp("user_store") / "store"
    monkeypatch.setenv("KRCN_LAB_USER_DIR", str(folder))
    return folder


@pytest.fixture
def data_copy(tmp_path):
    """A copy of krcn_lab/data/*.csv in a temporary folder, to edit without touching the real one."""
    target = tmp_path / "data"
    target.mkdir()
    for item in resources.files("krcn_lab.data").iterdir():
        if item.name.endswith(".csv"):
            (target / item.name).write_bytes(item.read_bytes())
    return target


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    """Edit a data file in place, failing loudly if *old* is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
