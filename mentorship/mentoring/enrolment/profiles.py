"""The participant's profile in a round: what the engine matches on."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select

from mentorship.auth.models import User
from mentorship.db import utcnow
from mentorship.extensions import db
from mentorship.mentoring.labels import meeting_labels
from mentorship.mentoring.models import ADEPT, DRAFT, MENTOR, OPEN, Enrolment
from mentorship.mentoring.rounds.services import goals, require_state
from mentorship.services import ServiceError

MAX_CAPACITY = 3


@dataclass(frozen=True)
class Profile:
    role: str
    business_area: str
    level: int
    years_as_manager: int
    goals: tuple[str, ...]
    languages: tuple[str, ...]
    gender: str | None = None
    gender_preference: str | None = None
    meeting_mode: str = "either"
    capacity: int = 1


def starting_profile(enrolment: Enrolment) -> Profile | None:
    """The profile to show: this round's, or else the person's last one from earlier rounds."""
    source = enrolment
    if enrolment.profile_done_at is None:
        earlier = db.session.scalar(
            select(Enrolment)
            .where(
                Enrolment.user_id == enrolment.user_id,
                Enrolment.id != enrolment.id,
                Enrolment.profile_done_at.is_not(None),
            )
            .order_by(Enrolment.profile_done_at.desc(), Enrolment.id.desc())
            .limit(1)
        )
        if earlier is None:
            return None
        source = earlier
    return Profile(
        role=source.role or "",
        business_area=source.business_area,
        level=source.level,
        years_as_manager=source.years_as_manager,
        goals=tuple(source.goals or ()),
        languages=tuple(source.languages or ()),
        gender=source.gender,
        gender_preference=source.gender_preference,
        meeting_mode=source.meeting_mode,
        capacity=source.capacity,
    )


def check_profile(p: Profile, valid_goals: set[str] | None = None) -> None:
    if p.role not in (MENTOR, ADEPT):
        raise ServiceError(_("Välj om du är mentor eller adept."), field="role")
    if not (p.business_area or "").strip():
        raise ServiceError(_("Välj ditt verksamhetsområde."), field="business_area")
    if p.level not in (1, 2, 3):
        raise ServiceError(_("Välj chefsnivå 1, 2 eller 3."), field="level")
    if not 0 <= p.years_as_manager <= 60:
        raise ServiceError(_("Skriv antal år som chef, 0–60."), field="years_as_manager")
    if valid_goals is not None and set(p.goals) - valid_goals:
        raise ServiceError(_("Välj mål i listan."), field="goals")
    if not p.goals:
        raise ServiceError(_("Välj minst ett mål."), field="goals")
    if not p.languages:
        raise ServiceError(_("Välj minst ett språk."), field="languages")
    if p.gender not in (None, "woman", "man", "other"):
        raise ServiceError(_("Välj i listan."), field="gender")
    if p.gender_preference not in (None, "woman", "man"):
        raise ServiceError(_("Välj i listan."), field="gender_preference")
    if p.meeting_mode not in meeting_labels():
        raise ServiceError(_("Välj i listan."), field="meeting_mode")
    if p.role == MENTOR and not 1 <= p.capacity <= MAX_CAPACITY:
        raise ServiceError(
            ngettext("En mentor kan ta 1–%(num)s adept.", "En mentor kan ta 1–%(num)s adepter.",
                     MAX_CAPACITY), field="capacity"
        )


def apply_profile(enrolment: Enrolment, p: Profile) -> None:
    enrolment.role = p.role
    enrolment.business_area = p.business_area.strip()
    enrolment.level = p.level
    enrolment.years_as_manager = p.years_as_manager
    enrolment.goals = sorted(set(p.goals))
    enrolment.languages = sorted(set(p.languages))
    enrolment.gender = p.gender or None
    enrolment.gender_preference = (p.gender_preference or None) if p.role == ADEPT else None
    enrolment.meeting_mode = p.meeting_mode
    enrolment.capacity = p.capacity if p.role == MENTOR else 1
    enrolment.profile_done_at = utcnow()


def save_profile(actor: User, enrolment: Enrolment, p: Profile) -> None:
    """The participant fills in their own profile while enrolment is open."""
    if enrolment.user_id != actor.id and not actor.is_admin:
        raise ServiceError(_("Du kan bara ändra din egen profil."))
    require_state(enrolment.round, DRAFT, OPEN, action=_("ändra profilen"))
    check_profile(p, {g.name for g in goals()} | set(enrolment.goals or ()))
    apply_profile(enrolment, p)
    db.session.flush()
