"""Binder reads one pinned environment that installs the package, and opens a JupyterLab set up for a class.

The pins are checked against pyproject.toml here; tests/test_fresh_install.py
installs them into a new environment and runs the workbook there. The class settings
(binder/overrides.json, installed by binder/postBuild) are checked as text, through
a running JupyterLab's settings API, and in headless Chromium as a learner sees them.
"""

import json
import os
import re
import subprocess
import sys
import time
import tomllib

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.specifiers import SpecifierSet

from browser_harness import CHROMIUM, CHROMIUM_ARGS, free_port, wait_for_http
from conftest import REPO

BINDER = REPO / "binder"
NOTEBOOK_00 = "notebooks/00_start_here.ipynb"
#: What the workbook needs in Binder beyond the package's own dependencies: the exercises' grader and the kernel.
WORKBOOK_NEEDS = ["otter-grader", "ipykernel"]
#: Files that make repo2docker build an environment (runtime.txt and postBuild only adjust one).
ENVIRONMENT_FILES = {"environment.yml", "environment.yaml", "Pipfile", "Pipfile.lock", "requirements.txt",
                     "requirements3.txt", "setup.py", "Project.toml", "REQUIRE", "install.R", "DESCRIPTION",
                     "default.nix", "Dockerfile", "pixi.toml", "pixi.lock"}
NOTIFICATION = "@jupyterlab/apputils-extension:notification"
DOCMANAGER = "@jupyterlab/docmanager-extension:plugin"
JUPYTEXT = "jupyterlab-jupytext:plugin"


def pins() -> dict:
    """binder/requirements.txt as {canonical name: exact version}; fails on any line that is not a pin or `.`."""
    found = {}
    for number, line in enumerate((BINDER / "requirements.txt").read_text(encoding="utf-8").splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line or line == ".":
            continue
        requirement = Requirement(line)
        [spec] = list(requirement.specifier) or [None]
        assert spec is not None and spec.operator == "==", f"binder/requirements.txt line {number}: {line} is not pinned with =="
        found[canonicalize_name(requirement.name)] = spec.version
    return found


def project() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def overrides() -> dict:
    return json.loads((BINDER / "overrides.json").read_text(encoding="utf-8"))


def test_binder_reads_exactly_one_environment_file_and_the_root_has_none():
    assert sorted(p.name for p in BINDER.iterdir() if p.name in ENVIRONMENT_FILES) == ["requirements.txt"]
    assert sorted(p.name for p in REPO.iterdir() if p.name in ENVIRONMENT_FILES) == []


def test_every_runtime_dependency_is_pinned_inside_its_pyproject_range():
    pinned = pins()
    for line in project()["dependencies"]:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        assert name in pinned, f"binder/requirements.txt does not pin {requirement.name} (pyproject.toml needs {line})"
        assert requirement.specifier.contains(pinned[name], prereleases=True), \
            f"binder/requirements.txt pins {name}=={pinned[name]}, outside pyproject.toml's {line}"


def test_the_workbooks_own_needs_are_pinned_too():
    assert {canonicalize_name(n) for n in WORKBOOK_NEEDS} <= set(pins())


def test_a_pin_outside_the_range_would_be_caught():
    """The check above, on a pin that breaks the range (the test must be able to fail)."""
    assert not Requirement("matplotlib>=3.7").specifier.contains("3.5.3")


def test_the_package_itself_is_installed_from_the_checkout_by_the_last_line():
    lines = [line.strip() for line in (BINDER / "requirements.txt").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    assert lines[-1] == ".", "the last line must install the workbook's package from the repository root"
    assert lines.count(".") == 1 and "-e ." not in lines


def test_the_pinned_python_is_allowed_by_pyproject():
    runtime = (BINDER / "runtime.txt").read_text(encoding="utf-8").strip()
    assert re.fullmatch(r"python-3\.\d+", runtime), runtime
    assert SpecifierSet(project()["requires-python"]).contains(runtime.removeprefix("python-")), runtime


def test_post_build_is_executable_and_installs_the_overrides_where_jupyterlab_reads_them():
    script = (BINDER / "postBuild").read_text(encoding="utf-8")
    assert script.startswith("#!/bin/bash\n") and os.access(BINDER / "postBuild", os.X_OK)
    assert 'cp binder/overrides.json "$app_dir/settings/overrides.json"' in script
    assert "get_app_dir()" in script


def test_the_class_settings_say_no_news_and_no_update_check():
    assert overrides()[NOTIFICATION] == {"fetchNews": "false", "checkForUpdates": False}


def test_readme_opens_rendered_and_scripts_open_in_the_editor():
    assert overrides()[DOCMANAGER] == {"defaultViewers": {"markdown": "Markdown Preview", "python": "Editor"}}


def test_every_jupytext_text_notebook_kind_is_off_in_the_launcher():
    """Read the formats from the installed jupytext extension, so a new format in a later jupytext is caught."""
    from jupyter_core.paths import jupyter_path

    schemas = [p for base in jupyter_path("labextensions")
               for p in [os.path.join(base, "jupyterlab-jupytext", "schemas", "jupyterlab-jupytext", "plugin.json")]
               if os.path.exists(p)]
    assert schemas, "jupyterlab-jupytext is not installed here (otter-grader brings it)"
    with open(schemas[0], encoding="utf-8") as handle:
        formats = {k for k, v in json.load(handle)["properties"].items() if v.get("type") == "boolean"}
    assert overrides()[JUPYTEXT] == {name: False for name in formats}


@pytest.fixture(scope="module")
def class_lab(tmp_path_factory):
    """JupyterLab as Binder starts it: the app-level overrides.json, empty user settings, no token."""
    work = tmp_path_factory.mktemp("binder-lab")
    app_settings, root = work / "app-settings", work / "root"
    app_settings.mkdir()
    root.mkdir()
    (app_settings / "overrides.json").write_bytes((BINDER / "overrides.json").read_bytes())
    (root / "README.md").write_bytes((REPO / "README.md").read_bytes())
    (root / "script.py").write_text("import krcn_lab\nprint(krcn_lab.load_events().shape)\n", encoding="utf-8")
    port = free_port()
    env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(work / "user-settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(work / "workspaces"), JUPYTER_RUNTIME_DIR=str(work / "runtime"))
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
               f"--ServerApp.port={port}", "--ServerApp.port_retries=0", "--IdentityProvider.token=",
               "--ServerApp.password=", f"--ServerApp.root_dir={root}", f"--LabApp.app_settings_dir={app_settings}"]
    if os.geteuid() == 0:
        command.append("--allow-root")
    with (work / "lab.log").open("w") as log:
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_for_http(f"http://127.0.0.1:{port}/api/status", process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)


def setting_defaults(url: str, plugin: str) -> dict:
    import urllib.request

    with urllib.request.urlopen(f"{url}/lab/api/settings/{plugin}", timeout=10) as answer:
        schema = json.load(answer)["schema"]
    return {name: spec.get("default") for name, spec in schema["properties"].items() if "default" in spec}


def test_a_running_jupyterlab_takes_the_overrides_as_its_defaults(class_lab):
    notification = setting_defaults(class_lab, NOTIFICATION)
    assert (notification["fetchNews"], notification["checkForUpdates"]) == ("false", False)
    assert setting_defaults(class_lab, DOCMANAGER)["defaultViewers"] == {"markdown": "Markdown Preview",
                                                                          "python": "Editor"}
    assert set(setting_defaults(class_lab, JUPYTEXT).values()) == {False}


@pytest.mark.browser
def test_a_learner_sees_no_news_a_rendered_readme_a_script_in_the_editor_and_no_jupytext_launcher(class_lab):
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the real-browser test: no Chromium at {CHROMIUM}")
        pytest.skip(f"no Chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"{class_lab}/lab?reset")
            page.wait_for_selector(".jp-Launcher .jp-LauncherCard", timeout=60_000)
            sections = [t.split("\n")[0] for t in page.locator(".jp-Launcher-section").all_inner_texts()]
            assert "Jupytext" not in sections and "Notebook" in sections, sections
            opened = {}
            for name in ["README.md", "script.py"]:
                page.locator(".jp-DirListing-item", has_text=name).first.dblclick()
                page.wait_for_selector(f".lm-TabBar-tab.lm-mod-current:has-text('{name}')", timeout=30_000)
                current = page.locator(".jp-MainAreaWidget:not(.lm-mod-hidden)").last
                current.locator(".jp-RenderedMarkdown, .jp-FileEditor, .jp-Notebook").first.wait_for(timeout=30_000)
                opened[name] = [kind for kind in ("jp-RenderedMarkdown", "jp-FileEditor", "jp-Notebook")
                                if current.locator(f".{kind}").count()]
            assert opened == {"README.md": ["jp-RenderedMarkdown"], "script.py": ["jp-FileEditor"]}
            time.sleep(3)  # the news question would appear by now
            assert page.locator(".jp-toast-message, .Toastify__toast").all_inner_texts() == []
        finally:
            browser.close()


def test_the_readme_badge_opens_jupyterlab_on_notebook_00_in_binder():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    badges = re.findall(r"\(https://mybinder\.org/v2/gh/([^)\s]+)\)", readme)
    assert badges, "the README has no Binder badge link"
    assert all(link.endswith(f"?urlpath=lab/tree/{NOTEBOOK_00}") for link in badges), badges


GUIDE = REPO / "docs" / "instructors.md"
ROW = re.compile(r"^\| `(\d\d_\w+)` \| (\d+) min \| (yes|no)[^|]*\| (yes|no)[^|]*\| ([^|]+)\|$", re.M)


def guide_rows() -> list[tuple]:
    """The class-fitting table of docs/instructors.md: (notebook, minutes, fits 50, fits 75, exercise cell)."""
    return [(name, int(minutes), fit50 == "yes", fit75 == "yes", exercise.strip())
            for name, minutes, fit50, fit75, exercise in ROW.findall(GUIDE.read_text(encoding="utf-8"))]


def time_needed(path) -> int:
    """The minutes in a notebook's "Time needed" section ("About 30 minutes.")."""
    import nbformat

    text = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown")
    match = re.search(r"#+\s*Time needed\s*\n+\s*About (\d+) minutes", text)
    assert match, f"{path.name} has no 'Time needed: About N minutes'"
    return int(match.group(1))


def require_workbook(found: list, what: str) -> None:
    """Skip on a laptop without the notebooks or exercises; in CI they must be there."""
    if not found:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must check the instructor guide against the {what}, and there are none")
        pytest.skip(f"no {what} yet")


def test_the_guides_class_table_gives_each_notebooks_own_time_needed():
    notebooks = sorted(REPO.glob("notebooks/[0-9][0-9]_*.ipynb"))
    require_workbook(notebooks, "notebooks")
    present = {path.stem: time_needed(path) for path in notebooks}
    table = {name: minutes for name, minutes, *_ in guide_rows()}
    assert {name: table.get(name) for name in present} == present, "a notebook's time differs, or it has no row"
    promised = sorted(set(table) - set(present))
    if promised and os.environ.get("CI") == "true":
        pytest.fail(f"docs/instructors.md lists notebooks that are not in notebooks/: {promised}")
    if promised:
        pytest.skip(f"notebooks listed in the guide, not here yet: {promised}")


def test_the_guide_says_a_notebook_fits_a_class_when_its_time_plus_ten_minutes_does():
    rows = guide_rows()
    assert [name for name, *_ in rows][:2] == ["00_start_here", "01_reading_the_sources"]
    for name, minutes, fits50, fits75, _ in rows:
        assert (fits50, fits75) == (minutes + 10 <= 50, minutes + 10 <= 75), name


def test_the_exercises_the_guide_names_exist():
    named = [cell.strip("`") for *_, cell in guide_rows() if cell.startswith("`")]
    assert named[0] == "exercises/student/01_sources_and_cleaning.ipynb"
    require_workbook(sorted(REPO.glob("exercises/student/*.ipynb")), "student exercises")
    assert [path for path in named if not (REPO / path).is_file()] == []


def test_the_readmes_learning_path_gives_the_guides_times_and_existing_exercises():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `notebooks/(\d\d_\w+)\.ipynb` — [^|]+\| (\d+) min \| ([^|]+)\|$", readme, re.M)
    assert {name: int(minutes) for name, minutes, _ in rows} == {name: minutes for name, minutes, *_ in guide_rows()}
    exercises = [m for _, _, cell in rows for m in re.findall(r"`(\d\d_\w+)`", cell)]
    assert exercises[:2] == ["01_sources_and_cleaning", "02_actors"]
    require_workbook(sorted(REPO.glob("exercises/student/*.ipynb")), "student exercises")
    assert [e for e in exercises if not (REPO / "exercises" / "student" / f"{e}.ipynb").is_file()] == []


def test_ci_extracts_the_readmes_open_command_as_the_readme_test_does():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert 're.findall(r"```bash\\n(.+?)\\n```", Path("README.md").read_text(encoding="utf-8"))[0]' in ci
    assert '"open_browser": False' in ci and "os.kill(pid, signal.SIGTERM)" in ci
