"""The mentor programme as the core sees it (mentorship/features.py)."""

from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _

from mentorship.auth.models import User
from mentorship.features import Feature, Link, MenuEntry
from mentorship.mentoring.rounds.tasks import mentor_tasks
from mentorship.mentoring.talks.services import start_summary


def start_links(user: User, links: list[Link]) -> list[Link]:
    """The coordinator's open tasks and the participant's round first, then the programme."""
    if user.is_admin or user.is_hr:
        links.append(Link(
            _("Mentorsprogrammet"),
            url_for("mentoring.rounds_index"),
            _("Omgångar, anmälan, matchning, par, programworkshoppar och utvärdering."),
        ))
    links[0:0] = [Link(t.title, t.url, t.text) for t in mentor_tasks(user)]
    mine = start_summary(user)
    if mine:
        links.insert(0, Link(_("Mitt mentorsprogram"), url_for("mentoring.mine"), mine))
    return links


def menu(user: User) -> list[MenuEntry]:
    if user.is_admin or user.is_hr:
        return [(_("Mentorsprogrammet"), "mentoring.rounds_index", "mentoring.")]
    return [(_("Mentorsprogrammet"), "mentoring.mine", "mentoring.")]


FEATURE = Feature("mentoring", start=start_links, menu=menu,
                  privacy="mentorship.mentoring.privacy",
                  jobs="mentorship.mentoring.jobs")
