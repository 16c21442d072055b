"""Issue 26 in Chromium: an admin gives Klippan its own login; a Klippan manager types her
address, logs in on the provider's own login page (node-oidc-provider) and lands in the app;
someone without an account is told whom to ask; logging out ends the provider's session
too. Every page of ours passes axe."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.e2e.conftest import axe_check, flash_kinds, follow, from_db, login, logout
from tests.oidc import CLIENTS, start_provider
from tests.said import refused


@pytest.fixture(scope="module")
def provider(live_server, tmp_path_factory):
    running = start_provider(
        tmp_path_factory.mktemp("oidc"),
        f"{live_server.url}/logga-in/kommun/svar",
        f"{live_server.url}/logga-in",
    )
    yield running
    running.stop()


def _klippan_manager(app) -> int:
    """Karin's account in Klippan, and Klippan's client secret; Klippan's id."""
    from mentorship.auth.services import NewUser, create_user
    from mentorship.extensions import db
    from mentorship.reference.models import Municipality

    with app.app_context():
        klippan = db.session.scalar(select(Municipality).where(Municipality.name == "Klippan"))
        create_user(None, NewUser("karin.berg@klippan.se", "Karin Berg", klippan.id, ("participant",)))
        db.session.commit()
        app.config[f"SSO_SECRET_{klippan.code}"] = CLIENTS["Klippan"][1]
        return klippan.id


def _issuer(app, municipality_id: int) -> str | None:
    """The issuer of the municipality's own login, None without one."""
    from mentorship.auth.sso.models import IdentityProvider

    return from_db(app, lambda s: s.scalar(select(IdentityProvider.issuer).where(
        IdentityProvider.municipality_id == municipality_id)))


def _has_account(app, email: str) -> bool:
    from mentorship.auth.models import User

    return from_db(app, lambda s: s.scalar(select(User.id).where(User.email == email))
                   is not None)


def _no_account_message(app) -> str:
    """What someone from Klippan without an account is told."""
    from mentorship.auth.sso.flow import REFUSALS

    with app.test_request_context():
        return REFUSALS["no_account"]("Klippan")


def _provider_login(page, login_name: str) -> None:
    assert page.locator('input[name="login"]').is_visible()  # the provider's own page
    page.fill('input[name="login"]', login_name)
    page.fill('input[name="password"]', "whatever")
    follow(page.locator('button[type="submit"]'))


def test_a_manager_logs_in_with_her_municipalitys_account(live_server, page, provider):
    base = live_server.url
    app = live_server.app
    klippan = _klippan_manager(app)
    settings = f"/register/kommuner/{klippan}/inloggning"

    # The admin gives Klippan its provider.
    login(page, base, "admin@example.org", then="/register/kommuner")
    follow(page.locator("main a[href='/register/kommuner/inloggning']"))
    axe_check(page, "inloggning per kommun")
    follow(page.locator(f"main a[href='{settings}']"))
    axe_check(page, "inloggning för Klippan")
    page.get_by_label("Utfärdare (issuer)").fill("http://login.example.org")
    page.get_by_label("Klient-id").fill(CLIENTS["Klippan"][0])
    page.get_by_label("E-postdomäner").fill("klippan.se")
    follow(page.get_by_role("button", name="Spara"))
    assert page.title().startswith("Fel:")
    assert "issuer" in refused(page.content())
    assert _issuer(app, klippan) is None
    axe_check(page, "inloggning för Klippan med fel")
    page.get_by_label("Utfärdare (issuer)").fill(provider.issuer)
    follow(page.get_by_role("button", name="Spara"))
    assert page.url == f"{base}/register/kommuner/inloggning"
    assert flash_kinds(page) == ["success"]
    assert _issuer(app, klippan) == provider.issuer
    follow(page.locator(f"main a[href='{settings}']"))
    follow(page.locator(f"main a[href='{settings}/ta-bort']"))
    axe_check(page, "ta bort inloggningen för Klippan?")
    follow(page.get_by_role("link", name="Avbryt"))
    logout(page)

    # Karin types her address and is sent to Klippan's login page.
    page.goto(f"{base}/logga-in")
    axe_check(page, "inloggning")
    page.get_by_label("E-postadress").fill("karin.berg@klippan.se")
    page.get_by_role("button", name="Fortsätt").click()
    page.wait_for_url(f"{provider.issuer}/**")  # through a page that goes on at once
    _provider_login(page, "karin")
    assert page.url == f"{base}/"
    assert "Karin" in page.content()
    axe_check(page, "start efter inloggning med kommunens konto")

    # Logging out ends Klippan's session too: the provider asks, then sends her back.
    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_url(f"{provider.issuer}/**")
    follow(page.get_by_role("button", name="Yes, sign me out"))
    assert page.url.startswith(f"{base}/logga-in")

    # A Klippan employee without an account is told whom to ask.
    page.get_by_label("E-postadress").fill("ny.anstalld@klippan.se")
    page.get_by_role("button", name="Fortsätt").click()
    page.wait_for_url(f"{provider.issuer}/**")
    _provider_login(page, "ny")
    # refused: told that there is no account here (and whom to ask), and none is made
    assert page.locator("main p[role=alert]").inner_text() == _no_account_message(app)
    assert page.locator("main a[href='/logga-in']").is_visible()
    assert not _has_account(app, "ny.anstalld@klippan.se")
    axe_check(page, "inloggningen gick inte igenom")
    assert not [e for e in page.console_errors if base in e], page.console_errors
