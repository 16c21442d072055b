"""Rows <-> the matching engine: enrolments become `matching.Person`s, the result becomes
proposal rows. The engine's ids are the enrolment ids (as text), so that they are unique
and stable; exports show each enrolment's `external_id` instead."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select

from matching import (
    CRITERIA,
    InputError,
    MatchResult,
    Person,
    Place,
    Weights,
    solve,
    ties,
)
from mentorship.extensions import db
from mentorship.mentoring.models import ADEPT, FORBID, LOCK, MENTOR, Enrolment, MatchRule
from mentorship.reference.models import Municipality
from mentorship.refusals import ServiceError


def places() -> list[Place]:
    """Every municipality (retired ones too: people may still belong to them)."""
    rows = db.session.scalars(select(Municipality).order_by(Municipality.code))
    return [Place(m.code, m.name, m.latitude or 0.0, m.longitude or 0.0) for m in rows]


def person_of(
    e: Enrolment,
    exclude: Iterable[int] = (),
    lock: int | None = None,
    capacity: int | None = None,
    wishes: Iterable[int] = (),
) -> Person:
    return Person(
        id=str(e.id),
        role=e.role or ADEPT,
        municipality=e.user.municipality.code,
        business_area=e.business_area or "",
        level=e.level or 1,
        years_as_manager=e.years_as_manager or 0,
        goals=frozenset(e.goals or ()),
        languages=frozenset(e.languages or ("sv",)),
        gender=e.gender or None,
        gender_preference=e.gender_preference or None,
        meeting_mode=e.meeting_mode or "either",
        capacity=e.capacity if capacity is None else capacity,
        exclude=frozenset(str(x) for x in exclude),
        lock=str(lock) if lock is not None else None,
        wishes=tuple(str(x) for x in wishes),
        name=e.user.name,
    )


@dataclass
class EngineInput:
    enrolments: list[Enrolment]
    excludes: dict[int, set[int]] = field(default_factory=dict)
    locks: dict[int, int] = field(default_factory=dict)
    capacities: dict[int, int] = field(default_factory=dict)
    wishes: dict[int, list[int]] = field(default_factory=dict)  # adept -> mentors, ranked

    def people(self) -> list[Person]:
        return [
            person_of(
                e,
                exclude=sorted(self.excludes.get(e.id, ())),
                lock=self.locks.get(e.id),
                capacity=self.capacities.get(e.id),
                wishes=self.wishes.get(e.id, ()),
            )
            for e in sorted(self.enrolments, key=lambda e: e.id)
        ]


def rules_into(data: EngineInput, rules: Iterable[MatchRule]) -> None:
    """Locks become `lock`, forbids become `exclude` on the adept."""
    ids = {e.id for e in data.enrolments}
    for rule in rules:
        if rule.adept_id not in ids or rule.mentor_id not in ids:
            continue
        if rule.kind == LOCK:
            data.locks[rule.adept_id] = rule.mentor_id
        elif rule.kind == FORBID:
            data.excludes.setdefault(rule.adept_id, set()).add(rule.mentor_id)


def earlier_pairs_into(data: EngineInput, user_pairs: set[tuple[int, int]]) -> None:
    """People who were a pair in an earlier round (either way round) are never paired again."""
    by_user = {e.user_id: e for e in data.enrolments}
    for a_user, m_user in user_pairs:
        for x, y in ((a_user, m_user), (m_user, a_user)):
            a, m = by_user.get(x), by_user.get(y)
            if a is not None and m is not None and a.role == ADEPT and m.role != ADEPT:
                data.excludes.setdefault(a.id, set()).add(m.id)


def wishes_into(
    data: EngineInput, wishes: dict[int, list[int]], marks: Iterable[tuple[int, int]]
) -> None:
    """Adepts' ranked wishes become the engine's `wishes`; a mentor's "not this one" marks
    become the adept's `exclude` (hard). Only people in the input count, each in the role
    they have now: someone who wished as adept and then enrolled as mentor, or a wished
    mentor who became an adept, drops out of the wishes instead of failing the run."""
    roles = {e.id: e.role for e in data.enrolments}
    for adept_id, mentor_ids in wishes.items():
        if roles.get(adept_id) == ADEPT:
            data.wishes[adept_id] = [m for m in mentor_ids if roles.get(m) == MENTOR]
    for adept_id, mentor_id in marks:
        if roles.get(adept_id) == ADEPT and roles.get(mentor_id) == MENTOR:
            data.excludes.setdefault(adept_id, set()).add(mentor_id)


_ID = re.compile(r"\b(adept|mentor|id) (\d+)\b")


def readable(message: str, names: dict[str, str]) -> str:
    """Engine messages name enrolment ids; show the people's names instead."""
    return _ID.sub(lambda m: f"{m.group(1)} {names.get(m.group(2), m.group(2))}", message)


def run_engine(data: EngineInput, weights: dict, min_score: float) -> MatchResult:
    people = data.people()
    names = {p.id: p.name for p in people}
    try:
        return solve(
            people,
            weights=Weights.from_dict(weights or {}),
            min_score=float(min_score or 0.0),
            places=places(),
        )
    except InputError as err:  # LockError included
        message = "; ".join(readable(str(p), names) for p in err.problems)
        raise ServiceError(message) from None
    except ValueError as err:
        raise ServiceError(str(err), field="weights") from None


@dataclass(frozen=True)
class ProposalRow:
    adept_id: int
    mentor_id: int | None
    score: float | None
    contributions: dict[str, float]
    reasons: list[dict]  # the engine's Reason codes, as stored (see pairing/reasons.py)
    locked: bool
    unmatched_reason: str | None  # the code of an unmatched adept's reason


def tie_reason(tied_with: tuple[str, ...]) -> list[dict]:
    """A pair the engine could have formed as well with other mentors says so: "3 mentorer
    lika bra" (the chosen one counted); the proposal page states the tie-break rule."""
    return [{"code": "tied", "params": {"n": len(tied_with) + 1}}] if tied_with else []


def result_rows(result: MatchResult) -> list[ProposalRow]:
    tied = ties(result)
    rows = [
        ProposalRow(
            adept_id=int(p.adept_id),
            mentor_id=int(p.mentor_id),
            score=round(float(p.score), 2),
            contributions={k: round(float(p.contributions.get(k, 0.0)), 2) for k in CRITERIA},
            reasons=[r.to_dict() for r in p.reasons] + tie_reason(tied.get(p.adept_id, ())),
            locked=bool(p.locked),
            unmatched_reason=None,
        )
        for p in result.pairs
    ]
    rows += [
        ProposalRow(int(u.adept_id), None, None, {}, [u.reason.to_dict()], False, u.code)
        for u in result.unmatched
    ]
    return rows


def figures_of(result: MatchResult) -> dict:
    f = result.figures
    return {
        "pairs": f.pairs,
        "adepts": f.adepts,
        "mentors": f.mentors,
        "unmatched": f.unmatched,
        "share_across_business_areas": float(f.share_across_business_areas),
        "municipalities_represented": f.municipalities_represented,
        "municipalities_total": f.municipalities_total,
        "mean_score": float(f.mean_score),
        "capacity_total": f.capacity_total,
        "capacity_used": f.capacity_used,
        "adepts_with_wishes": f.adepts_with_wishes,
        "wishes_met": f.wishes_met,
        "first_wishes_met": f.first_wishes_met,
    }
