"""Adepts' wishes: the engine's one optimal solve against "apply in order".

"Apply in order" is the sequential application of the Women Coding Community's mentorship
programme: in enrolment order each adept's request goes to their first wish, then to the
next when that mentor is full; the adepts left without a wish then get the best
assignment of the seats that are left (our engine with the wish weight at 0). The wishes
are drawn by the mentors' popularity, not by fit (benchmarks/people_gen.py).

For every round size and wish weight it prints: adepts with wishes, wishes met, first
choices met, pairs, and the total of the other criteria (the pairs' scores without the
wish points), for the engine and for "apply in order".

.venv/bin/python benchmarks/bench_wishes.py --adepts 48 500 5000
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]
from people_gen import people_csv  # noqa: E402

from matching import MatchResult, Person, Weights, read_people_csv, solve  # noqa: E402

#: mentors per adept (each with capacity 2): 1.2 seats per adept, as in a real round
MENTORS_PER_ADEPT = 0.6


def other_total(result: MatchResult) -> float:
    return round(sum(p.score - p.contributions["wish"] for p in result.pairs), 2)


def apply_in_order(people: list[Person]) -> tuple[int, int, int, float]:
    """(wishes met, first choices met, pairs, total of the other criteria)."""
    adepts = [p for p in people if p.role == "adept"]  # file order = enrolment order
    mentors = {p.id: p for p in people if p.role == "mentor"}
    seats = {m: p.capacity for m, p in mentors.items()}
    placed: dict[str, str] = {}
    first = 0
    for a in adepts:
        for rank, wish in enumerate(a.wishes):
            if seats[wish] > 0:
                placed[a.id] = wish
                seats[wish] -= 1
                first += rank == 0
                break
    rest = [a for a in adepts if a.id not in placed]
    no_wish = Weights(wish=0)
    left = solve(
        [dataclasses.replace(a, wishes=()) for a in rest]
        + [dataclasses.replace(m, capacity=seats[m.id]) for m in mentors.values()],
        weights=no_wish,
    )
    placed_rest = {p.adept_id: p.mentor_id for p in left.pairs}
    # the whole round scored by the engine, every pair locked as made
    final = solve(
        [dataclasses.replace(a, lock=placed.get(a.id) or placed_rest.get(a.id)) for a in adepts]
        + list(mentors.values()),
        weights=no_wish,
    )
    return len(placed), first, len(final.pairs), final.total_score


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--adepts", type=int, nargs="+", default=[48, 500, 5000])
    ap.add_argument(
        "--weights", type=float, nargs="+", default=[0, 20, 40, 60, 80, 100, 150, 200]
    )
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args()
    print("| adepts | wishers | method | wish weight | wishes met | first choices | pairs "
          "| other criteria total | seconds |")
    print("|---:|---:|---|---:|---:|---:|---:|---:|---:|")
    for n in args.adepts:
        text = people_csv(n, round(n * MENTORS_PER_ADEPT), 2, args.seed, wishes=True)
        people = read_people_csv(text)
        wishers = sum(bool(p.wishes) for p in people)
        t0 = time.perf_counter()
        met, first, pairs, total = apply_in_order(people)
        seconds = time.perf_counter() - t0
        print(f"| {n} | {wishers} | apply in order | – | {met} | {first} | {pairs} "
              f"| {total:,.2f} | {seconds:.2f} |")
        for w in args.weights:
            t0 = time.perf_counter()
            result = solve(people, weights=Weights(wish=w))
            seconds = time.perf_counter() - t0
            f = result.figures
            print(f"| {n} | {wishers} | engine | {w:g} | {f.wishes_met} | {f.first_wishes_met} "
                  f"| {f.pairs} | {other_total(result):,.2f} | {seconds:.2f} |", flush=True)


if __name__ == "__main__":
    main()
