"""Graded exercises: masters in, student copies and autograders out (``otter assign`` underneath).

A master notebook (``exercises/source/NN_name.ipynb``) holds each question's prompt,
solution, tests and points in otter-grader's assign format. :func:`build_exercise`
turns it into a student copy (no solutions, no hidden tests), an instructor copy
(solutions and rubrics) and an autograder zip, plus ``questions.json`` naming every
question with its points, manually graded ones included (``otter run`` leaves those
out of its results; the grading table needs them).

Tests compare answers with :func:`fingerprint`, so a public test that a learner can
read never shows the answer itself:

>>> fingerprint({"b", "a"}) == fingerprint(["a", "b"])
True
>>> fingerprint(3) == fingerprint(3.0), fingerprint(3) == fingerprint(4)
(True, False)
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from numbers import Number
from pathlib import Path

from .files import write_atomically

__all__ = [
    "ExerciseError",
    "build_exercise",
    "autograder_for",
    "build_exercises",
    "fingerprint",
    "kernel_env",
    "masters",
    "read_questions",
]

#: Where the command line looks, relative to the current folder (a checkout of the repository).
SOURCE_DIR = Path("exercises/source")
STUDENT_DIR = Path("exercises/student")
BUILD_DIR = Path("exercises/build")


class ExerciseError(ValueError):
    """A master notebook that cannot be built, named with its problem."""


def _normal(value, ordered: bool):
    """A plain, comparable form of *value*: numbers rounded, collections sorted unless *ordered*."""
    if hasattr(value, "to_dict") and not hasattr(value, "columns"):  # a pandas Series
        value = value.to_dict()
    if hasattr(value, "tolist"):  # numpy scalars and arrays, pandas Index
        value = value.tolist()
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10] if isinstance(value, date) else value.isoformat()
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, Number):
        number = round(float(value), 6)
        return repr(int(number)) if number.is_integer() else repr(number)
    if isinstance(value, str):
        return repr(value.strip())
    if isinstance(value, dict):
        return "{" + ",".join(sorted(f"{_normal(k, ordered)}:{_normal(v, ordered)}" for k, v in value.items())) + "}"
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_normal(item, ordered) for item in value]
        return "[" + ",".join(items if ordered and not isinstance(value, (set, frozenset)) else sorted(items)) + "]"
    return repr(value)


def fingerprint(value, ordered: bool = False) -> str:
    """A short hash of *value* in a plain form, for tests that must not show the answer.

    Numbers compare by value (``3 == 3.0``, rounded to 6 decimals), strings without
    surrounding spaces, dates by day, pandas Series as dicts; lists are compared as
    sets unless *ordered* is true (sets and dict keys never are).

    >>> fingerprint(["wang_yi", "cho_tae_yul"], ordered=True) == fingerprint(["cho_tae_yul", "wang_yi"], ordered=True)
    False
    >>> len(fingerprint("Beijing"))
    12
    """
    return hashlib.sha256(_normal(value, ordered).encode("utf-8")).hexdigest()[:12]


def masters(source_dir: str | Path = SOURCE_DIR) -> list[Path]:
    """The master notebooks in *source_dir*, in order (``NN_name.ipynb``).

    >>> masters("no/such/folder")
    []
    """
    return sorted(Path(source_dir).glob("[0-9][0-9]_*.ipynb"))


def _raw_config(source: str, marker: str) -> dict | None:
    """The YAML under a raw cell's first line if that line is *marker*, else None."""
    import yaml

    lines = source.strip().splitlines()
    if not lines or lines[0].strip().upper() != marker:
        return None
    return yaml.safe_load("\n".join(lines[1:])) or {}


def read_questions(master: str | Path) -> list[dict]:
    """Every question of a master notebook, in order: ``name``, ``points``, ``manual``.

    >>> import nbformat, tempfile, pathlib
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_raw_cell("# BEGIN QUESTION\\nname: q1_x\\npoints: 2"),
    ...     nbformat.v4.new_raw_cell("# BEGIN QUESTION\\nname: q2_why\\npoints: 3\\nmanual: true")])
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "01_demo.ipynb"
    >>> nbformat.write(nb, path)
    >>> read_questions(path)
    [{'name': 'q1_x', 'points': 2, 'manual': False}, {'name': 'q2_why', 'points': 3, 'manual': True}]
    """
    path = Path(master)
    try:
        notebook = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ExerciseError(f"{path}: not a readable notebook ({exc})") from None
    questions = []
    for cell in notebook.get("cells", []):
        source = "".join(cell.get("source", ""))
        config = _raw_config(source, "# BEGIN QUESTION") if cell.get("cell_type") == "raw" else None
        if config is None:
            continue
        if "name" not in config or "points" not in config:
            raise ExerciseError(f"{path}: a question has no name or no points: {source.strip()!r}")
        questions.append({"name": config["name"], "points": config["points"], "manual": bool(config.get("manual"))})
    names = [q["name"] for q in questions]
    if len(set(names)) != len(names):
        raise ExerciseError(f"{path}: question names repeat: {names}")
    return questions


def kernel_env() -> dict:
    """The environment for otter's subprocesses: their kernels import this same ``krcn_lab``.

    >>> import krcn_lab, os
    >>> kernel_env()["PYTHONPATH"].split(os.pathsep)[0] == os.path.dirname(os.path.dirname(krcn_lab.__file__))
    True
    """
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join([root] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p])
    return env


def _assign(master: Path, out: Path, run_tests: bool) -> None:
    """Run ``otter assign`` on *master* into *out*; a failure names the master and otter's last words."""
    command = [sys.executable, "-m", "otter", "assign", str(master.resolve()), str(out), "--no-pdfs"]
    if not run_tests:
        command.append("--no-run-tests")
    done = subprocess.run(command, cwd=master.parent, capture_output=True, text=True, env=kernel_env())
    if done.returncode != 0:
        last = (done.stderr.strip() or done.stdout.strip()).splitlines()[-3:]
        raise ExerciseError(f"{master}: otter assign failed: {' | '.join(last)}")


def build_exercise(master: str | Path, student_dir: str | Path | None = STUDENT_DIR,
                   build_dir: str | Path = BUILD_DIR, run_tests: bool = True) -> Path:
    """Build one master: student copy into *student_dir*, the rest into ``build_dir/NAME/``.

    ``build_dir/NAME/`` receives ``autograder.zip`` (holds the hidden tests: keep it
    private), ``NAME.ipynb`` (the instructor copy: solutions and rubrics) and
    ``questions.json``. With *run_tests*, otter checks the solution against the tests
    first. Pass ``student_dir=None`` to leave student copies alone. Returns the
    exercise's build folder.
    """
    master = Path(master)
    name = master.stem
    questions = read_questions(master)
    target = Path(build_dir) / name
    with tempfile.TemporaryDirectory(prefix=f"krcn-assign-{name}-") as scratch:
        out = Path(scratch) / "dist"
        _assign(master, out, run_tests)
        zips = sorted((out / "autograder").glob("*.zip"))
        if len(zips) != 1:
            raise ExerciseError(f"{master}: otter assign wrote {len(zips)} autograder zips, expected 1")
        target.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(zips[0], target / "autograder.zip")
        shutil.copyfile(out / "autograder" / master.name, target / master.name)
        manifest = {"exercise": name, "questions": questions}
        write_atomically(target / "questions.json", json.dumps(manifest, indent=1) + "\n")
        if student_dir is not None:
            Path(student_dir).mkdir(parents=True, exist_ok=True)
            student = (out / "student" / master.name).read_text(encoding="utf-8")
            write_atomically(Path(student_dir) / master.name, student)
    return target


def build_exercises(source_dir: str | Path = SOURCE_DIR, student_dir: str | Path | None = STUDENT_DIR,
                    build_dir: str | Path = BUILD_DIR, names=None, run_tests: bool = True) -> list[Path]:
    """Build every master in *source_dir* (or only those whose name starts with one of *names*).

    >>> build_exercises("no/such/folder")
    Traceback (most recent call last):
    ...
    krcn_lab.exercises.ExerciseError: no/such/folder: no master notebooks (NN_name.ipynb) found
    """
    chosen = [m for m in masters(source_dir) if not names or any(m.stem.startswith(n) for n in names)]
    if not chosen:
        raise ExerciseError(f"{source_dir}: no master notebooks (NN_name.ipynb) found"
                            + (f" matching {list(names)}" if names else ""))
    return [build_exercise(m, student_dir, build_dir, run_tests) for m in chosen]


def autograder_for(exercise: str, build_dir: str | Path = BUILD_DIR,
                   source_dir: str | Path = SOURCE_DIR) -> Path:
    """The build folder of *exercise* (a name or its ``NN`` prefix), built first if missing or stale.

    >>> autograder_for("99", "no/build", "no/source")
    Traceback (most recent call last):
    ...
    krcn_lab.exercises.ExerciseError: no exercise '99': neither no/build/99*/autograder.zip nor no/source/99*.ipynb exists
    """
    found = [m for m in masters(source_dir) if m.stem == exercise or m.stem.startswith(f"{exercise}_")]
    built = sorted(p.parent for p in Path(build_dir).glob(f"{exercise}*/autograder.zip")
                   if p.parent.name == exercise or p.parent.name.startswith(f"{exercise}_"))
    if found:
        target = Path(build_dir) / found[0].stem
        zip_path = target / "autograder.zip"
        if not zip_path.is_file() or zip_path.stat().st_mtime < found[0].stat().st_mtime:
            build_exercise(found[0], None, build_dir)
        return target
    if built:
        return built[0]
    raise ExerciseError(f"no exercise {exercise!r}: neither {Path(build_dir) / exercise}*/autograder.zip "
                        f"nor {Path(source_dir) / exercise}*.ipynb exists")


def add_build_arguments(parser) -> None:
    """The options of ``krcn-lab build-exercises`` (the command line adds the subcommand, this fills it)."""
    parser.add_argument("names", nargs="*", help="exercises to build, by name or number (default: all)")
    parser.add_argument("--source-dir", default=str(SOURCE_DIR), help="folder of master notebooks")
    parser.add_argument("--student-dir", default=str(STUDENT_DIR), help="where student copies go (committed)")
    parser.add_argument("--build-dir", default=str(BUILD_DIR), help="where autograders and instructor copies go")
    parser.add_argument("--no-run-tests", action="store_true", help="skip checking each solution against its tests")


def build_command(args) -> int:
    """Run ``krcn-lab build-exercises`` from parsed arguments; exit code 2 names a master that failed."""
    try:
        targets = build_exercises(args.source_dir, args.student_dir, args.build_dir, args.names,
                                  run_tests=not args.no_run_tests)
    except ExerciseError as exc:
        print(f"krcn-lab build-exercises: {exc}", file=sys.stderr)
        return 2
    for target in targets:
        print(f"built {target.name}: {Path(args.student_dir) / (target.name + '.ipynb')}, {target / 'autograder.zip'}")
    return 0
