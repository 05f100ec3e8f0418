"""The Binder environment's installed size against the bare stack it needs, and the time to the first widget.

Size: binder/requirements.txt installed into a new virtual environment (as Binder does), against
the bare stack (jupyterlab, ipywidgets, pandas, networkx, matplotlib, otter-grader, and any
other runtime dependency in pyproject.toml, unpinned) installed alone into another new environment
in the same run. Target ratio <= 1.05.

Time to the first widget: JupyterLab from the Binder environment, with Binder's overrides.json,
started on notebook 00; the clock runs from starting the server until the first widget control
is on screen in headless Chromium (the notebook opened, its kernel started, Run All clicked).
Baseline, in the same run: the bare stack's JupyterLab with a one-cell notebook showing an
ipywidgets slider.

Run: python benchmarks/bench_binder.py [--keep DIR]  (a few minutes: two environments are installed)
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
from browser_harness import CHROMIUM, CHROMIUM_ARGS, PANEL, free_port, open_notebook, wait_for_http  # noqa: E402
from test_fresh_install import NOT_COPIED, clean_env, install_pins  # noqa: E402

BARE_STACK = ["jupyterlab", "ipywidgets", "pandas", "networkx", "matplotlib", "otter-grader"]


def bare_stack() -> list[str]:
    """The issue's bare stack, plus any runtime dependency pyproject.toml has gained since (unpinned)."""
    import tomllib

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    declared = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    names = [Requirement(line).name for line in declared]
    known = {canonicalize_name(n) for n in BARE_STACK}
    return BARE_STACK + [n for n in names if canonicalize_name(n) not in known]
NOTEBOOK_00 = "notebooks/00_start_here.ipynb"
SLIDER = "baseline_slider.ipynb"


def installed_bytes(env_dir: Path) -> int:
    """Bytes of every file under *env_dir* (symlinks not followed)."""
    return sum(p.lstat().st_size for p in env_dir.rglob("*") if p.is_file() and not p.is_symlink())


def install_bare(env_dir: Path, work: Path) -> Path:
    requirements = work / "bare-requirements.txt"
    requirements.write_text("\n".join(bare_stack()) + "\n", encoding="utf-8")
    return install_pins(env_dir, requirements, work)


def slider_notebook(root: Path) -> None:
    import nbformat

    cell = nbformat.v4.new_code_cell("import ipywidgets\nipywidgets.IntSlider(description='baseline')")
    nbformat.write(nbformat.v4.new_notebook(cells=[cell], metadata={"kernelspec": {
        "name": "python3", "display_name": "Python 3", "language": "python"}}), root / SLIDER)


def first_widget_seconds(python: Path, root: Path, notebook: str, selector: str, work: Path) -> dict:
    """Start JupyterLab from *python*'s environment on *root*; seconds until the server answers,
    the notebook's kernel is idle, and the first *selector* is visible after Run All."""
    from playwright.sync_api import sync_playwright

    settings = work / "app-settings"
    settings.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "binder" / "overrides.json", settings / "overrides.json")
    port, home = free_port(), work / "jupyter"
    command = [str(python), "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
               f"--ServerApp.port={port}", "--ServerApp.port_retries=0", "--IdentityProvider.token=",
               "--ServerApp.password=", "--ServerApp.disable_check_xsrf=True", f"--ServerApp.root_dir={root}",
               f"--LabApp.app_settings_dir={settings}"] + (["--allow-root"] if os.geteuid() == 0 else [])
    url = f"http://127.0.0.1:{port}"
    with sync_playwright() as driver, (work / "lab.log").open("w") as log:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=root, env=clean_env(python.parent.parent, home), stdout=log,
                                   stderr=subprocess.STDOUT)
        try:
            wait_for_http(f"{url}/api/status", process, timeout=120)
            up = time.perf_counter() - start
            open_notebook(page, url, notebook, f"bench{port}", timeout=120)
            idle = time.perf_counter() - start
            page.locator(".lm-MenuBar-item", has_text="Run").first.click()
            page.locator(".lm-Menu-item:visible", has_text="Run All Cells").first.click()
            page.locator(f"{PANEL} {selector}").first.wait_for(state="visible", timeout=180_000)
            return {"server": up, "kernel idle": idle, "first widget": time.perf_counter() - start}
        finally:
            browser.close()
            process.terminate()
            process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", help="build the environments in DIR and keep them (default: a temporary folder)")
    args = parser.parse_args()
    work = Path(args.keep or tempfile.mkdtemp(prefix="bench-binder-"))
    copy = work / "repo"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(REPO, copy, ignore=NOT_COPIED)
    started = time.perf_counter()
    with ThreadPoolExecutor(2) as pool:
        binder = pool.submit(install_pins, work / "binder-env", Path("binder/requirements.txt"), copy)
        bare = pool.submit(install_bare, work / "bare-env", work)
        binder_python, bare_python = binder.result(), bare.result()
    print(f"bare stack: {' '.join(bare_stack())}")
    print(f"both environments installed in {time.perf_counter() - started:.0f} s (in parallel)")
    sizes = {name: installed_bytes(work / name) for name in ("binder-env", "bare-env")}
    ratio = sizes["binder-env"] / sizes["bare-env"]
    print(f"installed size: Binder environment {sizes['binder-env'] / 1e6:.1f} MB, bare stack "
          f"{sizes['bare-env'] / 1e6:.1f} MB, ratio {ratio:.3f} (target <= 1.05: {'met' if ratio <= 1.05 else 'MISSED'})")
    if not CHROMIUM.exists():
        print(f"time to first widget: skipped (no Chromium at {CHROMIUM})")
        return
    slider_notebook(copy)
    base = first_widget_seconds(bare_python, copy, SLIDER, ".jupyter-widgets.widget-slider", work / "t-bare")
    print("bare stack, one slider:  " + ", ".join(f"{k} {v:.1f} s" for k, v in base.items()))
    if not (copy / NOTEBOOK_00).is_file():
        print(f"time to first widget: {NOTEBOOK_00} is missing, only the baseline was measured")
        return
    ours = first_widget_seconds(binder_python, copy, NOTEBOOK_00, ".krcn-control", work / "t-binder")
    print("Binder env, notebook 00: " + ", ".join(f"{k} {v:.1f} s" for k, v in ours.items()))
    print(f"time to first widget: {ours['first widget']:.1f} s, {ours['first widget'] / base['first widget']:.2f}x "
          "the bare slider's")


if __name__ == "__main__":
    main()
