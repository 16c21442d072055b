"""A municipality's identity provider, and the accounts linked to one."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, String, UniqueConstraint, false, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mentorship.db import UTCDateTime, utcnow
from mentorship.extensions import Model
from mentorship.reference.models import Municipality


class IdentityProvider(Model):
    """The client registration of the app at one municipality's OpenID provider. The
    client secret is never stored here: it comes from the environment or the instance folder
    (`auth.sso.services.client_secret`)."""

    __tablename__ = "identity_provider"

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(
        ForeignKey("municipality.id", ondelete="CASCADE"), unique=True
    )
    issuer: Mapped[str] = mapped_column(String(255))
    client_id: Mapped[str] = mapped_column(String(255))
    # Lower-case e-mail domains, comma-separated: a person whose address ends in one of them
    # is sent to this provider from the login page.
    domains: Mapped[str] = mapped_column(String(1000))
    passwords_allowed: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    # The municipality's choice: an employee with no account becomes a participant at the
    # first login instead of being told whom to ask.
    self_signup: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    municipality: Mapped[Municipality] = relationship(lazy="joined")

    @property
    def domain_list(self) -> list[str]:
        return [d for d in self.domains.split(",") if d]


class UserIdentity(Model):
    """An account linked to a person at a provider: after the first login the provider's
    subject, not the e-mail address, is what finds the account."""

    __tablename__ = "user_identity"
    __table_args__ = (UniqueConstraint("issuer", "subject"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    issuer: Mapped[str] = mapped_column(String(255))
    subject: Mapped[str] = mapped_column(String(255))
    linked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
