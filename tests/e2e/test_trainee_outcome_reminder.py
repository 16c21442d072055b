"""An admin reminds the HR contacts of the host municipalities with outcomes missing: edits
the text, is refused an empty subject, confirms on a page that says how many get it, and
sees the sending in the log. Every page passes axe and the CSP holds."""

import re

from tests.e2e.conftest import axe_check, follow, login


def test_admin_reminds_hr_contacts_about_missing_outcomes(live_server, page):
    base = live_server.url
    login(page, base, "admin@example.org", then="/trainee/utfall")
    follow(page.get_by_role("link", name="Påminn värdkommunernas HR-kontakter"))
    assert "Inga påminnelser om utfall är skickade än." in page.content()
    assert page.get_by_label("Ämnesrad").input_value() == (
        "Påminnelse: utfall efter traineeåret saknas")
    axe_check(page, "påminn om utfall")
    page.get_by_label("Ämnesrad").fill("")
    follow(page.get_by_role("button", name="Granska och skicka"))
    assert page.title().startswith("Fel:")
    axe_check(page, "påminn om utfall med fel")
    page.console_errors.clear()  # the refused form answered 400
    page.get_by_label("Ämnesrad").fill("Utfall saknas för traineegruppen")
    follow(page.get_by_role("button", name="Granska och skicka"))
    assert page.get_by_role("heading", name="Skicka påminnelsen?").is_visible()
    assert "Helsingborg: 1 utfall saknas" in page.content()
    axe_check(page, "bekräfta påminnelse om utfall")
    button = page.get_by_role("button", name=re.compile(r"^Ja, skicka till \d+ HR-kontakt"))
    n = re.search(r"\d+", button.inner_text()).group(0)
    follow(button)
    assert f"Påminnelsen är skickad till {n} HR-kontakter." in page.content()
    log = page.get_by_role("table", name="Skickade påminnelser")
    assert log.get_by_role("cell", name="Utfall saknas för traineegruppen").is_visible()
    axe_check(page, "påminn om utfall med logg")
    assert not page.console_errors, page.console_errors
