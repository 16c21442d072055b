"""`python -m matching solve` as a whole process against a bare process that imports
scipy and solves a random matrix of the same seats, measured beside each other in turns.

.venv/bin/python benchmarks/bench_cli.py --adepts 2000 --mentors 1000 --capacity 2
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]
from people_gen import people_csv  # noqa: E402

BARE = """
import sys
import numpy as np
from scipy.optimize import linear_sum_assignment
rows, cols = int(sys.argv[1]), int(sys.argv[2])
linear_sum_assignment(np.random.default_rng(1).random((rows, cols)), maximize=True)
"""


def timed(cmd: list[str], env: dict[str, str], cwd: str) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child): on a shared machine CPU moves less."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(
        cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd
    )
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--adepts", type=int, default=2000)
    ap.add_argument("--mentors", type=int, default=1000)
    ap.add_argument("--capacity", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=5, help="turns of (engine, bare)")
    ap.add_argument(
        "--engine-from",
        help="directory holding another version's matching/ (e.g. `git archive` of an "
        "older commit) to time instead of this checkout's",
    )
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        people = Path(tmp) / "people.csv"
        text = people_csv(args.adepts, args.mentors, args.capacity, 2023, wishes=True)
        people.write_text(text, encoding="utf-8")
        engine_cmd = [sys.executable, "-m", "matching", "solve", str(people),
                      "--pairs", str(Path(tmp) / "pairs.csv")]
        seats = args.mentors * args.capacity
        bare_cmd = [sys.executable, "-c", BARE, str(args.adepts), str(seats)]
        # run in the temporary directory, so `-m matching` finds the version on PYTHONPATH
        source = Path(args.engine_from).resolve() if args.engine_from else HERE.parent
        env = {**os.environ, "PYTHONPATH": str(source)}
        engine, bare = [], []
        for _ in range(args.rounds):
            engine.append(timed(engine_cmd, env, tmp))
            bare.append(timed(bare_cmd, dict(os.environ), tmp))
    print(f"{args.adepts} adepts, {args.mentors} mentors x {args.capacity} (with wishes)")
    for k, what in ((0, "wall"), (1, "cpu")):
        e, b = [t[k] for t in engine], [t[k] for t in bare]
        ratios = [x / y for x, y in zip(e, b, strict=True)]
        print(f"{what}: engine s {', '.join(f'{t:.2f}' for t in e)}; "
              f"bare s {', '.join(f'{t:.2f}' for t in b)}")
        print(f"{what}: ratio per turn {', '.join(f'{r:.2f}' for r in ratios)}; "
              f"median {statistics.median(ratios):.2f}, best/best {min(e) / min(b):.2f}")


if __name__ == "__main__":
    main()
