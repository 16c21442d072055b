"""Privacy provider for calendar feeds: the secret link is part of the account."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import delete, select

from mentorship.auth.models import User
from mentorship.extensions import db
from mentorship.feeds.models import CalendarFeed
from mentorship.privacy.foundation import expired_accounts
from mentorship.privacy.register import PERSONAL
from mentorship.privacy.retention import Periods, retention_text
from mentorship.privacy.sections import Section

KEY = "kalenderlänkar"


def export(user: User) -> list[Section]:
    feed = db.session.scalar(select(CalendarFeed).where(CalendarFeed.user_id == user.id))
    if feed is None:
        return []
    return [
        Section(
            "kalender",
            _("Din kalenderlänk"),
            PERSONAL["calendar_feed"]["token_hash"].purpose,
            retention_text("account", user.municipality_id),
            {"skapad": feed.created_at.isoformat()},
        )
    ]


def _delete(user_ids: list[int]) -> int:
    if not user_ids:
        return 0
    result = db.session.execute(delete(CalendarFeed).where(CalendarFeed.user_id.in_(user_ids)))
    return result.rowcount or 0  # type: ignore[attr-defined]  # a DELETE gives a CursorResult; typed as Result


def erase(user_ids: list[int]) -> dict[str, int]:
    n = _delete(user_ids)
    return {KEY: n} if n else {}


def expire(now: datetime, periods: Periods) -> dict[str, int]:
    """Feeds of accounts that have passed their period go with the account's data."""
    n = _delete(expired_accounts(now, periods))
    return {KEY: n} if n else {}
