"""Admins keep the reference lists: municipalities and business areas."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mentorship.access import ADMIN, roles
from mentorship.extensions import db
from mentorship.forms import carry_out
from mentorship.reference import services
from mentorship.reference.forms import BusinessAreaForm, MunicipalityForm
from mentorship.reference.models import BusinessArea, Municipality
from mentorship.refusals import or_404

bp = Blueprint("reference", __name__, url_prefix="/register")


def _float(value) -> float | None:
    return float(value) if value is not None else None


@bp.route("/kommuner")
@roles(ADMIN)
def municipalities():
    return render_template(
        "reference/municipalities.html", items=services.municipalities(include_retired=True)
    )


@bp.route("/kommuner/ny", methods=["GET", "POST"])
@bp.route("/kommuner/<int:item_id>", methods=["GET", "POST"])
@roles(ADMIN)
def municipality(item_id: int | None = None):
    item = or_404(db.session.get(Municipality, item_id)) if item_id else None
    form = MunicipalityForm(obj=item if request.method == "GET" else None)
    if form.validate_on_submit():
        data = services.MunicipalityData(
            form.name.data, form.code.data, _float(form.latitude.data), _float(form.longitude.data)
        )
        with carry_out(form, _("Kommunen är sparad.")) as done:
            services.save_municipality(current_user, data, item)
        if done:
            return redirect(url_for("reference.municipalities"))
    return render_template("reference/municipality_form.html", form=form, item=item)


@bp.route("/verksamhetsomraden")
@roles(ADMIN)
def business_areas():
    return render_template(
        "reference/business_areas.html", items=services.business_areas(include_retired=True)
    )


@bp.route("/verksamhetsomraden/nytt", methods=["GET", "POST"])
@bp.route("/verksamhetsomraden/<int:item_id>", methods=["GET", "POST"])
@roles(ADMIN)
def business_area(item_id: int | None = None):
    item = or_404(db.session.get(BusinessArea, item_id)) if item_id else None
    form = BusinessAreaForm(obj=item if request.method == "GET" else None)
    if form.validate_on_submit():
        with carry_out(form, _("Verksamhetsområdet är sparat.")) as done:
            services.save_business_area(current_user, services.AreaName(form.name.data), item)
        if done:
            return redirect(url_for("reference.business_areas"))
    return render_template("reference/business_area_form.html", form=form, item=item)


KINDS = {"kommun": Municipality, "verksamhetsomrade": BusinessArea}
BACK = {"kommun": "reference.municipalities", "verksamhetsomrade": "reference.business_areas"}


@bp.route("/<kind>/<int:item_id>/<any(avveckla, ateraktivera):action>", methods=["GET", "POST"])
@roles(ADMIN)
def retire(kind: str, item_id: int, action: str):
    model = KINDS.get(kind) or or_404(None)
    item = or_404(db.session.get(model, item_id))
    retiring = action == "avveckla"
    if request.method == "GET":
        return render_template(
            "reference/confirm_retire.html", item=item, kind=kind, action=action, retiring=retiring
        )
    with carry_out(success=_("%(name)s är avvecklad.", name=item.name) if retiring
                   else _("%(name)s används igen.", name=item.name)):
        services.set_retired(current_user, item, retiring)
    return redirect(url_for(BACK[kind]))
