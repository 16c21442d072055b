"""What the network register holds about a person: export, erasure and retention purge.

Export: the person's memberships (network, municipality, role, e-mail, when), their
coordinator assignments, and their own survey answers.

Erasure and expiry keep what the reports count (the member row in its network and
municipality, the survey ratings) and remove the rest: the link to the account, name,
role and e-mail become empty, the comment in a survey answer goes, and a coordinator
assignment loses its person (the history then says "Borttagen person").
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from flask_babel import gettext as _
from sqlalchemy import select

from mentorship.auth.models import User
from mentorship.extensions import db
from mentorship.networks import invitations
from mentorship.networks.models import (
    Network,
    NetworkCoordinator,
    NetworkMember,
    NetworkSurvey,
    NetworkSurveyAnswer,
)
from mentorship.privacy.register import PERSONAL
from mentorship.privacy.retention import Periods, retention_text
from mentorship.privacy.sections import Section, iso

ERASED = "Borttagen medlem"
MEMBERS = "nätverk: medlemmar anonymiserade"
COORDINATORS = "nätverk: samordnare borttagna"
INVITATIONS = "nätverk: inbjudningar borttagna"
KINDS = (MEMBERS, COORDINATORS, INVITATIONS)


def export(user: User) -> list[Section]:
    members = db.session.execute(
        select(NetworkMember, Network.name)
        .join(Network, Network.id == NetworkMember.network_id)
        .where(NetworkMember.user_id == user.id)
        .order_by(NetworkMember.id)
    ).all()
    coordinators = db.session.execute(
        select(NetworkCoordinator, Network.name)
        .join(Network, Network.id == NetworkCoordinator.network_id)
        .where(NetworkCoordinator.user_id == user.id)
        .order_by(NetworkCoordinator.id)
    ).all()
    waiting = invitations.pending(user)
    member_ids = [m.id for m, _n in members]
    answers = db.session.execute(
        select(NetworkSurveyAnswer, NetworkSurvey.title, Network.name)
        .join(NetworkSurvey, NetworkSurvey.id == NetworkSurveyAnswer.survey_id)
        .join(Network, Network.id == NetworkSurveyAnswer.network_id)
        .where(NetworkSurveyAnswer.member_id.in_(member_ids))
        .order_by(NetworkSurveyAnswer.id)
    ).all() if member_ids else []
    if not (members or coordinators or waiting):
        return []
    retention = retention_text("network", user.municipality_id)
    return [
        Section(
            "nätverk-medlemskap",
            _("Nätverk som du är eller har varit med i"),
            PERSONAL["network_member"]["email"].purpose,
            retention,
            [
                {
                    "nätverk": network,
                    "namn": m.name,
                    "kommun": m.municipality.name,
                    "roll": m.role_title,
                    "e-post": m.email,
                    "med_från": iso(m.joined_on),
                    "lämnade": iso(m.left_on),
                }
                for m, network in members
            ],
        ),
        Section(
            "nätverk-samordnare",
            _("Nätverk som du är eller har varit samordnare för"),
            PERSONAL["network_coordinator"]["user_id"].purpose,
            retention,
            [
                {"nätverk": network, "från": iso(c.started_on), "till": iso(c.ended_on)}
                for c, network in coordinators
            ],
        ),
        Section(
            "nätverk-inbjudningar",
            _("Inbjudningar till nätverk som väntar på ditt svar"),
            PERSONAL["network_invitation"]["user_id"].purpose,
            retention,
            [
                {"nätverk": i.network.name, "som": i.kind, "roll": i.role_title,
                 "inbjuden": iso(i.created_at)}
                for i in waiting
            ],
        ),
        Section(
            "nätverk-enkät",
            _("Dina svar på nätverksenkäten"),
            PERSONAL["network_survey_answer"]["ratings"].purpose,
            retention,
            [
                {"enkät": title, "nätverk": network, "betyg": a.ratings,
                 "kommentar": a.comment, "svarat": iso(a.answered_at)}
                for a, title, network in answers
            ],
        ),
    ]


def _anonymise(members: list[NetworkMember], on: date) -> int:
    todo = [m for m in members if not (m.user_id is None and m.name == ERASED)]
    for m in todo:
        m.user_id = None
        m.name = ERASED
        m.role_title = ""
        m.email = None
        if m.left_on is None:
            m.left_on = on
    ids = [m.id for m in todo]
    if ids:
        for answer in db.session.scalars(
            select(NetworkSurveyAnswer).where(NetworkSurveyAnswer.member_id.in_(ids))
        ):
            answer.comment = ""
    db.session.flush()
    return len(todo)


def _counts(members: int, coordinators: int, invited: int = 0) -> dict[str, int]:
    pairs = ((MEMBERS, members), (COORDINATORS, coordinators), (INVITATIONS, invited))
    return {k: n for k, n in pairs if n}


def erase(user_ids: list[int]) -> dict[str, int]:
    if not user_ids:
        return {}
    members = db.session.scalars(
        select(NetworkMember).where(NetworkMember.user_id.in_(user_ids))
    ).all()
    n = _anonymise(list(members), date.today())
    coordinators = db.session.scalars(
        select(NetworkCoordinator).where(NetworkCoordinator.user_id.in_(user_ids))
    ).all()
    for c in coordinators:
        c.user_id = None
        if c.ended_on is None:
            c.ended_on = date.today()
    invited = invitations.erase(user_ids)
    db.session.flush()
    return _counts(n, len(coordinators), invited)


def _passed(day: date | None, now: datetime, periods: Periods, municipality_id: int | None):
    if day is None:
        return False
    return datetime.combine(day, time.min, tzinfo=UTC) < periods.cutoff(
        now, municipality_id, "network"
    )


def expire(now: datetime, periods: Periods) -> dict[str, int]:
    """Members who left (or whose network closed), and coordinators who stopped, longer ago
    than the period of their municipality."""
    rows = db.session.execute(
        select(NetworkMember, Network.closed_on)
        .join(Network, Network.id == NetworkMember.network_id)
        .where(NetworkMember.name != ERASED)
        .order_by(NetworkMember.id)
    ).all()
    old = [
        m for m, closed_on in rows
        if _passed(m.left_on or closed_on, now, periods, m.municipality_id)
    ]
    n = _anonymise(old, now.date())
    coordinators = db.session.execute(
        select(NetworkCoordinator, User.municipality_id)
        .join(User, User.id == NetworkCoordinator.user_id)
        .where(NetworkCoordinator.ended_on.is_not(None))
    ).all()
    gone = 0
    for c, municipality_id in coordinators:
        if _passed(c.ended_on, now, periods, municipality_id):
            c.user_id = None
            gone += 1
    lapsed = invitations.expire(now)
    db.session.flush()
    return _counts(n, gone, lapsed)
