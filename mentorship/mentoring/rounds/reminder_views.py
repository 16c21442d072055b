"""Reminders to a selection of a round's people (admins), and automatic reminders."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from mentorship.access import ADMIN, roles
from mentorship.forms import carry_out
from mentorship.mentoring.blueprint import bp
from mentorship.mentoring.labels import reminder_selection_labels, state_labels
from mentorship.mentoring.rounds import reminders
from mentorship.mentoring.rounds.forms import ReminderForm
from mentorship.mentoring.rounds.views import load_round
from mentorship.refusals import ServiceError


@bp.route("/omgangar/<int:round_id>/paminnelser", methods=["GET", "POST"])
@roles(ADMIN)
def reminders_page(round_id: int):
    round_ = load_round(round_id)
    form = ReminderForm()
    # Only the selections the round's state allows are offered (the same rule `send`
    # keeps, which refuses any other with a message naming the states that allow it).
    offered = reminders.selections_for(round_)
    labels = {k: v for k, v in reminder_selection_labels().items() if k in offered}
    form.selection.choices = reminder_selection_labels.choices()
    chosen = request.args.get("urval") if request.method == "GET" else form.selection.data
    if request.method == "GET" and chosen in labels:
        form.selection.data = chosen
        form.subject.data, form.body.data = reminders.default_text(chosen, round_)
    people = []
    if chosen in labels:
        people = reminders.recipients(round_, chosen, form.weeks.data or reminders.SILENT_WEEKS)
    if request.method == "POST" and form.validate_on_submit():
        step = request.form.get("confirmed")
        if step == "0":  # back from the confirmation, with the text as it was
            return _page(round_, form, labels, chosen, people), 200
        if step != "1":
            # First the confirmation: who gets it and what it says, before anything is sent.
            selected = str(form.selection.data)  # validated: one of the choices
            with carry_out(form, saves=False) as done:  # a check only: nothing is saved yet
                reminders.allowed(round_, selected)
                if not people:
                    raise ServiceError(_("Ingen i urvalet behöver påminnas just nu."),
                                       field="selection")
            if not done:
                return _page(round_, form, labels, chosen, people), 400
            return render_template("mentoring/rounds/reminder_confirm.html", round=round_,
                                   form=form, label=labels[selected], people=people)
        with carry_out(form) as done:
            sent = reminders.send(current_user, round_, reminders.SendReminder(
                form.selection.data, form.subject.data, form.body.data,
                form.weeks.data or reminders.SILENT_WEEKS))
            done.success = ngettext("Påminnelsen är skickad till %(num)s person.",
                                    "Påminnelsen är skickad till %(num)s personer.",
                                    sent.recipients)
        if done:
            return redirect(url_for("mentoring.reminders_page", round_id=round_id))
    return _page(round_, form, labels, chosen, people), 200 if request.method == "GET" else 400


def _page(round_, form, labels, chosen, people):  # noqa: ANN001, ANN202
    return render_template(
        "mentoring/rounds/reminders.html", round=round_, form=form, labels=labels, chosen=chosen,
        people=people, log=reminders.sent(round_), state_labels=state_labels(),
    )


@bp.route("/omgangar/<int:round_id>/paminnelser/automatiska", methods=["POST"])
@roles(ADMIN)
def reminders_automatic(round_id: int):
    round_ = load_round(round_id)
    on = request.form.get("on") == "1"
    with carry_out(success=_("Automatiska påminnelser är på.") if on
                   else _("Automatiska påminnelser är av.")):
        reminders.set_automatic(round_, on)
    return redirect(url_for("mentoring.reminders_page", round_id=round_id))
