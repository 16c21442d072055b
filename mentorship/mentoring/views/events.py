"""Admin pages for workshops and attendance, evaluation results, Årets mentor, exports."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from mentorship.access import ADMIN, roles
from mentorship.audit.services import record
from mentorship.events.forms import AttendanceForm
from mentorship.exports import CSV_MIME, download, file_response
from mentorship.forms import attach_error, commit
from mentorship.jobs import exportfiles
from mentorship.jobs.exportfiles import Table
from mentorship.mentoring import evaluation, exports, labels, workshops
from mentorship.mentoring.blueprint import bp
from mentorship.mentoring.forms import WorkshopForm
from mentorship.mentoring.views.rounds import load_round
from mentorship.reference.services import municipalities
from mentorship.services import ServiceError, or_404
from mentorship.timezones import from_local, to_local_naive


@bp.route("/omgangar/<int:round_id>/workshoppar")
@roles(ADMIN)
def workshops_index(round_id: int):
    round_ = load_round(round_id)
    items = workshops.round_workshops(round_)
    return render_template(
        "mentoring/workshops.html",
        round=round_,
        workshops=items,
        counts=workshops.signed_counts([w.id for w in items]),
    )


@bp.route("/workshop/<int:workshop_id>/andra", methods=["GET", "POST"])
@roles(ADMIN)
def workshop_edit(workshop_id: int):
    workshop = or_404(workshops.visible_workshop(current_user, workshop_id))
    form = WorkshopForm(obj=workshop if request.method == "GET" else None)
    form.host_municipality_id.choices = [(0, _("Ingen vald"))] + [
        (m.id, m.name) for m in municipalities()
    ]
    if request.method == "GET":
        form.starts_at.data = to_local_naive(workshop.starts_at)
        form.minutes.data = workshop.minutes or form.minutes.default
        form.host_municipality_id.data = workshop.host_municipality_id or 0
    if form.validate_on_submit():
        try:
            workshops.update_workshop(
                current_user,
                workshop,
                workshops.WorkshopData(
                    title=form.title.data,
                    starts_at=from_local(form.starts_at.data),
                    minutes=form.minutes.data,
                    place=form.place.data or "",
                    link=form.link.data or "",
                    host_municipality_id=form.host_municipality_id.data or None,
                    capacity=form.capacity.data,
                ),
            )
        except ServiceError as err:
            attach_error(form, err)
        else:
            commit()
            flash(_("Programworkshopen är sparad."), "success")
            return redirect(url_for("mentoring.workshops_index", round_id=workshop.round_id))
    return render_template("mentoring/workshop_form.html", workshop=workshop, form=form)


# The sign-ups are the people of a workshop: its attendance form ticks sign-up ids.
WorkshopAttendanceForm = AttendanceForm.named("attended", _l("Närvarade"))


@bp.route("/workshop/<int:workshop_id>/narvaro", methods=["GET", "POST"])
@roles(ADMIN)
def attendance(workshop_id: int):
    workshop = or_404(workshops.visible_workshop(current_user, workshop_id))
    signups = workshops.signups(workshop)
    form = WorkshopAttendanceForm()
    form.set_people([(s.id, s.enrolment.user.name) for s in signups],
                    [s.id for s in signups if s.attended])
    if form.validate_on_submit():
        try:
            n = workshops.mark_attendance(current_user, workshop, form.present_ids)
        except ServiceError as err:
            flash(err.message, "error")
        else:
            commit()
            flash(_("Närvaron är sparad: %(n)s närvarade.", n=n), "success")
        return redirect(url_for("mentoring.attendance", workshop_id=workshop.id))
    roles_ = labels.role_labels()
    return render_template(
        "mentoring/attendance.html",
        workshop=workshop,
        form=form,
        details={s.id: [s.enrolment.user.municipality.name, roles_.get(s.enrolment.role or "", "–")]
                 for s in signups},
    )


@bp.route("/omgangar/<int:round_id>/narvaro")
@roles(ADMIN)
def attendance_people(round_id: int):
    round_ = load_round(round_id)
    items, people = workshops.attendance_per_person(round_)
    return render_template(
        "mentoring/attendance_people.html", round=round_, workshops=items, people=people,
        role_labels=labels.role_labels(),
    )


@bp.route("/omgangar/<int:round_id>/utvardering")
@roles(ADMIN)
def evaluation_results(round_id: int):
    round_ = load_round(round_id)
    return render_template(
        "mentoring/evaluation_results.html",
        round=round_,
        results=evaluation.results(round_),
        min_answers=evaluation.MIN_ANSWERS,
    )


@bp.route("/omgangar/<int:round_id>/arets-mentor", methods=["GET", "POST"])
@roles(ADMIN)
def mentor_of_the_year(round_id: int):
    round_ = load_round(round_id)
    if request.method == "POST":
        try:
            chosen = evaluation.choose_winner(
                current_user, round_, request.form.get("nomination_id", type=int) or 0
            )
        except ServiceError as err:
            flash(err.message, "error")
        else:
            commit()
            flash(_("%(name)s är Årets mentor!", name=chosen.mentor.user.name), "success")
            return redirect(url_for("mentoring.round_show", round_id=round_.id))
    nominations = evaluation.nominations(round_)
    current = next((n for n in nominations if n.winner), None)
    chosen_id = request.args.get("valj", type=int)
    if chosen_id is not None:  # confirm before choosing (or changing) the winner
        chosen = or_404(next((n for n in nominations if n.id == chosen_id), None))
        return render_template("mentoring/confirm_winner.html", round=round_, chosen=chosen,
                               current=current)
    return render_template(
        "mentoring/nominations.html", round=round_, nominations=nominations,
        state_labels=labels.state_labels(),
        may_choose=round_.state == "running" or (round_.state == "closed" and current is None),
    )


EXPORTS = {
    "par": (exports.pairs_table, "par"),
    "workshoppar": (exports.workshops_table, "workshoppar"),
    "utvardering": (exports.evaluation_table, "utvardering"),
}


def round_table(round_, kind: str) -> Table:
    """A round's export `kind`: what the direct download and the export job both write."""
    build, name = EXPORTS[kind]
    header, rows = build(round_)
    return Table(f"mentorsprogram-{round_.id}-{name}", header, list(rows), "mentor_round",
                 round_.id)


@bp.route("/omgangar/<int:round_id>/export/<kind>.<fmt>")
@roles(ADMIN)
def export(round_id: int, kind: str, fmt: str):
    round_ = load_round(round_id)
    if kind not in EXPORTS or fmt not in ("csv", "xlsx"):
        abort(404)
    table = round_table(round_, kind)
    if exportfiles.as_job(table):  # a large round: the worker writes the file
        return exportfiles.start(f"round:{round_.id}", "round",
                                 {"round_id": round_.id, "kind": kind}, fmt,
                                 url_for("mentoring.round_show", round_id=round_.id))
    record("export", "mentor_round", round_.id)
    commit()
    return download(table.filename, table.header, table.rows, fmt)


@bp.route("/omgangar/<int:round_id>/export/pairs-engine.csv")
@roles(ADMIN)
def export_engine_pairs(round_id: int):
    round_ = load_round(round_id)
    _source, rows = exports.engine_pairs(round_)
    record("export", "mentor_round", round_.id)
    commit()
    return file_response(
        exports.engine_pairs_csv(rows), f"mentorsprogram-{round_.id}-pairs.csv", CSV_MIME
    )
