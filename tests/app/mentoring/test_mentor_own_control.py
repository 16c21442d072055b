"""People's own control: edit and delete their own talk entries, read their profile after
enrolment closes."""

from sqlalchemy import select


def _pair(app):
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorPair

    with app.app_context():
        pair = db.session.scalars(select(MentorPair).order_by(MentorPair.id)).first()
        return pair.id, pair.adept.user.email, pair.mentor.user.email


def test_own_talks_can_be_edited_and_deleted_by_their_writer_only(
        app, client, auth, build_round, password_hash):
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorTalk

    build_round(pairs=2, state="running", password_hash=password_hash)
    pair_id, adept, mentor = _pair(app)
    auth.login(adept)
    client.post(f"/mentorskap/par/{pair_id}/samtal",
                data={"held_on": "2025-10-01", "minutes": "45", "private_note": "Första"})
    with app.app_context():
        talk_id = db.session.scalars(select(MentorTalk.id)).one()
    html = client.get("/mentorskap/").get_data(as_text=True)
    assert f"/mentorskap/samtal/{talk_id}/andra" in html
    form = client.get(f"/mentorskap/samtal/{talk_id}/andra").get_data(as_text=True)
    assert "Ändra samtalet med" in form and "Första" in form
    response = client.post(f"/mentorskap/samtal/{talk_id}/andra",
                           data={"held_on": "2099-01-01", "minutes": "45"})
    assert "Datumet kan inte vara i framtiden" in response.get_data(as_text=True)
    response = client.post(f"/mentorskap/samtal/{talk_id}/andra",
                           data={"held_on": "2025-10-02", "minutes": "75",
                                 "private_note": "Ändrad"})
    assert response.status_code == 302
    with app.app_context():
        talk = db.session.get(MentorTalk, talk_id)
        assert (str(talk.held_on), talk.minutes, talk.private_note) == ("2025-10-02", 75,
                                                                         "Ändrad")
    auth.logout()
    # The partner sees the talk but can neither edit nor delete it.
    auth.login(mentor)
    assert f"/mentorskap/samtal/{talk_id}/andra" not in client.get("/mentorskap/").get_data(
        as_text=True)
    assert client.get(f"/mentorskap/samtal/{talk_id}/andra").status_code == 404
    assert client.post(f"/mentorskap/samtal/{talk_id}/ta-bort").status_code == 404
    auth.logout()
    auth.login(adept)
    html = client.get(f"/mentorskap/samtal/{talk_id}/ta-bort").get_data(as_text=True)
    assert "Ta bort samtalet med" in html and "Ja, ta bort" in html
    response = client.post(f"/mentorskap/samtal/{talk_id}/ta-bort", follow_redirects=True)
    assert "Mentorssamtalet är borttaget" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(MentorTalk, talk_id) is None


def test_talks_of_a_closed_round_stay_as_they_are(app, client, auth, build_round,
                                                  password_hash):
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorRound, MentorTalk

    r = build_round(pairs=1, state="running", password_hash=password_hash)
    pair_id, adept, _mentor = _pair(app)
    auth.login(adept)
    client.post(f"/mentorskap/par/{pair_id}/samtal", data={"held_on": "2025-10-01",
                                                           "minutes": "45"})
    with app.app_context():
        talk_id = db.session.scalars(select(MentorTalk.id)).one()
        db.session.get(MentorRound, r.id).state = "closed"
        db.session.commit()
    response = client.post(f"/mentorskap/samtal/{talk_id}/ta-bort", follow_redirects=True)
    assert "när omgången är avslutad" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(MentorTalk, talk_id) is not None


def test_own_profile_is_readable_after_enrolment_closes(app, client, auth, build_round,
                                                        password_hash):
    r = build_round(pairs=1, state="matching", password_hash=password_hash)
    auth.login("adept0@example.org")
    html = client.get("/mentorskap/").get_data(as_text=True)
    assert f"/mentorskap/profil/{r.adepts[0].id}" in html and "Visa min profil" in html
    html = client.get(f"/mentorskap/profil/{r.adepts[0].id}").get_data(as_text=True)
    assert "profilen kan inte längre ändras" in html and "<fieldset disabled>" in html


def test_withdraw_before_publishing_removes_the_enrolment(app, client, auth, build_round,
                                                         password_hash):
    from mentorship.extensions import db
    from mentorship.mentoring.models import Enrolment

    r = build_round(pairs=2, state="matching", password_hash=password_hash)
    auth.login("adept0@example.org")
    url = f"/mentorskap/anmalan/{r.adepts[0].id}/lamna"
    assert url in client.get("/mentorskap/").get_data(as_text=True)
    html = client.get(url).get_data(as_text=True)
    assert "Paren är inte publicerade än" in html and "Ja, lämna omgången" in html
    response = client.post(url, follow_redirects=True)
    assert "Du har lämnat omgången" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Enrolment, r.adepts[0].id) is None
    # Someone else's enrolment is not there.
    assert client.get(f"/mentorskap/anmalan/{r.adepts[1].id}/lamna").status_code == 404


def test_asking_to_leave_after_publishing_shows_the_coordinator(app, client, auth, build_round,
                                                                admin_user, password_hash):
    r = build_round(pairs=2, state="running", password_hash=password_hash)
    auth.login("adept0@example.org")
    url = f"/mentorskap/anmalan/{r.adepts[0].id}/lamna"
    html = client.get(url).get_data(as_text=True)
    assert "samordnaren avslutar ditt par" in html
    response = client.post(url, data={"reason": "Ny tjänst i annan region"},
                           follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "Samordnaren har fått din begäran" in html
    assert "Du har bett att få lämna omgången" in html
    assert client.post(url, data={}, follow_redirects=True).status_code == 200
    assert "Du bad att få lämna omgången" in client.get(url).get_data(as_text=True)
    auth.logout()
    auth.login(admin_user.email)
    html = client.get(f"/mentorskap/omgangar/{r.id}/par").get_data(as_text=True)
    assert "Vill lämna programmet (1)" in html
    assert "Adept 0, Landskrona" in html and "”Ny tjänst i annan region”" in html
    assert "/avsluta" in html.split("Vill lämna programmet")[1].split("</section>")[0]
