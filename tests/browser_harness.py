"""Drive JupyterLab in headless Chromium: start a server, open a notebook, run it, poke its first widget.

Used by tests/test_browser.py; part 2's notebooks need no new code here, only a
line in that test's list.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from notebook_harness import REPO, kernel_env

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Settings for the test's own throwaway JupyterLab: no news or update pop-up, every cell in the page
# (no virtual scrolling), the kernel started without asking, and never an autosave that would write outputs into the repository.
USER_SETTINGS = {
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none", "autoStartDefaultKernel": True},
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
}
STDERR = '[data-mime-type="application/vnd.jupyter.stderr"]'


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now.

    >>> 1024 < free_port() < 65536
    True
    """
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def write_settings(settings_dir: Path) -> Path:
    """Write USER_SETTINGS as JupyterLab user settings (what JUPYTERLAB_SETTINGS_DIR points at).

    JupyterLab 4 reads overrides.json only from <app-dir>/settings, which is shared
    by the whole installation; the user settings directory can be a throwaway one.

    >>> import tempfile
    >>> path = write_settings(Path(tempfile.mkdtemp()))
    >>> sorted(p.name for p in path.rglob("*.jupyterlab-settings"))
    ['notification.jupyterlab-settings', 'plugin.jupyterlab-settings', 'tracker.jupyterlab-settings']
    """
    for plugin, values in USER_SETTINGS.items():
        package, name = plugin.rsplit("/", 1)
        target = settings_dir / package / f"{name}.jupyterlab-settings"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values, indent=2), encoding="utf-8")
    return settings_dir


@dataclass
class Lab:
    """A running JupyterLab server that this process started."""

    process: subprocess.Popen
    url: str
    log: Path

    def log_tail(self, lines: int = 30) -> str:
        """The last lines of the server's log, for failure messages."""
        return "\n".join(self.log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])

    def sessions(self) -> list[dict]:
        """The server's open notebook sessions (each with its kernel)."""
        with urllib.request.urlopen(f"{self.url}/api/sessions", timeout=5) as answer:
            return json.load(answer)

    def stop(self) -> None:
        """Stop the server by its PID (SIGTERM, then SIGKILL after 10 s); its kernels go with it."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


def wait_for_http(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    """Poll *url* until the server answers at all, failing early if *process* has exited."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with code {process.returncode} before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answered (perhaps "log in first"): it is up
        except OSError:
            time.sleep(0.25)
    raise TimeoutError(f"no answer from {url} within {timeout:.0f} s")


def start_lab(workdir: Path, root: Path = REPO) -> Lab:
    """Start JupyterLab on 127.0.0.1 and a free port, no token, throwaway settings, serving *root*."""
    port = free_port()
    env = kernel_env(root)
    env.update(JUPYTERLAB_SETTINGS_DIR=str(write_settings(workdir / "settings")),
               JUPYTERLAB_WORKSPACES_DIR=str(workdir / "workspaces"), JUPYTER_RUNTIME_DIR=str(workdir / "runtime"))
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
               f"--ServerApp.port={port}", "--ServerApp.port_retries=0", "--IdentityProvider.token=",
               "--ServerApp.password=", "--ServerApp.disable_check_xsrf=True", f"--ServerApp.root_dir={root}",
               "--LabApp.extension_manager=readonly"]
    if os.geteuid() == 0:
        command.append("--allow-root")
    log = workdir / "jupyterlab.log"
    with log.open("w", encoding="utf-8") as handle:
        process = subprocess.Popen(command, cwd=root, env=env, stdout=handle, stderr=subprocess.STDOUT)
    lab = Lab(process, f"http://127.0.0.1:{port}", log)
    try:
        wait_for_http(f"{lab.url}/api/status", process)
    except Exception:
        lab.stop()
        raise
    return lab


# In the page. Every function takes a Playwright page showing one notebook.

PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
FINISHED = """() => {
  const panel = document.querySelector('%s');
  if (!panel) return false;
  const status = panel.querySelector('.jp-Notebook-ExecutionIndicator');
  const prompts = [...panel.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].map(e => e.textContent.trim());
  if (!status || status.dataset.status !== 'idle' || prompts.some(t => t.includes('*'))) return false;
  return prompts.every(t => /^\\[\\d+\\]/.test(t)) || panel.querySelector('%s') !== null;
}""" % (PANEL, STDERR)


def notebook_session(base_url: str, path: str) -> dict | None:
    """The server's session for the notebook at *path* (relative to the server root), if there is one."""
    with urllib.request.urlopen(f"{base_url}/api/sessions", timeout=5) as answer:
        sessions = json.load(answer)
    return next((s for s in sessions if s.get("path") == path and s.get("kernel")), None)


def open_notebook(page, base_url: str, path: str, workspace: str, timeout: float = 60) -> dict:
    """Open *path* (relative to the server root) alone, in a fresh workspace; return its session once
    its kernel is idle and connected to the page.

    The page's execution indicator says "idle" before any kernel exists, so the
    server is asked instead.
    """
    page.goto(f"{base_url}/lab/workspaces/{workspace}/tree/{path}?reset")
    page.wait_for_selector(f"{PANEL} .jp-Cell", timeout=timeout * 1000)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        session = notebook_session(base_url, path)
        kernel = (session or {}).get("kernel") or {}
        if kernel.get("execution_state") == "idle" and kernel.get("connections", 0) >= 1:
            page.wait_for_selector(f'{PANEL} .jp-Notebook-ExecutionIndicator[data-status="idle"]')
            return session
        time.sleep(0.2)
    raise TimeoutError(f"{path}: no idle kernel connected within {timeout:.0f} s")


def close_session(base_url: str, session: dict) -> None:
    """Shut the notebook's kernel down through the server (so kernels do not pile up)."""
    request = urllib.request.Request(f"{base_url}/api/sessions/{session['id']}", method="DELETE")
    urllib.request.urlopen(request, timeout=10).close()


def run_all_cells(page, timeout: float = 120) -> None:
    """Run every cell through the Run menu, then wait until the kernel is idle and no cell is queued."""
    page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).click()
    label = page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$"))
    page.locator(".lm-Menu-item:visible", has=label).first.click()
    page.wait_for_function(FINISHED, timeout=timeout * 1000, polling=250)


def shown_errors(page) -> list[str]:
    """The text of every error or stderr output on the page (JupyterLab renders both with the stderr type)."""
    return [text.strip()[:300] for text in page.locator(f"{PANEL} {STDERR}").all_inner_texts()]


def control_kind(control) -> str:
    """What the learner changes in a ``.krcn-control``: select, radio, checkbox, button or text."""
    return control.evaluate("""e => {
      const has = s => e.matches(s) || e.querySelector(s) !== null;
      if (has('select')) return 'select';
      if (has('input[type=radio]')) return 'radio';
      if (has('input[type=checkbox]')) return 'checkbox';
      if (has('button')) return 'button';
      return 'text';
    }""")


def change_control(page, control) -> str:
    """Change a widget's control as a learner would, with the mouse and keyboard; return its kind.

    A <select> changes after a click that opens it, then ArrowDown and Enter (focus
    alone would leave the keys to JupyterLab's command mode).
    """
    kind = control_kind(control)
    own = lambda selector: control if control.evaluate(f"e => e.matches('{selector}')") else \
        control.locator(selector).first  # noqa: E731
    if kind == "select":
        own("select").click()
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
    elif kind == "radio":
        control.locator("input[type=radio]:not(:checked)").first.click()
    elif kind == "checkbox":
        own("input[type=checkbox]").click()
    elif kind == "button":
        buttons = control.locator("button:not(.mod-active)")
        (buttons.first if buttons.count() else own("button")).click()
    else:
        field = own("input, textarea")
        field.click()
        page.keyboard.type("1")
        page.keyboard.press("Enter")
    return kind


def check_widgets_respond(page, timeout: float = 15) -> str:
    """Find the first .krcn-control and .krcn-output, change the control, wait for the output's text to change.

    Returns the control's kind; raises AssertionError naming what is missing or unchanged.
    """
    controls, outputs = page.locator(f"{PANEL} .krcn-control"), page.locator(f"{PANEL} .krcn-output")
    try:
        controls.first.wait_for(timeout=timeout * 1000)
        outputs.first.wait_for(timeout=timeout * 1000)
    except Exception as error:
        raise AssertionError(f"no rendered widget: {controls.count()} .krcn-control, "
                             f"{outputs.count()} .krcn-output") from error
    output = outputs.first.element_handle()
    before = output.inner_text()
    kind = change_control(page, controls.first)
    try:
        page.wait_for_function("([e, before]) => e.innerText !== before", arg=[output, before],
                               timeout=timeout * 1000, polling=100)
    except Exception as error:
        raise AssertionError(f"changing the first .krcn-control ({kind}) left the first .krcn-output "
                             f"unchanged: {before[:200]!r}") from error
    return kind
