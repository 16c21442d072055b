"""The login through a municipality's provider: off to the provider, and back."""

from __future__ import annotations

import logging

import requests
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.flask_client import OAuthError
from flask import Blueprint, abort, current_app, render_template, request, session, url_for
from flask_babel import gettext as _
from joserfc.errors import JoseError

from mentorship.access import public
from mentorship.auth.login import log_in
from mentorship.auth.sso import services
from mentorship.auth.sso.client import client_for
from mentorship.auth.sso.models import IdentityProvider
from mentorship.extensions import db, limiter
from mentorship.forms import carry_out
from mentorship.security import safe_next
from mentorship.urls import external_url

bp = Blueprint("sso", __name__)
log = logging.getLogger(__name__)

FLOW = "sso_flow"  # the session key: which municipality, and where to go afterwards
LOGOUT = "sso_logout"  # after a login through a provider: what its logout needs

# What the person is told when the provider vouched for someone the app will not log in.
REFUSALS = {
    "no_account": lambda m: _(
        "Du är inloggad hos %(municipality)s, men har inget konto i HR-nätverkets "
        "programverktyg. Be HR-kontakten i %(municipality)s eller HR-nätverkets samordnare "
        "om en inbjudan.", municipality=m),
    "unverified": lambda m: _(
        "%(municipality)s har inte bekräftat din e-postadress, så vi kan inte veta att kontot "
        "är ditt. Kontakta IT-supporten i %(municipality)s.", municipality=m),
    "no_email": lambda m: _(
        "Inloggningen hos %(municipality)s gav ingen e-postadress. Kontakta IT-supporten i "
        "%(municipality)s.", municipality=m),
    "other_domain": lambda m: _(
        "Din e-postadress hör inte till %(municipality)s. Logga in med kontot i din egen "
        "kommun.", municipality=m),
    "other_municipality": lambda m: _(
        "Ditt konto i programverktyget hör till en annan kommun än %(municipality)s. Logga in "
        "med kontot i den kommunen eller kontakta HR-nätverket.", municipality=m),
    "other_subject": lambda m: _(
        "Kontot är redan kopplat till en annan person hos %(municipality)s. Kontakta "
        "HR-nätverket.", municipality=m),
    "inactive": lambda m: _(
        "Ditt konto är avstängt. Kontakta HR-nätverket om du ska ha tillgång igen."),
    "token": lambda m: _(
        "Inloggningen kunde inte bekräftas: den var ogiltig, för gammal eller redan använd. "
        "Försök igen från inloggningssidan."),
    "cancelled": lambda m: _(
        "Inloggningen hos %(municipality)s avbröts. Försök igen om du vill.", municipality=m),
    "unavailable": lambda m: _(
        "Inloggning med kontot i %(municipality)s fungerar inte just nu. Försök igen senare "
        "eller kontakta HR-nätverket.", municipality=m),
}


def _refused(reason: str, provider: IdentityProvider | None, status: int = 403):
    db.session.rollback()
    name = provider.municipality.name if provider else _("din kommun")
    log.info("sso login refused", extra={"reason": reason})
    return render_template("auth/sso_refused.html", message=REFUSALS[reason](name)), status


def handoff_to(provider: IdentityProvider, target: str):
    """The answer to the login form for a municipality with its own login: a page that
    goes on to it at once (a form's answer may not redirect to another site)."""
    name = provider.municipality.name
    return render_template(
        "auth/sso_handoff.html",
        target=url_for("sso.start", code=provider.municipality.code, next=target),
        heading=_("Logga in med ditt konto i %(municipality)s", municipality=name),
        text=_("Du skickas vidare till inloggningen i %(municipality)s.", municipality=name),
        link=_("Fortsätt till inloggningen i %(municipality)s", municipality=name),
    )


def logout_handoff(url: str):
    return render_template(
        "auth/sso_handoff.html",
        target=url,
        heading=_("Du är utloggad"),
        text=_("Du loggas nu ut från kommunens inloggning också."),
        link=_("Logga ut från kommunens inloggning"),
    )


def _configured(code: str) -> tuple[IdentityProvider, str] | None:
    municipality = services.find_municipality(code)
    provider = services.provider_of(municipality.id) if municipality else None
    if provider is None:
        return None
    return provider, services.client_secret(provider) or ""


def _limit():
    return current_app.config["LOGIN_LIMIT_PER_ADDRESS"]


@bp.route("/logga-in/kommun/<code>")
@public
@limiter.limit(_limit)
def start(code: str):
    found = _configured(code)
    if found is None:
        abort(404)
    provider, secret = found
    if not secret:
        log.error("sso client secret missing", extra={"municipality": provider.municipality.code})
        return _refused("unavailable", provider, 503)
    client = client_for(provider, secret)
    session[FLOW] = {
        "code": provider.municipality.code,
        "next": safe_next(request.args.get("next"), url_for("main.index")),
    }
    try:
        return client.authorize_redirect(external_url("sso.callback"))
    except (requests.RequestException, ValueError, KeyError) as err:
        log.warning("sso provider unreachable", extra={"error": type(err).__name__})
        return _refused("unavailable", provider, 503)


@bp.route("/logga-in/kommun/svar")
@public
@limiter.limit(_limit, deduct_when=lambda response: response.status_code != 302)
def callback():
    flow = session.get(FLOW)
    found = _configured(flow["code"]) if isinstance(flow, dict) else None
    if found is None or not found[1]:
        return _refused("token", None, 400)
    provider, secret = found
    if request.args.get("error") == "access_denied":
        session.pop(FLOW, None)
        return _refused("cancelled", provider, 400)
    client = client_for(provider, secret)
    try:
        token = client.authorize_access_token(
            leeway=current_app.config["SSO_CLOCK_SKEW_SECONDS"],
            claims_options={"iss": {"essential": True, "values": [provider.issuer]}},
        )
    except (OAuthError, AuthlibBaseError, JoseError, requests.RequestException,
            ValueError, KeyError) as err:
        session.pop(FLOW, None)
        log.warning("sso token refused", extra={"error": type(err).__name__})
        return _refused("token", provider, 400)
    # Single use: a replayed answer finds no flow (and Authlib no state) to match.
    session.pop(FLOW, None)
    claims = _claims(client, token)
    if claims is None:
        return _refused("token", provider, 400)
    try:
        user, _linked = services.complete_login(provider, dict(claims))
    except services.LoginRefused as refusal:
        return _refused(refusal.reason, provider)
    with carry_out() as done:
        done.value = log_in(user, "sso", flow["next"])
        session[LOGOUT] = {"code": provider.municipality.code,
                           "id_token": token.get("id_token")}
    return done.value if done else _refused("token", provider, 400)


def _claims(client, token: dict) -> dict | None:
    """The checked ID token's claims; where the provider keeps the e-mail address out of
    the ID token (node-oidc-provider, ADFS by default), completed from its userinfo
    endpoint, which must speak of the same subject."""
    claims = dict(token.get("userinfo") or {})
    if not claims.get("sub"):
        return None
    if "email" in claims or not client.load_server_metadata().get("userinfo_endpoint"):
        return claims
    try:
        extra = dict(client.userinfo(token=token))
    except (AuthlibBaseError, requests.RequestException, ValueError) as err:
        log.warning("sso userinfo failed", extra={"error": type(err).__name__})
        return None
    if extra.get("sub") != claims["sub"]:
        return None
    return {**extra, **claims}


def logout_url(data: object) -> str | None:
    """Where to send a person who logged in through a provider when they log out: the
    provider's end-session endpoint (RP-initiated logout), when it has one."""
    if not isinstance(data, dict):
        return None
    found = _configured(str(data.get("code", "")))
    if found is None or not found[1]:
        return None
    provider, secret = found
    try:
        client = client_for(provider, secret)
        if not client.load_server_metadata().get("end_session_endpoint"):
            return None
        return client.create_logout_url(
            post_logout_redirect_uri=external_url("auth.login"),
            id_token_hint=data.get("id_token"),
            client_id=provider.client_id,
        )["url"]
    except (requests.RequestException, ValueError, KeyError, RuntimeError) as err:
        log.warning("sso logout skipped", extra={"error": type(err).__name__})
        return None
