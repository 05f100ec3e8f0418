"""How long does loading the whole dataset take, relative to just reading its files?

Speed is reported as ratios against a baseline measured in the same run, so the
numbers mean the same on a laptop, in Binder or in CI:

- baseline: read every coded CSV with the csv module and every raw seed as bytes
  (the unavoidable I/O);
- cold load: every loader once from nothing (parsing, typing, cleaning the five
  seeds, finding mentions, deriving administrations);
- warm load: every loader again, from the in-memory cache (what a notebook
  re-running a cell costs);
- validate: the full check of keys, links, dates and quotes.

Run: python benchmarks/bench_load.py [--repeat N]
"""

from __future__ import annotations

import argparse
import csv
import statistics
import time

import krcn_lab
from krcn_lab import dataset

LOADERS = [
    krcn_lab.load_articles, krcn_lab.load_paragraphs, krcn_lab.load_removed_lines,
    krcn_lab.load_administrations, krcn_lab.load_actors, krcn_lab.load_roles, krcn_lab.load_events,
    krcn_lab.load_event_sources, krcn_lab.load_participants, krcn_lab.load_issues,
    krcn_lab.load_statements, krcn_lab.load_claims, krcn_lab.load_mentions,
]


def baseline() -> None:
    for spec in dataset.TABLES.values():
        with dataset.data_root().joinpath(spec.file).open(encoding="utf-8", newline="") as handle:
            list(csv.reader(handle))
    for item in dataset.seeds_root().iterdir():
        if item.name.endswith(".txt"):
            item.read_bytes()


def load_all() -> None:
    for loader in LOADERS:
        loader()


def cold() -> None:
    dataset.clear_caches()
    load_all()


def check() -> None:
    assert krcn_lab.validate().ok


def timed(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    cold()  # import-time work and first-touch effects out of the way
    base = timed(baseline, args.repeat)
    results = {"cold load (all 13 loaders)": timed(cold, args.repeat)}
    load_all()
    results["warm load (cached)"] = timed(load_all, args.repeat)
    results["validate()"] = timed(check, max(3, args.repeat // 2))
    print(f"baseline: read the raw files        {base * 1000:8.1f} ms  (ratio 1.0)")
    for name, seconds in results.items():
        print(f"{name:<36}{seconds * 1000:8.1f} ms  (ratio {seconds / base:,.1f})")


if __name__ == "__main__":
    main()
