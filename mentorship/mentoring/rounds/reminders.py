"""Reminders to a selection of a round's people, with a text the coordinator edits, and
automatic weekly reminders to silent pairs sent by the nightly command. Every sending is
logged (selection, text, how many, who, when); the messages themselves are in the outbox."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import select

from mentorship.auth.models import User
from mentorship.db import swedish, utcnow
from mentorship.extensions import db
from mentorship.mail.services import queue_mail
from mentorship.mentoring.closing_models import EvaluationAnswer
from mentorship.mentoring.codes import EVALUATION, INVITATION, PROFILE, SILENT
from mentorship.mentoring.models import (
    CLOSED,
    MATCHING,
    OPEN,
    PUBLISHED,
    RUNNING,
    Enrolment,
    MentorPair,
    MentorRound,
)
from mentorship.mentoring.rounds.log import Reminder
from mentorship.mentoring.rounds.services import require_state
from mentorship.mentoring.rounds.texts import REMINDER, current, fill
from mentorship.mentoring.talks.services import SILENT_WEEKS, pair_overview
from mentorship.refusals import ServiceError
from mentorship.urls import external_url

#: The states in which each selection may be reminded: the page offers exactly these and
#: `send` refuses the others. An invitation is most worth a reminder once the pairs are
#: out (a partner is waiting for someone who never logged in).
SELECTION_STATES: dict[str, tuple[str, ...]] = {
    PROFILE: (OPEN,),
    INVITATION: (OPEN, MATCHING, PUBLISHED, RUNNING),
    SILENT: (PUBLISHED, RUNNING),
    EVALUATION: (RUNNING, CLOSED),
}


def selections_for(round_: MentorRound) -> list[str]:
    """The selections that may be reminded in the round's state (and, for the
    evaluation, while it is open)."""
    return [s for s, states in SELECTION_STATES.items() if round_.state in states
            and (s != EVALUATION or round_.evaluation_open)]


def default_text(selection: str, round_: MentorRound) -> tuple[str, str]:
    if selection == SILENT:  # the round's own reminder text (or today's), filled in
        subject, body, _own = current(round_, REMINDER)
        return (fill(subject, {"omgång": round_.name}, "subject"),
                fill(body, {"omgång": round_.name}))
    subject = _("Påminnelse från mentorsprogrammet %(round)s", round=round_.name)
    body = {
        PROFILE: _("Du är anmäld till mentorsprogrammet %(round)s men har inte fyllt i din "
                   "profil än. Fyll i den så att vi kan hitta en bra match åt dig."),
        INVITATION: _("Du är inbjuden till mentorsprogrammet %(round)s. Följ länken i "
                      "inbjudan för att välja ett lösenord och fylla i din profil."),
        SILENT: _("Vi ser att ni inte har loggat något mentorssamtal på ett tag i "
                  "%(round)s. Boka gärna ert nästa samtal och logga det när ni har setts."),
        EVALUATION: _("Utvärderingen av mentorsprogrammet %(round)s är öppen. Dina svar "
                      "gör nästa omgång bättre."),
    }[selection]
    return subject, body % {"round": round_.name}


def recipients(round_: MentorRound, selection: str, weeks: int = SILENT_WEEKS) -> list[User]:
    """The people a selection names, by name (each once)."""
    if selection == PROFILE:
        query = select(User).join(Enrolment, Enrolment.user_id == User.id).where(
            Enrolment.round_id == round_.id, Enrolment.profile_done_at.is_(None))
    elif selection == INVITATION:
        query = select(User).join(Enrolment, Enrolment.user_id == User.id).where(
            Enrolment.round_id == round_.id, User.password_hash.is_(None))
    elif selection == SILENT:
        # A pair one of whom asked to leave is about to end: neither side is told to
        # book the next talk.
        silent = [row.pair for row in pair_overview(round_, no_talk_weeks=weeks)
                  if row.pair.adept.leave_requested_at is None
                  and row.pair.mentor.leave_requested_at is None]
        ids = {e.user_id for pair in silent for e in (pair.adept, pair.mentor)}
        query = select(User).where(User.id.in_(ids or {0}))
    elif selection == EVALUATION:
        answered = select(EvaluationAnswer.enrolment_id).where(
            EvaluationAnswer.round_id == round_.id)
        in_pair = select(MentorPair.adept_id).where(MentorPair.round_id == round_.id).union(
            select(MentorPair.mentor_id).where(MentorPair.round_id == round_.id))
        query = select(User).join(Enrolment, Enrolment.user_id == User.id).where(
            Enrolment.round_id == round_.id, Enrolment.id.not_in(answered),
            Enrolment.id.in_(in_pair))
    else:
        raise ServiceError(_("Välj vilka som ska få påminnelsen."), field="selection")
    # Nobody who asked to leave the round is reminded of anything in it.
    leaving = select(Enrolment.user_id).where(Enrolment.round_id == round_.id,
                                              Enrolment.leave_requested_at.is_not(None))
    query = query.where(User.active.is_(True), ~User.is_erased, User.id.not_in(leaving))
    return list(db.session.scalars(query.order_by(swedish(User.name), User.id)).unique())


@dataclass(frozen=True)
class SendReminder:
    selection: str
    subject: str
    body: str
    weeks: int = SILENT_WEEKS


def allowed(round_: MentorRound, selection: str) -> None:
    """Refuses (ServiceError) a selection that does not fit the round's state."""
    states = SELECTION_STATES.get(selection)
    if states is None:
        raise ServiceError(_("Välj vilka som ska få påminnelsen."), field="selection")
    require_state(round_, *states, action=_("skicka den påminnelsen"))
    if selection == EVALUATION and not round_.evaluation_open:
        raise ServiceError(_("Utvärderingen är inte öppen."), field="selection")


def send(actor: User | None, round_: MentorRound, cmd: SendReminder,
         automatic: bool = False) -> Reminder:
    allowed(round_, cmd.selection)
    subject, body = cmd.subject.strip(), cmd.body.strip()
    if not subject:
        raise ServiceError(_("Skriv en ämnesrad."), field="subject")
    if not body:
        raise ServiceError(_("Skriv ett meddelande."), field="body")
    people = recipients(round_, cmd.selection, cmd.weeks)
    if not people:
        raise ServiceError(_("Ingen i urvalet behöver påminnas just nu."), field="selection")
    link = external_url("mentoring.mine")
    for person in people:
        queue_mail(person.email, subject,
                   _("Hej %(name)s!", name=person.name) + f"\n\n{body}\n\n{link}\n\n"
                   + _("Vänliga hälsningar\nHR-nätverket"))
    reminder = Reminder(round_id=round_.id, selection=cmd.selection,
                        weeks=cmd.weeks if cmd.selection == SILENT else None, subject=subject,
                        body=body, recipients=len(people), automatic=automatic,
                        actor_id=actor.id if actor else None)
    db.session.add(reminder)
    db.session.flush()
    return reminder


def sent(round_: MentorRound) -> list[Reminder]:
    return list(db.session.scalars(
        select(Reminder).where(Reminder.round_id == round_.id).order_by(Reminder.id.desc())
    ).unique())


def set_automatic(round_: MentorRound, on: bool) -> None:
    require_state(round_, PUBLISHED, RUNNING, action=_("slå på automatiska påminnelser"))
    round_.auto_reminders = on
    db.session.flush()


def send_automatic(now=None) -> int:
    """For the nightly command: every published or running round with automatic reminders
    on reminds its silent pairs, at most once every seven days. Returns rounds reminded."""
    now = now or utcnow()
    done = 0
    rounds = db.session.scalars(select(MentorRound).where(
        MentorRound.auto_reminders.is_(True), MentorRound.state.in_((PUBLISHED, RUNNING))))
    for round_ in rounds:
        last = db.session.scalar(
            select(Reminder.sent_at).where(Reminder.round_id == round_.id,
                                           Reminder.automatic.is_(True))
            .order_by(Reminder.id.desc()).limit(1))
        if last is not None:
            last = last if last.tzinfo else last.replace(tzinfo=now.tzinfo)
            if now - last < timedelta(days=7):
                continue
        if not recipients(round_, SILENT, SILENT_WEEKS):
            continue
        subject, body = default_text(SILENT, round_)
        send(None, round_, SendReminder(SILENT, subject, body, SILENT_WEEKS), automatic=True)
        done += 1
    return done
