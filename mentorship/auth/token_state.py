"""Invitation and reset links die with the account state they were issued for.

A token is bound to the account's password, active flag and e-mail address: whenever one
of them changes (a new password, a deactivation or reactivation, an erased address) every
outstanding token of that account is marked used, whichever code path made the change.
So a link mailed before a deactivation does not work again after a reactivation.
"""

from __future__ import annotations

from sqlalchemy import event, inspect, update
from sqlalchemy.orm import Session

from mentorship.auth.models import User, UserToken
from mentorship.db import utcnow

BOUND_TO = ("password_hash", "active", "email")


def _changed(user: User) -> bool:
    state = inspect(user)
    return any(state.attrs[name].history.has_changes() for name in BOUND_TO)


def _revoke_tokens(session: Session, _context, _instances) -> None:
    ids = [obj.id for obj in session.dirty if isinstance(obj, User) and obj.id and _changed(obj)]
    if not ids:
        return
    session.connection().execute(
        update(UserToken.__table__)  # type: ignore[arg-type]  # a Table, typed as FromClause
        .where(UserToken.__table__.c.user_id.in_(ids), UserToken.__table__.c.used_at.is_(None))
        .values(used_at=utcnow())
    )


def init_token_state() -> None:
    """Listen on every session (idempotent)."""
    if not event.contains(Session, "before_flush", _revoke_tokens):
        event.listen(Session, "before_flush", _revoke_tokens)
