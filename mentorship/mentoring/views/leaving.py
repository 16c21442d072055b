"""A participant leaves a round: withdraw before publishing, ask to leave after."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mentorship.access import authenticated
from mentorship.forms import attach_error, commit
from mentorship.mentoring import enrolment as enrol_service
from mentorship.mentoring import leaving
from mentorship.mentoring.blueprint import bp
from mentorship.mentoring.forms import LeaveForm
from mentorship.services import ServiceError, or_404


@bp.route("/anmalan/<int:enrolment_id>/lamna", methods=["GET", "POST"])
@authenticated
def leave_round(enrolment_id: int):
    enrolment = or_404(enrol_service.own_enrolment(current_user, enrolment_id))
    before = enrolment.round.state in leaving.BEFORE_PUBLISH
    form = LeaveForm()
    if form.validate_on_submit():
        try:
            if before:
                leaving.withdraw_self(current_user, enrolment)
            else:
                leaving.ask_to_leave(current_user, enrolment, form.reason.data or "")
        except ServiceError as err:
            attach_error(form, err)
        else:
            commit()
            flash(_("Du har lämnat omgången. Din anmälan och profil är borttagna.") if before
                  else _("Samordnaren har fått din begäran och hör av sig."), "success")
            return redirect(url_for("mentoring.mine"))
    return render_template("mentoring/leave_round.html", enrolment=enrolment, form=form,
                           before=before)
