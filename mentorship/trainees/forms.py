"""Forms of the trainee programme (Swedish labels and messages)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    DateField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import HiddenInput

from mentorship.forms import email_field, strip
from mentorship.once import OnceForm


def _text(label, message=None, max_length=120, **kwargs):
    validators = [DataRequired(message)] if message else [Optional()]
    return StringField(
        label, filters=[strip], validators=[*validators, Length(max=max_length)], **kwargs
    )


class CohortForm(FlaskForm):
    number = IntegerField(
        _l("Gruppnummer"),
        validators=[InputRequired(_l("Fyll i gruppens nummer, t.ex. 19.")), NumberRange(min=1)],
    )
    start_date = DateField(
        _l("Startdatum"), validators=[InputRequired(_l("Fyll i startdatum som ÅÅÅÅ-MM-DD."))]
    )
    length_months = IntegerField(
        _l("Längd i månader"),
        default=12,
        description=_l("Normalt 12 månader."),
        validators=[
            InputRequired(_l("Fyll i längden i månader.")),
            NumberRange(min=1, max=36, message=_l("Längden är mellan 1 och 36 månader.")),
        ],
    )


class PlacementForm(FlaskForm):
    host_municipality_id = SelectField(
        _l("Värdkommun"), coerce=int, validators=[DataRequired(_l("Välj värdkommun."))]
    )
    business_area_id = SelectField(_l("Verksamhetsområde"), coerce=int, validators=[Optional()])
    position_title = _text(
        _l("Befattning"),
        _l("Fyll i befattningen."),
        description=_l("Till exempel utvecklingsstrateg eller GIS-ingenjör."),
    )
    supervisor_name = _text(_l("Handledare"), _l("Fyll i handledarens namn."))
    supervisor_email = email_field(_l("Handledarens e-post (frivilligt)"))
    assignment = TextAreaField(
        _l("Det kvalificerade uppdraget"),
        filters=[strip],
        description=_l("Några rader om vad traineen ska göra under året."),
        validators=[DataRequired(_l("Beskriv uppdraget.")), Length(max=2000)],
    )
    degree = _text(_l("Examen"), _l("Fyll i examen, t.ex. kandidatexamen."))
    field_of_study = _text(_l("Ämne eller inriktning"), _l("Fyll i ämne eller inriktning."))
    graduation_year = IntegerField(
        _l("Examensår"),
        validators=[
            Optional(),
            NumberRange(min=1950, max=2100, message=_l("Skriv examensåret med fyra siffror.")),
        ],
    )


class NewTraineeForm(PlacementForm):
    name = _text(_l("Traineens namn"), _l("Fyll i namnet."), render_kw={"autocomplete": "off"})
    email = email_field(
        _l("Traineens e-postadress"),
        _l("Fyll i e-postadressen."),
        description=_l("Traineen får en inbjudan att välja lösenord."),
    )


class EventForm(OnceForm):
    kind = RadioField(_l("Typ"), validators=[InputRequired(_l("Välj typ av aktivitet."))])
    title = _text(
        _l("Rubrik"),
        _l("Fyll i en rubrik."),
        max_length=200,
        description=_l("Till exempel Projektledning eller Studiebesök i Bjuv."),
    )
    day = DateField(_l("Datum"), validators=[InputRequired(_l("Fyll i datum som ÅÅÅÅ-MM-DD."))])
    starts = TimeField(
        _l("Starttid"), validators=[InputRequired(_l("Fyll i starttid, t.ex. 09:00."))]
    )
    ends = TimeField(_l("Sluttid"), validators=[InputRequired(_l("Fyll i sluttid, t.ex. 16:00."))])
    place = _text(_l("Plats"), max_length=200)
    host_municipality_id = SelectField(
        _l("Värdkommun (för studiebesök)"), coerce=int, validators=[Optional()], default=0
    )


class ProjectForm(FlaskForm):
    assignment = TextAreaField(
        _l("Uppdrag"),
        filters=[strip],
        validators=[DataRequired(_l("Beskriv uppdraget.")), Length(max=4000)],
    )
    given_by = _text(
        _l("Uppdragsgivare"),
        max_length=200,
        description=_l("Till exempel Familjen Helsingborgs styrgrupp."),
    )
    result = TextAreaField(
        _l("Resultat"), filters=[strip], validators=[Optional(), Length(max=4000)]
    )
    presented_where = _text(_l("Presenterat var"), max_length=200)
    presented_on = DateField(_l("Presenterat när"), validators=[Optional()])


class MilestoneForm(OnceForm):
    title = _text(_l("Delmål"), _l("Fyll i delmålet."), max_length=200)
    due_on = DateField(_l("Datum"), validators=[InputRequired(_l("Fyll i datum som ÅÅÅÅ-MM-DD."))])


class OutcomeForm(FlaskForm):
    category = RadioField(_l("Utfall"), validators=[InputRequired(_l("Välj ett utfall."))])
    employer_municipality_id = SelectField(
        _l("Anställande medlemskommun"),
        coerce=int,
        default=0,
        description=_l("Fylls i vid anställning i en medlemskommun."),
        validators=[Optional()],
    )
    position_title = _text(_l("Befattning"), description=_l("Till exempel nämndsekreterare."))
    start_date = DateField(_l("Startdatum för anställningen"), validators=[Optional()])
    version = IntegerField(widget=HiddenInput(), default=0, validators=[Optional()])


class ImportForm(FlaskForm):
    file = FileField(
        _l("Fil (.csv eller .xlsx)"), validators=[FileRequired(_l("Välj en fil att läsa in."))]
    )


class ReportFilterForm(FlaskForm):
    class Meta:
        csrf = False

    cohort = SelectField(_l("Traineegrupp"), coerce=int, default=0, validators=[Optional()])


class OutcomeReminderForm(OnceForm):
    subject = StringField(_l("Ämnesrad"), filters=[strip],
                          validators=[DataRequired(_l("Skriv en ämnesrad.")), Length(max=200)])
    body = TextAreaField(
        _l("Meddelande"), filters=[strip],
        description=_l("Varje HR-kontakt får ”Hej namn!” först och sist hur många av kommunens "
                       "trainees som saknar utfall, med en länk för att rapportera dem."),
        validators=[DataRequired(_l("Skriv ett meddelande.")), Length(max=4000)],
    )
