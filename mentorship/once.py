"""A form posted twice (a double click, a browser's resend) is saved once.

Forms that create rows without a natural key (a network member by name, a training day, a
milestone, a survey, a reminder sent) derive from `OnceForm`: each rendering carries a
random token, and a valid submission claims it in the request's own transaction. The
second post of the same token breaks the unique key of `form_once` and gets the message
of `mentorship.duplicates`, whether it comes after the first or at the same moment. A
submission that fails is rolled back with its claim, so the form can be sent again.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from flask_wtf import FlaskForm
from sqlalchemy import String, delete
from sqlalchemy.orm import Mapped, mapped_column
from wtforms import HiddenField

from mentorship.db import UTCDateTime, utcnow
from mentorship.extensions import Model, db

#: How long a claimed token is kept: long past any double click or resend.
KEEP = timedelta(days=1)


class FormOnce(Model):
    __tablename__ = "form_once"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


def new_token() -> str:
    return secrets.token_urlsafe(24)


def claim(token: str | None) -> None:
    """Claims the token in the request's transaction (flushes; the second claim raises)."""
    if not token:  # a client that sends no token (a script, the test client) is not guarded
        return
    db.session.execute(delete(FormOnce).where(FormOnce.created_at < utcnow() - KEEP))
    db.session.add(FormOnce(token=token[:64]))
    db.session.flush()


class OnceForm(FlaskForm):
    once = HiddenField(default=new_token)

    def validate_on_submit(self, extra_validators=None) -> bool:
        if not super().validate_on_submit(extra_validators):
            return False
        claim(self.once.data)
        return True
