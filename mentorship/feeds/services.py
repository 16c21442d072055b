"""The feed's secret and its contents. A person makes and revokes only their own feed:
the services take the acting user, whose feed it is."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from mentorship.auth.models import User
from mentorship.auth.tokens import new_token, token_hash
from mentorship.calendar import CalendarEntry
from mentorship.db import utcnow
from mentorship.extensions import db
from mentorship.feeds.models import CalendarFeed
from mentorship.mentoring.models import Enrolment, MentorRound, Workshop, WorkshopSignup
from mentorship.mentoring.workshops.services import calendar_entry
from mentorship.trainees.events.services import calendar_entries
from mentorship.trainees.labels import event_kind_labels
from mentorship.trainees.models import Trainee, TraineeEvent


def feed_of(user: User) -> CalendarFeed | None:
    return db.session.scalar(select(CalendarFeed).where(CalendarFeed.user_id == user.id))


def new_feed(actor: User) -> str:
    """A new secret for the actor's feed's URL, returned to be shown once (only its hash
    is stored, as for login sessions and e-mailed links); an earlier one stops working."""
    feed = feed_of(actor)
    if feed is None:
        feed = CalendarFeed(user_id=actor.id)
        db.session.add(feed)
    raw, feed.token_hash = new_token()
    feed.created_at = utcnow()
    db.session.flush()
    return raw


def revoke(actor: User) -> None:
    """The actor's own feed stops working."""
    feed = feed_of(actor)
    if feed is not None:
        db.session.delete(feed)  # through the ORM, so the audit log records it
        db.session.flush()


def owner_of(token: str) -> User | None:
    """The active person whose feed has this secret, else None."""
    if not token or len(token) > 64:
        return None
    user = db.session.scalar(
        select(User).join(CalendarFeed, CalendarFeed.user_id == User.id)
        .where(CalendarFeed.token_hash == token_hash(token))
    )
    if user is None or not user.active or user.is_erased:
        return None
    return user


def entries(user: User) -> list[CalendarEntry]:
    """The workshops the person signed up for and their cohort's training days and study
    visits, in time order."""
    out: list[CalendarEntry] = []
    workshops = db.session.execute(
        select(Workshop, MentorRound.name)
        .join(WorkshopSignup, WorkshopSignup.workshop_id == Workshop.id)
        .join(Enrolment, Enrolment.id == WorkshopSignup.enrolment_id)
        .join(MentorRound, MentorRound.id == Workshop.round_id)
        .where(Enrolment.user_id == user.id, Workshop.starts_at.is_not(None))
    ).all()
    out += [calendar_entry(w, round_name) for w, round_name in workshops]
    events = list(
        db.session.scalars(
            select(TraineeEvent)
            .join(Trainee, Trainee.cohort_id == TraineeEvent.cohort_id)
            .where(Trainee.user_id == user.id)
            .options(joinedload(TraineeEvent.cohort), joinedload(TraineeEvent.host_municipality))
        ).unique()
    )
    out += calendar_entries(events, event_kind_labels())
    return sorted(out, key=lambda e: e.start)


def feed_name(user: User) -> str:
    return _("HR-nätverket: %(name)s", name=user.name)
