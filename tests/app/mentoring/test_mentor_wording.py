"""Swedish that reads right: round states after "omgången är", a mentor's adepts in one
phrase, and what "Båda går bra" means."""

import pytest
from sqlalchemy import select

from tests.app.mentoring.test_mentor_rules import WEIGHTS

pytestmark = pytest.mark.wording  # every test here is about the words themselves


def test_round_states_read_as_swedish_after_the_verb(client, auth, build_round, admin_user):
    r = build_round(pairs=2, state="running")
    auth.login(admin_user.email)
    html = client.get(f"/mentorskap/omgangar/{r.id}/matchning").get_data(as_text=True)
    assert "Omgången är igång." in html and "är pågår" not in html
    html = client.get(f"/mentorskap/omgangar/{r.id}/deltagare").get_data(as_text=True)
    assert "(omgången är igång)" in html
    response = client.post(f"/mentorskap/omgangar/{r.id}/matchning/kor", follow_redirects=True,
                           data=WEIGHTS)
    html = response.get_data(as_text=True)
    assert ("när omgången är igång (det går när den är: ett utkast, öppen för anmälan, "
            "i matchning)") in html


def test_a_refused_state_change_names_both_states(app, build_round, admin_user):
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorRound
    from mentorship.mentoring.rounds import services as rounds
    from mentorship.refusals import ServiceError

    r = build_round(pairs=1, state="draft")
    with app.test_request_context():
        admin = db.session.get(User, admin_user.id)
        with pytest.raises(ServiceError) as err:
            rounds.change_state(admin, db.session.get(MentorRound, r.id), "running")
    assert err.value.message == "En omgång som är ett utkast kan inte gå till läget Pågår."


def test_a_mentor_with_two_adepts_reads_them_in_one_phrase(app, build_round, admin_user):
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.mentoring.models import Enrolment, MentorPair, MentorRound
    from mentorship.mentoring.talks.services import start_summary

    r = build_round(pairs=2, state="running")
    with app.test_request_context():
        pairs = db.session.scalars(select(MentorPair).order_by(MentorPair.id)).all()
        mentor = pairs[0].mentor
        # The second pair's adept moves to the first pair's mentor.
        pairs[1].mentor_id = mentor.id
        mentor.capacity = 2
        db.session.commit()
        adepts = [db.session.get(Enrolment, p.adept_id).user for p in pairs]
        line = start_summary(db.session.get(User, mentor.user_id))
        round_name = db.session.get(MentorRound, r.id).name
    assert line.count("adept") == 1, line
    assert line.startswith(f"{round_name}, dina adepter är ")
    named = line.removeprefix(f"{round_name}, dina adepter är ").split(", logga ert")[0]
    assert set(named.split(" och ")) == {f"{u.name} ({u.municipality.name})" for u in adepts}


def test_both_fine_is_explained_as_in_person_or_digital(client, auth, build_round,
                                                       password_hash):
    r = build_round(pairs=1, state="open", password_hash=password_hash)
    auth.login("adept0@example.org")
    html = client.get(f"/mentorskap/profil/{r.adepts[0].id}").get_data(as_text=True)
    assert "Båda går bra: fysiskt eller digitalt" in html
    assert "Svarar ni båda ”Båda går bra” träffas ni fysiskt eller digitalt" in html


def test_the_start_page_says_when_the_next_talk_is_due(app, build_round):
    from datetime import date, timedelta

    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorPair, MentorTalk
    from mentorship.mentoring.talks.services import TALK_DUE_WEEKS, start_summary

    build_round(pairs=1, state="running")
    with app.test_request_context():
        pair = db.session.scalars(select(MentorPair)).one()
        adept = db.session.get(User, pair.adept.user_id)
        assert "logga ert första mentorssamtal" in start_summary(adept)
        long_ago = date.today() - timedelta(weeks=TALK_DUE_WEEKS + 1)
        db.session.add(MentorTalk(pair_id=pair.id, author_id=adept.id, held_on=long_ago,
                                  minutes=60))
        db.session.commit()
        assert "dags att boka nästa mentorssamtal" in start_summary(adept)
        db.session.add(MentorTalk(pair_id=pair.id, author_id=adept.id,
                                  held_on=date.today() - timedelta(days=3), minutes=45))
        db.session.commit()
        line = start_summary(adept)
    assert "senaste mentorssamtalet" in line and "dags att boka" not in line
