"""Manual pairing in the proposal: pair by name, swap mentors, unpair; hard rules named;
what changed between runs; lock and forbid return to the row."""

from sqlalchemy import select

WEIGHTS = {"min_score": "0", "w_business_area": "30", "w_goals": "40", "w_experience": "20",
           "w_gender": "10", "w_distance": "20"}


def _proposal(app, round_id):
    """{adept enrolment id: mentor enrolment id} of the newest run."""
    from mentorship.extensions import db
    from mentorship.mentoring.models import MatchRun, ProposedPair

    with app.app_context():
        run = db.session.scalars(
            select(MatchRun).where(MatchRun.round_id == round_id).order_by(MatchRun.id.desc())
        ).first()
        return {p.adept_id: p.mentor_id for p in db.session.scalars(
            select(ProposedPair).where(ProposedPair.run_id == run.id))}


def _label(app, person):
    from mentorship.auth.models import User
    from mentorship.extensions import db

    with app.app_context():
        return f"{person.name}, {db.session.get(User, person.user_id).municipality.name}"


def _manual(client, r, adept, mentor, kind="lock", reason=""):
    return client.post(f"/mentorskap/omgangar/{r.id}/matchning/manuellt",
                       data={"manual-adept": adept, "manual-mentor": mentor,
                             "manual-reason": reason, "kind": kind})


def test_pairing_by_name_locks_the_pair_for_the_next_run(app, client, auth, build_round,
                                                         admin_user):
    r = build_round(pairs=4)
    auth.login(admin_user.email)
    html = client.get(f"/mentorskap/omgangar/{r.id}/matchning").get_data(as_text=True)
    # A searchable input with a list of names, not a select of everyone.
    assert 'list="adept-options"' in html and '<datalist id="mentor-options">' in html
    assert "<select" not in html.split('id="regler"')[1]
    adept, mentor = r.adepts[0], r.mentors[2]
    # Typing the start of a unique label is enough.
    response = _manual(client, r, _label(app, adept), mentor.name + ",", reason="Önskemål")
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    assert response.headers["Location"].endswith("#regler")
    client.post(f"/mentorskap/omgangar/{r.id}/matchning/kor", data=WEIGHTS)
    assert _proposal(app, r.id)[adept.id] == mentor.id
    html = client.get(f"/mentorskap/omgangar/{r.id}/matchning").get_data(as_text=True)
    assert "Önskemål" in html


def test_a_manual_pair_that_breaks_a_hard_rule_is_refused_naming_the_rule(
        app, client, auth, build_round, admin_user):
    r = build_round(pairs=6)
    auth.login(admin_user.email)
    # Adept 0 and mentor 5 both work in Landskrona.
    response = _manual(client, r, _label(app, r.adepts[0]), _label(app, r.mentors[5]))
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "bryter mot en hård regel: mentor och adept ska komma från olika kommuner" in html
    assert "<title>Fel:" in html
    # A forbidden pair cannot be locked; the forbid's reason is shown.
    assert _manual(client, r, _label(app, r.adepts[1]), _label(app, r.mentors[2]),
                   kind="forbid", reason="Jäv").status_code == 302
    html = _manual(client, r, _label(app, r.adepts[1]),
                   _label(app, r.mentors[2])).get_data(as_text=True)
    assert "paret är förbjudet (Jäv)" in html
    # A mentor with one place cannot be locked to two adepts.
    assert _manual(client, r, _label(app, r.adepts[1]),
                   _label(app, r.mentors[3])).status_code == 302
    html = _manual(client, r, _label(app, r.adepts[2]),
                   _label(app, r.mentors[3])).get_data(as_text=True)
    assert "mentorn har plats för 1 adept och är redan låst till 1" in html
    # Names that match nobody, or several people, are refused with a clear message.
    html = _manual(client, r, "Ingen Alls", _label(app, r.mentors[3])).get_data(as_text=True)
    assert "Ingen adept med ifylld profil heter ”Ingen Alls”" in html
    html = _manual(client, r, "Adept", _label(app, r.mentors[3])).get_data(as_text=True)
    assert "Flera personer passar in på ”Adept”" in html
    # The engine still refuses a lock that breaks a hard rule, whatever the source.
    from mentorship.extensions import db
    from mentorship.mentoring.models import MatchRule

    with app.app_context():
        db.session.add(MatchRule(round_id=r.id, adept_id=r.adepts[0].id,
                                 mentor_id=r.mentors[5].id, kind="lock", reason="x"))
        db.session.commit()
    response = client.post(f"/mentorskap/omgangar/{r.id}/matchning/kor", data=WEIGHTS,
                           follow_redirects=True)
    assert "samma kommun" in response.get_data(as_text=True)


def test_swapping_two_pairs_mentors_and_what_changed(app, client, auth, build_round,
                                                     admin_user):
    r = build_round(pairs=4)
    auth.login(admin_user.email)
    client.post(f"/mentorskap/omgangar/{r.id}/matchning/kor", data=WEIGHTS)
    before = _proposal(app, r.id)
    a, b = r.adepts[0], r.adepts[1]
    response = client.post(f"/mentorskap/omgangar/{r.id}/matchning/byt",
                           data={"swap-first": _label(app, a), "swap-second": _label(app, b)})
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    client.post(f"/mentorskap/omgangar/{r.id}/matchning/kor", data=WEIGHTS)
    after = _proposal(app, r.id)
    assert after[a.id] == before[b.id] and after[b.id] == before[a.id]
    html = client.get(f"/mentorskap/omgangar/{r.id}/matchning").get_data(as_text=True)
    assert "Ändringar sedan förra körningen" in html
    assert "2 nya par, 2 borttagna" in html
    assert "Nya par (2)" in html and "Borttagna par (2)" in html
    # The same adept twice is refused.
    response = client.post(f"/mentorskap/omgangar/{r.id}/matchning/byt",
                           data={"swap-first": _label(app, a), "swap-second": _label(app, a)})
    assert response.status_code == 400
    assert "Välj två olika adepter" in response.get_data(as_text=True)


def test_unpair_from_a_row_returns_to_the_row_and_the_next_run_splits_the_pair(
        app, client, auth, build_round, admin_user):
    r = build_round(pairs=7)
    app.config["PAGE_SIZE"] = 5
    auth.login(admin_user.email)
    client.post(f"/mentorskap/omgangar/{r.id}/matchning/kor", data=WEIGHTS)
    html = client.get(f"/mentorskap/omgangar/{r.id}/matchning?page=2").get_data(as_text=True)
    proposal = _proposal(app, r.id)
    adept_id = next(a for a in proposal if f'id="par-{a}"' in html)
    mentor_id = proposal[adept_id]
    response = client.post(f"/mentorskap/omgangar/{r.id}/matchning/regel",
                           data={"kind": "forbid", "adept_id": adept_id,
                                 "mentor_id": mentor_id, "page": "2"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"?page=2#par-{adept_id}")
    response = client.post(f"/mentorskap/omgangar/{r.id}/matchning/regel",
                           data={"kind": "lock", "adept_id": adept_id,
                                 "mentor_id": mentor_id, "page": "1"})
    assert response.headers["Location"].endswith(f"#par-{adept_id}")
    # The lock replaced the forbid; forbid again (no reason needed) and run.
    client.post(f"/mentorskap/omgangar/{r.id}/matchning/regel",
                data={"kind": "forbid", "adept_id": adept_id, "mentor_id": mentor_id})
    client.post(f"/mentorskap/omgangar/{r.id}/matchning/kor", data=WEIGHTS)
    assert _proposal(app, r.id)[adept_id] != mentor_id
    html = client.get(f"/mentorskap/omgangar/{r.id}/matchning").get_data(as_text=True)
    assert "Förbjudet av administratör" in html
    assert "Borttagna par" in html


def test_kept_pairs_show_their_score_change(app, build_round, admin_user):
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorRound
    from mentorship.mentoring.pairing import proposals, run_diff

    r = build_round(pairs=3)
    with app.test_request_context():
        round_ = db.session.get(MentorRound, r.id)
        admin = db.session.get(User, admin_user.id)
        first = proposals.run_matching(admin, round_)
        assert run_diff.run_changes(round_, first) is None
        round_.weights = {"goals": 0}
        second = proposals.run_matching(admin, round_)
        changes = run_diff.run_changes(round_, second)
        assert changes is not None
        assert changes.kept  # goals no longer count: the kept pairs score less
        kept_total = len(changes.kept) + changes.unchanged
        assert kept_total + len(changes.added) == 3
        for c in changes.kept:
            assert c.change == round(c.new_score - c.old_score, 2) and c.change != 0
