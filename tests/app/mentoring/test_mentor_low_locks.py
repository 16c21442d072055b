"""A lock under the round's minimum score is named when it is made (the proposal page the
coordinator lands on) and on the publish page."""

from types import SimpleNamespace

import pytest
from sqlalchemy import select

LOW_LOCKS = 'id="low-locks-title"'  # the heading of templates/mentoring/pairing/_low_locks.html


def _set_min(app, round_id, value):
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorRound

    with app.app_context():
        db.session.get(MentorRound, round_id).min_score = value
        db.session.commit()


def _low_locks(app, round_id):
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorRound
    from mentorship.mentoring.pairing.lock_checks import locks_below_minimum

    with app.app_context():
        return locks_below_minimum(db.session.get(MentorRound, round_id))


def test_lock_below_the_minimum_is_warned_about_on_proposal_and_publish(
        app, client, auth, build_round, admin_user):
    from mentorship.extensions import db
    from mentorship.mentoring.models import ProposedPair

    r = build_round(pairs=2, state="matching")
    auth.login(admin_user.email)
    from matching import CRITERIA, DEFAULT_WEIGHTS

    weights = {f"w_{k}": str(getattr(DEFAULT_WEIGHTS, k)) for k in CRITERIA}
    client.post(f"/mentorskap/omgangar/{r.id}/matchning/kor",
                data={"min_score": "0", **weights})
    with app.app_context():
        pair = db.session.scalars(select(ProposedPair).where(
            ProposedPair.mentor_id.is_not(None)).order_by(ProposedPair.score)).first()
        adept_id, mentor_id, score = pair.adept_id, pair.mentor_id, pair.score
    _set_min(app, r.id, score + 0.5)
    response = client.post(f"/mentorskap/omgangar/{r.id}/matchning/regel", data={
        "kind": "lock", "adept_id": adept_id, "mentor_id": mentor_id})
    names = {p.id: p.name for p in (*r.adepts, *r.mentors)}
    low = _low_locks(app, r.id)
    assert [(lock.adept_id, lock.adept, lock.mentor) for lock in low] == [
        (adept_id, names[adept_id], names[mentor_id])]
    assert low[0].score < score + 0.5
    landing = client.get(response.headers["Location"]).get_data(as_text=True)
    assert landing.count(LOW_LOCKS) == 1
    assert f"{names[adept_id]} – {names[mentor_id]}:" in landing
    publish = client.get(f"/mentorskap/omgangar/{r.id}/publicera").get_data(as_text=True)
    assert publish.count(LOW_LOCKS) == 1
    assert f"{names[adept_id]} – {names[mentor_id]}:" in publish

    _set_min(app, r.id, score - 0.5)  # the same lock above the minimum: no warning
    assert _low_locks(app, r.id) == []
    assert LOW_LOCKS not in client.get(
        f"/mentorskap/omgangar/{r.id}/matchning").get_data(as_text=True)


@pytest.mark.wording
def test_the_low_lock_heading_counts_the_locks_in_swedish(app):
    from flask import render_template

    from mentorship.mentoring.pairing.lock_checks import LowLock

    lock = LowLock(1, "Adept 0", "Mentor 0", 2.5)
    with app.test_request_context():
        one = render_template("mentoring/pairing/_low_locks.html", low_locks=[lock],
                              round=SimpleNamespace(min_score=3.0))
        two = render_template("mentoring/pairing/_low_locks.html", low_locks=[lock, lock],
                              round=SimpleNamespace(min_score=3.0))
    assert "1 låst par under lägsta poäng" in one
    assert "2 låsta par under lägsta poäng" in two
