"""The year's report as the core sees it (mentorship/features.py): a menu entry for the
people who read it. It holds no personal data of its own (no privacy provider)."""

from __future__ import annotations

from flask_babel import gettext as _

from mentorship.auth.models import User
from mentorship.features import Feature, MenuEntry


def menu(user: User) -> list[MenuEntry]:
    if user.is_admin or user.is_hr:
        return [(_("Året i siffror"), "reports.index", "reports.")]
    return []


FEATURE = Feature("reports", menu=menu, jobs="mentorship.reports.jobs")
