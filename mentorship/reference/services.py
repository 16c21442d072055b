"""Reference data: seed, list, add, rename, retire (never a hard delete).

The lists are the admins': a change takes the acting user first and refuses anyone else
(the pages are the admins' too, so a refusal here means a caller skipped that)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select

from mentorship.db import swedish
from mentorship.extensions import db
from mentorship.reference.data import BUSINESS_AREAS, MUNICIPALITIES
from mentorship.reference.models import BusinessArea, Municipality
from mentorship.refusals import Actor, ServiceError, require_admin


def seed_reference_data() -> int:
    """Creates missing municipalities and business areas; idempotent. Returns rows added."""
    added = 0
    codes = set(db.session.scalars(select(Municipality.code)))
    for name, code, lat, lon in MUNICIPALITIES:
        if code not in codes:
            db.session.add(Municipality(code=code, name=name, latitude=lat, longitude=lon))
            added += 1
    names = set(db.session.scalars(select(BusinessArea.name)))
    for name in BUSINESS_AREAS:
        if name not in names:
            db.session.add(BusinessArea(name=name))
            added += 1
    db.session.flush()
    return added


def municipalities(include_retired: bool = False) -> list[Municipality]:
    query = select(Municipality).order_by(swedish(Municipality.name))
    if not include_retired:
        query = query.where(Municipality.active.is_(True))
    return list(db.session.scalars(query))


def business_areas(include_retired: bool = False) -> list[BusinessArea]:
    query = select(BusinessArea).order_by(swedish(BusinessArea.name))
    if not include_retired:
        query = query.where(BusinessArea.active.is_(True))
    return list(db.session.scalars(query))


@dataclass(frozen=True)
class MunicipalityData:
    name: str
    code: str
    latitude: float | None = None
    longitude: float | None = None


def _name_taken(model: Any, name: str, exclude_id: int | None = None) -> bool:
    query = (
        select(func.count())
        .select_from(model)
        .where(func.lower(model.name) == name.strip().lower())
    )
    if exclude_id is not None:
        query = query.where(model.id != exclude_id)
    return bool(db.session.scalar(query))


def save_municipality(
    actor: Actor, data: MunicipalityData, municipality: Municipality | None = None
) -> Municipality:
    """A new municipality, or `municipality` changed."""
    require_admin(actor)
    code = data.code.strip()
    if not (code.isdigit() and len(code) == 4):
        raise ServiceError(_("Kommunkoden är fyra siffror, t.ex. 1292."), field="code")
    if _name_taken(Municipality, data.name, municipality.id if municipality else None):
        raise ServiceError(_("Det finns redan en kommun med det namnet."), field="name")
    clash = db.session.scalar(select(Municipality).where(Municipality.code == code))
    if clash is not None and clash is not municipality:
        raise ServiceError(_("Det finns redan en kommun med den koden."), field="code")
    if municipality is None:
        municipality = Municipality()
        db.session.add(municipality)
    municipality.name = data.name.strip()
    municipality.code = code
    municipality.latitude = data.latitude
    municipality.longitude = data.longitude
    db.session.flush()
    return municipality


@dataclass(frozen=True)
class AreaName:
    name: str


def save_business_area(
    actor: Actor, cmd: AreaName, area: BusinessArea | None = None
) -> BusinessArea:
    """A new business area, or `area` renamed."""
    require_admin(actor)
    name = cmd.name
    if _name_taken(BusinessArea, name, area.id if area else None):
        raise ServiceError(_("Det finns redan ett verksamhetsområde med det namnet."), "name")
    if area is None:
        area = BusinessArea()
        db.session.add(area)
    area.name = name.strip()
    db.session.flush()
    return area


def set_retired(actor: Actor, obj: Municipality | BusinessArea, retired: bool) -> None:
    """Retired items stay on the records that use them but are no longer offered."""
    require_admin(actor)
    obj.active = not retired
    db.session.flush()
