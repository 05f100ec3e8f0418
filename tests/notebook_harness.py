"""Checks for the workbook's notebooks, reusable by tests, benchmarks and the fixture self-test.

Each check takes a notebook (an ``nbformat`` node, or a path) and returns a list
of problems as one-line strings: an empty list means the notebook passes. The
tests assert that list is empty, so a failure names the notebook, the cell and
the problem.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = REPO / "notebooks"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
OPENING_SECTIONS = ("Prerequisites", "Learning outcomes", "Time needed", "Data used")
CHECK_SECTION = "Check your understanding"
TIME_LIMIT = 30.0  # seconds, for one whole notebook
STDERR_MIME = "application/vnd.jupyter.stderr"


@dataclass
class Run:
    """An executed notebook and how long it took (kernel start included)."""

    notebook: nbformat.NotebookNode
    seconds: float


def kernel_env(repo: Path = REPO) -> dict:
    """The environment for a kernel: this checkout's ``krcn_lab`` comes first on its path.

    >>> kernel_env(Path("/x"))["PYTHONPATH"].split(os.pathsep)[0]
    '/x'
    """
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(repo), env.get("PYTHONPATH", "")) if p)
    env.pop("MPLBACKEND", None)  # the kernel chooses its own (inline) backend
    return env


def execute(path: Path, *, cell_timeout: float = TIME_LIMIT, repo: Path = REPO) -> Run:
    """Run a notebook top to bottom in a fresh kernel, with its own folder as the working directory.

    Errors do not stop the run: every cell runs, and the outputs carry the errors
    for ``output_problems`` to report.
    """
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=cell_timeout, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    client.execute(cwd=str(path.parent), env=kernel_env(repo))
    return Run(notebook, time.perf_counter() - start)


def output_problems(notebook: nbformat.NotebookNode) -> list[str]:
    """Every error output and every stream written to stderr (warnings included), one line each.

    >>> cell = nbformat.v4.new_code_cell("1/0", outputs=[nbformat.v4.new_output(
    ...     "error", ename="ZeroDivisionError", evalue="division by zero", traceback=[])])
    >>> output_problems(nbformat.v4.new_notebook(cells=[cell]))
    ['cell 1: ZeroDivisionError: division by zero']
    """
    problems = []
    for number, cell in enumerate(notebook.cells, start=1):
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                problems.append(f"cell {number}: {output.ename}: {output.evalue}")
            elif output.output_type == "stream" and output.name == "stderr":
                problems.append(f"cell {number}: stderr: {output.text.strip()[:300]}")
            elif STDERR_MIME in output.get("data", {}):
                problems.append(f"cell {number}: stderr: {str(output.data[STDERR_MIME])[:300]}")
    return problems


def stored_outputs(notebook: nbformat.NotebookNode) -> list[str]:
    """Code cells that carry outputs or an execution count (a committed notebook must carry neither).

    >>> cell = nbformat.v4.new_code_cell("1 + 1", execution_count=3)
    >>> stored_outputs(nbformat.v4.new_notebook(cells=[cell]))
    ['cell 1: execution count 3']
    """
    problems = []
    for number, cell in enumerate(notebook.cells, start=1):
        if cell.cell_type != "code":
            continue
        if cell.get("outputs"):
            problems.append(f"cell {number}: {len(cell.outputs)} stored output(s)")
        if cell.get("execution_count") is not None:
            problems.append(f"cell {number}: execution count {cell.execution_count}")
    return problems


def headings(markdown: str) -> list[str]:
    """The section titles in a markdown text: ``#`` headings and lines opening with a bold label.

    >>> headings("# Title\\n\\n**Time needed:** 20 minutes\\ntext\\n## Data used")
    ['Title', 'Time needed', 'Data used']
    """
    found = []
    for line in markdown.splitlines():
        match = re.match(r"\s*(?:#{1,6}\s+(.+?)\s*#*\s*$|[-*]?\s*\*\*(.+?)\*\*)", line)
        if match:
            found.append((match.group(1) or match.group(2)).strip().rstrip(":").strip())
    return found


def _names(titles: list[str], wanted: str) -> bool:
    return any(title.lower().startswith(wanted.lower()) for title in titles)


def opening_problems(notebook: nbformat.NotebookNode) -> list[str]:
    """Sections missing from the markdown cells before the first code cell.

    >>> opening_problems(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(
    ...     "# T\\n## Prerequisites\\n## Learning outcomes\\n## Time needed")]))
    ['opening has no "Data used" heading']
    """
    opening = []
    for cell in notebook.cells:
        if cell.cell_type == "code":
            break
        if cell.cell_type == "markdown":
            opening += headings(cell.source)
    return [f'opening has no "{name}" heading' for name in OPENING_SECTIONS if not _names(opening, name)]


def closing_problems(notebook: nbformat.NotebookNode) -> list[str]:
    """The notebook must end with a "Check your understanding" section naming its graded exercise.

    That heading must be the last section of its level (subsections are allowed),
    and a markdown line after it must name the matching graded exercise.

    >>> md = nbformat.v4.new_markdown_cell
    >>> closing_problems(nbformat.v4.new_notebook(cells=[md("## Check your understanding"),
    ...     md("Graded exercise: exercises/02_actors, who is who.")]))
    []
    >>> closing_problems(nbformat.v4.new_notebook(cells=[md("## Check your understanding"), md("## More")]))
    ['"Check your understanding" is not the last section (then: More)', 'no line names the graded exercise']
    """
    lines = [line for cell in notebook.cells if cell.cell_type == "markdown" for line in cell.source.splitlines()]
    starts = [i for i, line in enumerate(lines) if re.match(rf"\s*(#+)\s+{CHECK_SECTION}", line, re.I)]
    if not starts:
        return [f'no "{CHECK_SECTION}" section']
    level = len(re.match(r"\s*(#+)", lines[starts[-1]]).group(1))
    after = lines[starts[-1] + 1:]
    later = [m.group(2) for m in (re.match(r"\s*(#+)\s+(.+)", line) for line in after)
             if m and len(m.group(1)) <= level]
    problems = [f'"{CHECK_SECTION}" is not the last section (then: {", ".join(later)})'] if later else []
    if not any(re.search(r"graded exercise\W+\w+", line, re.I) for line in after):
        problems.append("no line names the graded exercise")
    return problems


def committed_notebooks(repo: Path = REPO) -> list[Path]:
    """Every notebook a learner gets: ``notebooks/*.ipynb`` and ``exercises/**/*.ipynb`` (no checkpoints)."""
    found = sorted(repo.glob("notebooks/*.ipynb")) + sorted(repo.glob("exercises/**/*.ipynb"))
    return [path for path in found if ".ipynb_checkpoints" not in path.parts]
