"""The year's report as a page (2023 as the annual report tells it, see conftest.py): no name
of a trainee or participant but the winner's, the quote only with its author's consent, every
figure a link to a list the reader may open, the sections and tables, the reader's rights and
a fixed number of queries."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import select

from tests.app.reports.conftest import QUOTE, report_of


def test_no_name_of_a_trainee_or_participant_but_the_winner_appears(
    app, client, auth, year_2023, admin
):
    from mentorship.auth.models import User
    from mentorship.extensions import db

    auth.login(admin.email)
    html = client.get("/rapport/ar/2023").get_data(as_text=True)
    assert "Trainee 17-" not in html and "Trainee 18-" not in html
    with app.app_context():
        names = set(db.session.scalars(select(User.name).where(User.name.like("Person %"))))
    shown = set(re.findall(r"Person \d+", html))
    assert shown == {"Person 49"} and shown <= names


def test_a_quote_only_with_the_authors_consent(app, client, auth, year_2023, admin):
    from mentorship.extensions import db
    from mentorship.mentoring.closing_models import Nomination

    winner = f"mentor.winner.{year_2023.spring}"
    assert report_of(app, admin.email)[0].paragraph(winner).quote is None
    auth.login(admin.email)
    assert QUOTE not in client.get("/rapport/ar/2023").get_data(as_text=True)
    with app.app_context():
        db.session.get(Nomination, year_2023.nomination).quote_consent = True
        db.session.commit()
    assert report_of(app, admin.email)[0].paragraph(winner).quote == QUOTE
    html = client.get("/rapport/ar/2023").get_data(as_text=True)
    # in the winner's paragraph, before the next one
    start = html.index(f'id="p-{winner}"')
    assert start < html.index(QUOTE) < html.index('id="p-', start + 1)


@pytest.mark.parametrize("who", ["admin", "hr"])
def test_every_figure_links_to_a_list_the_reader_may_open(
    app, client, auth, year_2023, admin, hr_bjuv, who
):
    user = admin if who == "admin" else hr_bjuv
    _r, _texts, links = report_of(app, user.email)
    auth.login(user.email)
    linked = [(key, text, url) for key, text, url in links if url]
    assert len(linked) > 20
    for key, text, url in linked:
        assert client.get(url).status_code == 200, (key, text, url)
    if who == "admin":
        # every count in the cooperation's version links to the list it counts
        unlinked = [(p.key, f.text) for p in _r.paragraphs for f in p.figures
                    if f.count and f.url is None]
        assert unlinked == []


def test_the_page_shows_the_sections_and_the_tables(app, client, auth, year_2023, admin):
    from mentorship.extensions import db
    from mentorship.networks.models import NetworkPlan

    auth.login(admin.email)
    response = client.get("/rapport/ar/2023")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    for text in ("Mentorsprogrammet", "Traineeprogrammet", "Nätverksregistret",
                 'id="table-participants"', 'id="table-outcomes"', 'id="table-visits"',
                 'id="table-networks"', "Samordna kommunernas HR-arbete.",
                 f'Samtliga <a href="/trainee/grupper/{year_2023.g17}">åtta</a> traineer'):
        assert text in html, text
    with app.app_context():
        later = db.session.scalar(select(NetworkPlan.purpose).where(NetworkPlan.year == 2024))
    assert later and later not in html  # 2024's purpose
    from datetime import date

    today = date.today()
    expected = today.year if today.month >= 7 else today.year - 1
    assert client.get("/rapport/ar/").headers["Location"].endswith(f"/rapport/ar/{expected}")
    assert client.get("/rapport/ar/2005").status_code == 404
    assert client.get("/rapport/ar/2999").status_code == 404


def test_participants_may_not_read_the_report(client, login_as):
    login_as("participant")
    assert client.get("/rapport/ar/2023").status_code == 403


def test_the_page_runs_a_fixed_number_of_queries(app, client, auth, year_2023, admin,
                                                 count_queries):
    """More people, pairs, talks and trainees in the year: not one query more."""
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorPair, MentorTalk
    from mentorship.trainees.models import Trainee

    auth.login(admin.email)
    client.get("/rapport/ar/2023")
    with count_queries() as counter:
        assert client.get("/rapport/ar/2023").status_code == 200
    before = counter.count
    with app.app_context():
        pair = db.session.scalars(select(MentorPair)).first()
        host = db.session.scalars(select(Trainee.host_municipality_id)).first()
        for k in range(30):
            db.session.add(MentorTalk(pair_id=pair.id, held_on=date(2023, 12, 1), minutes=45))
            db.session.add(Trainee(cohort_id=year_2023.g18, imported_name=f"Ny {k}",
                                   host_municipality_id=host, position_title="Utredare"))
        db.session.commit()
    with count_queries() as counter:
        html = client.get("/rapport/ar/2023").get_data(as_text=True)
    assert counter.count == before
    started = re.search(r'<p id="t-trainee\.started\.18">(.*?)</p>', html).group(1)
    assert re.search(r"<a [^>]+>40</a>", started)  # the group's trainees, counted again
