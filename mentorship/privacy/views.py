"""Mina uppgifter, erasure of a person, retention periods per municipality."""

from __future__ import annotations

import json

from flask import Blueprint, Response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import select

from mentorship.access import ADMIN, HR, authenticated, roles
from mentorship.extensions import db
from mentorship.forms import carry_out
from mentorship.people.services import get_user
from mentorship.privacy import retention, services
from mentorship.privacy.forms import retention_form_class
from mentorship.privacy.models import PurgeLog
from mentorship.privacy.register import RETENTION_DEFAULTS
from mentorship.reference.models import Municipality
from mentorship.reference.services import municipalities
from mentorship.refusals import or_404

bp = Blueprint("privacy", __name__)


@bp.route("/mina-uppgifter")
@authenticated
def mine():
    data = services.export_user(current_user)
    return render_template("privacy/mine.html", data=data)


@bp.route("/mina-uppgifter/hamta")
@authenticated
def download():
    data = services.export_user(current_user)
    body = json.dumps(data, ensure_ascii=False, indent=2)
    response = Response(body, mimetype="application/json; charset=utf-8")
    response.headers["Content-Disposition"] = 'attachment; filename="mina-uppgifter.json"'
    return response


@bp.route("/personer/<int:user_id>/radera", methods=["GET", "POST"])
@roles(ADMIN)
def erase(user_id: int):
    user = or_404(get_user(current_user, user_id))
    if request.method == "GET":
        return render_template("privacy/confirm_erase.html", user=user)
    with carry_out() as done:
        counts = services.erase_person(current_user, user)
        done.success = _(
            "Personens uppgifter är raderade (%(records)s). "
            "Samlade siffror i rapporterna finns kvar.",
            records=ngettext("%(num)s post", "%(num)s poster", sum(counts.values())),
        )
    if not done:
        return redirect(url_for("people.show", user_id=user_id))
    return redirect(url_for("people.index"))


@bp.route("/gallring", methods=["GET", "POST"])
@roles(ADMIN, HR)
def retention_rules():
    form_class = retention_form_class()
    if current_user.is_admin:
        chosen = request.values.get("municipality", type=int) or current_user.municipality_id
        choices = [(m.id, m.name) for m in municipalities()]
    else:
        chosen = current_user.municipality_id
        choices = [(current_user.municipality.id, current_user.municipality.name)]
    if chosen not in {c[0] for c in choices}:  # before the database: any number may come
        return or_404(None)
    municipality = or_404(db.session.get(Municipality, chosen))
    current = retention.rules_for(municipality)
    if request.method == "GET":
        form = form_class(data={"municipality": municipality.id, **current})
    else:
        form = form_class()
    form.municipality.choices = choices
    if form.validate_on_submit():
        with carry_out(form, _("Gallringsreglerna för %(name)s är sparade.",
                               name=municipality.name)) as done:
            for kind in RETENTION_DEFAULTS:
                retention.set_rule(municipality, kind, getattr(form, kind).data)
        if done:
            return redirect(url_for("privacy.retention_rules", municipality=municipality.id))
    log = db.session.scalars(select(PurgeLog).order_by(PurgeLog.id.desc()).limit(30)).all()
    return render_template(
        "privacy/retention.html", form=form, municipality=municipality,
        kinds=list(RETENTION_DEFAULTS), log=log,
    )
