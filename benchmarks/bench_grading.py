"""How much does ``krcn-lab grade`` cost over bare ``otter run``?

Grades N copies of exercise 01's solution twice in the same run:

1. baseline: ``otter run`` on each copy, one after another (what an instructor would script);
2. ``krcn-lab grade`` on the folder with W workers (time limit, progress bar, CSV).

and reports ``ratio = (grade time × W) / baseline time``: the grading overhead per submission
once parallelism is taken out (target ≤ 1.2). On a machine shared with other work the
baseline and the grade run see different loads; run it on a quiet machine.

    python benchmarks/bench_grading.py            # 50 copies, one worker per core
    python benchmarks/bench_grading.py --copies 10 --workers 2
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from krcn_lab import exercises, grading  # noqa: E402

EXERCISE = "01_sources_and_cleaning"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=50)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="krcn-bench-grading-"))
    try:
        build = exercises.build_exercise(REPO / "exercises" / "source" / f"{EXERCISE}.ipynb", None,
                                         root / "build", run_tests=False)
        folder = root / "class"
        folder.mkdir()
        for number in range(args.copies):
            shutil.copyfile(build / f"{EXERCISE}.ipynb", folder / f"student_{number:03d}.ipynb")

        started = time.perf_counter()
        for number, path in enumerate(sorted(folder.iterdir())):
            out = root / "bare" / str(number)
            out.mkdir(parents=True)
            subprocess.run(["otter", "run", "--no-logo", "-a", str(build / "autograder.zip"), "-o", str(out),
                            str(path)], check=True, capture_output=True, env=exercises.kernel_env())
        bare = time.perf_counter() - started

        started = time.perf_counter()
        rows = grading.grade_folder(folder, EXERCISE, root / "scores.csv", workers=args.workers,
                                    build_dir=root / "build", progress=False)
        graded = time.perf_counter() - started
        assert all(sum(row["scores"].values()) == 11 for row in rows), "a copy lost points"  # renamed copies: noted only
        ratio = graded * args.workers / bare
        print(f"copies: {args.copies}, workers: {args.workers}")
        print(f"bare otter run, one after another: {bare:.1f} s ({bare / args.copies:.2f} s per copy)")
        print(f"krcn-lab grade:                    {graded:.1f} s")
        print(f"ratio (grade time x workers / bare time): {ratio:.2f}  (target <= 1.2)")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
