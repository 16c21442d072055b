"""Plain data types of the matching engine: people, places, weights, results, errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

#: The soft criteria, in the order they are reported (columns of PAIRS.csv).
CRITERIA: tuple[str, ...] = (
    "business_area",
    "goals",
    "experience",
    "gender",
    "distance",
    "wish",
)

#: How much of the wish weight an adept's 1st, 2nd and 3rd choice of mentor is worth.
WISH_VALUES: tuple[float, ...] = (1.0, 2.0 / 3.0, 1.0 / 3.0)
MAX_WISHES = len(WISH_VALUES)

#: Swedish labels a coordinator understands, one per criterion key (English and the
#: reason texts are in matching/texts.py).
CRITERION_LABELS: dict[str, str] = {
    "business_area": "Olika verksamhetsområden",
    "goals": "Utvecklingsmål",
    "experience": "Chefserfarenhet",
    "gender": "Önskat kön",
    "distance": "Avstånd",
    "wish": "Adeptens önskemål",
}

ROLES = ("mentor", "adept")
GENDERS = ("woman", "man", "other")
GENDER_PREFERENCES = ("woman", "man")
MEETING_MODES = ("in_person", "digital", "either")


@dataclass(frozen=True)
class Place:
    """A municipality: official code, Swedish name and the seat's coordinates."""

    code: str
    name: str
    lat: float
    lon: float


@dataclass(frozen=True)
class Person:
    """One participant of a round, as the engine sees them."""

    id: str
    role: str  # "mentor" or "adept"
    municipality: str  # official code, e.g. "1292"
    business_area: str = ""
    level: int = 1
    years_as_manager: int = 0
    goals: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset({"sv"})
    gender: str | None = None
    gender_preference: str | None = None
    meeting_mode: str = "either"
    capacity: int = 1
    exclude: frozenset[str] = frozenset()
    lock: str | None = None
    name: str = ""
    #: an adept's ranked choice of mentors (ids, first choice first, at most MAX_WISHES)
    wishes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Weights:
    """Points per criterion. See matching/README.md for the scale."""

    business_area: float = 30.0
    goals: float = 40.0
    experience: float = 20.0
    gender: float = 10.0
    distance: float = 20.0
    #: a first choice is worth a little more than a perfect pair (100): the weight that
    #: beats "apply in order" on both wishes met and the other criteria, chosen with
    #: benchmarks/bench_wishes.py (the table is in matching/README.md)
    wish: float = 112.0

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Weights:
        unknown = sorted(set(d) - set(CRITERIA))
        if unknown:
            raise ValueError(
                "okänd vikt: " + ", ".join(unknown) + " (tillåtna: " + ", ".join(CRITERIA) + ")"
            )
        values: dict[str, float] = {}
        for key, value in d.items():
            try:
                number = float(value)
            except (TypeError, ValueError):
                raise ValueError(f"vikten {key} måste vara ett tal, inte {value!r}") from None
            if not np.isfinite(number) or number < 0:
                raise ValueError(f"vikten {key} måste vara ett tal som är 0 eller större")
            values[key] = number
        return cls(**values)

    def to_dict(self) -> dict[str, float]:
        return {key: float(getattr(self, key)) for key in CRITERIA}


DEFAULT_WEIGHTS = Weights()


@dataclass(frozen=True)
class Problem:
    """One problem in the input; row is the file's row number (header = 1) when known,
    column the column's header as the file wrote it when the problem is one column's (the
    message then does not name the column: it is named once, as the file names it)."""

    row: int | None
    message: str
    column: str | None = None

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        if self.column:
            return f"rad {self.row}, {self.column}: {self.message}"
        return f"rad {self.row}: {self.message}"


class InputError(ValueError):
    """Bad input; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class LockError(InputError):
    """An admin lock that breaks a hard rule or a mentor's capacity."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(problems or [Problem(None, message)])


@dataclass(frozen=True)
class Reason:
    """Why, as a code with parameters (numbers, not words); matching.texts words it in
    Swedish or English, the app in the reader's language. See matching/README.md."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "params": dict(self.params)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Reason:
        return cls(str(d.get("code", "")), dict(d.get("params") or {}))


@dataclass(frozen=True)
class Pair:
    adept_id: str
    mentor_id: str
    score: float
    contributions: dict[str, float]
    reasons: list[Reason]
    locked: bool = False


@dataclass(frozen=True)
class Unmatched:
    adept_id: str
    #: "no_candidate", "below_minimum" (params best, required) or "capacity_taken"
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def reason(self) -> Reason:
        return Reason(self.code, dict(self.params))


@dataclass(frozen=True)
class RoundFigures:
    pairs: int
    adepts: int
    mentors: int
    unmatched: int
    share_across_business_areas: float
    municipalities_represented: int
    municipalities_total: int
    mean_score: float
    capacity_total: int
    capacity_used: int
    #: adepts who ranked at least one mentor; pairs that are one of the adept's wishes;
    #: pairs that are the adept's first choice
    adepts_with_wishes: int = 0
    wishes_met: int = 0
    first_wishes_met: int = 0


@dataclass
class MatchResult:
    pairs: list[Pair]
    unmatched: list[Unmatched]
    figures: RoundFigures
    total_score: float
    adept_ids: list[str]
    mentor_ids: list[str]
    #: scores, adepts x mentors (same order as adept_ids / mentor_ids), NaN where forbidden
    matrix: np.ndarray = field(repr=False)
    weights: Weights = DEFAULT_WEIGHTS
    min_score: float = 0.0
    #: every mentor's capacity (same order as mentor_ids), for alternatives() and ties()
    capacities: np.ndarray | None = field(default=None, repr=False)
