"""The year in figures in a real browser, with the demo data: the coordinator opens the
year's report from the menu, follows a figure to the list it counts, edits a paragraph and
resets it; an HR contact reads their municipality's version. Every page passes axe, the
error state included, and the charts load under the CSP."""

from datetime import date

from mentorship.demo.report import report_year
from tests.e2e.a11y import overflows
from tests.e2e.conftest import axe_check, flash_kinds, follow, from_db, login, logout
from tests.said import refused

EDITED = "Traineerna gjorde studiebesök i samtliga elva kommuner."  # the new wording
KEY = "trainee.events"  # the paragraph edited


def _paragraphs(app, email: str, year: int) -> tuple[str | None, dict[str, str]]:
    """The report as the app writes it for this person: the municipality of its version
    (None: the whole), and each paragraph's text by its key."""
    from sqlalchemy import select

    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.reports.services import year_report

    with app.test_request_context():
        user = db.session.scalar(select(User).where(User.email == email))
        report = year_report(user, year)
        return report.figures.scope.municipality, {p.key: p.text for p in report.paragraphs}


def _edited(app, year: int) -> str | None:
    """The coordinator's stored wording of the paragraph, None without one."""
    from sqlalchemy import select

    from mentorship.reports.models import ReportParagraph

    return from_db(app, lambda s: s.scalar(select(ReportParagraph.text).where(
        ReportParagraph.year == year, ReportParagraph.key == KEY)))


def _shown(page) -> dict[str, str]:
    """Each paragraph on the page, by its key, as one line of text."""
    return {p.get_attribute("id").removeprefix("t-"): " ".join(p.inner_text().split())
            for p in page.locator(".report-paragraph > p[id^='t-']").all()}


def _as_line(texts: dict[str, str]) -> dict[str, str]:
    return {key: " ".join(text.split()) for key, text in texts.items()}


def test_the_coordinator_reads_edits_and_resets_the_years_report(live_server, page):
    app, base = live_server.app, live_server.url
    year = report_year(date.today())
    report = f"/rapport/ar/{year}"
    whole, written = _paragraphs(app, "admin@example.org", year)
    assert whole is None and KEY in written
    login(page, base, "admin@example.org")
    follow(page.get_by_role("link", name="Året i siffror", exact=True).first)
    if f"Året i siffror {year}" not in page.title():
        page.goto(f"{base}{report}")
    assert _shown(page) == _as_line(written)  # every paragraph, as the app wrote it
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
    assert refused(page.content()) == {"text"}
    assert _edited(app, year) is None
    axe_check(page, "redigera stycket med fel")
    page.get_by_label("Stycket").fill(EDITED)
    follow(page.get_by_role("button", name="Spara stycket"))
    assert page.url == f"{base}{report}#p-{KEY}"
    assert flash_kinds(page) == ["success"]
    assert _edited(app, year) == EDITED
    assert _shown(page)[KEY] == EDITED
    assert "Redigerad" in paragraph.inner_text()
    axe_check(page, "året i siffror med ett redigerat stycke")

    follow(paragraph.locator(f"a[href='{report}/stycke/{KEY}/aterstall']"))
    axe_check(page, "återställ stycket")
    follow(page.locator("form.confirm button[type=submit]"))
    assert page.url == f"{base}{report}#p-{KEY}"
    assert flash_kinds(page) == ["success"]
    assert _edited(app, year) is None
    assert _shown(page)[KEY] == _as_line(written)[KEY]  # the generated text again

    # a figure links to the list it counts
    follow(page.locator("#p-trainee\\.ended\\.17").get_by_role("link", name="åtta").first)
    assert "/trainee/grupper/" in page.url
    logout(page)

    municipality, for_bjuv = _paragraphs(app, "hr.bjuv@example.org", year)
    assert municipality == "Bjuv"
    login(page, base, "hr.bjuv@example.org", then=report)
    assert _shown(page) == _as_line(for_bjuv)  # Bjuv's version
    assert page.locator("main a[href*='/stycke/']").count() == 0  # nothing to edit
    axe_check(page, "året i siffror, Bjuvs HR-kontakt")
