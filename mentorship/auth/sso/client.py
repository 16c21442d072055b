"""Authlib's Flask client for one municipality's provider: authorization code flow with PKCE,
state and nonce; the ID token checked against the provider's keys (signature, issuer,
audience, expiry, nonce).

Each process keeps a client per provider, so discovery metadata and keys are fetched once
and then reused for SSO_METADATA_TTL_SECONDS; a token signed with a key the cache does not
know makes Authlib fetch the keys again (the provider rotated them).
"""

from __future__ import annotations

import hashlib
import threading
import time

from authlib.integrations.flask_client import FlaskIntegration, FlaskOAuth2App
from flask import current_app

from mentorship.auth.sso.models import IdentityProvider

_clients: dict[str, tuple[float, FlaskOAuth2App]] = {}
_lock = threading.Lock()


def _key(provider: IdentityProvider, secret: str) -> str:
    digest = hashlib.sha256(secret.encode()).hexdigest()[:16]
    return f"{provider.issuer}|{provider.client_id}|{digest}"


def client_for(provider: IdentityProvider, secret: str) -> FlaskOAuth2App:
    key = _key(provider, secret)
    ttl = current_app.config["SSO_METADATA_TTL_SECONDS"]
    now = time.monotonic()
    with _lock:
        cached = _clients.get(key)
        if cached is not None and now - cached[0] < ttl:
            return cached[1]
        # The name keys the state kept in the session: one per municipality.
        name = f"sso{provider.municipality.code}"
        client = FlaskOAuth2App(
            FlaskIntegration(name),
            name,
            client_id=provider.client_id,
            client_secret=secret,
            server_metadata_url=provider.issuer + "/.well-known/openid-configuration",
            client_kwargs={
                "scope": "openid email profile",
                "code_challenge_method": "S256",
                "timeout": current_app.config["SSO_HTTP_TIMEOUT_SECONDS"],
            },
        )
        _clients[key] = (now, client)
        return client


def forget_clients() -> None:
    """Drop the cached metadata and keys (tests; a provider's settings changed)."""
    with _lock:
        _clients.clear()
