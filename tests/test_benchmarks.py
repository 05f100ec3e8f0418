"""The analysis benchmark still runs (on a tiny corpus: its figures are not checked here, only that it
reports each of them; speed is measured by running it, never by a timed test)."""

import subprocess
import sys

from conftest import REPO


def test_the_analysis_benchmark_reports_flatness_floor_and_stages():
    result = subprocess.run([sys.executable, "benchmarks/bench_analysis.py", "--articles", "30", "--rounds", "1",
                             "--sample", "20"], cwd=REPO, capture_output=True, text=True, timeout=300,
                            env={"PYTHONPATH": str(REPO), "PATH": ""})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("corpus: 30 and 60 articles")
    assert any(line.startswith("ratio time(2N)/time(N): ") for line in lines)
    assert any(line.startswith("analysis / floor: ") and "without writing the JSON" in line for line in lines)
    stages = [line.split()[0] for line in lines[lines.index(next(l for l in lines if l.startswith("where"))) + 1:]]
    assert sorted(stages) == sorted(["inputs", "cleaning", "language", "paragraph", "mentions", "candidate",
                                     "candidate", "rows", "to_json"])
