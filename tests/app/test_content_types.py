"""Every kind of response carries exactly one charset in its Content-Type."""

from __future__ import annotations

from sqlalchemy import select

from mentorship.extensions import db


def test_each_kind_of_response_has_one_charset(matrix_app):
    from mentorship.mentoring.models import MentorRound, Workshop
    from mentorship.trainees.models import Cohort

    app = matrix_app
    with app.app_context():
        round_id = db.session.scalar(select(MentorRound.id).where(MentorRound.state == "closed"))
        workshop_id = db.session.scalar(
            select(Workshop.id).where(Workshop.round_id == round_id,
                                      Workshop.starts_at.is_not(None)))
        cohort_id = db.session.scalar(select(Cohort.id).order_by(Cohort.number.desc()))
    client = app.test_client()
    client.post("/logga-in", data={"email": "admin@example.org", "password": "mentorship-demo"})
    urls = {
        "/": "text/html; charset=utf-8",
        f"/mentorskap/omgangar/{round_id}/export/par.csv": "text/csv; charset=utf-8",
        f"/mentorskap/omgangar/{round_id}/export/pairs-engine.csv": "text/csv; charset=utf-8",
        f"/mentorskap/omgangar/{round_id}/export/par.xlsx":
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        f"/trainee/grupper/{cohort_id}/kalender.ics": "text/calendar; charset=utf-8",
        f"/mentorskap/workshop/{workshop_id}.ics": "text/calendar; charset=utf-8",
        "/mina-uppgifter/hamta": "application/json; charset=utf-8",
        "/trainee/import/mall.xlsx":
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    for url, expected in urls.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["Content-Type"] == expected, url
        assert response.headers["Content-Type"].count("charset") <= 1, url
