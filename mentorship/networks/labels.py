"""Labels of the register's codes, built per request (`gettext`, not lazy)."""

from __future__ import annotations

from flask_babel import gettext as _

from mentorship.networks.models import ACTIVE, CLOSED, NO, STARTING, YES


def status_labels() -> dict[str, str]:
    return {STARTING: _("Under uppstart"), ACTIVE: _("Aktiv"), CLOSED: _("Avslutad")}


def answer_labels() -> dict[str | None, str]:
    return {YES: _("Ja"), NO: _("Nej"), None: _("Inget svar än")}
