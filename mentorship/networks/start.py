"""The network register's start-page cards (called from main.start)."""

from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from mentorship.auth.models import User


def network_links(user: User, links: list) -> list:
    """A card to answer the open survey first, then the register for everyone."""
    from mentorship.main.start import Link
    from mentorship.networks.survey import to_answer

    pending = to_answer(user)
    if pending:
        names = ", ".join(sorted({t.network.name for t in pending}))
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
