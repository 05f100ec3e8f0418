"""Binder's pins install fresh and run the workbook: a new virtual environment, `pip install -r
binder/requirements.txt` exactly as repo2docker runs it (from a copy of the repository's root), then
binder/postBuild, then notebooks 00 and 06 and a student exercise with its checks, run by nbclient
inside that environment.

Takes a few minutes (pip's cache is reused). Missing notebooks or exercises skip their test on a
laptop and fail it in CI (CI=true).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import nbformat
import pytest
from packaging.utils import canonicalize_name

from conftest import REPO
from notebook_harness import output_problems

pytestmark = pytest.mark.slow

NOTEBOOKS = ["notebooks/00_start_here.ipynb", "notebooks/06_shifts_between_administrations.ipynb"]
STUDENT = "exercises/student"
MASTERS = "exercises/source"
NOT_COPIED = shutil.ignore_patterns(".git", "build", "dist", "*.egg-info", "__pycache__", ".venv*", "mutants",
                                    "artifacts", "bench-results", ".ipynb_checkpoints", ".pytest_cache")
PROBE = "import sys, krcn_lab\nprint('KERNEL', sys.executable, krcn_lab.__file__)"


class InstallError(RuntimeError):
    """The pins could not be installed; the message names the requirements file and pip's errors."""


def pip_errors(output: str) -> str:
    """pip's ERROR lines (or its last lines when it printed none).

    >>> pip_errors("Collecting x\\nERROR: No matching distribution found for pandas==0.0.999\\n")
    'ERROR: No matching distribution found for pandas==0.0.999'
    """
    errors = [line for line in output.splitlines() if line.startswith("ERROR")]
    return "\n".join(errors or output.strip().splitlines()[-5:])


def install_pins(env_dir: Path, requirements: Path, cwd: Path, timeout: float = 1500) -> Path:
    """Create a virtual environment in *env_dir* and run ``pip install -r requirements`` from *cwd*, as
    repo2docker does; return the environment's python, or raise InstallError naming what failed."""
    venv.create(env_dir, with_pip=True, clear=True)
    python = env_dir / "bin" / "python"
    command = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "--progress-bar", "off",
               "-r", str(requirements)]
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          env=clean_env(env_dir))
    if done.returncode != 0:
        raise InstallError(f"{requirements}: pip could not install the pins into a new environment:\n"
                           f"{pip_errors(done.stdout + done.stderr)}")
    return python


def clean_env(env_dir: Path, home: Path | None = None) -> dict:
    """The environment for commands inside *env_dir*: its bin first, nothing from this checkout or user."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "JUPYTER_PATH")}
    env["PATH"] = f"{env_dir / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["VIRTUAL_ENV"] = str(env_dir)
    if home is not None:  # keep the user's own kernels, settings and config out of the proof
        env.update(JUPYTER_DATA_DIR=str(home / "data"), JUPYTER_CONFIG_DIR=str(home / "config"),
                   JUPYTER_RUNTIME_DIR=str(home / "runtime"), JUPYTERLAB_SETTINGS_DIR=str(home / "settings"))
    return env


def require(paths: list[Path], what: str) -> None:
    """Skip when the workbook's material is missing, but fail in CI, where it must all be there."""
    missing = [path.name for path in paths if not path.exists()]
    if missing:
        message = f"{what} missing: {', '.join(missing)}"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the fresh-install proof on the whole workbook: {message}")
        pytest.skip(message)


def test_a_pin_that_does_not_exist_fails_the_install_with_a_clear_message(tmp_path):
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("pandas==0.0.999\n", encoding="utf-8")
    with pytest.raises(InstallError) as failure:
        install_pins(tmp_path / "venv", requirements, tmp_path)
    message = str(failure.value)
    assert message.startswith(f"{requirements}: pip could not install the pins")
    assert "pandas==0.0.999" in message


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    """(python, copy of the repository, jupyter home) once binder/requirements.txt and postBuild have run."""
    work = tmp_path_factory.mktemp("fresh")
    copy = work / "repo"
    shutil.copytree(REPO, copy, ignore=NOT_COPIED)
    runtime = (copy / "binder" / "runtime.txt").read_text(encoding="utf-8").strip()
    here = f"python-{sys.version_info.major}.{sys.version_info.minor}"
    assert runtime == here, f"binder/runtime.txt says {runtime} but this test runs on {here}"
    try:
        python = install_pins(work / "venv", Path("binder/requirements.txt"), copy)
    except InstallError as error:
        pytest.fail(str(error))
    home = work / "jupyter"
    done = subprocess.run(["bash", "binder/postBuild"], cwd=copy, capture_output=True, text=True,
                          env=clean_env(work / "venv", home))
    assert done.returncode == 0, f"binder/postBuild failed:\n{done.stdout}{done.stderr}"
    return python, copy, home


def run_in(python: Path, args: list[str], cwd: Path, home: Path, timeout: float = 600):
    return subprocess.run([str(python), *args], cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          env=clean_env(python.parent.parent, home))


def test_the_pins_are_the_whole_environment_and_agree_with_each_other(fresh):
    python, copy, home = fresh
    check = run_in(python, ["-m", "pip", "check"], copy, home)
    assert check.returncode == 0, check.stdout + check.stderr
    frozen = run_in(python, ["-m", "pip", "freeze", "--all"], copy, home).stdout
    installed = {canonicalize_name(m.group(1)): m.group(2)
                 for m in re.finditer(r"^([A-Za-z0-9_.\-]+)==(\S+)$", frozen, re.M)}
    pinned = {canonicalize_name(m.group(1)): m.group(2)
              for m in re.finditer(r"^([A-Za-z0-9_.\-]+)==(\S+)", (copy / "binder/requirements.txt").read_text(), re.M)}
    for tool in ("pip", "setuptools", "wheel"):
        installed.pop(tool, None)
    assert {n: v for n, v in installed.items() if pinned.get(n) != v} == {}, "installed but not pinned (or other version)"
    assert set(pinned) - set(installed) == set(), "pinned but not installed"
    assert re.search(r"^krcn-lab @ file://", frozen, re.M), "the package itself was not installed from the checkout"


def test_post_build_puts_the_class_settings_where_this_jupyterlab_reads_them(fresh):
    python, copy, home = fresh
    paths = run_in(python, ["-m", "jupyterlab", "path"], copy, home).stdout
    app_dir = Path(re.search(r"Application directory:\s+(\S+)", paths).group(1))
    assert app_dir.is_relative_to(python.parent.parent), paths
    installed = app_dir / "settings" / "overrides.json"
    assert json.loads(installed.read_text()) == json.loads((REPO / "binder/overrides.json").read_text())
    assert not (copy / "build").exists() and not (copy / "krcn_lab.egg-info").exists()


def test_doctor_finds_the_fresh_environment_healthy(fresh):
    python, copy, home = fresh
    require([copy / NOTEBOOKS[0], *[copy / STUDENT]], "the notebooks and exercises")
    done = subprocess.run([str(python.parent / "krcn-lab"), "doctor"], cwd=copy, capture_output=True, text=True,
                          env=clean_env(python.parent.parent, home), timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "widget front-end 5." in done.stdout and "dataset valid" in done.stdout


EXECUTE = """
import sys, nbformat
from nbclient import NotebookClient
for path in sys.argv[1:]:
    notebook = nbformat.read(path, as_version=4)
    folder = path.rsplit("/", 1)[0]
    NotebookClient(notebook, timeout=300, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": folder}}).execute(cwd=folder)
    nbformat.write(notebook, path)
    print("executed", path, flush=True)
"""


def solutions(master: Path) -> dict:
    """Each question's solution code in an otter master notebook: {question name: source}."""
    found, name, in_solution = {}, None, False
    for cell in nbformat.read(master, as_version=4).cells:
        text = cell.source.strip()
        if cell.cell_type == "raw" and text.startswith("# BEGIN QUESTION"):
            name = re.search(r"^name:\s*(\w+)", text, re.M).group(1)
        elif cell.cell_type == "raw":
            in_solution = text.startswith("# BEGIN SOLUTION")
        elif cell.cell_type == "code" and in_solution and name and name not in found:
            found[name] = cell.source
    return found


def answered(student: Path, master: Path) -> nbformat.NotebookNode:
    """The student copy with each code answer cell replaced by the master's solution for its question."""
    notebook, answers, pending = nbformat.read(student, as_version=4), solutions(master), []
    for cell in notebook.cells:
        if cell.cell_type == "code" and "otter_answer_cell" in cell.metadata.get("tags", []):
            pending.append(cell)
        match = re.match(r'grader\.check\("(\w+)"\)', cell.source.strip()) if cell.cell_type == "code" else None
        if match:
            assert match.group(1) in answers, f"{master.name} has no solution for {match.group(1)}"
            for blank in pending:
                blank.source = answers[match.group(1)]
            pending = []
    return notebook


@pytest.fixture(scope="module")
def executed(fresh):
    """Notebooks 00 and 06 and the first student exercise (answers filled in), run inside the fresh environment."""
    python, copy, home = fresh
    exercises = sorted((copy / STUDENT).glob("*.ipynb"))
    require([copy / path for path in NOTEBOOKS], "notebooks")
    require(exercises[:1] or [copy / STUDENT / "*.ipynb"], "student exercises")
    first = copy / NOTEBOOKS[0]
    notebook = nbformat.read(first, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(PROBE))
    nbformat.write(notebook, first)
    exercise = exercises[0]
    nbformat.write(answered(exercise, copy / MASTERS / exercise.name), exercise)
    paths = [copy / path for path in NOTEBOOKS] + [exercise]
    done = run_in(python, ["-c", EXECUTE, *map(str, paths)], copy, home, timeout=1200)
    assert done.returncode == 0, done.stderr[-3000:]
    return {path: nbformat.read(path, as_version=4) for path in paths}, python


def test_notebooks_00_and_06_run_cleanly_in_the_fresh_environment(executed):
    notebooks, python = executed
    for path, notebook in list(notebooks.items())[:2]:
        assert output_problems(notebook) == [], path.name
    probe = "".join(o.get("text", "") for o in list(notebooks.values())[0].cells[-1].outputs)
    _, kernel_python, package = probe.split()
    env_dir = str(python.parent.parent)
    assert kernel_python.startswith(env_dir) and package.startswith(env_dir) and "site-packages" in package, probe


def test_a_student_exercise_passes_its_checks_in_the_fresh_environment(executed):
    notebooks, _ = executed
    path, notebook = list(notebooks.items())[2]
    checks = [c for c in notebook.cells if c.cell_type == "code" and c.source.startswith("grader.check(")]
    assert checks, f"{path.name} has no grader.check cells"
    for cell in checks:
        shown = "".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", "")) for o in cell.outputs)
        assert "All test cases passed!" in shown, f"{path.name}: {cell.source}: {shown[:400]}"
    errors = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert errors == [], [f"{o.ename}: {o.evalue}" for o in errors]
