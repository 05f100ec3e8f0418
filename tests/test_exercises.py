"""The graded exercises: what a learner and an instructor can rely on.

Every exercise is rebuilt from its master once per test session (``otter assign``), then
graded with ``otter run``: the solution earns full marks, the untouched student copy
none, and a copy with every other question answered exactly those questions' points.
The student copies carry no line of a solution or hidden test, their public tests never
show an answer, and their ``grader.check`` cells all pass once the answers are filled in.
"""

from __future__ import annotations

import atexit
import copy
import json
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest

from krcn_lab import exercises, grading

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "exercises" / "source"
STUDENT = REPO / "exercises" / "student"
NAMES = [m.stem for m in exercises.masters(SOURCE)]
TOPICS = ["01_sources_and_cleaning", "02_actors", "03_meetings_timeline", "04_issues_and_stances",
          "05_networks", "06_shifts_between_administrations", "07_capstone"]
WORKERS = 2

_built: dict[str, Path] = {}
_lock = threading.Lock()


def built() -> Path:
    """A temporary folder holding ``build/NAME/…`` and ``student/NAME.ipynb`` for every master (once)."""
    with _lock:
        if "root" not in _built:
            root = Path(tempfile.mkdtemp(prefix="krcn-exercises-"))
            atexit.register(shutil.rmtree, root, True)
            with ThreadPoolExecutor(WORKERS) as pool:
                list(pool.map(lambda m: exercises.build_exercise(m, root / "student", root / "build", run_tests=False),
                              exercises.masters(SOURCE)))
            _built["root"] = root
        return _built["root"]


def read(path: Path):
    return nbformat.read(path, as_version=4)


def answer_cells(notebook, tag: str) -> list[tuple[int, str]]:
    """(cell index, question name) of every code cell tagged *tag*, named by the check cell after it."""
    found, pending = [], []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "code" and tag in cell.metadata.get("tags", []):
            pending.append(index)
        match = re.match(r'grader\.check\("(\w+)"\)', cell.source.strip()) if cell.cell_type == "code" else None
        if match:
            found += [(i, match.group(1)) for i in pending]
            pending = []
    return found


def filled(name: str, answered) -> nbformat.NotebookNode:
    """The student copy of *name* with the solution put in for the questions in *answered* (all if None)."""
    root = built()
    student = read(root / "student" / f"{name}.ipynb")
    solution = read(root / "build" / name / f"{name}.ipynb")
    blanks, answers = answer_cells(student, "otter_answer_cell"), answer_cells(solution, "otter_assign_solution_cell")
    assert [q for _, q in blanks] == [q for _, q in answers], f"{name}: answer cells do not line up"
    result = copy.deepcopy(student)
    for (blank, question), (answer, _) in zip(blanks, answers):
        if answered is None or question in answered:
            result.cells[blank].source = solution.cells[answer].source
    return result


def questions(name: str) -> list[dict]:
    return exercises.read_questions(SOURCE / f"{name}.ipynb")


def auto_points(name: str, only=None) -> float:
    return sum(q["points"] for q in questions(name) if not q["manual"] and (only is None or q["name"] in only))


def every_other(name: str) -> set[str]:
    """The planted partial answer: the 1st, 3rd, 5th… autograded question answered, the rest left at ..."""
    return set([q["name"] for q in questions(name) if not q["manual"]][::2])


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """``otter run`` results for the solution, the untouched copy and the planted partial of every exercise."""
    root, folder = built(), tmp_path_factory.mktemp("submissions")
    jobs = []
    for name in NAMES:
        for kind, answered in [("solution", None), ("untouched", set()), ("partial", every_other(name))]:
            path = folder / kind / f"{name}.ipynb"
            path.parent.mkdir(exist_ok=True)
            nbformat.write(filled(name, answered), path)
            jobs.append((name, kind, path))
    with ThreadPoolExecutor(WORKERS) as pool:
        rows = pool.map(lambda job: grading.grade_one(job[2], root / "build" / job[0], timeout=400), jobs)
        return {(name, kind): row for (name, kind, _), row in zip(jobs, rows)}


def test_there_is_one_exercise_per_topic_of_the_learning_path():
    assert NAMES == TOPICS


@pytest.mark.parametrize("name", NAMES)
def test_each_exercise_has_three_to_six_questions_and_a_written_one(name):
    qs = questions(name)
    assert 3 <= len(qs) <= 6, [q["name"] for q in qs]
    assert any(q["manual"] for q in qs), f"{name} has no manually graded question"
    assert all(re.match(r"q\d+_\w+$", q["name"]) for q in qs)
    numbers = [int(re.match(r"q(\d+)_", q["name"]).group(1)) for q in qs]
    assert numbers == list(range(1, len(qs) + 1)), f"{name}: questions are not numbered 1, 2, 3…"


@pytest.mark.parametrize("name", NAMES)
def test_committed_student_copy_is_what_the_master_builds(name):
    fresh, committed = read(built() / "student" / f"{name}.ipynb"), read(STUDENT / f"{name}.ipynb")
    shape = lambda nb: [(c.cell_type, c.source) for c in nb.cells]  # noqa: E731
    assert shape(committed) == shape(fresh), f"exercises/student/{name}.ipynb is stale: run krcn-lab build-exercises"
    assert committed.metadata.get("otter") == fresh.metadata.get("otter")


def public_tests(name: str) -> str:
    """Everything a learner can read of the tests: the student copy's notebook metadata."""
    return json.dumps(read(STUDENT / f"{name}.ipynb").metadata["otter"]["tests"])


def cases_of(name: str) -> list[str]:
    """The source of every test case in the autograder, hidden ones included."""
    archive = zipfile.ZipFile(built() / "build" / name / "autograder.zip")
    return [case for member in archive.namelist() if member.startswith("tests/")
            for case in archive.read(member).decode().split("@test_case(")[1:]]


def hidden_test_lines(name: str) -> set[str]:
    """Lines of hidden test bodies that no public test shares (imports and short lines aside)."""
    def body(case):
        lines = case.split("\ndef ", 1)[1].splitlines()[1:]
        return {ln.strip() for ln in lines if len(ln.strip()) >= 12 and not ln.strip().startswith(("import ", "from "))}
    hidden = [body(c) for c in cases_of(name) if "hidden=True" in c.split("\n")[0]]
    public = [body(c) for c in cases_of(name) if "hidden=False" in c.split("\n")[0]]
    return set().union(*hidden) - set().union(*public)


def solution_lines(name: str) -> set[str]:
    """Every line of the master's solution cells (code and rubric), markers and bare variable names aside.

    Marked or not: a solution line that someone forgot to mark is exactly the leak to catch."""
    lines, in_solution = set(), False
    for cell in read(SOURCE / f"{name}.ipynb").cells:
        if cell.cell_type == "raw":
            in_solution = {"# BEGIN SOLUTION": True, "# END SOLUTION": False}.get(cell.source.strip(), in_solution)
        elif in_solution:
            for line in cell.source.splitlines():
                stripped = re.sub(r"\s*# SOLUTION$", "", line.strip())
                if not re.fullmatch(r"# (BEGIN|END) SOLUTION( NO PROMPT)?|\w+", stripped):
                    lines.add(stripped)
    return {ln for ln in lines if len(ln) >= 12}


@pytest.mark.parametrize("name", NAMES)
def test_no_student_copy_holds_a_line_of_any_solution_or_hidden_test(name):
    secrets = set()
    for other in NAMES:
        secrets |= solution_lines(other) | hidden_test_lines(other)
    assert len(solution_lines(name)) >= 3 and hidden_test_lines(name), "the leak test found nothing to look for"
    student = read(STUDENT / f"{name}.ipynb")
    text = "\n".join(c.source for c in student.cells) + "\n" + "\n".join(json.loads(public_tests(name)).values())
    assert [s for s in secrets if s in text] == []


def answer_atoms(value) -> set[str]:
    """The words a value is made of (strings, keys, items), to look for in what a learner can read."""
    if isinstance(value, dict):
        return set().union(*(answer_atoms(k) | answer_atoms(v) for k, v in value.items())) if value else set()
    if isinstance(value, (list, tuple, set)):
        return set().union(*(answer_atoms(v) for v in value)) if value else set()
    return {value} if isinstance(value, str) and len(value) >= 4 else set()


@pytest.mark.parametrize("name", NAMES)
def test_public_tests_and_messages_never_show_an_answer(name):
    solution = read(built() / "build" / name / f"{name}.ipynb")
    namespace: dict = {}
    for cell in solution.cells:
        if cell.cell_type == "code" and "grader" not in cell.source and "otter" not in cell.source:
            exec(cell.source, namespace)  # noqa: S102 - the project's own solution code
    readable = public_tests(name)
    for q in questions(name):
        if not q["manual"]:
            atoms = answer_atoms(namespace[q["name"]])
            given = [a for a in atoms if a in readable]
            assert given == [], f"{q['name']}: the public tests show part of the answer"


@pytest.mark.parametrize("name", NAMES)
def test_every_test_has_a_success_and_a_teaching_failure_message(name):
    cases = cases_of(name)
    assert len(cases) >= 2 * sum(1 for q in questions(name) if not q["manual"])
    for case in cases:
        head = case.split("\ndef ")[0]
        assert "success_message=" in head and "failure_message=" in head, head
        failure = re.search(r'failure_message="([^"]*)"', head).group(1)
        assert re.search(r"see notebook 0\d", failure), f"{head}: the failure message names no notebook section"


@pytest.mark.parametrize("name", NAMES)
def test_the_solution_earns_full_marks_on_every_autograded_question(graded, name):
    row = graded[(name, "solution")]
    assert row["problem"] == ""
    assert row["scores"] == {q["name"]: q["points"] for q in questions(name) if not q["manual"]}


@pytest.mark.parametrize("name", NAMES)
def test_the_untouched_student_copy_earns_nothing(graded, name):
    row = graded[(name, "untouched")]
    assert row["problem"] == ""
    assert sum(row["scores"].values()) == 0 and len(row["scores"]) >= 2


@pytest.mark.parametrize("name", NAMES)
def test_a_planted_partial_answer_earns_exactly_its_questions(graded, name):
    answered = every_other(name)
    assert 0 < auto_points(name, answered) < auto_points(name)
    assert graded[(name, "partial")]["scores"] == {
        q["name"]: (q["points"] if q["name"] in answered else 0) for q in questions(name) if not q["manual"]}


EXECUTE = """
import sys, nbformat
from nbclient import NotebookClient
path = sys.argv[1]
notebook = nbformat.read(path, as_version=4)
NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": sys.argv[2]}}).execute()
nbformat.write(notebook, path)
"""


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """Every student copy, answers filled in from the solution, run headless under its own file name
    (otter.Notebook reads its tests from that file), each in a process of its own."""
    def run(name):
        folder = tmp_path_factory.mktemp(name)
        path = folder / f"{name}.ipynb"
        nbformat.write(filled(name, None), path)
        done = subprocess.run([sys.executable, "-c", EXECUTE, str(path), str(folder)], capture_output=True,
                              text=True, env=exercises.kernel_env(), timeout=600)
        assert done.returncode == 0, done.stderr[-3000:]
        return read(path), folder

    with ThreadPoolExecutor(WORKERS) as pool:
        return dict(zip(NAMES, pool.map(run, NAMES)))


def outputs_of(cell) -> str:
    return "\n".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", "")) for o in cell.outputs)


@pytest.mark.parametrize("name", NAMES)
def test_every_grader_check_passes_when_the_answers_are_filled_in(executed, name):
    notebook, _ = executed[name]
    checks = [c for c in notebook.cells if c.cell_type == "code" and c.source.startswith("grader.check(")]
    assert len(checks) == sum(1 for q in questions(name) if not q["manual"])
    for cell in checks:
        assert "All test cases passed!" in outputs_of(cell), f"{cell.source}: {outputs_of(cell)[:500]}"
    assert not [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]


@pytest.mark.parametrize("name", NAMES)
def test_check_all_and_the_export_cell_work_offline(executed, name):
    notebook, folder = executed[name]
    check_all = next(c for c in notebook.cells if c.source.strip() == "grader.check_all()")
    for q in questions(name):
        if not q["manual"]:
            assert f"{q['name']} results: All test cases passed!" in outputs_of(check_all)
    exported = list(folder.glob(f"{name}_*.zip"))
    assert len(exported) == 1, "the export cell wrote no zip"
    assert f"{name}.ipynb" in zipfile.ZipFile(exported[0]).namelist()
