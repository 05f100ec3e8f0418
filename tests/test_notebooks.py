"""Every notebook of the learning path runs headless, is committed clean, and opens and closes as promised.

To add a notebook, add one line to NOTEBOOKS.
"""

import nbformat
import pytest

from notebook_harness import (FIXTURES, NOTEBOOK_DIR, TIME_LIMIT, closing_problems, committed_notebooks,
                              execute, opening_problems, output_problems, stored_outputs)

NOTEBOOKS = [
    "00_start_here.ipynb",
    "01_reading_the_sources.ipynb",
    "02_actors.ipynb",
    "03_meetings_timeline.ipynb",
    "04_issues_and_stances.ipynb",
    "05_building_networks.ipynb",
    "06_shifts_between_administrations.ipynb",
    "07_capstone.ipynb",
]


def notebook_path(name):
    path = NOTEBOOK_DIR / name
    assert path.is_file(), f"notebooks/{name} is listed in NOTEBOOKS but missing"
    return path


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_the_notebook_runs_headless_without_errors_warnings_or_delay(name):
    run = execute(notebook_path(name))
    assert output_problems(run.notebook) == [], f"notebooks/{name}"
    assert run.seconds <= TIME_LIMIT, f"notebooks/{name} took {run.seconds:.1f} s (limit {TIME_LIMIT:.0f} s)"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_the_notebook_opens_with_its_sections_and_closes_with_a_check(name):
    notebook = nbformat.read(notebook_path(name), as_version=4)
    assert opening_problems(notebook) + closing_problems(notebook) == [], f"notebooks/{name}"


def test_every_committed_notebook_is_listed():
    unlisted = [path.name for path in NOTEBOOK_DIR.glob("*.ipynb") if path.name not in NOTEBOOKS]
    assert unlisted == [], "add these to NOTEBOOKS in tests/test_notebooks.py"


def test_no_committed_notebook_carries_outputs_or_execution_counts():
    dirty = {}
    for path in committed_notebooks():
        problems = stored_outputs(nbformat.read(path, as_version=4))
        if problems:
            dirty[str(path.relative_to(NOTEBOOK_DIR.parent))] = problems
    assert dirty == {}, "clear them: jupyter nbconvert --clear-output --inplace <notebook>"


# The harness tests itself on a probe notebook and on broken copies of it.

def probe():
    return nbformat.read(FIXTURES / "probe.ipynb", as_version=4)


def test_the_probe_runs_clean_and_shows_its_widget():
    run = execute(FIXTURES / "probe.ipynb")
    assert output_problems(run.notebook) == []
    views = [o for cell in run.notebook.cells for o in cell.get("outputs", [])
             if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    assert len(views) == 1
    assert stored_outputs(run.notebook) == ["cell 2: 1 stored output(s)", "cell 2: execution count 1"]


@pytest.mark.parametrize("source, expected", [
    ("raise ValueError('on purpose')", "cell 3: ValueError: on purpose"),
    ("import warnings; warnings.warn('careful', UserWarning)", "cell 3: stderr: "),
    ("import sys; print('oops', file=sys.stderr)", "cell 3: stderr: oops"),
])
def test_the_harness_reports_errors_and_anything_on_stderr(tmp_path, source, expected):
    notebook = probe()
    notebook.cells.insert(2, nbformat.v4.new_code_cell(source))
    nbformat.write(notebook, tmp_path / "broken.ipynb")
    problems = output_problems(execute(tmp_path / "broken.ipynb").notebook)
    assert len(problems) == 1 and problems[0].startswith(expected), problems


def test_the_harness_sees_the_probes_sections_and_misses_when_they_go():
    notebook = probe()
    assert opening_problems(notebook) + closing_problems(notebook) == []
    notebook.cells[0].source = notebook.cells[0].source.replace("## Time needed", "Time")
    notebook.cells[-1].source = "The end."
    assert opening_problems(notebook) == ['opening has no "Time needed" heading']
    assert closing_problems(notebook) == ["no line names the graded exercise"]
