"""Every figure of a year's report, counted from the data in a fixed number of queries.

Admins get the cooperation's figures; an HR contact gets their municipality's version:
the managers from their municipality (and the pairs, talks and answers they take part in),
the trainees placed there, the networks their municipality has joined. Names of
participants and trainees are never read here; the only name is Årets mentor's. Evaluation
and survey figures go through the small-group rule (`mentorship.small_groups`).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from mentorship.auth.models import User
from mentorship.extensions import db
from mentorship.reference.models import Municipality
from mentorship.reports.mentor_figures import MentorFigures, mentor_figures
from mentorship.reports.network_figures import NetworkFigures, network_figures
from mentorship.reports.scope import Scope, scope_for
from mentorship.reports.trainee_figures import TraineeFigures, trainee_figures
from mentorship.reports.words import in_swedish_order


@dataclass
class YearFigures:
    scope: Scope
    members: list[str]
    mentor: MentorFigures
    trainee: TraineeFigures
    network: NetworkFigures


def member_names() -> list[str]:
    return in_swedish_order(
        db.session.scalars(select(Municipality.name).where(Municipality.active.is_(True)))
    )


def year_figures(actor: User | None, year: int) -> YearFigures:
    scope = scope_for(actor, year)
    members = member_names()
    return YearFigures(
        scope,
        members,
        mentor_figures(scope, members),
        trainee_figures(actor, scope, members),
        network_figures(scope),
    )
