"""Before publishing: people changed after the last run, rules added since, people who
left, mentors without an adept and people who never logged in; asks to run again."""

from types import SimpleNamespace

import pytest
from sqlalchemy import select

from tests.app.mentoring.test_mentor_rules import WEIGHTS

RUN_AGAIN = 'id="run-again-title"'  # the sections of _publish_checks.html
IDLE = 'id="idle-title"'
NEVER = 'id="never-title"'


def _round_with_an_extra_mentor(app, build_round, **kwargs):
    """Three pairs' people, where adept 2 has become a mentor (one more mentor than
    adepts) and adept 1 has logged in once."""
    from mentorship.db import utcnow
    from mentorship.extensions import db
    from mentorship.mentoring.models import Enrolment

    r = build_round(pairs=3, **kwargs)
    with app.app_context():
        extra = db.session.get(Enrolment, r.adepts[2].id)
        extra.role = "mentor"
        db.session.get(Enrolment, r.adepts[1].id).user.last_login_at = utcnow()
        db.session.commit()
    return r


def test_publish_checks_name_what_changed_since_the_run(app, build_round, admin_user):
    from mentorship.auth.models import User
    from mentorship.db import utcnow
    from mentorship.extensions import db
    from mentorship.mentoring.models import FORBID, Enrolment, MentorRound
    from mentorship.mentoring.pairing import proposals
    from mentorship.mentoring.pairing.publish_checks import publish_checks

    r = _round_with_an_extra_mentor(app, build_round)

    def checks():
        with app.test_request_context():
            round_ = db.session.get(MentorRound, r.id)
            return publish_checks(round_, proposals.latest_run(round_))

    def run():
        with app.test_request_context():
            proposals.run_matching(db.session.get(User, admin_user.id),
                                   db.session.get(MentorRound, r.id))
            db.session.commit()

    run()
    found = checks()
    assert not found.run_again  # nothing changed since the run
    assert (found.changed, found.rules_changed, found.people_left) == ([], 0, False)
    # Adept 2 became a mentor: two mentors, the extra one and Mentor 2, have no adept.
    assert found.idle_mentors == ["Adept 2, Svalöv", "Mentor 2, Helsingborg"]
    assert len(found.never_logged_in) == 5
    assert "Adept 0, Landskrona" in found.never_logged_in
    assert not any(n.startswith("Adept 1,") for n in found.never_logged_in)

    with app.test_request_context():  # a profile changed after the run, then a rule
        e = db.session.get(Enrolment, r.adepts[0].id)
        e.profile_done_at = utcnow()
        proposals.set_rule(db.session.get(User, admin_user.id),
                           db.session.get(MentorRound, r.id),
                           proposals.PairRule(r.adepts[1].id, r.mentors[0].id, FORBID, ""))
        db.session.commit()
    found = checks()
    assert found.run_again
    assert (found.changed, found.rules_changed, found.people_left) == (
        ["Adept 0, Landskrona"], 1, False)

    run()
    assert not checks().run_again
    with app.app_context():  # someone in the proposal leaves
        db.session.delete(db.session.get(Enrolment, r.adepts[1].id))
        db.session.commit()
    found = checks()
    assert found.run_again and found.people_left
    assert (found.changed, found.rules_changed) == ([], 0)


def test_publish_page_warns_and_asks_to_run_again(app, client, auth, build_round, admin_user,
                                                  password_hash):
    from mentorship.db import utcnow
    from mentorship.extensions import db
    from mentorship.mentoring.models import Enrolment, MatchRun

    r = _round_with_an_extra_mentor(app, build_round, password_hash=password_hash)
    auth.login(admin_user.email)
    client.post(f"/mentorskap/omgangar/{r.id}/matchning/kor", data=WEIGHTS)
    url = f"/mentorskap/omgangar/{r.id}/publicera"
    html = client.get(url).get_data(as_text=True)
    assert RUN_AGAIN not in html  # nothing changed since the run
    idle = html.split(IDLE)[1].split("</section>")[0]
    assert "Adept 2, Svalöv; Mentor 2, Helsingborg." in idle
    never = html.split(NEVER)[1].split("</section>")[0]
    assert "Adept 0, Landskrona" in never and "Adept 1, " not in never

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
    run_again = html.split(RUN_AGAIN)[1].split("</section>")[0]
    assert "Adept 0, Landskrona" in run_again
    assert f'href="/mentorskap/omgangar/{r.id}/matchning#run-title"' in run_again

    client.post(f"/mentorskap/omgangar/{r.id}/matchning/kor", data=WEIGHTS)
    assert RUN_AGAIN not in client.get(url).get_data(as_text=True)


@pytest.mark.wording
def test_the_publish_warnings_in_swedish(app):
    from flask import render_template

    from mentorship.mentoring.pairing.publish_checks import PublishChecks

    checks = PublishChecks(changed=["Adept 0, Landskrona"], rules_changed=1, people_left=True,
                           idle_mentors=["Adept 2, Svalöv", "Mentor 2, Helsingborg"],
                           never_logged_in=[f"Mentor {i}, Bjuv" for i in range(5)])
    with app.test_request_context():
        html = render_template("mentoring/pairing/_publish_checks.html", checks=checks,
                               round=SimpleNamespace(id=1, min_score=0))
    assert "Kör matchningen igen innan du publicerar" in html
    assert "1 person har anmält sig eller ändrat sin profil" in html
    assert "1 låsning eller förbud har lagts till" in html
    assert "Någon i förslaget har lämnat omgången" in html
    assert "Mentorer utan adept (2)" in html
    assert "Har aldrig loggat in (5)" in html
