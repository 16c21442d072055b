"""Reports: the share of trainees in permanent employment in a member municipality,
per cohort (over the years) and per host municipality.

The report counts cohorts whose trainee year has ended. The share is permanent employments
in member municipalities divided by all trainees of those cohorts (a missing outcome counts
as "not permanent"). Admins see every trainee; an HR contact the trainees placed in their
municipality.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from flask import has_request_context
from flask_babel import gettext as _
from sqlalchemy import Select, select

from matching.collation import swedish_key
from mentorship.auth.models import User
from mentorship.extensions import db
from mentorship.reference.models import Municipality
from mentorship.trainees.models import PERMANENT_MEMBER, Cohort, Outcome, Trainee


@dataclass
class Line:
    label: str
    trainees: int = 0
    reported: int = 0
    permanent: int = 0
    year: int | None = None
    finished: bool = True
    key: int | None = None

    @property
    def share(self) -> float | None:
        return self.permanent / self.trainees if self.trainees else None

    @property
    def percent(self) -> int | None:
        share = self.share
        return None if share is None else round(share * 100)


@dataclass
class Report:
    cohort: Cohort | None
    by_cohort: list[Line] = field(default_factory=list)
    by_municipality: list[Line] = field(default_factory=list)
    total: Line = field(default_factory=lambda: Line(""))
    ongoing: list[Line] = field(default_factory=list)


def _scope(actor: User | None) -> Select:
    query = (
        select(Trainee.cohort_id, Trainee.host_municipality_id, Outcome.category)
        .select_from(Trainee)
        .outerjoin(Outcome, Outcome.trainee_id == Trainee.id)
    )
    if actor is not None and not actor.is_admin:
        query = query.where(Trainee.host_municipality_id == actor.municipality_id)
    return query


def build_report(actor: User | None, today: date, cohort_id: int | None = None) -> Report:
    """Three queries whatever the number of trainees."""
    cohorts = {c.id: c for c in db.session.scalars(select(Cohort))}
    names = dict(db.session.execute(select(Municipality.id, Municipality.name)).all())
    rows = db.session.execute(_scope(actor)).all()
    chosen = cohorts.get(cohort_id) if cohort_id else None
    per_cohort: dict[int, Line] = {}
    per_host: dict[int, Line] = defaultdict(lambda: Line(""))
    total = Line(_("Totalt") if has_request_context() else "Totalt")  # CLI: no locale
    for c_id, host_id, category in rows:
        cohort = cohorts[c_id]
        line = per_cohort.setdefault(
            c_id,
            Line(
                str(cohort.number),
                year=cohort.start_date.year,
                finished=cohort.finished(today),
                key=cohort.number,
            ),
        )
        lines = [line]
        counts_for_detail = (c_id == cohort_id) if chosen else cohort.finished(today)
        if counts_for_detail:
            host = per_host[host_id]
            host.label = names.get(host_id, "?")
            lines += [host, total]
        for target in lines:
            target.trainees += 1
            target.reported += category is not None
            target.permanent += category == PERMANENT_MEMBER
    ordered = sorted(per_cohort.values(), key=lambda line: line.key or 0)
    return Report(
        cohort=chosen,
        by_cohort=[line for line in ordered if line.finished],
        ongoing=[line for line in ordered if not line.finished],
        by_municipality=sorted(per_host.values(), key=lambda line: swedish_key(line.label)),
        total=total,
    )


# --- the chart -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    x: int
    y: int
    width: int
    height: int
    label_y: int


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    axis_y: int
    ticks: list[tuple[int, str]]  # (x, "50 %")


def bar_chart(lines: list[Line], width: int = 640, bar_height: int = 24) -> Chart:
    """Horizontal bars of the share (0-100 %), laid out here so the template only draws."""
    left, right, gap, top = 150, 60, 10, 10
    plot = width - left - right
    bars = []
    for i, line in enumerate(lines):
        y = top + i * (bar_height + gap)
        percent = line.percent or 0
        text = f"{percent} % ({line.permanent}/{line.trainees})"
        bars.append(
            Bar(
                line.label,
                text,
                left,
                y,
                round(plot * percent / 100),
                bar_height,
                y + bar_height - 7,
            )
        )
    axis_y = top + len(lines) * (bar_height + gap)
    ticks = [(left + round(plot * p / 100), f"{p} %") for p in (0, 25, 50, 75, 100)]
    return Chart(width, axis_y + 30, bars, axis_y, ticks)


def report_table(report: Report) -> tuple[list[str], list[list]]:
    """The export: the same numbers as the page."""
    header = [
        _("Avsnitt"),
        _("Grupp eller kommun"),
        _("Startår"),
        _("Trainees"),
        _("Utfall rapporterade"),
        _("Tillsvidare i medlemskommun"),
        _("Andel (%)"),
    ]
    rows: list[list] = []
    for line in report.by_cohort:
        rows.append(
            [
                _("Per traineegrupp"),
                line.label,
                line.year,
                line.trainees,
                line.reported,
                line.permanent,
                line.percent,
            ]
        )
    for line in report.by_municipality:
        rows.append(
            [
                _("Per värdkommun"),
                line.label,
                "",
                line.trainees,
                line.reported,
                line.permanent,
                line.percent,
            ]
        )
    t = report.total
    rows.append([_("Totalt"), "", "", t.trainees, t.reported, t.permanent, t.percent])
    return header, rows


def cohort_summary(actor: User | None, today: date) -> list[Line]:
    """Every cohort (ended or not), for the operator command."""
    report = build_report(actor, today)
    lines = report.by_cohort + report.ongoing
    return sorted(lines, key=lambda line: line.key or 0)
