""""Känns matchningen rätt?" (issue 24, item 6): asked a configurable time after the first
logged talk, or some weeks after publishing without one, to each side once, in the app
and by e-mail; answered privately; "nej" and "osäker" handled by the coordinator with the
re-match path; counted in the round's figures only from five answers."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from markupsafe import escape
from sqlalchemy import select

from tests.said import flashed, flashes, refused


def _pairs(app, round_id: int) -> list[tuple[int, int, int]]:
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorPair

    with app.app_context():
        return [(p.id, p.adept_id, p.mentor_id) for p in db.session.scalars(
            select(MentorPair).where(MentorPair.round_id == round_id).order_by(MentorPair.id))]


def _publish_ago(app, round_id: int, **ago) -> None:
    from mentorship.db import utcnow
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorPair

    with app.app_context():
        for pair in db.session.scalars(select(MentorPair).where(MentorPair.round_id == round_id)):
            pair.published_at = utcnow() - timedelta(**ago)
        db.session.commit()


def _talk(app, pair_id: int, days_ago: int) -> None:
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorTalk

    with app.app_context():
        db.session.add(MentorTalk(pair_id=pair_id, held_on=date.today() - timedelta(days_ago),
                                  minutes=60))
        db.session.commit()


def _asked(app) -> set[tuple[int, int]]:
    from mentorship.extensions import db
    from mentorship.mentoring.fit_models import FitCheck

    with app.app_context():
        return {(p, e) for p, e in db.session.execute(
            select(FitCheck.pair_id, FitCheck.enrolment_id))}


def _remind(app) -> str:
    result = app.test_cli_runner().invoke(args=["rounds", "remind"])
    assert result.exit_code == 0, result.output
    return result.output


def _mails_since(app, before: int) -> list:
    from mentorship.extensions import db
    from mentorship.mail.models import OutboxMessage

    with app.app_context():
        return db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)
                                  .offset(before)).all()


def test_each_side_is_asked_once_when_the_time_has_come(app, build_round):
    from mentorship.extensions import db
    from mentorship.mail.models import OutboxMessage
    from mentorship.mentoring.fit_models import FitCheck

    r = build_round(pairs=4, state="running")
    pairs = _pairs(app, r.id)
    _remind(app)
    assert _asked(app) == set()  # just published: nobody yet
    _publish_ago(app, r.id, weeks=7)
    _talk(app, pairs[0][0], days_ago=10)  # first talk ten days ago: not yet (14 days)
    _talk(app, pairs[1][0], days_ago=15)  # fifteen days ago: due
    _talk(app, pairs[1][0], days_ago=2)  # a later talk does not move the first one
    # pairs[2] and pairs[3]: no talk, published seven weeks ago (six weeks): due
    with app.test_request_context():
        from mentorship.mentoring.enrolment import leaving
        from mentorship.mentoring.models import Enrolment

        leaver = db.session.get_one(Enrolment, pairs[3][1])
        leaving.ask_to_leave(leaver.user, leaver, "")
        db.session.commit()
    with app.app_context():
        before = db.session.scalar(select(db.func.count(OutboxMessage.id)))
    _remind(app)
    expected = {(pairs[1][0], pairs[1][1]), (pairs[1][0], pairs[1][2]),
                (pairs[2][0], pairs[2][1]), (pairs[2][0], pairs[2][2]),
                (pairs[3][0], pairs[3][2])}  # not the adept who asked to leave
    assert _asked(app) == expected
    mails = _mails_since(app, before)
    people = {e.id: e.email for e in (*r.adepts, *r.mentors)}
    assert sorted(m.recipient for m in mails) == sorted(people[e] for _p, e in expected)
    with app.app_context():
        checks = dict(db.session.execute(select(FitCheck.enrolment_id, FitCheck.id)).all())
    assert all(f"/mentorskap/passar-matchningen/{checks[e]}" in m.body
               for m in mails for e, email in people.items() if email == m.recipient)
    _remind(app)
    assert _asked(app) == expected  # never twice
    assert len(_mails_since(app, before)) == 5


def test_the_waiting_times_are_configurable(app, build_round):
    r = build_round(pairs=2, state="running")
    pairs = _pairs(app, r.id)
    _talk(app, pairs[0][0], days_ago=5)
    _publish_ago(app, r.id, days=8)
    app.config.update(FIT_CHECK_DAYS_AFTER_FIRST_TALK=3, FIT_CHECK_WEEKS_WITHOUT_TALK=1)
    _remind(app)
    assert {pair for pair, _side in _asked(app)} == {pairs[0][0], pairs[1][0]}
    assert len(_asked(app)) == 4


@pytest.fixture
def asked_round(app, build_round):
    """A running round of six pairs, each side asked (published seven weeks ago)."""
    r = build_round(pairs=6, state="running")
    _publish_ago(app, r.id, weeks=7)
    _remind(app)
    return r


def _check_of(app, enrolment_id: int) -> int:
    from mentorship.extensions import db
    from mentorship.mentoring.fit_models import FitCheck

    with app.app_context():
        return db.session.scalar(select(FitCheck.id).where(FitCheck.enrolment_id == enrolment_id))


def _answer_of(app, check_id: int) -> tuple[str | None, str]:
    from mentorship.extensions import db
    from mentorship.mentoring.fit_models import FitCheck

    with app.app_context():
        check = db.session.get_one(FitCheck, check_id)
        return check.answer, check.note


def _handled(app, check_id: int) -> bool:
    from mentorship.extensions import db
    from mentorship.mentoring.fit_models import FitCheck

    with app.app_context():
        return db.session.get_one(FitCheck, check_id).handled_at is not None


def _concerns(app, round_id: int) -> dict[int, int]:
    from mentorship.mentoring.fitcheck import services as fit

    with app.app_context():
        return fit.concern_counts([round_id])


def test_an_answer_is_private_and_a_nej_is_handled_by_the_coordinator(
        app, client, auth, asked_round, admin_user, password_hash, login_as):
    from mentorship.auth.models import User
    from mentorship.extensions import db

    r = asked_round
    with app.app_context():
        for person in (*r.adepts, *r.mentors):
            db.session.get_one(User, person.user_id).password_hash = password_hash
        db.session.commit()
    adept = r.adepts[0]
    mine = _check_of(app, adept.id)
    with app.app_context():
        from mentorship.mentoring.fit_models import FitCheck

        pair = db.session.get_one(FitCheck, mine).pair
        mentor = next(m for m in r.mentors if m.id == pair.mentor_id)
    theirs = _check_of(app, mentor.id)
    auth.login(adept.email, "correct horse battery")
    page = client.get("/mentorskap/").get_data(as_text=True)
    assert f"/passar-matchningen/{mine}" in page
    assert client.get(f"/mentorskap/passar-matchningen/{theirs}").status_code == 404
    form = client.get(f"/mentorskap/passar-matchningen/{mine}").get_data(as_text=True)
    assert f"aldrig {mentor.name}" in form
    response = client.post(f"/mentorskap/passar-matchningen/{mine}", data={"answer": "x"})
    assert response.status_code == 200 and refused(response) == {"answer"}
    assert _answer_of(app, mine) == (None, "")
    note = "Vi har helt olika förväntningar <b>tyvärr</b>"
    response = client.post(f"/mentorskap/passar-matchningen/{mine}",
                           data={"answer": "nej", "note": note})
    assert response.headers["Location"] == "/mentorskap/"
    assert _answer_of(app, mine) == ("nej", note)
    page = client.get("/mentorskap/").get_data(as_text=True)
    assert flashed(page) == ["success"]
    assert f"/passar-matchningen/{mine}" not in page
    auth.logout()
    # The partner sees nothing of it, on their page or in their own data.
    auth.login(mentor.email, "correct horse battery")
    assert "helt olika" not in client.get("/mentorskap/").get_data(as_text=True)
    assert "helt olika" not in client.get("/mina-uppgifter/hamta").get_data(as_text=True)
    assert client.get(f"/mentorskap/passar-matchningen/{mine}").status_code == 404
    auth.logout()
    # The HR contact reads the round page without any one person's answer.
    login_as("hr", municipality="Bjuv")
    page = client.get(f"/mentorskap/omgangar/{r.id}").get_data(as_text=True)
    assert 'id="fit-title"' in page and "helt olika" not in page
    auth.logout()
    # The coordinator sees it, escaped, with the re-match path, and on the start page.
    auth.login(admin_user.email)
    task = f'href="/mentorskap/omgangar/{r.id}#fit-title"'
    assert task in client.get("/").get_data(as_text=True)
    assert _concerns(app, r.id) == {r.id: 1}
    page = client.get(f"/mentorskap/omgangar/{r.id}").get_data(as_text=True)
    assert escape(note) in page and note not in page
    with app.app_context():
        from mentorship.mentoring.fit_models import FitCheck

        pair_id = db.session.get_one(FitCheck, mine).pair_id
    assert f"/mentorskap/par/{pair_id}/avsluta" in page
    response = client.post(f"/mentorskap/omgangar/{r.id}/passar-matchningen/{mine}/hanterad",
                           follow_redirects=True)
    html = response.get_data(as_text=True)
    assert flashed(html) == ["success"] and "helt olika" not in html
    assert _handled(app, mine)
    assert _concerns(app, r.id) == {}
    assert task not in client.get("/").get_data(as_text=True)
    # Another round's check through this round's URL is not found.
    other = _check_of(app, r.adepts[1].id)
    assert client.post(f"/mentorskap/omgangar/{r.id + 1000}/passar-matchningen/{other}/hanterad"
                       ).status_code == 404


def test_ending_the_pair_re_matches_through_the_existing_path(
        app, client, auth, asked_round, admin_user):
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.mentoring.fit_models import FitCheck
    from mentorship.mentoring.fitcheck import services as fit

    r = asked_round
    note = "Vet inte riktigt"
    with app.test_request_context():
        check = db.session.get_one(FitCheck, _check_of(app, r.mentors[1].id))
        fit.answer(db.session.get_one(User, r.mentors[1].user_id), check,
                   fit.FitAnswer("osaker", note))
        db.session.commit()
        pair_id, adept_id = check.pair_id, check.pair.adept_id
    auth.login(admin_user.email)
    client.post(f"/mentorskap/par/{pair_id}/avsluta", data={"reason": "Passade inte"})
    page = client.get(f"/mentorskap/omgangar/{r.id}/par").get_data(as_text=True)
    assert f"matcha-om/{adept_id}" in page
    # An ended pair's doubts need no more handling.
    assert note not in client.get(f"/mentorskap/omgangar/{r.id}").get_data(as_text=True)
    assert _concerns(app, r.id) == {}


def _fit_section(page: str) -> str:
    start = page.index('id="fit-title"')
    return page[start:page.index("</section>", start)]


def test_the_figures_count_answers_only_from_five(app, client, auth, asked_round, admin_user):
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.mentoring.fit_models import FitCheck
    from mentorship.mentoring.fitcheck import services as fit
    from mentorship.mentoring.models import MentorRound

    r = asked_round
    people = [*r.adepts, *r.mentors]
    answers = ["ja", "ja", "nej", "osaker", "ja"]
    auth.login(admin_user.email)
    for n, (person, value) in enumerate(zip(people, answers, strict=False), start=1):
        with app.test_request_context():
            check = db.session.get_one(FitCheck, _check_of(app, person.id))
            fit.answer(db.session.get_one(User, person.user_id), check, fit.FitAnswer(value))
            db.session.commit()
            figures = fit.figures(db.session.get_one(MentorRound, r.id))
        page = client.get(f"/mentorskap/omgangar/{r.id}").get_data(as_text=True)
        assert figures.asked == 12 and figures.answered == n
        if n < 5:
            assert figures.hidden and "<dl" not in _fit_section(page)
        else:
            assert figures.counts == {"ja": 3, "osaker": 1, "nej": 1}
            assert "<dt>Ja</dt><dd>3</dd>" in _fit_section(page)


def test_an_erased_persons_note_goes_and_the_answer_stays_counted(app, asked_round,
                                                                    admin_user):
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.mentoring.fit_models import FitCheck
    from mentorship.mentoring.fitcheck import services as fit
    from mentorship.privacy.services import erase_person

    r = asked_round
    with app.test_request_context():
        check = db.session.get_one(FitCheck, _check_of(app, r.adepts[2].id))
        fit.answer(db.session.get_one(User, r.adepts[2].user_id), check,
                   fit.FitAnswer("nej", "Privat kommentar"))
        erase_person(db.session.get_one(User, admin_user.id),
                     db.session.get_one(User, r.adepts[2].user_id))
        db.session.flush()
        db.session.refresh(check)
        assert check.note == "" and check.answer == "nej"
        db.session.rollback()


@pytest.mark.wording
def test_the_fit_check_is_worded_for_the_asked_and_the_coordinator(app, client, auth,
                                                                    build_round, admin_user):
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.mentoring.fit_models import FitCheck
    from mentorship.mentoring.fitcheck import services as fit
    from mentorship.mentoring.models import MentorRound
    from mentorship.mentoring.rounds.tasks import mentor_tasks
    from mentorship.refusals import ServiceError

    r = build_round(pairs=1, state="running", name="Vår omgång")
    _publish_ago(app, r.id, weeks=7)
    before = len(_mails_since(app, 0))
    assert "2 har fått frågan ”Känns matchningen rätt?”." in _remind(app)
    assert {m.subject for m in _mails_since(app, before)} == {
        "Känns matchningen rätt? (Vår omgång)"}
    with app.test_request_context():
        adept = db.session.get_one(User, r.adepts[0].user_id)
        check = db.session.get_one(FitCheck, _check_of(app, r.adepts[0].id))
        with pytest.raises(ServiceError) as err:
            fit.answer(adept, check, fit.FitAnswer("x"))
        assert err.value.message == "Välj ja, osäker eller nej."
        fit.answer(adept, check, fit.FitAnswer("nej"))
        db.session.commit()
        texts = [t.text for t in mentor_tasks(db.session.get_one(User, admin_user.id))]
        assert "1 svar på ”Känns matchningen rätt?” behöver hanteras." in texts
        assert fit.figures(db.session.get_one(MentorRound, r.id)).hidden
    auth.login(admin_user.email)
    page = client.get(f"/mentorskap/omgangar/{r.id}").get_data(as_text=True)
    assert "Svaren räknas upp först när minst fem har svarat." in _fit_section(page)
    check_id = _check_of(app, r.adepts[0].id)
    page = client.post(f"/mentorskap/omgangar/{r.id}/passar-matchningen/{check_id}/hanterad",
                       follow_redirects=True)
    assert flashes(page) == [("success", "Svaret är markerat som hanterat.")]
