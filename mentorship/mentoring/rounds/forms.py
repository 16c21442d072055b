"""Forms of a round: its settings and matching weights, name and dates after publishing,
the development goals, its own e-mail texts and evaluation questions, reminders."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, FloatField, IntegerField, RadioField, StringField, TextAreaField
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    StopValidation,
)

from matching import CRITERIA, DEFAULT_WEIGHTS
from mentorship.forms import strip
from mentorship.mentoring.labels import criterion_labels
from mentorship.once import OnceForm


def _absent_is_default(form: FlaskForm, field: FloatField) -> None:  # noqa: ARG001
    """A weight missing from the posted form (a page opened before the engine gained the
    criterion) takes the engine's default instead of failing the whole form."""
    if not field.raw_data:
        field.data = field.default
        field.errors = []
        raise StopValidation()


def _weight_field(key: str) -> FloatField:
    return FloatField(
        criterion_labels.lazy(key),
        default=getattr(DEFAULT_WEIGHTS, key),
        validators=[
            _absent_is_default,
            InputRequired(_l("Skriv en vikt (0 eller mer).")),
            NumberRange(min=0, max=1000, message=_l("Vikten är 0–1000.")),
        ],
    )


class WeightsForm(FlaskForm):
    """The minimum score and one weight field (`w_<criterion>`) per criterion of the
    engine, added below from `matching.CRITERIA`: a new criterion is editable at once."""

    min_score = FloatField(
        _l("Lägsta poäng för ett par"),
        default=0.0,
        description=_l("Par som får lägre poäng bildas inte; adepten står då utan mentor."),
        validators=[InputRequired(_l("Skriv en miniminivå.")), NumberRange(min=0, max=1000)],
    )

    def weight_fields(self) -> list[FloatField]:
        return [getattr(self, f"w_{key}") for key in CRITERIA]

    def weights(self) -> dict[str, float]:
        return {key: float(getattr(self, f"w_{key}").data) for key in CRITERIA}

    def set_weights(self, weights: dict) -> None:
        for key in CRITERIA:
            getattr(self, f"w_{key}").data = float(
                weights.get(key, getattr(DEFAULT_WEIGHTS, key))
            )


for _key in CRITERIA:
    setattr(WeightsForm, f"w_{_key}", _weight_field(_key))


class RoundForm(WeightsForm):
    name = StringField(
        _l("Namn"),
        filters=[strip],
        validators=[DataRequired(_l("Skriv ett namn, t.ex. Hösten 2025.")), Length(max=120)],
    )
    starts_on = DateField(_l("Startdatum"), validators=[DataRequired(_l("Välj ett startdatum."))])
    ends_on = DateField(_l("Slutdatum"), validators=[DataRequired(_l("Välj ett slutdatum."))])


class RoundDetailsForm(FlaskForm):
    """A published or running round: name and dates (the matching settings are fixed)."""

    name = RoundForm.name
    starts_on = RoundForm.starts_on
    ends_on = RoundForm.ends_on


class GoalForm(FlaskForm):
    name = StringField(
        _l("Nytt mål"), filters=[strip],
        validators=[DataRequired(_l("Skriv målet.")), Length(max=120)],
    )


class ReminderForm(OnceForm):  # a double click on Skicka sends once
    selection = RadioField(_l("Vilka ska påminnas?"),
                           validators=[InputRequired(_l("Välj vilka som ska påminnas."))])
    weeks = IntegerField(
        _l("Veckor utan samtal (för par utan samtal)"), default=6,
        validators=[Optional(), NumberRange(min=1, max=104, message=_l("Skriv 1–104 veckor."))],
    )
    subject = StringField(_l("Ämnesrad"), filters=[strip],
                          validators=[DataRequired(_l("Skriv en ämnesrad.")), Length(max=200)])
    body = TextAreaField(
        _l("Meddelande"), filters=[strip],
        description=_l("Varje mottagare får ”Hej namn!” först och en länk till sin sida sist."),
        validators=[DataRequired(_l("Skriv ett meddelande.")), Length(max=4000)],
    )


class RoundTextForm(FlaskForm):
    subject = StringField(_l("Ämnesrad"), filters=[strip],
                          validators=[DataRequired(_l("Skriv en ämnesrad.")), Length(max=200)])
    body = TextAreaField(_l("Meddelande"), filters=[strip],
                         validators=[DataRequired(_l("Skriv ett meddelande.")),
                                     Length(max=4000)])


def _question(label) -> StringField:
    return StringField(label, filters=[strip],
                       validators=[DataRequired(_l("Skriv frågan.")), Length(max=200)])


class QuestionsForm(FlaskForm):
    overall = _question(_l("Fråga 1 (programmet som helhet)"))
    matching = _question(_l("Fråga 2 (matchningen)"))
    talks = _question(_l("Fråga 3 (mentorssamtalen)"))
    workshops = _question(_l("Fråga 4 (programworkshopparna)"))
