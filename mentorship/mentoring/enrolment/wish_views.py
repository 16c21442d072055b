"""The wish period: the admin's page (dates, how many adepts wished, the mentors' marks
with their reasons), an adept's wishes and a mentor's "not this one" marks."""

from __future__ import annotations

from flask import redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mentorship.access import ADMIN, HR, authenticated, roles
from mentorship.audit.services import record_read
from mentorship.forms import carry_out
from mentorship.mentoring import labels
from mentorship.mentoring.blueprint import bp
from mentorship.mentoring.enrolment import services as service
from mentorship.mentoring.enrolment import wishes
from mentorship.mentoring.enrolment.wish_forms import MarkForm, WishForm, WishPeriodForm
from mentorship.mentoring.rounds.views import load_round
from mentorship.refusals import or_404


@bp.route("/omgangar/<int:round_id>/onskemal", methods=["GET", "POST"])
@roles(ADMIN)
def wish_period(round_id: int):
    round_ = load_round(round_id)
    period = wishes.wish_period(round_)
    form = WishPeriodForm(obj=period)
    if form.validate_on_submit():
        with carry_out(form, _("Önskeperioden är sparad.")) as done:
            wishes.set_wish_period(round_, wishes.PeriodDates(form.opens_on.data,
                                                              form.closes_on.data))
        if done:
            return redirect(url_for("mentoring.wish_period", round_id=round_id))
    return render_template(
        "mentoring/enrolment/wish_period.html", round=round_, form=form, period=period,
        is_open=wishes.is_open(round_, period), summary=wishes.summary(round_),
        changeable=round_.state in ("draft", "open", "matching"),
    )


@bp.route("/omgangar/<int:round_id>/onskemal/stang", methods=["POST"])
@roles(ADMIN)
def close_wish_period(round_id: int):
    round_ = load_round(round_id)
    with carry_out(success=_("Omgången har ingen önskeperiod. Önskemål och markeringar som "
                             "redan finns gäller i matchningen.")):
        wishes.close_wish_period(round_)
    return redirect(url_for("mentoring.wish_period", round_id=round_id))


@bp.route("/onskemal/<int:enrolment_id>", methods=["GET", "POST"])
@authenticated
def wishes_page(enrolment_id: int):
    adept = or_404(service.own_enrolment(current_user, enrolment_id))
    period = wishes.wish_period(adept.round)
    mentors = wishes.possible_mentors(adept) if adept.role == "adept" else []
    form = WishForm()
    choices = [(0, _("Ingen"))] + [(m.id, f"{m.user.name}, {m.user.municipality.name}")
                                   for m in mentors]
    for f in (form.wish_1, form.wish_2, form.wish_3):
        f.choices = choices
    if not form.is_submitted():
        for f, mentor_id in zip((form.wish_1, form.wish_2, form.wish_3),
                                wishes.wishes_of(adept), strict=False):
            f.data = mentor_id
    if form.validate_on_submit():
        with carry_out(form, _("Dina önskemål är sparade.")) as done:
            wishes.save_wishes(current_user, adept, wishes.Wishes(form.mentor_ids()))
        if done:
            return redirect(url_for("mentoring.mine"))
    return render_template(
        "mentoring/enrolment/wishes.html", enrolment=adept, form=form, mentors=mentors,
        period=period, is_open=wishes.is_open(adept.round, period),
        meeting_labels=labels.meeting_labels(),
    )


@bp.route("/inte-med/<int:enrolment_id>", methods=["GET", "POST"])
@authenticated
def marks(enrolment_id: int):
    mentor = or_404(service.own_enrolment(current_user, enrolment_id))
    period = wishes.wish_period(mentor.round)
    adepts = wishes.markable_adepts(mentor) if mentor.role == "mentor" else []
    form = MarkForm()
    form.adept_id.choices = [(0, _("Välj"))] + [
        (a.id, f"{a.user.name}, {a.user.municipality.name}") for a in adepts]
    if form.validate_on_submit():
        with carry_out(form, _("Markeringen är sparad. Ni blir inte ett par.")) as done:
            wishes.add_mark(current_user, mentor, wishes.Mark(form.adept_id.data,
                                                              form.reason.data or ""))
        if done:
            return redirect(url_for("mentoring.marks", enrolment_id=enrolment_id))
    return render_template(
        "mentoring/enrolment/marks.html", enrolment=mentor, form=form,
        marks=wishes.marks_of(mentor), period=period,
        is_open=wishes.is_open(mentor.round, period),
    )


@bp.route("/inte-med/<int:enrolment_id>/<int:mark_id>/ta-bort", methods=["POST"])
@authenticated
def remove_mark(enrolment_id: int, mark_id: int):
    mentor = or_404(service.own_enrolment(current_user, enrolment_id))
    with carry_out(success=_("Markeringen är borttagen.")):
        wishes.remove_mark(current_user, mentor, mark_id)
    return redirect(url_for("mentoring.marks", enrolment_id=enrolment_id))


@bp.route("/deltagare/<int:enrolment_id>")
@roles(ADMIN, HR)
def participant_profile(enrolment_id: int):
    """One participant's profile as the coordinators see it (the proposal's rows link here):
    the answers, the own words and, for admins, the adept's wishes and the mentor's marks."""
    enrolment = or_404(service.get_enrolment(current_user, enrolment_id))
    record_read(current_user, "mentor_enrolment", enrolment.id, enrolment.user_id,
                enrolment.user.municipality_id)
    wished = marked = None
    if current_user.is_admin:
        wished = wishes.wished_mentors(enrolment)
        marked = wishes.marks_of(enrolment)
    return render_template(
        "mentoring/enrolment/participant_profile.html", enrolment=enrolment,
        round=enrolment.round,
        role_labels=labels.role_labels(), meeting_labels=labels.meeting_labels(),
        level_labels=labels.level_labels(), language_labels=labels.language_labels(),
        wished=wished, marked=marked,
    )
