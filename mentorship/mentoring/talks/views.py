"""The participant's own page (their rounds, partner, talks, workshops, evaluation and
nomination), and the mentor talks they log, edit and delete. Everything is loaded through
the participant's own scope."""

from __future__ import annotations

from datetime import date

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mentorship.access import authenticated
from mentorship.forms import carry_out
from mentorship.mentoring import labels
from mentorship.mentoring.blueprint import bp
from mentorship.mentoring.talks import own_talks
from mentorship.mentoring.talks import services as talks
from mentorship.mentoring.talks.forms import TalkForm
from mentorship.mentoring.talks.overview import my_overview
from mentorship.refusals import or_404


@bp.route("/")
@authenticated
def mine():
    return render_template(
        "mentoring/talks/mine.html",
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
        with carry_out(form, _("Mentorssamtalet är sparat.")) as done:
            talks.log_talk(
                current_user,
                pair,
                talks.NewTalk(form.held_on.data, form.minutes.data, form.private_note.data or ""),
            )
        if done:
            return redirect(url_for("mentoring.mine"))
    partner = pair.mentor if pair.adept.user_id == current_user.id else pair.adept
    return render_template("mentoring/talks/talk_form.html", pair=pair, partner=partner, form=form)


@bp.route("/samtal/<int:talk_id>/andra", methods=["GET", "POST"])
@authenticated
def edit_talk(talk_id: int):
    talk = or_404(own_talks.own_talk(current_user, talk_id))
    form = TalkForm(obj=talk if request.method == "GET" else None)
    if form.validate_on_submit():
        with carry_out(form, _("Mentorssamtalet är ändrat.")) as done:
            own_talks.edit_talk(current_user, talk, talks.NewTalk(
                form.held_on.data, form.minutes.data, form.private_note.data or ""))
        if done:
            return redirect(url_for("mentoring.mine"))
    return render_template("mentoring/talks/talk_form.html",
                           partner=own_talks.partner_of(current_user, talk), form=form, talk=talk)


@bp.route("/samtal/<int:talk_id>/ta-bort", methods=["GET", "POST"])
@authenticated
def delete_talk(talk_id: int):
    talk = or_404(own_talks.own_talk(current_user, talk_id))
    if request.method == "GET":
        return render_template("mentoring/talks/confirm_delete_talk.html", talk=talk,
                               partner=own_talks.partner_of(current_user, talk))
    with carry_out(success=_("Mentorssamtalet är borttaget.")):
        own_talks.delete_talk(current_user, talk)
    return redirect(url_for("mentoring.mine"))
