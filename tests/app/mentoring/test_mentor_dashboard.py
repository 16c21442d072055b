"""The round at a glance: figures and a chart with the same numbers as a table."""

import re
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from tests.said import cards


def test_round_page_shows_the_round_in_figures(app, client, auth, build_round, admin_user,
                                               password_hash):
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorPair, MentorTalk

    r = build_round(pairs=3, state="running", password_hash=None)
    with app.app_context():
        pair = db.session.scalars(select(MentorPair).order_by(MentorPair.id)).first()
        db.session.add(MentorTalk(pair_id=pair.id, author_id=None,
                                  held_on=__import__("datetime").date(2025, 10, 1), minutes=60))
        pair.adept.user.password_hash = password_hash  # one accepted invitation
        db.session.commit()
    auth.login(admin_user.email)
    html = client.get(f"/mentorskap/omgangar/{r.id}").get_data(as_text=True)
    section = html.split('id="glance-title"')[1].split("</section>")[0]
    assert "6 (3 mentorer, 3 adepter)" in section
    assert "<dd>6 av 6</dd>" in section  # profiles
    assert "<dt>Inbjudningar som inte är accepterade</dt><dd>5</dd>" in section
    assert "3 aktiva" in section
    facts = dict(re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", section))
    assert _numbers(facts["Loggade samtal"]) == ["1", "1"]  # one talk, one pair has logged
    with app.app_context():
        from mentorship.mentoring.models import MentorRound
        from mentorship.mentoring.rounds.dashboard import round_dashboard

        figures = round_dashboard(db.session.get(MentorRound, r.id))
        assert (figures.talks, figures.pairs_with_talk) == (1, 1)
    assert '<svg class="chart"' in section and 'aria-describedby="glance-table"' in section
    # Mentor 0 works in Bjuv, adept 0 in Landskrona: a row per municipality.
    assert '<th scope="row">Bjuv</th><td class="num">1</td><td class="num">0</td>' in section
    assert section.count("<rect ") == 2 * section.count('<th scope="row">')
    assert "style=" not in section


@pytest.fixture
def three_rounds(app, build_round):
    """A round being matched, one running for seven weeks without talks, and an open one
    where a Bjuv manager has enrolled without a profile."""
    from mentorship.extensions import db
    from mentorship.mentoring.enrolment.services import enrol_user
    from mentorship.mentoring.models import MentorRound

    matching = build_round(pairs=2, state="matching", name="Matchas nu")
    running = build_round(pairs=2, state="running", name="Pågående")
    open_ = build_round(pairs=1, state="open", name="Anmälan öppen")
    with app.test_request_context():  # a Bjuv manager enrolled without a profile
        from datetime import timedelta

        from mentorship.auth.services import NewUser, create_user
        from mentorship.db import utcnow
        from mentorship.mentoring.models import MentorPair

        for pair in db.session.scalars(select(MentorPair).where(
                MentorPair.round_id == running.id)):  # published seven weeks ago
            pair.published_at = utcnow() - timedelta(weeks=7)
        from mentorship.reference.models import Municipality

        bjuv = db.session.scalar(select(Municipality).where(Municipality.name == "Bjuv"))
        person = create_user(None, NewUser("ny.chef@example.org", "Ny Chef", bjuv.id,
                                     ("participant",)))
        enrol_user(None, db.session.get(MentorRound, open_.id), person)
        db.session.commit()
    return SimpleNamespace(matching=matching, running=running, open=open_)


def _run_matching(client, round_id: int) -> None:
    client.post(f"/mentorskap/omgangar/{round_id}/matchning/kor",
                data={"min_score": "0", "w_business_area": "30", "w_goals": "40",
                      "w_experience": "20", "w_gender": "10", "w_distance": "20"})


def _numbers(text: str) -> list[str]:
    return re.findall(r"\d+", text)


def test_start_page_lists_what_needs_each_role_now(app, client, auth, three_rounds,
                                                   admin_user, login_as):
    from flask import url_for

    r = three_rounds
    with app.test_request_context():
        proposal = url_for("mentoring.proposal", round_id=r.matching.id)
        silent = url_for("mentoring.pairs", round_id=r.running.id, weeks=6)
        enrolments = url_for("mentoring.enrolments", round_id=r.open.id)
    auth.login(admin_user.email)
    tasks = {href: (title, text) for href, title, text in cards(client.get("/"))}
    assert "Matchas nu" in tasks[proposal][0] and _numbers(tasks[proposal][1]) == []
    assert "Pågående" in tasks[silent][0]
    assert _numbers(tasks[silent][1]) == ["2", "6"]  # two pairs silent for six weeks
    assert "Anmälan öppen" in tasks[enrolments][0] and _numbers(tasks[enrolments][1]) == ["1"]
    _run_matching(client, r.matching.id)
    after = {href: text for href, _title, text in cards(client.get("/"))}
    assert after[proposal] != tasks[proposal][1]  # now: review the proposal and publish
    auth.logout()
    login_as("hr", municipality="Bjuv")
    tasks = {href: (title, text) for href, title, text in cards(client.get("/"))}
    assert _numbers(tasks[enrolments][1]) == ["1"]  # the one in the HR contact's municipality
    assert proposal not in tasks and silent not in tasks  # the coordinator's tasks only


@pytest.mark.wording
def test_the_start_page_tasks_say_what_to_do(app, client, auth, three_rounds, admin_user,
                                             login_as):
    r = three_rounds
    auth.login(admin_user.email)
    texts = [text for _href, _title, text in cards(client.get("/"))]
    assert "Anmälan är stängd: kör matchningen." in texts
    assert "2 par har inte loggat något samtal på 6 veckor." in texts
    assert "1 anmäld har inte fyllt i sin profil." in texts
    assert "Att göra: Matchas nu" in [title for _href, title, _text in cards(client.get("/"))]
    _run_matching(client, r.matching.id)
    texts = [text for _href, _title, text in cards(client.get("/"))]
    assert "Granska förslaget och publicera." in texts
    glance = client.get(f"/mentorskap/omgangar/{r.running.id}").get_data(as_text=True)
    assert "<dd>0 (0 par har loggat minst ett)</dd>" in glance
    auth.logout()
    login_as("hr", municipality="Bjuv")
    texts = [text for _href, _title, text in cards(client.get("/"))]
    assert "1 i din kommun har inte fyllt i sin profil." in texts


def test_the_dashboard_lists_municipalities_in_swedish_order(app, client, auth, build_round,
                                                             admin_user):
    r = build_round(pairs=6, state="open")  # mentors and adepts from all eleven
    auth.login(admin_user.email)
    section = client.get(f"/mentorskap/omgangar/{r.id}").get_data(as_text=True)
    rows = [f'<th scope="row">{m}</th>' for m in ("Svalöv", "Åstorp", "Ängelholm",
                                                   "Örkelljunga")]
    positions = [section.index(row) for row in rows]
    assert positions == sorted(positions)  # Å, Ä, Ö last, in that order
