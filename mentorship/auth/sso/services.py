"""A municipality's identity provider: its settings, and turning a checked ID token into a
logged-in account (linked, never created unless the municipality chose so)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, or_, select

from mentorship.auth.models import User, UserRole
from mentorship.auth.services import find_user_by_email, normalise_email
from mentorship.auth.sso.models import IdentityProvider, UserIdentity
from mentorship.db import utcnow
from mentorship.extensions import db
from mentorship.reference.models import Municipality
from mentorship.refusals import ServiceError, require_admin

DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]"}


# --- settings -------------------------------------------------------------------------


@dataclass(frozen=True)
class ProviderSettings:
    municipality_id: int
    issuer: str
    client_id: str
    domains: tuple[str, ...]
    passwords_allowed: bool = True
    self_signup: bool = False


def find_municipality(name_or_code: str) -> Municipality | None:
    """A member municipality by its official code or its name (any case)."""
    key = name_or_code.strip()
    return db.session.scalar(
        select(Municipality).where(
            or_(Municipality.code == key, func.lower(Municipality.name) == key.lower())
        )
    )


def provider_of(municipality_id: int) -> IdentityProvider | None:
    return db.session.scalar(
        select(IdentityProvider).where(IdentityProvider.municipality_id == municipality_id)
    )


def providers() -> list[IdentityProvider]:
    return list(
        db.session.scalars(
            select(IdentityProvider)
            .join(Municipality)
            .order_by(Municipality.name)
        )
    )


def check_issuer(url: str) -> str:
    """The issuer as given, if the app may talk to it: https in production; development
    and the tests also accept a provider on this machine over http."""
    issuer = url.strip().rstrip("/")
    parts = urlsplit(issuer)
    local_http = (
        parts.scheme == "http"
        and parts.hostname is not None
        and (parts.hostname in LOCAL_HOSTS or f"[{parts.hostname}]" in LOCAL_HOSTS)
        and (current_app.config.get("TESTING") or current_app.config["ENV"] == "development")
    )
    if not parts.netloc or (parts.scheme != "https" and not local_http):
        raise ServiceError(
            _("Utfärdaren måste vara en https-adress, t.ex. "
              "https://login.microsoftonline.com/<tenant-id>/v2.0."),
            field="issuer",
        )
    if parts.query or parts.fragment:
        raise ServiceError(_("Utfärdarens adress får inte ha ? eller #."), field="issuer")
    return issuer


def normalise_domains(domains: tuple[str, ...] | list[str]) -> list[str]:
    cleaned = sorted({d.strip().lower().lstrip("@") for d in domains if d.strip()})
    if not cleaned:
        raise ServiceError(_("Ange minst en e-postdomän, t.ex. klippan.se."), field="domains")
    bad = [d for d in cleaned if not DOMAIN.match(d)]
    if bad:
        raise ServiceError(
            _("Ogiltig domän: %(d)s. Skriv domänen som klippan.se.", d=", ".join(bad)),
            field="domains",
        )
    return cleaned


def set_provider(actor: User | None, cmd: ProviderSettings) -> IdentityProvider:
    """The municipality's provider, new or changed."""
    require_admin(actor)
    issuer = check_issuer(cmd.issuer)
    client_id = cmd.client_id.strip()
    if not client_id or len(client_id) > 255:
        raise ServiceError(_("Ange klient-id (application/client id)."), field="client_id")
    domains = normalise_domains(cmd.domains)
    for other in providers():
        taken = set(domains) & set(other.domain_list)
        if other.municipality_id != cmd.municipality_id and taken:
            raise ServiceError(
                _(
                    "%(d)s hör redan till %(municipality)s.",
                    d=", ".join(sorted(taken)),
                    municipality=other.municipality.name,
                ),
                field="domains",
            )
    provider = provider_of(cmd.municipality_id)
    if provider is None:
        provider = IdentityProvider(municipality_id=cmd.municipality_id)
        db.session.add(provider)
    provider.issuer = issuer
    provider.client_id = client_id
    provider.domains = ",".join(domains)
    provider.passwords_allowed = cmd.passwords_allowed
    provider.self_signup = cmd.self_signup
    db.session.flush()
    return provider


def remove_provider(actor: User | None, provider: IdentityProvider) -> None:
    """Its municipality's people log in with passwords again."""
    require_admin(actor)
    db.session.delete(provider)
    db.session.flush()


def client_secret(provider: IdentityProvider) -> str | None:
    """From MENTORSHIP_SSO_SECRET_<CODE>, else instance/sso/<code>.secret: never the
    database or the repository."""
    code = provider.municipality.code
    secret = current_app.config.get(f"SSO_SECRET_{code}")
    if secret:
        return str(secret).strip()
    path = Path(current_app.instance_path) / "sso" / f"{code}.secret"
    if path.is_file():
        return path.read_text().strip() or None
    return None


# --- the login page -------------------------------------------------------------------


def domain_of(email: str) -> str:
    return normalise_email(email).rpartition("@")[2]


def provider_for_email(email: str) -> IdentityProvider | None:
    """The provider whose municipality the address's domain belongs to (at most eleven
    providers, so they are read and matched here)."""
    domain = domain_of(email)
    if not domain:
        return None
    return next((p for p in providers() if domain in p.domain_list), None)


def passwords_allowed(email: str) -> bool:
    provider = provider_for_email(email)
    return provider is None or provider.passwords_allowed


def linked_user_ids(user_ids: list[int]) -> set[int]:
    """Which of these people have linked an account at their municipality's provider."""
    if not user_ids:
        return set()
    return set(
        db.session.scalars(
            select(UserIdentity.user_id).where(UserIdentity.user_id.in_(user_ids))
        )
    )


# --- after the provider's answer ------------------------------------------------------


class LoginRefused(Exception):
    """The provider vouched for someone the app will not log in; `reason` picks the page."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def complete_login(provider: IdentityProvider, claims: dict) -> tuple[User, bool]:
    """The account for the ID token's claims (already checked: signature, issuer,
    audience, expiry, nonce), linked on the first login. Returns (user, newly linked)."""
    subject = str(claims.get("sub") or "")
    if not subject:
        raise LoginRefused("token")
    identity = db.session.scalar(
        select(UserIdentity).where(
            UserIdentity.issuer == provider.issuer, UserIdentity.subject == subject
        )
    )
    linked = False
    if identity is not None:
        user = db.session.get(User, identity.user_id)
        if user is None or not user.active or user.is_erased:
            raise LoginRefused("inactive")
        if user.municipality_id != provider.municipality_id:
            raise LoginRefused("other_municipality")
    else:
        user = _account_to_link(provider, claims)
        taken = db.session.scalar(
            select(UserIdentity.id).where(
                UserIdentity.user_id == user.id, UserIdentity.issuer == provider.issuer
            )
        )
        if taken:  # the account is already linked to another person at this provider
            raise LoginRefused("other_subject")
        identity = UserIdentity(user_id=user.id, issuer=provider.issuer, subject=subject)
        db.session.add(identity)
        linked = True
    identity.last_login_at = utcnow()
    db.session.flush()
    return user, linked


def _account_to_link(provider: IdentityProvider, claims: dict) -> User:
    email = claims.get("email")
    if not isinstance(email, str) or "@" not in email:
        raise LoginRefused("no_email")
    # Microsoft Entra ID sends no email_verified; its optional claim xms_edov says the
    # same (the domain's owner verified the address).
    if claims.get("email_verified") is not True and claims.get("xms_edov") not in (True, "1"):
        raise LoginRefused("unverified")
    if domain_of(email) not in provider.domain_list:
        raise LoginRefused("other_domain")
    user = find_user_by_email(email)
    if user is None:
        if not provider.self_signup:
            raise LoginRefused("no_account")
        return _new_participant(provider, normalise_email(email), claims.get("name"))
    if not user.active or user.is_erased:
        raise LoginRefused("inactive")
    if user.municipality_id != provider.municipality_id:
        raise LoginRefused("other_municipality")
    return user


def _new_participant(provider: IdentityProvider, email: str, name: object) -> User:
    display = name.strip()[:120] if isinstance(name, str) and name.strip() else email
    user = User(email=email, name=display, municipality_id=provider.municipality_id)
    user.roles = [UserRole(role="participant")]  # roles are the app's, never the provider's
    db.session.add(user)
    db.session.flush()
    return user


def linked_counts() -> dict[int, int]:
    """Per municipality: how many of its people have linked an account."""
    return dict(
        db.session.execute(
            select(User.municipality_id, func.count(func.distinct(UserIdentity.user_id)))
            .join(UserIdentity, UserIdentity.user_id == User.id)
            .group_by(User.municipality_id)
        ).all()
    )
