"""`krcn-lab doctor` tells a learner or instructor what is broken and how to fix it, one line each.

The checks take what they inspect, so a broken environment is a dictionary of
versions or an empty folder here, not a real broken installation.
"""

import os
import subprocess
import sys

import pytest

from conftest import REPO
from krcn_lab import cli, doctor
from krcn_lab.doctor import Check

NEEDS = ["pandas>=2.0", "networkx>=3.0", "ipywidgets>=8.0", "matplotlib>=3.7", "jupyterlab>=4.0",
         'pytest>=7; extra == "test"']
HEALTHY = {"pandas": "3.1.1", "networkx": "3.6.1", "ipywidgets": "8.1.9", "matplotlib": "3.11.2",
           "jupyterlab": "4.6.6", "otter-grader": "7.0.0"}
WIDGETS = {doctor.WIDGET_EXTENSION: {"version": "5.0.16"}}


def problems(checks):
    return [(check.name, check.detail, check.fix) for check in checks if check.status == "problem"]


def test_a_healthy_set_of_versions_has_no_problem_and_ignores_test_only_needs():
    checks = doctor.check_dependencies(NEEDS, HEALTHY.get)
    assert [check.name for check in checks] == ["pandas", "networkx", "ipywidgets", "matplotlib", "jupyterlab"]
    assert problems(checks) == []


def test_a_missing_package_is_named_with_the_command_that_installs_it():
    versions = dict(HEALTHY)
    del versions["networkx"]
    assert problems(doctor.check_dependencies(NEEDS, versions.get)) == [
        ("networkx", "networkx is not installed (needs >=3.0)", 'python -m pip install "networkx>=3.0"')]


def test_a_package_too_old_is_named_with_its_version_and_the_upgrade_command():
    versions = dict(HEALTHY, matplotlib="3.5.3")
    assert problems(doctor.check_dependencies(NEEDS, versions.get)) == [
        ("matplotlib", "matplotlib 3.5.3 is too old (needs >=3.7)",
         'python -m pip install --upgrade "matplotlib>=3.7"')]


def test_a_version_above_a_ceiling_is_not_called_too_old():
    [check] = doctor.check_dependencies(["pandas>=2.0,<3"], {"pandas": "3.1.1"}.get)
    assert check.detail == "pandas 3.1.1 is not a supported version (needs <3,>=2.0)"


def test_python_older_than_required_is_a_problem():
    assert doctor.check_python((3, 9, 18), ">=3.10").detail == "Python 3.9.18 is not supported (needs >=3.10)"
    assert doctor.check_python((3, 10, 0), ">=3.10").status == "ok"


@pytest.mark.parametrize("extensions, disabled, widgets, detail", [
    ({}, [], "8.1.9", "JupyterLab has no widget front-end: sliders and menus will not show"),
    (WIDGETS, [doctor.WIDGET_EXTENSION], "8.1.9", "JupyterLab widget front-end 5.0.16 is disabled"),
    (WIDGETS, {doctor.WIDGET_EXTENSION: True}, "8.1.9", "JupyterLab widget front-end 5.0.16 is disabled"),
    ({doctor.WIDGET_EXTENSION: {"version": "3.0.13"}}, [], "8.1.9",
     "JupyterLab widget front-end 3.0.13 does not match ipywidgets 8.1.9 (needs 5.x)"),
])
def test_a_missing_disabled_or_mismatched_widget_front_end_is_a_problem(extensions, disabled, widgets, detail):
    check = doctor.check_widget_extension(extensions, disabled, widgets)
    assert (check.status, check.detail) == ("problem", detail)
    assert check.fix


def test_the_widget_front_end_switched_back_on_is_healthy():
    check = doctor.check_widget_extension(WIDGETS, {doctor.WIDGET_EXTENSION: False}, "8.1.9")
    assert check.status == "ok"


def test_a_dataset_that_fails_to_load_is_a_problem_not_a_crash():
    def broken():
        raise FileNotFoundError("krcn_lab/data/events.csv")

    check = doctor.check_dataset(broken)
    assert check.status == "problem"
    assert check.detail == "dataset could not be read: FileNotFoundError: krcn_lab/data/events.csv"


def test_an_edited_dataset_that_breaks_validation_is_a_problem(data_copy):
    from conftest import replace_in
    from krcn_lab import validate

    replace_in(data_copy / "events.csv", "2025-", "2031-")
    check = doctor.check_dataset(lambda: validate(data_copy))
    assert check.status == "problem" and check.detail.startswith("dataset invalid: ")
    assert "krcn-lab validate" in check.fix


def test_materials_in_a_checkout_are_counted(tmp_path):
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "exercises" / "student").mkdir(parents=True)
    for name in ["notebooks/00_start_here.ipynb", "notebooks/01_reading_the_sources.ipynb",
                 "exercises/student/01_sources_and_cleaning.ipynb"]:
        (tmp_path / name).write_text("{}")
    checks = doctor.check_materials(tmp_path, HEALTHY.get)
    assert [(c.name, c.status, c.detail) for c in checks] == [
        ("notebooks", "ok", f"2 notebooks in {tmp_path / 'notebooks'}"),
        ("exercises", "ok", f"1 student exercises in {tmp_path / 'exercises' / 'student'}")]
    without_otter = {k: v for k, v in HEALTHY.items() if k != "otter-grader"}
    assert problems(doctor.check_materials(tmp_path, without_otter.get)) == [
        ("otter-grader", "otter-grader is not installed: the exercises' checks will not run",
         "python -m pip install otter-grader")]


def test_a_checkout_without_notebooks_or_exercises_has_two_problems(tmp_path):
    assert [name for name, _, _ in problems(doctor.check_materials(tmp_path, HEALTHY.get))] == [
        "notebooks", "exercises"]


def test_an_install_without_a_checkout_is_a_note_not_a_failure():
    [check] = doctor.check_materials(None, HEALTHY.get)
    assert check.status == "note" and "Binder" in check.fix


def test_the_checkout_is_found_from_a_subfolder_or_from_the_package():
    assert doctor.find_checkout(REPO / "krcn_lab" / "data", REPO / "krcn_lab") == REPO
    assert doctor.find_checkout(REPO.parent, REPO / "krcn_lab") == REPO


def test_each_problem_gets_one_fix_line_and_the_exit_code_is_1(capsys):
    checks = [Check("pandas", "ok", "pandas 3.1.1 (needs >=2.0)"),
              Check("networkx", "problem", "networkx is not installed (needs >=3.0)",
                    'python -m pip install "networkx>=3.0"')]
    assert doctor.main(checks) == 1
    out, err = capsys.readouterr()
    assert out.splitlines()[1:] == ["  ok       pandas 3.1.1 (needs >=2.0)",
                                    "  PROBLEM  networkx is not installed (needs >=3.0)",
                                    '           fix: python -m pip install "networkx>=3.0"']
    assert err.strip() == "1 problem: run each fix above, then krcn-lab doctor again"


def test_this_environment_passes_every_check_but_the_materials(capsys):
    """The test environment is healthy; the notebooks and exercises are checked where they exist."""
    checks = doctor.gather(REPO)
    names = [check.name for check in checks]
    assert names[:2] == ["Python", "pandas"] and "widget front-end" in names and "dataset" in names
    material = {"notebooks", "exercises", "otter-grader"}
    assert problems([c for c in checks if c.name not in material]) == []
    assert next(c for c in checks if c.name == "dataset").detail.startswith("dataset valid: 5 articles")


def test_the_command_line_runs_doctor(monkeypatch, capsys):
    monkeypatch.setattr(doctor, "gather", lambda: [Check("Python", "ok", "Python 3.11.7 (needs >=3.10)")])
    assert cli.main(["doctor"]) == 0
    assert "Python 3.11.7" in capsys.readouterr().out


def test_doctor_runs_as_a_program_and_exits_non_zero_when_something_is_broken(tmp_path):
    """Run from an empty folder with the package found on the path: no notebooks there is a note, not a failure,
    unless the package sits in a checkout (this one), whose notebooks then must be there."""
    result = subprocess.run([sys.executable, "-c", "import sys, krcn_lab.cli as c; sys.exit(c.main(['doctor']))"],
                            cwd=tmp_path, capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(REPO)))
    expected = 0 if (REPO / doctor.NOTEBOOK_00).is_file() and any(REPO.glob("exercises/student/*.ipynb")) else 1
    assert result.returncode == expected, result.stdout + result.stderr
    assert "dataset valid" in result.stdout
