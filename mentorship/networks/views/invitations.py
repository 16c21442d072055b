"""The account holder's answer to invitations to networks (their consent to be listed)."""

from __future__ import annotations

from flask import redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mentorship.access import authenticated
from mentorship.forms import carry_out
from mentorship.networks import invitations, services
from mentorship.networks.blueprint import bp
from mentorship.networks.invitation_models import COORDINATOR
from mentorship.refusals import or_404


@bp.route("/inbjudningar")
@authenticated
def invitations_page():
    return render_template("networks/invitations.html",
                           invitations=invitations.pending(current_user), coordinator=COORDINATOR)


@bp.route("/inbjudningar/<int:invitation_id>/<any(ja, nej):answer>", methods=["POST"])
@authenticated
def answer_invitation(invitation_id: int, answer: str):
    invitation = or_404(invitations.own_invitation(current_user, invitation_id))
    name, network_id = invitation.network.name, invitation.network_id
    declined = answer == "nej"
    with carry_out(success=_("Du har tackat nej till %(network)s.", network=name) if declined
                   else _("Du är med i %(network)s.", network=name)) as done:
        if declined:
            invitations.decline(current_user, invitation)
        else:
            invitations.accept(current_user, invitation, services.today())
    if not done or declined:
        return redirect(url_for("networks.invitations_page"))
    return redirect(url_for("networks.show", network_id=network_id))
