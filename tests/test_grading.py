"""``krcn-lab grade``: a folder of submissions in, one complete CSV out, whatever the submissions do.

The broken submissions are recipes (tests/fixtures/submissions/breakages.json) applied to
exercise 01's solution when the test runs, so no solution is ever committed.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import os
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import nbformat
import pytest

from krcn_lab import grading
from test_exercises import answer_cells, built, filled, questions

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures" / "submissions"
EXERCISE = "01_sources_and_cleaning"
RECIPES = {k: v for k, v in json.loads((FIXTURES / "breakages.json").read_text(encoding="utf-8")).items()
           if not k.startswith("_")}
TIMEOUT = 150


def broken(recipe: dict) -> nbformat.NotebookNode:
    """Exercise 01's solution with one recipe of breakage applied."""
    notebook = filled(EXERCISE, None)
    if "insert_after" in recipe:
        at = next(i for i, c in enumerate(notebook.cells) if recipe["insert_after"] in c.source)
        notebook.cells.insert(at + 1, nbformat.v4.new_code_cell(recipe["cell"]))
    for key in ("replace_answer", "prepend_answer"):
        if key in recipe:
            index = next(i for i, q in answer_cells(notebook, "otter_answer_cell") if q == recipe[key])
            cell = notebook.cells[index]
            cell.source = recipe["with"] if key == "replace_answer" else recipe["with"] + "\n" + cell.source
    return notebook


def make_folder(folder: Path) -> Path:
    for name, recipe in RECIPES.items():
        if recipe.get("zip"):
            with zipfile.ZipFile(folder / name, "w") as archive:
                archive.writestr(f"{EXERCISE}.ipynb", nbformat.writes(broken(recipe)))
                archive.writestr("__zip_filename__", name)
        else:
            nbformat.write(broken(recipe), folder / name)
    nbformat.write(filled(EXERCISE, set()), folder / "untouched.ipynb")
    shutil.copyfile(FIXTURES / "not_json.ipynb", folder / "not_json.ipynb")
    return folder


@pytest.fixture(scope="module")
def graded_folder(tmp_path_factory):
    """The whole folder graded once through the command line, timed, and graded again."""
    folder = make_folder(tmp_path_factory.mktemp("class"))
    out = tmp_path_factory.mktemp("out") / "scores.csv"
    command = ["python", "-m", "krcn_lab.cli", "grade", str(folder), "--exercise", EXERCISE, "-o", str(out),
               "--workers", "3", "--timeout", str(TIMEOUT), "--build-dir", str(built() / "build")]
    started = time.monotonic()
    first = subprocess.run(command, capture_output=True, text=True, cwd=REPO, timeout=1200)
    elapsed = time.monotonic() - started
    text = out.read_text(encoding="utf-8")
    return {"run": first, "elapsed": elapsed, "text": text, "folder": folder, "out": out, "command": command}


def rows(text: str) -> dict[str, dict]:
    return {row["submission"]: row for row in csv.DictReader(io.StringIO(text))}


def test_every_submission_gets_a_row_within_the_time_limit(graded_folder):
    assert graded_folder["run"].returncode == 0, graded_folder["run"].stderr[-2000:]
    expected = set(RECIPES) | {"untouched.ipynb", "not_json.ipynb"}
    assert set(rows(graded_folder["text"])) == expected
    assert graded_folder["elapsed"] < 4 * TIMEOUT, "one submission held up the batch"


def test_the_header_names_every_question_with_its_points_and_manual_columns_are_left_empty(graded_folder):
    header = next(csv.reader(io.StringIO(graded_folder["text"])))
    assert header == ["submission", "q1_removed_by_article (3)", "q2_top_rule (2)", "q3_dates_not_stated (3)",
                      "q4_sources_per_topic (3)", "q5_why_sources_differ (manual, 4)",
                      "total (autograded, of 11)", "problem"]
    assert {row["q5_why_sources_differ (manual, 4)"] for row in rows(graded_folder["text"]).values()} == {""}


@pytest.mark.parametrize("name", sorted(set(RECIPES) | {"untouched.ipynb", "not_json.ipynb"}))
def test_each_submission_scores_what_ran_and_names_its_problem(graded_folder, name):
    row = rows(graded_folder["text"])[name]
    recipe = RECIPES.get(name, {"lose": "all", "problem": {
        "untouched.ipynb": "renamed from", "not_json.ipynb": "not a valid notebook: invalid JSON"}.get(name)})
    auto = [q for q in questions(EXERCISE) if not q["manual"]]
    lost = {q["name"] for q in auto} if recipe["lose"] == "all" else set(recipe["lose"])
    for q in auto:
        assert float(row[f"{q['name']} ({q['points']})"]) == (0 if q["name"] in lost else q["points"]), q["name"]
    assert float(row["total (autograded, of 11)"]) == sum(q["points"] for q in auto if q["name"] not in lost)
    assert recipe["problem"] in row["problem"]
    if recipe["problem"] == "":
        assert row["problem"] == ""


def test_grading_again_gives_the_same_csv_byte_for_byte(graded_folder, tmp_path):
    keep = [n for n in ("01_sources_and_cleaning.ipynb", "raises.ipynb", "not_json.ipynb")]
    folder = tmp_path / "again"
    folder.mkdir()
    for name in keep:
        shutil.copyfile(graded_folder["folder"] / name, folder / name)
    out = tmp_path / "scores.csv"
    for _ in range(2):
        grading.grade_folder(folder, EXERCISE, out, workers=2, timeout=TIMEOUT, build_dir=built() / "build",
                             progress=False)
        text = out.read_text(encoding="utf-8")
        lines = graded_folder["text"].splitlines()
        assert text == "\n".join(lines[:1] + [ln for ln in lines[1:] if ln.split(",")[0] in keep]) + "\n"


def test_no_kernel_is_left_running_after_a_submission_loops_forever(graded_folder):
    listing = subprocess.run(["ps", "-A", "-o", "args="], capture_output=True, text=True).stdout
    assert str(graded_folder["folder"]) not in listing
    leftover = [ln for ln in listing.splitlines() if "ipykernel_launcher" in ln and "krcn-grade-" in ln]
    assert leftover == []


def test_an_existing_scores_file_is_left_whole_when_grading_cannot_start(tmp_path):
    out = tmp_path / "scores.csv"
    out.write_text("earlier,scores\n", encoding="utf-8")
    with pytest.raises(grading.GradingError, match="no .ipynb or .zip submissions"):
        grading.grade_folder(tmp_path, EXERCISE, out, build_dir=built() / "build", progress=False)
    with pytest.raises(grading.GradingError, match="no exercise '09'"):
        grading.grade_folder(FIXTURES, "09", out, build_dir=tmp_path, source_dir=tmp_path, progress=False)
    assert out.read_text(encoding="utf-8") == "earlier,scores\n"
    assert os.listdir(tmp_path) == ["scores.csv"]


def test_a_zip_that_holds_no_notebook_is_named_without_running_anything(tmp_path):
    empty = tmp_path / "carol.zip"
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("notes.txt", "no notebook here")
    assert grading.precheck(empty, EXERCISE) == ("not a valid submission: the zip holds 0 notebooks, expected 1", [])
    notebook = copy.deepcopy(filled(EXERCISE, set()))
    notebook.metadata["otter"]["assignment_name"] = "02_actors"
    nbformat.write(notebook, tmp_path / f"{EXERCISE}.ipynb")
    assert grading.precheck(tmp_path / f"{EXERCISE}.ipynb", EXERCISE) == (
        None, ["this is the notebook of exercise 02_actors, not 01_sources_and_cleaning"])
