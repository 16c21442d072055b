"""Cohorts, trainees and placements."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mentorship.access import ADMIN, HR, PARTICIPANT, roles
from mentorship.audit.services import record_read
from mentorship.db import utcnow
from mentorship.forms import carry_out
from mentorship.reference.services import business_areas, municipalities
from mentorship.refusals import or_404
from mentorship.trainees.blueprint import bp
from mentorship.trainees.cohorts import services
from mentorship.trainees.events import services as event_services
from mentorship.trainees.forms import CohortForm, NewTraineeForm, PlacementForm
from mentorship.trainees.labels import (
    cohort_status_labels,
    event_kind_labels,
    outcome_field_labels,
    outcome_labels,
)
from mentorship.trainees.models import Cohort, Trainee
from mentorship.trainees.outcomes import services as outcome_services


def placement_choices(form: PlacementForm) -> None:
    if current_user.is_admin:
        form.host_municipality_id.choices = [(m.id, m.name) for m in municipalities()]
    else:
        m = current_user.municipality
        form.host_municipality_id.choices = [(m.id, m.name)]
    form.business_area_id.choices = [(0, _("Välj verksamhetsområde"))] + [
        (a.id, a.name) for a in business_areas()
    ]


def placement_data(form: PlacementForm) -> services.PlacementData:
    return services.PlacementData(
        host_municipality_id=form.host_municipality_id.data,
        business_area_id=form.business_area_id.data or None,
        position_title=form.position_title.data or "",
        supervisor_name=form.supervisor_name.data or "",
        supervisor_email=form.supervisor_email.data or None,
        assignment=form.assignment.data or "",
        degree=form.degree.data or "",
        field_of_study=form.field_of_study.data or "",
        graduation_year=form.graduation_year.data,
    )


@bp.route("/")
@roles(ADMIN, HR)
def index():
    return render_template(
        "trainees/cohorts/index.html",
        cohorts=services.list_cohorts(),
        counts=services.trainee_counts(current_user),
        today=services.today(),
        status_labels=cohort_status_labels(),
    )


@bp.route("/grupper/ny", methods=["GET", "POST"])
@roles(ADMIN)
def new_cohort():
    form = CohortForm()
    if form.validate_on_submit():
        with carry_out(form) as done:
            done.value = services.save_cohort(current_user, _cohort_data(form))
            done.success = _("Traineegrupp %(n)s är skapad.", n=done.value.number)
        if done:
            return redirect(url_for("trainees.cohort", cohort_id=done.value.id))
    return render_template("trainees/cohorts/cohort_form.html", form=form, cohort=None)


def _cohort_data(form: CohortForm) -> services.CohortData:
    return services.CohortData(form.number.data, form.start_date.data, form.length_months.data)


@bp.route("/grupper/<int:cohort_id>/andra", methods=["GET", "POST"])
@roles(ADMIN)
def edit_cohort(cohort_id: int):
    cohort = or_404(services.get_cohort(current_user, cohort_id))
    form = CohortForm(obj=cohort if request.method == "GET" else None)
    if form.validate_on_submit():
        with carry_out(form, _("Ändringarna är sparade.")) as done:
            services.save_cohort(current_user, _cohort_data(form), cohort)
        if done:
            return redirect(url_for("trainees.cohort", cohort_id=cohort.id))
    return render_template("trainees/cohorts/cohort_form.html", form=form, cohort=cohort)


@bp.route("/grupper/<int:cohort_id>")
@roles(ADMIN, HR)
def cohort(cohort_id: int):
    cohort = or_404(services.get_cohort(current_user, cohort_id))
    events = event_services.cohort_events(cohort)
    return render_template(
        "trainees/cohorts/cohort.html",
        cohort=cohort,
        trainees=services.cohort_trainees(current_user, cohort),
        events=events,
        visits=event_services.visit_status(events, municipalities(), utcnow()),
        project=cohort.project,
        milestones=cohort.milestones,
        finished=cohort.finished(services.today()),
        today=services.today(),
        status_labels=cohort_status_labels(),
        kind_labels=event_kind_labels(),
        outcome_labels=outcome_labels(),
    )


@bp.route("/grupper/<int:cohort_id>/trainees/ny", methods=["GET", "POST"])
@roles(ADMIN, HR)
def new_trainee(cohort_id: int):
    cohort = or_404(services.get_cohort(current_user, cohort_id))
    form = NewTraineeForm()
    placement_choices(form)
    if request.method == "GET":
        form.host_municipality_id.data = current_user.municipality_id
    if form.validate_on_submit():
        with carry_out(form, _("Traineen är registrerad. Inbjudan ligger i kö och skickas "
                               "inom några minuter.")) as done:
            done.value = services.register_trainee(
                current_user,
                services.NewTrainee(
                    cohort.id, form.name.data, form.email.data, placement_data(form)
                ),
            )
        if done:
            return redirect(url_for("trainees.trainee", trainee_id=done.value.id))
    return render_template("trainees/cohorts/trainee_new.html", form=form, cohort=cohort)


@bp.route("/<int:trainee_id>")
@roles(ADMIN, HR)
def trainee(trainee_id: int):
    trainee = or_404(services.get_trainee(current_user, trainee_id))
    record_read(current_user, "trainee", trainee.id, trainee.user_id, trainee.host_municipality_id)
    return _trainee_page(trainee)


def _trainee_page(trainee: Trainee):
    return render_template(
        "trainees/cohorts/trainee.html",
        trainee=trainee,
        can_edit=services.can_edit(current_user, trainee),
        history=outcome_services.history(trainee.outcome),
        outcome_labels=outcome_labels(),
        field_labels=outcome_field_labels(),
        finished=trainee.cohort.finished(services.today()),
    )


@bp.route("/min-placering")
@roles(PARTICIPANT)
def mine():
    trainee = services.own_trainee(current_user)
    if trainee is None:
        abort(404)
    cohort: Cohort = trainee.cohort
    return render_template(
        "trainees/cohorts/mine.html",
        trainee=trainee,
        cohort=cohort,
        events=event_services.cohort_events(cohort),
        project=cohort.project,
        milestones=cohort.milestones,
        kind_labels=event_kind_labels(),
    )


@bp.route("/<int:trainee_id>/placering", methods=["GET", "POST"])
@roles(ADMIN, HR)
def edit_placement(trainee_id: int):
    trainee = or_404(services.get_trainee(current_user, trainee_id))
    if not services.can_edit(current_user, trainee):
        abort(404)
    record_read(current_user, "trainee", trainee.id, trainee.user_id, trainee.host_municipality_id)
    form = PlacementForm(obj=trainee if request.method == "GET" else None)
    placement_choices(form)
    if request.method == "GET":
        form.business_area_id.data = trainee.business_area_id or 0
    if form.validate_on_submit():
        with carry_out(form, _("Placeringen är sparad.")) as done:
            services.update_placement(current_user, trainee, placement_data(form))
        if done:
            return redirect(url_for("trainees.trainee", trainee_id=trainee.id))
    return render_template("trainees/cohorts/placement_form.html", form=form, trainee=trainee)
