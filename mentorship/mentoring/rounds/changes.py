"""A round's name and dates after publishing: still editable while the round is published
or running, every change recorded with the values before and after. Saving or resetting one
of the round's e-mail texts or its evaluation questions is recorded in the same list (which
text, who, when; the text itself is in the round's texts, not here)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from mentorship.auth.models import User
from mentorship.extensions import db
from mentorship.mentoring.codes import TEXT
from mentorship.mentoring.models import PUBLISHED, RUNNING, MentorRound
from mentorship.mentoring.rounds.log import RoundChange
from mentorship.mentoring.rounds.services import require_state
from mentorship.refusals import ServiceError


@dataclass(frozen=True)
class RoundDetails:
    name: str
    starts_on: date
    ends_on: date




def record_text_change(actor: User | None, round_: MentorRound, kind: str,
                       action: str) -> None:
    """One RoundChange for a saved (CHANGED) or reset (RESET) text or question set."""
    db.session.add(RoundChange(
        round_id=round_.id, field=TEXT + kind, old_value="", new_value=action,
        actor_id=actor.id if actor else None,
    ))


def record_changes(actor: User | None, round_: MentorRound, cmd: RoundDetails) -> int:
    """Writes one RoundChange per field that differs (call before assigning the values)."""
    n = 0
    for name, new in (("name", cmd.name.strip()), ("starts_on", cmd.starts_on),
                      ("ends_on", cmd.ends_on)):
        old = getattr(round_, name)
        if old != new:
            db.session.add(RoundChange(
                round_id=round_.id, field=name, old_value=str(old), new_value=str(new),
                actor_id=actor.id if actor else None,
            ))
            n += 1
    return n


def update_details(actor: User, round_: MentorRound, cmd: RoundDetails) -> int:
    """Name and dates of a published or running round (the matching settings are fixed
    once the pairs are published). Returns the number of fields changed."""
    require_state(round_, PUBLISHED, RUNNING, action=_("ändra namn och datum"))
    name = cmd.name.strip()
    if not name:
        raise ServiceError(_("Skriv ett namn."), field="name")
    if cmd.ends_on <= cmd.starts_on:
        raise ServiceError(_("Slutdatum måste vara efter startdatum."), field="ends_on")
    clash = db.session.scalar(select(MentorRound).where(MentorRound.name == name))
    if clash is not None and clash is not round_:
        raise ServiceError(_("Det finns redan en omgång med det namnet."), field="name")
    n = record_changes(actor, round_, cmd)
    round_.name, round_.starts_on, round_.ends_on = name, cmd.starts_on, cmd.ends_on
    db.session.flush()
    return n


def changes_of(round_: MentorRound) -> list[RoundChange]:
    return list(db.session.scalars(
        select(RoundChange).where(RoundChange.round_id == round_.id).order_by(RoundChange.id)
    ).unique())

