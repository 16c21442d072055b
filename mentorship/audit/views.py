"""Reading the audit log: admins everything, HR contacts their municipality. No edits."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField
from wtforms.validators import Optional

from mentorship.access import ADMIN, HR, roles
from mentorship.audit import services
from mentorship.forms import read_filters
from mentorship.labels import labels

bp = Blueprint("audit", __name__, url_prefix="/logg")

ACTIONS = {
    "read": _l("Läste"),
    "create": _l("Skapade"),
    "update": _l("Ändrade"),
    "delete": _l("Tog bort"),
    "export": _l("Exporterade"),
    "erase": _l("Raderade person"),
    "purge": _l("Gallrade"),
    "login_password": _l("Loggade in med lösenord"),
    "login_sso": _l("Loggade in med kommunens konto"),
}


class AuditFilterForm(FlaskForm):
    class Meta:
        csrf = False

    action = SelectField(_l("Händelse"), validators=[Optional()], default="")
    record_type = SelectField(_l("Typ av post"), validators=[Optional()], default="")
    since = DateField(_l("Från och med"), validators=[Optional()])
    until = DateField(_l("Till och med"), validators=[Optional()])
    page = IntegerField(validators=[Optional()], default=1)


@labels
def role_labels() -> dict[str, str]:
    """An actor's role as the log shows it (instead of a name the reader may not see)."""
    return {
        "admin": _("Administratör"),
        "hr": _("HR-kontakt"),
        "participant": _("Deltagare"),
        "system": _("Systemet"),
    }


@bp.route("/")
@roles(ADMIN, HR)
def index():
    form = AuditFilterForm(request.args)
    form.action.choices = [("", _l("Alla"))] + list(ACTIONS.items())
    form.record_type.choices = [("", _l("Alla"))] + [(t, t) for t in services.personal_tables()]
    read_filters(form)
    flt = services.AuditFilter(
        action=form.action.data or None,
        record_type=form.record_type.data or None,
        since=form.since.data,
        until=form.until.data,
        page=form.page.data or 1,
    )
    page = services.list_entries(current_user, flt, current_app.config["PAGE_SIZE"])
    names = services.people_names(current_user, page.items)
    roles_ = role_labels()
    actors = {
        e.id: names.get(e.actor_id) or (
            roles_["system"] if e.actor_id is None
            else _("Raderad person") if current_user.is_admin
            else roles_.get(e.actor_role, roles_["participant"])
        )
        for e in page.items
    }
    args = {k: v for k, v in request.args.items() if k != "page"}
    return render_template(
        "audit/index.html", form=form, page=page, names=names, actors=actors, roles=roles_,
        actions=ACTIONS, page_args=args,
    )
