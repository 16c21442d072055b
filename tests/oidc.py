"""A real OpenID Connect provider for the SSO tests: node-oidc-provider (OpenID certified),
installed with its lock file by scripts/ensure-oidc-provider, started on a free port with
two municipalities as two clients. Nothing here mocks a token: the app fetches discovery,
keys and tokens from the provider over HTTP, as it would from Microsoft Entra ID.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).parents[1]
PROVIDER_DIR = ROOT / "tests" / "oidc_provider"

CLIENTS = {
    # municipality name -> (client id, secret)
    "Klippan": ("klippan-app", "klippan-secret"),
    "Bjuv": ("bjuv-app", "bjuv-secret"),
}
SHORT_LIVED = ("kort-app", "kort-secret")  # ID tokens valid for one second

ACCOUNTS = {
    "karin": {"email": "karin.berg@klippan.se", "email_verified": True, "name": "Karin Berg"},
    "olle": {"email": "olle.nilsson@klippan.se", "email_verified": False, "name": "Olle"},
    "bo": {"email": "bo.ek@bjuv.se", "email_verified": True, "name": "Bo Ek"},
    "ny": {"email": "ny.anstalld@klippan.se", "email_verified": True, "name": "Ny Anställd"},
    "avstangd": {"email": "avstangd@klippan.se", "email_verified": True, "name": "Avstängd"},
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _signing_key() -> dict:
    from joserfc.jwk import RSAKey

    key = RSAKey.generate_key(2048, private=True)
    jwk = key.as_dict(private=True)
    jwk.update(kid="test-key-1", use="sig", alg="RS256")
    return jwk


@dataclass
class Provider:
    issuer: str
    config_path: Path
    jwk: dict
    process: subprocess.Popen
    accounts: dict = field(default_factory=dict)

    def set_account(self, login: str, claims: dict) -> None:
        """Change a person at the provider (read again at the next login)."""
        config = json.loads(self.config_path.read_text())
        config["accounts"][login] = claims
        self.config_path.write_text(json.dumps(config))

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()


def start_provider(tmp: Path, redirect_uri: str, post_logout_uri: str) -> Provider:
    node = shutil.which("node")
    assert node, "Node.js is missing: make test installs it (scripts/ensure-oidc-provider)"
    assert (PROVIDER_DIR / "node_modules" / "oidc-provider").is_dir(), (
        "the test provider is not installed: run scripts/ensure-oidc-provider"
    )
    port = _free_port()
    issuer = f"http://127.0.0.1:{port}"
    jwk = _signing_key()
    clients = [
        {
            "client_id": client_id,
            "client_secret": secret,
            "redirect_uris": [redirect_uri],
            "post_logout_redirect_uris": [post_logout_uri],
            "grant_types": ["authorization_code"],
            "response_types": ["code"],
            "token_endpoint_auth_method": "client_secret_basic",
        }
        for client_id, secret in [*CLIENTS.values(), SHORT_LIVED]
    ]
    config = {
        "port": port,
        "issuer": issuer,
        "clients": clients,
        "accounts": ACCOUNTS,
        "jwks": {"keys": [jwk]},
        "idTokenTtl": {SHORT_LIVED[0]: 1},
    }
    path = tmp / f"oidc-provider-{port}.json"
    path.write_text(json.dumps(config))
    process = subprocess.Popen(
        [node, str(PROVIDER_DIR / "server.mjs"), str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError("the OpenID provider exited: " + (process.stdout.read() or ""))
        try:
            with urllib.request.urlopen(issuer + "/.well-known/openid-configuration", timeout=1):
                break
        except OSError:
            time.sleep(0.1)
    else:
        process.kill()
        raise AssertionError("the OpenID provider did not start")
    return Provider(issuer, path, jwk, process)


def through_provider(session, url: str, login: str, stop_at: str) -> str:
    """Follow the provider's redirects from its authorization URL, log in on its own login
    page as `login`, and return the first URL that leads back to `stop_at` (the app)."""
    for _ in range(20):
        if url.startswith(stop_at):
            return url
        response = session.get(url, allow_redirects=False)
        if response.status_code in (302, 303):
            url = urljoin(url, response.headers["location"])
            continue
        assert response.status_code == 200, (response.status_code, response.text[:300])
        assert 'name="login"' in response.text, response.text[:300]
        path = urlsplit(url).path  # the interaction's own page posts to itself
        submitted = session.post(
            urljoin(url, path),
            data={"prompt": "login", "login": login, "password": "whatever"},
            allow_redirects=False,
        )
        assert submitted.status_code in (302, 303), submitted.text[:300]
        url = urljoin(url, submitted.headers["location"])
    raise AssertionError("the provider never sent the browser back to the app")
