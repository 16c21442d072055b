"""The year in figures in a real browser, with the demo data: the coordinator opens the
year's report from the menu, follows a figure to the list it counts, edits a paragraph and
resets it; an HR contact reads their municipality's version. Every page passes axe, the
error state included, and the charts load under the CSP."""

from datetime import date

from mentorship.demo.report import report_year
from tests.e2e.a11y import overflows
from tests.e2e.conftest import axe_check, follow, login, logout


def test_the_coordinator_reads_edits_and_resets_the_years_report(live_server, page):
    base = live_server.url
    year = report_year(date.today())
    login(page, base, "admin@example.org")
    follow(page.get_by_role("link", name="Året i siffror", exact=True).first)
    if f"Året i siffror {year}" not in page.title():
        page.goto(f"{base}/rapport/ar/{year}")
    assert "Samtliga elva medlemskommuner var representerade." in page.inner_text("main")
    # the charts are real images that loaded
    widths = page.evaluate(
        "() => Array.from(document.querySelectorAll('figure.report-chart img'), i => i.naturalWidth)")
    assert len(widths) == 3 and all(w > 200 for w in widths)
    axe_check(page, "året i siffror")
    page.set_viewport_size({"width": 320, "height": 900})
    assert not overflows(page), "the report is wider than a 320 px screen"
    page.set_viewport_size({"width": 1280, "height": 900})

    paragraph = page.locator("#p-trainee\\.events")
    follow(paragraph.get_by_role("link", name="Redigera stycket"))
    axe_check(page, "redigera stycket")
    page.get_by_label("Stycket").fill("")
    follow(page.get_by_role("button", name="Spara stycket"))
    assert page.title().startswith("Fel:")
    axe_check(page, "redigera stycket med fel")
    page.get_by_label("Stycket").fill("Traineerna gjorde studiebesök i samtliga elva kommuner.")
    follow(page.get_by_role("button", name="Spara stycket"))
    assert "Stycket är sparat." in page.inner_text("main")
    assert "Redigerad" in paragraph.inner_text()
    axe_check(page, "året i siffror med ett redigerat stycke")

    follow(paragraph.get_by_role("link", name="Återställ den genererade texten"))
    axe_check(page, "återställ stycket")
    follow(page.get_by_role("button", name="Ja, återställ stycket"))
    assert "Stycket har den genererade texten igen." in page.inner_text("main")
    assert "Studiebesöken nådde samtliga elva medlemskommuner." in page.inner_text("main")

    # a figure links to the list it counts
    follow(page.locator("#p-trainee\\.ended\\.17").get_by_role("link", name="åtta").first)
    assert "/trainee/grupper/" in page.url
    logout(page)

    login(page, base, "hr.bjuv@example.org", then=f"/rapport/ar/{year}")
    assert "Du ser versionen för Bjuv" in page.inner_text("main")
    assert "Redigera stycket" not in page.inner_text("main")
    axe_check(page, "året i siffror, Bjuvs HR-kontakt")
