"""Matching with review (the proposal, runs, lock and forbid rules, manual pairing by name
and swapping two pairs' mentors), publishing, and the published pairs (admins only)."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from matching import CRITERIA
from mentorship.access import ADMIN, roles
from mentorship.forms import carry_out, read_filters
from mentorship.jobs import queue as jobs
from mentorship.mentoring import labels
from mentorship.mentoring.blueprint import bp
from mentorship.mentoring.enrolment import services as enrol_service
from mentorship.mentoring.enrolment.leaving import leave_requests, mark_handled
from mentorship.mentoring.models import ADEPT, FORBID, LOCK, MENTOR
from mentorship.mentoring.pairing import manual, next_best, proposals, publishing
from mentorship.mentoring.pairing.forms import (
    ManualPairForm,
    PairFilterForm,
    ReasonForm,
    RuleForm,
    SwapForm,
)
from mentorship.mentoring.pairing.lock_checks import locks_below_minimum
from mentorship.mentoring.pairing.manual import unique_labels
from mentorship.mentoring.pairing.publish_checks import publish_checks
from mentorship.mentoring.pairing.reasons import tie_break_rule
from mentorship.mentoring.pairing.run_diff import run_changes
from mentorship.mentoring.rounds.forms import WeightsForm
from mentorship.mentoring.rounds.views import load_round
from mentorship.mentoring.talks import services as talks
from mentorship.refusals import or_404

#: The jobs the proposal page starts (run the matching, publish) and so shows.
PROPOSAL_JOBS = ("match_round", "publish_round")


def _shown_criteria(pairs: list) -> list[str]:
    """The criteria's number columns; the wishes' only where a pair on the page has wish
    points (a round without wishes keeps the table within 1280 px with readable reasons)."""
    with_wish = any((p.contributions or {}).get("wish") for p in pairs)
    return [k for k in CRITERIA if k != "wish" or with_wish]


def _render_proposal(round_, weights_form=None, manual_form=None, swap_form=None):
    proposal = proposals.load_proposal(
        round_, request.args.get("page", 1, type=int), current_app.config["PAGE_SIZE"]
    )
    if weights_form is None:
        weights_form = WeightsForm(formdata=None)
        weights_form.min_score.data = round_.min_score
        weights_form.set_weights(round_.weights)
    return render_template(
        "mentoring/pairing/proposal.html",
        round=round_,
        proposal=proposal,
        weights_form=weights_form,
        manual_form=manual_form or ManualPairForm(formdata=None, prefix="manual"),
        swap_form=swap_form or SwapForm(formdata=None, prefix="swap"),
        adept_options=unique_labels(proposal.adepts),
        mentor_options=unique_labels(proposal.mentors),
        changes=run_changes(round_, proposal.run),
        criteria=_shown_criteria(proposal.pairs.items if proposal.pairs else []),
        criterion_labels=labels.criterion_labels(),
        criterion_short=labels.criterion_short_labels(),
        state_labels=labels.state_labels(),
        job=jobs.current_for(f"round:{round_.id}", current_user.id, PROPOSAL_JOBS),
        state_phrases=labels.state_phrases(),
        low_locks=locks_below_minimum(round_) if round_.state == "matching" else [],
        tie_break=tie_break_rule(),
    )


@bp.route("/omgangar/<int:round_id>/matchning")
@roles(ADMIN)
def proposal(round_id: int):
    return _render_proposal(load_round(round_id))


@bp.route("/omgangar/<int:round_id>/matchning/adept/<int:enrolment_id>")
@roles(ADMIN)
def adept_alternatives(round_id: int, enrolment_id: int):
    """The next best mentors for one adept, computed when asked for."""
    round_ = load_round(round_id)
    adept = or_404(enrol_service.get_enrolment(current_user, enrolment_id))
    if adept.round_id != round_.id:
        return or_404(None)
    with carry_out(saves=False) as done:
        done.value = next_best.adept_options(round_, adept)
    if not done:
        return redirect(url_for("mentoring.proposal", round_id=round_id))
    return render_template("mentoring/pairing/alternatives.html", round=round_,
                           options=done.value, tie_break=tie_break_rule())


@bp.route("/omgangar/<int:round_id>/matchning/kor", methods=["POST"])
@roles(ADMIN)
def run_matching(round_id: int):
    round_ = load_round(round_id)
    form = WeightsForm()
    if not form.validate_on_submit():
        return _render_proposal(round_, weights_form=form), 400
    # The engine runs as a job (a large round takes a while); the proposal page shows it.
    with carry_out() as done:
        done.value = jobs.start("match_round", f"round:{round_id}", current_user.id,
                                round_id=round_id, min_score=float(form.min_score.data),
                                weights=form.weights())
    if not done:
        return redirect(url_for("mentoring.proposal", round_id=round_id))
    return _started(done.value, round_id)


def _started(job, round_id: int):
    """After starting a job: back to the proposal page, which shows its progress (or, with
    JOBS_SYNC, how it ended)."""
    if isinstance(job, jobs.Outcome):
        flash(job.message, "success" if job.ok else "error")
        if job.ok and job.result_url:
            return redirect(job.result_url)
    return redirect(url_for("mentoring.proposal", round_id=round_id))


def back_to_row(round_id: int, adept_id: int | None = None):
    """The proposal page the coordinator came from, at the row they acted on."""
    page = request.form.get("page", 1, type=int)
    anchor = f"par-{adept_id}" if adept_id else None
    return redirect(url_for("mentoring.proposal", round_id=round_id,
                            page=page if page > 1 else None, _anchor=anchor))


@bp.route("/omgangar/<int:round_id>/matchning/regel", methods=["POST"])
@roles(ADMIN)
def add_rule(round_id: int):
    """Lock or unpair (forbid) one proposed pair: the buttons on a row."""
    round_ = load_round(round_id)
    form = RuleForm()
    kind = LOCK if request.form.get("kind") == LOCK else FORBID
    if not form.validate_on_submit():
        flash(_("Välj ett par i förslaget."), "error")
        return back_to_row(round_id)
    with carry_out(success=_("Paret är låst. Kör matchningen igen.") if kind == LOCK
                   else _("Paret är uppdelat och förbjudet. Kör matchningen igen.")):
        if kind == LOCK:
            proposals.set_rule(current_user, round_, proposals.PairRule(
                form.adept_id.data, form.mentor_id.data, LOCK, form.reason.data or ""))
        else:
            manual.unpair(current_user, round_, form.adept_id.data, form.mentor_id.data,
                          form.reason.data or "")
    return back_to_row(round_id, form.adept_id.data)


@bp.route("/omgangar/<int:round_id>/matchning/regel/<int:rule_id>/ta-bort", methods=["POST"])
@roles(ADMIN)
def remove_rule(round_id: int, rule_id: int):
    round_ = load_round(round_id)
    with carry_out(success=_("Regeln är borttagen. Kör matchningen igen.")):
        proposals.remove_rule(current_user, round_, rule_id)
    return redirect(url_for("mentoring.proposal", round_id=round_id))


# --- manual pairing by name ----------------------------------------------------------

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
        with carry_out(form, _("Paret är låst. Kör matchningen igen.") if kind == LOCK
                       else _("Paret är förbjudet. Kör matchningen igen.")) as done:
            adept_id = manual.resolve(adepts, form.adept.data, ADEPT, "adept")
            mentor_id = manual.resolve(mentors, form.mentor.data, MENTOR, "mentor")
            if kind == LOCK:
                manual.pair_manually(current_user, round_,
                                     manual.ManualPair(adept_id, mentor_id, form.reason.data))
            else:
                manual.unpair(current_user, round_, adept_id, mentor_id, form.reason.data)
        if done:
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
        # A broken hard rule names the field "mentor", which this form lacks: the refusal
        # is about the pair and is shown above the form.
        with carry_out(form, _("Mentorerna är bytta och båda paren låsta. "
                               "Kör matchningen igen.")) as done:
            first = manual.resolve(adepts, form.first.data, ADEPT, "first")
            second = manual.resolve(adepts, form.second.data, ADEPT, "second")
            manual.swap_mentors(current_user, round_,
                                manual.Swap(first, second, form.reason.data))
        if done:
            return _done(round_id)
    return _render_proposal(round_, swap_form=form), 400


# --- publishing and the published pairs ------------------------------------------------

@bp.route("/omgangar/<int:round_id>/publicera", methods=["GET", "POST"])
@roles(ADMIN)
def publish(round_id: int):
    round_ = load_round(round_id)
    if request.method == "GET":
        run = proposals.latest_run(round_)
        return render_template("mentoring/pairing/confirm_publish.html", round=round_, run=run,
                               checks=publish_checks(round_, run))
    with carry_out() as done:
        done.value = jobs.start("publish_round", f"round:{round_id}", current_user.id,
                                round_id=round_id)
    if not done:
        return redirect(url_for("mentoring.proposal", round_id=round_id))
    return _started(done.value, round_id)


@bp.route("/omgangar/<int:round_id>/par")
@roles(ADMIN)
def pairs(round_id: int):
    round_ = load_round(round_id)
    form = PairFilterForm(request.args)
    read_filters(form)  # a value that is not valid shows its error and filters nothing
    weeks = form.weeks.data
    order = form.sort.data or talks.BY_NAME
    page = talks.pair_overview_page(
        round_, request.args.get("page", 1, type=int), current_app.config["PAGE_SIZE"],
        no_talk_weeks=weeks, order=order,
    )
    to_rematch = (
        publishing.adepts_to_rematch(round_) if round_.state in ("published", "running") else []
    )
    return render_template(
        "mentoring/pairing/pairs.html", round=round_, page=page, form=form, weeks=weeks,
        pager_args={k: v for k, v in (("round_id", round_.id), ("weeks", weeks),
                                      ("sort", order if order != talks.BY_NAME else None))
                    if v is not None},
        to_rematch=to_rematch, state_labels=labels.state_labels(),
        leaving=leave_requests(round_),
    )


@bp.route("/par/<int:pair_id>/avsluta", methods=["GET", "POST"])
@roles(ADMIN)
def end_pair(pair_id: int):
    pair = or_404(talks.get_pair(current_user, pair_id))
    form = ReasonForm()
    if form.validate_on_submit():
        with carry_out(form, _("Paret är avslutat. Adepten kan nu matchas om.")) as done:
            publishing.end_pair(current_user, pair, publishing.EndPair(form.reason.data))
        if done:
            return redirect(url_for("mentoring.pairs", round_id=pair.round_id))
    return render_template("mentoring/pairing/end_pair.html", pair=pair, form=form)


@bp.route("/omgangar/<int:round_id>/lamna/<int:enrolment_id>/hanterad", methods=["POST"])
@roles(ADMIN)
def leave_handled(round_id: int, enrolment_id: int):
    round_ = load_round(round_id)
    enrolment = or_404(enrol_service.get_enrolment(current_user, enrolment_id))
    if enrolment.round_id != round_.id:
        return or_404(None)
    with carry_out(success=_("Begäran från %(name)s är markerad som hanterad.",
                             name=enrolment.user.name)):
        mark_handled(current_user, enrolment)
    return redirect(url_for("mentoring.pairs", round_id=round_id))


@bp.route("/omgangar/<int:round_id>/matcha-om/<int:enrolment_id>", methods=["GET", "POST"])
@roles(ADMIN)
def rematch(round_id: int, enrolment_id: int):
    round_ = load_round(round_id)
    adept = or_404(enrol_service.get_enrolment(current_user, enrolment_id))
    if adept.round_id != round_.id:
        return or_404(None)
    if request.method == "GET":
        return render_template("mentoring/pairing/confirm_rematch.html", round=round_, adept=adept)
    with carry_out() as done:
        pair = publishing.rematch(current_user, round_, adept)
        done.success = _("%(adept)s har matchats med %(mentor)s.", adept=adept.user.name,
                         mentor=pair.mentor.user.name)
    return redirect(url_for("mentoring.pairs", round_id=round_id))
