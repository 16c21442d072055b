"""Enrolment (admins; HR contacts for their own municipality), the participant's profile,
and a participant leaving a round: withdraw before publishing, ask to leave after."""

from __future__ import annotations

from flask import current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mentorship import import_preview
from mentorship.access import ADMIN, HR, authenticated, roles
from mentorship.exports import XLSX_MIME, file_response
from mentorship.forms import ConfirmImportForm, carry_out
from mentorship.imports import problem_lines
from mentorship.jobs import queue as jobs
from mentorship.mentoring import labels
from mentorship.mentoring.blueprint import bp
from mentorship.mentoring.enrolment import importer, leaving, profiles
from mentorship.mentoring.enrolment import services as service
from mentorship.mentoring.enrolment.forms import ImportForm, InviteForm, LeaveForm, ProfileForm
from mentorship.mentoring.models import ADEPT, MENTOR
from mentorship.mentoring.rounds.services import goals
from mentorship.mentoring.rounds.views import load_round
from mentorship.reference.services import business_areas, municipalities
from mentorship.refusals import or_404


@bp.route("/omgangar/<int:round_id>/deltagare")
@roles(ADMIN, HR)
def enrolments(round_id: int):
    round_ = load_round(round_id)
    return render_template(
        "mentoring/enrolment/enrolments.html",
        round=round_,
        page=service.list_enrolments(
            current_user, round_, request.args.get("page", 1, type=int),
            current_app.config["PAGE_SIZE"],
        ),
        role_labels=labels.role_labels(),
        state_labels=labels.state_labels(),
        state_phrases=labels.state_phrases(),
    )


@bp.route("/omgangar/<int:round_id>/bjud-in", methods=["GET", "POST"])
@roles(ADMIN, HR)
def invite(round_id: int):
    round_ = load_round(round_id)
    form = InviteForm()
    if current_user.is_admin:
        form.municipality_id.choices = [(m.id, m.name) for m in municipalities()]
    else:
        form.municipality_id.choices = [(current_user.municipality_id,
                                         current_user.municipality.name)]
    if request.method == "GET":
        form.municipality_id.data = current_user.municipality_id
    if form.validate_on_submit():
        with carry_out(form) as done:
            enrolment = service.invite(
                current_user,
                round_,
                service.Invite(form.email.data, form.name.data or "",
                               form.municipality_id.data or current_user.municipality_id),
            )
            done.success = _("%(name)s är inbjuden till omgången.", name=enrolment.user.name)
        if done:
            return redirect(url_for("mentoring.enrolments", round_id=round_.id))
    return render_template("mentoring/enrolment/invite.html", round=round_, form=form)


@bp.route("/omgangar/<int:round_id>/importera", methods=["GET", "POST"])
@roles(ADMIN, HR)
def import_file(round_id: int):
    """Upload: the preview (nothing saved). Confirm: the import job, on the kept file."""
    round_ = load_round(round_id)
    form, confirm = ImportForm(), ConfirmImportForm()
    preview = None
    problems: list[str] = []
    if "upload" in request.form:
        with carry_out(form) as done:
            ran = jobs.ran_here(import_preview.confirmed(confirm, lambda cmd: jobs.start(
                "import_enrolments", f"round:{round_.id}", current_user.id,
                round_id=round_.id, upload=cmd)))
            done.success, done.value = (ran.message, True) if ran else (None, False)
        if done:  # queued: this page shows the job; done in the request: the participants
            return redirect(url_for("mentoring.enrolments" if done.value
                                    else "mentoring.import_file", round_id=round_.id))
        problems = problem_lines(done.error)
    elif form.validate_on_submit():
        with carry_out(form, saves=False):  # reads the file; writes nothing
            preview = import_preview.previewed(form, lambda cmd: importer.preview_people(
                current_user, round_, cmd))
    job = jobs.current_for(f"round:{round_.id}", current_user.id, "import_enrolments")
    return render_template("mentoring/enrolment/import.html", round=round_, form=form,
                           problems=problems, job=job, preview=preview, confirm=confirm)


@bp.route("/omgangar/<int:round_id>/importera/mall.xlsx")
@roles(ADMIN, HR)
def import_template(round_id: int):
    load_round(round_id)
    return file_response(importer.template(), "deltagare-mall.xlsx", XLSX_MIME)


@bp.route("/deltagare/<int:enrolment_id>/ta-bort", methods=["GET", "POST"])
@roles(ADMIN, HR)
def withdraw(enrolment_id: int):
    enrolment = or_404(service.get_enrolment(current_user, enrolment_id))
    round_id = enrolment.round_id
    if request.method == "GET":
        return render_template("mentoring/enrolment/confirm_withdraw.html", enrolment=enrolment)
    with carry_out(success=_("Anmälan är borttagen.")):
        service.withdraw(current_user, enrolment)
    return redirect(url_for("mentoring.enrolments", round_id=round_id))


def _profile_choices(form: ProfileForm, enrolment) -> None:
    form.role.choices = labels.role_labels.choices()
    areas = [a.name for a in business_areas()]
    if enrolment.business_area and enrolment.business_area not in areas:
        areas.append(enrolment.business_area)
    form.business_area.choices = [("", _("Välj"))] + [(a, a) for a in areas]
    form.level.choices = labels.level_labels.choices()
    names = [g.name for g in goals()]
    names += [g for g in (enrolment.goals or []) if g not in names]
    form.goals.choices = [(g, g) for g in names]
    form.languages.choices = labels.language_labels.choices()
    form.gender.choices = labels.gender_labels.choices(blank=_("Vill inte ange"))
    form.gender_preference.choices = labels.gender_labels.choices(
        blank=_("Inget önskemål"), without=("other",))
    form.meeting_mode.choices = labels.meeting_labels.choices()


@bp.route("/profil/<int:enrolment_id>", methods=["GET", "POST"])
@authenticated
def profile(enrolment_id: int):
    enrolment = or_404(service.own_enrolment(current_user, enrolment_id))
    form = ProfileForm()
    _profile_choices(form, enrolment)
    start = None
    # ?roll=adept|mentor: the person takes that role; that role's answers are filled in.
    chosen_role = request.args.get("roll")
    if request.method == "GET":
        start = profiles.starting_profile(enrolment, chosen_role)
        if start is not None:
            for name in ("role", "business_area", "level", "years_as_manager", "gender",
                         "gender_preference", "meeting_mode", "capacity", "presentation",
                         "develop_text", "offer_text", "profile_visible"):
                getattr(form, name).data = getattr(start, name)
            form.goals.data = list(start.goals)
            form.languages.data = list(start.languages)
        else:
            form.languages.data = ["sv"]
            form.meeting_mode.data = "either"
            if chosen_role in (ADEPT, MENTOR):
                form.role.data = chosen_role
    if form.validate_on_submit():
        with carry_out(form, _("Din profil är sparad.")) as done:
            profiles.save_profile(
                current_user,
                enrolment,
                profiles.Profile(
                    role=form.role.data,
                    business_area=form.business_area.data,
                    level=form.level.data,
                    years_as_manager=form.years_as_manager.data,
                    goals=tuple(form.goals.data),
                    languages=tuple(form.languages.data),
                    gender=form.gender.data or None,
                    gender_preference=form.gender_preference.data or None,
                    meeting_mode=form.meeting_mode.data,
                    capacity=form.capacity.data or 1,
                    presentation=form.presentation.data or "",
                    develop_text=form.develop_text.data or "",
                    offer_text=form.offer_text.data or "",
                    profile_visible=bool(form.profile_visible.data),
                ),
            )
        if done:
            return redirect(url_for("mentoring.mine"))
    editable = enrolment.round.state in ("draft", "open")
    from_earlier = start is not None and enrolment.profile_done_at is None
    return render_template(
        "mentoring/enrolment/profile.html",
        enrolment=enrolment,
        form=form,
        editable=editable,
        from_earlier=from_earlier,
        shown_role=form.role.data,
        role_labels=labels.role_labels(),
    )


@bp.route("/anmalan/<int:enrolment_id>/lamna", methods=["GET", "POST"])
@authenticated
def leave_round(enrolment_id: int):
    enrolment = or_404(service.own_enrolment(current_user, enrolment_id))
    before = enrolment.round.state in leaving.BEFORE_PUBLISH
    form = LeaveForm()
    if form.validate_on_submit():
        left = (_("Du har lämnat omgången. Din anmälan och profil är borttagna.") if before
                else _("Samordnaren har fått din begäran och hör av sig."))
        with carry_out(form, left) as done:
            if before:
                leaving.withdraw_self(current_user, enrolment)
            else:
                leaving.ask_to_leave(current_user, enrolment, form.reason.data or "")
        if done:
            return redirect(url_for("mentoring.mine"))
    return render_template("mentoring/enrolment/leave_round.html", enrolment=enrolment, form=form,
                           before=before)
