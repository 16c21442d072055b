"""Loading a network for a page that changes it: the one place that says a closed network
is read-only in the interface too (its page offers no form; a form's address sends the
reader back to the page with the reason), as `rights.require_open` says in the services."""

from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mentorship.networks import rights
from mentorship.networks.models import CLOSED, Network
from mentorship.refusals import or_404


def refuse_closed(network: Network) -> Network:
    if network.status == CLOSED:
        flash(_("Nätverket är avslutat och kan bara läsas."), "error")
        abort(redirect(url_for("networks.show", network_id=network.id)))
    return network


def editable(network_id: int) -> Network:
    return refuse_closed(or_404(rights.editable_network(current_user, network_id)))
