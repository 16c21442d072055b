"""Optimal cross-municipality mentor matching, explained. Pure: numpy and scipy only."""

from .alternatives import TIE_BREAK, Alternative, alternatives, ties
from .csvio import (
    people_by_row,
    people_from_rows,
    read_people_csv,
    whole_number,
)
from .csvwrite import write_matrix_csv, write_pairs_csv
from .explain import pair_rule_broken
from .model import (
    CRITERIA,
    CRITERION_LABELS,
    DEFAULT_WEIGHTS,
    InputError,
    LockError,
    MatchResult,
    Pair,
    Person,
    Place,
    Problem,
    Reason,
    RoundFigures,
    Unmatched,
    Weights,
)
from .places import MEMBER_PLACES, distance_km
from .solver import solve
from .texts import describe

__all__ = [
    "CRITERIA",
    "CRITERION_LABELS",
    "DEFAULT_WEIGHTS",
    "MEMBER_PLACES",
    "TIE_BREAK",
    "Alternative",
    "InputError",
    "LockError",
    "MatchResult",
    "Pair",
    "Person",
    "Place",
    "Problem",
    "Reason",
    "RoundFigures",
    "Unmatched",
    "Weights",
    "alternatives",
    "describe",
    "distance_km",
    "pair_rule_broken",
    "people_by_row",
    "people_from_rows",
    "read_people_csv",
    "solve",
    "ties",
    "whole_number",
    "write_matrix_csv",
    "write_pairs_csv",
]
