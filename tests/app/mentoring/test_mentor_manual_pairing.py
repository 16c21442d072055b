"""Manual pairing in the proposal: pair by name, swap mentors, unpair; hard rules named;
what changed between runs; lock and forbid return to the row."""

import pytest
from sqlalchemy import select

from tests.said import flashed, flashes, refused

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


def _rules(app, round_id):
    """{(adept enrolment id, mentor enrolment id): (kind, reason)} of the round's rules."""
    from mentorship.extensions import db
    from mentorship.mentoring.models import MatchRule

    with app.app_context():
        return {(m.adept_id, m.mentor_id): (m.kind, m.reason) for m in db.session.scalars(
            select(MatchRule).where(MatchRule.round_id == round_id))}


def test_a_manual_pair_that_breaks_a_hard_rule_is_refused_on_the_mentor_field(
        app, client, auth, build_round, admin_user):
    r = build_round(pairs=6)
    auth.login(admin_user.email)
    # Adept 0 and mentor 5 both work in Landskrona.
    response = _manual(client, r, _label(app, r.adepts[0]), _label(app, r.mentors[5]))
    assert response.status_code == 400
    assert refused(response) == {"manual-mentor"}
    assert "<title>Fel:" in response.get_data(as_text=True)
    assert _rules(app, r.id) == {}
    # A name that matches nobody is refused on its own field.
    response = _manual(client, r, "Ingen Alls", _label(app, r.mentors[3]))
    assert response.status_code == 400
    assert refused(response) == {"manual-adept"}
    assert _rules(app, r.id) == {}
    # The engine still refuses a lock that breaks a hard rule, whatever the source.
    from mentorship.extensions import db
    from mentorship.mentoring.models import MatchRule, MatchRun

    with app.app_context():
        db.session.add(MatchRule(round_id=r.id, adept_id=r.adepts[0].id,
                                 mentor_id=r.mentors[5].id, kind="lock", reason="x"))
        db.session.commit()
    response = client.post(f"/mentorskap/omgangar/{r.id}/matchning/kor", data=WEIGHTS,
                           follow_redirects=True)
    assert flashed(response) == ["error"]
    from matching.explain import PAIR_RULES

    assert PAIR_RULES["same_municipality"] in flashes(response)[0][1]  # the rule is named
    with app.app_context():
        assert db.session.scalars(select(MatchRun).where(MatchRun.round_id == r.id)).all() == []


def test_manual_pairing_refuses_each_hard_rule_and_unclear_names(app, build_round,
                                                                admin_user):
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.mentoring.models import ADEPT, FORBID, LOCK, MatchRule, MentorRound
    from mentorship.mentoring.pairing import manual, proposals
    from mentorship.refusals import ServiceError

    r = build_round(pairs=6)
    with app.test_request_context():
        round_ = db.session.get(MentorRound, r.id)
        admin = db.session.get(User, admin_user.id)

        def rules():
            return {(m.adept_id, m.mentor_id, m.kind) for m in db.session.scalars(
                select(MatchRule).where(MatchRule.round_id == r.id))}

        def refused_pair(adept, mentor):
            with pytest.raises(ServiceError) as err:
                manual.pair_manually(admin, round_, manual.ManualPair(adept.id, mentor.id))
            return err.value

        # The same municipality (adept 0 and mentor 5 in Landskrona).
        assert manual.broken_rule(round_, *_enrolments(r.adepts[0], r.mentors[5]), set())
        assert refused_pair(r.adepts[0], r.mentors[5]).field == "mentor"
        assert rules() == set()
        # A forbidden pair cannot be locked.
        manual.unpair(admin, round_, r.adepts[1].id, r.mentors[2].id, "Jäv")
        err = refused_pair(r.adepts[1], r.mentors[2])
        assert err.field == "mentor" and "Jäv" in err.message  # the forbid's reason
        assert rules() == {(r.adepts[1].id, r.mentors[2].id, FORBID)}
        # A mentor with one place cannot be locked to two adepts.
        manual.pair_manually(admin, round_, manual.ManualPair(r.adepts[1].id, r.mentors[3].id))
        assert refused_pair(r.adepts[2], r.mentors[3]).field == "mentor"
        assert rules() == {(r.adepts[1].id, r.mentors[2].id, FORBID),
                           (r.adepts[1].id, r.mentors[3].id, LOCK)}
        # A typed name must name exactly one adept with a profile.
        adepts, _mentors = proposals.candidates(round_)
        for typed in ("Ingen Alls", "Adept", ""):
            with pytest.raises(ServiceError) as err:
                manual.resolve(adepts, typed, ADEPT, "adept")
            assert err.value.field == "adept"
        assert manual.resolve(adepts, "adept 4", ADEPT, "adept") == r.adepts[4].id


def _enrolments(*people):
    from mentorship.extensions import db
    from mentorship.mentoring.models import Enrolment

    return [db.session.get(Enrolment, p.id) for p in people]


@pytest.mark.wording
def test_a_refused_manual_pair_names_the_rule_and_the_typed_name(app, build_round,
                                                                 admin_user):
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.mentoring.models import ADEPT, MentorRound
    from mentorship.mentoring.pairing import manual, proposals
    from mentorship.refusals import ServiceError

    r = build_round(pairs=6)
    with app.test_request_context():
        round_ = db.session.get(MentorRound, r.id)
        admin = db.session.get(User, admin_user.id)

        def refusal(adept, mentor):
            with pytest.raises(ServiceError) as err:
                manual.pair_manually(admin, round_, manual.ManualPair(adept.id, mentor.id))
            return err.value.message

        assert ("bryter mot en hård regel: mentor och adept ska komma från olika kommuner"
                in refusal(r.adepts[0], r.mentors[5]))
        manual.unpair(admin, round_, r.adepts[1].id, r.mentors[2].id, "Jäv")
        assert "paret är förbjudet (Jäv)" in refusal(r.adepts[1], r.mentors[2])
        manual.pair_manually(admin, round_, manual.ManualPair(r.adepts[1].id, r.mentors[3].id))
        assert ("mentorn har plats för 1 adept och är redan låst till 1"
                in refusal(r.adepts[2], r.mentors[3]))
        adepts, _mentors = proposals.candidates(round_)
        for typed, said in (("Ingen Alls", "Ingen adept med ifylld profil heter ”Ingen Alls”"),
                            ("Adept", "Flera personer passar in på ”Adept”")):
            with pytest.raises(ServiceError) as err:
                manual.resolve(adepts, typed, ADEPT, "adept")
            assert said in err.value.message
        # A rule without a reason is given one.
        rule = manual.unpair(admin, round_, r.adepts[4].id, r.mentors[4].id)
        assert rule.reason == "Förbjudet av administratör"


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
    changes = _changes(app, r.id)
    names = {p.id: p.name for p in (*r.adepts, *r.mentors)}
    assert sorted((c.adept, c.mentor) for c in changes.added) == sorted(
        (names[x.id], names[after[x.id]]) for x in (a, b))
    assert sorted((c.adept, c.mentor) for c in changes.removed) == sorted(
        (names[x.id], names[before[x.id]]) for x in (a, b))
    html = client.get(f"/mentorskap/omgangar/{r.id}/matchning").get_data(as_text=True)
    assert 'id="changes-title"' in html
    assert "Nya par (2)" in html and "Borttagna par (2)" in html
    # The same adept twice is refused, on the second field; nothing changes.
    rules = _rules(app, r.id)
    response = client.post(f"/mentorskap/omgangar/{r.id}/matchning/byt",
                           data={"swap-first": _label(app, a), "swap-second": _label(app, a)})
    assert response.status_code == 400
    assert refused(response) == {"swap-second"}
    assert _rules(app, r.id) == rules


def _changes(app, round_id):
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorRound
    from mentorship.mentoring.pairing import proposals, run_diff

    with app.app_context():
        round_ = db.session.get(MentorRound, round_id)
        return run_diff.run_changes(round_, proposals.latest_run(round_))


@pytest.mark.wording
def test_what_changed_is_summed_up_in_one_swedish_sentence(app):
    from flask import render_template

    from mentorship.mentoring.pairing.run_diff import PairChange, RunChanges

    pair = PairChange("Adept 0", "Mentor 1", None, 3.0)
    changes = RunChanges(added=[pair, pair], removed=[pair, pair], unchanged=1)
    with app.test_request_context():
        html = render_template("mentoring/pairing/_run_changes.html", changes=changes)
    assert "Ändringar sedan förra körningen" in html
    assert "2 nya par, 2 borttagna" in html


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
    assert _rules(app, r.id)[adept_id, mentor_id][0] == "lock"
    # The lock replaced the forbid; forbid again (no reason needed) and run.
    client.post(f"/mentorskap/omgangar/{r.id}/matchning/regel",
                data={"kind": "forbid", "adept_id": adept_id, "mentor_id": mentor_id})
    kind, reason = _rules(app, r.id)[adept_id, mentor_id]
    assert kind == "forbid" and reason  # a default reason (see the wording test)
    client.post(f"/mentorskap/omgangar/{r.id}/matchning/kor", data=WEIGHTS)
    assert _proposal(app, r.id)[adept_id] != mentor_id
    html = client.get(f"/mentorskap/omgangar/{r.id}/matchning").get_data(as_text=True)
    rules_section = html.split('id="regler"')[1]
    assert f"<td>{reason}</td>" in rules_section
    assert any((c.adept, c.mentor) == (_name(r, adept_id), _name(r, mentor_id))
               for c in _changes(app, r.id).removed)
    assert "Borttagna par" in html


def _name(r, enrolment_id):
    return next(p.name for p in (*r.adepts, *r.mentors) if p.id == enrolment_id)


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
