"""How long does ``import krcn_lab`` take, relative to importing the libraries it stands on?

Each import runs in a fresh interpreter (``python -X importtime`` is not needed:
wall time of the whole child process is what a learner waits for). The baseline
is a fresh interpreter importing pandas and networkx alone, measured in the same
run, so the ratio means the same on a laptop, in Binder or in CI.

Run: python benchmarks/bench_import.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

CASES = {
    "baseline: import pandas, networkx": "import pandas, networkx",
    "import krcn_lab": "import krcn_lab",
}


def timed(statement: str) -> float:
    """Seconds for a fresh interpreter to run *statement* and exit."""
    began = time.perf_counter()
    subprocess.run([sys.executable, "-c", statement], check=True)
    return time.perf_counter() - began


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    timed("import krcn_lab")  # warm the file-system cache and bytecode
    samples = {name: [] for name in CASES}
    for _ in range(args.repeat):  # interleave, so drift hits both alike
        for name, statement in CASES.items():
            samples[name].append(timed(statement))
    base = statistics.median(samples["baseline: import pandas, networkx"])
    for name, values in samples.items():
        median = statistics.median(values)
        print(f"{name:40s} median {median * 1000:7.0f} ms   ratio {median / base:5.2f}")


if __name__ == "__main__":
    main()
