"""Employment outcomes: the list of what is reported and missing, and the report form; a
reminder to the HR contacts of host municipalities with outcomes missing (admins): the text
to edit, a confirmation that says how many get it, and the log of sendings."""

from __future__ import annotations

from flask import abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from mentorship.access import ADMIN, HR, roles
from mentorship.audit.services import record, record_read
from mentorship.exports import download
from mentorship.forms import carry_out, read_filters
from mentorship.jobs import exportfiles
from mentorship.reference.services import municipalities
from mentorship.refusals import or_404
from mentorship.trainees.blueprint import bp
from mentorship.trainees.cohorts.services import can_edit, get_trainee, list_cohorts, today
from mentorship.trainees.forms import OutcomeForm, OutcomeReminderForm, ReportFilterForm
from mentorship.trainees.labels import outcome_field_labels, outcome_labels
from mentorship.trainees.outcomes import reminders, services
from mentorship.trainees.outcomes.exports import outcome_table


def _cohort_filter() -> ReportFilterForm:
    form = ReportFilterForm(request.args)
    form.cohort.choices = [(0, _("Alla avslutade grupper"))] + [
        (c.id, _("Traineegrupp %(n)s", n=c.number)) for c in list_cohorts()
    ]
    read_filters(form)
    return form


@bp.route("/utfall")
@roles(ADMIN, HR)
def outcomes():
    form = _cohort_filter()
    page = services.outcome_rows_page(
        current_user, today(), form.cohort.data or None,
        request.args.get("page", 1, type=int), current_app.config["PAGE_SIZE"],
    )
    return render_template(
        "trainees/outcomes/outcomes.html",
        form=form,
        page=page,
        page_args={k: v for k, v in request.args.items() if k != "page"},
        missing=services.missing_outcomes(current_user, today()),
        outcome_labels=outcome_labels(),
        export_job=exportfiles.current("trainee-outcomes"),
    )


def _outcomes_page() -> str:
    """The outcome list with the export's cohort filter, where the export job shows."""
    query = request.query_string.decode()
    return url_for("trainees.outcomes") + (f"?{query}" if query else "")


@bp.route("/utfall/export.<any(csv, xlsx):fmt>")
@roles(ADMIN, HR)
def outcomes_export(fmt: str):
    form = _cohort_filter()
    table = outcome_table(current_user, form.cohort.data or None)
    if exportfiles.as_job(table):  # many rows: the worker writes the file
        return exportfiles.start("trainee-outcomes", "trainee_outcomes",
                                 {"cohort_id": form.cohort.data or None}, fmt,
                                 _outcomes_page())
    with carry_out():
        record("export", table.record_type, None, None, table.municipality_id)
    return download(table.filename, table.header, table.rows, fmt)


@bp.route("/<int:trainee_id>/utfall", methods=["GET", "POST"])
@roles(ADMIN, HR)
def report_outcome(trainee_id: int):
    trainee = or_404(get_trainee(current_user, trainee_id))
    if not can_edit(current_user, trainee):
        abort(404)
    outcome = trainee.outcome
    record_read(current_user, "trainee_outcome", outcome.id if outcome else None, trainee.user_id,
                trainee.host_municipality_id)
    form = OutcomeForm()
    form.category.choices = outcome_labels.choices()
    form.employer_municipality_id.choices = [(0, _("Ingen medlemskommun"))] + [
        (m.id, m.name) for m in municipalities(include_retired=True)
    ]
    if request.method == "GET":
        _fill(form, outcome)
    conflict = False
    if form.validate_on_submit():
        with carry_out(form, _("Utfallet för %(name)s är sparat.", name=trainee.name)) as done:
            services.report_outcome(
                current_user,
                trainee,
                services.OutcomeData(
                    category=form.category.data,
                    employer_municipality_id=form.employer_municipality_id.data or None,
                    position_title=form.position_title.data or "",
                    start_date=form.start_date.data,
                    version=form.version.data or 0,
                ),
            )
        if done:
            return redirect(url_for("trainees.trainee", trainee_id=trainee.id))
        if isinstance(done.error, services.OutcomeConflict):  # (its message is above the form)
            # The other person's change stays. Show what is saved now, keep what this
            # editor typed, and let them save it deliberately against the new version.
            conflict = True
            trainee = or_404(get_trainee(current_user, trainee_id))
            form.version.data = trainee.outcome.version if trainee.outcome else 0
            form.version.raw_data = None  # render the new version, not the submitted one
    return render_template(
        "trainees/outcomes/outcome_form.html",
        form=form,
        trainee=trainee,
        conflict=conflict,
        history=services.history(trainee.outcome),
        outcome_labels=outcome_labels(),
        field_labels=outcome_field_labels(),
    )


def _fill(form: OutcomeForm, outcome) -> None:
    if outcome is None:
        form.version.data = 0
        return
    form.category.data = outcome.category
    form.employer_municipality_id.data = outcome.employer_municipality_id or 0
    form.position_title.data = outcome.position_title
    form.start_date.data = outcome.start_date
    form.version.data = outcome.version


# --- the reminder about missing outcomes ----------------------------------------------

def _reminder_page(form: OutcomeReminderForm, status: int = 200):
    people = reminders.recipients(current_user, today())
    return render_template(
        "trainees/outcomes/outcome_reminder.html", form=form, people=people,
        municipalities=len({r.user.municipality_id for r in people}),
        log=reminders.sent(),
    ), status


@bp.route("/utfall/paminnelse", methods=["GET", "POST"])
@roles(ADMIN)
def outcome_reminder():
    """GET: the text to edit. POST: the confirmation page (nothing is sent yet)."""
    form = OutcomeReminderForm()
    if request.method == "GET":
        form.subject.data, form.body.data = reminders.default_text()
        return _reminder_page(form)
    if not form.validate_on_submit():
        return _reminder_page(form, 400)
    people = reminders.recipients(current_user, today())
    if not people:
        form.form_errors.append(_("Inga utfall saknas som en HR-kontakt kan rapportera, så "
                                  "det finns ingen att påminna."))
        return _reminder_page(form, 400)
    return render_template("trainees/outcomes/outcome_reminder_confirm.html", form=form,
                           people=people)


@bp.route("/utfall/paminnelse/skicka", methods=["POST"])
@roles(ADMIN)
def outcome_reminder_send():
    form = OutcomeReminderForm()
    if not form.validate_on_submit():
        return _reminder_page(form, 400)
    with carry_out(form) as done:
        reminder = reminders.send(current_user, today(), form.subject.data, form.body.data)
        done.success = ngettext("Påminnelsen är skickad till %(num)s HR-kontakt.",
                                "Påminnelsen är skickad till %(num)s HR-kontakter.",
                                reminder.recipients)
    if not done:
        return _reminder_page(form, 400)
    return redirect(url_for("trainees.outcome_reminder"))
