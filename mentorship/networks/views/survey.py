"""The recurring survey: the secretariat sets it up, opens and closes it and reads the
results; members answer for each of their networks and read their network's results."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from mentorship.access import ADMIN, authenticated, roles
from mentorship.audit.services import record
from mentorship.exports import download
from mentorship.extensions import db
from mentorship.forms import carry_out, strip
from mentorship.networks import rights, services
from mentorship.networks import survey as surveys
from mentorship.networks.blueprint import bp
from mentorship.networks.forms import SurveyForm
from mentorship.networks.models import NetworkSurvey
from mentorship.refusals import or_404


def _survey(survey_id: int) -> NetworkSurvey:
    return or_404(db.session.get(NetworkSurvey, survey_id))


def _texts(form: SurveyForm) -> list[str]:
    return (form.questions.data or "").splitlines()


@bp.route("/enkater")
@roles(ADMIN)
def surveys_index():
    return render_template(
        "networks/surveys.html",
        surveys=surveys.surveys(),
        flagged=surveys.not_surveyed(services.today()),
    )


@bp.route("/enkater/ny", methods=["GET", "POST"])
@roles(ADMIN)
def survey_new():
    form = SurveyForm()
    if request.method == "GET":
        form.title.data = _("Nätverksenkäten %(year)s", year=services.today().year)
        form.questions.data = "\n".join(surveys.default_questions())
    if form.validate_on_submit():
        with carry_out(form, _("Enkäten är skapad. Öppna den när frågorna är klara.")) as done:
            done.value = surveys.create_survey(
                current_user, surveys.SurveyText(form.title.data, _texts(form)))
        if done:
            return redirect(url_for("networks.survey_edit", survey_id=done.value.id))
    return render_template("networks/survey_form.html", form=form, survey=None)


@bp.route("/enkater/<int:survey_id>", methods=["GET", "POST"])
@roles(ADMIN)
def survey_edit(survey_id: int):
    survey = _survey(survey_id)
    form = SurveyForm()
    if request.method == "GET":
        form.title.data = survey.title
        form.questions.data = "\n".join(q["text"] for q in survey.questions)
    if form.validate_on_submit():
        with carry_out(form, _("Enkäten är sparad.")) as done:
            surveys.update_survey(current_user, survey,
                                  surveys.SurveyText(form.title.data, _texts(form)))
        if done:
            return redirect(url_for("networks.survey_edit", survey_id=survey.id))
    return render_template("networks/survey_form.html", form=form, survey=survey)


@bp.route("/enkater/<int:survey_id>/<any(oppna, stang):action>", methods=["GET", "POST"])
@roles(ADMIN)
def survey_state(survey_id: int, action: str):
    survey = _survey(survey_id)
    if request.method == "POST":
        with carry_out() as done:
            if action == "oppna":
                sent = surveys.open_survey(current_user, survey, services.today())
                done.success = ngettext(
                    "Enkäten är öppen. %(num)s medlem har fått e-post.",
                    "Enkäten är öppen. %(num)s medlemmar har fått e-post.",
                    sent,
                )
            else:
                surveys.close_survey(current_user, survey, services.today())
                done.success = _("Enkäten är stängd.")
        return redirect(url_for("networks.survey_edit", survey_id=survey.id))
    return render_template("networks/survey_state.html", survey=survey, action=action)


@bp.route("/enkater/<int:survey_id>/resultat")
@roles(ADMIN)
def survey_results(survey_id: int):
    survey = _survey(survey_id)
    return render_template(
        "networks/survey_results.html",
        survey=survey,
        results=surveys.results(survey),
        network=None,
        min_answers=surveys.MIN_ANSWERS,
    )


@bp.route("/enkater/<int:survey_id>/export.<any(csv, xlsx):fmt>")
@roles(ADMIN)
def survey_export(survey_id: int, fmt: str):
    survey = _survey(survey_id)
    with carry_out():
        record("export", "network_survey", survey.id)
    return download(
        f"natverksenkat-{survey.id}",
        (_("Nätverk"), _("Fråga"), _("Svar"), _("Medelvärde (1–5)")),
        surveys.export_rows(survey),
        fmt,
    )


@bp.route("/enkater/mina")
@authenticated
def survey_mine():
    return render_template("networks/survey_mine.html", items=surveys.to_answer(current_user))


def _answer_form(survey: NetworkSurvey) -> FlaskForm:
    class AnswerForm(FlaskForm):
        comment = TextAreaField(
            _("Kommentar (frivillig)"),
            filters=[strip],
            description=_("Visas bara när nätverket har minst fem svar, utan ditt namn."),
            validators=[Optional(), Length(max=2000)],
        )

    choices = [(n, str(n)) for n in (1, 2, 3, 4, 5)]
    for q in survey.questions:
        setattr(AnswerForm, q["key"], RadioField(
            q["text"], coerce=int, choices=choices,
            description=_("1 = inte alls, 5 = helt och hållet."),
            validators=[InputRequired(_("Välj ett betyg 1–5."))],
        ))
    return AnswerForm()


@bp.route("/enkater/<int:survey_id>/svara/<int:network_id>", methods=["GET", "POST"])
@authenticated
def survey_answer(survey_id: int, network_id: int):
    survey = _survey(survey_id)
    item = next((t for t in surveys.to_answer(current_user)
                 if t.survey.id == survey.id and t.network.id == network_id), None)
    item = or_404(item)
    form = _answer_form(survey)
    if form.validate_on_submit():
        ratings = {q["key"]: getattr(form, q["key"]).data for q in survey.questions}
        with carry_out(form, _("Tack för ditt svar om %(network)s!",
                               network=item.network.name)) as done:
            surveys.answer(current_user, survey,
                           surveys.SurveyAnswer(network_id, ratings, form.comment.data or ""))
        if done:
            return redirect(url_for("networks.survey_mine"))
    return render_template(
        "networks/survey_answer.html",
        form=form,
        survey=survey,
        network=item.network,
        questions=[getattr(form, q["key"]) for q in survey.questions],
    )


@bp.route("/<int:network_id>/enkater/<int:survey_id>")
@authenticated
def network_results(network_id: int, survey_id: int):
    network = or_404(rights.readable_network(current_user, network_id))
    survey = _survey(survey_id)
    return render_template(
        "networks/survey_results.html",
        survey=survey,
        results=surveys.results(survey, network.id),
        network=network,
        min_answers=surveys.MIN_ANSWERS,
    )
