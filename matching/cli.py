"""python -m matching solve PEOPLE.csv [--pairs P] [--matrix M] [--weights W] [--min-score X]"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .csvio import read_people_csv
from .csvwrite import pairs_rows, write_matrix_csv, write_pairs_csv
from .model import InputError, Weights
from .solver import solve
from .texts import LANGUAGES


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m matching", description="Mentor matching engine")
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("solve", help="match adepts to mentors")
    s.add_argument("people", type=Path, help="PEOPLE.csv")
    s.add_argument("--pairs", type=Path, help="write PAIRS.csv here")
    s.add_argument("--matrix", type=Path, help="write MATRIX.csv here")
    s.add_argument("--weights", type=Path, help="JSON object of criterion weights")
    s.add_argument("--min-score", type=float, default=0.0, help="lowest score of a pair (0)")
    s.add_argument(
        "--lang", choices=LANGUAGES, default="sv", help="language of the reasons (sv)"
    )
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        weights = Weights()
        if args.weights:
            try:
                weights = Weights.from_dict(
                    json.loads(args.weights.read_text(encoding="utf-8-sig"))
                )
            except (OSError, json.JSONDecodeError, AttributeError) as exc:
                raise ValueError(f"kan inte läsa vikterna i {args.weights}: {exc}") from None
        if not args.people.exists():
            raise ValueError(f"filen {args.people} finns inte")
        people = read_people_csv(args.people)
        result = solve(people, weights=weights, min_score=args.min_score)
    except InputError as exc:
        heading = "Input errors" if args.lang == "en" else "Fel i indata"
        print(f"{heading} ({len(exc.problems)} problem):", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"Fel: {exc}", file=sys.stderr)
        return 2
    if args.pairs:
        write_pairs_csv(result, args.pairs, lang=args.lang)
    if args.matrix:
        write_matrix_csv(result, args.matrix)
    if not args.pairs:
        _print_table(pairs_rows(result, args.lang))
    f = result.figures
    if args.lang == "en":
        summary = (
            f"{f.pairs} {'pair' if f.pairs == 1 else 'pairs'}, {f.unmatched} without a mentor, "
            f"mean score {f.mean_score:.2f}, "
            f"{f.share_across_business_areas:.0%} across business areas, "
            f"{f.municipalities_represented} of {f.municipalities_total} municipalities, "
            f"capacity {f.capacity_used}/{f.capacity_total}"
        )
    else:
        summary = (
            f"{f.pairs} par, {f.unmatched} utan mentor, medelpoäng {f.mean_score:.2f}, "
            f"{f.share_across_business_areas:.0%} över verksamhetsgränser, "
            f"{f.municipalities_represented} av {f.municipalities_total} kommuner, "
            f"kapacitet {f.capacity_used}/{f.capacity_total}"
        )
    print(summary, file=sys.stderr)
    if f.adepts_with_wishes:
        if args.lang == "en":
            wishes = (
                f"wishes: {f.wishes_met} of {f.adepts_with_wishes} mentees with wishes got "
                f"one of them, {f.first_wishes_met} their first choice"
            )
        else:
            wishes = (
                f"önskemål: {f.wishes_met} av {f.adepts_with_wishes} adepter med önskemål fick "
                f"ett av dem, {f.first_wishes_met} sitt förstahandsval"
            )
        print(wishes, file=sys.stderr)
    return 0


def _print_table(rows: list[list[str]]) -> None:
    widths = [max(len(r[k]) for r in rows) for k in range(len(rows[0]) - 1)]
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)) + "  " + r[-1])
