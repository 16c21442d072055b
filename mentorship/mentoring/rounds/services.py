"""Rounds: create, change settings, move through the states (each change recorded)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import Select, select

from matching import Weights
from mentorship.auth.models import User
from mentorship.db import swedish, utcnow
from mentorship.extensions import db
from mentorship.mentoring.labels import state_labels, state_phrases
from mentorship.mentoring.models import (
    CLOSED,
    DRAFT,
    MATCHING,
    OPEN,
    PUBLISHED,
    RUNNING,
    Enrolment,
    MentorGoal,
    MentorPair,
    MentorRound,
    RoundTransition,
    Workshop,
)
from mentorship.refusals import ServiceError, require_admin
from mentorship.timezones import local_date

WORKSHOPS_PER_ROUND = 4

DEFAULT_GOALS = (
    "Leda förändring",
    "Strategiskt ledarskap",
    "Ekonomistyrning",
    "Arbetsmiljö och hälsa",
    "Kompetensförsörjning och rekrytering",
    "Svåra samtal",
    "Kommunikation och bemötande",
    "Leda på distans",
    "Politisk styrning och samverkan",
    "Verksamhetsutveckling och digitalisering",
)


# The generic transitions an admin may make; "published" is reached only by publishing.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    DRAFT: (OPEN,),
    OPEN: (MATCHING, DRAFT),
    MATCHING: (OPEN,),
    PUBLISHED: (RUNNING,),
    RUNNING: (CLOSED,),
    CLOSED: (),
}


def require_state(round_: MentorRound, *states: str, action: str = "") -> None:
    """Refuse an action that does not fit the round's state, with a clear message."""
    if round_.state in states:
        return
    labels = state_phrases()
    allowed = ", ".join(str(labels[s]) for s in states)
    raise ServiceError(
        _(
            "Det går inte att %(action)s när omgången är %(state)s (det går när den är: "
            "%(allowed)s).",
            action=action or _("göra det"),
            state=labels[round_.state],
            allowed=allowed,
        )
    )


# --- scoping ---------------------------------------------------------------------------


def visible_rounds(actor: User) -> Select:
    """Admins and HR contacts see every round; participants the rounds they are in."""
    query = select(MentorRound)
    if actor.is_admin or actor.is_hr:
        return query
    mine = select(Enrolment.round_id).where(Enrolment.user_id == actor.id)
    return query.where(MentorRound.id.in_(mine))


def get_round(actor: User, round_id: int) -> MentorRound | None:
    return db.session.scalar(visible_rounds(actor).where(MentorRound.id == round_id))


def list_rounds(actor: User) -> list[MentorRound]:
    query = visible_rounds(actor).order_by(MentorRound.starts_on.desc(), MentorRound.id.desc())
    return list(db.session.scalars(query))


# --- goals (the admin-edited list) -----------------------------------------------------


def seed_goals() -> int:
    if db.session.scalar(select(MentorGoal.id).limit(1)) is not None:
        return 0
    for name in DEFAULT_GOALS:
        db.session.add(MentorGoal(name=name))
    db.session.flush()
    return len(DEFAULT_GOALS)


def goals(include_retired: bool = False) -> list[MentorGoal]:
    query = select(MentorGoal).order_by(swedish(MentorGoal.name))
    if not include_retired:
        query = query.where(MentorGoal.active.is_(True))
    return list(db.session.scalars(query))


def add_goal(actor: User, name: str) -> MentorGoal:
    require_admin(actor)
    name = (name or "").strip()
    if not name:
        raise ServiceError(_("Skriv målet."), field="name")
    if any(g.name.lower() == name.lower() for g in goals(include_retired=True)):
        raise ServiceError(_("Målet finns redan i listan."), field="name")
    goal = MentorGoal(name=name)
    db.session.add(goal)
    db.session.flush()
    return goal


def set_goal_active(actor: User, goal_id: int, active: bool) -> None:
    require_admin(actor)
    goal = db.session.get(MentorGoal, goal_id)
    if goal is None:
        raise ServiceError(_("Målet finns inte."))
    goal.active = active
    db.session.flush()


# --- rounds ----------------------------------------------------------------------------


@dataclass(frozen=True)
class RoundSettings:
    name: str
    starts_on: date
    ends_on: date
    min_score: float
    weights: dict[str, float]


def _check_settings(cmd: RoundSettings, round_: MentorRound | None) -> dict[str, float]:
    if cmd.ends_on <= cmd.starts_on:
        raise ServiceError(_("Slutdatum måste vara efter startdatum."), field="ends_on")
    if cmd.min_score < 0:
        raise ServiceError(_("Miniminivån kan inte vara negativ."), field="min_score")
    clash = db.session.scalar(select(MentorRound).where(MentorRound.name == cmd.name.strip()))
    if clash is not None and clash is not round_:
        raise ServiceError(_("Det finns redan en omgång med det namnet."), field="name")
    try:
        return Weights.from_dict(cmd.weights).to_dict()
    except ValueError as err:
        raise ServiceError(str(err), field="weights") from None


def create_round(actor: User, cmd: RoundSettings) -> MentorRound:
    weights = _check_settings(cmd, None)
    round_ = MentorRound(
        name=cmd.name.strip(),
        starts_on=cmd.starts_on,
        ends_on=cmd.ends_on,
        min_score=cmd.min_score,
        weights=weights,
        state=DRAFT,
    )
    db.session.add(round_)
    db.session.flush()
    db.session.add(
        RoundTransition(round_id=round_.id, from_state=None, to_state=DRAFT, actor_id=actor.id)
    )
    for number in range(1, WORKSHOPS_PER_ROUND + 1):
        db.session.add(
            Workshop(
                round_id=round_.id,
                number=number,
                title=_("Programworkshop %(n)s", n=number),
            )
        )
    seed_goals()
    db.session.flush()
    return round_


def update_round(actor: User, round_: MentorRound, cmd: RoundSettings) -> None:
    require_state(round_, DRAFT, OPEN, MATCHING, action=_("ändra inställningarna"))
    weights = _check_settings(cmd, round_)
    round_.name = cmd.name.strip()
    round_.starts_on = cmd.starts_on
    round_.ends_on = cmd.ends_on
    round_.min_score = cmd.min_score
    round_.weights = weights
    db.session.flush()


def record_transition(actor: User | None, round_: MentorRound, to_state: str) -> None:
    db.session.add(
        RoundTransition(
            round_id=round_.id,
            from_state=round_.state,
            to_state=to_state,
            actor_id=actor.id if actor else None,
        )
    )
    round_.state = to_state
    db.session.flush()


def transitions_of(round_: MentorRound) -> list[RoundTransition]:
    """The round's history, oldest first, with who made each change."""
    return list(
        db.session.scalars(
            select(RoundTransition)
            .where(RoundTransition.round_id == round_.id)
            .order_by(RoundTransition.id)
        )
    )


def date_warning(round_: MentorRound, to_state: str, today: date | None = None) -> str | None:
    """Why starting or closing the round today does not fit its own dates (None: it fits).
    Such a change needs the coordinator's explicit confirmation."""
    today = today or local_date(utcnow())
    if to_state == RUNNING and today < round_.starts_on:
        return _("Omgången ska enligt sina datum starta %(day)s, inte i dag.",
                 day=format_date(round_.starts_on))
    if to_state == RUNNING and today > round_.ends_on:
        return _("Omgången skulle enligt sina datum ha slutat %(day)s.",
                 day=format_date(round_.ends_on))
    if to_state == CLOSED and today < round_.ends_on:
        return _("Omgången ska enligt sina datum pågå till %(day)s. Att avsluta den nu "
                 "avslutar också alla aktiva par.", day=format_date(round_.ends_on))
    return None


def _end_active_pairs(actor: User | None, round_: MentorRound) -> int:
    """A closed round has no active pairs: each ends with the round."""
    pairs = list(db.session.scalars(select(MentorPair).where(
        MentorPair.round_id == round_.id, MentorPair.ended_at.is_(None))))
    now = utcnow()
    for pair in pairs:
        pair.ended_at = now
        pair.ended_reason = _("Omgången är avslutad.")
        pair.ended_by_id = actor.id if actor else None
    return len(pairs)


def change_state(actor: User, round_: MentorRound, to_state: str,
                 outside_dates: bool = False, today: date | None = None) -> None:
    """`outside_dates`: the coordinator confirmed a start or close that does not fit the
    round's dates (see `date_warning`); without it such a change is refused."""
    if to_state not in TRANSITIONS.get(round_.state, ()):
        if to_state == PUBLISHED:
            raise ServiceError(_("En omgång publiceras med knappen Publicera på matchningssidan."))
        raise ServiceError(
            _(
                "En omgång som är %(state)s kan inte gå till läget %(to)s.",
                state=state_phrases()[round_.state],
                to=state_labels.label(to_state),
            )
        )
    warning = date_warning(round_, to_state, today)
    if warning is not None and not outside_dates:
        raise ServiceError(warning + " " + _("Bekräfta att du vill göra det ändå."))
    if to_state == CLOSED:
        _end_active_pairs(actor, round_)
    record_transition(actor, round_, to_state)
