"""A round's own e-mail text in a browser: placeholders listed, a wrong one refused, a
preview, saved; and the evaluation questions reworded; both saves listed on the round page."""

import re

from mentorship.mentoring.codes import CHANGED, PUBLISH, TEXT
from tests.e2e.conftest import axe_check, flash_kinds, follow, from_db, login
from tests.said import refused, summary

BODY = "Hej {namn}! Du och {partner} ({kommun}) hörs snart."  # the coordinator's text
QUESTION = "Hur nöjd är du med hösten?"


def _texts(app, round_id: int) -> dict:
    """The round's own texts and questions, as stored."""
    from mentorship.mentoring.models import MentorRound

    return from_db(app, lambda s: dict(s.get(MentorRound, round_id).texts or {}))


def _labels(app) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """The example values of the preview and the labels of the round's change list."""
    from mentorship.mentoring.labels import change_field_labels, change_value_labels
    from mentorship.mentoring.rounds.texts import examples

    with app.test_request_context():
        return examples(), change_field_labels(), change_value_labels()


def test_coordinator_edits_previews_and_saves_a_text(live_server, page):
    app, base = live_server.app, live_server.url
    examples, fields, values = _labels(app)
    login(page, base, "admin@example.org")
    follow(page.get_by_role("link", name="Mentorsprogrammet", exact=True).first)
    follow(page.get_by_role("link", name=re.compile(r"^Hösten \d{4}$")).first)
    round_id = int(re.search(r"/omgangar/(\d+)", page.url).group(1))
    texts = f"/mentorskap/omgangar/{round_id}/texter"
    follow(page.locator(f"a[href='{texts}']").first)
    axe_check(page, "texter och frågor")
    follow(page.locator(f"a[href='{texts}?text={PUBLISH}']"))
    assert page.get_by_text("{partner}", exact=True).is_visible()
    body = page.get_by_label("Meddelande")
    body.fill(BODY.replace("snart", "via {kontakt}"))
    follow(page.get_by_role("button", name="Spara texten"))
    assert page.title().startswith("Fel:")
    assert refused(page.content()) == {"body"}
    assert "{kontakt}" in " ".join(summary(page.content()))  # the unknown placeholder named
    assert PUBLISH not in _texts(app, round_id)
    axe_check(page, "text med fel")
    page.get_by_label("Meddelande").fill(BODY)
    follow(page.get_by_role("button", name="Förhandsgranska"))
    preview = page.locator("section[aria-labelledby=preview-title] pre.mail")
    filled = BODY
    for name in ("namn", "partner", "kommun"):
        filled = filled.replace("{" + name + "}", examples[name])
    assert preview.inner_text() == filled
    assert PUBLISH not in _texts(app, round_id)  # a preview saves nothing
    axe_check(page, "förhandsgranskning")
    follow(page.get_by_role("button", name="Spara texten"))
    assert flash_kinds(page) == ["success"]
    assert _texts(app, round_id)[PUBLISH]["body"] == BODY
    page.console_errors.clear()  # the refused save answered 400

    follow(page.locator(f"a[href='{texts}?text=fragor']"))
    page.locator("[name=overall]").fill(QUESTION)
    follow(page.get_by_role("button", name="Spara frågorna"))
    assert flash_kinds(page) == ["success"]
    assert _texts(app, round_id)["fragor"]["overall"] == QUESTION
    assert page.locator("[name=overall]").input_value() == QUESTION
    axe_check(page, "utvärderingsfrågor")

    # Both saves are listed on the round page (which text, not its words).
    follow(page.get_by_role("link", name="Översikt"))
    changes = page.get_by_role("table", name="Ändrade namn, datum och texter")
    assert changes.get_by_role("cell", name=fields[TEXT + PUBLISH]).is_visible()
    assert changes.get_by_role("cell", name=fields[TEXT + "fragor"]).is_visible()
    assert changes.get_by_role("cell", name=values[CHANGED]).count() == 2
    assert "hörs snart" not in changes.inner_text()
    axe_check(page, "omgång med ändrade texter")
    assert not page.console_errors, page.console_errors
