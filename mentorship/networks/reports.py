"""Reports on the register: networks per field and status, the municipalities'
participation per network (a matrix), the register with this year's plan, what is
missing. Each reads a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from mentorship.db import swedish
from mentorship.extensions import db
from mentorship.networks.models import STATUSES, YES, Network, NetworkMunicipality
from mentorship.networks.services import Listing, list_networks
from mentorship.reference.models import Municipality


@dataclass(frozen=True)
class FieldRow:
    field: str
    counts: dict[str, int]  # status -> count

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def per_field_and_status(lines: list[Listing]) -> list[FieldRow]:
    by_field: dict[str, dict[str, int]] = {}
    for line in lines:
        counts = by_field.setdefault(line.network.field.name, dict.fromkeys(STATUSES, 0))
        counts[line.network.status] += 1
    return [FieldRow(name, counts) for name, counts in sorted(by_field.items())]


@dataclass(frozen=True)
class Matrix:
    municipalities: list[Municipality]
    rows: list[tuple[Network, list[str | None]]]  # per municipality: "yes", "no", "invited"
    totals: list[int]  # networks each municipality takes part in (said yes, not closed)


def participation_matrix() -> Matrix:
    municipalities = list(
        db.session.scalars(
            select(Municipality).where(Municipality.active.is_(True)).order_by(swedish(Municipality.name))
        )
    )
    networks = list(db.session.scalars(select(Network).order_by(swedish(Network.name))))
    cells: dict[tuple[int, int], str | None] = {}
    for nm in db.session.scalars(select(NetworkMunicipality)):
        cells[(nm.network_id, nm.municipality_id)] = nm.answer or (
            "invited" if nm.invited_on else None
        )
    rows = [(n, [cells.get((n.id, m.id)) for m in municipalities]) for n in networks]
    totals = [
        sum(1 for n, row in rows if n.status != "closed" and row[i] == YES)
        for i in range(len(municipalities))
    ]
    return Matrix(municipalities, rows, totals)


@dataclass(frozen=True)
class RegisterRow:
    name: str
    field: str
    status: str
    municipalities: int
    coordinator: str
    purpose: bool
    goals: bool
    meetings: bool


def register(year: int) -> list[RegisterRow]:
    rows = []
    for line in list_networks(year):
        plan = line.plan
        rows.append(
            RegisterRow(
                line.network.name,
                line.network.field.name,
                line.network.status,
                line.municipalities,
                line.coordinator,
                plan is not None and plan.has_purpose,
                plan is not None and plan.has_goals,
                plan is not None and plan.has_meetings,
            )
        )
    return rows
