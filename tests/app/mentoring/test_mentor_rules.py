"""Rules of the mentor programme: states, scoping, atomic publish, re-matching, talks."""

import pytest
from sqlalchemy import func, select

from tests.said import flashed, flashes, refused

WEIGHTS = {"min_score": "0", "w_business_area": "30", "w_goals": "40", "w_experience": "20",
           "w_gender": "10", "w_distance": "20"}


def n_rows(app, model, *where):
    from mentorship.extensions import db

    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model).where(*where))


def _flashed(page):
    """The kinds of the flashed messages (a page's own notes share the class, without a kind)."""
    return [kind for kind in flashed(page) if kind]


def _state(app, round_id):
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorRound

    with app.app_context():
        return db.session.get(MentorRound, round_id).state


def test_state_changes_are_recorded_and_wrong_actions_refused(app, client, auth, build_round,
                                                              admin_user):
    from mentorship.mentoring.labels import state_labels
    from mentorship.mentoring.models import MatchRun, MentorPair, RoundTransition

    r = build_round(pairs=2, state="draft")
    auth.login(admin_user.email)
    transitions = n_rows(app, RoundTransition)
    # Publishing a draft is refused with a message; nothing is published.
    response = client.post(f"/mentorskap/omgangar/{r.id}/publicera", follow_redirects=True)
    assert _flashed(response) == ["error"]
    assert _state(app, r.id) == "draft" and n_rows(app, MentorPair) == 0
    # Jumping from draft to running is refused.
    response = client.post(f"/mentorskap/omgangar/{r.id}/status/running", follow_redirects=True)
    assert _flashed(response) == ["error"]
    assert _state(app, r.id) == "draft" and n_rows(app, RoundTransition) == transitions
    assert client.post(f"/mentorskap/omgangar/{r.id}/status/open").status_code == 302
    assert _state(app, r.id) == "open" and n_rows(app, RoundTransition) == transitions + 1
    html = client.get(f"/mentorskap/omgangar/{r.id}").get_data(as_text=True)
    with app.test_request_context():
        draft, open_ = state_labels()["draft"], state_labels()["open"]
    assert f"{draft} → {open_}" in html
    assert "Karin Koordinator" in html
    # Matching is refused while enrolment is open.
    response = client.post(f"/mentorskap/omgangar/{r.id}/matchning/kor", data=WEIGHTS,
                           follow_redirects=True)
    assert _flashed(response) == ["error"]
    assert n_rows(app, MatchRun) == 0


def test_the_round_services_refuse_actions_its_state_does_not_allow(app, build_round,
                                                                   admin_user):
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorRound
    from mentorship.mentoring.pairing import proposals, publishing
    from mentorship.mentoring.rounds import services as rounds
    from mentorship.refusals import ServiceError

    r = build_round(pairs=2, state="draft")
    with app.test_request_context():
        admin = db.session.get(User, admin_user.id)
        round_ = db.session.get(MentorRound, r.id)
        for refused_call in (lambda: publishing.publish(admin, round_),
                             lambda: rounds.change_state(admin, round_, "running"),
                             lambda: proposals.run_matching(admin, round_)):
            with pytest.raises(ServiceError):
                refused_call()
            assert round_.state == "draft"
        rounds.change_state(admin, round_, "open")
        assert round_.state == "open"
        with pytest.raises(ServiceError):
            proposals.run_matching(admin, round_)
        db.session.rollback()


def test_running_twice_gives_the_same_proposal_and_shows_the_change(app, client, auth,
                                                                   build_round, admin_user):
    from mentorship.extensions import db
    from mentorship.mentoring.models import MatchRun, ProposedPair

    r = build_round(pairs=6)
    auth.login(admin_user.email)
    client.post(f"/mentorskap/omgangar/{r.id}/matchning/kor", data=WEIGHTS)
    client.post(f"/mentorskap/omgangar/{r.id}/matchning/kor", data=WEIGHTS)
    with app.app_context():
        runs = db.session.scalars(select(MatchRun).order_by(MatchRun.id)).all()
        pairs = [
            sorted((p.adept_id, p.mentor_id, p.score) for p in db.session.scalars(
                select(ProposedPair).where(ProposedPair.run_id == run.id)))
            for run in runs
        ]
        assert pairs[0] == pairs[1]
        assert runs[1].previous_total == runs[0].total_score
    changed = dict(WEIGHTS, w_goals="0")
    client.post(f"/mentorskap/omgangar/{r.id}/matchning/kor", data=changed)
    with app.test_request_context():
        last = db.session.scalars(select(MatchRun).order_by(MatchRun.id.desc())).first()
        assert last.previous_total == runs[1].total_score != last.total_score
        change = app.jinja_env.filters["format_change"](last.total_score - last.previous_total)
    html = client.get(f"/mentorskap/omgangar/{r.id}/matchning").get_data(as_text=True)
    total = html.split("<dd data-total>")[1].split("</dd>")[0]
    assert total.endswith(f": {change})")  # the total, and its change since the last run


def test_lock_and_forbid_are_fed_to_the_engine(app, client, auth, build_round, admin_user):
    from mentorship.extensions import db
    from mentorship.mentoring.models import MatchRun, ProposedPair

    r = build_round(pairs=3)
    auth.login(admin_user.email)
    adept, mentor, other = r.adepts[0], r.mentors[1], r.mentors[2]
    response = client.post(f"/mentorskap/omgangar/{r.id}/matchning/regel",
                           data={"kind": "lock", "adept_id": adept.id, "mentor_id": mentor.id})
    assert response.status_code == 302, response.data[:2000]
    client.post(f"/mentorskap/omgangar/{r.id}/matchning/regel",
                data={"kind": "forbid", "adept_id": r.adepts[1].id, "mentor_id": other.id,
                      "reason": "JÄV-LEDNINGSGRUPP"})
    client.post(f"/mentorskap/omgangar/{r.id}/matchning/kor", data=WEIGHTS)
    with app.app_context():
        run = db.session.scalar(select(MatchRun))
        rows = {p.adept_id: p for p in db.session.scalars(
            select(ProposedPair).where(ProposedPair.run_id == run.id))}
        assert rows[adept.id].mentor_id == mentor.id and rows[adept.id].locked
        assert rows[r.adepts[1].id].mentor_id != other.id
    html = client.get(f"/mentorskap/omgangar/{r.id}/matchning").get_data(as_text=True)
    assert "<td>JÄV-LEDNINGSGRUPP</td>" in html.split('id="regler"')[1]


def test_publish_is_all_or_nothing(app, build_round, admin_user, monkeypatch):
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.mail.models import OutboxMessage
    from mentorship.mentoring.models import MentorPair, MentorRound
    from mentorship.mentoring.pairing import proposals, publishing

    r = build_round(pairs=5)
    with app.test_request_context():
        round_ = db.session.get(MentorRound, r.id)
        proposals.run_matching(db.session.get(User, admin_user.id), round_)
        db.session.commit()
    calls = {"n": 0}
    real = publishing.queue_mails

    def failing(*args, **kwargs):
        calls["n"] += 1
        real(*args, **kwargs)  # the pairs and the mails are written, then it fails
        raise RuntimeError("mail server exploded")

    monkeypatch.setattr(publishing, "queue_mails", failing)
    app.config["PROPAGATE_TEST_ERRORS"] = False
    client = app.test_client()
    client.post("/logga-in", data={"email": admin_user.email,
                                   "password": "correct horse battery"})
    response = client.post(f"/mentorskap/omgangar/{r.id}/publicera")
    assert response.status_code == 500
    assert calls["n"] == 1
    assert n_rows(app, MentorPair) == 0
    assert n_rows(app, OutboxMessage) == 0
    with app.app_context():
        assert db.session.get(MentorRound, r.id).state == "matching"


def test_participant_sees_only_their_own_pair_after_publish(app, client, auth, build_round,
                                                            password_hash):
    r = build_round(pairs=3, password_hash=password_hash)
    auth.login("adept0@example.org")
    html = client.get("/mentorskap/").get_data(as_text=True)
    assert '<span class="tag state-matching">' in html
    # Nothing visible before publishing.
    assert "Din mentor" not in html and not any(m.name in html for m in r.mentors)
    with app.test_request_context():
        from mentorship.auth.models import User
        from mentorship.extensions import db
        from mentorship.mentoring.models import MentorRound
        from mentorship.mentoring.pairing import proposals, publishing

        round_ = db.session.get(MentorRound, r.id)
        admin = db.session.scalar(select(User).where(User.email == "coordinator@example.org"))
        proposals.run_matching(admin, round_)
        publishing.publish(admin, round_)
        db.session.commit()
        from mentorship.mentoring.models import MentorPair

        pairs = db.session.scalars(select(MentorPair)).all()
        mine = next(p for p in pairs if p.adept.user.email == "adept0@example.org")
        other = next(p for p in pairs if p.id != mine.id)
        mentor_name, mentor_email = mine.mentor.user.name, mine.mentor.user.email
        other_name = other.mentor.user.name
        mine_id, other_id = mine.id, other.id
    html = client.get("/mentorskap/").get_data(as_text=True)
    assert "Din mentor" in html and mentor_name in html and mentor_email in html
    assert other_name not in html
    assert client.get(f"/mentorskap/par/{other_id}/samtal").status_code == 404
    assert client.get(f"/mentorskap/par/{mine_id}/samtal").status_code == 200
    # Admin pages are not for participants.
    assert client.get(f"/mentorskap/omgangar/{r.id}/matchning").status_code == 403


def test_talk_note_is_private_to_its_writer(app, client, auth, build_round, password_hash):
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorPair

    r = build_round(pairs=2, state="running", password_hash=password_hash)
    with app.app_context():
        pair = db.session.scalars(select(MentorPair)).first()
        pair_id, adept, mentor = pair.id, pair.adept.user.email, pair.mentor.user.email
    auth.login(adept)
    response = client.post(f"/mentorskap/par/{pair_id}/samtal",
                           data={"held_on": "2025-10-01", "minutes": "45",
                                 "private_note": "HEMLIG-TANKE"})
    assert response.status_code == 302, response.data[:2000]
    assert "HEMLIG-TANKE" in client.get("/mentorskap/").get_data(as_text=True)
    auth.logout()
    auth.login(mentor)
    html = client.get("/mentorskap/").get_data(as_text=True)
    assert "45 minuter" in html and "HEMLIG-TANKE" not in html
    auth.logout()
    auth.login("coordinator@example.org")
    html = client.get(f"/mentorskap/omgangar/{r.id}/par").get_data(as_text=True)
    assert "HEMLIG-TANKE" not in html and "<td class=\"num\">1</td>" in html


def test_end_pair_and_rematch_leave_other_pairs_alone(app, client, auth, build_round,
                                                     admin_user):
    from mentorship.extensions import db
    from mentorship.mentoring.models import Enrolment, MentorPair

    r = build_round(pairs=3, state="running")
    # One extra free mentor.
    with app.test_request_context():
        from mentorship.auth.models import User
        from mentorship.mentoring.enrolment import profiles
        from mentorship.mentoring.enrolment.services import enrol_user
        from mentorship.mentoring.models import MentorRound

        user = db.session.scalar(select(User).where(User.email == admin_user.email))
        e = enrol_user(None, db.session.get(MentorRound, r.id), user)
        profiles.apply_profile(e, profiles.Profile("mentor", "IT", 3, 20, ("Svåra samtal",),
                                                   ("sv",)))
        db.session.commit()
        pairs = {p.id: (p.adept_id, p.mentor_id) for p in db.session.scalars(select(MentorPair))}
    auth.login(admin_user.email)
    target = next(iter(pairs))
    response = client.post(f"/mentorskap/par/{target}/avsluta", data={"reason": ""})
    assert refused(response) == {"reason"}
    with app.app_context():
        assert db.session.get(MentorPair, target).ended_at is None
    response = client.post(f"/mentorskap/par/{target}/avsluta",
                           data={"reason": "Adepten har bytt tjänst"})
    assert response.status_code == 302
    adept_id, old_mentor = pairs[target]
    html = client.get(f"/mentorskap/omgangar/{r.id}/par").get_data(as_text=True)
    assert f'href="/mentorskap/omgangar/{r.id}/matcha-om/{adept_id}"' in html
    response = client.post(f"/mentorskap/omgangar/{r.id}/matcha-om/{adept_id}",
                           follow_redirects=True)
    [(kind, said)] = flashes(response)
    assert kind == "success"
    assert _name(r, adept_id) in said and admin_user.name in said  # the adept, the new mentor
    with app.app_context():
        now = {p.id: (p.adept_id, p.mentor_id, p.ended_at) for p in
               db.session.scalars(select(MentorPair))}
        for pid, (a, m) in pairs.items():
            if pid != target:
                assert now[pid] == (a, m, None)
        new = [v for k, v in now.items() if k not in pairs]
        assert len(new) == 1 and new[0][0] == adept_id and new[0][1] != old_mentor
        assert db.session.get(Enrolment, new[0][1]).user.email == admin_user.email


def _name(r, enrolment_id):
    return next(p.name for p in (*r.adepts, *r.mentors) if p.id == enrolment_id)


QUERY_COUNTS: dict[int, dict[str, int]] = {}


@pytest.mark.parametrize("n", [5, 40])
def test_proposal_page_and_lists_use_a_bounded_number_of_queries(n, app, client, auth,
                                                                 build_round, admin_user,
                                                                 count_queries):
    r = build_round(pairs=n)
    auth.login(admin_user.email)
    client.post(f"/mentorskap/omgangar/{r.id}/matchning/kor", data=WEIGHTS)
    counts = {}
    for name, url in [("proposal", f"/mentorskap/omgangar/{r.id}/matchning"),
                      ("enrolments", f"/mentorskap/omgangar/{r.id}/deltagare"),
                      ("pairs", f"/mentorskap/omgangar/{r.id}/par"),
                      ("people", f"/mentorskap/omgangar/{r.id}/narvaro")]:
        with count_queries() as counter:
            assert client.get(url).status_code == 200
        counts[name] = counter.count
    QUERY_COUNTS[n] = counts
    if len(QUERY_COUNTS) == 2:
        assert QUERY_COUNTS[5] == QUERY_COUNTS[40]
    assert counts["proposal"] <= 15, counts


def test_ending_a_pair_tells_both_without_the_reason(app, client, auth, build_round, admin_user):
    from mentorship.extensions import db
    from mentorship.mail.models import OutboxMessage
    from mentorship.mentoring.models import MentorPair

    r = build_round(pairs=2, state="running")
    with app.app_context():
        pair_id = db.session.scalars(select(MentorPair.id).order_by(MentorPair.id)).first()
        before = db.session.scalar(select(func.count()).select_from(OutboxMessage))
    auth.login(admin_user.email)
    client.post(f"/mentorskap/par/{pair_id}/avsluta", data={"reason": "Hemlig orsak"})
    with app.app_context():
        new = db.session.scalars(
            select(OutboxMessage).order_by(OutboxMessage.id).offset(before)
        ).all()
    assert len(new) == 2 and all("avslutat" in m.subject for m in new)
    assert not any("Hemlig orsak" in m.body for m in new)
    assert r


def test_proposal_pairs_are_paged_and_the_rule_form_offers_everyone(app, client, auth,
                                                                    build_round, admin_user):
    r = build_round(pairs=7)
    auth.login(admin_user.email)
    client.post(f"/mentorskap/omgangar/{r.id}/matchning/kor", data=WEIGHTS)
    app.config["PAGE_SIZE"] = 5
    first = client.get(f"/mentorskap/omgangar/{r.id}/matchning").get_data(as_text=True)
    second = client.get(f"/mentorskap/omgangar/{r.id}/matchning?page=2").get_data(as_text=True)
    assert "Föreslagna par (7)" in first and "Föreslagna par (7)" in second
    assert first.count('<input type="hidden" name="kind" value="lock">') == 5
    assert second.count('<input type="hidden" name="kind" value="lock">') == 2
    assert "Sida 1 av 2" in first and "Sida 2 av 2" in second
    # Every adept and mentor is on every page: on a pair row or in the rule form's lists.
    for html in (first, second):
        for k in range(7):
            assert html.count(f"Adept {k},") == 1 and html.count(f"Mentor {k},") == 1
