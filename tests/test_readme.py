"""The README's two set-up commands stay true, and CI runs the second."""

import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request

from browser_harness import free_port, wait_for_http
from conftest import REPO

NOTEBOOK_00 = "notebooks/00_start_here.ipynb"


def readme_commands():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```bash\n(.+?)\n```", text)


def test_the_readme_gives_an_open_command_and_a_test_command_first():
    commands = readme_commands()
    assert commands[0] == ("python -m pip install -e . && "
                           f"jupyter lab --allow-root --LabApp.default_url=/lab/tree/{NOTEBOOK_00}")
    assert commands[1] == 'python -m pip install -e ".[test]" && python -m pytest'


def test_ci_runs_the_readmes_test_command():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    test_command = readme_commands()[1]
    assert test_command in ci.splitlines()


def started_server(runtime_dir, process, timeout=60):
    """The server's own record (URL, token, root) once it has written it, failing if it exits first."""
    record = runtime_dir / f"jpserver-{process.pid}.json"
    deadline = time.monotonic() + timeout
    while not record.exists():
        assert process.poll() is None, f"jupyter lab exited with code {process.returncode}"
        assert time.monotonic() < deadline, f"jupyter lab wrote no {record.name} within {timeout} s"
        time.sleep(0.2)
    time.sleep(0.2)  # let the writer finish
    return json.loads(record.read_text(encoding="utf-8"))


def test_the_readmes_open_command_starts_jupyterlab_on_notebook_00(tmp_path):
    """Run the command's `jupyter lab ...` part as whoever runs the tests (root in CI), headless, on a free port."""
    assert (REPO / NOTEBOOK_00).is_file(), f"{NOTEBOOK_00} is missing"
    lab_part = readme_commands()[0].split("&&")[1]
    command = shlex.split(lab_part)
    assert command[:2] == ["jupyter", "lab"] and shutil.which("jupyter"), lab_part
    port = free_port()
    command += ["--no-browser", f"--ServerApp.port={port}", "--ServerApp.port_retries=0"]
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
               JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "workspaces"))
    with (tmp_path / "lab.log").open("w") as log:
        process = subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        server = started_server(tmp_path / "runtime", process)
        wait_for_http(f"http://127.0.0.1:{port}/api/status", process)
        assert os.path.samefile(server["root_dir"], REPO)
        target = redirect(f"http://127.0.0.1:{port}/?token={server['token']}")
        assert target.split("?")[0] == f"/lab/tree/{NOTEBOOK_00}", target
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/lab/tree/{NOTEBOOK_00}?token={server['token']}",
                                    timeout=10) as page:
            assert f'"treePath": "{NOTEBOOK_00}"' in page.read().decode("utf-8")
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGTERM)
            process.wait(timeout=20)
    assert f"/lab/tree/{NOTEBOOK_00}?token=" in (tmp_path / "lab.log").read_text(), "the URL it prints"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def redirect(url):
    """Where the server sends a browser that asks for *url* (its Location header)."""
    try:
        urllib.request.build_opener(NoRedirect).open(url, timeout=10).close()
    except urllib.error.HTTPError as answer:
        assert answer.code in (301, 302, 303, 307), answer.code
        return answer.headers["Location"]
    raise AssertionError(f"{url} did not redirect")
