"""An HR contact logs in, sees the outcome still missing on the start page, reports it, and
sees the report change. Every page passes axe and the CSP holds (no console errors)."""

import re

from tests.e2e.conftest import axe_check, login


def _total(page) -> str:
    return page.locator("#report-total").inner_text()


def test_hr_reports_a_missing_outcome_and_the_report_changes(live_server, page):
    base = live_server.url
    login(page, base, "hr.helsingborg@example.org")

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
    card.click()
    axe_check(page, "utfall")

    page.get_by_role("link", name=re.compile("Rapportera utfall.*Saga Ljung")).click()
    axe_check(page, "rapportera utfall")
    page.get_by_role("button", name="Spara utfallet").click()
    assert page.title().startswith("Fel:")
    axe_check(page, "rapportera utfall med fel")
    page.get_by_label("Tillsvidareanställning i en medlemskommun").check()
    page.get_by_label("Anställande medlemskommun").select_option(label="Helsingborg")
    page.get_by_label("Befattning").fill("digitaliseringsstrateg")
    page.get_by_label("Startdatum för anställningen").fill("2025-09-01")
    page.get_by_role("button", name="Spara utfallet").click()
    assert "Utfallet för Saga Ljung är sparat." in page.content()
    assert "Utfall: (tomt) → Tillsvidareanställning i en medlemskommun" in page.content()
    axe_check(page, "trainee med historik")

    page.get_by_role("link", name="Traineeprogrammet").first.click()
    page.get_by_role("link", name="Rapport", exact=True).click()
    assert "Totalt 4 av 4 trainees (100 %)" in _total(page)
    page.goto(f"{base}/")
    assert "utfall att rapportera" not in page.content()
    assert not page.console_errors, page.console_errors


def test_trainee_pages_pass_axe(live_server, page):
    base = live_server.url
    login(page, base, "admin@example.org")
    page.goto(f"{base}/trainee/")
    axe_check(page, "traineegrupper")
    page.get_by_role("link", name="Traineegrupp 18").click()
    assert "Återstår" in page.content()
    axe_check(page, "grupp 18")
    page.get_by_role("link", name="Projektledning", exact=True).click()
    axe_check(page, "utbildningsdag med närvaro")
    page.go_back()
    page.get_by_role("link", name="Astrid Nordin").click()
    axe_check(page, "trainee")
    page.get_by_role("link", name="Ändra placering och utbildning").click()
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
    page.get_by_role("button", name="Spara").click()
    assert page.title().startswith("Fel:")
    axe_check(page, "ny grupp med fel")
    assert not page.console_errors, page.console_errors


def test_trainee_sees_own_placement(live_server, page):
    login(page, live_server.url, "astrid.nordin.trainee@example.org")
    page.get_by_role("link", name="Min placering").first.click()
    assert "utvecklingsstrateg" in page.content()
    axe_check(page, "min placering")
