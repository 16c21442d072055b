"""A round's own e-mail text in a browser: placeholders listed, a wrong one refused, a
preview, saved; and the evaluation questions reworded; both saves listed on the round page."""

import re

from tests.e2e.conftest import axe_check, follow, login


def test_coordinator_edits_previews_and_saves_a_text(live_server, page):
    base = live_server.url
    login(page, base, "admin@example.org")
    follow(page.get_by_role("link", name="Mentorsprogrammet", exact=True).first)
    follow(page.get_by_role("link", name=re.compile(r"^Hösten \d{4}$")).first)
    follow(page.get_by_role("link", name="Texter och frågor"))
    axe_check(page, "texter och frågor")
    follow(page.get_by_role("link", name="Paren är publicerade"))
    assert page.get_by_text("{partner}", exact=True).is_visible()
    body = page.get_by_label("Meddelande")
    body.fill("Hej {namn}! Du och {partner} ({kommun}) hörs via {kontakt}.")
    follow(page.get_by_role("button", name="Spara texten"))
    assert page.title().startswith("Fel:")
    assert "Okänd platshållare: {kontakt}" in page.content()
    axe_check(page, "text med fel")
    page.get_by_label("Meddelande").fill("Hej {namn}! Du och {partner} ({kommun}) hörs snart.")
    follow(page.get_by_role("button", name="Förhandsgranska"))
    preview = page.get_by_role("region", name="Förhandsgranskning med exempel")
    assert "Hej Anna Andersson! Du och Per Persson (Klippan) hörs snart." in preview.inner_text()
    axe_check(page, "förhandsgranskning")
    follow(page.get_by_role("button", name="Spara texten"))
    assert "Texten är sparad för omgången" in page.content()
    page.console_errors.clear()  # the refused save answered 400

    follow(page.get_by_role("link", name="Utvärderingsfrågor"))
    page.get_by_label("Fråga 1 (programmet som helhet)").fill("Hur nöjd är du med hösten?")
    follow(page.get_by_role("button", name="Spara frågorna"))
    assert "Utvärderingsfrågorna är sparade" in page.content()
    assert page.get_by_label("Fråga 1 (programmet som helhet)").input_value() == (
        "Hur nöjd är du med hösten?")
    axe_check(page, "utvärderingsfrågor")

    # Both saves are listed on the round page (which text, not its words).
    follow(page.get_by_role("link", name="Översikt"))
    changes = page.get_by_role("table", name="Ändrade namn, datum och texter")
    assert changes.get_by_role("cell", name="Texten ”Paren är publicerade”").is_visible()
    assert changes.get_by_role("cell", name="Utvärderingsfrågorna").is_visible()
    assert changes.get_by_role("cell", name="ändrad").count() == 2
    assert "hörs snart" not in changes.inner_text()
    axe_check(page, "omgång med ändrade texter")
    assert not page.console_errors, page.console_errors
