"""Object-level access in the mentor programme: another participant's profile, pair and
talks by id and by neighbouring ids; extra form fields change nothing."""

from sqlalchemy import select

from mentorship.auth.models import User
from mentorship.extensions import db
from mentorship.mentoring.models import Enrolment, MentorPair, MentorTalk


def test_participant_cannot_reach_others_records_by_id(
    app, client, auth, build_round, password_hash
):
    built = build_round(pairs=4, state="published", password_hash=password_hash)
    me = built.adepts[1]
    auth.login(me.email)
    with app.app_context():
        mine = db.session.scalar(select(MentorPair.id).where(MentorPair.adept_id == me.id))
        pair_ids = db.session.scalars(select(MentorPair.id)).all()
        enrolment_ids = db.session.scalars(select(Enrolment.id)).all()
    assert client.get(f"/mentorskap/par/{mine}/samtal").status_code == 200
    assert client.get(f"/mentorskap/profil/{me.id}").status_code == 200
    for pair_id in set(pair_ids) - {mine} | {mine + 1, mine - 1, 99999}:
        if pair_id == mine:
            continue
        assert client.get(f"/mentorskap/par/{pair_id}/samtal").status_code == 404, pair_id
        posted = client.post(
            f"/mentorskap/par/{pair_id}/samtal",
            data={"held_on": "2026-01-10", "minutes": 60, "note": "x"},
        )
        assert posted.status_code == 404
    for enrolment_id in set(enrolment_ids) - {me.id} | {me.id + 1, me.id - 1}:
        if enrolment_id == me.id:
            continue
        assert client.get(f"/mentorskap/profil/{enrolment_id}").status_code == 404
    with app.app_context():
        assert db.session.scalar(select(MentorTalk.id)) is None


def test_extra_fields_in_the_profile_form_change_nothing(
    app, client, auth, build_round, password_hash
):
    built = build_round(pairs=2, state="open", password_hash=password_hash)
    me = built.adepts[0]
    other = built.mentors[1]
    auth.login(me.email)
    with app.app_context():
        before = db.session.get(User, me.user_id)
        roles, municipality = before.role_names, before.municipality_id
    response = client.post(
        f"/mentorskap/profil/{me.id}",
        data={
            "role": "adept",
            "business_area": "HR",
            "level": "1",
            "years_as_manager": "2",
            "goals": ["Svåra samtal"],
            "languages": ["sv"],
            "meeting_mode": "either",
            "capacity": "1",
            # fields no form has:
            "user_id": other.user_id,
            "round_id": 999,
            "municipality_id": 1,
            "roles": ["admin"],
            "role_name": "admin",
            "enrolment_id": other.id,
        },
    )
    assert response.status_code in (200, 302)
    with app.app_context():
        user = db.session.get(User, me.user_id)
        assert user.role_names == roles and user.municipality_id == municipality
        assert db.session.get(Enrolment, me.id).user_id == me.user_id
        assert db.session.get(Enrolment, other.id).user_id == other.user_id


def test_long_participant_lists_are_paged(app, client, login_as, build_round):
    built = build_round(pairs=3, state="open")
    app.config["PAGE_SIZE"] = 4
    login_as("admin")
    first = client.get(f"/mentorskap/omgangar/{built.id}/deltagare").get_data(as_text=True)
    second = client.get(f"/mentorskap/omgangar/{built.id}/deltagare?page=2").get_data(as_text=True)
    assert "6 deltagare" in first and "Sida 1 av 2" in first and "Sida 2 av 2" in second
    names = [p.name for p in built.mentors + built.adepts]
    on_first = {n for n in names if n in first}
    on_second = {n for n in names if n in second}
    assert len(on_first) == 4 and len(on_second) == 2 and not on_first & on_second


def test_the_pair_list_is_paged(app, client, login_as, build_round):
    built = build_round(pairs=3, state="published")
    app.config["PAGE_SIZE"] = 2
    login_as("admin")
    first = client.get(f"/mentorskap/omgangar/{built.id}/par").get_data(as_text=True)
    second = client.get(f"/mentorskap/omgangar/{built.id}/par?page=2").get_data(as_text=True)
    assert "3 par" in first and "Sida 1 av 2" in first and "Sida 2 av 2" in second
    adepts = [a.name for a in built.adepts]
    assert sum(name in first for name in adepts) == 2
    assert sum(name in second for name in adepts) == 1
