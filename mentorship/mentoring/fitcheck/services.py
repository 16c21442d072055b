"""The fit check: a configurable time after a pair's first logged talk (or some weeks
after publishing if none is logged) each side is asked, in the app and by e-mail, whether
the match feels right: ja / osäker / nej, with an optional note to the coordinator.

The answer is private: only its writer and the admins read it (the partner never does),
and the round's figures show it only counted, hidden below MIN_ANSWERS answers as the
evaluation is. "Nej" and "osäker" are the coordinator's to handle, with the re-match path
that exists (end the pair, then match the adept again)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from mentorship.auth.models import User
from mentorship.db import utcnow
from mentorship.extensions import db
from mentorship.mail.services import in_language_of, queue_mail
from mentorship.mentoring.fit_models import ANSWERS, NO, UNSURE, YES, FitCheck
from mentorship.mentoring.models import (
    PUBLISHED,
    RUNNING,
    Enrolment,
    MentorPair,
    MentorRound,
    MentorTalk,
)
from mentorship.mentoring.talks.services import as_date
from mentorship.refusals import ServiceError
from mentorship.small_groups import MIN_ANSWERS
from mentorship.timezones import local_date
from mentorship.urls import external_url

NOTE_MAX = 1000


def _waits() -> tuple[timedelta, timedelta]:
    config = current_app.config
    return (timedelta(days=int(config["FIT_CHECK_DAYS_AFTER_FIRST_TALK"])),
            timedelta(weeks=int(config["FIT_CHECK_WEEKS_WITHOUT_TALK"])))


def due(now: datetime | None = None) -> list[tuple[MentorPair, Enrolment]]:
    """Each side of an active pair of a published or running round that is due its
    question and has not been asked: the first talk was logged long enough ago, or none
    is logged long enough after publishing. Nobody who asked to leave is asked."""
    now = now or utcnow()
    after_talk, without_talk = _waits()
    first = (select(MentorTalk.pair_id, func.min(MentorTalk.held_on).label("first"))
             .group_by(MentorTalk.pair_id).subquery())
    rows = db.session.execute(
        select(MentorPair, first.c.first)
        .join(MentorRound, MentorRound.id == MentorPair.round_id)
        .outerjoin(first, first.c.pair_id == MentorPair.id)
        .where(MentorRound.state.in_((PUBLISHED, RUNNING)), MentorPair.ended_at.is_(None))
        .options(joinedload(MentorPair.adept), joinedload(MentorPair.mentor))
        .order_by(MentorPair.id)
    ).unique().all()
    if not rows:
        return []
    asked = {(pair_id, enrolment_id) for pair_id, enrolment_id in db.session.execute(
        select(FitCheck.pair_id, FitCheck.enrolment_id)
        .where(FitCheck.pair_id.in_([pair.id for pair, _first in rows])))}
    today = local_date(now)
    result = []
    for pair, first_talk in rows:
        first_day = as_date(first_talk)
        if first_day is not None:
            ready = first_day + after_talk <= today
        else:
            published = pair.published_at if pair.published_at.tzinfo else (
                pair.published_at.replace(tzinfo=now.tzinfo))
            ready = published + without_talk <= now
        if not ready:
            continue
        for side in (pair.adept, pair.mentor):
            if (pair.id, side.id) not in asked and side.leave_requested_at is None \
                    and side.user.active and not side.user.is_erased:
                result.append((pair, side))
    return result


def ask_due(now: datetime | None = None) -> int:
    """For the nightly command: asks every side that is due (a row each, so that nobody
    is asked twice) and tells them by e-mail. Returns how many were asked."""
    now = now or utcnow()
    todo = due(now)
    for pair, side in todo:
        check = FitCheck(pair_id=pair.id, enrolment_id=side.id, asked_at=now)
        db.session.add(check)
        db.session.flush()
        partner = pair.mentor if side.id == pair.adept_id else pair.adept
        _tell(side.user, partner.user, check, db.session.get_one(MentorRound, pair.round_id))
    db.session.flush()
    return len(todo)


def _tell(user: User, partner: User, check: FitCheck, round_: MentorRound) -> None:
    with in_language_of(user):
        queue_mail(
            user.email,
            _("Känns matchningen rätt? (%(round)s)", round=round_.name),
            _("Hej %(name)s!\n\nNi har haft en tid att lära känna varandra. Känns "
              "matchningen med %(partner)s rätt? Svara ja, osäker eller nej, och skriv "
              "gärna några ord till samordnaren. Svaret läses bara av samordnaren, "
              "aldrig av %(partner)s.\n\n%(link)s\n\nVänliga hälsningar\nHR-nätverket",
              name=user.name, partner=partner.name,
              link=external_url("mentoring.fit_check", check_id=check.id)),
        )


# --- the participant's answer ------------------------------------------------------------


def get_own(actor: User, check_id: int) -> FitCheck | None:
    """The actor's own question only: anyone else's (the partner's too) is None, a 404."""
    return db.session.scalar(
        select(FitCheck).join(Enrolment, Enrolment.id == FitCheck.enrolment_id)
        .where(FitCheck.id == check_id, Enrolment.user_id == actor.id)
        .options(joinedload(FitCheck.pair).joinedload(MentorPair.adept),
                 joinedload(FitCheck.pair).joinedload(MentorPair.mentor)))


def open_for(actor: User) -> list[FitCheck]:
    """The actor's questions not yet answered, of pairs that are still active."""
    return list(db.session.scalars(
        select(FitCheck).join(Enrolment, Enrolment.id == FitCheck.enrolment_id)
        .join(MentorPair, MentorPair.id == FitCheck.pair_id)
        .where(Enrolment.user_id == actor.id, FitCheck.answer.is_(None),
               MentorPair.ended_at.is_(None))
        .order_by(FitCheck.id)))


@dataclass(frozen=True)
class FitAnswer:
    answer: str
    note: str = ""


def answer(actor: User, check: FitCheck, cmd: FitAnswer) -> None:
    if check.enrolment.user_id != actor.id:
        raise ServiceError(_("Bara den som fick frågan kan svara."))
    if check.pair.ended_at is not None:
        raise ServiceError(_("Paret är avslutat, så frågan behöver inget svar längre."))
    if check.handled_at is not None:
        raise ServiceError(_("Samordnaren har redan tagit hand om ditt svar. Hör av dig "
                             "till samordnaren om något har ändrats."))
    if cmd.answer not in ANSWERS:
        raise ServiceError(_("Välj ja, osäker eller nej."), field="answer")
    note = (cmd.note or "").strip()
    if len(note) > NOTE_MAX:
        raise ServiceError(_("Skriv högst %(n)s tecken.", n=NOTE_MAX), field="note")
    check.answer, check.note, check.answered_at = cmd.answer, note, utcnow()
    db.session.flush()


# --- the coordinator ---------------------------------------------------------------------


@dataclass(frozen=True)
class Concern:
    check: FitCheck
    person: User
    partner: User
    role: str  # the person's role in the pair


def concerns(round_: MentorRound) -> list[Concern]:
    """Answers "nej" and "osäker" of the round's active pairs not handled yet."""
    checks = db.session.scalars(
        select(FitCheck).join(MentorPair, MentorPair.id == FitCheck.pair_id)
        .where(MentorPair.round_id == round_.id, MentorPair.ended_at.is_(None),
               FitCheck.answer.in_((NO, UNSURE)), FitCheck.handled_at.is_(None))
        .options(joinedload(FitCheck.pair).joinedload(MentorPair.adept),
                 joinedload(FitCheck.pair).joinedload(MentorPair.mentor))
        .order_by(FitCheck.answer, FitCheck.answered_at)
    ).unique()
    result = []
    for check in checks:
        pair = check.pair
        adept_side = check.enrolment_id == pair.adept_id
        me, other = (pair.adept, pair.mentor) if adept_side else (pair.mentor, pair.adept)
        result.append(Concern(check, me.user, other.user, "adept" if adept_side else "mentor"))
    return result


def concern_counts(round_ids: list[int]) -> dict[int, int]:
    """round id -> answers to handle (for the start page), in one query."""
    if not round_ids:
        return {}
    return dict(db.session.execute(
        select(MentorPair.round_id, func.count(FitCheck.id))
        .join(MentorPair, MentorPair.id == FitCheck.pair_id)
        .where(MentorPair.round_id.in_(round_ids), MentorPair.ended_at.is_(None),
               FitCheck.answer.in_((NO, UNSURE)), FitCheck.handled_at.is_(None))
        .group_by(MentorPair.round_id)).all())


def round_check(round_: MentorRound, check_id: int) -> FitCheck | None:
    return db.session.scalar(
        select(FitCheck).join(MentorPair, MentorPair.id == FitCheck.pair_id)
        .where(FitCheck.id == check_id, MentorPair.round_id == round_.id))


def mark_handled(actor: User, check: FitCheck) -> None:
    if check.answer not in (NO, UNSURE):
        raise ServiceError(_("Bara svaren nej och osäker behöver hanteras."))
    if check.handled_at is not None:
        raise ServiceError(_("Svaret är redan hanterat."))
    check.handled_at, check.handled_by_id = utcnow(), actor.id
    db.session.flush()


@dataclass(frozen=True)
class Figures:
    asked: int
    answered: int
    counts: dict[str, int] | None  # None: fewer than MIN_ANSWERS answers, hidden

    @property
    def hidden(self) -> bool:
        return self.counts is None


def figures(round_: MentorRound) -> Figures:
    """How the round's pairs answered, counted; hidden below MIN_ANSWERS answers (the
    evaluation's rule), so that no one answer can be told from the figures."""
    rows = db.session.execute(
        select(FitCheck.answer, func.count(FitCheck.id))
        .join(MentorPair, MentorPair.id == FitCheck.pair_id)
        .where(MentorPair.round_id == round_.id)
        .group_by(FitCheck.answer)).all()
    by_answer = {a: n for a, n in rows}
    answered = sum(n for a, n in by_answer.items() if a is not None)
    asked = sum(by_answer.values())
    counts = ({a: by_answer.get(a, 0) for a in (YES, UNSURE, NO)}
              if answered >= MIN_ANSWERS else None)
    return Figures(asked, answered, counts)
