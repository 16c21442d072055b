"""The network register in a real browser, with the demo data: the secretariat registers a
network and takes it through the start checklist to aktiv (with this year's plan and a
coordinator), opens the survey, and a member answers it. Every page passes axe, error
states included, and the CSP holds (no console errors)."""

from datetime import date

from tests.e2e.conftest import axe_check, follow, login, logout

MUNICIPALITIES = ("Bjuv", "Båstad", "Helsingborg", "Höganäs", "Klippan", "Landskrona",
                  "Perstorp", "Svalöv", "Åstorp", "Ängelholm", "Örkelljunga")


def test_register_a_network_and_start_it_to_aktiv(live_server, page):
    base = live_server.url
    year = date.today().year
    login(page, base, "admin@example.org")
    follow(page.get_by_role("link", name="Nätverk", exact=True).first)
    assert "Nätverket för HR-ansvariga" in page.content()
    axe_check(page, "nätverkslistan")

    follow(page.get_by_role("link", name="Nytt nätverk"))
    follow(page.get_by_role("button", name="Spara"))
    assert page.title().startswith("Fel:")
    axe_check(page, "nytt nätverk med fel")
    page.get_by_label("Nätverkets namn").fill("Kulturnätverket")
    page.get_by_label("Samverkansområde").select_option(label="Lärande")
    follow(page.get_by_role("button", name="Spara"))
    assert "Nätverket Kulturnätverket är registrerat under uppstart." in page.content()
    assert "Saknas: Alla 11 medlemskommuner är inbjudna (0 av 11)." in page.content()
    axe_check(page, "nätverk under uppstart")

    follow(page.get_by_role("link", name="Startchecklista"))
    axe_check(page, "startchecklista")
    # one row per municipality: invited, the answer (ja / nej / inte svarat), management,
    # and whether the answer has reached the secretariat
    for name in MUNICIPALITIES:
        page.get_by_label(f"{name}: Inbjuden", exact=True).check()
    for name in MUNICIPALITIES[:6]:
        page.get_by_label(f"Svar från {name}", exact=True).select_option(label="Ja")
        page.get_by_label(f"{name}: Tillfrågad", exact=True).check()
        page.get_by_label(f"{name}: Besked till sekretariatet", exact=True).check()
    page.get_by_label("Svar från Perstorp", exact=True).select_option(label="Nej")
    page.get_by_label("Perstorp: Besked till sekretariatet", exact=True).check()
    follow(page.get_by_role("button", name="Spara"))
    assert "Startchecklistan är sparad." in page.content()

    # what is missing is listed before any button; there is none to press until it is done
    follow(page.get_by_role("link", name="Gör aktivt"))
    assert "Det här saknas innan nätverket kan bli aktivt (4 saker)" in page.content()
    assert page.get_by_role("button", name="Ja, gör nätverket aktivt").count() == 0
    axe_check(page, "gör aktivt med saknade steg")
    follow(page.get_by_role("link", name="Tillbaka till nätverket"))

    follow(page.get_by_role("link", name=f"Plan för {year}"))
    axe_check(page, "årsplan")
    follow(page.get_by_role("button", name="Spara"))
    assert page.title().startswith("Fel:")
    axe_check(page, "årsplan med fel")
    page.get_by_label("Syfte").fill("Stärka kulturlivet i nordvästra Skåne tillsammans.")
    page.get_by_label("Mål").fill("En gemensam kulturkalender.")
    page.get_by_label("Hur ofta nätverket träffas").fill("Fyra gånger per år")
    page.get_by_label("Var nätverket träffas").fill("Hos kommunerna i tur och ordning")
    page.get_by_label("Vem som leder mötena").fill("Samordnaren")
    follow(page.get_by_role("button", name="Spara"))
    assert f"Planen för {year} är sparad." in page.content()

    follow(page.get_by_role("link", name="Välj samordnare"))
    axe_check(page, "samordnare")
    page.get_by_label("Samordnarens e-postadress").fill("hr.klippan@example.org")
    follow(page.get_by_role("button", name="Spara"))
    assert "HR Klippan är samordnare för Kulturnätverket." in page.content()

    follow(page.get_by_role("link", name="Gör aktivt"))
    axe_check(page, "gör aktivt")
    follow(page.get_by_role("button", name="Ja, gör nätverket aktivt"))
    assert "Kulturnätverket är aktivt." in page.content()
    axe_check(page, "aktivt nätverk")

    for path in ("/natverk/rapport", "/natverk/saknas", "/natverk/omraden", "/natverk/enkater"):
        page.goto(base + path)
        axe_check(page, path)
    assert not page.console_errors, page.console_errors


def test_the_survey_is_opened_and_answered(live_server, page):
    base = live_server.url
    login(page, base, "admin@example.org", then="/natverk/enkater")
    follow(page.get_by_role("link", name="Ny enkät"))
    axe_check(page, "ny enkät")
    follow(page.get_by_role("button", name="Spara"))
    assert "Enkäten är skapad." in page.content()
    follow(page.get_by_role("link", name="Öppna enkäten"))
    axe_check(page, "öppna enkäten?")
    follow(page.get_by_role("button", name="Ja, öppna enkäten"))
    assert "Enkäten är öppen." in page.content()
    logout(page)

    # The HR contact of Bjuv is a member of the HR network.
    login(page, base, "hr.bjuv@example.org")
    follow(page.get_by_role("link", name="Enkät till nätverken: 1 svar saknas"))
    axe_check(page, "mina enkäter")
    follow(page.get_by_role("link", name="Svara för Nätverket för HR-ansvariga"))
    axe_check(page, "svara")
    follow(page.get_by_role("button", name="Skicka svaret"))
    assert page.title().startswith("Fel:")
    axe_check(page, "svara med fel")
    for question in ("Bidrar nätverket till samarbetets syfte?", "Är nätverkets syfte tydligt?",
                     "Fungerar nätverkets mötesorganisation?",
                     "Skulle du rekommendera andra att delta i nätverket?"):
        page.get_by_role("group", name=question).get_by_label("4", exact=True).check()
    follow(page.get_by_role("button", name="Skicka svaret"))
    assert "Tack för ditt svar om Nätverket för HR-ansvariga!" in page.content()
    assert "Du har inget att svara på just nu." in page.content()

    # The member reads the network's page and last year's results (8 answers: shown).
    page.goto(f"{base}/natverk/")
    follow(page.get_by_role("link", name="Nätverket för HR-ansvariga").first)
    axe_check(page, "HR-nätverket som medlem")
    follow(page.get_by_role("link", name=f"Nätverksenkäten {date.today().year - 1}"))
    assert "8 svar" in page.content()
    axe_check(page, "resultat för nätverket")
    assert not page.console_errors, page.console_errors
