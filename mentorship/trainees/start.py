"""The trainee programme's start-page cards and menu entries (see feature.py)."""

from __future__ import annotations

from flask import g, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select

from mentorship.auth.models import User
from mentorship.extensions import db
from mentorship.features import Link, MenuEntry
from mentorship.trainees.cohorts.services import today
from mentorship.trainees.models import Trainee
from mentorship.trainees.outcomes.services import missing_outcomes


def _is_trainee(user: User) -> bool:
    # Asked by the menu and the start page of every participant page: once per request.
    cache = g.setdefault("is_trainee", {})
    if user.id not in cache:
        cache[user.id] = db.session.scalar(
            select(Trainee.id).where(Trainee.user_id == user.id)
        ) is not None
    return cache[user.id]


def trainee_links(user: User, links: list[Link]) -> list[Link]:
    """Adds the programme card; HR contacts and admins first see the outcomes missing."""
    if user.is_admin or user.is_hr:
        missing = missing_outcomes(user, today())
        if missing:
            shown = ", ".join(
                _("%(name)s (grupp %(n)s)", name=t.name, n=t.cohort.number) for t in missing[:8]
            )
            more = len(missing) - 8
            text = shown + (" " + _("och %(n)s till.", n=more) if more > 0 else ".")
            title = ngettext(
                "%(num)s utfall att rapportera", "%(num)s utfall att rapportera", len(missing)
            )
            links.insert(0, Link(title, url_for("trainees.outcomes"), text))
        links.append(
            Link(
                _("Traineeprogrammet"),
                url_for("trainees.index"),
                _("Grupper, placeringar, utbildningsdagar, studiebesök, utfall och rapport."),
            )
        )
    elif _is_trainee(user):
        links.insert(
            0,
            Link(
                _("Min placering"),
                url_for("trainees.mine"),
                _("Din placering, gruppens utbildningsdagar, studiebesök och grupprojekt."),
            ),
        )
    return links


def trainee_nav(user: User) -> list[MenuEntry]:
    if user.is_admin or user.is_hr:
        return [(_("Traineeprogrammet"), "trainees.index", "trainees.")]
    if _is_trainee(user):
        return [(_("Min placering"), "trainees.mine", "trainees.")]
    return []
