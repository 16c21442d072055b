"""What the coordinator should know before publishing: people whose enrolment or profile
changed after the last run (and rules added since), a proposal that lost people who left,
mentors left without an adept, and people who have never logged in. Plain rows: a round
of thousands costs a few queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, or_, select

from mentorship.auth.models import User
from mentorship.db import swedish
from mentorship.extensions import db
from mentorship.mentoring.models import (
    MENTOR,
    Enrolment,
    MatchRule,
    MatchRun,
    MentorRound,
    ProposedPair,
)
from mentorship.mentoring.pairing.lock_checks import LowLock, locks_below_minimum
from mentorship.reference.models import Municipality


@dataclass
class PublishChecks:
    changed: list[str] = field(default_factory=list)  # "name, municipality"
    rules_changed: int = 0
    people_left: bool = False  # someone in the proposal is no longer in the round
    idle_mentors: list[str] = field(default_factory=list)
    never_logged_in: list[str] = field(default_factory=list)
    low_locks: list[LowLock] = field(default_factory=list)  # locked pairs under the minimum

    @property
    def run_again(self) -> bool:
        return bool(self.changed or self.rules_changed or self.people_left)


def _people(round_: MentorRound, *where) -> list[tuple[int, str, str | None, datetime | None]]:
    rows = db.session.execute(
        select(Enrolment.id, User.name, Municipality.name, Enrolment.role, User.last_login_at)
        .join(User, User.id == Enrolment.user_id)
        .join(Municipality, Municipality.id == User.municipality_id)
        .where(Enrolment.round_id == round_.id, *where)
        .order_by(swedish(User.name), Enrolment.id)
    )
    return [(i, f"{name}, {municipality}", role, last) for i, name, municipality, role, last
            in rows]


def publish_checks(round_: MentorRound, run: MatchRun | None) -> PublishChecks:
    checks = PublishChecks(low_locks=locks_below_minimum(round_))
    if run is None:
        return checks
    people = _people(round_)
    checks.never_logged_in = [label for _i, label, _role, last in people if last is None]
    checks.changed = [label for _i, label, _role, _last in _people(
        round_, or_(Enrolment.created_at > run.created_at,
                    Enrolment.profile_done_at > run.created_at))]
    checks.rules_changed = db.session.scalar(
        select(func.count()).select_from(MatchRule).where(
            MatchRule.round_id == round_.id, MatchRule.created_at > run.created_at)
    ) or 0
    rows = db.session.execute(
        select(ProposedPair.adept_id, ProposedPair.mentor_id).where(ProposedPair.run_id == run.id)
    ).all()
    # Leaving deletes the person's proposal rows (and their partner's): fewer adepts now.
    checks.people_left = len({a for a, _m in rows}) < int(run.figures.get("adepts", 0))
    busy = {m for _a, m in rows if m is not None}
    checks.idle_mentors = [
        label for i, label, role, _last in _people(round_, Enrolment.profile_done_at.is_not(None))
        if role == MENTOR and i not in busy
    ]
    return checks
