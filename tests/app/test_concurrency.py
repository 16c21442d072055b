"""Two HR contacts saving outcomes at the same moment lose nothing.

Real threads, each with its own test client (its own login, session and database
connection), on SQLite and on PostgreSQL as the suite runs. A barrier inside the service
holds both requests until each has loaded the trainee, so both really edit the same version
and race to the database: exactly one wins, the other gets the Swedish conflict message with
what is saved now, and the history shows the winner's change and nothing overwritten.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from mentorship.trainees.outcomes.services import conflict_message
from tests.app.trainees import conftest as trainee_fixtures
from tests.app.trainees.conftest import muni_id
from tests.said import summary

# The trainee programme's small world and its report helper, as fixtures here too.
world = trainee_fixtures.world
report_outcome = trainee_fixtures.report_outcome

# Real threads with connections of their own: what the test writes must be committed.
pytestmark = pytest.mark.committed



@pytest.fixture
def two_hr_clients(app, world, make_user):
    """Two HR contacts of Bjuv, each logged in with a client of their own."""
    make_user("hr2.bjuv@example.org", roles=("hr",), municipality="Bjuv")
    clients = []
    for email in ("hr.bjuv@example.org", "hr2.bjuv@example.org"):
        client = app.test_client()
        r = client.post("/logga-in", data={"email": email, "password": "correct horse battery"})
        assert r.status_code == 302
        clients.append(client)
    return clients


@pytest.fixture
def meet_in_service(monkeypatch):
    """Both requests wait for each other inside report_outcome, after loading the trainee
    (only in the request threads: the test's own set-up passes straight through)."""
    from mentorship.trainees.outcomes import services as outcomes

    real = outcomes.report_outcome
    barrier = threading.Barrier(2, timeout=15)

    def together(*args, **kwargs):
        if threading.current_thread() is not threading.main_thread():
            barrier.wait()
        return real(*args, **kwargs)

    monkeypatch.setattr(outcomes, "report_outcome", together)
    return barrier


def _form(app, category: str, employer: str | None, title: str, version: int) -> dict:
    with app.app_context():
        employer_id = muni_id(employer) if employer else 0
    return {
        "category": category,
        "employer_municipality_id": str(employer_id),
        "position_title": title,
        "start_date": "2025-09-01",
        "version": str(version),
    }


def _post_at_once(posts: list[tuple]) -> list:
    def send(item):
        client, url, data = item
        return client.post(url, data=data)

    with ThreadPoolExecutor(max_workers=len(posts)) as pool:
        return list(pool.map(send, posts))


def _outcome_state(app, trainee_id: int):
    from mentorship.extensions import db
    from mentorship.trainees.models import Outcome, OutcomeChange

    with app.app_context():
        outcome = db.session.scalar(select(Outcome).where(Outcome.trainee_id == trainee_id))
        if outcome is None:
            return None, []
        changes = db.session.execute(
            select(OutcomeChange.changed_by_id, OutcomeChange.changes)
            .where(OutcomeChange.outcome_id == outcome.id)
            .order_by(OutcomeChange.id)
        ).all()
        values = (outcome.category, outcome.employer_municipality_id, outcome.position_title,
                  outcome.version, outcome.updated_by_id)
        return values, [tuple(c) for c in changes]


def _user_id(app, email: str) -> int:
    from mentorship.auth.models import User
    from mentorship.extensions import db

    with app.app_context():
        return db.session.scalar(select(User.id).where(User.email == email))


@pytest.mark.parametrize("existing", [True, False], ids=["change", "first-report"])
def test_same_outcome_saved_at_the_same_moment_one_wins_nothing_lost(
    app, world, two_hr_clients, meet_in_service, report_outcome, existing
):
    if existing:
        report_outcome(world.bjuv1, "seeking_work", title="")  # version 1, one change
    before_values, before_changes = _outcome_state(app, world.bjuv1)
    version = before_values[3] if before_values else 0
    url = f"/trainee/{world.bjuv1}/utfall"
    first = _form(app, "permanent_member", "Bjuv", "ekonom", version)
    second = _form(app, "studies", None, "", version)
    responses = _post_at_once(
        [(two_hr_clients[0], url, first), (two_hr_clients[1], url, second)]
    )

    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200, 302], [r.get_data(as_text=True)[:2000] for r in responses]
    winner = 0 if responses[0].status_code == 302 else 1
    loser_html = responses[1 - winner].get_data(as_text=True)
    with app.test_request_context():
        conflict = conflict_message()
    assert any(conflict in item for item in summary(loser_html))
    assert 'id="saved-now"' in loser_html  # the winner's values are shown
    assert f'value="{version + 1}"' in loser_html  # ready to save against the new version
    assert "Traceback" not in loser_html

    values, changes = _outcome_state(app, world.bjuv1)
    winner_email = ("hr.bjuv@example.org", "hr2.bjuv@example.org")[winner]
    winner_id = _user_id(app, winner_email)
    expected = (
        ("permanent_member", muni_id_in(app, "Bjuv"), "ekonom")
        if winner == 0
        else ("studies", None, "")
    )
    assert values[:3] == expected
    assert values[3] == version + 1 and values[4] == winner_id
    # The history keeps everything before and exactly the winner's change after it.
    assert changes[: len(before_changes)] == before_changes
    assert len(changes) == len(before_changes) + 1
    assert changes[-1][0] == winner_id
    new_category = [c for c in changes[-1][1] if c[0] == "category"]
    assert new_category == [["category", "seeking_work" if existing else "", expected[0]]]

    # The loser saves again, now against the version it was shown: a deliberate change,
    # recorded on top of the winner's.
    loser = two_hr_clients[1 - winner]
    again = (first, second)[1 - winner] | {"version": str(version + 1)}
    assert loser.post(url, data=again).status_code == 302
    values, changes = _outcome_state(app, world.bjuv1)
    assert values[3] == version + 2 and len(changes) == len(before_changes) + 2


def test_two_outcomes_saved_at_the_same_moment_both_persist(
    app, world, two_hr_clients, meet_in_service
):
    responses = _post_at_once(
        [
            (two_hr_clients[0], f"/trainee/{world.bjuv1}/utfall",
             _form(app, "permanent_member", "Bjuv", "ekonom", 0)),
            (two_hr_clients[1], f"/trainee/{world.bjuv2}/utfall",
             _form(app, "employed_outside", None, "analytiker", 0)),
        ]
    )
    assert [r.status_code for r in responses] == [302, 302], [
        r.get_data(as_text=True)[:2000] for r in responses
    ]
    first, first_changes = _outcome_state(app, world.bjuv1)
    second, second_changes = _outcome_state(app, world.bjuv2)
    assert first[:4] == ("permanent_member", muni_id_in(app, "Bjuv"), "ekonom", 1)
    assert second[:4] == ("employed_outside", None, "analytiker", 1)
    assert first[4] == _user_id(app, "hr.bjuv@example.org")
    assert second[4] == _user_id(app, "hr2.bjuv@example.org")
    assert len(first_changes) == 1 and len(second_changes) == 1
    from mentorship.extensions import db
    from mentorship.trainees.models import OutcomeChange

    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(OutcomeChange)) == 2


def muni_id_in(app, name: str) -> int:
    with app.app_context():
        return muni_id(name)
