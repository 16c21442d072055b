"""The whole test suite's wall time, before and after a change, measured in the same run.

.venv/bin/python benchmarks/bench_suite.py [--base 4f45813] [--rounds 2] [--database URL]

Checks out `--base` (default: the last commit before the suite ran each test in a rolled-back
transaction) into a temporary directory with `git archive`, then runs, in turns (before,
now, before, now, ... `--rounds` times each) on the same machine and with the same
virtualenv, so that a machine that slows down or speeds up meanwhile weighs on both:

- the suite as that commit's `make test` ran it (`pytest -q -p no:cacheprovider`), and
- the suite as this checkout's `make test` runs it (the same, with
  `-n auto --dist loadfile --no-loadscope-reorder`).

Each result line gives the wall time and pytest's summary; the ratio is that of the median
times. Nothing else should run on the machine meanwhile. `--database` runs both on
PostgreSQL (a database of that URL is emptied).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BEFORE = "4f45813"
PYTEST_BEFORE = ["-q", "-p", "no:cacheprovider"]
PYTEST_NOW = [
    "-q", "-p", "no:cacheprovider", "-n", "auto", "--dist", "loadfile", "--no-loadscope-reorder",
]


def run_suite(code: Path, args: list[str], database: str | None) -> tuple[float, str]:
    env = dict(os.environ, PYTHONPATH=str(code))
    env.pop("MENTORSHIP_DATABASE_URL", None)
    if database:
        env["MENTORSHIP_DATABASE_URL"] = database
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "pytest", *args, "tests"],
        cwd=code, env=env, capture_output=True, text=True,
    )
    elapsed = time.monotonic() - started
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    return elapsed, lines[-1] if lines else result.stderr[-500:]


def export(revision: str, into: Path) -> None:
    archive = subprocess.run(
        ["git", "archive", revision], cwd=ROOT, capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    subprocess.run(
        [str(Path(sys.executable).parent / "pybabel"), "-q", "compile", "-f",
         "-d", str(into / "mentorship" / "translations")],
        check=True,
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", default=BEFORE)
    ap.add_argument("--rounds", type=int, default=2, help="runs of each, in turns")
    ap.add_argument("--database", default=None, help="PostgreSQL URL; default SQLite")
    args = ap.parse_args()
    old_times, new_times = [], []
    with tempfile.TemporaryDirectory(prefix="bench-suite-") as tmp:
        before = Path(tmp)
        export(args.base, before)
        for _ in range(args.rounds):
            old_time, old_summary = run_suite(before, PYTEST_BEFORE, args.database)
            print(f"before ({args.base}): {old_time / 60:.1f} min  {old_summary}", flush=True)
            new_time, new_summary = run_suite(ROOT, PYTEST_NOW, args.database)
            print(f"now:              {new_time / 60:.1f} min  {new_summary}", flush=True)
            old_times.append(old_time)
            new_times.append(new_time)
    old, new = statistics.median(old_times), statistics.median(new_times)
    print(f"median: before {old / 60:.1f} min, now {new / 60:.1f} min")
    print(f"now / before:     {new / old:.2f}")


if __name__ == "__main__":
    main()
