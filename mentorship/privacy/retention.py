"""Retention periods: defaults per kind, overridden per municipality."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import select

from mentorship.extensions import db
from mentorship.privacy.models import RetentionRule
from mentorship.privacy.register import RETENTION_DEFAULTS
from mentorship.reference.models import Municipality
from mentorship.refusals import ServiceError

MONTH = timedelta(days=30.44)


@dataclass(frozen=True)
class Periods:
    """Months per (municipality id, kind); municipalities without a rule use the default."""

    rules: dict[tuple[int | None, str], int]

    def months(self, municipality_id: int | None, kind: str) -> int:
        return self.rules.get((municipality_id, kind), RETENTION_DEFAULTS[kind][0])

    def cutoff(self, now: datetime, municipality_id: int | None, kind: str) -> datetime:
        return now - self.months(municipality_id, kind) * MONTH


def load_periods() -> Periods:
    rows = db.session.execute(
        select(RetentionRule.municipality_id, RetentionRule.kind, RetentionRule.months)
    ).all()
    return Periods({(m, k): months for m, k, months in rows})


def rules_for(municipality: Municipality) -> dict[str, int]:
    periods = load_periods()
    return {kind: periods.months(municipality.id, kind) for kind in RETENTION_DEFAULTS}


def set_rule(municipality: Municipality, kind: str, months: int) -> None:
    if kind not in RETENTION_DEFAULTS:
        raise ServiceError(_("Okänd typ av uppgifter."))
    if not 1 <= months <= 240:
        raise ServiceError(_("Ange mellan 1 och 240 månader."), field=kind)
    rule = db.session.scalar(
        select(RetentionRule).where(
            RetentionRule.municipality_id == municipality.id, RetentionRule.kind == kind
        )
    )
    if rule is None:
        db.session.add(RetentionRule(municipality_id=municipality.id, kind=kind, months=months))
    else:
        rule.months = months
    db.session.flush()


def retention_text(kind: str, municipality_id: int | None = None) -> str:
    """How long a kind of record is kept, in words, by the municipality's own rule."""
    _default, event = RETENTION_DEFAULTS[kind]
    return f"{load_periods().months(municipality_id, kind)} {event}"
