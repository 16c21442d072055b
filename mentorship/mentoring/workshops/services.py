"""Programme workshops: fill in the drafts, sign up within capacity, calendar, attendance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import format_date, ngettext
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from mentorship.auth.models import User
from mentorship.calendar import CalendarEntry, entry_for
from mentorship.db import swedish
from mentorship.events.attendance import record_attendance
from mentorship.extensions import db
from mentorship.mentoring.models import (
    CLOSED,
    DRAFT,
    MATCHING,
    OPEN,
    PUBLISHED,
    RUNNING,
    Enrolment,
    MentorRound,
    Workshop,
    WorkshopSignup,
)
from mentorship.mentoring.rounds.services import require_state
from mentorship.reference.models import Municipality
from mentorship.refusals import ServiceError
from mentorship.timezones import local_date


def round_workshops(round_: MentorRound) -> list[Workshop]:
    return list(
        db.session.scalars(
            select(Workshop).where(Workshop.round_id == round_.id).order_by(Workshop.number)
        )
    )


def visible_workshop(actor: User, workshop_id: int) -> Workshop | None:
    """Admins: any; others: ready workshops of a round they are enrolled in."""
    query = select(Workshop).where(Workshop.id == workshop_id)
    if not actor.is_admin:
        mine = select(Enrolment.round_id).where(Enrolment.user_id == actor.id)
        query = query.where(Workshop.round_id.in_(mine), Workshop.starts_at.is_not(None))
    return db.session.scalar(query)


@dataclass(frozen=True)
class WorkshopData:
    title: str
    starts_at: datetime | None  # aware
    minutes: int  # the length: ends_at = starts_at + minutes
    place: str
    link: str
    host_municipality_id: int | None
    capacity: int | None


def update_workshop(actor: User, workshop: Workshop, cmd: WorkshopData) -> None:
    round_ = db.session.get_one(MentorRound, workshop.round_id)
    require_state(
        round_, DRAFT, OPEN, MATCHING, PUBLISHED, RUNNING, action=_("ändra en programworkshop")
    )
    if not cmd.title.strip():
        raise ServiceError(_("Skriv en rubrik."), field="title")
    if cmd.starts_at is not None and not (cmd.place.strip() or cmd.link.strip()):
        raise ServiceError(_("Skriv en plats eller en länk."), field="place")
    if cmd.link and not cmd.link.startswith(("https://", "http://")):
        raise ServiceError(_("Länken ska börja med https://."), field="link")
    if cmd.capacity is not None and cmd.capacity < 1:
        raise ServiceError(_("Antal platser måste vara minst 1."), field="capacity")
    if not 15 <= cmd.minutes <= 720:
        raise ServiceError(_("Längden är 15–720 minuter."), field="minutes")
    if cmd.host_municipality_id and not db.session.get(Municipality, cmd.host_municipality_id):
        raise ServiceError(_("Välj en kommun i listan."), field="host_municipality_id")
    if cmd.starts_at is not None:
        day = local_date(cmd.starts_at)
        if not round_.starts_on <= day <= round_.ends_on:
            raise ServiceError(
                _("Programworkshopen måste ligga inom omgångens datum, %(start)s–%(end)s. "
                  "Ändra datumet, eller ändra omgångens datum först.",
                  start=format_date(round_.starts_on), end=format_date(round_.ends_on)),
                field="starts_at",
            )
    signed = _signed_count(workshop.id)
    if cmd.capacity is not None and cmd.capacity < signed:
        raise ServiceError(
            ngettext("%(num)s är redan anmäld; antal platser kan inte vara färre.",
                     "%(num)s är redan anmälda; antal platser kan inte vara färre.", signed),
            field="capacity",
        )
    workshop.title = cmd.title.strip()
    workshop.starts_at = cmd.starts_at
    # The form asks for the length; a draft without a time has no end either.
    workshop.ends_at = (
        cmd.starts_at + timedelta(minutes=cmd.minutes) if cmd.starts_at is not None else None
    )
    workshop.place = cmd.place.strip()
    workshop.link = cmd.link.strip()
    workshop.host_municipality_id = cmd.host_municipality_id or None
    workshop.capacity = cmd.capacity
    db.session.flush()


def _signed_count(workshop_id: int) -> int:
    return db.session.scalar(
        select(func.count()).select_from(WorkshopSignup).where(
            WorkshopSignup.workshop_id == workshop_id
        )
    ) or 0


def _enrolment_of(actor: User, workshop: Workshop) -> Enrolment:
    enrolment = db.session.scalar(
        select(Enrolment).where(
            Enrolment.round_id == workshop.round_id, Enrolment.user_id == actor.id
        )
    )
    if enrolment is None:
        raise ServiceError(_("Du är inte med i den här omgången."))
    return enrolment


def sign_up(actor: User, workshop: Workshop) -> WorkshopSignup:
    round_ = db.session.get_one(MentorRound, workshop.round_id)
    require_state(round_, PUBLISHED, RUNNING, action=_("anmäla sig till en programworkshop"))
    if not workshop.ready:
        raise ServiceError(_("Programworkshopen är inte färdigplanerad än."))
    enrolment = _enrolment_of(actor, workshop)
    existing = db.session.scalar(
        select(WorkshopSignup).where(
            WorkshopSignup.workshop_id == workshop.id, WorkshopSignup.enrolment_id == enrolment.id
        )
    )
    if existing is not None:
        raise ServiceError(_("Du är redan anmäld."))
    # Lock the workshop row (PostgreSQL) so two last-seat sign-ups cannot both win.
    db.session.execute(select(Workshop.id).where(Workshop.id == workshop.id).with_for_update())
    if workshop.capacity is not None and _signed_count(workshop.id) >= workshop.capacity:
        raise ServiceError(_("Programworkshopen är fullbokad."))
    signup = WorkshopSignup(workshop_id=workshop.id, enrolment_id=enrolment.id)
    db.session.add(signup)
    db.session.flush()
    return signup


def cancel(actor: User, workshop: Workshop) -> None:
    round_ = db.session.get_one(MentorRound, workshop.round_id)
    require_state(round_, PUBLISHED, RUNNING, action=_("avanmäla sig"))
    enrolment = _enrolment_of(actor, workshop)
    signup = db.session.scalar(
        select(WorkshopSignup).where(
            WorkshopSignup.workshop_id == workshop.id, WorkshopSignup.enrolment_id == enrolment.id
        )
    )
    if signup is None:
        raise ServiceError(_("Du är inte anmäld."))
    db.session.delete(signup)
    db.session.flush()


def my_signups(actor: User, round_ids: list[int]) -> set[int]:
    if not round_ids:
        return set()
    return set(
        db.session.scalars(
            select(WorkshopSignup.workshop_id)
            .join(Enrolment, Enrolment.id == WorkshopSignup.enrolment_id)
            .where(Enrolment.user_id == actor.id, Enrolment.round_id.in_(round_ids))
        )
    )


def dated_workshops(round_ids: list[int]) -> dict[int, list[Workshop]]:
    """round id -> the round's workshops that have a time, in time order (one query)."""
    by_round: dict[int, list[Workshop]] = {}
    if round_ids:
        for w in db.session.scalars(
            select(Workshop)
            .where(Workshop.round_id.in_(round_ids), Workshop.starts_at.is_not(None))
            .order_by(Workshop.starts_at)
        ):
            by_round.setdefault(w.round_id, []).append(w)
    return by_round


def round_of(workshop: Workshop) -> MentorRound:
    return db.session.get_one(MentorRound, workshop.round_id)


def signed_counts(workshop_ids: list[int]) -> dict[int, tuple[int, int]]:
    """workshop id -> (signed up, attended), one query."""
    if not workshop_ids:
        return {}
    rows = db.session.execute(
        select(
            WorkshopSignup.workshop_id,
            func.count(WorkshopSignup.id),
            func.count(WorkshopSignup.id).filter(WorkshopSignup.attended.is_(True)),
        )
        .where(WorkshopSignup.workshop_id.in_(workshop_ids))
        .group_by(WorkshopSignup.workshop_id)
    )
    return {w: (n, a) for w, n, a in rows}


def signups(workshop: Workshop) -> list[WorkshopSignup]:
    return list(
        db.session.scalars(
            select(WorkshopSignup)
            .where(WorkshopSignup.workshop_id == workshop.id)
            .options(joinedload(WorkshopSignup.enrolment))
            .order_by(WorkshopSignup.id)
        ).unique()
    )


def mark_attendance(actor: User, workshop: Workshop, attended_ids: set[int]) -> int:
    """Exactly the given sign-ups attended (ids of other workshops' sign-ups are ignored);
    returns how many attended. The people of a workshop are its sign-ups."""
    round_ = db.session.get_one(MentorRound, workshop.round_id)
    require_state(round_, PUBLISHED, RUNNING, CLOSED, action=_("markera närvaro"))
    enrolment_of: dict[int, int] = dict(
        db.session.execute(
            select(WorkshopSignup.id, WorkshopSignup.enrolment_id)
            .where(WorkshopSignup.workshop_id == workshop.id)
        ).all()
    )
    present = {enrolment_of[i] for i in attended_ids if i in enrolment_of}
    return record_attendance(workshop, present, enrolment_of.values(), field="attended").count


@dataclass(frozen=True)
class PersonAttendance:
    enrolment: Enrolment
    attended: dict[int, bool | None]  # workshop id -> attended (None: not signed up)

    @property
    def count(self) -> int:
        return sum(1 for v in self.attended.values() if v)


def attendance_per_person(round_: MentorRound) -> tuple[list[Workshop], list[PersonAttendance]]:
    """A row per enrolled person, a column per workshop; three queries in all."""
    workshops = round_workshops(round_)
    enrolments = list(
        db.session.scalars(
            select(Enrolment)
            .join(Enrolment.user)
            .where(Enrolment.round_id == round_.id)
            .order_by(swedish(User.name), Enrolment.id)
        ).unique()
    )
    marks: dict[int, dict[int, bool]] = {}
    for s in db.session.scalars(
        select(WorkshopSignup)
        .join(Workshop, Workshop.id == WorkshopSignup.workshop_id)
        .where(Workshop.round_id == round_.id)
    ):
        marks.setdefault(s.enrolment_id, {})[s.workshop_id] = s.attended
    people = [
        PersonAttendance(e, {w.id: marks.get(e.id, {}).get(w.id) for w in workshops})
        for e in enrolments
    ]
    return workshops, people


def calendar_entry(workshop: Workshop, round_name: str) -> CalendarEntry:
    if workshop.starts_at is None:
        raise ServiceError(_("Programworkshopen har ingen tid än."))
    description = _("Programworkshop i mentorsprogrammet %(round)s.", round=round_name)
    if workshop.link:
        description += "\n" + workshop.link
    return entry_for(workshop, workshop.title, workshop.place or workshop.link, description)
