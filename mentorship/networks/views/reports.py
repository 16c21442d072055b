"""The secretariat's reports: what is missing this year (with reminders), networks per
field and status, the municipalities' participation, and their CSV/XLSX exports."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from mentorship.access import ADMIN, roles
from mentorship.audit.services import record
from mentorship.exports import download
from mentorship.forms import carry_out
from mentorship.networks import reports, services
from mentorship.networks.blueprint import bp
from mentorship.networks.checklist import missing_this_year, remind_coordinators
from mentorship.networks.forms import YearForm
from mentorship.networks.labels import answer_labels, status_labels
from mentorship.networks.models import STATUSES
from mentorship.networks.survey import not_surveyed


def _year() -> int:
    form = YearForm(request.args)
    if form.validate() and form.year.data:
        return form.year.data
    if request.args.get("year"):
        abort(404)
    return services.today().year


@bp.route("/saknas")
@roles(ADMIN)
def missing():
    year = _year()
    return render_template(
        "networks/missing.html",
        year=year,
        missing=missing_this_year(year),
        flagged=not_surveyed(services.today()),
        status_labels=status_labels(),
    )


@bp.route("/saknas/paminn", methods=["POST"])
@roles(ADMIN)
def remind():
    year = services.today().year
    with carry_out() as done:
        sent = remind_coordinators(current_user, year)
        done.success = (ngettext("%(num)s påminnelse ligger i utkorgen.",
                                 "%(num)s påminnelser ligger i utkorgen.", sent) if sent
                        else _("Inga samordnare att påminna."))
    return redirect(url_for("networks.missing"))


@bp.route("/rapport")
@roles(ADMIN)
def report():
    year = services.today().year
    lines = services.list_networks(year)
    return render_template(
        "networks/report.html",
        year=year,
        fields=reports.per_field_and_status(lines),
        statuses=STATUSES,
        status_labels=status_labels(),
        totals={s: sum(1 for line in lines if line.network.status == s) for s in STATUSES},
        matrix=reports.participation_matrix(),
        answer_labels=answer_labels(),
    )


def _yes(value: bool) -> str:
    return _("ja") if value else _("nej")


def _export(kind: str, year: int) -> tuple[str, tuple, list]:
    labels = status_labels()
    if kind == "register":
        header: tuple = (_("Nätverk"), _("Samverkansområde"), _("Status"), _("Medlemskommuner"),
                  _("Samordnare"), _("Syfte %(year)s", year=year), _("Mål %(year)s", year=year),
                  _("Mötesorganisation %(year)s", year=year))
        rows: list[tuple] = [(r.name, r.field, labels[r.status], r.municipalities, r.coordinator,
                 _yes(r.purpose), _yes(r.goals), _yes(r.meetings))
                for r in reports.register(year)]
        return "natverk-register", header, rows
    if kind == "omraden":
        header = (_("Samverkansområde"), *[labels[s] for s in STATUSES], _("Totalt"))
        rows = [(r.field, *[r.counts[s] for s in STATUSES], r.total)
                for r in reports.per_field_and_status(services.list_networks(year))]
        return "natverk-per-omrade", header, rows
    if kind == "kommuner":
        matrix = reports.participation_matrix()
        answers = {**answer_labels(), "invited": _("Inbjuden")}
        header = (_("Nätverk"), _("Status"), *[m.name for m in matrix.municipalities])
        rows = [(n.name, labels[n.status], *[answers[c] if c else "" for c in cells])
                for n, cells in matrix.rows]
        return "natverk-kommuner", header, rows
    header = (_("Nätverk"), _("Samordnare"), _("Syfte"), _("Mål"), _("Mötesorganisation"))
    rows = [(m.network.name, m.coordinator, _yes(m.purpose), _yes(m.goals), _yes(m.meetings))
            for m in missing_this_year(year)]
    return f"natverk-saknas-{year}", header, rows


@bp.route("/rapport/<any(register, omraden, kommuner, saknas):kind>.<any(csv, xlsx):fmt>")
@roles(ADMIN)
def report_export(kind: str, fmt: str):
    name, header, rows = _export(kind, _year())
    with carry_out():
        record("export", "network", None)
    return download(name, header, rows, fmt)
