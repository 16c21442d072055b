"""Every request has an end (issue 25): requests to leave a round are listed on the pairs
page and counted on the start page and in the round's figures until handled, handled by hand
or by ending the leaver's pair, never twice or in another round; only who stays is matched
again; and erasing a person ends their pair."""

from __future__ import annotations

import re

import pytest
from flask import url_for
from sqlalchemy import select

from tests.said import flashed, flashes


def test_a_request_to_leave_ends_and_only_who_stays_is_matched_again(
        app, client, auth, build_round, admin_user):
    from mentorship.extensions import db
    from mentorship.mentoring.enrolment import leaving
    from mentorship.mentoring.models import Enrolment, MentorPair, MentorRound
    from mentorship.mentoring.pairing import publishing
    from mentorship.refusals import ServiceError

    r = build_round(pairs=3, state="running")
    with app.test_request_context():
        for who in (r.adepts[0], r.mentors[2], r.adepts[1]):
            e = db.session.get_one(Enrolment, who.id)
            leaving.ask_to_leave(e.user, e, "")
        db.session.commit()
    auth.login(admin_user.email)
    pairs_page = f"/mentorskap/omgangar/{r.id}/par"
    html = client.get(pairs_page).get_data(as_text=True)
    assert _leaving(html) == {r.adepts[0].name, r.mentors[2].name, r.adepts[1].name}
    assert re.findall(r"\d+", _leave_task(app, admin_user, r.id)) == ["3"]  # the start page
    assert f'<h2><a href="{pairs_page}">' in client.get("/").get_data(as_text=True)
    assert "<dt>Vill lämna</dt><dd>3</dd>" in client.get(
        f"/mentorskap/omgangar/{r.id}").get_data(as_text=True)
    # A request can be marked handled without ending anything.
    response = client.post(f"/mentorskap/omgangar/{r.id}/lamna/{r.adepts[1].id}/hanterad",
                           follow_redirects=True)
    [(kind, said)] = [(k, t) for k, t in flashes(response) if k]  # (the list is a notice)
    assert kind == "success" and r.adepts[1].name in said
    assert _leaving(response.get_data(as_text=True)) == {r.adepts[0].name, r.mentors[2].name}
    # Ending the leavers' pairs handles their requests.
    with app.app_context():
        pairs = {p.id: (p.adept_id, p.mentor_id) for p in db.session.scalars(
            select(MentorPair).where(MentorPair.round_id == r.id))}
    for pair_id, (adept_id, mentor_id) in pairs.items():
        if adept_id == r.adepts[0].id or mentor_id == r.mentors[2].id:
            client.post(f"/mentorskap/par/{pair_id}/avsluta", data={"reason": "Lämnar"})
    html = client.get(f"/mentorskap/omgangar/{r.id}/par").get_data(as_text=True)
    assert _leaving(html) == set() and 'id="leaving-title"' not in html
    # Handled everywhere: the start page and the round's figures say no more of it.
    assert _leave_task(app, admin_user, r.id) is None
    assert f'<h2><a href="{pairs_page}">' not in client.get("/").get_data(as_text=True)
    assert "Vill lämna" not in client.get(f"/mentorskap/omgangar/{r.id}").get_data(as_text=True)
    with app.test_request_context():
        from mentorship.auth.models import User

        admin = db.session.get_one(User, admin_user.id)
        round_ = db.session.get_one(MentorRound, r.id)
        assert all(db.session.get_one(Enrolment, e.id).leave_handled_at is not None
                   for e in (r.adepts[0], r.adepts[1], r.mentors[2]))
        # The adept who stays (her mentor left) is offered a new mentor; the one who left
        # is not, and cannot be matched again.
        offered = [e.id for e in publishing.adepts_to_rematch(round_)]
        assert r.adepts[2].id in offered and r.adepts[0].id not in offered
        with pytest.raises(ServiceError, match="bett att få lämna"):
            publishing.rematch(admin, round_, db.session.get_one(Enrolment, r.adepts[0].id))
        # The mentor who left is never offered to the adept who stays.
        pair = publishing.rematch(admin, round_, db.session.get_one(Enrolment, r.adepts[2].id))
        assert pair.mentor_id != r.mentors[2].id
        db.session.rollback()
    assert f"matcha-om/{r.adepts[0].id}" not in html and f"matcha-om/{r.adepts[2].id}" in html


def _leaving(pairs_page: str) -> set[str]:
    """The names in the pairs page's list of requests to leave."""
    if 'id="leaving-title"' not in pairs_page:
        return set()
    section = pairs_page.split('id="leaving-title"')[1].split("</section>")[0]
    return {item.split("<li>")[1].split(",")[0].strip() for item in section.split("</li>")
            if "<li>" in item}


def _leave_task(app, admin_user, round_id):
    """The text of the start page's task about requests to leave the round (None: none)."""
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.mentoring.rounds.tasks import mentor_tasks

    with app.test_request_context():
        url = url_for("mentoring.pairs", round_id=round_id)
        return next((t.text for t in mentor_tasks(db.session.get_one(User, admin_user.id))
                     if t.url == url), None)


@pytest.mark.wording
def test_requests_to_leave_are_counted_in_swedish(app, client, auth, build_round, admin_user):
    from mentorship.extensions import db
    from mentorship.mentoring.enrolment import leaving
    from mentorship.mentoring.models import Enrolment

    r = build_round(pairs=3, state="running")
    with app.test_request_context():
        for who in (r.adepts[0], r.mentors[2], r.adepts[1]):
            e = db.session.get_one(Enrolment, who.id)
            leaving.ask_to_leave(e.user, e, "")
        db.session.commit()
    assert _leave_task(app, admin_user, r.id) == "3 vill lämna omgången."
    auth.login(admin_user.email)
    assert "Vill lämna programmet (3)" in client.get(f"/mentorskap/omgangar/{r.id}/par").get_data(
        as_text=True)


def test_a_request_cannot_be_handled_twice_or_in_another_round(
        app, client, auth, build_round, admin_user):
    from mentorship.extensions import db
    from mentorship.mentoring.models import Enrolment

    r = build_round(pairs=1, state="running")
    other = build_round(pairs=1, state="open", name="Annan omgång")
    auth.login(admin_user.email)
    response = client.post(f"/mentorskap/omgangar/{r.id}/lamna/{r.adepts[0].id}/hanterad",
                           follow_redirects=True)
    assert flashed(response) == ["error"]  # nobody asked: nothing to handle
    with app.app_context():
        assert db.session.get_one(Enrolment, r.adepts[0].id).leave_handled_at is None
    response = client.post(f"/mentorskap/omgangar/{other.id}/lamna/{r.adepts[0].id}/hanterad")
    assert response.status_code == 404


def test_erasing_a_person_ends_their_pair(app, build_round, admin_user):
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorPair, MentorRound
    from mentorship.mentoring.pairing import publishing
    from mentorship.privacy.services import erase_person

    r = build_round(pairs=2, state="running")
    with app.test_request_context():
        admin = db.session.get_one(User, admin_user.id)
        erase_person(admin, db.session.get_one(User, r.mentors[0].user_id))
        db.session.flush()
        pairs = db.session.scalars(select(MentorPair).where(MentorPair.round_id == r.id)).all()
        ended = [p for p in pairs if p.ended_at is not None]
        assert [p.mentor_id for p in ended] == [r.mentors[0].id]
        # the adept who stays is offered a new mentor
        offered = [e.id for e in publishing.adepts_to_rematch(
            db.session.get_one(MentorRound, r.id))]
        assert offered == [ended[0].adept_id]
        db.session.rollback()
