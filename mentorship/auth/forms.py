from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, PasswordField
from wtforms.validators import DataRequired, EqualTo, Length, Optional, ValidationError

from mentorship.auth.passwords import MIN_LENGTH
from mentorship.forms import email_field, strip


class LoginForm(FlaskForm):
    email = EmailField(
        _l("E-postadress"),
        filters=[strip],
        validators=[DataRequired(_l("Fyll i din e-postadress.")), Length(max=254)],
        render_kw={"autocomplete": "username"},
    )
    # Optional here: the e-mail comes first, and a municipality with its own login never
    # asks for a password (auth.views.login). The password step says it is required.
    password = PasswordField(
        _l("Lösenord"),
        validators=[Optional()],
        render_kw={"autocomplete": "current-password"},
    )
    step = HiddenField()
    next = HiddenField()

    def validate_password(self, field) -> None:
        if self.step.data == "password" and not field.data:
            raise ValidationError(_l("Fyll i ditt lösenord."))


class ForgotPasswordForm(FlaskForm):
    email = email_field(
        _l("E-postadress"), _l("Fyll i din e-postadress."), render_kw={"autocomplete": "email"}
    )


class NewPasswordForm(FlaskForm):
    password = PasswordField(
        _l("Nytt lösenord"),
        description=_l("Minst %(n)s tecken. Vanliga och läckta lösenord godtas inte; "
                       "några ord som bara du sätter ihop är lätta att minnas.", n=MIN_LENGTH),
        validators=[
            DataRequired(_l("Fyll i ett lösenord.")),
            Length(
                min=MIN_LENGTH,
                message=_l("Lösenordet måste ha minst %(n)s tecken.", n=MIN_LENGTH),
            ),
        ],
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        _l("Upprepa lösenordet"),
        validators=[
            DataRequired(_l("Upprepa lösenordet.")),
            EqualTo("password", _l("Lösenorden är inte lika.")),
        ],
        render_kw={"autocomplete": "new-password"},
    )


class ChangePasswordForm(NewPasswordForm):
    current_password = PasswordField(
        _l("Nuvarande lösenord"),
        validators=[DataRequired(_l("Fyll i ditt nuvarande lösenord."))],
        render_kw={"autocomplete": "current-password"},
    )

