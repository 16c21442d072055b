"""Manual pairing in the proposal (admins): pair or forbid by name, swap two pairs' mentors."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mentorship.access import ADMIN, roles
from mentorship.extensions import db
from mentorship.forms import attach_error, commit
from mentorship.mentoring import manual, proposals
from mentorship.mentoring.blueprint import bp
from mentorship.mentoring.forms import ManualPairForm, SwapForm
from mentorship.mentoring.models import ADEPT, FORBID, LOCK, MENTOR
from mentorship.mentoring.views.matching import _render_proposal
from mentorship.mentoring.views.rounds import load_round
from mentorship.services import ServiceError


def _done(round_id: int):
    return redirect(url_for("mentoring.proposal", round_id=round_id, _anchor="regler"))


@bp.route("/omgangar/<int:round_id>/matchning/manuellt", methods=["POST"])
@roles(ADMIN)
def manual_pair(round_id: int):
    """Pair (lock) or forbid an adept and a mentor chosen by name."""
    round_ = load_round(round_id)
    form = ManualPairForm(prefix="manual")
    kind = FORBID if request.form.get("kind") == FORBID else LOCK
    if form.validate_on_submit():
        adepts, mentors = proposals.candidates(round_)
        try:
            adept_id = manual.resolve(adepts, form.adept.data, ADEPT, "adept")
            mentor_id = manual.resolve(mentors, form.mentor.data, MENTOR, "mentor")
            if kind == LOCK:
                manual.pair_manually(current_user, round_,
                                     manual.ManualPair(adept_id, mentor_id, form.reason.data))
            else:
                manual.unpair(current_user, round_, adept_id, mentor_id, form.reason.data)
        except ServiceError as err:
            db.session.rollback()
            attach_error(form, err)
        else:
            commit()
            flash(_("Paret är låst. Kör matchningen igen.") if kind == LOCK
                  else _("Paret är förbjudet. Kör matchningen igen."), "success")
            return _done(round_id)
    return _render_proposal(round_, manual_form=form), 400


@bp.route("/omgangar/<int:round_id>/matchning/byt", methods=["POST"])
@roles(ADMIN)
def swap_mentors(round_id: int):
    """Swap the proposed mentors of two adepts (two locks)."""
    round_ = load_round(round_id)
    form = SwapForm(prefix="swap")
    if form.validate_on_submit():
        adepts, _mentors = proposals.candidates(round_)
        try:
            first = manual.resolve(adepts, form.first.data, ADEPT, "first")
            second = manual.resolve(adepts, form.second.data, ADEPT, "second")
            manual.swap_mentors(current_user, round_,
                                manual.Swap(first, second, form.reason.data))
        except ServiceError as err:
            db.session.rollback()
            if err.field == "mentor":  # a broken hard rule: about the pair, not one field
                err = ServiceError(err.message)
            attach_error(form, err)
        else:
            commit()
            flash(_("Mentorerna är bytta och båda paren låsta. Kör matchningen igen."),
                  "success")
            return _done(round_id)
    return _render_proposal(round_, swap_form=form), 400
