"""An admin reminds the HR contacts of the host municipalities with outcomes missing: edits
the text, is refused an empty subject, confirms on a page that says how many get it, and
sees the sending in the log. Every page passes axe and the CSP holds."""

from sqlalchemy import select

from tests.e2e.conftest import axe_check, flash_kinds, follow, from_db, login
from tests.said import refused

SUBJECT = "Utfall saknas för traineegruppen"  # the subject the admin writes


def _expected(app) -> tuple[str, list[tuple[str, str, int]]]:
    """The default subject, and whom the app would remind: (name, municipality, how many
    outcomes are missing there) per HR contact."""
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.trainees.cohorts.services import today
    from mentorship.trainees.outcomes import reminders

    with app.test_request_context():
        admin = db.session.scalar(select(User).where(User.email == "admin@example.org"))
        return reminders.default_text()[0], [
            (r.user.name, r.user.municipality.name, r.missing)
            for r in reminders.recipients(admin, today())]


def _sent(app) -> list[tuple[str, int]]:
    """The reminders sent: (subject, recipients)."""
    from mentorship.trainees.models import OutcomeReminder

    return from_db(app, lambda s: [tuple(r) for r in s.execute(
        select(OutcomeReminder.subject, OutcomeReminder.recipients)
        .order_by(OutcomeReminder.id))])


def test_admin_reminds_hr_contacts_about_missing_outcomes(live_server, page):
    app, base = live_server.app, live_server.url
    default_subject, expected = _expected(app)
    assert any(m == "Helsingborg" and n == 1 for _name, m, n in expected), expected
    login(page, base, "admin@example.org", then="/trainee/utfall")
    follow(page.locator("main a[href='/trainee/utfall/paminnelse']"))
    assert _sent(app) == []
    assert page.locator("section[aria-labelledby=log-title] table").count() == 0  # no log
    assert page.get_by_label("Ämnesrad").input_value() == default_subject
    axe_check(page, "påminn om utfall")
    page.get_by_label("Ämnesrad").fill("")
    follow(page.get_by_role("button", name="Granska och skicka"))
    assert page.title().startswith("Fel:")
    assert refused(page.content()) == {"subject"}
    axe_check(page, "påminn om utfall med fel")
    page.console_errors.clear()  # the refused form answered 400
    page.get_by_label("Ämnesrad").fill(SUBJECT)
    follow(page.get_by_role("button", name="Granska och skicka"))
    assert page.get_by_role("heading", name="Skicka påminnelsen?").is_visible()
    # each HR contact, with their municipality and how many outcomes are missing there
    listed = page.locator("main > ul li").all_inner_texts()
    assert len(listed) == len(expected)
    for (name, municipality, missing), line in zip(expected, listed, strict=True):
        assert line.startswith(f"{name}, {municipality}: {missing} "), line
    assert _sent(app) == []  # only asked
    axe_check(page, "bekräfta påminnelse om utfall")
    follow(page.locator("form[action='/trainee/utfall/paminnelse/skicka'] button"))
    assert page.url == f"{base}/trainee/utfall/paminnelse"
    assert flash_kinds(page) == ["success"]
    assert _sent(app) == [(SUBJECT, len(expected))]
    log = page.get_by_role("table", name="Skickade påminnelser")
    assert log.get_by_role("cell", name=SUBJECT).is_visible()
    axe_check(page, "påminn om utfall med logg")
    assert not page.console_errors, page.console_errors
