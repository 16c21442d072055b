"""An HR contact logs in, sees the outcome still missing on the start page, reports it, and
sees the report change. Every page passes axe and the CSP holds (no console errors)."""

import re
from datetime import date

from mentorship.trainees.models import PERMANENT_MEMBER
from tests.e2e.conftest import axe_check, flash_kinds, follow, from_db, login
from tests.said import cards, refused


def _total(page) -> list[int]:
    """The report's key figure as its numbers: permanent, of how many, the share in %."""
    return [int(n) for n in re.findall(r"\d+", page.locator("#report-total").inner_text())]


def _saga(app) -> tuple[int, tuple | None, int]:
    """Saga Ljung's trainee id, her outcome (category, employer, title, start) and how
    many changes its history has."""
    from sqlalchemy import or_, select

    from mentorship.auth.models import User
    from mentorship.trainees.models import Trainee

    def read(session):
        trainee = session.scalar(select(Trainee).outerjoin(User, User.id == Trainee.user_id)
                                 .where(or_(User.name == "Saga Ljung",
                                            Trainee.imported_name == "Saga Ljung")))
        o = trainee.outcome
        if o is None:
            return trainee.id, None, 0
        employer = o.employer_municipality.name if o.employer_municipality else None
        return (trainee.id, (o.category, employer, o.position_title, o.start_date),
                len(o.changes))

    return from_db(app, read)


def _history_labels(app) -> tuple[str, str]:
    """The history's name of the outcome field, and the label of a permanent post."""
    from mentorship.trainees.labels import outcome_field_labels, outcome_labels

    with app.test_request_context():
        return outcome_field_labels()["category"], outcome_labels()[PERMANENT_MEMBER]


def test_hr_reports_a_missing_outcome_and_the_report_changes(live_server, page):
    app, base = live_server.app, live_server.url
    saga, outcome, _changes = _saga(app)
    assert outcome is None
    login(page, base, "hr.helsingborg@example.org", then=None)

    # The report before: in Helsingborg, groups 16 and 17 had 4 trainees, 3 permanent.
    page.goto(f"{base}/trainee/rapport")
    assert _total(page) == [3, 4, 75]
    assert page.locator("svg.chart rect").count() >= 2
    axe_check(page, "rapport")

    page.goto(f"{base}/")
    [(link, title, text)] = [c for c in cards(page.content()) if c[0] == "/trainee/utfall"]
    assert re.match(r"1\D", title) and "Saga Ljung" in text, (title, text)  # one missing
    assert "Saga Ljung (grupp 16)" in page.content()
    axe_check(page, "start med saknade utfall")
    follow(page.locator(f"main a[href='{link}']"))
    axe_check(page, "utfall")

    follow(page.locator(f"main a[href='/trainee/{saga}/utfall']"))
    axe_check(page, "rapportera utfall")
    follow(page.get_by_role("button", name="Spara utfallet"))
    assert page.title().startswith("Fel:")
    assert refused(page.content()) == {"category"}
    assert _saga(app)[1] is None
    axe_check(page, "rapportera utfall med fel")
    page.locator(f"input[name=category][value={PERMANENT_MEMBER}]").check()
    page.get_by_label("Anställande medlemskommun").select_option(label="Helsingborg")
    page.get_by_label("Befattning").fill("digitaliseringsstrateg")
    page.get_by_label("Startdatum för anställningen").fill("2025-09-01")
    follow(page.get_by_role("button", name="Spara utfallet"))
    assert page.url == f"{base}/trainee/{saga}"
    assert flash_kinds(page) == ["success"]
    assert _saga(app) == (saga, (PERMANENT_MEMBER, "Helsingborg", "digitaliseringsstrateg",
                                 date(2025, 9, 1)), 1)
    # the history names the change: the outcome, from nothing to a permanent post
    field, permanent = _history_labels(app)
    changes = page.locator("#historik ~ .table-wrap table tbody li").all_inner_texts()
    assert any(c.startswith(f"{field}:") and c.endswith(f"→ {permanent}") for c in changes), (
        changes)
    axe_check(page, "trainee med historik")

    follow(page.get_by_role("link", name="Traineeprogrammet").first)
    follow(page.get_by_role("link", name="Rapport", exact=True))
    assert _total(page) == [4, 4, 100]
    page.goto(f"{base}/")
    assert [c for c in cards(page.content()) if c[0] == "/trainee/utfall"] == []
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
