"""Closing the year: Årets mentor chosen per mentor (each nominated mentor once, with the
number of nominations and every nominator's words), the evaluation's exports hiding what
the page hides (one rule), and the evaluation opened from its own tab."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

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
    assert "Utse Mentor 0 till Årets mentor?" in confirm
    assert "2 nomineringar" in confirm and TEXTS[0] in confirm and TEXTS[1] in confirm
    assert "Nominerad av Adept 0" in confirm and "Nominerad av Adept 1" in confirm
    assert TEXTS[2] not in confirm
    assert client.post(url, data={"nomination_id": second}).status_code == 302
    with app.app_context():
        winners = db.session.scalars(select(Nomination.id).where(Nomination.winner)).all()
    assert winners == [first]  # the mentor holds the title once
    html = client.get(url).get_data(as_text=True)
    assert html.count("Utse till Årets mentor<") == 1  # only the other mentor is offered
    confirm = client.get(f"{url}?valj={third}").get_data(as_text=True)
    assert "Det ersätter Mentor 0 som Årets mentor." in confirm


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


def test_the_evaluation_opens_and_closes_from_its_own_tab(app, client, auth, build_round,
                                                          admin_user):
    r = build_round(pairs=2, state="published")
    auth.login(admin_user.email)
    tab = f"/mentorskap/omgangar/{r.id}/utvardering"
    html = client.get(tab).get_data(as_text=True)
    assert "Öppna utvärderingen" not in html and "kan öppnas när omgången har startat" in html
    client.post(f"/mentorskap/omgangar/{r.id}/status/running", data={"utanfor_datum": "1"})
    html = client.get(tab).get_data(as_text=True)
    assert "Öppna utvärderingen</button>" in html and 'value="utvardering"' in html
    response = client.post(f"{tab}/oppna", data={"tillbaka": "utvardering"})
    assert response.headers["Location"] == tab
    html = client.get(tab).get_data(as_text=True)
    assert "Utvärderingen är öppen." in html and "Stäng utvärderingen</button>" in html
    response = client.post(f"{tab}/stang")  # from the round's page: back there
    assert response.headers["Location"] == f"/mentorskap/omgangar/{r.id}"
