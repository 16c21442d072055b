"""Writing and reading the audit log.

Reads of another person's data by an HR contact or an admin are recorded by the views
that show it (`record_read`); changes to personal records are recorded automatically at
flush time for every model that the privacy register lists as holding personal data.

The log is told that list, and whom a reader may see (the account gate of `people`), when
the app is created (`init_audit`): privacy and people build on the log (they record in
it), so it cannot ask them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from flask import g, has_app_context, has_request_context
from flask_login import current_user, user_logged_in
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import ColumnElement, Select, event, false, insert, inspect, select
from sqlalchemy.orm import Session

from mentorship.audit.models import AuditEntry
from mentorship.auth.models import User
from mentorship.db import utcnow
from mentorship.extensions import db, separate_transaction
from mentorship.pagination import paginate
from mentorship.timezones import day_start

ROLE_ORDER = ("admin", "hr", "participant")


@dataclass(frozen=True)
class Register:
    """What the factory tells the log (`init_audit`)."""

    #: Every table that holds personal data (the privacy register): the log page's filter.
    personal: tuple[str, ...] = ()
    #: The tables whose changes are recorded at flush time.
    audited: frozenset[str] = frozenset()
    #: Whom a reader may see, as an SQL condition on a user id (`people.gate.manageable`).
    manageable: Callable[[User], ColumnElement[bool]] = lambda _reader: false()


_register = Register()


def personal_tables() -> tuple[str, ...]:
    return _register.personal


def gate(reader: User) -> ColumnElement[bool]:
    """The account gate's rule, as the factory told it (`people.gate.manageable`): whom the
    reader may see, as an SQL condition on a user id."""
    return _register.manageable(reader)


def _actor() -> User | None:
    if has_request_context() and current_user and current_user.is_authenticated:
        return current_user
    # a job on the worker acts for the person who started it (mentorship.jobs.tasks)
    return g.get("audit_actor") if has_app_context() else None


def _role(actor: User | None) -> str:
    if actor is None:
        return "system"
    names = actor.role_names
    return next((r for r in ROLE_ORDER if r in names), "participant")


def _entry(
    actor: User | None, action: str, record_type: str, record_id: int | None,
    subject_user_id: int | None, subject_municipality_id: int | None,
) -> AuditEntry:
    return AuditEntry(
        actor_id=actor.id if actor is not None else None,
        actor_role=_role(actor),
        actor_municipality_id=actor.municipality_id if actor is not None else None,
        action=action,
        record_type=record_type,
        record_id=record_id,
        subject_user_id=subject_user_id,
        subject_municipality_id=subject_municipality_id,
    )


def record(
    action: str,
    record_type: str,
    record_id: int | None,
    subject_user_id: int | None = None,
    subject_municipality_id: int | None = None,
    actor: User | None = None,
) -> None:
    actor = actor or _actor()
    db.session.add(
        _entry(actor, action, record_type, record_id, subject_user_id, subject_municipality_id)
    )


def record_created(actor: User | None, record_type: str, record_ids: Sequence[int]) -> None:
    """Creation entries for rows written with one bulk INSERT (no ORM flush to hook into)."""
    if not record_ids:
        return
    template = _entry(actor, "create", record_type, None, None, None)
    values = {c.key: getattr(template, c.key) for c in AuditEntry.__table__.columns
              if c.key not in ("id", "record_id")}
    values["at"] = utcnow()
    db.session.execute(insert(AuditEntry), [{**values, "record_id": i} for i in record_ids])


def record_read(
    actor: User | None,
    record_type: str,
    record_id: int | None,
    subject_user_id: int | None,
    subject_municipality_id: int | None,
) -> None:
    """An HR contact or admin looked at someone else's personal data.

    Written at once in its own transaction: a read happened even if the request later
    changes nothing and never commits. `actor` is who read it (the view's current user).
    """
    if actor is None or actor.id == subject_user_id:
        return
    if not (actor.is_admin or actor.is_hr):
        return
    entry = _entry(actor, "read", record_type, record_id, subject_user_id, subject_municipality_id)
    values = {c.key: getattr(entry, c.key) for c in AuditEntry.__table__.columns if c.key != "id"}
    values["at"] = utcnow()
    with separate_transaction() as conn:
        conn.execute(insert(AuditEntry), [values])


# --- automatic change records --------------------------------------------------------


def _subject(obj: object) -> tuple[int | None, int | None]:
    hook = getattr(obj, "audit_subject", None)
    if callable(hook):
        return hook()
    if isinstance(obj, User):
        return obj.id, obj.municipality_id
    user_id = getattr(obj, "user_id", None)
    municipality_id = getattr(obj, "municipality_id", None) or getattr(
        obj, "host_municipality_id", None
    )
    return user_id, municipality_id


def _collect(session: Session, _context: object, _instances: object) -> None:
    audited = _register.audited
    actor = _actor()
    pending: list[tuple[str, object]] = []
    for action, objects in (
        ("create", session.new),
        ("update", session.dirty),
        ("delete", session.deleted),
    ):
        for obj in objects:
            if isinstance(obj, AuditEntry):
                continue
            table = getattr(obj, "__tablename__", None)
            if table not in audited:
                continue
            if action == "update" and not session.is_modified(obj, include_collections=False):
                continue
            pending.append((action, obj))
    if pending:
        session.info.setdefault("audit_pending", []).extend((a, o, actor) for a, o in pending)


def _write(session: Session, _context: object) -> None:
    pending = session.info.pop("audit_pending", None)
    if not pending:
        return
    for action, obj, actor in pending:
        state = inspect(obj)
        identity = state.identity
        record_id = identity[0] if identity and len(identity) == 1 else None
        subject_user_id, subject_municipality_id = _subject(obj)
        session.add(
            _entry(
                actor,
                action,
                obj.__tablename__,
                record_id,
                subject_user_id,
                subject_municipality_id,
            )
        )


def _logged_in(_sender: object, user: User, **_extra: object) -> None:
    """Every login, with how the person proved who they are (a password or the
    municipality's own account)."""
    method = getattr(user, "login_method", None) or "password"
    record("login_" + method, "user_session", None, user.id, user.municipality_id, actor=user)


def init_audit(personal: Iterable[str], audited: Iterable[str],
               manageable: Callable[[User], ColumnElement[bool]]) -> None:
    """Listen on every session and every login (idempotent). `personal`: the tables of the
    privacy register; `audited`: those whose changes are recorded; `manageable`: the
    account gate's rule of whom a reader may see, as SQL."""
    global _register
    _register = Register(tuple(sorted(personal)), frozenset(audited), manageable)
    user_logged_in.connect(_logged_in)
    if event.contains(Session, "before_flush", _collect):
        return
    event.listen(Session, "before_flush", _collect)
    event.listen(Session, "after_flush_postexec", _write)


# --- reading --------------------------------------------------------------------------


@dataclass(frozen=True)
class AuditFilter:
    action: str | None = None
    record_type: str | None = None
    actor_id: int | None = None
    subject_user_id: int | None = None
    since: date | None = None
    until: date | None = None
    page: int = 1


def visible_entries(actor: User) -> Select:
    """Admins: every entry. HR contacts: entries about their municipality's people whom
    they may manage (the account gate: never about an admin), nothing about others."""
    query = select(AuditEntry)
    if actor.is_admin:
        return query
    if not actor.is_hr:
        return query.where(false())
    hidden = select(User.id).where(~gate(actor))
    return query.where(
        AuditEntry.subject_municipality_id == actor.municipality_id,
        AuditEntry.subject_user_id.is_(None) | AuditEntry.subject_user_id.not_in(hidden),
    )


def people_names(reader: User, entries: Sequence[AuditEntry]) -> dict[int, str]:
    """Names of the actors and subjects of the entries whom the reader may manage; anyone
    else (an admin, for an HR contact) is shown by role, never by name."""
    ids = {e.actor_id for e in entries} | {e.subject_user_id for e in entries}
    ids.discard(None)
    if not ids:
        return {}
    rows = db.session.execute(
        select(User.id, User.name).where(User.id.in_(ids), gate(reader))
    )
    return {user_id: name for user_id, name in rows}


def list_entries(actor: User, flt: AuditFilter, page_size: int = 100) -> Pagination:
    query = visible_entries(actor)
    if flt.action:
        query = query.where(AuditEntry.action == flt.action)
    if flt.record_type:
        query = query.where(AuditEntry.record_type == flt.record_type)
    if flt.actor_id:
        query = query.where(AuditEntry.actor_id == flt.actor_id)
    if flt.subject_user_id:
        query = query.where(AuditEntry.subject_user_id == flt.subject_user_id)
    if flt.since:
        query = query.where(AuditEntry.at >= day_start(flt.since))
    if flt.until:
        query = query.where(AuditEntry.at < day_start(flt.until + timedelta(days=1)))
    return paginate(query.order_by(AuditEntry.id.desc()), flt.page, page_size)
