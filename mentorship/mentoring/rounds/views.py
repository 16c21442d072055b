"""Rounds for admins (and read-only for HR contacts): list, create, edit, change state; the
admin-edited list of development goals. The round's texts and reminders have their own view
modules (text_views.py, reminder_views.py)."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mentorship.access import ADMIN, HR, roles
from mentorship.forms import carry_out
from mentorship.jobs import exportfiles
from mentorship.mentoring import labels
from mentorship.mentoring.blueprint import bp
from mentorship.mentoring.closing import evaluation
from mentorship.mentoring.fitcheck import services as fitcheck
from mentorship.mentoring.models import PUBLISHED, RUNNING, STATES
from mentorship.mentoring.rounds import changes as round_changes
from mentorship.mentoring.rounds import services as rounds
from mentorship.mentoring.rounds.dashboard import round_dashboard
from mentorship.mentoring.rounds.forms import GoalForm, RoundDetailsForm, RoundForm
from mentorship.refusals import or_404


def load_round(round_id: int):
    return or_404(rounds.get_round(current_user, round_id))


def _settings(form: RoundForm) -> rounds.RoundSettings:
    return rounds.RoundSettings(
        name=form.name.data,
        starts_on=form.starts_on.data,
        ends_on=form.ends_on.data,
        min_score=float(form.min_score.data),
        weights=form.weights(),
    )


@bp.route("/omgangar")
@roles(ADMIN, HR)
def rounds_index():
    return render_template(
        "mentoring/rounds/rounds.html",
        rounds=rounds.list_rounds(current_user),
        state_labels=labels.state_labels(),
    )


@bp.route("/omgangar/ny", methods=["GET", "POST"])
@roles(ADMIN)
def round_new():
    form = RoundForm()
    if form.validate_on_submit():
        with carry_out(form, _("Omgången är skapad som utkast, med fyra programworkshoppar "
                               "att fylla i.")) as done:
            round_ = rounds.create_round(current_user, _settings(form))
        if done:
            return redirect(url_for("mentoring.round_show", round_id=round_.id))
    return render_template("mentoring/rounds/round_form.html", form=form, round=None)


@bp.route("/omgangar/<int:round_id>")
@roles(ADMIN, HR)
def round_show(round_id: int):
    round_ = load_round(round_id)
    return render_template(
        "mentoring/rounds/round.html",
        round=round_,
        export_job=exportfiles.current(f"round:{round_.id}") if current_user.is_admin else None,
        transitions=rounds.transitions_of(round_),
        changes=round_changes.changes_of(round_),
        change_labels=labels.change_field_labels(),
        change_values=labels.change_value_labels(),
        state_labels=labels.state_labels(),
        states=STATES,
        next_states=rounds.TRANSITIONS.get(round_.state, ()),
        transition_labels=labels.transition_labels(),
        winner=evaluation.winner(round_),
        dashboard=round_dashboard(round_),
        fit_figures=fitcheck.figures(round_),
        fit_concerns=fitcheck.concerns(round_) if current_user.is_admin else [],
        role_labels=labels.role_labels(),
    )


@bp.route("/omgangar/<int:round_id>/andra", methods=["GET", "POST"])
@roles(ADMIN)
def round_edit(round_id: int):
    round_ = load_round(round_id)
    if round_.state in (PUBLISHED, RUNNING):
        return _details_edit(round_)
    form = RoundForm(obj=round_ if request.method == "GET" else None)
    if request.method == "GET":
        form.set_weights(round_.weights)
    if form.validate_on_submit():
        with carry_out(form, _("Inställningarna är sparade.")) as done:
            rounds.update_round(current_user, round_, _settings(form))
        if done:
            return redirect(url_for("mentoring.round_show", round_id=round_.id))
    return render_template("mentoring/rounds/round_form.html", form=form, round=round_)


def _details_edit(round_):
    """A published or running round: name and dates only, every change recorded."""
    form = RoundDetailsForm(obj=round_ if request.method == "GET" else None)
    if form.validate_on_submit():
        with carry_out(form) as done:
            n = round_changes.update_details(current_user, round_, round_changes.RoundDetails(
                form.name.data, form.starts_on.data, form.ends_on.data))
            done.success = (_("Ändringarna är sparade och syns i omgångens historik.") if n
                            else _("Inget var ändrat."))
        if done:
            return redirect(url_for("mentoring.round_show", round_id=round_.id))
    return render_template("mentoring/rounds/round_details_form.html", form=form, round=round_)


@bp.route("/omgangar/<int:round_id>/status/<state>", methods=["GET", "POST"])
@roles(ADMIN)
def round_state(round_id: int, state: str):
    round_ = load_round(round_id)
    if state not in STATES:
        return or_404(None)
    if request.method == "GET":
        return render_template(
            "mentoring/rounds/confirm_state.html",
            round=round_,
            to_state=state,
            state_labels=labels.state_labels(),
            transition_labels=labels.transition_labels(),
            warning=rounds.date_warning(round_, state),
        )
    with carry_out(success=_("Omgången är nu: %(state)s.",
                             state=labels.state_labels.label(state))):
        rounds.change_state(current_user, round_, state,
                            outside_dates=request.form.get("utanfor_datum") == "1")
    return redirect(url_for("mentoring.round_show", round_id=round_.id))



@bp.route("/mal", methods=["GET", "POST"])
@roles(ADMIN)
def goals():
    form = GoalForm()
    if form.validate_on_submit():
        with carry_out(form, _("Målet är tillagt.")) as done:
            rounds.add_goal(current_user, form.name.data)
        if done:
            return redirect(url_for("mentoring.goals"))
    return render_template("mentoring/rounds/goals.html", form=form,
                           goals=rounds.goals(include_retired=True))


@bp.route("/mal/<int:goal_id>/<action>", methods=["POST"])
@roles(ADMIN)
def goal_toggle(goal_id: int, action: str):
    with carry_out(success=_("Listan är uppdaterad.")):
        rounds.set_goal_active(current_user, goal_id, action == "aterstall")
    return redirect(url_for("mentoring.goals"))
