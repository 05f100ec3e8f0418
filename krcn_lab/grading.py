"""Bulk grading of exercise submissions: ``otter run`` on each, several at a time, one CSV out.

Every submission gets a row, whatever it does: a notebook that is not JSON, raises,
loops forever, exits, kills its kernel, deletes the grader or prints megabytes is
graded as far as it runs, within a time limit, and the ``problem`` column says why
points are missing. Manually graded questions get empty columns for the instructor.

>>> header([{"name": "q1_x", "points": 2, "manual": False}, {"name": "q2_why", "points": 3, "manual": True}])
['submission', 'q1_x (2)', 'q2_why (manual, 3)', 'total (autograded, of 2)', 'problem']
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import tempfile
import zipfile
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

from . import exercises
from .files import write_atomically

__all__ = ["GradingError", "grade_folder", "grade_one", "header", "precheck", "submissions_in"]

#: Seconds one submission may take before it is stopped (``--timeout``).
DEFAULT_TIMEOUT = 300
#: Output beyond this many bytes is named in the ``problem`` column.
LOUD_OUTPUT = 1_000_000

# Runs in a subprocess: otter run's own entry point, then a summary of cell errors and output size.
RUNNER = r"""
import json, sys
from otter.run import main
submission, autograder, out = sys.argv[1:4]
results = main(submission, autograder=autograder, output_dir=out, no_logo=True)
errors, size = [], 0
for cell in (getattr(results, "notebook", None) or {}).get("cells", []):
    for output in cell.get("outputs", []):
        size += len(json.dumps(output))
        if output.get("output_type") == "error":
            first = (cell.get("source") or "").strip().splitlines()[:1]
            errors.append([output.get("ename", ""), str(output.get("evalue", ""))[:200], first[0][:60] if first else ""])
with open(out + "/cells.json", "w") as handle:
    json.dump({"errors": errors, "output_bytes": size}, handle)
"""


class GradingError(ValueError):
    """A grading run that cannot start (no such folder, no submissions, unknown exercise)."""


def header(questions: list[dict]) -> list[str]:
    """The CSV's column names: one per question with its points, manual ones marked."""
    auto = sum(q["points"] for q in questions if not q["manual"])
    names = [f"{q['name']} (manual, {q['points']})" if q["manual"] else f"{q['name']} ({q['points']})"
             for q in questions]
    return ["submission", *names, f"total (autograded, of {auto:g})", "problem"]


def submissions_in(folder: str | Path) -> list[Path]:
    """The notebooks and zips directly inside *folder*, sorted by name.

    >>> submissions_in("no/such/folder")
    Traceback (most recent call last):
    ...
    krcn_lab.grading.GradingError: no/such/folder: no such folder
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise GradingError(f"{folder}: no such folder")
    found = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in {".ipynb", ".zip"})
    if not found:
        raise GradingError(f"{folder}: no .ipynb or .zip submissions found")
    return found


def _notebook_text(path: Path) -> str:
    """The notebook JSON of a submission: the file itself, or the one notebook inside its zip."""
    if path.suffix.lower() != ".zip":
        return path.read_bytes().decode("utf-8")
    if not zipfile.is_zipfile(path):
        raise ValueError("not a zip file")
    with zipfile.ZipFile(path) as archive:
        inside = [n for n in archive.namelist() if n.endswith(".ipynb") and not n.startswith("__MACOSX")]
        if len(inside) != 1:
            raise ValueError(f"the zip holds {len(inside)} notebooks, expected 1")
        return archive.read(inside[0]).decode("utf-8")


def precheck(path: str | Path, exercise: str) -> tuple[str | None, list[str]]:
    """``(fatal, notes)`` for a submission before it runs: a reason it cannot be graded, and remarks.

    >>> import pathlib, tempfile
    >>> bad = pathlib.Path(tempfile.mkdtemp()) / "alice.ipynb"
    >>> _ = bad.write_text('{"cells": [ oops', encoding="utf-8")
    >>> precheck(bad, "01_demo")
    ('not a valid notebook: invalid JSON (line 1, column 13)', [])
    """
    path = Path(path)
    try:
        notebook = json.loads(_notebook_text(path))
    except UnicodeDecodeError:
        return "not a valid notebook: not UTF-8 text", []
    except json.JSONDecodeError as exc:
        return f"not a valid notebook: invalid JSON (line {exc.lineno}, column {exc.colno})", []
    except (ValueError, OSError, zipfile.BadZipFile) as exc:
        return f"not a valid submission: {exc}", []
    if not isinstance(notebook, dict) or not isinstance(notebook.get("cells"), list):
        return "not a valid notebook: no list of cells", []
    notes = []
    meta = notebook.get("metadata", {}).get("otter", {}) if isinstance(notebook.get("metadata"), dict) else {}
    if meta.get("assignment_name") not in (None, exercise):
        notes.append(f"this is the notebook of exercise {meta['assignment_name']}, not {exercise}")
    if path.suffix.lower() == ".ipynb" and path.stem != exercise:
        notes.append(f"renamed from {exercise}.ipynb (graded anyway)")
    return None, notes


def _descendants(pid: int) -> list[int]:
    """Every process below *pid* (children, grandchildren…), read from ``ps``."""
    try:
        listing = subprocess.run(["ps", "-A", "-o", "pid=,ppid="], capture_output=True, text=True).stdout
    except OSError:
        return []
    children: dict[int, list[int]] = {}
    for line in listing.split("\n"):
        parts = line.split()
        if len(parts) == 2 and parts[0].isdigit() and parts[1].isdigit():
            children.setdefault(int(parts[1]), []).append(int(parts[0]))
    found, stack = [], [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


def _stop(process: subprocess.Popen) -> None:
    """End *process*, its group, and the kernel it started (kernels run in a session of their own)."""
    below = _descendants(process.pid)
    for kill in [lambda: os.killpg(process.pid, signal.SIGKILL)] + [
        (lambda p=p: os.kill(p, signal.SIGKILL)) for p in below
    ]:
        try:
            kill()
        except (ProcessLookupError, PermissionError):
            pass
    process.wait()


def _run_otter(submission: Path, autograder: Path, work: Path, timeout: float) -> tuple[dict, str | None]:
    """Run the otter subprocess in *work*; return (results.json or {}, a reason it gave none)."""
    out, scratch = work / "out", work / "tmp"
    out.mkdir()
    scratch.mkdir()
    env = exercises.kernel_env()
    env.update({"TMPDIR": str(scratch), "PYTHONUNBUFFERED": "1"})
    command = [sys.executable, "-c", RUNNER, str(submission.resolve()), str(autograder.resolve()), str(out)]
    with open(work / "log.txt", "wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=work,
                                   env=env, start_new_session=True)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            _stop(process)
            return {}, f"stopped after {timeout:g} s without finishing (an endless loop or a very slow cell?)"
    if (out / "results.json").is_file():
        return json.loads((out / "results.json").read_text(encoding="utf-8")), None
    tail = (work / "log.txt").read_bytes()[-4000:].decode("utf-8", "replace")
    if "DeadKernelError" in tail or "Kernel died" in tail:
        return {}, "the kernel died while running the notebook (os._exit, a crash or no memory left)"
    last = [line for line in tail.splitlines() if line.strip()][-1:] or [f"exit code {process.returncode}"]
    return {}, f"otter run failed: {last[0].strip()[:200]}"


def _cell_problems(out: Path) -> list[str]:
    """Remarks on the executed notebook: the first cell that raised, and loud output."""
    path = out / "cells.json"
    if not path.is_file():
        return []
    cells = json.loads(path.read_text(encoding="utf-8"))
    notes = []
    if cells["errors"]:
        ename, evalue, first = cells["errors"][0]
        more = len(cells["errors"]) - 1
        notes.append(f"a cell raised {ename}: {evalue.strip()} (cell starting {first!r})"
                     + (f" and {more} more cell(s) raised errors" if more else ""))
    if cells["output_bytes"] > LOUD_OUTPUT:
        notes.append(f"printed {cells['output_bytes'] / 1e6:.1f} MB of output")
    return notes


def _stage(submission: Path, work: Path, exercise: str) -> Path:
    """A copy of a notebook under the exercise's own file name, which its ``otter.Notebook(...)`` cell
    opens (a renamed copy would fail there and hide the real problems); zips go as they are."""
    if submission.suffix.lower() == ".zip":
        return submission
    (work / "submission").mkdir()
    staged = work / "submission" / f"{exercise}.ipynb"
    staged.write_bytes(submission.read_bytes())
    return staged


def grade_one(submission: str | Path, build: str | Path, timeout: float = DEFAULT_TIMEOUT) -> dict:
    """Grade one submission with the exercise built in *build*: ``{question: score}``, ``problem``.

    Questions that could not run score 0; ``problem`` names every reason ("" if none).
    """
    submission, build = Path(submission), Path(build)
    questions = json.loads((build / "questions.json").read_text(encoding="utf-8"))["questions"]
    scores = {q["name"]: 0.0 for q in questions if not q["manual"]}
    fatal, notes = precheck(submission, build.name)
    if fatal is None:
        with tempfile.TemporaryDirectory(prefix="krcn-grade-") as work:
            staged = _stage(submission, Path(work), build.name)
            results, fatal = _run_otter(staged, build / "autograder.zip", Path(work), timeout)
            notes += _cell_problems(Path(work) / "out")
        for test in results.get("tests", []):
            if test.get("name") in scores:
                scores[test["name"]] = float(test.get("score") or 0)
    problem = "; ".join(([fatal] if fatal else []) + notes)
    return {"submission": submission.name, "scores": scores, "problem": problem}


def _number(value: float) -> str:
    return f"{value:g}"


def table(rows: list[dict], questions: list[dict]) -> str:
    """The CSV text: rows sorted by submission, manual columns left empty."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header(questions))
    for row in sorted(rows, key=lambda r: r["submission"]):
        cells = ["" if q["manual"] else _number(row["scores"][q["name"]]) for q in questions]
        writer.writerow([row["submission"], *cells, _number(sum(row["scores"].values())), row["problem"]])
    return buffer.getvalue()


def _progress(total: int, show: bool):
    """A progress bar (tqdm when installed, else one line per submission on stderr)."""
    if not show:
        return lambda name: None
    try:
        from tqdm import tqdm
    except ImportError:
        done = [0]

        def tick(name):
            done[0] += 1
            print(f"graded {done[0]}/{total}: {name}", file=sys.stderr, flush=True)
        return tick
    bar = tqdm(total=total, unit="submission", file=sys.stderr)
    return lambda name: (bar.update(1), bar.set_postfix_str(name), bar.n == total and bar.close())


def grade_folder(folder: str | Path, exercise: str, output: str | Path, workers: int | None = None,
                 timeout: float = DEFAULT_TIMEOUT, build_dir=exercises.BUILD_DIR,
                 source_dir=exercises.SOURCE_DIR, progress: bool = True) -> list[dict]:
    """Grade every submission in *folder* for *exercise* and write the CSV *output* atomically.

    *workers* defaults to one per core. Returns the rows, sorted by submission name.
    """
    paths = submissions_in(folder)
    try:
        build = exercises.autograder_for(exercise, build_dir, source_dir)
    except exercises.ExerciseError as exc:
        raise GradingError(str(exc)) from None
    questions = json.loads((build / "questions.json").read_text(encoding="utf-8"))["questions"]
    tick = _progress(len(paths), progress)
    rows = []
    with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
        futures = {pool.submit(grade_one, path, build, timeout): path for path in paths}
        for future in as_completed(futures):
            rows.append(future.result())
            tick(futures[future].name)
    write_atomically(output, table(rows, questions))
    return sorted(rows, key=lambda r: r["submission"])


def add_grade_arguments(parser) -> None:
    """The options of ``krcn-lab grade`` (the command line adds the subcommand, this fills it)."""
    parser.add_argument("submissions", help="folder of submitted notebooks (.ipynb) or otter export zips")
    parser.add_argument("--exercise", required=True, help="exercise name or number, e.g. 01_sources_and_cleaning or 01")
    parser.add_argument("-o", "--output", required=True, help="CSV file to write (replaced whole, never half-written)")
    parser.add_argument("--workers", type=int, default=None, help="submissions graded at once (default: one per core)")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds allowed per submission")
    parser.add_argument("--build-dir", default=str(exercises.BUILD_DIR), help="where autograders are built")
    parser.add_argument("--source-dir", default=str(exercises.SOURCE_DIR), help="folder of master notebooks")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")


def grade_command(args) -> int:
    """Run ``krcn-lab grade`` from parsed arguments; a summary line on stdout, exit code 2 on bad input."""
    try:
        rows = grade_folder(args.submissions, args.exercise, args.output, args.workers, args.timeout,
                            args.build_dir, args.source_dir, progress=not args.quiet)
    except GradingError as exc:
        print(f"krcn-lab grade: {exc}", file=sys.stderr)
        return 2
    flagged = sum(1 for row in rows if row["problem"])
    print(f"graded {len(rows)} submission(s), {flagged} with a problem noted; wrote {args.output}")
    return 0
