"""The wish period: the admin opens it with dates; in it an adept ranks up to three of the
mentors they may be matched with, and a mentor marks adepts they must not be paired with
(a conflict of interest, with a reason only admins see). Both go to the engine: wishes as
its wish criterion, marks as a hard exclude."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import Select, case, delete, func, select
from sqlalchemy.orm import joinedload

from mentorship.auth.models import User
from mentorship.db import swedish, utcnow
from mentorship.extensions import db
from mentorship.mentoring.models import (
    ADEPT,
    DRAFT,
    MATCHING,
    MENTOR,
    OPEN,
    Enrolment,
    MatchRun,
    MentorPair,
    MentorRound,
    ProposedPair,
)
from mentorship.mentoring.rounds.services import require_state
from mentorship.mentoring.wish_models import MAX_WISHES, AdeptWish, MentorExclusion, WishPeriod
from mentorship.refusals import ServiceError
from mentorship.timezones import local_date

# Wishes and marks can be given while people enrol and until the proposal is made.
WISH_STATES = (OPEN, MATCHING)


def today() -> date:
    return local_date(utcnow())


# --- the period (admins) ------------------------------------------------------------------


def wish_period(round_: MentorRound) -> WishPeriod | None:
    return db.session.get(WishPeriod, round_.id)


@dataclass(frozen=True)
class PeriodDates:
    opens_on: date
    closes_on: date


def set_wish_period(round_: MentorRound, cmd: PeriodDates) -> WishPeriod:
    require_state(round_, DRAFT, OPEN, MATCHING, action=_("ändra önskeperioden"))
    if cmd.closes_on < cmd.opens_on:
        raise ServiceError(_("Sista dagen kan inte vara före första dagen."), field="closes_on")
    period = wish_period(round_) or WishPeriod(round_id=round_.id)
    period.opens_on, period.closes_on = cmd.opens_on, cmd.closes_on
    db.session.add(period)
    db.session.flush()
    return period


def close_wish_period(round_: MentorRound) -> None:
    """No wish period (the wishes and marks given stay and still count)."""
    require_state(round_, DRAFT, OPEN, MATCHING, action=_("ändra önskeperioden"))
    db.session.execute(delete(WishPeriod).where(WishPeriod.round_id == round_.id))
    db.session.flush()


def is_open(round_: MentorRound, period: WishPeriod | None, day: date | None = None) -> bool:
    if period is None or round_.state not in WISH_STATES:
        return False
    return period.opens_on <= (day or today()) <= period.closes_on


def open_rounds(round_ids: Iterable[int], day: date | None = None) -> set[int]:
    """Of these rounds, those whose wish period is open today (the participant's page)."""
    ids = list(round_ids)
    if not ids:
        return set()
    day = day or today()
    rows = db.session.execute(
        select(WishPeriod.round_id)
        .join(MentorRound, MentorRound.id == WishPeriod.round_id)
        .where(
            WishPeriod.round_id.in_(ids),
            WishPeriod.opens_on <= day,
            WishPeriod.closes_on >= day,
            MentorRound.state.in_(WISH_STATES),
        )
    )
    return {round_id for (round_id,) in rows}


def _require_open(enrolment: Enrolment, role: str) -> None:
    if enrolment.role != role or enrolment.profile_done_at is None:
        raise ServiceError(
            _("Fyll i din profil som adept först.") if role == ADEPT
            else _("Fyll i din profil som mentor först.")
        )
    if not is_open(enrolment.round, wish_period(enrolment.round)):
        raise ServiceError(_("Önskeperioden är inte öppen."))


# --- an adept's wishes ---------------------------------------------------------------------


def _in_round(round_: MentorRound, role: str):
    return (
        select(Enrolment)
        .where(
            Enrolment.round_id == round_.id,
            Enrolment.role == role,
            Enrolment.profile_done_at.is_not(None),
        )
        .join(Enrolment.user)
    )


def possible_mentors(adept: Enrolment) -> list[Enrolment]:
    """The mentors the engine may pair the adept with under its hard rules: another
    municipality, a common language and at least one place. (A lock, an admin's forbid or
    a mentor's mark is not shown: the adept must not learn of it.)"""
    mentors = db.session.scalars(
        _in_round(adept.round, MENTOR)
        .where(User.municipality_id != adept.user.municipality_id, Enrolment.capacity > 0)
        .order_by(swedish(User.name), Enrolment.id)
    ).unique()
    spoken = set(adept.languages or ())
    return [m for m in mentors if spoken & set(m.languages or ())]


def wishes_of(adept: Enrolment) -> list[int]:
    """The adept's mentors, first choice first."""
    return list(
        db.session.scalars(
            select(AdeptWish.mentor_id).where(AdeptWish.adept_id == adept.id)
            .order_by(AdeptWish.rank)
        )
    )


def wished_mentors(adept: Enrolment) -> list[Enrolment]:
    """The adept's wished mentors, first choice first (for the coordinators)."""
    return list(
        db.session.scalars(
            select(Enrolment)
            .join(AdeptWish, AdeptWish.mentor_id == Enrolment.id)
            .where(AdeptWish.adept_id == adept.id)
            .order_by(AdeptWish.rank)
        ).unique()
    )


@dataclass(frozen=True)
class Wishes:
    mentor_ids: tuple[int | None, ...]  # in rank order; None = no choice at that rank


def save_wishes(actor: User, adept: Enrolment, cmd: Wishes) -> None:
    if adept.user_id != actor.id:
        raise ServiceError(_("Du kan bara ändra dina egna önskemål."))
    _require_open(adept, ADEPT)
    chosen = [m for m in cmd.mentor_ids if m]
    if len(chosen) > MAX_WISHES:
        raise ServiceError(ngettext("Du kan önska högst %(num)s mentor.",
                                    "Du kan önska högst %(num)s mentorer.", MAX_WISHES))
    for rank, mentor_id in enumerate(cmd.mentor_ids, start=1):
        if mentor_id and mentor_id in cmd.mentor_ids[: rank - 1]:
            raise ServiceError(_("Välj olika mentorer."), field=f"wish_{rank}")
    allowed = {m.id for m in possible_mentors(adept)}
    for rank, mentor_id in enumerate(cmd.mentor_ids, start=1):
        if mentor_id and mentor_id not in allowed:
            raise ServiceError(_("Välj en mentor i listan."), field=f"wish_{rank}")
    db.session.execute(delete(AdeptWish).where(AdeptWish.adept_id == adept.id))
    db.session.add_all(
        AdeptWish(round_id=adept.round_id, adept_id=adept.id, mentor_id=mentor_id, rank=rank)
        for rank, mentor_id in enumerate(chosen, start=1)
    )
    db.session.flush()


# --- a mentor's "not this one" ------------------------------------------------------------


def markable_adepts(mentor: Enrolment) -> list[Enrolment]:
    """Adepts the engine could give the mentor: those of other municipalities."""
    return list(
        db.session.scalars(
            _in_round(mentor.round, ADEPT)
            .where(User.municipality_id != mentor.user.municipality_id)
            .order_by(swedish(User.name), Enrolment.id)
        ).unique()
    )


def marks_of(mentor: Enrolment) -> list[MentorExclusion]:
    return list(
        db.session.scalars(
            select(MentorExclusion)
            .where(MentorExclusion.mentor_id == mentor.id)
            .options(joinedload(MentorExclusion.adept))
            .order_by(MentorExclusion.id)
        ).unique()
    )


@dataclass(frozen=True)
class Mark:
    adept_id: int
    reason: str


def add_mark(actor: User, mentor: Enrolment, cmd: Mark) -> MentorExclusion:
    if mentor.user_id != actor.id:
        raise ServiceError(_("Du kan bara ändra dina egna markeringar."))
    _require_open(mentor, MENTOR)
    if cmd.adept_id not in {a.id for a in markable_adepts(mentor)}:
        raise ServiceError(_("Välj en adept i listan."), field="adept_id")
    reason = (cmd.reason or "").strip()
    if not reason:
        raise ServiceError(_("Skriv skälet (bara samordnarna ser det)."), field="reason")
    mark = db.session.scalar(
        select(MentorExclusion).where(
            MentorExclusion.mentor_id == mentor.id, MentorExclusion.adept_id == cmd.adept_id
        )
    ) or MentorExclusion(round_id=mentor.round_id, mentor_id=mentor.id, adept_id=cmd.adept_id)
    mark.reason = reason[:300]
    db.session.add(mark)
    db.session.flush()
    return mark


def remove_mark(actor: User, mentor: Enrolment, mark_id: int) -> None:
    if mentor.user_id != actor.id:
        raise ServiceError(_("Du kan bara ändra dina egna markeringar."))
    _require_open(mentor, MENTOR)
    mark = db.session.get(MentorExclusion, mark_id)
    if mark is None or mark.mentor_id != mentor.id:
        raise ServiceError(_("Markeringen finns inte."))
    db.session.delete(mark)
    db.session.flush()


# --- what the admins and the engine see -----------------------------------------------------


@dataclass(frozen=True)
class WishSummary:
    adepts: int
    adepts_with_wishes: int
    marks: list[MentorExclusion]


def summary(round_: MentorRound) -> WishSummary:
    adepts = db.session.scalar(
        select(func.count()).select_from(Enrolment).where(
            Enrolment.round_id == round_.id, Enrolment.role == ADEPT,
            Enrolment.profile_done_at.is_not(None))
    ) or 0
    wishing = db.session.scalar(
        select(func.count(func.distinct(AdeptWish.adept_id))).where(
            AdeptWish.round_id == round_.id)
    ) or 0
    marks = list(
        db.session.scalars(
            select(MentorExclusion)
            .where(MentorExclusion.round_id == round_.id)
            .options(joinedload(MentorExclusion.adept), joinedload(MentorExclusion.mentor))
            .order_by(MentorExclusion.id)
        ).unique()
    )
    return WishSummary(adepts, wishing, marks)


def engine_wishes(round_: MentorRound) -> dict[int, list[int]]:
    """Adept enrolment id -> mentor enrolment ids, first choice first."""
    wishes: dict[int, list[int]] = {}
    rows = db.session.execute(
        select(AdeptWish.adept_id, AdeptWish.mentor_id)
        .where(AdeptWish.round_id == round_.id)
        .order_by(AdeptWish.adept_id, AdeptWish.rank)
    )
    for adept_id, mentor_id in rows:
        wishes.setdefault(adept_id, []).append(mentor_id)
    return wishes


def engine_marks(round_: MentorRound) -> list[tuple[int, int]]:
    """(adept, mentor) pairs a mentor marked: never paired."""
    rows = db.session.execute(
        select(MentorExclusion.adept_id, MentorExclusion.mentor_id)
        .where(MentorExclusion.round_id == round_.id)
    )
    return [(a, m) for a, m in rows]


def wishes_from_file(round_: MentorRound, wishes: dict[int, list[int]]) -> None:
    """The import's `wishes` column (adept enrolment id -> mentor enrolment ids, ranked;
    the engine read and checked the ids): replaces those adepts' wishes."""
    if not wishes:
        return
    db.session.execute(delete(AdeptWish).where(AdeptWish.adept_id.in_(list(wishes))))
    db.session.add_all(
        AdeptWish(round_id=round_.id, adept_id=adept_id, mentor_id=mentor_id, rank=rank)
        for adept_id, mentor_ids in sorted(wishes.items())
        for rank, mentor_id in enumerate(mentor_ids[:MAX_WISHES], start=1)
    )
    db.session.flush()


def file_wishes(people: Iterable, by_file_id: dict[str, Enrolment]) -> dict[int, list[int]]:
    """The `wishes` (`önskemål`) column of an imported file, per row: the engine's reading
    (ranked ids of the file, checked by it) as enrolment ids. Rows without wishes keep the
    wishes the adept gave in the app."""
    return {
        by_file_id[p.id].id: [by_file_id[w].id for w in p.wishes if w in by_file_id]
        for p in people
        if p.role == ADEPT and p.wishes
    }


@dataclass(frozen=True)
class WishFigures:
    adepts_with_wishes: int = 0
    wishes_met: int = 0
    first_wishes_met: int = 0


def wish_figures(round_: MentorRound) -> WishFigures:
    """How many adepts wished, got one of their wishes and got their first: the published
    pairs still active or, before publishing, the latest proposal."""
    wishing = db.session.scalar(
        select(func.count(func.distinct(AdeptWish.adept_id))).where(
            AdeptWish.round_id == round_.id)
    ) or 0
    if not wishing:
        return WishFigures()
    published: Select = select(MentorPair.adept_id, MentorPair.mentor_id).where(
        MentorPair.round_id == round_.id, MentorPair.ended_at.is_(None))
    if not db.session.scalar(select(func.count()).select_from(published.subquery())):
        run_id = select(MatchRun.id).where(MatchRun.round_id == round_.id).order_by(
            MatchRun.id.desc()).limit(1).scalar_subquery()
        published = select(ProposedPair.adept_id, ProposedPair.mentor_id).where(
            ProposedPair.run_id == run_id, ProposedPair.mentor_id.is_not(None))
    pairs = published.subquery()
    met, first = db.session.execute(
        select(func.count(AdeptWish.id), func.sum(case((AdeptWish.rank == 1, 1), else_=0)))
        .join(pairs, (pairs.c.adept_id == AdeptWish.adept_id)
              & (pairs.c.mentor_id == AdeptWish.mentor_id))
        .where(AdeptWish.round_id == round_.id)
    ).one()
    return WishFigures(wishing, int(met or 0), int(first or 0))
