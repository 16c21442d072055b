"""The network register's start-page cards (see feature.py)."""

from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from matching.collation import swedish_key
from mentorship.auth.models import User
from mentorship.features import Link
from mentorship.networks.checklist import missing_for_coordinator
from mentorship.networks.services import today
from mentorship.networks.survey import to_answer


def network_links(user: User, links: list[Link]) -> list[Link]:
    """A card to answer the open survey first, then the register for everyone."""
    year = today().year
    for network in missing_for_coordinator(user, year):
        links.insert(0, Link(
            _("%(network)s: årets plan är inte klar", network=network.name),
            url_for("networks.plan", network_id=network.id, year=year),
            _("Du är samordnare. Fyll i årets syfte, mål och mötesorganisation."),
        ))

    pending = to_answer(user)
    if pending:
        names = ", ".join(sorted({t.network.name for t in pending}, key=swedish_key))
        links.insert(0, Link(
            ngettext("Enkät till nätverken: %(num)s svar saknas",
                     "Enkät till nätverken: %(num)s svar saknas", len(pending)),
            url_for("networks.survey_mine"),
            _("Svara för %(names)s.", names=names),
        ))
    links.append(Link(
        _("Nätverk"),
        url_for("networks.index"),
        _("Samarbetets nätverk: syfte, mål, mötesorganisation och kontaktuppgifter.")
        if not user.is_admin else
        _("Registret över nätverken, startchecklistan, vad som saknas i år, enkäten och "
          "rapporter."),
    ))
    return links
