"""What the start page and the main menu offer each role: the core's own entries, and each
registered feature's (mentorship/features.py)."""

from __future__ import annotations

from dataclasses import dataclass

from flask import request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mentorship.auth.models import User
from mentorship.features import Link, MenuEntry, features


def start_sections(user: User) -> list[Link]:
    links: list[Link] = []
    if user.is_admin or user.is_hr:
        links.append(
            Link(
                _("Personer"),
                url_for("people.index"),
                _("Sök, bjud in och hantera personer i programmen."),
            )
        )
    for feature in features():
        if feature.start is not None:
            links = feature.start(user, links)
    if user.is_admin:
        links += [
            Link(_("Kommuner"), url_for("reference.municipalities"), _("Medlemskommunerna.")),
            Link(
                _("Verksamhetsområden"),
                url_for("reference.business_areas"),
                _("Listan som profiler och matchning använder."),
            ),
            Link(_("Utkorg"), url_for("mail.outbox"), _("E-post som appen har skickat.")),
        ]
    if user.is_admin or user.is_hr:
        links += [
            Link(
                _("Logg"),
                url_for("audit.index"),
                _("Vem som har läst eller ändrat personuppgifter, och när."),
            ),
            Link(
                _("Gallring"),
                url_for("privacy.retention_rules"),
                _("Hur länge personuppgifter sparas i din kommun, och vad som har gallrats."),
            ),
        ]
    links.append(
        Link(_("Byt lösenord"), url_for("auth.change_password"), _("Ditt konto och lösenord."))
    )
    links.append(
        Link(
            _("Mina uppgifter"),
            url_for("privacy.mine"),
            _("Allt som tjänsten har sparat om dig, vad det används till och hur länge."),
        )
    )
    return links


@dataclass(frozen=True)
class NavItem:
    title: str
    url: str
    current: bool


def nav_items() -> list[NavItem]:
    """The main menu for the current user; features add entries here."""
    entries: list[MenuEntry] = [(_("Start"), "main.index", "main.")]
    if current_user.is_admin or current_user.is_hr:
        entries.append((_("Personer"), "people.index", "people."))
    for feature in features():
        if feature.menu is not None:
            entries += feature.menu(current_user)
    if current_user.is_admin:
        entries += [
            (_("Kommuner"), "reference.municipalities", "reference."),
            (_("Utkorg"), "mail.outbox", "mail."),
        ]
    entries.append((_("Mina uppgifter"), "privacy.mine", "privacy.mine"))
    endpoint = request.endpoint or ""
    return [
        NavItem(title, url_for(target), endpoint.startswith(prefix) and (
            prefix != "main." or endpoint == "main.index"))
        for title, target, prefix in entries
    ]
