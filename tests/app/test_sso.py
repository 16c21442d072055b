"""Issue 26: log in with the municipality's own account, against a real OpenID provider.

The provider (tests/oidc.py) runs node-oidc-provider with Klippan and Bjuv as two clients;
the app fetches its discovery document, keys and tokens over HTTP. Where a test needs a
token the provider would never issue (another audience, expired, another nonce), it takes
the provider's real answer and signs a changed copy with the provider's own key, so only
the claim under test is wrong.
"""

from __future__ import annotations

import html
import re
import time

import pytest
import requests
from flask import url_for
from sqlalchemy import func, select

from mentorship.audit.models import AuditEntry
from mentorship.auth.models import User
from mentorship.auth.sso import services
from mentorship.auth.sso.client import forget_clients
from mentorship.auth.sso.models import UserIdentity
from mentorship.extensions import db
from mentorship.reference.models import Municipality
from tests.oidc import CLIENTS, start_provider, through_provider
from tests.said import form_refused, summary

BASE = "http://localhost"


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    running = start_provider(
        tmp_path_factory.mktemp("oidc"), f"{BASE}/logga-in/kommun/svar", f"{BASE}/logga-in"
    )
    yield running
    running.stop()


@pytest.fixture
def sso(app, provider):
    """Klippan (klippan.se) and Bjuv (bjuv.se) each with their provider client; the
    secrets in the configuration, as MENTORSHIP_SSO_SECRET_<CODE> puts them there."""
    forget_clients()

    def configure(name: str, **settings) -> None:
        with app.app_context():
            m = db.session.scalar(select(Municipality).where(Municipality.name == name))
            client_id, secret = settings.pop("client", CLIENTS[name])
            app.config[f"SSO_SECRET_{m.code}"] = secret
            services.set_provider(
                None,
                services.ProviderSettings(
                    municipality_id=m.id,
                    issuer=provider.issuer,
                    client_id=client_id,
                    domains=(f"{name.lower()}.se",),
                    **settings,
                )
            )
            db.session.commit()
        forget_clients()

    configure("Klippan")
    configure("Bjuv")
    yield configure
    forget_clients()


def _code(app, name: str) -> str:
    with app.app_context():
        return db.session.scalar(select(Municipality.code).where(Municipality.name == name))


def _handoff(response) -> str:
    """The page that goes on at once (a form's answer may not redirect to another site)."""
    assert response.status_code == 200, response.data[:300]
    page = response.get_data(as_text=True)
    target = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', page).group(1)
    return html.unescape(target)


def _to_provider(client, email: str) -> str:
    target = _handoff(client.post("/logga-in", data={"email": email}))
    assert target.startswith("/logga-in/kommun/")
    return target


def _authenticate(client, start: str, login: str, browser=None) -> str:
    """The app's start URL -> the provider's login page -> the app's callback path."""
    response = client.get(start)
    assert response.status_code == 302, response.data[:300]
    back = through_provider(browser or requests.Session(), response.location, login, BASE + "/")
    return back[len(BASE):]


def sso_login(client, email: str, login: str, browser=None):
    return client.get(_authenticate(client, _to_provider(client, email), login, browser))


def _me(client) -> str:
    page = client.get("/")
    assert page.status_code == 200
    return page.get_data(as_text=True)


def test_the_login_page_asks_for_the_e_mail_first(client, sso, app):
    page = client.get("/logga-in").get_data(as_text=True)
    assert 'name="email"' in page and 'name="password"' not in page
    assert _to_provider(client, "Karin.Berg@KLIPPAN.se").startswith(
        f"/logga-in/kommun/{_code(app, 'Klippan')}"
    )
    other = client.post("/logga-in", data={"email": "someone@helsingborg.se"})
    assert other.status_code == 200
    assert 'name="password"' in other.get_data(as_text=True)


def test_first_login_links_the_account_and_then_the_subject_counts(
    client, sso, app, make_user, provider
):
    karin = make_user("karin.berg@klippan.se", municipality="Klippan", password=False)
    response = sso_login(client, karin.email, "karin")
    assert response.status_code == 302, response.get_data(as_text=True)[-700:]
    assert response.location == "/"
    assert "Karin" in _me(client)
    with app.app_context():
        link = db.session.scalar(select(UserIdentity).where(UserIdentity.user_id == karin.id))
        assert (link.issuer, link.subject) == (provider.issuer, "karin")
        methods = db.session.scalars(
            select(AuditEntry.action).where(AuditEntry.subject_user_id == karin.id)
        ).all()
        assert "login_sso" in methods
    client.post("/logga-ut")

    # Her address changes at the provider: the subject still finds her account.
    provider.set_account(
        "karin", {"email": "karin.nygren@klippan.se", "email_verified": True, "name": "K"}
    )
    try:
        assert sso_login(client, karin.email, "karin").status_code == 302
        assert "Karin" in _me(client)
    finally:
        provider.set_account(
            "karin", {"email": "karin.berg@klippan.se", "email_verified": True, "name": "Karin"}
        )


def _refused(response, words: str) -> None:
    assert response.status_code in (400, 403), response.status_code
    assert words in response.get_data(as_text=True)


def _users(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(User))


def test_a_person_without_an_account_is_told_whom_to_ask(client, sso, app):
    before = _users(app)
    _refused(sso_login(client, "ny.anstalld@klippan.se", "ny"), "inget konto")
    assert _users(app) == before
    assert client.get("/").status_code == 302  # not logged in


def test_self_signup_makes_a_participant_and_never_takes_roles_from_the_provider(
    client, sso, app
):
    sso("Klippan", self_signup=True)
    assert sso_login(client, "ny.anstalld@klippan.se", "ny").status_code == 302
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "ny.anstalld@klippan.se"))
        assert user.role_names == {"participant"}
        assert user.municipality.name == "Klippan"
        assert user.password_hash is None


def test_an_unverified_address_is_refused(client, sso, app, make_user):
    make_user("olle.nilsson@klippan.se", municipality="Klippan")
    _refused(sso_login(client, "olle.nilsson@klippan.se", "olle"), "inte bekräftat")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(UserIdentity)) == 0


def test_another_municipalitys_domain_is_refused(client, sso, app, make_user):
    make_user("bo.ek@bjuv.se", municipality="Bjuv")
    start = f"/logga-in/kommun/{_code(app, 'Klippan')}"
    _refused(client.get(_authenticate(client, start, "bo")), "hör inte till Klippan")


def test_a_deactivated_account_is_refused_linked_or_not(client, sso, app, make_user):
    user = make_user("avstangd@klippan.se", municipality="Klippan")
    assert sso_login(client, user.email, "avstangd").status_code == 302
    client.post("/logga-ut")
    with app.app_context():
        db.session.get(User, user.id).active = False
        db.session.commit()
    _refused(sso_login(client, user.email, "avstangd"), "avstängt")


def test_a_replayed_answer_is_refused(client, sso, app, make_user):
    make_user("karin.berg@klippan.se", municipality="Klippan")
    callback = _authenticate(client, _to_provider(client, "karin.berg@klippan.se"), "karin")
    assert client.get(callback).status_code == 302
    client.post("/logga-ut")
    _refused(client.get(callback), "redan använd")
    assert client.get("/").status_code == 302


def test_an_answer_for_another_login_attempt_is_refused(client, sso, app, make_user):
    make_user("karin.berg@klippan.se", municipality="Klippan")
    _to_provider(client, "karin.berg@klippan.se")
    other = app.test_client()
    callback = _authenticate(other, _to_provider(other, "karin.berg@klippan.se"), "karin")
    client.get(f"/logga-in/kommun/{_code(app, 'Klippan')}")  # this browser's own attempt
    _refused(client.get(callback), "kunde inte bekräftas")


@pytest.fixture
def tampered(monkeypatch, provider):
    """The provider's real token response with the ID token's claims changed and signed
    again with the provider's own key."""
    from authlib.integrations.flask_client import FlaskOAuth2App
    from joserfc import jwt
    from joserfc.jwk import RSAKey

    key = RSAKey.import_key(provider.jwk)
    changes: dict = {}
    original = FlaskOAuth2App.fetch_access_token

    def fetch(self, *args, **kwargs):
        token = original(self, *args, **kwargs)
        claims = jwt.decode(token["id_token"], key).claims
        claims.update(changes)
        token["id_token"] = jwt.encode({"alg": "RS256", "kid": provider.jwk["kid"]}, claims, key)
        return token

    monkeypatch.setattr(FlaskOAuth2App, "fetch_access_token", fetch)
    return changes


@pytest.mark.parametrize(
    "change",
    [
        {"aud": "some-other-app"},
        {"exp": int(time.time()) - 3600, "iat": int(time.time()) - 7200},
        {"nonce": "not-the-one-we-sent"},
        {"iss": "https://login.example.org"},
    ],
    ids=["audience", "expired", "nonce", "issuer"],
)
def test_a_token_with_a_wrong_claim_is_refused(client, sso, app, make_user, tampered, change):
    make_user("karin.berg@klippan.se", municipality="Klippan")
    tampered.update(change)
    _refused(sso_login(client, "karin.berg@klippan.se", "karin"), "kunde inte bekräftas")
    assert client.get("/").status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(UserIdentity)) == 0


def test_a_token_signed_by_another_key_is_refused(client, sso, make_user, monkeypatch):
    from authlib.integrations.flask_client import FlaskOAuth2App
    from joserfc import jwt
    from joserfc.jwk import RSAKey

    make_user("karin.berg@klippan.se", municipality="Klippan")
    stranger = RSAKey.generate_key(2048, private=True)
    original = FlaskOAuth2App.fetch_access_token

    def fetch(self, *args, **kwargs):
        token = original(self, *args, **kwargs)
        claims = _unverified_claims(token["id_token"])
        token["id_token"] = jwt.encode({"alg": "RS256", "kid": "test-key-1"}, claims, stranger)
        return token

    monkeypatch.setattr(FlaskOAuth2App, "fetch_access_token", fetch)
    _refused(sso_login(client, "karin.berg@klippan.se", "karin"), "kunde inte bekräftas")


def _unverified_claims(token: str) -> dict:
    import base64
    import json

    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def test_logging_out_ends_the_providers_session_too(client, sso, make_user, provider):
    make_user("karin.berg@klippan.se", municipality="Klippan")
    browser = requests.Session()
    assert sso_login(client, "karin.berg@klippan.se", "karin", browser).status_code == 302
    end = _handoff(client.post("/logga-ut"))
    assert end.startswith(provider.issuer + "/session/end")
    assert "id_token_hint=" in end
    assert client.get("/").status_code == 302  # the app's session is gone at once
    # The provider asks to confirm, then sends the browser back to the login page.
    page = browser.get(end)
    assert page.status_code == 200
    form = page.text.split('action="', 1)[1].split('"', 1)[0]
    xsrf = page.text.split('name="xsrf" value="', 1)[1].split('"', 1)[0]
    done = browser.post(
        requests.compat.urljoin(provider.issuer, form),
        data={"xsrf": xsrf, "logout": "yes"},
        allow_redirects=False,
    )
    assert done.headers["location"].startswith(f"{BASE}/logga-in")
    # The next login asks for the password at the provider again.
    again = client.get(_to_provider(client, "karin.berg@klippan.se"))
    login_page = browser.get(again.location, allow_redirects=True)
    assert 'name="login"' in login_page.text


def test_passwords_can_be_turned_off_for_a_municipality(app, client, sso, make_user, auth):
    sso("Klippan", passwords_allowed=False)
    make_user("karin.berg@klippan.se", municipality="Klippan")
    make_user("anna@helsingborg.se", municipality="Helsingborg")
    answer = auth.login("karin.berg@klippan.se")
    assert answer.status_code == 200 and form_refused(answer)
    with app.test_request_context():
        start = url_for("sso.start", code=_code(app, "Klippan"))
    assert f'href="{start}"' in answer.get_data(as_text=True)  # the way in: the provider
    assert client.get("/").status_code == 302
    assert auth.login("anna@helsingborg.se").status_code == 302


@pytest.mark.wording
def test_a_municipality_without_passwords_names_its_own_login(client, sso, make_user, auth):
    sso("Klippan", passwords_allowed=False)
    make_user("karin.berg@klippan.se", municipality="Klippan")
    answer = auth.login("karin.berg@klippan.se")
    assert summary(answer) == ["Logga in med ditt konto i Klippan."]


def test_the_login_throttle_counts_refused_answers(client, sso, app):
    app.config["LOGIN_LIMIT_PER_ADDRESS"] = "2 per 15 minutes"
    for _ in range(2):
        assert client.get("/logga-in/kommun/svar?code=x&state=y").status_code == 400
    assert client.get("/logga-in/kommun/svar?code=x&state=y").status_code == 429


def test_people_shows_who_has_linked_an_account(client, sso, app, make_user, auth):
    make_user("karin.berg@klippan.se", municipality="Klippan", password=False)
    make_user("admin@example.org", roles=("admin",))
    assert sso_login(client, "karin.berg@klippan.se", "karin").status_code == 302
    client.post("/logga-ut")
    auth.login("admin@example.org")
    page = client.get("/personer/?q=karin").get_data(as_text=True)
    assert "Kommunens konto" in page and "Inbjuden" not in page
