"""The wish period: adepts rank mentors they may be matched with, mentors mark adepts they
must not be paired with (a hard exclude whose reason only admins see)."""

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from tests.said import form_refused, refused


def _open_period(client, auth, round_id, days=(-1, 7)):
    auth.login("coordinator@example.org")
    today = date.today()
    response = client.post(f"/mentorskap/omgangar/{round_id}/onskemal", data={
        "opens_on": (today + timedelta(days=days[0])).isoformat(),
        "closes_on": (today + timedelta(days=days[1])).isoformat()})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    auth.logout()


def _set(app, enrolment_id, **values):
    from mentorship.extensions import db
    from mentorship.mentoring.models import Enrolment

    with app.app_context():
        e = db.session.get(Enrolment, enrolment_id)
        for key, value in values.items():
            setattr(e, key, value)
        db.session.commit()


def _wish_rows(app):
    from mentorship.extensions import db
    from mentorship.mentoring.wish_models import AdeptWish

    with app.app_context():
        return [tuple(x) for x in db.session.execute(
            select(AdeptWish.adept_id, AdeptWish.rank, AdeptWish.mentor_id)
            .order_by(AdeptWish.adept_id, AdeptWish.rank))]


def test_admin_sets_dates_and_the_period_refuses_the_wrong_order(app, client, auth,
                                                                 build_round, admin_user):
    from mentorship.extensions import db
    from mentorship.mentoring.wish_models import WishPeriod

    r = build_round(pairs=1, state="open")
    auth.login("coordinator@example.org")
    page = client.get(f"/mentorskap/omgangar/{r.id}/onskemal").get_data(as_text=True)
    assert "ingen önskeperiod" in page
    bad = client.post(f"/mentorskap/omgangar/{r.id}/onskemal", data={
        "opens_on": "2026-05-10", "closes_on": "2026-05-01"})
    assert refused(bad) == {"closes_on"}
    with app.app_context():
        assert db.session.scalars(select(WishPeriod)).all() == []


def test_adept_sees_only_mentors_the_hard_rules_allow_and_ranks_three(
        app, client, auth, build_round, admin_user, password_hash):
    r = build_round(pairs=4, state="open", password_hash=password_hash)
    adept = r.adepts[0]
    m_ok, m_english, m_visible, m_full = r.mentors
    _set(app, m_english.id, languages=["en"])  # no common language
    _set(app, m_visible.id, profile_visible=True, offer_text="BUDGET-ERBJUDANDE",
         presentation="Förvaltningschef <i>sedan</i> 2010")
    _set(app, m_full.id, capacity=0)  # no place
    _open_period(client, auth, r.id)

    auth.login(adept.email)
    mine = client.get("/mentorskap/").get_data(as_text=True)
    assert f"/mentorskap/onskemal/{adept.id}" in mine
    page = client.get(f"/mentorskap/onskemal/{adept.id}").get_data(as_text=True)
    assert m_ok.name in page and m_visible.name in page
    assert m_english.name not in page and m_full.name not in page
    visible, hidden = _card(page, m_visible.name), _card(page, m_ok.name)
    assert "BUDGET-ERBJUDANDE" in visible  # allowed by the mentor
    assert "Förvaltningschef &lt;i&gt;sedan&lt;/i&gt; 2010" in visible  # escaped
    assert '<dl class="facts">' in visible
    assert '<dl class="facts">' not in hidden  # m_ok did not allow it: name and place only

    wrong = client.post(f"/mentorskap/onskemal/{adept.id}",
                        data={"wish_1": m_english.id, "wish_2": 0, "wish_3": 0})
    assert refused(wrong) == {"wish_1"}
    twice = client.post(f"/mentorskap/onskemal/{adept.id}",
                        data={"wish_1": m_ok.id, "wish_2": m_ok.id, "wish_3": 0})
    assert refused(twice) == {"wish_2"}
    assert _wish_rows(app) == []
    saved = client.post(f"/mentorskap/onskemal/{adept.id}",
                        data={"wish_1": m_visible.id, "wish_2": 0, "wish_3": m_ok.id})
    assert saved.status_code == 302
    with app.app_context():
        from mentorship.extensions import db
        from mentorship.mentoring.wish_models import AdeptWish

        rows = db.session.execute(select(AdeptWish.rank, AdeptWish.mentor_id)
                                  .order_by(AdeptWish.rank)).all()
        assert [tuple(x) for x in rows] == [(1, m_visible.id), (2, m_ok.id)]
    # Someone else's enrolment is a 404; a mentor cannot wish.
    assert client.get(f"/mentorskap/onskemal/{r.adepts[1].id}").status_code == 404


def _card(page, name):
    """A mentor's card on the wish page."""
    return page.split(f"<strong>{name}</strong>")[1].split("</li>")[0]


def test_wishes_cannot_be_changed_outside_the_period(app, client, auth, build_round,
                                                     admin_user, password_hash):
    r = build_round(pairs=2, state="open", password_hash=password_hash)
    _open_period(client, auth, r.id, days=(3, 9))  # opens in three days
    auth.login(r.adepts[0].email)
    assert f"/mentorskap/onskemal/{r.adepts[0].id}" not in client.get(
        "/mentorskap/").get_data(as_text=True)
    page = client.get(f"/mentorskap/onskemal/{r.adepts[0].id}").get_data(as_text=True)
    assert "<fieldset disabled>" in page
    response = client.post(f"/mentorskap/onskemal/{r.adepts[0].id}",
                           data={"wish_1": r.mentors[1].id, "wish_2": 0, "wish_3": 0})
    assert form_refused(response) and refused(response) == set()
    assert _wish_rows(app) == []


def test_a_mentors_mark_is_a_hard_exclude_and_its_reason_is_for_admins_only(
        app, client, auth, build_round, admin_user, password_hash):
    r = build_round(pairs=1, state="open", password_hash=password_hash)
    mentor, adept = r.mentors[0], r.adepts[0]
    _open_period(client, auth, r.id)

    auth.login(mentor.email)
    page = client.get(f"/mentorskap/inte-med/{mentor.id}").get_data(as_text=True)
    assert adept.name in page
    no_reason = client.post(f"/mentorskap/inte-med/{mentor.id}",
                            data={"adept_id": adept.id, "reason": ""})
    assert refused(no_reason) == {"reason"}
    assert _marks(app) == []
    assert client.post(f"/mentorskap/inte-med/{mentor.id}", data={
        "adept_id": adept.id, "reason": "SVÄGERSKA-SKÄL"}).status_code == 302
    assert _marks(app) == [(mentor.id, adept.id, "SVÄGERSKA-SKÄL")]
    auth.logout()

    auth.login(adept.email)
    for url in ("/mentorskap/", f"/mentorskap/onskemal/{adept.id}",
                f"/mentorskap/profil/{adept.id}"):
        assert "SVÄGERSKA-SKÄL" not in client.get(url).get_data(as_text=True)
    auth.logout()

    auth.login("coordinator@example.org")
    assert "SVÄGERSKA-SKÄL" in client.get(
        f"/mentorskap/omgangar/{r.id}/onskemal").get_data(as_text=True)
    with app.test_request_context():
        from mentorship.auth.models import User
        from mentorship.extensions import db
        from mentorship.mentoring.models import MentorRound
        from mentorship.mentoring.pairing import proposals

        round_ = db.session.get(MentorRound, r.id)
        round_.state = "matching"
        run = proposals.run_matching(db.session.get(User, admin_user.id), round_)
        proposal = proposals.load_proposal(round_)
        assert run.figures["pairs"] == 0
        assert [p.adept_id for p in proposal.unmatched] == [adept.id]
        db.session.rollback()


def _marks(app):
    from mentorship.extensions import db
    from mentorship.mentoring.wish_models import MentorExclusion

    with app.app_context():
        return [tuple(x) for x in db.session.execute(select(
            MentorExclusion.mentor_id, MentorExclusion.adept_id, MentorExclusion.reason))]


def test_a_rematch_after_publishing_honours_the_marks_too(app, build_round, admin_user):
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.mentoring.models import Enrolment, MentorPair, MentorRound
    from mentorship.mentoring.pairing import publishing
    from mentorship.mentoring.wish_models import MentorExclusion
    from mentorship.refusals import ServiceError

    r = build_round(pairs=3, state="published")
    with app.test_request_context():
        admin = db.session.get(User, admin_user.id)
        round_ = db.session.get(MentorRound, r.id)
        pairs = {p.adept_id: p for p in db.session.scalars(
            select(MentorPair).where(MentorPair.round_id == r.id))}
        first, second = r.adepts[0].id, r.adepts[1].id
        for adept_id in (first, second):
            publishing.end_pair(admin, pairs[adept_id], publishing.EndPair("Flyttat"))
        freed = pairs[second].mentor_id  # the only free mentor first never had
        db.session.add(MentorExclusion(round_id=r.id, mentor_id=freed, adept_id=first,
                                       reason="Jäv"))
        db.session.flush()
        with pytest.raises(ServiceError, match="Ingen ny mentor"):
            publishing.rematch(admin, round_, db.session.get(Enrolment, first))
        db.session.rollback()


WISH_HEADER = ("id;role;name;municipality;business_area;level;years_as_manager;goals;languages;"
               "meeting_mode;capacity;exclude;lock;önskemål;email")


def _round_with_imported_wishes(app, client, auth, build_round, admin_user):
    """A round whose one adept wished two mentors in the file import, matched."""
    from mentorship.extensions import db
    from mentorship.mentoring.models import Enrolment, MentorRound
    from mentorship.mentoring.wish_models import AdeptWish
    from tests.app.formats_helpers import upload_and_confirm

    r = build_round(pairs=0, state="open")
    rows = [
        "m1;mentor;Åsa Öberg;Bjuv;Socialtjänst;2;12;Svåra samtal;sv;either;1;;;;asa@example.org",
        "m2;mentor;Per Ek;Båstad;Socialtjänst;2;12;Svåra samtal;sv;either;1;;;;per@example.org",
        "a1;adept;Örjan Ek;Klippan;Grundskola;1;2;Svåra samtal;sv;either;;;;m2|m1;"
        "orjan@example.org",
    ]
    data = ("\ufeff" + "\n".join([WISH_HEADER, *rows]) + "\n").encode("utf-8")
    auth.login(admin_user.email)
    response = upload_and_confirm(client, f"/mentorskap/omgangar/{r.id}/importera", data,
                                  "people.csv")
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    with app.app_context():
        ids = {e.external_id: e.id for e in db.session.scalars(
            select(Enrolment).where(Enrolment.round_id == r.id))}
        wished = db.session.execute(select(AdeptWish.rank, AdeptWish.mentor_id)
                                    .order_by(AdeptWish.rank)).all()
        assert [tuple(w) for w in wished] == [(1, ids["m2"]), (2, ids["m1"])]
        db.session.get(MentorRound, r.id).state = "matching"
        db.session.commit()
    from matching import CRITERIA, DEFAULT_WEIGHTS

    weights = {f"w_{k}": str(getattr(DEFAULT_WEIGHTS, k)) for k in CRITERIA}
    assert client.post(f"/mentorskap/omgangar/{r.id}/matchning/kor",
                       data={"min_score": "0", **weights}).status_code == 302
    return r, ids


def _wishes_met(page):
    """The numbers of the "adepts who got a wish" figure (met, wished, first choice)."""
    return [int(n) for n in re.findall(r"\d+", page.split("<dd data-wishes-met>")[1]
                                       .split("</dd>")[0])]


def test_imported_wishes_reach_the_engine_and_the_figures(app, client, auth, build_round,
                                                          admin_user):
    from mentorship.extensions import db
    from mentorship.mentoring.models import MatchRun, ProposedPair
    from mentorship.mentoring.pairing.reasons import reason_text

    r, ids = _round_with_imported_wishes(app, client, auth, build_round, admin_user)
    with app.test_request_context():
        run = db.session.scalar(select(MatchRun).where(MatchRun.round_id == r.id))
        f = run.figures
        assert (f["adepts_with_wishes"], f["wishes_met"], f["first_wishes_met"]) == (1, 1, 1)
        pair = db.session.scalar(select(ProposedPair).where(ProposedPair.run_id == run.id))
        assert pair.mentor_id == ids["m2"]  # the first choice
        first_choice = reason_text({"code": "wish_first"})
    page = client.get(f"/mentorskap/omgangar/{r.id}/matchning").get_data(as_text=True)
    assert first_choice in page
    assert _wishes_met(page) == [1, 1, 1]
    overview = client.get(f"/mentorskap/omgangar/{r.id}").get_data(as_text=True)
    assert _wishes_met(overview) == [1, 1, 1]


@pytest.mark.wording
def test_the_wishes_figure_reads_as_a_sentence(app, client, auth, build_round, admin_user):
    r, _ids = _round_with_imported_wishes(app, client, auth, build_round, admin_user)
    for url in (f"/mentorskap/omgangar/{r.id}/matchning", f"/mentorskap/omgangar/{r.id}"):
        page = client.get(url).get_data(as_text=True)
        assert "1 av 1 som önskade, 1 fick sitt förstahandsval" in page


def test_proposal_rows_link_to_both_profiles_which_hr_sees_only_in_their_municipality(
        app, client, auth, build_round, admin_user, login_as):
    from mentorship.extensions import db
    from mentorship.mentoring.models import Enrolment, MentorRound
    from mentorship.mentoring.pairing import proposals
    from mentorship.mentoring.wish_models import AdeptWish, MentorExclusion

    r = build_round(pairs=2, state="matching")
    adept, mentor = r.adepts[0], r.mentors[0]
    with app.test_request_context():
        e = db.session.get(Enrolment, mentor.id)
        e.offer_text = "TJUGO-ÅR-REKTOR"
        db.session.add_all([
            AdeptWish(round_id=r.id, adept_id=adept.id, mentor_id=r.mentors[1].id, rank=1),
            MentorExclusion(round_id=r.id, mentor_id=mentor.id, adept_id=r.adepts[1].id,
                            reason="Samma ledningsgrupp"),
        ])
        from mentorship.auth.models import User

        proposals.run_matching(db.session.get(User, admin_user.id),
                               db.session.get(MentorRound, r.id))
        db.session.commit()
    auth.login(admin_user.email)
    page = client.get(f"/mentorskap/omgangar/{r.id}/matchning").get_data(as_text=True)
    # adept0 got the mentor she wished; adept1 may not have mentor0 and stands without
    for person in (*r.adepts, r.mentors[1]):
        assert f'href="/mentorskap/deltagare/{person.id}"' in page
    listing = client.get(f"/mentorskap/omgangar/{r.id}/deltagare").get_data(as_text=True)
    assert f'href="/mentorskap/deltagare/{mentor.id}"' in listing
    mentor_page = client.get(f"/mentorskap/deltagare/{mentor.id}").get_data(as_text=True)
    assert "TJUGO-ÅR-REKTOR" in mentor_page and "Samma ledningsgrupp" in mentor_page
    adept_page = client.get(f"/mentorskap/deltagare/{adept.id}").get_data(as_text=True)
    assert r.mentors[1].name in adept_page  # the wish, for the coordinator
    auth.logout()
    login_as("hr", municipality="Bjuv")  # mentor0 is in Bjuv
    hr_page = client.get(f"/mentorskap/deltagare/{mentor.id}")
    assert hr_page.status_code == 200
    assert "Samma ledningsgrupp" not in hr_page.get_data(as_text=True)  # admins only
    assert client.get(f"/mentorskap/deltagare/{adept.id}").status_code == 404


def test_new_pages_run_no_query_while_rendering(app, client, auth, build_round, admin_user,
                                                password_hash, queries_while_rendering):
    from mentorship.extensions import db
    from mentorship.mentoring.wish_models import AdeptWish, MentorExclusion

    r = build_round(pairs=3, state="open", password_hash=password_hash)
    _set(app, r.mentors[1].id, profile_visible=True)
    with app.app_context():
        db.session.add_all([
            AdeptWish(round_id=r.id, adept_id=r.adepts[0].id, mentor_id=r.mentors[1].id,
                      rank=1),
            MentorExclusion(round_id=r.id, mentor_id=r.mentors[0].id,
                            adept_id=r.adepts[2].id, reason="Jäv"),
        ])
        db.session.commit()
    _open_period(client, auth, r.id)
    pages = {
        r.adepts[0].email: [f"/mentorskap/onskemal/{r.adepts[0].id}", "/mentorskap/"],
        r.mentors[0].email: [f"/mentorskap/inte-med/{r.mentors[0].id}"],
        admin_user.email: [f"/mentorskap/omgangar/{r.id}/onskemal",
                           f"/mentorskap/deltagare/{r.adepts[0].id}",
                           f"/mentorskap/deltagare/{r.mentors[0].id}"],
    }
    for email, urls in pages.items():
        auth.login(email)
        for url in urls:
            with queries_while_rendering() as statements:
                assert client.get(url).status_code == 200, url
            assert statements == [], statements
        auth.logout()


def test_wishes_of_people_who_changed_role_drop_out_instead_of_failing_the_run(
        app, build_round, admin_user):
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.mentoring.models import Enrolment, MentorRound
    from mentorship.mentoring.pairing import proposals
    from mentorship.mentoring.wish_models import AdeptWish, MentorExclusion

    r = build_round(pairs=3, state="matching")
    with app.test_request_context():
        db.session.add_all([
            AdeptWish(round_id=r.id, adept_id=r.adepts[0].id, mentor_id=r.mentors[1].id,
                      rank=1),
            AdeptWish(round_id=r.id, adept_id=r.adepts[1].id, mentor_id=r.mentors[2].id,
                      rank=1),
            MentorExclusion(round_id=r.id, mentor_id=r.mentors[2].id,
                            adept_id=r.adepts[2].id, reason="Jäv"),
        ])
        db.session.get(Enrolment, r.mentors[1].id).role = "adept"  # the wished mentor
        db.session.get(Enrolment, r.adepts[1].id).role = "mentor"  # the wishing adept
        db.session.flush()
        run = proposals.run_matching(db.session.get(User, admin_user.id),
                                     db.session.get(MentorRound, r.id))
        assert run.figures["adepts_with_wishes"] == 0
        db.session.rollback()
