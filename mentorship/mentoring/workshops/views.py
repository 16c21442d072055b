"""Programme workshops: the admin's pages (fill in the drafts, attendance per workshop and
per person) and the participant's (sign up or cancel, the calendar file)."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from mentorship.access import ADMIN, authenticated, roles
from mentorship.calendar import ics_response
from mentorship.events.attendance import not_started_message
from mentorship.events.forms import AttendanceForm
from mentorship.forms import carry_out
from mentorship.mentoring import labels
from mentorship.mentoring.blueprint import bp
from mentorship.mentoring.rounds.views import load_round
from mentorship.mentoring.workshops import services as workshops
from mentorship.mentoring.workshops.forms import WorkshopForm
from mentorship.reference.services import municipalities
from mentorship.refusals import or_404
from mentorship.timezones import from_local, to_local_naive


@bp.route("/omgangar/<int:round_id>/workshoppar")
@roles(ADMIN)
def workshops_index(round_id: int):
    round_ = load_round(round_id)
    items = workshops.round_workshops(round_)
    return render_template(
        "mentoring/workshops/workshops.html",
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
        with carry_out(form, _("Programworkshopen är sparad.")) as done:
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
        if done:
            return redirect(url_for("mentoring.workshops_index", round_id=workshop.round_id))
    return render_template("mentoring/workshops/workshop_form.html", workshop=workshop, form=form)


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
        with carry_out() as done:  # a refusal is flashed: the page is shown again
            n = workshops.mark_attendance(current_user, workshop, form.present_ids)
            done.success = _("Närvaron är sparad: %(n)s närvarade.", n=n)
        return redirect(url_for("mentoring.attendance", workshop_id=workshop.id))
    roles_ = labels.role_labels()
    return render_template(
        "mentoring/workshops/attendance.html",
        workshop=workshop,
        form=form,
        not_started=None if workshop.has_started() else not_started_message(workshop),
        details={s.id: [s.enrolment.user.municipality.name, roles_.get(s.enrolment.role or "", "–")]
                 for s in signups},
    )


@bp.route("/omgangar/<int:round_id>/narvaro")
@roles(ADMIN)
def attendance_people(round_id: int):
    round_ = load_round(round_id)
    items, people = workshops.attendance_per_person(round_)
    return render_template(
        "mentoring/workshops/attendance_people.html", round=round_, workshops=items, people=people,
        role_labels=labels.role_labels(),
    )


@bp.route("/workshop/<int:workshop_id>/<action>", methods=["POST"])
@authenticated
def workshop_signup(workshop_id: int, action: str):
    workshop = or_404(workshops.visible_workshop(current_user, workshop_id))
    with carry_out() as done:
        if action == "anmal":
            workshops.sign_up(current_user, workshop)
            done.success = _("Du är anmäld till %(title)s.", title=workshop.title)
        else:
            workshops.cancel(current_user, workshop)
            done.success = _("Du är avanmäld från %(title)s.", title=workshop.title)
    return redirect(url_for("mentoring.mine"))


@bp.route("/workshop/<int:workshop_id>.ics")
@authenticated
def workshop_ics(workshop_id: int):
    workshop = or_404(workshops.visible_workshop(current_user, workshop_id))
    if not workshop.scheduled:  # no time yet (only an admin sees it): no calendar entry
        return or_404(None)
    round_ = workshops.round_of(workshop)
    entry = workshops.calendar_entry(workshop, round_.name)
    return ics_response(f"programworkshop-{workshop.id}", [entry])
