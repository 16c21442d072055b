"""The network register's figures of a year: networks at the year's end per field and
status, the year's purposes and the year's survey (under the small-group rule)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from matching.collation import swedish_key
from mentorship.extensions import db
from mentorship.networks.models import (
    ACTIVE,
    CLOSED,
    STARTING,
    STATUSES,
    YES,
    Network,
    NetworkMunicipality,
    NetworkPlan,
    NetworkSurvey,
    NetworkSurveyAnswer,
)
from mentorship.networks.survey import NetworkResult
from mentorship.reports.scope import Scope
from mentorship.reports.words import in_swedish_order
from mentorship.small_groups import figure


@dataclass
class NetworkFigures:
    by_field: list[tuple[str, int, dict[str, int]]]  # (field, field id, status -> count)
    totals: dict[str, int]
    purposes: list[tuple[int, str, str]]  # (network id, name, purpose), a to ö
    surveys: list[tuple[NetworkSurvey, NetworkResult, int]]  # (survey, overall, networks)

    @property
    def networks(self) -> int:
        return sum(self.totals.values())


def status_at_year_end(network: Network, last: date) -> str | None:
    """The network's status on 31 December (None: it did not exist that year)."""
    began = network.activated_on or network.created_at.date()
    if network.closed_on is not None and network.closed_on < date(last.year, 1, 1):
        return None
    if began > last and (network.activated_on is None or network.activated_on > last):
        return None
    if network.closed_on is not None and network.closed_on <= last:
        return CLOSED
    if network.activated_on is not None and network.activated_on <= last:
        return ACTIVE
    return STARTING


def network_figures(scope: Scope) -> NetworkFigures:
    query = select(Network)
    if scope.municipality_id is not None:
        query = query.where(Network.id.in_(
            select(NetworkMunicipality.network_id).where(
                NetworkMunicipality.municipality_id == scope.municipality_id,
                NetworkMunicipality.answer == YES,
            )
        ))
    counts: dict[tuple[str, int], Counter[str]] = defaultdict(Counter)
    existing: dict[int, str] = {}
    for network in db.session.scalars(query):
        status = status_at_year_end(network, scope.last)
        if status is None:
            continue
        counts[(network.field.name, network.field_id)][status] += 1
        existing[network.id] = network.name
    totals = {s: sum(c[s] for c in counts.values()) for s in STATUSES}
    by_field = sorted(
        ((name, field_id, {s: c[s] for s in STATUSES}) for (name, field_id), c in counts.items()),
        key=lambda row: swedish_key(row[0]),
    )
    plans = db.session.execute(
        select(NetworkPlan.network_id, NetworkPlan.purpose)
        .where(NetworkPlan.year == scope.year, NetworkPlan.network_id.in_(list(existing)))
    ).all()
    order = {name: i for i, name in enumerate(in_swedish_order(existing.values()))}
    purposes = sorted(
        ((nid, existing[nid], purpose.strip()) for nid, purpose in plans if purpose.strip()),
        key=lambda row: order[row[1]],
    )
    surveys = []
    items = list(db.session.scalars(
        select(NetworkSurvey)
        .where(NetworkSurvey.opened_on >= scope.first, NetworkSurvey.opened_on <= scope.last)
        .order_by(NetworkSurvey.opened_on)
    ))
    answers = select(NetworkSurveyAnswer).where(
        NetworkSurveyAnswer.survey_id.in_([i.id for i in items]))
    if scope.municipality_id is not None:  # the answers from the networks it takes part in
        answers = answers.where(NetworkSurveyAnswer.network_id.in_(list(existing)))
    by_survey: dict[int, list[NetworkSurveyAnswer]] = defaultdict(list)
    for answer in db.session.scalars(answers):
        by_survey[answer.survey_id].append(answer)
    for item in items:
        rows = by_survey[item.id]
        # the evaluation's suppression, question by question, as the survey's own results
        figures = [figure(q["key"], q["text"], "all",
                           [r.ratings[q["key"]] for r in rows if q["key"] in r.ratings])
                   for q in item.questions]
        overall = NetworkResult(None, item.title, len(rows), figures, None)
        surveys.append((item, overall, len({r.network_id for r in rows})))
    return NetworkFigures(by_field, totals, purposes, surveys)
