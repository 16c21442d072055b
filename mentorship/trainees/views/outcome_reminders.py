"""A reminder to the HR contacts of host municipalities with outcomes missing (admins):
the text to edit, a confirmation that says how many get it, and the log of sendings."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mentorship.access import ADMIN, roles
from mentorship.extensions import db
from mentorship.forms import attach_error, commit
from mentorship.services import ServiceError
from mentorship.trainees import outcome_reminders as services
from mentorship.trainees.blueprint import bp
from mentorship.trainees.forms import OutcomeReminderForm
from mentorship.trainees.services import today


def _page(form: OutcomeReminderForm, status: int = 200):
    people = services.recipients(current_user, today())
    return render_template(
        "trainees/outcome_reminder.html", form=form, people=people,
        municipalities=len({r.user.municipality_id for r in people}),
        log=services.sent(),
    ), status


@bp.route("/utfall/paminnelse", methods=["GET", "POST"])
@roles(ADMIN)
def outcome_reminder():
    """GET: the text to edit. POST: the confirmation page (nothing is sent yet)."""
    form = OutcomeReminderForm()
    if request.method == "GET":
        form.subject.data, form.body.data = services.default_text()
        return _page(form)
    if not form.validate_on_submit():
        return _page(form, 400)
    people = services.recipients(current_user, today())
    if not people:
        form.form_errors.append(_("Inga utfall saknas som en HR-kontakt kan rapportera, så "
                                  "det finns ingen att påminna."))
        return _page(form, 400)
    return render_template("trainees/outcome_reminder_confirm.html", form=form, people=people)


@bp.route("/utfall/paminnelse/skicka", methods=["POST"])
@roles(ADMIN)
def outcome_reminder_send():
    form = OutcomeReminderForm()
    if not form.validate_on_submit():
        return _page(form, 400)
    try:
        reminder = services.send(current_user, today(), form.subject.data, form.body.data)
    except ServiceError as err:
        db.session.rollback()
        attach_error(form, err)
        return _page(form, 400)
    commit()
    flash(_("Påminnelsen är skickad till %(n)s HR-kontakter.", n=reminder.recipients),
          "success")
    return redirect(url_for("trainees.outcome_reminder"))
