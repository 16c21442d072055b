"""The profile in the participant's own words, a mentor's choice to show it, and a person
who changes role between rounds starting from that role's answers."""

import dataclasses
import re
from datetime import date

import pytest
from markupsafe import escape
from sqlalchemy import select

from tests.said import refused


def _next_round(app, admin_user, email):
    """A second, open round with `email` enrolled (no profile yet)."""
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.mentoring.enrolment.services import enrol_user
    from mentorship.mentoring.rounds.services import RoundSettings, create_round, record_transition

    with app.test_request_context():
        admin = db.session.get(User, admin_user.id)
        second = create_round(admin, RoundSettings("Nästa", date(2026, 9, 1), date(2027, 6, 1),
                                                   0, {}))
        record_transition(admin, second, "open")
        user = db.session.scalar(select(User).where(User.email == email))
        e = enrol_user(None, second, user)
        db.session.commit()
        return e.id


def test_every_profile_answer_is_either_the_persons_or_the_roles():
    from mentorship.mentoring.enrolment import profiles

    fields = {f.name for f in dataclasses.fields(profiles.Profile)} - {"role"}
    common, role = set(profiles.COMMON_ANSWERS), set(profiles.ROLE_ANSWERS)
    assert not common & role
    assert common | role == fields


def _checked(html: str, name: str) -> set[str]:
    return set(re.findall(rf'<input[^>]*name="{name}"[^>]*value="([^"]+)"[^>]*checked', html)
               + re.findall(rf'<input[^>]*checked[^>]*name="{name}"[^>]*value="([^"]+)"', html))


def test_former_mentor_enrolling_as_adept_starts_without_her_offered_goals(
        app, client, auth, build_round, password_hash, admin_user):
    build_round(pairs=3, state="closed", password_hash=password_hash)
    enrolment_id = _next_round(app, admin_user, "mentor2@example.org")
    auth.login("mentor2@example.org")

    as_mentor = client.get(f"/mentorskap/profil/{enrolment_id}").get_data(as_text=True)
    assert _checked(as_mentor, "role") == {"mentor"}
    offered = _checked(as_mentor, "goals")
    assert offered  # her offered goals carry over while she stays a mentor
    # A link to the same form as adept.
    assert f'href="/mentorskap/profil/{enrolment_id}?roll=adept"' in as_mentor

    as_adept = client.get(f"/mentorskap/profil/{enrolment_id}?roll=adept").get_data(
        as_text=True)
    assert _checked(as_adept, "role") == {"adept"}
    assert _checked(as_adept, "goals") == set()  # not the goals she offered as mentor
    assert _checked(as_adept, "languages") == {"sv"}  # her own answers do carry over


def test_role_answers_come_from_the_last_profile_in_that_role(app, build_round, admin_user):
    from mentorship.extensions import db
    from mentorship.mentoring.enrolment import profiles
    from mentorship.mentoring.models import Enrolment

    build_round(pairs=2, state="closed")
    enrolment_id = _next_round(app, admin_user, "adept1@example.org")
    with app.test_request_context():
        e = db.session.get(Enrolment, enrolment_id)
        earlier = db.session.scalar(select(Enrolment).where(
            Enrolment.user_id == e.user_id, Enrolment.id != e.id))
        earlier.develop_text = "LEDA-GENOM-CHEFER"
        db.session.flush()
        as_adept = profiles.starting_profile(e)
        assert as_adept.role == "adept"
        assert as_adept.goals == tuple(earlier.goals)
        assert as_adept.develop_text == "LEDA-GENOM-CHEFER"
        as_mentor = profiles.starting_profile(e, "mentor")
        assert as_mentor.role == "mentor"
        assert as_mentor.goals == () and as_mentor.develop_text == ""
        assert as_mentor.business_area == earlier.business_area
        db.session.rollback()


def test_profile_texts_are_saved_escaped_and_limited(app, client, auth, build_round,
                                                      password_hash):
    from mentorship.extensions import db
    from mentorship.mentoring.models import Enrolment

    r = build_round(pairs=1, state="open", password_hash=password_hash)
    mentor = r.mentors[0]
    auth.login(mentor.email)
    data = {"role": "mentor", "business_area": "HR", "level": "2", "years_as_manager": "9",
            "goals": ["Svåra samtal"], "languages": ["sv"], "meeting_mode": "either",
            "capacity": "1", "presentation": "Chef för <b>HR</b> i Bjuv",
            "develop_text": "ska inte sparas för en mentor",
            "offer_text": "Lönebildning och svåra samtal", "profile_visible": "y"}
    too_long = client.post(f"/mentorskap/profil/{mentor.id}",
                           data=dict(data, offer_text="x" * 501))
    assert too_long.status_code == 200
    assert refused(too_long) == {"offer_text"}
    with app.app_context():
        assert db.session.get(Enrolment, mentor.id).offer_text in (None, "")
    assert client.post(f"/mentorskap/profil/{mentor.id}", data=data).status_code == 302
    with app.app_context():
        e = db.session.get(Enrolment, mentor.id)
        assert e.presentation == data["presentation"]
        assert e.offer_text == data["offer_text"]
        assert e.develop_text == ""  # an adept's answer, not a mentor's
        assert e.profile_visible is True
    page = client.get(f"/mentorskap/profil/{mentor.id}").get_data(as_text=True)
    assert str(escape(data["presentation"])) in page
    assert "<b>HR</b>" not in page


@pytest.mark.wording
def test_a_too_long_own_text_is_refused_with_its_limit(app):
    from werkzeug.datastructures import MultiDict

    from mentorship.mentoring.enrolment.forms import ProfileTextsForm

    with app.test_request_context(method="POST"):
        form = ProfileTextsForm(formdata=MultiDict({"offer_text": "x" * 501}), meta={"csrf": False})
        form.validate()
        assert form.offer_text.errors == ["Skriv högst 500 tecken."]
