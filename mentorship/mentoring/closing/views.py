"""Closing a round: opening the evaluation, the participant's answer and nomination, the
results and "Årets mentor" (admins), and the round's exports."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mentorship.access import ADMIN, authenticated, roles
from mentorship.audit.services import record
from mentorship.exports import CSV_MIME, download, file_response
from mentorship.forms import carry_out
from mentorship.jobs import exportfiles
from mentorship.mentoring import labels
from mentorship.mentoring.blueprint import bp
from mentorship.mentoring.closing import evaluation, exports
from mentorship.mentoring.closing.exports import EXPORTS, round_table
from mentorship.mentoring.closing.forms import EvaluationForm, NominationForm
from mentorship.mentoring.rounds import services as rounds
from mentorship.mentoring.rounds.texts import question_labels
from mentorship.mentoring.rounds.views import load_round
from mentorship.refusals import or_404
from mentorship.small_groups import MIN_ANSWERS


@bp.route("/omgangar/<int:round_id>/utvardering/<action>", methods=["POST"])
@roles(ADMIN)
def evaluation_toggle(round_id: int, action: str):
    round_ = load_round(round_id)
    with carry_out() as done:
        evaluation.set_evaluation_open(current_user, round_, action == "oppna")
        done.success = (_("Utvärderingen är öppen.") if round_.evaluation_open
                        else _("Utvärderingen är stängd."))
    if request.form.get("tillbaka") == "utvardering":  # the evaluation tab's own button
        return redirect(url_for("mentoring.evaluation_results", round_id=round_.id))
    return redirect(url_for("mentoring.round_show", round_id=round_.id))


@bp.route("/omgangar/<int:round_id>/utvardera", methods=["GET", "POST"])
@authenticated
def evaluate(round_id: int):
    round_ = or_404(rounds.get_round(current_user, round_id))
    enrolment = or_404(evaluation.own_enrolment_in(current_user, round_))
    form = EvaluationForm()
    for key, label in question_labels(round_).items():  # the round's own wording
        getattr(form, key).label.text = label
    if form.validate_on_submit():
        with carry_out(form, _("Tack för ditt svar!")) as done:
            evaluation.answer(
                current_user,
                round_,
                evaluation.Answer(form.overall.data, form.matching.data, form.talks.data,
                                  form.workshops.data, form.comment.data or ""),
            )
        if done:
            return redirect(url_for("mentoring.mine"))
    return render_template(
        "mentoring/closing/evaluate.html", round=round_, form=form,
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
        with carry_out(form, _("Tack för din nominering till Årets mentor!")) as done:
            evaluation.nominate(
                current_user, round_,
                evaluation.NominationData(form.mentor_id.data, form.text.data,
                                          form.quote_consent.data),
            )
        if done:
            return redirect(url_for("mentoring.mine"))
    return render_template("mentoring/closing/nominate.html", round=round_, form=form)


@bp.route("/omgangar/<int:round_id>/utvardering")
@roles(ADMIN)
def evaluation_results(round_id: int):
    round_ = load_round(round_id)
    return render_template(
        "mentoring/closing/evaluation_results.html",
        round=round_,
        results=evaluation.results(round_),
        min_answers=MIN_ANSWERS,
    )


@bp.route("/omgangar/<int:round_id>/arets-mentor", methods=["GET", "POST"])
@roles(ADMIN)
def mentor_of_the_year(round_id: int):
    round_ = load_round(round_id)
    if request.method == "POST":
        with carry_out() as done:
            chosen = evaluation.choose_winner(
                current_user, round_, request.form.get("nomination_id", type=int) or 0
            )
            done.success = _("%(name)s är Årets mentor!", name=chosen.mentor.user.name)
        if done:
            return redirect(url_for("mentoring.round_show", round_id=round_.id))
    mentors = evaluation.nominated_mentors(round_)
    current = next((m for m in mentors if m.winner), None)
    chosen_id = request.args.get("valj", type=int)
    if chosen_id is not None:  # confirm before choosing (or changing) the winner
        chosen = or_404(next(
            (m for m in mentors if any(n.id == chosen_id for n in m.nominations)), None))
        return render_template("mentoring/closing/confirm_winner.html", round=round_, chosen=chosen,
                               current=current)
    return render_template(
        "mentoring/closing/nominations.html", round=round_, mentors=mentors,
        state_labels=labels.state_labels(),
        may_choose=round_.state == "running" or (round_.state == "closed" and current is None),
    )


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
    with carry_out():
        record("export", "mentor_round", round_.id)
    return download(table.filename, table.header, table.rows, fmt)


@bp.route("/omgangar/<int:round_id>/export/pairs-engine.csv")
@roles(ADMIN)
def export_engine_pairs(round_id: int):
    round_ = load_round(round_id)
    _source, rows = exports.engine_pairs(round_)
    with carry_out():
        record("export", "mentor_round", round_.id)
    return file_response(
        exports.engine_pairs_csv(rows), f"mentorsprogram-{round_.id}-pairs.csv", CSV_MIME
    )
