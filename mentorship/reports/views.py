"""The year's report: the page (admins; an HR contact sees their municipality's version),
its charts and exports, and the coordinator's editing of a paragraph."""

from __future__ import annotations

from flask import (
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from mentorship.access import ADMIN, HR, roles
from mentorship.audit.services import record
from mentorship.exports import file_response
from mentorship.forms import carry_out
from mentorship.networks.labels import status_labels
from mentorship.reports import charts, exports, jobs, services
from mentorship.reports import cli as _cli  # noqa: F401  (registers `flask annual-report`)
from mentorship.reports.blueprint import bp
from mentorship.reports.forms import ParagraphForm


def _report(year: int) -> services.YearReport:
    if not services.valid_year(year):
        abort(404)
    return services.year_report(current_user, year)


def _paragraph(report: services.YearReport, key: str):
    paragraph = report.paragraph(key)
    if paragraph is None:
        abort(404)
    return paragraph


@bp.route("/")
@roles(ADMIN, HR)
def index():
    return redirect(url_for("reports.year", year=services.default_year()))


@bp.route("/<int:year>")
@roles(ADMIN, HR)
def year(year: int):
    report = _report(year)
    return render_template(
        "reports/year.html",
        report=report,
        figures=report.figures,
        years=range(services.today().year, services.FIRST_YEAR - 1, -1),
        status_labels=status_labels(),
        charts={c.name: c for c in charts.charts()},
        export_job=jobs.current(),
    )


@bp.route("/<int:year>/stycke/<key>", methods=["GET", "POST"])
@roles(ADMIN)
def edit_paragraph(year: int, key: str):
    report = _report(year)
    paragraph = _paragraph(report, key)
    form = ParagraphForm(data={"text": paragraph.text})
    if form.validate_on_submit():
        with carry_out(form, _("Stycket är sparat.")) as done:
            services.save_paragraph(current_user, report,
                                    services.ParagraphText(year, key, form.text.data))
        if done:
            return redirect(url_for("reports.year", year=year, _anchor=f"p-{key}"))
    return render_template("reports/edit_paragraph.html", report=report,
                           paragraph=paragraph, form=form)


@bp.route("/<int:year>/stycke/<key>/aterstall", methods=["GET", "POST"])
@roles(ADMIN)
def reset_paragraph(year: int, key: str):
    report = _report(year)
    paragraph = _paragraph(report, key)
    if paragraph.edited is None:
        flash(_("Stycket har redan den genererade texten."), "info")
        return redirect(url_for("reports.year", year=year, _anchor=f"p-{key}"))
    if request.method == "POST":
        with carry_out(success=_("Stycket har den genererade texten igen.")):
            services.reset_paragraph(current_user, report, key)
        return redirect(url_for("reports.year", year=year, _anchor=f"p-{key}"))
    return render_template("reports/reset_paragraph.html", report=report,
                           paragraph=paragraph)


@bp.route("/<int:year>/diagram/<chart_name>.png")
@roles(ADMIN, HR)
def chart_image(year: int, chart_name: str):
    chart = charts.chart(chart_name)
    if chart is None:
        abort(404)
    report = _report(year)
    response = Response(chart.draw(report.figures), mimetype="image/png")
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/<int:year>/export.<any(docx, pdf, html):fmt>")
@roles(ADMIN, HR)
def export(year: int, fmt: str):
    report = _report(year)
    if jobs.is_large(report):  # a large year: the worker writes the file
        return jobs.start(report, fmt)
    body = exports.render(report, fmt)
    # the file names Årets mentor: audited as the other exports are
    with carry_out():
        record("export", "annual_report", report.year, None,
               report.figures.scope.municipality_id)
    return file_response(body, exports.filename(report, fmt), exports.MIMETYPES[fmt])
