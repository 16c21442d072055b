"""Issue 23.1 in a real browser: the coordinator of the HR network (an HR contact) links
an account they may not manage (an admin's), so its holder is asked first; the admin finds
the invitation, accepts it and is listed. Every page passes axe, the empty state too."""

from tests.e2e.conftest import axe_check, follow, login, logout

NETWORK = "Nätverket för HR-ansvariga"


def test_an_account_joins_a_network_only_when_its_holder_accepts(live_server, page):
    base = live_server.url
    login(page, base, "hr.helsingborg@example.org", then="/natverk/")
    follow(page.get_by_role("link", name=NETWORK).first)
    follow(page.get_by_role("link", name="Lägg till medlem"))
    page.get_by_label("Konto (e-postadress)").fill("admin@example.org")
    follow(page.get_by_role("button", name="Spara"))
    assert "Om det finns ett konto med den e-postadressen får personen en inbjudan." in (
        page.content())
    axe_check(page, "nätverket efter en inbjudan")
    logout(page)

    login(page, base, "admin@example.org", then="/natverk/")
    follow(page.get_by_role("link", name="Du har 1 inbjudan till ett nätverk att svara på."))
    axe_check(page, "inbjudningar till nätverk")
    follow(page.get_by_role("button", name=f"Tacka ja till {NETWORK}"))
    assert f"Du är med i {NETWORK}." in page.content()
    page.goto(f"{base}/natverk/inbjudningar")
    assert "Du har inga inbjudningar att svara på." in page.content()
    axe_check(page, "inga inbjudningar")
    assert not page.console_errors, page.console_errors
