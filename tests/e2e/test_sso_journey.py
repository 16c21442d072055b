"""Issue 26 in Chromium: an admin gives Klippan its own login; a Klippan manager types her
address, logs in on the provider's own login page (node-oidc-provider) and lands in the app;
someone without an account is told whom to ask; logging out ends the provider's session
too. Every page of ours passes axe."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.e2e.conftest import axe_check, follow, login, logout
from tests.oidc import CLIENTS, start_provider


@pytest.fixture(scope="module")
def provider(live_server, tmp_path_factory):
    running = start_provider(
        tmp_path_factory.mktemp("oidc"),
        f"{live_server.url}/logga-in/kommun/svar",
        f"{live_server.url}/logga-in",
    )
    yield running
    running.stop()


def _klippan_manager(app) -> None:
    from mentorship.auth.services import NewUser, create_user
    from mentorship.extensions import db
    from mentorship.reference.models import Municipality

    with app.app_context():
        klippan = db.session.scalar(select(Municipality).where(Municipality.name == "Klippan"))
        create_user(NewUser("karin.berg@klippan.se", "Karin Berg", klippan.id, ("participant",)))
        db.session.commit()
        app.config[f"SSO_SECRET_{klippan.code}"] = CLIENTS["Klippan"][1]


def _provider_login(page, login_name: str) -> None:
    assert page.locator('input[name="login"]').is_visible()  # the provider's own page
    page.fill('input[name="login"]', login_name)
    page.fill('input[name="password"]', "whatever")
    follow(page.locator('button[type="submit"]'))


def test_a_manager_logs_in_with_her_municipalitys_account(live_server, page, provider):
    base = live_server.url
    _klippan_manager(live_server.app)

    # The admin gives Klippan its provider.
    login(page, base, "admin@example.org", then="/register/kommuner")
    follow(page.get_by_role("link", name="Inloggning med kommunens konto"))
    axe_check(page, "inloggning per kommun")
    follow(page.get_by_role("link", name="Lägg till Klippan"))
    axe_check(page, "inloggning för Klippan")
    page.get_by_label("Utfärdare (issuer)").fill("http://login.example.org")
    page.get_by_label("Klient-id").fill(CLIENTS["Klippan"][0])
    page.get_by_label("E-postdomäner").fill("klippan.se")
    follow(page.get_by_role("button", name="Spara"))
    assert page.title().startswith("Fel:")
    axe_check(page, "inloggning för Klippan med fel")
    page.get_by_label("Utfärdare (issuer)").fill(provider.issuer)
    follow(page.get_by_role("button", name="Spara"))
    assert "Inloggningen för Klippan är sparad." in page.content()
    follow(page.get_by_role("link", name="Ändra Klippan"))
    follow(page.get_by_role("link", name="Ta bort inloggningen med kommunens konto"))
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
    assert page.get_by_role("heading", name="Inloggningen gick inte igenom").is_visible()
    assert "inget konto" in page.content()
    axe_check(page, "inloggningen gick inte igenom")
    assert not [e for e in page.console_errors if base in e], page.console_errors
