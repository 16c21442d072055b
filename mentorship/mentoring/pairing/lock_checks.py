"""Locks below the round's minimum score. A lock overrides the minimum (the coordinator
decided), so the engine forms the pair silently; the proposal page and the publish page
name every such lock with its score, from here."""

from __future__ import annotations

from dataclasses import dataclass

from mentorship.mentoring.models import LOCK, MentorRound
from mentorship.mentoring.pairing.adapter import run_engine
from mentorship.mentoring.pairing.proposals import round_input, round_rules
from mentorship.refusals import ServiceError


@dataclass(frozen=True)
class LowLock:
    adept_id: int
    adept: str
    mentor: str
    score: float


def locks_below_minimum(round_: MentorRound) -> list[LowLock]:
    """Every locked pair whose score is under the round's minimum, scored by the engine with
    the round's weights and rules (one solve over the locked people: the locks fix it)."""
    minimum = float(round_.min_score or 0.0)
    locks = [r for r in round_rules(round_) if r.kind == LOCK]
    if minimum <= 0 or not locks:
        return []
    people = {e.id: e for r in locks for e in (r.adept, r.mentor)}
    try:
        result = run_engine(round_input(round_, list(people.values())), round_.weights, 0.0)
    except ServiceError:  # a lock the engine refuses: the run reports it
        return []
    return [
        LowLock(int(p.adept_id), people[int(p.adept_id)].user.name,
                people[int(p.mentor_id)].user.name, round(float(p.score), 2))
        for p in result.pairs
        if p.locked and round(float(p.score), 2) < minimum
    ]
