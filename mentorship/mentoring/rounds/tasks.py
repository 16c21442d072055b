"""What needs each role now, for the start page: the coordinator's open tasks per round
and an HR contact's people who have not filled in their profile. (A participant's own
line, with their partner and next workshop, is `talks.start_summary`.)"""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import func, select

from mentorship.auth.models import User
from mentorship.extensions import db
from mentorship.mentoring.enrolment.leaving import open_request
from mentorship.mentoring.fitcheck.services import concern_counts
from mentorship.mentoring.models import (
    MATCHING,
    OPEN,
    PUBLISHED,
    RUNNING,
    Enrolment,
    MatchRun,
    MentorRound,
)
from mentorship.mentoring.talks.services import SILENT_WEEKS, pair_count


@dataclass(frozen=True)
class Task:
    title: str
    url: str
    text: str


def _not_filled_in(round_ids: list[int], municipality_id: int | None = None) -> dict[int, int]:
    query = (
        select(Enrolment.round_id, func.count(Enrolment.id))
        .where(Enrolment.round_id.in_(round_ids), Enrolment.profile_done_at.is_(None))
        .group_by(Enrolment.round_id)
    )
    if municipality_id is not None:
        query = query.join(User, User.id == Enrolment.user_id).where(
            User.municipality_id == municipality_id)
    return dict(db.session.execute(query).all())


def mentor_tasks(user: User) -> list[Task]:
    if not (user.is_admin or user.is_hr):
        return []
    rounds = list(db.session.scalars(
        select(MentorRound).where(MentorRound.state.in_((OPEN, MATCHING, PUBLISHED, RUNNING)))
        .order_by(MentorRound.starts_on)
    ))
    if not rounds:
        return []
    tasks: list[Task] = []
    open_ids = [r.id for r in rounds if r.state == OPEN]
    missing = _not_filled_in(open_ids, None if user.is_admin else user.municipality_id)
    for r in rounds:
        if r.state == OPEN and missing.get(r.id):
            text = (ngettext("%(num)s anmäld har inte fyllt i sin profil.",
                             "%(num)s anmälda har inte fyllt i sin profil.", missing[r.id])
                    if user.is_admin else
                    ngettext("%(num)s i din kommun har inte fyllt i sin profil.",
                             "%(num)s i din kommun har inte fyllt i sin profil.", missing[r.id]))
            tasks.append(Task(_("Att göra: %(name)s", name=r.name),
                              url_for("mentoring.enrolments", round_id=r.id), text))
    if not user.is_admin:
        return tasks
    runs = {rid for (rid,) in db.session.execute(
        select(MatchRun.round_id).where(MatchRun.round_id.in_([r.id for r in rounds]))
        .distinct())}
    leaving = dict(db.session.execute(
        select(Enrolment.round_id, func.count(Enrolment.id))
        .where(Enrolment.round_id.in_([r.id for r in rounds]),
               open_request())
        .group_by(Enrolment.round_id)).all())
    doubts = concern_counts([r.id for r in rounds if r.state in (PUBLISHED, RUNNING)])
    for r in rounds:
        title = _("Att göra: %(name)s", name=r.name)
        if r.state == MATCHING:
            tasks.append(Task(title, url_for("mentoring.proposal", round_id=r.id),
                              _("Granska förslaget och publicera.") if r.id in runs
                              else _("Anmälan är stängd: kör matchningen.")))
        if r.state in (PUBLISHED, RUNNING):
            if leaving.get(r.id):
                tasks.append(Task(title, url_for("mentoring.pairs", round_id=r.id),
                                  ngettext("%(num)s vill lämna omgången.",
                                           "%(num)s vill lämna omgången.", leaving[r.id])))
            if doubts.get(r.id):
                tasks.append(Task(
                    title, url_for("mentoring.round_show", round_id=r.id, _anchor="fit-title"),
                    ngettext("%(num)s svar på ”Känns matchningen rätt?” behöver hanteras.",
                             "%(num)s svar på ”Känns matchningen rätt?” behöver hanteras.",
                             doubts[r.id])))
            silent = pair_count(r, no_talk_weeks=SILENT_WEEKS)
            if silent:
                tasks.append(Task(
                    title, url_for("mentoring.pairs", round_id=r.id, weeks=SILENT_WEEKS),
                    ngettext("%(num)s par har inte loggat något samtal på %(weeks)s.",
                             "%(num)s par har inte loggat något samtal på %(weeks)s.", silent,
                             weeks=ngettext("%(num)s vecka", "%(num)s veckor", SILENT_WEEKS))))
    return tasks
