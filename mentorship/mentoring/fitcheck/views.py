"""The participant answers "Känns matchningen rätt?" (their own question only); the
coordinator marks a "nej" or "osäker" handled (the answers are listed on the round's page,
with the re-match path: end the pair, then match the adept again)."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mentorship.access import ADMIN, authenticated, roles
from mentorship.forms import carry_out
from mentorship.mentoring.blueprint import bp
from mentorship.mentoring.fitcheck import services as fit
from mentorship.mentoring.fitcheck.forms import FitCheckForm
from mentorship.mentoring.rounds.views import load_round
from mentorship.refusals import or_404


@bp.route("/passar-matchningen/<int:check_id>", methods=["GET", "POST"])
@authenticated
def fit_check(check_id: int):
    check = or_404(fit.get_own(current_user, check_id))
    pair = check.pair
    partner = pair.mentor if check.enrolment_id == pair.adept_id else pair.adept
    form = FitCheckForm(obj=check if request.method == "GET" and check.answer else None)
    if form.validate_on_submit():
        thanks = _("Tack för ditt svar! Samordnaren hör av sig om det behövs.")
        with carry_out(form, thanks) as done:
            fit.answer(current_user, check, fit.FitAnswer(form.answer.data or "",
                                                          form.note.data or ""))
        if done:
            return redirect(url_for("mentoring.mine"))
    return render_template("mentoring/fitcheck/answer.html", check=check, partner=partner,
                           form=form)


@bp.route("/omgangar/<int:round_id>/passar-matchningen/<int:check_id>/hanterad",
          methods=["POST"])
@roles(ADMIN)
def fit_check_handled(round_id: int, check_id: int):
    round_ = load_round(round_id)
    check = or_404(fit.round_check(round_, check_id))
    with carry_out(success=_("Svaret är markerat som hanterat.")):
        fit.mark_handled(current_user, check)
    return redirect(url_for("mentoring.round_show", round_id=round_id) + "#fit-title")
