"""The network register as the core sees it (mentorship/features.py)."""

from __future__ import annotations

from flask_babel import gettext as _

from mentorship.auth.models import User
from mentorship.features import Feature, MenuEntry
from mentorship.networks.start import network_links


def menu(user: User) -> list[MenuEntry]:
    return [(_("Nätverk"), "networks.index", "networks.")]


FEATURE = Feature("networks", start=network_links, menu=menu,
                  privacy="mentorship.networks.privacy")
