"""The demo has a year whose report reads like the annual report's pages: the figures the
annual report tells (asserted on the report service), shown on the page, and the HR
contact's version of them."""

from __future__ import annotations

from datetime import date

from markupsafe import escape
from sqlalchemy import select


def _report(app, email: str, year: int):
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.reports.services import year_report

    with app.test_request_context():
        actor = db.session.scalar(select(User).where(User.email == email))
        return year_report(actor, year)


def _login(app, email: str):
    client = app.test_client()
    response = client.post("/logga-in", data={"email": email, "password": "mentorship-demo"})
    assert response.status_code == 302
    return client


def test_the_demo_year_has_the_annual_reports_figures(demo_app):
    from mentorship.demo.report import report_year
    from mentorship.extensions import db
    from mentorship.mentoring.closing_models import Nomination
    from mentorship.trainees.models import Cohort, GroupProject

    year = report_year(date.today())
    report = _report(demo_app, "admin@example.org", year)
    figures = report.figures
    members = len(figures.members)
    assert members == 11
    # a round of 48 managers from every member municipality
    (big,) = [r for r in figures.mentor.rounds if r.managers == 48]
    assert len(big.municipalities) == members
    assert report.paragraph(f"mentor.round.{big.id}") is not None
    # group 17 ended that year, all eight trainees employed; group 18 started with ten
    (g17,) = [c for c in figures.trainee.ended if c.number == 17]
    assert (g17.trainees, g17.permanent) == (8, 8) and g17.permanent_places
    (g18,) = [c for c in figures.trainee.started if c.number == 18]
    assert g18.trainees == 10 and g18.hosts
    assert report.paragraph("trainee.ended.17") and report.paragraph("trainee.started.18")
    # the year's study visits reached every member municipality
    assert len(figures.trainee.visited) == members
    assert all(visited for _name, visited in figures.trainee.coverage)
    # Årets mentor, quoted with consent
    (winner,) = [r for r in figures.mentor.rounds if r.winner]
    with demo_app.app_context():
        quote = db.session.scalar(select(Nomination.text).where(
            Nomination.round_id == winner.id, Nomination.winner.is_(True)))
        assignment = db.session.scalar(
            select(GroupProject.assignment).join(Cohort, Cohort.id == GroupProject.cohort_id)
            .where(Cohort.number == 17))
    assert quote and winner.quote == quote
    assert report.paragraph(f"mentor.winner.{winner.id}").quote == quote
    # group 17's project
    assert assignment and g17.assignment == assignment.strip()
    assert report.paragraph("trainee.project.17") is not None


def test_the_demo_years_page_shows_the_report_and_the_hr_contact_their_version(demo_app):
    from mentorship.demo.report import report_year

    year = report_year(date.today())
    everyone = _report(demo_app, "admin@example.org", year)
    bjuv = _report(demo_app, "hr.bjuv@example.org", year)
    assert bjuv.figures.scope.municipality == "Bjuv"
    (big,) = [r for r in everyone.figures.mentor.rounds if r.managers == 48]
    key = f"mentor.round.{big.id}"
    assert bjuv.paragraph(key).text != everyone.paragraph(key).text

    response = _login(demo_app, "admin@example.org").get(f"/rapport/ar/{year}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    for p in everyone.paragraphs:
        assert f'<p id="t-{p.key}">{p.html()}</p>' in html, p.key
        if p.quote:
            assert escape(p.quote) in html
    html = _login(demo_app, "hr.bjuv@example.org").get(f"/rapport/ar/{year}").get_data(
        as_text=True)
    for p in bjuv.paragraphs:
        assert f'<p id="t-{p.key}">{p.html()}</p>' in html, p.key
    assert str(everyone.paragraph(key).html()) not in html
