"""A participant leaves a round: withdraws before the pairs are published, or asks to
leave after (the coordinator sees the request on the pairs page, ends the pair and the
request is handled; or marks it handled without ending anything)."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from mentorship.auth.models import User
from mentorship.db import utcnow
from mentorship.extensions import db
from mentorship.mentoring.models import (
    DRAFT,
    MATCHING,
    OPEN,
    PUBLISHED,
    RUNNING,
    Enrolment,
    MentorPair,
    MentorRound,
)
from mentorship.mentoring.rounds.services import require_state
from mentorship.refusals import ServiceError

BEFORE_PUBLISH = (DRAFT, OPEN, MATCHING)
AFTER_PUBLISH = (PUBLISHED, RUNNING)


def _own(actor: User, enrolment: Enrolment) -> None:
    if enrolment.user_id != actor.id:
        raise ServiceError(_("Du kan bara lämna en omgång som du själv är med i."))


def withdraw_self(actor: User, enrolment: Enrolment) -> None:
    """Leaves a round that is not yet published: the enrolment and profile are removed."""
    _own(actor, enrolment)
    require_state(enrolment.round, *BEFORE_PUBLISH, action=_("lämna omgången"))
    db.session.delete(enrolment)
    db.session.flush()


def ask_to_leave(actor: User, enrolment: Enrolment, reason: str = "") -> None:
    _own(actor, enrolment)
    require_state(enrolment.round, *AFTER_PUBLISH, action=_("be att få lämna omgången"))
    if enrolment.leave_requested_at is not None:
        raise ServiceError(_("Du har redan bett att få lämna omgången."))
    enrolment.leave_requested_at = utcnow()
    enrolment.leave_reason = (reason or "").strip()[:300]
    db.session.flush()


@dataclass(frozen=True)
class LeaveRequest:
    enrolment: Enrolment
    pair_id: int | None  # the person's active pair, to end it


def open_request():
    """The condition of a request to leave that nobody has handled yet (the one rule for
    the pairs page, the dashboard and the start page)."""
    return Enrolment.leave_requested_at.is_not(None) & Enrolment.leave_handled_at.is_(None)


def mark_handled(actor: User, enrolment: Enrolment) -> None:
    require_state(enrolment.round, *AFTER_PUBLISH, action=_("hantera en begäran att lämna"))
    if enrolment.leave_requested_at is None:
        raise ServiceError(_("Personen har inte bett att få lämna omgången."))
    if enrolment.leave_handled_at is not None:
        raise ServiceError(_("Begäran är redan hanterad."))
    enrolment.leave_handled_at = utcnow()
    db.session.flush()


def handle_with_pair(pair: MentorPair) -> None:
    """Ending a pair handles the request of a side who asked to leave and has no other
    active pair left (a mentor with two adepts is handled when both pairs have ended)."""
    for side_id in (pair.adept_id, pair.mentor_id):
        side = db.session.get_one(Enrolment, side_id)
        if side.leave_requested_at is None or side.leave_handled_at is not None:
            continue
        other = db.session.scalar(select(MentorPair.id).where(
            MentorPair.ended_at.is_(None), MentorPair.id != pair.id,
            (MentorPair.adept_id == side_id) | (MentorPair.mentor_id == side_id)).limit(1))
        if other is None:
            side.leave_handled_at = utcnow()


def leave_requests(round_: MentorRound) -> list[LeaveRequest]:
    """People of the round whose request to leave is not handled, with their active pair
    (if any)."""
    people = list(db.session.scalars(
        select(Enrolment).where(Enrolment.round_id == round_.id, open_request())
        .order_by(Enrolment.leave_requested_at)
    ).unique())
    if not people:
        return []
    ids = [e.id for e in people]
    active: dict[int, int] = {}
    for pair_id, adept_id, mentor_id in db.session.execute(
        select(MentorPair.id, MentorPair.adept_id, MentorPair.mentor_id)
        .order_by(MentorPair.id)
        .where(MentorPair.ended_at.is_(None),
               (MentorPair.adept_id.in_(ids)) | (MentorPair.mentor_id.in_(ids)))
    ):
        for who in (adept_id, mentor_id):
            if who in ids:
                active.setdefault(who, pair_id)
    return [LeaveRequest(e, active.get(e.id)) for e in people]
