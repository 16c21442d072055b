"""The round at a glance: figures and a chart with the same numbers as a table."""

from sqlalchemy import select


def test_round_page_shows_the_round_in_figures(app, client, auth, build_round, admin_user,
                                               password_hash):
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorPair, MentorTalk

    r = build_round(pairs=3, state="running", password_hash=None)
    with app.app_context():
        pair = db.session.scalars(select(MentorPair).order_by(MentorPair.id)).first()
        db.session.add(MentorTalk(pair_id=pair.id, author_id=None,
                                  held_on=__import__("datetime").date(2025, 10, 1), minutes=60))
        pair.adept.user.password_hash = password_hash  # one accepted invitation
        db.session.commit()
    auth.login(admin_user.email)
    html = client.get(f"/mentorskap/omgangar/{r.id}").get_data(as_text=True)
    section = html.split('id="glance-title"')[1].split("</section>")[0]
    assert "6 (3 mentorer, 3 adepter)" in section
    assert "<dd>6 av 6</dd>" in section  # profiles
    assert "<dt>Inbjudningar som inte är accepterade</dt><dd>5</dd>" in section
    assert "3 aktiva" in section and "1 (1 par har loggat minst ett)" in section
    assert '<svg class="chart"' in section and 'aria-describedby="glance-table"' in section
    # Mentor 0 works in Bjuv, adept 0 in Landskrona: a row per municipality.
    assert '<th scope="row">Bjuv</th><td class="num">1</td><td class="num">0</td>' in section
    assert section.count("<rect ") == 2 * section.count('<th scope="row">')
    assert "style=" not in section


def test_start_page_lists_what_needs_each_role_now(app, client, auth, build_round, admin_user,
                                                   login_as):
    from mentorship.extensions import db
    from mentorship.mentoring.enrolment.services import enrol_user
    from mentorship.mentoring.models import MentorRound

    matching = build_round(pairs=2, state="matching", name="Matchas nu")
    running = build_round(pairs=2, state="running", name="Pågående")
    open_ = build_round(pairs=1, state="open", name="Anmälan öppen")
    with app.test_request_context():  # a Bjuv manager enrolled without a profile
        from datetime import timedelta

        from mentorship.auth.services import NewUser, create_user
        from mentorship.db import utcnow
        from mentorship.mentoring.models import MentorPair

        for pair in db.session.scalars(select(MentorPair).where(
                MentorPair.round_id == running.id)):  # published seven weeks ago
            pair.published_at = utcnow() - timedelta(weeks=7)
        from mentorship.reference.models import Municipality

        bjuv = db.session.scalar(select(Municipality).where(Municipality.name == "Bjuv"))
        person = create_user(NewUser("ny.chef@example.org", "Ny Chef", bjuv.id,
                                     ("participant",)))
        enrol_user(db.session.get(MentorRound, open_.id), person)
        db.session.commit()
    auth.login(admin_user.email)
    html = client.get("/").get_data(as_text=True)
    assert "Att göra: Matchas nu" in html and "Anmälan är stängd: kör matchningen." in html
    assert "Att göra: Pågående" in html
    assert "2 par har inte loggat något samtal på 6 veckor." in html
    assert f"/mentorskap/omgangar/{running.id}/par?weeks=6" in html
    assert "1 anmäld har inte fyllt i sin profil." in html
    client.post(f"/mentorskap/omgangar/{matching.id}/matchning/kor",
                data={"min_score": "0", "w_business_area": "30", "w_goals": "40",
                      "w_experience": "20", "w_gender": "10", "w_distance": "20"})
    assert "Granska förslaget och publicera." in client.get("/").get_data(as_text=True)
    auth.logout()
    login_as("hr", municipality="Bjuv")
    html = client.get("/").get_data(as_text=True)
    assert "1 i din kommun har inte fyllt i sin profil." in html
    assert "Granska förslaget" not in html


def test_the_dashboard_lists_municipalities_in_swedish_order(app, client, auth, build_round,
                                                             admin_user):
    r = build_round(pairs=6, state="open")  # mentors and adepts from all eleven
    auth.login(admin_user.email)
    section = client.get(f"/mentorskap/omgangar/{r.id}").get_data(as_text=True)
    rows = [f'<th scope="row">{m}</th>' for m in ("Svalöv", "Åstorp", "Ängelholm",
                                                   "Örkelljunga")]
    positions = [section.index(row) for row in rows]
    assert positions == sorted(positions)  # Å, Ä, Ö last, in that order
