"""How long do the notebooks take to run headless, relative to running trivial notebooks?

Speed is reported as a ratio against a baseline measured in the same run, so the
number means the same on a laptop, in Binder or in CI:

- baseline: as many one-cell notebooks (``1 + 1``) as there are notebooks, each in
  a fresh kernel (what starting a kernel and talking to it costs);
- notebooks: each part of the learning path (00-03, 04-06) run top to bottom with
  nbclient, each notebook in a fresh kernel, with the notebooks/ folder as working
  directory (as the test suite does).

Target: ratio <= 1.5 (the notebooks' own work costs at most half a kernel start
each). Rounds interleave baseline and notebooks, and the median round counts.
A notebook not written yet is skipped, with a message.

Run: python benchmarks/bench_notebooks.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parent.parent
PARTS = {
    "part 1": ["00_start_here.ipynb", "01_reading_the_sources.ipynb", "02_actors.ipynb",
               "03_meetings_timeline.ipynb"],
    "part 2": ["04_issues_and_stances.ipynb", "05_building_networks.ipynb",
               "06_shifts_between_administrations.ipynb"],
}
TARGET = 1.5


def run(path: Path) -> float:
    """Seconds to run one notebook in a fresh kernel; exits naming the notebook if a cell fails."""
    notebook = nbformat.read(path, as_version=4)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    client = NotebookClient(notebook, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    try:
        client.execute(cwd=str(path.parent), env=env, stderr=subprocess.DEVNULL)  # kernel chatter, not cells
    except Exception as error:  # a failing notebook makes the figure meaningless
        sys.exit(f"{path.name}: {type(error).__name__}: {str(error).splitlines()[-1] if str(error) else ''}")
    return time.perf_counter() - start


def trivial_notebooks(folder: Path, count: int) -> list[Path]:
    """*count* one-cell notebooks in *folder*."""
    paths = []
    for number in range(count):
        notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
        paths.append(folder / f"trivial_{number}.ipynb")
        nbformat.write(notebook, paths[-1])
    return paths


def time_part(names: list[str], repeat: int) -> None:
    """Time one part of the learning path against as many trivial notebooks, and print the ratio."""
    present = [REPO / "notebooks" / name for name in names if (REPO / "notebooks" / name).is_file()]
    for name in names:
        if not (REPO / "notebooks" / name).is_file():
            print(f"skipped: notebooks/{name} does not exist yet")
    if not present:
        return
    with tempfile.TemporaryDirectory() as folder:
        trivial = trivial_notebooks(Path(folder), len(present))
        run(trivial[0])  # first-kernel effects (imports into the page cache) out of the way
        rounds = []
        for _ in range(repeat):
            base = sum(run(path) for path in trivial)
            each = {path.name: run(path) for path in present}
            rounds.append((base, each))
    base = statistics.median(b for b, _ in rounds)
    total = statistics.median(sum(each.values()) for _, each in rounds)
    print(f"baseline: {len(present)} one-cell notebooks   {base:6.2f} s  (ratio 1.00)")
    for path in present:
        seconds = statistics.median(each[path.name] for _, each in rounds)
        print(f"  {path.name:<34}{seconds:6.2f} s")
    verdict = "within" if total / base <= TARGET else "OVER"
    print(f"notebooks {', '.join(p.name[:2] for p in present):<24}{total:6.2f} s  "
          f"(ratio {total / base:.2f}; target <= {TARGET}: {verdict})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="rounds (default 3; the median counts)")
    args = parser.parse_args()
    for part, names in PARTS.items():
        print(f"-- {part}")
        time_part(names, args.repeat)


if __name__ == "__main__":
    main()
