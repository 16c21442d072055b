"""Whose figures a report holds: the cooperation's (admins, the operator's command) or one
municipality's (its HR contact), and for which calendar year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mentorship.auth.models import User


@dataclass(frozen=True)
class Scope:
    year: int
    municipality_id: int | None  # None: the whole cooperation
    municipality: str | None
    admin: bool

    @property
    def first(self) -> date:
        return date(self.year, 1, 1)

    @property
    def last(self) -> date:
        return date(self.year, 12, 31)


def scope_for(actor: User | None, year: int) -> Scope:
    """An admin, or the operator's command (no actor), gets the cooperation's figures."""
    if actor is None or actor.is_admin:
        return Scope(year, None, None, True)
    return Scope(year, actor.municipality_id, actor.municipality.name, False)


def in_scope(user_municipality, scope: Scope):
    return True if scope.municipality_id is None else user_municipality == scope.municipality_id
