"""What changed between the two newest runs of a round: pairs added, removed and kept,
each with its score change (plain rows: a proposal can hold thousands of pairs)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from matching.collation import swedish_key
from mentorship.auth.models import User
from mentorship.extensions import db
from mentorship.mentoring.models import Enrolment, MatchRun, MentorRound, ProposedPair


@dataclass(frozen=True)
class PairChange:
    adept: str
    mentor: str
    old_score: float | None  # None: the pair is new
    new_score: float | None  # None: the pair is gone

    @property
    def change(self) -> float | None:
        if self.old_score is None or self.new_score is None:
            return None
        return round(self.new_score - self.old_score, 2)


@dataclass
class RunChanges:
    added: list[PairChange] = field(default_factory=list)
    removed: list[PairChange] = field(default_factory=list)
    kept: list[PairChange] = field(default_factory=list)  # kept with another score

    unchanged: int = 0

    @property
    def any(self) -> bool:
        return bool(self.added or self.removed or self.kept)


def _pairs(run_id: int) -> dict[tuple[int, int], float]:
    rows = db.session.execute(
        select(ProposedPair.adept_id, ProposedPair.mentor_id, ProposedPair.score).where(
            ProposedPair.run_id == run_id, ProposedPair.mentor_id.is_not(None)
        )
    )
    return {(a, m): float(s or 0.0) for a, m, s in rows if m is not None}  # (as selected)


def run_changes(round_: MentorRound, newest: MatchRun | None) -> RunChanges | None:
    """None when the round has fewer than two runs."""
    if newest is None:
        return None
    previous_id = db.session.scalar(
        select(MatchRun.id)
        .where(MatchRun.round_id == round_.id, MatchRun.id < newest.id)
        .order_by(MatchRun.id.desc())
        .limit(1)
    )
    if previous_id is None:
        return None
    old, new = _pairs(previous_id), _pairs(newest.id)
    added = sorted(set(new) - set(old))
    removed = sorted(set(old) - set(new))
    kept = [k for k in sorted(set(new) & set(old)) if round(new[k] - old[k], 2) != 0]
    ids = {i for pair in added + removed + kept for i in pair}
    names = dict(
        db.session.execute(
            select(Enrolment.id, User.name)
            .join(User, User.id == Enrolment.user_id)
            .where(Enrolment.id.in_(ids or {0}))
        ).all()
    )

    def change(key: tuple[int, int], before: float | None, after: float | None) -> PairChange:
        return PairChange(names.get(key[0], ""), names.get(key[1], ""), before, after)

    out = RunChanges(
        added=[change(k, None, new[k]) for k in added],
        removed=[change(k, old[k], None) for k in removed],
        kept=[change(k, old[k], new[k]) for k in kept],
        unchanged=len(set(new) & set(old)) - len(kept),
    )
    out.added.sort(key=lambda c: swedish_key(c.adept))
    out.removed.sort(key=lambda c: swedish_key(c.adept))
    out.kept.sort(key=lambda c: (-abs(c.change or 0), swedish_key(c.adept)))
    return out
