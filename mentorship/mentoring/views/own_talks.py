"""A participant's own talk entries: edit and delete (with a confirmation)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mentorship.access import authenticated
from mentorship.extensions import db
from mentorship.forms import attach_error, commit
from mentorship.mentoring import own_talks, talks
from mentorship.mentoring.blueprint import bp
from mentorship.mentoring.forms import TalkForm
from mentorship.mentoring.models import MentorPair
from mentorship.services import ServiceError, or_404


def _partner(talk):
    pair = db.session.get(MentorPair, talk.pair_id)
    return pair.mentor if pair.adept.user_id == current_user.id else pair.adept


@bp.route("/samtal/<int:talk_id>/andra", methods=["GET", "POST"])
@authenticated
def edit_talk(talk_id: int):
    talk = or_404(own_talks.own_talk(current_user, talk_id))
    form = TalkForm(obj=talk if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            own_talks.edit_talk(current_user, talk, talks.NewTalk(
                form.held_on.data, form.minutes.data, form.private_note.data or ""))
        except ServiceError as err:
            attach_error(form, err)
        else:
            commit()
            flash(_("Mentorssamtalet är ändrat."), "success")
            return redirect(url_for("mentoring.mine"))
    return render_template("mentoring/talk_form.html", partner=_partner(talk), form=form,
                           talk=talk)


@bp.route("/samtal/<int:talk_id>/ta-bort", methods=["GET", "POST"])
@authenticated
def delete_talk(talk_id: int):
    talk = or_404(own_talks.own_talk(current_user, talk_id))
    if request.method == "GET":
        return render_template("mentoring/confirm_delete_talk.html", talk=talk,
                               partner=_partner(talk))
    try:
        own_talks.delete_talk(current_user, talk)
    except ServiceError as err:
        flash(err.message, "error")
    else:
        commit()
        flash(_("Mentorssamtalet är borttaget."), "success")
    return redirect(url_for("mentoring.mine"))
