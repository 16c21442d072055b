"""Training days, study visits, attendance, calendar files and the group project."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mentorship.access import ADMIN, authenticated, roles
from mentorship.calendar import ics_response
from mentorship.events.attendance import not_started_message
from mentorship.events.forms import AttendanceForm
from mentorship.forms import carry_out
from mentorship.reference.services import municipalities
from mentorship.refusals import or_404
from mentorship.timezones import combine, to_local
from mentorship.trainees.blueprint import bp
from mentorship.trainees.cohorts.services import cohort_trainees, get_cohort
from mentorship.trainees.events import project as project_services
from mentorship.trainees.events import services
from mentorship.trainees.forms import EventForm, MilestoneForm, ProjectForm
from mentorship.trainees.labels import event_kind_labels


def _event_form(obj=None) -> EventForm:
    form = EventForm()
    form.kind.choices = list(event_kind_labels().items())
    form.host_municipality_id.choices = [(0, _("Ingen (utbildningsdag)"))] + [
        (m.id, m.name) for m in municipalities()
    ]
    if obj is not None and request.method == "GET":
        start, end = to_local(obj.starts_at), to_local(obj.ends_at)
        form.kind.data = obj.kind
        form.title.data = obj.title
        form.day.data = start.date()
        form.starts.data = start.time()
        form.ends.data = end.time()
        form.place.data = obj.place
        form.host_municipality_id.data = obj.host_municipality_id or 0
    return form


def _event_data(form: EventForm) -> services.EventData:
    return services.EventData(
        kind=form.kind.data,
        title=form.title.data or "",
        starts_at=combine(form.day.data, form.starts.data),
        ends_at=combine(form.day.data, form.ends.data),
        place=form.place.data or "",
        host_municipality_id=form.host_municipality_id.data or None,
    )


@bp.route("/grupper/<int:cohort_id>/aktiviteter/ny", methods=["GET", "POST"])
@roles(ADMIN)
def new_event(cohort_id: int):
    cohort = or_404(get_cohort(current_user, cohort_id))
    form = _event_form()
    if form.validate_on_submit():
        with carry_out(form, _("Aktiviteten är sparad.")) as done:
            done.value = services.save_event(current_user, cohort, _event_data(form))
        if done:
            return redirect(url_for("trainees.event", event_id=done.value.id))
    return render_template("trainees/events/event_form.html", form=form, cohort=cohort, event=None)


@bp.route("/aktiviteter/<int:event_id>", methods=["GET", "POST"])
@authenticated
def event(event_id: int):
    event = or_404(services.get_event(current_user, event_id))
    form = None
    trainees = []
    if current_user.is_admin:
        trainees = cohort_trainees(current_user, event.cohort)
        form = AttendanceForm()
        form.set_people([(t.id, t.name) for t in trainees],
                        [a.trainee_id for a in event.attendance])
        if form.validate_on_submit():
            with carry_out(form) as done:
                n = services.set_attendance(current_user, event, form.present_ids)
                done.success = _("Närvaron är sparad: %(n)s närvarande.", n=n)
            if done:
                return redirect(url_for("trainees.event", event_id=event.id))
    elif request.method == "POST":
        return redirect(url_for("trainees.event", event_id=event.id))
    return render_template(
        "trainees/events/event.html",
        event=event,
        form=form,
        not_started=None if event.has_started() else not_started_message(event),
        kind_labels=event_kind_labels(),
        attendance_count=len(event.attendance),
    )


@bp.route("/aktiviteter/<int:event_id>/andra", methods=["GET", "POST"])
@roles(ADMIN)
def edit_event(event_id: int):
    event = or_404(services.get_event(current_user, event_id))
    form = _event_form(event)
    if form.validate_on_submit():
        with carry_out(form, _("Ändringarna är sparade.")) as done:
            services.save_event(current_user, event.cohort, _event_data(form), event)
        if done:
            return redirect(url_for("trainees.event", event_id=event.id))
    return render_template("trainees/events/event_form.html", form=form, cohort=event.cohort,
                           event=event)


@bp.route("/aktiviteter/<int:event_id>/ta-bort", methods=["GET", "POST"])
@roles(ADMIN)
def delete_event(event_id: int):
    event = or_404(services.get_event(current_user, event_id))
    if request.method == "GET":
        return render_template("trainees/events/confirm_delete_event.html", event=event)
    cohort_id = event.cohort_id
    with carry_out(success=_("Aktiviteten är borttagen.")):
        services.delete_event(current_user, event)
    return redirect(url_for("trainees.cohort", cohort_id=cohort_id))


@bp.route("/aktiviteter/<int:event_id>/kalender.ics")
@authenticated
def event_ics(event_id: int):
    event = or_404(services.get_event(current_user, event_id))
    return ics_response(
        f"trainee-aktivitet-{event.id}",
        services.calendar_entries([event], event_kind_labels()),
    )


@bp.route("/grupper/<int:cohort_id>/kalender.ics")
@authenticated
def cohort_ics(cohort_id: int):
    cohort = or_404(get_cohort(current_user, cohort_id))
    events = services.cohort_events(cohort)
    return ics_response(
        f"traineegrupp-{cohort.number}", services.calendar_entries(events, event_kind_labels())
    )


# --- group project ---------------------------------------------------------------------------


def _project_page(cohort, form, milestone_form):
    return render_template(
        "trainees/events/project_form.html", form=form, milestone_form=milestone_form,
        cohort=cohort, milestones=cohort.milestones,
    )


@bp.route("/grupper/<int:cohort_id>/projekt", methods=["GET", "POST"])
@roles(ADMIN)
def edit_project(cohort_id: int):
    cohort = or_404(get_cohort(current_user, cohort_id))
    form = ProjectForm(obj=cohort.project if request.method == "GET" else None)
    milestone_form = MilestoneForm(prefix="milestone")
    if form.validate_on_submit():
        with carry_out(form, _("Grupprojektet är sparat.")) as done:
            project_services.save_project(
                cohort,
                project_services.ProjectData(
                    form.assignment.data or "",
                    form.given_by.data or "",
                    form.result.data or "",
                    form.presented_where.data or "",
                    form.presented_on.data,
                ),
            )
        if done:
            return redirect(url_for("trainees.cohort", cohort_id=cohort.id) + "#projekt")
    return _project_page(cohort, form, milestone_form)


@bp.route("/grupper/<int:cohort_id>/projekt/delmal", methods=["POST"])
@roles(ADMIN)
def add_milestone(cohort_id: int):
    cohort = or_404(get_cohort(current_user, cohort_id))
    form = ProjectForm(obj=cohort.project, formdata=None)
    milestone_form = MilestoneForm(prefix="milestone")
    if milestone_form.validate_on_submit():
        with carry_out(milestone_form, _("Delmålet är tillagt.")) as done:
            project_services.add_milestone(
                cohort,
                project_services.MilestoneData(
                    milestone_form.title.data, milestone_form.due_on.data
                ),
            )
        if done:
            return redirect(url_for("trainees.edit_project", cohort_id=cohort.id))
    return _project_page(cohort, form, milestone_form)


@bp.route("/grupper/<int:cohort_id>/projekt/delmal/<int:milestone_id>/klar", methods=["POST"])
@roles(ADMIN)
def toggle_milestone(cohort_id: int, milestone_id: int):
    cohort = or_404(get_cohort(current_user, cohort_id))
    milestone = or_404(project_services.get_milestone(cohort, milestone_id))
    with carry_out():
        project_services.set_milestone_done(milestone, not milestone.done)
    return redirect(url_for("trainees.edit_project", cohort_id=cohort.id))


@bp.route(
    "/grupper/<int:cohort_id>/projekt/delmal/<int:milestone_id>/ta-bort", methods=["GET", "POST"]
)
@roles(ADMIN)
def delete_milestone(cohort_id: int, milestone_id: int):
    cohort = or_404(get_cohort(current_user, cohort_id))
    milestone = or_404(project_services.get_milestone(cohort, milestone_id))
    if request.method == "GET":
        return render_template(
            "trainees/events/confirm_delete_milestone.html", cohort=cohort, milestone=milestone
        )
    with carry_out(success=_("Delmålet är borttaget.")):
        project_services.delete_milestone(milestone)
    return redirect(url_for("trainees.edit_project", cohort_id=cohort.id))
