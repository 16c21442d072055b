"""The recurring survey: editable questions with the checklist's defaults, opening e-mails
every member, one answer per member and network, no figure from fewer than five answers,
results back to the network, the export for the chief executives, the two-year flag."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from mentorship.extensions import db
from tests.app.networks.conftest import muni_id
from tests.said import cards, refused

#: Test data: the survey's questions as the secretariat writes them, and a member's comment.
QUESTIONS = ("Bidrar nätverket till samarbetets syfte?", "Är syftet tydligt?")
COMMENT = "Mycket bra nätverk."


def _defaults(app) -> list[str]:
    from mentorship.networks.survey import default_questions

    with app.test_request_context():
        return default_questions()


def _add_account_members(app, make_user, load, network_id: int, n: int) -> list[str]:
    from mentorship.networks.services import MemberData, add_member, today

    emails = []
    for i in range(n):
        user = make_user(f"m{i}@example.org", municipality="Landskrona")
        emails.append(user.email)
    with app.app_context():
        net = load(network_id)
        for email in emails:
            add_member(None, net, MemberData("", 0, "bibliotekarie", None, email), today())
        db.session.commit()
    return emails


def _open_survey(client) -> int:
    from mentorship.networks.models import NetworkSurvey

    page = client.get("/natverk/enkater/ny").get_data(as_text=True)
    assert all(q in page for q in _defaults(client.application))  # the defaults
    client.post("/natverk/enkater/ny", data={
        "title": "Nätverksenkäten", "questions": f"{QUESTIONS[0]}\n\n{QUESTIONS[1]}\n"})
    with client.application.app_context():
        survey_id = db.session.scalar(select(NetworkSurvey.id))
        questions = db.session.get(NetworkSurvey, survey_id).questions
    assert [q["text"] for q in questions] == list(QUESTIONS)  # the empty line dropped
    assert client.post(f"/natverk/enkater/{survey_id}/oppna").status_code == 302
    return survey_id


def _answer(client, auth, email: str, survey_id: int, network_id: int, q1: int, q2: int,
            comment: str = "") -> int:
    auth.logout()
    auth.login(email)
    return client.post(f"/natverk/enkater/{survey_id}/svara/{network_id}",
                       data={"q1": q1, "q2": q2, "comment": comment}).status_code


def test_opening_mails_every_member_once(app, client, auth, nets):
    from mentorship.mail.models import OutboxMessage

    auth.login("admin@example.org")
    survey_id = _open_survey(client)
    with app.app_context():
        recipients = sorted(db.session.scalars(select(OutboxMessage.recipient)))
    # Kim has no account, so cannot log in to answer: no e-mail.
    assert recipients == ["member@example.org"]
    # Opened: the questions can no longer change.
    from mentorship.networks.models import NetworkSurvey

    client.post(f"/natverk/enkater/{survey_id}", data={"title": "Ny", "questions": "Ny fråga"})
    with app.app_context():
        survey = db.session.get(NetworkSurvey, survey_id)
        assert survey.title == "Nätverksenkäten" and len(survey.questions) == 2


def test_answers_are_one_per_member_and_small_groups_hidden(
    app, client, auth, nets, make_user, load
):
    from mentorship.networks.models import NetworkSurvey, NetworkSurveyAnswer
    from mentorship.networks.survey import results

    emails = _add_account_members(app, make_user, load, nets.net, 4)
    auth.login("admin@example.org")
    survey_id = _open_survey(client)
    auth.logout()
    auth.login("member@example.org")
    mine = client.get("/natverk/enkater/mina").get_data(as_text=True)
    assert f'href="/natverk/enkater/{survey_id}/svara/{nets.net}"' in mine
    # The start page's card: one answer missing, for the member's one network.
    (card,) = [c for c in cards(client.get("/")) if c[0] == "/natverk/enkater/mina"]
    assert re.findall(r"\d+", card[1]) == ["1"] and "Biblioteksnätverket" in card[2]
    bad = client.post(f"/natverk/enkater/{survey_id}/svara/{nets.net}", data={"q1": 9})
    assert bad.status_code == 200 and refused(bad) == {"q1", "q2"}  # 9 is no grade; q2 empty
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(NetworkSurveyAnswer)) == 0
    assert _answer(client, auth, "member@example.org", survey_id, nets.net, 5, 4,
                   COMMENT) == 302
    # A second answer, or an answer for a network one is not in, is a 404.
    assert client.get(f"/natverk/enkater/{survey_id}/svara/{nets.net}").status_code == 404
    assert client.get(f"/natverk/enkater/{survey_id}/svara/{nets.other}").status_code == 404
    for i, email in enumerate(emails[:3]):
        assert _answer(client, auth, email, survey_id, nets.net, 4, 2 + i) == 302
    # Four answers: nothing is shown, not even to the secretariat.
    auth.logout()
    auth.login("admin@example.org")
    with app.app_context():
        survey = db.session.get(NetworkSurvey, survey_id)
        (overall, library) = results(survey)
        assert (overall.answers, library.answers) == (4, 4)
        assert all(f.hidden for r in (overall, library) for f in r.figures)
        assert overall.comments is None and library.comments is None
    html = client.get(f"/natverk/enkater/{survey_id}/resultat").get_data(as_text=True)
    # Every figure's row is one hidden cell (no counts per grade), and no comment.
    assert html.count('colspan="7"') == 4 and COMMENT not in html
    assert _answer(client, auth, emails[3], survey_id, nets.net, 3, 3) == 302
    auth.logout()
    auth.login("admin@example.org")
    with app.app_context():
        survey = db.session.get(NetworkSurvey, survey_id)
        assert not any(f.hidden for r in results(survey) for f in r.figures)
        assert results(survey)[1].comments == [COMMENT]
    html = client.get(f"/natverk/enkater/{survey_id}/resultat").get_data(as_text=True)
    assert 'colspan="7"' not in html and COMMENT in html
    assert "3,2" in html  # (4+2+3+4+3)/5 for the second question
    workbook = load_workbook(io.BytesIO(
        client.get(f"/natverk/enkater/{survey_id}/export.xlsx").data))
    rows = [tuple(r) for r in workbook.active.iter_rows(values_only=True)]
    assert rows[0] == ("Nätverk", "Fråga", "Svar", "Medelvärde (1–5)")
    assert ("Alla nätverk", QUESTIONS[0], 5, 4.0) in rows
    assert ("Biblioteksnätverket", QUESTIONS[1], 5, 3.2) in rows


def test_members_read_their_networks_results_others_do_not(app, client, auth, nets):
    auth.login("admin@example.org")
    survey_id = _open_survey(client)
    _answer(client, auth, "member@example.org", survey_id, nets.net, 5, 5)
    assert client.get(f"/natverk/{nets.net}/enkater/{survey_id}").status_code == 200
    page = client.get(f"/natverk/{nets.net}").get_data(as_text=True)
    assert f"/natverk/{nets.net}/enkater/{survey_id}" in page
    auth.logout()
    auth.login("outsider@example.org")
    assert client.get(f"/natverk/{nets.net}/enkater/{survey_id}").status_code == 404
    assert client.get(f"/natverk/enkater/{survey_id}/resultat").status_code == 403
    assert client.get(f"/natverk/enkater/{survey_id}/svara/{nets.net}").status_code == 404


def test_closed_survey_takes_no_answers(app, client, auth, nets):
    auth.login("admin@example.org")
    survey_id = _open_survey(client)
    assert client.post(f"/natverk/enkater/{survey_id}/stang").status_code == 302
    assert _answer(client, auth, "member@example.org", survey_id, nets.net, 5, 5) == 404


def test_networks_not_surveyed_in_two_years_are_flagged(app, nets, load):
    from mentorship.networks.models import ACTIVE, NetworkMember, NetworkSurvey, NetworkSurveyAnswer
    from mentorship.networks.survey import not_surveyed

    today = date.today()
    with app.app_context():
        for network_id in (nets.net, nets.other):
            load(network_id).status = ACTIVE
        old = NetworkSurvey(title="Gammal", questions=[{"key": "q1", "text": "?"}],
                            opened_on=today - timedelta(days=800))
        recent = NetworkSurvey(title="Ny", questions=[{"key": "q1", "text": "?"}],
                               opened_on=today - timedelta(days=100))
        db.session.add_all([old, recent])
        db.session.flush()
        member = db.session.scalars(
            select(NetworkMember).where(NetworkMember.network_id == nets.net)).first()
        db.session.add(NetworkSurveyAnswer(survey_id=old.id, network_id=nets.net,
                                           member_id=member.id, ratings={"q1": 3}))
        db.session.flush()
        flagged = {n.name: last for n, last in not_surveyed(today)}
        assert flagged == {"Biblioteksnätverket": old.opened_on, "Miljönätverket": None}
        db.session.add(NetworkSurveyAnswer(survey_id=recent.id, network_id=nets.net,
                                           member_id=member.id, ratings={"q1": 4}))
        db.session.flush()
        assert [n.name for n, _ in not_surveyed(today)] == ["Miljönätverket"]
        assert muni_id("Bjuv")  # the reference data is there


@pytest.mark.wording
def test_the_surveys_words(app, client, auth, nets):
    """The start page's card and the member's link, a missing grade, and a hidden figure."""
    auth.login("admin@example.org")
    survey_id = _open_survey(client)
    auth.logout()
    auth.login("member@example.org")
    assert "Svara för Biblioteksnätverket" in client.get("/natverk/enkater/mina").get_data(
        as_text=True)
    assert ("/natverk/enkater/mina", "Enkät till nätverken: 1 svar saknas",
            "Svara för Biblioteksnätverket.") in cards(client.get("/"))
    bad = client.post(f"/natverk/enkater/{survey_id}/svara/{nets.net}", data={"q1": 3})
    assert "Välj ett betyg 1–5." in bad.get_data(as_text=True)
    _answer(client, auth, "member@example.org", survey_id, nets.net, 5, 4)
    auth.logout()
    auth.login("admin@example.org")
    html = client.get(f"/natverk/enkater/{survey_id}/resultat").get_data(as_text=True)
    assert "Dolt: färre än 5 svar" in html
