"""The network register's labels of its codes (`mentorship.labels`: built per request)."""

from __future__ import annotations

from flask_babel import gettext as _

from mentorship.labels import labels
from mentorship.networks.models import ACTIVE, CLOSED, NO, STARTING, YES


@labels
def status_labels() -> dict[str, str]:
    return {STARTING: _("Under uppstart"), ACTIVE: _("Aktiv"), CLOSED: _("Avslutad")}


@labels
def answer_labels() -> dict[str | None, str]:
    return {YES: _("Ja"), NO: _("Nej"), None: _("Inget svar än")}
