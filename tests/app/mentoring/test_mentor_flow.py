"""The round from matching to published pairs, through the test client."""

import pytest
from sqlalchemy import func, select


def count(app, model):
    from mentorship.extensions import db

    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_admin_runs_matching_and_publishes(app, client, auth, build_round, admin_user):
    from mentorship.mail.models import OutboxMessage
    from mentorship.mentoring.models import MatchRun, MentorPair

    r = build_round(pairs=4)
    auth.login(admin_user.email)
    page = client.get(f"/mentorskap/omgangar/{r.id}/matchning")
    assert page.status_code == 200, page.data[:3000]
    assert count(app, MatchRun) == 0
    assert 'id="tie-break"' not in page.get_data(as_text=True)  # no proposal shown yet
    response = client.post(
        f"/mentorskap/omgangar/{r.id}/matchning/kor",
        data={"min_score": "0", "w_business_area": "30", "w_goals": "40", "w_experience": "20",
              "w_gender": "10", "w_distance": "20"},
    )
    assert response.status_code == 302, response.data[:3000]
    assert count(app, MatchRun) == 1
    html = client.get(f"/mentorskap/omgangar/{r.id}/matchning").get_data(as_text=True)
    assert 'id="tie-break"' in html
    assert "Föreslagna par (4)" in html
    assert "Kommuner representerade" in html
    assert count(app, MentorPair) == 0
    response = client.post(f"/mentorskap/omgangar/{r.id}/publicera")
    assert response.status_code == 302
    assert count(app, MentorPair) == 4
    assert count(app, OutboxMessage) == 8
    html = client.get(f"/mentorskap/omgangar/{r.id}").get_data(as_text=True)
    assert "Publicerad" in html


@pytest.mark.wording
def test_the_proposal_page_says_what_to_do_before_the_first_run(client, auth, build_round,
                                                                admin_user):
    r = build_round(pairs=1)
    auth.login(admin_user.email)
    page = client.get(f"/mentorskap/omgangar/{r.id}/matchning").get_data(as_text=True)
    assert "Matchningen har inte körts än. Kontrollera vikterna nedan och kör den." in page
