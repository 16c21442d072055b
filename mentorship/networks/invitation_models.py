"""An invitation to an account holder to join a network (as a member or its coordinator).

A coordinator who may not manage an account links it only with its holder's consent: the
invitation waits until the holder accepts (it becomes a member or coordinator row) or
declines (it is deleted). One pending invitation per network, account and kind.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mentorship.auth.models import User
from mentorship.db import UTCDateTime, utcnow
from mentorship.extensions import Model
from mentorship.networks.models import Network

MEMBER = "member"
COORDINATOR = "coordinator"
KINDS = (MEMBER, COORDINATOR)


class NetworkInvitation(Model):
    __tablename__ = "network_invitation"
    __table_args__ = (UniqueConstraint("network_id", "user_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    network_id: Mapped[int] = mapped_column(
        ForeignKey("network.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))  # member | coordinator
    role_title: Mapped[str] = mapped_column(String(120), default="")
    invited_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    network: Mapped[Network] = relationship()
    user: Mapped[User] = relationship(foreign_keys=[user_id])
