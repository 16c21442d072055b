"""Closing the year: Årets mentor chosen per mentor (each nominated mentor once, with the
number of nominations and every nominator's words), the evaluation's exports hiding what
the page hides (one rule), and the evaluation opened from its own tab."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from tests.said import flashed, flashes, notice_texts, notices


def _heading(html: str) -> str:
    return re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)


TEXTS = ("Hon lyssnade alltid och gav mig modet att leda förändringen.",
         "Ställde de frågor jag behövde och delade sina egna misstag.",
         "En trygg bollplank i ett svårt år med två omorganisationer.")


def _nominate_one_mentor_twice(app, r) -> list[int]:
    """Adepts 0 and 1 nominate mentor 0; adept 2 nominates mentor 2."""
    from mentorship.extensions import db
    from mentorship.mentoring.closing_models import Nomination

    with app.app_context():
        rows = [Nomination(round_id=r.id, adept_id=r.adepts[a].id, mentor_id=r.mentors[m].id,
                           text=text)
                for a, m, text in ((0, 0, TEXTS[0]), (1, 0, TEXTS[1]), (2, 2, TEXTS[2]))]
        db.session.add_all(rows)
        db.session.commit()
        return [n.id for n in rows]


def test_each_nominated_mentor_once_with_all_nominators_words(app, client, auth, build_round,
                                                              admin_user):
    from mentorship.extensions import db
    from mentorship.mentoring.closing_models import Nomination

    r = build_round(pairs=3, state="running")
    first, second, third = _nominate_one_mentor_twice(app, r)
    auth.login(admin_user.email)
    url = f"/mentorskap/omgangar/{r.id}/arets-mentor"
    html = client.get(url).get_data(as_text=True)
    assert html.count("<h2>Mentor 0, ") == 1 and html.count("<h2>Mentor 2, ") == 1
    assert "2 nomineringar" in html and "1 nominering<" in html
    assert all(text in html for text in TEXTS)
    assert html.index("Mentor 0") < html.index("Mentor 2")  # most nominations first
    assert html.count("Utse till Årets mentor<") == 2  # one choice per mentor

    confirm = client.get(f"{url}?valj={second}").get_data(as_text=True)
    assert "Mentor 0" in _heading(confirm)  # the mentor, whichever nomination was picked
    assert f'name="nomination_id" value="{first}"' in confirm
    assert "2 nomineringar" in confirm and TEXTS[0] in confirm and TEXTS[1] in confirm
    nominators = confirm[confirm.index('class="nominators"'):]
    assert "Adept 0" in nominators and "Adept 1" in nominators and "Adept 2" not in nominators
    assert TEXTS[2] not in confirm
    assert notices(confirm) == []  # nobody is replaced yet
    assert client.post(url, data={"nomination_id": second}).status_code == 302
    with app.app_context():
        winners = db.session.scalars(select(Nomination.id).where(Nomination.winner)).all()
    assert winners == [first]  # the mentor holds the title once
    html = client.get(url).get_data(as_text=True)
    assert html.count("Utse till Årets mentor<") == 1  # only the other mentor is offered
    confirm = client.get(f"{url}?valj={third}").get_data(as_text=True)
    assert "Mentor 2" in _heading(confirm)
    assert [key for key, text in notice_texts(confirm) if "Mentor 0" in text] == [
        "replaces-winner"]


def _answer(app, r, first: int, last: int,
            comment_of=lambda i: f"Kommentar nummer {i}") -> None:
    from mentorship.extensions import db
    from mentorship.mentoring.closing_models import EvaluationAnswer

    people = [e for pair in zip(r.adepts, r.mentors, strict=True) for e in pair]
    with app.app_context():
        db.session.add_all(EvaluationAnswer(round_id=r.id, enrolment_id=e.id, overall=4,
                                            matching=4, talks=4, workshops=4,
                                            comment=comment_of(i))
                           for i, e in enumerate(people) if first <= i < last)
        db.session.commit()


def _export(client, r, fmt: str) -> list[list[str]]:
    body = client.get(f"/mentorskap/omgangar/{r.id}/export/utvardering.{fmt}").data
    if fmt == "csv":
        return [line.split(";") for line in body.decode("utf-8-sig").splitlines()]
    sheet = load_workbook(io.BytesIO(body)).active
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_evaluation_exports_hold_the_free_text_answers_the_page_shows(app, client, auth,
                                                                     build_round, admin_user,
                                                                     fmt):
    r = build_round(pairs=3, state="running")
    auth.login(admin_user.email)
    _answer(app, r, 0, 4)  # too few: hidden on the page and in the file
    page = client.get(f"/mentorskap/omgangar/{r.id}/utvardering").get_data(as_text=True)
    rows = _export(client, r, fmt)
    assert "Kommentar nummer 0" not in page
    assert not any("Kommentar nummer" in cell for row in rows for cell in row)
    assert ["Fritextsvar", "Alla", "färre än 5", "dolt"] == rows[-1][:4]

    _answer(app, r, 4, 6, comment_of=lambda i: f"Ödmjukt svar {i}" if i == 5 else "")
    page = client.get(f"/mentorskap/omgangar/{r.id}/utvardering").get_data(as_text=True)
    rows = _export(client, r, fmt)
    assert rows[0][-1] == "Fritextsvar"
    free = [row[-1] for row in rows[1:] if row[0] == "Fritextsvar"]
    assert free == [f"Kommentar nummer {i}" for i in range(4)] + ["Ödmjukt svar 5"]
    assert all(f"<li>{text}</li>" in page for text in free)  # the page shows the same


def test_the_small_group_rule_is_one_function(app):
    from mentorship.small_groups import shown

    assert [shown(n) for n in (0, 4, 5, 6)] == [False, False, True, True]


def _toggle_url(app, round_id: int, action: str) -> str:
    from flask import url_for

    with app.test_request_context():
        return url_for("mentoring.evaluation_toggle", round_id=round_id, action=action)


def _evaluation_open(app, round_id: int) -> bool:
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorRound

    with app.app_context():
        return db.session.get(MentorRound, round_id).evaluation_open


def test_the_evaluation_opens_and_closes_from_its_own_tab(app, client, auth, build_round,
                                                          admin_user):
    r = build_round(pairs=2, state="published")
    auth.login(admin_user.email)
    tab = f"/mentorskap/omgangar/{r.id}/utvardering"
    opening, closing = _toggle_url(app, r.id, "oppna"), _toggle_url(app, r.id, "stang")
    html = client.get(tab).get_data(as_text=True)
    assert opening not in html and closing not in html  # not before the round has started
    client.post(f"/mentorskap/omgangar/{r.id}/status/running", data={"utanfor_datum": "1"})
    html = client.get(tab).get_data(as_text=True)
    assert f'action="{opening}"' in html and 'value="utvardering"' in html
    response = client.post(f"{tab}/oppna", data={"tillbaka": "utvardering"})
    assert response.headers["Location"] == tab
    assert _evaluation_open(app, r.id)
    html = client.get(tab).get_data(as_text=True)
    assert flashed(html) == ["success"]
    assert f'action="{closing}"' in html and f'action="{opening}"' not in html
    response = client.post(f"{tab}/stang")  # from the round's page: back there
    assert response.headers["Location"] == f"/mentorskap/omgangar/{r.id}"
    assert not _evaluation_open(app, r.id)


@pytest.mark.wording
def test_the_year_end_pages_say_who_is_chosen_and_when_the_evaluation_opens(
        app, client, auth, build_round, admin_user):
    r = build_round(pairs=3, state="published")
    first, _second, third = _nominate_one_mentor_twice(app, r)
    auth.login(admin_user.email)
    html = client.get(f"/mentorskap/omgangar/{r.id}/utvardering").get_data(as_text=True)
    assert "Utvärderingen kan öppnas när omgången har startat." in html
    client.post(f"/mentorskap/omgangar/{r.id}/status/running", data={"utanfor_datum": "1"},
                follow_redirects=True)
    html = client.post(f"/mentorskap/omgangar/{r.id}/utvardering/oppna",
                       data={"tillbaka": "utvardering"}, follow_redirects=True)
    assert flashes(html) == [("success", "Utvärderingen är öppen.")]
    url = f"/mentorskap/omgangar/{r.id}/arets-mentor"
    client.post(url, data={"nomination_id": first})
    client.get(url)  # the flash is read
    confirm = client.get(f"{url}?valj={third}").get_data(as_text=True)
    assert "Utse Mentor 2 till Årets mentor?" in confirm
    assert "Nominerad av Adept 2" in confirm
    assert "Det ersätter Mentor 0 som Årets mentor." in confirm
