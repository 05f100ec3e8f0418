"""The README's two set-up commands stay true, and CI runs the second."""

import re

from conftest import REPO


def readme_commands():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```bash\n(.+?)\n```", text)


def test_the_readme_gives_an_open_command_and_a_test_command_first():
    commands = readme_commands()
    assert commands[0] == "python -m pip install -e . && jupyter lab"
    assert commands[1] == 'python -m pip install -e ".[test]" && python -m pytest'


def test_ci_runs_the_readmes_test_command():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    test_command = readme_commands()[1]
    assert test_command in ci.splitlines()
