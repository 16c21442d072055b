"""Rounds for admins (and read-only for HR contacts): list, create, edit, change state; the
admin-edited list of development goals; the round's own e-mail texts and evaluation
questions (edit, preview, reset); reminders to a selection of the round's people and the
automatic reminders."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mentorship.access import ADMIN, HR, roles
from mentorship.extensions import db
from mentorship.forms import attach_error, commit
from mentorship.jobs import exportfiles
from mentorship.mentoring.blueprint import bp
from mentorship.mentoring.closing import evaluation
from mentorship.mentoring.models import PUBLISHED, RUNNING, STATES
from mentorship.mentoring.rounds import changes as round_changes
from mentorship.mentoring.rounds import reminders
from mentorship.mentoring.rounds import services as rounds
from mentorship.mentoring.rounds import texts as round_texts
from mentorship.mentoring.rounds.dashboard import round_dashboard
from mentorship.mentoring.rounds.forms import (
    GoalForm,
    QuestionsForm,
    ReminderForm,
    RoundDetailsForm,
    RoundForm,
    RoundTextForm,
)
from mentorship.services import ServiceError, or_404


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
        state_labels=rounds.state_labels(),
    )


@bp.route("/omgangar/ny", methods=["GET", "POST"])
@roles(ADMIN)
def round_new():
    form = RoundForm()
    if form.validate_on_submit():
        try:
            round_ = rounds.create_round(current_user, _settings(form))
        except ServiceError as err:
            attach_error(form, err)
        else:
            commit()
            flash(_("Omgången är skapad som utkast, med fyra programworkshoppar att fylla i."),
                  "success")
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
        change_labels=round_changes.field_labels(),
        change_values=round_changes.value_labels(),
        state_labels=rounds.state_labels(),
        states=STATES,
        next_states=rounds.TRANSITIONS.get(round_.state, ()),
        transition_labels=rounds.transition_labels(),
        winner=evaluation.winner(round_),
        dashboard=round_dashboard(round_),
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
        try:
            rounds.update_round(current_user, round_, _settings(form))
        except ServiceError as err:
            attach_error(form, err)
        else:
            commit()
            flash(_("Inställningarna är sparade."), "success")
            return redirect(url_for("mentoring.round_show", round_id=round_.id))
    return render_template("mentoring/rounds/round_form.html", form=form, round=round_)


def _details_edit(round_):
    """A published or running round: name and dates only, every change recorded."""
    form = RoundDetailsForm(obj=round_ if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            n = round_changes.update_details(current_user, round_, round_changes.RoundDetails(
                form.name.data, form.starts_on.data, form.ends_on.data))
        except ServiceError as err:
            attach_error(form, err)
        else:
            commit()
            flash(_("Ändringarna är sparade och syns i omgångens historik.") if n
                  else _("Inget var ändrat."), "success")
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
            state_labels=rounds.state_labels(),
            transition_labels=rounds.transition_labels(),
        )
    try:
        rounds.change_state(current_user, round_, state)
    except ServiceError as err:
        flash(err.message, "error")
    else:
        commit()
        flash(_("Omgången är nu: %(state)s.", state=rounds.state_labels()[state]), "success")
    return redirect(url_for("mentoring.round_show", round_id=round_.id))



@bp.route("/mal", methods=["GET", "POST"])
@roles(ADMIN)
def goals():
    form = GoalForm()
    if form.validate_on_submit():
        try:
            rounds.add_goal(form.name.data)
        except ServiceError as err:
            attach_error(form, err)
        else:
            commit()
            flash(_("Målet är tillagt."), "success")
            return redirect(url_for("mentoring.goals"))
    return render_template("mentoring/rounds/goals.html", form=form,
                           goals=rounds.goals(include_retired=True))


@bp.route("/mal/<int:goal_id>/<action>", methods=["POST"])
@roles(ADMIN)
def goal_toggle(goal_id: int, action: str):
    try:
        rounds.set_goal_active(goal_id, action == "aterstall")
    except ServiceError as err:
        flash(err.message, "error")
    else:
        commit()
        flash(_("Listan är uppdaterad."), "success")
    return redirect(url_for("mentoring.goals"))


# --- the round's texts and evaluation questions ---------------------------------------

QUESTIONS = "fragor"


@bp.route("/omgangar/<int:round_id>/texter", methods=["GET", "POST"])
@roles(ADMIN)
def round_texts_page(round_id: int):
    round_ = load_round(round_id)
    kind = request.args.get("text")
    labels = round_texts.kind_labels()
    if kind is not None and kind not in labels and kind != QUESTIONS:
        return or_404(None)
    form = questions = preview = None
    status = 200
    if kind in labels:
        form = RoundTextForm()
        subject, body, _own = round_texts.current(round_, kind)
        if request.method == "GET":
            form.subject.data, form.body.data = subject, body
        elif form.validate_on_submit():
            action = request.form.get("action")
            try:
                if action == "reset":
                    round_texts.reset(round_, kind, current_user)
                elif action == "preview":
                    preview = round_texts.preview(kind, form.subject.data, form.body.data)
                else:
                    round_texts.save(round_, kind, form.subject.data, form.body.data,
                                     current_user)
            except ServiceError as err:
                db.session.rollback()
                attach_error(form, err)
                status = 400
            else:
                if action != "preview":
                    commit()
                    flash(_("Standardtexten gäller igen.") if action == "reset"
                          else _("Texten är sparad för omgången."), "success")
                    return redirect(url_for("mentoring.round_texts_page", round_id=round_id,
                                            text=kind))
        else:
            status = 400
    elif kind == QUESTIONS:
        questions = QuestionsForm()
        current = round_texts.question_labels(round_)
        if request.method == "GET":
            for key in round_texts.QUESTIONS:
                getattr(questions, key).data = current[key]
        elif questions.validate_on_submit():
            try:
                round_texts.save_questions(round_, {k: getattr(questions, k).data
                                                    for k in round_texts.QUESTIONS},
                                           current_user)
            except ServiceError as err:
                db.session.rollback()
                attach_error(questions, err)
                status = 400
            else:
                commit()
                flash(_("Utvärderingsfrågorna är sparade för omgången."), "success")
                return redirect(url_for("mentoring.round_texts_page", round_id=round_id,
                                        text=QUESTIONS))
        else:
            status = 400
    own = {k for k in labels if (round_.texts or {}).get(k)}
    return render_template(
        "mentoring/rounds/round_texts.html", round=round_, kind=kind, labels=labels, own=own,
        form=form, questions=questions, preview=preview,
        placeholders=round_texts.placeholders(kind) if kind in labels else {},
        own_questions=bool((round_.texts or {}).get(QUESTIONS)),
    ), status


# --- reminders --------------------------------------------------------------------------

@bp.route("/omgangar/<int:round_id>/paminnelser", methods=["GET", "POST"])
@roles(ADMIN)
def reminders_page(round_id: int):
    round_ = load_round(round_id)
    form = ReminderForm()
    labels = reminders.selection_labels()
    form.selection.choices = list(labels.items())
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
            try:
                reminders.allowed(round_, selected)
                if not people:
                    raise ServiceError(_("Ingen i urvalet behöver påminnas just nu."),
                                       field="selection")
            except ServiceError as err:
                attach_error(form, err)
                return _page(round_, form, labels, chosen, people), 400
            return render_template("mentoring/rounds/reminder_confirm.html", round=round_,
                                   form=form, label=labels[selected], people=people)
        try:
            sent = reminders.send(current_user, round_, reminders.SendReminder(
                form.selection.data, form.subject.data, form.body.data,
                form.weeks.data or reminders.SILENT_WEEKS))
        except ServiceError as err:
            db.session.rollback()
            attach_error(form, err)
        else:
            commit()
            flash(_("Påminnelsen är skickad till %(n)s personer.", n=sent.recipients),
                  "success")
            return redirect(url_for("mentoring.reminders_page", round_id=round_id))
    return _page(round_, form, labels, chosen, people), 200 if request.method == "GET" else 400


def _page(round_, form, labels, chosen, people):  # noqa: ANN001, ANN202
    return render_template(
        "mentoring/rounds/reminders.html", round=round_, form=form, labels=labels, chosen=chosen,
        people=people, log=reminders.sent(round_), state_labels=rounds.state_labels(),
    )


@bp.route("/omgangar/<int:round_id>/paminnelser/automatiska", methods=["POST"])
@roles(ADMIN)
def reminders_automatic(round_id: int):
    round_ = load_round(round_id)
    on = request.form.get("on") == "1"
    try:
        reminders.set_automatic(round_, on)
    except ServiceError as err:
        flash(err.message, "error")
    else:
        commit()
        flash(_("Automatiska påminnelser är på.") if on
              else _("Automatiska påminnelser är av."), "success")
    return redirect(url_for("mentoring.reminders_page", round_id=round_id))
