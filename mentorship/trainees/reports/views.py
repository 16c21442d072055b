"""The outcome report (chart + table + export) and the import of earlier cohorts."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mentorship import import_preview
from mentorship.access import ADMIN, HR, roles
from mentorship.exports import XLSX_MIME, download, file_response
from mentorship.forms import ConfirmImportForm, carry_out, read_filters
from mentorship.imports import problem_lines
from mentorship.jobs import queue as jobs
from mentorship.trainees.blueprint import bp
from mentorship.trainees.cohorts.services import list_cohorts, today
from mentorship.trainees.forms import ImportForm, ReportFilterForm
from mentorship.trainees.reports import importer
from mentorship.trainees.reports.services import bar_chart, build_report, report_table


def _report():
    form = ReportFilterForm(request.args)
    form.cohort.choices = [(0, _("Alla avslutade grupper"))] + [
        (c.id, _("Traineegrupp %(n)s", n=c.number)) for c in list_cohorts()
    ]
    read_filters(form)
    return form, build_report(current_user, today(), form.cohort.data or None)


@bp.route("/rapport")
@roles(ADMIN, HR)
def report():
    form, report = _report()
    return render_template(
        "trainees/reports/report.html",
        form=form,
        report=report,
        cohort_chart=bar_chart(report.by_cohort),
        municipality_chart=bar_chart(report.by_municipality),
        export_args={"cohort": form.cohort.data} if form.cohort.data else {},
    )


@bp.route("/rapport/export.<any(csv, xlsx):fmt>")
@roles(ADMIN, HR)
def report_export(fmt: str):
    _form, report = _report()
    header, rows = report_table(report)
    return download("trainee-rapport", header, rows, fmt)


@bp.route("/import/mall.xlsx")
@roles(ADMIN)
def import_template():
    return file_response(importer.template(), "trainees-mall.xlsx", XLSX_MIME)


@bp.route("/import", methods=["GET", "POST"])
@roles(ADMIN)
def import_history():
    """Upload: the preview (nothing saved). Confirm: the import job, on the kept file."""
    form, confirm = ImportForm(), ConfirmImportForm()
    preview = None
    errors: list[str] = []
    if "upload" in request.form:
        # A job: the whole history is thousands of rows; this page shows its progress.
        with carry_out(form) as done:
            ran = jobs.ran_here(import_preview.confirmed(confirm, lambda cmd: jobs.start(
                "import_trainee_history", "trainee-history", current_user.id, upload=cmd)))
            done.success, done.value = (ran.message, True) if ran else (None, False)
        if done:  # queued: this page shows the job; done in the request: the report
            return redirect(url_for("trainees.report" if done.value
                                    else "trainees.import_history"))
        errors = problem_lines(done.error)
    elif form.validate_on_submit():
        with carry_out(form, saves=False):  # reads the file; writes nothing
            preview = import_preview.previewed(form, importer.preview_history)
    return render_template(
        "trainees/reports/import.html", form=form, errors=errors, columns=importer.COLUMNS,
        job=jobs.current_for("trainee-history", current_user.id, "import_trainee_history"),
        preview=preview, confirm=confirm,
    )
