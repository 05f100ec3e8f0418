"""``krcn-lab doctor``: is this environment ready for the workbook? One line per check, a fix for each problem.

In the spirit of a ``checkenv`` script: an instructor runs it on a laptop or in a
JupyterHub image the night before class; a learner runs it when something will
not start. Each check is a plain function that takes what it inspects (a version,
a requirement list, a lookup function, a folder) and returns :class:`Check` rows,
so tests can hand it a broken environment without building one. :func:`gather`
collects the real inputs; :func:`main` prints the report and returns 1 when
anything is broken.

>>> print(render([Check("Python", "ok", "Python 3.11.7 (needs >=3.10)")]))
  ok       Python 3.11.7 (needs >=3.10)
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Callable

from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.version import InvalidVersion, Version

__all__ = ["Check", "check_python", "check_dependencies", "check_widget_extension", "check_dataset",
           "check_materials", "find_checkout", "gather", "render", "main"]

DISTRIBUTION = "krcn-lab"
WIDGET_EXTENSION = "@jupyter-widgets/jupyterlab-manager"
NOTEBOOK_00 = "notebooks/00_start_here.ipynb"
EXERCISE_NEEDS = ["otter-grader"]  # what exercises/student/*.ipynb import, beyond the package's own needs


@dataclass(frozen=True)
class Check:
    """One line of the report: *status* is ``ok``, ``note`` (worth knowing) or ``problem`` (broken)."""

    name: str
    status: str
    detail: str
    fix: str = ""


def check_python(version: tuple, requires_python: str) -> Check:
    """The running Python against the package's ``Requires-Python``.

    >>> check_python((3, 9, 1), ">=3.10").fix
    'install Python 3.10 or newer (https://www.python.org/downloads/), then reinstall: python -m pip install -e .'
    >>> check_python((3, 11, 7), ">=3.10").status
    'ok'
    """
    current = ".".join(str(part) for part in version[:3])
    if Version(current) in SpecifierSet(requires_python):
        return Check("Python", "ok", f"Python {current} (needs {requires_python})")
    floor = requires_python.lstrip(">=~ ")
    return Check("Python", "problem", f"Python {current} is not supported (needs {requires_python})",
                 f"install Python {floor} or newer (https://www.python.org/downloads/), "
                 "then reinstall: python -m pip install -e .")


def _applies(requirement: Requirement) -> bool:
    """Whether a requirement applies to a plain install (no extras) on this Python and platform."""
    return requirement.marker is None or requirement.marker.evaluate({"extra": ""})


def check_dependencies(requirements: list[str], installed: Callable[[str], str | None]) -> list[Check]:
    """Each requirement (``"pandas>=2.0"``) against *installed*, a function from a name to its version or None.

    >>> versions = {"pandas": "3.1.1", "matplotlib": "3.5.0"}
    >>> for check in check_dependencies(["pandas>=2.0", "matplotlib>=3.7", "networkx>=3.0"], versions.get):
    ...     print(check.status, "|", check.detail, "|", check.fix or "-")
    ok | pandas 3.1.1 (needs >=2.0) | -
    problem | matplotlib 3.5.0 is too old (needs >=3.7) | python -m pip install --upgrade "matplotlib>=3.7"
    problem | networkx is not installed (needs >=3.0) | python -m pip install "networkx>=3.0"
    """
    checks = []
    for line in requirements:
        requirement = Requirement(line)
        if not _applies(requirement):
            continue
        name, wanted = requirement.name, str(requirement.specifier) or "any version"
        spec = f"{name}{requirement.specifier}"
        version = installed(name)
        if version is None:
            checks.append(Check(name, "problem", f"{name} is not installed (needs {wanted})",
                                f'python -m pip install "{spec}"'))
        elif requirement.specifier.contains(version, prereleases=True):
            checks.append(Check(name, "ok", f"{name} {version} (needs {wanted})"))
        else:
            age = "too old" if _below(version, requirement.specifier) else "not a supported version"
            checks.append(Check(name, "problem", f"{name} {version} is {age} (needs {wanted})",
                                f'python -m pip install --upgrade "{spec}"'))
    return checks


def _below(version: str, specifier: SpecifierSet) -> bool:
    """Whether *version* fails *specifier* by being lower than one of its lower bounds.

    >>> _below("3.5", SpecifierSet(">=3.7")), _below("4.0", SpecifierSet("<4"))
    (True, False)
    """
    try:
        found = Version(version)
    except InvalidVersion:
        return False
    return any(s.operator in (">=", ">", "~=", "==") and found < Version(s.version.rstrip(".*"))
               for s in specifier)


def check_widget_extension(extensions: dict, disabled, widgets_version: str | None) -> Check:
    """JupyterLab's widget front-end: installed, enabled, and the major version ipywidgets 8 needs (5).

    *extensions* maps JupyterLab extension names to their metadata (``{"version": ...}``),
    *disabled* holds the names JupyterLab's page config disables (a list, or a dict name → bool).

    >>> check_widget_extension({WIDGET_EXTENSION: {"version": "5.0.16"}}, [], "8.1.9").detail
    'JupyterLab widget front-end 5.0.16, enabled'
    >>> check_widget_extension({WIDGET_EXTENSION: {"version": "5.0.16"}}, {WIDGET_EXTENSION: True}, "8.1.9").fix
    'jupyter labextension enable @jupyter-widgets/jupyterlab-manager'
    """
    name = "widget front-end"
    if WIDGET_EXTENSION not in extensions:
        return Check(name, "problem", "JupyterLab has no widget front-end: sliders and menus will not show",
                     "python -m pip install --force-reinstall jupyterlab_widgets, then restart JupyterLab")
    version = extensions[WIDGET_EXTENSION].get("version", "?")
    off = disabled.get(WIDGET_EXTENSION, False) if isinstance(disabled, dict) else WIDGET_EXTENSION in disabled
    if off:
        return Check(name, "problem", f"JupyterLab widget front-end {version} is disabled",
                     f"jupyter labextension enable {WIDGET_EXTENSION}")
    if widgets_version and widgets_version.split(".")[0] == "8" and not version.startswith("5."):
        return Check(name, "problem", f"JupyterLab widget front-end {version} does not match ipywidgets "
                     f"{widgets_version} (needs 5.x)", "python -m pip install --upgrade jupyterlab_widgets")
    return Check(name, "ok", f"JupyterLab widget front-end {version}, enabled")


def check_dataset(validate: Callable) -> Check:
    """Run *validate* (``krcn_lab.validate``) and report its verdict; an exception is a problem too.

    >>> class Report:
    ...     ok = False
    ...     def __str__(self): return "events.csv line 3: date 2025-13-01 is not a date"
    >>> check_dataset(lambda: Report()).detail
    'dataset invalid: events.csv line 3: date 2025-13-01 is not a date'
    """
    try:
        report = validate()
    except Exception as error:  # a broken install can fail anywhere inside the loaders
        return Check("dataset", "problem", f"dataset could not be read: {type(error).__name__}: {error}",
                     "reinstall the package: python -m pip install --force-reinstall -e .")
    if report.ok:
        return Check("dataset", "ok", str(report).splitlines()[0])
    first = str(report).splitlines()
    return Check("dataset", "problem", "dataset invalid: " + "; ".join(first[:3]),
                 "run krcn-lab validate for every problem, then fix the named files and lines "
                 "(docs/coding_manual.md), or undo your edits with git checkout krcn_lab/data")


def find_checkout(start: Path, package_dir: Path) -> Path | None:
    """The repository checkout: *start* or a folder above it, else the folder above *package_dir*.

    A checkout is a folder with this project's ``pyproject.toml``; an editable install's
    package folder sits inside one.

    >>> import tempfile
    >>> find_checkout(Path(tempfile.mkdtemp()), Path(tempfile.mkdtemp()) / "krcn_lab") is None
    True
    """
    for folder in [start, *start.parents, package_dir.parent]:
        project = folder / "pyproject.toml"
        if project.is_file() and 'name = "krcn-lab"' in project.read_text(encoding="utf-8", errors="replace"):
            return folder
    return None


def check_materials(root: Path | None, installed: Callable[[str], str | None]) -> list[Check]:
    """The notebooks and student exercises in checkout *root* (None: installed without a checkout).

    >>> check_materials(None, {}.get)[0].status
    'note'
    """
    if root is None:
        return [Check("notebooks", "note", "no checkout found: the package is installed without the notebooks "
                      "and exercises", "to get them: git clone the repository, or open the README's Binder link")]
    notebooks = sorted(root.glob("notebooks/[0-9][0-9]_*.ipynb"))
    exercises = sorted(root.glob("exercises/student/*.ipynb"))
    checks = []
    if (root / NOTEBOOK_00).is_file():
        checks.append(Check("notebooks", "ok", f"{len(notebooks)} notebooks in {root / 'notebooks'}"))
    else:
        checks.append(Check("notebooks", "problem", f"{NOTEBOOK_00} is missing from {root}",
                            "git checkout -- notebooks (or git pull) to restore the notebooks"))
    if not exercises:
        checks.append(Check("exercises", "problem", f"no student exercises in {root / 'exercises' / 'student'}",
                            "git checkout -- exercises (or git pull) to restore the exercises"))
        return checks
    checks.append(Check("exercises", "ok", f"{len(exercises)} student exercises in {exercises[0].parent}"))
    for need in EXERCISE_NEEDS:
        if installed(need) is None:
            checks.append(Check(need, "problem", f"{need} is not installed: the exercises' checks will not run",
                                f"python -m pip install {need}"))
    return checks


def _installed(name: str) -> str | None:
    """The installed version of distribution *name*, or None.

    >>> _installed("no-such-distribution-here") is None
    True
    """
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def _lab_extensions() -> tuple[dict, object]:
    """JupyterLab's installed front-end extensions and its disabled list, read as JupyterLab reads them."""
    from jupyter_core.paths import jupyter_path
    from jupyterlab_server.config import get_federated_extensions, get_page_config

    paths = jupyter_path("labextensions")
    return get_federated_extensions(paths), get_page_config(paths).get("disabledExtensions", [])


def gather(start: Path | None = None) -> list[Check]:
    """Every check, on this environment (the checkout looked for from *start*, default the current folder)."""
    try:
        own = metadata.metadata(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return [Check(DISTRIBUTION, "problem", f"{DISTRIBUTION} is not installed in {sys.prefix}",
                      "from the repository's folder: python -m pip install -e .")]
    checks = [check_python(sys.version_info, own.get("Requires-Python") or ">=3")]
    checks += check_dependencies(metadata.requires(DISTRIBUTION) or [], _installed)
    try:
        extensions, disabled = _lab_extensions()
        checks.append(check_widget_extension(extensions, disabled, _installed("ipywidgets")))
    except ImportError as error:
        checks.append(Check("widget front-end", "problem", f"JupyterLab cannot be inspected ({error})",
                            "python -m pip install jupyterlab"))
    from .validation import validate

    checks.append(check_dataset(validate))
    package_dir = Path(__file__).resolve().parent
    checks += check_materials(find_checkout((start or Path.cwd()).resolve(), package_dir), _installed)
    return checks


def render(checks: list[Check]) -> str:
    """The report: one line per check, and under each problem one line saying how to fix it.

    >>> print(render([Check("pandas", "problem", "pandas is not installed (needs >=2.0)",
    ...                     'python -m pip install "pandas>=2.0"')]))
      PROBLEM  pandas is not installed (needs >=2.0)
               fix: python -m pip install "pandas>=2.0"
    """
    lines = []
    for check in checks:
        lines.append(f"  {'PROBLEM' if check.status == 'problem' else check.status:<8} {check.detail}")
        if check.fix and check.status != "ok":
            lines.append(f"  {'':<8} {'fix' if check.status == 'problem' else 'tip'}: {check.fix}")
    return "\n".join(lines)


def main(checks: list[Check] | None = None) -> int:
    """Print the report for *checks* (default: :func:`gather`); return 1 if any is a problem, else 0.

    >>> main([Check("Python", "ok", "Python 3.11.7 (needs >=3.10)")])
    krcn-lab doctor: is this environment ready for the workbook?
      ok       Python 3.11.7 (needs >=3.10)
    all good: open the workbook with jupyter lab
    0
    """
    checks = gather() if checks is None else checks
    print("krcn-lab doctor: is this environment ready for the workbook?")
    print(render(checks))
    problems = sum(check.status == "problem" for check in checks)
    if problems:
        print(f"{problems} problem{'s' if problems > 1 else ''}: run each fix above, then krcn-lab doctor again",
              file=sys.stderr)
        return 1
    print("all good: open the workbook with jupyter lab")
    return 0
