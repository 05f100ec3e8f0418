"""A wheel built from the repository, installed into a fresh virtual environment, loads every table."""

import os
import subprocess
import sys
import venv

import pytest

from conftest import REPO

LOADERS = ["load_articles", "load_paragraphs", "load_removed_lines", "load_administrations", "load_actors",
           "load_roles", "load_events", "load_event_sources", "load_participants", "load_issues",
           "load_statements", "load_claims", "load_mentions"]

CHECK = f"""
import sys, krcn_lab
assert "site-packages" in krcn_lab.__file__, krcn_lab.__file__
for name in {LOADERS!r}:
    frame = getattr(krcn_lab, name)()
    assert len(frame) > 0, name
    print(name, len(frame))
report = krcn_lab.validate()
assert report.ok, str(report)
print(report)
"""


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(REPO)],
                   check=True, capture_output=True, text=True)
    wheel = next(dist.glob("krcn_lab-*.whl"))
    env_dir = tmp_path_factory.mktemp("venv")
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    # The loaders need pandas (and networkx for the network functions); the notebook
    # stack (jupyterlab, ipywidgets) is declared by the wheel but not needed to load data.
    subprocess.run(pip + ["pandas", "networkx", "matplotlib"], check=True, capture_output=True, text=True)
    subprocess.run(pip + ["--no-deps", str(wheel)], check=True, capture_output=True, text=True)
    return env_dir, wheel


def test_the_wheel_carries_the_data_and_the_seeds(installed):
    import zipfile

    _, wheel = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "krcn_lab/data/statements.csv" in names
    assert "krcn_lab/seeds/000_acd483dee9c6b4e7.txt" in names
    assert "krcn_lab/seeds/SHA256SUMS" in names


def test_an_installed_wheel_loads_every_table_outside_the_checkout(installed, tmp_path):
    env_dir, _ = installed
    clean_env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    result = subprocess.run([str(env_dir / "bin" / "python"), "-c", CHECK], cwd=tmp_path, env=clean_env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "dataset valid" in result.stdout


def test_the_installed_command_line_validates(installed, tmp_path):
    env_dir, _ = installed
    result = subprocess.run([str(env_dir / "bin" / "krcn-lab"), "validate"], cwd=tmp_path,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
