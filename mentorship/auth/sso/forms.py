"""The admin's form for a municipality's identity provider."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField
from wtforms.validators import DataRequired, Length

from mentorship.forms import strip


class ProviderForm(FlaskForm):
    issuer = StringField(
        _l("Utfärdare (issuer)"),
        filters=[strip],
        description=_l(
            "Leverantörens adress, t.ex. https://login.microsoftonline.com/<katalog-id>/v2.0 "
            "för Microsoft Entra ID."
        ),
        validators=[DataRequired(_l("Fyll i utfärdarens adress.")), Length(max=255)],
    )
    client_id = StringField(
        _l("Klient-id"),
        filters=[strip],
        description=_l("Appens id hos leverantören (Application (client) ID i Entra ID)."),
        validators=[DataRequired(_l("Fyll i klient-id.")), Length(max=255)],
    )
    domains = StringField(
        _l("E-postdomäner"),
        filters=[strip],
        description=_l("Kommunens domäner, åtskilda med kommatecken, t.ex. klippan.se."),
        validators=[DataRequired(_l("Fyll i minst en domän.")), Length(max=1000)],
    )
    passwords_allowed = BooleanField(
        _l("Kommunens personer får fortfarande logga in med lösenord"), default=True
    )
    self_signup = BooleanField(
        _l("Anställda utan konto får ett deltagarkonto vid första inloggningen")
    )
