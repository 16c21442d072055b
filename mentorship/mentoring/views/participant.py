"""The participant's own pages: their rounds, partner, talks, workshops, evaluation and
nomination. Everything is loaded through the participant's own scope."""

from __future__ import annotations

from datetime import date

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mentorship.access import authenticated
from mentorship.calendar import ics_response
from mentorship.extensions import db
from mentorship.forms import attach_error, commit
from mentorship.mentoring import enrolment as enrol_service
from mentorship.mentoring import evaluation, labels, rounds, talks, workshops
from mentorship.mentoring.blueprint import bp
from mentorship.mentoring.forms import EvaluationForm, NominationForm, TalkForm
from mentorship.mentoring.models import MentorRound, Workshop
from mentorship.services import ServiceError, or_404


def my_overview(user) -> dict:
    """What the participant's page shows, in a fixed number of queries."""
    mine = enrol_service.my_enrolments(user)
    round_ids = [e.round_id for e in mine]
    pairs = talks.my_pairs(user)
    by_round: dict[int, list] = {}
    for p in pairs:
        by_round.setdefault(p.round_id, []).append(p)
    all_workshops: dict[int, list[Workshop]] = {}
    if round_ids:
        from sqlalchemy import select

        for w in db.session.scalars(
            select(Workshop)
            .where(Workshop.round_id.in_(round_ids), Workshop.starts_at.is_not(None))
            .order_by(Workshop.starts_at)
        ):
            all_workshops.setdefault(w.round_id, []).append(w)
    winners = {}
    if round_ids:
        from sqlalchemy import select
        from sqlalchemy.orm import joinedload

        from mentorship.mentoring.models import Nomination

        winners = {
            n.round_id: n
            for n in db.session.scalars(
                select(Nomination)
                .where(Nomination.round_id.in_(round_ids), Nomination.winner.is_(True))
                .options(joinedload(Nomination.mentor))
            ).unique()
        }
    return {
        "winners": winners,
        "enrolments": mine,
        "pairs": by_round,
        "talks": talks.talks_of(user, [p.id for p in pairs]),
        "workshops": all_workshops,
        "signed": workshops.my_signups(user, round_ids),
        "counts": workshops.signed_counts(
            [w.id for ws in all_workshops.values() for w in ws]
        ),
    }


@bp.route("/")
@authenticated
def mine():
    return render_template(
        "mentoring/mine.html",
        role_labels=labels.role_labels(),
        state_labels=labels.state_labels(),
        **my_overview(current_user),
    )


@bp.route("/par/<int:pair_id>/samtal", methods=["GET", "POST"])
@authenticated
def log_talk(pair_id: int):
    pair = or_404(talks.get_pair(current_user, pair_id))
    if current_user.id not in (pair.adept.user_id, pair.mentor.user_id):
        return or_404(None)
    form = TalkForm()
    if request.method == "GET":
        form.held_on.data = date.today()
    if form.validate_on_submit():
        try:
            talks.log_talk(
                current_user,
                pair,
                talks.NewTalk(form.held_on.data, form.minutes.data, form.private_note.data or ""),
            )
        except ServiceError as err:
            attach_error(form, err)
        else:
            commit()
            flash(_("Mentorssamtalet är sparat."), "success")
            return redirect(url_for("mentoring.mine"))
    partner = pair.mentor if pair.adept.user_id == current_user.id else pair.adept
    return render_template("mentoring/talk_form.html", pair=pair, partner=partner, form=form)


@bp.route("/workshop/<int:workshop_id>/<action>", methods=["POST"])
@authenticated
def workshop_signup(workshop_id: int, action: str):
    workshop = or_404(workshops.visible_workshop(current_user, workshop_id))
    try:
        if action == "anmal":
            workshops.sign_up(current_user, workshop)
            message = _("Du är anmäld till %(title)s.", title=workshop.title)
        else:
            workshops.cancel(current_user, workshop)
            message = _("Du är avanmäld från %(title)s.", title=workshop.title)
    except ServiceError as err:
        flash(err.message, "error")
    else:
        commit()
        flash(message, "success")
    return redirect(url_for("mentoring.mine"))


@bp.route("/workshop/<int:workshop_id>.ics")
@authenticated
def workshop_ics(workshop_id: int):
    workshop = or_404(workshops.visible_workshop(current_user, workshop_id))
    round_ = db.session.get_one(MentorRound, workshop.round_id)
    try:
        entry = workshops.calendar_entry(workshop, round_.name)
    except ServiceError:
        return or_404(None)
    return ics_response(f"programworkshop-{workshop.id}", [entry])


@bp.route("/omgangar/<int:round_id>/utvardera", methods=["GET", "POST"])
@authenticated
def evaluate(round_id: int):
    round_ = or_404(rounds.get_round(current_user, round_id))
    enrolment = or_404(evaluation.own_enrolment_in(current_user, round_))
    form = EvaluationForm()
    from mentorship.mentoring.round_texts import question_labels

    for key, label in question_labels(round_).items():  # the round's own wording
        getattr(form, key).label.text = label
    if form.validate_on_submit():
        try:
            evaluation.answer(
                current_user,
                round_,
                evaluation.Answer(form.overall.data, form.matching.data, form.talks.data,
                                  form.workshops.data, form.comment.data or ""),
            )
        except ServiceError as err:
            attach_error(form, err)
        else:
            commit()
            flash(_("Tack för ditt svar!"), "success")
            return redirect(url_for("mentoring.mine"))
    return render_template(
        "mentoring/evaluate.html", round=round_, form=form,
        answered=evaluation.has_answered(enrolment),
    )


@bp.route("/omgangar/<int:round_id>/nominera", methods=["GET", "POST"])
@authenticated
def nominate(round_id: int):
    round_ = or_404(rounds.get_round(current_user, round_id))
    mentors = evaluation.my_mentors(current_user, round_)
    if not mentors:
        return or_404(None)
    current = evaluation.own_nomination(current_user, round_)
    form = NominationForm(obj=current if request.method == "GET" else None)
    form.mentor_id.choices = [(m.id, m.user.name) for m in mentors]
    if form.validate_on_submit():
        try:
            evaluation.nominate(
                current_user, round_,
                evaluation.NominationData(form.mentor_id.data, form.text.data),
            )
        except ServiceError as err:
            attach_error(form, err)
        else:
            commit()
            flash(_("Tack för din nominering till Årets mentor!"), "success")
            return redirect(url_for("mentoring.mine"))
    return render_template("mentoring/nominate.html", round=round_, form=form)
