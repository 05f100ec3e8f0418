"""Each notebook in a real browser: JupyterLab in headless Chromium runs it, its widgets render and respond.

One JupyterLab server and one browser serve every notebook in the list of
tests/test_notebooks.py (add a notebook there, with one line, and it is tested
here too). A failing notebook leaves a screenshot in tests/artifacts/.
Outside CI the test is skipped when Debian's Chromium is absent; with CI=true it never is.
"""

import os
import uuid

import nbformat
import pytest

from browser_harness import (CHROMIUM, CHROMIUM_ARGS, check_widgets_respond, close_session, open_notebook,
                             run_all_cells, shown_errors, start_lab)
from notebook_harness import FIXTURES, REPO
from test_notebooks import NOTEBOOKS

pytestmark = pytest.mark.browser
ARTIFACTS = REPO / "tests" / "artifacts"
PROBE = "tests/fixtures/probe.ipynb"


def require_browser():
    """Skip (or, in CI, fail) when Chromium or Playwright is missing."""
    missing = None
    if not CHROMIUM.exists():
        missing = f"Debian's Chromium is not at {CHROMIUM}; install it with: apt-get install -y chromium"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            missing = 'Playwright for Python is missing; install it with: python -m pip install -e ".[test]"'
    if missing and os.environ.get("CI") == "true":
        pytest.fail(f"CI must run the real-browser test: {missing}")
    if missing:
        pytest.skip(f"real-browser test skipped: {missing}")


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    require_browser()
    server = start_lab(tmp_path_factory.mktemp("jupyterlab"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser(lab):
    from playwright.sync_api import sync_playwright

    driver = sync_playwright().start()
    try:
        chromium = driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        yield context
        context.close()
        chromium.close()
    finally:
        driver.stop()


@pytest.fixture
def page(lab, browser):
    """A fresh browser page; afterwards it is closed and the kernels it started are shut down."""
    page = browser.new_page()
    yield page
    page.close()
    for session in lab.sessions():
        close_session(lab.url, session)


def open_and_run(page, lab, path):
    """Open *path* (from the repository root) in a fresh workspace and run all its cells."""
    assert (REPO / path).is_file(), f"{path} is missing"
    open_notebook(page, lab.url, path, f"t-{uuid.uuid4().hex[:12]}")
    run_all_cells(page)


def screenshot(page, path):
    """Save what the page shows to tests/artifacts/, named after the notebook."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / (path.replace("/", "__") + ".png")), full_page=True)


@pytest.mark.parametrize("path", [PROBE] + [f"notebooks/{name}" for name in NOTEBOOKS])
def test_in_jupyterlab_the_notebook_runs_and_its_first_widget_responds(lab, page, path):
    assert (REPO / path).is_file(), f"{path} is missing"
    (ARTIFACTS / (path.replace("/", "__") + ".png")).unlink(missing_ok=True)
    try:
        open_and_run(page, lab, path)
        assert shown_errors(page) == [], f"{path}: a cell shows an error or writes to stderr"
        check_widgets_respond(page)
    except BaseException:
        screenshot(page, path)
        raise


def test_the_browser_harness_sees_an_error_and_a_widget_that_does_not_respond(lab, page):
    notebook = nbformat.read(FIXTURES / "probe.ipynb", as_version=4)
    notebook.cells[1].source = notebook.cells[1].source.replace('choice.observe(show, names="value")', "")
    notebook.cells.insert(2, nbformat.v4.new_code_cell("raise ValueError('on purpose')"))
    ARTIFACTS.mkdir(exist_ok=True)
    nbformat.write(notebook, ARTIFACTS / "broken_probe.ipynb")
    open_and_run(page, lab, "tests/artifacts/broken_probe.ipynb")
    errors = shown_errors(page)
    assert len(errors) == 1 and "ValueError: on purpose" in errors[0], errors
    with pytest.raises(AssertionError, match="left the first .krcn-output unchanged"):
        check_widgets_respond(page, timeout=3)
