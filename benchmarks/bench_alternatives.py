"""Time matching.alternatives (one adept's next best mentors, each with the exact loss by a
re-solve with the lock) and matching.ties (every pair) on a solved round.

.venv/bin/python benchmarks/bench_alternatives.py --adepts 500
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]
from people_gen import people_csv  # noqa: E402

from matching import alternatives, read_people_csv, solve, ties  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--adepts", type=int, nargs="+", default=[48, 500, 5000])
    ap.add_argument("--samples", type=int, default=10, help="adepts asked about per round")
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args()
    for n in args.adepts:
        people = read_people_csv(people_csv(n, round(n * 0.6), 2, args.seed, wishes=True))
        t0 = time.perf_counter()
        result = solve(people)
        solved = time.perf_counter() - t0
        step = max(1, len(result.adept_ids) // args.samples)
        seconds = []
        for aid in result.adept_ids[::step][: args.samples]:
            t0 = time.perf_counter()
            alternatives(result, aid, k=3)
            seconds.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        tied = ties(result)
        tie_seconds = time.perf_counter() - t0
        with_ties = sum(bool(v) for v in tied.values())
        print(
            f"{n} adepts: solve {solved:.2f} s; alternatives for one adept (k=3, "
            f"{len(seconds)} adepts) median {statistics.median(seconds):.3f} s, "
            f"max {max(seconds):.3f} s; ties for all pairs {tie_seconds:.3f} s "
            f"({with_ties} of {len(tied)} adepts have an equally good other mentor)"
        )


if __name__ == "__main__":
    main()
