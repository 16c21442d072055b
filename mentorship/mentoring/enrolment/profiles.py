"""The participant's profile in a round: what the engine matches on."""

from __future__ import annotations

from dataclasses import dataclass, replace

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select

from mentorship.auth.models import User
from mentorship.db import utcnow
from mentorship.extensions import db
from mentorship.mentoring.labels import meeting_labels
from mentorship.mentoring.models import ADEPT, DRAFT, MENTOR, OPEN, Enrolment
from mentorship.mentoring.rounds.services import goals, require_state
from mentorship.refusals import ServiceError

MAX_CAPACITY = 3
MAX_TEXT = 500  # each free text: a few hundred characters


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
    presentation: str = ""
    develop_text: str = ""  # adept: "det här vill jag utvecklas i"
    offer_text: str = ""  # mentor: "det här kan jag erbjuda"
    profile_visible: bool = False  # mentor: adepts may see the profile in the wish period


# Every answer is one of two kinds. A person's answers about themselves carry over from
# their last profile whatever role they take; the answers of a role (what an adept wants
# or a mentor offers) carry over only from their last profile in that same role, so a
# former mentor who enrols as adept does not start with her offered goals as her own.
# (tests/app/mentoring/test_mentor_profile_texts.py checks that every field is one of them.)
COMMON_ANSWERS = ("business_area", "level", "years_as_manager", "languages", "gender",
                  "meeting_mode", "presentation")
ROLE_ANSWERS = ("goals", "gender_preference", "capacity", "develop_text", "offer_text",
                "profile_visible")


def _profile_of(e: Enrolment) -> Profile:
    return Profile(
        role=e.role or "",
        business_area=e.business_area,
        level=e.level,
        years_as_manager=e.years_as_manager,
        goals=tuple(e.goals or ()),
        languages=tuple(e.languages or ()),
        gender=e.gender,
        gender_preference=e.gender_preference,
        meeting_mode=e.meeting_mode,
        capacity=e.capacity,
        presentation=e.presentation or "",
        develop_text=e.develop_text or "",
        offer_text=e.offer_text or "",
        profile_visible=bool(e.profile_visible),
    )


def _earlier(enrolment: Enrolment, role: str | None = None) -> Enrolment | None:
    query = select(Enrolment).where(
        Enrolment.user_id == enrolment.user_id,
        Enrolment.id != enrolment.id,
        Enrolment.profile_done_at.is_not(None),
    )
    if role is not None:
        query = query.where(Enrolment.role == role)
    return db.session.scalar(
        query.order_by(Enrolment.profile_done_at.desc(), Enrolment.id.desc()).limit(1)
    )


def starting_profile(enrolment: Enrolment, role: str | None = None) -> Profile | None:
    """The profile to show: this round's, or else the person's last one from earlier
    rounds. `role` (the person says which role they take): the role's answers come from
    their last profile in that role, or are empty."""
    own = enrolment.profile_done_at is not None
    latest = enrolment if own else _earlier(enrolment)
    if latest is None:
        return None
    start = _profile_of(latest)
    role = role if role in (MENTOR, ADEPT) else (enrolment.role or start.role)
    if role == start.role:
        return start
    same_role = _earlier(enrolment, role)
    role_answers = (
        {name: getattr(_profile_of(same_role), name) for name in ROLE_ANSWERS}
        if same_role is not None
        else {name: getattr(Profile("", "", 1, 0, (), ()), name) for name in ROLE_ANSWERS}
    )
    return replace(start, role=role, **role_answers)


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
    for name in ("presentation", "develop_text", "offer_text"):
        if len(getattr(p, name) or "") > MAX_TEXT:
            raise ServiceError(_("Skriv högst %(n)s tecken.", n=MAX_TEXT), field=name)
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
    enrolment.presentation = (p.presentation or "").strip()
    enrolment.develop_text = (p.develop_text or "").strip() if p.role == ADEPT else ""
    enrolment.offer_text = (p.offer_text or "").strip() if p.role == MENTOR else ""
    enrolment.profile_visible = bool(p.profile_visible) and p.role == MENTOR
    enrolment.profile_done_at = utcnow()


def save_profile(actor: User, enrolment: Enrolment, p: Profile) -> None:
    """The participant fills in their own profile while enrolment is open."""
    if enrolment.user_id != actor.id and not actor.is_admin:
        raise ServiceError(_("Du kan bara ändra din egen profil."))
    require_state(enrolment.round, DRAFT, OPEN, action=_("ändra profilen"))
    check_profile(p, {g.name for g in goals()} | set(enrolment.goals or ()))
    apply_profile(enrolment, p)
    db.session.flush()
