"""Before publishing: people changed after the last run, rules added since, people who
left, mentors without an adept and people who never logged in; asks to run again."""

from sqlalchemy import select

from tests.app.mentoring.test_mentor_rules import WEIGHTS


def test_publish_page_warns_and_asks_to_run_again(app, client, auth, build_round, admin_user,
                                                  password_hash):
    from mentorship.db import utcnow
    from mentorship.extensions import db
    from mentorship.mentoring.models import Enrolment, MatchRun

    r = build_round(pairs=3, password_hash=password_hash)
    auth.login("adept1@example.org")  # has logged in once
    auth.logout()
    with app.app_context():  # one more mentor than adepts
        extra = db.session.get(Enrolment, r.adepts[2].id)
        extra.role = "mentor"
        db.session.commit()
    auth.login(admin_user.email)
    client.post(f"/mentorskap/omgangar/{r.id}/matchning/kor", data=WEIGHTS)
    url = f"/mentorskap/omgangar/{r.id}/publicera"
    html = client.get(url).get_data(as_text=True)
    assert "Kör matchningen igen" not in html  # nothing changed since the run
    # Adept 2 became a mentor: two mentors, the extra one and Mentor 2, have no adept.
    assert "Mentorer utan adept (2)" in html
    assert "Adept 2, Svalöv; Mentor 2, Helsingborg." in html
    assert "Har aldrig loggat in (5)" in html and "Adept 0, " in html
    assert "Adept 1, " not in html.split("Har aldrig loggat in")[1]

    with app.app_context():  # a profile changed after the run, then a rule
        run = db.session.scalars(select(MatchRun)).one()
        e = db.session.get(Enrolment, r.adepts[0].id)
        e.profile_done_at = utcnow()
        assert e.profile_done_at > run.created_at
        db.session.commit()
    response = client.post(f"/mentorskap/omgangar/{r.id}/matchning/regel",
                           data={"kind": "forbid", "adept_id": r.adepts[1].id,
                                 "mentor_id": r.mentors[0].id})
    assert response.status_code == 302
    html = client.get(url).get_data(as_text=True)
    assert "Kör matchningen igen innan du publicerar" in html
    assert "1 person har anmält sig eller ändrat sin profil" in html and "Adept 0, " in html
    assert "1 låsning eller förbud har lagts till" in html

    client.post(f"/mentorskap/omgangar/{r.id}/matchning/kor", data=WEIGHTS)
    html = client.get(url).get_data(as_text=True)
    assert "Kör matchningen igen" not in html
    with app.app_context():  # someone in the proposal leaves
        db.session.delete(db.session.get(Enrolment, r.adepts[1].id))
        db.session.commit()
    html = client.get(url).get_data(as_text=True)
    assert "Någon i förslaget har lämnat omgången" in html
