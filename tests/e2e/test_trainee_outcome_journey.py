"""An HR contact logs in, sees the outcome still missing on the start page, reports it, and
sees the report change. Every page passes axe and the CSP holds (no console errors)."""

import re

from tests.e2e.conftest import axe_check, follow, login


def _total(page) -> str:
    return page.locator("#report-total").inner_text()


def test_hr_reports_a_missing_outcome_and_the_report_changes(live_server, page):
    base = live_server.url
    login(page, base, "hr.helsingborg@example.org", then=None)

    # The report before: in Helsingborg, groups 16 and 17 had 4 trainees, 3 permanent.
    page.goto(f"{base}/trainee/rapport")
    assert "Totalt 3 av 4 trainees (75 %)" in _total(page)
    assert page.locator("svg.chart rect").count() >= 2
    axe_check(page, "rapport")

    page.goto(f"{base}/")
    card = page.get_by_role("link", name="1 utfall att rapportera")
    assert card.is_visible()
    assert "Saga Ljung (grupp 16)" in page.content()
    axe_check(page, "start med saknade utfall")
    follow(card)
    axe_check(page, "utfall")

    follow(page.get_by_role("link", name=re.compile("Rapportera utfall.*Saga Ljung")))
    axe_check(page, "rapportera utfall")
    follow(page.get_by_role("button", name="Spara utfallet"))
    assert page.title().startswith("Fel:")
    axe_check(page, "rapportera utfall med fel")
    page.get_by_label("Tillsvidareanställning i en medlemskommun").check()
    page.get_by_label("Anställande medlemskommun").select_option(label="Helsingborg")
    page.get_by_label("Befattning").fill("digitaliseringsstrateg")
    page.get_by_label("Startdatum för anställningen").fill("2025-09-01")
    follow(page.get_by_role("button", name="Spara utfallet"))
    assert "Utfallet för Saga Ljung är sparat." in page.content()
    assert "Utfall: (tomt) → Tillsvidareanställning i en medlemskommun" in page.content()
    axe_check(page, "trainee med historik")

    follow(page.get_by_role("link", name="Traineeprogrammet").first)
    follow(page.get_by_role("link", name="Rapport", exact=True))
    assert "Totalt 4 av 4 trainees (100 %)" in _total(page)
    page.goto(f"{base}/")
    assert "utfall att rapportera" not in page.content()
    assert not page.console_errors, page.console_errors


def test_trainee_pages_pass_axe(live_server, page):
    base = live_server.url
    login(page, base, "admin@example.org", then="/trainee/")
    axe_check(page, "traineegrupper")
    follow(page.get_by_role("link", name="Traineegrupp 18"))
    assert "Återstår" in page.content()
    axe_check(page, "grupp 18")
    follow(page.get_by_role("link", name="Projektledning", exact=True))
    axe_check(page, "utbildningsdag med närvaro")
    page.go_back()
    follow(page.get_by_role("link", name="Astrid Nordin"))
    axe_check(page, "trainee")
    follow(page.get_by_role("link", name="Ändra placering och utbildning"))
    axe_check(page, "placering")
    for path in (
        "/trainee/grupper/ny",
        "/trainee/import",
        "/trainee/utfall",
        "/trainee/rapport?cohort=2",
    ):
        page.goto(base + path)
        axe_check(page, path)
    page.goto(f"{base}/trainee/grupper/ny")
    follow(page.get_by_role("button", name="Spara"))
    assert page.title().startswith("Fel:")
    axe_check(page, "ny grupp med fel")
    assert not page.console_errors, page.console_errors


def test_trainee_sees_own_placement(live_server, page):
    login(page, live_server.url, "astrid.nordin.trainee@example.org")
    follow(page.get_by_role("link", name="Min placering").first)
    assert "utvecklingsstrateg" in page.content()
    axe_check(page, "min placering")
