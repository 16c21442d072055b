"""The admin's pages for the municipalities' identity providers."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mentorship.access import ADMIN, roles
from mentorship.auth.sso import services
from mentorship.auth.sso.client import forget_clients
from mentorship.auth.sso.flow import bp
from mentorship.auth.sso.forms import ProviderForm
from mentorship.extensions import db
from mentorship.forms import carry_out
from mentorship.reference.models import Municipality
from mentorship.reference.services import municipalities
from mentorship.refusals import or_404
from mentorship.urls import external_url


@bp.route("/register/kommuner/inloggning")
@roles(ADMIN)
def providers_index():
    by_municipality = {p.municipality_id: p for p in services.providers()}
    return render_template(
        "auth/sso_providers.html",
        items=municipalities(include_retired=False),
        providers=by_municipality,
        linked=services.linked_counts(),
    )


@bp.route("/register/kommuner/<int:item_id>/inloggning", methods=["GET", "POST"])
@roles(ADMIN)
def provider_settings(item_id: int):
    municipality = or_404(db.session.get(Municipality, item_id))
    provider = services.provider_of(municipality.id)
    form = ProviderForm(obj=provider if request.method == "GET" else None)
    if request.method == "GET" and provider is not None:
        form.domains.data = ", ".join(provider.domain_list)
    if form.validate_on_submit():
        cmd = services.ProviderSettings(
            municipality_id=municipality.id,
            issuer=form.issuer.data,
            client_id=form.client_id.data,
            domains=tuple(form.domains.data.split(",")),
            passwords_allowed=form.passwords_allowed.data,
            self_signup=form.self_signup.data,
        )
        with carry_out(form, _("Inloggningen för %(municipality)s är sparad.",
                               municipality=municipality.name)) as done:
            services.set_provider(current_user, cmd)
        if done:
            forget_clients()  # (once committed: no client is built again from the old settings)
            return redirect(url_for("sso.providers_index"))
    return render_template(
        "auth/sso_provider.html",
        form=form,
        municipality=municipality,
        provider=provider,
        has_secret=bool(provider and services.client_secret(provider)),
        redirect_uri=external_url("sso.callback"),
    )


@bp.route("/register/kommuner/<int:item_id>/inloggning/ta-bort", methods=["GET", "POST"])
@roles(ADMIN)
def remove_provider(item_id: int):
    municipality = or_404(db.session.get(Municipality, item_id))
    provider = or_404(services.provider_of(municipality.id))
    if request.method == "POST":
        with carry_out(success=_("Inloggningen med kontot i %(municipality)s är borttagen.",
                                 municipality=municipality.name)):
            services.remove_provider(current_user, provider)
        forget_clients()
        return redirect(url_for("sso.providers_index"))
    return render_template("auth/sso_remove.html", municipality=municipality)
