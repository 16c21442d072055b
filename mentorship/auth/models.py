"""Users, their roles, their login sessions and their one-time tokens."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    false,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mentorship.db import UTCDateTime, utcnow
from mentorship.extensions import Model
from mentorship.reference.models import Municipality

# An erased person's account, and the placeholder an expired enrolment moves to, keep their
# row (the figures per municipality count it) under an address no one can hold: .example
# is reserved (RFC 2606).
ERASED_PREFIX, ERASED_DOMAIN = "raderad-", "@invalid.example"
ERASED_NAME = "Borttagen person"


def erased_email(tag: int | str) -> str:
    return f"{ERASED_PREFIX}{tag}{ERASED_DOMAIN}"


class User(Model):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"), index=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # An erased person's account, or the placeholder of an expired enrolment: kept for the
    # figures per municipality, never listed, edited, moved or reactivated.
    is_erased: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    language: Mapped[str | None] = mapped_column(String(5))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    municipality: Mapped[Municipality] = relationship(lazy="joined")
    # Loaded where they are used (the logged-in user, the people pages): every list of
    # pairs, enrolments or outcomes loads users, and none of them shows their roles.
    roles: Mapped[list[UserRole]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )

    # Flask-Login protocol; the session token is set by the loader, see auth.sessions.
    # (never stored; a plain attribute, so its type is declared for the type checker only)
    if TYPE_CHECKING:
        session_token: str | None
        login_method: str | None
    session_token = None
    login_method = None  # "password" or "sso" at the login itself (the audit entry says it)

    @property
    def role_names(self) -> set[str]:
        return {r.role for r in self.roles}

    def has_role(self, role: str) -> bool:
        return role in self.role_names

    @property
    def is_admin(self) -> bool:
        return self.has_role("admin")

    @property
    def is_hr(self) -> bool:
        return self.has_role("hr")

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_anonymous(self) -> bool:
        return False

    @property
    def has_password(self) -> bool:
        return self.password_hash is not None

    def get_id(self) -> str | None:
        return self.session_token


# The people list is ordered by lower(name), id and paged: without this index every page
# sorts all users (benchmarks/load).
Index("ix_user_account_lower_name", func.lower(User.name), User.id)


class UserRole(Model):
    __tablename__ = "user_role"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(20), primary_key=True)

    user: Mapped[User] = relationship(back_populates="roles")


class UserSession(Model):
    """A server-side record of each login, so that a copied cookie can be revoked."""

    __tablename__ = "user_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The last request of the login (to the minute): idle longer than the configured
    # period, it has ended.
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class UserToken(Model):
    """Single-use, expiring token for an invitation or a password reset (hash stored)."""

    __tablename__ = "user_token"
    __table_args__ = (UniqueConstraint("token_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64))
    purpose: Mapped[str] = mapped_column(String(10))  # "invite" | "reset"
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
