"""People's own control: edit and delete their own talk entries, read their profile after
enrolment closes."""

import pytest
from sqlalchemy import select

from tests.said import flashed, form_refused, refused

REASON = "Ny tjänst i annan region"  # what the adept typed as the reason to leave


def _pair(app):
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorPair

    with app.app_context():
        pair = db.session.scalars(select(MentorPair).order_by(MentorPair.id)).first()
        return pair.id, pair.adept.user.email, pair.mentor.user.email, pair.mentor.user.name


def test_own_talks_can_be_edited_and_deleted_by_their_writer_only(
        app, client, auth, build_round, password_hash):
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorTalk

    build_round(pairs=2, state="running", password_hash=password_hash)
    pair_id, adept, mentor, mentor_name = _pair(app)
    auth.login(adept)
    client.post(f"/mentorskap/par/{pair_id}/samtal",
                data={"held_on": "2025-10-01", "minutes": "45", "private_note": "Första"})
    with app.app_context():
        talk_id = db.session.scalars(select(MentorTalk.id)).one()

    def talk():
        with app.app_context():
            t = db.session.get(MentorTalk, talk_id)
            return None if t is None else (str(t.held_on), t.minutes, t.private_note)

    html = client.get("/mentorskap/").get_data(as_text=True)
    assert f"/mentorskap/samtal/{talk_id}/andra" in html
    form = client.get(f"/mentorskap/samtal/{talk_id}/andra").get_data(as_text=True)
    # The edit form names the partner and holds the talk as it is.
    assert mentor_name in form and 'value="2025-10-01"' in form and "Första" in form
    response = client.post(f"/mentorskap/samtal/{talk_id}/andra",
                           data={"held_on": "2099-01-01", "minutes": "45"})
    assert refused(response) == {"held_on"}
    assert talk() == ("2025-10-01", 45, "Första")
    response = client.post(f"/mentorskap/samtal/{talk_id}/andra",
                           data={"held_on": "2025-10-02", "minutes": "75",
                                 "private_note": "Ändrad"})
    assert response.status_code == 302
    assert talk() == ("2025-10-02", 75, "Ändrad")
    auth.logout()
    # The partner sees the talk but can neither edit nor delete it.
    auth.login(mentor)
    assert f"/mentorskap/samtal/{talk_id}/andra" not in client.get("/mentorskap/").get_data(
        as_text=True)
    assert client.get(f"/mentorskap/samtal/{talk_id}/andra").status_code == 404
    assert client.post(f"/mentorskap/samtal/{talk_id}/ta-bort").status_code == 404
    assert talk() is not None
    auth.logout()
    auth.login(adept)
    html = client.get(f"/mentorskap/samtal/{talk_id}/ta-bort").get_data(as_text=True)
    # A confirmation page that names the partner and posts to the delete route.
    assert mentor_name in html
    assert f'<form method="post" action="/mentorskap/samtal/{talk_id}/ta-bort"' in html
    assert talk() is not None
    response = client.post(f"/mentorskap/samtal/{talk_id}/ta-bort")
    assert response.headers["Location"].endswith("/mentorskap/")
    assert flashed(client.get(response.headers["Location"])) == ["success"]
    assert talk() is None


def test_talks_of_a_closed_round_stay_as_they_are(app, client, auth, build_round,
                                                  password_hash):
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorRound, MentorTalk

    r = build_round(pairs=1, state="running", password_hash=password_hash)
    pair_id, adept, _mentor, _name = _pair(app)
    auth.login(adept)
    assert flashed(client.post(f"/mentorskap/par/{pair_id}/samtal", follow_redirects=True,
                               data={"held_on": "2025-10-01", "minutes": "45"})) == ["success"]
    with app.app_context():
        talk_id = db.session.scalars(select(MentorTalk.id)).one()
        db.session.get(MentorRound, r.id).state = "closed"
        db.session.commit()
    response = client.post(f"/mentorskap/samtal/{talk_id}/ta-bort", follow_redirects=True)
    assert flashed(response) == ["error"]
    with app.app_context():
        assert db.session.get(MentorTalk, talk_id) is not None


def test_own_profile_is_readable_after_enrolment_closes(app, client, auth, build_round,
                                                        password_hash):
    r = build_round(pairs=1, state="matching", password_hash=password_hash)
    auth.login("adept0@example.org")
    html = client.get("/mentorskap/").get_data(as_text=True)
    assert f'href="/mentorskap/profil/{r.adepts[0].id}"' in html
    html = client.get(f"/mentorskap/profil/{r.adepts[0].id}").get_data(as_text=True)
    assert "<fieldset disabled>" in html


def test_withdraw_before_publishing_removes_the_enrolment(app, client, auth, build_round,
                                                         password_hash):
    from mentorship.extensions import db
    from mentorship.mentoring.models import Enrolment

    r = build_round(pairs=2, state="matching", password_hash=password_hash)
    auth.login("adept0@example.org")
    url = f"/mentorskap/anmalan/{r.adepts[0].id}/lamna"
    assert url in client.get("/mentorskap/").get_data(as_text=True)
    html = client.get(url).get_data(as_text=True)
    # Before publishing: a plain confirmation, no reason asked for.
    assert '<form method="post" novalidate class="confirm">' in html
    assert 'name="reason"' not in html
    with app.app_context():
        assert db.session.get(Enrolment, r.adepts[0].id) is not None
    response = client.post(url)
    assert response.headers["Location"].endswith("/mentorskap/")
    assert flashed(client.get(response.headers["Location"])) == ["success"]
    with app.app_context():
        assert db.session.get(Enrolment, r.adepts[0].id) is None
    # Someone else's enrolment is not there.
    assert client.get(f"/mentorskap/anmalan/{r.adepts[1].id}/lamna").status_code == 404


def test_asking_to_leave_after_publishing_shows_the_coordinator(app, client, auth, build_round,
                                                                admin_user, password_hash):
    from mentorship.extensions import db
    from mentorship.mentoring.models import Enrolment

    def request_of(enrolment_id):
        with app.app_context():
            e = db.session.get(Enrolment, enrolment_id)
            return e.leave_requested_at, e.leave_reason

    r = build_round(pairs=2, state="running", password_hash=password_hash)
    auth.login("adept0@example.org")
    url = f"/mentorskap/anmalan/{r.adepts[0].id}/lamna"
    html = client.get(url).get_data(as_text=True)
    assert 'name="reason"' in html  # after publishing: a request with a reason
    response = client.post(url, data={"reason": REASON})
    assert response.headers["Location"].endswith("/mentorskap/")
    mine = client.get(response.headers["Location"])
    assert flashed(mine) == ["success"]
    assert url not in mine.get_data(as_text=True)  # no second request from the start page
    asked_at, reason = request_of(r.adepts[0].id)
    assert asked_at is not None and reason == REASON
    assert request_of(r.adepts[1].id)[0] is None
    # Asking again is refused and changes nothing.
    again = client.post(url, data={})
    assert again.status_code == 200 and form_refused(again)
    assert request_of(r.adepts[0].id) == (asked_at, REASON)
    assert 'name="reason"' not in client.get(url).get_data(as_text=True)
    auth.logout()
    auth.login(admin_user.email)
    html = client.get(f"/mentorskap/omgangar/{r.id}/par").get_data(as_text=True)
    leaving = html.split('id="leaving-title"')[1].split("</section>")[0]
    assert leaving.count("<li>") == 1
    assert "Adept 0, Landskrona" in leaving and f"”{REASON}”" in leaving
    assert "/avsluta" in leaving


@pytest.mark.wording
def test_the_leave_page_says_what_leaving_means_before_and_after_publishing(
        app, client, auth, build_round, password_hash):
    r = build_round(pairs=1, state="matching", password_hash=password_hash)
    running = build_round(pairs=1, state="running", password_hash=password_hash)
    auth.login("adept0@example.org")
    before = client.get(f"/mentorskap/anmalan/{r.adepts[0].id}/lamna").get_data(as_text=True)
    assert "Paren är inte publicerade än" in before and "Ja, lämna omgången" in before
    assert "profilen kan inte längre ändras" in client.get(
        f"/mentorskap/profil/{r.adepts[0].id}").get_data(as_text=True)
    url = f"/mentorskap/anmalan/{running.adepts[0].id}/lamna"
    assert "samordnaren avslutar ditt par" in client.get(url).get_data(as_text=True)
    client.post(url, data={"reason": REASON})
    assert "Du har bett att få lämna omgången" in client.get("/mentorskap/").get_data(
        as_text=True)
    assert "Du bad att få lämna omgången" in client.get(url).get_data(as_text=True)
