"""A participant edits or deletes the mentor talks they logged themselves."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from mentorship.auth.models import User
from mentorship.extensions import db
from mentorship.mentoring.models import (
    PUBLISHED,
    RUNNING,
    Enrolment,
    MentorPair,
    MentorRound,
    MentorTalk,
)
from mentorship.mentoring.rounds.services import require_state
from mentorship.mentoring.talks.services import NewTalk, check_talk, refuse_second_talk
from mentorship.refusals import ServiceError


def own_talk(actor: User, talk_id: int) -> MentorTalk | None:
    """A talk the actor logged (None for anyone else's: their route answers 404)."""
    return db.session.scalar(
        select(MentorTalk).where(MentorTalk.id == talk_id, MentorTalk.author_id == actor.id)
    )


def partner_of(actor: User, talk: MentorTalk) -> Enrolment:
    """The other person in the pair the actor's talk belongs to."""
    pair = db.session.get_one(MentorPair, talk.pair_id)
    return pair.mentor if pair.adept.user_id == actor.id else pair.adept


def _pair_and_round(talk: MentorTalk, action: str) -> tuple[MentorPair, MentorRound]:
    pair = db.session.get_one(MentorPair, talk.pair_id)
    round_ = db.session.get_one(MentorRound, pair.round_id)
    require_state(round_, PUBLISHED, RUNNING, action=action)
    return pair, round_


def edit_talk(actor: User, talk: MentorTalk, cmd: NewTalk, today: date | None = None) -> None:
    if talk.author_id != actor.id:
        raise ServiceError(_("Du kan bara ändra samtal som du själv har loggat."))
    pair, round_ = _pair_and_round(talk, _("ändra ett mentorssamtal"))
    check_talk(round_, pair, cmd, today)
    refuse_second_talk(pair.id, actor.id, cmd.held_on, talk.id)
    talk.held_on = cmd.held_on
    talk.minutes = cmd.minutes
    talk.private_note = (cmd.private_note or "").strip()
    db.session.flush()


def delete_talk(actor: User, talk: MentorTalk) -> None:
    if talk.author_id != actor.id:
        raise ServiceError(_("Du kan bara ta bort samtal som du själv har loggat."))
    _pair_and_round(talk, _("ta bort ett mentorssamtal"))
    db.session.delete(talk)
    db.session.flush()
