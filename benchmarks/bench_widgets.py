"""Control-to-output latency of every widget, against a bare ipywidgets baseline in the same run.

For each case a control's value is set programmatically, over and over (N changes, cycling
through its options); the time is from the assignment until the observer has written the
output (ipywidgets observers run synchronously, so that is when the assignment returns; each
change is checked to have altered the output). "warm" is what a learner sees once a state has
been shown (each widget caches the pages and figures it computed); "cold" clears that cache
before every change, so every change recomputes its tables or redraws its figure. The timeline
keeps its drawn axes and bands per date span: a new administration or kind redraws the markers
over them ("cold: markers"); a new year range draws the whole chart ("cold: whole chart").

Part 2 (issue 10): the issue explorer (table and stance chart), the network viewer (a network
redrawn for a new period, kind or measure: its networks and the layout of each kind are built
once per widget, so "cold" is the drawing and the ranking table; the first view of each kind,
which builds them, is timed once per kind) and the administration comparer (summary, tables,
two charts). The network redraw target is p95 <= 150 ms on the full dataset.

Baseline: a bare Dropdown whose observer writes a fixed HTML string into an HTML widget.
Targets (from issue 9): p95 <= 50 ms for tables/text, <= 150 ms for a redrawn figure.

Run: python benchmarks/bench_widgets.py [--changes N]
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import time
from pathlib import Path

import ipywidgets

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # measure this checkout's krcn_lab
from krcn_lab import widgets  # noqa: E402


def _timed(changes: int, step, output, before=None) -> list[float]:
    times = []
    for i in range(changes):
        if before:
            before()
        old = output.value
        start = time.perf_counter()
        step(i)
        times.append(time.perf_counter() - start)
        assert output.value != old, "the output did not change"
    return times


def _cycle_setter(control, values):
    values = list(values)
    return lambda i: setattr(control, "value", values[i % len(values)])


def baseline(changes):
    dd, out = ipywidgets.Dropdown(options=["a", "b"]), ipywidgets.HTML()
    dd.observe(lambda ch: setattr(out, "value", f"<b>fixed</b> {ch['new']}"), names="value")
    return _timed(changes, _cycle_setter(dd, ["b", "a"]), out)


def _options(control):
    return [value for _, value in control._options_full]


def cases(changes):
    """Yield (name, kind, target_seconds, times)."""
    yield "baseline: bare Dropdown -> fixed HTML", "text", None, baseline(changes)
    reader = widgets.article_reader()
    pick = _cycle_setter(reader.controls["article"], _options(reader.controls["article"])[1:]
                         + _options(reader.controls["article"])[:1])
    yield "article_reader: article (warm)", "text", 0.050, _timed(changes, pick, reader.output)
    yield "article_reader: article (cold)", "text", 0.050, _timed(changes, pick, reader.output, reader.clear_cache)
    mode = _cycle_setter(reader.controls["mode"], ["raw", "clean"])
    yield "article_reader: raw/clean (cold)", "text", 0.050, _timed(changes, mode, reader.output, reader.clear_cache)
    actors = widgets.actor_explorer()
    ids = _options(actors.controls["actor"])
    pick = _cycle_setter(actors.controls["actor"], ids[1:] + ids[:1])
    yield "actor_explorer: actor (warm)", "text", 0.050, _timed(changes, pick, actors.output)
    yield "actor_explorer: actor (cold)", "text", 0.050, _timed(changes, pick, actors.output, actors.clear_cache)
    tl = widgets.timeline()
    admins = _options(tl.controls["administration"])
    admin = _cycle_setter(tl.controls["administration"], admins[1:] + admins[:1])
    yield "timeline: administration (warm)", "figure", 0.150, _timed(changes, admin, tl.figure)
    yield "timeline: administration (cold: markers)", "figure", 0.150, _timed(changes, admin, tl.figure, tl.clear_cache)
    years = list(itertools.combinations_with_replacement(_options(tl.controls["years"]), 2))
    span = _cycle_setter(tl.controls["years"], years)
    tl.controls["administration"].value = "all"
    yield "timeline: years (cold: whole chart)", "figure", 0.150, _timed(changes, span, tl.figure, tl.clear_cache)
    tl.controls["years"].index = (0, len(tl.controls["years"].options) - 1)
    events = _options(tl.controls["event"])
    yield "timeline: event details", "text", 0.050, _timed(changes, _cycle_setter(tl.controls["event"], events[1:] + events[:1]), tl.details)
    mc = widgets.multiple_choice("Q?", {"a": "fa", "b": "fb", "c": "fc"}, "a")
    yield "multiple_choice: option", "text", 0.050, _timed(changes, _cycle_setter(mc.controls["options"], "bca"), mc.output)
    sa = widgets.short_answer("Q?", ["4"], correct="yes", wrong="no")
    yield "short_answer: answer", "text", 0.050, _timed(changes, _cycle_setter(sa.controls["answer"], [" 4 ", "3"]), sa.output)
    yield from part_two(changes)


def _first_views():
    """Seconds to first show each network kind in a fresh viewer: every period's network of that
    kind is built and the positions of their union computed (once per kind and widget)."""
    viewer = widgets.network_viewer("meetings")
    times = []
    for kind in _options(viewer.controls["kind"])[1:]:
        start = time.perf_counter()
        viewer.controls["kind"].value = kind
        times.append(time.perf_counter() - start)
    return times


def part_two(changes):
    """The widgets of issue 10: issue explorer, network viewer, administration comparer."""
    issues = widgets.issue_explorer()
    ids = _options(issues.controls["issues"])
    picks = [(i,) for i in ids] + [tuple(ids[i:i + 3]) for i in range(0, len(ids) - 2, 2)]
    pick = _cycle_setter(issues.controls["issues"], picks[1:] + picks[:1])
    yield "issue_explorer: issues (warm)", "text", 0.050, _timed(changes, pick, issues.output)
    yield "issue_explorer: issues (cold: table, HTML chart)", "text", 0.050, _timed(
        changes, pick, issues.output, issues.clear_cache)
    viewer = widgets.network_viewer("meetings")
    kinds, periods, measures = (_options(viewer.controls[name]) for name in ("kind", "period", "measure"))
    yield "network_viewer: first view of a kind (once)", "figure", None, _first_views()
    for kind in kinds:  # build every kind's networks and layout once, as a learner's first views do
        viewer.controls["kind"].value = kind
    viewer.controls["kind"].value = "comention"
    chosen = [p for p in periods if p != "Date range"]
    period = _cycle_setter(viewer.controls["period"], chosen[1:] + chosen[:1])
    yield "network_viewer: period (warm)", "figure", 0.150, _timed(changes, period, viewer.output)
    yield "network_viewer: period (cold: redraw)", "figure", 0.150, _timed(
        changes, period, viewer.output, viewer.clear_cache)
    viewer.controls["period"].value = "All periods"
    kind = _cycle_setter(viewer.controls["kind"], kinds[1:] + kinds[:1])
    yield "network_viewer: kind, full data (cold: redraw)", "figure", 0.150, _timed(
        changes, kind, viewer.output, viewer.clear_cache)
    viewer.controls["kind"].value = "actor_issue"  # the largest drawing
    measure = _cycle_setter(viewer.controls["measure"], measures[1:] + measures[:1])
    yield "network_viewer: measure, actor_issue (cold)", "figure", 0.150, _timed(
        changes, measure, viewer.output, viewer.clear_cache)
    comparer = widgets.administration_comparer()
    eras = _options(comparer.controls["first"])
    first = _cycle_setter(comparer.controls["first"], eras)
    yield "administration_comparer: first (warm)", "figure", 0.150, _timed(changes, first, comparer.output)
    yield "administration_comparer: first (cold)", "figure", 0.150, _timed(
        changes, first, comparer.output, comparer.clear_cache)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=200, help="control changes per case (default 200)")
    args = parser.parse_args(argv)
    rows, base = [], None
    for name, kind, target, times in cases(args.changes):
        ms = sorted(t * 1000 for t in times)
        median, p95 = statistics.median(ms), ms[max(0, round(0.95 * len(ms)) - 1)]
        base = base or median
        verdict = "" if target is None else ("ok" if p95 <= target * 1000 else "OVER")
        rows.append((name, kind, median, p95, median / base, f"{target * 1000:.0f}" if target else "-", verdict))
    print(f"{args.changes} changes per case; times in ms; x = median / baseline median")
    print(f"{'case':42} {'kind':6} {'median':>8} {'p95':>8} {'x base':>8} {'target':>7}")
    for name, kind, median, p95, ratio, target, verdict in rows:
        print(f"{name:42} {kind:6} {median:8.2f} {p95:8.2f} {ratio:8.0f} {target:>7} {verdict}")


if __name__ == "__main__":
    main()
